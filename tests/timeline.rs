//! `fahras timeline`: buckets that add up to the dated matches, each equal
//! to `search --count` over its period.

use crate::util::{fahras, IndexDir};

fn timeline(dir: &IndexDir, args: &[&str]) -> serde_json::Value {
    let index = dir.arg();
    let mut all = vec!["timeline", "--index", &index[..], "--json"];
    all.extend_from_slice(args);
    let run = fahras(&all);
    assert!(run.code <= 1, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("one JSON object")
}

#[test]
fn buckets_add_up_and_each_is_search_count_over_its_period() {
    let dir = IndexDir::with_sample();
    for by in ["month", "year", "week"] {
        let got = timeline(&dir, &["--by", by, "*", "الحكومة", "قطر الدوحة"]);
        let periods: Vec<&str> =
            got["periods"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        assert!(!periods.is_empty());
        for series in got["series"].as_array().unwrap() {
            let query = series["query"].as_str().unwrap();
            let counts: Vec<u64> =
                series["counts"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).collect();
            assert_eq!(counts.len(), periods.len());
            let dated = series["dated"].as_u64().unwrap();
            assert_eq!(counts.iter().sum::<u64>(), dated, "{by} {query}");
            assert_eq!(
                dated + series["undated"].as_u64().unwrap(),
                dir.count_with(query, &[]) as u64
            );
            if by == "week" {
                continue; // --from/--to take days, months and years.
            }
            for (period, n) in periods.iter().zip(&counts) {
                let restricted = dir.count_with(query, &["--from", period, "--to", period]) as u64;
                assert_eq!(*n, restricted, "{by} {query} {period}");
            }
        }
    }
}

#[test]
fn empty_periods_are_zeros_and_shares_are_per_mille() {
    let dir = IndexDir::with_sample();
    let got = timeline(&dir, &["--by", "month", "--from", "2023-11", "--to", "2024-02", "*"]);
    let periods = got["periods"].as_array().unwrap();
    assert_eq!(periods.first().unwrap(), "2023-11");
    assert_eq!(periods.last().unwrap(), "2024-02");
    assert_eq!(got["series"][0]["counts"][0], 0);
    let share = timeline(&dir, &["--by", "year", "--share", "*"]);
    for value in share["series"][0]["counts"].as_array().unwrap() {
        assert!((value.as_f64().unwrap() - 1000.0).abs() < 1e-9, "every article of its year");
    }
    let run = fahras(&[
        "timeline",
        "--index",
        &dir.arg(),
        "--by",
        "day",
        "--from",
        "1000",
        "--to",
        "2999",
        "*",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("too many"), "{}", run.stderr);
}
