//! Lines that fit the terminal: text broken at spaces into lines of at most
//! a given width in terminal cells (a combining haraka takes none, a wide
//! character two), never inside a word that fits on a line.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// A character of text and whether it is part of a match.
pub(crate) type Marked = (char, bool);

/// The cells `c` takes in a terminal.
pub(crate) fn cells(c: char) -> usize {
    match c {
        // Direction marks and isolates are drawn as nothing.
        '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => 0,
        _ => c.width().unwrap_or(0),
    }
}

/// The cells `text` takes.
pub(crate) fn text_cells(text: impl IntoIterator<Item = char>) -> usize {
    text.into_iter().map(cells).sum()
}

/// `text` with every run of whitespace made one space and none at either
/// end: a snippet's line breaks and tabs would break the layout.
pub(crate) fn one_line(text: &[Marked]) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::with_capacity(text.len());
    for &(c, mark) in text {
        // A no-break space holds its words together.
        if c.is_whitespace() && c != '\u{a0}' {
            if out.last().is_some_and(|&(last, _)| last != ' ') {
                out.push((' ', false));
            }
        } else {
            out.push((c, mark));
        }
    }
    if out.last().is_some_and(|&(c, _)| c == ' ') {
        out.pop();
    }
    out
}

/// The cells of `text` with `marker` cells more for each run of marked
/// characters (the markers around it).
pub(crate) fn marked_cells(text: &[Marked], marker: usize) -> usize {
    let runs =
        text.iter().enumerate().filter(|&(i, &(_, m))| m && (i == 0 || !text[i - 1].1)).count();
    text_cells(text.iter().map(|&(c, _)| c)) + runs * marker
}

/// The lines of `text` (one line, as [`one_line`] makes it), as ranges of
/// it, each at most `width` cells wide, the markers of each marked run
/// (`marker` cells for the pair) counted: broken at spaces, the spaces
/// left out. A word wider than `width` alone is cut where the line is
/// full. `width` 0 means no limit: one line.
pub(crate) fn wrap(text: &[Marked], width: usize, marker: usize) -> Vec<Range<usize>> {
    if width == 0 || marked_cells(text, marker) <= width {
        let whole = 0..text.len();
        return if text.is_empty() { Vec::new() } else { std::iter::once(whole).collect() };
    }
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut at = 0;
    while at < text.len() {
        let end = text[at..].iter().position(|&(c, _)| c == ' ').map_or(text.len(), |n| at + n);
        let word = marked_cells(&text[at..end], marker);
        let gap = usize::from(used > 0);
        if used + gap + word <= width {
            used += gap + word;
        } else if word <= width {
            lines.push(start..at - 1);
            start = at;
            used = word;
        } else {
            // Too wide for any line: fill this one, then whole lines.
            if used > 0 {
                lines.push(start..at - 1);
                start = at;
                used = 0;
            }
            for i in at..end {
                let opens = text[i].1 && (i == at || !text[i - 1].1);
                let w = cells(text[i].0) + if opens { marker } else { 0 };
                if used + w > width && used > 0 {
                    lines.push(start..i);
                    start = i;
                    used = 0;
                }
                used += w;
            }
        }
        at = end + 1;
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

/// The leading words of `text` (one line, as [`one_line`] makes it) that
/// fit in `width` cells, whole: cut before a space, nothing when the first
/// word alone is wider.
pub(crate) fn first_words(text: &[Marked], width: usize) -> &[Marked] {
    let (mut used, mut end) = (0, 0);
    for (i, &(c, _)) in text.iter().enumerate() {
        if c == ' ' {
            end = i;
        }
        used += cells(c);
        if used > width {
            return &text[..end];
        }
    }
    text
}

/// The trailing words of `text` (one line) that fit in `width` cells,
/// whole: cut after a space, nothing when the last word alone is wider.
pub(crate) fn last_words(text: &[Marked], width: usize) -> &[Marked] {
    let (mut used, mut start) = (0, text.len());
    for (i, &(c, _)) in text.iter().enumerate().rev() {
        if c == ' ' {
            start = i + 1;
        }
        used += cells(c);
        if used > width {
            return &text[start..];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Marked> {
        text.chars().map(|c| (c, false)).collect()
    }

    fn lines(text: &str, width: usize) -> Vec<String> {
        let chars = plain(text);
        wrap(&chars, width, 0)
            .into_iter()
            .map(|r| chars[r].iter().map(|&(c, _)| c).collect())
            .collect()
    }

    #[test]
    fn lines_break_at_spaces_and_fit() {
        assert_eq!(lines("قال الرئيس إن الحكومة", 10), ["قال الرئيس", "إن الحكومة"]);
        assert_eq!(lines("قال الرئيس", 0), ["قال الرئيس"]);
        assert_eq!(lines("", 10), Vec::<String>::new());
    }

    #[test]
    fn harakat_take_no_cells() {
        // Seven letters and seven harakat: seven cells.
        assert_eq!(lines("مُحَمَّدٌ قَالَ", 9), ["مُحَمَّدٌ قَالَ"]);
    }

    #[test]
    fn a_word_wider_than_a_line_is_cut() {
        assert_eq!(lines("ab https://example.org/x", 8), ["ab", "https://", "example.", "org/x"]);
    }

    #[test]
    fn markers_are_counted() {
        let text: Vec<Marked> =
            "قال الرئيس".chars().enumerate().map(|(i, c)| (c, i >= 4)).collect();
        assert_eq!(wrap(&text, 10, 0).len(), 1);
        assert_eq!(wrap(&text, 10, 2).len(), 2);
    }

    fn shown(text: &[Marked]) -> String {
        text.iter().map(|&(c, _)| c).collect()
    }

    #[test]
    fn words_are_kept_whole_from_either_end() {
        let text = plain("قال وزير الخارجية إن");
        let table = [
            (100, "قال وزير الخارجية إن", "قال وزير الخارجية إن"),
            (20, "قال وزير الخارجية إن", "قال وزير الخارجية إن"),
            (19, "قال وزير الخارجية", "وزير الخارجية إن"),
            (12, "قال وزير", "الخارجية إن"),
            (8, "قال وزير", "إن"),
            (2, "", "إن"),
            (1, "", ""),
            (0, "", ""),
        ];
        for (width, first, last) in table {
            assert_eq!(shown(first_words(&text, width)), first, "first {width}");
            assert_eq!(shown(last_words(&text, width)), last, "last {width}");
        }
        // Harakat take no cells: the two words and a space take eight.
        let text = plain("مُحَمَّدٌ قَالَ");
        assert_eq!(shown(first_words(&text, 8)), "مُحَمَّدٌ قَالَ");
        assert_eq!(shown(first_words(&text, 7)), "مُحَمَّدٌ");
        assert_eq!(shown(last_words(&text, 4)), "قَالَ");
    }

    #[test]
    fn whitespace_becomes_one_space() {
        let text = one_line(&plain(" قال\n\nالرئيس\t إن "));
        assert_eq!(text.iter().map(|&(c, _)| c).collect::<String>(), "قال الرئيس إن");
    }
}
