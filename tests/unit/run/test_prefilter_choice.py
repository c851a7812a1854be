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
