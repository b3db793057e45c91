//! Archive text as data on a terminal: control characters shown, not sent.
//!
//! An article's title, body, outlet or id may hold bytes a terminal obeys:
//! `ESC[2J` clears the screen, `ESC]0;…BEL` retitles the window, `ESC]8;;`
//! makes a link, `\b` and `\r` overwrite what was printed. Every human
//! output writes archive (and query) text through [`visible`] or
//! [`visible_marked`], so each such character is printed as its escape
//! (`\x1b`, `\u{9b}`) and the terminal draws it as text, the way `less`
//! shows `^[`. `--json` and CSV output keep the text exact.
//!
//! Escaped:
//! - C0 controls U+0000–U+001F except tab and line feed (`\x1b`, `\r`,
//!   `\x07` …), and DEL U+007F: `\x1b`, `\x7f`;
//! - C1 controls U+0080–U+009F (`CSI` U+009B, `OSC` U+009D, which some
//!   terminals obey in UTF-8): `\u{9b}`.
//!
//! Tab and line feed are left to the caller's layout, which makes them
//! spaces or breaks; where one would forge a line of its own (a label),
//! use [`visible_line`].

use std::borrow::Cow;
use std::fmt::Write;

use super::layout::Marked;

/// Returns true if and only if a terminal may act on `c` (a C0 or C1
/// control, or DEL; tab and line feed excepted), or `c` is a directional
/// override (LRO U+202D, RLO U+202E), which would draw the text after it
/// backwards on a terminal that reorders, or in `--bidi visual`.
pub(crate) fn is_terminal_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202d}' | '\u{202e}')
}

/// Appends the printable escape of control `c` (`\x1b`, `\u{9b}`) to `out`.
fn push_escape(out: &mut String, c: char) {
    let code = u32::from(c);
    let _ = if code < 0x80 { write!(out, "\\x{code:02x}") } else { write!(out, "\\u{{{code:x}}}") };
}

/// Left-to-right isolate and its end: an escape is drawn left to right
/// inside right-to-left text (`\x1b`, not `b1x\`).
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// `text` with every terminal control (tab and line feed kept) shown as
/// its escape; borrowed when there is none, as nearly always.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    escape_where(text, is_terminal_control)
}

/// [`visible`] for a one-line label (an outlet, an id, a file name): tab
/// and line feed escaped too, so a value cannot start a line of its own.
pub(crate) fn visible_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| is_terminal_control(c) || c == '\t' || c == '\n')
}

fn escape_where(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Marked text with every terminal control shown as its escape, the
/// escape marked as the control was.
pub(crate) fn visible_marked(text: Vec<Marked>) -> Vec<Marked> {
    if !text.iter().any(|&(c, _)| is_terminal_control(c)) {
        return text;
    }
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut escape = String::new();
    for (c, mark) in text {
        if is_terminal_control(c) {
            escape.clear();
            escape.push(LRI);
            push_escape(&mut escape, c);
            escape.push(PDI);
            out.extend(escape.chars().map(|e| (e, mark)));
        } else {
            out.push((c, mark));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_as_escapes() {
        let table = [
            ("قطر", "قطر"),
            ("\u{1b}[2Jقطر", "\\x1b[2Jقطر"),
            ("\u{1b}]0;title\u{7}", "\\x1b]0;title\\x07"),
            ("a\u{8}b\rc", "a\\x08b\\x0dc"),
            ("\u{9b}31m", "\\u{9b}31m"),
            ("\u{7f}", "\\x7f"),
            ("\u{202e}txet", "\\u{202e}txet"),
            ("line\none\ttab", "line\none\ttab"),
        ];
        for (input, expected) in table {
            assert_eq!(visible(input), expected, "{input:?}");
            assert!(!visible(input).chars().any(is_terminal_control));
        }
        assert_eq!(visible_line("a\nb\tc"), "a\\x0ab\\x09c");
        assert!(matches!(visible("نص عادي"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_keep_their_mark() {
        let text = vec![('ق', true), ('\u{1b}', true), ('ر', false)];
        let shown = visible_marked(text);
        let marked: String = shown.iter().filter(|m| m.1).map(|m| m.0).collect();
        assert_eq!(marked, "ق\u{2066}\\x1b\u{2069}");
    }
}
