use crate::util::{fahras, IndexDir};

/// The substrings of `text` that `ranges` (character offsets) mark.
fn marked(text: &str, ranges: &serde_json::Value) -> Vec<String> {
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
    let hit = dir
        .hits("المكتبة المركزية", &[])
        .into_iter()
        .find(|h| h["id"] == "fx-029")
        .expect("fx-029");
    let words = marked(hit["snippet"].as_str().unwrap(), &hit["highlights"]);
    assert_eq!(words, ["المَكْتَبَةِ", "المَرْكَزِيَّةِ"]);
    // The title keeps its tatweel and the query has none.
    let hit = &dir.hits("الخشبة", &[])[0];
    assert_eq!(marked(hit["title"].as_str().unwrap(), &hit["title_highlights"]), ["الخشبـــة"]);
    // Presentation forms are marked as written.
    let hit = &dir.hits("متحف", &[])[0];
    assert!(marked(hit["snippet"].as_str().unwrap(), &hit["highlights"])
        .contains(&"ﺍﻟﻤﺘﺤﻒ".to_string()));
}

#[test]
fn every_form_of_the_word_is_marked_and_nothing_else() {
    let dir = IndexDir::with_sample();
    let hit = dir.hits("معلم", &[]).into_iter().find(|h| h["id"] == "fx-044").unwrap();
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
        for hit in dir.hits("الحكومة", &["--snippet-chars", &w]) {
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
    assert!(run.stdout.contains("<<السبائك>>"), "{}", run.stdout);
    let run = fahras(&["search", "--index", &index, "-n", "1", "--color", "always", "السبائك"]);
    assert!(run.stdout.contains("\x1b[1;31mالسبائك\x1b[0m"), "{}", run.stdout);
}
