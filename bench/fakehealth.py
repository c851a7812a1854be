"""False positives on ordinary health copy: lint the FakeHealth corpus.

The corpus (2,237 health press releases and news stories) lives outside the
repository, at ``../shared/corpus/fakehealth`` relative to the repository root;
pass ``--corpus`` to read it from elsewhere. It is never copied in.

Prints, per rule, the findings per 1,000 sentences and the 20 most frequent
matched phrases, so a rule that fires on ordinary prose stands out. With
``--save`` the per-rule counts are written as JSON; with ``--baseline`` a
saved file becomes the "before" column of the table. ``--show RULE`` prints a
sample of that rule's findings with their sentences, for reading by hand.

    python bench/fakehealth.py
    python bench/fakehealth.py --show cure-claim --sample 40
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from linter.documents import read_document
from linter.documents.sentences import split_sentences
from linter.engine.analysis import lint_document
from linter.policy import load_policies
from linter.results.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fakehealth"
TOP = 20


def corpus_files(corpus: Path) -> list[Path]:
    """The release and story pages, in a stable order."""
    return sorted(p for sub in ("release", "story") for p in (corpus / sub).glob("*.md"))


def lint_corpus(files: list[Path], policy) -> tuple[list[Finding], int]:
    """All findings, and the number of sentences the linter saw."""
    findings: list[Finding] = []
    sentences = 0
    for path in files:
        doc = read_document(str(path), path.read_bytes(), "markdown")
        sentences += sum(len(split_sentences(b.text)) for b in doc.blocks)
        findings.extend(lint_document(doc, policy))
    return findings, sentences


def per_rule(findings: list[Finding]) -> dict[str, int]:
    """Findings per rule id: the numerators of the per-1k table."""
    return dict(Counter(f.rule for f in findings))


def top_phrases(findings: list[Finding]) -> dict[str, list[tuple[str, int]]]:
    """Each rule's most frequent matched phrases (case and spacing folded): what it fires on."""
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for f in findings:
        by_rule[f.rule][" ".join(f.match.lower().split())] += 1
    return {rule: c.most_common(TOP) for rule, c in by_rule.items()}


def print_table(
    rules: list[str], counts: dict[str, int], sentences: int, before: dict | None
) -> None:
    """Findings per 1,000 sentences per rule, as Markdown, beside a saved baseline if any."""

    def rate(n: int, total: int) -> str:
        return f"{1000 * n / total:.2f}" if total else "-"

    if before:
        old_counts, old_sentences = before["counts"], before["sentences"]
        print("| rule | before | per 1k | after | per 1k |")
        print("|---|---:|---:|---:|---:|")
        for rule in rules:
            old, new = old_counts.get(rule, 0), counts.get(rule, 0)
            print(
                f"| {rule} | {old} | {rate(old, old_sentences)} | {new} | {rate(new, sentences)} |"
            )
        old_total, new_total = sum(old_counts.values()), sum(counts.values())
        print(
            f"| **all** | {old_total} | {rate(old_total, old_sentences)} "
            f"| {new_total} | {rate(new_total, sentences)} |"
        )
        return
    print("| rule | findings | per 1k sentences |")
    print("|---|---:|---:|")
    for rule in rules:
        n = counts.get(rule, 0)
        print(f"| {rule} | {n} | {rate(n, sentences)} |")
    total = sum(counts.values())
    print(f"| **all** | {total} | {rate(total, sentences)} |")


def show(findings: list[Finding], rule: str, sample: int, seed: int) -> None:
    """A reproducible random sample of one rule's findings, for reading."""
    chosen = [f for f in findings if f.rule == rule]
    random.Random(seed).shuffle(chosen)
    for f in chosen[:sample]:
        name = Path(f.path).name
        print(f"{name}:{f.line}:{f.column}: {f.severity}: [{f.match}]")
        print(f"    {' '.join(f.sentence.split())[:400]}")


def main(argv: list[str] | None = None) -> int:
    """Lint the corpus; print the table and top phrases, or a ``--show`` sample."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--policy", action="append", default=[], help="policy YAML (repeatable)")
    parser.add_argument("--save", type=Path, help="write per-rule counts as JSON")
    parser.add_argument("--baseline", type=Path, help="a --save file to compare with")
    parser.add_argument("--show", metavar="RULE", help="print a sample of RULE's findings")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    files = corpus_files(args.corpus)
    if not files:
        print(f"no corpus at {args.corpus} (expected release/*.md and story/*.md)", file=sys.stderr)
        return 2
    policy = load_policies(args.policy or None, use_cache=False)
    began = time.perf_counter()
    findings, sentences = lint_corpus(files, policy)
    elapsed = time.perf_counter() - began

    if args.show:
        show(findings, args.show, args.sample, args.seed)
        return 0

    counts = per_rule(findings)
    rules = [r.id for r in policy.rules]
    before = json.loads(args.baseline.read_text()) if args.baseline else None
    print(f"{len(files)} files, {sentences} sentences, {len(findings)} findings, {elapsed:.1f} s")
    print()
    print_table(rules, counts, sentences, before)
    print()
    phrases = top_phrases(findings)
    for rule in rules:
        top = phrases.get(rule, [])
        print(f"{rule}: " + ("; ".join(f"{p} ({n})" for p, n in top) if top else "(none)"))
    if args.save:
        args.save.write_text(
            json.dumps({"sentences": sentences, "counts": counts}, indent=1) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
