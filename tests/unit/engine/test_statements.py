"""Rule-language constructs for regimes that fix words and places.

Prescribed statements, placement at the top of the page, and lexicons kept as list files.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from linter.common.errors import PolicyError
from linter.documents import read_source
from linter.engine.analysis import lint_document
from linter.policy import load_policies
from linter.policy.statements import opening, statement_words

NOTICE = (
    "THIS NOTICE MUST BE PROVIDED TO YOU UNDER TESTLAND LAW. This clinic offers "
    "treatments that have not been approved. Ask your own doctor first."
)
POLICY = f"""
lexicons:
  notice:
    - "{NOTICE}"
  offer:
    - "cell therapy"
rules:
  - id: needs-notice
    severity: info
    message: "needs the notice"
    check: 'in document: when @offer require statement @notice'
  - id: notice-wording
    severity: warning
    message: >-
      {{% if groups.found %}}at {{{{ groups.found }}}}, not {{{{ groups.expected }}}}
      {{%- else %}}stops before {{{{ groups.expected }}}}{{% endif %}}
    check: 'find altered statement @notice'
  - id: label-on-top
    severity: warning
    message: "label statement not on top"
    check: 'in document: when "tablets" require first 60 characters has "read the label"'
"""


@pytest.fixture
def lint(write_policy):
    policy = load_policies([write_policy(POLICY)])

    def run(text: str, fmt: str = "markdown") -> list[tuple[str, str, str]]:
        doc = read_source(f"page.{'md' if fmt == 'markdown' else fmt}", text, fmt)
        return [(f.rule, f.severity, f.message) for f in lint_document(doc, policy)]

    return run


def test_words_are_compared_without_case_spacing_quotes_or_punctuation():
    assert statement_words("It’s  the LAW:\nread it.") == ("it's", "the", "law", "read", "it")
    assert opening(NOTICE) == "THIS NOTICE MUST BE PROVIDED TO YOU UNDER TESTLAND LAW"
    assert opening("Ask your own doctor before any treatment") == "Ask your own doctor"


def test_a_statement_is_found_whatever_its_wrapping_case_and_quotes(lint):
    assert lint("Cell therapy here.\n") == [("needs-notice", "info", "needs the notice")]
    wrapped = textwrap.fill(NOTICE.lower(), 30)
    assert lint(f"Cell therapy here.\n\n“{wrapped}”\n") == []
    straight = NOTICE.replace(".", " .")  # punctuation set apart is still the same words
    assert lint(f'Cell therapy here. "{straight}"\n') == []


def test_a_statement_may_run_on_into_the_next_block(lint):
    head, rest = NOTICE.split(". ", 1)
    assert lint(f"Cell therapy here.\n\n**{head}.**\n\n{rest}\n") == []
    html = f"<p>Cell therapy here.</p><p><strong>{head}.</strong></p><p>{rest}</p>"
    assert lint(html, "html") == []


def test_an_altered_statement_says_where_it_departs(lint):
    changed = NOTICE.replace("own doctor", "own pharmacist")
    assert lint(changed) == [("notice-wording", "warning", "at pharmacist first, not doctor first")]
    truncated = NOTICE.rsplit(" Ask", 1)[0]
    stops = "stops before Ask your own doctor first"
    assert lint(truncated) == [("notice-wording", "warning", stops)]
    paraphrase = "This notice must be provided to you under Testland law: all is well."
    assert lint(paraphrase)[0][2] == "at all is well, not This clinic offers treatments that have …"


def test_text_that_never_opens_the_statement_is_not_compared(lint):
    assert lint("Testland law requires a notice about treatments.\n") == []


def test_first_n_characters_is_the_top_of_the_page(lint):
    assert lint("Read the label. Our tablets ease pain.\n") == []
    late = "Our tablets ease pain. " + "More words about them. " * 3 + "Read the label."
    assert lint(late) == [("label-on-top", "warning", "label statement not on top")]
    # Front matter is not on the page: it does not count toward the characters.
    page = "---\ntitle: " + "x" * 80 + "\n---\n\nRead the label. Our tablets help.\n"
    assert lint(page) == []


@pytest.mark.parametrize(
    ("check", "needle"),
    [
        ("find statement /notice/", "unexpected"),
        ('find statement "too short"', "a statement needs at least 4 words"),
        ("find altered statement @nowhere", "unknown lexicon @nowhere"),
        ("find statement @regexy", "a statement is written out in words, not as a /regex/"),
        ('in document: when "x" require first characters has "y"', "expected a number"),
    ],
)
def test_misused_statements_and_placements_are_policy_errors(write_policy, check, needle):
    path = write_policy(
        f"""
        lexicons:
          regexy:
            - '/notice/'
        rules:
          - id: r
            severity: info
            message: m
            check: '{check}'
        """
    )
    with pytest.raises(PolicyError) as err:
        load_policies([path])
    assert needle in str(err.value)
    assert str(err.value).startswith(f"{path}:")


# --- lexicons kept as list files ------------------------------------------------


def write_pack(folder: Path, listing: str | None, lexicon: str = "{file: brands.txt}") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text("name: lists\nrules: [brand]\n", encoding="utf-8")
    (folder / "brand.yaml").write_text(
        "id: brand\nseverity: error\nmessage: m\ncheck: find @brands\n"
        f"lexicons:\n  brands: {lexicon}\n",
        encoding="utf-8",
    )
    if listing is not None:
        (folder / "brands.txt").write_text(listing, encoding="utf-8")
    return folder


def lint_text(folder: Path, text: str) -> list[str]:
    policy = load_policies([str(folder)])
    return [f.match for f in lint_document(read_source("p.md", text, "markdown"), policy)]


def test_a_lexicon_may_be_a_list_file_of_names(tmp_path):
    pack = write_pack(tmp_path / "p", "# brands\nAcmeTox\n\n/\\bZed-?\\d+\\b/\n")
    assert lint_text(pack, "AcmeTox and Zed-5 and zed5.") == ["AcmeTox", "Zed-5"]


def test_a_changed_list_file_is_compiled_again_not_taken_from_the_cache(tmp_path):
    pack = write_pack(tmp_path / "p", "AcmeTox\n")
    assert lint_text(pack, "AcmeTox, BetaTox.") == ["AcmeTox"]
    (pack / "brands.txt").write_text("BetaTox\n", encoding="utf-8")
    assert lint_text(pack, "AcmeTox, BetaTox.") == ["BetaTox"]


@pytest.mark.parametrize(
    ("listing", "lexicon", "needle"),
    [
        (None, "{file: brands.txt}", "cannot read list file 'brands.txt'"),
        ("# nothing\n", "{file: brands.txt}", "list file 'brands.txt' has no entries"),
        ("A\n", "{file: ../brands.txt}", "must be a NAME.txt in the policy's own folder"),
        ("A\n", "{path: brands.txt}", "must be a list of entries or {file: NAME.txt}"),
    ],
)
def test_list_file_mistakes_are_policy_errors_at_the_lexicon(tmp_path, listing, lexicon, needle):
    pack = write_pack(tmp_path / "p", listing, lexicon)
    with pytest.raises(PolicyError) as err:
        load_policies([str(pack)])
    assert needle in str(err.value)
    assert str(err.value).startswith(f"{pack / 'brand.yaml'}:6:")
