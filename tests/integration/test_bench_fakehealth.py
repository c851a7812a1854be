"""bench/fakehealth.py on a tiny stand-in corpus: the table and the phrases it prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / "bench" / "fakehealth.py"


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def make_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "fakehealth"
    (corpus / "release").mkdir(parents=True)
    (corpus / "story").mkdir()
    (corpus / "release" / "news_reviews_00001.md").write_text(
        "# A breakthrough\n\nOur revolutionary therapy is a breakthrough. It is not a cure.\n"
    )
    (corpus / "story" / "story_reviews_00001.md").write_text("# Plain\n\nNothing to see.\n")
    return corpus


def test_prints_rates_per_thousand_sentences_and_top_phrases(tmp_path):
    corpus = make_corpus(tmp_path)
    saved = tmp_path / "counts.json"
    result = bench("--corpus", str(corpus), "--save", str(saved))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2 files, 5 sentences, 3 findings, ")
    assert "| hype-term | 3 | 600.00 |" in lines
    assert "hype-term: breakthrough (2); revolutionary (1)" in lines
    assert "cure-claim: (none)" in lines
    assert json.loads(saved.read_text()) == {"sentences": 5, "counts": {"hype-term": 3}}

    again = bench("--corpus", str(corpus), "--baseline", str(saved))
    assert "| hype-term | 3 | 600.00 | 3 | 600.00 |" in again.stdout.splitlines()


def test_show_prints_a_sample_with_sentences(tmp_path):
    result = bench("--corpus", str(make_corpus(tmp_path)), "--show", "hype-term", "--sample", "1")
    first, sentence = result.stdout.splitlines()
    assert first.startswith("news_reviews_00001.md:")
    assert sentence.startswith("    ")


def test_a_missing_corpus_is_a_clear_error(tmp_path):
    result = bench("--corpus", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no corpus at" in result.stderr
