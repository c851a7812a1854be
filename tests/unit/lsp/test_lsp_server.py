"""`healthlint lsp` end to end: a real LSP client drives `python -m linter lsp` over stdio.

One server is shared by the tests of this module (each test opens its own
documents); the broken-policy scenario starts its own server, which it also
shuts down to check a clean exit.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, make_test_lsp_client

from linter.config.settings import Options, Resolver
from linter.policy import load_policies
from linter.run.runner import lint_file
from tests.conftest import ROOT, SEEDS

BUNDLED = load_policies(use_cache=False)  # the pack whose wording the server shows

pytestmark = pytest.mark.asyncio(loop_scope="module")

TIMEOUT = 20

# Two emoji before the claim: 3 characters ("🌟🧬 ") but 5 UTF-16 code units.
# "𝒜" is one character outside the BMP too: 2 UTF-16 units.
PAGE = (
    "# Stem cell therapy for MS\n"
    "\n"
    "🌟🧬 Our stem cell therapy cures MS in weeks. Book a consultation today.\n"
    "\n"
    "𝒜 groundbreaking treatment.\n"
)


def capabilities() -> lsp.ClientCapabilities:
    return lsp.ClientCapabilities(
        workspace=lsp.WorkspaceClientCapabilities(
            configuration=True,
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            ),
            workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=True),
        ),
        text_document=lsp.TextDocumentClientCapabilities(
            hover=lsp.HoverClientCapabilities(
                content_format=[lsp.MarkupKind.Markdown, lsp.MarkupKind.PlainText]
            ),
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
    )


async def start(
    workspace: Path, cache: Path, options: dict | None = None
) -> tuple[LanguageClient, list[lsp.RegistrationParams]]:
    client = make_test_lsp_client()
    registrations: list[lsp.RegistrationParams] = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        registrations.append(params)

    env = {**os.environ, "HEALTHLINT_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    await client.start_io(sys.executable, "-m", "linter", "lsp", env=env, cwd=str(workspace))
    result = await client.initialize_session(
        lsp.InitializeParams(
            capabilities=capabilities(),
            root_uri=from_fs_path(str(workspace)),
            workspace_folders=[lsp.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="site")],
            initialization_options=options,
        )
    )
    assert result.server_info is not None
    assert result.server_info.name == "healthlint"
    return client, registrations


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def server(tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("site")
    client, registrations = await start(workspace, tmp_path_factory.mktemp("cache"))
    client.workspace_dir = workspace
    client.registrations = registrations
    yield client
    await client.shutdown_session()
    await client.stop()


# --- helpers ---------------------------------------------------------------


async def published(client: LanguageClient, uri: str, send) -> list[lsp.Diagnostic]:
    """Send a notification and return the diagnostics the server then publishes for ``uri``."""
    while True:
        waiting = client.protocol.wait_for_notification_async(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if send is not None:
            send()
            send = None
        params = await asyncio.wait_for(waiting, TIMEOUT)
        if params.uri == uri:
            return list(params.diagnostics)


async def open_doc(client, name: str, text: str, language: str = "markdown"):
    uri = from_fs_path(str(client.workspace_dir / name))
    item = lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
    diagnostics = await published(
        client,
        uri,
        lambda: client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item)),
    )
    return uri, diagnostics


async def change_doc(client, uri: str, version: int, text: str) -> list[lsp.Diagnostic]:
    params = lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
    )
    return await published(client, uri, lambda: client.text_document_did_change(params))


def by_rule(diagnostics: list[lsp.Diagnostic]) -> dict[str, lsp.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def span(d: lsp.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def utf16_offset(text: str, position: lsp.Position) -> int:
    """Character offset of an LSP position, computed by encoding (independently of the server)."""
    lines = text.split("\n")
    prefix = lines[position.line].encode("utf-16-le")[: position.character * 2]
    return sum(len(line) + 1 for line in lines[: position.line]) + len(prefix.decode("utf-16-le"))


def apply(text: str, edit: lsp.WorkspaceEdit) -> str:
    """Apply a workspace edit's text edits to ``text``, last first."""
    edits = [e for change in edit.document_changes or [] for e in change.edits]
    edits += [e for changes in (edit.changes or {}).values() for e in changes]
    for e in sorted(edits, key=lambda e: utf16_offset(text, e.range.start), reverse=True):
        start, end = utf16_offset(text, e.range.start), utf16_offset(text, e.range.end)
        text = text[:start] + e.new_text + text[end:]
    return text


async def actions_at(
    client, uri: str, diagnostic: lsp.Diagnostic, only: list[str] | None = None
) -> list[lsp.CodeAction]:
    return await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic], only=only),
        )
    )


async def hover_at(client, uri: str, line: int, character: int) -> lsp.Hover | None:
    return await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=character),
        )
    )


# --- diagnostics -------------------------------------------------------------


async def test_open_publishes_findings_with_utf16_ranges(server: LanguageClient):
    _, diagnostics = await open_doc(server, "page.md", PAGE)
    found = by_rule(diagnostics)
    assert set(found) == {
        "fda-status-disclosure",
        "not-a-cure-statement",
        "insurance-status-disclosure",  # "Book a consultation today" sells the therapy
        "cure-claim",
        "hype-term",
    }
    # "cures" is character 25 of line 3, after two emoji: UTF-16 unit 27.
    assert span(found["cure-claim"]) == (2, 27, 2, 32)
    # "groundbreaking" follows "𝒜 " (one non-BMP character and a space).
    assert span(found["hype-term"]) == (4, 3, 4, 17)
    # The require finding points at the first trigger: "Stem cell therapy" in the heading.
    assert span(found["fda-status-disclosure"]) == (0, 2, 0, 19)
    assert found["cure-claim"].severity == lsp.DiagnosticSeverity.Error
    assert found["hype-term"].severity == lsp.DiagnosticSeverity.Warning
    for d in diagnostics:
        assert d.source == "healthlint"
        assert d.code_description is not None
        assert d.code_description.href.startswith("https://")
    assert found["fda-status-disclosure"].code_description.href == (
        "https://www.ecfr.gov/current/title-21/chapter-I/subchapter-L/part-1271"
    )
    assert "“cures”" in found["cure-claim"].message


async def test_plain_text_seed_matches_the_check_command(server: LanguageClient):
    path = sorted(SEEDS.glob("*.txt"))[0]
    text = path.read_text(encoding="utf-8")
    _, diagnostics = await open_doc(server, "seed.txt", text, language="plaintext")
    expected, _waived, error = lint_file(str(path), Resolver(Options()).settings_for(str(path)))
    assert error is None
    assert expected, "the seed page has findings"
    assert sorted((str(d.code), d.range.start.line + 1) for d in diagnostics) == sorted(
        (f.rule, f.line) for f in expected
    )


async def test_fixing_a_claim_clears_its_diagnostic(server: LanguageClient):
    uri, before = await open_doc(server, "fix.md", PAGE)
    assert "cure-claim" in by_rule(before)
    fixed = PAGE.replace("cures MS in weeks", "may ease some MS symptoms")
    after = by_rule(await change_doc(server, uri, 2, fixed))
    assert "cure-claim" not in after
    assert span(after["hype-term"]) == span(by_rule(before)["hype-term"])


async def test_the_unsaved_buffer_is_linted_not_the_file_on_disk(server: LanguageClient):
    (server.workspace_dir / "disk.md").write_text("Nothing to see here.\n", encoding="utf-8")
    uri, diagnostics = await open_doc(server, "disk.md", "A miracle cure for MS.\n")
    assert "cure-claim" in by_rule(diagnostics)
    saved = await published(
        server,
        uri,
        lambda: server.text_document_did_save(
            lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        ),
    )
    assert "cure-claim" in by_rule(saved)


async def test_close_clears_diagnostics(server: LanguageClient):
    uri, diagnostics = await open_doc(server, "closing.md", PAGE)
    assert diagnostics
    cleared = await published(
        server,
        uri,
        lambda: server.text_document_did_close(
            lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        ),
    )
    assert cleared == []


async def test_html_and_language_ids(server: LanguageClient):
    page = "<html><body>\n  <p>Our 💉 stem cell therapy cures MS.</p>\n</body></html>\n"
    _, diagnostics = await open_doc(server, "page.html", page, language="html")
    assert span(by_rule(diagnostics)["cure-claim"]) == (
        1,
        30,
        1,
        35,
    )  # "cures" is character 29; 💉 adds a unit
    # The language id wins over the extension: an untitled Markdown buffer is linted.
    _, untitled = await open_doc(server, "notes.unknown", "It cures MS.\n", language="markdown")
    assert "cure-claim" in by_rule(untitled)


async def test_other_languages_are_left_alone(server: LanguageClient):
    script = from_fs_path(str(server.workspace_dir / "tool.py"))
    item = lsp.TextDocumentItem(uri=script, language_id="python", version=1, text="# cures MS\n")
    server.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
    _, page = await open_doc(server, "after-python.md", "It cures MS.\n")
    assert "cure-claim" in by_rule(page)
    assert script not in server.diagnostics  # messages are handled in order: none came for it
    assert await hover_at(server, script, 0, 3) is None


# --- hover ---------------------------------------------------------------------


async def test_hover_explains_the_rule(server: LanguageClient):
    uri, diagnostics = await open_doc(server, "hover.md", PAGE)
    fda = by_rule(diagnostics)["fda-status-disclosure"]
    hover = await hover_at(server, uri, 0, 5)  # inside "Stem cell"
    assert hover is not None
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    text = hover.contents.value
    assert "**Regenerative therapy without its FDA status**" in text
    rule = BUNDLED.rule("fda-status-disclosure")
    assert " ".join(rule.rationale.split()[:8]) in " ".join(text.split())
    label, url = (part.strip() for part in rule.references[0].split(" — "))
    assert f"[{label}]({url})" in text
    assert f"**Suggestion:** {rule.suggestion}" in text
    assert hover.range == fda.range

    # Past the emoji: the hover position is in UTF-16 units too.
    on_claim = await hover_at(server, uri, 2, 28)
    assert on_claim is not None
    assert "`cure-claim`" in on_claim.contents.value
    nothing = await hover_at(server, uri, 2, 1)  # on the emoji: no finding
    assert nothing is None


# --- code actions ----------------------------------------------------------------


async def test_inserting_the_disclosure_clears_the_require_finding(server: LanguageClient):
    uri, diagnostics = await open_doc(server, "disclose.md", PAGE)
    fda = by_rule(diagnostics)["fda-status-disclosure"]
    actions = await actions_at(server, uri, fda)
    titles = [a.title for a in actions]
    assert titles == [
        "Insert suggested disclosure (fda-status-disclosure)",
        "Suppress with reason… (fda-status-disclosure)",
    ]
    disclose = actions[0]
    assert disclose.kind == lsp.CodeActionKind.QuickFix
    assert disclose.is_preferred
    assert disclose.diagnostics[0].code == "fda-status-disclosure"
    text = apply(PAGE, disclose.edit)
    # A new paragraph after the heading's block; every original line is intact.
    assert text == PAGE.replace(
        "# Stem cell therapy for MS\n",
        f"# Stem cell therapy for MS\n\n{BUNDLED.rule('fda-status-disclosure').suggestion}\n",
    )
    after = by_rule(await change_doc(server, uri, 2, text))
    assert "fda-status-disclosure" not in after
    assert "cure-claim" in after

    # The suggestion's {{ match }} is filled in with the trigger.
    cure = after["not-a-cure-statement"]
    [disclose_cure] = [a for a in await actions_at(server, uri, cure) if "disclosure" in a.title]
    text = apply(text, disclose_cure.edit)
    assert "\n\nThis treatment is not a cure for MS; it aims to ease symptoms" in text
    final = by_rule(await change_doc(server, uri, 3, text))
    assert "not-a-cure-statement" not in final


async def test_suppress_action_inserts_a_disable_comment_above_the_line(server: LanguageClient):
    uri, diagnostics = await open_doc(server, "suppress.md", PAGE)
    hype = by_rule(diagnostics)["hype-term"]
    actions = await actions_at(server, uri, hype)
    assert [a.title for a in actions] == ["Suppress with reason… (hype-term)"]  # a find rule
    text = apply(PAGE, actions[0].edit)
    assert text == PAGE.replace(
        "𝒜 groundbreaking",
        "<!-- healthlint-disable-next-line hype-term -- reason -->\n𝒜 groundbreaking",
    )

    seed_uri, seed = await open_doc(server, "suppress.txt", "A miracle cure for MS.\n", "plaintext")
    [cure] = [d for d in seed if d.code == "cure-claim"]
    suppress = [a for a in await actions_at(server, seed_uri, cure) if "Suppress" in a.title]
    assert apply("A miracle cure for MS.\n", suppress[0].edit).startswith(
        "# healthlint-disable-next-line cure-claim -- reason\nA miracle cure"
    )


async def test_code_actions_honour_the_requested_kinds(server: LanguageClient):
    uri, diagnostics = await open_doc(server, "kinds.md", PAGE)
    hype = by_rule(diagnostics)["hype-term"]
    actions = await actions_at(server, uri, hype, only=[lsp.CodeActionKind.RefactorRewrite])
    assert not actions


# --- robustness and configuration -----------------------------------------------


async def test_a_broken_buffer_is_reported_and_the_server_keeps_serving(server: LanguageClient):
    _, diagnostics = await open_doc(server, "broken.md", "Fine line.\nBad \ud800 here.\n")
    [problem] = diagnostics
    assert problem.range.start == lsp.Position(line=0, character=0)
    assert problem.severity == lsp.DiagnosticSeverity.Error
    assert "surrogate" in problem.message
    assert "line 2, column 5" in problem.message
    _, after = await open_doc(server, "after-broken.md", "It cures MS.\n")
    assert "cure-claim" in by_rule(after)


async def test_policy_files_are_watched(server: LanguageClient):
    for _ in range(100):  # the registration request follows `initialized`
        if server.registrations:
            break
        await asyncio.sleep(0.05)
    [params] = server.registrations
    [registration] = params.registrations
    assert registration.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert {"**/*.yaml", "**/pyproject.toml"} <= globs


MINI_POLICY = """\
name: mini
rules:
  - id: no-miracle
    severity: warning
    message: "“{{ match }}” is hype."
    check: '"miracle"'
    references: ["House style — https://example.org/style"]
"""


async def test_a_bad_policy_is_reported_then_recompiled_when_fixed(tmp_path: Path):
    policy = tmp_path / "house.yaml"
    policy.write_text(MINI_POLICY.replace('"miracle"', '"miracle" or @nowhere'), "utf-8")
    client, _ = await start(
        tmp_path, tmp_path / "cache", {"healthlint": {"policies": ["house.yaml"]}}
    )
    client.workspace_dir = tmp_path
    try:
        uri, diagnostics = await open_doc(client, "page.md", "A miracle cure.\n")
        [problem] = diagnostics
        assert problem.range.start == lsp.Position(line=0, character=0)
        assert f"{policy}:6:26: error: rule no-miracle: unknown lexicon @nowhere" in problem.message
        [related] = problem.related_information
        assert related.location.uri == from_fs_path(str(policy))
        assert related.location.range.start == lsp.Position(line=5, character=25)
        assert any("@nowhere" in m.message for m in client.messages)  # window/showMessage

        policy.write_text(MINI_POLICY, "utf-8")
        change = lsp.FileEvent(uri=from_fs_path(str(policy)), type=lsp.FileChangeType.Changed)
        fixed = await published(
            client,
            uri,
            lambda: client.workspace_did_change_watched_files(
                lsp.DidChangeWatchedFilesParams(changes=[change])
            ),
        )
        assert [(d.code, d.code_description.href) for d in fixed] == [
            ("no-miracle", "https://example.org/style")
        ]
        # Saving a policy file (for clients that do not watch files) recompiles too.
        policy.write_text(MINI_POLICY.replace("no-miracle", "house-miracle"), "utf-8")
        saved = await published(
            client,
            uri,
            lambda: client.text_document_did_save(
                lsp.DidSaveTextDocumentParams(
                    text_document=lsp.TextDocumentIdentifier(uri=from_fs_path(str(policy)))
                )
            ),
        )
        assert [d.code for d in saved] == ["house-miracle"]
        # Back to the bundled pack when the setting is cleared.
        bundled = await published(
            client,
            uri,
            lambda: client.workspace_did_change_configuration(
                lsp.DidChangeConfigurationParams(settings={"healthlint": {"policies": []}})
            ),
        )
        assert "cure-claim" in by_rule(bundled)
    finally:
        await client.shutdown_session()
        returncode = client._server.returncode if client._server else None
        await client.stop()
    assert returncode == 0  # shutdown then exit: a clean exit
