"""linter.config.files."""
