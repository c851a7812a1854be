"""Accuracy of the bundled pack on real copy: the figures the pack is judged by.

- The development set (``../shared/corpus/clinic-sites``): 22 real clinic
  pages with a reviewer's labels, scored by ``../shared/tools/score.py``
  (per-rule recall and precision, then the micro line).
- The seeds (``seeds/``): every finding against the hand-reviewed record in
  ``tests/golden/seeds.yaml``.
- Ordinary copy (``../shared/corpus/fakehealth``, news and press releases):
  findings per 100 pages per rule, where a false finding costs most.

Each part is skipped, with the reason, when its data is missing.

    python bench/accuracy.py
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "clinic-sites"
SCORER = SHARED / "tools" / "score.py"
FAKEHEALTH = SHARED / "corpus" / "fakehealth"
GOLDEN = ROOT / "tests" / "golden" / "seeds.yaml"


def lint_json(paths: list[Path]) -> dict:
    """The JSON report of ``healthlint check`` on ``paths`` (no configuration)."""
    run = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--no-config", "--format", "json"]
        + [str(p) for p in paths],
        capture_output=True,
        check=False,
    )
    if run.returncode not in (0, 1):
        raise SystemExit(f"healthlint failed ({run.returncode}): {run.stderr.decode()[-500:]}")
    return json.loads(run.stdout)


def development_set() -> None:
    """Per-rule recall and precision on the labelled clinic pages."""
    if not (DEV / "labels.yaml").is_file() or not SCORER.is_file():
        print(f"development set: skipped ({DEV} or {SCORER} is missing)")
        return
    report = lint_json([DEV / "pages"])
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(report, out)
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(DEV / "labels.yaml"), str(DEV / "pages"), out.name],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = scored.stdout.splitlines()
    print(f"development set ({DEV.name}, {date.today().isoformat()}):")
    table = [
        line for line in lines if not line.startswith(("--", "  ", "micro")) and ":" not in line
    ]
    for line in table:
        print("  " + line)
    print("  " + lines[-1])
    # The labels cover the contract's rules; rules added since have none, so
    # every finding of theirs counts as unlabelled in the line above.
    tp = expected = wrong = 0
    for line in table[1:]:
        cells = line.split()
        if len(cells) >= 5 and cells[1].isdigit() and int(cells[1]) > 0:
            expected += int(cells[1])
            tp += int(cells[2])
            wrong += int(cells[3]) + int(cells[4])
    if expected:
        print(
            f"  labelled rules only: P={tp / max(tp + wrong, 1):.3f} R={tp / expected:.3f} "
            f"(tp={tp} expected={expected} false or unlabelled={wrong})"
        )


def seeds() -> None:
    """Findings on the seeds against the hand-reviewed record."""
    record = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    expected = Counter(
        (name, entry["line"], entry["rule"])
        for name, entries in record.items()
        for entry in entries
    )
    report = lint_json([ROOT / "seeds"])
    found = Counter((Path(f["path"]).name, f["line"], f["rule"]) for f in report["findings"])
    right = sum((found & expected).values())
    precision = right / max(sum(found.values()), 1)
    recall = right / max(sum(expected.values()), 1)
    print(
        f"seeds: {sum(found.values())} findings, {sum(expected.values())} reviewed; "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )


def ordinary_copy() -> None:
    """Findings per 100 pages of news and press releases, per rule."""
    folders = [FAKEHEALTH / sub for sub in ("release", "story") if (FAKEHEALTH / sub).is_dir()]
    if not folders:
        print(f"ordinary copy: skipped ({FAKEHEALTH} is missing)")
        return
    report = lint_json(folders)
    pages = report["summary"]["files"]
    per_rule = Counter(f["rule"] for f in report["findings"])
    print(f"ordinary copy (FakeHealth, {pages} pages): findings per 100 pages")
    for rule, count in per_rule.most_common():
        print(f"  {rule:32} {count:5}  {100 * count / pages:6.1f}")


def main() -> None:
    """Print the three parts."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    development_set()
    seeds()
    ordinary_copy()


if __name__ == "__main__":
    main()
