"""One document prepared for rule evaluation: its structure, pattern hits and conditions."""

from __future__ import annotations

from linter.documents.model import Document
from linter.engine.conditions import Conditions
from linter.engine.context import DEFAULT_CONTEXT, RunContext
from linter.engine.patterns import PatternHits
from linter.engine.structure import Structure
from linter.engine.triggers import triggers
from linter.policy import model as m


class Analysis:
    """One document prepared for rule evaluation; everything computed lazily."""

    def __init__(
        self, doc: Document, policy: m.Policy, context: RunContext = DEFAULT_CONTEXT
    ) -> None:
        self.doc = doc
        self.blocks = doc.blocks
        self.structure = Structure(doc.blocks)
        self.patterns = PatternHits(doc.blocks, policy.regexes, triggers(policy), context.prefilter)
        self.conditions = Conditions(doc.blocks, self.structure, self.patterns)
