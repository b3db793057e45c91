//! One counting rule, stated (issue 31, item 2): every counting command
//! counts the articles holding all the words unless `--any`, a query means
//! the same in each of them, `"A" OR "B"` is the union of two phrases, and
//! each output says which rule it counted by. The archive is
//! `util::write_counting_corpus`, whose counts are in its table.

use crate::util::{fahras, write_counting_corpus, IndexDir};

/// An index of the counting archive.
fn counting_index() -> IndexDir {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("counting.jsonl");
    write_counting_corpus(&file);
    dir.index(&[file.to_str().unwrap()]);
    dir
}

/// Runs `fahras COMMAND --index DIR ARGS... QUERY` and parses its JSON.
fn json(dir: &IndexDir, command: &str, args: &[&str], query: &str) -> serde_json::Value {
    let index = dir.arg();
    let mut all = vec![command, "--index", &index, "--json"];
    all.extend_from_slice(args);
    all.push(query);
    let run = fahras(&all);
    assert!(run.code <= 1, "{command} {query}: {}", run.stderr);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{command} {query}: {e}: {}", run.stdout))
}

/// The number of articles `query` matches, by every counting command, with
/// `extra` flags (`--any`); asserts that they agree and that each JSON says
/// the rule it counted by.
fn count_everywhere(dir: &IndexDir, query: &str, extra: &[&str]) -> usize {
    let rule = if extra.contains(&"--any") { "any" } else { "all" };
    let index = dir.arg();
    let search = dir.count_with(query, extra);

    let chart = json(dir, "timeline", extra, query);
    assert_eq!(chart["match"], rule, "timeline {query}");
    let series = &chart["series"][0];
    let dated: u64 =
        series["matching"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).sum();
    let timeline = (dated + series["undated"].as_u64().unwrap()) as usize;

    let facets = json(dir, "facets", extra, query);
    assert_eq!(facets["match"], rule, "facets {query}");
    let facets = facets["total"].as_u64().unwrap() as usize;

    // `articles` counts every matching article (copies of a story too);
    // --every reads them all.
    let mut flags = vec!["--every"];
    flags.extend_from_slice(extra);
    let kwic = json(dir, "kwic", &flags, query);
    assert_eq!(kwic["match"], rule, "kwic {query}");
    let kwic = kwic["articles"].as_u64().unwrap() as usize;

    let mut flags = vec!["--min-freq", "1"];
    flags.extend_from_slice(extra);
    let collocates = json(dir, "collocates", &flags, query);
    assert_eq!(collocates["match"], rule, "collocates {query}");
    let collocates = collocates["articles"].as_u64().unwrap() as usize;

    let mut args = vec!["export", "--index", &index, "--columns", "id"];
    args.extend_from_slice(extra);
    args.push(query);
    let run = fahras(&args);
    assert!(run.code <= 1, "export {query}: {}", run.stderr);
    assert!(run.stderr.contains(&format!("holding {rule}")), "export {query}: {}", run.stderr);
    let export = run.stdout.lines().count();

    let all = [
        ("search --count", search),
        ("timeline", timeline),
        ("facets", facets),
        ("kwic", kwic),
        ("collocates", collocates),
        ("export", export),
    ];
    assert!(all.iter().all(|(_, n)| *n == search), "{query} {extra:?}: {all:?}");
    search
}

#[test]
fn a_query_counts_the_same_in_every_command() {
    let dir = counting_index();
    // (query, articles holding all the words, holding any), from the
    // archive's table.
    let cases = [
        // A two-word query: the articles about the boycott of Qatar, not
        // every one naming Qatar or a boycott.
        ("مقاطعة قطر", 4, 7),
        ("\"مقاطعة قطر\"", 3, 3),
        // Two phrases, either: their union, never their words.
        ("\"مقاطعة قطر\" OR \"مجلس التعاون\"", 6, 6),
        ("\"مجلس التعاون\" OR \"لمجلس التعاون\"", 4, 4),
        // `+` on alternatives requires the group, not each phrase.
        ("+\"مقاطعة قطر\" OR +\"مجلس التعاون\"", 6, 6),
        // OR binds closer than the space: مقاطعة and (قطر or the phrase).
        ("مقاطعة قطر OR \"مجلس التعاون\"", 4, 9),
        ("مقاطعة قطر -مجلس", 3, 5),
        ("قطر مجلس -\"مقاطعة قطر\"", 1, 7),
        ("مجلس التعاون date:2017", 3, 3),
        ("مقاطعة قطر source:wire-a", 3, 4),
    ];
    for (query, all, any) in cases {
        assert_eq!(count_everywhere(&dir, query, &[]), all, "{query}");
        assert_eq!(count_everywhere(&dir, query, &["--any"]), any, "{query} --any");
        // --all is the default of a count.
        assert_eq!(dir.count_with(query, &["--all"]), all, "{query} --all");
    }
}

#[test]
fn either_phrase_counts_their_union() {
    let dir = counting_index();
    let (a, b) = ("\"مقاطعة قطر\"", "\"مجلس التعاون\"");
    let either = dir.count(&format!("{a} OR {b}"));
    let (only_a, only_b, both) = (dir.count(a), dir.count(b), dir.count(&format!("{a} {b}")));
    assert_eq!((only_a, only_b, both, either), (3, 4, 1, 6));
    assert_eq!(either, only_a + only_b - both);
    // The same ranked: the hits are the union, each phrase whole.
    assert_eq!(
        dir.ids(&format!("{a} OR {b}"), &["--no-collapse"]),
        ["c01", "c02", "c06", "c07", "c10", "c11"]
    );
    assert_eq!(dir.ids(&format!("+{a} OR +{b}"), &["--no-collapse"]).len(), 6);
    // An excluded phrase excludes the articles holding it, not its words.
    assert_eq!(dir.ids(&format!("قطر -{a}"), &["--no-collapse"]), ["c03", "c05", "c10"]);
}

#[test]
fn a_ranked_search_says_both_numbers() {
    let dir = counting_index();
    let index = dir.arg();
    let summary = |query: &str, extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["search", "--index", &index, "--json"];
        args.extend_from_slice(extra);
        args.push(query);
        let run = fahras(&args);
        serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap()
    };
    // Ranked by any word, as relevance is measured; both counts said.
    let got = summary("مقاطعة قطر", &[]);
    assert_eq!((got["total"].as_u64(), got["match"].as_str()), (Some(7), Some("any")));
    assert_eq!((got["total_all"].as_u64(), got["total_any"].as_u64()), (Some(4), Some(7)));
    let run = fahras(&["search", "--index", &index, "مقاطعة قطر"]);
    assert!(run.stdout.contains("4 articles hold all the words, 7 at least one"), "{}", run.stdout);
    // One number when the rule cannot matter, or --all asks for all.
    for (query, extra, total, rule) in [
        ("\"مقاطعة قطر\"", &[][..], 3, "any"),
        ("قطر", &[], 6, "any"),
        ("\"مقاطعة قطر\" OR \"مجلس التعاون\"", &[], 6, "any"),
        ("مقاطعة قطر", &["--all"], 4, "all"),
        ("مقاطعة قطر", &["--count"], 4, "all"),
        ("مقاطعة قطر", &["--count", "--any"], 7, "any"),
    ] {
        let got = summary(query, extra);
        assert_eq!(got["total"].as_u64(), Some(total), "{query} {extra:?}");
        assert_eq!(got["match"], rule, "{query} {extra:?}");
        assert!(got.get("total_all").is_none(), "{query} {extra:?}: {got}");
    }
    let run = fahras(&["search", "--index", &index, "--all", "مقاطعة قطر"]);
    assert!(
        run.stdout.contains("4 matching articles, holding all the words (showing"),
        "{}",
        run.stdout
    );
    // A count says on stderr which rule it counted by; stdout is the number.
    let run = fahras(&["search", "--index", &index, "--count", "مقاطعة قطر"]);
    assert_eq!(run.stdout, "4\n");
    assert!(run.stderr.contains("holding all the words"), "{}", run.stderr);
    // Facets count the articles holding all the words beside any-ranked hits.
    let got = summary("مقاطعة قطر", &["--facet", "source"]);
    assert_eq!(got["facets_match"], "all");
    let sources = &got["facets"]["source"]["counts"];
    let sum: u64 = sources.as_array().unwrap().iter().map(|p| p[1].as_u64().unwrap()).sum();
    assert_eq!(sum, 4, "{got}");
}

#[test]
fn every_counting_summary_says_what_it_counts() {
    let dir = counting_index();
    let index = dir.arg();
    let query = "مقاطعة قطر";
    for (args, stream_has) in [
        (vec!["facets", "--index", &index, query], "4 matching articles, holding all the words"),
        (vec!["timeline", "--index", &index, query], "3 dated articles holding all the words"),
        (vec!["kwic", "--index", &index, query], "of 4 articles holding all the words"),
        (
            vec!["collocates", "--index", &index, "--min-freq", "1", query],
            "4 matching articles holding all the words",
        ),
        (vec!["export", "--index", &index, query], "4 articles holding all the words exported"),
        (
            vec!["facets", "--index", &index, "--any", query],
            "7 matching articles, holding any of the words",
        ),
    ] {
        let run = fahras(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let both = format!("{}{}", run.stdout, run.stderr);
        assert!(both.contains(stream_has), "{args:?}: {both}");
    }
}
