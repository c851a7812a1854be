"""Real Vim reads the text format into its quickfix list and jumps to each match.

The errorformat is the one docs/editors.md recommends. ``%v`` (a virtual column)
rather than ``%c`` (a byte index) because healthlint counts columns in
characters: with curly quotes or dashes earlier on the line, ``%c`` would
land a few bytes short of the claim.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from linter.app.cli import main

VIM = shutil.which("vim")
ERRORFORMAT = r"%f:%l:%v:\ %t%*[^:]:\ %m"

POLICY = """
rules:
  - {id: no-cure, severity: error, message: "cure claim: {{ match }}", check: 'find "cure*"'}
  - {id: hype, severity: warning, message: "hype: {{ match }}", check: '"miracle"'}
  - {id: aside, severity: info, message: "note: {{ match }}", check: '"by the way"'}
"""

PAGES = {
    "site/index.md": "# Welcome\n\n“Finally” — our therapy cures MS.\n",
    "site/blog/post.html": "<p>A miracle, by the way.</p>\n<p>Café owners say it cures pain.</p>\n",
    "notes.txt": "Plain copy.\n\nIt cures, by the way.\n",
}

# For every quickfix entry: what Vim parsed, then the text under the cursor after `:cc N`.
PROBE = f"""
set errorformat={ERRORFORMAT}
cfile report.txt
let out = []
let n = 0
for e in getqflist()
  let n += 1
  execute 'cc' n
  call add(out, json_encode({{'file': bufname(e.bufnr), 'line': e.lnum, 'col': e.col,
        \\ 'type': e.type, 'text': e.text, 'valid': e.valid,
        \\ 'at_cursor': strpart(getline('.'), col('.') - 1)}}))
endfor
call writefile(out, 'quickfix.jsonl')
qall!
"""


@pytest.mark.skipif(VIM is None, reason="vim is not installed (apt-get install vim-nox)")
def test_vim_quickfix_parses_the_text_format_and_lands_on_each_match(
    tmp_path, monkeypatch, write_policy
):
    for rel, content in PAGES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(content, encoding="utf-8")
    policy = str(write_policy(POLICY))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    report = runner.invoke(main, ["check", "--policy", policy, "site", "notes.txt"]).stdout
    (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    findings = json.loads(
        runner.invoke(
            main, ["check", "--policy", policy, "--format", "json", "site", "notes.txt"]
        ).stdout
    )["findings"]
    assert len(findings) == 6

    (tmp_path / "probe.vim").write_text(PROBE, encoding="utf-8")
    subprocess.run(
        [VIM, "-es", "-N", "-u", "NONE", "-i", "NONE", "-S", "probe.vim"],
        cwd=tmp_path,
        check=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    entries = [json.loads(line) for line in (tmp_path / "quickfix.jsonl").read_text().splitlines()]

    assert [(e["file"], e["line"], e["col"], e["type"], e["valid"]) for e in entries] == [
        (f["path"], f["line"], f["column"], f["severity"][0], 1) for f in findings
    ]
    for entry, finding in zip(entries, findings, strict=True):
        assert entry["text"] == f"{finding['message']} [{finding['rule']}]"
        assert entry["at_cursor"].startswith(finding["match"]), entry
