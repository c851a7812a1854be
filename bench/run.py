"""Speed: healthlint against a lower bound and a peer, on the FakeHealth corpus.

Times, each as separate processes started afresh and repeated (medians):

- healthlint with the bundled pack (or ``--policy FILE``) on the whole corpus (default jobs, and
  one process), and on one ~10 KB page, with the compiled policy cached
  (and the prefilter's database, which the warm-up runs compile);
- the lower bound: Python's ``re``, one alternation of 60 health-claim
  patterns over the lower-cased text of the same files;
- textlint with textlint-rule-prh and the same 60 patterns, installed with
  npm into a temporary folder (skipped, with a note, without npm);
- linear growth: healthlint on 1x, 2x and 4x copies of the corpus.

Commands compared with each other are timed in rounds (one run of each per
round), so load from other work on the machine falls on all of them alike.
It prints one table (wall time, MB/s, files/s, peak RSS of the largest
process), the healthlint / lower-bound ratios, the memory of all healthlint
processes together, the growth table with a least-squares split into fixed
and per-copy time, and each target met or missed.

Growth is judged round by round: each round runs 1x, 2x and 4x back to back,
and a size's figure is the median over rounds of its time against that same
round's 1x. A slow minute then stretches a whole round, not one size of it,
so drift on a shared machine does not pass for (or hide) a growth that is
not linear. The ratio of the medians is printed beside it.

The corpus is read from ``../shared/corpus/fakehealth`` beside the
repository (``--corpus`` to choose another; ``release/`` and ``story/`` when
it has them). It is never copied into the repository.

    python bench/run.py
    python bench/run.py --repeat 3 --no-textlint
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fakehealth"
COPY_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".txt")  # what healthlint walks for
ONE_FILE_BYTES = 10_500
MIB = 1024 * 1024
TEXTLINT_PACKAGES = ("textlint", "textlint-rule-prh")

# Targets of the performance issue, on a 2-core machine (medians).
TARGET_MB_S = 10.0
TARGET_ONE_FILE_MS = 80.0
TARGET_PEAK_MIB = 150.0
TARGET_GROWTH = 0.15

# Sixty health-claim patterns, written for lower-cased text. The lower bound
# runs them as one alternation; textlint + prh gets the same list.
PATTERNS = [
    r"\bcures?\b",
    r"\bcured\b",
    r"\bcuring\b",
    r"\bcure[- ]all\b",
    r"\bpermanent (?:cure|relief)\b",
    r"\breverses? (?:the )?(?:disease|damage|aging)\b",
    r"\brepairs? damaged\b",
    r"\bregenerat\w*",
    r"\brebuilds?\b",
    r"\brestores? (?:function|mobility)\b",
    r"\bhalts? (?:the )?progression\b",
    r"\bstops? (?:the )?progression\b",
    r"\bremission\b",
    r"\bsymptom[- ]free\b",
    r"\bdisease[- ]free\b",
    r"\bpain[- ]free\b",
    r"\bback to normal\b",
    r"\bwalk again\b",
    r"\bfda[- ]approved\b",
    r"\bfda approval\b",
    r"\bapproved by the fda\b",
    r"\bfda[- ]registered\b",
    r"\bfda[- ]cleared\b",
    r"\bclinically proven\b",
    r"\bscientifically proven\b",
    r"\bstudies (?:show|prove|have shown)\b",
    r"\bresearch (?:shows|proves)\b",
    r"\bevidence shows\b",
    r"\bproven results\b",
    r"\bsuccess rate\b",
    r"\b\d+(?:\.\d+)?\s?(?:%|percent) of (?:patients|people)\b",
    r"\bmiracle\w*",
    r"\bbreakthrough\b",
    r"\bgame[- ]?chang\w*",
    r"\brevolutionary\b",
    r"\bgroundbreaking\b",
    r"\bcutting[- ]edge\b",
    r"\bstate[- ]of[- ]the[- ]art\b",
    r"\blife[- ]changing\b",
    r"\bstem[- ]cells?\b",
    r"\bexosomes?\b",
    r"\bregenerative (?:medicine|therapy)\b",
    r"\banti[- ]aging\b",
    r"\bboosts? (?:your )?immun\w*",
    r"\bdetox\w*",
    r"\b100% safe\b",
    r"\bcompletely safe\b",
    r"\bno side effects\b",
    r"\brisk[- ]free\b",
    r"\bsafe and effective\b",
    r"\bguaranteed\b",
    r"\bpatients report\b",
    r"\bsuccess stor(?:y|ies)\b",
    r"\bonly \$\d+",
    r"\baffordable\b",
    r"\blow[- ]cost\b",
    r"\bmost advanced\b",
    r"\bbetter than (?:surgery|drugs|medication)\b",
    r"\bnumber one\b",
    r"\bworld[- ]class\b",
]

# The lower bound, as its own process: read, lower-case, one alternation.
LOWER_BOUND = """
import os, re, sys
rx = re.compile("|".join(PATTERNS))
n = 0
for arg in sys.argv[1:]:
    walk = [(arg, [], [""])] if os.path.isfile(arg) else os.walk(arg)
    for folder, _, names in walk:
        for name in sorted(names):
            path = os.path.join(folder, name) if name else folder
            if path.lower().endswith(EXTENSIONS):
                with open(path, encoding="utf-8", errors="replace") as fh:
                    n += len(rx.findall(fh.read().lower()))
print(n)
"""


@dataclass
class Timing:
    """Repeated runs of one command on one input."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_rss: int = 0  # bytes, largest single process, over all runs
    note: str = ""

    @property
    def median(self) -> float:
        """The median wall time, so one slow run does not move the figure."""
        return statistics.median(self.seconds)


@dataclass
class Input:
    """What a command was timed on: its paths, and how many copy files and bytes they hold."""

    paths: list[Path]
    files: int
    bytes: int


def copy_files(paths: list[Path]) -> list[Path]:
    """The copy files under ``paths`` in a stable order, hidden folders skipped."""
    out: list[Path] = []
    for path in paths:
        if path.is_file():
            out.append(path)
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out += [Path(folder, n) for n in sorted(names) if n.lower().endswith(COPY_EXTENSIONS)]
    return out


def measure_input(paths: list[Path]) -> Input:
    """The input and its size, so timings become MB/s and files/s."""
    files = copy_files(paths)
    return Input(paths, len(files), sum(f.stat().st_size for f in files))


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int, subprocess.Popen]:
    """Wall seconds and peak RSS (bytes, largest process of the tree) of one run."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr_text = stderr.decode("utf-8", "replace")  # type: ignore[attr-defined]
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return elapsed, rss, proc


def timed(
    label: str, cmd: list[str], env: dict[str, str], repeat: int, ok: tuple[int, ...] = (0, 1)
) -> Timing:
    """One warm-up run (page cache, policy cache), then ``repeat`` timed runs."""
    return interleaved([(label, cmd, ok)], env, repeat)[0]


def interleaved(
    commands: list[tuple[str, list[str], tuple[int, ...]]], env: dict[str, str], repeat: int
) -> list[Timing]:
    """Time several commands in rounds, one run of each per round, after one warm-up each.

    On a machine shared with other work, load drifts during a bench; rounds
    spread the drift over every command instead of favouring the one timed
    in a quiet minute, and every other round runs them in reverse order, so
    a steady drift within rounds favours none of them either.
    """
    results = [Timing(label) for label, _, _ in commands]
    for round_ in range(repeat + 1):
        order = list(zip(commands, results, strict=True))
        for (label, cmd, ok), result in order[::-1] if round_ % 2 == 0 else order:
            elapsed, rss, proc = run_once(cmd, env)
            if proc.returncode not in ok:
                sys.exit(f"{label}: exit {proc.returncode}\n{proc.stderr_text[-2000:]}")
            if round_:
                result.seconds.append(elapsed)
                result.peak_rss = max(result.peak_rss, rss)
    return results


def tree_memory(cmd: list[str], env: dict[str, str]) -> tuple[int, int]:
    """(peak PSS sum, peak RSS sum) in bytes over a process and its children (Linux)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return 0, 0
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks = [0, 0]

    def sample() -> None:
        while proc.poll() is None:
            pss = rss = 0
            for pid in [proc.pid, *_children(proc.pid)]:
                try:
                    text = Path(f"/proc/{pid}/smaps_rollup").read_text()
                except OSError:
                    continue
                pss += _kib(text, "Pss:")
                rss += _kib(text, "Rss:")
            peaks[0], peaks[1] = max(peaks[0], pss), max(peaks[1], rss)
            time.sleep(0.02)

    watcher = threading.Thread(target=sample)
    watcher.start()
    proc.wait()
    watcher.join()
    return peaks[0] * 1024, peaks[1] * 1024


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _kib(text: str, key: str) -> int:
    found = re.search(rf"^{key}\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else 0


def healthlint_cmd() -> list[str]:
    """The installed console script, as after ``pip install``; else ``python -m linter``."""
    script = Path(sys.executable).with_name("healthlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


def lower_bound_cmd() -> list[str]:
    """The lower bound as a ``python -c`` command, with the patterns and extensions filled in."""
    program = LOWER_BOUND.replace("PATTERNS", repr(PATTERNS)).replace(
        "EXTENSIONS", repr(COPY_EXTENSIONS)
    )
    return [sys.executable, "-c", program]


def install_textlint(folder: Path) -> tuple[Path | None, str]:
    """textlint + textlint-rule-prh in ``folder`` (npm install), or why not."""
    binary = folder / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm not found"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *TEXTLINT_PACKAGES],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"npm install failed: {exc}"
    if done.returncode != 0 or not binary.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"npm install failed: {last}"
    return binary, ""


def textlint_config(folder: Path) -> Path:
    """A .textlintrc.json with one prh dictionary of the 60 patterns."""
    rules = "".join(f"  - expected: '[health claim]'\n    pattern: '/{p}/i'\n" for p in PATTERNS)
    (folder / "health-claims.yml").write_text(f"version: 1\nrules:\n{rules}", encoding="utf-8")
    config = folder / "textlintrc.json"
    config.write_text('{"rules": {"prh": {"rulePaths": ["./health-claims.yml"]}}}\n')
    return config


def grown_corpus(corpus: Input, copies: int, into: Path) -> Input:
    """``copies`` copies of the corpus side by side (hard links where possible)."""
    paths = []
    for i in range(copies):
        for source in corpus.paths:
            target = into / f"copy{i}" / source.name
            shutil.copytree(source, target, copy_function=_link_or_copy, dirs_exist_ok=True)
            paths.append(target)
    return measure_input(paths)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def one_file(corpus: Input) -> Path:
    """The corpus page closest to 10.5 KB (a long landing page)."""
    files = copy_files(corpus.paths)
    return min(files, key=lambda f: (abs(f.stat().st_size - ONE_FILE_BYTES), str(f)))


def machine() -> str:
    """CPU, cores, OS and Python: figures mean little without the machine they came from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load() -> str:
    """The load average, printed before and after so a busy machine is visible in the figures."""
    try:
        return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        return "n/a"


def row(t: Timing | None, data: Input | None, one: Timing | None) -> str:
    """| tool | corpus s | MB/s | files/s | peak RSS MiB | one file ms |"""
    label = (t or one).label  # type: ignore[union-attr]
    cells = ["-"] * 4
    if t is not None and data is not None:
        s = t.median
        cells = [
            f"{s:.2f}",
            f"{data.bytes / 1e6 / s:.2f}",
            f"{data.files / s:.0f}",
            f"{t.peak_rss / MIB:.0f}",
        ]
    one_ms = f"{one.median * 1000:.0f}" if one is not None else "-"
    return f"| {label} | " + " | ".join(cells) + f" | {one_ms} |"


def growth_ratios(growth: list[tuple[int, Input, Timing]]) -> dict[int, list[float]]:
    """Per size, each round's time / (copies x the same round's time per copy of the first)."""
    first_copies, _, first = growth[0]
    return {
        copies: [
            seconds * first_copies / (copies * base)
            for seconds, base in zip(t.seconds, first.seconds, strict=True)
        ]
        for copies, _, t in growth
    }


def line_fit(points: list[tuple[float, float]]) -> tuple[float, float]:
    """(intercept, slope) of the least-squares line through ``points``."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return my - slope * mx, slope


def main(argv: list[str] | None = None) -> int:
    """Time every command and print the tables and targets; without a corpus, a note."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per corpus measurement")
    parser.add_argument("--one-file-repeat", type=int, default=15)
    parser.add_argument("--growth", default="1,2,4", help="corpus copies for linear growth")
    parser.add_argument("--growth-repeat", type=int, default=7)
    parser.add_argument("--no-textlint", action="store_true", help="do not time textlint")
    parser.add_argument("--textlint-repeat", type=int, default=3)
    parser.add_argument(
        "--textlint-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "healthlint-bench-textlint",
        help="where npm installs textlint (reused when present)",
    )
    parser.add_argument(
        "--policy",
        type=Path,
        action="append",
        help="time healthlint with this policy instead of the bundled pack (repeatable): "
        "an older pack file times the engine apart from the pack's growth",
    )
    args = parser.parse_args(argv)

    corpus_dir = args.corpus
    if not corpus_dir.is_dir():
        print(f"bench: no corpus at {corpus_dir}; pass --corpus DIR. Nothing timed.")
        return 0
    parts = [corpus_dir / p for p in ("release", "story") if (corpus_dir / p).is_dir()]
    corpus = measure_input(parts or [corpus_dir])
    if not corpus.files:
        print(f"bench: no copy files under {corpus_dir}. Nothing timed.")
        return 0
    page = one_file(corpus)
    page_input = measure_input([page])
    load_before = load()

    with tempfile.TemporaryDirectory(prefix="healthlint-bench-") as tmp:
        # As after `pip install`: compiled policies and Python bytecode cached.
        env = {**os.environ, "HEALTHLINT_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        hl = [*healthlint_cmd(), "check", "--no-config"]
        for policy_file in args.policy or ():
            hl += ["--policy", str(policy_file.resolve())]
        paths = [str(p) for p in corpus.paths]
        rows: list[tuple[Timing | None, Input | None, Timing | None]] = []

        bound_label = "Python re, one alternation, lower-cased (lower bound)"
        jobs, single, bound = interleaved(
            [
                (f"healthlint (default: {os.cpu_count()} jobs)", [*hl, *paths], (0, 1)),
                ("healthlint -j 1", [*hl, "-j", "1", *paths], (0, 1)),
                (bound_label, [*lower_bound_cmd(), *paths], (0,)),
            ],
            env,
            args.repeat,
        )
        hl_one, bound_one = interleaved(
            [
                ("healthlint", [*hl, str(page)], (0, 1)),
                (bound_label, [*lower_bound_cmd(), str(page)], (0,)),
            ],
            env,
            args.one_file_repeat,
        )
        rows += [(jobs, corpus, hl_one), (single, corpus, None), (bound, corpus, bound_one)]
        pss, rss_sum = tree_memory([*hl, *paths], env)

        textlint_note = "textlint: skipped (--no-textlint)"
        if not args.no_textlint:
            binary, why = install_textlint(args.textlint_dir)
            if binary is None:
                textlint_note = f"textlint: skipped ({why})"
            else:
                config = textlint_config(args.textlint_dir)
                tl = [str(binary), "--config", str(config)]
                label = "textlint + prh (same 60 patterns)"
                tl_corpus = timed(label, [*tl, *paths], env, args.textlint_repeat)
                tl_one = timed(label, [*tl, str(page)], env, args.one_file_repeat)
                rows.append((tl_corpus, corpus, tl_one))
                textlint_note = f"textlint: {binary.parent.parent.parent} (npm install)"

        sizes = [int(c) for c in args.growth.split(",") if c.strip()]
        grown = [grown_corpus(corpus, k, Path(tmp) / f"x{k}") for k in sizes]
        runs = [
            (f"{k}x", [*hl, *map(str, g.paths)], (0, 1)) for k, g in zip(sizes, grown, strict=True)
        ]
        timings = interleaved(runs, env, args.growth_repeat)
        growth = list(zip(sizes, grown, timings, strict=True))

    print(f"healthlint bench, {date.today().isoformat()}: {machine()}")
    print(f"load average before / after: {load_before} / {load()}")
    if args.policy:
        print(f"policy: {', '.join(str(p) for p in args.policy)} (not the bundled pack)")
    print(
        f"corpus: {corpus_dir} ({corpus.files:,} files, {corpus.bytes / 1e6:.2f} MB); "
        f"one file: {page.name} ({page_input.bytes / 1000:.1f} KB); medians of "
        f"{args.repeat} corpus runs and {args.one_file_repeat} one-file runs, each a new process"
    )
    print()
    print("| tool | corpus s | corpus MB/s | files/s | peak RSS MiB | one file ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for t, data, one in rows:
        print(row(t, data, one))
    print()
    print(
        f"ratio healthlint / lower bound: corpus {jobs.median / bound.median:.2f}x "
        f"(one process: {single.median / bound.median:.2f}x), "
        f"one file {hl_one.median / bound_one.median:.2f}x"
    )
    if pss:
        print(
            f"healthlint on the corpus, all processes together: peak PSS {pss / MIB:.0f} MiB "
            f"(peak RSS summed {rss_sum / MIB:.0f} MiB, shared pages counted in each)"
        )
    print(textlint_note)

    paired: dict[int, list[float]] = {}
    if growth:
        print()
        print(
            "| corpus copies | MB | median s | MB/s | time / (copies x time of 1x): "
            "median of rounds (range) | ratio of medians |"
        )
        print("|---:|---:|---:|---:|---:|---:|")
        paired = growth_ratios(growth)
        first_copies, _, first = growth[0]
        for copies, data, t in growth:
            ratios = paired[copies]
            print(
                f"| {copies} | {data.bytes / 1e6:.1f} | {t.median:.2f} | "
                f"{data.bytes / 1e6 / t.median:.2f} | {statistics.median(ratios):.2f} "
                f"({min(ratios):.2f}-{max(ratios):.2f}) | "
                f"{t.median * first_copies / (copies * first.median):.2f} |"
            )
        if len(growth) > 1:
            fixed, per_copy = line_fit([(c, t.median) for c, _, t in growth])
            steps = ", ".join(
                f"{c0}x->{c1}x {(t1.median - t0.median) / (c1 - c0):.2f} s"
                for (c0, _, t0), (c1, _, t1) in pairwise(growth)
            )
            print(
                f"least squares: {fixed:.2f} s whatever the size (start-up, planning, "
                f"workers warming up) + {per_copy:.2f} s per corpus copy; "
                f"time per added copy: {steps}"
            )

    print()
    mb_s = corpus.bytes / 1e6 / jobs.median
    peak_mib = max(jobs.peak_rss, pss) / MIB
    checks = [
        (f"corpus >= {TARGET_MB_S:g} MB/s", mb_s >= TARGET_MB_S, f"{mb_s:.2f} MB/s"),
        (
            f"one file <= {TARGET_ONE_FILE_MS:g} ms",
            hl_one.median * 1000 <= TARGET_ONE_FILE_MS,
            f"{hl_one.median * 1000:.0f} ms",
        ),
        (
            f"peak memory <= {TARGET_PEAK_MIB:g} MiB",
            peak_mib <= TARGET_PEAK_MIB,
            f"{peak_mib:.0f} MiB",
        ),
    ]
    if len(growth) > 1:
        worst = max(abs(statistics.median(r) - 1) for r in paired.values())
        checks.append(
            (
                f"linear growth within +-{TARGET_GROWTH:.0%}",
                worst <= TARGET_GROWTH,
                f"worst {worst:.0%}",
            )
        )
    for name, ok, value in checks:
        print(f"target {name}: {'met' if ok else 'MISSED'} ({value})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
