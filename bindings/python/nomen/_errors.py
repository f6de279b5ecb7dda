"""The NomenError hierarchy: one class per status code of nomen.h.

Each exception carries the status (an int, never renumbered by the C library)
and the message the C library gave for the failure ("sdn.csv:12:3: ...").
Classes also derive from the Python built-in that fits, so ``except OSError``
or ``except ValueError`` catch what one would expect.
"""

from __future__ import annotations

from typing import Dict, Type


class NomenError(Exception):
    """A failure reported by libnomen: ``status`` and the C ``message``."""

    status: int = -1

    def __init__(self, message: str, status: int = -1) -> None:
        super().__init__(message)
        self.message = message
        if status >= 0:
            self.status = status


class NoMemoryError(NomenError, MemoryError):
    status = 1


class InvalidArgumentError(NomenError, ValueError):
    status = 2


class Utf8Error(NomenError, ValueError):
    status = 3


class NomenIOError(NomenError, OSError):
    status = 4

    def __str__(self) -> str:  # OSError's own __str__ would show the args tuple
        return self.message


class ParseError(NomenError, ValueError):
    status = 5


class FormatError(NomenError, ValueError):
    status = 6


class IcuError(NomenError):
    status = 7


class LimitError(NomenError, ValueError):
    status = 8


class VersionError(NomenError):
    status = 9


class StateError(NomenError):
    status = 10


class NotFoundError(NomenError, LookupError):
    status = 11


class EncodingError(NomenError, ValueError):
    status = 12


class InternalError(NomenError):
    status = 13


_BY_STATUS: Dict[int, Type[NomenError]] = {
    c.status: c
    for c in (
        NoMemoryError,
        InvalidArgumentError,
        Utf8Error,
        NomenIOError,
        ParseError,
        FormatError,
        IcuError,
        LimitError,
        VersionError,
        StateError,
        NotFoundError,
        EncodingError,
        InternalError,
    )
}


def error_for(status: int, message: str) -> NomenError:
    """The exception for a C status, with the C message."""
    cls = _BY_STATUS.get(status, NomenError)
    return cls(message, status)
