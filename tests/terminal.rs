//! Search output in a terminal: lines fit the width, words are not split,
//! a match is marked on the line it is on; pipes get whole lines.

use unicode_width::UnicodeWidthChar;

use crate::util::{fahras, IndexDir};

/// The terminal cells `line` takes: each character's width (harakat and
/// direction marks none). Not `str::width`, which counts lam-alef as one
/// cell: terminals that do not shape draw the two letters in two.
fn cells(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// A query with many matches in the sample: many marks to wrap.
const QUERY: &str = "الحكومة الدوحة قطر النفط وزارة الطاقة الرياض";

/// Markers no article holds.
const MARKERS: &str = "⟦,⟧";

fn render(dir: &IndexDir, extra: &[&str]) -> String {
    let index = dir.arg();
    let mut args = vec!["search", "--index", &index, "--markers", MARKERS];
    if !extra.contains(&"-n") {
        args.extend(["-n", "20"]);
    }
    args.extend_from_slice(extra);
    if !extra.iter().any(|a| !a.starts_with('-') && !a.chars().all(|c| c.is_ascii_digit())) {
        args.push(QUERY);
    }
    let run = fahras(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The words of each result (the lines between blank lines), markers and
/// the rank's isolates left out; the summary (which holds a time) too.
fn words_of_results(out: &str) -> Vec<Vec<String>> {
    let results = out.rsplit_once("\n\n").map_or(out, |(results, _summary)| results);
    results
        .split("\n\n")
        .map(|result| {
            result
                .split_whitespace()
                .map(|w| w.replace(['⟦', '⟧', '\u{2066}', '\u{2069}'], ""))
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect()
}

#[test]
fn lines_fit_the_width_and_words_stay_whole() {
    let dir = IndexDir::with_sample();
    let whole = render(&dir, &["--width", "0", "--snippet-chars", "300"]);
    for width in [40usize, 80, 120] {
        let out = render(&dir, &["--width", &width.to_string(), "--snippet-chars", "300"]);
        let mut wrapped = 0;
        for line in out.lines() {
            assert!(cells(line) <= width, "{width}: {} cells: {line}", cells(line));
        }
        let (before, after) = (words_of_results(&whole), words_of_results(&out));
        assert_eq!(before.len(), after.len(), "{width}");
        for (a, b) in before.iter().zip(after.iter()) {
            // The same words in the same order: none split, none lost.
            assert_eq!(a, b, "{width}");
            wrapped += 1;
        }
        assert!(wrapped > 5, "{out}");
        // Snippets of 300 characters need more than one line at these widths.
        assert!(out.lines().count() > whole.lines().count(), "{width}");
    }
}

#[test]
fn every_highlight_opens_and_closes_on_its_line() {
    let dir = IndexDir::with_sample();
    for width in ["40", "80", "120"] {
        let out = render(&dir, &["--width", width]);
        let mut marks = 0;
        for line in out.lines() {
            let mut open = false;
            for c in line.chars() {
                match c {
                    '⟦' => {
                        assert!(!open, "{width}: {line}");
                        open = true;
                        marks += 1;
                    }
                    '⟧' => {
                        assert!(open, "{width}: {line}");
                        open = false;
                    }
                    _ => {}
                }
            }
            assert!(!open, "{width}: a mark left open: {line}");
        }
        assert!(marks > 10, "{out}");
    }
}

/// Without a terminal and without --width, a result is its three lines,
/// however long.
#[test]
fn piped_output_is_not_wrapped() {
    let dir = IndexDir::with_sample();
    let out = render(&dir, &["--snippet-chars", "300"]);
    assert!(out.lines().any(|line| cells(line) > 150), "{out}");
    let results = out.trim_end().split("\n\n").collect::<Vec<_>>();
    // The last holds the summary line too.
    assert!(results[..results.len() - 1].iter().all(|r| r.lines().count() == 3), "{out}");
    assert!(!out.contains('\u{200F}') && !out.contains('\u{2066}'), "no direction marks in a pipe");
    // Plain spaces: `grep 'score 3'` and `awk -F' · '` work on it.
    assert!(!out.contains('\u{a0}'), "no no-break spaces in a pipe");
    assert!(out.contains(" · ") && out.contains("score "), "{out}");
}

/// `--bidi visual` reorders each line for terminals that do not, and
/// aligns the right-to-left lines to the right edge; `--json` stays in
/// stored order whatever `--bidi` says.
#[test]
fn visual_lines_are_reordered_and_aligned_right() {
    let dir = IndexDir::with_sample();
    let logical = render(&dir, &["--width", "80", "-n", "1", "القطري"]);
    let visual = render(&dir, &["--width", "80", "-n", "1", "--bidi", "visual", "القطري"]);
    let title = logical.lines().next().unwrap();
    let shown = visual.lines().next().unwrap();
    assert_eq!(cells(shown), 80, "{shown}");
    // The title's first word is now at the right end, reversed.
    let first_word: String = title.split_whitespace().nth(1).unwrap().chars().rev().collect();
    assert!(shown.trim_end_matches("1.").trim_end().ends_with(&first_word), "{shown} / {title}");
    assert!(shown.ends_with("1."), "{shown}");
    let json = |bidi: &str| {
        let run = fahras(&["search", "--index", &dir.arg(), "--json", "--bidi", bidi, "القطري"]);
        // The hits; the summary holds a time.
        run.stdout.lines().filter(|l| l.contains("\"type\":\"hit\"")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(json("visual"), json("logical"));
}

/// `--width` is 0 or 20 and more; `--json` ignores it.
#[test]
fn widths_are_checked_and_json_ignores_them() {
    let dir = IndexDir::with_sample();
    let run = fahras(&["search", "--index", &dir.arg(), "--width", "5", "قطر"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("too narrow"), "{}", run.stderr);
    let index = dir.arg();
    let json = |extra: &[&str]| {
        let mut args = vec!["search", "--index", &index[..], "--json", "الحكومة"];
        args.extend_from_slice(extra);
        let run = fahras(&args);
        run.stdout.lines().filter(|l| l.contains("\"type\":\"hit\"")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(json(&["--width", "40"]), json(&[]));
}

/// The small things: singular, a hint for an empty query, the direction
/// marks `--bidi logical` adds for terminals that reorder.
#[test]
fn messages_read_right() {
    let dir = IndexDir::with_sample();
    let run = fahras(&["search", "--index", &dir.arg(), "مذكرات"]);
    assert!(run.stdout.contains("\n1 matching article (showing 1–1)"), "{}", run.stdout);
    let run = fahras(&["search", "--index", &dir.arg(), "  "]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("the query is empty"), "{}", run.stderr);
    let run = fahras(&["search", "--index", &dir.arg(), "--bidi", "logical", "الدوحه"]);
    let lines: Vec<&str> = run.stdout.lines().take(3).collect();
    assert!(lines.iter().all(|l| l.starts_with('\u{200F}')), "{lines:?}");
}

/// `stats` aligns its counts: each ends in the same column.
#[test]
fn stats_counts_are_aligned() {
    let dir = IndexDir::with_sample();
    let run = fahras(&["stats", "--index", &dir.arg()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sources: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| *l != "sources")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(sources.len() > 3, "{}", run.stdout);
    let ends: Vec<usize> = sources
        .iter()
        .map(|l| l.find(|c: char| c.is_ascii_digit()).unwrap() + l.trim_start().find(' ').unwrap())
        .collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{sources:?}");
    let counts: Vec<usize> =
        sources.iter().map(|l| l.split_whitespace().next().unwrap().parse().unwrap()).collect();
    assert!(counts.iter().any(|&n| n >= 10) && counts.iter().any(|&n| n < 10), "{counts:?}");
}

/// Issue 33: the tables of `words`, `keywords`, `dispersion` and `collocates` fit the
/// width asked: the least needed columns go first, then long n-grams are
/// cut with …, and standard error says what was left out; in a pipe (no
/// width) or with `--width 0` the table is whole.
#[test]
fn research_tables_fit_the_width_and_say_what_they_left_out() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    let run = |args: &[&str]| {
        let mut all = vec![args[0], "--index", &index[..]];
        all.extend_from_slice(&args[1..]);
        let run = fahras(&all);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run
    };
    let whole = run(&["words", "--ngrams", "3", "--min-freq", "1", "-n", "30", "*"]);
    let header = whole.stdout.lines().next().unwrap().to_string();
    assert!(header.contains("per M") && header.contains("articles"), "{header}");
    let widest = whole.stdout.lines().map(cells).max().unwrap();
    assert!(widest > 40, "the sample's trigrams fit 40 columns whole: {}", whole.stdout);
    assert!(!whole.stderr.contains("left out"), "{}", whole.stderr);
    assert_eq!(
        run(&["words", "--ngrams", "3", "--min-freq", "1", "-n", "30", "--width", "0", "*"]).stdout,
        whole.stdout
    );
    let narrow =
        run(&["words", "--ngrams", "3", "--min-freq", "1", "-n", "30", "--width", "30", "*"]);
    for line in narrow.stdout.lines() {
        assert!(cells(line) <= 30, "{line:?} is {} cells", cells(line));
    }
    assert!(!narrow.stdout.lines().next().unwrap().contains("articles"), "{}", narrow.stdout);
    assert!(narrow.stdout.contains('…'), "{}", narrow.stdout);
    assert!(
        narrow.stderr.contains("articles left out") && narrow.stderr.contains("to fit 30 columns"),
        "{}",
        narrow.stderr
    );
    // The counts are the whole table's, row for row: the last column of
    // the narrow one (freq), the third from last of the whole one.
    let column = |out: &str, from_end: usize| -> Vec<String> {
        out.lines()
            .skip(1)
            .map(|l| l.split_whitespace().rev().nth(from_end).unwrap().to_string())
            .collect()
    };
    assert_eq!(column(&narrow.stdout, 0), column(&whole.stdout, 2));
    for (args, width) in [
        (&["keywords", "قطر", "--min-ll", "0", "--min-freq", "1", "--width", "40"][..], 40),
        (&["dispersion", "قطر", "--width", "40"][..], 40),
        (&["collocates", "الدوحة", "--min-freq", "1", "--width", "30"][..], 30),
    ] {
        let fitted = run(args);
        for line in fitted.stdout.lines() {
            assert!(cells(line) <= width, "{args:?}: {line:?}");
        }
        let said = &fitted.stderr;
        let fits = format!("to fit {width} columns");
        assert!(said.contains("left out") && said.contains(&fits), "{args:?}: {said}");
    }
}
