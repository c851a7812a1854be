"""Fuzzing: random and mutated input never breaks the parser, the readers or `check`.

Example counts are small enough for CI; set HEALTHLINT_FUZZ_EXAMPLES (e.g.
5000) for a longer run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.common.errors import LossyDecode, PolicyError, ReadError
from linter.documents import read_document
from linter.policy.language import CheckCompiler
from linter.policy.regexes import RegexTable
from tests.conftest import ROOT, run_cli

EXAMPLES = int(os.environ.get("HEALTHLINT_FUZZ_EXAMPLES", "0")) or None


def fuzz(default: int):
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- the rule language ------------------------------------------------------------

TOKENS = [
    "in", "sentence", "paragraph", "block", "section", "document", "heading", "field",
    "match", ":", "find", "when", "require", "unless", "where", "downgrade", "to", "if",
    "error", "warning", "info", "and", "or", "|", "not", "has", "except", "within", "words",
    "sentences", "of", "before", "after", "next", "previous", "negated", "quoted", "link",
    "(", ")", '"cure"', '"stem cell*"', '"', "/re/i", "/(a/", "/", "@claim", "@nope", "@",
    "3", "0", "99999999999", "#", "\n", "'", "\\", "é", "\x00",
]  # fmt: skip
VALID = [
    '"cure"',
    "find @claim unless negated or sentence has @hedge downgrade to warning if has @hedge",
    "in document: when @claim unless negated require within 3 sentences has @hedge",
    'find @claim within 4 words before "myelin" except "no cure"',
]


def compile_error(text: str) -> str | None:
    """Compile one check: None, or the PolicyError's message. Nothing else may escape."""

    def fail(message: str, offset: int):
        raise PolicyError(message, "policy.yaml", 1, offset + 1)

    compiler = CheckCompiler({"claim": ["cure*", "/heal(s|ed)?/i"], "hedge": ["may"]}, RegexTable())
    try:
        compiler.compile(text, fail)
    except PolicyError as exc:
        error = exc
    else:
        return None
    assert 0 <= error.column - 1 <= len(text), "the error points inside the check"
    return error.message


@fuzz(300)
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join))
def test_random_token_sequences_compile_or_fail_cleanly(text):
    assert compile_error(text) != ""


@fuzz(300)
@given(st.sampled_from(VALID), st.data())
def test_mutated_valid_checks_compile_or_fail_cleanly(text, data):
    words = text.split(" ")
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(words)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace", "swap"]))
        if action == "insert":
            words.insert(i, data.draw(st.sampled_from(TOKENS)))
        elif words and action == "delete":
            words.pop(min(i, len(words) - 1))
        elif words and action == "replace":
            words[min(i, len(words) - 1)] = data.draw(st.sampled_from(TOKENS))
        elif len(words) > 1:
            j = data.draw(st.integers(0, len(words) - 1))
            k = min(i, len(words) - 1)
            words[j], words[k] = words[k], words[j]
    assert compile_error(" ".join(words)) != ""


@fuzz(150)
@given(st.text(max_size=80))
def test_arbitrary_text_compiles_or_fails_cleanly(text):
    assert compile_error(text) != ""


# --- readers -----------------------------------------------------------------------

MARKUP = [
    "<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<style>", "<pre>", "<!--",
    "-->", "<a href='x'>", "</a>", "<img alt='cures'>", "<meta name=description content=x>",
    "&amp;", "&#x1F600;", "&#99999999;", "&bogus;", "&", "<", ">", "**", "_", "`", "```",
    "[", "](", ")", "- ", "> ", "# ", "1. ", "|", "---\n", "title: x\n", "\\", "\n", "\r\n",
    "\r", "\t", " ", "cures", "It cures MS.", "é", "😀", "\u2028", "\ufeff", "\x00",
]  # fmt: skip


def check_positions(path: str, data: bytes, fmt: str) -> None:
    """Reading never raises anything but ReadError, and every block maps inside the file."""
    try:
        doc = read_document(path, data, fmt)
    except LossyDecode as exc:
        from linter.documents import read_source

        doc = read_source(path, exc.text, fmt)
    except ReadError:
        return
    size = len(doc.source)
    for block in doc.blocks:
        for piece in block.pieces:
            assert 0 <= piece.source_start <= piece.source_start + piece.source_len <= size
        for i in range(len(block.text)):
            start = block.source_offset(i)
            assert 0 <= start < block.source_end(i + 1) <= size
            line, column = doc.position(start)
            assert line >= 1
            assert column >= 1


FORMATS = [("page.md", "markdown"), ("page.html", "html"), ("page.txt", "text")]


@pytest.mark.parametrize(("path", "fmt"), FORMATS)
@fuzz(120)
@given(data=st.binary(max_size=400))
def test_readers_survive_random_bytes(path, fmt, data):
    check_positions(path, data, fmt)


@pytest.mark.parametrize(("path", "fmt"), FORMATS)
@fuzz(150)
@given(pieces=st.lists(st.sampled_from(MARKUP), max_size=60))
def test_readers_survive_random_markup(path, fmt, pieces):
    check_positions(path, "".join(pieces).encode("utf-8", "surrogatepass"), fmt)


# --- the whole check ----------------------------------------------------------------

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
PROSE = [
    "Our stem cell therapy cures MS.", "There is no known cure.", "Results vary.",
    "Treatments start at $2,500.", "90% of patients improve.", "A breakthrough!",
    "It is 100% safe.", "FDA approved.", "Not FDA approved.", '"I walk again," says Ann, 54.',
    "Studies show it works.", "\n\n", "\n", "# Heading\n", "- item\n", "<p>", "</p>", "&amp;",
    "<!-- healthlint-disable-next-line hype-term -- quoting a title -->\n", "é😀", "\r\n",
]  # fmt: skip


@st.composite
def sites(draw) -> dict[str, str]:
    names = draw(st.lists(st.sampled_from(["a.md", "b.html", "c.txt", "d/e.md"]), unique=True))
    return {n: "".join(draw(st.lists(st.sampled_from(PROSE), max_size=25))) for n in names}


@fuzz(40)
@given(site=sites())
def test_check_output_validates_and_is_sorted_and_deterministic(tmp_path_factory, site):
    import jsonschema

    root = tmp_path_factory.mktemp("site")
    for name, text in site.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", str(root))
    assert code in (0, 1), err
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    keys = [(f["path"], f["line"], f["column"]) for f in report["findings"]]
    assert keys == sorted(keys)
    for f in report["findings"]:
        assert Path(f["path"]).is_relative_to(root)
        assert (f["end_line"], f["end_column"]) > (f["line"], f["column"])
    assert run_cli("check", "--format", "json", str(root))[1] == out


@fuzz(8)
@given(site=sites(), copies=st.integers(40, 70))
def test_check_output_does_not_depend_on_jobs(tmp_path_factory, site, copies):
    """Enough files that --jobs 2 really forks workers; the report is byte-identical."""
    from linter.run import parallel

    root = tmp_path_factory.mktemp("site")
    pages = list(site.items()) or [("a.md", PROSE[0])]
    for i in range(copies):
        name, text = pages[i % len(pages)]
        (root / f"{i:03d}-{name.replace('/', '-')}").write_text(text, encoding="utf-8")
    assert parallel.worker_count(copies, 2) == 2
    outputs = {
        jobs: run_cli("check", "--format", "json", "--jobs", jobs, str(root))[1]
        for jobs in ("1", "2", "3")
    }
    assert outputs["1"] == outputs["2"] == outputs["3"]
