"""Policies: YAML files of lexicons and rules, compiled once and cached."""

from __future__ import annotations

import os

from linter.common.errors import PolicyError
from linter.common.resources import (
    bundled_packs,
    default_policy_paths,
    expand_policy_paths,
    is_pack_name,
    pack_data_files,
)
from linter.policy import cache
from linter.policy.model import Policy, Rule

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from pathlib import Path


def load_policies(paths: list[str | Path] | None = None, *, use_cache: bool = True) -> Policy:
    """Compile the given policy files, pack folders or bundled packs' names into one Policy.

    With no paths, the bundled us-health pack. Raises PolicyError with the
    file, line and column of the first problem.
    """
    chosen = expand_policy_paths([os.fspath(p) for p in paths]) if paths else default_policy_paths()
    if not chosen:
        raise PolicyError("no policy files found")
    for path in chosen:
        if is_pack_name(path) and not os.path.exists(path):
            raise PolicyError(unknown_pack(path), path)
    contents: list[tuple[str, bytes]] = []
    for path in [*chosen, *pack_data_files(chosen)]:
        try:
            with open(path, "rb") as fh:
                contents.append((path, fh.read()))
        except OSError as exc:
            raise PolicyError(f"cannot read policy: {exc.strerror or exc}", path) from None
    key = cache.cache_key(contents) if use_cache else ""
    if use_cache:
        cached = cache.load(key)
        if cached is not None:
            return cached
    from linter.policy.loader import load_policy_files  # imports YAML and Lark only when compiling

    policy = load_policy_files(chosen)
    if use_cache:
        cache.store(key, policy)
        policy._digest = key
    return policy


def unknown_pack(name: str) -> str:
    """The message for a policy given by a name that no bundled pack has."""
    from linter.common.wording import did_you_mean

    packs = bundled_packs()
    return (
        f"no policy file, pack folder or bundled pack named {name!r}"
        f"{did_you_mean(name, packs)} (bundled packs: {', '.join(packs) or 'none'})"
    )


__all__ = ["Policy", "PolicyError", "Rule", "load_policies"]
