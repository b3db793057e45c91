//! `fahras kwic`: every line's match is the article's own text at the
//! offsets given, and the query matches it; sorting; phrases whole.

use std::collections::{BTreeMap, BTreeSet};

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
    let (_, got) = kwic(&dir, &["--every", "-w", "25", "\"وزارة التربية\""]);
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
fn no_match_is_exit_1_and_csv_has_a_header() {
    let dir = IndexDir::with_sample();
    let (code, got) = kwic(&dir, &["زنجبيل"]);
    assert_eq!(code, 1);
    assert!(got["lines"].as_array().unwrap().is_empty());
    // No line asked for, but the query matches: found, exit 0.
    let (code, got) = kwic(&dir, &["-n", "0", "وزارة"]);
    assert_eq!(code, 0);
    assert!(got["lines"].as_array().unwrap().is_empty() && got["articles"].as_u64() > Some(0));
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
