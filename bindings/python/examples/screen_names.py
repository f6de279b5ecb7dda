"""Screen names given on the command line against a list file.

    python3 examples/screen_names.py data/sample-list.csv "Ch'en Ch'üan-kuo" "Zhang Quanguo"
"""

import sys

import nomen


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: screen_names.py LIST NAME...", file=sys.stderr)
        return 2
    try:
        with nomen.Builder() as b:
            index = b.add_path(sys.argv[1]).build()
    except nomen.NomenError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    with index, index.matcher(explain=True) as m:
        for name in sys.argv[2:]:
            hits = m.screen(name)
            if not hits:
                print(f"{name}: no hit")
            for h in hits:
                how = h.explanation["matched_name"] if h.explanation else h.matched_name
                print(f"{name}: {h.entity_id} {h.name} ({h.list}, {', '.join(h.programs)}) "
                      f"score {h.score:.3f}, matched {how}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
