#!/usr/bin/env python3
"""Indexing speed by archive format: the same articles as JSON Lines, CSV,
gzipped Gigaword SGML (one file per source and month, as LDC ships it),
Parquet and Windows-1256 JSON Lines, each indexed by `fahras index` with its
defaults, alternated, and the medians printed.

    python3 benches/formats.py ARCHIVE.jsonl WORKDIR --fahras target/release/fahras [--rounds 4]

Writes the converted files into WORKDIR once (Parquet needs pyarrow; it is
left out without it), then runs every format once per round, in turn, so a
busy moment of a shared machine falls on all of them. Standard library only
apart from pyarrow.
"""

import argparse
import csv
import collections
import gzip
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time


def convert(archive, work):
    """The archive in every format; returns {format: [paths]} and the count."""
    os.makedirs(work, exist_ok=True)
    files = {"jsonl": [archive]}
    records = [json.loads(line) for line in open(archive, encoding="utf-8") if line.strip()]
    columns = ["id", "title", "body", "date", "source", "category", "url"]

    path = os.path.join(work, "all.csv")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            for r in records:
                writer.writerow([r.get(c) or "" for c in columns])
    files["csv"] = [path]

    folder = os.path.join(work, "gigaword")
    if not os.path.isdir(folder):
        os.makedirs(folder)
        groups = collections.defaultdict(list)
        for n, r in enumerate(records, 1):
            source = re.sub(r"[^A-Za-z0-9]", "", r.get("source") or "")[:8].upper() or "UNK"
            day = (r.get("date") or "2000-01-01")[:10].replace("-", "")
            doc_id = f"{source}_ARB_{day}.{n:07d}"
            paragraphs = [p.strip() for p in r["body"].split("\n") if p.strip()]
            text = "".join(f"<P>\n{html.escape(p, quote=False)}\n</P>\n" for p in paragraphs)
            groups[(source, day[:6])].append(
                f'<DOC id="{doc_id}" type="story" >\n<HEADLINE>\n'
                f'{html.escape(r["title"], quote=False)}\n</HEADLINE>\n<TEXT>\n{text}</TEXT>\n</DOC>\n'
            )
        for (source, month), docs in groups.items():
            name = os.path.join(folder, f"{source.lower()}_arb_{month}.gz")
            with gzip.open(name, "wt", encoding="utf-8", compresslevel=6) as out:
                out.write("".join(docs))
    files["sgml"] = sorted(os.path.join(folder, f) for f in os.listdir(folder))

    path = os.path.join(work, "all-cp1256.jsonl")
    if not os.path.exists(path):
        text = open(archive, encoding="utf-8").read()
        # Letters Windows-1256 lacks (other scripts, emoji) become `?`.
        with open(path, "wb") as out:
            out.write(text.encode("cp1256", errors="replace"))
    files["cp1256"] = ["--encoding", "windows-1256", path]

    path = os.path.join(work, "all.parquet")
    try:
        import pyarrow.json
        import pyarrow.parquet

        if not os.path.exists(path):
            pyarrow.parquet.write_table(pyarrow.json.read_json(archive), path)
        files["parquet"] = [path]
    except ImportError:
        print("pyarrow not installed: Parquet left out", file=sys.stderr)
    return files, len(records)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive")
    parser.add_argument("work")
    parser.add_argument("--fahras", default="target/release/fahras")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    files, count = convert(args.archive, args.work)
    index = os.path.join(args.work, "formats.idx")
    times = collections.defaultdict(list)
    for round_ in range(args.rounds):
        for name, inputs in files.items():
            shutil.rmtree(index, ignore_errors=True)
            started = time.monotonic()
            run = subprocess.run(
                [args.fahras, "index", "-q", "--index", index, *inputs],
                capture_output=True,
                text=True,
            )
            elapsed = time.monotonic() - started
            if run.returncode not in (0, 1):
                sys.exit(f"{name}: {run.stderr}")
            times[name].append(elapsed)
            print(f"round {round_ + 1} {name:8} {elapsed:6.2f} s", flush=True)
    shutil.rmtree(index, ignore_errors=True)
    base = statistics.median(times["jsonl"])
    print(f"\n{count} articles; median wall time, articles/s, against JSON Lines")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:8} {median:6.2f} s  {count / median:7,.0f}/s  {median / base:5.2f}×")


if __name__ == "__main__":
    main()
