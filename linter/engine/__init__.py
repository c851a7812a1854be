"""linter.engine.analysis."""
