"""Negation has a scope: the clause of the negation word, lists and complement clauses included.

Each case is a sentence and the words a rule matched in it. "Negated" cases
must be negated (the claim is denied); "asserted" cases must not be (the
claim stands, whatever negation stands elsewhere in the sentence).
"""

from __future__ import annotations

import pytest

from linter.engine.negation import negation


def negated(sentence: str, target: str) -> bool:
    start = sentence.index(target)
    return negation(sentence, 0, start, start + len(target), len(sentence)) is not None


NEGATED = [
    # lists of verbs and nouns after one negation
    ("This product is not intended to diagnose, treat, cure or prevent any disease.", "cure"),
    ("This product is not intended to diagnose, treat, cure or prevent any disease.", "prevent"),
    ("Stem cells do not repair, reverse or cure MS damage.", "cure"),
    ("Stem cells do not repair, reverse or cure MS damage.", "reverse"),
    ("We don't offer cures, miracle treatments or guarantees.", "miracle"),
    ("PRP is neither a cure nor a replacement for surgery.", "cure"),
    # complement clauses of negated evidence, ability and claims
    ("There is no evidence that exosomes can treat or cure arthritis.", "cure"),
    ("There are no trials showing that cord cells cure lupus.", "cure"),
    # a second complement joined by "or that" / "and that" is governed too
    ("There is no evidence that stem cells cure MS or that they repair damaged nerves.", "repair"),
    ("No study has shown that PRP regrows cartilage, or that it reverses arthritis.", "reverses"),
    ("There is no proof that exosomes treat COVID-19 or that CBD treats cancer.", "treats cancer"),
    # "yet" after an auxiliary is an adverb inside the clause, not a conjunction
    ("No drug has yet been shown to stop MS from getting worse.", "stop MS"),
    # "zero" as a quantifier, as "no" is
    ("Yet zero FDA-approved exosome products exist for knees.", "FDA-approved"),
    ("No trial has shown that PRP cures arthritis.", "cures"),
    ("A clinic cannot advertise that its shots cure anything without proof.", "cure"),
    (
        "There is no reliable scientific evidence that stem cell injections can repair "
        "damaged knee cartilage.",
        "repair",
    ),
    ("We have never claimed that our treatments reverse or eliminate arthritis.", "reverse"),
    ("It has not been shown to cure autism.", "cure"),
    ("Stem cells cannot regrow nerves.", "regrow"),
    ("No study has proven that PRP regrows cartilage.", "regrows"),
    ("We do not guarantee that the treatment will eliminate pain.", "eliminate"),
    ("There is no guarantee that your symptoms will be reversed.", "reversed"),
    # a negated auxiliary governs its own verb's object: "do not have a cure"
    ("We do not have a cure for MS.", "cure"),
    ("We don't have a miracle treatment.", "miracle"),
    ("Stem cells do not have the power to regrow nerves.", "regrow"),
    # what is set aside: "rather than", "instead of"
    ("The drug reduces symptoms rather than curing autism.", "curing"),
    ("The therapy eases pain instead of curing arthritis.", "curing"),
    # negated quantifiers
    ("No stem cell product has been approved by the FDA for knee pain.", "approved by the FDA"),
    ("None of our therapies cure MS.", "cure"),
    ("Nothing we offer is FDA approved.", "FDA approved"),
    ("Nobody can promise a cure for Parkinson's.", "cure"),
    # "not intended", "not been evaluated"
    (
        "These statements have not been evaluated by the FDA to be safe and effective.",
        "safe and effective",
    ),
    ("Our supplements are not intended to cure any condition.", "cure"),
    # phrases that negate
    ("The therapy has yet to be approved by the FDA.", "approved by the FDA"),
    ("Injections failed to repair the tendon.", "repair"),
    ("Surgery was unable to reverse the damage.", "reverse"),
    ("This is far from a cure.", "cure"),
    # contractions and "without"
    ("PRP doesn't cure arthritis.", "cure"),
    ("Exosomes won't regrow lost hair.", "regrow"),
    ("Results without a cure are still results.", "cure"),
    # after the match, a denial that the thing is assured
    ("A cure is not guaranteed.", "cure"),
    ("Full remission has not been proven.", "remission"),
    ("Reversal of the damage is not possible.", "Reversal"),
    ("An accepted cure for hot flashes remains elusive.", "cure"),
    ("A cure for ALS is still years away.", "cure"),
    # what has not come about, and evidence that failed
    ("The search for a cure for cancer hasn't quite happened yet.", "cure"),
    ("A cure for MS has not yet emerged.", "cure"),
    ("Several previous studies failed to prove the benefits of vitamins.", "studies"),
    ("Many cost studies don't separate type 1 and type 2 diabetes.", "studies"),
    # double negation inside a denial is still one denial in effect
    ("We do not claim, and have never claimed, that stem cells cure MS.", "cure"),
    # "rarely" and "too early to" deny the claim as surely as "not"
    ("But surgery rarely cures chronic sinusitis.", "cures"),
    ("Such injections seldom repair torn cartilage.", "repair"),
    ("It may be too early to call this a cure.", "cure"),
    ("The drug is often given too late to reverse the damage.", "reverse"),
    # a relative clause whose antecedent a negated existential denies
    ("There is no drug that cures MS.", "cures"),
    ("Yet there isn't a drug on the market today that reverses arthritis.", "reverses"),
    ("There is still no pill that regrows cartilage.", "regrows"),
    ("No pill that we tested reverses arthritis.", "reverses"),
    ("There’s no drug that cures MS.", "cures"),
    ("There is no FDA-approved stem cell product that repairs cartilage.", "repairs"),
]

ASSERTED = [
    # the same words that do not deny: a cure that happened, studies that showed
    ("A cure has happened for three of our patients.", "cure"),
    ("Studies did show that PRP heals tendons.", "heals"),
    ("It is never too late to reverse the damage with PRP.", "reverse"),
    ("Start PRP before it is too late to reverse your hair loss.", "reverse"),
    ("Our PRP injections don't just support healing, they repair torn tendons.", "PRP injections"),
    ("Our stem cell therapy has never failed to show results.", "stem cell therapy"),
    ("Our stem cell therapy does not show up on drug tests.", "stem cell therapy"),
    # a "rather than" or "instead of" phrase ends at its comma
    ("Rather than just treating symptoms, stem cells cure the damage.", "cure"),
    ("Instead of masking pain, PRP cures arthritis.", "cures"),
    ("No drugs are used instead, PRP cures arthritis.", "cures"),
    # "no surprise" affirms; a negated existential reaches no "that" past another clause
    ("There is no cure yet, but studies show that PRP heals tendons.", "heals"),
    ("It's no surprise that PRP heals tendons.", "heals"),
    ("There is no doubt that our stem cells cure MS.", "cure"),
    ("There is no better clinic, and we know that our stem cells cure MS.", "cure MS"),
    # a "that" that is not the denied noun's: a clause-taking noun, a noun after a
    # preposition, a verb between
    ("There is no question that our stem cells cure MS.", "cure"),
    ("There is no question our stem cells cure MS.", "cure"),
    ("There's no denying that PRP heals tendons.", "heals"),
    ("There is no downtime with our injection that regenerates cartilage.", "regenerates"),
    ("There are no side effects from the injection that repairs your knee.", "repairs"),
    ("No more pain with the therapy that cures arthritis.", "cures"),
    ("No other clinic offers a treatment that reverses diabetes like ours.", "reverses"),
    ("No surgery is needed for the therapy that cures knee arthritis.", "cures"),
    # a clause boundary stops the negation
    ("While there is no known cure, our therapy cures MS.", "cures"),
    ("There is no cure for MS, and our therapy cures it.", "cures"),
    # a negation inside the first complement does not reach a second one
    ("Studies show that surgery is not needed, and that PRP cures arthritis.", "cures"),
    ("Research shows that no drug cures MS, and that stem cells cure MS.", "cure MS."),
    ("It is true that insurance does not cover it, and that it cures cancer.", "cures"),
    # "and that is why", "and that alone": that "that" opens a clause of its own
    ("There is no guarantee that it works, and that alone reverses diabetes.", "reverses"),
    (
        "There is no evidence that it works, and that is why our therapy reverses arthritis.",
        "reverses",
    ),
    ("There is no evidence that it works, and that's why PRP heals tendons.", "heals"),
    ("It is not cheap, but it cures arthritis.", "cures"),
    ("It is not cheap; it cures arthritis.", "cures"),
    ("Drugs do not help - stem cells repair the damage.", "repair"),
    ("Although surgery cannot help, PRP regrows cartilage.", "regrows"),
    ("Other clinics are not licensed, whereas we cure autism.", "cure"),
    ("It doesn't just relieve pain, it cures arthritis.", "cures"),
    ("Insurance does not cover it, so we cure you at cost.", "cure"),
    ("If drugs have not worked, our stem cells repair joints.", "repair"),
    # idioms that look negative
    ("Stem cell therapy not only alleviates symptoms but cures MS.", "cures"),
    ("Patients no longer need surgery because PRP heals tendons.", "heals"),
    ("There is no doubt that stem cells cure MS.", "cure"),
    ("No wonder patients say it reverses aging.", "reverses"),
    ("Not just relief: a cure.", "cure"),
    ("Anti-aging isn't the only thing our stem cells reverse.", "reverse"),
    ("Knee pain is not the only condition our PRP cures.", "cures"),
    ("Arthritis isn't the only disease these injections heal.", "heal"),
    # double negation
    ("No one can deny that stem cells cure MS.", "cure"),
    ("There is not a single patient we have not cured.", "cured"),
    ("It is not true that stem cells cannot repair nerves.", "repair"),
    ("No one at our clinic doubts that stem cells cure MS.", "cure"),
    # the negation belongs to another clause
    ("Patients who did not respond to drugs were cured by our protocol.", "cured"),
    ("Our therapy, which is not experimental, reverses arthritis.", "reverses"),
    ("The injections are not experimental and they cure arthritis.", "cure"),
    ("We accept no insurance, and our therapy cures MS.", "cures"),
    ("With zero side effects, our infusions reverse arthritis.", "reverse"),
    # no negation at all
    ("This therapy cures MS.", "cures"),
    ("Exosomes regrew her hair.", "regrew"),
    ("The damage can be reversed.", "reversed"),
    ("Her knee healed completely.", "healed"),
    ("Our treatment is FDA approved.", "FDA approved"),
    ("Stem cells repair what drugs cannot.", "repair"),
    ("It cures MS, not just the symptoms.", "cures"),
    ("The injections are not experimental.", "injections"),
    # "rarely" is verbal negation: it ends where the next verb phrase begins
    ("Patients who rarely exercise were cured by the program.", "cured"),
    # an ellipsis ends the thought the negation stood in
    ("No more waiting... our shots repair torn cartilage.", "repair"),
    ("Don't wait . . . PRP heals tendons fast.", "heals"),
]


@pytest.mark.parametrize(("sentence", "target"), NEGATED)
def test_a_negation_governs_its_clause(sentence, target):
    assert negated(sentence, target)


@pytest.mark.parametrize(("sentence", "target"), ASSERTED)
def test_a_claim_outside_the_negations_scope_stands(sentence, target):
    assert not negated(sentence, target)


def test_there_are_enough_cases_each_way():
    assert len(NEGATED) >= 30
    assert len(ASSERTED) >= 30


def test_the_evidence_names_the_negation_and_where_it_is():
    sentence = "Stem cells do not repair, reverse or cure MS damage."
    start = sentence.index("cure")
    found = negation(sentence, 0, start, start + 4, len(sentence))
    assert found is not None
    assert found.reason == 'negated by "not"'
    assert found.offset == sentence.index("not")


def test_a_negation_in_the_previous_sentence_does_not_reach():
    text = "Drugs do not help. Stem cells cure MS."
    start = text.index("cure")
    assert negation(text, text.index("Stem"), start, start + 4, len(text)) is None
