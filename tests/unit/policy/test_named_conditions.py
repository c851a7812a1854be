"""Named conditions: a pack writes a condition once under `conditions:` and checks say `$name`.

A named condition compiles to exactly what its definition written out in
the check would; it may use the conditions defined before it; a name that
is not defined (or not yet) is a policy error at the reference, and an error
inside a definition points into the definition.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.common.errors import PolicyError
from linter.policy import load_policies
from linter.policy import model as m

HEAD = """
lexicons:
  claim: ["cure*"]
  book: ["book now", "call us"]
  offer: ["we treat"]
  hedge: ["may"]
"""


def policy(write_policy, conditions: str, check: str, name: str = "policy.yaml") -> Path:
    text = HEAD + (f"conditions:\n{conditions}\n" if conditions else "")
    text += f"""
rules:
  - id: r
    severity: error
    message: m
    check: {check}
"""
    return write_policy(text, name)


def leaves_as_sources(value: object, regexes: list[str]) -> object:
    """A rule's compiled check with expression numbers replaced by the expressions."""
    if isinstance(value, m.Leaf):
        return ("leaf", regexes[value.regex])
    if isinstance(value, (list, tuple)):
        return [leaves_as_sources(v, regexes) for v in value]
    if isinstance(value, (m.Has, m.Not, m.All, m.Any, m.Scope, m.Negated, m.Context, m.Downgrade)):
        return (type(value).__name__, leaves_as_sources(list(value.as_dict().values()), regexes))
    return value


def compiled_check(path: Path) -> tuple:
    loaded = load_policies([path], use_cache=False)
    (rule,) = loaded.rules
    parts = (rule.pattern, rule.unless, rule.where, rule.downgrades, rule.requirement)
    return tuple(leaves_as_sources(p, loaded.regexes) for p in parts)


def policy_error(path: Path) -> PolicyError:
    """The error loading ``path`` raises (the test fails if it loads)."""
    with pytest.raises(PolicyError) as caught:
        load_policies([path], use_cache=False)
    return caught.value


def test_a_named_condition_compiles_as_its_definition_written_out(write_policy):
    named = policy(
        write_policy,
        "  sells: document has (@book or @offer)",
        "find @claim unless negated or not $sells downgrade to warning if $sells",
        "named.yaml",
    )
    written = policy(
        write_policy,
        "",
        "find @claim unless negated or not document has (@book or @offer)"
        " downgrade to warning if document has (@book or @offer)",
        "written.yaml",
    )
    assert compiled_check(named) == compiled_check(written)


def test_a_named_condition_may_use_the_ones_defined_before_it(write_policy):
    named = policy(
        write_policy,
        "  sells: document has @book\n  sells_hedged: $sells and sentence has @hedge",
        "find @claim unless $sells_hedged",
        "named.yaml",
    )
    written = policy(
        write_policy, "", "find @claim unless document has @book and sentence has @hedge", "w.yaml"
    )
    assert compiled_check(named) == compiled_check(written)


def test_an_unknown_name_is_an_error_at_the_reference(write_policy):
    err = policy_error(
        policy(write_policy, "  sells: document has @book", "find @claim unless $sell")
    )
    assert "rule r: unknown condition $sell (known: $sells)" in err.message
    assert err.render().splitlines()[-1].strip() == "^"
    assert err.line == 13


def test_a_definition_cannot_use_itself_or_a_later_one(write_policy):
    for conditions in (
        "  loop: not $loop",
        "  first: $second\n  second: document has @book",
    ):
        path = policy(write_policy, conditions, "find @claim unless $loop")
        with pytest.raises(PolicyError, match=r"unknown condition \$(loop|second)"):
            load_policies([path], use_cache=False)


def test_an_error_inside_a_definition_points_into_it(write_policy):
    err = policy_error(
        policy(write_policy, "  sells: document has @nope", "find @claim unless $sells")
    )
    assert "condition $sells: unknown lexicon @nope" in err.message
    assert (err.line, err.column) == (7, 23)  # the "@" of "@nope"


@pytest.mark.parametrize(
    ("check", "needle"),
    [
        ("find $sells", "expected a pattern here, found a condition (a named $condition)"),
        ("find @claim unless document has $sells", "`has` takes a pattern"),
    ],
)
def test_a_named_condition_is_no_pattern(write_policy, check, needle):
    path = policy(write_policy, "  sells: document has @book", check)
    assert needle in policy_error(path).message


def test_a_name_must_be_a_word(write_policy):
    path = policy(write_policy, "  bad.name: document has @book", "find @claim")
    with pytest.raises(PolicyError, match=r"invalid condition name 'bad\.name'"):
        load_policies([path], use_cache=False)


def write_pack(folder: Path, lexicons_yaml: str = "lexicons:\n  book: [book now]\n") -> Path:
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "name: house\nrules:\n  - no-cures\nconditions:\n  sells: document has @book\n",
        encoding="utf-8",
    )
    (folder / "lexicons.yaml").write_text(lexicons_yaml, encoding="utf-8")
    (folder / "no-cures.yaml").write_text(
        "id: no-cures\nseverity: error\nmessage: m\ncheck: find @cures where $sells\n"
        "lexicons:\n  cures: [cures]\n",
        encoding="utf-8",
    )
    return folder


def test_a_name_is_defined_once_in_a_pack(tmp_path):
    again = "lexicons:\n  book: [book now]\nconditions:\n  sells: negated\n"
    folder = write_pack(tmp_path / "house", again)
    with pytest.raises(PolicyError, match=r"condition \$sells is already defined"):
        load_policies([folder], use_cache=False)


def test_a_pack_folder_s_rule_files_use_the_conditions_of_its_pack_yaml(tmp_path):
    folder = write_pack(tmp_path / "house")
    (rule,) = load_policies([folder], use_cache=False).rules
    (where,) = rule.where
    assert isinstance(where, m.Has)
    assert where.scope == m.Scope("document")


def test_the_bundled_pack_names_whether_a_page_sells():
    pack = load_policies(use_cache=False)
    sells = [r.id for r in pack.rules if "$sells" in r.check]
    assert "cure-claim" in sells
    assert "vague-evidence" in sells
