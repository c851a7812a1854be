"""Linting many files: find them, read each once, lint, filter, collect.

Per file: the engine's findings, then the configured severities and rule
choices (linter.config.filters), then inline suppressions (linter.results.suppressions);
per run: the baseline. The engine knows none of these. One file that cannot
be read or decoded becomes a FileError and the run goes on, so its
neighbours' findings are never lost.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from functools import partial

from linter.common.errors import ConfigError, LossyDecode, PartialRead, PolicyError, ReadError
from linter.config.discovery import Target, discover
from linter.config.settings import Options, Reading, Resolver, Settings, describe
from linter.documents import (
    Document,
    ReadOptions,
    format_for_path,
    is_archive,
    read_document,
    read_source,
)
from linter.documents.reading import DEFAULT_OPTIONS
from linter.engine.analysis import lint_document, lint_documents
from linter.engine.context import DEFAULT_CONTEXT, RunContext
from linter.policy.meta_rules import MARKER, META_RULES
from linter.policy.model import Policy
from linter.results.findings import FileError, Finding
from linter.results.report import Report
from linter.run.parallel import run_all, worker_count

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import BinaryIO

MAX_FILE_BYTES = 64 * 1024 * 1024

#: What linting one file gives: findings, waived findings, and why it could not be (all) read:
#: one error for a copy file, a list for a web archive (one per unreadable record).
FileResult = tuple[list[Finding], list[Finding], "FileError | list[FileError] | None"]


def _read(
    path: str, data: bytes | str, fmt: str | None = None, options: ReadOptions = DEFAULT_OPTIONS
) -> Document:
    fmt = fmt or format_for_path(path) or "text"
    read = read_source if isinstance(data, str) else read_document
    return read(path, data, fmt, options)


def read_with(path: str, settings: Settings) -> Document:
    """Read one file as a run would, with its settings' reading options.

    Raises ReadError for a file that cannot be read or decoded.
    """
    data = read_file(path)
    if isinstance(data, FileError):
        raise ReadError(data.message, path)
    return _read(path, data, None, settings.reading.options_for(path))


_SHARED: dict[tuple, Document | None] = {}  # shared copy, read once per process


def shared_document(reading: Reading) -> Document | None:
    """The copy of the ``shared-copy`` files, as one document; None when there are none.

    A shared file that cannot be read is a configuration error: the require
    rules of every file depend on it.
    """
    if not reading.shared:
        return None
    key = (reading.shared, reading.copy_props, reading.copy_keys, reading.front_matter_keys)
    if key in _SHARED:
        return _SHARED[key]
    blocks = []
    for path in reading.shared:
        data = read_file(path)
        if isinstance(data, FileError):
            raise ConfigError(f"shared copy: {data.message}", path)
        try:
            doc = _read(path, data, None, reading.options_for(path))
        except PartialRead as exc:
            doc = exc.document
        except ReadError as exc:
            raise ConfigError(f"shared copy: {exc.message}", path, exc.line, exc.column) from None
        blocks.extend(doc.blocks)
    found = _SHARED[key] = Document("<shared copy>", "", blocks, "text")
    return found


def lint_document_with(
    doc: Document,
    settings: Settings,
    found: list[Finding] | None = None,
    context: RunContext = DEFAULT_CONTEXT,
) -> tuple[list[Finding], list[Finding]]:
    """Lint a read document with its settings: rule choices, then suppressions.

    ``found`` is the engine's findings when they were already worked out
    (several documents evaluated together, see lint_targets).
    """
    rules = settings.rules
    if found is None:
        shared = shared_document(settings.reading)
        found = lint_document(doc, settings.policy, context, shared=shared, wanted=rules.enabled)
    findings = rules.apply(found)
    if doc.broken_front_matter:
        findings += rules.apply([_broken_front_matter(doc)])
    waived: list[Finding] = []
    if MARKER in doc.source:  # only a file that names the tool can hold a waiver
        from linter.results import suppressions

        outcome = suppressions.apply(doc, findings, settings.known, rules.enabled)
        findings = outcome.findings + rules.apply(outcome.problems)
        waived = outcome.suppressed
    findings.sort(key=Finding.sort_key)
    return findings, waived


def _broken_front_matter(doc: Document) -> Finding:
    """The warning for a front-matter fence whose block does not parse."""
    fence = doc.source[:3]
    return Finding(
        path=doc.path,
        rule="invalid-front-matter",
        severity=META_RULES["invalid-front-matter"].severity,
        message=f"front matter opened with “{fence}” is not closed or does not parse; "
        "it is read as copy of the page",
        line=1,
        column=1,
        end_line=1,
        end_column=4,
        match=fence,
    )


def lint_file(path: str, settings: Settings) -> FileResult:
    """Read and lint one file; never raises for a bad file."""
    data = read_file(path)
    if isinstance(data, FileError):
        return [], [], data
    return _lint_data(path, data, settings)


def read_file(path: str) -> bytes | FileError:
    """A file's bytes, or the FileError that says why it cannot be read."""
    try:
        data = read_at_most(path, MAX_FILE_BYTES)
    except OSError as exc:
        return FileError(path, f"cannot read file: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return FileError(path, f"file is larger than the limit of {_size(MAX_FILE_BYTES)}")
    return data


def read_at_most(path: str, limit: int) -> bytes:
    """The file's bytes, stopping one byte past ``limit`` (so a caller can tell it is over).

    Asking a buffered file for ``limit + 1`` bytes allocates that much for
    every file, a 64 MiB buffer for a 4 KB page; the file's size is asked
    first instead. A regular file that gives less than was asked for has
    ended; anything else (a FIFO's size is 0, a file may grow) is read on to
    its end or the limit.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(fd)
        want = min(status.st_size, limit) + 1
        data = os.read(fd, want)
        if len(data) < want and stat.S_ISREG(status.st_mode):
            return data
        chunks, total = [data], len(data)
        while data and total <= limit:
            data = os.read(fd, min(1 << 16, limit + 1 - total))
            chunks.append(data)
            total += len(data)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _lint_data(
    path: str, data: bytes, settings: Settings, context: RunContext = DEFAULT_CONTEXT
) -> FileResult:
    doc, error = _parse(path, data, settings)
    if doc is None:
        return [], [], error
    return _finish(doc, settings, error, context=context)


def _parse(
    path: str, data: bytes | str, settings: Settings, fmt: str | None = None
) -> tuple[Document | None, FileError | None]:
    """The file's document and the error to report with it; no document when unreadable."""
    options = settings.reading.options_for(path)
    try:
        return _read(path, data, fmt, options), None
    except LossyDecode as exc:  # report it, and still lint what could be read
        try:
            return _read(path, exc.text, fmt, options), _file_error(path, exc)
        except PartialRead as partial:
            return partial.document, _file_error(path, exc)  # type: ignore[return-value]
        except Exception as inner:
            return None, _internal_error(path, inner)
    except PartialRead as exc:  # a syntax error: report it, lint what the parser recovered
        return exc.document, _file_error(path, exc)  # type: ignore[return-value]
    except ReadError as exc:
        return None, _file_error(path, exc)
    except ValueError as exc:  # an unknown format name given with a record
        return None, FileError(path, str(exc).removeprefix(f"{path}: "))
    except (PolicyError, ConfigError):
        raise  # the run's problem, not this file's
    except Exception as exc:  # a bug must cost one file, not the run
        return None, _internal_error(path, exc)


def _finish(
    doc: Document,
    settings: Settings,
    error: FileError | None,
    found: list[Finding] | None = None,
    context: RunContext = DEFAULT_CONTEXT,
) -> FileResult:
    """Settings and suppressions applied to a document's findings (worked out here or given)."""
    try:
        return *lint_document_with(doc, settings, found, context), error
    except (PolicyError, ConfigError):
        raise
    except Exception as exc:
        return [], [], _internal_error(doc.path, exc)


def _internal_error(path: str, exc: Exception) -> FileError:
    if debugging():
        import traceback  # only --debug runs print one

        traceback.print_exception(exc)
    detail = f"{type(exc).__name__}: {exc}"
    hint = "" if debugging() else " (run with --debug for the traceback)"
    return FileError(path, f"internal error while linting: {detail}{hint}")


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB"):
        if n < 1024 or unit == "MiB":
            return f"{n:g} {unit}" if unit == "bytes" else f"{n:.4g} {unit}"
        n /= 1024
    return f"{n} MiB"


def _file_error(path: str, exc: ReadError) -> FileError:
    return FileError(path, exc.message, exc.line, exc.column)


def debugging() -> bool:
    """--debug sets HEALTHLINT_DEBUG, so worker processes see it too."""
    return os.environ.get("HEALTHLINT_DEBUG", "") not in ("", "0")


def lint_targets(
    jobs: Sequence[tuple[Target, Settings]], context: RunContext = DEFAULT_CONTEXT
) -> list[FileResult]:
    """Lint planned files, in order, evaluating each policy's rules over them together.

    Each file is read and parsed on its own; one that cannot be becomes its
    error. The documents that share a policy are then linted together (see
    linter.engine.analysis.lint_documents), which finds exactly what linting each
    alone finds. Should that fail, each is linted alone, so a bug costs
    only the file that raises it.
    """
    results: list[FileResult | None] = [None] * len(jobs)
    parsed: Parsed = {}
    for i, (target, settings) in enumerate(jobs):
        if not target.error and is_archive(target.path):
            results[i] = _lint_archive(target.path, settings, context)
            continue
        data = FileError(target.path, target.error) if target.error else read_file(target.path)
        if isinstance(data, FileError):
            results[i] = ([], [], data)
            continue
        doc, error = _parse(target.path, data, settings)
        if doc is None:
            results[i] = ([], [], error)
        else:
            key = (id(settings.policy), settings.reading.shared)
            parsed.setdefault(key, []).append((i, doc, settings, error))
    _lint_parsed(parsed, results, context)
    return results  # type: ignore[return-value]  # every slot is filled


#: Documents read for a batch, grouped by (policy, shared copy): (slot, document, settings, error).
Parsed = dict[tuple, list[tuple[int, Document, Settings, "FileError | None"]]]


def lint_records(
    records: Sequence[tuple[str, bytes | str, str | None]],
    settings: Settings,
    context: RunContext = DEFAULT_CONTEXT,
) -> list[FileResult]:
    """Lint in-memory records (name, content, format or None), in order, as lint_targets does.

    A record that cannot be read or has an unknown format becomes its error;
    nothing about one record stops the others.
    """
    results: list[FileResult | None] = [None] * len(records)
    parsed: Parsed = {}
    key = (id(settings.policy), settings.reading.shared)
    for i, (name, data, fmt) in enumerate(records):
        doc, error = _parse(name, data, settings, fmt)
        if doc is None:
            results[i] = ([], [], error)
        else:
            parsed.setdefault(key, []).append((i, doc, settings, error))
    _lint_parsed(parsed, results, context)
    return results  # type: ignore[return-value]  # every slot is filled


def _lint_archive(path: str, settings: Settings, context: RunContext) -> FileResult:
    """Every HTML page in a WARC file, as one result: findings by page URI, every error.

    A WARC file holds thousands of pages, so its pages are linted in batches
    as they are read, never all held at once.
    """
    from linter.documents.warc import pages

    findings: list[Finding] = []
    waived: list[Finding] = []
    errors: list[FileError] = []
    batch: list[tuple[str, bytes | str, str | None]] = []

    def flush() -> None:
        for found, skipped, error in lint_records(batch, settings, context):
            findings.extend(found)
            waived.extend(skipped)
            if error is not None:
                errors.append(error)  # type: ignore[arg-type]  # records give one at most
        batch.clear()

    wanted = None
    if context.prefilter_raw:
        from linter.engine.triggers import may_fire

        wanted = partial(may_fire, settings.policy, mode=context.prefilter)
    for page in pages(path, wanted):
        if isinstance(page, ReadError):
            errors.append(_file_error(path, page))
            continue
        batch.append((page.uri, page.text, "html"))
        if len(batch) >= ARCHIVE_BATCH:
            flush()
    flush()
    return findings, waived, errors or None


#: Pages of a web archive linted together (see linter.engine.analysis.lint_documents).
ARCHIVE_BATCH = 32


def _lint_parsed(parsed: Parsed, results: list[FileResult | None], context: RunContext) -> None:
    """Lint read documents, each group's together, into their slots of ``results``."""
    for group in parsed.values():
        first = group[0][2]
        shared = shared_document(first.reading)  # a bad shared file stops the run here
        try:
            docs = [doc for _, doc, _, _ in group]
            wanted = [settings.rules.enabled for _, _, settings, _ in group]
            found: list[list[Finding] | None] = list(
                lint_documents(docs, first.policy, context, shared, wanted)
            )
        except (PolicyError, ConfigError):
            raise
        except Exception:  # one of them trips a bug: each on its own, to find which
            found = [None] * len(group)
        for (i, doc, settings, error), findings in zip(group, found, strict=True):
            results[i] = _finish(doc, settings, error, findings)


def plan(paths: list[str], resolver: Resolver) -> list[tuple[Target, Settings]]:
    """Every file to lint with its settings, before any is linted.

    Configuration and policy errors therefore stop the run before it starts,
    even when a path holds no copy at all.
    """
    for path in paths:
        resolver.settings_for(path, folder=os.path.isdir(path))
    respect = not resolver.options.no_respect_gitignore
    found = discover(paths, resolver, respect_ignores=respect)
    return [(t, resolver.settings_for(t.path)) for t in found]


def run_context(policies: Sequence[Policy], prefilter_raw: bool = False) -> RunContext:
    """What the engine should know of this run: where its prefilters come from.

    A run takes them from a Hyperscan database kept in the cache when one is
    stored: loading it costs a one-page run some 5 ms, where RE2 sets cost
    some 14 ms to build and warm (docs/performance.md). The database is
    compiled (once, about 0.4 s, into the cache) only when a policy came out
    of the cache: then the cache evidently lasts from one run to the next,
    and the compile pays. Without one the run uses RE2 sets.
    """
    lasting = any(p._from_cache for p in policies)
    mode = "database" if lasting else "stored-database"
    return RunContext(prefilter=mode, prefilter_raw=prefilter_raw)


def run(
    paths: list[str],
    options: Options,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint the paths ('-' is standard input) as the options say.

    ``progress(done, total)`` is told after each file, for long runs on a terminal.

    Raises ConfigError or PolicyError for a bad configuration, policy or baseline.
    """
    resolver = Resolver(options)
    recorded = _load_baseline(options.baseline)  # a bad baseline stops the run before it starts
    report = Report()
    jobs = plan([p for p in paths if p != "-"], resolver)
    stdin_name = None
    if "-" in paths and not (options.stdin_filename and resolver.excluded(options.stdin_filename)):
        stdin_name = options.stdin_filename or "<stdin>"
        resolver.settings_for(stdin_name)  # its policy counts in the run's context
    context = run_context(resolver.policies(), options.prefilter_raw)
    if stdin_name is not None:
        settings = resolver.settings_for(stdin_name)
        data = stdin.read() if stdin is not None else b""
        _collect(report, stdin_name, settings, _lint_data(stdin_name, data, settings, context))
    report.jobs = worker_count(len(jobs), options.jobs)
    lint = partial(lint_targets, context=context)
    results = run_all(lint, jobs, report.jobs)
    for done, ((target, settings), result) in enumerate(zip(jobs, results, strict=True), 1):
        _collect(report, target.path, settings, result)
        if progress is not None:
            progress(done, len(jobs))
    report.findings.sort(key=Finding.sort_key)
    report.suppressed.sort(key=Finding.sort_key)
    if recorded is not None and options.baseline:
        from linter.results.baseline import new_findings

        report.findings, report.baselined = new_findings(
            report.findings, recorded, options.baseline
        )
    report.policy = describe(resolver.policies())
    return report


def _load_baseline(path: str | None) -> frozenset[str] | None:
    if not path:
        return None
    from linter.results.baseline import load  # only runs with a baseline pay for it

    return load(path)


def _collect(report: Report, path: str, settings: Settings, result: FileResult) -> None:
    findings, waived, error = result
    report.files += 1
    report.findings.extend(findings)
    report.suppressed_count += len(waived)
    if settings.report_suppressed:
        report.suppressed.extend(waived)
    if isinstance(error, list):  # a web archive: its pages are named by their URIs
        report.errors.extend(error)
        for finding in findings:
            report.fail_on[finding.path] = settings.fail_on
    elif error is not None:
        report.errors.append(error)
    report.fail_on[path] = settings.fail_on
