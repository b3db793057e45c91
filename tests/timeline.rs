//! `fahras timeline`: buckets that add up to the dated matches, each equal
//! to `search --count` over its period.

use crate::util::{fahras, IndexDir};

/// `fahras timeline --json` on `dir` with `args`: its one JSON object.
pub(crate) fn timeline(dir: &IndexDir, args: &[&str]) -> serde_json::Value {
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
            let counts = ints(&series["matching"]);
            assert_eq!(counts.len(), periods.len());
            // A count is the matching articles, or null where the archive
            // has no article in the period.
            for (k, (&n, &of)) in counts.iter().zip(&ints(&series["articles"])).enumerate() {
                assert!(n <= of, "{by} {query} {k}");
                let shown = &series["counts"][k];
                if of == 0 {
                    assert!(shown.is_null(), "{by} {query} {k}: a gap is null, not {shown}");
                } else {
                    assert_eq!(shown.as_u64(), Some(n), "{by} {query} {k}");
                }
            }
            let dated = series["dated"].as_u64().unwrap();
            assert_eq!(counts.iter().sum::<u64>(), dated, "{by} {query}");
            assert_eq!(
                dated + series["undated"].as_u64().unwrap(),
                dir.count_with(query, &[]) as u64
            );
            if by == "week" {
                continue; // --from/--to take days, months and years.
            }
            let articles = ints(&series["articles"]);
            for ((period, n), of) in periods.iter().zip(&counts).zip(&articles) {
                let restricted = dir.count_with(query, &["--from", period, "--to", period]) as u64;
                assert_eq!(*n, restricted, "{by} {query} {period}");
                let every = dir.count_with("*", &["--from", period, "--to", period]) as u64;
                assert_eq!(*of, every, "{by} {query} {period}: the archive's articles");
            }
        }
    }
}

/// The integers of a JSON array.
fn ints(array: &serde_json::Value) -> Vec<u64> {
    array.as_array().expect("an array").iter().map(|c| c.as_u64().expect("an integer")).collect()
}

#[test]
fn months_the_archive_lacks_are_gaps_not_zeros_and_shares_are_per_mille() {
    let dir = IndexDir::with_sample();
    // The sample runs from January to June 2024.
    let got = timeline(&dir, &["--by", "month", "--from", "2023-11", "--to", "2024-02", "*"]);
    let periods = got["periods"].as_array().unwrap();
    assert_eq!(periods.first().unwrap(), "2023-11");
    assert_eq!(periods.last().unwrap(), "2024-02");
    let series = &got["series"][0];
    assert!(series["counts"][0].is_null() && series["counts"][1].is_null(), "{series}");
    assert_eq!(ints(&series["articles"])[..2], [0, 0]);
    assert!(series["counts"][2].as_u64().unwrap() > 0);
    assert_eq!(series["gaps"], 2);
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
        for (k, total) in ints(&whole["series"][0]["matching"]).into_iter().enumerate() {
            let sum: u64 = series.iter().map(|s| s["matching"][k].as_u64().unwrap()).sum();
            assert_eq!(sum, total, "{field} period {k}");
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
    // With --share each source is divided by its own articles: all 1000‰
    // (the sample's sources have 7 to 15 articles a year: --min-articles 1).
    let share = timeline(
        &dir,
        &["--by", "year", "--split", "source", "--share", "--min-articles", "1", "*"],
    );
    for s in share["series"].as_array().unwrap() {
        for (k, v) in s["counts"].as_array().unwrap().iter().enumerate() {
            let n = v.as_f64().unwrap();
            assert!((n - 1000.0).abs() < 1e-9, "{} {k}: {n}", s["value"]);
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
    assert_eq!(
        header,
        ["period", "*", "* (archive articles)", "الحكومة", "الحكومة (archive articles)"]
    );
    for (k, row) in reader.records().enumerate() {
        let row = row.unwrap();
        assert_eq!(row[0], *got["periods"][k].as_str().unwrap());
        assert_eq!(row[1].parse::<u64>().unwrap(), got["series"][0]["counts"][k]);
        assert_eq!(row[2].parse::<u64>().unwrap(), got["series"][0]["articles"][k]);
        assert_eq!(row[3].parse::<u64>().unwrap(), got["series"][1]["counts"][k]);
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
    assert_eq!(run.stdout.trim(), "period,زنجبيل,زنجبيل (archive articles)");
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

/// An archive with holes: outlet `a` has 40 articles in January, March
/// and May 2018 (a fifth of them on Qatar) and none in February or April;
/// outlet `b` has 1 article in January and 40 in February and March; `c`
/// has 40 in March, none on Qatar; one article has no date. April is a
/// month the whole archive lacks.
fn archive_with_gaps() -> IndexDir {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("gaps.jsonl");
    let mut lines = String::new();
    let mut n = 0;
    let mut add = |source: &str, month: u32, count: usize| {
        for i in 0..count {
            n += 1;
            let qatar = i % 5 == 0 && source != "c";
            let body = if qatar {
                "أعلنت قطر اليوم"
            } else {
                "أعلنت الحكومة اليوم"
            };
            lines += &format!(
                "{{\"id\":\"g{n}\",\"source\":\"{source}\",\"title\":\"خبر {n}\",\"body\":\"{body} {n}\",\"date\":\"2018-{month:02}-{:02}\"}}\n",
                1 + i % 28
            );
        }
    };
    add("a", 1, 40);
    add("a", 3, 40);
    add("a", 5, 40);
    add("b", 1, 1);
    add("b", 2, 40);
    add("b", 3, 40);
    add("c", 3, 40);
    lines +=
        "{\"id\":\"undated\",\"source\":\"b\",\"title\":\"بلا تاريخ\",\"body\":\"أعلنت قطر\"}\n";
    std::fs::write(&input, lines).unwrap();
    let run = dir.index(&[input.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// Issue 31: a period the archive has no article in is a gap in every
/// output of `timeline` (null, an empty cell, a marked line, a shaded band),
/// never a zero; under `--share` a period of fewer than `--min-articles`
/// articles is flagged, not divided.
#[test]
fn a_month_the_archive_lacks_is_a_gap_in_every_output_never_a_zero() {
    let dir = archive_with_gaps();
    let index = dir.arg();
    let got = timeline(&dir, &["قطر"]);
    let periods: Vec<&str> =
        got["periods"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(periods, ["2018-01", "2018-02", "2018-03", "2018-04", "2018-05"]);
    let series = &got["series"][0];
    // Qatar is in 8 of January's 40 articles of `a`; `b`'s one January
    // article is its first (i = 0): 9. February: 8 of `b`'s 40.
    assert_eq!(series["counts"], serde_json::json!([9, 8, 16, null, 8]));
    assert_eq!(ints(&series["articles"]), [41, 40, 120, 0, 40]);
    assert_eq!(series["gaps"], 1);
    assert_eq!(series["undated"], 1);

    let csv = fahras(&["timeline", "--index", &index, "--csv", "قطر"]);
    let april = csv.stdout.lines().find(|l| l.starts_with("2018-04")).unwrap();
    assert_eq!(april, "2018-04,,0", "{}", csv.stdout);
    // The undated article is a last row, as in `coverage --csv`.
    assert_eq!(csv.stdout.lines().last(), Some("undated,1,1"), "{}", csv.stdout);

    let svg = dir.tmp.path().join("gaps.svg");
    let shown = fahras(&["timeline", "--index", &index, "--plot", svg.to_str().unwrap(), "قطر"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let april = shown.stdout.lines().find(|l| l.starts_with("2018-04")).unwrap();
    assert!(april.contains("gap: no article in the archive"), "{april}");
    assert!(!april.contains(" 0"), "{april}");
    assert!(shown.stdout.contains("1 of 5 periods are gaps"), "{}", shown.stdout);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("2018-04: no article in the archive"), "a shaded band");
    assert_eq!(svg.matches("<polyline").count(), 2, "the line breaks at the gap");

    // Split by outlet, as shares: `a` has no February (a gap although the
    // archive has `b`'s), `b` has one January article (too few to divide).
    let got = timeline(&dir, &["--split", "source", "--share", "قطر"]);
    let a = got["series"].as_array().unwrap().iter().find(|s| s["value"] == "a").unwrap();
    let b = got["series"].as_array().unwrap().iter().find(|s| s["value"] == "b").unwrap();
    assert_eq!(got["min_articles"], 30);
    assert_eq!(a["counts"][0], 200.0);
    assert!(a["counts"][1].is_null() && a["counts"][3].is_null(), "{a}");
    assert_eq!((a["gaps"].as_u64(), a["thin"].as_u64()), (Some(2), Some(0)));
    assert!(b["counts"][0].is_null(), "one article is not divided: {b}");
    assert_eq!((b["matching"][0].as_u64(), b["articles"][0].as_u64()), (Some(1), Some(1)));
    assert_eq!(b["counts"][1], 200.0);
    assert_eq!(b["thin"], 1);
    // `c` wrote nothing on Qatar: a series of zeros where it has articles,
    // not a series left out.
    let c = got["series"].as_array().unwrap().iter().find(|s| s["value"] == "c").unwrap();
    assert_eq!(c["counts"], serde_json::json!([null, null, 0.0, null, null]));
    assert_eq!(c["dated"], 0);
    let shown = fahras(&["timeline", "--index", &index, "--split", "source", "--share", "قطر"]);
    assert!(shown.stdout.contains("1 of 1: too few articles for a share"), "{}", shown.stdout);
    assert!(shown.stdout.contains("1 period(s) with fewer than 30 articles"), "{}", shown.stdout);
    // A lower bar divides it.
    let got = timeline(&dir, &["--split", "source", "--share", "--min-articles", "1", "قطر"]);
    let b = got["series"].as_array().unwrap().iter().find(|s| s["value"] == "b").unwrap();
    assert_eq!(b["counts"][0], 1000.0);
}

/// `fahras coverage`: the archive's own articles per month and outlet,
/// adding up to `stats`; each outlet's first and last day, its gaps and
/// its undated articles; the same numbers as JSON, CSV and in the terminal.
#[test]
fn coverage_shows_what_the_archive_holds_and_adds_up_to_stats() {
    let dir = archive_with_gaps();
    let index = dir.arg();
    let run = fahras(&["coverage", "--index", &index, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stats: serde_json::Value =
        serde_json::from_str(&fahras(&["stats", "--index", &index, "--json"]).stdout).unwrap();
    assert_eq!(got["articles"], stats["articles"]);
    assert_eq!(got["articles"], 242);
    assert_eq!(got["undated"], 1);
    assert_eq!(ints(&got["total"]), [41, 40, 120, 0, 40]);
    let rows = got["rows"].as_array().unwrap();
    let sum: u64 =
        rows.iter().map(|r| r["dated"].as_u64().unwrap() + r["undated"].as_u64().unwrap()).sum();
    assert_eq!(sum, 242);
    assert_eq!(rows[0]["value"], "a");
    assert_eq!(ints(&rows[0]["articles"]), [40, 0, 40, 0, 40]);
    assert_eq!(
        (rows[0]["first"].as_str(), rows[0]["last"].as_str()),
        (Some("2018-01-01"), Some("2018-05-28"))
    );
    assert_eq!(rows[0]["gaps"], 2);
    assert_eq!(rows[1]["value"], "b");
    assert_eq!(ints(&rows[1]["articles"]), [1, 40, 40, 0, 0]);
    assert_eq!((rows[1]["gaps"].as_u64(), rows[1]["undated"].as_u64()), (Some(0), Some(1)));

    let csv = fahras(&["coverage", "--index", &index, "--csv"]);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines[0], "period,a,b,c,all");
    assert_eq!(lines[4], "2018-04,0,0,0,0");
    assert_eq!(lines.last(), Some(&"undated,0,1,0,1"));

    let shown = fahras(&["coverage", "--index", &index]);
    let a = shown.stdout.lines().find(|l| l.starts_with("a ")).unwrap();
    assert!(a.contains("█·█·█") && a.contains("2018-01-01 .. 2018-05-28, 2 gaps"), "{a}");
    let b = shown.stdout.lines().find(|l| l.starts_with("b ")).unwrap();
    assert!(b.contains("1 undated"), "{b}");

    // Filters select; words are not counted, and it says so.
    let run = fahras(&["coverage", "--index", &index, "--json", "source:b قطر"]);
    let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(got["articles"], 82);
    assert!(run.stderr.contains("its words are not counted"), "{}", run.stderr);
    let svg = dir.tmp.path().join("coverage.svg");
    let run = fahras(&["coverage", "--index", &index, "--plot", svg.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("a · 2018-02: no article: a gap"), "{svg}");
}

/// A week or month cut by `--from`/`--to` holds only the days inside: the
/// chart names it, so that a dip at the edge is not read as a fall.
#[test]
fn periods_cut_by_the_span_asked_are_named() {
    let dir = archive_with_gaps();
    let got =
        timeline(&dir, &["--by", "week", "--from", "2018-01-03", "--to", "2018-01-24", "قطر"]);
    let periods: Vec<&str> =
        got["periods"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    // Weeks from Monday: 1 January 2018 was a Monday; the 24th a Wednesday.
    assert_eq!(periods, ["2018-01-01", "2018-01-08", "2018-01-15", "2018-01-22"]);
    assert_eq!(got["cut"], serde_json::json!(["2018-01-01", "2018-01-22"]));
    let whole = timeline(&dir, &["--by", "month", "--from", "2018-01", "--to", "2018-03", "قطر"]);
    assert!(whole.get("cut").is_none(), "{whole}");
    let shown =
        fahras(&["timeline", "--index", &dir.arg(), "--by", "week", "--from", "2018-01-03", "قطر"]);
    assert!(shown.stdout.contains("2018-01-01: cut by --from/--to"), "{}", shown.stdout);
}
