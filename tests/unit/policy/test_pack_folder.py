"""A pack as a folder: pack.yaml lists the rules and their sources, one file per rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.common.errors import PolicyError
from linter.policy import load_policies

PACK_YAML = """\
name: house
version: "1"
rules:
  - no-miracles
  - no-cures
sources:
  ftc-2022: "FTC, Health Products Compliance Guidance (2022)"
"""
LEXICONS_YAML = """\
lexicons:
  miracle:
    - miracle
"""
NO_MIRACLES = """\
id: no-miracles
severity: warning
message: "{{ match }} is hype"
check: find @miracle
references:
  - "[ftc-2022]"
  - "A reference written out in full"
examples:
  fire:
    - text: "A miracle."
      why: the shared lexicon, in a rule file
"""
NO_CURES = """\
id: no-cures
severity: error
message: "{{ match }} claims a cure"
check: find @cure_words
lexicons:
  cure_words:
    - cures
"""


def write_pack(folder: Path, **files: str) -> Path:
    contents = {
        "pack.yaml": PACK_YAML,
        "lexicons.yaml": LEXICONS_YAML,
        "no-miracles.yaml": NO_MIRACLES,
        "no-cures.yaml": NO_CURES,
    }
    contents.update({name.replace("_", "-") + ".yaml": text for name, text in files.items()})
    folder.mkdir()
    for name, text in contents.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_pack_folder_compiles_its_rules_in_the_listed_order(tmp_path):
    policy = load_policies([write_pack(tmp_path / "house")], use_cache=False)
    assert policy.name == "house"
    assert [r.id for r in policy.rules] == ["no-miracles", "no-cures"]


def test_a_reference_in_brackets_stands_for_the_packs_source(tmp_path):
    policy = load_policies([write_pack(tmp_path / "house")], use_cache=False)
    assert policy.rule("no-miracles").references == (
        "FTC, Health Products Compliance Guidance (2022)",
        "A reference written out in full",
    )


def test_an_example_may_say_why(tmp_path):
    policy = load_policies([write_pack(tmp_path / "house")], use_cache=False)
    (example,) = policy.rule("no-miracles").examples
    assert example.why == "the shared lexicon, in a rule file"


def test_an_unknown_source_is_an_error_at_the_reference(tmp_path):
    broken = NO_MIRACLES.replace("[ftc-2022]", "[ftc-2023]")
    folder = write_pack(tmp_path / "house", no_miracles=broken)
    with pytest.raises(PolicyError) as caught:
        load_policies([folder], use_cache=False)
    assert caught.value.path.endswith("no-miracles.yaml")
    assert caught.value.line == 6
    assert "unknown source [ftc-2023] (sources: ftc-2022)" in caught.value.message


def test_a_rule_files_lexicons_are_its_own(tmp_path):
    borrowing = NO_MIRACLES.replace("find @miracle", "find @cure_words")
    folder = write_pack(tmp_path / "house", no_miracles=borrowing)
    with pytest.raises(PolicyError, match="unknown lexicon @cure_words"):
        load_policies([folder], use_cache=False)


def test_a_rule_file_may_not_redefine_a_shared_lexicon(tmp_path):
    clash = NO_CURES.replace("cure_words:", "miracle:").replace("@cure_words", "@miracle")
    folder = write_pack(tmp_path / "house", no_cures=clash)
    with pytest.raises(PolicyError, match="lexicon 'miracle' is already defined in"):
        load_policies([folder], use_cache=False)


def test_every_rule_file_is_listed_and_every_listed_rule_has_a_file(tmp_path):
    unlisted = write_pack(tmp_path / "a", pack=PACK_YAML.replace("  - no-cures\n", ""))
    with pytest.raises(PolicyError, match="rule 'no-cures' is not listed in its pack's `rules`"):
        load_policies([unlisted], use_cache=False)
    missing = write_pack(tmp_path / "b")
    (missing / "no-cures.yaml").unlink()
    with pytest.raises(PolicyError, match="rule 'no-cures' is listed but no rule file defines it"):
        load_policies([missing], use_cache=False)


def test_the_bundled_pack_is_a_folder_whose_rules_each_have_a_file():
    policy = load_policies(use_cache=False)
    assert {Path(r.source).name for r in policy.rules} == {f"{r.id}.yaml" for r in policy.rules}
