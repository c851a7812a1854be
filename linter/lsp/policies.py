"""Which settings lint a document, cached until a policy or config changes.

Settings come from the same resolver as the command line: the nearest
configuration file upward from the document (``[tool.healthlint]`` or
``.healthlint.yaml``), its policies, rule selection and severities. The
``healthlint.policies`` editor setting, when given, plays the part of
``--policy``.

The server compiles each workspace's policies once and keeps them in memory;
every keystroke then costs only the lint. A compiled policy is dropped when
the editor reports a change to a policy or configuration file (watched files,
or a save) and, for clients that report neither, when one of its source files
has a new modification time. A policy that fails to compile is cached as its
error, so a broken policy is reported once, not recompiled on every keystroke.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.common.errors import ConfigError, PolicyError
from linter.common.resources import bundled_pack_folder, pack_data_files, pack_files
from linter.config.settings import Options, Resolver, Settings

#: Files whose change may change the policy of a document (LSP glob patterns).
WATCHED_GLOBS = ("**/*.yaml", "**/*.yml", "**/pyproject.toml")
CONFIG_NAMES = frozenset({"pyproject.toml", ".healthlint.yaml", ".healthlint.yml"})
POLICY_SUFFIXES = (".yaml", ".yml")

#: The settings section of the server (initializationOptions or workspace settings).
SECTION = "healthlint"


def is_policy_or_config(path: str) -> bool:
    """True for a file whose change may change which policy applies, or what it says."""
    name = os.path.basename(path)
    return name in CONFIG_NAMES or name.lower().endswith(POLICY_SUFFIXES)


def policies_setting(settings: Any) -> list[str] | None:
    """The ``healthlint.policies`` list from initializationOptions or settings.

    Accepts ``{"healthlint": {"policies": [...]}}``, the section's own content
    ``{"policies": [...]}``, and a single path for a list. None when the
    settings say nothing about policies; ValueError when they are malformed.
    """
    if not isinstance(settings, Mapping):
        return None
    section = settings.get(SECTION, settings)
    if not isinstance(section, Mapping) or "policies" not in section:
        return None
    value = section["policies"]
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{SECTION}.policies must be a list of policy file paths")
    return [v for v in value if v.strip()]


@dataclass(slots=True)
class _Entry:
    resolver: Resolver
    stamps: tuple[tuple[str, int], ...]  # (path, mtime_ns) of each source file
    error: PolicyError | ConfigError | None = None


class PolicyStore:
    """Compiled policies for one server, keyed by workspace and policy files."""

    def __init__(self) -> None:
        self.roots: list[Path] = []  # workspace folders, most specific first when matched
        self.policy_paths: list[str] = []  # the healthlint.policies setting, as given
        self._cache: dict[tuple[str, tuple[str, ...]], _Entry] = {}

    def set_roots(self, roots: Iterable[str | Path]) -> None:
        """Set the workspace folders, where configurations are found; drops cached policies."""
        self.roots = [Path(r) for r in roots]
        self.invalidate()

    def configure(self, settings: Any) -> bool:
        """Apply settings; True when the policy selection changed. ValueError if malformed."""
        paths = policies_setting(settings)
        if paths is None or paths == self.policy_paths:
            return False
        self.policy_paths = paths
        self.invalidate()
        return True

    def invalidate(self) -> None:
        """Forget every compiled policy: the next lint of each document recompiles."""
        self._cache.clear()

    def root_for(self, path: str | None) -> Path | None:
        """The deepest workspace folder that holds ``path``, else the first folder."""
        if path:
            resolved = Path(path).resolve()
            holding = [r for r in self.roots if resolved.is_relative_to(r.resolve())]
            if holding:
                return max(holding, key=lambda r: len(r.parts))
        return self.roots[0] if self.roots else None

    def sources_for(self, path: str | None) -> tuple[Path | None, tuple[str, ...]]:
        """The workspace and policy files for a document; no files means the bundled pack."""
        root = self.root_for(path)
        files = []
        for given in self.policy_paths:
            candidate = Path(os.path.expanduser(given))
            if not candidate.is_absolute() and root is not None:
                candidate = root / candidate
            if not candidate.exists() and bundled_pack_folder(given) is not None:
                files.append(given)  # a bundled pack's name, as on the command line
                continue
            files.append(str(candidate))
        return root, tuple(files)

    def settings_for(self, path: str | None) -> Settings:
        """Settings for a document at ``path``; raises PolicyError or ConfigError.

        A configuration or policy that fails is cached as its error until a
        watched file changes, so a broken policy is not recompiled per keystroke.
        """
        root, files = self.sources_for(path)
        key = (str(root or ""), files)
        entry = self._cache.get(key)
        stamps = _stamps(files)
        if entry is None or entry.stamps != stamps:
            entry = self._cache[key] = _Entry(Resolver(Options(policies=files)), stamps)
        if entry.error is not None:
            raise entry.error.with_traceback(None)  # a fresh traceback each time
        try:
            if path:
                return entry.resolver.settings_for(path)
            return entry.resolver.settings_for(str(root or os.getcwd()), folder=True)
        except (PolicyError, ConfigError) as exc:
            entry.error = exc
            raise


def _stamps(files: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    out = []
    for given in files:
        folder = given if os.path.isdir(given) else bundled_pack_folder(given)
        if folder is not None and not os.path.isfile(given):
            files_of_pack = pack_files(folder)  # a pack: each of its files, list files too
            out.extend(_stamps((*files_of_pack, *pack_data_files(files_of_pack))))
            continue
        name = given
        try:
            out.append((name, os.stat(name).st_mtime_ns))
        except OSError:
            out.append((name, -1))
    return tuple(out)
