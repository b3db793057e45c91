use std::fs;
use std::io::Write;

use crate::util::{fahras, fahras_cmd, from_output, sample, shared, IndexDir};

fn line(id: &str, body: &str) -> String {
    format!(
        r#"{{"id":"{id}","title":"عنوان {id}","body":"{body}","date":"2024-01-0{}"}}"#,
        id.len() % 9 + 1
    )
}

#[test]
fn bad_records_are_reported_and_valid_ones_all_indexed() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("mixed.jsonl");
    let rejects = dir.tmp.path().join("rejects.jsonl");
    let mut f = fs::File::create(&input).unwrap();
    writeln!(f, "{}", line("a1", "نص المقال الأول")).unwrap(); // 1
    writeln!(f, "{{not json").unwrap(); // 2
    writeln!(f, "{}", line("a2", "نص المقال الثاني")).unwrap(); // 3
    writeln!(f, r#"{{"id":"a3","title":"t"}}"#).unwrap(); // 4: no body
    f.write_all(b"{\"id\":\"a4\",\"title\":\"\xff\",\"body\":\"x\"}\n").unwrap(); // 5: bad UTF-8
    writeln!(f, r#"{{"id":"a5","title":"t","body":"نص","date":"أمس"}}"#).unwrap(); // 6: undated
    writeln!(f).unwrap(); // 7: blank, skipped
    writeln!(f, r#"{{"id":"a6","title":"t","body":["x"]}}"#).unwrap(); // 8: wrong type
    writeln!(f, "{}", line("a7", "نص المقال السابع")).unwrap(); // 9
    drop(f);
    let index = dir.arg();
    let run = fahras(&[
        "index",
        "-q",
        "--index",
        &index,
        "--rejects",
        rejects.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "rejections make the status 1: {}", run.stderr);
    let path = input.display().to_string();
    for (n, reason) in [
        (2, "invalid JSON"),
        (4, "missing field `body`"),
        (5, "invalid UTF-8"),
        (6, "unreadable date \"أمس\""),
        (8, "field `body` must be a string, found an array"),
    ] {
        let expected = format!("{path}:{n}: {reason}");
        assert!(run.stderr.contains(&expected), "missing {expected:?} in:\n{}", run.stderr);
    }
    // A date that cannot be read leaves its article undated, not rejected
    // (issue 31); it is still copied to the rejects file, to mend.
    assert!(run.stderr.contains("indexed without a date"), "{}", run.stderr);
    assert!(
        run.stderr.contains("4 indexed (0 replaced), 0 unchanged, 4 rejected; 1 without a date"),
        "{}",
        run.stderr
    );
    assert_eq!(dir.ids("*", &[]), ["a1", "a2", "a5", "a7"]);
    let rejected = fs::read(&rejects).unwrap();
    assert_eq!(rejected.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(), 5);
    assert!(String::from_utf8_lossy(&rejected)
        .contains(r#"{"id":"a5","title":"t","body":"نص","date":"أمس"}"#));
}

#[test]
fn indexing_the_same_input_twice_adds_nothing_twice() {
    let dir = IndexDir::with_sample();
    assert_eq!(dir.count("*"), 50);
    let run = dir.index(&[sample().to_str().unwrap()]);
    assert!(run.stderr.contains("0 indexed (0 replaced), 50 unchanged"), "{}", run.stderr);
    assert_eq!(dir.count("*"), 50);
    // One article edited: it alone is replaced.
    let edited = dir.tmp.path().join("edited.jsonl");
    let text = fs::read_to_string(sample()).unwrap().replacen("ستون يوماً", "تسعون يوماً", 1);
    fs::write(&edited, text).unwrap();
    let run = dir.index(&[edited.to_str().unwrap()]);
    assert!(run.stderr.contains("1 indexed (1 replaced), 49 unchanged"), "{}", run.stderr);
    assert_eq!(dir.ids("تسعون", &[]), ["fx-001"]);
    assert!(dir.ids("ستون", &[]).is_empty());
    // Same id twice within one run: the later version wins.
    let input = dir.tmp.path().join("v.jsonl");
    fs::write(
        &input,
        format!("{}\n{}\n", line("fx-001", "نسخة الزنجبيل"), line("fx-001", "نسخة القرنفل")),
    )
    .unwrap();
    dir.index(&[input.to_str().unwrap()]);
    assert_eq!(dir.count("*"), 50);
    assert_eq!(dir.ids("القرنفل", &[]), ["fx-001"]);
    assert!(dir.ids("الزنجبيل", &[]).is_empty());
}

#[test]
fn compressed_inputs_stdin_and_text_folders() {
    let dir = IndexDir::new();
    let text = fs::read(sample()).unwrap();
    let (first, rest) = text.split_at(text.iter().position(|&b| b == b'\n').unwrap() + 1);
    let gz = dir.tmp.path().join("a.jsonl.gz");
    let mut enc =
        flate2::write::GzEncoder::new(fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    enc.write_all(first).unwrap();
    enc.finish().unwrap();
    let textdir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/textdir-example");
    dir.index(&[gz.to_str().unwrap(), textdir]);
    let index = dir.arg();
    let mut child = fahras_cmd(&["index", "-q", "--index", &index, "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(rest).unwrap();
    let run = from_output(child.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.count("*"), 52);
    assert_eq!(dir.ids("متنقلة", &[]), ["radio-aldar/mobile-library"]);
    let show = fahras(&["show", "--index", &index, "--json", "radio-aldar/mobile-library"]);
    let article: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
    assert_eq!(article["date"], "2024-07-01");
    assert_eq!(article["source"], "radio-aldar");
    assert_eq!(article["title"], "مكتبة متنقلة تجوب القرى");
}

#[test]
fn zstd_input() {
    let dir = IndexDir::new();
    let zst = dir.tmp.path().join("sample.jsonl.zst");
    fs::write(&zst, zstd::encode_all(&fs::read(sample()).unwrap()[..], 3).unwrap()).unwrap();
    dir.index(&[zst.to_str().unwrap()]);
    assert_eq!(dir.count("*"), 50);
}

#[test]
fn strict_mode_commits_nothing_and_leaves_no_index() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("bad.jsonl");
    fs::write(&input, format!("{}\n{{oops\n", line("a1", "نص"))).unwrap();
    let run = fahras(&["index", "-q", "--strict", "--index", &dir.arg(), input.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(":2: invalid JSON"), "{}", run.stderr);
    assert!(!dir.path().exists(), "a failed first run must not leave an index");
}

#[test]
fn missing_input_and_foreign_folder_are_one_line_errors() {
    let dir = IndexDir::new();
    let run = fahras(&["index", "--index", &dir.arg(), "/no/such/file.jsonl"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("/no/such/file.jsonl"), "{}", run.stderr);
    assert!(!dir.path().exists());
    let foreign = dir.tmp.path().join("photos");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("cat.jpg"), b"...").unwrap();
    let run = fahras(&["index", "--index", foreign.to_str().unwrap(), sample().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a Fahras index"), "{}", run.stderr);
    assert!(foreign.join("cat.jpg").exists());
    let run = fahras(&["search", "--index", foreign.to_str().unwrap(), "قطر"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a Fahras index"), "{}", run.stderr);
}

#[test]
fn reindex_rebuilds_and_a_killed_reindex_leaves_the_old_index() {
    let dir = IndexDir::with_sample();
    // A bigger archive makes the reindex last long enough to be killed in
    // the middle: the sample, 40 times, with fresh ids.
    let big = dir.tmp.path().join("big.jsonl");
    let mut out = String::new();
    for copy in 0..40 {
        for l in fs::read_to_string(sample()).unwrap().lines() {
            out.push_str(&l.replacen("\"id\": \"fx-", &format!("\"id\": \"c{copy}-fx-"), 1));
            out.push('\n');
        }
    }
    fs::write(&big, out).unwrap();
    dir.index(&[big.to_str().unwrap()]);
    let total = dir.count("*");
    assert_eq!(total, 50 * 41);
    let index = dir.arg();
    for delay_ms in [5, 40, 150] {
        let mut child = fahras_cmd(&["reindex", "--index", &index]).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(dir.count("*"), total, "after killing reindex at {delay_ms} ms");
        assert_eq!(dir.ids("مسئول", &[]), dir.ids("مسؤول", &[]));
    }
    // The next writer removes what killed runs left (a stand-in here, in
    // case no kill above landed mid-build).
    let stale = dir.path().join("gen-000099.tmp");
    fs::create_dir_all(&stale).unwrap();
    fs::write(stale.join("x.idx"), b"half-written").unwrap();
    dir.index(&[sample().to_str().unwrap()]);
    assert!(!stale.exists());
    let gens = |dir: &IndexDir| {
        fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
            .count()
    };
    assert_eq!(gens(&dir), 1);
    let run = fahras(&["reindex", "--index", &index]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.count("*"), total);
    // Only the live generation is left.
    let gens: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .collect();
    assert_eq!(gens.len(), 1);
}

#[test]
fn stats_of_the_seed_article_on_shared_corpora() {
    let Some(seed) = shared("corpora/seed/seed.jsonl") else { return };
    let dir = IndexDir::new();
    dir.index(&[seed.to_str().unwrap()]);
    let run = fahras(&["stats", "--index", &dir.arg(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["articles"], 1);
    assert_eq!(stats["first_date"], "2025-12-05");
    assert_eq!(stats["sources"]["تحيا مصر"], 1);
    assert_eq!(stats["manifest"]["analyzer"], "fahras");
    assert!(stats["size_bytes"].as_u64().unwrap() > 1000);
}

#[test]
fn sample_2000_is_indexed_whole_on_shared_corpora() {
    let Some(path) = shared("corpora/ant-multisource/sample-2000.jsonl") else { return };
    let dir = IndexDir::new();
    let run = dir.index(&[path.to_str().unwrap()]);
    assert!(
        run.stderr.contains("2000 indexed (0 replaced), 0 unchanged, 0 rejected"),
        "{}",
        run.stderr
    );
    assert_eq!(dir.count("*"), 2000);
    let run = fahras(&["stats", "--index", &dir.arg(), "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let by_source: u64 =
        stats["sources"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(by_source, 2000);
}

#[test]
fn an_index_of_other_analyzer_rules_asks_for_reindex() {
    let dir = IndexDir::with_sample();
    let manifest_path = dir.generation_dir().join("fahras.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    manifest["analyzer_version"] = 0.into();
    fs::write(&manifest_path, manifest.to_string()).unwrap();
    let run = fahras(&["search", "--index", &dir.arg(), "قطر"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("fahras v0") && run.stderr.contains("run `fahras reindex --index"),
        "{}",
        run.stderr
    );
    let run = fahras(&["reindex", "--index", &dir.arg()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.count("*"), 50);
}

/// The sample in two files, its first 20 articles and the other 25.
fn sample_halves(dir: &IndexDir) -> (String, String) {
    let lines: Vec<String> =
        fs::read_to_string(sample()).unwrap().lines().map(str::to_string).collect();
    let (first, second) = (dir.tmp.path().join("a.jsonl"), dir.tmp.path().join("b.jsonl"));
    fs::write(&first, lines[..20].join("\n")).unwrap();
    fs::write(&second, lines[20..].join("\n")).unwrap();
    (first.display().to_string(), second.display().to_string())
}

/// (segments, articles) of the index, from `stats --json`.
fn segments(dir: &IndexDir) -> (u64, u64) {
    let run = fahras(&["stats", "--index", &dir.arg(), "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    (stats["segments"].as_u64().unwrap(), stats["articles"].as_u64().unwrap())
}

#[test]
fn optimize_merges_into_one_segment_and_keeps_every_article() {
    let dir = IndexDir::new();
    let (first, second) = sample_halves(&dir);
    dir.index(&[&first]);
    dir.index(&[&second]);
    let (segments_before, articles) = segments(&dir);
    assert!(segments_before > 1, "two runs, at least two segments");
    assert_eq!(articles, 50);
    let queries = ["قطر", "الأمر التنفيذي", "\"وزارة الصحة\""];
    let before: Vec<_> = queries.iter().map(|q| dir.ids(q, &[])).collect();
    assert!(before.iter().all(|ids| !ids.is_empty()), "{before:?}");

    let run = fahras(&["optimize", "--index", &dir.arg()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let merged = format!("merged {segments_before} segments into 1");
    assert!(run.stderr.contains(&merged), "{}", run.stderr);
    assert_eq!(segments(&dir), (1, 50));
    let after: Vec<_> = queries.iter().map(|q| dir.ids(q, &[])).collect();
    assert_eq!(before, after);

    let run = fahras(&["optimize", "--index", &dir.arg()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_left_as_one_segment(&dir, &run);
}

/// The run found the index already one segment, said so, merged nothing,
/// and every article is still there.
fn assert_left_as_one_segment(dir: &IndexDir, run: &crate::util::Run) {
    assert!(
        run.stderr.contains("already one segment") && !run.stderr.contains("merged"),
        "{}",
        run.stderr
    );
    assert_eq!(segments(dir), (1, 50));
}

#[test]
fn index_can_optimize_when_done() {
    let dir = IndexDir::new();
    let (first, second) = sample_halves(&dir);
    // The second run adds its segments to the first run's, so there is
    // something to merge: the merge must run, not "already one segment".
    dir.index(&["-j", "2", &first]);
    let (segments_before, _) = segments(&dir);
    let run = dir.index(&["-j", "2", "--optimize", &second]);
    let merged = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("fahras: merged ")?.split_once(" segments into 1 in "))
        .unwrap_or_else(|| panic!("no merge reported: {}", run.stderr));
    let merged: u64 = merged.0.parse().unwrap();
    assert!(merged > segments_before, "merged {merged}; the first run alone had {segments_before}");
    assert_eq!(segments(&dir), (1, 50));
    // Nothing new to add: the index is left as it is, and says so.
    let run = dir.index(&["--optimize", &second]);
    assert_left_as_one_segment(&dir, &run);
}

/// `demo --index DIR` never wipes a folder it did not make, and a strict
/// run on a new folder keeps what `--commit-every` committed (its message
/// says so).
#[test]
fn demo_and_strict_runs_never_remove_what_they_did_not_make() {
    let dir = IndexDir::new();
    let mine = dir.tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "مسودة").unwrap();
    let run = fahras(&["demo", "--index", mine.to_str().unwrap(), "قطر"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "مسودة");
    // A strict run with commits on a new folder: the commits stay.
    let input = dir.tmp.path().join("four.jsonl");
    let good = |n: u32| format!(r#"{{"id":"a{n}","title":"t","body":"نص {n}"}}"#);
    std::fs::write(&input, format!("{}\n{}\n{}\n{{ broken\n", good(1), good(2), good(3))).unwrap();
    let index = dir.arg();
    let run = fahras(&[
        "index",
        "-q",
        "--strict",
        "--commit-every",
        "2",
        "--index",
        &index,
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the articles committed before it stay"), "{}", run.stderr);
    assert_eq!(dir.count("*"), 2);
}

/// Issue 29, item 1: `--rejects` named an input (or a link to one, or an
/// earlier rejects file) and truncated it.
#[test]
fn rejects_never_overwrite_an_input_or_an_earlier_file() {
    let dir = IndexDir::new();
    let tmp = dir.tmp.path();
    let victim = tmp.join("victim.jsonl");
    let text = format!("{}\nnot json\n", line("v1", "نص أول"));
    fs::write(&victim, &text).unwrap();
    let hard = tmp.join("hard.jsonl");
    fs::hard_link(&victim, &hard).unwrap();
    let soft = tmp.join("soft.jsonl");
    std::os::unix::fs::symlink(&victim, &soft).unwrap();
    let v = victim.to_str().unwrap();
    for target in [&victim, &hard, &soft] {
        let run = dir.try_index(&["--rejects", target.to_str().unwrap(), v]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        let refused = run.stderr.contains("it would be overwritten")
            || run.stderr.contains("is a symbolic link");
        assert!(refused, "{}", run.stderr);
        assert_eq!(fs::read_to_string(&victim).unwrap(), text);
        assert!(!dir.path().exists(), "the index was touched");
    }
    // A file inside an input folder would be read as an article next time.
    let folder = tmp.join("articles");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("a.txt"), "عنوان\nنص\n").unwrap();
    let inside = folder.join("rejects/");
    let run = dir.try_index(&["--rejects", inside.to_str().unwrap(), folder.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!dir.path().exists());

    // An existing file is kept unless the run says to add to it or replace it.
    let rejects = tmp.join("bad.jsonl");
    fs::write(&rejects, "earlier, not mended\n").unwrap();
    let r = rejects.to_str().unwrap();
    let run = dir.try_index(&["--rejects", r, v]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--rejects-append"), "{}", run.stderr);
    assert!(!dir.path().exists());
    let run = dir.try_index(&["--rejects", r, "--rejects-append", v]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&rejects).unwrap(), "earlier, not mended\nnot json\n");
    let run = dir.try_index(&["--rejects", r, "--force", v]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&rejects).unwrap(), "not json\n");
    // A run that rejects nothing leaves it as it was, and creates nothing.
    let good = tmp.join("good.jsonl");
    fs::write(&good, line("g1", "نص سليم")).unwrap();
    let run = dir.try_index(&["--rejects", r, "--force", good.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&rejects).unwrap(), "not json\n");
    let fresh = tmp.join("fresh.jsonl");
    let run = dir.try_index(&["--rejects", fresh.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!fresh.exists());
    let leftovers: Vec<_> = fs::read_dir(tmp)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Issue 29, item 8: a text folder's rejects were its bad files
/// concatenated without names. They are files, under their names, so the
/// mended folder indexes with the same ids.
#[test]
fn a_text_folders_rejects_are_its_files_and_index_again_with_their_ids() {
    let dir = IndexDir::new();
    let tmp = dir.tmp.path();
    let folder = tmp.join("archive");
    fs::create_dir_all(folder.join("wam")).unwrap();
    fs::write(folder.join("wam/good.txt"), "عنوان سليم\nنص سليم في الدوحة\n").unwrap();
    let broken = b"\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\n\xd9\x86\xd8\xb5 \xff\xd9\x81\xd9\x8a \xd8\xa7\xd9\x84\xd8\xaf\xd9\x88\xd8\xad\xd8\xa9\n";
    fs::write(folder.join("wam/broken.txt"), broken).unwrap();
    fs::write(folder.join("empty.txt"), "عنوان فقط\n").unwrap();
    let f = folder.to_str().unwrap();
    // A file cannot hold them with their names: a folder is asked for.
    let file = tmp.join("rejects.txt");
    let run = dir.try_index(&["--rejects", file.to_str().unwrap(), f]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("give a folder"), "{}", run.stderr);
    let rejects = format!("{}/", tmp.join("rejects").display());
    let run = dir.try_index(&["--rejects", &rejects, f]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let kept = tmp.join("rejects");
    assert_eq!(fs::read(kept.join("wam/broken.txt")).unwrap(), broken);
    assert_eq!(fs::read_to_string(kept.join("empty.txt")).unwrap(), "عنوان فقط\n");
    // Mended, the folder indexes under the same ids.
    let mended: Vec<u8> = broken.iter().copied().filter(|&b| b != 0xff).collect();
    fs::write(kept.join("wam/broken.txt"), mended).unwrap();
    fs::write(kept.join("empty.txt"), "عنوان فقط\nونص أضيف في الدوحة\n").unwrap();
    dir.index(&[kept.to_str().unwrap()]);
    assert_eq!(dir.ids("الدوحة", &["--no-collapse"]), ["empty", "wam/broken", "wam/good"]);
}

/// Issue 29, item 12: a 30-digit JSON number as id was rejected.
#[test]
fn an_integer_id_of_any_length_is_kept_as_written() {
    let dir = IndexDir::new();
    let file = dir.tmp.path().join("long.jsonl");
    let id = "123456789012345678901234567890";
    fs::write(&file, format!(r#"{{"id":{id},"title":"عنوان","body":"نص في الدوحة"}}"#)).unwrap();
    dir.index(&[file.to_str().unwrap()]);
    assert_eq!(dir.ids("الدوحة", &[]), [id]);
}

// From the trial of issue 29: `--rejects` with --force replaced a device
// node by a file, and a pipe (`>(gzip)`) or a link pointing into an input
// folder failed only after the whole run. They are refused before it.
#[test]
fn rejects_to_a_pipe_a_device_or_a_link_are_refused_before_the_run() {
    let dir = IndexDir::new();
    let tmp = dir.tmp.path();
    let input = tmp.join("in.jsonl");
    fs::write(&input, format!("{}\nnot json\n", line("i1", "نص"))).unwrap();
    let fifo = tmp.join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let device = tmp.join("null");
    let mknod = std::process::Command::new("mknod").arg(&device).args(["c", "1", "3"]).status();
    let link = tmp.join("link.jsonl");
    std::os::unix::fs::symlink(tmp.join("elsewhere.jsonl"), &link).unwrap();
    // Also as a folder of rejects (`link/`), the trial's broken link case.
    let link_folder = std::path::PathBuf::from(format!("{}/", link.display()));
    let mut targets = vec![(link.clone(), "symbolic link"), (link_folder, "symbolic link")];
    if made {
        targets.push((fifo, "a pipe"));
    }
    if mknod.is_ok_and(|s| s.success()) {
        targets.push((device.clone(), "a device"));
    }
    for (target, what) in &targets {
        for extra in [&[][..], &["--force"][..], &["--rejects-append"][..]] {
            let mut args = vec!["-q", "--rejects", target.to_str().unwrap()];
            args.extend_from_slice(extra);
            args.push(input.to_str().unwrap());
            let run = dir.try_index(&args);
            assert_eq!(run.code, 2, "{target:?} {extra:?}: {}", run.stderr);
            assert!(run.stderr.contains(what), "{}", run.stderr);
            assert!(!dir.path().exists(), "the index was touched");
        }
    }
    if device.exists() {
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&device).unwrap().file_type().is_char_device());
    }
    assert!(!tmp.join("elsewhere.jsonl").exists());
}
