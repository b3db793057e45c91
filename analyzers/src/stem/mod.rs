//! [`LightStemmer`]: removes proclitics and suffixes, in place.

mod affixes;
mod clitics;
mod fused;
mod memo;
mod packed;

use tantivy_tokenizer_api::{Token, TokenFilter, TokenStream, Tokenizer};

use self::affixes::{
    CONJUNCTIONS, INFLECTION_SUFFIXES, LAST_LETTER_SUFFIXES, PREFIXES, PRONOUN_SUFFIXES, PROTECTED,
    TEH_MARBUTA_MIN_LETTERS,
};
pub(crate) use self::clitics::is_clitic_stop_word;
pub use self::fused::{ArabicStemmingTokenStream, ArabicStemmingTokenizer};
pub(crate) use self::memo::StemMemo;
use self::memo::{Cut, Known};
use self::packed::{Grouped, Packed};
use crate::chars::{is_arabic_digit, is_arabic_letter, HEH};
use crate::stopwords::is_listed_stop_word;
use crate::wordset::WordSet;

/// Light Arabic stemming: removes proclitics and suffixes, in place.
///
/// Rules, applied in rounds until a round changes nothing (so stemming a stem
/// gives the same stem); each example shows the final stem:
/// - a word on the list of protected names is left alone
///   (`فلسطين`, `لبنان`, `الله`);
/// - one proclitic chain a round: `والكتاب` → `كتاب`, `فبالعمل` → `عمل`,
///   `للطلاب` → `طلاب`, `وقال` → `قال`;
/// - one attached pronoun a round: `كتابهم` → `كتاب`. A teh it exposes was a
///   teh marbuta, and goes back to `ه` (`حكومتها` → `حكومه` in that round),
///   so that the next round removes it as it does the ending of `حكومه`:
///   `حكومتها` → `حكوم`;
/// - otherwise one inflection ending a round: `المعلمون`/`المعلمين`/`المعلمات`
///   → `معلم`, `مدرسه` → `مدرس`, `عربي` → `عرب`;
/// - each removal keeps a minimum number of *letters* (never fewer than 2):
///   `اليد` → `يد`, while `بنات` and `وقت` are left whole;
/// - only words written in Arabic letters are stemmed: `covid` and `2024` pass.
///
/// Preconditions: the token text is normalized and stripped of diacritics
/// ([`ArabicNormalizer`](crate::ArabicNormalizer) then
/// [`StripDiacritics`](crate::StripDiacritics)); affixes are matched in that
/// normalized form.
///
/// Source: light10 of Larkey, Ballesteros & Connell (2007), with the
/// additions listed and cited with the affix tables, in `src/stem/affixes.rs`.
///
/// ```
/// use fahras_analyzers::{ArabicTokenizer, LightStemmer};
/// use tantivy_tokenizer_api::{TokenFilter, TokenStream, Tokenizer};
///
/// let mut stemmer = LightStemmer::new().transform(ArabicTokenizer::normalizing());
/// // Each example of the rules above, and its final stem.
/// for (word, stem) in [
///     ("فلسطين", "فلسطين"), ("لبنان", "لبنان"), ("الله", "الله"),
///     ("والكتاب", "كتاب"), ("فبالعمل", "عمل"), ("للطلاب", "طلاب"), ("وقال", "قال"),
///     ("كتابهم", "كتاب"), ("حكومتها", "حكوم"), ("حكومه", "حكوم"),
///     ("المعلمون", "معلم"), ("المعلمين", "معلم"), ("المعلمات", "معلم"),
///     ("مدرسه", "مدرس"), ("عربي", "عرب"),
///     ("اليد", "يد"), ("بنات", "بنات"), ("وقت", "وقت"),
///     ("covid", "covid"), ("2024", "2024"),
/// ] {
///     let mut stream = stemmer.token_stream(word);
///     assert_eq!(stream.next().map(|t| t.text.as_str()), Some(stem), "{word}");
/// }
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct LightStemmer {
    drop_stop_words: bool,
}

impl LightStemmer {
    /// A stemmer that keeps and stems every token.
    pub fn new() -> LightStemmer {
        LightStemmer { drop_stop_words: false }
    }

    /// A stemmer that also drops stop words, as
    /// [`ArabicStopWords`](crate::ArabicStopWords) placed before it would,
    /// deciding both with one look-up per word.
    pub fn dropping_stop_words() -> LightStemmer {
        LightStemmer { drop_stop_words: true }
    }
}

impl TokenFilter for LightStemmer {
    type Tokenizer<T: Tokenizer> = LightStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LightStemmerFilter<T> {
        LightStemmerFilter {
            tokenizer,
            memo: StemMemo::default(),
            drop_stop_words: self.drop_stop_words,
        }
    }
}

/// [`LightStemmer`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub struct LightStemmerFilter<T> {
    tokenizer: T,
    memo: StemMemo,
    drop_stop_words: bool,
}

impl<T: Tokenizer> Tokenizer for LightStemmerFilter<T> {
    type TokenStream<'a> = LightStemmerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LightStemmerTokenStream {
            tail: self.tokenizer.token_stream(text),
            memo: &mut self.memo,
            drop_stop_words: self.drop_stop_words,
        }
    }
}

/// The token stream of [`LightStemmerFilter`].
pub struct LightStemmerTokenStream<'a, T> {
    tail: T,
    memo: &'a mut StemMemo,
    drop_stop_words: bool,
}

impl<T: TokenStream> TokenStream for LightStemmerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let text = &mut self.tail.token_mut().text;
            let stop = stem_memoized(text, self.memo, !self.drop_stop_words);
            if !(stop && self.drop_stop_words) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Stems a normalized word in place, by the rules of [`LightStemmer`].
///
/// ```
/// let mut word = String::from("والمعلمات");
/// fahras_analyzers::stem_in_place(&mut word);
/// assert_eq!(word, "معلم");
/// ```
pub fn stem_in_place(word: &mut String) {
    if starts_with_arabic_letter(word) {
        let cut = cut_of(word.as_bytes(), true);
        apply(word, cut);
    }
}

/// Stems a normalized word in place by the affix rules alone, without the
/// corpus table of proclitics: what the table is measured against, and
/// what decides the words it does not list.
///
/// ```
/// let (mut by_rules, mut stemmed) = (String::from("وزاره"), String::from("وزاره"));
/// fahras_analyzers::stem_by_rules_in_place(&mut by_rules);
/// fahras_analyzers::stem_in_place(&mut stemmed);
/// assert_eq!((by_rules.as_str(), stemmed.as_str()), ("زار", "وزار"));
/// ```
pub fn stem_by_rules_in_place(word: &mut String) {
    if starts_with_arabic_letter(word) {
        let cut = cut_of(word.as_bytes(), false);
        apply(word, cut);
    }
}

/// Stems `word` in place, and returns true if and only if it is a stop
/// word, which is left whole unless `stem_stop_words`; `memo` is asked
/// first, and one look-up answers both.
#[inline]
pub(crate) fn stem_memoized(word: &mut String, memo: &mut StemMemo, stem_stop_words: bool) -> bool {
    if !starts_with_arabic_letter(word) {
        return false;
    }
    let known = memo.known(word.as_bytes(), known_by_rules);
    if !known.stop || stem_stop_words {
        apply(word, known.cut);
    }
    known.stop
}

/// What the rules say of a normalized word: its stem, and whether it is a
/// stop word.
fn known_by_rules(word: &[u8]) -> Known {
    // One look-up in the corpus table answers both: the word's proclitics,
    // and whether it is a stop word behind them (`والتي`).
    let listed = clitics::lookup(word);
    let stop = is_listed_stop_word(word) || listed.is_some_and(|(_, stop)| stop);
    Known { stop, cut: cut_with(word, true, Some(listed.map(|(letters, _)| letters))) }
}

/// Only words written in Arabic letters are stemmed.
#[inline]
fn starts_with_arabic_letter(word: &str) -> bool {
    match *word.as_bytes() {
        // The Arabic block, read from its two bytes without decoding.
        [lead @ 0xD8..=0xDB, next, ..] => {
            let c = 0x600 | u32::from(lead & 0x03) << 6 | u32::from(next & 0x3F);
            !is_arabic_digit(char::from_u32(c).expect("a code point of the Arabic block"))
        }
        [b, ..] if b < 0x80 => false,
        _ => matches!(word.chars().next(), Some(c) if is_arabic_letter(c)),
    }
}

/// Cuts `word` down to its stem.
#[inline]
fn apply(word: &mut String, cut: Cut) {
    if (cut.start, cut.end, cut.heh) == (0, word.len(), false) {
        return;
    }
    word.truncate(cut.end);
    if cut.heh {
        word.pop();
        word.push(HEH);
    }
    word.drain(..cut.start);
}

/// Finds where the stem of `word` lies in it: by the corpus table of
/// proclitics and the rules, or (`table` false) by the rules alone.
fn cut_of(word: &[u8], table: bool) -> Cut {
    cut_with(word, table, None)
}

/// [`cut_of`], given what the corpus table says of the whole word when
/// that was looked up already (`listed`).
fn cut_with(word: &[u8], table: bool, listed: Option<Option<usize>>) -> Cut {
    // The word is stemmed as a span of a copy padded with eight bytes on
    // each side, so that affixes are compared as packed machine words.
    let len = word.len();
    let mut stack = [0u8; 48];
    let mut heap = Vec::new();
    let buf: &mut [u8] = if len + PAD * 2 <= stack.len() {
        &mut stack[..len + PAD * 2]
    } else {
        heap.resize(len + PAD * 2, 0);
        &mut heap
    };
    buf[PAD..PAD + len].copy_from_slice(word);
    // Counted in `word`, not in the copy just written: reading eight bytes
    // across the copy's fresh stores would wait for them to reach the cache.
    let letters = len - continuation_bytes(word);
    let mut span =
        stem_span(buf, Span { start: PAD, end: PAD + len, letters, heh_at: None }, table, listed);
    // A stem that is a word the table cuts further is stemmed again, so
    // that stemming a stem gives it back (`ولمجلسها` → `لمجلس` → `مجلس`);
    // `gen_clitics.py` lists the stems the rules would cut again. Each
    // pass only shortens it.
    while table && starts_with_proclitic(&buf[span.start..span.end]) {
        let again = stem_span(buf, Span { heh_at: None, ..span }, table, None);
        if (again.start, again.end) == (span.start, span.end) {
            break;
        }
        span = Span { heh_at: again.heh_at.or(span.heh_at), ..again };
    }
    Cut { start: span.start - PAD, end: span.end - PAD, heh: span.heh_at == Some(span.end - 2) }
}

/// Bytes of padding on each side of the word being stemmed.
const PAD: usize = 8;

/// The number of UTF-8 continuation bytes (`0b10xx_xxxx`) in `bytes`,
/// counted eight at a time.
#[inline]
fn continuation_bytes(bytes: &[u8]) -> usize {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder().iter().filter(|&&b| b & 0xC0 == 0x80).count();
    chunks
        .map(|chunk| {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            // Bit 7 set and bit 6 (moved up to bit 7) clear.
            (x & !(x << 1) & 0x8080_8080_8080_8080).count_ones() as usize
        })
        .sum::<usize>()
        + rest
}

/// The part of the padded copy that is still the stem.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    /// The number of letters (chars) in `start..end`.
    letters: usize,
    /// Where a teh exposed by a pronoun was turned into heh, if anywhere.
    heh_at: Option<usize>,
}

impl Span {
    /// Leaves out the first `letters` letters, proclitics the corpus table
    /// counts (every proclitic letter, و ف ب ك ل س ا, is two bytes).
    fn skip_letters(&mut self, letters: usize) {
        self.start += 2 * letters;
        self.letters -= letters;
    }
}

/// Applies the rules in rounds until a round changes nothing.
///
/// A round after one that removed only a prefix tries no suffix: the tail
/// is the same and the word shorter, so a suffix that did not fit still
/// does not. (A prefix is always tried again: removing a suffix may leave a
/// protected word behind `و` or `ف`.) The span is checked against the
/// protected words whenever it changes, before anything else is removed.
fn stem_span(
    buf: &mut [u8],
    mut span: Span,
    table: bool,
    mut whole: Option<Option<usize>>,
) -> Span {
    if is_protected(&buf[span.start..span.end]) {
        return span;
    }
    // A word the corpus table lists has its proclitics decided there, once:
    // the whole word, or what is left of it after the rules removed a
    // proclitic chain (`بالوادي` → `وادي`, which the table keeps), as long
    // as no suffix is removed.
    // (A word cut at both ends may be another word the table lists:
    // `الولاية` → `ولاي`.)
    let mut decided = false;
    let mut try_suffix = true;
    let end = span.end;
    loop {
        let listed = if table && !decided && span.end == end {
            match whole.take() {
                Some(listed) => listed,
                None => clitics::proclitic_letters(&buf[span.start..span.end]),
            }
        } else {
            None
        };
        let prefix = match listed {
            Some(letters) => {
                decided = true;
                span.skip_letters(letters);
                letters > 0
            }
            None if !decided && strip_prefix(buf, &mut span) => {
                // What the rules left may be listed itself (`الولايه` →
                // `ولايه`, which keeps its `و`): decided before any suffix.
                if table && span.end == end {
                    if let Some(letters) = clitics::proclitic_letters(&buf[span.start..span.end]) {
                        decided = true;
                        span.skip_letters(letters);
                    }
                }
                true
            }
            None => false,
        };
        if prefix && is_protected(&buf[span.start..span.end]) {
            return span;
        }
        let before = span;
        let suffix = try_suffix && strip_suffix(buf, &mut span);
        if suffix && decided && starts_with_proclitic(&buf[span.start..span.end]) {
            // The table decided this word's proclitics, and what the suffix
            // would leave is another word that starts with one (`ولايه` →
            // `ولا`, "and not"): only its last letter is removed, if that
            // leaves no such word (`ولاي`), else nothing, so that the two
            // words keep two stems and stemming the stem gives it back.
            if let Some(at) = span.heh_at.filter(|_| span.heh_at != before.heh_at) {
                // The teh that the pronoun exposed is a teh again.
                buf[at..at + 2].copy_from_slice("ت".as_bytes());
            }
            span = before;
            let last = strip_one_suffix(buf, &mut span, &LAST_LETTER_TABLE);
            if last.is_none() || starts_with_proclitic(&buf[span.start..span.end]) {
                return before;
            }
            try_suffix = true;
            continue;
        }
        if suffix && is_protected(&buf[span.start..span.end]) {
            return span;
        }
        if !prefix && !suffix {
            return span;
        }
        try_suffix = suffix;
    }
}

/// Returns true if the corpus table lists `word` as starting with a
/// proclitic.
#[inline]
fn starts_with_proclitic(word: &[u8]) -> bool {
    clitics::proclitic_letters(word).is_some_and(|k| k > 0)
}

static PROTECTED_SET: WordSet = WordSet::new(PROTECTED);

/// The protected words by their first and last letters: bit `f` of entry
/// `l` is set if some protected word's second byte and last byte have low
/// six bits `f` and `l`. Most spans are ruled out here, with two loads,
/// before the set is asked.
static PROTECTED_ENDS: [u64; 64] = {
    let mut ends = [0u64; 64];
    let mut i = 0;
    while i < PROTECTED.len() {
        let word = PROTECTED[i].as_bytes();
        ends[(word[word.len() - 1] & 63) as usize] |= 1 << (word[1] & 63);
        i += 1;
    }
    ends
};

/// Returns true if and only if `word` must not be stemmed further.
#[inline]
fn is_protected(word: &[u8]) -> bool {
    match word {
        [_, second, .., last] => {
            PROTECTED_ENDS[usize::from(last & 63)] >> (second & 63) & 1 != 0
                && PROTECTED_SET.contains_bytes(word)
        }
        _ => false,
    }
}

static PREFIX_TABLE: Grouped<5> = Grouped::new(PREFIXES, false);
static CONJUNCTION_TABLE: Grouped<1> = Grouped::new(CONJUNCTIONS, false);
static PRONOUN_TABLE: Grouped<4> = Grouped::new(PRONOUN_SUFFIXES, true);
static INFLECTION_TABLE: Grouped<5> = Grouped::new(INFLECTION_SUFFIXES, true);
static LAST_LETTER_TABLE: Grouped<1> = Grouped::new(LAST_LETTER_SUFFIXES, true);
static PACKED_TEH: Packed = packed::suffix(affixes::affix("ت", 0));
static PACKED_PLURAL_TEH: Packed = packed::suffix(affixes::affix("ات", 0));

// Each test below also needs the word to be long enough (`fits`), which
// keeps the packed compare inside the word: a word shorter than an affix
// has fewer letters than it.

fn strip_prefix(buf: &[u8], span: &mut Span) -> bool {
    let head = packed::head(buf, span.start);
    // `والله` is `و` + `الله`, not `وال` + `له`: a conjunction in front of a
    // protected word is removed on its own.
    if let Some(conjunction) = CONJUNCTION_TABLE.first_fitting(head, span.letters) {
        if is_protected(&buf[span.start + conjunction.bytes..span.end]) {
            remove_head(span, conjunction);
            return true;
        }
    }
    match PREFIX_TABLE.first_fitting(head, span.letters) {
        Some(prefix) => {
            remove_head(span, prefix);
            true
        }
        None => false,
    }
}

fn strip_suffix(buf: &mut [u8], span: &mut Span) -> bool {
    if let Some(n) = strip_one_suffix(buf, span, &PRONOUN_TABLE) {
        // In this round `حكومتهم` → `حكومت` → `حكومه` (the next round
        // removes the `ه`: `حكوم`); but `اوقاتهم` → `اوقات` keeps its plural
        // teh (the next round removes `ات`: `اوق`), and a short `بيتهم` →
        // `بيت` its root teh (and stays `بيت`).
        let tail = packed::tail(buf, span.end);
        if span.letters >= TEH_MARBUTA_MIN_LETTERS
            && PACKED_TEH.matches(tail)
            && !PACKED_PLURAL_TEH.matches(tail)
        {
            buf[span.end - 2..span.end].copy_from_slice(HEH.encode_utf8(&mut [0; 2]).as_bytes());
            span.heh_at = Some(span.end - 2);
        }
        return n > 0;
    }
    strip_one_suffix(buf, span, &INFLECTION_TABLE).is_some()
}

/// Removes the first suffix of `table` that fits; returns its letter count.
fn strip_one_suffix<const W: usize>(
    buf: &[u8],
    span: &mut Span,
    table: &Grouped<W>,
) -> Option<usize> {
    let tail = packed::tail(buf, span.end);
    let suffix = table.first_fitting(tail, span.letters)?;
    span.end -= suffix.bytes;
    span.letters -= suffix.letters;
    Some(suffix.letters)
}

fn remove_head(span: &mut Span, prefix: &Packed) {
    span.start += prefix.bytes;
    span.letters -= prefix.letters;
}

#[cfg(test)]
mod tests {
    use super::{affixes::PROTECTED, is_protected};
    use crate::chains::arabic_stemmed;
    use crate::testutil::assert_folds;

    #[test]
    fn every_protected_word_is_protected_and_little_else() {
        for word in PROTECTED {
            assert!(is_protected(word.as_bytes()), "{word}");
        }
        for word in ["فلسطينيين", "لبنا", "كتاب", "الل", "ب", ""] {
            assert!(!is_protected(word.as_bytes()), "{word}");
        }
    }

    /// Issue 30: a leading و ف ب ل ك is removed where it is a clitic and
    /// kept where it is the word's own letter; ال inside a word and a
    /// hamza on alef after a clitic are no article.
    #[test]
    fn clitics_are_told_from_the_words_own_letters() {
        assert_folds(
            arabic_stemmed(),
            &[
                // The word's own letter.
                ("وزارة", "وزار"),
                ("وادي", "واد"),
                ("ولاية", "ولاي"),
                ("وكالة", "وكال"),
                ("وصول", "وصول"),
                ("وجود", "وجود"),
                ("وفاة", "وفا"),
                ("بنك", "بنك"),
                ("لقاء", "لقاء"),
                ("كتاب", "كتاب"),
                ("فيلم", "فيلم"),
                // A lone clitic.
                ("بشكل", "شكل"),
                ("لمجلس", "مجلس"),
                ("بمدينة", "مدين"),
                ("بسبب", "سبب"),
                ("وقال", "قال"),
                // ال inside the word.
                ("كاليفورنيا", "كاليفورن"),
                ("بالغة", "بالغ"),
                // A hamza on alef after a clitic starts the word.
                ("وألعاب", "العاب"),
                ("بإلغاء", "الغاء"),
                ("وأضاف", "اضاف"),
            ],
        );
    }

    /// Issue 30: a stop word behind its proclitics is a stop word, and ال
    /// inside it is no article (`والتي` is not `وال` + `تي`).
    #[test]
    fn a_stop_word_with_a_clitic_is_a_stop_word() {
        for word in ["والتي", "والذي", "لأنه", "بأنها", "فإنه"] {
            let terms = crate::testutil::analyze(arabic_stemmed(), word);
            assert!(terms.is_empty(), "{word} → {terms:?}");
        }
        let kept = crate::testutil::analyze(arabic_stemmed(), "أنهى");
        assert_eq!(kept.len(), 1, "أنهى is no stop word");
    }

    /// Issue 30: one lexeme, one stem, whatever its clitics.
    #[test]
    fn a_word_has_one_stem_whatever_its_clitics() {
        let families: &[&[&str]] = &[
            &["وادي", "الوادي", "بالوادي", "والوادي"],
            &["ولاية", "الولاية", "لولاية", "والولاية"],
            &["وزارة", "الوزارة", "بوزارة", "والوزارة", "للوزارة"],
            &["مجلس", "المجلس", "لمجلس", "بمجلس", "وللمجلس", "والمجلس"],
            &["وكالة", "الوكالة", "بوكالة", "لوكالة"],
        ];
        for family in families {
            let stems: Vec<String> = family
                .iter()
                .map(|w| crate::testutil::analyze(arabic_stemmed(), w).remove(0).text)
                .collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{family:?} → {stems:?}");
        }
    }

    /// Also every example of the docs of this module and of `affixes.rs`.
    #[test]
    fn table_through_the_whole_chain() {
        assert_folds(
            arabic_stemmed(),
            &[
                // Proclitics.
                ("الكتاب", "كتاب"),
                ("والكتاب", "كتاب"),
                ("بالكتاب", "كتاب"),
                ("للكتاب", "كتاب"),
                ("فالكتاب", "كتاب"),
                ("كالكتاب", "كتاب"),
                ("وبالكتاب", "كتاب"),
                ("فبالعمل", "عمل"),
                ("للطلاب", "طلاب"),
                ("وللطلاب", "طلاب"),
                ("وقال", "قال"),
                ("اليد", "يد"),
                // A radical waw: kept by a short word, and by the words the
                // corpus table knows.
                ("وقت", "وقت"),
                ("وصل", "وصل"),
                ("وزير", "وزير"),
                // Suffixes: pronouns, plurals, nisba, teh marbuta.
                ("كتابهم", "كتاب"),
                ("كتابها", "كتاب"),
                ("كتابهما", "كتاب"),
                ("كتابكم", "كتاب"),
                ("كتابنا", "كتاب"),
                ("المعلمون", "معلم"),
                ("المعلمين", "معلم"),
                ("المعلمات", "معلم"),
                ("معلماتهم", "معلم"),
                ("مدرسة", "مدرس"),
                ("مدرستهم", "مدرس"),
                ("حكومتها", "حكوم"),
                ("حكومتهم", "حكوم"),
                ("الحكومة", "حكوم"),
                ("بيتهم", "بيت"),
                ("صوتها", "صوت"),
                ("اوقاتهم", "اوق"),
                ("الطالبتان", "طالب"),
                ("العربية", "عرب"),
                ("عربي", "عرب"),
                ("عاماً", "عام"),
                ("تقدما", "تقدم"),
                // Minimum letters: short words and names survive.
                ("بنات", "بنات"),
                ("فنون", "فنون"),
                ("وزن", "وزن"),
                ("فلسطين", "فلسطين"),
                ("الفلسطينيين", "فلسطين"),
                ("فلسطيني", "فلسطين"),
                ("لبنان", "لبنان"),
                ("بطاطس", "بطاطس"),
                ("أمريكا", "امريكا"),
                ("الله", "الله"),
                ("والله", "الله"),
                // Stop words are dropped by the default chain.
                ("في", ""),
                // Not Arabic: untouched.
                ("COVID", "covid"),
                ("٢٠٢٤", "2024"),
            ],
        );
    }
}
