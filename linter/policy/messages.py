"""Rendering rule messages: Jinja2 templates in a sandbox, with a fast path.

Most messages only drop a value in (``“{{ match }}” needs a hedge``). Those
are rendered by plain substitution so a run need not import Jinja2; any other
template goes through Jinja2's SandboxedEnvironment, which refuses access to
Python internals.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..errors import PolicyError

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_SIMPLE = re.compile(r"^(?:[^{}]|\{(?![{%#])|\}|\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\})*$")
MAX_MESSAGE_CHARS = 2000


@cache  # a policy has a few dozen templates; findings come by the thousand
def is_simple(template: str) -> bool:
    """True when the template only substitutes plain names."""
    return bool(_SIMPLE.match(template))


@cache
def _environment() -> Any:
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=False, keep_trailing_newline=False)


def check_template(template: str) -> str | None:
    """Return a description of a syntax error in the template, or None."""
    if is_simple(template):
        return None
    from jinja2 import TemplateSyntaxError

    try:
        _environment().from_string(template)
    except TemplateSyntaxError as exc:
        return f"{exc.message} (line {exc.lineno} of the message)"
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
    except (TemplateError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise PolicyError(f"message template failed: {exc}") from None
    return text[:MAX_MESSAGE_CHARS]


def _text(value: Any) -> str:
    return "" if value is None else str(value)
