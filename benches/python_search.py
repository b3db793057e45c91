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

    ix = fahras.Index(args.index)

    def rust_round():
        report = json.loads(
            subprocess.run(
                [args.fahras, "bench", "--index", args.index, "--queries", args.queries,
                 "--limit", str(args.limit), "--repeat", str(args.repeat), "--json"],
                check=True, capture_output=True, text=True,
            ).stdout
        )
        return report["search"]["p50_us"], report["search"]["p99_us"], report["articles"]

    def python_round():
        for q in queries:  # warm-up
            ix.search(q)
        wall, inside = [], []
        for _ in range(args.repeat):
            for q in queries:
                started = time.perf_counter()
                results = ix.search(q)
                wall.append((time.perf_counter() - started) * 1e6)
                inside.append(results.elapsed_ms * 1e3)
        return wall, inside

    # Two rounds, the order swapped in the second, so neither side always
    # runs on a cooler or a warmer machine.
    rows = []
    for order in ("rust first", "python first"):
        if order == "rust first":
            rs_p50, rs_p99, articles = rust_round()
            wall, inside = python_round()
        else:
            wall, inside = python_round()
            rs_p50, rs_p99, articles = rust_round()
        rows.append((order, rs_p50, rs_p99, wall, inside))

    print(f"{len(queries)} queries × {args.repeat} passes on {args.index} ({articles} articles)")
    print(f"{'round':14}{'Rust p50':>10}{'Py p50':>10}{'ratio':>8}{'Rust p99':>10}{'Py p99':>10}{'ratio':>8}"
          f"{'binding µs':>12}{'binding %':>11}")
    for order, rs_p50, rs_p99, wall, inside in rows:
        py_p50, py_p99 = statistics.median(wall), percentile(wall, 99)
        overhead = [w - i for w, i in zip(wall, inside)]
        share = statistics.median(o / w for o, w in zip(overhead, wall)) * 100
        print(
            f"{order:14}{rs_p50:>10.0f}{py_p50:>10.0f}{py_p50 / rs_p50:>8.3f}"
            f"{rs_p99:>10.0f}{py_p99:>10.0f}{py_p99 / rs_p99:>8.3f}"
            f"{statistics.median(overhead):>12.0f}{share:>10.1f}%"
        )
    print("binding: wall time of Index.search less the library's own elapsed_ms for the same call")


if __name__ == "__main__":
    main()
