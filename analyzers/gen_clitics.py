#!/usr/bin/env python3
"""Writes src/stem/clitics.txt: the frequent words whose proclitics the
stemmer's rules decide wrongly, each with the number of letters before its
stem, decided from how the words are used in news text.

    python3 gen_clitics.py CORPUS.jsonl[.zst] [more…]   # writes src/stem/clitics.txt

(run from the crate's folder; it builds and runs `examples/stems.rs` for the
normalized forms and the rules' stems). The project's development corpora
are the three under ../shared/corpora (ANT multi-source, ANT JawharaFM,
SaudiNewsNet); the table lists single words and a digit, no text.

How a word w (normalized, seen at least --min-freq times) is decided, as the
number of proclitic letters before its stem:
- a word that itself takes the article (ال, وال, بال, لل … + w seen at least
  --article-share of w's own count: الوزارة, الوادي) has none;
- a few words begin with an ال that is not the article (التي, الذي, الله …);
- otherwise the shortest proclitic p (و ف, then ب ك ل and their combinations
  with و ف, then the article forms ال وال بال لل …, and س before a verb)
  whose remainder r is a word of its own often enough is removed: r's count
  with or without the article must reach a share of w's count (--conj-share
  for و, --prep-share for the others; an article form needs only two letters
  left), and r is then decided in turn (وبالتالي → و + بالتالي → ب + التالي).
The decision is compared with the rules' (examples/stems.rs), and only the
words where they differ are written.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys

MARKS = re.compile("[\u064b-\u0652\u0670\u0640\u06d6-\u06ed]")
WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
CONJ = ["", "و", "ف"]
PREP = ["", "ب", "ك", "ل"]
ARTICLE = sorted({c + ("لل" if p == "ل" else p + "ال") for c in CONJ for p in PREP}, key=len)
BARE = sorted({c + p for c in CONJ for p in PREP} - {""}, key=len)
FUTURE = [c + "س" for c in CONJ]
# Shortest first: the next letters are decided as a word of their own.
PROCLITICS = sorted(set(BARE) | set(ARTICLE) | set(FUTURE), key=len)
# Words (normalized) whose ال is not the article.
NOT_ARTICLE = {
    "التي", "الذي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللاتي",
    "اللواتي", "اللاءي", "الله", "اللهم",
}
IMPERFECT = "يتنا"
CLITIC_START = ("و", "ف", "ب", "ك", "ل", "س", "ال")


def read_words(paths):
    for path in paths:
        if path.endswith(".zst"):
            lines = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE).stdout
        else:
            lines = open(path, "rb")
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            body = record.get("body")
            if isinstance(body, str):
                yield from WORD.findall(MARKS.sub("", body))


def stems(words, table=False):
    """(normalized, stem) of each word, from examples/stems.rs: by the rules
    alone, or with the table as it is written now (`table`)."""
    subprocess.run(
        ["cargo", "build", "-q", "--release", "--example", "stems"], check=True
    )
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join("..", "target"))
    out = subprocess.run(
        [os.path.join(target, "release", "examples", "stems")],
        input="\n".join(words).encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    rows = [line.split("\t") for line in out.split("\n")[: len(words)]]
    return [(row[1], row[3] if table else row[2]) for row in rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--out", default="src/stem/clitics.txt")
    parser.add_argument("--min-freq", type=int, default=3)
    parser.add_argument("--article-share", type=float, default=0.1)
    parser.add_argument("--conj-share", type=float, default=0.25)
    parser.add_argument("--hamza-share", type=float, default=0.5)
    parser.add_argument("--noun-share", type=float, default=0.05, help="how often a noun takes the article at least")
    parser.add_argument("--short-share", type=float, default=1.0, help="the share a remainder of two letters needs")
    parser.add_argument("--explain", nargs="*", default=[], help="print how these words are decided")
    parser.add_argument("--prep-share", type=float, default=0.15)
    args = parser.parse_args()

    tokens = collections.Counter(read_words(args.corpora))
    types = sorted(tokens)
    normalized = {}
    freq = collections.Counter()
    rules = {}
    # How often the letter after a one-letter proclitic is a hamza on alef
    # (وأضاف, بإلغاء): a word starts there, whatever normalization makes of
    # it (واضاف, بالغاء).
    hamza = collections.Counter()
    hamza_start = collections.Counter()
    for word, (norm, stem) in zip(types, stems(types)):
        if not norm:
            continue
        normalized[word] = norm
        freq[norm] += tokens[word]
        if len(word) > 2 and word[1] in "أإآ":
            hamza[norm] += tokens[word]
        if word[0] in "أإآ":
            # إلغاء, ألعاب: folded to الغاء, العاب, but no article.
            hamza_start[norm] += tokens[word]
        at = norm.find(stem) if stem else -1
        rules[norm] = at

    def article(w):
        return sum(freq[q + w] for q in ARTICLE)

    decided = {}

    def first(w):
        fw = freq[w]
        if w in NOT_ARTICLE or article(w) >= args.article_share * fw:
            return 0
        for p in PROCLITICS:
            if not w.startswith(p):
                continue
            r = w[len(p):]
            if len(r) < 2 or (p in FUTURE and r[0] not in IMPERFECT):
                continue
            if freq[r] + freq["ال" + r] == 0:
                # Never seen alone or with the bare article: its other
                # forms are likely other words folded alike (واليتها is
                # و + آليتها, not evidence for بيتها = ب + يتها).
                continue
            # r seen alone or with the article, not counting w's own forms
            # (وكاليفورنيا is و + w, not وكال + r).
            support = freq[r] + sum(freq[q + r] for q in ARTICLE if not q.endswith(p))
            if p == "ال":
                # The article, unless the word takes it itself (tested
                # above) or is written with a hamza on its alef.
                if hamza_start[w] >= args.hamza_share * fw:
                    continue
                return len(p)
            if p in ARTICLE:
                share = 0.0
            elif len(p) == 1 and hamza[w] >= args.hamza_share * fw:
                return len(p)
            else:
                share = args.conj_share if p in ("و", "ف") else args.prep_share
            if p[-1] in "بك" and len(r) > 2 and r[0] in IMPERFECT and article(r) < args.noun_share * freq[r]:
                # ب and ك take nouns, not verbs: a remainder that starts as
                # an imperfect verb must take the article (بيوم), else it
                # is no remainder (بيتهم is not ب + يتهم, accuses).
                continue
            if len(r) == 2 and p != "ال":
                # Two letters are a word by chance too often (كنت, وجد).
                share = max(share, args.short_share)
            if support >= max(share * fw, 2):
                return len(p)
        return 0

    def total(w):
        if w not in decided:
            d = first(w)
            decided[w] = d + (total(w[d:]) if d else 0)
        return decided[w]

    for word in args.explain:
        w = normalized.get(word, word)
        print(f"{word} ({w}): seen {freq[w]}, with the article {article(w)}, hamza after a clitic {hamza[w]}", file=sys.stderr)
        for p in PROCLITICS:
            if w.startswith(p):
                r = w[len(p):]
                forms = {q + r: freq[q + r] for q in ARTICLE if freq[q + r]}
                print(f"  {p} + {r}: alone {freq[r]}, with the article {forms}", file=sys.stderr)
        print(f"  decided: {total(w)} letters; the rules: {rules.get(w)}", file=sys.stderr)
    listed = []
    for w in sorted(freq):
        if freq[w] < args.min_freq or not w.startswith(CLITIC_START):
            continue
        letters = total(w)
        if letters != rules.get(w):
            listed.append((w, letters))

    names = " ".join(os.path.basename(p) for p in args.corpora)
    header = [
        "# Proclitic letters of the words whose rules' decision differs, decided from",
        f"# the bodies of {names}",
        f"# ({sum(tokens.values())} words) by gen_clitics.py (min-freq {args.min_freq}, article share",
        f"# {args.article_share}, و/ف share {args.conj_share}, other share {args.prep_share},",
        f"# hamza share {args.hamza_share}); then the stems of listed words that the",
        "# rules would cut again, with 0, so that stemming a stem changes nothing.",
        "# Corpora: ANT (Chouigui, Ben Khiroun & Elayeb, AICCSA 2017 and AJSE 46(8)",
        "# 2021); SaudiNewsNet (Alhagri 2015). Single words only; written by the project.",
    ]

    def write(entries):
        with open(args.out, "w") as out:
            out.write("\n".join(header) + "\n")
            for w, letters in sorted(entries.items()):
                out.write(f"{letters} {w}\n")

    # A listed word's stem may be cut again by the rules when it is stemmed
    # itself (وزارة → وزار, and the rules cut وزار to زار): such stems are
    # listed with 0, until stemming every listed word's stem is stable.
    entries = dict(listed)
    for round in range(6):
        write(entries)
        words = sorted(entries)
        firsts = [stemmed for _, stemmed in stems(words, table=True)]
        seconds = [stemmed for _, stemmed in stems(firsts, table=True)]
        unstable = {f for f, s in zip(firsts, seconds) if f and s != f and f not in entries}
        print(f"round {round}: {len(entries)} listed, {len(unstable)} stems not stable", file=sys.stderr)
        if not unstable:
            break
        entries.update((f, 0) for f in unstable)
    print(f"{len(entries)} words listed of {len(freq)} types", file=sys.stderr)


if __name__ == "__main__":
    main()
