//! Archives as they come: Gigaword SGML (plain and gzipped), Parquet
//! written with the `parquet` crate, text in Windows-1256 and ISO-8859-6,
//! and the bad record of each format reported by its place with the rest
//! indexed. Every file is written here, by the test.

use std::io::Write;
use std::path::Path;

use crate::util::{fahras, fahras_cmd, from_output, IndexDir};

/// An article as `show --json` gives it.
fn article(dir: &IndexDir, id: &str) -> serde_json::Value {
    let run = fahras(&["show", "--index", &dir.arg(), "--json", id]);
    assert_eq!(run.code, 0, "show {id}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn gzipped(path: &Path, text: &[u8]) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text).unwrap();
    std::fs::write(path, gz.finish().unwrap()).unwrap();
}

/// Gigaword-like SGML, with `SRC` for the source: three documents, the
/// second without its `</DOC>` (it starts on line 19).
fn gigaword(src: &str) -> String {
    format!(
        "<DOC id=\"{src}_20030101.0001\" type=\"story\" >\n\
<HEADLINE>\n\
افتتاح مهرجان الدوحة\n\
المسرحي\n\
</HEADLINE>\n\
<DATELINE>\n\
الدوحة 1-1 (اف ب) -\n\
</DATELINE>\n\
<TEXT>\n\
<P>\n\
افتتح اليوم في الدوحة مهرجان\n\
المسرح &amp; الموسيقى.\n\
</P>\n\
<P>\n\
وقال المدير إن الدورة &quot;ناجحة&quot;.\n\
</P>\n\
</TEXT>\n\
</DOC>\n\
<DOC id=\"{src}_20030102.0002\" type=\"multi\" >\n\
<TEXT>\n\
<P>\n\
خبر لم يغلق عن الدوحة.\n\
</P>\n\
</TEXT>\n\
<DOC id=\"{src}_20030215.0003\" type=\"advis\" >\n\
<HEADLINE>\n\
تنبيه للمحررين\n\
</HEADLINE>\n\
<TEXT>\n\
<P>\n\
يعقد مؤتمر صحفي في الدوحة غدا.\n\
</P>\n\
</TEXT>\n\
</DOC>\n"
    )
}

#[test]
fn gigaword_sgml_plain_and_gzipped_gives_titles_bodies_dates_and_sources() {
    let dir = IndexDir::new();
    let plain = dir.tmp.path().join("aaw_arb_200301.sgml");
    std::fs::write(&plain, gigaword("AAW_ARB")).unwrap();
    // As LDC ships it: gzipped, one file per source and month, no
    // extension before `.gz`; known by its content.
    let packed = dir.tmp.path().join("xin_arb_200301.gz");
    gzipped(&packed, gigaword("XIN_ARB").as_bytes());
    let rejects = dir.tmp.path().join("rejects.sgml");
    let run = dir.try_index(&[
        "--rejects",
        rejects.to_str().unwrap(),
        plain.to_str().unwrap(),
        packed.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for file in [&plain, &packed] {
        let expected =
            format!("{}:19: <DOC> has no </DOC> before the next <DOC> at line 25", file.display());
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
    assert!(run.stderr.contains("4 indexed"), "{}", run.stderr);
    let kept = std::fs::read_to_string(&rejects).unwrap();
    assert!(kept.starts_with("<DOC id=\"AAW_ARB_20030102.0002\""), "{kept}");
    assert!(kept.contains("خبر لم يغلق عن الدوحة."), "{kept}");

    for src in ["AAW_ARB", "XIN_ARB"] {
        let first = article(&dir, &format!("{src}_20030101.0001"));
        assert_eq!(first["title"], "افتتاح مهرجان الدوحة المسرحي");
        assert_eq!(
            first["body"],
            "الدوحة 1-1 (اف ب) -\n\nافتتح اليوم في الدوحة مهرجان المسرح & الموسيقى.\n\n\
             وقال المدير إن الدورة \"ناجحة\"."
        );
        assert_eq!(first["date"], "2003-01-01");
        assert_eq!(first["source"], src.to_ascii_lowercase());
        assert_eq!(first["category"], "story");
        let third = article(&dir, &format!("{src}_20030215.0003"));
        assert_eq!(third["date"], "2003-02-15");
        assert_eq!(third["category"], "advis");
    }
    assert_eq!(dir.count_with("الدوحه", &["--no-collapse"]), 4);
    assert_eq!(dir.count_with("الدوحه source:xin_arb", &["--no-collapse"]), 2);
    // Mended (each document closed), the rejects index: their two articles.
    let mut mended = String::new();
    for (n, doc) in kept.split("<DOC ").filter(|d| !d.trim().is_empty()).enumerate() {
        let doc = doc.trim_end().trim_end_matches("</DOC>").trim_end();
        let closed = if doc.contains("</TEXT>") { "" } else { "\n</TEXT>" };
        mended.push_str(&format!("<DOC {doc}{closed}\n</DOC>\n"));
        assert!(n < 2, "{kept}");
    }
    std::fs::write(&rejects, mended).unwrap();
    let run = dir.try_index(&[rejects.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("2 indexed"), "{}", run.stderr);
    assert_eq!(dir.count_with("الدوحه", &["--no-collapse"]), 6);

    // --strict stops at the open document and commits nothing more.
    let strict = IndexDir::new();
    let run = strict.try_index(&["--strict", plain.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{}:19: <DOC> has no", plain.display())),
        "{}",
        run.stderr
    );
}

#[test]
fn gigaword_fields_map_to_elements_and_a_missing_text_is_named() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("g.sgml");
    let docs = format!(
        "{}<DOC id=\"AAW_ARB_20030301.0004\" type=\"story\">\n<HEADLINE>بلا نص</HEADLINE>\n</DOC>\n",
        gigaword("AAW_ARB")
    );
    std::fs::write(&file, docs).unwrap();
    let run =
        dir.try_index(&["--field", "body=TEXT", "--field", "source=type", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = format!("{}:35: missing field `TEXT`", file.display());
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    let first = article(&dir, "AAW_ARB_20030101.0001");
    // `body=TEXT`: the text alone, without the dateline.
    assert!(first["body"].as_str().unwrap().starts_with("افتتح اليوم"), "{}", first["body"]);
    assert_eq!(first["source"], "story");
}

/// Every letter Windows-1256 and ISO-8859-6 both have (ء to ي), with
/// harakat, hamza forms, tatweel and Arabic punctuation.
const LETTERS: &str = "ءآأؤإئابةتثجحخدذرزسشصضطظعغـفقكلمنهوىي، ؛ ؟ كَتَبَ";

/// A JSON Lines file whose text is `LETTERS`, encoded.
fn encoded_jsonl(encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let mut text = String::new();
    for i in 1..=5 {
        text.push_str(&format!(
            "{{\"id\":\"e{i}\",\"title\":\"الحروف {i}\",\"body\":\"{LETTERS} في الدوحة\"}}\n"
        ));
    }
    let (bytes, _, unmappable) = encoding.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn windows_1256_is_refused_with_the_flag_to_add_then_read_with_it() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("old-archive.jsonl");
    std::fs::write(&file, encoded_jsonl(encoding_rs::WINDOWS_1256)).unwrap();
    let run = dir.try_index(&[file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let first = format!(
        "{}:1: not UTF-8 (byte 20), but reads as Arabic in windows-1256: \
         index it with --encoding windows-1256",
        file.display()
    );
    assert!(run.stderr.contains(&first), "{}", run.stderr);
    // Listed three times, then once that the rest are not.
    assert_eq!(run.stderr.matches("index it with --encoding").count(), 3, "{}", run.stderr);
    assert!(run.stderr.contains("5 rejected"), "{}", run.stderr);

    let run = dir.try_index(&["--encoding", "windows-1256", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(article(&dir, "e3")["body"], format!("{LETTERS} في الدوحة"));
    assert_eq!(article(&dir, "e3")["title"], "الحروف 3");
    assert_eq!(dir.count_with("الدوحه", &["--no-collapse"]), 5);
}

#[test]
fn iso_8859_6_reads_with_its_flag_in_a_table_and_a_text_folder() {
    let dir = IndexDir::new();
    let table = dir.tmp.path().join("iso.tsv");
    let text = format!("id\ttitle\tbody\ni1\tعنوان\t{LETTERS}\n");
    std::fs::write(&table, encoding_rs::ISO_8859_6.encode(&text).0).unwrap();
    let folder = dir.tmp.path().join("texts/radio");
    std::fs::create_dir_all(&folder).unwrap();
    let article_text = format!("نشرة الأخبار\n2003-04-05\n{LETTERS}\n");
    std::fs::write(folder.join("n1.txt"), encoding_rs::ISO_8859_6.encode(&article_text).0).unwrap();
    let texts = dir.tmp.path().join("texts");
    let refused = dir.try_index(&[table.to_str().unwrap()]);
    assert!(
        refused.stderr.contains(&format!("{}:2: not UTF-8", table.display()))
            && refused.stderr.contains("--encoding iso-8859-6"),
        "{}",
        refused.stderr
    );
    let run = dir.try_index(&[
        "--encoding",
        "iso-8859-6",
        table.to_str().unwrap(),
        texts.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(article(&dir, "i1")["body"], LETTERS);
    let from_folder = article(&dir, "radio/n1");
    assert_eq!(from_folder["title"], "نشرة الأخبار");
    assert_eq!(from_folder["body"], LETTERS);
    assert_eq!(from_folder["date"], "2003-04-05");
}

#[test]
fn a_csv_quote_never_closed_is_reported_and_the_rows_before_it_kept() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("broken.csv");
    // Blank lines between rows too: c3's line is still its own.
    let csv = "id,title,body\nc1,أول,نص في الدوحة\n\n\nc2,ثان,\"نص مقتبس في الدوحة\nc3,ثالث,نص\n";
    std::fs::write(&file, csv).unwrap();
    let rejects = dir.tmp.path().join("rejects.csv");
    let run = dir.try_index(&["--rejects", rejects.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = format!(
        "{}:5: the quote opened at line 5 is never closed: lines 5–6, the rest of the file, \
         would be one field; none of them is indexed (--rejects gets them)",
        file.display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert_eq!(dir.ids("الدوحة", &[]), ["c1"]);
    // The swallowed rows are in the rejects file, to be mended.
    // The swallowed rows are in the rejects file, under the table's
    // header, to be mended and indexed again.
    let kept = std::fs::read_to_string(&rejects).unwrap();
    assert!(kept.starts_with("id,title,body\nc2,ثان,") && kept.contains("c3,ثالث,نص"), "{kept}");
    std::fs::write(&rejects, kept.replace("الدوحة\n", "الدوحة\"\n").replace("\n\"\n", "\n"))
        .unwrap();
    let run = dir.try_index(&[rejects.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.ids("الدوحة", &[]), ["c1", "c2"]);
}

#[test]
fn blank_lines_between_rows_keep_each_row_on_its_line() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("gaps.csv");
    std::fs::write(&file, "id,title,body\r\n\r\n\r\nb1,t,نص\r\n\r\n\r\n\r\nb2,t\r\nb3,t,نص\r\n")
        .unwrap();
    let run = dir.try_index(&[file.to_str().unwrap()]);
    let expected = format!("{}:8: the row has 2 fields, the header 3 columns", file.display());
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(run.stderr.contains("2 indexed"), "{}", run.stderr);
}

#[test]
fn a_byte_order_mark_on_json_lines_is_ignored() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("bom.jsonl");
    std::fs::write(&file, "\u{feff}{\"id\":\"m1\",\"title\":\"t\",\"body\":\"خبر من الدوحة\"}\n")
        .unwrap();
    dir.index(&[file.to_str().unwrap()]);
    assert_eq!(dir.ids("الدوحة", &[]), ["m1"]);
}

#[test]
fn standard_input_is_read_in_the_format_named() {
    let dir = IndexDir::new();
    let stdin = |format: &str, bytes: &[u8]| {
        let index = dir.arg();
        let mut child = fahras_cmd(&["index", "--index", &index, "--format", format, "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(bytes).unwrap();
        from_output(child.wait_with_output().unwrap())
    };
    let run = stdin("sgml", gigaword("AAW_ARB").as_bytes());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("-:19: <DOC> has no </DOC>"), "{}", run.stderr);
    let run = stdin("csv", std::fs::read(example("example.csv")).unwrap().as_slice());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.count_with("*", &["--no-collapse"]), 4);
    let run = stdin("parquet", b"");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("Parquet cannot be read from standard input"), "{}", run.stderr);
}

/// `corpus/formats/NAME`.
fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/formats").join(name);
    path.display().to_string()
}

#[test]
fn every_example_in_corpus_formats_is_read_whole() {
    let dir = IndexDir::new();
    let run = dir.try_index(&[
        &example("example.csv"),
        &example("example.tsv"),
        &example("example.sgml"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("6 indexed"), "{}", run.stderr);
    let sgml = article(&dir, "SAHIL_ARB_20240607.0001");
    assert_eq!(sgml["title"], "افتتاح معرض الكتاب في الدوحة بمشاركة ثلاثين دارا");
    assert!(sgml["body"].as_str().unwrap().starts_with("الدوحة 7-6 (الساحل) -\n\nافتتح صباح"));
    assert_eq!(sgml["source"], "sahil_arb");

    let old = example("example-windows-1256.jsonl");
    let refused = dir.try_index(&[&old]);
    assert!(refused.stderr.contains("--encoding windows-1256"), "{}", refused.stderr);
    let run = dir.try_index(&["--encoding", "windows-1256", &old]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(article(&dir, "cp-001")["title"], "أمطار غزيرة في المدن الساحلية");
    let iso = example("example-iso-8859-6.tsv");
    let run = dir.try_index(&["--encoding", "iso-8859-6", &iso]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(article(&dir, "iso-001")["title"], "موسم الحصاد في السهول");

    // The Parquet example holds the CSV example's rows, written by pyarrow.
    if cfg!(feature = "parquet") {
        let parquet = IndexDir::new();
        parquet.index(&[&example("example.parquet")]);
        for id in ["csv-001", "csv-002"] {
            let (from_csv, from_parquet) = (article(&dir, id), article(&parquet, id));
            for field in ["title", "body", "date", "source", "category"] {
                assert_eq!(from_parquet[field], from_csv[field], "{id} {field}");
            }
        }
    }
}

/// `count` JSON lines `PREFIX1`, `PREFIX2`… about Doha.
fn articles(prefix: &str, count: usize) -> String {
    (1..=count)
        .map(|i| {
            format!("{{\"id\":\"{prefix}{i}\",\"title\":\"عنوان {i}\",\"body\":\"خبر رقم {i} من الدوحة\"}}\n")
        })
        .collect()
}

/// Issue 29, item 6: one damaged compressed file lost the whole run.
#[test]
fn a_damaged_gzip_keeps_its_first_records_and_the_files_around_it() {
    let dir = IndexDir::new();
    let tmp = dir.tmp.path();
    let good = tmp.join("good.jsonl");
    std::fs::write(&good, articles("g", 3)).unwrap();
    let more = tmp.join("more.csv");
    std::fs::write(&more, "id,title,body\nm1,عنوان,خبر آخر من الدوحة\n").unwrap();
    // Truncated: half of a gzip stream of 2000 records.
    let full = tmp.join("full.jsonl.gz");
    gzipped(&full, articles("t", 2000).as_bytes());
    let bytes = std::fs::read(&full).unwrap();
    let trunc = tmp.join("trunc.jsonl.gz");
    std::fs::write(&trunc, &bytes[..bytes.len() / 2]).unwrap();
    let inputs = [good.to_str().unwrap(), trunc.to_str().unwrap(), more.to_str().unwrap()];
    let run = dir.try_index(&inputs);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let pattern = format!("{}: damaged after line ", trunc.display());
    let message = run.stderr.lines().find(|l| l.contains(&pattern)).unwrap_or_else(|| {
        panic!("no damage reported: {}", run.stderr);
    });
    assert!(message.contains("byte offset"), "{message}");
    let lines: usize =
        message.split(&pattern).nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(lines > 100 && lines < 2000, "{message}");
    assert_eq!(dir.count("الدوحة"), 3 + lines + 1, "{}", run.stderr);
    assert_eq!(article(&dir, "t1")["body"], "خبر رقم 1 من الدوحة");

    // A CRC mismatch at the end: every record is kept, the damage told.
    let dir = IndexDir::new();
    let mut bytes = std::fs::read(&full).unwrap();
    let crc = bytes.len() - 8;
    bytes[crc] ^= 0xFF;
    let crc_bad = dir.tmp.path().join("crc.jsonl.gz");
    std::fs::write(&crc_bad, &bytes).unwrap();
    let run =
        dir.try_index(&[good.to_str().unwrap(), crc_bad.to_str().unwrap(), more.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let pattern = format!("{}: damaged after line 2000 (byte offset", crc_bad.display());
    assert!(run.stderr.contains(&pattern), "{}", run.stderr);
    assert_eq!(dir.count("الدوحة"), 3 + 2000 + 1);
    // --strict still stops at it.
    let dir = IndexDir::new();
    let run = dir.try_index(&["--strict", crc_bad.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Issue 29, item 7: the mixed-encoding recipe stored broken UTF-8 lines
/// as mojibake.
#[test]
fn a_mixed_encoding_file_never_stores_mojibake() {
    let dir = IndexDir::new();
    let tmp = dir.tmp.path();
    let mut mixed = Vec::new();
    let mut expected = Vec::new();
    for i in 1..=15 {
        let body = format!("{LETTERS} خبر رقم {i} من الدوحة");
        let line = format!("{{\"id\":\"x{i}\",\"title\":\"عنوان\",\"body\":\"{body}\"}}\n");
        if i <= 9 {
            let (bytes, _, bad) = encoding_rs::WINDOWS_1256.encode(&line);
            assert!(!bad);
            mixed.extend_from_slice(&bytes);
            expected.push((format!("x{i}"), body));
        } else {
            // UTF-8 Arabic with one bad byte, in the body.
            let mut bytes = line.into_bytes();
            let at = bytes.len() / 2;
            bytes.insert(at, 0xFF);
            mixed.extend_from_slice(&bytes);
        }
    }
    let file = tmp.join("mixed.jsonl");
    std::fs::write(&file, &mixed).unwrap();
    let first = tmp.join("first.jsonl");
    let run = dir.try_index(&["--rejects", first.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("0 indexed"), "{}", run.stderr);
    // As docs/formats.md says: the rejects with the code page's flag.
    let second = tmp.join("second.jsonl");
    let run = dir.try_index(&[
        "--encoding",
        "windows-1256",
        "--rejects",
        second.to_str().unwrap(),
        first.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("9 indexed"), "{}", run.stderr);
    assert!(run.stderr.contains("broken UTF-8"), "{}", run.stderr);
    // Mended (the bad byte taken out), the rest indexes as UTF-8.
    let mended: Vec<u8> =
        std::fs::read(&second).unwrap().into_iter().filter(|&b| b != 0xFF).collect();
    std::fs::write(&second, mended).unwrap();
    let run = dir.try_index(&[second.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("6 indexed"), "{}", run.stderr);
    for (id, body) in expected {
        assert_eq!(article(&dir, &id)["body"], body.as_str());
    }
    for i in 10..=15 {
        let body = article(&dir, &format!("x{i}"))["body"].as_str().unwrap().to_string();
        assert_eq!(body, format!("{LETTERS} خبر رقم {i} من الدوحة"));
    }
}

#[cfg(feature = "parquet")]
mod parquet_files {
    use std::sync::Arc;

    use parquet::basic::Compression;
    use parquet::data_type::{ByteArray, ByteArrayType, Int32Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    use super::*;

    /// Writes a Parquet file with the `parquet` crate's writer, as a
    /// dataset exporter would: string columns, an optional date column
    /// (days since 1970), snappy pages. `None` is a null.
    fn write(path: &Path, schema: &str, strings: &[Vec<Option<&str>>], days: &[Option<i32>]) {
        let schema = Arc::new(parse_message_type(schema).unwrap());
        let properties =
            Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
        let file = std::fs::File::create(path).unwrap();
        let mut writer = SerializedFileWriter::new(file, schema, properties).unwrap();
        let mut group = writer.next_row_group().unwrap();
        for column in strings {
            let levels: Vec<i16> = column.iter().map(|v| v.is_some() as i16).collect();
            let values: Vec<ByteArray> = column.iter().flatten().map(|v| (*v).into()).collect();
            let mut out = group.next_column().unwrap().unwrap();
            out.typed::<ByteArrayType>().write_batch(&values, Some(&levels), None).unwrap();
            out.close().unwrap();
        }
        if !days.is_empty() {
            let levels: Vec<i16> = days.iter().map(|v| v.is_some() as i16).collect();
            let values: Vec<i32> = days.iter().flatten().copied().collect();
            let mut out = group.next_column().unwrap().unwrap();
            out.typed::<Int32Type>().write_batch(&values, Some(&levels), None).unwrap();
            out.close().unwrap();
        }
        group.close().unwrap();
        writer.close().unwrap();
    }

    #[test]
    fn a_parquet_file_is_read_with_its_columns_mapped_and_a_bad_record_numbered() {
        let dir = IndexDir::new();
        let file = dir.tmp.path().join("train-00000-of-00001.parquet");
        write(
            &file,
            "message article { OPTIONAL BYTE_ARRAY article_id (UTF8); \
             OPTIONAL BYTE_ARRAY headline (UTF8); OPTIONAL BYTE_ARRAY text (UTF8); \
             OPTIONAL BYTE_ARRAY source (UTF8); OPTIONAL INT32 published (DATE); }",
            &[
                vec![Some("p1"), Some("p2"), Some("p3")],
                vec![Some("قمة الدوحة"), Some("بلا نص"), None],
                vec![Some("انطلقت القمة في الدوحة اليوم"), None, Some("خبر ثالث من الدوحة")],
                vec![Some("hf-news"), None, Some("hf-news")],
            ],
            // 2024-05-01 is day 19844.
            &[Some(19844), Some(19845), None],
        );
        let rejects = dir.tmp.path().join("rejects.jsonl");
        let run = dir.try_index(&[
            "--field",
            "id=article_id",
            "--field",
            "title=headline",
            "--field",
            "body=text",
            "--field",
            "date=published",
            "--rejects",
            rejects.to_str().unwrap(),
            file.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let expected = format!("{}: record 2: field `text` is empty", file.display());
        assert!(run.stderr.contains(&expected), "{}", run.stderr);
        // Written back as a JSON line that `index` reads with the same
        // --field flags.
        let kept: serde_json::Value =
            serde_json::from_str(std::fs::read_to_string(&rejects).unwrap().trim()).unwrap();
        assert_eq!(kept["article_id"], "p2");
        assert_eq!(kept["published"], "2024-05-02");
        let first = article(&dir, "p1");
        assert_eq!(first["title"], "قمة الدوحة");
        assert_eq!(first["body"], "انطلقت القمة في الدوحة اليوم");
        assert_eq!(first["date"], "2024-05-01");
        assert_eq!(first["source"], "hf-news");
        let third = article(&dir, "p3");
        assert_eq!(third["title"], "");
        assert_eq!(third["date"], serde_json::Value::Null);
        assert_eq!(dir.ids("الدوحه", &[]), ["p1", "p3"]);
    }

    #[test]
    fn a_parquet_file_without_a_body_column_names_it_for_each_record() {
        let dir = IndexDir::new();
        let file = dir.tmp.path().join("titles.parquet");
        write(
            &file,
            "message article { OPTIONAL BYTE_ARRAY id (UTF8); OPTIONAL BYTE_ARRAY title (UTF8); }",
            &[vec![Some("t1"), Some("t2")], vec![Some("عنوان"), Some("آخر")]],
            &[],
        );
        let run = dir.try_index(&[file.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        for n in [1, 2] {
            let expected = format!("{}: record {n}: missing field `body`", file.display());
            assert!(run.stderr.contains(&expected), "{}", run.stderr);
        }
        // Not Parquet at all: reported naming the file, and the run goes on.
        let fake = dir.tmp.path().join("fake.parquet");
        std::fs::write(&fake, "id,title,body\n").unwrap();
        let run = dir.try_index(&[fake.to_str().unwrap(), &example("example.csv")]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let expected = "fake.parquet: cannot be read: not a readable Parquet file";
        assert!(run.stderr.contains(expected), "{}", run.stderr);
        assert!(run.stderr.contains("2 indexed"), "{}", run.stderr);
        // Known by its `PAR1` whatever its name; compressed, refused by name.
        let shard = dir.tmp.path().join("shard-000");
        std::fs::copy(example("example.parquet"), &shard).unwrap();
        let run = dir.try_index(&[shard.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(dir.ids("الدوحة", &[]), ["csv-001"]);
        let packed = dir.tmp.path().join("shard.parquet.gz");
        gzipped(&packed, &std::fs::read(&shard).unwrap());
        let run = dir.try_index(&[packed.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("compressed Parquet is not read"), "{}", run.stderr);
    }

    /// Issue 29, item 8: Parquet rejects had their bad bytes replaced by
    /// U+FFFD. They keep them, so the line is rejected again until mended.
    #[test]
    fn a_parquet_record_with_bad_bytes_is_kept_as_it_was_and_mends() {
        let dir = IndexDir::new();
        let file = dir.tmp.path().join("bytes.parquet");
        let schema = Arc::new(
            parse_message_type(
                "message a { REQUIRED BYTE_ARRAY id (UTF8); REQUIRED BYTE_ARRAY title (UTF8); \
                 REQUIRED BYTE_ARRAY body; }",
            )
            .unwrap(),
        );
        let mut bad = "خبر عن الدوحة".as_bytes().to_vec();
        bad.insert(4, 0xFF);
        let columns: [Vec<ByteArray>; 3] = [
            vec!["b1".into(), "b2".into()],
            vec!["عنوان".into(), "عنوان \"ثان\"".into()],
            vec!["نص سليم من الدوحة".into(), ByteArray::from(bad.clone())],
        ];
        let properties = Arc::new(WriterProperties::builder().build());
        let out = std::fs::File::create(&file).unwrap();
        let mut writer = SerializedFileWriter::new(out, schema, properties).unwrap();
        let mut group = writer.next_row_group().unwrap();
        for values in &columns {
            let mut column = group.next_column().unwrap().unwrap();
            column.typed::<ByteArrayType>().write_batch(values, None, None).unwrap();
            column.close().unwrap();
        }
        group.close().unwrap();
        writer.close().unwrap();
        let rejects = dir.tmp.path().join("rejects.jsonl");
        let run = dir.try_index(&["--rejects", rejects.to_str().unwrap(), file.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let kept = std::fs::read(&rejects).unwrap();
        let mut expected = r#"{"id":"b2","title":"عنوان \"ثان\"","body":""#.as_bytes().to_vec();
        expected.extend_from_slice(&bad);
        expected.extend_from_slice(b"\"}\n");
        assert_eq!(kept, expected, "{}", String::from_utf8_lossy(&kept));
        // As it is, it is rejected again; mended, it indexes.
        let run = dir.try_index(&[rejects.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let mended: Vec<u8> = kept.into_iter().filter(|&b| b != 0xFF).collect();
        std::fs::write(&rejects, mended).unwrap();
        let run = dir.try_index(&[rejects.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(article(&dir, "b2")["body"], "خبر عن الدوحة");
    }
}
