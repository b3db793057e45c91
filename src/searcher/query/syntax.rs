//! The query language, read forgivingly: operators count where they are
//! well formed, and everything else is text to search.
//!
//! Like Elasticsearch's `simple_query_string` (and unlike Lucene's classic
//! parser, which tantivy's `QueryParser` follows), no query text is an
//! error. A pasted headline such as `ترامب: الاستعدادات للقاء كيم جيدة` or
//! `كاليفورنيا - فيديو` is searched as the words it holds; when something
//! that looked like an operator was searched as words, a [`note`](Parsed::notes)
//! says so.
//!
//! | written | meaning |
//! |---|---|
//! | `"…"`, `«…»`, `“…”`, `„…“` | a phrase; `"…"~N` lets the words stand N apart; unclosed: to the end |
//! | `+x`, `-x`, `NOT x` | required, excluded (the sign touches what follows it) |
//! | `x AND y`, `x OR y` | both required; either, whatever the [`Match`](super::Match) rule; `OR` binds closer than `AND` and the space (`a b OR c` is `a (b OR c)`), and `+a OR +b` is `+(a OR b)` |
//! | `( … )` | a group (only when its parenthesis is closed) |
//! | `title:x`, `body:x` | searched in that field only (scoring) |
//! | `date:`, `source:`, `category:`, `id:` | filters ([`Filter`]) |
//! | `word*`, `=word`, `*` | prefix, exact (unstemmed) word, every article |
//!
//! This module only reads the text; [`super::build`] turns the result into
//! tantivy queries.

use super::filter::{parse_date_filter, DateFilter};
use crate::note::{not_a_date, shown, Note};

/// How deep parentheses nest before they are read as text: hostile input
/// must not exhaust the stack.
const MAX_DEPTH: usize = 32;

/// Most notes kept for one query.
pub(crate) const MAX_NOTES: usize = 5;

/// A clause's sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    /// As the [`Match`](super::Match) rule says: optional (any of the
    /// words), or required (all of them: a count, `--all`).
    Default,
    /// Optional: `x OR y`.
    Should,
    /// Required: `+x`, `x AND y`.
    Must,
    /// Excluded: `-x`, `NOT x`.
    MustNot,
}

/// A text field a clause may be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextField {
    /// `title:`
    Title,
    /// `body:`
    Body,
}

impl TextField {
    /// The schema name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            TextField::Title => crate::schema::TITLE,
            TextField::Body => crate::schema::BODY,
        }
    }
}

/// A filter: restricts the articles, never scores them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Filter {
    /// `date:2017`, `date:2017-06`, `date:2017-06-05`, `date:[a TO b]`.
    Date(DateFilter),
    /// `source:x`, matched regardless of case.
    Source(String),
    /// `category:x`, matched regardless of case.
    Category(String),
    /// `id:x`, exactly.
    Id(String),
}

/// What a clause searches.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Text as written between spaces: analyzed into words.
    Words(String),
    /// A phrase, with the distance its words may stand apart.
    Phrase {
        /// The text between the quotes.
        text: String,
        /// Extra positions allowed between the words (`~N`).
        slop: u32,
    },
    /// `word*`: every word starting with it.
    Prefix(String),
    /// `=word`: this word, normalized but not stemmed.
    Exact(String),
    /// `word~` / `word~N`: the word's exact forms within N edits (1 or 2;
    /// `~` alone is 1).
    Fuzzy(String, u8),
    /// `*`: every article.
    All,
    /// `( … )`.
    Group(Vec<Clause>),
    /// `title:…` / `body:…`.
    Field(TextField, Box<Node>),
    /// A filter.
    Filter(Filter),
}

/// One signed part of a query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Clause {
    /// Required, optional or excluded.
    pub sign: Sign,
    /// What it searches.
    pub node: Node,
}

/// A query as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Parsed {
    /// The top-level clauses.
    pub clauses: Vec<Clause>,
    /// What was read differently from how it looked, one line each.
    pub notes: Vec<Note>,
    /// The filters that could not be read and were left out (`date:2017-13`),
    /// each as its note says it: a count must not be made without them.
    pub unreadable: Vec<String>,
}

/// Reads `text`. Never fails: what is not a well-formed operator is text.
pub(crate) fn parse(text: &str) -> Parsed {
    let tokens = lex(text);
    let closes = match_parens(&tokens);
    let mut parser =
        Parser { tokens: &tokens, closes, at: 0, notes: Vec::new(), unreadable: Vec::new() };
    let clauses = parser.sequence(0, None);
    Parsed { clauses, notes: parser.notes, unreadable: parser.unreadable }
}

/// Word separators: every Unicode space, plus the zero-width space and the
/// byte-order mark, which copied web text carries between words.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// A digit in any of the scripts the analysis folds to ASCII digits.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// The closing quotes that end a phrase opened by `open`, or None if `open`
/// is not an opening quote.
fn closers(open: char) -> Option<&'static [char]> {
    match open {
        '"' => Some(&['"']),
        '«' => Some(&['»']),
        '“' => Some(&['”', '“']),
        '„' => Some(&['“', '”']),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    /// Text between separators.
    Word(&'a str),
    /// A quoted phrase.
    Phrase {
        text: &'a str,
        slop: Option<u32>,
        closed: bool,
    },
    Open,
    Close,
    Plus,
    Minus,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    tok: Tok<'a>,
    start: usize,
    end: usize,
}

/// Splits the query into words, phrases, parentheses and signs.
fn lex(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    // At the start of a token: a sign or a quote here is an operator.
    let mut at_start = true;
    while let Some(c) = text[pos..].chars().next() {
        let len = c.len_utf8();
        if is_space(c) {
            pos += len;
            at_start = true;
            continue;
        }
        if at_start && (c == '+' || c == '-') {
            let next = text[pos + len..].chars().next();
            // `-5 درجات`: a sign before a number is part of the number.
            let signs =
                next.is_some_and(|n| !is_space(n) && !matches!(n, '+' | '-' | ')') && !is_digit(n));
            if signs {
                let tok = if c == '+' { Tok::Plus } else { Tok::Minus };
                tokens.push(Token { tok, start: pos, end: pos + len });
                pos += len;
                continue;
            }
        }
        if at_start {
            if let Some(ends) = closers(c) {
                let inner = pos + len;
                let (text_end, after, closed) = match text[inner..].find(ends) {
                    Some(i) => {
                        let close = text[inner + i..].chars().next().expect("found");
                        (inner + i, inner + i + close.len_utf8(), true)
                    }
                    None => (text.len(), text.len(), false),
                };
                let (slop, end) = slop_after(text, after);
                let tok = Tok::Phrase { text: &text[inner..text_end], slop, closed };
                tokens.push(Token { tok, start: pos, end });
                pos = end;
                at_start = false;
                continue;
            }
        }
        if c == '(' || c == ')' {
            let tok = if c == '(' { Tok::Open } else { Tok::Close };
            tokens.push(Token { tok, start: pos, end: pos + len });
            pos += len;
            at_start = c == '(';
            continue;
        }
        let end = word_end(text, pos);
        tokens.push(Token { tok: Tok::Word(&text[pos..end]), start: pos, end });
        // `title:"…"` and `title:(…)`: the field name ends the word.
        at_start = text[..end].ends_with(':');
        pos = end;
    }
    tokens
}

/// `~N` right after a closing quote: the slop and where the token ends.
fn slop_after(text: &str, at: usize) -> (Option<u32>, usize) {
    let Some(rest) = text[at..].strip_prefix('~') else { return (None, at) };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return (None, at);
    }
    // Kept whole here: the parser caps it, with a note.
    let slop = rest[..digits].parse::<u32>().unwrap_or(u32::MAX);
    (Some(slop), at + 1 + digits)
}

/// The farthest apart a phrase's words may stand (`"…"~N`). Words 20 apart
/// are hardly a phrase, and past it the cost explodes: on the 72k archive
/// `"قطر قطر …"~50` (the word 30 times) took 2 GB and 3 s where `~20` takes
/// 15 MB and 10 ms, and `~1000` with 14 words ran out of memory.
pub(crate) const MAX_SLOP: u32 = 20;

/// The end of the word starting at `start`: the next separator or
/// parenthesis; after `field:`, an opening quote or parenthesis; a date
/// range `date:[… TO …]` is one word up to its closing bracket.
fn word_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    if let Some((name, value)) = rest.split_once(':') {
        if name.eq_ignore_ascii_case("date") && value.starts_with(['[', '{']) {
            if let Some(close) = value.find([']', '}']) {
                return start + name.len() + 1 + close + 1;
            }
        }
    }
    let mut end = start;
    for (i, c) in rest.char_indices() {
        if is_space(c) || c == '(' || c == ')' {
            break;
        }
        if i > 0 && closers(c).is_some() && rest[..i].ends_with(':') {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// For each `Open` token, the index of the `Close` that ends its group
/// (None when it is never closed).
fn match_parens(tokens: &[Token]) -> Vec<Option<usize>> {
    let mut closes = vec![None; tokens.len()];
    let mut open = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.tok {
            Tok::Open => open.push(i),
            Tok::Close => {
                if let Some(o) = open.pop() {
                    closes[o] = Some(i);
                }
            }
            _ => {}
        }
    }
    closes
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    closes: Vec<Option<usize>>,
    at: usize,
    notes: Vec<Note>,
    unreadable: Vec<String>,
}

/// `AND` or `OR` between two clauses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Connector {
    And,
    Or,
}

impl<'a> Parser<'_, 'a> {
    fn note(&mut self, note: Note) {
        if self.notes.len() < MAX_NOTES && !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Whether the token at `i` can start a clause.
    fn starts_operand(&self, i: usize) -> bool {
        match self.tokens.get(i).map(|t| &t.tok) {
            None | Some(Tok::Close) => false,
            Some(Tok::Word(w)) => !matches!(*w, "AND" | "OR"),
            Some(_) => true,
        }
    }

    /// Clauses up to the token `until` (a group's closing parenthesis) or
    /// the end.
    ///
    /// `OR` binds closer than `AND` and the space: the alternatives it
    /// joins become one group (`a b OR c` is `a (b OR c)`; `a AND b OR c`
    /// is `a AND (b OR c)`), so that the rule of the words without a sign
    /// ([`super::Match`]) applies to the group, not to each alternative:
    /// under "all the words", `مقاطعة "قطر" OR "الدوحة"` requires مقاطعة
    /// and one of the two. An alternative's `+` requires the group (`+a OR
    /// +b` is `+(a OR b)`: either is required); an excluded clause (`a OR
    /// -b`) joins no group and stays an exclusion.
    fn sequence(&mut self, depth: usize, until: Option<usize>) -> Vec<Clause> {
        let mut clauses: Vec<Clause> = Vec::new();
        // The index in `clauses` of the group of alternatives being built.
        let mut alternatives: Option<usize> = None;
        let mut connector: Option<Connector> = None;
        let mut sign = Sign::Default;
        let end = until.unwrap_or(self.tokens.len());
        while self.at < end {
            let token = &self.tokens[self.at];
            match token.tok {
                Tok::Close => {
                    // A group's own parenthesis is `until`; this one closes nothing.
                    self.at += 1;
                    continue;
                }
                Tok::Plus | Tok::Minus => {
                    sign = if token.tok == Tok::Plus { Sign::Must } else { Sign::MustNot };
                    self.at += 1;
                    continue;
                }
                Tok::Word(word @ ("AND" | "OR" | "NOT")) => {
                    let well_formed = self.starts_operand(self.at + 1)
                        && (word == "NOT" || (!clauses.is_empty() && connector.is_none()));
                    if well_formed {
                        match word {
                            "AND" => connector = Some(Connector::And),
                            "OR" => connector = Some(Connector::Or),
                            _ => sign = Sign::MustNot,
                        }
                        self.at += 1;
                        continue;
                    }
                    self.note(Note::JoinsNothing { word: word.to_string() });
                }
                _ => {}
            }
            let Some(node) = self.node(depth) else { continue };
            let mut clause = Clause { sign, node };
            sign = Sign::Default;
            let joined = connector.take();
            let chain = alternatives.take();
            match joined {
                Some(Connector::And) => {
                    promote(clauses.last_mut(), Sign::Must);
                    promote(Some(&mut clause), Sign::Must);
                }
                Some(Connector::Or) => {
                    let at = clauses.len() - 1;
                    let last = &mut clauses[at];
                    if last.sign == Sign::MustNot || clause.sign == Sign::MustNot {
                        promote(Some(last), Sign::Should);
                        promote(Some(&mut clause), Sign::Should);
                    } else {
                        if chain != Some(at) {
                            // The first alternative starts the group.
                            let first = std::mem::replace(
                                last,
                                Clause { sign: Sign::Default, node: Node::Group(Vec::new()) },
                            );
                            join(last, first);
                        }
                        join(&mut clauses[at], clause);
                        alternatives = Some(at);
                        continue;
                    }
                }
                None => {}
            }
            clauses.push(clause);
        }
        // `a OR b` alone is its alternatives (as `(a OR b)` always was).
        if let [Clause { sign: Sign::Default | Sign::Must, node: Node::Group(inner) }] =
            &mut clauses[..]
        {
            if alternatives == Some(0) {
                return std::mem::take(inner);
            }
        }
        clauses
    }

    /// The clause starting at the current token (a word, phrase or group),
    /// and moves past it.
    fn node(&mut self, depth: usize) -> Option<Node> {
        let i = self.at;
        let token = self.tokens[i].clone();
        self.at += 1;
        match token.tok {
            Tok::Open => match self.closes[i] {
                Some(close) if depth < MAX_DEPTH => {
                    let clauses = self.sequence(depth + 1, Some(close));
                    self.at = close + 1;
                    Some(Node::Group(clauses))
                }
                Some(_) => None,
                None => {
                    self.note(Note::UnclosedParenthesis);
                    None
                }
            },
            Tok::Phrase { text, .. } if text.trim().is_empty() => None,
            Tok::Phrase { text, slop, closed } => {
                if !closed {
                    self.note(Note::UnclosedQuote { phrase: shown(text) });
                }
                let slop = slop.unwrap_or(0);
                if slop > MAX_SLOP {
                    self.note(Note::SlopTooWide { phrase: shown(text), slop, max: MAX_SLOP });
                }
                Some(Node::Phrase { text: text.to_string(), slop: slop.min(MAX_SLOP) })
            }
            Tok::Word(word) => Some(self.word(word, token.end, depth)),
            Tok::Close | Tok::Plus | Tok::Minus => None,
        }
    }

    /// A word: a field, a filter, a prefix, an exact word or text.
    fn word(&mut self, word: &'a str, end: usize, depth: usize) -> Node {
        if word == "*" {
            return Node::All;
        }
        if let Some((name, value)) = word.split_once(':') {
            if let Some(node) = self.field(name, value, end, depth) {
                return node;
            }
            if !name.is_empty() && name.chars().any(char::is_alphabetic) && !known_field(name) {
                self.note(Note::NotAField { text: shown(&word[..name.len() + 1]) });
            }
            return Node::Words(word.to_string());
        }
        plain(word)
    }

    /// `name:value`, when `name` is one of the index's fields; for `title:`
    /// and `body:` the value may be the phrase or group that follows.
    fn field(&mut self, name: &str, value: &'a str, end: usize, depth: usize) -> Option<Node> {
        let name = name.to_ascii_lowercase();
        // `title:"…"`, `title:(…)`, `source:"…"`: the value is the next token.
        let next_is_value = value.is_empty()
            && self
                .tokens
                .get(self.at)
                .is_some_and(|t| t.start == end && matches!(t.tok, Tok::Phrase { .. } | Tok::Open));
        let text_field = match name.as_str() {
            "title" => Some(TextField::Title),
            "body" => Some(TextField::Body),
            _ => None,
        };
        if !known_field(&name) {
            return None;
        }
        if value.is_empty() && !next_is_value {
            self.note(Note::NoValue { field: name.to_string() });
            return Some(Node::Words(String::new()));
        }
        // `title:(النفط أوبك` with the group never closed: the group runs to
        // the end of the query (read as words, it would lose its field).
        let unclosed = next_is_value
            && matches!(self.tokens[self.at].tok, Tok::Open)
            && self.closes[self.at].is_none();
        if unclosed {
            // As deep as a closed group may go: past that, words (each
            // unclosed group would nest the next one level deeper).
            if depth >= MAX_DEPTH {
                return None;
            }
            return Some(self.unclosed_group(&name, text_field, depth));
        }
        if let Some(field) = text_field {
            if next_is_value {
                let node = self.node(depth)?;
                return Some(Node::Field(field, Box::new(node)));
            }
            return Some(Node::Field(field, Box::new(plain(value))));
        }
        if !next_is_value {
            return Some(self.filter(&name, value));
        }
        let i = self.at;
        match self.tokens[i].tok {
            Tok::Phrase { text, .. } => {
                self.at += 1;
                Some(self.filter(&name, text.trim()))
            }
            // `source:(a OR b)`: any of the values.
            Tok::Open => {
                let close = self.closes[i]?;
                self.at = close + 1;
                Some(Node::Group(self.filter_values(&name, i + 1..close)))
            }
            _ => None,
        }
    }

    /// The filters `name:value` of each value among `tokens` (the inside
    /// of `source:(a OR b)`), as alternatives.
    fn filter_values(&mut self, name: &str, tokens: std::ops::Range<usize>) -> Vec<Clause> {
        let values: Vec<&str> = self.tokens[tokens]
            .iter()
            .filter_map(|token| match token.tok {
                Tok::Word(w) if !matches!(w, "OR" | "AND") => Some(w),
                Tok::Phrase { text, .. } => Some(text.trim()),
                _ => None,
            })
            .collect();
        values
            .into_iter()
            .map(|v| Clause { sign: Sign::Should, node: self.filter(name, v) })
            .collect()
    }

    /// `name:(…` never closed, at the `(`: its clauses (a text field) or its
    /// values (a filter) to the end of the query.
    fn unclosed_group(&mut self, name: &str, text_field: Option<TextField>, depth: usize) -> Node {
        let open = self.at;
        self.at += 1;
        let node = match text_field {
            Some(field) => {
                let clauses = self.sequence(depth + 1, None);
                (!clauses.is_empty()).then(|| Node::Field(field, Box::new(Node::Group(clauses))))
            }
            None => {
                let clauses = self.filter_values(name, open + 1..self.tokens.len());
                self.at = self.tokens.len();
                (!clauses.is_empty()).then_some(Node::Group(clauses))
            }
        };
        match node {
            Some(node) => {
                self.note(Note::UnclosedFieldGroup { field: name.to_string() });
                node
            }
            None => {
                self.note(Note::NoValue { field: name.to_string() });
                Node::Words(String::new())
            }
        }
    }

    /// The filter `name:value` (`name` is date, source, category or id).
    fn filter(&mut self, name: &str, value: &str) -> Node {
        let value = value.to_string();
        Node::Filter(match name {
            "date" => match parse_date_filter(&value) {
                Some(range) => {
                    if range.is_empty() {
                        self.note(Note::EmptyDateSpan { value: shown(&value) });
                    }
                    Filter::Date(range)
                }
                None => {
                    self.note(Note::NotADate { value: shown(&value) });
                    self.unreadable.push(not_a_date(&shown(&value)));
                    return Node::Words(String::new());
                }
            },
            "source" => Filter::Source(value),
            "category" => Filter::Category(value),
            _ => Filter::Id(value),
        })
    }
}

/// Whether `name` (any case) names a field of the query language.
fn known_field(name: &str) -> bool {
    ["title", "body", "date", "source", "category", "id"]
        .iter()
        .any(|known| name.eq_ignore_ascii_case(known))
}

/// A word with no field: `word*`, `=word`, `word~N` or text.
fn plain(word: &str) -> Node {
    if let Some((head, n)) = word.rsplit_once('~') {
        // Arabic-Indic and Persian digits count as digits.
        let n: String = n
            .chars()
            .map(|c| match c {
                '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
                '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
                c => c,
            })
            .collect();
        let distance = match n.as_str() {
            "" => Some(1),
            "0" | "1" | "2" => n.parse().ok(),
            _ if n.bytes().all(|b| b.is_ascii_digit()) => Some(2),
            _ => None,
        };
        if let Some(distance) = distance {
            if !head.is_empty() && !head.contains(['~', '*']) && !head.starts_with('=') {
                return if distance == 0 {
                    Node::Words(head.to_string())
                } else {
                    Node::Fuzzy(head.to_string(), distance)
                };
            }
        }
    }
    if let Some(stem) = word.strip_suffix('*') {
        if !stem.is_empty() && !stem.contains('*') {
            return Node::Prefix(stem.to_string());
        }
    }
    if let Some(exact) = word.strip_prefix('=') {
        if !exact.is_empty() {
            return Node::Exact(exact.to_string());
        }
    }
    Node::Words(word.to_string())
}

/// Adds `alternative` to the group of OR alternatives `group`: without its
/// `+`, which requires the whole group instead.
fn join(group: &mut Clause, mut alternative: Clause) {
    if alternative.sign == Sign::Must {
        group.sign = Sign::Must;
    }
    alternative.sign = Sign::Should;
    if let Node::Group(list) = &mut group.node {
        list.push(alternative);
    }
}

/// Gives a clause with no sign of its own the sign of its connector.
fn promote(clause: Option<&mut Clause>, sign: Sign) {
    if let Some(clause) = clause {
        if clause.sign == Sign::Default {
            clause.sign = sign;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Clause {
        Clause { sign: Sign::Default, node: Node::Words(text.to_string()) }
    }

    #[test]
    fn a_field_whose_group_is_never_closed_runs_to_the_end() {
        for query in ["source:(", "title:( "] {
            let field = query.split(':').next().unwrap();
            assert_eq!(parse(query).notes, [Note::NoValue { field: field.into() }], "{query}");
        }
        let parsed = parse("title:(النفط أوبك");
        assert_eq!(parsed.notes, [Note::UnclosedFieldGroup { field: "title".into() }]);
        assert_eq!(
            parsed.clauses,
            [Clause {
                sign: Sign::Default,
                node: Node::Field(
                    TextField::Title,
                    Box::new(Node::Group(vec![words("النفط"), words("أوبك")]))
                ),
            }]
        );
        // Each unclosed group nests the next: as deep as closed groups go,
        // then words (this overflowed the stack).
        let deep = format!("{}قطر", "title:(".repeat(3000));
        assert!(!parse(&deep).clauses.is_empty());
        let parsed = parse("قطر source:(الجزيرة OR \"العربية نت\"");
        assert_eq!(parsed.notes, [Note::UnclosedFieldGroup { field: "source".into() }]);
        let Node::Group(values) = &parsed.clauses[1].node else { panic!("{parsed:?}") };
        assert_eq!(values.len(), 2);
        assert!(values.iter().all(|c| matches!(c.node, Node::Filter(Filter::Source(_)))));
    }

    #[test]
    fn a_pasted_headline_is_words() {
        let parsed = parse("ترامب: الاستعدادات للقاء كيم جيدة");
        assert_eq!(parsed.clauses[0], words("ترامب:"));
        assert_eq!(parsed.clauses.len(), 5);
        assert_eq!(parsed.notes, [Note::NotAField { text: "ترامب:".into() }]);
        let parsed = parse("حريق في كاليفورنيا - فيديو");
        assert_eq!(parsed.clauses.len(), 5, "{:?}", parsed.clauses);
        assert!(parsed.clauses.iter().all(|c| c.sign == Sign::Default));
        // No-break and em spaces separate words.
        assert_eq!(parse("الأمر\u{a0}التنفيذي\u{2003}قطر").clauses.len(), 3);
    }

    #[test]
    fn quotes_of_every_kind_make_phrases() {
        for text in ["\"الأمر التنفيذي\"", "«الأمر التنفيذي»", "“الأمر التنفيذي”"]
        {
            let parsed = parse(text);
            assert_eq!(
                parsed.clauses,
                [Clause {
                    sign: Sign::Default,
                    node: Node::Phrase { text: "الأمر التنفيذي".into(), slop: 0 }
                }],
                "{text}"
            );
        }
        let parsed = parse("\"سأحطم رأسك\".. نجم");
        assert!(
            matches!(&parsed.clauses[0].node, Node::Phrase { text, .. } if text == "سأحطم رأسك")
        );
        assert_eq!(parsed.clauses[1], words(".."));
        let parsed = parse("\"صلاحيات التنفيذية\"~2");
        assert!(matches!(parsed.clauses[0].node, Node::Phrase { slop: 2, .. }));
        // Unclosed: a phrase to the end, and a note.
        let parsed = parse("قطر \"الأمر التنفيذي");
        assert!(
            matches!(&parsed.clauses[1].node, Node::Phrase { text, .. } if text == "الأمر التنفيذي")
        );
        assert_eq!(parsed.notes.len(), 1);
    }

    #[test]
    fn signs_and_connectors() {
        let parsed = parse("+قطر -السعودية مصر");
        let signs: Vec<Sign> = parsed.clauses.iter().map(|c| c.sign).collect();
        assert_eq!(signs, [Sign::Must, Sign::MustNot, Sign::Default]);
        let parsed = parse("(الذهب OR النفط) AND أسعار");
        assert_eq!(parsed.clauses.len(), 2);
        assert_eq!(parsed.clauses[0].sign, Sign::Must);
        assert_eq!(parsed.clauses[1].sign, Sign::Must);
        let Node::Group(inner) = &parsed.clauses[0].node else { panic!("group") };
        assert!(inner.iter().all(|c| c.sign == Sign::Should));
        let parsed = parse("قطر NOT مصر");
        assert_eq!(parsed.clauses[1].sign, Sign::MustNot);
        // Malformed connectors are words, with a note.
        let parsed = parse("AND قطر OR");
        assert_eq!(parsed.clauses, [words("AND"), words("قطر"), words("OR")]);
        assert!(!parsed.notes.is_empty());
    }

    #[test]
    fn or_binds_closer_than_and_and_the_space() {
        let group = |clause: &Clause| match &clause.node {
            Node::Group(inner) => inner.iter().map(|c| (c.sign, c.node.clone())).collect(),
            _ => Vec::new(),
        };
        let word = |w: &str| (Sign::Should, Node::Words(w.into()));
        // `a b OR c` is `a (b OR c)`.
        let parsed = parse("مقاطعة قطر OR الدوحة");
        assert_eq!(parsed.clauses.len(), 2);
        assert_eq!(parsed.clauses[0], words("مقاطعة"));
        assert_eq!(parsed.clauses[1].sign, Sign::Default);
        assert_eq!(group(&parsed.clauses[1]), [word("قطر"), word("الدوحة")]);
        // A chain of three is one group; AND after it requires it.
        let parsed = parse("قطر OR الدوحة OR الخليج AND أسعار");
        assert_eq!(parsed.clauses.len(), 2);
        assert_eq!(parsed.clauses[0].sign, Sign::Must);
        assert_eq!(group(&parsed.clauses[0]).len(), 3);
        assert_eq!(parsed.clauses[1].sign, Sign::Must);
        // `+a OR +b` is `+(a OR b)`: either, required.
        let parsed = parse("مقاطعة +\"قطر\" OR +\"الدوحة\"");
        assert_eq!(parsed.clauses[1].sign, Sign::Must);
        assert!(group(&parsed.clauses[1]).iter().all(|(s, _)| *s == Sign::Should));
        // Alone, the alternatives are the query (as `(a OR b)` was).
        let parsed = parse("+\"مجلس التعاون\" OR +\"لمجلس التعاون\"");
        assert_eq!(parsed.clauses.len(), 2);
        assert!(parsed.clauses.iter().all(|c| c.sign == Sign::Should));
        assert!(parsed.clauses.iter().all(|c| matches!(c.node, Node::Phrase { .. })));
        // An exclusion joins no group.
        let parsed = parse("قطر OR -مصر");
        assert_eq!(
            parsed.clauses[0],
            Clause { sign: Sign::Should, node: Node::Words("قطر".into()) }
        );
        assert_eq!(parsed.clauses[1].sign, Sign::MustNot);
    }

    #[test]
    fn stray_operators_are_text() {
        for text in ["قطر)", "(قطر", "قطر ! ^ { } ~ \\ /", "a - b", "+ قطر", "قطر ،؛؟ 🙂"]
        {
            let parsed = parse(text);
            assert!(
                parsed
                    .clauses
                    .iter()
                    .all(|c| c.sign == Sign::Default && matches!(c.node, Node::Words(_))),
                "{text}: {:?}",
                parsed.clauses
            );
        }
    }

    #[test]
    fn fuzzy_words() {
        let nodes = |q: &str| parse(q).clauses.into_iter().map(|c| c.node).collect::<Vec<_>>();
        assert_eq!(
            nodes("الرياظ~ الرياظ~1 ترمب~2 قطر~7 قطر~0 a~b ~1 title:قطر~1 الرياظ~١"),
            [
                Node::Fuzzy("الرياظ".into(), 1),
                Node::Fuzzy("الرياظ".into(), 1),
                Node::Fuzzy("ترمب".into(), 2),
                Node::Fuzzy("قطر".into(), 2),
                Node::Words("قطر".into()),
                Node::Words("a~b".into()),
                Node::Words("~1".into()),
                Node::Field(TextField::Title, Box::new(Node::Fuzzy("قطر".into(), 1))),
                Node::Fuzzy("الرياظ".into(), 1),
            ]
        );
    }

    #[test]
    fn fields_filters_prefixes_and_exact_words() {
        let parsed = parse("title:الذهب source:bbc-arabic CATEGORY:Economy مكتب* =المعلمون *");
        assert_eq!(
            parsed.clauses.iter().map(|c| c.node.clone()).collect::<Vec<_>>(),
            [
                Node::Field(TextField::Title, Box::new(Node::Words("الذهب".into()))),
                Node::Filter(Filter::Source("bbc-arabic".into())),
                Node::Filter(Filter::Category("Economy".into())),
                Node::Prefix("مكتب".into()),
                Node::Exact("المعلمون".into()),
                Node::All,
            ]
        );
        let parsed = parse("title:\"الأمر التنفيذي\" source:\"BBC Arabic\"");
        assert!(matches!(&parsed.clauses[0].node, Node::Field(TextField::Title, n)
            if matches!(**n, Node::Phrase { .. })));
        assert_eq!(parsed.clauses[1].node, Node::Filter(Filter::Source("BBC Arabic".into())));
        let parsed = parse("الانتخابات date:[2018-03-01 TO 2018-06-30]");
        assert!(matches!(parsed.clauses[1].node, Node::Filter(Filter::Date(_))));
        let parsed = parse("date:yesterday");
        assert_eq!(parsed.clauses[0].node, Node::Words(String::new()));
        assert_eq!(parsed.notes.len(), 1);
        let parsed = parse("قطر source:(bbc-arabic OR cnn-arabic)");
        assert_eq!(
            parsed.clauses[1].node,
            Node::Group(vec![
                Clause {
                    sign: Sign::Should,
                    node: Node::Filter(Filter::Source("bbc-arabic".into()))
                },
                Clause {
                    sign: Sign::Should,
                    node: Node::Filter(Filter::Source("cnn-arabic".into()))
                },
            ])
        );
        assert_eq!(parse("قطر source:").notes, [Note::NoValue { field: "source".into() }]);
        assert!(!parse("date:[2018-06 TO 2018-01]").notes.is_empty());
        // A sign before a number is part of it.
        assert_eq!(parse("-5 درجات").clauses[0], words("-5"));
    }

    #[test]
    fn times_and_links_are_words() {
        for text in ["الساعة 10:30", "https://example.com/a?b=c", "ترامب : كيم"] {
            let parsed = parse(text);
            assert!(parsed.clauses.iter().all(|c| matches!(c.node, Node::Words(_))), "{text}");
        }
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let deep = "(".repeat(10_000) + "قطر" + &")".repeat(10_000);
        let parsed = parse(&deep);
        assert!(!parsed.clauses.is_empty());
    }
}
