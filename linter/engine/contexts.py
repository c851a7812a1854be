"""Whose claim is it? The contexts a rule can name: question, reported, hypothetical,
heading, disclaimer; and where it stands: listed.

A claim in a question ("Is PRP FDA approved?"), in a warning about other
sellers ("Be wary of any clinic that promises to cure MS"), in a supposition
("If stem cells cured MS, ...") or in a disclosure ("not intended to
diagnose, treat, cure or prevent any disease") is not the writer's own. The
engine computes these from the match's sentence and clause (see
linter.engine.negation for clauses); the pack decides what each means for a
rule (``unless question or reported``). Each answer says why, for
``healthlint why``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from linter.documents.model import Block
from linter.engine.negation import ClauseMap, Evidence, clause_begin, reach_start, shortcuts_on
from linter.matching.expressions import TextRegex

_QUESTION_START = TextRegex(
    "(?i)"
    r"^\W*(?:is|are|was|were|can|could|does|do|did|will|would|should|has|have|what|how|why"
    r"|who|which|when|where)\b"
)
# A question that tells: "Did you know that ...?", "But did you also know
# stem cells ...?", "Do you know that ...?" asserts what follows; "Do you know
# anyone who ...", "Did you know about ..." and "Do you know whether ..." ask.
_TOLD_AS_ASKED = re.compile(
    r"(?i)\W*(?:(?:but|and|so)\s+)?(?:did\s+you\s+(?:also\s+|even\s+|ever\s+)?know\b"
    r"(?!\s+(?:if|whether|how|what|why|where|when|who|which|anyone|anybody|someone|somebody"
    r"|any|about|of|your|my)\b)|do\s+you\s+(?:also\s+|even\s+)?know\s+that\b)"
)
_WORD = re.compile(r"\w")
# The answer that affirms a yes/no question: "Yes.", "Yes, it is", "Absolutely!"
# (not "Yes and no", "Yes-and-no", "Yes, but", "Yes, if you are healthy", "Yes,
# in some cases", which qualify it; "Of course, the firm ..." opens a sentence,
# so the softer words count only as a whole answer, and "Certainly. But ..."
# takes it back).
_AFFIRMED = re.compile(
    r"(?i)\s*(?:(?:yes|yep|absolutely)\s*(?:[.!,;:]|\s[\u2014\u2013-]\s)"
    r"|(?:definitely|certainly|of\s+course)\s*[.!])"
    r"(?!\s*(?:but|if|when|unless|however|depending|provided|as\s+long|only|in\s+some"
    r"|for\s+some|not\s+always|sometimes|it\s+depends)\b)"
)


def _asked(sentence: str) -> bool:
    """Does the sentence end with a question mark, marks after it aside ("Is it safe? +")?"""
    mark = sentence.rfind("?")
    return mark >= 0 and _WORD.search(sentence, mark) is None


# A heading opened by "why", "how", "when" or "where" and followed by a plain
# clause states it ("Why cord cells outperform the rest", "How PRP heals
# knees"); one whose verb comes first asks ("Why do knees ache", "How much
# does it cost", "How to choose a clinic").
_WH_STATEMENT = re.compile(
    r"^\W*(?:why|how|when|where)\s+(?!(?:is|are|was|were|am|can|could|does|do|did|will|would"
    r"|should|shall|has|have|had|may|might|must|to|much|many|long|often|soon|far|well|not|come"
    r"|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|couldn't|won't|wouldn't"
    r"|shouldn't|hasn't|haven't)\b)[\w'’]",
    re.I,
)
# "How effective is ...", "How safe are ...": "how" with a word, then the verb, asks.
_HOW_WORD_ASKS = re.compile(
    r"^\W*how\s+[\w-]+\s+(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have)\b",
    re.I,
)
# Warnings about, and reports of, someone else's claims.
_REPORTED = TextRegex(
    "(?i)"
    r"\b(?:be\s+(?:wary|cautious|careful|skeptical|sceptical|suspicious)\s+(?:of|about)"
    r"|bewar(?:e|y)\s+of|watch\s+out\s+for|look\s+out\s+for|steer\s+clear\s+of"
    r"|avoid(?:ing)?\s+(?:any\s+|those\s+|the\s+)?(?:clinics?|companies|providers?|products?"
    r"|sellers?|websites?|treatments?|therapies|anyone|people|offers?)"
    r"|red\s+flags?|(?:do\s+not|don't|never)\s+(?:believe|trust|fall\s+for)"
    r"|so-called|alleged(?:ly)?|purport(?:s|ed|ing)?\s+to|myths?|falsely"
    r"|(?:false|misleading|bogus|deceptive|fraudulent|unproven|exaggerated|unsubstantiated"
    r"|unsupported|unfounded|dubious|questionable)\s+"
    r"(?:claims?|promises?|advertis\w*|ads?|marketing)|scams?"
    r"|(?:claims?|promises?)\s+(?:about|of|regarding)"
    r"|advertis(?:e|es|ed|ing)\s+that"
    r"|warn(?:s|ed|ing|ings)?|caution(?:s|ed)?(?:\s+(?:that|against))|advis(?:es|ed)\s+against"
    r"|according\s+to\s+(?:the\s+)?(?:FDA|FTC|agency|regulators?|critics)"
    r"|(?:any|some|many|other|certain|unscrupulous|rogue|unproven)\s+(?:\w+\s+){0,2}?"
    r"(?:clinics?|companies|company|providers?|sellers?|products?|websites?|sites|ads?"
    r"|advertisements?|marketers?|businesses|practitioners?|people|one|treatments?|therapies)"
    r"\s+(?:that|which|who|claiming|promising|advertising|touting|offering|selling|say|claim"
    r"|promise|advertise|tout)"
    r"|(?:claim|claims|claimed|claiming|promising|promises|promised|tout|touts|touting)\s+(?:to|that)"
    r"|(?:hailed|touted|heralded|billed|lauded)\s+(?:by\s+(?:\w+\s+){1,3})?as"
    # a third party's words named as theirs: "what it claims are the fruit's proven
    # benefits", "what the company calls a breakthrough"
    r"|\b(?:what|which)\s+(?:it|they|he|she|the\s+[\w-]+|its\s+[\w-]+|their\s+[\w-]+"
    r"|(?-i:[A-Z][\w-]+\.?(?:\s+[A-Z][\w-]+)?))\s+(?:claims?|claimed|touts?|touted|calls?|called"
    r"|bills?|billed|markets?|marketed|advertises|advertised)\b"
    # the claim itself called fake, right before it: "bogus cancer 'cures'", "sham cures"
    r"|(?:bogus|fake|phony|phoney|sham|quack|fraudulent)\s+(?:[\w-]+\s+)?[\"'“‘]?\s*$"
    r")"
)
# Words mentioned, not used, inside the quotation such an introduction opens:
# "statements like 'FDA-approved stem cells'", "the word 'cure'".
_MENTION_OPENS = re.compile(
    r"(?:\b(?:statements?|claims?|phrases?|words?|terms?|wording|language|promises?|labels?"
    r"|slogans?)\s+(?:like|such\s+as)|\b(?:the\s+)?(?:words?|terms?|phrases?|labels?))"
    r"\s*([\"“‘'])",
    re.I,
)
_CLOSING = {'"': '"', "“": "”", "‘": "’", "'": "'"}
# A word named as the kind of claim or language it is, mentioned, not used:
# "'Cure' language", "FDA-approval claims", "miracle-cure wording".
# The kind-word must end its phrase ("'Cure' language:", "cure claims are
# false", "claims for hair loss"): "language therapy", "language delays" and
# "claims to fix" use it otherwise.
_MENTIONED = re.compile(
    r"[\"”’']?\s*(?:claims?|language|wording|terminology|labels?|labell?ing|rhetoric|buzzwords?)"
    r"(?=\s*(?:[:;,.!?)\]]|$)|\s+(?:is|are|was|were|can|may|might|should|must|on|in|of|about"
    r"|for|like|which|and|or|abound|appear|appears|mislead|misleads)\b)",
    re.I,
)
# First-person subjects make a claim verb the writer's own: "we promise to ...".
_FIRST_PERSON = re.compile(r"\b(?:we|our|i|us)\b", re.I)
_OWN_CLAIM_VERB = TextRegex(
    "(?i)"
    r"\b(?:claim|claims|claimed|claiming|promising|promises|promised|tout|touts|touting"
    r"|advertise|advertises|advertised|advertising)\b"
)
_HYPOTHETICAL = TextRegex(
    "(?i)"
    r"\b(?:if|unless|imagine|suppose|supposing|assuming|wish|were\s+to|would|what\s+if"
    r"|in\s+theory|theoretically|hypothetically"
    # an open question asked indirectly: "to determine whether the patients were cured"
    # (not "whether you want X or Y, we ...", which offers both)
    r"|(?:determin\w*|know\w*|see|seeing|tell|show\w*|test\w*|ask\w*|learn\w*|find\s+out"
    r"|decid\w*|assess\w*|evaluat\w*|unclear|unknown|uncertain|wonder\w*|question\s+of|clear"
    r"|questions?\s+(?:about|on|regarding|as\s+to))"
    r"(?:\s+(?:us|them|you|him|her|me))?\s+whether)\b"
)
# A supposition about the reader's wish to act is an invitation, not a
# hypothesis: "if you would like to book a visit, call us", "if you have
# questions or are ready to start", "would like to" (a wish, not a conditional).
# What a reader wants or looks for stays supposed ("if you want proven results").
_ACT = (
    r"(?:\s+to\s+(?:book|schedule|request|learn|speak|talk|meet|discuss|find\s+out|know|hear"
    r"|see|visit|start|get\s+started|make|set\s+up|arrange|try|explore|come|call|contact))"
)
_INVITATION = re.compile(
    r"(?:would|'d)\s+(?:like|love|prefer)" + _ACT + r"\b"
    r"|if\s+you(?:(?:[\s,]+\w+){0,8}?[\s,]+|(?='))(?:(?:would\s+|'d\s+)(?:like|love|prefer)"
    + _ACT
    + r"|(?:are\s+|'re\s+)(?:interested|ready)"
    r"|have\s+(?:any\s+)?questions)\b",
    re.I,
)
# An aim, hope or attempt: what is wanted is not claimed to happen ("in hopes of
# restoring function", "the goal is to halt progression", "trying to repair",
# "doctors hope the drug will", "efforts to", "finding ways to", "could open
# the door to halting", "trials of a vaccine to reverse"),
# unless the writer or the offering holds the aim (see hypothetical).
_ASPIRATION = TextRegex(
    "(?i)"
    r"\b(?:hop(?:e|es|ed|ing)\s+(?:to|that|for|of|the|a|an|this|these|it|they|he|she|his|her"
    r"|their)\b|in\s+(?:the\s+)?hopes?\s+(?:of|that)"
    r"|(?:the|our|their|its|whose|main|primary|ultimate)\s+(?:aim|goal|hope|dream|ambition"
    r"|challenge|quest|objective|effort)s?\b|aim(?:s|ed|ing)?\s+(?:to|at)|goals?\s+(?:is|was|of)"
    r"|(?:seek|seeks|seeking|sought|strive|strives|striving|attempt|attempts|attempted"
    r"|attempting|try|tries|tried|trying)\s+to|working\s+(?:to|towards?|on)"
    r"|(?:an\s+)?efforts?\s+to"
    r"|(?:find|finds|finding|develop|developing|explore|exploring|look(?:ing)?\s+for"
    r"|search(?:ing)?\s+for)\s+(?:new\s+|better\s+|other\s+)?ways?\s+to"
    r"|(?:open(?:s|ed|ing)?\s+the\s+door|pav(?:e|es|ed|ing)\s+the\s+way)\s+(?:to|for)"
    r"|hopeful\s+(?:that|about)"
    r"|(?:trials?|stud(?:y|ies)|experiments?)\s+(?:of|with|using|testing)\s+(?:[\w-]+\s+){1,4}to"
    r"|(?:long|longs|longed|longing)\s+for"
    r"|(?:first|key|important|major|big|crucial|critical|next)\s+steps?\s+(?:towards?|in))"
)
# A product still awaiting approval: whatever the sentence says of it is a
# prospect ("A safe and effective oral insulin, if approved, is expected").
_PENDING_APPROVAL = TextRegex(
    r"(?i)\b(?:if|once|when|until)\s+(?:it\s+is\s+|it's\s+|they\s+are\s+)?"
    r"(?:approved|cleared|authori[sz]ed|licensed)\b"
)
_OFFERING = re.compile(
    r"\b(?:treatments?|therap(?:y|ies)|procedures?|protocols?|injections?|infusions?"
    r"|programs?|products?|sessions?)\b",
    re.I,
)
_AIM_OF_OFFERING = re.compile(
    r"\s+of\s+(?:the\s+|this\s+|our\s+|its\s+|that\s+)?(?:[\w-]+\s+)?(?:treatments?|therap(?:y|ies)"
    r"|procedures?|protocols?|injections?|infusions?|programs?|products?|sessions?)\b",
    re.I,
)
# A practice named the way commercial clinics name themselves, opening the
# sentence as the aim's subject: "Harbor Regenerative aims to heal damaged nerves".
# Only as the sentence's first words: "Researchers at Regenerative Medicine
# Institute aim to" holds the researchers' aim.
_PRACTICE_OPENING = re.compile(
    r"\s*(?:At\s+)?(?:[A-Z][\w'’&-]*\s+){0,3}(?:Regenerative|Wellness|Chiropractic|Aesthetics"
    r"|Rejuvenation|MedSpa|Med\s+Spa|Anti-Aging|Longevity|Integrative)"
    r"(?:\s+(?:Medicine|Center|Centre|Clinic|Institute|Health|Group|Spa|Studio))?\b"
)
# Words between an offering and an aim that make the offering something else's
# object: "an infusion in the hopes of". A relative pronoun does not: in "a
# therapy that aims to cure", the therapy holds the aim.
_PARTED = re.compile(r"\b(?:in|for|with|by|after|before|to|into|of)\b", re.I)
_OFFERING_THAT = re.compile(
    r"\b(?:treatments?|therap(?:y|ies)|procedures?|protocols?|injections?|infusions?|programs?"
    r"|products?|sessions?)\s*,?\s*(?:that|which)\s*$",
    re.I,
)
_IF = re.compile(r"\bif\b", re.I)
# The match as the subject of a conditional right after it: "a cure rate would be",
# "such a cure would mean" (not "would like to": a wish to act).
_WOULD_AFTER = re.compile(r"\s+(would)\s+(?!like\b|love\b)\w", re.I)
_COULD = re.compile(r"\b(?:could|might)\b", re.I)
# A sentence that is itself a disclosure.
_DISCLAIMER = TextRegex(
    "(?i)"
    r"\b(?:not\s+(?:been\s+)?intended\s+to\s+(?:diagnose|treat|cure|prevent|mitigate)"
    r"|(?:has|have)\s+not\s+been\s+(?:evaluated|approved|reviewed|cleared)\s+by\s+the"
    r"\s+(?:FDA|Food\s+and\s+Drug\s+Administration)"
    r"|(?:not|n't)\s+(?:been\s+)?(?:FDA[\s-]+approved|approved\s+by\s+the\s+(?:FDA|Food))"
    r"|results\s+(?:may|will|can)\s+vary|individual\s+results|results\s+are\s+not\s+typical"
    r"|not\s+(?:a\s+substitute\s+for|medical\s+advice|guaranteed)|no\s+guarantee"
    r"|for\s+(?:informational|educational)\s+purposes|consult\s+(?:with\s+)?(?:your|a)"
    r"\s+(?:doctor|physician|health\s*care|medical)|investigational|not\s+covered\s+by\s+insurance"
    r"|this\s+(?:is\s+not|isn't)\s+(?:a\s+)?cure|there\s+is\s+no\s+(?:known\s+)?cure"
    r"|forward-looking\s+statements?)"
)


def question(
    text: str, floor: int, start: int, ceiling: int, heading: bool, answer: str = ""
) -> Evidence | None:
    """The sentence asks: it ends in a question mark, or is a heading worded as a question.

    A question the copy answers "Yes." asserts what it asks ("Is the therapy
    safe? Yes."): the answer is the words right after the question in its
    block or, for a question that ends its block, ``answer``, the next
    block's text (an FAQ's answer; empty when that block is a heading).
    """
    sentence = text[floor:ceiling].rstrip()
    if _asked(sentence):
        if _TOLD_AS_ASKED.match(sentence):
            return None  # "Did you know that case reports show ...?" tells it
        ends_block = _WORD.search(text, ceiling) is None  # marks after it aside ("? *")
        if _AFFIRMED.match(text, ceiling) or (ends_block and _AFFIRMED.match(answer)):
            return None
        return Evidence("the sentence is a question", ceiling - 1)
    if (
        heading
        and _QUESTION_START.match(sentence)
        and (not _WH_STATEMENT.match(sentence) or _HOW_WORD_ASKS.match(sentence))
        and not _TOLD_AS_ASKED.match(sentence)
    ):
        if _AFFIRMED.match(answer):
            return None
        return Evidence("a heading worded as a question", floor)
    return None


def reported(text: str, floor: int, start: int, end: int | None = None) -> Evidence | None:
    """The claim is someone else's, reported or warned against, earlier in its sentence;
    or the matched words (ending at ``end``) are named as a kind of claim or language."""
    if end is not None:
        mentioned = _MENTIONED.match(text, end)
        if mentioned is not None:
            return Evidence(f'mentioned: "{mentioned.group().strip()}"', mentioned.start())
        for opens in _MENTION_OPENS.finditer(text, max(floor, start - 300), start):
            closing = text.find(_CLOSING[opens.group(1)], opens.end())
            if opens.end() <= start and end <= closing:
                return Evidence(f'mentioned: "{opens.group().strip()}"', opens.start())
    before = text[max(floor, start - 300) : start]
    base = start - len(before)
    found = None
    for m in _REPORTED.finditer(before):
        found = m
    if found is None:
        return None
    if _OWN_CLAIM_VERB.match(found.group()) and _FIRST_PERSON.search(before, 0, found.start()):
        return None  # "we promise to ...": the writer's own claim
    return Evidence(f'reported: "{found.group().strip()}"', base + found.start())


# A heading over warning signs of a scam or a seller: what its section lists is warned
# against ("Red Flags Indicating Fraudulent Offerings", "Warning signs of a stem cell
# scam", "How to spot a health scam"), not claimed. Warning signs of a disease ("Warning
# signs of a stroke", "Red flags for back pain") warn of nothing sold.
_FRAUD_WORD = (
    r"(?:scams?|fraud\w*|quack\w*|questionable|misleading|unproven|predatory|bogus|shady"
    r"|dubious|unscrupulous|clinics?|providers?|sellers?|offer(?:s|ings?)|claims?|marketing|ads?)"
)
_WARNING_HEADING = TextRegex(
    "(?i)"
    r"\b(?:red\s+flags?|warning\s+signs?|signs?|watch\s+(?:out\s+)?for|bewar(?:e|y)\s+of"
    r"|be\s+wary\s+of|how\s+to\s+spot|avoid(?:ing)?)\s+(?:[\w,-]+\s+){0,4}" + _FRAUD_WORD + r"\b"
)


def warned_section(heading: str, sentence: str) -> Evidence | None:
    """The match's section heading lists warning signs of a scam or a seller: its claims
    are warned against (not the writer's own: "our", "we" in the sentence)."""
    found = _WARNING_HEADING.search(heading)
    if found is None or _FIRST_PERSON.search(sentence):
        return None
    return Evidence(f'under a heading of warning signs: "{heading.strip()[:60]}"', 0)


def hypothetical(
    text: str,
    floor: int,
    start: int,
    ceiling: int,
    clauses: ClauseMap | Callable[[], ClauseMap] | None = None,
    end: int | None = None,
) -> Evidence | None:
    """The claim is supposed or wished for, not asserted: "if", "would", "imagine",
    "could ... if", a product awaiting approval ("if approved"), and aims and hopes
    ("in hopes of", "the goal is to", "trying to"); and a match that is the
    subject of "would" right after it ("a 50 per cent cure rate would be a
    major advance": ``end`` is where the match ends).

    ``clauses``: the sentence's ClauseMap, or a function that makes it. A
    map not yet made is not made when no supposition, aim or "could" stands
    anywhere in the reach before the match: none can then stand in its clause.
    """
    if end is not None:
        after = _WOULD_AFTER.match(text, end, ceiling)
        if after is not None:
            return Evidence(f'hypothetical: "{after.group().strip()}"', after.start(1))
    if (
        shortcuts_on()
        and not isinstance(clauses, ClauseMap)
        and not _supposed_before(text, reach_start(floor, start), start)
    ):
        begin = start
    else:
        begin = clause_begin(text, floor, start, clauses)
    found = None
    for m in _HYPOTHETICAL.finditer(text, begin, start):
        if not _INVITATION.match(text, m.start()):
            found = m
    if found is not None:
        return Evidence(f'hypothetical: "{found.group()}"', found.start())
    for m in _ASPIRATION.finditer(text, begin, start):
        found = m
    # "Our goal is to reverse arthritis", "we strive to repair", "the aim of the
    # treatment is to reverse": an aim the seller or its offering holds promises the result.
    if (
        found is not None
        and not _FIRST_PERSON.search(text, begin, found.end())
        and not _offering_holds(text, begin, found.start(), found.end(), start)
    ):
        return Evidence(f'an aim, not a result: "{found.group()}"', found.start())
    pending = _PENDING_APPROVAL.search(text, floor, ceiling)
    if pending is not None:
        return Evidence(f'awaiting approval: "{pending.group()}"', pending.start())
    could = _COULD.search(text, begin, start)
    if could is not None and _IF.search(text, floor, ceiling):
        return Evidence(f'hypothetical: "{could.group()} ... if"', could.start())
    return None


def _supposed_before(text: str, low: int, start: int) -> bool:
    """Does a supposition, an aim or a "could" start in ``text[low:start]``? Searches see
    the text around the range, so one found in a clause there is found here too."""
    return (
        _HYPOTHETICAL.search(text, low, start) is not None
        or _ASPIRATION.search(text, low, start) is not None
        or _COULD.search(text, low, start) is not None
    )


def _offering_holds(text: str, begin: int, aim: int, aim_end: int, start: int) -> bool:
    """Is the aim the offering's own? The offering is its subject ("this therapy aims
    to", "a therapy that aims to"; a practice by name opening the sentence,
    "Harbor Regenerative aims to") or the aim is said of it ("the aim of the
    treatment is"). An offering after the aim is what is hoped for ("doctors hope
    the therapy will"), and one a preposition parts from the aim is what someone
    received ("got an infusion in the hopes of")."""
    offerings = list(_OFFERING.finditer(text, begin, aim))
    last = offerings[-1] if offerings else None
    if last is not None and not _PARTED.search(text, last.end(), aim):
        return True
    practice = _PRACTICE_OPENING.match(text, begin, aim)
    if practice is not None and not _PARTED.search(text, practice.end(), aim):
        return True  # the practice itself, by name, holds the aim
    if last is None and _OFFERING_THAT.search(text, max(0, begin - 60), begin):
        return True  # "a therapy that aims to": the clause after "that" is the therapy's
    return _AIM_OF_OFFERING.match(text, aim_end, start) is not None


def disclaimer(text: str, floor: int, ceiling: int) -> Evidence | None:
    """The sentence is a disclosure itself ("not intended to diagnose, treat, cure ...")."""
    found = _DISCLAIMER.search(text, floor, ceiling)
    if found is None:
        return None
    return Evidence(f'a disclosure: "{found.group()}"', found.start())


# At most two words before the match: "Knee osteoarthritis", "Treatment of
# psoriasis"; not "Patients who have had diabetes for years".
_ITEM_OPENING = re.compile(r"[\W_]*(?:[\w'-]+[\s,/&]+){0,2}")
# A label names; a statement says something of it ("Those with autoimmune
# disorders may not be ideal candidates", "Patients with lupus who need
# clearance first"): a verb of being or having, a modal, or a relative or
# question word.
_STATEMENT_WORD = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|may|might|can|could|should|will|would|must|"
    r"do|does|did|not|has|have|had|who|that|which|what|how|why)\b|n't\b"
)
# A list introduced as the people or conditions a treatment is not for:
# "Who should not get PRP:", "Contraindications", "Avoid if you have".
_EXCLUDING_LEAD = re.compile(
    r"(?i)\b(?:not|n't|avoid\w*|contraindicat\w*|wait|exclu\w*|ineligible|unsuitable"
    r"|cautions?|warnings?|risks?|side\s+effects?)\b"
)
_LABEL_WORDS = 10
# A lead-in that introduces a list of what is treated or offered: "works well for the
# following:", "We help with:", "Conditions we treat:", "Benefits include:".
_ITEM_LEAD = re.compile(
    r"(?i)\b(?:following|include[sd]?|including|such\s+as|for|with|treat\w*|help\w*"
    r"|conditions?|benefits?|candidates?|offer\w*|address\w*|services?)\s*:\s*$"
)


def listed(
    blocks: list[Block],
    index: int,
    floor: int,
    start: int,
    ceiling: int,
    sentence: Callable[[int, int], str],
    leads: dict[int, int],
) -> Evidence | None:
    """The match names a list item: a label of a few words that opens with it.

    A seller's list ("Conditions we treat", an array a page renders as
    bullets) names what it offers by naming each item; the list's lead-in
    may stand anywhere on the page, or nowhere. The item's first sentence
    is a label: at most ten words, at most two of them before the match,
    and no verb of being or having, modal, relative or question word (a
    contraindication, "those with lupus may not be candidates", is a
    statement, not a label). A list whose lead-in (the block just before
    its first item) excludes or warns ("Who should not get PRP:") names
    what the treatment is not for. Paragraphs are items too when each
    opens with a label, in a run after a lead-in that introduces a list
    ("... works well for the following:", "We help with:").

    ``sentence(block, index)`` gives a block's sentence (the caller's split,
    the same as the match's; -1 is the last); ``leads`` remembers, for each paragraph, the
    lead-in of its run (-1: none), so a page of many paragraphs is walked
    once.
    """
    block = blocks[index]
    if block.kind not in ("list_item", "paragraph") or floor != 0:
        return None
    opening = _ITEM_OPENING.match(block.text, 0, start)
    if opening is None or opening.end() != start:
        return None
    if not _is_label(block.text[floor:ceiling]):
        return None
    if block.kind == "list_item":
        lead = index - 1
        while lead >= 0 and blocks[lead].kind == "list_item":
            lead -= 1
    else:
        lead = _paragraph_run_lead(blocks, index, sentence, leads)
        if lead < 0:
            return None
    if lead >= 0 and _EXCLUDING_LEAD.search(sentence(lead, -1)):
        return None
    return Evidence("the match opens a list item", 0)


def _paragraph_run_lead(
    blocks: list[Block],
    index: int,
    sentence: Callable[[int, int], str],
    leads: dict[int, int],
) -> int:
    """The lead-in of the run of label-led paragraphs that ``index`` ends, or -1."""
    walked = []
    lead = index - 1
    found: int | None = None
    while lead >= 0:
        text = blocks[lead].text
        if blocks[lead].kind != "paragraph" or text.rstrip().endswith(":"):
            break  # the block that ends the run: its lead-in, or none
        if lead in leads:  # a member of the run, walked before
            found = leads[lead]
            break
        if not _is_label(sentence(lead, 0)):
            break
        walked.append(lead)
        lead -= 1
    if found is None:
        found = lead if lead >= 0 and _ITEM_LEAD.search(blocks[lead].text) else -1
    for b in (index, *walked):
        leads[b] = found
    return found


def _is_label(sentence: str) -> bool:
    """A label names: a few words, with no verb of being or having, modal or relative word."""
    return len(sentence.split()) <= _LABEL_WORDS and not _STATEMENT_WORD.search(sentence)
