"""Errors the linter reports to users as one line, never as a traceback."""

from __future__ import annotations


class HealthlintError(Exception):
    """Base class: an error with a location that renders as one line."""

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def location(self) -> str:
        """``path:line:column``, as far as it is known: where the user looks first."""
        parts = [self.path or "<input>"]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: error: {self.message}"


class ReadError(HealthlintError):
    """A copy file could not be read or decoded; the run goes on without it."""


class LossyDecode(ReadError):
    """Text that is not valid UTF-8: reported, yet linted with U+FFFD for bad bytes.

    One replacement character stands for each invalid byte sequence, so the
    columns of the rest of the line stay those an editor shows.
    """

    def __init__(self, message: str, path: str, line: int, column: int, text: str) -> None:
        super().__init__(message, path, line, column)
        self.text = text


class PartialRead(ReadError):
    """Source code that does not parse: reported, yet linted as far as the parser recovered.

    A reader raises it with what it read (``blocks``) and the offset of the
    first syntax error; the document layer adds the path, line, column and
    the document itself (``document``) before passing it on.
    """

    def __init__(self, message: str, blocks: list, offset: int) -> None:
        super().__init__(message)
        self.blocks = blocks
        self.offset = offset
        self.document: object = None


class PolicyError(HealthlintError):
    """A policy file is invalid; the run stops with exit code 2.

    ``source_line`` holds the offending line of the policy file so the error
    can be shown with a caret under the bad token.
    """

    def __init__(
        self,
        message: str,
        path: str = "",
        line: int = 0,
        column: int = 0,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message, path, line, column)
        self.source_line = source_line

    def render(self) -> str:
        """The one-line error, followed by the source line and a caret when known."""
        text = str(self)
        if self.source_line is not None and self.column:
            caret = " " * (self.column - 1) + "^"
            text += f"\n{self.source_line.rstrip()}\n{caret}"
        return text


class ConfigError(HealthlintError):
    """A configuration file or option is invalid; exit code 2."""


class FormatError(HealthlintError):
    """An output format cannot be used (a bad template) or its report cannot be
    written; exit code 2."""
