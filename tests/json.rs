//! The `--json` format, locked: unknown or missing fields fail these tests.

use serde::Deserialize;

use crate::util::{fahras, IndexDir};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Hit {
    r#type: String,
    rank: usize,
    id: String,
    score: f32,
    title: String,
    date: Option<String>,
    source: Option<String>,
    category: Option<String>,
    url: Option<String>,
    snippet: String,
    highlights: Vec<(usize, usize)>,
    title_highlights: Vec<(usize, usize)>,
    story: String,
    copies: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Summary {
    r#type: String,
    query: String,
    total: usize,
    total_relation: String,
    r#match: String,
    total_all: Option<usize>,
    total_all_relation: Option<String>,
    total_any: Option<usize>,
    stories: usize,
    returned: usize,
    offset: usize,
    notes: Vec<String>,
    corrections: Vec<Correction>,
    did_you_mean: Option<Suggestion>,
    elapsed_ms: f64,
    steps_ms: StepsMs,
    facets: Option<serde_json::Value>,
    facets_match: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct StepsMs {
    plan: f64,
    rank: f64,
    count_all: f64,
    hits: f64,
    suggest: f64,
    facets: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Suggestion {
    query: String,
    articles: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Correction {
    typed: String,
    searched: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Article {
    r#type: String,
    id: String,
    title: String,
    body: String,
    date: Option<String>,
    source: Option<String>,
    category: Option<String>,
    url: Option<String>,
}

#[test]
fn search_json_lines_follow_the_schema() {
    let dir = IndexDir::with_sample();
    let run =
        fahras(&["search", "--index", &dir.arg(), "--json", "-n", "3", "الأمر التنفيذي الحكومة"]);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "3 hits and a summary");
    for (n, line) in lines[..3].iter().enumerate() {
        let hit: Hit = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(hit.r#type, "hit");
        assert_eq!(hit.rank, n + 1);
        assert!(hit.score > 0.0);
        let chars = hit.snippet.chars().count();
        assert!(hit.highlights.iter().all(|&(s, e)| s < e && e <= chars));
    }
    let first: Hit = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first.id, "fx-001");
    assert_eq!(first.url.as_deref(), Some("https://sahil.example/politics/fx-001"));
    let summary: Summary = serde_json::from_str(lines[3]).unwrap();
    assert_eq!((summary.r#type.as_str(), summary.returned, summary.offset), ("summary", 3, 0));
    assert!(summary.total >= 3);
    // No hits: only the summary, exit 1.
    let run = fahras(&["search", "--index", &dir.arg(), "--json", "زرافة"]);
    assert_eq!(run.code, 1);
    let summary: Summary = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(summary.total, 0);
}

#[test]
fn show_json_is_one_article() {
    let dir = IndexDir::with_sample();
    let run = fahras(&["show", "--index", &dir.arg(), "--json", "fx-029"]);
    let article: Article = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(article.r#type, "article");
    assert!(article.body.starts_with("افْتُتِحَ مَعْرِضُ"), "stored as written");
    assert_eq!(article.date.as_deref(), Some("2024-01-11"));
}
