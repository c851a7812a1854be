"""Every inflection of an English word, for the phrase form ``~word``.

A policy author writes ``"~regrow hair"`` once and it matches "regrows
hair", "regrew hair" and "has regrown hair". Regular endings are made by
rule; irregular verbs and nouns come from the table below, and a prefixed
verb (regrow, rebuild, outgrow, overcome) inflects as its stem does. Forms
are generated generously: a spelling that is no English word only makes the
expression longer, never a false match in real copy.

``~word+`` adds derived forms (reversible, reversal, regeneration,
regenerative, healer), from suffix rules.
"""

from __future__ import annotations

import re

#: Irregular verbs: base -> (past forms, past participles). Prefixed verbs
#: (re-, out-, over-, under-, up-, mis-, with-, fore-, un-) use their stem's row.
IRREGULAR_VERBS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "arise": (("arose",), ("arisen",)),
    "awake": (("awoke",), ("awoken",)),
    "be": (("was", "were"), ("been",)),
    "bear": (("bore",), ("borne", "born")),
    "beat": (("beat",), ("beaten",)),
    "become": (("became",), ("become",)),
    "begin": (("began",), ("begun",)),
    "bend": (("bent",), ("bent",)),
    "bind": (("bound",), ("bound",)),
    "bite": (("bit",), ("bitten",)),
    "bleed": (("bled",), ("bled",)),
    "blow": (("blew",), ("blown",)),
    "break": (("broke",), ("broken",)),
    "breed": (("bred",), ("bred",)),
    "bring": (("brought",), ("brought",)),
    "build": (("built",), ("built",)),
    "burn": (("burnt", "burned"), ("burnt", "burned")),
    "buy": (("bought",), ("bought",)),
    "catch": (("caught",), ("caught",)),
    "choose": (("chose",), ("chosen",)),
    "come": (("came",), ("come",)),
    "cost": (("cost",), ("cost",)),
    "cut": (("cut",), ("cut",)),
    "deal": (("dealt",), ("dealt",)),
    "do": (("did",), ("done",)),
    "draw": (("drew",), ("drawn",)),
    "dream": (("dreamt", "dreamed"), ("dreamt", "dreamed")),
    "drink": (("drank",), ("drunk",)),
    "drive": (("drove",), ("driven",)),
    "eat": (("ate",), ("eaten",)),
    "fall": (("fell",), ("fallen",)),
    "feed": (("fed",), ("fed",)),
    "feel": (("felt",), ("felt",)),
    "fight": (("fought",), ("fought",)),
    "find": (("found",), ("found",)),
    "flee": (("fled",), ("fled",)),
    "fly": (("flew",), ("flown",)),
    "forget": (("forgot",), ("forgotten",)),
    "forgive": (("forgave",), ("forgiven",)),
    "freeze": (("froze",), ("frozen",)),
    "get": (("got",), ("got", "gotten")),
    "give": (("gave",), ("given",)),
    "go": (("went",), ("gone",)),
    "grind": (("ground",), ("ground",)),
    "grow": (("grew",), ("grown",)),
    "hang": (("hung", "hanged"), ("hung", "hanged")),
    "have": (("had",), ("had",)),
    "hear": (("heard",), ("heard",)),
    "hide": (("hid",), ("hidden",)),
    "hit": (("hit",), ("hit",)),
    "hold": (("held",), ("held",)),
    "hurt": (("hurt",), ("hurt",)),
    "keep": (("kept",), ("kept",)),
    "know": (("knew",), ("known",)),
    "lay": (("laid",), ("laid",)),
    "lead": (("led",), ("led",)),
    "lean": (("leant", "leaned"), ("leant", "leaned")),
    "leave": (("left",), ("left",)),
    "lend": (("lent",), ("lent",)),
    "let": (("let",), ("let",)),
    "lie": (("lay", "lied"), ("lain", "lied")),
    "light": (("lit", "lighted"), ("lit", "lighted")),
    "lose": (("lost",), ("lost",)),
    "make": (("made",), ("made",)),
    "mean": (("meant",), ("meant",)),
    "meet": (("met",), ("met",)),
    "pay": (("paid",), ("paid",)),
    "put": (("put",), ("put",)),
    "quit": (("quit",), ("quit",)),
    "read": (("read",), ("read",)),
    "rid": (("rid",), ("rid",)),
    "ride": (("rode",), ("ridden",)),
    "ring": (("rang",), ("rung",)),
    "rise": (("rose",), ("risen",)),
    "run": (("ran",), ("run",)),
    "say": (("said",), ("said",)),
    "see": (("saw",), ("seen",)),
    "seek": (("sought",), ("sought",)),
    "sell": (("sold",), ("sold",)),
    "send": (("sent",), ("sent",)),
    "set": (("set",), ("set",)),
    "shake": (("shook",), ("shaken",)),
    "shed": (("shed",), ("shed",)),
    "shine": (("shone", "shined"), ("shone", "shined")),
    "shoot": (("shot",), ("shot",)),
    "show": (("showed",), ("shown", "showed")),
    "shrink": (("shrank", "shrunk"), ("shrunk", "shrunken")),
    "shut": (("shut",), ("shut",)),
    "sing": (("sang",), ("sung",)),
    "sink": (("sank",), ("sunk",)),
    "sit": (("sat",), ("sat",)),
    "sleep": (("slept",), ("slept",)),
    "slide": (("slid",), ("slid",)),
    "speak": (("spoke",), ("spoken",)),
    "speed": (("sped", "speeded"), ("sped", "speeded")),
    "spend": (("spent",), ("spent",)),
    "spin": (("spun",), ("spun",)),
    "split": (("split",), ("split",)),
    "spread": (("spread",), ("spread",)),
    "spring": (("sprang",), ("sprung",)),
    "stand": (("stood",), ("stood",)),
    "steal": (("stole",), ("stolen",)),
    "stick": (("stuck",), ("stuck",)),
    "sting": (("stung",), ("stung",)),
    "stride": (("strode",), ("stridden",)),
    "strike": (("struck",), ("struck", "stricken")),
    "strive": (("strove", "strived"), ("striven", "strived")),
    "swear": (("swore",), ("sworn",)),
    "sweep": (("swept",), ("swept",)),
    "swell": (("swelled",), ("swollen", "swelled")),
    "swim": (("swam",), ("swum",)),
    "take": (("took",), ("taken",)),
    "teach": (("taught",), ("taught",)),
    "tear": (("tore",), ("torn",)),
    "tell": (("told",), ("told",)),
    "think": (("thought",), ("thought",)),
    "throw": (("threw",), ("thrown",)),
    "understand": (("understood",), ("understood",)),
    "wake": (("woke",), ("woken",)),
    "wear": (("wore",), ("worn",)),
    "weave": (("wove",), ("woven",)),
    "weep": (("wept",), ("wept",)),
    "win": (("won",), ("won",)),
    "wind": (("wound",), ("wound",)),
    "write": (("wrote",), ("written",)),
}

#: Irregular nouns: singular -> plurals.
IRREGULAR_NOUNS: dict[str, tuple[str, ...]] = {
    "analysis": ("analyses",),
    "bacterium": ("bacteria",),
    "child": ("children",),
    "criterion": ("criteria",),
    "diagnosis": ("diagnoses",),
    "foot": ("feet",),
    "man": ("men",),
    "mouse": ("mice",),
    "person": ("people", "persons"),
    "phenomenon": ("phenomena",),
    "prognosis": ("prognoses",),
    "stimulus": ("stimuli",),
    "synthesis": ("syntheses",),
    "thesis": ("theses",),
    "tooth": ("teeth",),
    "woman": ("women",),
    "life": ("lives",),
    "knife": ("knives",),
    "half": ("halves",),
    "leaf": ("leaves",),
}

#: Prefixes a verb may carry and still inflect as its stem (regrow -> regrew).
_PREFIXES = ("re", "out", "over", "under", "up", "mis", "with", "fore", "un", "pre", "co")
_VOWELS = set("aeiou")


def _stem(word: str) -> tuple[str, str] | None:
    """(prefix, irregular stem) when ``word`` is a prefixed irregular verb."""
    for prefix in _PREFIXES:
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and rest in IRREGULAR_VERBS:
            return word[: len(word) - len(rest)], rest
    return None


def _regular(word: str) -> set[str]:
    """Regular -s, -ed and -ing forms, with the common spelling changes."""
    out = {word}
    if re.search(r"(?:s|x|z|ch|sh|o)$", word):
        out.add(word + "es")
    else:
        out.add(word + "s")
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        out |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith("ie"):
        out |= {word + "d", word[:-2] + "ying"}
    elif word.endswith("ee"):
        out |= {word + "d", word + "ing"}
    elif word.endswith("e"):
        out |= {word + "d", word[:-1] + "ing"}
    else:
        out |= {word + "ed", word + "ing"}
        # A final consonant after one vowel may double (stop -> stopped); making
        # both spellings costs nothing when one of them is no word.
        if (
            len(word) > 2
            and word[-1] not in _VOWELS | {"w", "x", "y"}
            and word[-2] in _VOWELS
            and word[-3] not in _VOWELS
        ):
            out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out


def inflections(word: str) -> set[str]:
    """Every inflection of ``word`` (lower-case) as a verb or a noun, the word included."""
    word = word.lower()
    out = _regular(word)
    stemmed = _stem(word)
    if word in IRREGULAR_VERBS:
        past, participle = IRREGULAR_VERBS[word]
        out |= set(past) | set(participle)
    elif stemmed is not None:
        prefix, stem = stemmed
        past, participle = IRREGULAR_VERBS[stem]
        out |= {prefix + form for form in (*past, *participle)}
    if word in IRREGULAR_NOUNS:
        out |= set(IRREGULAR_NOUNS[word])
    return out


#: Suffixes that derive a noun or adjective from a verb; those marked with a
#: plural take one (reversals, regenerations, healers).
_DERIVED_SUFFIXES = ("able", "ible", "ability", "ibility", "ative", "ive")
_DERIVED_NOUN_SUFFIXES = ("al", "ation", "ion", "er", "or")


def derived(word: str) -> set[str]:
    """Nouns and adjectives derived from ``word`` (reversible, reversal, curative, healer)."""
    word = word.lower()
    stem = word
    if word.endswith("e"):
        stem = word[:-1]  # a vowel-initial suffix drops a final e: reversible
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        stem = word[:-1] + "i"  # remedy -> remediable
    out = {stem + suffix for suffix in _DERIVED_SUFFIXES}
    for suffix in _DERIVED_NOUN_SUFFIXES:
        out |= {stem + suffix, stem + suffix + "s"}
    out |= {word + "ment", word + "ments"}  # improve -> improvement
    out.discard(word)
    return out


def forms(word: str, derive: bool = False) -> list[str]:
    """The forms ``~word`` (or ``~word+`` with ``derive``) matches, longest first."""
    found = inflections(word)
    if derive:
        found |= derived(word)
    return sorted(found, key=lambda f: (-len(f), f))
