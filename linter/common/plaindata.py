"""A base for the plain data classes on the linting path.

Each class lists its fields in ``__slots__`` and assigns them in a written
``__init__``; this base adds equality, hashing, ``repr`` and ``replace`` by
those fields. ``dataclasses`` would write the same methods, but it builds
and compiles them for every class when its module is imported (and imports
``inspect``): for the forty classes a run needs, that was a third of a
one-file run's start-up. Fields named with a leading underscore are caches:
not parameters, and not part of equality or ``repr``.
"""

from __future__ import annotations


class PlainData:
    """Equality, hashing, ``repr`` and ``replace`` by ``__slots__``; cheaper than dataclasses."""

    __slots__ = ()
    _uncompared: tuple[str, ...] = ()  # fields that equality and hashing leave out

    def _fields(self) -> tuple[str, ...]:
        slots: tuple[str, ...] = self.__slots__
        return tuple(f for f in slots if not f.startswith("_"))

    def _key(self) -> tuple:
        return tuple(getattr(self, f) for f in self._fields() if f not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        values = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields())
        return f"{type(self).__name__}({values})"

    def as_dict(self) -> dict[str, object]:
        """The fields and their values (not recursive)."""
        return {f: getattr(self, f) for f in self._fields()}

    def __reduce__(self) -> tuple:
        # Pickled as the class and its field values, rebuilt through __init__:
        # pickle's default for slotted objects stores a dict of slot names with
        # each one, and worker processes send every finding back this way
        # (0.56 -> 0.52 MB for half the corpus, dumps and loads together
        # 16.6 -> 10.8 ms). Caches (underscore fields) are not sent.
        return (type(self), tuple([getattr(self, f) for f in self._fields()]))

    def replace(self, **changes: object):
        """A copy with some fields changed, made through ``__init__``."""
        return type(self)(**(self.as_dict() | changes))
