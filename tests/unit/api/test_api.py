"""The library interface (linter.api): what a program or a distributed engine calls."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest

import linter
from linter.api import ROW_FIELDS, Linter, Record, Result, format_name, load_policy
from tests.conftest import ROOT

PAGE = "# Knee clinic\n\nIt cures MS.\n"


@pytest.fixture(scope="module")
def bundled() -> Linter:
    return Linter()


def test_the_package_re_exports_the_interface_on_first_use() -> None:
    assert linter.Linter is Linter
    assert linter.load_policy is load_policy
    with pytest.raises(AttributeError):
        _ = linter.no_such_name


def test_the_lazy_names_are_exactly_the_interface() -> None:
    """linter/__init__.py lists the names without importing linter.api; the lists agree."""
    import linter.api

    assert frozenset(linter.api.__all__) == linter._API


def test_importing_the_package_does_not_import_the_interface() -> None:
    probe = "import sys, linter; print('linter.api' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_lint_one_text_gives_the_findings_the_command_line_gives(bundled: Linter, tmp_path) -> None:
    result = bundled.lint(PAGE, "knee.md", "md")
    (tmp_path / "knee.md").write_text(PAGE)
    cli = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "json", "knee.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    expected = json.loads(cli.stdout)["findings"]
    assert result.error is None
    assert [f.to_dict() for f in result.findings] == expected
    assert [f["rule"] for f in expected] == ["cure-claim"]


def test_bytes_are_decoded_as_a_copy_file_is(bundled: Linter) -> None:
    assert bundled.lint(PAGE.encode("utf-16"), "knee.md") == bundled.lint(PAGE, "knee.md")


@pytest.mark.parametrize(
    ("given", "reader"),
    [
        ("md", "markdown"),
        ("Markdown", "markdown"),
        ("htm", "html"),
        ("txt", "text"),
        (".tsx", "tsx"),
    ],
)
def test_format_names_have_short_spellings(given: str, reader: str) -> None:
    assert format_name(given) == reader


def test_lint_many_gives_one_result_per_record_in_order(bundled: Linter) -> None:
    records = [
        Record(f"page-{i}.html", f"<p>Page {i}: it cures MS.</p>", "html") for i in range(70)
    ]
    records[3] = Record("page-3.txt", b"It cures \xff MS.", "txt")
    records[5] = Record("page-5.docx", "It cures MS.", "docx")
    results = list(bundled.lint_many(records, batch_size=16))
    assert [r.name for r in results] == [r.name for r in records]
    singles = [bundled.lint(r.content, r.name, r.format) for r in records]
    assert results == singles
    # An unreadable record is a result with an error, never an exception;
    # invalid bytes are reported and the rest is still linted.
    assert results[5].error is not None
    assert "unknown format 'docx'" in results[5].error.message
    assert results[5].findings == []
    assert "invalid UTF-8 at byte 9" in results[3].error.message
    assert [f.rule for f in results[3].findings] == ["cure-claim"]


def test_tuples_are_records_too(bundled: Linter) -> None:
    assert list(bundled.lint_many([("a.md", PAGE)])) == list(
        bundled.lint_many([Record("a.md", PAGE, None)])
    )


def test_rows_are_plain_data_with_the_policy_digest_and_tool_version(bundled: Linter) -> None:
    rows = bundled.lint_rows([("a.md", PAGE), ("b.docx", "x", "docx")])
    assert [tuple(r) for r in rows] == [ROW_FIELDS, ROW_FIELDS]
    finding, error = rows
    assert finding["kind"] == "finding"
    assert finding["rule"] == "cure-claim"
    assert (finding["line"], finding["column"]) == (3, 4)
    assert error["kind"] == "error"
    assert error["path"] == "b.docx"
    assert {r["policy_digest"] for r in rows} == {bundled.policy_digest}
    assert {r["tool_version"] for r in rows} == {linter.__version__}
    json.dumps(rows)  # plain data all the way down


def test_rule_choices_apply(bundled: Linter) -> None:
    quiet = Linter(bundled.policy, ignore=["cure-claim"])
    loud = Linter(bundled.policy, severity={"cure-claim": "warning"})
    assert quiet.lint(PAGE, "a.md").findings == []
    assert [f.severity for f in loud.lint(PAGE, "a.md").findings] == ["warning"]


def test_a_linter_from_a_folder_follows_its_configuration(tmp_path) -> None:
    (tmp_path / ".healthlint.yaml").write_text("ignore: [cure-claim]\n")
    configured = Linter.from_config(str(tmp_path))
    assert configured.lint(PAGE, "a.md").findings == []


def test_a_pickled_linter_lints_alike_and_carries_no_compiled_state(bundled: Linter) -> None:
    bundled.lint(PAGE, "a.md")  # compiled state exists in this process
    data = pickle.dumps(bundled)
    copy = pickle.loads(data)
    assert copy.lint(PAGE, "a.md") == bundled.lint(PAGE, "a.md")
    assert copy.policy_digest == bundled.policy_digest
    # Policy, rule choices and the digest: no compiled expressions, no triggers.
    assert b"Triggers" not in data
    assert b"_regexp" not in data
    assert len(data) < 2 * len(pickle.dumps(bundled.policy))


def test_results_pickle(bundled: Linter) -> None:
    result = bundled.lint(PAGE, "a.md")
    assert isinstance(result, Result)
    assert pickle.loads(pickle.dumps(result)) == result


# A fresh process receives N pickled copies (as a worker receives one per
# task) and lints with each: one compile, and one policy object.
COPIES = """
import pickle, sys
import linter
data = sys.stdin.buffer.read()
copies = [pickle.loads(data) for _ in range(20)]
for copy in copies:
    copy.lint("It cures MS.", "a.txt")
print(linter.times_compiled(), len({id(c.policy) for c in copies}))
"""


def test_n_unpickled_copies_in_one_process_compile_the_policy_once(bundled: Linter) -> None:
    run = subprocess.run(
        [sys.executable, "-c", COPIES],
        input=pickle.dumps(bundled),
        capture_output=True,
        cwd=ROOT,
        check=True,
    )
    assert run.stdout.decode().split() == ["1", "1"]


TWO_POLICIES = """
import pickle, sys
import linter
other = linter.Linter(linter.load_policy(sys.argv[1]))
data = open(sys.argv[2], "rb").read()
for _ in range(5):
    pickle.loads(data).lint("It cures MS.", "a.txt")
    other.lint("a miracle", "b.txt")
print(linter.times_compiled())
"""


def test_two_different_policies_compile_once_each(write_policy) -> None:
    path = write_policy(
        """
        rules:
          - id: x
            severity: error
            message: m
            check: '"miracle"'
        """
    )
    pickled = path.parent / "linter.pickle"  # too big for a command line
    pickled.write_bytes(pickle.dumps(Linter()))
    run = subprocess.run(
        [sys.executable, "-c", TWO_POLICIES, str(path), str(pickled)],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout.decode().split() == ["2"]
