"""linter.matching.text.prefilter."""
