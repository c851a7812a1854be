"""Policy packs described from their files: the bundled ones (``healthlint packs``)
and the ones a run used (a review kept for the record says what it was checked
against). Only the top-level keys are read: no rule is compiled.
"""

from __future__ import annotations

import os

from linter.common.errors import PolicyError
from linter.common.plaindata import PlainData
from linter.common.resources import bundled_pack_folder, bundled_packs


class PackInfo(PlainData):
    """What ``healthlint packs`` shows of one bundled pack."""

    __slots__ = ("name", "version", "jurisdiction", "description", "rules", "folder")

    def __init__(
        self,
        name: str,
        version: str,
        jurisdiction: str,
        description: str,
        rules: int,  # how many rules its pack.yaml lists
        folder: str,
    ) -> None:
        self.name = name
        self.version = version
        self.jurisdiction = jurisdiction
        self.description = description
        self.rules = rules
        self.folder = folder


def pack_info(name: str) -> PackInfo:
    """Read one bundled pack's ``pack.yaml`` (its header only: no rule is compiled)."""
    import yaml

    folder = bundled_pack_folder(name)
    if folder is None:
        raise PolicyError(f"no bundled pack named {name!r}")
    path = os.path.join(folder, "pack.yaml")
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"cannot read pack: {exc}", path) from None
    if not isinstance(data, dict):
        raise PolicyError("a pack.yaml must be a mapping", path)

    def text(key: str) -> str:
        value = data.get(key)
        return " ".join(str(value).split()) if value is not None else ""

    rules = data.get("rules")
    return PackInfo(
        text("name") or name,
        text("version"),
        text("jurisdiction"),
        text("description"),
        len(rules) if isinstance(rules, list) else 0,
        folder,
    )


def bundled_pack_infos() -> list[PackInfo]:
    """Every bundled pack, by name."""
    return [pack_info(name) for name in bundled_packs()]


def packs_table(infos: list[PackInfo]) -> str:
    """One line a pack: name, version, jurisdiction, rule count, then its description."""
    if not infos:
        return "no bundled packs\n"
    rows = [(i.name, i.version, i.jurisdiction, f"{i.rules} rules") for i in infos]
    widths = [max(len(r[c]) for r in rows) for c in range(4)]
    lines = []
    for info, row in zip(infos, rows, strict=True):
        head = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        lines.append(f"{head}  {info.description}".rstrip())
    return "\n".join(lines) + "\n"


class Pack(PlainData):
    """One policy file: its declared name and version ("" when it gives none)."""

    __slots__ = ("name", "version", "source")

    def __init__(self, name: str, version: str, source: str) -> None:
        self.name = name
        self.version = version
        self.source = source


def packs(sources: list[str]) -> list[Pack]:
    """Name and version of each policy file or pack folder a policy was compiled from.

    A pack folder counts once, by its ``pack.yaml``; its lexicon and rule
    files are not packs. A file that cannot be read is named by its path.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    folders = {os.path.dirname(s) for s in sources if os.path.basename(s) == "pack.yaml"}
    found = []
    for source in sources:
        if os.path.dirname(source) in folders and os.path.basename(source) != "pack.yaml":
            continue
        stem = os.path.splitext(os.path.basename(source))[0]
        if stem == "pack":
            stem = os.path.basename(os.path.dirname(source))
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
