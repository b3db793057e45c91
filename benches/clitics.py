#!/usr/bin/env python3
"""How often each analyzer's proclitic decisions agree with a reference
segmenter's, on the words of real articles (issue 30's measurement).

    python3 benches/clitics.py CORPUS.jsonl[.zst] [more…] \
        --fahras target/release/fahras [--fahras-before OLD_BINARY] \
        [--lucene-jar anserini-0.22.1-fatjar.jar] [--snowball] \
        [--farasa-cache /tmp/farasa-cache.json]

Set up once (outside the repository):

    python3 -m venv /tmp/farasa/venv
    pip download --no-deps farasa==0.0.1 -d /tmp/farasa
    /tmp/farasa/venv/bin/pip install /tmp/farasa/Farasa-0.0.1-py2.py3-none-any.whl snowballstemmer
    # then run this script with /tmp/farasa/venv/bin/python

On SaudiNewsNet (8.6M words) it takes about 2 minutes with a filled cache
and much longer the first time (Farasa segments every word type).

For every word type of the articles' bodies (diacritics and tatweel
removed), each analyzer's stem is found inside the word; the letters before
it are what the analyzer removed at the front. The reference is Farasa
(Abdelali et al., NAACL 2016), a context-free segmenter, through its
pure-Python port on PyPI (`pip download --no-deps farasa==0.0.1`): the
leading segments that are proclitics (و ف ب ل ك س ال, with ل+ال written لل)
are what it removes. Farasa is a yardstick only: nothing of its data or
output goes into the project.

Printed:
- agreement, removed too much, removed too little, token- and
  type-weighted, on words starting with و ف ب ل ك (stop words excluded),
  and agreement on all words;
- the 40 most frequent disagreements each way for the first analyzer,
  with Farasa's segmentation beside them;
- the count impact for a word list: articles matched by the analyzer's
  stem of the word; by the stem with Farasa's proclitic decision and the
  analyzer's own suffix decision (so a suffix design choice is not
  counted against it); by Farasa's own stem.

Farasa needs its PyPI port installed as above; Lucene needs Java 17
and the Anserini fat jar from the pyserini==0.22.1 wheel
(pyserini/resources/jars/); Snowball needs `pip install snowballstemmer`.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MARKS = re.compile("[\u064b-\u0652\u0670\u0640\u06d6-\u06ed]")
WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
CLITIC_START = set("وفبلك")
PROCLITICS = {"و", "ف", "ب", "ل", "ك", "س", "ال", "لل"}
COUNT_WORDS = "زار وادي ولاية وكالة وصول مجلس بنك لقاء وزير وقت وفاة وضع وجود".split()


def read_bodies(paths):
    for path in paths:
        if path.endswith(".zst"):
            stream = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
            lines = stream.stdout
        else:
            lines = open(path, "rb")
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            body = record.get("body") or record.get("text") or ""
            if isinstance(body, str):
                yield body


def words_of(text):
    return WORD.findall(MARKS.sub("", text))


def fold(word):
    """The letter-for-letter folding every analyzer here applies: one
    letter stays one letter, so lengths in the word line up."""
    table = str.maketrans("أإآٱىةؤئ", "اااايهءء")
    return word.translate(table)


def run_fahras(binary, types):
    """(exact form, stem or None for a stop word) of each type."""
    text = "\n".join(types)

    def analyze(chain):
        out = subprocess.run(
            [binary, "analyze", "-a", chain, "--json"],
            input=text.encode(),
            capture_output=True,
            check=True,
        ).stdout
        by_start = {}
        for token in json.loads(out):
            by_start.setdefault(token["from"], token["term"])
        return by_start

    exact, stemmed = analyze("exact"), analyze("stemmed")
    results, at = [], 0
    for word in types:
        results.append((exact.get(at, word), stemmed.get(at)))
        at += len(word.encode()) + 1
    return results


def run_lucene(jar, types):
    java = os.path.join(HERE, "clitics", "LuceneArabic.java")
    out = subprocess.run(
        ["java", "-cp", jar, java],
        input="\n".join(types).encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [tuple(line.split("\t")) for line in out.split("\n")[: len(types)]]


def run_snowball(types):
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("arabic")
    return [(w, stemmer.stemWord(w)) for w in types]


def removed_front(word, stem):
    """Letters removed before `stem` in `word` (both folded), or None when
    the stem is not a piece of the word."""
    if stem is None:
        return None
    word, stem = fold(word), fold(stem)
    at = word.find(stem)
    if at < 0 and stem.endswith("ه"):
        at = word.find(stem[:-1])
    return at if at >= 0 else None


def farasa_front(segmented):
    """Letters of the word Farasa's proclitics take, and its stem."""
    parts = segmented.split("+")
    letters, previous = 0, None
    taken = 0
    for part in parts[:-1]:
        if part not in PROCLITICS:
            break
        letters += len(part)
        if previous == "ل" and part == "ال":
            letters -= 1
        previous = part
        taken += 1
    rest = parts[taken:]
    stem = max(rest, key=len) if rest else ""
    return letters, stem


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--fahras", required=True)
    parser.add_argument("--fahras-before")
    parser.add_argument("--lucene-jar")
    parser.add_argument("--snowball", action="store_true")
    parser.add_argument("--min-freq", type=int, default=1)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument(
        "--farasa-cache", help="keep Farasa's segmentations in this JSON file (a yardstick's output: never commit it)"
    )
    args = parser.parse_args()

    try:
        from farasa.segmentation import segmentLine
    except ImportError:
        sys.exit(
            "clitics.py: Farasa's Python port is not installed: "
            "pip download --no-deps farasa==0.0.1, then pip install the wheel "
            "(see this script's docstring)"
        )

    tokens = collections.Counter()
    articles = []
    for body in read_bodies(args.corpora):
        words = words_of(body)
        tokens.update(words)
        articles.append(set(words))
    types = sorted(t for t, n in tokens.items() if n >= args.min_freq)
    print(f"{len(articles)} articles, {sum(tokens.values())} tokens, {len(types)} types", file=sys.stderr)

    segmented = {}
    if args.farasa_cache and os.path.exists(args.farasa_cache):
        with open(args.farasa_cache) as cache:
            segmented = json.load(cache)
    for word in types:
        if word not in segmented:
            segmented[word] = segmentLine(word)[0]
    if args.farasa_cache:
        with open(args.farasa_cache, "w") as cache:
            json.dump(segmented, cache, ensure_ascii=False)
    farasa = {word: farasa_front(segmented[word]) for word in types}

    analyzers = [("Fahras", run_fahras(args.fahras, types))]
    if args.fahras_before:
        analyzers.append(("Fahras before", run_fahras(args.fahras_before, types)))
    if args.lucene_jar:
        analyzers.append(("Lucene 9.5 Arabic", run_lucene(args.lucene_jar, types)))
    if args.snowball:
        analyzers.append(("Snowball Arabic", run_snowball(types)))
    stop = {w for w, (_, stem) in zip(types, analyzers[0][1]) if stem is None}

    figures = {}
    print("| analyzer | scope | agree (tokens) | too much | too little | agree (types) | not aligned |")
    print("|---|---|---|---|---|---|---|")
    for name, results in analyzers:
        for scope in ("و ف ب ل ك", "all"):
            tally = collections.Counter()
            for word, (form, stem) in zip(types, results):
                if word in stop:
                    continue
                if scope != "all" and word[0] not in CLITIC_START:
                    continue
                n = tokens[word]
                front = removed_front(form, stem)
                if front is None:
                    tally["unaligned"] += n
                    continue
                want = farasa[word][0]
                kind = "agree" if front == want else ("much" if front > want else "little")
                tally[kind] += n
                tally["t_" + kind] += 1
            total = tally["agree"] + tally["much"] + tally["little"]
            types_total = tally["t_agree"] + tally["t_much"] + tally["t_little"]
            share = lambda k: 100.0 * tally[k] / max(total, 1)
            row = {
                "agree": share("agree"),
                "much": share("much"),
                "little": share("little"),
                "agree_types": 100.0 * tally["t_agree"] / max(types_total, 1),
                "unaligned_tokens": tally["unaligned"],
            }
            figures[f"{name} / {scope}"] = row
            print(
                f"| {name} | {scope} | {row['agree']:.1f}% | {row['much']:.1f}% | "
                f"{row['little']:.1f}% | {row['agree_types']:.1f}% | {tally['unaligned']} |"
            )

    name, results = analyzers[0]
    for kind, title in (("much", "removed too much"), ("little", "removed too little")):
        rows = []
        for word, (form, stem) in zip(types, results):
            if word in stop or word[0] not in CLITIC_START:
                continue
            front = removed_front(form, stem)
            if front is None:
                continue
            want = farasa[word][0]
            if (kind == "much" and front > want) or (kind == "little" and front < want):
                rows.append((tokens[word], word, stem, segmented[word]))
        rows.sort(reverse=True)
        print(f"\n{name}: {title} ({len(rows)} types), the {args.top} most frequent")
        print("| tokens | word | stem | Farasa |")
        print("|---|---|---|---|")
        for n, word, stem, seg in rows[: args.top]:
            print(f"| {n} | {word} | {stem} | {seg} |")

    # Count impact: articles holding a word with the query word's stem.
    print(f"\nArticles matched ({name}'s stem; Farasa's prefix with {name}'s suffix; Farasa's stem)")
    print("| word | stem | articles | hybrid | articles | Farasa stem | articles |")
    print("|---|---|---|---|---|---|---|")
    index = dict(zip(types, results))
    query = dict(zip(COUNT_WORDS, run_fahras(args.fahras, COUNT_WORDS)))

    def hybrid(word, form, stem):
        front = removed_front(form, stem)
        if front is None or stem is None:
            return None
        end = front + len(stem)
        return fold(word)[farasa[word][0] if word in farasa else 0 : end]

    keys = {}
    for word in types:
        form, stem = index[word]
        keys[word] = (stem, hybrid(word, form, stem), fold(farasa[word][1]))
    for word in COUNT_WORDS:
        form, stem = query[word]
        if word not in farasa:
            segmented[word] = segmentLine(word)[0]
            farasa[word] = farasa_front(segmented[word])
        wanted = (stem, hybrid(word, form, stem), fold(farasa[word][1]))
        counts = []
        for k in range(3):
            matching = {w for w, key in keys.items() if key[k] == wanted[k] and key[k]}
            counts.append(sum(1 for a in articles if not a.isdisjoint(matching)))
        figures[f"count {word}"] = counts
        print(f"| {word} | {wanted[0]} | {counts[0]} | {wanted[1]} | {counts[1]} | {wanted[2]} | {counts[2]} |")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
