//! `fahras words`: word lists and n-grams counted by hand on two articles;
//! stop words kept out of the ends of n-grams, punctuation never spanned;
//! copies read once.

use crate::util::{fahras, IndexDir};

/// Two articles, 14 words: `رئيس الوزراء` three times, `المدينة` once and
/// `والمدينة` once, a full stop between `المدينة` and `رئيس`.
fn archive(dir: &IndexDir) {
    let lines = [
        serde_json::json!({"id": "w1", "title": "", "body": "رئيس الوزراء زار المدينة. رئيس الوزراء في الحكومة"}),
        serde_json::json!({"id": "w2", "title": "", "body": "قال رئيس الوزراء إن والمدينة جميلة"}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let input = dir.tmp.path().join("w.jsonl");
    std::fs::write(&input, text.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
}

fn words(dir: &IndexDir, args: &[&str]) -> serde_json::Value {
    let index = dir.arg();
    let mut all = vec!["words", "--index", &index[..], "--json", "--min-freq", "1"];
    all.extend_from_slice(args);
    let run = fahras(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn rows(got: &serde_json::Value) -> Vec<(String, u64, u64)> {
    got["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["word"].as_str().unwrap().to_string(),
                r["freq"].as_u64().unwrap(),
                r["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn word_lists_and_ngrams_are_counted_by_hand() {
    let dir = IndexDir::new();
    archive(&dir);
    let got = words(&dir, &["*"]);
    assert_eq!((got["articles"].as_u64(), got["words"].as_u64()), (Some(2), Some(14)));
    let list = rows(&got);
    // Of two as frequent, the first by term: either order is the list's.
    let mut top: Vec<_> = list[..2].to_vec();
    top.sort();
    assert_eq!(top, [("الوزراء".to_string(), 3, 2), ("رئيس".to_string(), 3, 2)]);
    // Stems: المدينة and والمدينة together, shown in the first spelling in
    // code point order of two as frequent.
    assert!(list.contains(&("المدينة".to_string(), 2, 2)), "{list:?}");
    assert!((got["rows"][0]["per_million"].as_f64().unwrap() - 3e6 / 14.0).abs() < 1e-6);
    // A stop word is no entry of a word list unless asked for.
    assert!(!list.iter().any(|(w, _, _)| w == "في"), "{list:?}");
    let with_stops = rows(&words(&dir, &["*", "--stop-words"]));
    assert!(with_stops.contains(&("في".to_string(), 1, 1)), "{with_stops:?}");
    // Exact forms apart.
    let exact = rows(&words(&dir, &["*", "--by", "exact"]));
    assert!(exact.contains(&("المدينة".to_string(), 1, 1)), "{exact:?}");
    assert!(exact.contains(&("والمدينة".to_string(), 1, 1)), "{exact:?}");

    let pairs = rows(&words(&dir, &["*", "--ngrams", "2"]));
    assert_eq!(pairs[0], ("رئيس الوزراء".to_string(), 3, 2));
    let names: Vec<&str> = pairs.iter().map(|(w, _, _)| w.as_str()).collect();
    // Not across the full stop; not ending or starting with a stop word.
    assert!(!names.contains(&"المدينة رئيس"), "{names:?}");
    assert!(!names.contains(&"الوزراء في") && !names.contains(&"في الحكومة"), "{names:?}");
    assert!(names.contains(&"زار المدينة"), "{names:?}");
    let triples = rows(&words(&dir, &["*", "--ngrams", "3"]));
    // A stop word inside is kept.
    assert!(triples.contains(&("الوزراء في الحكومة".to_string(), 1, 1)), "{triples:?}");

    // A query's articles only.
    let one = words(&dir, &["جميلة"]);
    assert_eq!((one["articles"].as_u64(), one["words"].as_u64()), (Some(1), Some(6)));
}

#[test]
fn copies_are_read_once_and_the_formats_agree() {
    let dir = IndexDir::new();
    let filler: Vec<String> = (0..40).map(|n| format!("كلمة{n}")).collect();
    let story = format!("النفط يرتفع في الأسواق {}", filler.join(" "));
    let lines: Vec<String> = ["x1", "x2"]
        .iter()
        .map(|id| serde_json::json!({"id": id, "title": "", "body": story}).to_string())
        .collect();
    let input = dir.tmp.path().join("c.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    let once = words(&dir, &["النفط"]);
    assert_eq!((once["read"].as_u64(), once["copies_skipped"].as_u64()), (Some(1), Some(1)));
    let oil = |got: &serde_json::Value| rows(got).into_iter().find(|(w, _, _)| w == "النفط");
    assert_eq!(oil(&once), Some(("النفط".to_string(), 1, 1)));
    let every = words(&dir, &["النفط", "--no-collapse"]);
    assert_eq!(oil(&every), Some(("النفط".to_string(), 2, 2)));
    let index = dir.arg();
    let csv = fahras(&["words", "--index", &index, "النفط", "--csv", "-n", "1"]);
    let csv_lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(csv_lines[0], "word,term,freq,per_million,articles");
    assert_eq!(csv_lines.len(), 2, "{}", csv.stdout);
    let table = fahras(&["words", "--index", &index, "النفط", "--bidi", "logical", "-n", "3"]);
    assert!(table.stdout.lines().next().unwrap().contains("freq"), "{}", table.stdout);
    assert!(table.stderr.contains("copy skipped"), "{}", table.stderr);
    // Nothing matched: exit 1.
    let none = fahras(&["words", "--index", &index, "غائبة"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
}

/// A lone letter and the pieces of a decimal number are no words, nor an
/// n-gram's end.
#[test]
fn fragments_are_no_words() {
    let dir = IndexDir::new();
    let lines = [
        serde_json::json!({"id": "f1", "title": "", "body": "قال لـCNN إن السعر بلغ 0.75 دولار"}),
        serde_json::json!({"id": "f2", "title": "", "body": "قال لـCNN إن السعر بلغ 0.75 دولار"}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let input = dir.tmp.path().join("f.jsonl");
    std::fs::write(&input, text.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    let list = rows(&words(&dir, &["*", "--no-collapse"]));
    let names: Vec<&str> = list.iter().map(|(w, _, _)| w.as_str()).collect();
    assert!(!names.contains(&"ل") && !names.contains(&"0") && !names.contains(&"75"), "{names:?}");
    assert!(names.contains(&"السعر"), "{names:?}");
    let pairs = rows(&words(&dir, &["*", "--no-collapse", "--ngrams", "2"]));
    let names: Vec<&str> = pairs.iter().map(|(w, _, _)| w.as_str()).collect();
    assert!(!names.contains(&"بلغ 0") && !names.contains(&"75 دولار"), "{names:?}");
    assert!(names.contains(&"السعر بلغ"), "{names:?}");
}
