"""Which policy the server uses for a document, when it recompiles, and how rules are explained."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.common.errors import PolicyError
from linter.lsp.explain import hover_markdown, reference_markdown
from linter.lsp.policies import PolicyStore, is_policy_or_config, policies_setting
from linter.policy.references import first_url
from linter.results.findings import Finding

POLICY = """
name: house
rules:
  - id: {rule}
    severity: warning
    message: "no"
    check: '"miracle"'
"""


def test_the_policies_setting_in_each_shape():
    assert policies_setting({"healthlint": {"policies": ["a.yaml"]}}) == ["a.yaml"]
    assert policies_setting({"policies": "a.yaml"}) == ["a.yaml"]  # the section itself
    assert policies_setting({"healthlint": {"policies": None}}) == []
    assert policies_setting({"healthlint": {}}) is None
    assert policies_setting(None) is None
    with pytest.raises(ValueError, match=r"healthlint\.policies must be a list"):
        policies_setting({"healthlint": {"policies": [3]}})


def test_policy_and_config_files_are_recognised():
    assert is_policy_or_config("/site/policies/house.yaml")
    assert is_policy_or_config("/site/.healthlint.yml")
    assert is_policy_or_config("/site/pyproject.toml")
    assert not is_policy_or_config("/site/page.md")


def test_the_bundled_pack_by_default_compiled_once():
    store = PolicyStore()
    policy = store.settings_for("/anywhere/page.md").policy
    assert policy.name == "us-health"
    assert store.settings_for("/anywhere/other.md").policy is policy  # cached, not recompiled


def test_relative_policy_paths_are_taken_from_the_documents_workspace(tmp_path: Path, write_policy):
    write_policy(POLICY.format(rule="house-rule"), "house.yaml")
    nested = tmp_path / "docs"
    nested.mkdir()
    (nested / "house.yaml").write_text(POLICY.format(rule="docs-rule"), encoding="utf-8")
    store = PolicyStore()
    store.set_roots([tmp_path, nested])
    assert store.configure({"healthlint": {"policies": ["house.yaml"]}})
    assert not store.configure({"healthlint": {"policies": ["house.yaml"]}})  # unchanged
    assert [r.id for r in store.settings_for(str(tmp_path / "page.md")).policy.rules] == [
        "house-rule"
    ]
    assert [r.id for r in store.settings_for(str(nested / "page.md")).policy.rules] == ["docs-rule"]


def test_a_policy_is_recompiled_when_its_file_changes(tmp_path: Path, write_policy):
    path = write_policy(POLICY.format(rule="first"), "house.yaml")
    store = PolicyStore()
    store.configure({"policies": [str(path)]})
    assert store.settings_for(None).policy.rules[0].id == "first"
    path.write_text(POLICY.format(rule="second"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert store.settings_for(None).policy.rules[0].id == "second"


def test_a_broken_policy_is_remembered_until_invalidated(tmp_path: Path, write_policy):
    path = write_policy(POLICY.format(rule="ok").replace('"miracle"', "@missing"), "house.yaml")
    store = PolicyStore()
    store.configure({"policies": [str(path)]})
    with pytest.raises(PolicyError, match="unknown lexicon @missing") as first:
        store.settings_for(None)
    with pytest.raises(PolicyError) as again:
        store.settings_for(None)
    assert again.value is first.value  # cached: not recompiled on every keystroke
    store.invalidate()
    with pytest.raises(PolicyError) as fresh:
        store.settings_for(None)
    assert fresh.value is not first.value


def test_references_become_links():
    refs = ("21 CFR 1271.10 — https://www.ecfr.gov/part-1271", "FTC guidance, 2022")
    assert first_url(refs) == "https://www.ecfr.gov/part-1271"
    assert first_url(("no link here",)) is None
    assert reference_markdown(refs[0]) == "[21 CFR 1271.10](https://www.ecfr.gov/part-1271)"
    assert reference_markdown("https://example.org/a.") == (
        "[https://example.org/a](https://example.org/a) ."
    )
    assert reference_markdown("Plain *text*") == r"Plain \*text\*"


def test_hover_markdown_escapes_policy_prose():
    finding = Finding("p.md", "r", "warning", "Say <b>less</b>", 1, 1, 1, 2, "x")
    text = hover_markdown(finding, None, "Use *this*")
    assert text.startswith("**r** · `r` · warning")
    assert r"Say \<b\>less\</b\>" in text
    assert r"**Suggestion:** Use \*this\*" in text


def test_configuration_is_discovered_upward_from_the_document_as_the_cli_does(tmp_path):
    (tmp_path / ".healthlint.yaml").write_text(
        "ignore: [hype-term]\nseverity:\n  cure-claim: info\n"
    )
    nested = tmp_path / "blog" / "2024"
    nested.mkdir(parents=True)
    store = PolicyStore()
    settings = store.settings_for(str(nested / "post.md"))
    assert not settings.rules.enabled("hype-term")
    assert settings.rules.enabled("cure-claim")
    (tmp_path / ".healthlint.yaml").write_text("ignore: [cure-claim]\n")
    store.invalidate()  # what a watched-file event does
    assert not store.settings_for(str(nested / "post.md")).rules.enabled("cure-claim")


def test_a_broken_configuration_is_a_config_error_until_fixed(tmp_path):
    from linter.common.errors import ConfigError

    (tmp_path / ".healthlint.yaml").write_text("colour: red\n")
    store = PolicyStore()
    with pytest.raises(ConfigError):
        store.settings_for(str(tmp_path / "page.md"))
    (tmp_path / ".healthlint.yaml").write_text("fail-on: warning\n")
    store.invalidate()
    assert store.settings_for(str(tmp_path / "page.md")).fail_on == "warning"
