#!/usr/bin/env python3
"""Writes the seed corpus of the distance fuzz targets (corpus/): inputs in
the layout of fuzz_distance_common.h chosen to reach the block boundaries
(63/64/65 and 127/128/129 code points), every kind, every alphabet, cutoff
255 (none) and tight cutoffs. Deterministic; rerun after changing it."""
import os, random

random.seed(3)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
os.makedirs(out, exist_ok=True)
cases = []
for alen, blen in [(0, 0), (0, 5), (5, 0), (1, 1), (3, 4), (8, 8), (20, 17), (63, 64),
                   (64, 64), (64, 65), (65, 63), (70, 10), (10, 70), (127, 129),
                   (128, 128), (130, 200), (2, 250)]:
    for mode in range(3):
        for kind in range(4):
            opt = random.randrange(256)
            cut = random.choice([255, 0, 1, 3, 100, 200])
            body = bytes(random.randrange(256) for _ in range(alen + blen))
            # the split byte is taken modulo the body length + 1
            split = alen % (alen + blen + 1) if alen + blen else 0
            cases.append(bytes([opt, kind, cut, mode, split if split < 200 else 0]) + body)
# near-equal strings: a copy with a few edits and a transposition
for n in (10, 30, 64, 66, 140):
    for mode in range(3):
        a = [random.randrange(256) for _ in range(n)]
        b = list(a)
        for _ in range(3):
            i = random.randrange(len(b) - 1)
            b[i], b[i + 1] = b[i + 1], b[i]
        b[random.randrange(len(b))] = random.randrange(256)
        split = 200  # >= 200 means "split in the middle"
        for kind in range(4):
            cases.append(bytes([random.randrange(256), kind, random.choice([255, 2, 120]), mode,
                                split]) + bytes(a + b))
for i, c in enumerate(cases):
    with open(os.path.join(out, "seed-%03d" % i), "wb") as f:
        f.write(c)
print(len(cases), "files")
