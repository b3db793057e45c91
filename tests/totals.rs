//! Issue 34: a ranked list counts its matches exactly up to 10,000 and
//! then gives a lower bound, `"total_relation": "gte"`, as Elasticsearch
//! does; `--exact-total` (API `exact_total=true`) counts them all; counts
//! researchers cite (`--count`, `timeline`) are exact whatever the size.

use crate::util::{fahras, write_generated_corpus, IndexDir};

/// 12,000 generated articles, nearly all holding قطر, dated 2010–2023.
fn archive() -> IndexDir {
    let dir = IndexDir::new();
    let corpus = dir.tmp.path().join("generated.jsonl");
    write_generated_corpus(&corpus, 12_000);
    dir.index(&[corpus.to_str().unwrap()]);
    dir
}

/// The summary line of `search --json ARGS`.
fn summary(dir: &IndexDir, args: &[&str]) -> serde_json::Value {
    let index = dir.arg();
    let mut all = vec!["search", "--index", &index[..], "--json"];
    all.extend_from_slice(args);
    let run = fahras(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap()
}

#[test]
fn a_ranked_total_is_exact_to_ten_thousand_then_a_lower_bound() {
    let dir = archive();
    let index = dir.arg();
    let count = fahras(&["search", "--index", &index, "--count", "قطر"]);
    let exact: u64 = count.stdout.trim().parse().unwrap();
    assert!(exact > 10_000 && exact <= 12_000, "{exact}");

    let ranked = summary(&dir, &["قطر"]);
    assert_eq!(
        (ranked["total"].as_u64(), ranked["total_relation"].as_str()),
        (Some(10_000), Some("gte"))
    );
    assert_eq!(ranked["returned"], 10);
    let stories = ranked["stories"].as_u64().unwrap();
    assert!(stories > 0 && stories <= 10_000, "{stories}");

    let whole = summary(&dir, &["--exact-total", "قطر"]);
    assert_eq!(
        (whole["total"].as_u64(), whole["total_relation"].as_str()),
        (Some(exact), Some("eq"))
    );
    // The same page either way.
    let ids = |extra: &[&str]| {
        let mut args = vec!["search", "--index", &index[..], "--json", "قطر"];
        args.extend_from_slice(extra);
        let run = fahras(&args);
        run.stdout
            .lines()
            .filter(|l| l.contains("\"type\":\"hit\""))
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&[]), ids(&["--exact-total"]));
    assert_eq!(ids(&["--no-collapse"]), ids(&["--no-collapse", "--exact-total"]));

    // Under the limit, exact without asking: one year of the twelve.
    let year = summary(&dir, &["قطر", "--from", "2010", "--to", "2010"]);
    let counted =
        fahras(&["search", "--index", &index, "--count", "قطر", "--from", "2010", "--to", "2010"]);
    assert_eq!(year["total"].as_u64(), Some(counted.stdout.trim().parse().unwrap()));
    assert_eq!(year["total_relation"], "eq");

    // The terminal says "more than".
    let run = fahras(&["search", "--index", &index, "قطر"]);
    assert!(run.stdout.contains("more than 10000 matching articles"), "{}", run.stdout);

    // A count researchers cite is exact: the timeline's months add up to it.
    let run = fahras(&["timeline", "--index", &index, "--json", "قطر"]);
    let timeline: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let months: u64 = timeline["series"][0]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap_or(0))
        .sum();
    assert_eq!(months, exact);

    // The API as the command line.
    #[cfg(feature = "server")]
    {
        let server = crate::serve::Server::start(&index);
        let (status, body) = server.json("/api/search?q=قطر");
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            (body["total"].as_u64(), body["total_relation"].as_str()),
            (Some(10_000), Some("gte"))
        );
        let (_, body) = server.json("/api/search?q=قطر&exact_total=true");
        assert_eq!(
            (body["total"].as_u64(), body["total_relation"].as_str()),
            (Some(exact), Some("eq"))
        );
        let (_, body) = server.json("/api/search?q=قطر&limit=0");
        assert_eq!(
            (body["total"].as_u64(), body["total_relation"].as_str()),
            (Some(exact), Some("eq"))
        );
    }
}
