#!/usr/bin/env python3
"""Fahras's ranked search against Lucene 9.5's plain BM25, in one run.

    python3 benches/peer_search.py [--fahras target/release/fahras] \\
        [--work /tmp/fahras-peer] [--limit 2000] [--rounds 2] [--core 1]

Both engines index the same archive (the three shared corpora, 72,067
articles, unless --corpus names JSON Lines files) and replay the same
query-log lines (../shared/eval/querylog-ar, the first --limit), each
pinned to one core (taskset), one after the other, --rounds times: one
warm-up pass and --repeat timed passes each. Fahras runs through `fahras
bench`, which calls `Engine::search` exactly as `fahras search` does, with
`search`'s defaults (and the variants the table names); Lucene through
benches/peer/LuceneSearch.java (ArabicAnalyzer, BM25, title and body in one
field, the top 10 by `IndexSearcher.search(query, 10)`).

Two times per engine and run, in microseconds:
- "search": up to the ranked top 10 and its total; Fahras's every step but
  `hits`, Lucene's parse and search;
- "with the articles": Fahras's whole search (reading the 10 articles and
  building their snippets), Lucene's search and reading the 10 articles'
  stored fields (no snippets).

Lucene comes from the Anserini fat jar inside the pyserini 0.22.1 wheel on
PyPI (Debian has no Lucene 9 package), fetched with `pip download` into the
work folder unless --lucene-jar names it; Java 17 from Debian
(`apt-get install openjdk-17-jdk-headless`). The indexes are built once in
the work folder and reused (delete them to rebuild). Nothing here runs in
`cargo test`; the corpora are never copied into the repository.
"""

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
JAVA = os.path.join(HERE, "peer", "LuceneSearch.java")
PYSERINI = "pyserini==0.22.1"

# (label, `fahras bench` flags)
FAHRAS_ROWS = [
    ("Fahras default (search's defaults)", []),
    ("Fahras default, --exact-total (every match counted)", ["--exact-total"]),
    ("Fahras default, --no-collapse", ["--no-collapse"]),
    (
        "Fahras plain BM25 (no bonus, no collapse)",
        ["--exact-weight", "0", "--proximity-weight", "0", "--phrase-weight", "0", "--no-collapse"],
    ),
]


def say(text):
    print(text, file=sys.stderr, flush=True)


def lucene_jar(work, given):
    if given:
        return given
    found = glob.glob(os.path.join(work, "pyserini", "**", "anserini-*-fatjar.jar"), recursive=True)
    if found:
        return found[0]
    say(f"fetching {PYSERINI} from PyPI for its Lucene jar")
    wheels = os.path.join(work, "wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", PYSERINI, "-d", wheels],
        check=True,
    )
    wheel = glob.glob(os.path.join(wheels, "pyserini-0.22.1-*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.endswith("-fatjar.jar"):
                z.extract(name, os.path.join(work, "pyserini"))
                return os.path.join(work, "pyserini", name)
    sys.exit(f"{wheel}: no Anserini fat jar inside")


def corpus(work, given):
    if given:
        return given
    out = os.path.join(work, "corpus.jsonl")
    if not os.path.exists(out):
        parts = sorted(glob.glob(os.path.join(SHARED, "corpora", "*", "*.jsonl.zst")))
        parts = [p for p in parts if "/seed/" not in p]
        if not parts:
            sys.exit("no corpus: ../shared/corpora is absent; give --corpus FILE.jsonl")
        say(f"decompressing {len(parts)} corpora into {out}")
        with open(out + ".part", "wb") as f:
            for part in parts:
                subprocess.run(["zstd", "-dc", part], stdout=f, check=True)
        os.replace(out + ".part", out)
    return [out]


def pinned(core, argv):
    return ["taskset", "-c", str(core)] + argv


def build_indexes(args, files, jar):
    fahras_idx = os.path.join(args.work, "fahras.idx")
    lucene_idx = os.path.join(args.work, "lucene.idx")
    if not os.path.exists(os.path.join(fahras_idx, "meta.json")):
        say(f"fahras index {fahras_idx}")
        shutil.rmtree(fahras_idx, ignore_errors=True)
        subprocess.run([args.fahras, "index", "-q", "--index", fahras_idx] + files, check=True)
    if not os.path.exists(lucene_idx):
        say(f"Lucene index {lucene_idx}")
        out = subprocess.run(
            ["java", "-cp", jar, JAVA, "index", lucene_idx] + files,
            check=True, capture_output=True, text=True,
        ).stdout
        say(out.strip())
    return fahras_idx, lucene_idx


def run_lucene(args, jar, index, queries):
    out = subprocess.run(
        pinned(args.core, ["java", "-cp", jar, JAVA, "search", index, queries,
                           str(args.limit), str(args.warmup), str(args.repeat)]),
        check=True, capture_output=True, text=True,
    ).stdout
    report = json.loads(out.strip().splitlines()[-1])
    return report["search"], report["search_and_fetch"], report


def run_fahras(args, index, queries, flags):
    out = subprocess.run(
        pinned(args.core, [args.fahras, "bench", "--index", index, "--queries", queries,
                           "--mode", "top10", "--limit", str(args.limit),
                           "--warmup", str(args.warmup), "--repeat", str(args.repeat),
                           "--json"] + flags),
        check=True, capture_output=True, text=True,
    ).stdout
    report = json.loads(out)
    return report["search_without_hits"], report["search"], report


def one_process(args, index, queries, n):
    """Wall time of `fahras search` as a new process, over n lines."""
    lines = [l.strip() for l in open(queries, encoding="utf-8") if l.strip()][:n]
    times = []
    for line in lines:
        t = time.perf_counter()
        subprocess.run(pinned(args.core, [args.fahras, "search", "--index", index, "--json", line]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fahras", default=os.path.join(ROOT, "target", "release", "fahras"))
    parser.add_argument("--work", default="/tmp/fahras-peer")
    parser.add_argument("--corpus", nargs="*", help="JSON Lines files (default: the shared corpora)")
    parser.add_argument("--queries", default=os.path.join(SHARED, "eval", "querylog-ar", "queries.txt"))
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=5,
                        help="untimed passes first (Lucene needs about five to reach its steady p99)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--core", type=int, default=1)
    parser.add_argument("--lucene-jar")
    parser.add_argument("--processes", type=int, default=50,
                        help="lines timed as one `fahras search` process each (0: none)")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    jar = lucene_jar(args.work, args.lucene_jar)
    files = corpus(args.work, args.corpus)
    fahras_idx, lucene_idx = build_indexes(args, files, jar)
    queries = args.queries

    rounds = []
    for r in range(args.rounds):
        say(f"round {r + 1} of {args.rounds}")
        rows = [("Lucene 9.5 plain BM25 (ArabicAnalyzer)",) + run_lucene(args, jar, lucene_idx, queries)]
        for label, flags in FAHRAS_ROWS:
            rows.append((label,) + run_fahras(args, fahras_idx, queries, flags))
        rounds.append(rows)
    process_ms = one_process(args, fahras_idx, queries, args.processes) if args.processes else None

    articles = rounds[0][1][3]["articles"]
    print(f"{articles:,} articles; the first {args.limit:,} lines of {os.path.relpath(queries)}; "
          f"{args.warmup} warm-up and {args.repeat} timed passes; core {args.core}; "
          f"{time.strftime('%Y-%m-%d')}; {args.rounds} round(s), each a column pair below")
    print()
    head = "| | " + " | ".join(f"search p50 / p99, round {r + 1}" for r in range(args.rounds))
    head += " | " + " | ".join(f"with the articles p50 / p99, round {r + 1}" for r in range(args.rounds)) + " |"
    print(head)
    print("|---" * (1 + 2 * args.rounds) + "|")
    for i, row in enumerate(rounds[0]):
        cells = []
        for which in (1, 2):
            for rows in rounds:
                lat = rows[i][which]
                lucene = rows[0][which]
                ratio = "" if i == 0 else f" ({lat['p50_us'] / lucene['p50_us']:.2f}× / {lat['p99_us'] / lucene['p99_us']:.2f}×)"
                cells.append(f"{lat['p50_us']:,.0f} / {lat['p99_us']:,.0f} µs{ratio}")
        print(f"| {row[0]} | " + " | ".join(cells) + " |")
    print()
    print("(×: against Lucene in the same round, p50 / p99. \"search\": to the ranked top 10 and its "
          "total; \"with the articles\": Fahras reads the 10 articles and builds snippets, Lucene "
          "reads their stored fields.)")
    if process_ms is not None:
        print(f"\nOne `fahras search --json` process, median over {args.processes} lines: {process_ms:.1f} ms")
    steps = rounds[-1][1][3].get("steps") or {}
    if steps:
        print("\nFahras default, last round, per step p50 / p99 (µs): " + ", ".join(
            f"{name} {s['p50_us']:,.0f} / {s['p99_us']:,.0f}" for name, s in steps.items()))


if __name__ == "__main__":
    main()
