"""Rules a file does not report are not worked out for it, and nothing else changes.

``--select``, ``--ignore`` and a configuration's rule choices drop findings;
the engine skips the rules whose findings would be dropped
(linter.engine.analysis.lint_documents, ``wanted``). The findings of the
rules that remain are exactly those of a full run, filtered.
"""

from __future__ import annotations

import json

import pytest

from linter.engine import analysis as engine
from linter.engine import shapes
from linter.policy import load_policies
from tests.conftest import SEEDS, run_cli
from tests.equivalence.pages import rows, seed_and_corpus_documents

CHOSEN = {"cure-claim", "vague-evidence", "insurance-status-disclosure", "testimonial-disclaimer"}


def documents():
    return seed_and_corpus_documents(40)


def test_the_rules_wanted_find_exactly_what_a_full_run_finds_for_them():
    policy = load_policies()
    docs = documents()
    full = [rows(found) for found in engine.lint_documents(docs, policy)]
    # each document wants a different choice: none, some, all
    choices = [lambda r: False, CHOSEN.__contains__, lambda r: True]
    wanted = [choices[i % 3] for i in range(len(docs))]
    chosen = engine.lint_documents(docs, policy, wanted=wanted)
    for i, (everything, found) in enumerate(zip(full, chosen, strict=True)):
        assert rows(found) == [row for row in everything if wanted[i](row[0])]


def test_a_rule_not_wanted_is_never_applied(monkeypatch):
    """Skipped, not worked out and then dropped: that is the saving."""
    applied: list[str] = []

    def spy(apply):
        def wrapped(rule, *args):
            applied.append(rule.id)
            return apply(rule, *args)

        return wrapped

    monkeypatch.setattr(engine, "forbid", spy(shapes.forbid))
    monkeypatch.setattr(engine, "require", spy(shapes.require))
    docs = documents()
    engine.lint_documents(docs, load_policies(), wanted=[CHOSEN.__contains__] * len(docs))
    assert applied
    assert set(applied) <= CHOSEN


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_the_command_line_reports_the_full_runs_findings_for_the_rules_chosen(option):
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    full = json.loads(run_cli("check", "--no-config", "--format", "json", *seeds)[1])
    chosen = ",".join(sorted(CHOSEN))
    part = json.loads(
        run_cli("check", "--no-config", "--format", "json", option, chosen, *seeds)[1]
    )
    keep = (lambda r: r in CHOSEN) if option == "--select" else (lambda r: r not in CHOSEN)
    expected = [f for f in full["findings"] if keep(f["rule"])]
    assert part["findings"] == expected
    assert expected  # the seeds give findings of both kinds
