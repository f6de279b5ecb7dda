"""Shared fixtures: the source tree, the sample list and its index."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

import nomen

SOURCE = Path(os.environ.get("NOMEN_SOURCE_DIR", Path(__file__).resolve().parents[3]))
SAMPLE = SOURCE / "data" / "sample-list.csv"
CASES = SOURCE / "tests" / "data" / "screen_cases.tsv"


@pytest.fixture(scope="session")
def index() -> Iterator[nomen.Index]:
    with nomen.Builder() as b:
        b.add_path(SAMPLE, format="generic-csv")
        ix = b.build()
    yield ix
    ix.close()


def read_cases():
    """The shared cases: (number, query, dob, country, type, expect, score)."""
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        assert len(f) == 6, line
        out.append((len(out) + 1, f[0], f[1] or None, f[2] or None, f[3] or None, f[4], float(f[5])))
    return out
