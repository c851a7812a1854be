"""A policy read back from the cache is the policy that was compiled.

The cache keeps each model object as a list of its class's number and its
field values, and rebuilds it by calling the class with them in order; these
tests compare, for every bundled pack, the compiled policy with the one read
back, down to which sequences are tuples and which lists. An entry holding
anything but that data is ignored, and the policy compiled afresh.
"""

from __future__ import annotations

import inspect
import marshal
import os

import pytest

from linter.common.plaindata import PlainData
from linter.common.resources import bundled_packs
from linter.policy import cache, load_policies
from linter.policy import model as m


def shape(value: object) -> object:
    """The value with every object and sequence tagged by its type, for a strict comparison."""
    if isinstance(value, PlainData):
        return (type(value).__name__, {k: shape(v) for k, v in value.as_dict().items()})
    if isinstance(value, cache.StoredExamples):  # decoded when read: compared as what it reads
        return shape(value.items())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [shape(v) for v in value])
    return (type(value).__name__, value)


def entry_path(policy: m.Policy) -> str:
    folder = cache.cache_dir()
    assert folder is not None
    return os.path.join(folder, policy._digest + cache.ENTRY)


def test_every_class_is_rebuilt_from_its_fields_in_order():
    for cls in cache._CLASSES.values():
        fields = [f for f in cls.__slots__ if not f.startswith("_")]
        if fields:
            assert list(inspect.signature(cls.__init__).parameters)[1:] == fields, cls


@pytest.mark.parametrize("pack", bundled_packs())
def test_a_cached_pack_is_the_compiled_pack(pack):
    compiled = load_policies([pack])  # compiles and stores
    assert not compiled._from_cache
    cached = load_policies([pack])
    assert cached._from_cache
    assert cached == compiled
    assert shape(cached) == shape(compiled)
    assert cached._digest == compiled._digest
    assert shape(load_policies([pack], use_cache=False)) == shape(cached)


def _nested(depth: int) -> tuple:
    value: tuple = ()
    for _ in range(depth):
        value = (value,)
    return value


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not marshal",
        marshal.dumps({"_": "Policy"}),
        marshal.dumps([99, "name", (), (), ()]),
        marshal.dumps([cache._NUMBERS[m.Policy], compile("1", "x", "eval"), (), (), ()]),
        marshal.dumps(compile("print('no')", "x", "exec")),
        # a policy whose rules are not rules, a class number counted from the end,
        # and nesting deeper than the decoder recurses
        marshal.dumps([cache._NUMBERS[m.Policy], "us-health", ("a", "b", "c"), (), ()]),
        marshal.dumps([-1, "us-health", (), (), ()]),
        marshal.dumps([cache._NUMBERS[m.Policy], "us-health", _nested(1500), (), ()]),
    ],
    ids=[
        "empty",
        "garbage",
        "dict",
        "number",
        "code-field",
        "code",
        "not-rules",
        "negative-number",
        "deep",
    ],
)
def test_an_entry_that_is_not_policy_data_is_compiled_afresh(data):
    compiled = load_policies(["us-health"])
    with open(entry_path(compiled), "wb") as fh:
        fh.write(data)
    again = load_policies(["us-health"])
    assert not again._from_cache
    assert again == compiled


def test_the_entry_name_changes_when_a_class_s_fields_change():
    class Reordered:
        __slots__ = tuple(reversed(m.Scope.__slots__))

    Reordered.__name__ = "Scope"
    changed = tuple(Reordered if c is m.Scope else c for c in cache._ORDER)
    assert cache._layout(changed) != cache._layout(cache._ORDER)
    assert cache._layout(cache._ORDER) in cache.ENTRY


def test_the_digest_of_a_policy_is_its_key_and_the_entry_names_the_interpreter():
    policy = load_policies(["us-health"])
    assert os.path.exists(entry_path(policy))
    assert len(policy._digest) == 40
    assert cache.digest_of(load_policies(["us-health"])) == policy._digest


def test_a_cached_rule_s_examples_are_decoded_only_when_read():
    compiled = load_policies(["us-health"])
    cached = load_policies(["us-health"])
    assert cached._from_cache
    stored = [rule.examples for rule in cached.rules]
    assert all(isinstance(s, cache.StoredExamples) and s._items is None for s in stored)
    first = cached.rules[0].examples
    assert first[0] == compiled.rules[0].examples[0]  # reading decodes them
    assert first._items == compiled.rules[0].examples
    assert len(first) == len(compiled.rules[0].examples)
    assert list(first) == list(compiled.rules[0].examples)


def test_stored_examples_equal_hash_and_pickle_as_the_tuple_they_stand_for():
    import pickle

    compiled = load_policies(["us-health"])
    cached = load_policies(["us-health"])
    for fresh, stored in zip(compiled.rules, cached.rules, strict=True):
        assert stored.examples == fresh.examples
        assert fresh.examples == stored.examples
        assert hash(stored.examples) == hash(fresh.examples)
        assert hash(stored) == hash(fresh)
    copy = pickle.loads(pickle.dumps(cached))
    assert type(copy.rules[0].examples) is tuple
    assert copy == compiled


def test_stored_examples_that_are_not_examples_are_refused_when_read():
    bad = cache.StoredExamples(marshal.dumps(("not", "examples")))
    with pytest.raises(TypeError):
        bad.items()
