"""A search from Python against the same search in Rust, in one run.

    python benches/python_search.py INDEX QUERIES [--limit N] [--repeat N] [--fahras PATH]

Replays the first N lines of a query log (one query per line) through
`fahras.Index.search` (top 10, every default, as `fahras search`) and
through `fahras bench` (the Rust library's `Engine::search`, in one
process), on the same index, one after the other, each with a warm-up pass
and REPEAT timed passes. Prints the medians and their ratio, and, from the
Python run itself, the wall time of each call against the library's own
time for it (`elapsed_ms`), which isolates what the binding adds.

Needs the package installed (`pip install ./python`) and a release build of
the program (`cargo build --release`). Pin both to one core for steadier
figures: `taskset -c 1 python benches/python_search.py …`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

import fahras


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index")
    parser.add_argument("queries")
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fahras", default=str(Path(__file__).resolve().parents[1] / "target/release/fahras"))
    args = parser.parse_args()

    lines = [l.strip() for l in Path(args.queries).read_text(encoding="utf-8").splitlines()]
    queries = [q for q in lines if q][: args.limit]

    rust = json.loads(
        subprocess.run(
            [args.fahras, "bench", "--index", args.index, "--queries", args.queries,
             "--limit", str(args.limit), "--repeat", str(args.repeat), "--json"],
            check=True, capture_output=True, text=True,
        ).stdout
    )

    ix = fahras.Index(args.index)
    for q in queries:  # warm-up
        ix.search(q)
    wall, inside = [], []
    for _ in range(args.repeat):
        for q in queries:
            started = time.perf_counter()
            results = ix.search(q)
            wall.append((time.perf_counter() - started) * 1e6)
            inside.append(results.elapsed_ms * 1e3)

    py_p50, py_p99 = statistics.median(wall), percentile(wall, 99)
    rs_p50, rs_p99 = rust["search"]["p50_us"], rust["search"]["p99_us"]
    overhead = [w - i for w, i in zip(wall, inside)]
    print(f"{len(queries)} queries × {args.repeat} passes on {args.index} ({rust['articles']} articles)")
    print(f"{'':24}{'p50 µs':>10}{'p99 µs':>10}")
    print(f"{'Rust (fahras bench)':24}{rs_p50:>10.0f}{rs_p99:>10.0f}")
    print(f"{'Python (Index.search)':24}{py_p50:>10.0f}{py_p99:>10.0f}")
    print(f"ratio Python / Rust: p50 {py_p50 / rs_p50:.3f}, p99 {py_p99 / rs_p99:.3f}")
    print(
        f"in the Python run, the binding's share of each call (wall − the library's own "
        f"elapsed_ms): median {statistics.median(overhead):.0f} µs, "
        f"{statistics.median(o / w for o, w in zip(overhead, wall)) * 100:.1f}% of the call"
    )


if __name__ == "__main__":
    main()
