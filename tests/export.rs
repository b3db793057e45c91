//! `fahras export`: every matching article whole, in the ranking `search`
//! gives, as JSON Lines or real CSV.

use crate::util::{fahras, IndexDir};

#[test]
fn every_match_whole_in_search_order() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("a.jsonl");
    let body = "قال الوزير: \"الحكومة ستعلن\",\nوفي سطر ثانٍ، فاصلة \"مقتبسة\" أيضا.";
    let mut lines = Vec::new();
    for n in 0..40 {
        let body = if n % 3 == 0 {
            body.to_string()
        } else {
            format!("خبر رقم {n} عن الحكومة")
        };
        lines.push(
            serde_json::json!({"id": format!("a{n:02}"), "title": format!("عنوان، {n}"), "body": body, "date": "2024-01-02"})
                .to_string(),
        );
    }
    std::fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);
    let index = dir.arg();
    let ranked: Vec<String> = dir
        .hits("الحكومة", &["-n", "40", "--no-collapse"])
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ranked.len(), 40);

    let run = fahras(&["export", "--index", &index, "--columns", "id,body,date", "الحكومة"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ranked, "the ranking search pages through");
    assert_eq!(rows[ids.iter().position(|i| *i == "a00").unwrap()]["body"], body);
    assert!(run.stdout.starts_with("{\"id\":"), "fields in the order asked");

    let out = dir.tmp.path().join("out.csv");
    let out_arg = out.to_str().unwrap();
    let run = fahras(&[
        "export",
        "--index",
        &index,
        "--format",
        "csv",
        "--excel",
        "-o",
        out_arg,
        "الحكومة",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}id,title,body".as_bytes()), "BOM and header");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 40);
    let a00 = records.iter().find(|r| &r[0] == "a00").unwrap();
    assert_eq!(&a00[2], body, "quotes, commas and a newline inside a field");
    assert_eq!(&a00[3], "2024-01-02");

    let run = fahras(&["export", "--index", &index, "--columns", "id,colour", "x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("id, title, body"), "{}", run.stderr);
    let run = fahras(&["export", "--index", &index, "كلمةلاتوجد"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
}
