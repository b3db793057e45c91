//! Right-to-left text in two kinds of terminal.
//!
//! Some terminals reorder each line by the Unicode bidirectional algorithm
//! (GNOME Terminal and others on VTE, Konsole, mlterm); most draw
//! characters in the order they come (tmux, Alacritty, kitty, xterm,
//! Windows Terminal), so Arabic comes out backwards.
//!
//! - **logical** (for the first kind): text in its stored order. On a
//!   terminal every line starts with a right-to-left mark, so all lines of
//!   a result take one direction and align alike (the metadata line, which
//!   starts with a date, otherwise goes left while the others go right),
//!   and each run of Latin letters and digits is isolated (U+2066 … U+2069)
//!   so that `2018-06-28 · bbc-arabic` keeps its order.
//! - **visual** (for the second kind): each line reordered for display by
//!   the algorithm (UAX #9, the `unicode-bidi` crate), brackets mirrored,
//!   and aligned right.
//!
//! `--json` is never touched: it stays in stored order, as every tool that
//! reads it expects.

use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

use super::layout::Marked;

/// `--bidi`: how right-to-left text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum BidiChoice {
    /// Logical in a pipe; on a terminal, logical where it is known to
    /// reorder (VTE 0.58 or later, Konsole, mlterm, not inside tmux),
    /// visual elsewhere.
    Auto,
    /// Stored order, for terminals that reorder (and pipes).
    Logical,
    /// Reordered for display, for terminals that do not.
    Visual,
}

/// How lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bidi {
    /// Stored order; with direction marks when `marks`.
    Logical { marks: bool },
    /// Reordered and aligned right.
    Visual,
}

/// The layout for `choice` when the output is a terminal or not, and the
/// environment as `var` reads it.
pub(crate) fn resolve(
    choice: BidiChoice,
    terminal: bool,
    var: impl Fn(&str) -> Option<String>,
) -> Bidi {
    match choice {
        BidiChoice::Logical => Bidi::Logical { marks: true },
        BidiChoice::Visual => Bidi::Visual,
        BidiChoice::Auto if !terminal => Bidi::Logical { marks: false },
        BidiChoice::Auto if reorders(var) => Bidi::Logical { marks: true },
        BidiChoice::Auto => Bidi::Visual,
    }
}

/// Whether the terminal the environment describes reorders bidi text.
fn reorders(var: impl Fn(&str) -> Option<String>) -> bool {
    // tmux draws its own screen, cell by cell, without reordering.
    if var("TMUX").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    // VTE reorders from 0.58 (VTE_VERSION 5800).
    let vte = var("VTE_VERSION").and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| v >= 5800);
    vte || var("KONSOLE_VERSION").is_some() || var("TERM").is_some_and(|t| t.starts_with("mlterm"))
}

/// Right-to-left mark: sets a line's direction in a terminal that reorders.
pub(crate) const RLM: char = '\u{200F}';
/// Left-to-right isolate and its end.
pub(crate) const LRI: char = '\u{2066}';
/// Right-to-left isolate: a column of text laid out on its own, whatever
/// the columns beside it hold.
pub(crate) const RLI: char = '\u{2067}';
/// Pop directional isolate.
pub(crate) const PDI: char = '\u{2069}';

/// Whether `text` reads right to left: it has at least as many
/// right-to-left letters as left-to-right ones (so `FIFA تعلن مواعيد…` is
/// an Arabic title, which the first strong letter would not say; Fahras is
/// for Arabic archives, so a text with no letters is too).
pub(crate) fn is_rtl(text: &str) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL => rtl += 1,
            BidiClass::L => ltr += 1,
            _ => {}
        }
    }
    rtl >= ltr
}

/// `text` with each run of Latin letters and digits, and the spaces and
/// `-./:_+` between them, between a left-to-right isolate and its end: a
/// match's markers (`[P] [Smart]`) would otherwise let a reordering
/// terminal put the run's words in right-to-left order.
pub(crate) fn isolate_latin(text: &[Marked]) -> Vec<Marked> {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let joiner = |c: char| matches!(c, ' ' | '-' | '.' | ':' | '/' | '_' | '+' | '\u{a0}');
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < text.len() {
        if !latin(text[i].0) {
            out.push(text[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < text.len() {
            let c = text[end].0;
            let joins = || {
                let next = text[end + 1..].iter().find(|&&(c, _)| !joiner(c));
                joiner(c) && next.is_some_and(|&(c, _)| latin(c))
            };
            if latin(c) || joins() {
                end += 1;
            } else {
                break;
            }
        }
        out.push((LRI, false));
        out.extend_from_slice(&text[i..end]);
        out.push((PDI, false));
        i = end;
    }
    out
}

/// `line` (one line, stored order) in display order, as a paragraph of
/// direction `rtl`: runs at odd levels reversed, their brackets mirrored,
/// the direction controls left out.
pub(crate) fn visual(line: &[Marked], rtl: bool) -> Vec<Marked> {
    let text: String = line.iter().map(|&(c, _)| c).collect();
    // The index in `line` of each byte of `text`.
    let mut of_byte = Vec::with_capacity(text.len());
    for (i, &(c, _)) in line.iter().enumerate() {
        of_byte.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(&text, Some(level));
    let mut out = Vec::with_capacity(line.len());
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let reversed = levels[run.start].is_rtl();
            let chars = text[run.clone()].char_indices().map(|(at, c)| (run.start + at, c));
            let mut piece: Vec<Marked> = chars
                .filter(|&(_, c)| !is_control(c))
                .map(|(at, c)| {
                    let mark = line[of_byte[at]].1;
                    (if reversed { mirrored(c) } else { c }, mark)
                })
                .collect();
            if reversed {
                reverse_keeping_marks(&mut piece);
            }
            out.extend(piece);
        }
    }
    out
}

/// Reverses `piece` letter by letter, each letter with the combining marks
/// after it (harakat, shadda): a terminal puts a mark on the cell before
/// it, so a reversed `سّ` must still be `س` then `ّ`, not `ّ` then `س`.
fn reverse_keeping_marks(piece: &mut [Marked]) {
    piece.reverse();
    // Now each letter comes after its marks: move it before them.
    let mut i = 0;
    while i < piece.len() {
        let start = i;
        while i < piece.len() && bidi_class(piece[i].0) == BidiClass::NSM {
            i += 1;
        }
        if i < piece.len() && i > start {
            // piece[start..i] are the marks of piece[i], in reverse order.
            piece[start..=i].rotate_right(1);
            piece[start + 1..=i].reverse();
        }
        i += 1;
    }
}

/// `line` as a terminal that does not reorder should get it: `visual` on a
/// [`Bidi::Visual`] layout (the paragraph's direction by most of its
/// letters), else as it is. Archive text in it is a label: its controls
/// are shown as escapes.
pub(crate) fn for_display(text: &str, layout: Bidi) -> String {
    let text = super::escape::visible_line(text);
    if layout != Bidi::Visual {
        return text.into_owned();
    }
    let line: Vec<Marked> = text.chars().map(|c| (c, false)).collect();
    visual(&line, is_rtl(&text)).into_iter().map(|(c, _)| c).collect()
}

/// Direction marks, embeddings and isolates: nothing to draw.
fn is_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The mirror image of a bracket, drawn in a right-to-left run.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, rtl: bool) -> String {
        let line: Vec<Marked> = text.chars().map(|c| (c, false)).collect();
        visual(&line, rtl).into_iter().map(|(c, _)| c).collect()
    }

    /// Checked against the reference: the Unicode bidi algorithm puts the
    /// Arabic words right to left, keeps `CNN` and `25` as written, and
    /// mirrors the brackets of the Arabic run.
    #[test]
    fn a_line_mixing_arabic_latin_and_digits_is_drawn_in_display_order() {
        assert_eq!(shown("قال CNN إن 25 (قتيلا)", true), "(اليتق) 25 نإ CNN لاق");
        assert_eq!(shown("عاجل: BBC News 2024", true), "BBC News 2024 :لجاع");
        assert_eq!(shown("The الرياض team", false), "The ضايرلا team");
    }

    /// A haraka stays after its letter: `السّم` drawn right to left is
    /// `مّسلا`, shadda after س.
    #[test]
    fn combining_marks_stay_after_their_letter() {
        assert_eq!(shown("السّم", true), "مسّلا");
        assert_eq!(shown("دسَّ [أيضاً]", true), "[اًضيأ] سَّد");
    }

    #[test]
    fn terminals_that_reorder_are_known_by_their_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        let auto = |pairs| resolve(BidiChoice::Auto, true, env(pairs));
        assert_eq!(auto(&[("VTE_VERSION", "7600")]), Bidi::Logical { marks: true });
        assert_eq!(auto(&[("KONSOLE_VERSION", "230804")]), Bidi::Logical { marks: true });
        assert_eq!(auto(&[("VTE_VERSION", "7600"), ("TMUX", "/tmp/t,1,0")]), Bidi::Visual);
        assert_eq!(auto(&[("TERM", "alacritty")]), Bidi::Visual);
        assert_eq!(resolve(BidiChoice::Auto, false, env(&[])), Bidi::Logical { marks: false });
        assert_eq!(resolve(BidiChoice::Visual, false, env(&[])), Bidi::Visual);
    }

    #[test]
    fn a_title_is_as_arabic_as_most_of_its_letters() {
        assert!(is_rtl("FIFA تعلن مواعيد تصفيات كأس العالم 2026"));
        assert!(!is_rtl("Reuters: Qatar talks resume في الدوحة"));
        assert!(is_rtl("2026"));
    }

    /// `[P] [Smart]`: the words of a Latin run with its markers stay in
    /// one isolate, so a reordering terminal keeps their order.
    #[test]
    fn latin_runs_with_marks_are_isolated_whole() {
        let text: Vec<Marked> = "هاتف P Smart جديد"
            .chars()
            .enumerate()
            .map(|(i, c)| (c, (5..12).contains(&i)))
            .collect();
        let isolated: String = isolate_latin(&text).into_iter().map(|(c, _)| c).collect();
        assert_eq!(isolated, "هاتف \u{2066}P Smart\u{2069} جديد");
    }

    #[test]
    fn latin_runs_are_isolated() {
        let meta: Vec<Marked> =
            "2018-06-28 · bbc-arabic · score 29.54".chars().map(|c| (c, false)).collect();
        let isolated: String = isolate_latin(&meta).into_iter().map(|(c, _)| c).collect();
        assert_eq!(
            isolated,
            "\u{2066}2018-06-28\u{2069} · \u{2066}bbc-arabic\u{2069} · \u{2066}score 29.54\u{2069}"
        );
    }
}
