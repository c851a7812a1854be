"""Contexts a rule can name: a claim asked, reported, supposed, in a heading, or disclosed.

Each context is checked with the same policy: one rule that flags "cure" (in
any inflection) unless the context holds. Sentences in HOLDS must not be
flagged, sentences in ABSENT must.
"""

from __future__ import annotations

import pytest

from linter.documents import read_source
from linter.engine.analysis import lint_document
from linter.engine.negation import quotation
from linter.policy import load_policies


def policy_unless(context: str, tmp_path):
    path = tmp_path / f"{context}.yaml"
    path.write_text(
        "rules:\n"
        "  - id: claim\n"
        "    severity: error\n"
        "    message: m\n"
        f'    check: find "~cure" or "miracle" unless {context}\n',
        encoding="utf-8",
    )
    return load_policies([path], use_cache=False)


def flagged(policy, markdown: str) -> bool:
    return bool(lint_document(read_source("page.md", markdown + "\n", "markdown"), policy))


CASES = {
    "question": (
        [
            "Can stem cells cure MS?",
            "Is PRP a cure for arthritis?",
            "Will exosomes cure my hair loss?",
            "Does ozone therapy cure infections?",
            "What if a cure existed?",
            "Who says there is no cure?",
            "Is this a miracle cure? +",  # an FAQ button's icon after the question
            "## Can PRP cure arthritis",
            "## Is this a miracle treatment",
            "How could a shot cure arthritis?",
            "Why would a clinic promise a cure?",
            "## Why do cures fail",
            "## How much does the miracle treatment cost",
            "## How to find a cure",
            "## When will a cure come",
            "## How effective is the miracle cure",
            "## How come a cure works",
            "Do you know whether PRP cures arthritis?",
            "Do you know anyone who was cured of MS?",
            "Did you know about the miracle diet?",
            "Do you know your options for a cure?",
            "Is this a miracle treatment? Yes and no.",
            "## Can PRP cure arthritis?\n\nYes, but only in some patients.",
            "## Can PRP cure arthritis?\n\nNo. It may ease the pain.",
            "## Can PRP cure arthritis?\n\nYes-and-no.",
            "## Can PRP cure arthritis?\n\nYes, if your cartilage is intact.",
            "## Can PRP cure arthritis?\n\nYes, in some cases.",
            "## Can PRP cure arthritis?\n\nCertainly. But not for everyone.",
            "## Can PRP cure arthritis?\n\nOf course, every knee is different.",
            # a heading answers nothing; nor does a block after one the question does not end
            "## Can PRP cure arthritis?\n\n## Yes, we accept insurance",
            "Can PRP cure arthritis? We will see.\n\nYes, we accept insurance.",
        ],
        [
            "Stem cells cure MS.",
            "PRP is a cure for arthritis.",
            "Exosomes cure hair loss!",
            "## Our cure for arthritis",
            "## A miracle treatment",
            "Ask us how we cure arthritis.",
            "We cure MS. Questions? Call us.",
            "Wondering what to do? Our therapy cures it.",
            "Our miracle protocol works.",
            "This cured my knee.",
            # a heading that opens with "why" or "how" and then states
            "## Why our cells cure faster than the rest",
            "## How PRP cures knee pain",
            "## Where the miracle happens",
            # a question that tells what follows
            "Did you know that stem cells cure MS?",
            "But did you also know that case reports show the drops cure dry eye?",
            "Did you know stem cells cure MS?",
            "Do you know that PRP cures arthritis?",
            "## Did you know stem cells cure MS",
            # a question the copy answers yes asserts what it asks
            "Is this a miracle treatment? Yes.",
            "## Can PRP cure arthritis?\n\nAbsolutely! Most patients ...",
            "## Is ozone a cure for Lyme\n\nYes, it is.",
            "## Is this a miracle cure? *\n\nYes.",  # marks after the question
        ],
    ),
    "reported": (
        [
            "The drug was hailed by some as a miracle.",
            "Be wary of any clinic that promises to cure MS.",
            "Beware of clinics claiming to cure autism.",
            "The FDA warns that stem cells do not cure Parkinson's.",
            "Some clinics claim that exosomes cure hair loss.",
            "Avoid providers that promise a miracle.",
            "It is a myth that supplements cure cancer.",
            "Watch out for ads touting a cure.",
            "Many websites advertise a cure for autism.",
            "Do not believe anyone who promises a cure.",
            "Unscrupulous sellers promise a miracle cure.",
            "They mislead patients with unsubstantiated claims that the shots cure MS.",
            "Regulators question claims about the power of exosomes to cure hair loss.",
            "A seller should hold proof before advertising that its cream cures psoriasis.",
            # the claim itself called fake, right before it
            "Promotions of bogus cancer 'cures' have always been a problem.",
            "Sham cures for arthritis are sold online every day.",
            # a third party's words named as theirs
            "The company has touted what it claims is a miracle for years.",
            "Patients line up for what Dr. Reyes calls a cure.",
            # words mentioned, not used
            'Statements like "this cures MS" are false.',
            'The word "cure" appears on many clinic sites.',
            "Miracle claims are common in clinic ads.",
            '"Cure" language: hair loss is chronic.',
            'Phrases such as "miracle cells" mislead patients.',
            # a section that lists warning signs
            "## Red flags of a stem cell scam\n\nStem cells cure autism.",
            "### Warning signs of a scam clinic\n\n- The injection is a miracle.",
            "## What to watch out for in clinic ads\n\nA miracle protocol for every disease.",
            "## How to spot a health scam\n\nIntro.\n\nOne shot cures arthritis.",
        ],
        [
            "Our clinic cures MS.",
            "Our miracle treatment claims nothing it cannot show.",
            # a kind-word that does not end the phrase, and a quotation closed before the claim
            "This miracle cure claims to fix everything.",
            "Our miracle language therapy helps children.",
            'Patients use words like "amazing", and our therapy is a miracle cure.',
            'We never use the word "miracle" lightly, but our PRP is a miracle cure.',
            "The cure claimed by our patients is real.",
            "We promise to cure your pain.",
            "We offer what we call a miracle protocol.",
            "We advertise that our shots cure MS because they do.",
            "We claim that our therapy cures arthritis.",
            "Patients say it cured them.",
            "Avoid surgery: PRP cures arthritis.",
            # a fake thing named earlier is not the claim called fake
            "Unlike bogus products, our stem cells cure MS.",
            "Fake news aside, our formula cures arthritis.",
            "This miracle protocol works.",
            "Our therapy is the cure you need.",
            "Exosomes cured her hair loss.",
            "Stem cells cure autism.",
            "The cure is here.",
            # the heading of another section, and one that warns of nothing
            "## Red flags of a scam\n\nIntro.\n\n## Our results\n\nStem cells cure autism.",
            "## Red blood cell therapy\n\nThis miracle therapy works.",
            "## Signs of healing\n\nPRP cures tendon pain.",
            "## Warning signs of a stroke\n\nSudden numbness. Stem cells cure stroke damage.",
            "## Red flags for back pain\n\nNight pain. Our miracle injections help.",
            "## Red flags of a scam\n\nOur PRP is a miracle.",  # the writer's own claim
        ],
    ),
    "hypothetical": (
        [
            "If stem cells cured MS, everyone would know.",
            "Imagine a cure for arthritis.",
            "A treatment that would cure autism does not exist.",
            "Suppose PRP cured arthritis.",
            "Even if a shot cured the pain, the damage remains.",
            "We wish we could offer a cure.",
            "Assuming exosomes cured hair loss, who would pay?",
            "What if ozone cured infections?",
            "Stem cells could cure MS if trials succeed.",
            "In theory, cells might cure the damage.",
            "A cure for hepatitis C, if approved, is expected next year.",
            "Longer follow-up will show whether these patients were cured.",
            # the match as the subject of "would": a prospect
            "A 50 per cent cure would be a major advance.",
            "Such a miracle would change everything for these families.",
        ],
        [
            "Stem cells cure MS.",
            "If you have arthritis, PRP cures it.",
            "When drugs fail, our therapy cures the pain.",
            "Exosomes cured her hair loss.",
            "This miracle protocol works.",
            "Our cure is available today.",
            "Patients are cured in weeks.",
            "Since 2010 we have cured thousands.",
            "Once treated, the knee is cured.",
            "After one session, the pain is cured.",
            "Approved in 2019, the pill cures hepatitis C.",
            "Whether you have had pain for a month or a decade, our therapy cures it.",
            "Whether you want to cure acne or scars, we have the solution.",
            # an ellipsis ends the supposition: what follows is said outright
            "Imagine how you could feel ... our shots cure the pain for good.",
            # "would like to" is the reader's wish, and a would-be is no conditional
            "Patients our shots cure would like to tell you about it.",
            "Our miracle would-be rivals copy every week.",
        ],
    ),
    "heading": (
        [
            "# A cure for arthritis",
            "## Miracle results",
            "### How PRP cures knees",
            "# Cured in one visit",
            "## The cure clinic",
            "#### Miracle cells",
            "## Cures and care",
            "# Our cure",
            "### Curing pain",
            "## A miracle",
        ],
        [
            "A cure for arthritis.",
            "Miracle results.",
            "How PRP cures knees.",
            "Cured in one visit.",
            "The cure clinic.",
            "Miracle cells.",
            "Cures and care.",
            "Our cure.",
            "Curing pain.",
            "A miracle.",
        ],
    ),
    "disclaimer": (
        [
            "This product is not intended to diagnose, treat, cure or prevent any disease.",
            "These statements have not been evaluated by the FDA; it is not meant to cure.",
            "Results may vary and no cure is promised.",
            "Individual results vary; this is not a miracle.",
            "Consult your doctor before any treatment that claims to cure.",
            "For informational purposes only; we do not offer a cure.",
            "This therapy is investigational and is not a cure.",
            "There is no known cure for MS.",
            "Our treatments are not FDA approved and are not a cure.",
            "This is not medical advice about a cure.",
        ],
        [
            "Our therapy cures MS.",
            "Exosomes cured her hair loss.",
            "A miracle for your knees.",
            "PRP cures arthritis in weeks.",
            "The cure you need.",
            "Cured in one visit.",
            "We cure pain.",
            "Stem cells cure autism.",
            "Our miracle protocol.",
            "This shot cures tendinitis.",
        ],
    ),
}


@pytest.mark.parametrize("context", sorted(CASES))
def test_a_context_holds_for_claims_that_are_not_the_writers_own(context, tmp_path):
    holds, absent = CASES[context]
    assert len(holds) >= 10
    assert len(absent) >= 10
    policy = policy_unless(context, tmp_path)
    wrongly_flagged = [s for s in holds if flagged(policy, s)]
    wrongly_passed = [s for s in absent if not flagged(policy, s)]
    assert wrongly_flagged == []
    assert wrongly_passed == []


# An aim or hope is not a result; an aim the seller or its offering holds is a promise.
AIMS_HELD_BY_OTHERS = [
    "The hope is that the cells will help cure the damaged tissue.",
    "Stem cells are injected in hopes of curing the damage.",
    "Researchers are trying to cure the disease.",
    "The trial aims to cure early diabetes.",
    "The goal of the study is to cure hair loss.",
    "Patients have longed for a cure for depression.",
    "Scientists hope to cure MS within a decade.",
    "Doctors are working toward curing the condition.",
    "It is a first step towards curing blindness.",
    "The company sought to cure the infection with ozone.",
    "Doctors hope a new drug will cure her leukemia.",
    "He hopes the therapy will cure his back pain.",
    "Labs are working on new ways to cure the virus.",
    "Finding ways to cure type 2 diabetes could save billions.",
    "The lab joined efforts to cure sickle cell disease.",
    "Early screening could open the door to curing the cancer.",
    "The grant may pave the way for curing blindness.",
    "Doctors are hopeful that the new drug will cure the infection.",
    "He got an infusion of stem cells in the hopes of curing the scarring.",
    "It is a key step toward proving that stem cell research could cure diseases.",
    "Clinical trials of a generic vaccine to cure type 1 diabetes begin next year.",
    "Researchers at Regenerative Medicine Institute aim to cure diabetes.",
    "Patients of Summit Wellness hope to cure their back pain.",
]
OWN_AIMS_AND_RESULTS = [
    "Our goal is to cure your arthritis.",
    "We aim to cure your pain in one visit.",
    "We strive to cure every patient.",
    "At our clinic we are working to cure your knee pain.",
    "Stem cells cure the damaged tissue.",
    "The trial cured early diabetes.",
    "Hope returned when PRP cured her knee.",
    "Our patients are cured in weeks.",
    "The goal was reached: exosomes cured her hair loss.",
    "Patients tried everything; then ozone cured the infection.",
    "This therapy aims to cure the root cause of MS.",
    "The aim of the treatment is to cure the disease.",
    "PRP is a therapy that aims to cure arthritis.",
    "Studies show our injections help to cure the pain.",
    "We hope the therapy cures your pain.",
    "Our team is working on ways to cure your knee for good.",
    "Discover new ways to cure your back pain with PRP.",
    "Harbor Regenerative aims to cure damaged nerves for good.",
    "At Summit Wellness Center we strive to cure every patient.",
    "Blue Ridge Chiropractic seeks to cure the cause of your pain.",
]


# The reader's wish to act is an invitation: the offer in it is made, not supposed.
INVITATIONS = [
    "If you would like to book a cure for your knee, call us.",
    "If you'd like to learn how we cure back pain, contact our office.",
    "If you have questions or would like to book a cure for knee pain, call today.",
    "If you're ready to cure your arthritis, schedule a visit.",
    "If you are interested in a cure for hair loss, book a consultation.",
    "Patients who would like to book a cure for their knees can call us.",
]
# What the reader wants, needs or looks for stays a supposition.
SUPPOSED_FOR_THE_READER = [
    "If you want a cure for arthritis, look elsewhere.",
    "If you're looking for a cure, you should look past the dolphin tank.",
    "If you need a cure, ask your doctor.",
    "If it would cure MS, everyone would know.",
    # a wish that is not to act, and a question inside the invitation
    "We would love to say our therapy cures MS, but it does not.",
    "If you have questions about whether PRP cures arthritis, call us.",
]


def test_the_readers_wish_to_act_is_an_invitation_not_a_supposition(tmp_path):
    policy = policy_unless("hypothetical", tmp_path)
    assert [s for s in INVITATIONS if not flagged(policy, s)] == []
    assert [s for s in SUPPOSED_FOR_THE_READER if flagged(policy, s)] == []


def test_aims_and_hopes_are_hypothetical_unless_the_seller_or_its_offering_holds_them(tmp_path):
    policy = policy_unless("hypothetical", tmp_path)
    assert [s for s in AIMS_HELD_BY_OTHERS if flagged(policy, s)] == []
    assert [s for s in OWN_AIMS_AND_RESULTS if not flagged(policy, s)] == []


def quoted(sentence: str, target: str) -> bool:
    start = sentence.index(target)
    return quotation(sentence, 0, start, start + len(target), len(sentence)) is not None


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Our “revolutionary” protocol is a “miracle”.", "revolutionary"),
        ("Our “revolutionary” protocol is a “miracle”.", "miracle"),
        ('A "breakthrough" for knees.', "breakthrough"),
        ("Our 'miracle cure' works.", "miracle"),
    ],
)
def test_scare_quotes_are_the_writers_own_words(sentence, target):
    assert not quoted(sentence.replace("“", '"').replace("”", '"'), target)


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ('She ran the "Race for the Cure" last year.', "Cure"),
        ('See "Stem Cells: Miracle or Myth" (2021).', "Miracle"),
        ('"This cured my MS," says Jane, 34.', "cured"),
        ('Jane told us: "it was a miracle".', "miracle"),
        ('The article "Why there is no miracle cure for arthritis" explains.', "miracle"),
    ],
)
def test_titles_and_attributed_quotations_are_quoted(sentence, target):
    assert quoted(sentence, target)


def test_a_bare_scope_word_is_explained(tmp_path):
    from linter.common.errors import PolicyError

    path = tmp_path / "p.yaml"
    path.write_text(
        "rules:\n  - id: r\n    severity: error\n    message: m\n"
        '    check: find "cure" unless sentence\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError, match="`sentence` is a scope: write `sentence has PATTERN`"):
        load_policies([path], use_cache=False)


# A speaker's words that run on after the speaker tag are still the speaker's.
RUN_ON_QUOTATIONS = [
    '"It helped," says Dr. Ames. "We were surprised. It is a miracle for some patients."',
    '"We were surprised," Ames said. "Nobody expected it. Two of them were cured."',
]
NOT_QUOTATIONS = [
    'The needle is 2" long. Our therapy is a miracle for knees.',  # a stray inch mark
    '"It helped," says Dr. Ames. Our therapy is a miracle for knees.',
]


def test_a_quotation_runs_on_past_the_speaker_tag(tmp_path):
    policy = policy_unless("quoted", tmp_path)
    assert [s for s in RUN_ON_QUOTATIONS if flagged(policy, s)] == []
    assert [s for s in NOT_QUOTATIONS if not flagged(policy, s)] == []


def test_a_condition_that_names_a_list_item_is_listed(tmp_path):
    """`listed`: the item is a label that opens with the match, not a statement about it."""
    path = tmp_path / "listed.yaml"
    path.write_text(
        "rules:\n"
        "  - id: listed\n"
        "    severity: error\n"
        "    message: m\n"
        '    check: find "arthritis" or "lupus" where listed\n',
        encoding="utf-8",
    )
    policy = load_policies([path], use_cache=False)
    labels = [
        "- Arthritis",
        "- Knee arthritis (mild to moderate)",
        "- Treatment of lupus and dermatitis",
        "1. Arthritis in knees, hips and fingers. Injections may ease the pain.",
    ]
    labels += [
        "Don't let pain win. We treat:\n\n- Arthritis",  # only the lead's last sentence counts
        "- Lupus, and other autoimmune conditions our team sees",  # ten words at most
        # paragraphs set out as items, after a lead-in that ends with a colon
        "Stem cell therapy works well for the following:\n\n"
        "Arthritis in knees, hips, fingers, and more. Stem cells may relieve pain.",
        "We help with:\n\nBack pain. Injections ease it.\n\nLupus flares. Our team can help.",
    ]
    statements = [
        "- Those with lupus may not be ideal candidates.",
        "- Patients with lupus who need clearance first",
        "- Arthritis and PRP: what to know",
        "- Arthritis is a disease of the joints.",
        "- Lupus, and the many other autoimmune conditions our team sees every week",  # > 10 words
        "Arthritis in knees and hips.",  # a paragraph, not an item
        "Our patients:\n\nThey came with pain. Arthritis in knees and hips.",  # not its opening
        "Why PRP?\n\nArthritis in knees, hips and fingers.",  # no colon before it
        "We help with:\n\nMost patients have had surgery.\n\nLupus flares.",  # a statement between
        # the statement between split as the scopes split it ("Dr." ends no sentence)
        "We help with:\n\nDr. Lee has seen many who were told surgery was the only way.\n\n"
        "Lupus flares.",
        "A note for new patients:\n\nArthritis or lupus. Tell us about these.",  # no list lead-in
        "- Pain, stiffness or swelling. Arthritis often follows.",  # not the item's first sentence
        "Who should not get PRP:\n\n- Pregnancy\n- Lupus",  # the lead-in excludes
        "Contraindications\n\n- Arthritis",
    ]
    assert [s for s in labels if not flagged(policy, s)] == []
    assert [s for s in statements if flagged(policy, s)] == []
