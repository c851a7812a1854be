"""SARIF 2.1.0: what code scanning reads, validated against the OASIS schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.app.cli import main
from linter.formats.sarif import FINGERPRINT_KEY, render
from linter.results.findings import FileError
from tests.conftest import SEEDS, SHARED

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def sarif_check(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *args])
    return result.exit_code, json.loads(result.stdout), result.stderr


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.is_file():
        pytest.skip("the SARIF schema in ../shared/schemas is not available")
    from jsonschema import Draft4Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def schema_errors(validator, log: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_sarif_for_the_seeds_validates_against_the_oasis_schema(validator, tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    code, log, err = sarif_check("seeds")
    assert code == 1
    assert schema_errors(validator, log) == []
    results = log["runs"][0]["results"]
    assert len(results) > 20  # the seeds are full of problems
    assert "5 files checked" in err


def test_an_audit_with_suppressions_and_unreadable_files_validates(validator, audit_report):
    audit_report.errors.append(FileError("broken.md", "not valid UTF-8", 2, 5))
    log = json.loads(render(audit_report))
    assert schema_errors(validator, log) == []


def test_rules_carry_title_rationale_references_and_help_uri(audit_report):
    driver = json.loads(render(audit_report))["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("healthlint", __import__("linter").__version__)
    rules = {r["id"]: r for r in driver["rules"]}
    assert list(rules) == ["no-cure", "hype", "aside"]  # every rule of the policy, in its order
    cure = rules["no-cure"]
    assert cure["name"] == "NoCure"
    assert cure["shortDescription"] == {"text": "Cure claim"}
    assert cure["fullDescription"]["text"].startswith("Promising a cure needs")
    assert "Promising a cure needs" in cure["help"]["text"]
    assert "15 U.S.C. § 52 — https://www.law.cornell.edu/uscode/text/15/52" in cure["help"]["text"]
    assert (
        "[15 U.S.C. § 52](https://www.law.cornell.edu/uscode/text/15/52)"
        in cure["help"]["markdown"]
    )
    assert cure["helpUri"] == (
        "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"
    )
    assert cure["defaultConfiguration"] == {"level": "error"}
    assert "helpUri" not in rules["hype"]  # no reference, no link
    assert rules["aside"]["defaultConfiguration"] == {"level": "note"}


def test_results_point_at_the_match_with_levels_mapped_from_severity(audit_report):
    run = json.loads(render(audit_report))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"
    rules = run["tool"]["driver"]["rules"]
    got = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "page.md", "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        got.append(
            (
                result["ruleId"],
                result["level"],
                result["message"]["text"],
                region["startLine"],
                region["startColumn"],
                region["endLine"],
                region["endColumn"],
                region["snippet"]["text"],
            )
        )
    assert got == [
        ("no-cure", "error", "cure claim: cures", 3, 13, 3, 18, "cures"),
        ("hype", "warning", "hype: miracle", 5, 3, 5, 10, "miracle"),
        ("aside", "note", "note: by the way", 5, 12, 5, 22, "by the way"),
        ("no-cure", "error", "cure claim: cures", 7, 4, 7, 9, "cures"),
    ]
    # endColumn is exclusive in SARIF as in healthlint: the region is exactly the match.
    lines = (Path.cwd() / "page.md").read_text().splitlines()
    for *_, line, start, _end_line, end, text in got:
        assert lines[line - 1][start - 1 : end - 1] == text


def test_suppressed_findings_are_results_with_an_in_source_justification(audit_report):
    results = json.loads(render(audit_report))["runs"][0]["results"]
    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 1
    assert waived[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    assert waived[0]["suppressions"] == [
        {
            "kind": "inSource",
            "justification": "pain relief is documented, see the trial, ref 12",
        }
    ]


def test_unreadable_files_become_notifications_and_an_unsuccessful_run(audit_report):
    audit_report.errors.append(FileError("broken.md", "not valid UTF-8", 2, 5))
    invocation = json.loads(render(audit_report))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "not valid UTF-8"
    location = note["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "broken.md"
    assert location["region"] == {"startLine": 2, "startColumn": 5}


def test_paths_outside_the_working_directory_are_file_uris(tmp_path, monkeypatch, write_policy):
    inside, outside = tmp_path / "repo", tmp_path / "other dir"
    inside.mkdir()
    outside.mkdir()
    (outside / "page.md").write_text("It cures.\n")
    (inside / "a b.md").write_text("It cures.\n")
    policy = write_policy("rules:\n  - {id: c, severity: error, message: m, check: '\"cure*\"'}\n")
    monkeypatch.chdir(inside)
    _, log, _ = sarif_check("--policy", str(policy), "a b.md", str(outside / "page.md"))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]
    ]
    assert uris == [  # in path order: the absolute one sorts first
        {"uri": (outside / "page.md").as_uri()},
        {"uri": "a%20b.md", "uriBaseId": "%SRCROOT%"},
    ]


def test_fingerprints_survive_a_line_inserted_at_the_top(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    page = sorted((tmp_path / "seeds").iterdir())[0]

    def results() -> dict[str, tuple[str, int, int]]:
        _, log, _ = sarif_check("seeds")
        out = {}
        for r in log["runs"][0]["results"]:
            loc = r["locations"][0]["physicalLocation"]
            key = r["partialFingerprints"][FINGERPRINT_KEY]
            assert key not in out, "fingerprints are unique within a run"
            out[key] = (loc["artifactLocation"]["uri"], loc["region"]["startLine"], r["ruleId"])
        return out

    before = results()
    page.write_text("Updated for this season.\n\n" + page.read_text(encoding="utf-8"))
    after = results()

    assert set(after) == set(before)
    moved = [fp for fp, (uri, _, _) in before.items() if uri == f"seeds/{page.name}"]
    assert moved, "the edited page has findings"
    for fp in moved:
        uri, line, rule = before[fp]
        assert after[fp] == (uri, line + 2, rule)  # same alert, two lines lower
    for fp in set(before) - set(moved):
        assert after[fp] == before[fp]


def test_rewording_a_sentence_gives_a_new_fingerprint(tmp_path, monkeypatch, write_policy):
    policy = write_policy("rules:\n  - {id: c, severity: error, message: m, check: '\"cure*\"'}\n")
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text("Our therapy cures MS.\n")
    _, first, _ = sarif_check("--policy", str(policy), "page.md")
    page.write_text("Our new therapy cures MS.\n")
    _, second, _ = sarif_check("--policy", str(policy), "page.md")
    [a], [b] = (log["runs"][0]["results"] for log in (first, second))
    assert a["partialFingerprints"] != b["partialFingerprints"]
