"""linter.app."""
