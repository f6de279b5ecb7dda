#!/usr/bin/env python3
"""False hits on random innocent East Asian names, screened against a list.

The labelled negatives in tests/quality/ are a few hundred hand-picked names;
this draws thousands at random, deterministically, from the Faker name
tables in ../shared/data/names/faker (zh_CN, zh_TW, ko written in their own
scripts; vi in Vietnamese), and writes the zh_CN and zh_TW ones again in
pinyin (from Unihan's kMandarin, first reading; surname first, given name
first, or "SURNAME, Given" in turn). Each set is screened with the nomen
command at the default threshold, and the share of names with a hit is
printed with a sample of them. A random name can be a designated person's
name (a Chinese list holds WANG Wei), so the figure is an upper bound on
false hits: read the sample.

    python3 bench/screen/innocent_names.py [--nomen build/tools/nomen/nomen]
        [--list ../shared/data/lists/ofac/sdn_2021-07] [--shared ../shared] [--show 15]
"""

from __future__ import annotations

import argparse
import bz2
import csv
import io
import json
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def names(shared: Path, loc: str) -> tuple[list[str], list[str]]:
    d = json.loads((shared / f"data/names/faker/{loc}.person.json").read_text(encoding="utf-8"))

    def flat(v):
        if isinstance(v, dict):
            return [x for vals in v.values() for x in (vals if isinstance(vals, list) else [vals])]
        return list(v)

    return flat(d["first_name"]), flat(d["last_name"])


def mandarin(shared: Path) -> dict[str, str]:
    out = {}
    with bz2.open(shared / "data/romanization/unihan/Unihan_Readings.txt.bz2", "rt", encoding="utf-8") as f:
        for line in f:
            if "\tkMandarin\t" not in line:
                continue
            cp, _, r = line.rstrip("\n").split("\t")
            r = unicodedata.normalize("NFD", r.split()[0])
            out[chr(int(cp[2:], 16))] = "".join(c for c in r if unicodedata.category(c) != "Mn")
    return out


def screen(nomen: str, lst: str, queries: list[str]) -> list[list[str]]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "name"])
    for i, q in enumerate(queries):
        w.writerow([i, q])
    r = subprocess.run([nomen, "screen", "--list", lst, "--limit", "1", "--format", "csv", "-i", "-"],
                       input=buf.getvalue().encode("utf-8"), capture_output=True)
    if r.returncode not in (0, 1):
        sys.exit(f"nomen screen failed: {r.stderr.decode()}")
    rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"))))[1:]
    return [row for row in rows if row[2]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nomen", default=str(ROOT / "build/tools/nomen/nomen"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--list", default=None)
    ap.add_argument("--show", type=int, default=15)
    a = ap.parse_args()
    shared = Path(a.shared)
    lst = a.list or str(shared / "data/lists/ofac/sdn_2021-07")
    rng = random.Random(7)
    sets: dict[str, list[str]] = {}
    han: list[str] = []
    for loc, n in (("zh_CN", 6000), ("zh_TW", 4000), ("vi", 4000), ("ko", 2000)):
        first, last = names(shared, loc)
        got = []
        for _ in range(n):
            f, s = rng.choice(first), rng.choice(last)
            got.append(f"{s} {f}" if loc == "vi" else s + f)
        sets[f"{loc} (native script)"] = got
        if loc.startswith("zh"):
            han += got
    py = mandarin(shared)
    latin = []
    for i, name in enumerate(han):
        if not all(c in py for c in name):
            continue
        s, g = py[name[0]], "".join(py[c] for c in name[1:])
        latin.append([f"{s.capitalize()} {g.capitalize()}", f"{s.upper()}, {g.capitalize()}",
                      f"{g.capitalize()} {s.upper()}"][i % 3])
    sets["zh_CN + zh_TW in pinyin"] = latin
    print(f"list: {lst}; default threshold; {sum(len(v) for v in sets.values())} names")
    for label, qs in sets.items():
        hits = screen(a.nomen, lst, qs)
        print(f"{label:26s} {len(qs):6d} names, {len(hits):5d} with a hit ({100 * len(hits) / len(qs):.2f}%)")
        for row in rng.sample(hits, min(a.show, len(hits))):
            print(f"    {row[1]}  ->  {row[4]} ({row[6]})")


if __name__ == "__main__":
    main()
