//! A table for a person, fitted to a width: a rank, one text column (a
//! word, an n-gram, an outlet), then numbers. Each number column is as wide
//! as its widest cell; past the width, the columns marked as optional go
//! first (last declared first), then the text is cut with `…`; what was
//! left out is said, so nobody mistakes a narrow table for the whole one.

use std::io::{self, Write};

use super::bidi::{self, Bidi};
use super::layout::{cells, text_cells};

/// One number column: its header, its cells, and whether it may be left
/// out to fit.
pub(crate) struct Column {
    header: &'static str,
    cells: Vec<String>,
    optional: bool,
}

impl Column {
    /// A column every table shows.
    pub(crate) fn kept(header: &'static str, cells: Vec<String>) -> Column {
        Column { header, cells, optional: false }
    }

    /// A column left out when the table would not fit otherwise.
    pub(crate) fn optional(header: &'static str, cells: Vec<String>) -> Column {
        Column { header, cells, optional: true }
    }

    fn width(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.chars().count())
            .chain([self.header.chars().count()])
            .max()
            .unwrap_or(0)
    }
}

/// The text's cells that optional columns are left out to keep.
const COMFORTABLE_TEXT: usize = 20;
/// The narrowest the text column is cut to before giving up on the width.
const MIN_TEXT: usize = 8;
/// Between two columns.
const GAP: usize = 2;

/// A table: a rank column (when `ranked`), the text column, the number
/// columns.
pub(crate) struct Table<'a> {
    /// The text column's header and its cells (logical order).
    pub text_header: &'static str,
    pub texts: Vec<&'a str>,
    pub columns: Vec<Column>,
    pub ranked: bool,
}

/// What fitting a table left out.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Fitted {
    /// Headers of the columns left out.
    pub dropped: Vec<&'static str>,
    /// How many texts were cut.
    pub cut: usize,
    /// The widest line, in cells.
    pub widest: usize,
}

impl Fitted {
    /// A line saying what was left out, or nothing.
    pub(crate) fn said(&self, width: usize) -> Option<String> {
        if self.dropped.is_empty() && self.cut == 0 {
            return None;
        }
        let fits = if self.widest <= width {
            format!("to fit {width} columns")
        } else {
            format!("and even so it takes {} columns, more than the {width} given", self.widest)
        };
        let mut parts = Vec::new();
        if !self.dropped.is_empty() {
            parts.push(format!(
                "the column{} {} left out",
                if self.dropped.len() == 1 { "" } else { "s" },
                self.dropped.join(", ")
            ));
        }
        if self.cut > 0 {
            parts.push(format!(
                "{} text{} cut (…)",
                self.cut,
                if self.cut == 1 { "" } else { "s" }
            ));
        }
        Some(format!("{} {fits}; --width 0, --json or --csv show everything", parts.join(" and ")))
    }
}

impl Table<'_> {
    /// Prints the table within `width` cells (none: as wide as it is), its
    /// text laid out as `layout` asks; says what it left out.
    pub(crate) fn print(
        mut self,
        out: &mut dyn Write,
        width: Option<usize>,
        layout: Bidi,
    ) -> io::Result<Fitted> {
        let mut fitted = Fitted::default();
        let rank_w = if self.ranked { self.texts.len().to_string().len().max(1) + GAP } else { 0 };
        let numbers_w = |columns: &[Column]| columns.iter().map(|c| c.width() + GAP).sum::<usize>();
        let text_full =
            self.texts.iter().map(|t| text_cells(t.chars())).chain([self.text_header.len()]).max();
        let text_full = text_full.unwrap_or(0);
        let mut text_w = text_full;
        if let Some(width) = width {
            // Optional columns go, last first, while the text would have
            // fewer cells than it needs, or than most words and short
            // n-grams need.
            let wanted = text_full.min(COMFORTABLE_TEXT);
            while rank_w + wanted + numbers_w(&self.columns) > width {
                let Some(last) = self.columns.iter().rposition(|c| c.optional) else { break };
                fitted.dropped.insert(0, self.columns.remove(last).header);
            }
            let room = width.saturating_sub(rank_w + numbers_w(&self.columns));
            text_w = text_full.min(room.max(MIN_TEXT));
        }
        // The header row.
        let mut line = String::new();
        if self.ranked {
            line.push_str(&format!("{:>w$}", "#", w = rank_w - GAP));
            line.push_str(&" ".repeat(GAP));
        }
        line.push_str(&format!("{:<text_w$}", self.text_header));
        for column in &self.columns {
            line.push_str(&format!("{:>w$}", column.header, w = column.width() + GAP));
        }
        fitted.widest = text_cells(line.trim_end().chars());
        writeln!(out, "{}", line.trim_end())?;
        for (row, text) in self.texts.iter().enumerate() {
            line.clear();
            if self.ranked {
                line.push_str(&format!("{:>w$}", row + 1, w = rank_w - GAP));
                line.push_str(&" ".repeat(GAP));
            }
            let (shown, was_cut) = cut(text, text_w);
            fitted.cut += usize::from(was_cut);
            let shown = bidi::for_display(&shown, layout);
            let pad = text_w.saturating_sub(text_cells(shown.chars()));
            line.push_str(&shown);
            line.push_str(&" ".repeat(pad));
            for column in &self.columns {
                line.push_str(&format!("{:>w$}", column.cells[row], w = column.width() + GAP));
            }
            fitted.widest = fitted.widest.max(text_cells(line.trim_end().chars()));
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(fitted)
    }
}

/// `text` within `width` cells: whole, or its start and `…`.
fn cut(text: &str, width: usize) -> (String, bool) {
    if text_cells(text.chars()) <= width {
        return (text.to_string(), false);
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = cells(c);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.push('…');
    (kept, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table<'a>(texts: Vec<&'a str>) -> Table<'a> {
        Table {
            text_header: "word",
            texts,
            columns: vec![
                Column::kept("freq", vec!["120".into(), "7".into()]),
                Column::optional("per M", vec!["1500.5".into(), "87.5".into()]),
                Column::optional("articles", vec!["30".into(), "2".into()]),
            ],
            ranked: true,
        }
    }

    fn printed(texts: Vec<&str>, width: Option<usize>) -> (String, Fitted) {
        let mut out = Vec::new();
        let fitted = table(texts).print(&mut out, width, Bidi::Logical { marks: false }).unwrap();
        (String::from_utf8(out).unwrap(), fitted)
    }

    #[test]
    fn a_table_that_fits_is_whole() {
        let (text, fitted) = printed(vec!["الدوحة", "قطر"], Some(80));
        assert_eq!((fitted.dropped.len(), fitted.cut), (0, 0));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "#  word    freq   per M  articles");
        assert_eq!(lines[1], "1  الدوحة   120  1500.5        30");
        assert_eq!(lines[2], "2  قطر        7    87.5         2");
    }

    #[test]
    fn optional_columns_go_last_first_then_the_text_is_cut() {
        let long = "في مؤتمر صحفي عقده وزير الخارجية";
        let (text, fitted) = printed(vec![long, "قطر"], Some(40));
        assert_eq!(fitted.dropped, vec!["articles"]);
        assert_eq!(fitted.cut, 1);
        for line in text.lines() {
            assert!(text_cells(line.chars()) <= 40, "{line}");
        }
        assert!(text.lines().nth(1).unwrap().contains("في مؤتمر صحفي"), "{text}");
        assert!(text.contains('…'), "{text}");
        let (_, fitted) = printed(vec![long, "قطر"], Some(30));
        assert_eq!(fitted.dropped, vec!["per M", "articles"]);
        let said = fitted.said(30).unwrap();
        assert!(said.contains("per M, articles left out") && said.contains("1 text cut"), "{said}");
        assert!(said.contains("to fit 30 columns"), "{said}");
        // Narrower than the columns kept: said, not claimed to fit.
        let (text, fitted) = printed(vec![long, "قطر"], Some(12));
        let widest = text.lines().map(|l| text_cells(l.chars())).max().unwrap();
        assert!(widest > 12);
        assert!(fitted.said(12).unwrap().contains(&format!("even so it takes {widest} columns")));
    }

    #[test]
    fn without_a_width_nothing_is_left_out() {
        let long = "في مؤتمر صحفي عقده وزير الخارجية";
        let (text, fitted) = printed(vec![long], None);
        assert_eq!((fitted.dropped.len(), fitted.cut), (0, 0));
        assert!(text.contains(long));
    }
}
