"""A cache of compiled policies, so a one-file run skips YAML and Lark.

The key is a hash of the tool version, the grammar and every policy file's
path and bytes; any change compiles afresh. Entries are JSON (data, never
code) holding the plain classes of ``policy.model``.
"""

from __future__ import annotations

import json
import os

from linter import __version__
from linter.common.digest import sha256
from linter.common.plaindata import PlainData
from linter.common.resources import grammar_text
from linter.policy import model as m

TYPE_CHECKING = False  # see docs/architecture.md, "Start-up budget"
if TYPE_CHECKING:
    from typing import Any

_CLASSES = {
    cls.__name__: cls
    for cls in (
        m.Leaf,
        m.LinkText,
        m.AnyOf,
        m.Except,
        m.Near,
        m.Statement,
        m.Scope,
        m.Negated,
        m.Quoted,
        m.Context,
        m.Has,
        m.Not,
        m.All,
        m.Any,
        m.Downgrade,
        m.Example,
        m.Rule,
        m.Policy,
    )
}
_FORMAT = 6  # 2: examples carry severity and position; 3: and why; 4: statements;
# 5: leaves carry a label; 6: packs own their lexicons


def cache_dir() -> str | None:
    """``$HEALTHLINT_CACHE_DIR``, else the user cache folder; None disables caching."""
    explicit = os.environ.get("HEALTHLINT_CACHE_DIR")
    if explicit is not None:
        return explicit or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "healthlint")


def cache_key(policy_files: list[tuple[str, bytes]]) -> str:
    """The cache entry's name: any change to the tool, the grammar or a policy file changes it."""
    digest = sha256()
    digest.update(f"{__version__}\0{_FORMAT}\0".encode())
    digest.update(grammar_text().encode())
    for path, data in policy_files:
        digest.update(b"\0" + path.encode() + b"\0")
        digest.update(sha256(data).digest())
    return digest.hexdigest()[:40]


def load(key: str) -> m.Policy | None:
    """The cached policy for ``key``, or None when it is missing or unreadable (compile afresh)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, f"{key}.json"), encoding="utf-8") as fh:
            policy = json.loads(fh.read(), object_hook=_decode)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(policy, m.Policy):
        return None
    policy._digest = key
    policy._from_cache = True  # the cache lasts from one run to the next
    return policy


def digest_of(policy: m.Policy) -> str:
    """A digest of the policy's content: equal for equal policies, whatever the object.

    Compiled state (linter.engine.triggers) is kept per process under it, so
    unpickled copies of one policy (a worker's tasks each bring one) share it.
    A policy loaded from files carries its cache key; others are hashed once.
    """
    if not policy._digest:
        data = json.dumps(_encode(policy), separators=(",", ":")).encode("utf-8")
        policy._digest = "content-" + sha256(data).hexdigest()[:40]
    return policy._digest


def store(key: str, policy: m.Policy) -> None:
    """Write atomically; a read-only or missing cache folder is not an error."""
    data = json.dumps(_encode(policy), separators=(",", ":")).encode("utf-8")
    write(f"{key}.json", data)


def write(name: str, data: bytes) -> None:
    """Put ``data`` in the cache folder as ``name``, atomically; failing to is not an error."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile  # only a run that builds something for the cache writes to it

    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, os.path.join(folder, name))
    except OSError:
        return


def _encode(value: Any) -> Any:
    if isinstance(value, PlainData):
        out = {"_": type(value).__name__}
        for name, field in value.as_dict().items():
            out[name] = _encode(field)
        return out
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode(value: dict[str, Any]) -> Any:
    """One JSON object (its own objects already decoded) back into its class."""
    cls = _CLASSES[value.pop("_")]
    if cls is m.Policy:
        fields: dict[str, Any] = {k: v if k == "name" else list(v) for k, v in value.items()}
        return m.Policy(**fields)
    return cls(**{k: _tuples(v) if type(v) is list else v for k, v in value.items()})


def _tuples(value: Any) -> Any:
    """Lists, at any depth, as the tuples the model holds."""
    return tuple(_tuples(v) if type(v) is list else v for v in value)
