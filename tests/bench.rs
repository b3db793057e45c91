//! `fahras bench` calls the search `fahras search` runs and reports the
//! steps it timed. Timing values are never asserted: only their names,
//! signs and sums.

use serde_json::Value;

use crate::util::{fahras, IndexDir};

/// The rounding of `steps_ms` and `elapsed_ms` (to the microsecond), per
/// step, and a float sum's slack.
const ROUNDING_MS: f64 = 0.0005;

/// The summary line of `search --json ARGS... QUERY`.
fn search_summary(dir: &IndexDir, args: &[&str], query: &str) -> Value {
    let index = dir.arg();
    let mut all = vec!["search", "--index", &index, "--json"];
    all.extend_from_slice(args);
    all.push(query);
    let run = fahras(&all);
    assert_eq!(run.code, 0, "search {all:?}: {}", run.stderr);
    let last = run.stdout.lines().last().expect("a summary line");
    let summary: Value = serde_json::from_str(last).expect("JSON");
    assert_eq!(summary["type"], "summary", "{last}");
    summary
}

/// The JSON report of `bench` over `log` in `mode`: one timed pass, no
/// warm-up.
fn bench_report(dir: &IndexDir, log: &str, mode: &str) -> Value {
    let index = dir.arg();
    let run = fahras(&[
        "bench",
        "--index",
        &index,
        "--queries",
        log,
        "--mode",
        mode,
        "--warmup",
        "0",
        "--repeat",
        "1",
        "--json",
    ]);
    assert_eq!(run.code, 0, "bench {mode}: {}", run.stderr);
    serde_json::from_str(run.stdout.trim()).expect("JSON")
}

/// The names of a JSON object's keys, sorted.
fn names(object: &Value) -> Vec<String> {
    let mut names: Vec<String> = object.as_object().expect("an object").keys().cloned().collect();
    names.sort();
    names
}

#[test]
fn bench_and_search_report_the_same_steps() {
    let dir = IndexDir::with_sample();
    let log = dir.tmp.path().join("queries.txt");
    std::fs::write(&log, "الدوحه\n").unwrap();
    let log = log.to_str().unwrap();
    let query = "الدوحه";

    let summary = search_summary(&dir, &[], query);
    let steps = &summary["steps_ms"];
    let step_names = names(steps);
    assert!(step_names.len() >= 4, "{steps}");
    let elapsed = summary["elapsed_ms"].as_f64().expect("elapsed_ms");
    let times: Vec<f64> = step_names.iter().map(|n| steps[n].as_f64().expect("ms")).collect();
    assert!(times.iter().all(|&t| t >= 0.0), "{steps}");
    let slack = ROUNDING_MS * (times.len() + 1) as f64;
    assert!(times.iter().sum::<f64>() <= elapsed + slack, "{steps} > {elapsed}");

    let report = bench_report(&dir, log, "top10");
    assert_eq!(report["queries"], 1, "{report}");
    // The same request: the hits search returned.
    assert_eq!(report["hits"], summary["returned"], "{report}");
    let bench_steps = &report["steps"];
    assert_eq!(names(bench_steps), step_names, "{report}");
    // One run: each statistic is that run's time, so the steps' add up
    // to no more than the whole search.
    for stat in ["mean_us", "p50_us", "max_us"] {
        let times: Vec<f64> =
            step_names.iter().map(|n| bench_steps[n][stat].as_f64().expect("µs")).collect();
        assert!(times.iter().all(|&t| t >= 0.0), "{stat}: {report}");
        let whole = report["search"][stat].as_f64().expect("µs");
        assert!(times.iter().sum::<f64>() <= whole + 1e-6, "{stat}: {report}");
    }
    assert!(report["fetch_snippets"].is_object(), "{report}");

    // `--mode count` counts as `search --count` does.
    let counted = search_summary(&dir, &["--count"], query);
    let report = bench_report(&dir, log, "count");
    assert_eq!(report["hits"], counted["total"], "{report}");
    assert_eq!(names(&report["steps"]), step_names, "{report}");
    assert!(report["fetch_snippets"].is_null(), "{report}");
}
