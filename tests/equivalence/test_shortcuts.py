"""The engine's shortcuts skip work, never findings.

Before judging any match the engine rules out whole rules: a trigger whose
expressions do not occur (the prefilter pass), a ``where`` pattern that
occurs nowhere in the document, a require rule whose page-wide requirement
the page meets; and patterns are looked for only in the blocks that may
hold them (a trigger, each of its alternatives). These tests lint the same
pages with the shortcuts and with them turned off and compare every finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.documents import read_document
from linter.engine import analysis as engine
from linter.engine import patterns, prepared, shapes, triggers
from linter.policy import load_policies
from linter.policy import model as m
from tests.conftest import SEEDS, SHARED

CORPUS = SHARED / "corpus" / "fakehealth"


def lint(paths: list[Path], policy: m.Policy) -> list[tuple]:
    out = []
    for path in paths:
        doc = read_document(str(path), path.read_bytes())
        out += [
            (f.path, f.rule, f.line, f.column, f.message) for f in engine.lint_document(doc, policy)
        ]
    return out


@pytest.fixture
def no_shortcuts(monkeypatch):
    """Every rule is tried on every document."""

    def every_rule(policy: m.Policy) -> triggers.Triggers:
        always = tuple(triggers._always for _ in policy.rules)
        return triggers.Triggers(triggers.triggers(policy).regexes, always)

    def turn_off() -> None:
        monkeypatch.setattr(prepared, "triggers", every_rule)
        monkeypatch.setattr(engine, "may_qualify", lambda rule, analysis, needed=None: True)
        # A page-wide requirement judged at every trigger, after its conditions.
        monkeypatch.setattr(shapes, "same_for_every_hit", lambda cond, rule_scope: False)
        # Every block looked at for every pattern and every alternative.
        monkeypatch.setattr(patterns.PatternHits, "candidate_blocks", lambda self, pattern: None)
        # "document has" one expression answered by a scan of every block, not one search.
        monkeypatch.setattr(
            patterns.PatternHits, "leaf_occurs", lambda self, regex: bool(self._leaf(regex))
        )

    return turn_off


def pages() -> list[Path]:
    found = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():  # every 40th page of the corpus when it is there
        found += sorted((CORPUS / "story").glob("*.md"))[::40]
    return found


def test_the_bundled_pack_finds_the_same_with_and_without_shortcuts(no_shortcuts):
    policy = load_policies()
    fast = lint(pages(), policy)
    no_shortcuts()
    assert lint(pages(), policy) == fast
    assert len(fast) > 50  # the pages exercise the rules


def test_a_rule_whose_trigger_is_absent_is_ruled_out_before_it_runs(write_policy):
    policy = load_policies(
        [
            write_policy(
                """
                rules:
                  - id: near
                    severity: error
                    message: m
                    check: '"stem cell*" within 3 words of "cure*" except "not"'
                  - id: either
                    severity: error
                    message: m
                    check: '"miracle" or ("cure*" within 2 words of "MS")'
                """
            )
        ]
    )
    tests = triggers.triggers(policy)
    index = {source: i for i, source in enumerate(policy.regexes)}

    def present(*words: str) -> set[int]:
        """Indexes of the expressions for these words (each phrase has its own)."""
        found = {i for s, i in index.items() for w in words if f"\\b{w}" in s.lower()}
        assert len(found) == len(words)
        return found

    near, either = tests.possible
    assert not near(present("stem"))  # proximity needs both sides
    assert near(present("stem", "cur"))
    assert not near(present("not"))  # an except never makes a match
    assert either(present("miracle"))
    assert not either(present("cur"))
    assert either(present("cur", "ms"))


def test_a_where_pattern_absent_from_the_page_rules_the_rule_out(write_policy):
    policy = load_policies(
        [
            write_policy(
                """
                rules:
                  - id: offer
                    severity: error
                    message: m
                    check: |
                      find "cure*"
                      where within 2 sentences has "we offer"
                """
            )
        ]
    )
    rule = policy.rules[0]
    without = engine.Analysis(read_document("a.md", b"It cures MS.\n"), policy)
    with_offer = engine.Analysis(read_document("b.md", b"We offer it.\n\nIt cures MS.\n"), policy)
    assert not engine.may_qualify(rule, without)
    assert engine.may_qualify(rule, with_offer)
    assert [f.rule for f in engine.lint_document(with_offer.doc, policy)] == ["offer"]


def test_a_page_wide_requirement_met_spares_judging_the_triggers(write_policy, no_shortcuts):
    policy = load_policies(
        [
            write_policy(
                """
                rules:
                  - id: disclose
                    severity: error
                    message: m
                    check: |
                      in document:
                        when "cure*" unless negated
                        require "not a cure"
                """
            )
        ]
    )
    sources = {
        "met.md": b"It cures MS.\n\nThis is not a cure.\n",
        "unmet.md": b"It cures MS.\n\nIt cured Ann.\n",
        "negated.md": b"It does not cure MS.\n",
        "none.md": b"Nothing here.\n",
        "mixed.md": b"It will never cure MS. It cures pain.\n",
    }

    def findings() -> dict[str, list[tuple]]:
        out = {}
        for name, data in sources.items():
            doc = read_document(name, data)
            out[name] = [(f.line, f.column, f.message) for f in engine.lint_document(doc, policy)]
        return out

    assert shapes.same_for_every_hit(policy.rules[0].requirement, "document")
    fast = findings()
    assert [name for name, found in fast.items() if found] == ["unmet.md", "mixed.md"]
    no_shortcuts()
    assert findings() == fast


def test_an_expression_the_prefilter_does_not_answer_for_is_never_ruled_out(monkeypatch):
    """Each prefilter answers for the expressions it can (a Hyperscan database
    leaves some to an RE2 set, or cannot take them at all): the engine must
    take the answering prefilter's own word for which it ruled out."""
    from linter.matching import text as document_text

    class AnswersForNothing:
        covered: frozenset[int] = frozenset()

        def run(self, data: bytes) -> set[int]:
            return set()

    policy = load_policies()
    seeds = sorted(SEEDS.glob("*.txt"))
    expected = lint(seeds, policy)
    monkeypatch.setattr(
        document_text, "prefilter", lambda sources, mode="sets": AnswersForNothing()
    )
    assert lint(seeds, policy) == expected
    assert len(expected) > 50
