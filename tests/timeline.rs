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

#[test]
fn split_series_add_up_to_the_query_and_each_is_its_source() {
    let dir = IndexDir::with_sample();
    for field in ["source", "category"] {
        let whole = timeline(&dir, &["--by", "year", "*"]);
        let split = timeline(&dir, &["--by", "year", "--split", field, "*"]);
        assert_eq!(split["periods"], whole["periods"]);
        let series = split["series"].as_array().unwrap();
        assert!(series.len() > 1, "{field}");
        for (k, total) in whole["series"][0]["counts"].as_array().unwrap().iter().enumerate() {
            let sum: u64 = series.iter().map(|s| s["counts"][k].as_u64().unwrap()).sum();
            assert_eq!(sum, total.as_u64().unwrap(), "{field} period {k}");
        }
        for s in series {
            let value = s["value"].as_str().unwrap();
            if value == "(none)" {
                continue;
            }
            let dated = s["dated"].as_u64().unwrap() + s["undated"].as_u64().unwrap();
            let count = dir.count_with(&format!("{field}:\"{value}\""), &[]) as u64;
            assert_eq!(dated, count, "{field}:{value}");
        }
    }
    // With --share each source is divided by its own articles: all 1000‰.
    let share = timeline(&dir, &["--by", "year", "--split", "source", "--share", "*"]);
    for s in share["series"].as_array().unwrap() {
        for (k, v) in s["counts"].as_array().unwrap().iter().enumerate() {
            let n = v.as_f64().unwrap();
            assert!(n == 0.0 || (n - 1000.0).abs() < 1e-9, "{} {k}: {n}", s["value"]);
        }
    }
    let run = fahras(&["timeline", "--index", &dir.arg(), "--split", "colour", "*"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("source") && run.stderr.contains("category"), "{}", run.stderr);
}

#[test]
fn csv_and_svg_carry_the_same_counts() {
    let dir = IndexDir::with_sample();
    let got = timeline(&dir, &["--by", "year", "*", "الحكومة"]);
    let svg = dir.tmp.path().join("t.svg");
    let run = fahras(&[
        "timeline",
        "--index",
        &dir.arg(),
        "--by",
        "year",
        "--csv",
        "--plot",
        svg.to_str().unwrap(),
        "*",
        "الحكومة",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["period", "*", "الحكومة"]);
    for (k, row) in reader.records().enumerate() {
        let row = row.unwrap();
        assert_eq!(row[0], *got["periods"][k].as_str().unwrap());
        assert_eq!(row[1].parse::<u64>().unwrap(), got["series"][0]["counts"][k]);
        assert_eq!(row[2].parse::<u64>().unwrap(), got["series"][1]["counts"][k]);
    }
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<polyline").count(), 2);
    assert!(svg.contains(">الحكومة</text>"), "the Arabic legend as text");
    for period in got["periods"].as_array().unwrap() {
        assert!(svg.contains(&format!(">{}</text>", period.as_str().unwrap())));
    }
    // Nothing matched: exit 1, an empty chart.
    let run = fahras(&["timeline", "--index", &dir.arg(), "--csv", "زنجبيل"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.trim(), "period,زنجبيل");
}

/// Issue 31: an article is counted on the day its outlet dated it, in the
/// outlet's own time zone: 01:00 in Riyadh on 15 March is 14 March in UTC.
#[test]
fn a_timestamp_is_counted_on_its_own_day_not_utcs() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("gulf.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"g1\",\"title\":\"قطر\",\"body\":\"الدوحة قطر\",\"date\":\"2018-03-15T01:00:00+03:00\"}\n\
         {\"id\":\"g2\",\"title\":\"قطر\",\"body\":\"الدوحة قطر\",\"date\":\"2018-03-14T23:30:00-05:00\"}\n",
    )
    .unwrap();
    let run = dir.index(&[input.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.ids("قطر date:2018-03-15", &[]), ["g1"]);
    assert_eq!(dir.ids("قطر date:2018-03-14", &[]), ["g2"]);
    let got = timeline(&dir, &["--by", "day", "قطر"]);
    let periods: Vec<&str> =
        got["periods"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(periods, ["2018-03-14", "2018-03-15"]);
    let shown = fahras(&["show", "--index", &dir.arg(), "--json", "g1"]);
    assert!(shown.stdout.contains("\"2018-03-15\""), "{}", shown.stdout);
}
