"""Which policy packs a run used, by the name and version their files declare.

A review kept for the record must say what it was checked against. The
compiled Policy keeps rules, not the files' top-level ``version``, so the
few reports that show it read the two keys again from the policy files.
"""

from __future__ import annotations

from linter.common.plaindata import PlainData


class Pack(PlainData):
    """One policy file: its declared name and version ("" when it gives none)."""

    __slots__ = ("name", "version", "source")

    def __init__(self, name: str, version: str, source: str) -> None:
        self.name = name
        self.version = version
        self.source = source


def packs(sources: list[str]) -> list[Pack]:
    """Name and version of each policy file; a file that cannot be read is named by its path."""
    import os

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found = []
    for source in sources:
        stem = os.path.splitext(os.path.basename(source))[0]
        try:
            with open(source, encoding="utf-8") as file:
                data = yaml.load(file, Loader=loader)  # a safe loader
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = None
        if not isinstance(data, dict):
            data = {}
        name, version = data.get("name"), data.get("version")
        found.append(
            Pack(
                str(name) if isinstance(name, str | int | float) and name != "" else stem,
                str(version) if isinstance(version, str | int | float) else "",
                source,
            )
        )
    return found
