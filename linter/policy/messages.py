"""Rendering rule messages: Jinja2 templates in a bounded sandbox, with a fast path.

Policies may come from a third party, so a message template is untrusted
data. Most messages only drop a value in (``“{{ match }}” needs a hedge``):
those are rendered by plain substitution and a run need not import Jinja2.
Any other template is rendered by Jinja2's SandboxedEnvironment, tightened
further here:

- undefined names and unsafe attributes (``__class__``, ``__mro__``, ...)
  raise instead of rendering as empty text, so probing internals is an error;
- loops, macros, imports and includes are refused when the policy loads:
  a message needs expressions and conditions only, and a loop could run
  for hours;
- repeating a string or list, or raising to a power, is capped;
- the rendered message is cut to MAX_MESSAGE_CHARS.

Every message is also rendered once when the policy loads, so a template
that would fail is reported as a policy error at its file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from linter.common.errors import PolicyError

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_SIMPLE = re.compile(r"^(?:[^{}]|\{(?![{%#])|\}|\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\})*$")
MAX_MESSAGE_CHARS = 2000
MAX_REPEAT = 10_000  # longest result of "x" * n or [..] * n
MAX_EXPONENT = 64
_REFUSED_NODES = ("For", "Macro", "CallBlock", "Import", "FromImport", "Include", "Extends")

# What a message may use; the trial render at load time gives each a sample.
SAMPLE_CONTEXT: dict[str, Any] = {
    "match": "sample",
    "text": "sample",
    "sentence": "A sample sentence.",
    "rule": "sample-rule",
    "severity": "error",
    "count": 1,
    "groups": defaultdict(str),
}


@cache  # a policy has a few dozen templates; findings come by the thousand
def is_simple(template: str) -> bool:
    """True when the template only substitutes plain names."""
    return bool(_SIMPLE.match(template))


@cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    class BoundedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponent {right} is too large for a message")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    repeats = isinstance(seq, (str, list, tuple)) and isinstance(n, int)
                    if repeats and len(seq) * n > MAX_REPEAT:
                        raise SecurityError("repetition is too large for a message")
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox(autoescape=False, undefined=StrictUndefined)


def check_template(template: str) -> str | None:
    """Describe why a message template is unusable, or return None.

    Catches syntax errors, refused statements and anything the trial render
    with SAMPLE_CONTEXT trips over (unsafe attributes, unknown names).
    """
    if is_simple(template):
        unknown = sorted({n for n in _PLACEHOLDER.findall(template) if n not in SAMPLE_CONTEXT})
        if unknown:
            known = ", ".join(sorted(SAMPLE_CONTEXT))
            return f"unknown name {unknown[0]!r} (messages may use {known})"
        return None
    from jinja2 import TemplateSyntaxError, nodes

    env = _environment()
    try:
        tree = env.parse(template)
    except TemplateSyntaxError as exc:
        return f"{exc.message} (line {exc.lineno} of the message)"
    for name in _REFUSED_NODES:
        if any(True for _ in tree.find_all(getattr(nodes, name))):
            return f"{name.lower()} statements are not allowed in messages"
    try:
        render(template, SAMPLE_CONTEXT)
    except PolicyError as exc:
        return exc.message
    return None


@cache
def _compiled(template: str) -> Any:
    return _environment().from_string(template)


def render(template: str, context: dict[str, Any]) -> str:
    """Render a rule message; a template that misbehaves is a policy error."""
    if is_simple(template):
        return _PLACEHOLDER.sub(lambda mm: _text(context.get(mm.group(1), "")), template)
    from jinja2 import TemplateError
    from jinja2.sandbox import SecurityError

    try:
        text = _compiled(template).render(**context)
    except SecurityError as exc:
        raise PolicyError(f"message template is not allowed: {exc}") from None
    except (
        TemplateError,
        TypeError,
        ValueError,
        AttributeError,
        ArithmeticError,
        RecursionError,
        MemoryError,
    ) as exc:
        raise PolicyError(f"message template failed: {exc}") from None
    return text[:MAX_MESSAGE_CHARS]


def _text(value: Any) -> str:
    return "" if value is None else str(value)
