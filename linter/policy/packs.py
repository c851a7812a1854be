"""The bundled packs, described from their ``pack.yaml``: for ``healthlint packs``."""

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
