"""linter.common."""
