"""`healthlint why RULE PATH[:LINE]` shows how a rule was evaluated, sentence by sentence."""

from __future__ import annotations

from tests.conftest import run_cli

PAGE = (
    "Stem cells may repair myelin.\n\n"
    "This product is not intended to diagnose, treat, cure or prevent any disease.\n\n"
    "We repair roofs.\n"
)


def why(tmp_path, target: str) -> tuple[int, list[str]]:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _err = run_cli("why", "--no-config", "cure-claim", f"{page}:{target}")
    return code, out.splitlines()


def test_a_firing_sentence_shows_the_match_each_condition_and_the_outcome(tmp_path):
    code, lines = why(tmp_path, "1")
    assert code == 0
    assert lines[2] == "1:1 sentence: “Stem cells may repair myelin.”"
    match, unless, downgrade, outcome = lines[3:]
    assert match == "  match “repair myelin” at 1:16"
    # the rule's whole veto, as the pack writes it, and that none of it held
    assert unless.startswith("    unless negated or question or reported or hypothetical")
    assert unless.endswith(": no")
    assert downgrade == "    downgrade to warning if sentence has @hedge: yes, “may” at 1:12"
    assert outcome == "    => finding (warning)"


def test_a_vetoed_sentence_names_the_negation_and_where_it_stands(tmp_path):
    _code, lines = why(tmp_path, "3")
    assert lines[3:] == [
        "  match “cure” at 3:50",
        '    unless negated: yes, negated by "not" at 3:17',
        '    unless disclaimer: yes, a disclosure: "not intended to diagnose" at 3:17',
        "    => no finding: vetoed by `unless`",
    ]


def test_a_sentence_without_a_match_says_which_part_of_the_pattern_matched(tmp_path):
    _code, lines = why(tmp_path, "5")
    assert lines[2] == "5:1 sentence: “We repair roofs.”"
    assert lines[3].startswith(
        "  pattern (@cure_word or @cure_claim"
        " or ((@cure_verb except @category_adjective) except @own_repair) within 4 words"
    )
    assert lines[3].endswith(": no match in this sentence")
    assert "    but @cure_verb matched “repair” at 5:4" in lines


def test_an_unknown_rule_is_a_usage_error(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    code, _out, err = run_cli("why", "--no-config", "cure-claims", str(page))
    assert code == 2
    assert "did you mean cure-claim" in err


def test_a_missing_file_is_one_line_and_exit_2(tmp_path):
    code, _out, err = run_cli("why", "--no-config", "cure-claim", str(tmp_path / "nope.md"))
    assert code == 2
    assert "nope.md" in err
    assert "Traceback" not in err


def test_a_word_window_shows_the_word_inside_the_window_not_the_first_in_the_block(tmp_path):
    page = tmp_path / "stats.md"
    page.write_text(
        "Screening could reduce costs for families and insurers over many years to come, "
        "and the programme is cheap. Later, 80 percent of patients saw a reduction in pain.\n",
        encoding="utf-8",
    )
    code, out, _err = run_cli("why", "--no-config", "unsubstantiated-statistic", f"{page}:1")
    lines = out.splitlines()
    assert code == 0
    window = [line for line in lines if line.startswith("    where within 12 words has @outcome")]
    assert len(window) == 1
    # the first answer is the word window's: "reduction" near the figure, not "reduce" early on
    assert window[0].split(": ", 1)[1].startswith("yes, “reduction” at 1:145")


def test_an_or_inside_an_and_keeps_its_parentheses(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "rules:\n"
        "  - id: grouped\n"
        "    severity: error\n"
        "    message: m\n"
        '    check: find "cure" where (sentence has "MS" or listed) and sentence has "our"\n',
        encoding="utf-8",
    )
    page = tmp_path / "page.md"
    page.write_text("Our shots cure MS.\n", encoding="utf-8")
    code, out, _err = run_cli("why", "--no-config", "--policy", str(policy), "grouped", f"{page}:1")
    assert code == 0
    where = [line for line in out.splitlines() if line.startswith("    where ")]
    assert where == [
        '    where (sentence has "MS" or listed) and sentence has "our":'
        " yes, “MS” at 1:16; no; yes, “Our” at 1:1"
    ]
