"""The html review page: the copy with every finding marked in place, safe with hostile copy.

These tests read the page as a parser sees it (html5lib, strict); the
browser tests in test_html_browser.py load the same pages in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FORMAT_POLICY, SEEDS, SHARED, run_cli

NS = "{http://www.w3.org/1999/xhtml}"


def parse(page: str) -> ElementTree.Element:
    """The page's DOM; html5lib in strict mode raises on any parse error."""
    return html5lib.HTMLParser(strict=True).parse(page)


def by_class(root: ElementTree.Element, tag: str, name: str) -> list[ElementTree.Element]:
    return [e for e in root.iter(f"{NS}{tag}") if name in (e.get("class") or "").split()]


def text_of(element: ElementTree.Element) -> str:
    return "".join(element.itertext())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_json(*args: str) -> dict:
    code, out, err = run_cli("check", "--format", "json", *args)
    assert code in (0, 1), err
    return json.loads(out)


@pytest.fixture
def seeds_page(tmp_path: Path) -> tuple[str, dict]:
    out = tmp_path / "review.html"
    code, _, err = run_cli("check", "--no-config", "--format", "html", "-o", str(out), str(SEEDS))
    assert code == 1, err
    return out.read_text(encoding="utf-8"), check_json("--no-config", str(SEEDS))


def test_the_seeds_page_is_valid_html_with_one_numbered_highlight_per_finding(seeds_page):
    page, report = seeds_page
    root = parse(page)
    findings = report["findings"]
    firsts = [m for m in root.iter(f"{NS}mark") if m.get("data-n")]
    assert sorted(int(m.get("data-n")) for m in firsts) == list(range(1, len(findings) + 1))
    # Each highlight covers the words the finding reports, and has its note.
    notes = {int(n.get("data-finding")): n for n in by_class(root, "li", "note")}
    marks = {int(m.get("data-n")): m for m in firsts}
    for number, finding in enumerate(findings, start=1):
        mark = marks[number]
        assert squeeze(text_of(mark)) == finding["match"], (number, finding)
        assert f"sev-{finding['severity']}" in mark.get("class")
        note = notes[number]
        assert note.get("data-rule") == finding["rule"]
        assert finding["message"] in text_of(note)


def test_the_summary_counts_what_the_run_found(seeds_page):
    page, report = seeds_page
    root = parse(page)
    counts = {
        e.get("id").removeprefix("count-"): int(text_of(e.find(f"{NS}b")))
        for e in root.iter(f"{NS}li")
        if (e.get("id") or "").startswith("count-")
    }
    summary = report["summary"]
    assert counts == {k: summary[k] for k in counts}
    assert set(counts) >= {"files", "error", "warning", "info", "suppressed", "baselined"}
    by_rule = {
        row.get("data-rule"): int(text_of(row.findall(f"{NS}td")[2]))
        for row in root.iter(f"{NS}tr")
        if row.get("data-rule")
    }
    expected: dict[str, int] = {}
    for f in report["findings"]:
        expected[f["rule"]] = expected.get(f["rule"], 0) + 1
    assert by_rule == expected
    assert "us-health" in page
    assert "version 2" in page


def test_a_note_explains_its_rule_once_per_file_and_links_back(seeds_page):
    page, _ = seeds_page
    root = parse(page)
    for section in by_class(root, "section", "file"):
        seen: dict[str, str] = {}
        for note in by_class(section, "li", "note"):
            rule = note.get("data-rule")
            see = by_class(note, "p", "see")
            if rule in seen:
                link = see[0].find(f"{NS}a").get("href")
                assert link == f"#note-{seen[rule]}"
            else:
                assert not see
                seen[rule] = note.get("data-finding")
    assert '<p class="why">' in page
    assert 'rel="noreferrer"' in page


@pytest.fixture
def format_policy(write_policy) -> Path:
    return write_policy(FORMAT_POLICY)


HOSTILE = (
    "Our <script>document.body.setAttribute('data-pwned', '1')</script> cure works.\n\n"
    "A miracle </textarea><img src=x onerror=\"document.body.setAttribute('data-pwned', '2')\">"
    " for you.\n\n"
    "[Cure now](javascript:document.body.setAttribute('data-pwned','3')) and a "
    '"quoted" cure\' onmouseover=\'x\' " style="x\n'
)


def hostile_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.md").write_text(HOSTILE, encoding="utf-8")
    (site / "page.txt").write_text(HOSTILE, encoding="utf-8")
    (site / "page.html").write_text(
        "<p>A miracle &lt;script&gt;alert(1)&lt;/script&gt; cure "
        '<a href="javascript:alert(1)">here</a>.</p>\n',
        encoding="utf-8",
    )
    return site


def hostile_policy(write_policy) -> Path:
    return write_policy(
        """
        rules:
          - id: no-cure
            title: "Cure <script>document.body.setAttribute('data-pwned', 'p')</script>"
            severity: error
            message: "cure \\" onmouseover=\\"x: {{ match }}"
            check: 'find "cure*" unless negated'
            rationale: "</style><script>document.body.setAttribute('data-pwned', 'r')</script>"
            suggestion: "<b>bold</b> & 'quotes' \\""
            references:
              - "javascript:alert(1) — not a link"
              - "A real one — https://example.org/a?b=1&c=\\"2\\""
          - id: hype
            title: Hype
            severity: warning
            message: "hype: {{ match }}"
            check: '"miracle"'
        """
    )


def render_hostile(tmp_path: Path, write_policy) -> tuple[str, dict]:
    site = hostile_site(tmp_path)
    policy = hostile_policy(write_policy)
    out = tmp_path / "hostile.html"
    args = ("--no-config", "--policy", str(policy), str(site))
    code, _, err = run_cli("check", "--format", "html", "-o", str(out), *args)
    assert code == 1, err
    return out.read_text(encoding="utf-8"), check_json(*args)


def test_hostile_copy_and_policies_render_as_text(tmp_path, write_policy):
    page, report = render_hostile(tmp_path, write_policy)
    root = parse(page)
    scripts = list(root.iter(f"{NS}script"))
    assert len(scripts) == 1
    assert "data-pwned" not in text_of(scripts[0])
    for element in root.iter():
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.attrib
        assert element.tag != f"{NS}img"
        assert element.tag != f"{NS}textarea"
    hrefs = [a.get("href") for a in root.iter(f"{NS}a")]
    assert all(h.startswith(("#", "https://")) for h in hrefs), hrefs
    assert 'https://example.org/a?b=1&c="2' in hrefs  # the quote stayed inside the attribute
    text = text_of(root)
    assert "<script>document.body.setAttribute('data-pwned', '1')</script>" in text
    assert "</textarea><img src=x onerror=" in text
    assert "Cure <script>document.body" in text  # the rule title, as text
    assert "<b>bold</b> & 'quotes'" in text
    assert sum(1 for m in root.iter(f"{NS}mark") if m.get("data-n")) == len(report["findings"])


def test_overlapping_findings_nest_and_each_keeps_its_own_text():
    from linter.formats.html import CopyBlock, FileCopy, Span, render
    from linter.results.findings import Finding
    from linter.results.report import Report

    text = "It cures MS fast and forever."
    spans = [(3, 11), (3, 8), (9, 19), (20, 28)]  # nested, then crossing, then apart
    findings = [
        Finding("p.txt", f"r{i}", "warning", "m", 1, s + 1, 1, e + 1, text[s:e])
        for i, (s, e) in enumerate(spans)
    ]

    def read(path, asked):
        return FileCopy([CopyBlock("paragraph", text)], [Span(0, s, e) for s, e in spans])

    root = parse(render(Report(findings=findings, files=1), read))
    pieces: dict[int, str] = {}
    for mark in root.iter(f"{NS}mark"):
        n = int(mark.get("data-finding"))
        pieces[n] = pieces.get(n, "") + text_of(mark)
    # A highlight split where another crosses it still covers its text once.
    for n, (s, e) in enumerate(spans, start=1):
        assert text[s:e] in pieces[n], (n, pieces[n])
    assert len([m for m in root.iter(f"{NS}mark") if m.get("data-n")]) == 4
    assert len([m for m in root.iter(f"{NS}mark") if m.get("data-finding") == "3"]) == 2


def test_suppressed_findings_are_struck_through_with_their_reason(tmp_path, format_policy):
    page_md = tmp_path / "page.md"
    page_md.write_text(
        "<!-- healthlint-disable-next-line hype -- the product's legal name -->\n"
        "The Miracle serum.\n\nIt cures colds.\n",
        encoding="utf-8",
    )
    out = tmp_path / "audit.html"
    args = ("--no-config", "--policy", str(format_policy), str(page_md))
    code, _, err = run_cli(
        "check", "--format", "html", "--report-suppressed", "-o", str(out), *args
    )
    assert code == 1, err
    root = parse(out.read_text(encoding="utf-8"))
    waived = by_class(root, "li", "waived")
    assert [w.get("data-rule") for w in waived] == ["hype"]
    assert "Suppressed: the product's legal name" in text_of(waived[0])
    marks = [m for m in root.iter(f"{NS}mark") if "waived" in m.get("class")]
    assert [text_of(m) for m in marks] == ["Miracle"]
    live = by_class(root, "li", "note")
    assert [n.get("data-rule") for n in live if "waived" not in n.get("class")] == ["no-cure"]

    # Without --report-suppressed the page counts them and says how to list them.
    code, _, _ = run_cli("check", "--format", "html", "-o", str(out), *args)
    page = out.read_text(encoding="utf-8")
    assert "run with --report-suppressed" in page
    assert not by_class(parse(page), "li", "waived")


def test_files_without_findings_are_one_collapsed_list(tmp_path, format_policy):
    (tmp_path / "a.md").write_text("It cures colds.\n", encoding="utf-8")
    for name in ("b.md", "c.txt"):
        (tmp_path / name).write_text("Plain words.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    code, _, _ = run_cli(
        "check", "--no-config", "--policy", str(format_policy), "--format", "html",
        "-o", str(out), str(tmp_path / "a.md"), str(tmp_path / "b.md"), str(tmp_path / "c.txt"),
    )  # fmt: skip
    assert code == 1
    root = parse(out.read_text(encoding="utf-8"))
    sections = by_class(root, "section", "file")
    assert [s.get("data-path") for s in sections] == [str(tmp_path / "a.md")]
    (clean,) = by_class(root, "details", "clean")
    assert clean.get("open") is None
    assert [text_of(li) for li in clean.iter(f"{NS}li")] == [
        str(tmp_path / "b.md"),
        str(tmp_path / "c.txt"),
    ]


def test_front_matter_headings_and_list_items_appear_in_order(tmp_path, format_policy):
    page_md = tmp_path / "page.md"
    page_md.write_text(
        "---\ntitle: A miracle\n---\n# Our cure\n\n- first item\n- it cures colds\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    run_cli(
        "check", "--no-config", "--policy", str(format_policy), "--format", "html",
        "-o", str(out), str(page_md),
    )  # fmt: skip
    root = parse(out.read_text(encoding="utf-8"))
    blocks = by_class(root, "p", "t")
    assert [(b.get("class").split()[1], b.get("data-k"), text_of(b)) for b in blocks] == [
        ("k-field", "title:", "A miracle"),
        ("k-heading", "H1", "Our cure"),
        ("k-list_item", "•", "first item"),
        ("k-list_item", "•", "it cures colds"),
    ]
    assert [text_of(m) for m in root.iter(f"{NS}mark")] == ["miracle", "cure", "cures"]


def saved_report(tmp_path: Path, format_policy: Path, *pages: Path) -> Path:
    saved = tmp_path / "report.json"
    code, _, _ = run_cli(
        "check", "--no-config", "--policy", str(format_policy), "--format", "json",
        "-o", str(saved), *map(str, pages),
    )  # fmt: skip
    assert code == 1
    return saved


def test_report_makes_the_same_page_from_a_saved_json_report(tmp_path, format_policy):
    page_md = tmp_path / "page.md"
    page_md.write_text("# A miracle\n\nIt cures colds, by the way.\n", encoding="utf-8")
    saved = saved_report(tmp_path, format_policy, page_md)
    direct, again = tmp_path / "direct.html", tmp_path / "again.html"
    run_cli(
        "check", "--no-config", "--policy", str(format_policy), "--format", "html",
        "-o", str(direct), str(page_md),
    )  # fmt: skip
    code, _, err = run_cli("report", "--policy", str(format_policy), str(saved), "-o", str(again))
    assert (code, err) == (0, "")
    a, b = (parse(p.read_text(encoding="utf-8")) for p in (direct, again))
    assert ElementTree.tostring(a.find(f".//{NS}main")) == ElementTree.tostring(
        b.find(f".//{NS}main")
    )
    assert "findings from " + str(saved) in text_of(b)
    assert "Cure claim" in text_of(b)  # rule titles from the policy given


def test_report_says_when_a_file_changed_since_or_is_missing(tmp_path, format_policy):
    changed, gone = tmp_path / "changed.md", tmp_path / "gone.md"
    changed.write_text("It cures colds.\n\nA miracle.\n", encoding="utf-8")
    gone.write_text("It cures colds.\n", encoding="utf-8")
    saved = saved_report(tmp_path, format_policy, changed, gone)
    changed.write_text("It heals colds.\n\nA miracle.\n", encoding="utf-8")
    gone.unlink()
    code, out, err = run_cli("report", "--policy", str(format_policy), str(saved))
    assert (code, err) == (0, "")
    root = parse(out)
    problems = {
        s.get("data-path"): [text_of(p) for p in by_class(s, "p", "problem")]
        for s in by_class(root, "section", "file")
    }
    assert problems[str(changed)] == [
        f"{changed} changed since the report: 1 of 2 findings no longer match the text at "
        "their recorded position, so they are listed without a highlight"
    ]
    assert problems[str(gone)] == [f"{gone}: missing (moved or deleted since the report)"]
    # The finding that still matches keeps its highlight; the other is listed with its text.
    assert [text_of(m) for m in root.iter(f"{NS}mark")] == ["miracle"]
    assert "“cures”" in text_of(root)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("{", "report.json:1:2: error: not JSON: Expecting property name"),
        ("[]", "report.json: error: not a healthlint JSON report (no findings list)"),
        ('{"findings": [{"path": "a.md"}]}', "report.json: error: finding 1: 'rule' must be"),
    ],
)
def test_a_bad_saved_report_is_one_line_and_exit_2(tmp_path, monkeypatch, content, error):
    monkeypatch.chdir(tmp_path)
    Path("report.json").write_text(content, encoding="utf-8")
    code, out, err = run_cli("report", "report.json")
    assert (code, out) == (2, "")
    assert err.startswith(error), err
    assert err.count("\n") == 1, err


@pytest.mark.skipif(
    not (SHARED / "corpus" / "fakehealth").is_dir(),
    reason="the shared fakehealth corpus (../shared/corpus/fakehealth) is not present",
)
def test_the_whole_fakehealth_corpus_makes_a_page_under_15_mb(tmp_path):
    corpus = SHARED / "corpus" / "fakehealth"
    out = tmp_path / "corpus.html"
    code, _, err = run_cli("check", "--no-config", "--format", "html", "-o", str(out), str(corpus))
    assert code == 1, err
    page = out.read_text(encoding="utf-8")
    assert out.stat().st_size < 15 * 1024 * 1024
    report = check_json("--no-config", str(corpus))
    assert page.count(' data-n="') == len(report["findings"])  # every finding marked in place
    assert page.count('<details class="clean">') == 1


@st.composite
def text_and_spans(draw) -> tuple[str, list[tuple[int, int]]]:
    """Copy full of markup characters and one to six non-empty spans over it."""
    text = draw(st.text(alphabet="ab <>&\"'", min_size=1, max_size=30))
    point = st.integers(0, len(text))
    pair = st.tuples(point, point).filter(lambda p: p[0] != p[1])
    return text, [(min(p), max(p)) for p in draw(st.lists(pair, min_size=1, max_size=6))]


@settings(max_examples=150, deadline=None)
@given(text_and_spans())
def test_any_set_of_spans_gives_valid_html_with_each_finding_covering_its_text(case):
    from linter.formats.html import CopyBlock, FileCopy, Span, render
    from linter.results.findings import Finding
    from linter.results.report import Report

    text, spans = case
    findings = [Finding("p.txt", "r", "info", "m", 1, s + 1, 1, e + 1, text[s:e]) for s, e in spans]

    def read(path, asked):
        return FileCopy([CopyBlock("paragraph", text)], [Span(0, s, e) for s, e in spans])

    root = parse(render(Report(findings=findings, files=1), read))
    (block,) = by_class(root, "p", "t")
    assert text_of(block) == text  # marks add no text and lose none
    covered: dict[int, str] = {}
    for mark in root.iter(f"{NS}mark"):
        n = int(mark.get("data-finding"))
        covered[n] = covered.get(n, "") + text_of(mark)
    assert covered == {n: text[s:e] for n, (s, e) in enumerate(spans, start=1)}
