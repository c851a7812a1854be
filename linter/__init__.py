"""healthlint: a regulatory-compliance linter for health marketing copy."""

__version__ = "0.1.0"
