"""linter.results."""
