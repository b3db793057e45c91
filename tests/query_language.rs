//! The query language as people paste it: headlines, quotes of every kind,
//! odd spaces and punctuation are searched, never refused; filters filter.

use std::collections::BTreeSet;
use std::fs;

use crate::util::{fahras, sample, IndexDir};

/// `search --json` of `query`: (exit status, hit ids in rank order, stderr).
fn search(dir: &IndexDir, query: &str, extra: &[&str]) -> (i32, Vec<String>, String) {
    let index = dir.arg();
    // The fixtures' articles are made from one template: every article, not
    // every story, is what these tests count.
    let mut args = vec!["search", "--index", &index, "--json", "--no-collapse"];
    args.extend_from_slice(extra);
    args.push(query);
    let run = fahras(&args);
    let ids = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .filter(|v| v["type"] == "hit")
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    (run.code, ids, run.stderr)
}

/// The sample's articles as JSON values.
fn sample_articles() -> Vec<serde_json::Value> {
    fs::read_to_string(sample())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_headline_pasted_as_written_finds_its_article_first() {
    let dir = IndexDir::with_sample();
    for article in sample_articles() {
        let (title, id) = (article["title"].as_str().unwrap(), article["id"].as_str().unwrap());
        let (code, ids, stderr) = search(&dir, title, &[]);
        assert_eq!(code, 0, "{title}: {stderr}");
        assert_eq!(ids.first().map(String::as_str), Some(id), "{title}");
    }
}

#[test]
fn what_people_paste_gets_hits() {
    let dir = IndexDir::with_sample();
    // (query, the article it must find, a note expected on stderr)
    let cases: &[(&str, &str, Option<&str>)] = &[
        // "speaker: quote", the commonest headline shape, and its variants
        ("مسئول حكومي: الانتخابات البلدية في موعدها", "fx-004", Some("\"حكومي:\" is not a field")),
        ("مسئول حكومي : الانتخابات البلدية", "fx-004", None),
        ("البنك المركزي يثبت سعر الفائدة الساعة 10:30", "fx-011", None),
        (
            "https://sahil.example/politics/fx-001 الأمر التنفيذي",
            "fx-001",
            Some("\"https:\" is not a field"),
        ),
        // a spaced hyphen, a quote followed by two dots
        ("ماراثون المدينة - فيديو", "fx-025", None),
        ("\"الأمر التنفيذي\".. الوزارات", "fx-001", Some("a quoted phrase among other words")),
        // no-break, em and zero-width spaces from copied web text
        ("أسعار\u{a0}الذهب\u{2003}تقفز\u{200b}قياسي", "fx-015", None),
        // stray operator characters, Arabic punctuation, emoji
        ("أسعار الذهب! ^ { } ~ \\ / ،؛؟ 🙂", "fx-015", None),
        ("قطري) (الدوحة", "fx-003", Some("never closed")),
        ("وفد AND", "fx-003", Some("\"AND\" joins nothing")),
        // an unclosed quote is a phrase to the end
        ("\"الأمر التنفيذي", "fx-001", Some("never closed")),
        // only stop words
        ("في من على", "fx-004", Some("only common words")),
        // a sign before a number is part of it
        ("-18% صادرات الغاز", "fx-012", None),
        // a bad date in the query is text, not an error
        ("الانتخابات date:yesterday", "fx-004", Some("is not a date")),
    ];
    for (query, id, note) in cases {
        let (code, ids, stderr) = search(&dir, query, &["-n", "50"]);
        assert_eq!(code, 0, "{query}: {stderr}");
        assert!(ids.iter().any(|i| i == id), "{query}: {id} not in {ids:?}");
        match note {
            Some(note) => assert!(stderr.contains(note), "{query}: stderr {stderr:?}"),
            None => assert!(stderr.is_empty(), "{query}: stderr {stderr:?}"),
        }
    }
}

#[test]
fn quotes_of_every_kind_are_phrases() {
    let dir = IndexDir::with_sample();
    let (_, straight, _) = search(&dir, "\"الأمر التنفيذي\"", &[]);
    assert_eq!(straight, ["fx-001"]);
    for query in ["«الأمر التنفيذي»", "“الأمر التنفيذي”", "«الأمر التنفيذي"]
    {
        assert_eq!(search(&dir, query, &[]).1, straight, "{query}");
    }
    // Required, a phrase restricts even among other words.
    let (_, ids, _) = search(&dir, "+\"الأمر التنفيذي\" البرلمان", &[]);
    assert_eq!(ids, ["fx-001"]);
    // Among optional words it is its words, as an unquoted query is
    // (Arabic headlines quote words for emphasis).
    let (_, ids, _) = search(&dir, "\"الأمر التنفيذي\" البرلمان", &[]);
    assert_eq!(ids, search(&dir, "الأمر التنفيذي البرلمان", &[]).1);
    assert!(ids.contains(&"fx-001".to_string()) && ids.contains(&"fx-002".to_string()), "{ids:?}");
}

#[test]
fn query_text_never_fails_and_messages_stay_short() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    let article = "قال المتحدث: \"الأمر التنفيذي\" (الجديد) - يلزم… ".repeat(1200);
    assert!(article.len() > 50_000);
    // Short hostile queries are in faults.rs; here, a whole article pasted.
    for query in [article.as_str(), "\"\"~99999999999999"] {
        let run = fahras(&["search", "--index", &index, "-n", "3", query]);
        assert!(
            matches!(run.code, 0 | 1),
            "{}: {} {}",
            query.chars().take(40).collect::<String>(),
            run.code,
            run.stderr
        );
        for line in run.stderr.lines() {
            assert!(line.chars().count() < 200, "a long message: {line}");
        }
    }
    let run = fahras(&["search", "--index", &index, "--json", "-n", "1", &article]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("\"id\":\"fx-001\""), "{}", run.stdout);
    assert!(run.stderr.contains("the first 100 were searched"), "{}", run.stderr);
}

#[test]
fn impossible_requests_are_errors() {
    let dir = IndexDir::with_sample();
    let (code, _, stderr) = search(&dir, "قطر", &["--fields", "headline"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim(),
        "fahras: unknown field \"headline\" to search; the text fields are title, body"
    );
    for bad in ["2024-13", "yesterday", "24"] {
        let (code, _, stderr) = search(&dir, "قطر", &["--from", bad]);
        assert_eq!(code, 2, "{bad}");
        assert!(stderr.contains(&format!("--from \"{bad}\": not a date")), "{stderr}");
    }
}

#[test]
fn huge_pages_are_clamped_to_the_index() {
    let dir = IndexDir::with_sample();
    let (code, ids, stderr) = search(&dir, "*", &["-n", "10000000000"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ids.len(), 50);
    let (code, ids, _) = search(&dir, "*", &["--offset", "10000000000"]);
    assert_eq!((code, ids.len()), (0, 0));
    let (code, ids, _) = search(&dir, "*", &["-n", "10000000000", "--offset", "40"]);
    assert_eq!((code, ids.len()), (0, 10));
}

/// What the sample says of an article, to check filters against.
struct Fact {
    id: String,
    date: String,
    source: String,
    category: String,
}

/// The id, date, source and category of every article of the sample.
fn facts() -> Vec<Fact> {
    sample_articles()
        .iter()
        .map(|a| {
            let text = |k: &str| a[k].as_str().unwrap_or_default().to_string();
            Fact {
                id: text("id"),
                date: text("date"),
                source: text("source"),
                category: text("category"),
            }
        })
        .collect()
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn date_filters_restrict_whatever_the_operator() {
    let dir = IndexDir::with_sample();
    let all = |q: &str, extra: &[&str]| {
        let mut args = vec!["-n", "100"];
        args.extend_from_slice(extra);
        sorted(search(&dir, q, &args).1)
    };
    let facts = facts();
    let dated = |from: &str, to: &str| -> BTreeSet<String> {
        facts
            .iter()
            .filter(|f| f.date.as_str() >= from && f.date.as_str() <= to)
            .map(|f| f.id.clone())
            .collect()
    };
    // A range in the query is what --from/--to give, whatever surrounds it.
    let words = "المدارس الذهب مستشفى";
    let flags = all(words, &["--from", "2024-02", "--to", "2024-03"]);
    assert!(!flags.is_empty());
    for query in [
        format!("{words} date:[2024-02 TO 2024-03]"),
        format!("date:[2024-02-01 TO 2024-03-31] {words}"),
        format!("({words}) date:[2024-02 TO 2024-03]"),
    ] {
        assert_eq!(all(&query, &[]), flags, "{query}");
    }
    let in_range = dated("2024-02-01", "2024-03-31");
    assert!(flags.iter().all(|id| in_range.contains(id)), "{flags:?}");
    // Every article in range holding a word is found.
    assert!(all(words, &[])
        .iter()
        .filter(|id| in_range.contains(*id))
        .all(|id| flags.contains(id)));
    // A year, a month, a day.
    assert_eq!(
        all("* date:2024-02", &[]),
        dated("2024-02-01", "2024-02-29").into_iter().collect::<Vec<_>>()
    );
    assert_eq!(all("* date:2024-02-10", &[]), ["fx-004"]);
    assert_eq!(all("* date:2024", &[]).len(), 50);
    assert_eq!(all("* date:2023", &[]), Vec::<String>::new());
    assert_eq!(
        all("*", &["--from", "2024-06"]),
        dated("2024-06-01", "2024-06-30").into_iter().collect::<Vec<_>>()
    );
    assert_eq!(
        all("*", &["--to", "2024-01"]),
        dated("2024-01-01", "2024-01-31").into_iter().collect::<Vec<_>>()
    );
    // An excluded period.
    assert_eq!(all("* -date:2024-01", &[]).len(), 50 - dated("2024-01-01", "2024-01-31").len());
}

#[test]
fn source_category_and_id_filters_restrict_and_ignore_case() {
    let dir = IndexDir::with_sample();
    let facts = facts();
    let all = |q: &str| sorted(search(&dir, q, &["-n", "100"]).1);
    let of = |pred: &dyn Fn(&Fact) -> bool| -> Vec<String> {
        sorted(facts.iter().filter(|f| pred(f)).map(|f| f.id.clone()).collect())
    };
    assert_eq!(all("title:الذهب source:nahar-daily category:economy"), ["fx-015"]);
    assert_eq!(all("source:nahar-daily"), of(&|f| f.source == "nahar-daily"));
    assert_eq!(all("source:NAHAR-Daily"), all("source:nahar-daily"));
    assert_eq!(all("category:Sport"), of(&|f| f.category == "sport"));
    // Values of one field are alternatives; fields must all hold.
    assert_eq!(
        all("source:nahar-daily source:radio-aldar category:sport"),
        of(&|f| (f.source == "nahar-daily" || f.source == "radio-aldar") && f.category == "sport")
    );
    // Excluded.
    assert_eq!(
        all("category:sport -source:nahar-daily"),
        of(&|f| f.category == "sport" && f.source != "nahar-daily")
    );
    // With words, OR between them does not loosen the filter.
    let ids = all("المدارس OR الذهب category:health");
    assert!(
        !ids.is_empty() && ids.iter().all(|id| of(&|f| f.category == "health").contains(id)),
        "{ids:?}"
    );
    assert_eq!(all("الأمر id:fx-001"), ["fx-001"]);
    assert_eq!(all("id:fx-001 OR id:fx-002"), ["fx-001", "fx-002"]);
    // An outlet no article has finds nothing, and says so.
    let (code, ids, stderr) = search(&dir, "قطر source:nowhere", &[]);
    assert_eq!((code, ids.len()), (1, 0));
    assert!(stderr.contains("no article has source \"nowhere\""), "{stderr}");
}

/// `eval` and `search --json` are one path: the run file `eval` writes
/// holds, per query, the ids `search --json -n 100` prints, in order.
#[test]
fn eval_ranks_exactly_as_search_does() {
    let dir = IndexDir::with_sample();
    let tmp = tempfile::tempdir().unwrap();
    let queries: Vec<String> = sample_articles()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .chain([
            "المدارس الذهب مستشفى".to_string(),
            "\"الأمر التنفيذي\" البرلمان".to_string(),
            "مكتب* -الوطني".to_string(),
            "في من على".to_string(),
        ])
        .collect();
    let tsv: String = queries.iter().enumerate().map(|(n, q)| format!("q{n}\t{q}\n")).collect();
    let qrels: String = (0..queries.len()).map(|n| format!("q{n} 0 fx-001 1\n")).collect();
    let (qfile, rfile, run_file) =
        (tmp.path().join("q.tsv"), tmp.path().join("qrels"), tmp.path().join("run"));
    fs::write(&qfile, tsv).unwrap();
    fs::write(&rfile, qrels).unwrap();
    for flags in
        [&[][..], &["--fields", "body"][..], &["--exact-weight", "0", "--proximity", "1"][..]]
    {
        let index = dir.arg();
        let mut args = vec![
            "eval",
            "--index",
            &index,
            "--queries",
            qfile.to_str().unwrap(),
            "--qrels",
            rfile.to_str().unwrap(),
            "--run",
            run_file.to_str().unwrap(),
        ];
        args.extend_from_slice(flags);
        let run = fahras(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let written = fs::read_to_string(&run_file).unwrap();
        for (n, query) in queries.iter().enumerate() {
            let qid = format!("q{n}");
            let from_eval: Vec<&str> = written
                .lines()
                .map(|l| l.split(' ').collect::<Vec<_>>())
                .filter(|p| p[0] == qid)
                .map(|p| p[2])
                .collect();
            let mut search_flags = vec!["-n", "100"];
            search_flags.extend_from_slice(flags);
            let (_, from_search, _) = search(&dir, query, &search_flags);
            assert!(!from_search.is_empty(), "{query}");
            assert_eq!(from_eval, from_search, "{query} {flags:?}");
        }
    }
}

/// A made-up consonant word for each number: three letters after the
/// prefix, none of them an affix the stemmer strips.
fn made_up_word(prefix: &str, n: usize) -> String {
    const LETTERS: [char; 17] =
        ['ج', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ق', 'ح', 'خ', 'ث'];
    let mut word = prefix.to_string();
    for k in [n / 289, (n / 17) % 17, n % 17] {
        word.push(LETTERS[k]);
    }
    word
}

#[test]
fn a_broad_prefix_matches_every_word_it_starts() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("prefix.jsonl");
    // 1,500 words starting with زرك, one per article, so past the 1,000
    // ranked expansions; 200 articles without; 300 with a word of 2-letter
    // prefix زر only.
    let mut lines = Vec::new();
    for n in 0..1500 {
        let body = format!("خبر عن {} في المدينة", made_up_word("زرك", n));
        lines.push(
            serde_json::json!({"id": format!("p{n}"), "title": "خبر", "body": body}).to_string(),
        );
    }
    for n in 0..200 {
        lines.push(
            serde_json::json!({"id": format!("o{n}"), "title": "خبر", "body": "خبر آخر"})
                .to_string(),
        );
    }
    for n in 0..300 {
        let body = format!("خبر عن {}", made_up_word("زر", n + 3000));
        lines.push(
            serde_json::json!({"id": format!("z{n}"), "title": "خبر", "body": body}).to_string(),
        );
    }
    fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    assert_eq!(dir.count("زرك*"), 1500);
    assert_eq!(dir.count("زر*"), 1800);
    // Under 1,000 expansions the prefix is ranked, and counts the same way.
    let ranked_prefix: String = made_up_word("زرك", 289).chars().take(4).collect();
    assert_eq!(dir.count(&format!("{ranked_prefix}*")), 289);
}

/// The queries of the issue that made the query language forgiving, on
/// real articles (the seed and ANT multi-source sample-2000; Chouigui et
/// al. 2021): each finds articles and exits 0, filters agree with the
/// stored dates, and the broad prefix `ال*` reaches every article.
#[test]
fn real_headlines_from_the_issue_get_hits_on_shared_corpora() {
    let (Some(seed), Some(sample)) = (
        crate::util::shared("corpora/seed/seed.jsonl"),
        crate::util::shared("corpora/ant-multisource/sample-2000.jsonl"),
    ) else {
        return;
    };
    let dir = IndexDir::new();
    dir.index(&[seed.to_str().unwrap(), sample.to_str().unwrap()]);
    for query in [
        "ترامب: الاستعدادات للقاء كيم جيدة",
        "ترامب : الاستعدادات للقاء كيم جيدة",
        "حريق في كاليفورنيا - فيديو",
        "\"سأحطم رأسك\".. نجم",
        "«الأمر التنفيذي»",
        "في من على",
        "بعد أن",
        "الساعة 10:30 ترامب",
        "ترامب\u{a0}كيم\u{2003}قمة",
    ] {
        let (code, ids, stderr) = search(&dir, query, &[]);
        assert_eq!(code, 0, "{query}: {stderr}");
        assert!(!ids.is_empty(), "{query}");
    }
    assert_eq!(search(&dir, "«الأمر التنفيذي»", &[]).1, search(&dir, "\"الأمر التنفيذي\"", &[]).1);
    assert_eq!(dir.count("ال*"), dir.count("*"));
    let (_, by_flags, _) =
        search(&dir, "ترامب", &["-n", "500", "--from", "2018-03", "--to", "2018-06"]);
    let hits = dir.hits("ترامب date:[2018-03 TO 2018-06]", &["-n", "500", "--no-collapse"]);
    assert!(!hits.is_empty());
    assert_eq!(hits.iter().map(|h| h["id"].as_str().unwrap()).collect::<Vec<_>>(), by_flags);
    for hit in hits {
        let date = hit["date"].as_str().unwrap();
        assert!(("2018-03-01"..="2018-06-30").contains(&date), "{date}");
    }
}

/// The summary line of `search --json` of `query`, and the run's stderr.
fn summary(dir: &IndexDir, query: &str) -> (serde_json::Value, String) {
    let run = fahras(&["search", "--index", &dir.arg(), "--json", query]);
    assert!(run.code <= 1, "{query}: {}", run.stderr);
    let last = run.stdout.lines().last().expect("a summary line");
    (serde_json::from_str(last).expect("JSON"), run.stderr)
}

/// An archive where رئيس, مؤتمر and مسؤول are common, and so are words with
/// a و or ي where a hamza could sit (فلسطين, روس, يوم, سيل).
fn hamza_archive() -> IndexDir {
    let dir = IndexDir::new();
    let mut lines = Vec::new();
    let mut add = |id: String, body: &str| {
        lines.push(serde_json::json!({"id": id, "title": "خبر", "body": body}).to_string());
    };
    for n in 0..30 {
        add(
            format!("a{n:02}"),
            "قال رئيس الوزراء في مؤتمر صحفي إن المسؤول عن الملف غادر وقال مسؤول آخر",
        );
    }
    for n in 0..60 {
        add(format!("b{n:02}"), "فلسطين والروس في يوم السيل الكبير");
    }
    for n in 0..120 {
        add(format!("c{n:03}"), "أمطار غزيرة على الرياض وفلسطين اليوم");
    }
    add("typo".into(), "خبر كتب فيه ريس وموتمر خطأ");
    add("sael".into(), "سئل الوزير عن الخطة");
    let input = dir.tmp.path().join("hamza.jsonl");
    fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    dir
}

/// A word typed without its hamza's seat finds the articles of the word
/// with it, ranked just below an article that has the slip itself, and
/// the search says so, in `--json` too.
#[test]
fn a_hamza_typed_without_its_seat_finds_the_word() {
    let dir = hamza_archive();
    for (typed, written) in [("ريس", "رئيس"), ("موتمر", "مؤتمر"), ("مسوول", "مسؤول")]
    {
        // (`فلصطين` and `الرياظ`: see the next test.)
        let (code, ids, stderr) = search(&dir, typed, &["-n", "100"]);
        assert_eq!(code, 0, "{typed}: {stderr}");
        assert_eq!(ids.len(), if typed == "مسوول" { 30 } else { 31 }, "{typed}: {ids:?}");
        if typed != "مسوول" {
            assert_eq!(ids[0], "typo", "{typed}: the word as typed ranks first");
        }
        assert!(
            stderr.contains(&format!("\"{typed}\" also searched as \"{written}\"")),
            "{stderr}"
        );
        assert_eq!(
            summary(&dir, typed).0["corrections"],
            serde_json::json!([{"typed": typed, "searched": written}]),
            "{typed}"
        );
    }
}

/// A required word (`+word`, `AND`, `--all`) matches its other spelling
/// too: a slip must not empty the results.
/// A count made from a respelled query says so, whichever command counts:
/// the articles of `رئيس` are in the count of `ريس`.
#[test]
fn every_count_says_which_words_it_also_searched() {
    let dir = hamza_archive();
    let index = dir.arg();
    for command in ["timeline", "facets", "kwic", "collocates", "words", "dispersion", "export"] {
        let run = fahras(&[command, "--index", &index, "ريس"]);
        assert!(run.code <= 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("\"ريس\" also searched as \"رئيس\""),
            "{command}: {}",
            run.stderr
        );
    }
    // In the research answers' notes too (the API and Python show them).
    let run = fahras(&["kwic", "--index", &index, "--json", "ريس"]);
    let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(got["notes"].to_string().contains("also searched as"), "{got}");
}

#[test]
fn required_words_are_respelled_too() {
    let dir = hamza_archive();
    let expected = search(&dir, "+رئيس +مؤتمر", &["-n", "100"]).1;
    assert_eq!(expected.len(), 30);
    for (query, extra) in
        [("+ريس +موتمر", &[][..]), ("ريس AND موتمر", &[]), ("ريس موتمر", &["--all"])]
    {
        let mut args = vec!["-n", "100"];
        args.extend_from_slice(extra);
        let (code, mut ids, stderr) = search(&dir, query, &args);
        assert_eq!(code, 0, "{query}: {stderr}");
        ids.retain(|id| id != "typo");
        assert_eq!(ids.len(), expected.len(), "{query}");
        assert!(stderr.contains("also searched as"), "{stderr}");
    }
    assert_eq!(search(&dir, "+الرياظ", &["-n", "200"]).1.len(), 120);
    // Inside a quoted phrase too, and marked where the phrase stands.
    let (code, ids, stderr) = search(&dir, "\"ريس الوزراء في موتمر\"", &["-n", "100"]);
    assert_eq!((code, ids.len()), (0, 30), "{stderr}");
    assert!(stderr.contains("\"ريس\" also searched as \"رئيس\""), "{stderr}");
    let run = fahras(&["search", "--index", &dir.arg(), "--json", "\"ريس الوزراء\""]);
    let first: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert!(first["snippet"].as_str().unwrap().starts_with("قال رئيس الوزراء"), "{first}");
    // رئيس and الوزراء where they stand together; not مسؤول nor the others.
    assert_eq!(first["highlights"], serde_json::json!([[4, 8], [9, 16]]), "{first}");
}

/// A keyboard slip in a word the archive does not hold is searched as its
/// far more common neighbour too, and the search says so.
#[test]
fn a_keyboard_slip_finds_the_word() {
    let dir = hamza_archive();
    for (typed, written, hits) in [("الرياظ", "الرياض", 120), ("فلصطين", "فلسطين", 180)]
    {
        let (code, ids, stderr) = search(&dir, typed, &["-n", "200"]);
        assert_eq!(code, 0, "{typed}: {stderr}");
        assert_eq!(ids.len(), hits, "{typed}");
        assert!(
            stderr.contains(&format!("\"{typed}\" also searched as \"{written}\"")),
            "{stderr}"
        );
        assert_eq!(summary(&dir, typed).0["corrections"][0]["searched"], written, "{typed}");
    }
}

/// `word~N` matches the exact forms N edits away, the common ones first;
/// `--fuzzy` does it for every word of four letters or more.
#[test]
fn fuzzy_words_forgive_typos() {
    let dir = hamza_archive();
    let (code, ids, _) = search(&dir, "الرياظ~1", &["-n", "200"]);
    assert_eq!(code, 0);
    assert_eq!(ids.len(), 120);
    assert!(ids.iter().all(|id| id.starts_with('c')), "{ids:?}");
    // Two edits away: not at one.
    assert_eq!(search(&dir, "الرباظ~1", &[]).1.len(), 0);
    assert_eq!(search(&dir, "الرباظ~2", &["-n", "200"]).1.len(), 120);
    // In a long query, where slips are not looked for, --fuzzy finds it.
    let long = "تقرير قديم جدا عن مدينة الرياظ";
    assert_eq!(search(&dir, long, &["-n", "200"]).1.len(), 0);
    let (_, fuzzy, _) = search(&dir, long, &["-n", "300", "--fuzzy"]);
    assert!(fuzzy.iter().filter(|id| id.starts_with('c')).count() == 120, "{fuzzy:?}");
}

/// A query that finds nothing suggests the query respelled, with its count,
/// on stderr and in `--json`.
#[test]
fn did_you_mean_when_nothing_is_found() {
    let dir = hamza_archive();
    let (code, ids, stderr) = search(&dir, "الريظظ", &[]);
    assert_eq!((code, ids.len()), (1, 0));
    assert!(stderr.contains("did you mean: الرياض (120 articles)?"), "{stderr}");
    let expected = serde_json::json!({"query": "الرياض", "articles": 120});
    assert_eq!(summary(&dir, "الريظظ").0["did_you_mean"], expected);
    // A query that finds enough gets none.
    assert!(summary(&dir, "الرياض").0["did_you_mean"].is_null());
}

/// Correct, common words are never joined with another spelling.
#[test]
fn common_correct_words_are_not_corrected() {
    let dir = hamza_archive();
    for word in ["فلسطين", "الروس", "يوم", "السيل", "رئيس", "مؤتمر", "سئل", "الرياض", "أمطار"]
    {
        let (summary, stderr) = summary(&dir, word);
        assert!(summary["total"].as_u64().unwrap() > 0, "{word}");
        assert_eq!(summary["corrections"], serde_json::json!([]), "{word}");
        assert!(!stderr.contains("also searched"), "{word}: {stderr}");
    }
}

/// Two outlets that spell one name two ways (`ترمب`, `ترامب`) in the same
/// words around it, and two outlets that each write their own place or
/// person one long vowel apart (`قابس`, Gabès; `قابوس`, Qaboos).
fn house_archive() -> (IndexDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = IndexDir::new();
    let write = |name: &str, lines: Vec<String>| {
        let path = dir.tmp.path().join(name);
        fs::write(&path, lines.join("\n")).unwrap();
        path
    };
    let article = |id: String, source: &str, body: String| {
        serde_json::json!({"id": id, "title": "خبر", "body": body, "source": source}).to_string()
    };
    let topics = ["الرسوم الجمركية", "الهجرة", "الانتخابات", "الصين", "إيران"];
    let mut first = Vec::new();
    let mut second = Vec::new();
    for n in 0..30 {
        let topic = topics[n % topics.len()];
        first.push(article(
            format!("sky{n:02}"),
            "sky",
            format!("قال الرئيس الأمريكي دونالد ترامب إن إدارته ستعلن قرارا بشأن {topic} قريبا"),
        ));
        first.push(article(
            format!("gabes{n:02}"),
            "jawhara",
            format!("شهدت ولاية قابس الجنوبية انقطاع الماء الصالح للشرب في المعتمدية {n}"),
        ));
        second.push(article(
            format!("arabiya{n:02}"),
            "alarabiya",
            format!("أعلن الرئيس الأمريكي دونالد ترمب أن إدارته تدرس ملف {topic} هذا الأسبوع"),
        ));
        second.push(article(
            format!("oman{n:02}"),
            "oman",
            format!("استقبل السلطان قابوس بن سعيد سفير دولة صديقة في قصر العلم {n}"),
        ));
    }
    let first = write("first.jsonl", first);
    let second = write("second.jsonl", second);
    (dir, first, second)
}

/// A foreign name that outlets spell two ways finds both spellings, the
/// table of spellings made again when a run adds articles; two words one
/// vowel apart that outlets keep apart by topic are not joined.
#[test]
fn a_name_spelt_two_ways_by_outlets_finds_both() {
    let (dir, first, second) = house_archive();
    dir.index(&[first.to_str().unwrap()]);
    assert_eq!(search(&dir, "ترمب", &["-n", "100"]).1.len(), 0);
    dir.index(&[second.to_str().unwrap()]);
    for (typed, other) in [("ترمب", "ترامب"), ("ترامب", "ترمب")] {
        let (code, ids, stderr) = search(&dir, typed, &["-n", "100"]);
        assert_eq!(code, 0, "{typed}: {stderr}");
        assert_eq!(ids.len(), 60, "{typed}: {ids:?}");
        for outlet in ["arabiya", "sky"] {
            assert_eq!(ids.iter().filter(|id| id.starts_with(outlet)).count(), 30);
        }
        // Spellings in as many articles weigh the same: one name, one
        // ranking, whichever is typed.
        assert_eq!(ids, search(&dir, other, &["-n", "100"]).1, "{typed}");
        assert!(stderr.contains(&format!("\"{typed}\" also searched as \"{other}\"")), "{stderr}");
        assert_eq!(summary(&dir, typed).0["corrections"][0]["searched"], other);
    }
    let (_, quoted, _) = search(&dir, "\"دونالد ترمب\"", &["-n", "100"]);
    assert_eq!(quoted.len(), 60);
    // With a clitic, by its stem.
    let (_, clitic, stderr) = search(&dir, "وترمب", &["-n", "100"]);
    assert_eq!(clitic.len(), 60, "{stderr}");
    // A run of words ranks alike in either spelling.
    let run = |name: &str| search(&dir, &format!("الرئيس الأمريكي دونالد {name}"), &[]).1;
    assert_eq!(run("ترمب"), run("ترامب"));
    // The same archive gives the same pairs, reindexed.
    let pairs = || {
        let run = fahras(&["stats", "--index", &dir.arg(), "--json"]);
        let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        stats["manifest"]["house_spellings"].clone()
    };
    let before = pairs();
    assert_eq!(before.as_array().unwrap().len(), 1, "{before}");
    assert_eq!(fahras(&["reindex", "--index", &dir.arg()]).code, 0);
    assert_eq!(pairs(), before);
    for (word, hits) in [("قابس", 30), ("قابوس", 30)] {
        let (summary, stderr) = summary(&dir, word);
        assert_eq!(summary["total"], hits, "{word}");
        assert!(!stderr.contains("also searched"), "{word}: {stderr}");
    }
}

/// An archive where `ال*` starts more words than a prefix is ranked over:
/// 25 articles of 60 words each, every word different (1,500 in all).
fn broad_prefix_archive(dir: &IndexDir) {
    let letters: Vec<char> = "بتثجحخدذرزسشصضطظعغفقكلمن".chars().collect();
    let mut words = Vec::new();
    for a in &letters {
        for b in &letters {
            for c in &letters[..3] {
                words.push(format!("ال{a}{b}{c}"));
            }
        }
    }
    let lines: Vec<String> = words
        .chunks(60)
        .take(25)
        .enumerate()
        .map(|(n, chunk)| {
            let body = format!("في خبر {n} قال {}", chunk.join(" "));
            serde_json::json!({"id": format!("p{n}"), "title": format!("خبر {n}"), "body": body})
                .to_string()
        })
        .collect();
    let input = dir.tmp.path().join("broad.jsonl");
    fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
}

// See issue 29, item 9: a prefix with more than 1,000 words found its
// articles but marked nothing; kwic and collocates then found nothing.
#[test]
fn a_prefix_too_broad_to_rank_is_still_marked_and_said() {
    let dir = IndexDir::new();
    broad_prefix_archive(&dir);
    let index = dir.arg();
    let run = fahras(&["search", "--index", &index, "--json", "-n", "30", "ال*"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "hit")
        .collect();
    assert_eq!(hits.len(), 25);
    for hit in &hits {
        let marks = hit["highlights"].as_array().map_or(0, Vec::len);
        assert!(marks > 0, "no mark in {}", hit["snippet"]);
    }
    let text = fahras(&["search", "--index", &index, "ال*"]);
    assert!(text.stderr.contains("more than 1000 different words"), "{}", text.stderr);
    let kwic = fahras(&["kwic", "--index", &index, "--json", "--every", "ال*"]);
    assert_eq!(kwic.code, 0, "{}", kwic.stderr);
    let concordance: serde_json::Value = serde_json::from_str(&kwic.stdout).unwrap();
    let lines = concordance["lines"].as_array().map_or(0, Vec::len);
    assert_eq!(lines, 25 * 60, "one line per word: {}", kwic.stderr);
    assert!(concordance["notes"][0].as_str().unwrap().contains("more than 1000"));
    assert!(kwic.stderr.contains("more than 1000 different words"), "{}", kwic.stderr);
    let collocates = fahras(&["collocates", "--index", &index, "--json", "ال*"]);
    assert_eq!(collocates.code, 0, "{}", collocates.stderr);
    let found: serde_json::Value = serde_json::from_str(&collocates.stdout).unwrap();
    assert_eq!(found["matches"], 25 * 60, "{}", collocates.stdout);
    let text = fahras(&["collocates", "--index", &index, "ال*"]);
    assert!(text.stderr.contains("more than 1000 different words"), "{}", text.stderr);
}

/// Issue 31: a filter that cannot be read never widens a count. Counting
/// commands refuse the query (exit 2, naming the value); a ranked search
/// leaves it out with a note (above).
#[test]
fn an_unreadable_filter_is_an_error_in_every_count() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    let query = "الانتخابات date:2017-13";
    let counts: [&[&str]; 7] = [
        &["timeline", "--index", &index, query],
        &["facets", "--index", &index, query],
        &["kwic", "--index", &index, query],
        &["collocates", "--index", &index, query],
        &["export", "--index", &index, query],
        &["search", "--index", &index, "--count", query],
        &["search", "--index", &index, "--facet", "source", query],
    ];
    for args in counts {
        let run = fahras(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("\"2017-13\" is not a date"), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} counted: {}", run.stdout);
    }
    // The same query without the bad filter counts; a ranked search of it
    // still answers, with its note.
    assert_eq!(fahras(&["search", "--index", &index, "--count", "الانتخابات"]).code, 0);
    let ranked = fahras(&["search", "--index", &index, query]);
    assert_eq!(ranked.code, 0, "{}", ranked.stderr);
    assert!(ranked.stderr.contains("is not a date"), "{}", ranked.stderr);
}
