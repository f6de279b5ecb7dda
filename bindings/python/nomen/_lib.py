"""Loading libnomen.so through ctypes and declaring its functions.

The library is looked for in this order: the path in the NOMEN_LIBRARY
environment variable; a build tree of the source checkout this package sits in
(build*/lib/libnomen.so, the most recently built first); the system's
libraries (libnomen.so.0, as installed by ``cmake --install``).

Every function is declared with argtypes and restype, so ctypes checks the
arguments and never guesses an int for a pointer (the two hot calls, a screen
and a batch, also have untyped twins, called only with ctypes objects: see
_untyped). The library is opened with
ctypes.CDLL, which releases the GIL for the length of every foreign call: a
screen in one thread lets the other Python threads run, and matchers in several
threads screen in parallel.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path
from typing import List, Optional

c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t
c_int = ctypes.c_int
c_double = ctypes.c_double
c_void_p = ctypes.c_void_p


class Options(ctypes.Structure):
    """struct nomen_options: the size field first, so it may grow."""

    _fields_ = [
        ("size", c_size_t),
        ("threshold", c_double),
        ("limit", c_size_t),
        ("explain", c_int),
    ]


class Query(ctypes.Structure):
    """struct nomen_query: text as (pointer, length) pairs."""

    _fields_ = [
        ("size", c_size_t),
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("dob", c_char_p),
        ("dob_len", c_size_t),
        ("country", c_char_p),
        ("country_len", c_size_t),
        ("type", c_int),
    ]


def _candidates() -> List[str]:
    found: List[str] = []
    env = os.environ.get("NOMEN_LIBRARY")
    if env:
        return [env]  # an explicit choice is not second-guessed
    root = Path(__file__).resolve().parents[3]
    if (root / "include" / "nomen.h").is_file():
        libs = [p for p in root.glob("build*/lib/libnomen.so") if p.is_file()]
        libs.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        found.extend(str(p) for p in libs)
    system = ctypes.util.find_library("nomen")
    found.append(system or "libnomen.so.0")
    return found


def _open() -> ctypes.CDLL:
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(f"{path}: {e}")
    raise ImportError(
        "nomen: cannot load libnomen.so (set NOMEN_LIBRARY to its path): " + "; ".join(errors)
    )


lib = _open()
path: Optional[str] = getattr(lib, "_name", None)


def _decl(name: str, restype, *argtypes) -> None:
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


P = c_void_p  # opaque handles travel as plain pointers
_decl("nomen_version", c_int)
_decl("nomen_version_string", c_char_p)
_decl("nomen_unicode_version", c_char_p)
_decl("nomen_icu_version", c_char_p)
_decl("nomen_status_str", c_char_p, c_int)
_decl("nomen_subject_name", c_char_p, c_int)
_decl("nomen_subject_from_name", c_int, c_char_p)

_decl("nomen_builder_new", c_int, ctypes.POINTER(c_void_p))
_decl("nomen_builder_free", None, P)
_decl("nomen_builder_set_strict", None, P, c_int)
_decl("nomen_builder_add_path", c_int, P, c_char_p, c_char_p, c_char_p)
_decl("nomen_builder_add_memory", c_int, P, c_char_p, c_char_p, c_size_t, c_char_p, c_char_p)
_decl("nomen_builder_record_count", c_size_t, P)
_decl("nomen_builder_skipped_count", c_size_t, P)
_decl("nomen_builder_skip_report", c_char_p, P)
_decl("nomen_builder_errmsg", c_char_p, P)

_decl("nomen_index_build", c_int, P, ctypes.POINTER(c_void_p))
_decl("nomen_index_save", c_int, P, c_char_p, c_char_p, c_size_t)
_decl("nomen_index_load", c_int, c_char_p, ctypes.POINTER(c_void_p), c_char_p, c_size_t)
_decl("nomen_index_free", None, P)
_decl("nomen_index_record_count", c_size_t, P)
_decl("nomen_index_name_count", c_size_t, P)
_decl("nomen_index_list_count", c_size_t, P)
for _f in ("name", "format", "path", "date", "checksum"):
    _decl(f"nomen_index_list_{_f}", c_char_p, P, c_size_t)
_decl("nomen_index_list_records", c_size_t, P, c_size_t)
_decl("nomen_index_list_skipped", c_size_t, P, c_size_t)

_decl("nomen_options_init", None, ctypes.POINTER(Options))
_decl("nomen_query_init", None, ctypes.POINTER(Query))
_decl("nomen_matcher_new", c_int, P, ctypes.POINTER(c_void_p))
_decl("nomen_matcher_free", None, P)
_decl("nomen_matcher_set_index", c_int, P, P)
_decl("nomen_matcher_set_options", c_int, P, ctypes.POINTER(Options))
_decl("nomen_matcher_screen", c_int, P, ctypes.POINTER(Query))
_decl("nomen_matcher_errmsg", c_char_p, P)
_decl("nomen_matcher_hit_count", c_size_t, P)
_decl("nomen_hit_score", c_double, P, c_size_t)
for _f in ("entity_id", "list", "name", "matched_name", "explain_json"):
    _decl(f"nomen_hit_{_f}", c_char_p, P, c_size_t)
_decl("nomen_hit_type", c_int, P, c_size_t)
_decl("nomen_hit_program_count", c_size_t, P, c_size_t)
_decl("nomen_hit_program", c_char_p, P, c_size_t, c_size_t)
_decl("nomen_matcher_hits_pack", c_int, P, c_void_p, c_size_t, ctypes.POINTER(c_size_t))
_decl("nomen_matcher_screen_pack", c_int, P, ctypes.POINTER(Query), c_void_p, c_size_t,
      ctypes.POINTER(c_size_t))
_decl("nomen_matcher_screen_batch", c_int, P, c_char_p, c_size_t, ctypes.POINTER(c_void_p),
      ctypes.POINTER(c_size_t), ctypes.POINTER(c_size_t))
_decl("nomen_matcher_batch_spans", c_void_p, P, ctypes.POINTER(c_size_t))


def _untyped(name: str, restype):  # type: ignore[no-untyped-def]
    """A second function object for a hot call, without argtypes: ctypes'
    conversions of declared arguments take about half of a four-argument
    call (0.2 of 0.4 us). Its callers pass only ready-made ctypes objects
    (c_void_p, c_size_t, byref(...), a c_char array, bytes for char*), never
    a bare int, which without argtypes would travel as a 32-bit int."""
    f = lib._FuncPtr((name, lib))
    f.restype = restype
    return f


screen_pack_untyped = _untyped("nomen_matcher_screen_pack", c_int)
screen_batch_untyped = _untyped("nomen_matcher_screen_batch", c_int)
PACK_FIELD_SEP = 0x1F  # NOMEN_PACK_FIELD_SEP
PACK_ITEM_SEP = 0x1E  # NOMEN_PACK_ITEM_SEP
