//! From a parsed query to tantivy queries.
//!
//! Words are analyzed with the query side of each field's chain: on a
//! Fahras index, stems (stop words dropped). An optional word's terms go
//! straight into the OR of their sequence, so a query of plain words is one
//! flat OR of term queries, which tantivy ranks with block-max WAND.
//! Filters are gathered from the whole query and applied once
//! ([`Filters`]). Scored apart, on the best articles only
//! ([`rerank`](crate::searcher::rerank)): each word's exact form, weighted
//! by [`QueryOptions::exact_weight`]; neighbouring plain words as pairs
//! ([`proximity_pairs`]); a run of [`RUN_WORDS`] plain words as one phrase,
//! whose best articles also join the candidates.

use crate::note::Note;
use fahras_analyzers::chains::arabic_exact_marked;
use fahras_analyzers::EXACT_MARKER;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, FieldType, IndexRecordOption, Schema};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

use super::exclusion;
use super::filter::Filters;
use super::prefix::{exact_query, is_broad, phrase_prefix, prefix_query, MAX_PREFIX_EXPANSIONS};
use super::proximity::{pair_query, proximity_pairs};
use super::syntax::{Clause, Node, Sign};
use super::{Correction, Match, QueryOptions};
use crate::analysis::{query_analyzer, IndexAnalyzer, QueryMode};
use crate::schema;
use crate::spelling::hamza::one_token;
use crate::spelling::house::HouseSpellings;
use crate::spelling::{hamza, typos, written};

/// Most words (between spaces) of plain text a query searches: a pasted
/// article is searched by its first ones, which find it, instead of ranking
/// hundreds of terms for every article. On the 72k archive a 500-word
/// paragraph took 1.3 s; its first 100 words 155 ms (Lucene caps a query at
/// 1,024 clauses for the same reason).
pub(crate) const MAX_WORDS: usize = 100;

/// How many words a run of plain words must have to be searched as one
/// phrase too: two are a proximity pair already; past six a query is a
/// question or a pasted text, rarely written as such.
pub(crate) const RUN_WORDS: std::ops::RangeInclusive<usize> = 3..=6;

/// The queries of one search.
pub(crate) struct Built {
    /// Which articles match, and their first-phase score.
    pub base: Box<dyn Query>,
    /// The articles the query's filters and dates admit, whatever its
    /// words: the archive its counts are a part of.
    pub archive: Box<dyn Query>,
    /// Scored on the best articles only: exact forms, proximity pairs,
    /// runs of words as phrases.
    pub bonus: Vec<Box<dyn Query>>,
    /// Whose best articles join the candidates: runs of words as phrases.
    pub recall: Vec<Box<dyn Query>>,
    /// The terms to mark in snippets: every searched term that is not
    /// excluded.
    pub highlight: Box<dyn Query>,
    /// The phrases whose words are marked only where they stand together.
    pub phrases: Vec<Phrase>,
    /// Words were given, but all of them are stop words (no stem).
    pub only_stop_words: bool,
    /// Words also searched in another spelling.
    pub corrections: Vec<Correction>,
    /// The other [`Match`] rule would match other articles (see
    /// [`super::Plan::rule_matters`]).
    pub rule_matters: bool,
}

/// A phrase to mark in snippets: its terms at their positions (relative to
/// the first) and how far apart they may stand.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// (position, term), first at 0.
    pub terms: Vec<(usize, Term)>,
    /// Extra positions allowed between the words.
    pub slop: u32,
}

/// One searchable text field and its query chains.
struct Chain {
    field: Field,
    /// The query chain of the field's analyzer, in the query's mode.
    words: Option<TextAnalyzer>,
    /// The exact chain, marked, for the exact-form part of the score (a
    /// Fahras field searched by stems only).
    exact: Option<TextAnalyzer>,
}

/// Analyzed tokens: (position, term text).
type Tokens = Vec<(usize, String)>;

/// The analyzed tokens of a text.
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Tokens {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

/// The name of the analyzer that indexes a text field (None for others).
pub(crate) fn tokenizer_of(schema: &Schema, field: Field) -> Option<String> {
    match schema.get_field_entry(field).field_type() {
        FieldType::Str(options) => {
            options.get_indexing_options().map(|o| o.tokenizer().to_string())
        }
        _ => None,
    }
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// A term, or the phrase of several terms at their positions (relative to
/// the first).
fn positioned(mut terms: Vec<(usize, Term)>, slop: u32) -> Option<Box<dyn Query>> {
    let first = terms.first()?.0;
    if terms.len() == 1 {
        return Some(term_query(terms.remove(0).1));
    }
    let terms = terms.into_iter().map(|(p, t)| (p - first, t)).collect();
    Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
}

/// Optional terms with their weights, each term once: a pasted text that
/// repeats a word makes one clause of weight 2 instead of two clauses
/// (the same score, and half the posting lists to walk).
#[derive(Default)]
struct TermWeights {
    terms: Vec<(Term, f32)>,
    index: std::collections::HashMap<Term, usize>,
}

impl TermWeights {
    fn add(&mut self, term: Term, weight: f32) {
        match self.index.get(&term) {
            Some(&i) => self.terms[i].1 += weight,
            None => {
                self.index.insert(term.clone(), self.terms.len());
                self.terms.push((term, weight));
            }
        }
    }

    /// One query per term, boosted by its weight.
    fn into_queries(self) -> impl Iterator<Item = Box<dyn Query>> {
        self.terms.into_iter().map(|(term, weight)| {
            let query = term_query(term);
            if weight == 1.0 {
                query
            } else {
                Box::new(BoostQuery::new(query, weight)) as Box<dyn Query>
            }
        })
    }
}

/// The other house spelling of a foreign name ([`house`]), of `word` or
/// else of its stem, unless it is a stop word (which `stems` drops).
fn house_style(
    house: &HouseSpellings,
    searcher: &Searcher,
    stems: &mut TextAnalyzer,
    word: &str,
) -> Option<(String, f32, String)> {
    let stem = one_token(stems, word)?;
    // A name with a clitic (`وترمب`) by its stem, the bare name.
    house.variant(word, searcher.num_docs()).or_else(|| house.variant(&stem, searcher.num_docs()))
}

/// One query of alternatives, or the alternative itself when alone.
fn any_of(mut queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))),
    }
}

pub(super) struct Builder<'s> {
    searcher: &'s Searcher,
    /// Names the archive spells two ways.
    house: &'s HouseSpellings,
    options: &'s QueryOptions,
    /// The index marks exact forms (a Fahras index).
    marked: bool,
    /// Words get their other spellings ([`Builder::respellings`]):
    /// stemmed words on a Fahras index.
    respell: bool,
    corrections: Vec<Correction>,
    /// Words `--fuzzy` may still look up ([`typos::MAX_FUZZY_WORDS`]).
    fuzzy_words_left: usize,
    /// A rare word's neighbours were looked up (once a query), or are not
    /// to be ([`Builder::short_query`]).
    neighbour_searched: bool,
    /// Title and body, in schema order.
    chains: Vec<Chain>,
    /// Indexes into `chains` of the fields searched by default.
    defaults: Vec<usize>,
    filters: Filters,
    highlight: Vec<Box<dyn Query>>,
    phrases: Vec<Phrase>,
    /// The phrases of the phrase being built, until it is known not to be
    /// excluded.
    pending_phrases: Vec<Phrase>,
    /// The optional terms of each sequence being built (innermost last).
    optional: Vec<TermWeights>,
    /// Terms scored in the second phase only.
    bonus_terms: TermWeights,
    /// Neighbouring-word pairs (first term, gap, second term), each once.
    pairs: Vec<((Term, usize, Term), f32)>,
    /// Runs of words as phrases (terms at their positions), each once,
    /// with their weight (1 but for a run with a word respelled).
    runs: Vec<(Vec<(usize, Term)>, f32)>,
    /// A word's stem and its other spelling's, with its weight, per field
    /// ([`Builder::respellings`]): runs are searched with them too.
    respelled_stems: Vec<(Term, Term, f32)>,
    /// Plain words read so far, and whether some were left out.
    words_read: usize,
    words_dropped: bool,
    /// What was read differently from how it looked.
    notes: Vec<Note>,
    /// `--from` comes after `--to`.
    filters_span_empty: bool,
    /// Positive clauses that search words (not the exact-form weights).
    positives: usize,
    stop_words: bool,
    /// Positive words (or phrases, groups…) written without a sign, and
    /// those required by one: whether the rule matters.
    unsigned: usize,
    signed_required: usize,
}

impl<'s> Builder<'s> {
    pub(super) fn new(
        searcher: &'s Searcher,
        analyzer: IndexAnalyzer,
        house: &'s HouseSpellings,
        options: &'s QueryOptions,
        mode: QueryMode,
        defaults: &[&str],
    ) -> Builder<'s> {
        let schema = searcher.schema();
        let fahras = IndexAnalyzer::Fahras.tokenizer_name();
        let mut chains = Vec::new();
        let mut default_ids = Vec::new();
        for name in schema::DEFAULT_SEARCH_FIELDS {
            let field = schema.get_field(name).expect("schema field");
            let tokenizer = tokenizer_of(schema, field).unwrap_or_default();
            let boosted =
                mode == QueryMode::Stemmed && tokenizer == fahras && options.exact_weight > 0.0;
            if defaults.contains(name) {
                default_ids.push(chains.len());
            }
            chains.push(Chain {
                field,
                words: query_analyzer(&tokenizer, mode),
                exact: boosted.then(|| TextAnalyzer::from(arabic_exact_marked())),
            });
        }
        Builder {
            searcher,
            house,
            options,
            marked: analyzer == IndexAnalyzer::Fahras,
            respell: analyzer == IndexAnalyzer::Fahras && mode == QueryMode::Stemmed,
            corrections: Vec::new(),
            neighbour_searched: false,
            fuzzy_words_left: typos::MAX_FUZZY_WORDS,
            chains,
            defaults: default_ids,
            filters: Filters { span: options.dates, ..Filters::default() },
            highlight: Vec::new(),
            phrases: Vec::new(),
            pending_phrases: Vec::new(),
            optional: Vec::new(),
            bonus_terms: TermWeights::default(),
            pairs: Vec::new(),
            runs: Vec::new(),
            respelled_stems: Vec::new(),
            words_read: 0,
            words_dropped: false,
            notes: Vec::new(),
            filters_span_empty: options.dates.is_empty(),
            positives: 0,
            stop_words: false,
            unsigned: 0,
            signed_required: 0,
        }
    }

    /// Looks up keyboard slips ([`typos`]) only in a query of at most
    /// [`typos::MAX_QUERY_WORDS`] words of `text`.
    pub(super) fn short_query(mut self, text: &str) -> Builder<'s> {
        self.neighbour_searched = text.split_whitespace().count() > typos::MAX_QUERY_WORDS;
        self
    }

    /// Builds the whole query.
    pub(super) fn build(
        mut self,
        clauses: &[Clause],
        notes: &mut Vec<Note>,
    ) -> tantivy::Result<Built> {
        let scope = self.defaults.clone();
        let mut top = self.sequence(clauses, &scope, false)?;
        let only_stop_words = self.positives == 0 && self.stop_words;
        let filters = std::mem::take(&mut self.filters);
        let has_positive = top.iter().any(|(o, _)| *o != Occur::MustNot);
        if !has_positive && (!top.is_empty() || !filters.is_empty()) {
            // Only exclusions or filters: every article but those.
            top.push((Occur::Must, Box::new(AllQuery)));
        }
        let filter_clauses = filters.clauses(self.searcher, notes)?;
        let archive: Box<dyn Query> = if filter_clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            let mut all = vec![(Occur::Must, Box::new(AllQuery) as Box<dyn Query>)];
            all.extend(filter_clauses.iter().map(|(o, q)| (*o, q.box_clone())));
            Box::new(BooleanQuery::new(all))
        };
        let base: Box<dyn Query> = if top.is_empty() {
            Box::new(EmptyQuery)
        } else if filter_clauses.is_empty() {
            Box::new(BooleanQuery::new(top))
        } else {
            let mut all = vec![(Occur::Must, Box::new(BooleanQuery::new(top)) as Box<dyn Query>)];
            all.extend(filter_clauses);
            Box::new(BooleanQuery::new(all))
        };
        let mut bonus: Vec<Box<dyn Query>> =
            std::mem::take(&mut self.bonus_terms).into_queries().collect();
        for ((first, gap, second), weight) in self.pairs {
            bonus.push(Box::new(BoostQuery::new(pair_query(first, gap, second), weight)));
        }
        let mut recall = Vec::new();
        for (run, weight) in self.runs {
            if let Some(phrase) = positioned(run, 0) {
                recall.push(phrase.box_clone());
                let weight = self.options.phrase_weight * weight;
                bonus.push(Box::new(BoostQuery::new(phrase, weight)));
            }
        }
        notes.append(&mut self.notes);
        if self.filters_span_empty {
            notes.push(Note::DatesReversed);
        }
        if self.words_dropped {
            notes.push(Note::TooManyWords { max: MAX_WORDS });
        }
        let highlight = Box::new(BooleanQuery::new(
            self.highlight.into_iter().map(|q| (Occur::Should, q)).collect(),
        ));
        let rule_matters = self.unsigned >= 2 || (self.unsigned == 1 && self.signed_required >= 1);
        Ok(Built {
            rule_matters,
            base,
            archive,
            bonus,
            recall,
            highlight,
            phrases: self.phrases,
            only_stop_words,
            corrections: self.corrections,
        })
    }

    fn occur(&self, sign: Sign) -> Occur {
        match sign {
            Sign::Default if self.options.rule() == Match::All => Occur::Must,
            Sign::Default | Sign::Should => Occur::Should,
            Sign::Must => Occur::Must,
            Sign::MustNot => Occur::MustNot,
        }
    }

    /// The clauses of a sequence searched in the fields `scope`; `negated`
    /// when the sequence sits inside an exclusion.
    fn sequence(
        &mut self,
        clauses: &[Clause],
        scope: &[usize],
        negated: bool,
    ) -> tantivy::Result<Vec<(Occur, Box<dyn Query>)>> {
        let mut out = Vec::new();
        self.optional.push(TermWeights::default());
        // Neighbouring plain words, for the proximity bonus.
        let mut run = String::new();
        let optional = clauses
            .iter()
            .filter(|c| self.occur(c.sign) == Occur::Should && !matches!(c.node, Node::Filter(_)))
            .count();
        for clause in clauses {
            let occur = self.occur(clause.sign);
            let excluded = negated != (occur == Occur::MustNot);
            match &clause.node {
                Node::Words(text) if !excluded => {
                    run.push_str(text);
                    run.push(' ');
                }
                Node::Phrase { text, .. }
                    if !excluded
                        && clause.sign == Sign::Default
                        && occur == Occur::Should
                        && optional > 1 =>
                {
                    // Among other optional words a phrase is its words:
                    // Arabic headlines quote words for emphasis far more
                    // often than they mean a phrase, and neighbouring
                    // words found together already rank first (the
                    // proximity bonus). Measured on news-title-dev, any
                    // extra weight for the quoted phrase, added to the best
                    // articles, lowered MRR@10 (0.1: -0.0003, 0.2: -0.002,
                    // 1: -0.007) though 0.2 is enough to put an article
                    // holding a typed phrase first. It is a
                    // phrase when it stands alone, is required (`+"…"`,
                    // AND, --all, a count), is an alternative of OR
                    // (`"…" OR "…"`: the user chose phrases) or is
                    // excluded.
                    if !self.admit(text) {
                        continue;
                    }
                    run.push_str(text);
                    run.push(' ');
                    self.words(text, occur, true, scope, excluded, &mut out);
                    if text.split_whitespace().nth(1).is_some()
                        && !self.notes.contains(&Note::PhraseAmongWords)
                    {
                        self.notes.push(Note::PhraseAmongWords);
                    }
                    continue;
                }
                _ => self.flush_run(&mut run, scope),
            }
            let implicit = clause.sign == Sign::Default;
            self.node(&clause.node, occur, implicit, scope, negated, &mut out)?;
        }
        self.flush_run(&mut run, scope);
        let optional = self.optional.pop().expect("pushed above");
        out.extend(optional.into_queries().map(|q| (Occur::Should, q)));
        Ok(out)
    }

    fn flush_run(&mut self, run: &mut String, scope: &[usize]) {
        let (weight, phrase_weight) = (self.options.proximity_weight, self.options.phrase_weight);
        if run.is_empty() || (weight <= 0.0 && phrase_weight <= 0.0) {
            run.clear();
            return;
        }
        for &i in scope {
            let chain = &mut self.chains[i];
            let Some(words) = chain.words.as_mut() else { continue };
            if weight > 0.0 {
                for (first, gap, second) in proximity_pairs(chain.field, words, run) {
                    // With each word in its other spelling too.
                    let mut pairs = vec![((first.clone(), gap, second.clone()), weight)];
                    for (typed, other, w) in &self.respelled_stems {
                        if *typed == first {
                            pairs.push(((other.clone(), gap, second.clone()), weight * w));
                        }
                        if *typed == second {
                            pairs.push(((first.clone(), gap, other.clone()), weight * w));
                        }
                    }
                    for (pair, weight) in pairs {
                        match self.pairs.iter_mut().find(|(p, _)| *p == pair) {
                            Some((_, w)) => *w += weight,
                            None => self.pairs.push((pair, weight)),
                        }
                    }
                }
            }
            if phrase_weight > 0.0 {
                let field = chain.field;
                let stems = tokens(words, run);
                if let Some(terms) = self.run_phrase(field, stems, run) {
                    // The run with each respelled word in its other
                    // spelling: a name's run ranks alike in either (the
                    // pairs above do the same).
                    let mut runs = vec![(terms.clone(), 1.0)];
                    for (j, (_, term)) in terms.iter().enumerate() {
                        for (typed, other, weight) in &self.respelled_stems {
                            if typed == term {
                                let mut respelled = terms.clone();
                                respelled[j].1 = other.clone();
                                runs.push((respelled, *weight));
                            }
                        }
                    }
                    for run in runs {
                        if !self.runs.iter().any(|(r, _)| *r == run.0) {
                            self.runs.push(run);
                        }
                    }
                }
            }
        }
        run.clear();
    }

    /// A run of plain words as one phrase: each word's stem, and a stop
    /// word's exact form in its place (on an index that marks exact forms),
    /// so `هذا يرفع عدد` does not match `ذلك يرفع عدد`. None unless the run
    /// has [`RUN_WORDS`] words and two stems.
    fn run_phrase(&self, field: Field, stems: Tokens, run: &str) -> Option<Vec<(usize, Term)>> {
        if stems.len() < 2 {
            return None;
        }
        if !self.marked {
            let n = stems.len();
            let terms = stems.into_iter().map(|(p, t)| (p, Term::from_field_text(field, &t)));
            return RUN_WORDS.contains(&n).then(|| terms.collect());
        }
        let forms = tokens(&mut TextAnalyzer::from(arabic_exact_marked()), run);
        if !RUN_WORDS.contains(&forms.len()) {
            return None;
        }
        let mut stems = stems.into_iter().peekable();
        let terms = forms
            .into_iter()
            .map(|(position, form)| match stems.next_if(|(p, _)| *p == position) {
                Some((_, stem)) => (position, Term::from_field_text(field, &stem)),
                None => (position, Term::from_field_text(field, &form)),
            })
            .collect();
        Some(terms)
    }

    /// The field of `scope` whose counts decide respellings: the body (the
    /// title is too short to count words in), else the first.
    fn judge(&self, scope: &[usize]) -> usize {
        let schema = self.searcher.schema();
        scope
            .iter()
            .copied()
            .find(|&i| schema.get_field_name(self.chains[i].field) == schema::BODY)
            .unwrap_or(scope[0])
    }

    /// `--fuzzy`: each optional word of [`typos::MIN_LETTERS`] letters or
    /// more also matches its exact forms one edit away, at
    /// [`typos::FUZZY_WEIGHT`].
    fn fuzzy_words(&mut self, text: &str, scope: &[usize]) {
        let mut exact = TextAnalyzer::from(arabic_exact_marked());
        for (_, form) in tokens(&mut exact, text) {
            let form = form.trim_start_matches(EXACT_MARKER);
            if form.chars().count() < typos::MIN_LETTERS {
                continue;
            }
            if self.fuzzy_words_left == 0 {
                return;
            }
            self.fuzzy_words_left -= 1;
            // The forms are found once, in the body (or the one field), and
            // searched in every field.
            let judge = self.judge(scope);
            let Ok(mut near) = self.near_terms(self.chains[judge].field, form, 1) else { continue };
            near.truncate(typos::FUZZY_FORMS_PER_WORD);
            for &i in scope {
                let field = self.chains[i].field;
                for (term, weight) in &near {
                    let term = Term::from_field_text(field, term.value().as_str().unwrap_or(""));
                    self.highlight.push(term_query(term.clone()));
                    let optional = self.optional.last_mut().expect("in a sequence");
                    optional.add(term, weight * typos::FUZZY_WEIGHT);
                }
            }
        }
    }

    /// The other spellings to search beside the words of `text`, as (the
    /// word's position, term, weight): a word typed without its hamza's seat
    /// also as the word with it ([`hamza`]), a rare word with a far more
    /// common neighbour also as that neighbour ([`typos`]).
    ///
    /// `everywhere`: the other spellings are marked in snippets wherever
    /// they stand (not for a phrase's words, marked where the phrase is).
    fn respellings(
        &mut self,
        text: &str,
        scope: &[usize],
        everywhere: bool,
    ) -> Vec<(usize, Term, f32)> {
        let mut found = Vec::new();
        if !self.respell || scope.is_empty() {
            return found;
        }
        let judge = self.judge(scope);
        let mut exact = TextAnalyzer::from(arabic_exact_marked());
        let mut forms = Vec::new();
        let mut stream = exact.token_stream(text);
        while let Some(token) = stream.next() {
            let typed = &text[token.offset_from..token.offset_to];
            let form = token.text.trim_start_matches(EXACT_MARKER).to_string();
            forms.push((token.position, form, typed));
        }
        for (position, word, typed) in forms {
            let word = word.as_str();
            let chain = &mut self.chains[judge];
            let Some(stems) = chain.words.as_mut() else { continue };
            let field = chain.field;
            let (written, normalized, weight) =
                match hamza::variant(self.searcher, field, stems, word) {
                    Some((written, normalized)) => (written, normalized, hamza::VARIANT_WEIGHT),
                    None => match house_style(self.house, self.searcher, stems, word) {
                        Some((form, weight, written)) => (written, form, weight),
                        None => {
                            if self.neighbour_searched {
                                continue;
                            }
                            // Rare or not is the stem's count: `الروس` is not a
                            // slip for `والروس`.
                            let stem = tokens(stems, word);
                            let [(_, stem)] = &stem[..] else { continue };
                            let count = self
                                .searcher
                                .doc_freq(&Term::from_field_text(field, stem))
                                .unwrap_or(0);
                            if count < typos::RARE {
                                // One look-up a query: each walks the term
                                // dictionary with an automaton.
                                self.neighbour_searched = true;
                            }
                            match typos::neighbour(self.searcher, field, word, count) {
                                Some((form, _)) => (
                                    written::written_form(self.searcher, field, &form)
                                        .unwrap_or_else(|| form.clone()),
                                    form,
                                    typos::CORRECTION_WEIGHT,
                                ),
                                None => continue,
                            }
                        }
                    },
                };
            let exact_weight = self.options.exact_weight * weight;
            for &i in scope {
                let chain = &mut self.chains[i];
                let Some(stems) = chain.words.as_mut() else { continue };
                let typed_stem = tokens(stems, word).into_iter().next();
                for (_, stem) in tokens(stems, &normalized) {
                    let term = Term::from_field_text(chain.field, &stem);
                    if everywhere {
                        self.highlight.push(term_query(term.clone()));
                    }
                    if let Some((_, typed_stem)) = &typed_stem {
                        let typed = Term::from_field_text(chain.field, typed_stem);
                        let pair = (typed, term.clone(), weight);
                        if !self.respelled_stems.contains(&pair) {
                            self.respelled_stems.push(pair);
                        }
                    }
                    found.push((position, term, weight));
                }
                // Its exact form counts as the typed word's would.
                if exact_weight > 0.0 {
                    let marked = format!("{EXACT_MARKER}{normalized}");
                    self.bonus_terms.add(Term::from_field_text(chain.field, &marked), exact_weight);
                }
            }
            let correction = Correction { typed: typed.to_string(), searched: written };
            if !self.corrections.contains(&correction) {
                self.corrections.push(correction);
            }
        }
        found
    }

    /// Whether the words of `text` fit under [`MAX_WORDS`]; counts them.
    fn admit(&mut self, text: &str) -> bool {
        let n = text.split_whitespace().count();
        if self.words_read + n > MAX_WORDS {
            self.words_dropped = true;
            return false;
        }
        self.words_read += n;
        true
    }

    /// Adds the clauses of `node` to `out`; `implicit` when its clause has
    /// no sign of its own (the [`Match`] rule decided `occur`).
    fn node(
        &mut self,
        node: &Node,
        occur: Occur,
        implicit: bool,
        scope: &[usize],
        negated: bool,
        out: &mut Vec<(Occur, Box<dyn Query>)>,
    ) -> tantivy::Result<()> {
        let excluded = negated != (occur == Occur::MustNot);
        if !excluded && !matches!(node, Node::Words(_) | Node::Field(..) | Node::Filter(_)) {
            self.tally(implicit, occur);
        }
        let query: Option<Box<dyn Query>> = match node {
            Node::Words(text) => {
                if self.admit(text) {
                    self.words(text, occur, implicit, scope, excluded, out);
                }
                return Ok(());
            }
            Node::Filter(filter) => {
                let list =
                    if excluded { &mut self.filters.exclude } else { &mut self.filters.include };
                list.push(filter.clone());
                return Ok(());
            }
            Node::Field(field, inner) => {
                let Some(i) = self
                    .chains
                    .iter()
                    .position(|c| self.searcher.schema().get_field_name(c.field) == field.name())
                else {
                    return Ok(());
                };
                return self.node(inner, occur, implicit, &[i], negated, out);
            }
            Node::Group(clauses) => {
                let inner = self.sequence(clauses, scope, excluded)?;
                if occur == Occur::Should && inner.iter().all(|(o, _)| *o == Occur::Should) {
                    // `a (b c)` is `a b c`: keep the OR flat.
                    out.extend(inner);
                    return Ok(());
                }
                let mut inner = inner;
                if !inner.is_empty() && inner.iter().all(|(o, _)| *o == Occur::MustNot) {
                    inner.push((Occur::Must, Box::new(AllQuery)));
                }
                (!inner.is_empty()).then(|| Box::new(BooleanQuery::new(inner)) as Box<dyn Query>)
            }
            Node::All => Some(Box::new(AllQuery)),
            Node::Phrase { text, slop } => {
                let respelled = if excluded || text.trim_end().ends_with('*') {
                    Vec::new()
                } else {
                    self.respellings(text, scope, false)
                };
                let mut alternatives = Vec::new();
                for &i in scope {
                    alternatives.extend(self.phrase(i, text, *slop, &respelled)?);
                }
                any_of(alternatives)
            }
            Node::Prefix(word) => {
                let mut alternatives = Vec::new();
                for &i in scope {
                    let field = self.chains[i].field;
                    alternatives.extend(prefix_query(self.searcher, field, word, self.marked)?);
                }
                if alternatives.iter().any(|q| is_broad(&**q)) {
                    let note =
                        Note::BroadPrefix { word: word.to_string(), max: MAX_PREFIX_EXPANSIONS };
                    if !self.notes.contains(&note) {
                        self.notes.push(note);
                    }
                }
                any_of(alternatives)
            }
            Node::Fuzzy(word, distance) => {
                let mut alternatives = Vec::new();
                for &i in scope {
                    alternatives.extend(self.fuzzy(i, word, *distance)?);
                }
                any_of(alternatives)
            }
            Node::Exact(word) => {
                let alternatives = scope
                    .iter()
                    .filter_map(|&i| exact_query(self.chains[i].field, word, self.marked))
                    .collect();
                any_of(alternatives)
            }
        };
        let phrases = std::mem::take(&mut self.pending_phrases);
        if let Some(query) = query {
            if !excluded && !matches!(node, Node::Group(_)) {
                if phrases.is_empty() {
                    self.highlight.push(query.box_clone());
                } else {
                    // Marked where the words stand together only.
                    self.phrases.extend(phrases);
                }
                self.positives += 1;
            }
            let query = if occur == Occur::MustNot { exclusion::excluded(query) } else { query };
            out.push((occur, query));
        }
        Ok(())
    }

    /// The terms of a phrase in one field (stems; the exact forms when it
    /// is all stop words; a prefix for its last word when it ends in `*`),
    /// or the phrase with a word in its other spelling (`respelled`: the
    /// word's position, the term, its weight).
    fn phrase(
        &mut self,
        i: usize,
        text: &str,
        slop: u32,
        respelled: &[(usize, Term, f32)],
    ) -> tantivy::Result<Option<Box<dyn Query>>> {
        let field = self.chains[i].field;
        let trimmed = text.trim_end();
        if let Some(head) = trimmed.strip_suffix('*') {
            let mut exact = TextAnalyzer::from(arabic_exact_marked());
            let terms: Vec<Term> = tokens(&mut exact, head)
                .into_iter()
                .map(|(_, t)| self.exact_term(field, &t))
                .collect();
            return match terms.len() {
                0 => Ok(None),
                _ => phrase_prefix(self.searcher, terms).map(Some),
            };
        }
        let words = match self.chains[i].words.as_mut() {
            Some(chain) => tokens(chain, text),
            None => Vec::new(),
        };
        let mut exact = TextAnalyzer::from(arabic_exact_marked());
        let forms = tokens(&mut exact, text);
        let forms: Vec<(usize, Term)> =
            forms.into_iter().map(|(p, t)| (p, self.exact_term(field, &t))).collect();
        if words.is_empty() {
            // All stop words: the phrase of their exact forms.
            self.pend_phrase(&forms, slop);
            return Ok(positioned(forms, slop));
        }
        let stems: Vec<(usize, Term)> =
            words.into_iter().map(|(p, t)| (p, Term::from_field_text(field, &t))).collect();
        self.pend_phrase(&stems, slop);
        // Words typed in another spelling: the phrase with each of them
        // respelled, and with all of them.
        let mut variants: Vec<Box<dyn Query>> = Vec::new();
        let mut all = stems.clone();
        let mut all_weight = 1.0f32;
        let mut respelled_words = 0;
        for (position, term, weight) in respelled.iter().filter(|(_, t, _)| t.field() == field) {
            let mut other = stems.clone();
            let Some(slot) = other.iter_mut().find(|(p, _)| p == position) else { continue };
            slot.1 = term.clone();
            if let Some(slot) = all.iter_mut().find(|(p, _)| p == position) {
                slot.1 = term.clone();
            }
            all_weight = all_weight.min(*weight);
            respelled_words += 1;
            self.pend_phrase(&other, slop);
            if let Some(query) = positioned(other, slop) {
                variants.push(Box::new(BoostQuery::new(query, *weight)));
            }
        }
        if respelled_words > 1 {
            self.pend_phrase(&all, slop);
            if let Some(query) = positioned(all, slop) {
                variants.push(Box::new(BoostQuery::new(query, all_weight)));
            }
        }
        let Some(stems) = positioned(stems, slop) else { return Ok(None) };
        let stems = match variants.is_empty() {
            true => stems,
            false => {
                variants.insert(0, stems);
                any_of(variants).expect("two alternatives or more")
            }
        };
        let weight = self.options.exact_weight;
        if self.chains[i].exact.is_none() || weight <= 0.0 {
            return Ok(Some(stems));
        }
        // The phrase as written (exact forms) adds to the score, as a
        // word's exact form does: `"الأمر التنفيذي"` ranks the articles
        // that say just that above «أمرين تنفيذيين».
        let Some(literal) = positioned(forms, slop) else { return Ok(Some(stems)) };
        Ok(Some(Box::new(BooleanQuery::new(vec![
            (Occur::Must, stems),
            (Occur::Should, Box::new(BoostQuery::new(literal, weight))),
        ]))))
    }

    /// `word~N` in one field: the word as any word is searched, or one of
    /// its exact forms within `distance` edits (at most
    /// [`typos::most_edits`]), the most common [`typos::MAX_FUZZY_FORMS`];
    /// on an index without exact forms, the word alone.
    fn fuzzy(
        &mut self,
        i: usize,
        word: &str,
        distance: u8,
    ) -> tantivy::Result<Option<Box<dyn Query>>> {
        let field = self.chains[i].field;
        // The word itself, as any word is searched (its stem).
        let words: Vec<Box<dyn Query>> = match self.chains[i].words.as_mut() {
            Some(chain) => tokens(chain, word)
                .into_iter()
                .map(|(_, t)| term_query(Term::from_field_text(field, &t)))
                .collect(),
            None => Vec::new(),
        };
        let mut exact = TextAnalyzer::from(arabic_exact_marked());
        let forms = tokens(&mut exact, word);
        let [(_, form)] = &forms[..] else { return Ok(any_of(words)) };
        if !self.marked {
            return Ok(any_of(words));
        }
        let form = form.trim_start_matches(EXACT_MARKER);
        let distance = distance.min(typos::most_edits(form));
        let near: Vec<Box<dyn Query>> = self
            .near_terms(field, form, distance)?
            .into_iter()
            .map(|(term, weight)| {
                Box::new(BoostQuery::new(term_query(term), weight)) as Box<dyn Query>
            })
            .collect();
        // One form's score, not the sum of all that an article holds: an
        // article with many short neighbours must not outrank the word.
        let mut alternatives = words;
        if !near.is_empty() {
            alternatives.push(Box::new(DisjunctionMaxQuery::new(near)));
        }
        Ok(any_of(alternatives))
    }

    /// The exact forms of `field` within `distance` edits of `form`, the
    /// most common [`typos::MAX_FUZZY_FORMS`], each weighted by the square
    /// root of its share of the most common one's articles (a rare
    /// neighbour would otherwise win on its idf alone).
    fn near_terms(
        &self,
        field: Field,
        form: &str,
        distance: u8,
    ) -> tantivy::Result<Vec<(Term, f32)>> {
        let near = typos::near_forms(self.searcher, field, form, distance)?;
        let most = near.first().map_or(1, |(_, n)| *n).max(1) as f32;
        Ok(near
            .into_iter()
            .take(typos::MAX_FUZZY_FORMS)
            .map(|(key, n)| (Term::from_field_text(field, &key), (n as f32 / most).sqrt()))
            .collect())
    }

    /// Keeps a phrase of two words or more for marking.
    fn pend_phrase(&mut self, terms: &[(usize, Term)], slop: u32) {
        let Some(first) = terms.first().map(|(p, _)| *p) else { return };
        if terms.len() > 1 {
            let terms = terms.iter().map(|(p, t)| (p - first, t.clone())).collect();
            self.pending_phrases.push(Phrase { terms, slop });
        }
    }

    /// A term of the exact chain's (marked) text: unmarked on indexes that
    /// do not mark exact forms.
    fn exact_term(&self, field: Field, marked_text: &str) -> Term {
        Term::from_field_text(field, self.exact_text(marked_text))
    }

    fn exact_text<'t>(&self, marked_text: &'t str) -> &'t str {
        if self.marked {
            marked_text
        } else {
            marked_text.trim_start_matches(fahras_analyzers::EXACT_MARKER)
        }
    }

    /// Counts a positive part of the query for [`Built::rule_matters`]:
    /// written without a sign (`implicit`), or required by one.
    fn tally(&mut self, implicit: bool, occur: Occur) {
        if implicit {
            self.unsigned += 1;
        } else if occur == Occur::Must {
            self.signed_required += 1;
        }
    }

    /// Text between spaces: its words in each field of `scope`; `implicit`
    /// when written without a sign (its stop words are then never
    /// required, whatever the [`Match`] rule: `حريق في كاليفورنيا` counts
    /// the articles with both names, not only those that also write `في`
    /// as such).
    fn words(
        &mut self,
        text: &str,
        occur: Occur,
        implicit: bool,
        scope: &[usize],
        excluded: bool,
        out: &mut Vec<(Occur, Box<dyn Query>)>,
    ) {
        let weight = self.options.exact_weight;
        // Per field: the words' terms (positioned) and their exact forms.
        let mut per_field: Vec<(Field, Tokens, Tokens)> = Vec::new();
        for &i in scope {
            let chain = &mut self.chains[i];
            let words = chain.words.as_mut().map(|c| tokens(c, text)).unwrap_or_default();
            let exact = match chain.exact.as_mut() {
                Some(c) if !excluded => tokens(c, text),
                _ => Vec::new(),
            };
            per_field.push((chain.field, words, exact));
        }
        if per_field.iter().all(|(_, words, _)| words.is_empty()) {
            // All stop words (or punctuation).
            let mut exact = TextAnalyzer::from(arabic_exact_marked());
            let forms = tokens(&mut exact, text);
            if forms.is_empty() {
                return;
            }
            self.stop_words = true;
            if occur == Occur::Should || implicit {
                // Scored by their exact forms only (below); when the whole
                // query is such words, it is searched in exact mode instead.
            } else {
                // `+في`, `-في`: the user asked for this word.
                let forms: Vec<(usize, String)> =
                    forms.into_iter().map(|(p, t)| (p, self.exact_text(&t).to_string())).collect();
                for (_, words, _) in &mut per_field {
                    words.clone_from(&forms);
                }
            }
        }
        let positive = !excluded;
        if positive {
            // Each word of `covid-19` counts, as two words would.
            let words = per_field.iter().map(|(_, w, _)| w.len()).max().unwrap_or(0);
            for _ in 0..words {
                self.tally(implicit, occur);
            }
        }
        match occur {
            Occur::Should => {
                if positive {
                    for (_, term, weight) in self.respellings(text, scope, true) {
                        self.optional.last_mut().expect("in a sequence").add(term, weight);
                    }
                    if self.options.fuzzy && self.marked {
                        self.fuzzy_words(text, scope);
                    }
                }
                for (field, words, _) in &per_field {
                    for (_, word) in words {
                        let term = Term::from_field_text(*field, word);
                        if positive {
                            self.highlight.push(term_query(term.clone()));
                            self.positives += 1;
                        }
                        self.optional.last_mut().expect("in a sequence").add(term, 1.0);
                    }
                }
            }
            Occur::Must => {
                // A required word matches its other spellings too.
                let respelled =
                    if positive { self.respellings(text, scope, true) } else { Vec::new() };
                let longest = per_field.iter().map(|(_, w, _)| w.len()).max().unwrap_or(0);
                for k in 0..longest {
                    let mut alternatives: Vec<Box<dyn Query>> = per_field
                        .iter()
                        .filter_map(|(field, words, _)| {
                            words.get(k).map(|(_, w)| term_query(Term::from_field_text(*field, w)))
                        })
                        .collect();
                    let position = per_field.iter().find_map(|(_, words, _)| words.get(k));
                    if let Some((position, _)) = position {
                        for (_, term, weight) in respelled.iter().filter(|(p, _, _)| p == position)
                        {
                            let query = term_query(term.clone());
                            alternatives.push(Box::new(BoostQuery::new(query, *weight)));
                        }
                    }
                    if positive {
                        self.highlight.extend(alternatives.iter().map(|q| q.box_clone()));
                        self.positives += 1;
                    }
                    out.extend(any_of(alternatives).map(|q| (Occur::Must, q)));
                }
            }
            Occur::MustNot => {
                // An excluded piece of several words (`-covid-19`) excludes
                // the words together, not each one anywhere.
                let alternatives: Vec<Box<dyn Query>> = per_field
                    .iter()
                    .filter_map(|(field, words, _)| {
                        let terms = words
                            .iter()
                            .map(|(p, w)| (*p, Term::from_field_text(*field, w)))
                            .collect();
                        positioned(terms, 0)
                    })
                    .collect();
                out.extend(any_of(alternatives).map(|q| (Occur::MustNot, exclusion::excluded(q))));
            }
        }
        if positive && weight > 0.0 {
            // Each word's exact form adds to the best articles' scores in
            // the second phase; it never decides what matches (a stop
            // word's, which has no stem, would make `حريق في كاليفورنيا`
            // match every article with `في`). On news-title-dev (MRR@10 /
            // Recall@100): words' exact forms in the first phase and stop
            // words' in the second 0.6262 / 0.9550; all in the second,
            // on the best 30, 0.6273 / 0.9450, and the first phase is as
            // fast as plain BM25.
            for (field, words, exact) in per_field {
                for (position, form) in exact {
                    let has_stem = words.iter().any(|(p, _)| *p == position);
                    let term = Term::from_field_text(field, &form);
                    if has_stem {
                        // Its stem marks it already.
                        self.bonus_terms.add(term, weight);
                    } else {
                        // Marking every في of a snippet would hide the words
                        // that matched.
                        self.bonus_terms.add(term, weight);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::searcher::query::Match;
    use crate::searcher::{Engine, SearchRequest};
    use crate::testing::{engine, ids_of, matching, news, search};

    /// The ids every article matching `query` under `rule`, sorted.
    fn matching_by(engine: &Engine, query: &str, rule: Match) -> Vec<String> {
        let mut request =
            SearchRequest { limit: 100, collapse: false, ..SearchRequest::new(query) };
        request.options.matching = Some(rule);
        let mut ids = ids_of(&search(engine, &request));
        ids.sort();
        ids
    }

    fn rule_matters(engine: &Engine, query: &str) -> bool {
        let searcher = engine.searcher();
        engine.plan(&searcher, &SearchRequest::new(query)).expect("a plan").rule_matters
    }

    fn notes(engine: &Engine, query: &str) -> Vec<String> {
        search(engine, &SearchRequest::new(query)).notes.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_word_matches_every_form_of_its_stem() {
        let engine = engine(news());
        // n1 says النفط in its title and body, n3 in its body only.
        assert_eq!(matching(&engine, "النفط"), ["n1", "n3"]);
        assert_eq!(matching(&engine, "نفط"), ["n1", "n3"]);
        // أسعار with and without its hamza, the definite article added.
        assert_eq!(matching(&engine, "اسعار"), ["n1", "n3"]);
        assert_eq!(matching(&engine, "الأسعار"), ["n1", "n3"]);
    }

    #[test]
    fn several_words_match_any_of_them_or_all_of_them() {
        let engine = engine(news());
        assert_eq!(matching_by(&engine, "الذهب النفط", Match::Any), ["n1", "n3"]);
        assert_eq!(matching_by(&engine, "الذهب النفط", Match::All), ["n3"]);
        assert_eq!(matching_by(&engine, "الذهب المنتخب", Match::Any), ["n2", "n3"]);
        assert!(matching_by(&engine, "الذهب المنتخب", Match::All).is_empty());
    }

    #[test]
    fn a_phrase_matches_its_words_together_only() {
        let engine = engine(news());
        // n3 holds أسعار and النفط, apart.
        assert_eq!(matching(&engine, "\"أسعار النفط\""), ["n1"]);
        assert_eq!(matching(&engine, "«ارتفاع النفط»"), ["n3"]);
        // `~N`: N more positions between them. Both bodies put two
        // words between أسعار and الأسواق (one of them the stop word في).
        assert_eq!(matching(&engine, "\"أسعار الأسواق\"~1"), Vec::<String>::new());
        assert_eq!(matching(&engine, "\"أسعار الأسواق\"~2"), ["n1", "n3"]);
    }

    #[test]
    fn a_phrase_among_other_words_is_searched_as_its_words() {
        let engine = engine(news());
        assert_eq!(matching(&engine, "\"أسعار النفط\" المنتخب"), ["n1", "n2", "n3"]);
        assert!(notes(&engine, "\"أسعار النفط\" المنتخب").contains(
            &"a quoted phrase among other words is searched as words; +\"…\" requires the phrase"
                .to_string()
        ));
        // Required, it is a phrase again.
        assert_eq!(matching(&engine, "+\"أسعار النفط\" المنتخب"), ["n1"]);
    }

    #[test]
    fn an_exclusion_removes_the_articles_holding_it() {
        let engine = engine(news());
        assert_eq!(matching(&engine, "النفط -الذهب"), ["n1"]);
        assert_eq!(matching(&engine, "النفط NOT الذهب"), ["n1"]);
        // Alone, it keeps every other article.
        assert_eq!(matching(&engine, "-النفط"), ["n2", "n4", "n5"]);
        // An excluded phrase excludes its words together only: n3 says
        // ارتفاع النفط, n1 says ارتفاع and النفط apart in its body but
        // together in no place.
        assert_eq!(matching(&engine, "أسعار -\"ارتفاع النفط\""), ["n1"]);
        assert_eq!(matching(&engine, "أسعار -\"أسعار النفط\""), ["n3"]);
    }

    #[test]
    fn or_joins_alternatives_whatever_the_rule() {
        let engine = engine(news());
        assert_eq!(matching_by(&engine, "الذهب OR مكتبة", Match::All), ["n3", "n4"]);
        assert_eq!(matching_by(&engine, "أسعار (الذهب OR مكتبة)", Match::All), ["n3"]);
        assert_eq!(matching_by(&engine, "+الذهب +النفط", Match::Any), ["n3"]);
    }

    #[test]
    fn a_field_prefix_limits_a_word_to_that_field() {
        let engine = engine(news());
        assert_eq!(matching(&engine, "title:النفط"), ["n1"]);
        assert_eq!(matching(&engine, "body:النفط"), ["n1", "n3"]);
        assert_eq!(matching(&engine, "title:الأسواق"), Vec::<String>::new());
        assert_eq!(matching(&engine, "body:مكتبة"), ["n4"]);
    }

    #[test]
    fn a_source_filter_ignores_case_and_adds_nothing_to_the_score() {
        let engine = engine(news());
        assert_eq!(matching(&engine, "أسعار source:WAM"), ["n1", "n3"]);
        assert_eq!(matching(&engine, "أسعار source:spa"), Vec::<String>::new());
        assert_eq!(matching(&engine, "source:spa"), ["n2", "n5"]);
        assert_eq!(matching(&engine, "source:(qna OR spa)"), ["n2", "n4", "n5"]);
        assert_eq!(matching(&engine, "* -source:wam"), ["n2", "n4", "n5"]);
        let scores = |query: &str| -> Vec<(String, f32)> {
            search(&engine, &SearchRequest::new(query))
                .hits
                .into_iter()
                .map(|h| (h.id, h.score))
                .collect()
        };
        assert_eq!(scores("أسعار source:wam"), scores("أسعار"));
    }

    #[test]
    fn category_and_id_filters_and_excluded_filters() {
        let engine = engine(news());
        assert_eq!(matching(&engine, "category:اقتصاد"), ["n1", "n3"]);
        assert_eq!(matching(&engine, "أسعار -category:اقتصاد"), Vec::<String>::new());
        assert_eq!(matching(&engine, "id:n4"), ["n4"]);
        assert_eq!(matching(&engine, "id:n4 OR id:n2"), ["n2", "n4"]);
        // Different fields must all hold.
        assert_eq!(matching(&engine, "source:wam date:2019"), ["n3"]);
        // An excluded period keeps the undated article.
        assert_eq!(matching(&engine, "* -date:2018"), ["n2", "n3", "n4"]);
    }

    #[test]
    fn a_source_no_article_has_is_noted() {
        let engine = engine(news());
        let results = search(&engine, &SearchRequest::new("أسعار source:afp"));
        assert_eq!(results.total, 0);
        assert_eq!(
            results.notes,
            [crate::note::Note::NoArticleHas { field: "source", value: "afp".into() }]
        );
    }

    #[test]
    fn a_date_filter_keeps_its_whole_period() {
        let engine = engine(news());
        assert_eq!(matching(&engine, "أسعار date:2019"), ["n3"]);
        assert_eq!(matching(&engine, "date:2018"), ["n1", "n5"]);
        assert_eq!(matching(&engine, "date:2018-11"), ["n5"]);
        assert_eq!(matching(&engine, "date:2019-05-10"), ["n2"]);
        assert_eq!(matching(&engine, "date:[2018-06 TO 2019-06]"), ["n2", "n5"]);
        // Values of one field are alternatives.
        assert_eq!(matching(&engine, "date:2018-03 date:2019-07"), ["n1", "n3"]);
    }

    #[test]
    fn an_unreadable_date_is_noted_and_left_out_of_a_ranked_search_only() {
        let engine = engine(news());
        let results = search(&engine, &SearchRequest::new("النفط date:2017-13"));
        assert_eq!(results.total, 2);
        assert_eq!(results.notes.len(), 1, "{:?}", results.notes);
        assert_eq!(results.notes[0], crate::note::Note::NotADate { value: "2017-13".into() });
        assert!(results.notes[0].to_string().ends_with("; ignored"));
        // A count without it would count more than was asked.
        let mut count = SearchRequest { limit: 0, ..SearchRequest::new("النفط date:2017-13") };
        count.options.counting = true;
        match engine.search(&count) {
            Err(error @ Error::UnreadableFilter { .. }) => {
                assert!(error.to_string().contains("not counted"), "{error}")
            }
            other => panic!("expected an error, got {:?}", other.map(|r| r.total)),
        }
    }

    #[test]
    fn the_rule_matters_only_when_the_other_rule_would_match_others() {
        let engine = engine(news());
        for (query, matters) in [
            ("النفط", false),
            ("\"أسعار النفط\"", false),
            ("الذهب OR النفط", false),
            ("+الذهب +النفط", false),
            ("النفط -الذهب", false),
            ("النفط source:wam", false),
            ("الذهب النفط", true),
            ("الذهب +النفط", true),
            ("title:الذهب body:النفط", true),
        ] {
            assert_eq!(rule_matters(&engine, query), matters, "{query}");
        }
    }

    #[test]
    fn only_stop_words_are_searched_as_exact_words() {
        let engine = engine(news());
        // في is in every body but n4's.
        assert_eq!(matching(&engine, "في"), ["n1", "n2", "n3", "n5"]);
        assert_eq!(
            notes(&engine, "في"),
            ["only common words (stop words) were given; searched as exact words"]
        );
        // Beside a word, a stop word is not required.
        assert_eq!(matching_by(&engine, "مكتبة في", Match::All), ["n4"]);
    }

    #[test]
    fn a_prefix_and_an_exact_word() {
        let engine = engine(news());
        assert_eq!(matching(&engine, "مكتب*"), ["n4"]);
        assert_eq!(matching(&engine, "title:مكتب*"), ["n4"]);
        assert_eq!(matching(&engine, "title:افتتحت*"), Vec::<String>::new());
        assert_eq!(matching(&engine, "=النفط"), ["n1", "n3"]);
        // No article writes the bare stem.
        assert_eq!(matching(&engine, "=نفط"), Vec::<String>::new());
        assert_eq!(matching(&engine, "*"), ["n1", "n2", "n3", "n4", "n5"]);
    }
}
