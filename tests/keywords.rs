//! `fahras keywords`: counts and scores a reader can check by hand on a
//! small archive of two outlets, the rest of the archive as the default
//! reference, negative keywords, copies counted once, the formats; on the
//! shared corpora, one outlet against the rest.

use crate::util::{fahras, shared, IndexDir};

/// Outlet `a`: 2 articles, 8 words; outlet `b`: 3 articles, 12 words (one
/// a stop word). By stem: نفط a 4, b 0; سوق a 3, b 4; مدينة a 1, b 7.
fn archive(dir: &IndexDir) {
    let articles = [
        ("a1", "a", "النفط النفط والنفط سوق"),
        ("a2", "a", "النفط سوق سوق مدينة"),
        ("b1", "b", "سوق مدينة مدينة مدينة"),
        ("b2", "b", "مدينة سوق في مدينة"),
        ("b3", "b", "مدينة مدينة سوق سوق"),
    ];
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, source, body)| {
            serde_json::json!({"id": id, "title": "", "body": body, "source": source}).to_string()
        })
        .collect();
    let input = dir.tmp.path().join("k.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
}

fn keywords(dir: &IndexDir, args: &[&str]) -> (i32, serde_json::Value, String) {
    let index = dir.arg();
    let mut all = vec!["keywords", "--index", &index[..], "--json"];
    all.extend_from_slice(args);
    let run = fahras(&all);
    let value = serde_json::from_str(&run.stdout).unwrap_or(serde_json::Value::Null);
    (run.code, value, run.stderr)
}

fn row<'a>(got: &'a serde_json::Value, word: &str) -> &'a serde_json::Value {
    got["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["word"] == word)
        .unwrap_or_else(|| panic!("{word} not in {got}"))
}

/// G² as Rayson & Garside (2000) write it, by hand.
fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let part = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    2.0 * (part(a, e1) + part(b, e2))
}

#[test]
fn counts_and_scores_are_the_texts_own() {
    let dir = IndexDir::new();
    archive(&dir);
    let everything = ["--min-ll", "0", "--min-freq", "1", "--no-collapse"];
    let mut args = vec!["source:a", "--vs", "source:b"];
    args.extend(everything);
    let (code, got, stderr) = keywords(&dir, &args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(got["focus"]["articles"], 2);
    assert_eq!(got["focus"]["words"], 8);
    assert_eq!(got["reference"]["articles"], 3);
    // في is a word of b2, though never a keyword (a stop word).
    assert_eq!(got["reference"]["words"], 12);
    assert_eq!(got["overlap"], 0);
    let oil = row(&got, "النفط");
    assert_eq!((oil["focus"].as_u64(), oil["reference"].as_u64()), (Some(4), Some(0)));
    assert_eq!(
        (oil["focus_articles"].as_u64(), oil["reference_articles"].as_u64()),
        (Some(2), Some(0))
    );
    assert!((oil["focus_per_million"].as_f64().unwrap() - 500_000.0).abs() < 1e-6);
    assert!((oil["ll"].as_f64().unwrap() - g2(4.0, 0.0, 8.0, 12.0)).abs() < 1e-9);
    // log2((4/8) / (0.5/12)): the reference's 0 taken as 0.5.
    assert!((oil["log_ratio"].as_f64().unwrap() - 12f64.log2()).abs() < 1e-9);
    let market = row(&got, "سوق");
    assert_eq!((market["focus"].as_u64(), market["reference"].as_u64()), (Some(3), Some(4)));
    assert!((market["ll"].as_f64().unwrap() - g2(3.0, 4.0, 8.0, 12.0)).abs() < 1e-9);
    // (375,000 + 1) / (333,333.3 + 1).
    let simple = (375_000.0 + 1.0) / (4e6 / 12.0 + 1.0);
    assert!((market["simple_maths"].as_f64().unwrap() - simple).abs() < 1e-9);
    // مدينة is used more by b: not a keyword of a, but a negative one.
    let words: Vec<&str> =
        got["keywords"].as_array().unwrap().iter().map(|k| k["word"].as_str().unwrap()).collect();
    assert_eq!(words, ["النفط", "سوق"], "most significant first");
    args.push("--negative");
    let (_, negative, _) = keywords(&dir, &args);
    let city = row(&negative, "مدينة");
    assert_eq!((city["focus"].as_u64(), city["reference"].as_u64()), (Some(1), Some(7)));
    assert!(city["log_ratio"].as_f64().unwrap() < 0.0);
    assert_eq!(negative["keywords"].as_array().unwrap().len(), 1);

    // Exact forms: النفط and والنفط apart.
    let mut exact = vec!["source:a", "--vs", "source:b", "--by", "exact"];
    exact.extend(everything);
    let (_, got, _) = keywords(&dir, &exact);
    assert_eq!(row(&got, "النفط")["focus"], 3);
    assert_eq!(row(&got, "والنفط")["focus"], 1);

    // The default reference is every other article: here, b's.
    let mut rest = vec!["source:a"];
    rest.extend(everything);
    let (_, against_rest, _) = keywords(&dir, &rest);
    assert_eq!(against_rest["reference_is_rest"], true);
    assert_eq!(against_rest["reference"]["words"], 12);
    assert_eq!(against_rest["keywords"], keywords(&dir, &args[..args.len() - 1]).1["keywords"]);

    // The default threshold (15.13) keeps nothing this small.
    let (code, strict, stderr) = keywords(&dir, &["source:a", "--no-collapse"]);
    assert_eq!((code, strict["keywords"].as_array().unwrap().len()), (1, 0), "{stderr}");
}

#[test]
fn overlapping_sides_say_so_and_copies_count_once() {
    let dir = IndexDir::new();
    let filler: Vec<String> = (0..40).map(|n| format!("كلمة{n}")).collect();
    let story = format!("النفط يرتفع في الأسواق {}", filler.join(" "));
    let lines = [
        serde_json::json!({"id": "x1", "title": "", "body": story, "source": "a"}),
        serde_json::json!({"id": "x2", "title": "", "body": story, "source": "a"}),
        serde_json::json!({"id": "y1", "title": "", "body": "مدينة سوق مدينة", "source": "b"}),
    ];
    let input = dir.tmp.path().join("c.jsonl");
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(&input, text.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    let (_, once, _) = keywords(&dir, &["source:a", "--min-ll", "0", "--min-freq", "1"]);
    assert_eq!(
        (once["focus"]["articles"].as_u64(), once["focus"]["read"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(once["focus"]["copies_skipped"], 1);
    assert_eq!(row(&once, "النفط")["focus"], 1);
    let (_, every, _) =
        keywords(&dir, &["source:a", "--min-ll", "0", "--min-freq", "1", "--no-collapse"]);
    assert_eq!(row(&every, "النفط")["focus"], 2);
    // Two queries that share an article: it is counted on both sides, and
    // the summary says so.
    let index = dir.arg();
    let run = fahras(&[
        "keywords",
        "--index",
        &index,
        "النفط",
        "--vs",
        "*",
        "--min-ll",
        "0",
        "--min-freq",
        "1",
    ]);
    assert!(run.stderr.contains("on both sides"), "{}", run.stderr);
    let (_, both, _) = keywords(&dir, &["النفط", "--vs", "*", "--min-ll", "0", "--min-freq", "1"]);
    assert_eq!(both["overlap"], 1);
}

#[test]
fn the_formats_carry_the_same_rows() {
    let dir = IndexDir::new();
    archive(&dir);
    let index = dir.arg();
    let base = [
        "keywords",
        "--index",
        &index,
        "source:a",
        "--min-ll",
        "0",
        "--min-freq",
        "1",
        "--no-collapse",
    ];
    let csv = fahras(&[&base[..], &["--csv"]].concat());
    let mut lines = csv.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("word,term,focus,reference,focus_per_million,reference_per_million,focus_articles,reference_articles,ll,log_ratio,simple_maths")
    );
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!((first[0], first[2], first[3]), ("النفط", "4", "0"));
    let table = fahras(&[&base[..], &["--bidi", "logical"]].concat());
    assert_eq!(table.code, 0, "{}", table.stderr);
    let rows: Vec<&str> = table.stdout.lines().collect();
    assert!(rows[0].contains("G²") && rows[0].contains("log ratio"), "{}", table.stdout);
    assert!(rows[1].contains("النفط") && rows[1].contains(" 4 "), "{}", table.stdout);
    assert!(table.stderr.contains("2 keywords of 2 listed"), "{}", table.stderr);
    assert!(table.stderr.contains("the rest of the archive"), "{}", table.stderr);
}

#[test]
fn an_outlet_against_the_rest_on_the_shared_corpus() {
    let Some(corpus) = shared("corpora/ant-multisource/sample-2000.jsonl") else {
        eprintln!("skipped: ../shared/corpora/ant-multisource is absent");
        return;
    };
    let dir = IndexDir::new();
    dir.index(&[corpus.to_str().unwrap()]);
    let (code, got, stderr) = keywords(&dir, &["source:alarabiya", "-n", "20"]);
    assert_eq!(code, 0, "{stderr}");
    let focus = got["focus"]["articles"].as_u64().unwrap();
    let reference = got["reference"]["articles"].as_u64().unwrap();
    // The two sides are the archive.
    let total = fahras(&["search", "--index", &dir.arg(), "--count", "*"]);
    assert_eq!(focus + reference, total.stdout.trim().parse::<u64>().unwrap());
    for k in got["keywords"].as_array().unwrap() {
        assert!(k["ll"].as_f64().unwrap() >= 15.13, "{k}");
        assert!(k["focus_per_million"].as_f64() > k["reference_per_million"].as_f64(), "{k}");
    }
}

/// `--from`/`--to` bound both sides: the rest of the archive is the rest
/// within those dates; `--smooth` must be above 0; a lone letter is no
/// keyword.
#[test]
fn dates_bound_the_rest_too() {
    let dir = IndexDir::new();
    let lines = [
        serde_json::json!({"id": "a", "title": "", "body": "النفط النفط سوق", "date": "2018-01-01", "source": "x"}),
        serde_json::json!({"id": "b", "title": "", "body": "سوق مدينة مدينة", "date": "2018-02-01", "source": "y"}),
        serde_json::json!({"id": "c", "title": "", "body": "سوق سوق سوق ل ل", "date": "2017-02-01", "source": "y"}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let input = dir.tmp.path().join("d.jsonl");
    std::fs::write(&input, text.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    let (_, got, stderr) = keywords(
        &dir,
        &["source:x", "--from", "2018", "--to", "2018", "--min-ll", "0", "--min-freq", "1"],
    );
    assert_eq!(got["reference"]["articles"], 1, "{stderr}");
    assert_eq!(got["reference"]["words"], 3);
    let (_, all, _) =
        keywords(&dir, &["source:x", "--min-ll", "0", "--min-freq", "1", "--negative"]);
    assert_eq!(all["reference"]["words"], 8);
    assert!(!all["keywords"].as_array().unwrap().iter().any(|k| k["word"] == "ل"), "{all}");
    let index = dir.arg();
    let zero = fahras(&["keywords", "--index", &index, "source:x", "--smooth", "0"]);
    assert_eq!(zero.code, 2);
    assert!(zero.stderr.contains("--smooth 0: expected a number above 0"), "{}", zero.stderr);
    let negative = fahras(&["keywords", "--index", &index, "source:x", "--smooth", "-1"]);
    assert!(negative.stderr.contains("--smooth -1"), "{}", negative.stderr);
}
