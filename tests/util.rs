//! Fixtures: run the `fahras` binary, temporary index folders, and the
//! shared corpora (skipped with a message when `../shared` is absent).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The bundled sample corpus.
pub(crate) fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/sample/fahras-sample.jsonl")
}

/// A path under `../shared/corpora`, or `None` (and a note on stderr) when
/// the shared data is not there, as on a user's fresh clone. Tests that
/// call it end their name with `_on_shared_corpora`, so that `.ci/run` can
/// count what it skips (cargo hides a passing test's stderr).
pub(crate) fn shared(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} not found (../shared is only on development machines)",
            path.display()
        );
        None
    }
}

/// The result of one run of the binary.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `fahras ARGS...`.
pub(crate) fn fahras(args: &[&str]) -> Run {
    from_output(fahras_cmd(args).output().expect("run fahras"))
}

/// Runs `fahras ARGS...` with arguments that need not be UTF-8, such as
/// file names of old archives.
pub(crate) fn fahras_os(args: &[&OsStr]) -> Run {
    from_output(fahras_cmd(args).output().expect("run fahras"))
}

/// A `fahras` command, to add stdin or spawn.
pub(crate) fn fahras_cmd<S: AsRef<OsStr>>(args: &[S]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fahras"));
    cmd.args(args).env_remove("NO_COLOR").env_remove("FAHRAS_INDEX").stdin(Stdio::null());
    cmd
}

pub(crate) fn from_output(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary folder that holds an index (removed at drop). Keep one per
/// test, never in a `static`: statics are never dropped, so the folder
/// would outlive the run.
pub(crate) struct IndexDir {
    pub tmp: tempfile::TempDir,
}

impl IndexDir {
    pub(crate) fn new() -> IndexDir {
        IndexDir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    /// The index path (inside the temporary folder, not yet created).
    pub(crate) fn path(&self) -> PathBuf {
        self.tmp.path().join("index")
    }

    pub(crate) fn arg(&self) -> String {
        self.path().display().to_string()
    }

    /// Indexes `inputs` quietly and asserts success.
    pub(crate) fn index(&self, inputs: &[&str]) -> Run {
        let index = self.arg();
        let mut args = vec!["index", "-q", "--index", &index];
        args.extend_from_slice(inputs);
        let run = fahras(&args);
        assert_eq!(run.code, 0, "index failed: {}", run.stderr);
        run
    }

    /// `fahras index --index DIR ARGS...`, whatever its exit.
    pub(crate) fn try_index(&self, args: &[&str]) -> Run {
        let index = self.arg();
        let mut all = vec!["index", "--index", &index];
        all.extend_from_slice(args);
        fahras(&all)
    }

    /// An index of the bundled sample.
    pub(crate) fn with_sample() -> IndexDir {
        let dir = IndexDir::new();
        dir.index(&[sample().to_str().unwrap()]);
        dir
    }

    /// The `hit` objects of `search --json ... QUERY` (exit 0 or 1).
    pub(crate) fn hits(&self, query: &str, extra: &[&str]) -> Vec<serde_json::Value> {
        let index = self.arg();
        let mut args = vec!["search", "--index", &index, "--json"];
        args.extend_from_slice(extra);
        args.push(query);
        let run = fahras(&args);
        assert!(
            run.code == 0 || run.code == 1,
            "search {query:?} failed ({}): {}",
            run.code,
            run.stderr
        );
        run.stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
            .filter(|v| v["type"] == "hit")
            .collect()
    }

    /// `search --json` ids for `query` (up to 100, and extra flags), sorted.
    pub(crate) fn ids(&self, query: &str, extra: &[&str]) -> Vec<String> {
        let mut args = vec!["-n", "100"];
        args.extend_from_slice(extra);
        let mut ids: Vec<String> =
            self.hits(query, &args).iter().map(|v| v["id"].as_str().unwrap().to_string()).collect();
        ids.sort();
        ids
    }

    /// The folder of the live generation.
    pub(crate) fn generation_dir(&self) -> PathBuf {
        let current = std::fs::read_to_string(self.path().join("CURRENT")).expect("CURRENT");
        self.path().join(current.trim())
    }

    /// `search --count`.
    pub(crate) fn count(&self, query: &str) -> usize {
        self.count_with(query, &[])
    }

    /// `search --count` of `query` with more flags (`--from`, …).
    pub(crate) fn count_with(&self, query: &str, extra: &[&str]) -> usize {
        let index = self.arg();
        let mut args = vec!["search", "--index", &index[..], "--count", query];
        args.extend_from_slice(extra);
        let run = fahras(&args);
        run.stdout
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("count of {query:?}: {} {}", run.stdout, run.stderr))
    }
}

/// Writes `articles` made-up articles (JSON Lines) to `path`, for tests
/// that need an index big enough to take seconds: bodies of 120 words
/// drawn from 3,000 words of random letters, one in twenty of them `قطر`,
/// so that it matches nearly every article. Deterministic (an xorshift
/// generator); written by the project, no real text in it.
#[cfg(feature = "server")]
pub(crate) fn write_generated_corpus(path: &Path, articles: usize) {
    use std::io::Write as _;
    const LETTERS: &[char] = &[
        'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
        'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let words: Vec<String> = (0..3000)
        .map(|_| {
            let letters = 3 + next(5);
            (0..letters).map(|_| LETTERS[next(LETTERS.len())]).collect()
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("corpus file"));
    for i in 0..articles {
        let mut pick = |n: usize| -> String {
            (0..n)
                .map(|_| if next(20) == 0 { "قطر" } else { words[next(words.len())].as_str() })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let record = serde_json::json!({
            "id": format!("g{i}"),
            "title": pick(6),
            "body": pick(120),
            "date": format!("{}-{:02}-{:02}", 2010 + i % 14, 1 + i % 12, 1 + i % 28),
        });
        writeln!(out, "{record}").expect("corpus written");
    }
    out.flush().expect("corpus written");
}

/// The counting archive: twelve short news sentences, written by the
/// project for the counting tests (no borrowed text), whose counts are
/// known by hand. By stem (`ومجلس`, `لمجلس`, `بمجلس` are `مجلس`):
///
/// | id  | مقاطعة | قطر | "مقاطعة قطر" | مجلس | التعاون | "مجلس التعاون" | date       | source |
/// |-----|--------|-----|--------------|------|---------|----------------|------------|--------|
/// | c01 | ✓      | ✓   | ✓            |      |         |                | 2017-06-05 | wire-a |
/// | c02 | ✓      | ✓   | ✓            |      |         |                | 2017-09-10 | wire-b |
/// | c03 |        | ✓   |              |      |         |                | 2017-07-01 | wire-a |
/// | c04 | ✓      |     |              |      |         |                | 2018-02-01 | wire-b |
/// | c05 | ✓      | ✓   |              |      |         |                | 2017-06-20 | wire-a |
/// | c06 |        |     |              | ✓    | ✓       | ✓              | 2018-05-01 | wire-b |
/// | c07 |        |     |              | ✓    | ✓       | ✓ (لمجلس)      | 2017-12-05 | wire-a |
/// | c08 |        |     |              | ✓    | ✓       |                | 2018-01-15 | wire-b |
/// | c09 |        |     |              | ✓    | ✓       |                | 2017-03-03 | wire-a |
/// | c10 |        | ✓   |              | ✓    | ✓       | ✓ (ومجلس)      | 2017-11-11 | wire-b |
/// | c11 | ✓      | ✓   | ✓            | ✓    | ✓       | ✓ (بمجلس)      | none       | wire-a |
/// | c12 |        |     |              |      |         |                | 2018-06-06 | wire-b |
pub(crate) fn write_counting_corpus(path: &Path) {
    const ARTICLES: [(&str, &str, &str, Option<&str>); 12] = [
        ("c01", "أخبار الخليج", "أعلنت الدول الأربع مقاطعة قطر في يونيو", Some("2017-06-05")),
        ("c02", "تقرير اقتصادي", "استمرت مقاطعة قطر شهورا طويلة", Some("2017-09-10")),
        ("c03", "زيارة رسمية", "زار وزير الخارجية قطر أمس", Some("2017-07-01")),
        ("c04", "دعوة برلمانية", "دعا البرلمان إلى مقاطعة البضائع المستوردة", Some("2018-02-01")),
        ("c05", "موقف رسمي", "قطر ترفض المقاطعة وتطالب بالحوار", Some("2017-06-20")),
        ("c06", "قمة خليجية", "اجتمع مجلس التعاون الخليجي في الرياض", Some("2018-05-01")),
        ("c07", "رسالة كويتية", "رسالة لمجلس التعاون من الكويت", Some("2017-12-05")),
        ("c08", "بيان برلماني", "أكد المجلس أهمية التعاون بين الدول", Some("2018-01-15")),
        ("c09", "نقاش دولي", "مجلس الأمن يناقش التعاون الدولي", Some("2017-03-03")),
        ("c10", "مباحثات", "قطر ومجلس التعاون يبحثان الأزمة", Some("2017-11-11")),
        ("c11", "تحليل", "مقاطعة قطر أضرت بمجلس التعاون", None),
        ("c12", "طقس", "الطقس حار في الرياض اليوم", Some("2018-06-06")),
    ];
    let lines: Vec<String> = ARTICLES
        .iter()
        .enumerate()
        .map(|(i, (id, title, body, date))| {
            let source = if i % 2 == 0 { "wire-a" } else { "wire-b" };
            serde_json::json!({
                "id": id, "title": title, "body": body, "date": date, "source": source,
            })
            .to_string()
        })
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("counting corpus written");
}
