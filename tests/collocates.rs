//! `fahras collocates`: counts near the matches and in the archive that a
//! reader can check by hand, the scores' formulas, stems grouped, stop
//! words out; on the shared corpora, دونالد beside ترامب.

use crate::util::{fahras, shared, IndexDir};

fn collocates(dir: &IndexDir, args: &[&str]) -> (i32, serde_json::Value, String) {
    let index = dir.arg();
    // The fixture's twelve articles are near-copies of one another (one
    // story): its counts are made over every article.
    let mut all = vec!["collocates", "--index", &index[..], "--json", "--no-collapse"];
    all.extend_from_slice(args);
    let run = fahras(&all);
    let value = serde_json::from_str(&run.stdout).unwrap_or(serde_json::Value::Null);
    (run.code, value, run.stderr)
}

/// Twelve articles where the counts are known: in each of the first eight,
/// `الرئيس دونالد ترامب` (or `والرئيس`, `رئيس`) once, `في` beside it, and
/// `دونالد` once more far from the match; four more hold `دونالد` and
/// `الرئيس` without `ترامب`.
fn archive(dir: &IndexDir) {
    let filler = "كلمة ".repeat(20);
    let mut lines = Vec::new();
    for n in 0..12 {
        let president = ["الرئيس", "والرئيس", "رئيس", "الرئيس"][n % 4];
        let body = if n < 8 {
            format!("قال {president} دونالد ترامب في المؤتمر. {filler} ثم زار دونالد المعرض.")
        } else {
            format!("قال الرئيس دونالد كلاما. {filler}")
        };
        let id = format!("c{n:02}");
        lines.push(serde_json::json!({"id": id, "title": "خبر", "body": body}).to_string());
    }
    let input = dir.tmp.path().join("c.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
}

fn find<'a>(got: &'a serde_json::Value, term: &str) -> Option<&'a serde_json::Value> {
    got["collocates"].as_array().unwrap().iter().find(|c| c["term"] == term)
}

#[test]
fn counts_near_and_in_the_archive_are_the_texts_own() {
    let dir = IndexDir::new();
    archive(&dir);
    let (code, got, stderr) = collocates(&dir, &["--window", "3", "--min-freq", "2", "ترامب"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(got["articles"], 8);
    assert_eq!(got["matches"], 8);
    // By default each story is read once: the eight are one story.
    let run = fahras(&["collocates", "--index", &dir.arg(), "--json", "ترامب"]);
    let once: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((once["read"].as_u64(), once["copies_skipped"].as_u64()), (Some(1), Some(7)));
    assert_eq!(once["matches"], 1);
    // دونالد: beside each match once (the far one is 22 words away).
    let donald = find(&got, "دونالد").expect("دونالد near ترامب");
    assert_eq!(donald["near"], 8);
    assert_eq!(donald["archive"], 8 * 2 + 4);
    let dice = 14.0 + (2.0 * 8.0 / (8.0 + 20.0f64)).log2();
    assert!((donald["score"].as_f64().unwrap() - dice).abs() < 1e-9);
    // The three forms of رئيس are one stem, shown in its commonest form.
    let president = find(&got, "رءيس").expect("the stem of الرئيس");
    assert_eq!(president["near"], 8);
    assert_eq!(president["form"], "الرئيس");
    assert_eq!(president["archive"], 12);
    // The best score first: المؤتمر is only ever beside ترامب (logDice's
    // top, 14), before رئيس (12 in the archive) and دونالد (20); في is a stop word; the
    // match is not its own collocate; المعرض is too far.
    assert_eq!(got["collocates"][0]["term"], "مءتمر");
    assert!((got["collocates"][0]["score"].as_f64().unwrap() - 14.0).abs() < 1e-9);
    assert!(find(&got, "في").is_none());
    assert!(find(&got, "ترامب").is_none());
    assert!(find(&got, "معرض").is_none());
    let (_, with_stop, _) =
        collocates(&dir, &["--window", "3", "--min-freq", "2", "--stop-words", "ترامب"]);
    assert_eq!(find(&with_stop, "في").expect("في counted")["near"], 8);
    // By exact form: the three spellings apart.
    let (_, exact, _) =
        collocates(&dir, &["--window", "3", "--min-freq", "1", "--by", "exact", "ترامب"]);
    assert_eq!(find(&exact, "الرءيس").map(|c| c["near"].clone()), Some(4.into()));
    assert_eq!(find(&exact, "والرءيس").map(|c| c["near"].clone()), Some(2.into()));
    // MI and t-score rank by their own formulas.
    for measure in ["mi", "t"] {
        let (_, got, _) =
            collocates(&dir, &["--window", "3", "--min-freq", "2", "--measure", measure, "ترامب"]);
        let scores: Vec<f64> = got["collocates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["score"].as_f64().unwrap())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{measure}: {scores:?}");
    }
}

#[test]
fn nothing_found_is_exit_1_and_a_baseline_index_is_refused() {
    let dir = IndexDir::new();
    archive(&dir);
    let (code, got, _) = collocates(&dir, &["زنجبيل"]);
    assert_eq!(code, 1);
    assert_eq!(got["collocates"].as_array().unwrap().len(), 0);
    let plain = IndexDir::new();
    let input = dir.tmp.path().join("c.jsonl");
    let index = plain.arg();
    let run =
        fahras(&["index", "-q", "--analyzer", "plain", "--index", &index, input.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (code, _, stderr) = collocates(&plain, &["ترامب"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("fahras analyzer"), "{stderr}");
    let run = fahras(&["collocates", "--index", &dir.arg(), "--window", "0", "ترامب"]);
    assert_eq!(run.code, 2);
}

/// On the shared corpora (ANT, Chouigui et al. 2021): Trump's first name
/// comes with him.
#[test]
fn donald_is_among_trumps_first_five_on_shared_corpora() {
    let Some(corpus) = shared("corpora/ant-multisource/ant-multisource-v2.1.jsonl.zst") else {
        return;
    };
    let dir = IndexDir::new();
    dir.index(&[corpus.to_str().unwrap()]);
    let (code, got, stderr) = collocates(&dir, &["-n", "5", "ترامب"]);
    assert_eq!(code, 0, "{stderr}");
    let forms: Vec<&str> =
        got["collocates"].as_array().unwrap().iter().map(|c| c["form"].as_str().unwrap()).collect();
    assert!(forms.contains(&"دونالد"), "{forms:?}");
}
