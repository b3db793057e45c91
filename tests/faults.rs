//! Faults: killed writers, two writers, damaged files, hostile queries.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use crate::util::{fahras, fahras_cmd, from_output, sample, IndexDir};

/// The sample `copies` times with fresh ids, as one JSONL file; returns its
/// path and the set of ids.
fn replicated(dir: &IndexDir, copies: usize) -> (String, BTreeSet<String>) {
    let path = dir.tmp.path().join(format!("x{copies}.jsonl"));
    let mut out = String::new();
    let mut ids = BTreeSet::new();
    for copy in 0..copies {
        for line in fs::read_to_string(sample()).unwrap().lines() {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = format!("k{copy}-{}", v["id"].as_str().unwrap());
            v["id"] = id.clone().into();
            ids.insert(id);
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    fs::write(&path, out).unwrap();
    (path.display().to_string(), ids)
}

fn all_ids(dir: &IndexDir) -> Vec<String> {
    let hits = dir.hits("*", &["-n", "100000", "--snippet-chars", "0"]);
    hits.iter().map(|v| v["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_killed_indexer_loses_at_most_one_batch_and_a_rerun_completes_it() {
    let dir = IndexDir::new();
    let (input, ids) = replicated(&dir, 30);
    let index = dir.arg();
    let args = ["index", "-q", "--commit-every", "150", "--index", &index, &input];
    for delay_ms in [30, 120, 300, 700] {
        let mut child = fahras_cmd(&args).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        if dir.path().join("CURRENT").exists() {
            // The index opens and holds whole commits only.
            let n = dir.count("*");
            assert!(
                n.is_multiple_of(150) || n == ids.len(),
                "{n} articles after a kill at {delay_ms} ms"
            );
        }
    }
    let run = fahras(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = all_ids(&dir);
    assert_eq!(found.len(), ids.len(), "no duplicates, nothing missing");
    assert_eq!(found.into_iter().collect::<BTreeSet<_>>(), ids);
}

#[test]
fn a_second_writer_gets_a_clear_lock_error() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    // The first writer waits on standard input, holding the lock.
    let mut first =
        fahras_cmd(&["index", "-q", "--index", &index, "-"]).stdin(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let second = fahras(&["index", "-q", "--index", &index, sample().to_str().unwrap()]);
    assert_eq!(second.code, 2);
    assert!(second.stderr.contains("index is locked by another writer"), "{}", second.stderr);
    // Searches still work while it writes.
    assert_eq!(dir.count("*"), 45);
    let line =
        fs::read_to_string(sample()).unwrap().lines().next().unwrap().replace("fx-001", "new-1");
    first.stdin.as_mut().unwrap().write_all(format!("{line}\n").as_bytes()).unwrap();
    drop(first.stdin.take());
    let run = from_output(first.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.count("*"), 46);
}

#[test]
fn a_damaged_index_is_a_one_line_error_naming_it() {
    let dir = IndexDir::with_sample();
    let gen_dir = dir.generation_dir();
    // Truncate every segment file to half its size.
    for entry in fs::read_dir(&gen_dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".idx") || name.ends_with(".term") || name.ends_with(".store") {
            let len = entry.metadata().unwrap().len();
            fs::OpenOptions::new()
                .write(true)
                .open(entry.path())
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }
    }
    let run = fahras(&["search", "--index", &dir.arg(), "قطر"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(&dir.arg()), "{}", run.stderr);
    // A damaged manifest too.
    fs::write(gen_dir.join("fahras.json"), b"{ not json").unwrap();
    let run = fahras(&["search", "--index", &dir.arg(), "قطر"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("index is damaged") && run.stderr.contains("reindex"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_queries_get_results_never_an_error() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    let long = "قطر ".repeat(10_000);
    let queries = [
        "",
        " ",
        "\"",
        "((((",
        "))",
        "AND",
        "OR OR",
        "NOT",
        "-",
        "+",
        "*",
        "**",
        "=",
        "=*",
        "title:",
        ":",
        "date:[",
        "date:[x TO y]",
        "\u{064E}\u{064E}",
        "،؛؟",
        "title:مكتب* AND -=الكتاب",
        "\"الأمر التنفيذي\"~",
        "\"\"~99999",
        "^2",
        "قطر^",
        "🙂",
        "ﷺ",
        &long,
    ];
    for q in queries {
        let run = fahras(&["search", "--index", &index, "-n", "3", q]);
        assert!(
            matches!(run.code, 0 | 1),
            "query {:?}: status {} stderr {}",
            q.chars().take(40).collect::<String>(),
            run.code,
            run.stderr
        );
    }
}

#[test]
fn an_overlong_line_is_reported_and_its_neighbours_kept() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("long.jsonl");
    let big = format!(r#"{{"id":"big","title":"t","body":"{}"}}"#, "ب".repeat(600_000));
    let lines = [
        r#"{"id":"a","title":"t","body":"قبل"}"#.to_string(),
        big,
        r#"{"id":"b","title":"t","body":"بعد"}"#.to_string(),
    ];
    let big_len = lines[1].len();
    fs::write(&input, lines.join("\n")).unwrap();
    let run = fahras(&[
        "index",
        "-q",
        "--max-line-bytes",
        "100000",
        "--index",
        &dir.arg(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    let expected = format!(":2: line is {big_len} bytes, over the limit of 100000");
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert_eq!(dir.count("*"), 2);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any string, NUL bytes and unpaired marks included, is a query that
    /// runs: query text is never an error.
    #[test]
    fn any_query_string_runs(query in "(\\PC|[\"()*=:+\\-~^\\[\\]{}\\x00 ]|AND|OR|NOT|title:|date:){0,30}") {
        let engine = engine();
        let request = fahras::searcher::SearchRequest {
            query,
            options: Default::default(),
            limit: 5,
            offset: 0,
            sort: Default::default(),
            snippet_chars: 80,
        };
        match engine.search(&request) {
            Ok(results) => proptest::prop_assert!(results.hits.len() <= 5 && results.hits.len() <= results.total),
            Err(error) => proptest::prop_assert!(false, "{error}"),
        }
    }
}

fn engine() -> &'static fahras::searcher::Engine {
    use std::sync::OnceLock;
    static DIR: OnceLock<IndexDir> = OnceLock::new();
    static ENGINE: OnceLock<fahras::searcher::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = DIR.get_or_init(IndexDir::with_sample);
        fahras::searcher::Engine::open(&dir.path()).unwrap()
    })
}

/// A small tmpfs, unmounted on drop. `None` (and a note) where mounting is
/// not allowed.
struct TinyDisk(std::path::PathBuf);

impl TinyDisk {
    fn mount(dir: &IndexDir, size: &str) -> Option<TinyDisk> {
        let path = dir.tmp.path().join("tiny");
        fs::create_dir_all(&path).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(TinyDisk(path))
    }

    fn remount(&self, mode: &str) {
        let status = std::process::Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_index_is_searchable_and_a_full_disk_keeps_what_was_committed() {
    let dir = IndexDir::new();
    let Some(disk) = TinyDisk::mount(&dir, "1m") else { return };
    let index = disk.0.join("index").display().to_string();
    let sample = sample();
    assert_eq!(fahras(&["index", "-q", "--index", &index, sample.to_str().unwrap()]).code, 0);
    disk.remount("ro");
    let run = fahras(&["search", "--index", &index, "--count", "*"]);
    assert_eq!((run.code, run.stdout.trim()), (0, "45"), "{}", run.stderr);
    let run = fahras(&["index", "-q", "--index", &index, sample.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot write to the index")
            && run.stderr.contains("searching it still works"),
        "{}",
        run.stderr
    );
    disk.remount("rw");
    // More than the disk holds.
    let (big, _) = replicated(&dir, 300);
    let run = fahras(&["index", "-q", "--index", &index, &big]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("the articles committed before are intact"), "{}", run.stderr);
    let run = fahras(&["search", "--index", &index, "--count", "*"]);
    assert_eq!((run.code, run.stdout.trim()), (0, "45"), "{}", run.stderr);
}
