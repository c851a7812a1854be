"""Which prefilter a command-line run takes: a Hyperscan database kept in the cache.

Loading a stored database costs a one-page run less than building RE2 sets;
compiling one pays only when the cache lasts from one run to the next.
"""

from __future__ import annotations

from linter.policy.model import Policy
from linter.run.runner import run_context


def policy(from_cache: bool) -> Policy:
    found = Policy("p", [], [], [])
    found._from_cache = from_cache
    return found


def test_a_run_whose_policy_came_out_of_the_cache_compiles_a_database_if_none_is_stored():
    assert run_context([policy(from_cache=True)]).prefilter == "database"


def test_a_run_whose_policy_was_compiled_afresh_only_loads_a_stored_database():
    assert run_context([policy(from_cache=False)]).prefilter == "stored-database"
    assert run_context([]).prefilter == "stored-database"


def test_the_raw_prefilter_switch_is_carried_to_the_engine():
    assert run_context([policy(from_cache=True)], prefilter_raw=True).prefilter_raw
    assert not run_context([policy(from_cache=True)]).prefilter_raw


def test_standard_input_is_linted_with_the_runs_context(monkeypatch):
    import io

    from linter.config.settings import Options
    from linter.run import runner

    seen = []
    real = runner.lint_document

    def spy(doc, policy, context=None, **kwargs):
        seen.append(context)
        return real(doc, policy, context, **kwargs)

    monkeypatch.setattr(runner, "lint_document", spy)
    page = io.BytesIO(b"Our PRP cures arthritis.\n")
    report = runner.run(["-"], Options(stdin_filename="page.md"), stdin=page)
    assert [f.rule for f in report.findings]  # it was linted
    assert [c.prefilter for c in seen] == ["stored-database"]  # a fresh cache: no database yet
