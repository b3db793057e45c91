//! Builds a known-item evaluation set of "remembered words" queries.
//!
//! `cargo run --release --example remembered -- --index DIR --seed N --count N --out DIR FILE...`
//!
//! A researcher remembers three consecutive words from the body of an
//! article and types them unquoted (`قاعدة العديد الجوية`); the target is
//! that one article. This example draws such queries from the JSON Lines
//! archives FILE... (plain `.jsonl` or `.jsonl.zst`; fields `id` and `body`,
//! others ignored), deterministically from the seed:
//!
//! 1. draw an article at random, then a word of its body at random, and take
//!    that word and the next two, all in one paragraph;
//! 2. keep them only if each, once punctuation is trimmed from its ends and
//!    harakat and tatweel are dropped (nobody types those from memory), is
//!    two or more Arabic letters and nothing else (no digits, no Latin), at
//!    most one of the three is a stop word (a word the stemmed query chain
//!    drops), and no sentence or clause break (`. ! ? ؟ : ؛`) falls between
//!    them;
//! 3. keep them only if they identify the article: searched on the index as
//!    an exact phrase (`"a b c"`, exact mode) they match that article and no
//!    other. So no other article, not even one with the same body, is
//!    relevant, and the qrels name one article per query.
//!
//! Each article is the target of one query at most. Writes `queries.tsv`
//! (`rem-0001<TAB>a b c`) and `qrels.txt` (`rem-0001 0 DOCID 1`) into the
//! `--out` folder, and prints how many positions were drawn, how many
//! candidates were searched and how many were kept.
//!
//! The sets of this project are built from two corpora:
//! - ANT (Arabic News Texts) Corpus v2.1, multi-source, by A. Chouigui,
//!   O. Ben Khiroun and B. Elayeb (Apache-2.0 with a citation licence):
//!   A. Chouigui, O. Ben Khiroun, B. Elayeb. *An Arabic Multi-source News
//!   Corpus: Experimenting on Single-document Extractive Summarization.*
//!   Arabian Journal for Science and Engineering 46(8), 2021;
//!   <https://antcorpus.github.io>.
//! - SaudiNewsNet: Alhagri, M. A. (2015). *Saudi Newspapers Arabic Corpus
//!   (SaudiNewsNet).* CC BY-NC-SA 4.0, non-commercial research use; the
//!   articles stay the newspapers' copyright. Query sets drawn from it quote
//!   its text: use them inside this project only, do not redistribute them.

use std::collections::HashSet;
use std::error::Error;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use fahras::analysis::{analyze, NamedChain, QueryMode};
use fahras::searcher::{Engine, SearchRequest};

/// One archive record; other fields are ignored.
#[derive(serde::Deserialize)]
struct Article {
    id: String,
    body: String,
}

/// The command line.
struct Args {
    index: PathBuf,
    seed: u64,
    count: usize,
    out: PathBuf,
    files: Vec<PathBuf>,
}

const USAGE: &str = "usage: remembered --index DIR --seed N --count N --out DIR FILE...";

fn parse_args() -> Result<Args, String> {
    let (mut index, mut seed, mut count, mut out) = (None, None, None, None);
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--index" => index = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = Some(value()?.parse().map_err(|e| format!("--seed: {e}"))?),
            "--count" => count = Some(value()?.parse().map_err(|e| format!("--count: {e}"))?),
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag}")),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    match (index, seed, count, out) {
        (Some(index), Some(seed), Some(count), Some(out)) if !files.is_empty() => {
            Ok(Args { index, seed, count, out, files })
        }
        _ => Err("--index, --seed, --count, --out and a FILE are required".into()),
    }
}

/// splitmix64 (Steele, Lea and Flood, 2014): small, seeded, good enough.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// Appends the records of one archive, `.zst` decompressed.
fn read_articles(path: &Path, into: &mut Vec<Article>) -> io::Result<()> {
    let file = File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "zst") {
        Box::new(zstd::Decoder::new(file)?)
    } else {
        Box::new(file)
    };
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let article = serde_json::from_str(&line).map_err(|e| {
            io::Error::new(io::ErrorKind::InvalidData, format!("{}:{}: {e}", path.display(), n + 1))
        })?;
        into.push(article);
    }
    Ok(())
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// Harakat, superscript alef and tatweel: written, rarely typed.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// `raw` as typed from memory, if it is two or more Arabic letters.
fn clean(raw: &str) -> Option<String> {
    let word: String =
        raw.trim_matches(|c: char| !c.is_alphanumeric()).chars().filter(|&c| !is_mark(c)).collect();
    (word.chars().count() >= 2 && word.chars().all(is_arabic_letter)).then_some(word)
}

/// Whether a sentence or clause ends after `raw`.
fn ends_clause(raw: &str) -> bool {
    let tail = &raw[raw.trim_end_matches(|c: char| !c.is_alphanumeric()).len()..];
    tail.contains(['.', '!', '?', '؟', ':', '؛'])
}

/// A stop word: one the stemmed query chain drops.
fn is_stop_word(word: &str) -> bool {
    analyze(NamedChain::Stemmed, word).is_empty()
}

/// Three consecutive words from a random position of `body`, if they look
/// like words one remembers.
fn draw(body: &str, rng: &mut Rng) -> Option<[String; 3]> {
    let words: Vec<(usize, &str)> = body
        .lines()
        .enumerate()
        .flat_map(|(paragraph, line)| line.split_whitespace().map(move |w| (paragraph, w)))
        .collect();
    if words.len() < 3 {
        return None;
    }
    let window = &words[rng.below(words.len() - 2)..][..3];
    if window[0].0 != window[2].0 || window[..2].iter().any(|(_, w)| ends_clause(w)) {
        return None;
    }
    let [a, b, c] = [window[0].1, window[1].1, window[2].1].map(clean);
    let words = [a?, b?, c?];
    (words.iter().filter(|w| is_stop_word(w)).count() <= 1).then_some(words)
}

/// Whether the words, as an exact phrase, match the article `id` and no other.
fn identifies(engine: &Engine, words: &[String; 3], id: &str) -> fahras::Result<bool> {
    let mut request = SearchRequest::new(format!("\"{}\"", words.join(" ")));
    request.options.mode = QueryMode::Exact;
    request.limit = 2;
    request.snippet_chars = 0;
    let results = engine.search(&request)?;
    Ok(results.total == 1 && results.hits.first().is_some_and(|hit| hit.id == id))
}

fn main() -> Result<(), Box<dyn Error>> {
    let args = parse_args().unwrap_or_else(|message| {
        eprintln!("{message}\n{USAGE}");
        std::process::exit(2)
    });
    let mut articles = Vec::new();
    for file in &args.files {
        read_articles(file, &mut articles)?;
    }
    let engine = Engine::open(&args.index)?;
    let mut rng = Rng(args.seed);
    let (mut drawn, mut tried) = (0usize, 0usize);
    let mut used = HashSet::new();
    let mut kept: Vec<(&str, [String; 3])> = Vec::new();
    let max_draws = args.count.saturating_mul(1000).max(1000);
    while kept.len() < args.count && drawn < max_draws && !articles.is_empty() {
        drawn += 1;
        let n = rng.below(articles.len());
        if used.contains(&n) {
            continue;
        }
        let article = &articles[n];
        let Some(words) = draw(&article.body, &mut rng) else { continue };
        tried += 1;
        if identifies(&engine, &words, &article.id)? {
            used.insert(n);
            kept.push((&article.id, words));
        }
    }

    std::fs::create_dir_all(&args.out)?;
    let mut queries = BufWriter::new(File::create(args.out.join("queries.tsv"))?);
    let mut qrels = BufWriter::new(File::create(args.out.join("qrels.txt"))?);
    for (n, (id, words)) in kept.iter().enumerate() {
        let qid = format!("rem-{:04}", n + 1);
        writeln!(queries, "{qid}\t{}", words.join(" "))?;
        writeln!(qrels, "{qid} 0 {id} 1")?;
    }
    queries.flush()?;
    qrels.flush()?;
    eprintln!(
        "{} articles; {drawn} positions drawn, {tried} candidates searched, {} kept",
        articles.len(),
        kept.len()
    );
    if kept.len() < args.count {
        return Err(format!("only {} of {} queries found", kept.len(), args.count).into());
    }
    Ok(())
}
