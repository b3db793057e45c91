use serde_json::Value;

use crate::util::{fahras, IndexDir};

/// The hit of article `id` among the hits of `query`; fails, naming the
/// ids it got, when the search does not return it.
fn hit_of(dir: &IndexDir, query: &str, id: &str) -> Value {
    let hits = dir.hits(query, &[]);
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    let Some(hit) = hits.iter().find(|h| h["id"] == id) else {
        panic!("{query:?} does not find {id}: got {ids:?}");
    };
    hit.clone()
}

/// The substrings of `text` that `ranges` (character offsets) mark.
fn marked(text: &str, ranges: &Value) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
            chars[s..e].iter().collect()
        })
        .collect()
}

#[test]
fn highlights_mark_the_original_diacritized_words() {
    let dir = IndexDir::with_sample();
    let hit = hit_of(&dir, "المكتبة المركزية", "fx-029");
    let words = marked(hit["snippet"].as_str().unwrap(), &hit["highlights"]);
    assert_eq!(words, ["المَكْتَبَةِ", "المَرْكَزِيَّةِ"]);
    // The title keeps its tatweel and the query has none.
    let hit = hit_of(&dir, "الخشبة", "fx-030");
    assert_eq!(marked(hit["title"].as_str().unwrap(), &hit["title_highlights"]), ["الخشبـــة"]);
    // Presentation forms are marked as written.
    let hit = hit_of(&dir, "متحف", "fx-037");
    let words = marked(hit["snippet"].as_str().unwrap(), &hit["highlights"]);
    assert!(words.contains(&"ﺍﻟﻤﺘﺤﻒ".to_string()), "{words:?}");
}

#[test]
fn every_form_of_the_word_is_marked_and_nothing_else() {
    let dir = IndexDir::with_sample();
    let hit = hit_of(&dir, "معلم", "fx-044");
    let title = marked(hit["title"].as_str().unwrap(), &hit["title_highlights"]);
    assert_eq!(title, ["المعلمات"]);
    let body = marked(hit["snippet"].as_str().unwrap(), &hit["highlights"]);
    assert_eq!(body, ["المعلمات"]);
}

#[test]
fn snippets_are_measured_in_characters() {
    let dir = IndexDir::with_sample();
    for width in [40, 80] {
        let w = width.to_string();
        let hits = dir.hits("الحكومة", &["--snippet-chars", &w]);
        // The four articles that hold the word (fx-016 spells it الحكومه).
        let mut ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
        ids.sort();
        assert_eq!(ids, ["fx-001", "fx-004", "fx-005", "fx-016"], "at {width} characters");
        for hit in &hits {
            let snippet = hit["snippet"].as_str().unwrap();
            let n = snippet.chars().count();
            assert!(n <= width, "{n} > {width}: {snippet}");
            assert!(n >= width * 2 / 3, "{n} much shorter than {width}: {snippet}");
        }
    }
}

#[test]
fn terminal_markers_and_colour() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    let run = fahras(&["search", "--index", &index, "-n", "1", "--markers", "<<,>>", "السبائك"]);
    assert_eq!(run.code, 0, "السبائك finds fx-015: {}", run.stderr);
    assert!(run.stdout.contains("<<السبائك>>"), "{}", run.stdout);
    let run = fahras(&["search", "--index", &index, "-n", "1", "--color", "always", "السبائك"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\x1b[1;31mالسبائك\x1b[22;39m"), "{}", run.stdout);
    // A title stays bold after its matches: the match's end restores the
    // colour only, and the line ends every attribute.
    let run = fahras(&["search", "--index", &index, "-n", "1", "--color", "always", "الذهب"]);
    let title = run.stdout.lines().next().unwrap();
    assert!(title.starts_with("\x1b[1m 1. أسعار \x1b[1;31mالذهب\x1b[39m تقفز"), "{title:?}");
    assert!(title.ends_with("\x1b[0m"), "{title:?}");
}

/// A phrase marks its own occurrences only: `"محمد بن سلمان"` does not
/// mark the `بن` of «عبدالله بن عمر», nor a lone محمد; a word searched alone
/// is marked everywhere.
#[test]
fn phrase_highlights_mark_only_the_phrase() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("names.jsonl");
    let body =
        "التقى وليّ العهد الأمير مُحمّد بن سلمان بالوزير عبدالله بن عمر، وقال محمد إن اللقاء مثمر.";
    let line = serde_json::json!({"id": "n1", "title": "لقاء محمد بن سلمان وعبدالله بن عمر", "body": body});
    std::fs::write(&input, format!("{line}\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    let hit = dir.hits("\"محمد بن سلمان\"", &[]).into_iter().next().expect("the article");
    assert_eq!(
        marked(hit["snippet"].as_str().unwrap(), &hit["highlights"]),
        ["مُحمّد", "بن", "سلمان"]
    );
    assert_eq!(
        marked(hit["title"].as_str().unwrap(), &hit["title_highlights"]),
        ["محمد", "بن", "سلمان"]
    );
    // Searched alone, بن is marked wherever it stands.
    let hit = dir.hits("بن", &[]).into_iter().next().expect("the article");
    assert_eq!(marked(hit["snippet"].as_str().unwrap(), &hit["highlights"]), ["بن", "بن"]);
}
