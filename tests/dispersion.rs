//! `fahras dispersion`: parts, their words and matches counted by hand,
//! DP and Juilland's D by their formulas; articles without a part said.

use crate::util::{fahras, IndexDir};

/// Outlet `a`: 8 words, سوق 3 times; outlet `b`: 12 words, سوق 4 times;
/// one article without an outlet, سوق once.
fn archive(dir: &IndexDir) {
    let articles = [
        ("a1", Some("a"), "2017-03-01", "النفط النفط والنفط سوق"),
        ("a2", Some("a"), "2018-01-05", "النفط سوق سوق مدينة"),
        ("b1", Some("b"), "2018-02-01", "سوق مدينة مدينة مدينة"),
        ("b2", Some("b"), "2018-02-09", "مدينة سوق في مدينة"),
        ("b3", Some("b"), "2018-03-01", "مدينة مدينة سوق سوق"),
        ("n1", None, "2018-03-02", "سوق مدينة"),
    ];
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, source, date, body)| {
            let mut line = serde_json::json!({"id": id, "title": "", "body": body, "date": date});
            if let Some(source) = source {
                line["source"] = serde_json::json!(source);
            }
            line.to_string()
        })
        .collect();
    let input = dir.tmp.path().join("d.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
}

fn dispersion(dir: &IndexDir, args: &[&str]) -> serde_json::Value {
    let index = dir.arg();
    let mut all = vec!["dispersion", "--index", &index[..], "--json"];
    all.extend_from_slice(args);
    let run = fahras(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn close(got: &serde_json::Value, expected: f64) {
    assert!((got.as_f64().unwrap() - expected).abs() < 1e-9, "{got} is not {expected}");
}

#[test]
fn parts_and_measures_are_counted_by_hand() {
    let dir = IndexDir::new();
    archive(&dir);
    let got = dispersion(&dir, &["سوق"]);
    assert_eq!((got["articles"].as_u64(), got["matches"].as_u64()), (Some(6), Some(8)));
    let parts = got["parts"].as_array().unwrap();
    let row = |p: &serde_json::Value| {
        (
            p["part"].as_str().unwrap().to_string(),
            p["articles"].as_u64().unwrap(),
            p["words"].as_u64().unwrap(),
            p["matches"].as_u64().unwrap(),
        )
    };
    assert_eq!(
        parts.iter().map(row).collect::<Vec<_>>(),
        [("a".to_string(), 2, 8, 3), ("b".to_string(), 3, 12, 4),]
    );
    // The article without an outlet is in no part, and said to be.
    assert_eq!((got["unplaced"].as_u64(), got["unplaced_matches"].as_u64()), (Some(1), Some(1)));
    assert_eq!(got["unplaced_matching"], 1);
    // An article without an outlet the query does not match is said apart.
    let other = dispersion(&dir, &["النفط"]);
    assert_eq!(
        (other["unplaced"].as_u64(), other["unplaced_matching"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(got["words"], 20);
    // v = 3/7, 4/7 against s = 0.4, 0.6.
    let dp = 0.5 * ((3.0 / 7.0 - 0.4f64).abs() + (4.0 / 7.0 - 0.6f64).abs());
    close(&got["dp"], dp);
    close(&got["dp_norm"], dp / 0.6);
    // Rates 3/8 and 4/12.
    let (r1, r2) = (3.0 / 8.0, 4.0 / 12.0);
    let mean = (r1 + r2) / 2.0;
    let sd = (((r1 - mean) * (r1 - mean) + (r2 - mean) * (r2 - mean)) / 2.0f64).sqrt();
    close(&got["juilland_d"], 1.0 - sd / mean);
    close(&parts[0]["per_million"], 3e6 / 8.0);
    close(&parts[1]["share_of_words"], 0.6);

    // By year: 2017 holds a1 alone.
    let years = dispersion(&dir, &["سوق", "--by", "year"]);
    let first = &years["parts"][0];
    assert_eq!(
        (first["part"].as_str(), first["words"].as_u64(), first["matches"].as_u64()),
        (Some("2017"), Some(4), Some(1))
    );
    assert_eq!(years["unplaced"], 0);
    let months = dispersion(&dir, &["سوق", "--by", "month"]);
    let names: Vec<&str> =
        months["parts"].as_array().unwrap().iter().map(|p| p["part"].as_str().unwrap()).collect();
    assert_eq!(names, ["2017-03", "2018-01", "2018-02", "2018-03"]);
    // The months between that the archive lacks are gaps, said as such.
    let gaps: Vec<&str> =
        months["gaps"].as_array().unwrap().iter().map(|g| g.as_str().unwrap()).collect();
    assert_eq!(
        gaps,
        [
            "2017-04", "2017-05", "2017-06", "2017-07", "2017-08", "2017-09", "2017-10", "2017-11",
            "2017-12"
        ]
    );
    assert_eq!(years["gaps"], serde_json::json!([]));
    assert_eq!(got["gaps"], serde_json::json!([]), "outlets have no gaps");
    let index = dir.arg();
    let said = fahras(&["dispersion", "--index", &index, "سوق", "--by", "month"]).stderr;
    assert!(
        said.contains(
            "9 periods between the first and the last without any article in the archive (gaps"
        ),
        "{said}"
    );

    // A filter narrows the archive the parts are made of.
    let narrowed = dispersion(&dir, &["سوق date:[2018-02 TO 2018-03]"]);
    assert_eq!(narrowed["words"], 12);

    // The table and its summary.
    let table = fahras(&["dispersion", "--index", &index, "سوق", "--bidi", "logical"]);
    assert!(table.stdout.starts_with("part"), "{}", table.stdout);
    assert!(table.stderr.contains("Juilland's D 0.94"), "{}", table.stderr);
    assert!(table.stderr.contains("1 matching article (1 match) without a source in no part, of the 1 article without one"), "{}", table.stderr);
    let none = fahras(&["dispersion", "--index", &index, "غائبة"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
}
