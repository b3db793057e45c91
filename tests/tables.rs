//! CSV and TSV archives: a header row, quoted fields with commas and
//! newlines, a byte-order mark, field mapping, compressed files, and bad
//! rows reported by line with the rest indexed.

use std::io::Write;

use crate::util::{fahras, fahras_cmd, from_output, IndexDir, Run};

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
    // Under the table's header, both as read (its byte-order mark too), so
    // that it can be indexed again once mended.
    assert_eq!(
        std::fs::read_to_string(&rejects).unwrap(),
        "\u{feff}id,title,body,date,source\nc3,صف ناقص,نص\n"
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

/// Issue 29, item 8: a quote left open mid-file put a re-serialised guess
/// in the rejects file (`""` became `""""`), which did not index again.
/// The rows go there exactly as read, and mended they index.
#[test]
fn a_quote_left_open_mid_file_is_kept_as_read_and_mends() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("open.csv");
    let rows = "q2,عنوان,\"نص بلا إغلاق في الدوحة\nq3,\"عنوان \"\"ثالث\"\"\",نص ثالث في الدوحة\n";
    std::fs::write(
        &file,
        format!("id,title,body\nq1,عنوان,نص أول في الدوحة\n{rows}q4,عنوان,نص رابع في الدوحة\n"),
    )
    .unwrap();
    let rejects = dir.tmp.path().join("rejects.csv");
    let run = dir.try_index(&["--rejects", rejects.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let kept = std::fs::read_to_string(&rejects).unwrap();
    assert!(kept.starts_with("id,title,body\nq2,عنوان,\"نص بلا إغلاق في الدوحة\nq3,"), "{kept}");
    assert!(run.stderr.contains("open.csv:3: the row has 4 fields"), "{}", run.stderr);
    assert!(kept.contains("\nq3,\"عنوان \"\"ثالث\"\"\",نص ثالث"), "{kept}");
    // Mended: the quote closed where it should have been.
    let mended = kept.replace("إغلاق في الدوحة\n", "إغلاق في الدوحة\"\n");
    std::fs::write(&rejects, mended).unwrap();
    let run = dir.try_index(&[rejects.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.ids("الدوحة", &["--no-collapse"]), ["q1", "q2", "q3", "q4"]);
}

/// Runs `fahras ARGS` and returns its run and peak resident memory in KiB
/// (VmHWM, read from /proc while it runs: the last reading is the peak).
fn peak_rss_kib(args: &[&str]) -> (Run, u64) {
    let mut child = fahras_cmd(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    // The output is small: the pipes cannot fill while it runs.
    while child.try_wait().unwrap().is_none() {
        if let Ok(text) = std::fs::read_to_string(&status) {
            let hwm = text.lines().find_map(|l| l.strip_prefix("VmHWM:"));
            if let Some(kib) = hwm.and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                peak = kib;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    (from_output(child.wait_with_output().unwrap()), peak)
}

/// A table with a field of `field_bytes` between two good rows.
fn table_with_a_huge_field(dir: &IndexDir, field_bytes: usize) -> std::path::PathBuf {
    let file = dir.tmp.path().join("huge.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    write!(out, "id,title,body\nr1,عنوان,خبر في الدوحة\nr2,عنوان,\"").unwrap();
    let chunk = "ا".repeat(1 << 15);
    for _ in 0..field_bytes / chunk.len() {
        out.write_all(chunk.as_bytes()).unwrap();
    }
    write!(out, "\"\nr3,عنوان,خبر آخر في الدوحة\n").unwrap();
    out.flush().unwrap();
    file
}

/// Issue 29, item 10: one 300 MB field took 1.69 GB. A row over
/// --max-line-bytes is rejected and never held (at 32 MB against a 1 MB
/// limit here; `a_300_mb_field_stays_bounded` is the full size).
#[test]
fn a_huge_csv_field_is_rejected_in_bounded_memory() {
    let dir = IndexDir::new();
    let file = table_with_a_huge_field(&dir, 32 << 20);
    let index = dir.arg();
    let (run, peak) = peak_rss_kib(&[
        "index",
        "-q",
        "--index",
        &index,
        "--max-line-bytes",
        "1000000",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("huge.csv:3: line is 33554448 bytes, over the limit"),
        "{}",
        run.stderr
    );
    assert_eq!(dir.ids("الدوحة", &[]), ["r1", "r3"]);
    // Holding the row would take several times its 32 MiB (it took 190
    // MB before); the run's own baseline is about 34 MB.
    assert!(peak > 0 && peak < 64 << 10, "peak {peak} KiB");
}

/// The full size of issue 29's case (300 MB, the default limit): about
/// 15 s on a debug build; its peak was 262 MB when measured.
#[test]
#[ignore = "writes a 300 MB file; run with --ignored"]
fn a_300_mb_field_stays_bounded() {
    let dir = IndexDir::new();
    let file = table_with_a_huge_field(&dir, 300_000_000);
    let index = dir.arg();
    let (run, peak) = peak_rss_kib(&["index", "-q", "--index", &index, file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    eprintln!("peak {} MB", peak >> 10);
    assert!(peak < 600 << 10, "peak {peak} KiB");
}

/// Issue 29, item 10: `--format csv /dev/zero` grew a buffer forever; as
/// JSON Lines or SGML it was read forever (from the trial of issue 29).
#[test]
fn nul_bytes_without_a_newline_end_the_input_in_bounded_memory() {
    for format in ["csv", "jsonl", "sgml"] {
        let dir = IndexDir::new();
        let index = dir.arg();
        let (run, peak) = peak_rss_kib(&[
            "index",
            "-q",
            "--index",
            &index,
            "--format",
            format,
            "--max-line-bytes",
            "1000000",
            "/dev/zero",
        ]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(run.stderr.contains("/dev/zero:1: NUL bytes"), "{format}: {}", run.stderr);
        assert!(peak > 0 && peak < 100 << 10, "{format}: peak {peak} KiB");
    }
}
