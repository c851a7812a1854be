"""``healthlint why RULE PATH[:LINE]``: how a rule was evaluated on the sentences of a line."""

from __future__ import annotations

import os

from linter.app.explain import find_rule
from linter.config.settings import Options, Resolver
from linter.engine.trace import trace
from linter.run.runner import read_with


def split_target(target: str) -> tuple[str, int | None]:
    """``page.md:14`` -> ("page.md", 14); a path that exists as written wins."""
    path, sep, line = target.rpartition(":")
    if sep and line.isdigit() and not os.path.exists(target):
        return path, int(line)
    return target, None


def why(rule_id: str, target: str, options: Options) -> str:
    """The trace of ``rule_id`` on the file (and line) ``target`` names, as text.

    Raises UnknownRule, ReadError or a policy or configuration error.
    """
    path, line = split_target(target)
    settings = Resolver(options).settings_for(path)
    rule = find_rule(settings.policy, rule_id)
    doc = read_with(path, settings)
    steps = trace(doc, settings.policy, rule, line)
    return "\n".join([f"{path}:", *steps]) + "\n"
