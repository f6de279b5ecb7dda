"""Screens per second through the Python binding, beside the C figure for the
same queries (the shared cases, threshold 0.50, limit 5, in turn).

    python3 bindings/python/bench.py [--screens N] [--rss-screens M]

The C figure comes from the test_cases binary (--bench N): its path is taken
from NOMEN_TEST_CASES_BIN, else the newest build*/tests/cases/test_cases.
The loops go through the queries the way a Python caller would go through
a list of its own (for ... in, tuples unpacked), as the C loop goes through
an array. The C loop screens only, and so does the first Python loop (its hits are
copied out only when read, see HitList); the second Python loop also reads
every hit (each becomes a Hit tuple), the full cost when all hits are used.
The batch figures are screen_many over batches of 1,000, first as they come
back (BatchHits: each query's hits are made when read), then with every hit
of every query read. test_cases also prints its own batch figure (the same
batches through nomen_matcher_screen_batch, called from C): the cost of
packing hits as text, apart from Python's. Each figure is the best of three
runs (the machine is shared); overheads are against the C screen loop.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from itertools import cycle, islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import nomen  # noqa: E402


def c_rates(out: str) -> tuple:
    """screens_per_sec and batch_screens_per_sec from test_cases --bench."""
    vals = dict(kv.split("=") for kv in out.split())
    return float(vals["screens_per_sec"]), float(vals["batch_screens_per_sec"])


def c_binary() -> str:
    exe = os.environ.get("NOMEN_TEST_CASES_BIN")
    if exe:
        return exe
    found = sorted(ROOT.glob("build*/tests/cases/test_cases"), key=lambda p: p.stat().st_mtime)
    if not found:
        sys.exit("bench: build the test_cases target first (or set NOMEN_TEST_CASES_BIN)")
    return str(found[-1])


def cases():
    out = []
    for line in (ROOT / "tests/data/screen_cases.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            f = line.split("\t")
            out.append(nomen.Query(f[0], f[1] or None, f[2] or None, f[3] or None))
    return out


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--screens", type=int, default=200000)
    ap.add_argument("--rss-screens", type=int, default=1000000)
    a = ap.parse_args()
    qs = cases()
    with nomen.Builder() as b:
        ix = b.add_path(ROOT / "data/sample-list.csv", format="generic-csv").build()
    m = ix.matcher(threshold=0.5, limit=5)
    exe = c_binary()
    env = dict(os.environ, NOMEN_SOURCE_DIR=str(ROOT))
    best_c = best_cbatch = best_py = best_read = best_batch = best_batch_read = 0.0
    n = a.screens
    for _ in range(3):
        out = subprocess.run([exe, "--bench", str(n)], env=env, check=True, capture_output=True)
        rate, batch_rate = c_rates(out.stdout.decode())
        best_c = max(best_c, rate)
        best_cbatch = max(best_cbatch, batch_rate)
        screen = m.screen
        t = time.perf_counter()
        for name, dob, country, typ in islice(cycle(qs), n):
            screen(name, dob, country, typ)
        best_py = max(best_py, n / (time.perf_counter() - t))
        t = time.perf_counter()
        for name, dob, country, typ in islice(cycle(qs), n):
            for _h in screen(name, dob, country, typ):
                pass
        best_read = max(best_read, n / (time.perf_counter() - t))
        batch = [qs[i % len(qs)] for i in range(1000)]  # batches of 1,000
        t = time.perf_counter()
        for _ in range(n // 1000):
            m.screen_many(batch)
        best_batch = max(best_batch, n / (time.perf_counter() - t))
        t = time.perf_counter()
        for _ in range(n // 1000):
            for hits in m.screen_many(batch):
                for _h in hits:
                    pass
        best_batch_read = max(best_batch_read, n / (time.perf_counter() - t))
    print(f"queries: {len(qs)} shared cases in turn, {n} screens a run, best of 3")
    print(f"C       screens/s {best_c:10.0f}")
    print(f"C       screens/s {best_cbatch:10.0f}   overhead {100 * (best_c / best_cbatch - 1):5.1f}% "
          "(nomen_matcher_screen_batch, batches of 1,000)")
    print(f"Python  screens/s {best_py:10.0f}   overhead {100 * (best_c / best_py - 1):5.1f}% (single screens)")
    print(f"Python  screens/s {best_read:10.0f}   overhead {100 * (best_c / best_read - 1):5.1f}% (single screens, every hit read)")
    print(f"Python  screens/s {best_batch:10.0f}   overhead {100 * (best_c / best_batch - 1):5.1f}% (screen_many, batches of 1,000)")
    print(f"Python  screens/s {best_batch_read:10.0f}   overhead {100 * (best_c / best_batch_read - 1):5.1f}% "
          "(screen_many, every hit read)")
    if a.rss_screens:
        before = rss_kb()
        t = time.perf_counter()
        for i in range(a.rss_screens):
            q = qs[i % len(qs)]
            m.screen(q.name, q.dob, q.country, q.type)
        print(f"{a.rss_screens} screens in {time.perf_counter() - t:.1f} s: "
              f"RSS {before} kB -> {rss_kb()} kB")
    m.close()
    ix.close()


if __name__ == "__main__":
    main()
