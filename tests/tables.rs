//! CSV and TSV archives: a header row, quoted fields with commas and
//! newlines, a byte-order mark, field mapping, compressed files, and bad
//! rows reported by line with the rest indexed.

use std::io::Write;

use crate::util::{fahras, IndexDir};

/// A CSV as spreadsheets write it: a BOM, quoted Arabic holding commas,
/// quotes and a newline, an empty optional field, and a short row.
const CSV: &str = "\u{feff}id,title,body,date,source\r\n\
    c1,\"عنوان، بفاصلة\",\"سطر أول في الدوحة\r\nسطر ثانٍ \"\"مقتبس\"\"\",2024-02-01,csv-news\r\n\
    c2,بلا تاريخ,نص المقالة الثانية عن الدوحة,,\r\n\
    c3,صف ناقص,نص\r\n\
    c4,الأخير,خبر أخير من الدوحة,2024-03-05,csv-news\r\n";

#[test]
fn a_csv_with_a_bom_quoted_multiline_fields_and_a_short_row() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("archive.csv");
    std::fs::write(&file, CSV).unwrap();
    let rejects = dir.tmp.path().join("bad.csv");
    let run = fahras(&[
        "index",
        "--index",
        &dir.arg(),
        "--rejects",
        rejects.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "a row was rejected: {}", run.stderr);
    // c3 starts on line 5: c1's body spans lines 2 and 3.
    let expected = format!("{}:5: the row has 3 fields, the header 5 columns", file.display());
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    // Under the table's header, so that it can be indexed again once mended.
    assert_eq!(
        std::fs::read_to_string(&rejects).unwrap(),
        "id,title,body,date,source\nc3,صف ناقص,نص\n"
    );
    assert_eq!(dir.ids("الدوحة", &["--no-collapse"]), ["c1", "c2", "c4"]);
    let shown = fahras(&["show", "--index", &dir.arg(), "--json", "c1"]);
    let article: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(article["title"], "عنوان، بفاصلة");
    assert_eq!(article["body"], "سطر أول في الدوحة\r\nسطر ثانٍ \"مقتبس\"");
    assert_eq!(article["date"], "2024-02-01");
    assert_eq!(article["source"], "csv-news");
    let shown = fahras(&["show", "--index", &dir.arg(), "--json", "c2"]);
    let article: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(article["date"], serde_json::Value::Null);
    assert_eq!(article["source"], serde_json::Value::Null);
}

#[test]
fn a_tsv_gzipped_with_its_columns_named_otherwise() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("scrape.tsv.gz");
    let table = "url\tarticle_id\theadline\ttext\tpublished\n\
        https://a.example/1\tt1\tقمة الدوحة\tانطلقت القمة في الدوحة\t2024-05-01\n\
        https://a.example/2\tt2\tخبر\t\t2024-05-02\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(table.as_bytes()).unwrap();
    std::fs::write(&file, gz.finish().unwrap()).unwrap();
    let run = fahras(&[
        "index",
        "--index",
        &dir.arg(),
        "--field",
        "id=article_id",
        "--field",
        "title=headline",
        "--field",
        "body=text",
        "--field",
        "date=published",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{}:3: field `text` is empty", file.display())),
        "{}",
        run.stderr
    );
    let hits = dir.hits("الدوحة", &[]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["id"], "t1");
    assert_eq!(hits[0]["url"], "https://a.example/1");
    assert_eq!(hits[0]["date"], "2024-05-01");
}

#[test]
fn a_table_without_the_body_column_names_it() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("nobody.csv");
    std::fs::write(&file, "id,title,text\nx1,عنوان,نص\n").unwrap();
    let run = fahras(&["index", "--index", &dir.arg(), file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{}:2: missing field `body`", file.display())),
        "{}",
        run.stderr
    );
}

#[test]
fn format_names_what_a_file_holds_whatever_its_name() {
    let dir = IndexDir::new();
    let export = dir.tmp.path().join("export.txt");
    std::fs::write(&export, "id\ttitle\tbody\nx1\tعنوان\tخبر من الدوحة\n").unwrap();
    let run =
        fahras(&["index", "--index", &dir.arg(), "--format", "tsv", export.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.ids("الدوحة", &[]), ["x1"]);
    // A JSON Lines file named .csv, read as what it is.
    let named = dir.tmp.path().join("lines.csv");
    std::fs::write(&named, "{\"id\":\"j1\",\"title\":\"t\",\"body\":\"خبر آخر من الدوحة\"}\n")
        .unwrap();
    let run =
        fahras(&["index", "--index", &dir.arg(), "--format", "jsonl", named.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.ids("الدوحة", &[]), ["j1", "x1"]);
}
