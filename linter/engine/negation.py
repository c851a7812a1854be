"""Is a match negated or quoted? Explainable heuristics over the match's clause.

Negation has a scope, not a window. A negation word governs the rest of the
clause it stands in, so "not intended to diagnose, treat, cure or prevent"
negates "cure" however long the list, and "There is no evidence that
exosomes can treat arthritis" negates "treat" inside the complement clause.
The algorithm, for a match in a sentence:

1. **The clause.** Walk back from the match to the nearest clause boundary:
   the sentence start; ``;``, ``:``, a dash, brackets, an ellipsis; a contrastive or
   subordinating word (but, however, although, though, whereas, yet,
   except, unlike, instead, while, whilst); a relative pronoun (which,
   who); a comma that opens a new clause (", and it", ", so we", ", our
   therapy": a comma followed by a subject) or that closes a fronted
   subordinate clause ("While there is no cure, ..."). A comma inside a
   list does not end the clause. ``that`` ends it too, unless it introduces
   what a negated word of evidence, claim or ability governs ("no evidence
   that", "never claimed that", "no guarantee that"), or a second such
   complement joined to it ("no evidence that A, or that B"), or a relative
   clause whose antecedent a negated existential denies ("There is no drug
   that cures MS", "there isn't a pill that ...", "No drug that we tested ...").
2. **Idioms.** Phrases that look negative but are not are set aside: "not
   only", "not just", "not the only", "no longer", "no doubt", "no wonder",
   "no matter", "no surprise", "no secret", "no coincidence", "no accident",
   "no question", "no denying".
3. **Negators.** Count the negation words in the clause before the match
   (no, zero, not, n't, never, none, nothing, nobody, neither, nor, without,
   cannot, lack, deny, doubt, rarely, seldom, hardly, and phrases such as
   "fail to", "unable to", "yet to", "far from", "too early to"; "non"
   only as the prefix of the match itself, "non-FDA-approved", not of an
   earlier word, "non-invasive, with no side effects"). An odd count
   negates; an even count is a double negation ("no one can deny that ...")
   and does not.
4. **After the match.** A negated auxiliary right after the match, with a
   word that denies the thing is assured, negates it too: "a cure is not
   guaranteed", "reversal has not been shown" (but "the injections are not
   experimental" leaves "injections" alone); so does a verb that puts it
   out of reach: "a cure remains elusive", "is still years away".

Every answer says why (``Evidence``), for ``healthlint why``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from linter.common.plaindata import PlainData
from linter.matching.expressions import TextMatch, TextRegex

# Only this much text before a match can matter: keeps giant sentences linear.
_LOOKBACK_CHARS = 400
_QUOTE_LOOKBACK_CHARS = 4000

_NEGATOR_WORDS = frozenset(
    {
        "no",
        "zero",  # a quantifier like "no": "zero FDA-approved therapies exist"
        "not",
        "never",
        "without",
        "cannot",
        "nor",
        "neither",
        "none",
        "nothing",
        "nobody",
        "non",
        "lack",
        "lacks",
        "lacking",
        "deny",
        "denies",
        "denied",
        "doubt",
        "doubts",
        # mostly not: "surgery rarely cures them"
        "rarely",
        "seldom",
        "hardly",
        "scarcely",
    }
)
# Phrases that negate what follows: "has yet to be approved", "failed to repair",
# "too early to call this a cure", "eases symptoms rather than curing autism".
_NEGATING_PHRASES = TextRegex(
    "(?i)"
    r"\b(?:yet to|fail(?:s|ed|ure)? to|unable to|far from|free (?:of|from)"
    r"|too (?:early|soon|late|weak|small|little|damaged|advanced|far gone) to"
    r"|rather than|instead of)\b"
)
# Phrases that look negative and are not.
_IDIOMS = TextRegex(
    "(?i)"
    r"\b(?:not\s+only|not\s+just|not\s+merely|not\s+simply|no\s+longer|no\s+doubt"
    r"|no\s+wonder|no\s+matter|nothing\s+but|not\s+least|none\s+other"
    # "it's no surprise that PRP heals tendons" affirms
    r"|no\s+(?:surprise|secret|coincidence|accident|question|denying|arguing|disputing)"
    # "not the only" adds: "anti-aging isn't the only thing stem cells can do"
    r"|not\s+the\s+only|\w*n['’]t\s+the\s+only)\b"
)
# The clause patterns are RE2 expressions: RE2 compiles them in a fraction of
# Python re's time (see docs/architecture.md, "Start-up budget"); what needs a
# look-around is checked in code instead.
_HARD_BREAK = TextRegex(
    "(?i)[;:()\\[\\]\u2013\u2014?!\u2026]|\\.\\s?\\.\\s?\\.|\\s-\\s|\\binstead\\s*,"
    r"|\b(?:but|however|although|though|whereas|except|unlike|while|whilst"
    r"|which|who|whom|whose|yet)\b"
)
# A comma followed by a new subject opens a new clause: ", and it cures", ", we cure".
_COMMA_NEW_CLAUSE = TextRegex(
    r"(?i),\s*(?:(?:and|so|or|then)\s+)?((?:it|this|these|those|they|we|you|he|she|i"
    r"|our|your|their|its|his|her|the|patients?|many|most|all|each|every|one))\b"
)
# Without a comma: "and they cure", "so we cure".
_AND_NEW_CLAUSE = TextRegex(r"(?i)\b(?:and|so|but)\s+((?:it|they|we|he|she|you|i))\b")
# A clause these open ends at its first comma: "Although surgery cannot help, PRP ...",
# "Our therapy, which is not experimental, reverses ...".
_ENDS_AT_COMMA = TextRegex(
    r"(?i)(?:^|[\s,])(?:while|although|though|whilst|since|because|as|if|when|whereas"
    r"|unlike|despite|even\s+though|even\s+if|after|before|once|until|rather\s+than|instead\s+of)\b"
    r"|,\s*(?:which|who)\b"
)
# Verbal negation ("did not respond") ends where another verb phrase begins
# ("Patients who did not respond to drugs were cured"); "not a", "not only"
# negate a noun or are idioms.
_VERBAL_WORDS = frozenset({"not", "never", "cannot", "rarely", "seldom", "hardly", "scarcely"})
_NOUN_STARTS = frozenset({"a", "an", "the", "any", "one", "all", "every", "single", "only", "just"})
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|could|would|should|does|do|did|may|might"
    r"|must)\b",
    re.I,
)
_COORDINATED = re.compile(r",?\s*\b(?:and|or|nor)\b", re.I)
# "that" after these words belongs to the negated word's clause: "no evidence that".
_GOVERNING = (
    r"\b(?:evidence|proof|data|study|studies|research|trials?|indication|sign|guarantee"
    r"|promise|claim(?:s|ed)?|say|said|says|suggest(?:s|ed|ing)?|show(?:s|n|ed|ing)?|prove[ns]?|proved|proving"
    r"|indicat(?:es?|ed|ing)|demonstrat(?:es?|ed|ing)|advertis(?:es?|ed|ing)|represent(?:s|ed|ing)?"
    r"|mean(?:s|t)?|believe[ds]?|think|thought|know|known|reason|chance|way|possible"
    r"|likely|true|certain|clear|sure|deny|denied|doubt|hope[sd]?|hopeful|aim|goal)\W+(?:\w+\W+)?that\b"
)
_GOVERNING_THAT = TextRegex("(?i)" + _GOVERNING + r"\s*$")  # ends with such a "that"
_HAS_GOVERNED_THAT = TextRegex("(?i)" + _GOVERNING)
_THAT = re.compile(r"\bthat\b", re.I)
# A second complement opens with its subject: a pronoun, a determiner or a name ("or
# that they repair nerves", "or that CBD treats cancer"); "and that is why", "and that
# alone" use "that" as a subject of its own.
_COMPLEMENT_SUBJECT = re.compile(
    r"\s+(?:(?:it|they|he|she|we|you|i|the|a|an|our|their|his|her|its|this|these|those"
    r"|such|any|no|some|most|many|all|every|each)\b(?!')|[A-Z])",
)
# How far before the governing word its negation may stand: "there is no evidence
# that", "no study has shown that", "we cannot promise that".
_GOVERNOR_REACH = 60
_GOVERNOR_WORDS = 4
# A "that" whose antecedent a negated existential or a sentence-opening "no" denies:
# "There is no drug that cures MS", "there isn't a drug on the market today that
# prevents them", "No pill that we tested reverses arthritis". The relative clause
# is part of what is denied. Only these openings ("Patients with no insurance said
# that ..." has "no" inside a noun phrase that governs nothing after it), and only
# when the "that" follows the denied noun itself.
_NEGATED_ANTECEDENT = re.compile(
    r"(?i)(?:\bthere(?:['’]s|\s+(?:is|are|was|were|has\s+been|have\s+been))\s+"
    r"(?:still\s+|yet\s+|currently\s+)?(?:no|not\s+(?:yet\s+)?(?:a|an|any|one))"
    r"|\bthere\s+(?:is|are|was|were)n['’]t\s+(?:yet\s+|currently\s+)?(?:a|an|any|one)"
    r"|^\W*no)\s+"
    # the denied noun, with its adjectives: one to four words, none of them a
    # preposition, a conjunction, a verb of being or a noun that takes a clause of its
    # own ("no question that", "no downtime with our injection that": there the
    # "that" is not the denied noun's)
    r"(?:(?!(?:that|and|or|but|with|from|for|to|of|in|by|on|at|about|than|as|like|after"
    r"|before|is|are|was|were|be|been|has|have|had|can|will|question|doubt|denying"
    r"|arguing|disputing|way|reason|chance|evidence|proof|guarantee|sign|indication"
    r"|need|point|catch|surprise|secret|wonder|coincidence|accident|more|other|longer"
    r"|better)\b)[\w'’-]+\s+){1,4}"
    # and where it is not to be had: "on the market today", "available yet"
    r"(?:(?:on\s+the\s+market|available|anywhere|yet|today|currently|now)\s+){0,3}$"
)
# A "that" joined to the one before it: "no evidence that A, or that B".
_COORDINATED_THAT = re.compile(r",?\s*\b(?:and|or|nor)\s+(?:also\s+|even\s+)?that$", re.I)
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
# After the match: "is not", "has not been", "cannot be", "isn't", "won't"; a thing
# that has not come about ("hasn't happened"); and see _EVIDENCE_DENIED_AFTER.
# ... and then a word that denies the thing exists or is assured ("a cure is not
# guaranteed"), not one that describes it ("the injections are not experimental").
# The words between may not start a new clause (what, that, than ...).
_NEGATED_AFTER = TextRegex(
    r"(?i)^\s*((?:\w+\s+){0,3}?)(?:(?:(?:is|are|was|were|has|have|had|can|could|will|would"
    r"|should|may|might|must)(?:n't|\s+not\b|\s+never\b)|cannot\b|won't\b)"
    r"(?:\s+be)?(?:\s+been)?\s+(?:guaranteed|promised|possible|proven|proved|assured|expected"
    r"|available|known|shown|established|certain|typical|likely|achievable)\b"
    # the thing said to be out of reach: "a cure remains elusive", "is still years away"
    r"|(?:is|are|was|were|remains?|remained|stays?|stayed)\s+(?:still\s+)?"
    r"(?:elusive|out\s+of\s+reach|unproven|years\s+away|far\s+off)\b"
    # the thing that has not come about: "a cure for cancer hasn't quite happened yet"
    r"|(?:has|have|had)(?:n't|\s+not|\s+never)\s+(?:quite\s+|yet\s+)?(?:happened|arrived"
    r"|materiali[sz]ed|emerged|been\s+found|been\s+achieved)\b"
    r")"
)
# Evidence that denies itself, right after it: "several studies failed to prove",
# "many cost studies don't separate" (not "don't just support", not "has never
# failed to show"). Only for a match that names evidence.
_EVIDENCE_DENIED_AFTER = TextRegex(
    r"(?i)^\s*(?:fail(?:s|ed)?\s+to\s+(?:prove|show|find|demonstrate|support|confirm|replicate)"
    r"|(?:do|does|did)(?:n't|\s+not)\s+(?:show|prove|support|find|confirm|demonstrate|establish"
    r"|separate|distinguish))\b"
)
_EVIDENCE = re.compile(
    r"\b(?:stud(?:y|ies)|research|trials?|evidence|data|papers?|reports?|reviews?|analys[ie]s)\b",
    re.I,
)
# "Too late to" is a deadline, not a denial, after "before" or "until": "start PRP
# before it is too late to reverse your hair loss".
_DEADLINE_BEFORE = re.compile(r"\b(?:before|until|till)\s+(?:\w+\s+){0,3}$", re.I)
_CLAUSE_WORDS = frozenset({"what", "that", "which", "who", "where", "when", "than", "as", "like"})
# Quick looks that spare a search where it cannot find anything (a clause
# without a comma, a clause without a negator); tests turn them off to
# compare every answer with the searches made in full.
_SHORTCUTS = True
# Text that every negator word and negating phrase holds (case-folded, as
# RE2 folds "\u017f" to "s"): a stretch before a match without any of them
# has no negation in any clause that could hold the match, so no clause map
# is needed to find where that clause begins.
_NEGATION_CUES = (
    "no",  # no, not, nor, none, nothing, nobody, non, cannot
    "n't",
    "never",
    "neither",
    "zero",
    "without",
    "lack",
    "den",  # deny, denies, denied
    "doubt",
    "rarely",
    "seldom",
    "hardly",
    "scarcely",
    "yet to",
    "fail",
    "unable",
    "far from",
    "free ",
    "too ",
    "rather",
    "instead",
)


def shortcuts_on() -> bool:
    """Are the quick looks on? (Tests turn them off to compare every answer in full.)"""
    return _SHORTCUTS


def reach_start(floor: int, start: int) -> int:
    """Where the text that can matter to a match at ``start`` begins, in its sentence."""
    return max(floor, start - _LOOKBACK_CHARS)


def may_be_negated_before(text: str, low: int, start: int) -> bool:
    """Could a negation word or phrase stand in ``text[low:start]``? False is certain."""
    stretch = text[low:start].casefold()
    return any(cue in stretch for cue in _NEGATION_CUES)


class Evidence(PlainData):
    """Why a condition holds: the words that decided it and where they start."""

    __slots__ = ("reason", "offset")

    def __init__(self, reason: str, offset: int) -> None:
        self.reason = reason  # e.g. 'negated by "not"'
        self.offset = offset  # in the block's text


class ClauseMap:
    """Where clauses begin in one sentence, worked out once for every match in it.

    Each entry is (where the boundary's text starts, where it must end before
    a match for it to count, where the clause after it begins).
    """

    __slots__ = ("floor", "entries")

    def __init__(self, text: str, floor: int, ceiling: int) -> None:
        self.floor = floor
        sentence = text[floor:ceiling]
        entries: list[tuple[int, int, int]] = []
        # Half the boundaries need a comma: a sentence without one is spared their search.
        commas = "," in sentence or not _SHORTCUTS
        for m in _HARD_BREAK.finditer(sentence):
            if _breaks(sentence, m):
                entries.append((m.start(), m.end(), m.end()))
        for pattern in (_COMMA_NEW_CLAUSE, _AND_NEW_CLAUSE) if commas else (_AND_NEW_CLAUSE,):
            for m in pattern.finditer(sentence):
                entries.append((m.start(), m.end(), m.start(1)))
        for m in _THAT.finditer(sentence):
            if (
                not _GOVERNING_THAT.search(sentence[: m.end()])
                and not _continues_governed(sentence, m.start())
                and not _NEGATED_ANTECEDENT.search(sentence[: m.start()])
            ):
                entries.append((m.start(), m.end(), m.end()))
        # A subordinate or non-restrictive relative clause ends at its first comma:
        # "While there is no cure, this therapy cures MS": "cures" is in the main clause.
        for m in _ENDS_AT_COMMA.finditer(sentence) if commas else ():
            comma = sentence.find(",", m.end())
            if comma >= 0:
                entries.append((m.start(), comma + 1, comma + 1))
        self.entries = [(a + floor, b + floor, c + floor) for a, b, c in entries]

    def start_of(self, start: int) -> int:
        """Where the clause holding a match at ``start`` begins."""
        low = max(self.floor, start - _LOOKBACK_CHARS)
        cut = low
        for begins, ends, after in self.entries:
            if begins >= low and ends <= start and after > cut:
                cut = after
        return cut


def _continues_governed(sentence: str, that: int) -> bool:
    """Is the "that" at ``that`` a second complement of a governed "that" before it?

    "no evidence that stem cells cure MS, or that they repair nerves": the
    coordinated "or that" carries on what "no evidence" governs.
    """
    joined = _COORDINATED_THAT.search(sentence[: that + 4])
    if joined is None or not _COMPLEMENT_SUBJECT.match(sentence, that + 4):
        return False  # "and that is why", "and that alone": that "that" is a subject
    governed = _HAS_GOVERNED_THAT.search(sentence[: joined.start()])
    if governed is None:
        return False
    # The negation must govern the first "that" ("There is no evidence that"), not
    # stand inside its complement ("Studies show that surgery is not needed, and that").
    before = sentence[max(0, governed.start() - _GOVERNOR_REACH) : governed.start()]
    words = _WORD.findall(before)[-_GOVERNOR_WORDS:]
    return any(_is_negator(w.lower()) for w in words)


def _is_negator(word: str) -> bool:
    """Is the lower-cased word one of negation ("no", "never", "doesn't")?"""
    return word in _NEGATOR_WORDS or word.endswith("n't")


def clause_begin(
    text: str, floor: int, start: int, clauses: ClauseMap | Callable[[], ClauseMap] | None
) -> int:
    """Where the clause holding the match at ``start`` begins, from the sentence's
    ClauseMap (or the function that makes it) when the caller has one."""
    if clauses is None:
        return clause_start(text, floor, start)
    if not isinstance(clauses, ClauseMap):
        clauses = clauses()
    return clauses.start_of(start)


def clause_start(text: str, floor: int, start: int) -> int:
    """Where the clause holding the match at ``start`` begins (``floor``: its sentence)."""
    low = max(floor, start - _LOOKBACK_CHARS)
    return ClauseMap(text, low, start).start_of(start)


_AUXILIARY_BEFORE_YET = ("not ", "n't ", "has ", "have ", "had ", "is ", "are ", "was ", "were ")


def _breaks(prefix: str, m: TextMatch) -> bool:
    """Is this hard break one? "yet" is a conjunction only: not in "not yet" and
    "yet to" (it negates there), nor after an auxiliary ("no drug has yet been
    shown to"), where it is an adverb inside the clause."""
    if prefix[m.start() : m.end()].lower() != "yet":
        return True
    before = prefix[max(0, m.start() - 6) : m.start()].lower()
    after = prefix[m.end() : m.end() + 4].lower()
    return not (before.endswith(_AUXILIARY_BEFORE_YET) or after.lstrip().startswith("to"))


def _is_verbal(clause: str, local: int, word: str) -> bool:
    """A verb's negation ("did not respond"), not a noun's ("not a cure") or an idiom."""
    lower = word.lower()
    if lower.endswith("n't"):
        return True
    if lower not in _VERBAL_WORDS:
        return False
    following = clause[local + len(word) :].split(None, 1)
    return not following or following[0].lower().strip(".,;:") not in _NOUN_STARTS


def _governing(clause: str, begin: int, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The negations that still govern the end of the clause.

    Coordinated negations ("do not claim, and have never claimed") count as
    one; a verbal negation ("did not respond") stops governing where another
    finite verb begins, unless a governed "that" carries it on.
    """
    kept: list[tuple[int, str]] = []
    for offset, word in found:
        local = offset - begin
        rest = clause[local + len(word) :]
        if _is_verbal(clause, local, word) and not _HAS_GOVERNED_THAT.search(rest):
            verb = _FINITE_VERB.search(rest)
            if verb is not None and not rest[: verb.start()].strip():
                # the verb it negates ("do not have a cure"), not another verb phrase
                verb = _FINITE_VERB.search(rest, verb.end())
            if verb is not None and verb.start() > 0 and not _COORDINATED.match(rest):
                continue  # another verb phrase follows: this negation's scope is over
        if kept and _COORDINATED.search(clause, kept[-1][0] - begin, local):
            continue  # coordinated with the negation before it: one denial
        kept.append((offset, word))
    return kept


def negation(
    text: str,
    floor: int,
    start: int,
    end: int,
    ceiling: int,
    clauses: ClauseMap | Callable[[], ClauseMap] | None = None,
) -> Evidence | None:
    """Why the match ``text[start:end]`` is negated, or None when it is not.

    ``floor`` and ``ceiling`` bound the match's sentence in ``text``;
    ``clauses`` is that sentence's ClauseMap when the caller keeps one, or a
    function that makes it: it is not needed when no negation stands before
    the match (most matches), and then it is never made.
    """
    if _SHORTCUTS and not may_be_negated_before(text, reach_start(floor, start), start):
        begin = start  # every clause holding the match is free of negators
    else:
        begin = clause_begin(text, floor, start, clauses)
    clause = text[begin:start]
    # Most clauses hold no negation. In ASCII text (lower-casing keeps every
    # word where it is) a look at the lower-cased clause shows it without
    # the loop over its words: every idiom holds "no" or "n't", every negator
    # word is in the set or ends in "n't".
    lowered = clause.lower() if _SHORTCUTS and clause.isascii() else None
    if lowered is None or "no" in lowered or "n't" in lowered:
        clause = _IDIOMS.sub(lambda m: " " * len(m.group()), clause)
        lowered = lowered and clause.lower()
    found: list[tuple[int, str]] = []
    if lowered is None or "n't" in lowered or not _NEGATOR_WORDS.isdisjoint(_WORD.findall(lowered)):
        for m in _WORD.finditer(clause):
            word = m.group().lower()
            if _is_negator(word):
                if word == "non" and begin + m.end() + 1 != start:
                    continue  # the prefix of another word ("non-invasive"), not of the match
                found.append((begin + m.start(), m.group()))
    for m in _NEGATING_PHRASES.finditer(clause):
        if m.group()[:3].lower() == "too" and _DEADLINE_BEFORE.search(clause, 0, m.start()):
            continue
        found.append((begin + m.start(), m.group()))
    found.sort()
    found = _governing(clause, begin, found)
    if len(found) % 2 == 1:
        offset, word = found[-1]
        return Evidence(f'negated by "{word}"', offset)
    if found and _SHORTCUTS:
        return None  # a double negation: one after the match would not count
    after = _NEGATED_AFTER.search(text[end : min(ceiling, end + 60)])
    if after is not None and not found and _CLAUSE_WORDS.isdisjoint(after.group(1).lower().split()):
        return Evidence(f'negated by "{after.group().strip()}" after it', end)
    if not found and _EVIDENCE.search(text, start, end):
        denied = _EVIDENCE_DENIED_AFTER.search(text[end : min(ceiling, end + 60)])
        if denied is not None:
            return Evidence(f'negated by "{denied.group().strip()}" after it', end)
    return None


def is_negated(text: str, floor: int, start: int, end: int | None = None) -> bool:
    """True when a negation governs the match at ``text[start:end]`` (see the module)."""
    stop = start if end is None else end
    return negation(text, floor, start, stop, len(text)) is not None


_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))'(?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?])'(?=[\s.,;:!?)\]]|$)")
_ATTRIBUTION = TextRegex(
    "(?i)"
    r"\b(?:says?|said|writes?|wrote|told|tells|explains?|explained|recalls?|recalled"
    r"|according to|reports?|reported|asks?|asked|added|adds|notes?|noted|shares?|shared)\b"
)
# Scare quotes are a word or two: the writer's own words, set off.
_SCARE_QUOTE_WORDS = 2


def _span(text: str, floor: int, start: int, end: int) -> tuple[int, int] | None:
    """The quotation around the match (its opening and closing mark), if any."""
    floor = max(floor, start - _QUOTE_LOOKBACK_CHARS)
    before = text[floor:start]
    if before.count('"') % 2 == 1:
        close = text.find('"', end, end + _QUOTE_LOOKBACK_CHARS)
        if close >= 0:
            return floor + before.rfind('"'), close
    lookahead = text[floor : start + 1]  # a quote right before the match opens it
    opens = list(_OPEN_SINGLE.finditer(lookahead))
    closes = _CLOSE_SINGLE.findall(before)
    if len(opens) > len(closes):
        close_match = _CLOSE_SINGLE.search(text, end, end + _QUOTE_LOOKBACK_CHARS)
        stop = close_match.start() if close_match else min(len(text), end)
        return floor + opens[-1].start(), stop
    return None


def _span_across_sentences(text: str, floor: int, start: int, end: int) -> tuple[int, int] | None:
    """A quotation that opened in an earlier sentence of the block and closes after the match.

    A speaker's words often run on after the speaker tag: '"It works," says
    Ann. "This is a game changer."' The second sentence holds only the
    closing mark. Only a block whose double quotation marks pair up is read
    this way: a stray mark (an inch sign) would otherwise turn the rest of
    the block into a quotation.
    """
    if floor == 0 or text.count('"') % 2:
        return None
    before = text[:floor]
    if before.count('"') % 2 == 0 or '"' in text[floor:start]:
        return None
    close = text.find('"', end)
    if close < 0:
        return None
    return before.rfind('"'), close


def quotation(text: str, floor: int, start: int, end: int, ceiling: int) -> Evidence | None:
    """Why the match is someone else's words or a title, or None.

    Quotation marks around the match make it a quotation when they hold more
    than a word or two, when the quotation is attributed ("says Jane", "she
    told us"), or when it is a title in capitals ("Race for the Cure"). A
    word or two in quotes is a scare quote: the writer's own claim.
    """
    span = _span(text, floor, start, end)
    if span is None:
        span = _span_across_sentences(text, floor, start, end)
        if span is None:
            return None
    open_at, close_at = span
    quoted = text[open_at + 1 : close_at]
    words = _WORD.findall(quoted)
    if len(words) > _SCARE_QUOTE_WORDS:
        return Evidence(f"inside a quotation of {len(words)} words", open_at)
    window = text[max(floor, open_at - 60) : min(ceiling, close_at + 60)]
    if _ATTRIBUTION.search(window):
        return Evidence("inside an attributed quotation", open_at)
    capitalised = [w for w in words if w[:1].isupper()]
    if len(words) >= 2 and len(capitalised) == len(words):
        return Evidence("inside a quoted title", open_at)
    return None


def is_quoted(text: str, floor: int, start: int, end: int) -> bool:
    """True when the match sits inside a quotation (not scare quotes) within its sentence."""
    return quotation(text, floor, start, end, len(text)) is not None
