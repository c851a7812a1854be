"""Documents linted together, rule by rule, give what each gives alone.

A site-wide run prepares a batch of documents and applies each rule to all
of them in turn (linter.engine.analysis.lint_documents); the runner does this for
every batch of files that share a policy. Nothing one document computes may
leak into another's findings, and a bug must still cost one file only.
"""

from __future__ import annotations

import json

from linter.config.settings import Options, Resolver
from linter.engine import analysis as engine
from linter.policy import load_policies
from linter.run import runner
from tests.conftest import run_cli
from tests.equivalence.pages import rows, seed_and_corpus_documents


def documents():
    return seed_and_corpus_documents(60)


def test_a_batch_finds_per_document_exactly_what_each_finds_alone():
    policy = load_policies()
    docs = documents()
    alone = [rows(engine.lint_document(doc, policy)) for doc in docs]
    together = [rows(found) for found in engine.lint_documents(docs, policy)]
    assert together == alone
    assert sum(map(len, alone)) > 50  # the pages exercise the rules
    # The same document twice in a batch: its second analysis starts afresh.
    twice = engine.lint_documents([docs[0], docs[0]], policy)
    assert rows(twice[0]) == rows(twice[1]) == alone[0]


def test_an_empty_batch_finds_nothing():
    assert engine.lint_documents([], load_policies()) == []


def test_a_bug_in_a_batch_costs_only_the_file_that_trips_it(tmp_path, monkeypatch):
    for i in range(5):
        (tmp_path / f"page{i}.md").write_text("This breakthrough therapy cures MS.\n")
    (tmp_path / "boom.md").write_text("This miracle cure works.\n")
    real = engine.Analysis.__init__

    def trip(self, doc, policy, *context):
        if doc.path.endswith("boom.md"):
            raise RuntimeError("simulated bug")
        real(self, doc, policy, *context)

    monkeypatch.setattr(engine.Analysis, "__init__", trip)
    monkeypatch.delenv("HEALTHLINT_DEBUG", raising=False)  # an earlier --debug run sets it
    code, out, err = run_cli("check", "--format", "json", "-j", "1", str(tmp_path))
    report = json.loads(out)
    assert code == 2
    assert "Traceback" not in err
    assert [e["path"] for e in report["errors"]] == [str(tmp_path / "boom.md")]
    assert report["errors"][0]["message"].startswith("internal error while linting: RuntimeError")
    linted = {f["path"].rsplit("/", 1)[-1] for f in report["findings"]}
    assert linted == {f"page{i}.md" for i in range(5)}


def test_files_that_cannot_be_read_keep_their_place_among_the_batch(tmp_path):
    (tmp_path / "a.md").write_text("It cures MS.\n")
    (tmp_path / "b.md").write_bytes(b"\x00binary")
    (tmp_path / "c.md").write_bytes("Caf\xe9 cures MS.\n".encode("latin-1"))
    (tmp_path / "d.md").write_text("It cures MS.\n")
    results = runner.lint_targets(
        [(t, s) for t, s in runner.plan([str(tmp_path)], Resolver(Options(isolated=True)))]
    )
    assert [bool(findings) for findings, _, _ in results] == [True, False, True, True]
    assert [error is not None for _, _, error in results] == [False, True, True, False]
