//! `fahras facets`: counts by source, category and year that add up, and
//! agree with `search --count` restricted the same way.

use crate::util::{fahras, IndexDir};

fn facets(dir: &IndexDir, query: &str) -> serde_json::Value {
    let run = fahras(&["facets", "--index", &dir.arg(), "--json", query]);
    assert!(run.code <= 1, "{query}: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("one JSON object")
}

#[test]
fn facet_counts_add_up_and_agree_with_search() {
    let dir = IndexDir::with_sample();
    for query in ["*", "الحكومة", "قطر الدوحة", "\"وزارة الخارجية\""] {
        let got = facets(&dir, query);
        let total = got["total"].as_u64().unwrap();
        assert_eq!(total, dir.count_with(query, &[]) as u64, "{query}");
        assert!(total > 0, "{query}");
        for facet in ["source", "category", "year"] {
            let counts = got["facets"][facet]["counts"].as_array().unwrap();
            let sum: u64 = counts.iter().map(|c| c[1].as_u64().unwrap()).sum();
            let missing = got["facets"][facet]["missing"].as_u64().unwrap();
            assert_eq!(sum + missing, total, "{query}: {facet}");
            for pair in counts {
                let (value, n) = (pair[0].as_str().unwrap(), pair[1].as_u64().unwrap());
                let restricted = match facet {
                    "year" => dir.count_with(query, &["--from", value, "--to", value]) as u64,
                    _ => dir.count_with(&format!("{query} {facet}:{value}"), &[]) as u64,
                };
                assert_eq!(n, restricted, "{query}: {facet} {value}");
            }
        }
    }
}

#[test]
fn an_unknown_facet_names_the_ones_there_are() {
    let dir = IndexDir::with_sample();
    let run = fahras(&["facets", "--index", &dir.arg(), "--facet", "colour", "قطر"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("source, category, year"), "{}", run.stderr);
    let run = fahras(&["facets", "--index", &dir.arg(), "كلمةلاتوجد"]);
    assert_eq!(run.code, 1, "nothing found: exit 1, {}", run.stdout);
    assert!(run.stdout.starts_with("0 matching articles"), "{}", run.stdout);
}

#[test]
fn search_facet_gives_the_same_counts_in_its_summary() {
    let dir = IndexDir::with_sample();
    for query in ["*", "الحكومة"] {
        let index = dir.arg();
        let run = fahras(&["search", "--index", &index, "--json", "--facet", "source,year", query]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let summary: serde_json::Value =
            serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
        assert_eq!(summary["type"], "summary");
        let alone = facets(&dir, query);
        assert_eq!(summary["facets"]["source"], alone["facets"]["source"], "{query}");
        assert_eq!(summary["facets"]["year"], alone["facets"]["year"], "{query}");
        assert!(summary["facets"].get("category").is_none());
        // Without --facet, no facets key; on the terminal, the counts under
        // the results.
        let run = fahras(&["search", "--index", &index, "--json", query]);
        let summary: serde_json::Value =
            serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
        assert!(summary.get("facets").is_none());
        let run = fahras(&["search", "--index", &index, "--facet", "year", query]);
        assert!(run.stdout.contains("\nyear\n"), "{}", run.stdout);
    }
    let run = fahras(&["search", "--index", &dir.arg(), "--facet", "colour", "*"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("source"), "{}", run.stderr);
}
