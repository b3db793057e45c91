use std::fs;

use crate::util::{fahras, IndexDir};

/// Three queries with known answers over the bundled sample:
/// - q1 `السبائك` finds only fx-015, the one relevant article: RR 1,
///   recall 1, nDCG 1;
/// - q2 `زرافة` finds nothing: all metrics 0, one query with no hits;
/// - q3 `ماراثون` finds only fx-025; relevant are fx-025 and an article
///   not in the index: RR 1, recall 1/2, nDCG = 1 / (1 + 1/log2 3) = 0.6131.
///
/// Means: MRR@10 2/3 = 0.667, Recall@10 = Recall@100 = 1.5/3 = 0.500,
/// nDCG@10 = 1.6131/3 = 0.538.
#[test]
fn eval_metrics_match_hand_computed_values() {
    let dir = IndexDir::with_sample();
    let queries = dir.tmp.path().join("q.tsv");
    let qrels = dir.tmp.path().join("qrels.txt");
    let run_file = dir.tmp.path().join("run.txt");
    fs::write(&queries, "q1\tالسبائك\nq2\tزرافة\nq3\t\"ماراثون\"\n").unwrap();
    fs::write(&qrels, "q1 0 fx-015 1\nq2 0 fx-001 1\nq3 0 fx-025 1\nq3 0 elsewhere-1 1\n").unwrap();
    let run = fahras(&[
        "eval",
        "--index",
        &dir.arg(),
        "--queries",
        queries.to_str().unwrap(),
        "--qrels",
        qrels.to_str().unwrap(),
        "--run",
        run_file.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let close = |key: &str, expected: f64| {
        let got = summary[key].as_f64().unwrap();
        assert!((got - expected).abs() < 5e-4, "{key}: {got} vs {expected}");
    };
    assert_eq!(summary["queries"], 3);
    assert_eq!(summary["no_hits"], 1);
    close("mrr10", 0.667);
    close("recall10", 0.5);
    close("recall100", 0.5);
    close("ndcg10", 0.538);
    // The run file is standard TREC: qid Q0 docid rank score tag.
    let lines: Vec<Vec<String>> = fs::read_to_string(&run_file)
        .unwrap()
        .lines()
        .map(|l| l.split(' ').map(String::from).collect())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][..4], ["q1", "Q0", "fx-015", "1"]);
    assert_eq!(lines[1][..4], ["q3", "Q0", "fx-025", "1"]);
    assert!(lines[0][4].parse::<f32>().unwrap() > 0.0);
}
