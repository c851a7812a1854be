"""linter.matching.text."""
