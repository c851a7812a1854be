"""linter.run."""
