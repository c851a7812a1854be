"""Plain data classes: their fields are their __init__ parameters, and they pickle whole.

Equality, ``repr``, ``replace`` and pickling (how worker processes send
findings back) all rebuild or compare an object through its fields, so every
class must take exactly its fields, in ``__slots__`` order.
"""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil

import linter
from linter.common.plaindata import PlainData
from linter.documents import read_source
from linter.results.findings import Finding


def every_plain_class() -> list[type[PlainData]]:
    for module in pkgutil.walk_packages(linter.__path__, "linter."):
        importlib.import_module(module.name)
    found, todo = [], [PlainData]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_every_class_takes_exactly_its_fields_in_order():
    classes = every_plain_class()
    assert len(classes) > 30
    for cls in classes:
        fields = [f for f in cls.__slots__ if not f.startswith("_")]
        params = list(inspect.signature(cls.__init__).parameters)[1:]
        if cls.__init__ is object.__init__:
            params = []
        assert params == fields, cls.__qualname__


def test_a_finding_comes_back_from_pickle_with_every_field():
    finding = Finding(
        "site/page.md", "cure-claim", "error", "Cure claim.", 3, 5, 3, 10, "cures",
        references=("21 CFR 202.1",), sentence="It cures MS.", suppressed=True,
        suppression_reason="quoted from a trial",
    )  # fmt: skip
    again = pickle.loads(pickle.dumps(finding, pickle.HIGHEST_PROTOCOL))
    assert again == finding
    assert again.as_dict() == finding.as_dict()  # sentence too, which equality leaves out


def test_a_pickled_finding_carries_values_not_field_names():
    finding = Finding("page.md", "cure-claim", "error", "Cure claim.", 1, 1, 1, 6, "cures")
    data = pickle.dumps([finding, finding.replace(line=2)], pickle.HIGHEST_PROTOCOL)
    assert b"suppression_reason" not in data
    assert b"end_column" not in data


def test_caches_stay_behind_and_are_rebuilt():
    doc = read_source("page.md", "# Title\n\nOne line.\nTwo lines.\n")
    doc.position(20)  # fills the line-start cache
    again = pickle.loads(pickle.dumps(doc))
    assert again == doc
    assert again._lines == []
    assert again.position(20) == doc.position(20)
