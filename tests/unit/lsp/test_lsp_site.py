"""The language server lints components, MDX and message files as `check` does."""

from __future__ import annotations

import shutil

import pytest
import pytest_asyncio

from linter.config.settings import Options
from linter.run.runner import run
from tests.conftest import ROOT
from tests.unit.lsp.test_lsp_server import open_doc, start

SITE = ROOT / "tests" / "fixtures" / "nextsite"
BUFFERS = [
    ("app/page.tsx", "typescriptreact"),
    ("components/Faq.tsx", "typescriptreact"),
    ("content/blog/post.mdx", "mdx"),
    ("messages/en.json", "json"),
]

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def site_server(tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("ws") / "site"
    shutil.copytree(SITE, workspace)
    client, _ = await start(workspace, tmp_path_factory.mktemp("cache"))
    client.workspace_dir = workspace
    yield client
    await client.shutdown_session()
    await client.stop()


@pytest.mark.parametrize(("name", "language"), BUFFERS)
async def test_buffers_get_the_findings_check_reports(site_server, name, language):
    path = site_server.workspace_dir / name
    expected = [
        (f.rule, f.line - 1, f.column - 1, f.end_line - 1, f.end_column - 1)
        for f in run([str(path)], Options()).findings
    ]
    assert expected  # every one of these files plants a claim
    _, diagnostics = await open_doc(site_server, name, path.read_text("utf-8"), language)
    got = sorted(
        (
            str(d.code),
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    )
    assert got == sorted(expected)  # ASCII files: UTF-16 units are characters


async def test_a_half_typed_component_still_gets_its_findings(site_server):
    text = "export default () => (\n  <p>A miracle for\n"
    _, diagnostics = await open_doc(site_server, "components/Draft.tsx", text, "typescriptreact")
    assert [(str(d.code), d.range.start.line, d.range.start.character) for d in diagnostics] == [
        ("miracle", 1, 7)
    ]
