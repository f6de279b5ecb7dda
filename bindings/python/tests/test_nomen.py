"""The Python binding end to end: loading, index files, screening, options,
explanations, provenance, errors, handles, threads, memory, the shared cases."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import nomen
from conftest import CASES, SAMPLE, SOURCE, read_cases

CSV = "id,name,aliases,type,dob,country,program\nx1,\"SMITH, John\",,individual,1970,GB,TEST\n"


def test_version():
    # the library's own version string, as the C header defines it
    assert re.fullmatch(r"\d+\.\d+\.\d+", nomen.version())
    assert nomen.library_path()


# ---- loading ------------------------------------------------------------------


def test_load_file(index):
    assert index.record_count == 70
    assert index.name_count > index.record_count  # aliases count too


def test_load_folder_official_set(tmp_path):
    sdn = Path(os.environ.get("NOMEN_SHARED_DIR", SOURCE.parent / "shared")) / "data/lists/ofac/sdn_2021-07"
    if not sdn.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{sdn} missing under CI=true")
        pytest.skip(f"{sdn} not found")
    with nomen.Builder() as b:
        b.add_path(sdn)
        assert b.record_count > 5000
        with b.build() as ix, ix.matcher() as m:
            assert ix.lists[0].format == "ofac-csv"
            assert ix.lists[0].date == "2021-07-07" or ix.lists[0].date is None
            hits = m.screen("Ch'en Ch'üan-kuo")
            assert hits and hits[0].name == "CHEN, Quanguo"


def test_load_memory_str_and_bytes():
    with nomen.Builder() as b:
        b.add_memory(CSV, name="mem.csv", format="generic-csv", list_name="mine")
        b.add_memory(CSV.replace("x1", "x2").encode(), name="mem2.csv", list_name="mine2")
        assert b.record_count == 2
        with b.build() as ix, ix.matcher() as m:
            assert [l.name for l in ix.lists] == ["mine", "mine2"]
            hits = m.screen("John Smith")
            assert {h.entity_id for h in hits} == {"x1", "x2"}
            assert {h.list for h in hits} == {"mine", "mine2"}
            assert hits[0].programs == ("TEST",)
            assert hits[0].type == "individual"


def test_lenient_and_strict():
    bad = CSV + "x3,,,individual,,,\n"  # a record without a name
    with nomen.Builder() as b:
        b.add_memory(bad, name="bad.csv", format="generic-csv")
        assert b.record_count == 1 and b.skipped_count == 1
        assert "bad.csv" in b.skip_report
    with nomen.Builder(strict=True) as b:
        with pytest.raises(nomen.ParseError) as e:
            b.add_memory(bad, name="bad.csv", format="generic-csv")
        assert e.value.status == 5 and "bad.csv" in str(e.value)


# ---- index files and provenance ---------------------------------------------------


def test_save_load_provenance(index, tmp_path):
    f = tmp_path / "sample.idx"
    index.save(f)
    with nomen.Index.load(f) as ix:
        assert ix.record_count == index.record_count
        (li,) = ix.lists
        assert li == index.lists[0]
        assert li.name == "sample-list" and li.format == "generic-csv"
        assert li.records == 70 and li.skipped == 0
        assert len(li.checksum) == 16 and int(li.checksum, 16) >= 0
        assert li.path.endswith("sample-list.csv")
        with ix.matcher(threshold=0.5) as a, index.matcher(threshold=0.5) as b:
            for q in ("Chen Quanguo", "陳國基", "Zhang Wei"):
                assert a.screen(q) == b.screen(q)


def test_load_errors(tmp_path):
    with pytest.raises(nomen.NomenIOError) as e:
        nomen.Index.load(tmp_path / "none.idx")
    assert isinstance(e.value, OSError) and e.value.status == 4
    assert "none.idx" in str(e.value)
    junk = tmp_path / "junk.idx"
    junk.write_bytes(b"not an index at all" * 10)
    with pytest.raises(nomen.NomenError) as e:
        nomen.Index.load(junk)
    assert e.value.status in (5, 9) and e.value.message


# ---- screening ------------------------------------------------------------------------


def test_screen_variants(index):
    with index.matcher() as m:
        for q in ("CHEN, Quanguo", "Ch'en Ch'üan-kuo", "陳全國", "QUANGUO CHEN", b"Chen Quanguo"):
            hits = m.screen(q)
            assert hits and hits[0].entity_id == "ofac-29220", q
            assert hits[0].name == "CHEN, Quanguo"
            assert hits[0].programs == ("GLOMAG",)
            assert hits[0].score >= 0.95
        assert m.screen("Zhang Quanguo") == []


def test_options(index):
    with index.matcher(threshold=0.0, limit=3) as m:
        hits = m.screen("Chen Quanguo")
        assert len(hits) == 3
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        m.set_options(threshold=0.0, limit=0)
        assert len(m.screen("Chen Quanguo")) > 3
        m.set_options(threshold=0.99, limit=10)
        assert [h.entity_id for h in m.screen("Chen Quanguo")] == ["ofac-29220"]
        with pytest.raises(nomen.InvalidArgumentError) as e:
            m.set_options(threshold=1.5)
        assert e.value.status == 2 and e.value.message
        with pytest.raises(ValueError):
            m.set_options(limit=-1)


def test_dob_country_type(index):
    with index.matcher(threshold=0.0) as m:
        base = m.screen("Chen Quanguo")[0].score
        agree = m.screen("Chen Quanguo", dob="1955", country="CN", type="individual")[0]
        assert agree.entity_id == "ofac-29220" and agree.score >= base
        other = m.screen("Chen Quanguo", dob="1970", type="entity")
        assert other[0].score < base
        with pytest.raises(ValueError):
            m.screen("Chen Quanguo", type="robot")


def test_explanations(index):
    with index.matcher(explain=True) as m:
        (h,) = m.screen("Chen Guanguo", dob="1955")
        ex = h.explanation
        assert isinstance(ex, dict)
        assert ex["matched_name"] == "CHEN, Quanguo"
        assert abs(ex["score"] - h.score) < 1e-3
        assert ex["evidence"]["dob"]["effect"] == "agrees"
        m.set_options(explain=False)
        assert m.screen("Chen Guanguo")[0].explanation is None


def test_hits_stay_valid(index):
    """Hit tuples are made lazily from each screen's packed text; every
    HitList keeps its own hits through later screens, option and index
    changes, and close."""
    with index.matcher(threshold=0.5, limit=5) as ref:
        want = {q: list(ref.screen(q)) for q in ("Chen Quanguo", "Zhang Lei", "Kim Jong Un", "Grace 1")}
    m = index.matcher(threshold=0.5, limit=5)
    a = m.screen("Chen Quanguo")
    b = m.screen("Zhang Lei")
    m.set_options(threshold=0.5, limit=5)
    c = m.screen("Kim Jong Un")
    m.set_index(index)
    d = m.screen("Grace 1")
    assert len(a) == len(want["Chen Quanguo"]) and isinstance(a, nomen.HitList)
    m.close()
    assert a == want["Chen Quanguo"] and b == want["Zhang Lei"]
    assert c == want["Kim Jong Un"] and d == want["Grace 1"]
    assert a[0].entity_id == "ofac-29220" and a[-1] == want["Chen Quanguo"][-1]
    assert [h.entity_id for h in b[:1]] == ["ofac-16318"]
    # read from another thread while the matcher screens on
    m = index.matcher(threshold=0.5, limit=5)
    got = []
    for q in want:
        hits = m.screen(q)
        t = threading.Thread(target=lambda h=hits: got.append(list(h)))
        t.start()
        m.screen("John Smith")
        t.join()
    m.close()
    assert got == list(want.values())


def test_screen_many(index):
    with index.matcher() as m:
        out = m.screen_many(["Chen Quanguo", nomen.Query("Grace 1", type="vessel"), b"John Smith"])
        assert [h[0].entity_id if h else None for h in out] == ["ofac-29220", "ofac-27304", None]
        assert out[0] == m.screen("Chen Quanguo")
        with pytest.raises(nomen.Utf8Error) as e:
            m.screen_many(["Chen", b"\xc3("])
        assert "query 1" in str(e.value)
        with pytest.raises(TypeError):
            m.screen_many([42])


def test_screen_many_batch_path(index):
    """All-str batches go to the C library in one call: the same hits as one
    screen at a time, errors with the failing query's position, and a name
    holding the packing separator falls back to single screens."""
    qs = ["Chen Quanguo", nomen.Query("Ch'en Ch'üan-kuo", "1955", "CN", "individual"), "Jane Doe",
          ("Grace 1", None, None, "vessel"), "Zhang Lei"]
    with index.matcher(threshold=0.5, limit=5, explain=True) as m:
        one = [list(m.screen(*q)) if isinstance(q, tuple) else list(m.screen(q)) for q in qs]
        many = m.screen_many(qs)
        assert [list(h) for h in many] == one
        assert len(many[2]) == 0 and not many[2] and many[2] == []
        assert many[0][0].explanation["matched_name"] == "CHEN, Quanguo"
        # a BatchHits: a read-only sequence, its hit lists made when read
        assert isinstance(many, nomen.BatchHits) and len(many) == len(qs)
        assert many == [m.screen(*q) if isinstance(q, tuple) else m.screen(q) for q in qs]
        assert list(many[-1]) == one[-1] and [list(h) for h in many[1:3]] == one[1:3]
        assert many != one[:2] and many != "not a batch"
        with pytest.raises(IndexError):
            many[len(qs)]
        with pytest.raises(TypeError):
            many["0"]
        assert "BatchHits([" in repr(many)
        assert [h.score for h in many[0]] == [h.score for h in m.screen("Chen Quanguo")]
        assert m.screen_many([]) == []
        assert m.screen_many(iter(["Jane Doe"])) == [[]]  # any iterable
        with pytest.raises(nomen.Utf8Error) as e:
            m.screen_many(["Chen Quanguo", "Jane Doe", "lone \udc80"])
        assert e.value.message.startswith("query 2: ")
        with pytest.raises(nomen.InvalidArgumentError) as e:
            m.screen_many(["Chen Quanguo", nomen.Query("Chen Quanguo", dob="55")])
        assert e.value.message.startswith("query 1: ")
        with pytest.raises(ValueError):
            m.screen_many([nomen.Query("Chen Quanguo", type="ship")])
        with pytest.raises(TypeError):
            m.screen_many([nomen.Query(None)])
        sep = m.screen_many(["Chen\x1fQuanguo", "Chen Quanguo"])
        assert list(sep[1]) == one[0] and list(sep[0]) == list(m.screen("Chen\x1fQuanguo"))


def test_separator_in_listed_name():
    """A listed name holding the packing separator cannot be packed: its hits
    are read one field at a time instead, alone and in batches."""
    with nomen.Builder() as b:
        b.add_memory("id,name,type\nx1,\"SMITH\x1f, John\",individual\n", "mem.csv", "generic-csv")
        ix = b.build()
    with ix, ix.matcher() as m:
        hits = m.screen("John Smith")
        assert len(hits) == 1 and hits[0].name == "SMITH\x1f, John"
        many = m.screen_many(["John Smith", "Jane Doe"])
        assert list(many[0]) == list(hits) and len(many[1]) == 0


# ---- errors and bad input ---------------------------------------------------------------


def test_errors_bad_input(index):
    with index.matcher() as m:
        with pytest.raises(nomen.Utf8Error) as e:
            m.screen(b"Chen \xff Quanguo")
        assert e.value.status == 3 and "byte 5" in e.value.message
        with pytest.raises(nomen.Utf8Error):
            m.screen("lone \udc80 surrogate")
        with pytest.raises(nomen.LimitError):
            m.screen("x" * 5000)
        for bad in (None, 42, 3.5, ["Chen"]):
            with pytest.raises(TypeError):
                m.screen(bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            m.screen("Chen", dob=1955)  # type: ignore[arg-type]
        assert m.screen("Chen Quanguo")  # still usable after the errors
    with nomen.Builder() as b:
        with pytest.raises(nomen.NomenIOError) as e:
            b.add_path("/no/such/list.csv")
        assert "/no/such/list.csv" in e.value.message
        with pytest.raises(nomen.FormatError):
            b.add_path(SAMPLE, format="no-such-format")
        b.add_memory(b"id,name\nx1,\"Bad \xff\"\n", format="generic-csv")
        assert b.skipped_count == 1 and "invalid UTF-8" in b.skip_report  # lenient
        b.set_strict(True)
        with pytest.raises(nomen.Utf8Error) as e:
            b.add_memory(b"id,name\nx1,\"Bad \xff\"\n", name="pay.csv", format="generic-csv")
        assert e.value.message.startswith("pay.csv:2:")
        with pytest.raises(TypeError):
            b.add_path(None)  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            b.add_path("a\0b")
        with pytest.raises(TypeError):
            b.add_memory(None)  # type: ignore[arg-type]
        with pytest.raises(nomen.StateError):
            b.build()  # nothing loaded
    with pytest.raises(TypeError):
        nomen.Matcher("not an index")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        nomen.Index()


def test_close_and_context_managers(index):
    m = index.matcher()
    m.close()
    m.close()
    assert m.closed
    with pytest.raises(ValueError):
        m.screen("Chen")
    # a matcher keeps its index alive after the index object is closed
    with nomen.Builder() as b:
        ix = b.add_path(SAMPLE).build()
    m = ix.matcher()
    ix.close()
    assert m.screen("Chen Quanguo")[0].entity_id == "ofac-29220"
    m.close()


def test_finalizer_frees_forgotten_handles():
    b = nomen.Builder().add_path(SAMPLE)
    ix = b.build()
    m = ix.matcher()
    fin = (b._finalizer, ix._finalizer, m._finalizer)
    del b, ix, m
    gc.collect()
    assert not any(f.alive for f in fin)


# ---- threads ------------------------------------------------------------------------------


def test_four_threads_one_index(index):
    cases = read_cases()
    with index.matcher(threshold=0.5, limit=5) as m:
        want = [m.screen(c[1], c[2], c[3], c[4]) for c in cases]
    errors = []

    def work():
        try:
            with index.matcher(threshold=0.5, limit=5) as mt:
                for _ in range(20):
                    got = [mt.screen(c[1], c[2], c[3], c[4]) for c in cases]
                    assert got == want
        except Exception as e:  # reported in the main thread
            errors.append(e)

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors


def test_gil_released_while_screening(index):
    """Two threads record the wall-clock span of each screen call. The switch
    interval is made huge, so Python never takes the GIL from a running
    thread: a thread that held the GIL during the C call would run all its
    screens before the other started, and the spans would never overlap.
    They do, because ctypes lets go of the GIL for the foreign call (opening
    the library with ctypes.PyDLL, which keeps the GIL, fails this test)."""
    long_name = "Xinjiang Production and Construction Corps Public Security Bureau " * 8
    spans = [[], []]
    start = threading.Barrier(2)

    def work(k):
        with index.matcher() as mt:
            start.wait()
            clock = time.perf_counter
            deadline = clock() + 10.0
            # At least 300 screens, and on until the other thread has screened
            # 50 times too: on a loaded machine it may start late.
            while len(spans[k]) < 300 or (len(spans[1 - k]) < 50 and clock() < deadline):
                t0 = clock()
                mt.screen(long_name)
                spans[k].append((t0, clock()))

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        ts = [threading.Thread(target=work, args=(k,)) for k in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    finally:
        sys.setswitchinterval(old)
    a, b = spans
    j = 0
    overlaps = 0
    for s0, s1 in a:  # both lists are in time order
        while j < len(b) and b[j][1] <= s0:
            j += 1
        if j < len(b) and b[j][0] < s1:
            overlaps += 1
    assert overlaps > 0


def test_matcher_refuses_two_threads(index):
    m = index.matcher()
    m._busy.acquire()  # as if another thread were inside screen()
    try:
        with pytest.raises(nomen.StateError):
            m.screen("Chen")
    finally:
        m._busy.release()
        m.close()


# ---- memory -------------------------------------------------------------------------------


def _rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_no_rss_growth(index):
    n = int(os.environ.get("NOMEN_RSS_SCREENS", "100000"))
    names = [c[1] for c in read_cases()]
    with index.matcher(threshold=0.5, limit=5, explain=True) as m:
        for i in range(5000):  # warm up: arenas and caches reach their size
            m.screen(names[i % len(names)])
        gc.collect()
        before = _rss_kb()
        for i in range(n):
            m.screen(names[i % len(names)])
        gc.collect()
        grown = _rss_kb() - before
    print(f"{n} screens: RSS {before} kB -> {before + grown} kB")
    assert grown < 2048, f"RSS grew by {grown} kB over {n} screens"


# ---- shared cases ----------------------------------------------------------------------


def _format(hits) -> str:
    return " ".join(f"{h.entity_id}={h.score:.6f}" for h in hits)


def test_shared_cases(index):
    with index.matcher(threshold=0.5, limit=5) as m:
        for n, q, dob, country, typ, expect, bound in read_cases():
            hits = m.screen(q, dob, country, typ)
            top = hits[0].score if hits else 0.0
            if expect == "-":
                assert top < bound, (n, q, hits)
            else:
                assert hits and hits[0].entity_id == expect and top >= bound, (n, q, hits)


def test_shared_cases_identical_to_c(index):
    exe = os.environ.get("NOMEN_TEST_CASES_BIN")
    if not exe:
        if os.environ.get("CI") == "true":
            pytest.fail("NOMEN_TEST_CASES_BIN is not set (ctest sets it)")
        pytest.skip("NOMEN_TEST_CASES_BIN not set: run through ctest")
    env = dict(os.environ, NOMEN_SOURCE_DIR=str(SOURCE))
    c = subprocess.run([exe, "--print"], env=env, check=True, capture_output=True)
    c_lines = c.stdout.decode("utf-8").splitlines()
    with index.matcher(threshold=0.5, limit=5) as m:
        py_lines = [
            f"{n}\t{q}\t{_format(m.screen(q, dob, country, typ))}"
            for n, q, dob, country, typ, _, _ in read_cases()
        ]
    assert len(c_lines) == len(py_lines) >= 40
    assert py_lines == c_lines
    # and through screen_many, the one-call batch
    cases = list(read_cases())
    with index.matcher(threshold=0.5, limit=5) as m:
        many = m.screen_many([nomen.Query(q, dob, country, typ) for _, q, dob, country, typ, _, _ in cases])
    assert [f"{n}\t{q}\t{_format(h)}" for (n, q, *_), h in zip(cases, many)] == c_lines


def test_example_runs():
    ex = Path(__file__).resolve().parents[1] / "examples" / "screen_names.py"
    r = subprocess.run(
        [sys.executable, str(ex), str(SAMPLE), "Ch'en Ch'üan-kuo", "Zhang Quanguo"],
        capture_output=True,
        check=True,
    )
    out = r.stdout.decode()
    assert "ofac-29220" in out and "CHEN, Quanguo" in out
    assert "Zhang Quanguo: no hit" in out
