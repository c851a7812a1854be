"""Specification of sentence segmentation (linter/documents/sentences.py).

Each test states one rule of how a block of prose is cut into sentences.
The block has already had its line breaks turned into spaces and its curly
quotes straightened.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.documents.sentences import abbreviation_before, split_sentences


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings, for readable expectations."""
    return [text[start:end] for start, end in split_sentences(text)]


# --- The shape of the result -------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "   \t  ", "\n", "\u00a0\u2003"])
def test_empty_or_whitespace_only_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_spans_are_half_open_offsets_into_the_text_without_surrounding_spaces() -> None:
    text = "  Rest well.   Drink water!  "
    assert split_sentences(text) == [(2, 12), (15, 27)]


def test_a_block_without_final_punctuation_is_one_sentence() -> None:
    assert sentences("Benefits of Stem Cell Therapy for MS Patients") == [
        "Benefits of Stem Cell Therapy for MS Patients"
    ]
    assert sentences("- Increased energy and stamina") == ["- Increased energy and stamina"]


def test_a_stray_line_break_is_treated_as_a_space() -> None:
    assert sentences("It helps.\nResults vary.\n") == ["It helps.", "Results vary."]
    assert sentences("It helps\nsome patients.") == ["It helps\nsome patients."]


# --- Where sentences end -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It works. Call us.", ["It works.", "Call us."]),
        ("Does it work? Yes.", ["Does it work?", "Yes."]),
        ("It works! Call us.", ["It works!", "Call us."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("Wait... Then it worked.", ["Wait...", "Then it worked."]),
        ("Wait… Then it worked.", ["Wait…", "Then it worked."]),
    ],
)
def test_a_sentence_ends_after_terminal_punctuation_and_its_runs(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ends. 2019 was a good year.", ["It ends.", "2019 was a good year."]),
        ('It ends. "Amazing," she said.', ["It ends.", '"Amazing," she said.']),
        ("It ends. 'Amazing,' she said.", ["It ends.", "'Amazing,' she said."]),
        ("It ends. (See below.)", ["It ends.", "(See below.)"]),
        ("It ends. [Read more]", ["It ends.", "[Read more]"]),
        ("It ends. • Next item", ["It ends.", "• Next item"]),
        ("It ends. - Next item", ["It ends.", "- Next item"]),
        ("It ends. Élan follows.", ["It ends.", "Élan follows."]),
    ],
)
def test_the_next_sentence_starts_with_a_capital_digit_opening_quote_bracket_or_bullet(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Results vary. some patients improve.",
        "It works! or so they say.",
        "Is it safe? most say yes.",
        "It was... well, complicated.",
        "It was… well, complicated.",
    ],
)
def test_no_break_before_a_lowercase_continuation(text: str) -> None:
    assert sentences(text) == [text]


def test_no_break_without_whitespace_after_the_punctuation() -> None:
    text = "Shared with DailyMail.com, HSCT can help.It is not a cure."
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "It works." Then he left.', ['He said "It works."', "Then he left."]),
        ("He said 'It works.' Then he left.", ["He said 'It works.'", "Then he left."]),
        ("It helps (in some cases.) Call us.", ["It helps (in some cases.)", "Call us."]),
        ('Was it "real?" Yes.', ['Was it "real?"', "Yes."]),
    ],
)
def test_closing_quotes_and_brackets_belong_to_the_sentence_they_close(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pain fell by 50%.* Results vary.", ["Pain fell by 50%.*", "Results vary."]),
        ("Pain fell by 50%.² Results vary.", ["Pain fell by 50%.²", "Results vary."]),
        ("Pain fell by 50%.[1] Results vary.", ["Pain fell by 50%.[1]", "Results vary."]),
        ("Pain fell by 50%. [2,3] Results vary.", ["Pain fell by 50%. [2,3]", "Results vary."]),
    ],
)
def test_footnote_marks_and_numeric_citations_stay_with_the_claim_they_support(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


# --- Abbreviations ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ask Dr. Scheer today.",
        "Ask Mr. Adams today.",
        "Ask Mrs. Adams today.",
        "Ask Ms. Blair today.",
        "Ask Prof. Smith today.",
        "Visit St. Louis today.",
        "Visit Mt. Sinai today.",
        "Traditional MS Treatments vs. Stem Cell Therapy",
        "Biologic drugs (e.g., Natalizumab) help.",
        "Biologic drugs e.g. Natalizumab help.",
        "One drug, i.e. Natalizumab, helps.",
        "Approved in the U.S. Food and Drug Administration sense.",
        "Sold in the U.K. National Health Service.",
        "Call the Acme Inc. Patient Line today.",
        "Visit the Acme Ltd. Head Office today.",
        "Martin Luther King Jr. Day is a holiday.",
        "The John Smith Sr. Memorial Clinic is open.",
        "See Fig. 3 for details.",
        "It costs approx. 200 dollars.",
        "Written by J. Smith and J.R.R. Tolkien.",
        "Treated by É. Dupont in Lyon.",
    ],
)
def test_known_abbreviations_and_initials_never_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is No. 1 in care.", ["It is No. 1 in care."]),
        ("The answer is No. Call us.", ["The answer is No.", "Call us."]),
        ("Open since Jan. 5 this year.", ["Open since Jan. 5 this year."]),
        ("We opened in Jan. Call us.", ["We opened in Jan.", "Call us."]),
        ("As Smith et al. (2019) showed.", ["As Smith et al. (2019) showed."]),
        ("See pp. 12-14 for data.", ["See pp. 12-14 for data."]),
    ],
)
def test_no_months_and_page_marks_are_abbreviations_only_before_a_number(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Doors open at 9 a.m. and close at 5 p.m. daily.",
            ["Doors open at 9 a.m. and close at 5 p.m. daily."],
        ),
        ("Doors open at 9 a.m. Call us.", ["Doors open at 9 a.m.", "Call us."]),
        ("Vitamins, minerals, etc. are included.", ["Vitamins, minerals, etc. are included."]),
        ("Vitamins, minerals, etc. Call us.", ["Vitamins, minerals, etc.", "Call us."]),
    ],
)
def test_am_pm_and_etc_are_whole_before_lowercase_and_end_a_sentence_before_a_capital(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Made by Acme Inc. Today it ships.",
        "We are based in the U.S. Call us.",
        "Ask your Dr. Results vary.",
    ],
)
def test_known_price_an_always_whole_abbreviation_at_a_sentence_end_hides_the_break(
    text: str,
) -> None:
    # Chosen on purpose: "U.S. Food and Drug Administration" and "Dr. Scheer"
    # are far more common in health copy than these endings.
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stem cells may help MS. Call us today.", ["Stem cells may help MS.", "Call us today."]),
        ("Ask MS. Blair.", ["Ask MS.", "Blair."]),
        ("Ask Ms. Blair.", ["Ask Ms. Blair."]),
        ("See your DR. Then rest.", ["See your DR.", "Then rest."]),
        ("See your Dr. Then rest.", ["See your Dr. Then rest."]),
    ],
)
def test_abbreviations_are_case_sensitive_so_ms_the_disease_ends_a_sentence(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rich in vitamin D. Take one daily.", ["Rich in vitamin D.", "Take one daily."]),
        ("It treats hepatitis C. Ask us.", ["It treats hepatitis C.", "Ask us."]),
        ("Common in type A. Others too.", ["Common in type A.", "Others too."]),
        ("Ask about Plan B. Call today.", ["Ask about Plan B.", "Call today."]),
        ("Treated by J. Smith here.", ["Treated by J. Smith here."]),
        ("Neither do I. Call us.", ["Neither do I.", "Call us."]),
    ],
)
def test_a_capital_letter_naming_a_lettered_thing_or_the_pronoun_i_is_not_an_initial(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Rest for a day.", ["1. Rest for a day."]),
        ("Do this. 2. Rest for a day.", ["Do this.", "2. Rest for a day."]),
        ("Results came in 2019. Call us.", ["Results came in 2019.", "Call us."]),
    ],
)
def test_a_bare_number_opening_a_sentence_is_a_list_enumerator(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


# --- Numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Take 3.5 mg twice daily.",
        "It costs $2,500.00 per session.",
        "Version v1.2 of the protocol helps.",
        "It is 99.9% pure.",
        "Dose: .5 ml at most.",
    ],
)
def test_decimals_prices_and_versions_stay_whole(text: str) -> None:
    assert sentences(text) == [text]


# --- Real copy from the seeds ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2016, Blair underwent HSCT. This procedure entails harvesting"
            " hematopoetic stem cells.",
            [
                "In 2016, Blair underwent HSCT.",
                "This procedure entails harvesting hematopoetic stem cells.",
            ],
        ),
        ("- Biologic drugs (e.g., Natalizumab)", ["- Biologic drugs (e.g., Natalizumab)"]),
        (
            "It's the most common disabling neurological condition in young adults aged"
            " 20-40, with unpredictable symptoms.",
            [
                "It's the most common disabling neurological condition in young adults aged"
                " 20-40, with unpredictable symptoms."
            ],
        ),
        (
            "Damage to the myelin sheath is believed to cause 'relapses', or MS attacks."
            " In these attacks, symptoms flare up.",
            [
                "Damage to the myelin sheath is believed to cause 'relapses', or MS attacks.",
                "In these attacks, symptoms flare up.",
            ],
        ),
        (
            "Not only did this treatment restore his relationships. 'I noticed my career"
            " took a huge turn,' Adams shared with DailyMail.com, reflecting on it.",
            [
                "Not only did this treatment restore his relationships.",
                "'I noticed my career took a huge turn,' Adams shared with DailyMail.com,"
                " reflecting on it.",
            ],
        ),
        (
            "I mean, to see a patient walk is why I went into medicine.' The transformative"
            " impact of these treatments is clear.",
            [
                "I mean, to see a patient walk is why I went into medicine.'",
                "The transformative impact of these treatments is clear.",
            ],
        ),
        (
            "The stem cell solution  will be administered through the IV. The entire IV"
            " injection process takes less than 30 minutes to complete.",
            [
                "The stem cell solution  will be administered through the IV.",
                "The entire IV injection process takes less than 30 minutes to complete.",
            ],
        ),
        (
            "Each treatment can cost upwards of $20,000, and stem cell transplants are not"
            " covered by insurance.",
            [
                "Each treatment can cost upwards of $20,000, and stem cell transplants are not"
                " covered by insurance."
            ],
        ),
    ],
)
def test_tricky_sentences_from_the_seed_copy(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- Robustness and speed ------------------------------------------------------------


def assert_well_formed(text: str, spans: list[tuple[int, int]]) -> None:
    """Sorted, non-overlapping, trimmed spans inside the text covering all non-space."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        previous_end = end
    inside = "".join(text[start:end] for start, end in spans)
    assert "".join(inside.split()) == "".join(text.split())


@given(st.text())
def test_any_text_gives_ordered_trimmed_spans_covering_every_non_space_character(
    text: str,
) -> None:
    assert_well_formed(text, split_sentences(text))


_PUNCTUATION_HEAVY = st.lists(
    st.sampled_from([*"aAzZ19 .!?…\"'()[]*²•-\n\t", "Dr", "MS", "e.g", "U.S", "No", "vitamin "])
).map("".join)


@given(_PUNCTUATION_HEAVY)
def test_punctuation_heavy_text_keeps_the_same_guarantees(text: str) -> None:
    assert_well_formed(text, split_sentences(text))


@pytest.mark.parametrize(
    "text",
    [
        ". " * 50_000,
        "." * 100_000 + " A",
        "a" * 100_000,
        "A. " * 50_000,
        "x.[1]" * 20_000 + " A",
        " [1]" * 20_000,
    ],
)
def test_pathological_input_is_handled_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("text", "abbreviation"),
    [
        ("Ask Dr. Lee today.", True),
        ("approved by the U.S. Food and Drug Administration", True),
        ("Try our ice packs. For sore knees, rest.", False),
        ("See Fig. 2 for the data.", True),
        ("We take vitamin D. Call us.", False),
    ],
)
def test_a_period_after_an_abbreviation_is_judged_as_the_splitter_judges_it(text, abbreviation):
    period = text.index(". ")
    assert abbreviation_before(text, period) is abbreviation
    assert (len(split_sentences(text)) == 1) is abbreviation
