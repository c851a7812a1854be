"""Writing a report file all at once: readers never see half a report.

The text goes to a temporary file in the target's folder, which is then
renamed over the target (atomic on POSIX and Windows). An interrupted run
leaves the previous report, or none, never a truncated one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from linter.common.errors import FormatError


def write_text_atomically(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8); missing parent folders are created."""
    write_bytes_atomically(path, text.encode("utf-8"), "report")


def write_bytes_atomically(path: str, data: bytes, what: str = "report") -> None:
    """Replace ``path`` with ``data``, keeping its permissions; FormatError names ``what``."""
    target = Path(path)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:  # an interrupt too: never leave the temporary file behind
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FormatError(f"cannot write {what}: {exc.strerror or exc}", path) from None
        raise


def _mode_for(target: Path) -> int:
    """Keep an existing report's permissions; a new one gets the usual 0666 less umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
