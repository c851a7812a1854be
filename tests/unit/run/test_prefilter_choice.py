"""Which prefilter a run takes: a site-wide run (many files, or a web archive) a database."""

from __future__ import annotations

from linter.config.discovery import Target
from linter.engine.context import DEFAULT_CONTEXT
from linter.run.runner import PREFILTER_DATABASE_FILES, run_context, site_size


def jobs(*paths: str) -> list[tuple[Target, None]]:
    return [(Target(p), None) for p in paths]  # type: ignore[misc]


def test_a_web_archive_counts_as_a_site_on_its_own():
    assert site_size(jobs("crawl.warc.gz")) >= PREFILTER_DATABASE_FILES
    assert site_size(jobs("crawl.warc")) >= PREFILTER_DATABASE_FILES


def test_copy_files_count_one_each():
    assert site_size(jobs("a.md", "b.html", "c.txt")) == 3


def test_a_run_of_a_few_files_keeps_the_default_context_and_a_site_does_not():
    assert run_context(3, []) is DEFAULT_CONTEXT
    assert run_context(site_size(jobs("crawl.warc.gz")), []).prefilter == "stored-database"
