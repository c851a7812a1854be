"""Rule documentation generated from the pack: one Markdown page per rule, and JSON.

The pack is the single source of truth for what a rule is and why; the pages
under docs/rules/ are made from it by ``healthlint rules --write-docs
docs/rules`` and checked in, so they read well on a code host, and a test
fails when a rule changes without the pages being made again.
``healthlint rules --format json`` prints the same data for tools.
"""

from __future__ import annotations

import json
import os
import re

from linter.policy import model as m
from linter.policy.references import Reference

#: A named condition in a check: ``$sells``.
_CONDITION_NAME = re.compile(r"\$[A-Za-z_][A-Za-z0-9_-]*")


def rule_record(rule: m.Rule) -> dict[str, object]:
    """Everything a rule says about itself, as plain JSON-ready data."""
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity,
        "shape": rule.shape,
        "scope": rule.scope,
        "rationale": " ".join(rule.rationale.split()),
        "check": rule.check.strip(),
        "message": " ".join(rule.message.split()),
        "suggestion": " ".join(rule.suggestion.split()),
        "references": [
            {"text": text, "url": Reference.parse(text).url} for text in rule.references
        ],
        "examples": [
            {
                "text": example.text,
                "fire": example.fire,
                "severity": example.severity or (rule.severity if example.fire else ""),
                "format": example.format,
                "why": example.why,
            }
            for example in rule.examples
        ],
    }


def rules_json(policy: m.Policy) -> str:
    """The active rules as one JSON document: {"policy", "rules"}."""
    data = {"policy": policy.name, "rules": [rule_record(r) for r in policy.rules]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """Copy or policy text shown inline in Markdown, its special characters escaped."""
    out = text
    for ch in "\\`*_[]<>|":
        out = out.replace(ch, "\\" + ch)
    return out


def _example(example: dict[str, object], severity: str) -> str:
    """One example as a list item: the copy, what is unusual about it, and why."""
    text = " ⏎ ".join(line.strip() for line in str(example["text"]).strip().splitlines())
    notes = [str(example["format"])] if example["format"] != "markdown" else []
    if example["fire"] and example["severity"] != severity:
        notes.insert(0, str(example["severity"]))
    line = f"- `{text.replace('`', 'ˋ')}`" + (f" ({', '.join(notes)})" if notes else "")
    return line + (f" — {_md(str(example['why']))}" if example["why"] else "")


def rule_page(rule: m.Rule, pack: str) -> str:
    """The Markdown page of one rule."""
    record = rule_record(rule)
    shape = "forbid" if rule.shape == "forbid" else "require"
    out = [f"# {rule.id}", ""]
    if rule.title:
        out += [f"**{_md(rule.title)}**", ""]
    out += [
        f"- Pack: `{pack}`",
        f"- Severity: {rule.severity}",
        f"- Shape: {shape} ("
        + (
            "every qualifying claim is a finding)"
            if shape == "forbid"
            else "a trigger without its disclosure is a finding)"
        ),
        "",
        "## Why",
        "",
        _md(str(record["rationale"])) or "(no rationale given)",
        "",
        "## Check",
        "",
        "```",
        rule.check.strip(),
        "```",
        "",
    ]
    named = sorted(set(_CONDITION_NAME.findall(rule.check)))
    if named:
        names = ", ".join(f"`{n}`" for n in named)
        out += [
            f"{names}: conditions the pack names once, under `conditions:` in its "
            "`pack.yaml` (see docs/rule-language.md).",
            "",
        ]
    if rule.references:
        out += ["## References", ""]
        for ref in rule.references:
            parsed = Reference.parse(ref)
            if parsed.url:
                out.append(f"- [{_md(parsed.label)}]({parsed.url})")
            else:
                out.append(f"- {_md(ref)}")
        out.append("")
    if record["suggestion"]:
        out += ["## Suggestion", "", _md(str(record["suggestion"])), ""]
    examples = record["examples"]
    assert isinstance(examples, list)
    fire = [e for e in examples if e["fire"]]
    passing = [e for e in examples if not e["fire"]]
    if fire:
        out += ["## Flagged", "", *(_example(e, rule.severity) for e in fire), ""]
    if passing:
        out += ["## Not flagged", "", *(_example(e, rule.severity) for e in passing), ""]
    out += [
        "---",
        "",
        "Generated from the pack by `healthlint rules --write-docs docs/rules`; edit the",
        "rule's YAML file, not this page.",
    ]
    return "\n".join(out) + "\n"


def index_page(policy: m.Policy) -> str:
    """The rules' index page: id, severity and title of each."""
    out = [
        f"# Rules of {policy.name}",
        "",
        "| rule | severity | what it flags |",
        "|---|---|---|",
    ]
    out += [f"| [{r.id}]({r.id}.md) | {r.severity} | {_md(r.title)} |" for r in policy.rules]
    return "\n".join(out) + "\n"


def rule_pages(policy: m.Policy) -> dict[str, str]:
    """File name -> content, for every rule and the index."""
    pages = {f"{r.id}.md": rule_page(r, policy.name) for r in policy.rules}
    pages["README.md"] = index_page(policy)
    return pages


def write_rule_docs(policy: m.Policy, folder: str) -> int:
    """Write the pages into ``folder`` (created if missing); the number written."""
    os.makedirs(folder, exist_ok=True)
    pages = rule_pages(policy)
    for name, text in pages.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    return len(pages)
