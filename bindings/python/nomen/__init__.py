"""nomen: sanctions name screening (Python binding of libnomen, through ctypes).

A thin layer over include/nomen.h: a Builder loads lists and builds an Index
(immutable, shared by every thread); each thread screens through its own
Matcher. Handles are freed by ``close()`` or a ``with`` block; a finalizer
frees whatever was forgotten. Failures raise the NomenError subclass of the C
status, with the C message.

    import nomen
    with nomen.Builder() as b:
        b.add_path("data/sample-list.csv")
        index = b.build()
    with index, index.matcher(threshold=0.85) as m:
        for hit in m.screen("Ch'en Ch'üan-kuo", dob="1955"):
            print(hit.entity_id, hit.name, hit.score)
"""

from __future__ import annotations

import ctypes
import json
import operator
import os
import threading
import weakref
from typing import Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _lib
from ._errors import (
    EncodingError,
    FormatError,
    IcuError,
    InternalError,
    InvalidArgumentError,
    LimitError,
    NoMemoryError,
    NomenError,
    NomenIOError,
    NotFoundError,
    ParseError,
    StateError,
    Utf8Error,
    VersionError,
    error_for,
)

__all__ = [
    "Builder",
    "Index",
    "Matcher",
    "Hit",
    "HitList",
    "BatchHits",
    "ListInfo",
    "Query",
    "version",
    "library_path",
    "DEFAULT_THRESHOLD",
    "NAME_MAX_BYTES",
    "NomenError",
    "NoMemoryError",
    "InvalidArgumentError",
    "Utf8Error",
    "NomenIOError",
    "ParseError",
    "FormatError",
    "IcuError",
    "LimitError",
    "VersionError",
    "StateError",
    "NotFoundError",
    "EncodingError",
    "InternalError",
]

__version__ = "0.1.0"
DEFAULT_THRESHOLD = 0.80
NAME_MAX_BYTES = 4096

_L = _lib.lib
Text = Union[str, bytes]
PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def version() -> str:
    """The version of the libnomen actually loaded ("0.1.0")."""
    return _L.nomen_version_string().decode()


def library_path() -> Optional[str]:
    """The path libnomen was loaded from."""
    return _lib.path


def _s(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8", "replace")


def _text(value: Any, what: str) -> bytes:
    """str or bytes to UTF-8 bytes. A str with lone surrogates becomes bytes
    that are not UTF-8, so the C library refuses them with its own message
    (Utf8Error) instead of Python failing differently per call."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be str or bytes, not {type(value).__name__}")


def _cstr(value: Any, what: str) -> bytes:
    """Text for a NUL-terminated C parameter: an embedded NUL is refused
    (it would cut the string short)."""
    b = _text(value, what)
    if b"\0" in b:
        raise ValueError(f"{what} contains a NUL byte")
    return b


def _opt_cstr(value: Any, what: str) -> Optional[bytes]:
    return None if value is None else _cstr(value, what)


def _path(value: Any) -> bytes:
    if not isinstance(value, (str, bytes, os.PathLike)):
        raise TypeError(f"path must be str, bytes or os.PathLike, not {type(value).__name__}")
    b = os.fsencode(value)
    if b"\0" in b:
        raise ValueError("path contains a NUL byte")
    return b


_SUBJECTS = {"any": 0, "individual": 1, "entity": 2, "vessel": 3, "aircraft": 4}
# The same table every other way the binding needs it: by C code (as an int,
# and as the digit the packed text holds), and with None for "not given".
_TYPES = {code: name for name, code in _SUBJECTS.items()}
_TYPE_NAMES = {str(code): name for name, code in _SUBJECTS.items()}
_SUBJECT_CODES: Dict[Optional[str], int] = {None: 0, **_SUBJECTS}
_CODES: Dict[Optional[str], str] = {None: "", **{name: str(code) for name, code in _SUBJECTS.items()}}


def _subject(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        t = _SUBJECTS.get(value.lower())
        if t is None:
            raise ValueError(f"unknown subject type {value!r} (individual, entity, vessel, aircraft)")
        return t
    raise TypeError(f"type must be a str such as 'individual' or None, not {type(value).__name__}")


class _Handle:
    """An owned C pointer, freed once: by close(), by the with block, or by
    the finalizer when the object is collected."""

    _free: Any = None

    def __init__(self, ptr: int) -> None:
        self._ptr: Optional[int] = ptr
        self._finalizer = weakref.finalize(self, type(self)._free, ptr)

    def close(self) -> None:
        """Free the C handle now. Closing twice is harmless."""
        self._ptr = None
        self._finalizer()

    @property
    def closed(self) -> bool:
        return self._ptr is None

    def _p(self) -> int:
        p = self._ptr
        if p is None:
            raise ValueError(f"{type(self).__name__} is closed")
        return p

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._p()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class ListInfo(NamedTuple):
    """One source list of an index: its provenance."""

    name: str
    format: str
    path: str
    date: Optional[str]
    checksum: str
    records: int
    skipped: int


class Hit(NamedTuple):
    """One hit of a screen, copied out of the matcher."""

    entity_id: str
    list: str
    name: str
    matched_name: str
    score: float
    type: str
    programs: Tuple[str, ...]
    explanation: Optional[Dict[str, Any]]


class Query(NamedTuple):
    """A screening request for Matcher.screen_many (only name is required)."""

    name: Text
    dob: Optional[Text] = None
    country: Optional[Text] = None
    type: Optional[str] = None


class HitList(Sequence[Hit]):
    """The hits of one screen, best first: a read-only sequence of Hit.

    A screen takes every hit out of the C matcher in one call, as packed text
    (``nomen_matcher_hits_pack``); the Hit tuples are made from it when the
    list is first read. A caller who only asks ``if hits:`` or ``len(hits)``
    pays for no tuples, and a HitList stays valid for ever (it owns its
    text). It compares equal to a list of the same hits."""

    __slots__ = ("_raw", "_n", "_explain", "_items", "_fields", "_at")

    def __init__(self, raw: Optional[bytes], n: int, explain: bool = False,
                 items: Optional[List[Hit]] = None, fields: Optional[List[str]] = None,
                 at: int = 0) -> None:
        self._raw = raw  # the packed text of this screen's hits, or
        self._fields = fields  # a batch's text, split, with these hits from field `at`
        self._at = at
        self._n = n
        self._explain = explain
        self._items = items

    def _load(self) -> List[Hit]:
        items = self._items
        if items is None:
            if self._fields is not None:
                items = _fields_hits(self._fields, self._at, self._n, self._explain)
            else:
                items = _unpack(self._raw or b"", self._explain)
            self._items = items
            self._raw = self._fields = None
        return items

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        return self._load()[i]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self._load())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, HitList):
            return self._load() == other._load()
        if isinstance(other, list):
            return self._load() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"HitList({self._load()!r})"


_FS = chr(_lib.PACK_FIELD_SEP)
_IS = chr(_lib.PACK_ITEM_SEP)


def _fields_hits(f: List[str], start: int, n: int, explain: bool) -> List[Hit]:
    """Hit tuples from n hits packed by nomen_matcher_hits_pack (eight fields
    a hit), already split, from f[start]."""
    types = _TYPE_NAMES
    loads = json.loads
    new = tuple.__new__
    fromhex = float.fromhex  # scores are packed as C99 hex floats ("%a"): exact
    return [
        new(Hit, (
            f[k], f[k + 1], f[k + 2], f[k + 3], fromhex(f[k + 4]), types.get(f[k + 5], "any"),
            tuple(f[k + 6].split(_IS)) if f[k + 6] else (),
            loads(f[k + 7]) if explain and f[k + 7] else None,
        ))
        for k in range(start, start + 8 * n, 8)
    ]


def _unpack(raw: bytes, explain: bool) -> List[Hit]:
    f = raw.decode("utf-8").split(_FS)
    return _fields_hits(f, 0, (len(f) - 1) // 8, explain)


class BatchHits(Sequence[HitList]):
    """The hit lists of Matcher.screen_many, one per query in order: a
    read-only sequence of HitList.

    It holds the batch's packed text and where each query's hits lie in it
    (``nomen_matcher_batch_spans``); a query's HitList is made when it is read,
    its Hit tuples when that is read. It compares equal to a list of the same
    hit lists."""

    __slots__ = ("_raw", "_spans", "_explain")

    def __init__(self, raw: bytes, spans: List[int], explain: bool) -> None:
        self._raw = raw
        self._spans = spans  # three per query: start, end, count
        self._explain = explain

    def __len__(self) -> int:
        return len(self._spans) // 3

    def _at(self, k: int) -> HitList:
        s = self._spans
        c = s[k + 2]
        if not c:
            return HitList(None, 0, self._explain, [])
        return HitList(self._raw[s[k]:s[k + 1]], c, self._explain)

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        n = len(self._spans) // 3
        if isinstance(i, slice):
            return [self._at(3 * k) for k in range(*i.indices(n))]
        i = operator.index(i)  # TypeError for anything but an integer
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("batch index out of range")
        return self._at(3 * i)

    def __iter__(self) -> Iterator[HitList]:
        raw, s, explain = self._raw, self._spans, self._explain
        for k in range(0, len(s), 3):
            c = s[k + 2]
            yield HitList(raw[s[k]:s[k + 1]], c, explain) if c else HitList(None, 0, explain, [])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (BatchHits, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"BatchHits({list(self)!r})"


class Builder(_Handle):
    """Loads lists (files, folders, memory) and builds indexes. Use from one
    thread at a time."""

    _free = _L.nomen_builder_free

    def __init__(self, strict: bool = False) -> None:
        out = ctypes.c_void_p()
        rc = _L.nomen_builder_new(ctypes.byref(out))
        if rc:
            raise error_for(rc, "nomen_builder_new: " + _L.nomen_status_str(rc).decode())
        super().__init__(out.value)  # type: ignore[arg-type]
        if strict:
            _L.nomen_builder_set_strict(out, 1)

    def _check(self, rc: int) -> None:
        if rc:
            raise error_for(rc, _s(_L.nomen_builder_errmsg(self._p())) or "")

    def set_strict(self, strict: bool = True) -> None:
        """Strict: a bad record fails the load (ParseError). Default lenient."""
        _L.nomen_builder_set_strict(self._p(), 1 if strict else 0)

    def add_path(
        self, path: PathArg, format: Optional[str] = None, list_name: Optional[Text] = None
    ) -> "Builder":
        """Load a list file or an official set folder (format detected when
        None). Returns self, so calls chain."""
        self._check(
            _L.nomen_builder_add_path(
                self._p(),
                _path(path),
                _opt_cstr(format, "format"),
                _opt_cstr(list_name, "list_name"),
            )
        )
        return self

    def add_memory(
        self,
        data: Text,
        name: Text = "memory",
        format: Optional[str] = None,
        list_name: Optional[Text] = None,
    ) -> "Builder":
        """Load a single-file list held in memory (str or bytes); name is used
        in messages. Returns self."""
        b = _text(data, "data")
        self._check(
            _L.nomen_builder_add_memory(
                self._p(),
                _cstr(name, "name"),
                b,
                len(b),
                _opt_cstr(format, "format"),
                _opt_cstr(list_name, "list_name"),
            )
        )
        return self

    @property
    def record_count(self) -> int:
        return int(_L.nomen_builder_record_count(self._p()))

    @property
    def skipped_count(self) -> int:
        return int(_L.nomen_builder_skipped_count(self._p()))

    @property
    def skip_report(self) -> str:
        """One line per skipped record ("file:line:col: reason")."""
        return _s(_L.nomen_builder_skip_report(self._p())) or ""

    def build(self) -> "Index":
        """An immutable index of everything loaded so far."""
        out = ctypes.c_void_p()
        self._check(_L.nomen_index_build(self._p(), ctypes.byref(out)))
        return Index._wrap(out.value)  # type: ignore[arg-type]


class Index(_Handle):
    """An immutable, reference-counted index: share it between threads. Each
    Matcher holds its own C reference, so closing the index while matchers
    still screen on it is safe; the memory goes with the last of them."""

    _free = _L.nomen_index_free

    def __init__(self) -> None:
        raise TypeError("build an Index with Builder.build() or Index.load()")

    @classmethod
    def _wrap(cls, ptr: int) -> "Index":
        ix = cls.__new__(cls)
        _Handle.__init__(ix, ptr)
        return ix

    @classmethod
    def load(cls, path: PathArg) -> "Index":
        """Load (memory-map) an index saved by Index.save."""
        out = ctypes.c_void_p()
        err = ctypes.create_string_buffer(512)
        rc = _L.nomen_index_load(_path(path), ctypes.byref(out), err, len(err))
        if rc:
            raise error_for(rc, _s(err.value) or "")
        return cls._wrap(out.value)  # type: ignore[arg-type]

    def save(self, path: PathArg) -> None:
        """Write the index (with its provenance) to a file."""
        err = ctypes.create_string_buffer(512)
        rc = _L.nomen_index_save(self._p(), _path(path), err, len(err))
        if rc:
            raise error_for(rc, _s(err.value) or "")

    @property
    def record_count(self) -> int:
        return int(_L.nomen_index_record_count(self._p()))

    @property
    def name_count(self) -> int:
        return int(_L.nomen_index_name_count(self._p()))

    @property
    def lists(self) -> List[ListInfo]:
        """Provenance of each source list: name, format, path, date, checksum, counts."""
        p = self._p()
        out = []
        for i in range(_L.nomen_index_list_count(p)):
            out.append(
                ListInfo(
                    _s(_L.nomen_index_list_name(p, i)) or "",
                    _s(_L.nomen_index_list_format(p, i)) or "",
                    _s(_L.nomen_index_list_path(p, i)) or "",
                    _s(_L.nomen_index_list_date(p, i)),
                    _s(_L.nomen_index_list_checksum(p, i)) or "",
                    int(_L.nomen_index_list_records(p, i)),
                    int(_L.nomen_index_list_skipped(p, i)),
                )
            )
        return out

    def matcher(self, threshold: float = DEFAULT_THRESHOLD, limit: int = 10, explain: bool = False) -> "Matcher":
        """A new Matcher on this index (one per thread)."""
        return Matcher(self, threshold=threshold, limit=limit, explain=explain)


_screen = _L.nomen_matcher_screen
_count = _L.nomen_matcher_hit_count
_score = _L.nomen_hit_score
_eid = _L.nomen_hit_entity_id
_list = _L.nomen_hit_list
_name = _L.nomen_hit_name
_matched = _L.nomen_hit_matched_name
_type = _L.nomen_hit_type
_pcount = _L.nomen_hit_program_count
_prog = _L.nomen_hit_program
_explain = _L.nomen_hit_explain_json
_pack = _L.nomen_matcher_hits_pack
_batch = _lib.screen_batch_untyped
_screen_pack_fast = _lib.screen_pack_untyped
_spans = _L.nomen_matcher_batch_spans
_LIMIT = 8  # NOMEN_ERR_LIMIT
_ENCODING = 12  # NOMEN_ERR_ENCODING
_FSB = bytes([_lib.PACK_FIELD_SEP])


class Matcher(_Handle):
    """Screens names against an index. Per thread: a matcher refuses to be
    used by two threads at once (StateError) rather than corrupt its hits."""

    _free = _L.nomen_matcher_free

    def __init__(
        self,
        index: Index,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        explain: bool = False,
    ) -> None:
        if not isinstance(index, Index):
            raise TypeError(f"index must be a nomen.Index, not {type(index).__name__}")
        out = ctypes.c_void_p()
        rc = _L.nomen_matcher_new(index._p(), ctypes.byref(out))
        if rc:
            raise error_for(rc, "nomen_matcher_new: " + _L.nomen_status_str(rc).decode())
        super().__init__(out.value)  # type: ignore[arg-type]
        self._pv = out  # the handle as a c_void_p, for the untyped hot calls
        self._busy = threading.Lock()  # one screening thread at a time
        self._q = _lib.Query()
        _L.nomen_query_init(ctypes.byref(self._q))
        self._qref = ctypes.byref(self._q)
        self._explain = False
        self._attrs = False  # dob, country or type set in self._q
        self._len = ctypes.c_size_t()
        self._lenref = ctypes.byref(self._len)
        self._grow(1 << 14)
        self.set_options(threshold=threshold, limit=limit, explain=explain)

    def set_options(self, threshold: float = DEFAULT_THRESHOLD, limit: int = 10, explain: bool = False) -> None:
        """Threshold in [0, 1] (lowest score reported), limit (most hits; 0 =
        no limit), explain (build each hit's explanation; costs time)."""
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            raise TypeError("threshold must be a number")
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise TypeError("limit must be an int")
        if limit < 0:
            raise ValueError("limit must be >= 0")
        o = _lib.Options()
        _L.nomen_options_init(ctypes.byref(o))
        o.threshold = float(threshold)
        o.limit = limit
        o.explain = 1 if explain else 0
        rc = _L.nomen_matcher_set_options(self._p(), ctypes.byref(o))
        if rc:
            raise error_for(rc, _s(_L.nomen_matcher_errmsg(self._p())) or "")
        self._explain = bool(explain)

    def set_index(self, index: Index) -> None:
        """Move this matcher to another index (e.g. a newly loaded list)."""
        if not isinstance(index, Index):
            raise TypeError(f"index must be a nomen.Index, not {type(index).__name__}")
        rc = _L.nomen_matcher_set_index(self._p(), index._p())
        if rc:
            raise error_for(rc, _s(_L.nomen_matcher_errmsg(self._p())) or "")

    def screen(
        self,
        name: Text,
        dob: Optional[Text] = None,
        country: Optional[Text] = None,
        type: Optional[str] = None,
    ) -> HitList:
        """Screen one name; the hits, best first (a HitList). The GIL is
        released while the C library screens."""
        p = self._ptr
        if p is None:
            raise ValueError("Matcher is closed")
        q = self._q
        # The common case (a str name, nothing else) takes the shortest path:
        # with ctypes every attribute set and call costs, and the C screen
        # itself takes only about 12 microseconds.
        b = name.encode("utf-8", "surrogatepass") if isinstance(name, str) else _text(name, "name")
        q.name = b
        q.name_len = len(b)
        if dob is not None or country is not None or type is not None or self._attrs:
            self._set_attrs(dob, country, type)
        busy = self._busy
        if not busy.acquire(False):
            raise StateError("this Matcher is in use by another thread; use one Matcher per thread", 10)
        try:
            rc = _screen_pack_fast(self._pv, self._qref, self._buf, self._capv, self._lenref)
            n = self._len.value
            if not n:
                if rc:
                    raise error_for(rc, _s(_L.nomen_matcher_errmsg(p)) or "")
                return HitList(None, 0, self._explain, [])
            if rc == _LIMIT:
                self._grow(2 * n)
                rc = _pack(p, self._buf, self._cap, self._lenref)
            if rc:  # a separator byte in a name: read the hits one by one
                hits = self._copy(_count(p))
                return HitList(None, len(hits), self._explain, hits)
            raw = self._bytes[:n]
            return HitList(raw, raw.count(_FSB) // 8, self._explain)
        finally:
            busy.release()

    def _grow(self, cap: int) -> None:
        self._bytes = bytearray(cap)
        self._buf = (ctypes.c_char * cap).from_buffer(self._bytes)
        self._cap = cap
        self._capv = ctypes.c_size_t(cap)

    def _set_attrs(self, dob: Any, country: Any, subject: Any) -> None:
        q = self._q
        if dob is None:
            q.dob = None
            q.dob_len = 0
        else:
            d = dob.encode("utf-8", "surrogatepass") if type(dob) is str else _text(dob, "dob")
            q.dob = d
            q.dob_len = len(d)
        if country is None:
            q.country = None
            q.country_len = 0
        else:
            c = (country.encode("utf-8", "surrogatepass") if type(country) is str
                 else _text(country, "country"))
            q.country = c
            q.country_len = len(c)
        t = _SUBJECT_CODES.get(subject) if subject is None or type(subject) is str else None
        q.type = t if t is not None else _subject(subject)
        self._attrs = dob is not None or country is not None or subject is not None

    def _copy(self, n: int) -> List[Hit]:
        p = self._ptr
        hits: List[Hit] = []
        explain = self._explain
        score, eid, lst, nm, matched, typ, pcount, prog = (
            _score, _eid, _list, _name, _matched, _type, _pcount, _prog)
        for i in range(n):
            k = pcount(p, i)
            if k == 1:
                progs: Tuple[str, ...] = (prog(p, i, 0).decode(),)
            else:
                progs = tuple(prog(p, i, j).decode() for j in range(k))
            ex = None
            if explain:
                j = _explain(p, i)
                ex = json.loads(j) if j is not None else None
            hits.append(
                Hit(
                    eid(p, i).decode(),
                    lst(p, i).decode(),
                    nm(p, i).decode(),
                    matched(p, i).decode(),
                    score(p, i),
                    _TYPES.get(typ(p, i), "any"),
                    progs,
                    ex,
                )
            )
        return hits

    def screen_many(self, queries: Iterable[Union[Text, Query, Sequence[Any]]]) -> Sequence[HitList]:
        """Screen a batch: names (str/bytes) or Query tuples; one hit list per
        query, in order (a BatchHits, whose hit lists are made when read). The
        first failing query raises, naming its position. The whole batch goes
        to the C library in one call (the GIL released throughout); a batch
        with bytes fields, or with text holding a packing separator, goes one
        query at a time (and returns a list)."""
        qs = queries if type(queries) is list else list(queries)
        if not qs:
            return []
        flat: List[str] = []
        add = flat.extend
        codes = _CODES
        try:
            for q in qs:
                if type(q) is str:
                    add((q, "", "", ""))
                    continue
                if type(q) is not Query:
                    if not isinstance(q, tuple):
                        return self._screen_each(qs)  # bytes, or a wrong type screen() reports
                    q = tuple(q) + (None,) * (4 - len(q)) if len(q) < 4 else q
                name, dob, country, subject = q
                add((name, "" if dob is None else dob, "" if country is None else country,
                     codes[subject] if type(subject) is not str else codes[subject.lower()]))
            # join refuses anything but str (bytes, None, numbers): those go one
            # at a time, through screen(), which takes bytes and names the error
            text = "\x1f".join(flat).encode("utf-8", "surrogatepass") + _FSB
        except (TypeError, KeyError, ValueError):
            return self._screen_each(qs)
        if text.count(_FSB) != 4 * len(qs):  # a separator inside a query's text
            return self._screen_each(qs)
        p = self._ptr
        if p is None:
            raise ValueError("Matcher is closed")
        out = ctypes.c_void_p()
        done = ctypes.c_size_t()
        busy = self._busy
        if not busy.acquire(False):
            raise StateError("this Matcher is in use by another thread; use one Matcher per thread", 10)
        try:
            rc = _batch(self._pv, text, ctypes.c_size_t(len(text)), ctypes.byref(out), self._lenref,
                        ctypes.byref(done))
            if rc and rc != _ENCODING:
                raise error_for(rc, _s(_L.nomen_matcher_errmsg(p)) or "")
            if not rc:
                raw = ctypes.string_at(out.value, self._len.value)
                at = _spans(p, ctypes.byref(done))
                spans = (ctypes.c_size_t * (3 * done.value)).from_address(at)[:]
        finally:
            busy.release()
        if rc:  # a separator byte in a listed name: one at a time
            return self._screen_each(qs)
        return BatchHits(raw, spans, self._explain)

    def _screen_each(self, qs: List[Any]) -> List[HitList]:
        out = []
        screen = self.screen
        n = 0
        try:
            for n, q in enumerate(qs):
                if isinstance(q, tuple):
                    out.append(screen(*q))
                elif isinstance(q, (str, bytes, bytearray)):
                    out.append(screen(q))
                else:
                    raise TypeError(f"a query must be str, bytes or nomen.Query, not {type(q).__name__}")
        except NomenError as e:
            raise error_for(e.status, f"query {n}: {e.message}") from e
        return out
