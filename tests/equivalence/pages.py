"""Documents of every kind the equivalence tests lint two ways, and what they compare."""

from __future__ import annotations

from linter.documents import read_document
from linter.documents.model import Document
from tests.conftest import SEEDS, SHARED

CORPUS = SHARED / "corpus" / "fakehealth"


def seed_and_corpus_documents(step: int) -> list[Document]:
    """The seeds, and every ``step``-th story and release of the corpus when it is there."""
    paths = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        paths += sorted((CORPUS / "story").glob("*.md"))[::step]
        paths += sorted((CORPUS / "release").glob("*.md"))[::step]
    return [read_document(str(p), p.read_bytes()) for p in paths]


def rows(findings) -> list[tuple]:
    """What two ways of linting must agree on, finding by finding."""
    return [(f.rule, f.severity, f.line, f.column, f.end_column, f.message) for f in findings]
