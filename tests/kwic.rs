//! `fahras kwic`: every line's match is the article's own text at the
//! offsets given, and the query matches it; sorting; phrases whole; the
//! terminal table fits its width, words whole, the match in one column.

use std::collections::{BTreeMap, BTreeSet};

use unicode_width::UnicodeWidthChar;

use crate::util::{fahras, shared, IndexDir};

fn kwic(dir: &IndexDir, args: &[&str]) -> (i32, serde_json::Value) {
    let index = dir.arg();
    let mut all = vec!["kwic", "--index", &index[..], "--json"];
    all.extend_from_slice(args);
    let run = fahras(&all);
    assert!(run.code <= 1, "{args:?}: {}", run.stderr);
    (run.code, serde_json::from_str(&run.stdout).expect("one JSON object"))
}

/// The bodies of the articles holding any word of `query`, by id, from
/// `export`.
fn bodies(dir: &IndexDir, query: &str) -> BTreeMap<String, Vec<char>> {
    let index = dir.arg();
    let run = fahras(&["export", "--index", &index, "--any", "--columns", "id,body", query]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["body"].as_str().unwrap().chars().collect())
        })
        .collect()
}

fn text(v: &serde_json::Value) -> &str {
    v.as_str().expect("a string")
}

fn one_line(chars: &[char]) -> String {
    chars.iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// Checks each line against its article: the centre at its offsets, the
/// contexts next to it; returns the lines.
fn check_lines(dir: &IndexDir, query: &str, got: &serde_json::Value) -> Vec<serde_json::Value> {
    let bodies = bodies(dir, query);
    let lines = got["lines"].as_array().unwrap().clone();
    for line in &lines {
        let body = &bodies[text(&line["id"])];
        let (start, end) =
            (line["start"].as_u64().unwrap() as usize, line["end"].as_u64().unwrap() as usize);
        assert!(start < end && end <= body.len(), "{line}");
        assert_eq!(one_line(&body[start..end]), text(&line["match"]), "{line}");
        let left = text(&line["left"]).chars().count();
        let right = text(&line["right"]).chars().count();
        assert_eq!(one_line(&body[start - left..start]), text(&line["left"]), "{line}");
        assert_eq!(one_line(&body[end..end + right]), text(&line["right"]), "{line}");
    }
    lines
}

#[test]
fn every_centre_is_the_articles_text_at_its_offsets_and_matches_the_query() {
    let dir = IndexDir::with_sample();
    // --any: no article's body holds both المدارس and الحكومة, and every
    // article holding either gives lines.
    for query in ["وزارة", "المدارس الحكومة", "الاتحاد"] {
        let (code, got) = kwic(&dir, &["--every", "--any", "--fields", "body", query]);
        assert_eq!(code, 0, "{query}");
        let lines = check_lines(&dir, query, &got);
        assert!(!lines.is_empty());
        // Every article the query matches in its body gives a line.
        let ids: BTreeSet<&str> = lines.iter().map(|l| text(&l["id"])).collect();
        assert_eq!(ids.len(), dir.count_with(query, &["--any", "--fields", "body"]), "{query}");
        assert_eq!(got["articles"].as_u64().unwrap() as usize, ids.len());
        for line in &lines {
            // The centre, searched as an exact phrase, finds its article.
            let centre = format!("\"{}\"", text(&line["match"]));
            let found = dir.ids(&centre, &["--fields", "body"]);
            assert!(found.iter().any(|id| id == text(&line["id"])), "{line}");
            // And it is one of the query's words, in another spelling
            // perhaps: searching it alone finds its article.
            assert!(dir.count_with(text(&line["match"]), &["--fields", "body"]) > 0);
        }
    }
}

#[test]
fn a_phrase_is_one_match_and_the_contexts_keep_the_width() {
    let dir = IndexDir::with_sample();
    let (_, got) = kwic(&dir, &["--every", "--context", "25", "\"وزارة التربية\""]);
    let lines = check_lines(&dir, "\"وزارة التربية\"", &got);
    for line in &lines {
        assert!(text(&line["match"]).split_whitespace().count() >= 2, "{line}");
        assert!(text(&line["left"]).chars().count() <= 25);
        assert!(text(&line["right"]).chars().count() <= 25);
    }
}

#[test]
fn lines_sort_by_the_neighbouring_word_date_or_source_and_n_cuts() {
    let dir = IndexDir::with_sample();
    let key = |words: Vec<&str>| -> String {
        let word = words.first().copied().unwrap_or("");
        word.chars()
            .filter(|c| c.is_alphanumeric() && !('\u{64B}'..='\u{65F}').contains(c))
            .collect()
    };
    let (_, got) = kwic(&dir, &["--every", "--sort", "left", "في"]);
    let lefts: Vec<String> = got["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| key(text(&l["left"]).split_whitespace().rev().collect()))
        .collect();
    assert!(lefts.len() > 20);
    assert!(lefts.windows(2).all(|w| w[0] <= w[1]), "{lefts:?}");
    let (_, got) = kwic(&dir, &["--every", "--sort", "right", "في"]);
    let rights: Vec<String> = got["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| key(text(&l["right"]).split_whitespace().collect()))
        .collect();
    assert!(rights.windows(2).all(|w| w[0] <= w[1]), "{rights:?}");
    let (_, got) = kwic(&dir, &["--every", "--sort", "date", "في"]);
    let dates: Vec<&str> =
        got["lines"].as_array().unwrap().iter().filter_map(|l| l["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    let (_, got) = kwic(&dir, &["-n", "3", "في"]);
    assert_eq!(got["lines"].as_array().unwrap().len(), 3);
    assert!(got["found"].as_u64().unwrap() >= 3);
}

#[test]
fn no_line_is_exit_1_and_csv_has_a_header() {
    let dir = IndexDir::with_sample();
    let (code, got) = kwic(&dir, &["زنجبيل"]);
    assert_eq!(code, 1);
    assert!(got["lines"].as_array().unwrap().is_empty());
    // No line asked for, but the query matches: found, exit 0.
    let (code, got) = kwic(&dir, &["-n", "0", "وزارة"]);
    assert_eq!(code, 0);
    assert!(got["lines"].as_array().unwrap().is_empty() && got["articles"].as_u64() > Some(0));
    // Only an exclusion: articles match, but no word of theirs is the
    // query's, so there is no line: nothing found, exit 1.
    let (code, got) = kwic(&dir, &["--", "-قطر"]);
    assert_eq!(code, 1);
    assert!(got["articles"].as_u64() > Some(0) && got["found"] == 0, "{got}");
    let index = dir.arg();
    let run = fahras(&["kwic", "--index", &index, "--csv", "-n", "5", "وزارة"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["id", "rank", "date", "source", "left", "match", "right", "start", "end"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty() && rows.len() <= 5);
    // The terminal table: one line per occurrence, the match in one column.
    let run = fahras(&["kwic", "--index", &index, "--bidi", "visual", "-n", "5", "وزارة"]);
    assert_eq!(run.stdout.lines().count(), rows.len());
}

/// On the shared corpora: a name in thousands of articles, lines checked
/// against their articles.
#[test]
fn lines_point_into_their_articles_on_shared_corpora() {
    let Some(corpus) = shared("corpora/ant-multisource/sample-2000.jsonl") else { return };
    let dir = IndexDir::new();
    dir.index(&[corpus.to_str().unwrap()]);
    let (_, got) = kwic(&dir, &["-n", "300", "--sort", "left", "الرئيس"]);
    let lines = check_lines(&dir, "الرئيس", &got);
    assert_eq!(lines.len(), 300);
}

/// The terminal cells `line` takes, as tests/terminal.rs counts them.
fn cells(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The table `kwic` prints for `query` with `extra`, one string a line.
fn table(dir: &IndexDir, query: &str, extra: &[&str]) -> Vec<String> {
    let index = dir.arg();
    let mut args = vec!["kwic", "--index", &index[..]];
    args.extend_from_slice(extra);
    args.push(query);
    let run = fahras(&args);
    assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
    run.stdout.lines().map(str::to_string).collect()
}

/// The words of `line`, direction marks and isolates left out.
fn words(line: &str) -> Vec<String> {
    line.replace(['\u{200F}', '\u{2066}', '\u{2067}', '\u{2069}'], "")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// `text` as `--bidi visual` draws an Arabic run: letters in reverse
/// order, each with the harakat after it.
fn reversed(text: &str) -> String {
    let mut clusters: Vec<String> = Vec::new();
    for c in text.chars() {
        match clusters.last_mut() {
            Some(last) if ('\u{64B}'..='\u{65F}').contains(&c) || c == '\u{670}' => last.push(c),
            _ => clusters.push(c.to_string()),
        }
    }
    clusters.into_iter().rev().collect()
}

/// The letters of `word` in order of code point: the same for a word in
/// stored order and as `--bidi visual` draws it (a run reversed, digits
/// kept, brackets mirrored), different for a part of it.
fn letters(word: &str) -> String {
    let mut letters: Vec<char> = word.chars().map(mirrored).collect();
    letters.sort_unstable();
    letters.into_iter().collect()
}

fn mirrored(c: char) -> char {
    match c {
        ')' => '(',
        ']' => '[',
        '}' => '{',
        '>' => '<',
        '»' => '«',
        _ => c,
    }
}

/// The cell columns where `needle` starts in `line`.
fn columns_of(line: &str, needle: &str) -> BTreeSet<usize> {
    line.char_indices()
        .filter(|&(at, _)| line[at..].starts_with(needle))
        .map(|(at, _)| cells(&line[..at]))
        .collect()
}

/// At 40, 80 and 120 columns, in both bidi modes: every line fits, every
/// word shown is a whole word of its line's context, match or meta, and
/// the match starts at one column (stored order: after as many cells in
/// each line; reordered: its right end, where a right-to-left word
/// starts, at one column).
#[test]
fn table_lines_fit_the_width_with_the_match_in_one_column() {
    let dir = IndexDir::with_sample();
    for query in ["في", "وزار*", "\"رئيس الوزراء\""] {
        let (_, got) = kwic(&dir, &["--every", "-n", "30", query]);
        let expected = got["lines"].as_array().unwrap();
        assert!(expected.len() > 1, "{query}");
        for bidi in ["logical", "visual"] {
            for width in [40usize, 80, 120] {
                let w = width.to_string();
                let args = ["--every", "-n", "30", "--bidi", bidi, "--width", &w];
                let shown = table(&dir, query, &args);
                assert_eq!(shown.len(), expected.len(), "{query} {bidi} {width}");
                let mut common: Option<BTreeSet<usize>> = None;
                let mut context_words = 0;
                for (line, want) in shown.iter().zip(expected) {
                    let at = format!("{query} {bidi} {width}: {line}");
                    assert!(cells(line) <= width, "{} cells: {at}", cells(line));
                    let mut whole: Vec<&str> = Vec::new();
                    for key in ["left", "match", "right"] {
                        whole.extend(text(&want[key]).split_whitespace());
                    }
                    let meta = [&want["date"], &want["source"]];
                    whole.extend(meta.iter().filter_map(|v| v.as_str()));
                    for word in words(line) {
                        let ok = match bidi {
                            "logical" => whole.contains(&word.as_str()),
                            _ => whole.iter().any(|w| letters(w) == letters(&word)),
                        };
                        assert!(ok, "{word:?} is not a whole word of its line: {at}");
                        context_words += 1;
                    }
                    let matched = text(&want["match"]);
                    let columns = match bidi {
                        "logical" => columns_of(line, matched),
                        _ => {
                            let drawn = reversed(matched);
                            let ends = columns_of(line, &drawn).into_iter();
                            ends.map(|c| c + cells(&drawn)).collect()
                        }
                    };
                    assert!(!columns.is_empty(), "the match {matched:?} not shown: {at}");
                    common = Some(match common {
                        Some(c) => c.intersection(&columns).copied().collect(),
                        None => columns,
                    });
                }
                let common = common.unwrap();
                assert!(!common.is_empty(), "the match moves: {query} {bidi} {width}: {shown:#?}");
                // More than the matches: each line keeps some context.
                assert!(context_words > 2 * shown.len(), "{query} {bidi} {width}: {shown:#?}");
            }
        }
    }
}

/// At 120 columns the date and source are shown; at 40 they are left out
/// for the context; ids only with --ids.
#[test]
fn the_meta_column_shows_dates_and_ids_when_there_is_room() {
    let dir = IndexDir::with_sample();
    let (_, got) = kwic(&dir, &["-n", "5", "الحكومة"]);
    let expected = got["lines"].as_array().unwrap();
    for bidi in ["logical", "visual"] {
        let wide = table(&dir, "الحكومة", &["-n", "5", "--bidi", bidi, "--width", "120"]);
        let ids = table(&dir, "الحكومة", &["-n", "5", "--bidi", bidi, "--width", "120", "--ids"]);
        let narrow = table(&dir, "الحكومة", &["-n", "5", "--bidi", bidi, "--width", "40"]);
        for (i, want) in expected.iter().enumerate() {
            let (id, date) = (text(&want["id"]), text(&want["date"]));
            assert!(wide[i].contains(date) && !wide[i].contains(id), "{}", wide[i]);
            assert!(ids[i].contains(date) && ids[i].contains(id), "{}", ids[i]);
            assert!(!narrow[i].contains(date), "{}", narrow[i]);
        }
    }
}

/// In a pipe without --width nothing is cut: each line is its context,
/// match, context, date and source, however long; --context bounds the
/// context; --json and --csv take no notice of --width or --ids.
#[test]
fn piped_tables_are_whole_and_context_bounds_them() {
    let dir = IndexDir::with_sample();
    for context in ["12", "80"] {
        let (_, got) = kwic(&dir, &["-n", "20", "--context", context, "الحكومة"]);
        let expected = got["lines"].as_array().unwrap();
        let shown = table(&dir, "الحكومة", &["-n", "20", "--context", context]);
        assert_eq!(shown.len(), expected.len());
        for (line, want) in shown.iter().zip(expected) {
            assert!(text(&want["left"]).chars().count() <= context.parse().unwrap());
            let mut whole: Vec<&str> = Vec::new();
            for key in ["left", "match", "right", "date", "source"] {
                whole.extend(want[key].as_str().unwrap_or("").split_whitespace());
            }
            assert_eq!(words(line), whole, "{line}");
            assert!(!line.contains(['\u{200F}', '\u{2066}', '\u{2067}']), "no marks in a pipe");
        }
        if context == "80" {
            assert!(shown.iter().any(|l| cells(l) > 150), "{shown:#?}");
        }
    }
    let index = dir.arg();
    for format in ["--json", "--csv"] {
        let run = |extra: &[&str]| {
            let mut args = vec!["kwic", "--index", &index[..], format, "-n", "9"];
            args.extend_from_slice(extra);
            args.push("الحكومة");
            fahras(&args).stdout
        };
        assert_eq!(run(&["--width", "40", "--ids"]), run(&[]), "{format}");
    }
    // --width as search reads it: 0 or 20 and more.
    let run = fahras(&["kwic", "--index", &index, "--width", "5", "قطر"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("too narrow"), "{}", run.stderr);
}

/// `--offset` pages through the concordance in the order asked: pages of
/// five, put end to end, are the first fifteen lines.
#[test]
fn pages_put_end_to_end_are_the_whole() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    let lines = |extra: &[&str]| -> (u64, Vec<serde_json::Value>) {
        let mut args =
            vec!["kwic", "--index", &index[..], "--json", "--every", "--sort", "left", "في"];
        args.extend_from_slice(extra);
        let run = fahras(&args);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        (got["found"].as_u64().unwrap(), got["lines"].as_array().unwrap().clone())
    };
    let (found, whole) = lines(&["-n", "15"]);
    assert!(found > 15, "only {found} lines: not a test of paging");
    let mut pages = Vec::new();
    for offset in ["0", "5", "10"] {
        let (again, page) = lines(&["-n", "5", "--offset", offset]);
        assert_eq!(again, found);
        assert_eq!(page.len(), 5);
        pages.extend(page);
    }
    assert_eq!(pages, whole);
    // Past the end: no line, the count still said.
    let (again, none) = lines(&["-n", "5", "--offset", &found.to_string()]);
    assert_eq!((again, none.len()), (found, 0));
}
