"""The language server: findings as diagnostics, rule help on hover, quick fixes.

Built on pygls (the LSP plumbing: JSON-RPC over stdio, document sync,
capability negotiation) and lsprotocol (the typed messages). The linter's own
pieces stay where they are: this module only turns an editor buffer into a
Document, lints it, and turns Findings into LSP objects.

The buffer is linted on every open, change and save, with no debounce: a
10 KB page lints in a few milliseconds. Nothing a document or a policy does
may stop the server: a policy error or an unreadable document becomes a
diagnostic at the top of the document (and a message, once), and the server
keeps serving.
"""

from __future__ import annotations

import logging
import re
import traceback
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from linter import __version__
from linter.common.errors import (
    ConfigError,
    HealthlintError,
    PartialRead,
    PolicyError,
    ReadError,
)
from linter.documents import Document, format_for_path, read_source
from linter.lsp import edits
from linter.lsp.explain import hover_markdown, hover_plaintext
from linter.lsp.policies import SECTION, WATCHED_GLOBS, PolicyStore, is_policy_or_config
from linter.lsp.positions import LineIndex, units
from linter.policy.model import Policy, Rule
from linter.policy.references import first_url
from linter.results.findings import Finding
from linter.run.runner import lint_document_with

SOURCE = "healthlint"
DISCLOSURE_TITLE = "Insert suggested disclosure"
SUPPRESS_TITLE = "Suppress with reason…"
_WATCH_ID = "healthlint-policy-files"

#: Editor language ids the server lints, and the reader for each.
LANGUAGE_FORMATS = {
    "markdown": "markdown",
    "html": "html",
    "plaintext": "text",
    "text": "text",
    "mdx": "mdx",
    "javascriptreact": "jsx",
    "typescriptreact": "tsx",
    "json": "json",  # message files; other JSON reads only its copy keys
}
SEVERITIES = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

log = logging.getLogger(__name__)


def format_for(language_id: str | None, path: str | None) -> str | None:
    """The reader for a document: its language id when known, else its extension."""
    if language_id and language_id.lower() in LANGUAGE_FORMATS:
        return LANGUAGE_FORMATS[language_id.lower()]
    return format_for_path(path or "")


@dataclass(slots=True)
class Linted:
    """The last lint of one open document, kept for hover and code actions."""

    version: int | None
    index: LineIndex
    doc: Document | None = None
    policy: Policy | None = None
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)

    def span(self, finding: Finding) -> tuple[int, int]:
        """A finding's character offsets in the source."""
        start = self.index.offset_of(finding.line, finding.column)
        return start, self.index.offset_of(finding.end_line, finding.end_column)


class HealthlintServer(LanguageServer):
    """pygls' server plus what healthlint keeps between requests."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.policies = PolicyStore()
        self.linted: dict[str, Linted] = {}
        self.shown_errors: set[str] = set()

    # --- linting -----------------------------------------------------------

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client (UTF-16 unless it chose another)."""
        value = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        return getattr(value, "value", value)

    def lint(self, uri: str) -> Linted | None:
        """Lint the buffer of an open document; None when it is not copy we read."""
        document = self.open_document(uri)
        if document is None:
            return None
        path = to_fs_path(uri) or document.path
        fmt = format_for(document.language_id, path)
        if fmt is None:
            return None
        source = document.source
        result = Linted(document.version, LineIndex(source, self.encoding))
        try:
            settings = self.policies.settings_for(path)
            result.policy = settings.policy
            _check_text(source, result.index)
            try:
                options = settings.reading.options_for(path or uri)
                result.doc = read_source(path or uri, source, fmt, options)
            except PartialRead as exc:  # a half-typed component: lint what parses
                result.doc = exc.document  # type: ignore[assignment]
            findings, _waived = lint_document_with(result.doc, settings)
        except (PolicyError, ConfigError) as exc:
            kind = "policy" if isinstance(exc, PolicyError) else "configuration"
            result.diagnostics = [self._problem(f"{kind} error: {exc}", exc)]
        except (HealthlintError, ValueError, UnicodeError) as exc:
            message = exc.message if isinstance(exc, HealthlintError) else str(exc)
            result.diagnostics = [
                self._problem(f"cannot lint this document: {message}", notify=False)
            ]
        except Exception as exc:  # a bug must not take the editor's server down
            log.exception("linting %s failed", uri)
            self.window_log_message(
                lsp.LogMessageParams(type=lsp.MessageType.Error, message=traceback.format_exc())
            )
            result.diagnostics = [self._problem(f"internal error while linting: {exc!r}")]
        else:
            result.findings = findings
            result.diagnostics = [self.diagnostic(result, f) for f in result.findings]
        return result

    def open_document(self, uri: str) -> TextDocument | None:
        """The open buffer for ``uri`` (the workspace keys buffers by unquoted URI), or None."""
        return self.workspace.text_documents.get(unquote(uri))

    def publish(self, uri: str) -> None:
        """Lint a buffer and send its diagnostics; a document that is not copy is forgotten."""
        result = self.lint(uri)
        if result is None:
            self.linted.pop(uri, None)
            return
        self.linted[uri] = result
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=result.diagnostics, version=result.version
            )
        )

    def publish_all(self) -> None:
        """Re-lint every open buffer, after settings, policies or configurations changed."""
        for document in list(self.workspace.text_documents.values()):
            self.publish(document.uri)

    def current(self, uri: str) -> Linted | None:
        """The lint of the document as it is now (re-linted if the buffer moved on)."""
        result = self.linted.get(uri)
        document = self.open_document(uri)
        if document is None:
            return None
        if result is None or result.version != document.version:
            self.publish(uri)
            result = self.linted.get(uri)
        return result

    def policy_changed(self) -> None:
        """A policy or config file changed: recompile on the next lint, re-lint open copy."""
        self.policies.invalidate()
        self.shown_errors.clear()
        self.publish_all()

    def diagnostic(self, result: Linted, finding: Finding) -> lsp.Diagnostic:
        """One finding as an editor diagnostic, its code linking to the rule's first reference."""
        href = first_url(finding.references)
        return lsp.Diagnostic(
            range=self.range(result, finding),
            message=finding.message,
            severity=SEVERITIES[finding.severity],
            code=finding.rule,
            code_description=lsp.CodeDescription(href=href) if href else None,
            source=SOURCE,
        )

    @staticmethod
    def range(result: Linted, finding: Finding) -> lsp.Range:
        """The finding's span in the client's line and character units."""
        start = result.index.position_of(finding.line, finding.column)
        end = result.index.position_of(finding.end_line, finding.end_column)
        return lsp.Range(
            start=lsp.Position(line=start[0], character=start[1]),
            end=lsp.Position(line=end[0], character=end[1]),
        )

    def _problem(
        self, summary: str, error: HealthlintError | None = None, notify: bool = True
    ) -> lsp.Diagnostic:
        """A problem that stops linting: a diagnostic at the top (and a message, once).

        The diagnostic links to the error's own file and line (a policy file),
        and the log gets the error with its source line and caret.
        """
        if notify and summary not in self.shown_errors:
            self.shown_errors.add(summary)
            message = f"healthlint: {summary}"
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message)
            )
            if isinstance(error, PolicyError):
                self.window_log_message(
                    lsp.LogMessageParams(type=lsp.MessageType.Error, message=error.render())
                )
        origin = lsp.Position(line=0, character=0)
        related = None
        if error is not None and error.path and error.line:
            where = _error_position(error)
            related = [
                lsp.DiagnosticRelatedInformation(
                    location=lsp.Location(
                        uri=from_fs_path(error.path) or error.path,
                        range=lsp.Range(start=where, end=where),
                    ),
                    message=error.message,
                )
            ]
        return lsp.Diagnostic(
            range=lsp.Range(start=origin, end=origin),
            message=f"healthlint: {summary}",
            severity=lsp.DiagnosticSeverity.Error,
            source=SOURCE,
            related_information=related,
        )

    # --- configuration -------------------------------------------------------

    def apply_settings(self, settings: Any) -> bool:
        """Take ``healthlint.policies`` from settings; a malformed value is reported."""
        try:
            return self.policies.configure(settings)
        except ValueError as exc:
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"healthlint: {exc}")
            )
            return False

    def workspace_roots(self) -> list[str]:
        """The workspace folders as file paths, where configurations are looked up."""
        roots = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if self.workspace.root_path:
            roots.append(self.workspace.root_path)
        return [r for r in roots if r]

    async def pull_settings(self) -> None:
        """Ask a client that supports it for the ``healthlint`` settings section."""
        workspace = self.client_capabilities.workspace
        if not (workspace and workspace.configuration):
            return
        try:
            values = await self.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=SECTION)])
            )
        except Exception as exc:  # a client that fails this request still gets linting
            log.warning("workspace/configuration failed: %s", exc)
            return
        if values and self.apply_settings(values[0]):
            self.policy_changed()

    # --- hover and code actions ----------------------------------------------

    @staticmethod
    def findings_at(result: Linted, start: int, end: int | None = None) -> list[Finding]:
        """Findings under the character at ``start`` (a hover), or touching ``[start, end]``.

        A range includes a finding that ends where it begins: a cursor just
        after a claim still offers the claim's quick fixes.
        """
        out = []
        for finding in result.findings:
            f_start, f_end = result.span(finding)
            if end is None:
                touches = f_start <= start < f_end or f_start == start == f_end
            else:
                touches = f_start <= end and start <= f_end
            if touches:
                out.append(finding)
        return out

    def suggestion(self, rule: Rule | None, finding: Finding) -> str:
        """The rule's suggestion with ``{{ match }}`` filled in; empty when it has none."""
        return edits.suggested_text(rule, finding.match)

    def hover(self, uri: str, position: lsp.Position) -> lsp.Hover | None:
        """What is wrong at ``position`` and why: one part per finding there."""
        result = self.current(uri)
        if result is None or result.policy is None:
            return None
        offset = result.index.offset(position.line, position.character)
        found = self.findings_at(result, offset)
        if not found:
            return None
        markdown = self._markdown_hover()
        texts = []
        for finding in found:
            rule = result.policy.rule(finding.rule)
            text = (hover_markdown if markdown else hover_plaintext)(
                finding, rule, self.suggestion(rule, finding)
            )
            texts.append(text)
        kind = lsp.MarkupKind.Markdown if markdown else lsp.MarkupKind.PlainText
        separator = "\n\n---\n\n" if markdown else "\n\n"
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=kind, value=separator.join(texts)),
            range=self.range(result, found[0]),
        )

    def _markdown_hover(self) -> bool:
        text = self.client_capabilities.text_document
        formats = text.hover.content_format if text and text.hover else None
        return not formats or lsp.MarkupKind.Markdown in formats

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        """Quick fixes in a range: insert a required disclosure, or suppress a finding."""
        only = params.context.only
        if only and not any(lsp.CodeActionKind.QuickFix.value.startswith(k) for k in only):
            return []
        uri = params.text_document.uri
        result = self.current(uri)
        if result is None or result.doc is None or result.policy is None:
            return []
        index = result.index
        start = index.offset(params.range.start.line, params.range.start.character)
        end = index.offset(params.range.end.line, params.range.end.character)
        actions: list[lsp.CodeAction] = []
        suppressed: set[tuple[str, int]] = set()
        for finding in self.findings_at(result, start, end):
            diagnostic = self.diagnostic(result, finding)
            rule = result.policy.rule(finding.rule)
            offset = result.span(finding)[0]
            insertion = edits.disclosure_fix(result.doc, offset, rule, finding.match)
            if insertion is not None:
                actions.append(
                    self._action(
                        f"{DISCLOSURE_TITLE} ({finding.rule})",
                        uri,
                        result,
                        insertion,
                        diagnostic,
                        preferred=True,
                    )
                )
            if (finding.rule, finding.line) not in suppressed:
                suppressed.add((finding.rule, finding.line))
                insertion = edits.suppression(result.doc, offset, finding.rule)
                actions.append(
                    self._action(
                        f"{SUPPRESS_TITLE} ({finding.rule})", uri, result, insertion, diagnostic
                    )
                )
        return actions

    def _action(
        self,
        title: str,
        uri: str,
        result: Linted,
        insertion: edits.Insertion,
        diagnostic: lsp.Diagnostic,
        preferred: bool = False,
    ) -> lsp.CodeAction:
        line, character = result.index.position(insertion.offset)
        at = lsp.Position(line=line, character=character)
        edit = lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=insertion.text)
        workspace = self.client_capabilities.workspace
        versioned = bool(
            workspace and workspace.workspace_edit and workspace.workspace_edit.document_changes
        )
        if versioned and result.version is not None:
            document = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=result.version)
            change = lsp.WorkspaceEdit(
                document_changes=[lsp.TextDocumentEdit(text_document=document, edits=[edit])]
            )
        else:
            change = lsp.WorkspaceEdit(changes={uri: [edit]})
        return lsp.CodeAction(
            title=title,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=change,
            is_preferred=preferred or None,
        )


def _error_position(error: HealthlintError) -> lsp.Position:
    """Where an error points in its file, in UTF-16 units when its line is known."""
    column = max(error.column - 1, 0)
    line_text = getattr(error, "source_line", None)
    if line_text is not None:
        column = units(line_text[:column])
    return lsp.Position(line=error.line - 1, character=column)


def _check_text(source: str, index: LineIndex) -> None:
    """Refuse a buffer with an unpaired surrogate (a client's broken UTF-16), by position."""
    bad = _LONE_SURROGATE.search(source)
    if bad is not None:
        line = index.line_of(bad.start())
        column = bad.start() - index.starts[line] + 1
        raise ReadError(
            f"unpaired UTF-16 surrogate U+{ord(bad.group()):04X} at line {line + 1}, "
            f"column {column}",
            line=line + 1,
            column=column,
        )


def create_server() -> HealthlintServer:
    """A server with every feature registered (not yet started)."""
    server = HealthlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: HealthlintServer, params: lsp.InitializeParams) -> None:
        ls.policies.set_roots(ls.workspace_roots())
        ls.apply_settings(params.initialization_options)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: HealthlintServer, params: lsp.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched and watched.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED_GLOBS]
            registration = lsp.Registration(
                id=_WATCH_ID,
                method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            try:
                await ls.client_register_capability_async(
                    lsp.RegistrationParams(registrations=[registration])
                )
            except Exception as exc:  # saves still trigger a recompile
                log.warning("could not watch policy files: %s", exc)
        await ls.pull_settings()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HealthlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HealthlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HealthlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri) or ""
        if is_policy_or_config(path):
            ls.policy_changed()
        else:
            ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HealthlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.linted.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: HealthlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any(is_policy_or_config(to_fs_path(c.uri) or c.uri) for c in params.changes):
            ls.policy_changed()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: HealthlintServer, params: lsp.DidChangeConfigurationParams
    ) -> None:
        if isinstance(params.settings, dict) and SECTION in params.settings:
            if ls.apply_settings(params.settings):
                ls.policy_changed()
        else:  # a client that only signals "something changed" is asked for the values
            await ls.pull_settings()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_folders(
        ls: HealthlintServer, params: lsp.DidChangeWorkspaceFoldersParams
    ) -> None:
        ls.policies.set_roots(ls.workspace_roots())
        ls.publish_all()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: HealthlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(ls: HealthlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params)

    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="healthlint lsp: %(message)s")
    create_server().start_io()
