"""Applying compiled rules to a Document: scopes, distances, qualifiers.

The engine knows nothing of markup or YAML. It sees blocks of prose (from a
reader), splits them into sentences only where a rule needs to look, finds
pattern matches with the policy's regexes (each expression scans the whole
document once, see linter.matching.text), judges every match against the rule's
conditions and turns the survivors into Findings.

Most rules find nothing in most documents, so the work is ordered to stop
early: one prefilter pass says which trigger expressions occur at all; a
rule whose trigger cannot match is skipped, and the others look only at the
blocks that hold a trigger. Conditions are evaluated for trigger hits only.

One document's analysis is three parts, each in its own module: its
structure (``structure``: sections, sentences), the hits of patterns
(``patterns``) and the conditions judged at a hit (``conditions``); the
rule shapes (``shapes``) turn qualifying hits into findings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from linter.documents.model import Document
from linter.engine.context import DEFAULT_CONTEXT, RunContext
from linter.engine.prepared import Analysis
from linter.engine.shapes import finding, forbid, may_qualify, needed_patterns, require
from linter.policy import model as m
from linter.results.findings import Finding

#: Which rules a document reports, by rule id (the configuration's choice).
Wanted = Callable[[str], bool]


def lint_document(
    doc: Document,
    policy: m.Policy,
    context: RunContext = DEFAULT_CONTEXT,
    shared: Document | None = None,
    wanted: Wanted | None = None,
) -> list[Finding]:
    """The findings on ``doc`` of every rule of ``policy`` (or of those ``wanted``), in
    source order."""
    return lint_documents([doc], policy, context, shared, None if wanted is None else [wanted])[0]


def lint_documents(
    docs: Sequence[Document],
    policy: m.Policy,
    context: RunContext = DEFAULT_CONTEXT,
    shared: Document | None = None,
    wanted: Sequence[Wanted] | None = None,
) -> list[list[Finding]]:
    """The findings of each document, as lint_document gives them, worked out rule by rule.

    A site-wide run spends much of its time waiting on memory: each rule's
    expressions have RE2 state tables of their own, and a document linted
    whole passes through all of them, so the tables one document warms are
    cold again by the next. Preparing a batch of documents (their text and
    the prefilter pass) and then applying each rule to all of them in turn
    keeps one rule's tables and code in the CPU caches (a third fewer cache
    misses on the corpus, measured with cachegrind). Nothing one document
    computes is seen by another.

    ``shared`` is copy present on every page the documents are part of
    (``shared-copy``): it can meet a require rule's requirement (see
    shapes.requirement_met) and is never reported on.

    ``wanted`` (one per document) names the rules each document reports; a
    rule it does not report is not worked out for it (``--select``, ``ignore``
    in a configuration), since its findings would only be dropped.
    """
    analyses = [Analysis(doc, policy, context) for doc in docs]
    common = Analysis(shared, policy, context) if shared is not None and shared.blocks else None
    found: list[list[Finding]] = [[] for _ in docs]
    if not analyses:
        return found
    for rule, possible in zip(policy.rules, analyses[0].patterns.triggers.possible, strict=True):
        requires = rule.shape == "require"
        needed = needed_patterns(rule)
        for k, (analysis, findings) in enumerate(zip(analyses, found, strict=True)):
            if wanted is not None and not wanted[k](rule.id):
                continue
            if not possible(analysis.patterns.present) or not may_qualify(rule, analysis, needed):
                continue
            produced = require(rule, analysis, common) if requires else forbid(rule, analysis)
            for hit, severity, count in produced:
                findings.append(finding(rule, analysis, hit, severity, count))
    for findings in found:
        findings.sort(key=Finding.sort_key)
    return found
