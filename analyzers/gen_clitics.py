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
# Letters an imperfect verb starts with: after س (the future; سأ…, the
# first person, is rare in news and ساهم, ساعد, سان are words), and the
# ي that tells a verb from a noun after ب or ك (ت and ن start many nouns:
# بتونس, بتحقيق, بنحو).
FUTURE_VERB = "يتن"
VERB_AFTER_PREPOSITION = "ي"
# Words of two letters that follow a preposition (بكل, لمن, بلا, بحق).
TWO_LETTER_NOUNS = {"كل", "لا", "من", "ما", "حق", "حي", "حل", "حد", "غض"}
# Attached pronouns, normalized, longest first.
# (Not ي: the first person is rare in news, and ي ends nisba adjectives
# and names: وولي is و + ولي, not وول, Wall, + ي.)
PRONOUNS = ["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك"]
# The stemmer's suffixes (src/stem/affixes.rs).
SUFFIXES = ["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "تان", "تين", "ات", "ون", "ين", "ان", "يه", "ه", "ي", "ا"]
CLITIC_START = ("و", "ف", "ب", "ك", "ل", "س", "ال")


def read_stop_words():
    """The stop words of src/stopwords.rs (normalized there)."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "src", "stopwords.rs")) as f:
        text = f.read()
    block = text[text.index("const STOP_WORDS"):]
    block = block[: block.index("];")]
    return set(re.findall(r'"([^"]+)"', block))


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
    parser.add_argument("--short-share", type=float, default=2.0, help="the share a remainder of two letters needs")
    parser.add_argument("--explain", nargs="*", default=[], help="print how these words are decided")
    parser.add_argument("--own-letter-freq", type=int, default=20, help="how often a word no remainder explains is seen before its first letter is its own")
    parser.add_argument("--verb-share", type=float, default=0.1, help="و/ف share for a word never seen with the article")
    parser.add_argument("--takes-share", type=float, default=0.02, help="how often a word behind a proclitic of the kind shows its first letter is its own")
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
    teh_marbuta = collections.Counter()
    article_hamza = collections.Counter()
    for word, (norm, stem) in zip(types, stems(types)):
        if not norm:
            continue
        normalized[word] = norm
        freq[norm] += tokens[word]
        if len(word) > 2 and word[1] in "أإآ":
            hamza[norm] += tokens[word]
        if word.endswith("ة"):
            # A final ه of the normalized word that was a teh marbuta is no
            # pronoun (كلمة is not كلم + ه).
            teh_marbuta[norm] += tokens[word]
        for q in ARTICLE:
            if len(word) > len(q) and word.startswith(q) and word[len(q)] in "أإآ":
                article_hamza[(norm, len(q))] += tokens[word]
        if word[0] in "أإآ":
            # إلغاء, ألعاب: folded to الغاء, العاب, but no article.
            hamza_start[norm] += tokens[word]
        at = norm.find(stem) if stem else -1
        rules[norm] = at

    def article(w):
        return sum(freq[q + w] for q in ARTICLE)

    decided = {}

    def base_of(w):
        """The word w is with an attached pronoun removed (ولايتها →
        ولايه), if that word is seen at least half as often as w."""
        for suffix in PRONOUNS:
            if not w.endswith(suffix) or len(w) - len(suffix) < 3:
                continue
            if suffix == "ه" and teh_marbuta[w] * 2 >= freq[w]:
                continue
            base = w[: -len(suffix)]
            forms = [base] + ([base[:-1] + "ه"] if base.endswith("ت") else [])
            best = max(forms, key=lambda f: freq[f])
            if freq[best] >= max(args.min_freq, 0.5 * freq[w]):
                return best
        return None

    def takes(w, letters):
        """Whether w is seen behind one of `letters` often enough."""
        n = sum(freq[c + w] for c in letters)
        return n >= max(args.min_freq, args.takes_share * freq[w])

    def first(w):
        fw = freq[w]
        # A word with a pronoun is decided as the word without it, whose
        # evidence is better: ولايتها as ولايه (not و + لايتها or ول +
        # ايتها), وجوده as وجود.
        # An article form before a hamza on alef is the article: للأزمة is
        # لل + أزمة, not ل + لازمة; الأهم is ال + أهم.
        for q in ARTICLE:
            if w.startswith(q) and article_hamza[(w, len(q))] >= args.hamza_share * fw:
                return len(q)
        # A word with the article takes no pronoun: الفهم is not الف + هم.
        starts_with_article = w not in NOT_ARTICLE and any(w.startswith(q) for q in ARTICLE)
        base = None if starts_with_article else base_of(w)
        if base is not None:
            return first(base)
        if w in NOT_ARTICLE or article(w) >= args.article_share * fw:
            return 0
        if w[0] in "وفبكل" and w[1:] in NOT_ARTICLE:
            # والله, بالله, والتي: one letter before a word whose ال is
            # its own.
            return 1
        for p in PROCLITICS:
            if not w.startswith(p):
                continue
            r = w[len(p):]
            if len(r) < 2 or (p in FUTURE and r[0] not in FUTURE_VERB):
                continue
            if p in ("و", "ف") and takes(w, "وف") or p in ("ب", "ك", "ل") and takes(w, "بك"):
                # A word that takes this kind of proclitic itself (ووزير,
                # وواصل, وفعلا; ببكين) does not start with one (ل is left out:
                # للرئيس is ل + الرئيس, not ل + لرئيس).
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
                if p in ("و", "ف") and article(w) == 0 and not (w.endswith("ا") and article(w[:-1])):
                    # A word never seen with the article is no noun of its
                    # own (وتابعت; فعلا is فعل + the accusative ا, a noun):
                    # its remainder needs less evidence.
                    share = args.verb_share
            if p[-1] in "بك" and len(r) > 2 and r[0] in VERB_AFTER_PREPOSITION and article(r) < args.noun_share * freq[r]:
                # ب and ك take nouns, not verbs: a remainder that starts as
                # an imperfect verb must take the article (بيوم), else it
                # is no remainder (بيتهم is not ب + يتهم, accuses).
                continue
            if len(r) == 2 and p != "ال":
                if p[-1] in "بكل" and r not in TWO_LETTER_NOUNS:
                    # A preposition before two letters is a word's own
                    # letter far more often (كان, كلم, بيد) than before a
                    # noun of two letters.
                    continue
                # Two letters are a word by chance too often (كنت, وجد).
                share = max(share, args.short_share)
            if support >= max(share * fw, 2):
                return len(p)
        # No remainder is a word of its own: a frequent word's first letter
        # is its own (وجود: جود is rare); in a rare word that is weak
        # evidence, and what the rules decide stands.
        return 0 if fw >= args.own_letter_freq else None

    def total(w):
        if w not in decided:
            d = first(w)
            if d is None:
                decided[w] = max(rules.get(w, 0), 0)
            else:
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
        "# A `*` marks a word that is a stop word behind its proclitics (والتي).",
        "# Corpora: ANT (Chouigui, Ben Khiroun & Elayeb, AICCSA 2017 and AJSE 46(8)",
        "# 2021); SaudiNewsNet (Alhagri 2015). Single words only; written by the project.",
    ]

    def write(entries):
        with open(args.out, "w") as out:
            out.write("\n".join(header) + "\n")
            for w, letters in sorted(entries.items()):
                mark = "*" if w in stops else ""
                out.write(f"{letters}{mark} {w}\n")

    # A word whose proclitics are decided loses its suffixes one a round
    # (ولايه → ولاي → ولا); the stemmer stops before a listed word that
    # starts with a proclitic (ولا, "and not"). Such a word, ten times rarer than
    # what a more frequent word's suffix leaves (ولاي, seen a few times,
    # beside ولايه) is listed with 0 instead, so the family keeps its
    # longer stem.
    entries = dict(listed)
    family = collections.Counter()
    for w in freq:
        if freq[w] < args.min_freq or not w.startswith(CLITIC_START):
            continue
        r = w[total(w):]
        for suffix in SUFFIXES:
            if r.endswith(suffix) and len(r) - len(suffix) >= 2:
                family[r[: -len(suffix)]] += freq[w]
    for w, letters in list(entries.items()):
        if letters > 0 and 10 * freq[w] < family[w]:
            if rules.get(w) == 0:
                del entries[w]
            else:
                entries[w] = 0
    listed = sorted(entries.items())

    # A word that is a stop word behind its proclitics is a stop word
    # (والتي, لأنه, بأنها): listed with a `*`, whatever the rules say.
    stop_words = read_stop_words()
    stops = set()
    for w in freq:
        if freq[w] < args.min_freq or not w.startswith(CLITIC_START) or w in stop_words:
            continue
        d = total(w)
        # (Not a word listed otherwise above: ولاي is the stem of ولايه,
        # not و + ل + اي.)
        if d > 0 and w[d:] in stop_words and entries.get(w, d) == d:
            stops.add(w)
            entries[w] = d
    listed = sorted(entries.items())

    # A listed word's stem may be cut again by the rules when it is stemmed
    # itself (وزارة → وزار, and the rules cut وزار to زار): such stems are
    # listed with 0, until stemming every listed word's stem is stable.
    entries = dict(listed)
    for round in range(6):
        write(entries)
        words = sorted(entries)
        firsts = [stemmed for _, stemmed in stems(words, table=True)]
        seconds = [stemmed for _, stemmed in stems(firsts, table=True)]
        # How often the words whose stem is f are seen.
        family = collections.Counter()
        for w, f in zip(words, firsts):
            family[f] += freq[w]
        unstable = set()
        clitic_led = set()
        for f, s in zip(firsts, seconds):
            if not f or s == f:
                continue
            if f not in entries and total(f) > 0 and 10 * freq[f] >= max(family[f], 10 * args.min_freq):
                # A word of its own that starts with a proclitic (ومركز, the
                # stem the rules leave of ومركزي), not ten times rarer than
                # the words whose stem it is (وزار, "and visited", beside
                # وزاره): listed as such, and the stemmer stops before it
                # (ومركزي keeps its ي).
                clitic_led.add(f)
            elif f not in entries:
                unstable.add(f)
            elif entries[f] > 0 and 10 * freq[f] < family[f]:
                # A word spelt as the stem of a family ten times as frequent
                # (ولاي, the stem of ولاية): the family wins it. A more
                # frequent one (ولا) keeps its clitic, and the stemmer
                # stops before it.
                unstable.add(f)
        print(f"round {round}: {len(entries)} listed, {len(unstable) + len(clitic_led)} stems not stable", file=sys.stderr)
        if not unstable and not clitic_led:
            break
        entries.update((f, 0) for f in unstable)
        entries.update((f, total(f)) for f in clitic_led)
    print(f"{len(entries)} words listed of {len(freq)} types", file=sys.stderr)


if __name__ == "__main__":
    main()
