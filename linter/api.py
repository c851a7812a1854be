"""The library interface: healthlint as a function that a program, or a distributed engine, calls.

Stable (see docs/scale.md): the names in ``__all__`` keep
their meaning within a major version. A ``Linter`` holds a policy and the
rule choices; it lints one text, or many records in batches, and gives
plain rows that any table store takes. Nothing here raises for a bad
record: an unreadable one is a result with an ``error``.

A ``Linter`` pickles as its policy, its rule choices and the policy's
content digest (a 40-character label, so a worker need not hash the
policy again). Compiled state (the trigger table, the prefilter) is kept
per process under that digest, and an unpickled policy equal to one this
process already holds is replaced by it: however many copies a worker
receives (one per task, say), it compiles the policy once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from linter.common.plaindata import PlainData
from linter.config.filters import RuleFilter
from linter.config.settings import Options, Reading, Resolver, Settings
from linter.documents import is_archive
from linter.engine.context import DEFAULT_CONTEXT
from linter.engine.triggers import times_worked_out
from linter.formats.rows import ROW_FIELDS, arrow_schema, error_row, finding_row
from linter.policy.cache import digest_of
from linter.policy.model import Policy
from linter.results.findings import FileError, Finding
from linter.run.parallel import SteadyHeap

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "FORMAT_NAMES",
    "ROW_FIELDS",
    "Linter",
    "Record",
    "Result",
    "arrow_schema",
    "format_name",
    "load_policy",
    "times_compiled",
]

#: Format names a record may give, and the reader each means.
FORMAT_NAMES = {
    "md": "markdown",
    "markdown": "markdown",
    "html": "html",
    "htm": "html",
    "txt": "text",
    "text": "text",
    "mdx": "mdx",
    "jsx": "jsx",
    "tsx": "tsx",
    "js": "js",
    "ts": "ts",
    "json": "json",
}

#: Records linted together (the CLI's batch size; see linter.engine.analysis.lint_documents).
BATCH_SIZE = 32


def format_name(name: str | None) -> str | None:
    """The reader a format name means (``md`` -> ``markdown``); None for None.

    Raises ValueError for a name healthlint does not read.
    """
    if name is None:
        return None
    found = FORMAT_NAMES.get(name.strip().lower().lstrip("."))
    if found is None:
        raise ValueError(f"unknown format {name!r} (use one of {', '.join(FORMAT_NAMES)})")
    return found


def load_policy(paths: str | Sequence[str] | None = None) -> Policy:
    """A compiled policy: the bundled pack (None), or policy files and pack folders.

    Raises linter.common.errors.PolicyError for a policy that does not compile.
    """
    from linter.policy import load_policies

    if isinstance(paths, str):
        paths = [paths]
    return load_policies(list(paths) if paths else None)


def times_compiled() -> int:
    """How many policies this process has compiled for linting (one per distinct content)."""
    return times_worked_out()


class Record(PlainData):
    """One thing to lint: a name (shown in findings), its text or bytes, and its format.

    ``format`` None picks the reader by the name's extension, else plain text.
    """

    __slots__ = ("name", "content", "format")

    def __init__(self, name: str, content: str | bytes, format: str | None = None) -> None:
        self.name = name
        self.content = content
        self.format = format


class Result(PlainData):
    """What linting one record gave: its findings, and why it could not be (wholly) read.

    A record with an ``error`` may still have findings: a page with invalid
    UTF-8 is linted with U+FFFD in place of the bad bytes.
    """

    __slots__ = ("name", "findings", "error")

    def __init__(self, name: str, findings: list[Finding], error: FileError | None = None) -> None:
        self.name = name
        self.findings = findings
        self.error = error


_POLICIES: dict[str, Policy] = {}  # digest -> the first policy of that content this process met
_MAX_POLICIES = 8


def _shared_policy(policy: Policy, digest: str) -> Policy:
    """The process's one object for this policy content, so every copy shares what it compiles."""
    found = _POLICIES.get(digest)
    if found is None:
        if len(_POLICIES) >= _MAX_POLICIES:
            del _POLICIES[next(iter(_POLICIES))]
        policy._digest = digest
        found = _POLICIES[digest] = policy
    return found


class Linter:
    """A policy and the rule choices, ready to lint records; picklable, cheap to ship.

    ``select`` (rule ids; None for all) and ``ignore`` choose rules,
    ``severity`` overrides a rule's severity (rule id -> info, warning or error).
    """

    __slots__ = ("settings", "_context")

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        severity: dict[str, str] | None = None,
    ) -> None:
        policy = load_policy() if policy is None else policy
        rules = RuleFilter(
            None if select is None else frozenset(select), frozenset(ignore), severity
        )
        self.settings = _settings(policy, digest_of(policy), rules, Reading())
        self._context = DEFAULT_CONTEXT

    @classmethod
    def from_config(
        cls, folder: str = ".", *, policies: Sequence[str] = (), isolated: bool = False
    ) -> Linter:
        """The policy and rule choices a configuration file governing ``folder`` gives.

        Raises ConfigError or PolicyError (linter.common.errors) for a bad one.
        """
        options = Options(policies=tuple(policies), isolated=isolated)
        settings = Resolver(options).settings_for(folder, folder=True)
        linter = cls.__new__(cls)
        linter.settings = _settings(
            settings.policy, digest_of(settings.policy), settings.rules, settings.reading
        )
        linter._context = DEFAULT_CONTEXT
        return linter

    @property
    def policy(self) -> Policy:
        """The compiled policy this linter applies."""
        return self.settings.policy

    @property
    def policy_digest(self) -> str:
        """The policy's content digest: equal for equal policies, recorded in every row."""
        return digest_of(self.settings.policy)

    def __reduce__(self) -> tuple:
        s = self.settings
        return (_restore, (s.policy, self.policy_digest, s.rules, s.reading))

    def __repr__(self) -> str:
        return f"Linter(policy={self.policy.name!r}, digest={self.policy_digest!r})"

    # --- linting -------------------------------------------------------------

    def lint(self, content: str | bytes, name: str = "<text>", format: str | None = None) -> Result:
        """Lint one text (or its bytes, decoded as a copy file is)."""
        return next(iter(self.lint_many([Record(name, content, format)])))

    def lint_many(
        self, records: Iterable[Record | tuple], batch_size: int = BATCH_SIZE
    ) -> Iterator[Result]:
        """Lint records (``Record`` or (name, content[, format]) tuples), a batch at a time.

        Results come in the records' order, one per record. The garbage
        collector is kept off the long-lived heap while a batch is linted, as
        the command line's own workers do.
        """
        from linter.run.runner import lint_records

        batch: list[tuple[str, bytes | str, str | None]] = []
        for record in records:
            batch.append(_as_tuple(record))
            if len(batch) >= batch_size:
                yield from self._batch(batch, lint_records)
                batch = []
        if batch:
            yield from self._batch(batch, lint_records)

    def _batch(self, batch: list, lint_records: Any) -> list[Result]:
        read: list[tuple[str, bytes | str, str | None]] = []
        results: list[Result | None] = [None] * len(batch)
        slots: list[int] = []
        for i, (name, content, fmt) in enumerate(batch):
            try:
                read.append((name, content, format_name(fmt)))
                slots.append(i)
            except ValueError as exc:
                results[i] = Result(name, [], FileError(name, str(exc)))
        with SteadyHeap():
            linted = lint_records(read, self.settings, self._context)
        for i, (findings, _waived, error) in zip(slots, linted, strict=True):
            results[i] = Result(batch[i][0], findings, error)
        return results  # type: ignore[return-value]  # every slot is filled

    def lint_files(self, paths: Iterable[str], *, prefilter_raw: bool = False) -> Iterator[Result]:
        """Lint files by path; a web archive (``.warc``, ``.warc.gz``) gives one result per page.

        A file or archive record that cannot be read is a result with an error.
        ``prefilter_raw`` skips archive pages whose raw bytes hold no trigger
        (a heuristic: markup inside a phrase can hide one; see docs/scale.md).
        """
        from linter.documents.warc import pages
        from linter.run.runner import read_file  # the CLI's reader, with its size limit

        wanted = None
        if prefilter_raw:
            from functools import partial

            from linter.engine.triggers import may_fire

            wanted = partial(may_fire, self.policy)

        def records() -> Iterator[Record | Result]:
            for path in paths:
                if is_archive(path):
                    for page in pages(path, wanted):
                        if isinstance(page, Exception):
                            yield Result(path, [], FileError(path, page.message))
                        else:
                            yield Record(page.uri, page.text, "html")
                    continue
                data = read_file(path)
                if isinstance(data, FileError):
                    yield Result(path, [], data)
                else:
                    fmt = _format_of(path)
                    yield Record(path, data, fmt)

        pending: list[Record] = []
        for item in records():
            if isinstance(item, Result):
                yield from self.lint_many(pending)
                pending = []
                yield item
                continue
            pending.append(item)
            if len(pending) >= BATCH_SIZE:
                yield from self.lint_many(pending)
                pending = []
        yield from self.lint_many(pending)

    # --- rows ----------------------------------------------------------------

    def rows(self, results: Iterable[Result]) -> Iterator[dict[str, Any]]:
        """One plain row per finding and per error, with ROW_FIELDS as keys."""
        digest = self.policy_digest
        for result in results:
            for finding in result.findings:
                yield finding_row(finding, digest)
            if result.error is not None:
                yield error_row(result.error, digest)

    def lint_rows(self, records: Iterable[Record | tuple]) -> list[dict[str, Any]]:
        """``rows(lint_many(records))`` as a list: what a map over a partition returns."""
        return list(self.rows(self.lint_many(records)))


def _restore(policy: Policy, digest: str, rules: RuleFilter, reading: Reading) -> Linter:
    """An unpickled Linter, sharing this process's copy of its policy."""
    linter = Linter.__new__(Linter)
    linter.settings = _settings(policy, digest, rules, reading)
    linter._context = DEFAULT_CONTEXT
    return linter


def _settings(policy: Policy, digest: str, rules: RuleFilter, reading: Reading) -> Settings:
    policy = _shared_policy(policy, digest)
    known = frozenset(r.id for r in policy.rules)
    return Settings(policy, rules, "error", False, known, reading)


def _as_tuple(record: Record | tuple) -> tuple[str, bytes | str, str | None]:
    if isinstance(record, Record):
        return record.name, record.content, record.format
    name, content, *rest = record
    return name, content, rest[0] if rest else None


def _format_of(path: str) -> str | None:
    from linter.documents import format_for_path

    return format_for_path(path)
