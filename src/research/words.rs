//! Word lists: the words (or n-grams) of the articles a query matches, by
//! frequency, as corpus tools list a corpus's words.
//!
//! Each matching article's body is read and analyzed once (copies of a
//! story once, unless collapsing is off). A word is counted under its stem
//! (every form together) or its exact form. Stop words (في، من، على…) are
//! left out of single-word lists unless asked for; an n-gram may hold them
//! inside but never begins or ends with one (`رئيس الوزراء` yes, `في
//! رئيس` no), and never spans punctuation: words on either side of `.`,
//! `،`, `:` or a quote are not one n-gram. A lone letter (the `ل` of
//! `لـCNN`) and the pieces of a number cut at its decimal point (`0` and
//! `75` of `0.75`) are treated as stop words are.

use fahras_analyzers::chains::arabic_indexing;
use fahras_analyzers::EXACT_MARKER;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::schema::Value as _;
use tantivy::tokenizer::{TextAnalyzer, TokenStream as _};
use tantivy::TantivyDocument;

use crate::error::Result;
use crate::research::collocates::GroupBy;
use crate::research::gram_tally::{GramTally, Interner, EMPTY};
use crate::research::kwic::is_haraka;
use crate::research::reading::articles_to_read;
use crate::searcher::{Engine, Match, SearchRequest};

/// Longest n-gram.
pub const MAX_NGRAM: usize = 4;

/// What to count and list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordOptions {
    /// Stems or exact forms.
    pub by: GroupBy,
    /// Words in an n-gram: 1 (single words) to [`MAX_NGRAM`].
    pub ngram: usize,
    /// Fewest times to be listed.
    pub min_freq: u64,
    /// Count stop words as single words too.
    pub stop_words: bool,
    /// Rows to list at most.
    pub limit: usize,
}

impl Default for WordOptions {
    fn default() -> WordOptions {
        WordOptions { by: GroupBy::Stem, ngram: 1, min_freq: 2, stop_words: false, limit: 50 }
    }
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WordCount {
    /// The stems or normalized forms counted, space-separated.
    pub term: String,
    /// Its most frequent written form (without harakat).
    pub word: String,
    /// Times in the articles read.
    pub freq: u64,
    /// Times per million words of the articles read.
    pub per_million: f64,
    /// Articles holding it.
    pub articles: u64,
}

/// A query's word list.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct WordList {
    /// Articles the query matches, by `rule`.
    pub articles: usize,
    /// The rule the articles were matched by.
    #[serde(rename = "match")]
    pub rule: Match,
    /// Whether copies of one story were read once.
    pub collapsed: bool,
    /// Articles read: the stories, when collapsed.
    pub read: usize,
    /// Matching copies not read (`articles - read`).
    pub copies_skipped: usize,
    /// Words in the articles read (stop words included).
    pub words: u64,
    /// Words in an n-gram.
    pub ngram: usize,
    /// Stems or exact forms.
    pub by: GroupBy,
    /// Distinct entries counted.
    pub distinct: usize,
    /// The frequency threshold applied.
    pub min_freq: u64,
    /// Entries seen at least `min_freq` times (the list is the first
    /// `limit`).
    pub frequent: usize,
    /// The most frequent first.
    pub rows: Vec<WordCount>,
    /// What in the query was read differently from how it looked.
    pub notes: Vec<crate::note::Note>,
}

/// One word of a body: its bytes, its key's bytes in the key buffer, and
/// whether it is a stop word (no stem).
struct Word {
    range: std::ops::Range<usize>,
    key: std::ops::Range<usize>,
    /// Its key's id, and its written form's (harakat left out), once the
    /// body's words are all read.
    key_id: u32,
    written_id: u32,
    stop: bool,
    /// No word of its own: a lone letter (the `ل` of `لـCNN`) or a piece
    /// of a number the tokenizer cut at its decimal point (`0`, `75` of
    /// `0.75`). Listed as a stop word is, and never an n-gram's end.
    fragment: bool,
    /// Punctuation (or anything but spaces) between it and the word before.
    after_break: bool,
}

/// One article as the reading thread leaves it: the document (its body is
/// the text the words' ranges point into), its words, and their keys' text.
struct Analyzed {
    doc: TantivyDocument,
    words: Vec<Word>,
    keys: String,
}

/// The words of `body`, with their keys (stems or exact forms, by `by`)
/// written one after another in `keys`.
fn analyze(
    chain: &mut TextAnalyzer,
    body: &str,
    by: GroupBy,
    words: &mut Vec<Word>,
    keys: &mut String,
) {
    let mut stream = chain.token_stream(body);
    let mut end_of_last = 0;
    while let Some(token) = stream.next() {
        if let Some(exact) = token.text.strip_prefix(EXACT_MARKER) {
            let start = keys.len();
            keys.push_str(exact);
            let gap = &body[end_of_last.min(token.offset_from)..token.offset_from];
            let text = &body[token.offset_from..token.offset_to];
            let cut_number = matches!(gap, "." | "," | "٫" | "٬")
                && text.starts_with(|c: char| c.is_numeric())
                && words
                    .last()
                    .is_some_and(|w| body[w.range.clone()].ends_with(|c: char| c.is_numeric()));
            if cut_number {
                if let Some(before) = words.last_mut() {
                    before.fragment = true;
                }
            }
            words.push(Word {
                range: token.offset_from..token.offset_to,
                key: start..keys.len(),
                key_id: 0,
                written_id: 0,
                stop: true,
                fragment: cut_number || exact.chars().count() <= 1,
                after_break: gap.chars().any(|c| !c.is_whitespace() && !is_haraka(c)),
            });
            end_of_last = token.offset_to;
        } else if let Some(word) = words.last_mut() {
            // The word's stem follows its exact term: a word with a stem is
            // no stop word, and its key is the stem when counting stems.
            word.stop = false;
            if by == GroupBy::Stem {
                let start = keys.len();
                keys.push_str(&token.text);
                word.key = start..keys.len();
            }
        }
    }
}

/// Counts the n-grams of articles, in the order they are read.
struct Counter<'a> {
    options: &'a WordOptions,
    n: usize,
    tally: GramTally,
    /// Keys (stems or exact forms) and written forms (harakat left out).
    key_ids: Interner,
    written_ids: Interner,
    /// Those two ids of each form as a text has it: a word's analysis
    /// depends on the word alone.
    ids_of: FxHashMap<Box<str>, (u32, u32)>,
    bare: String,
    total_words: u64,
}

impl<'a> Counter<'a> {
    fn new(options: &'a WordOptions, n: usize) -> Counter<'a> {
        Counter {
            options,
            n,
            tally: GramTally::default(),
            key_ids: Interner::default(),
            written_ids: Interner::default(),
            ids_of: FxHashMap::default(),
            bare: String::new(),
            total_words: 0,
        }
    }

    /// Counts the n-grams of one article, its `words` as [`analyze`] left
    /// them.
    fn count(&mut self, article: u32, body: &str, words: &mut [Word], keys: &str) {
        self.total_words += words.len() as u64;
        for word in words.iter_mut() {
            let raw = &body[word.range.clone()];
            (word.key_id, word.written_id) = match self.ids_of.get(raw) {
                Some(&ids) => ids,
                None => {
                    self.bare.clear();
                    self.bare.extend(raw.chars().filter(|&c| !is_haraka(c)));
                    let ids =
                        (self.key_ids.id(&keys[word.key.clone()]), self.written_ids.id(&self.bare));
                    self.ids_of.insert(raw.into(), ids);
                    ids
                }
            };
        }
        let n = self.n;
        for window in words.windows(n) {
            let (first, last) = (&window[0], &window[n - 1]);
            if n == 1 {
                if (first.stop || first.fragment) && !self.options.stop_words {
                    continue;
                }
            } else if first.stop
                || last.stop
                || first.fragment
                || last.fragment
                || window[1..].iter().any(|w| w.after_break)
            {
                continue;
            }
            let (mut key, mut spelling) = (EMPTY, EMPTY);
            for (i, word) in window.iter().enumerate() {
                key[i] = word.key_id;
                spelling[i] = word.written_id;
            }
            self.tally.add(key, spelling, article);
        }
    }
}

/// The words of the articles `request` matches, by frequency (see [the
/// module](mod@crate::research::words)).
pub fn words(engine: &Engine, request: &SearchRequest, options: &WordOptions) -> Result<WordList> {
    engine.needs_fahras_analyzer("word lists")?;
    let n = options.ngram.clamp(1, MAX_NGRAM);
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    let collapsed = request.collapse && engine.fields().stories.is_some();
    let (docs, articles) = articles_to_read(engine, &searcher, &*plan.ranked.base, collapsed)?;

    let mut counter = Counter::new(options, n);
    let body_field = engine.fields().body;
    // One thread reads and analyzes the articles while this one counts
    // their words: on two cores a word list takes about half the time.
    let (send, analyzed) = std::sync::mpsc::sync_channel::<(usize, Analyzed)>(256);
    let read = |send: std::sync::mpsc::SyncSender<(usize, Analyzed)>| -> Result<()> {
        let mut chain = TextAnalyzer::from(arabic_indexing());
        for (nth, &address) in docs.iter().enumerate() {
            request.options.cancel.check()?;
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| engine.tantivy_err(e))?;
            let Some(body) = doc.get_first(body_field).and_then(|v| v.as_str()) else { continue };
            let (mut words, mut keys) = (Vec::new(), String::new());
            analyze(&mut chain, body, options.by, &mut words, &mut keys);
            if send.send((nth, Analyzed { doc, words, keys })).is_err() {
                break;
            }
        }
        Ok(())
    };
    std::thread::scope(|scope| -> Result<()> {
        let reader = scope.spawn(move || read(send));
        for (nth, Analyzed { doc, mut words, keys }) in analyzed {
            let body = doc.get_first(body_field).and_then(|v| v.as_str()).unwrap_or_default();
            let article = u32::try_from(nth).expect("fewer than 2^32 articles");
            counter.count(article, body, &mut words, &keys);
        }
        reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let Counter { tally, key_ids, written_ids, total_words, .. } = counter;

    let distinct = tally.distinct();
    let (listed, frequent) = tally.frequent(&key_ids, options.min_freq.max(1), options.limit);
    let spellings = tally.spellings(&listed, &written_ids);
    let rows: Vec<WordCount> = listed
        .iter()
        .zip(spellings)
        .map(|((key, e), word)| WordCount {
            term: key_ids.joined(key),
            word,
            freq: e.freq,
            per_million: if total_words == 0 {
                0.0
            } else {
                e.freq as f64 * 1e6 / total_words as f64
            },
            articles: u64::from(e.articles),
        })
        .collect();
    Ok(WordList {
        articles,
        rule: plan.rule,
        collapsed,
        read: docs.len(),
        copies_skipped: articles - docs.len(),
        words: total_words,
        ngram: n,
        by: options.by,
        distinct,
        min_freq: options.min_freq.max(1),
        frequent,
        rows,
        notes: plan.said(),
    })
}
