//! Load on `fahras serve`: a query log replayed against `/api/search`
//! (ten hits with their snippets, the page's request) by concurrent
//! keep-alive clients for a fixed time, on loopback. Reports throughput,
//! latency percentiles, errors, and the server's resident memory over the
//! run (peak RSS after the first 5 s and at the end).
//!
//! ```sh
//! cargo bench --bench serve_load -- --index DIR \
//!     [--queries ../shared/eval/querylog-ar/queries.txt] [--lines 2000] \
//!     [--clients 16] [--seconds 30] [--workers N] [--param collapse=false] \
//!     [--fahras OTHER-BUILD]
//! ```
//!
//! Without `--index` it indexes the bundled sample into a temporary folder
//! and says so: a smoke run, not a figure to quote. The clients share the
//! machine with the server, so on 2 cores they take part of its CPU.
// criterion's macros make functions without doc comments.
#![allow(missing_docs)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Options {
    index: Option<PathBuf>,
    queries: PathBuf,
    lines: usize,
    clients: usize,
    seconds: u64,
    workers: Option<String>,
    /// Another build of `fahras` to serve (for A/B runs).
    program: PathBuf,
    /// Extra query parameters of every search (`collapse=false`).
    params: Vec<(String, String)>,
}

fn options() -> Options {
    let mut o = Options {
        index: None,
        queries: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/eval/querylog-ar/queries.txt"),
        lines: 2000,
        clients: 16,
        seconds: 30,
        workers: None,
        program: PathBuf::from(env!("CARGO_BIN_EXE_fahras")),
        params: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--index" => o.index = Some(value().into()),
            "--queries" => o.queries = value().into(),
            "--lines" => o.lines = value().parse().expect("--lines N"),
            "--clients" => o.clients = value().parse().expect("--clients N"),
            "--seconds" => o.seconds = value().parse().expect("--seconds N"),
            "--workers" => o.workers = Some(value()),
            "--fahras" => o.program = value().into(),
            "--param" => {
                let pair = value();
                let (k, v) = pair.split_once('=').expect("--param NAME=VALUE");
                o.params.push((k.to_string(), v.to_string()));
            }
            // What `cargo bench` passes to every bench binary.
            "--bench" => {}
            other => panic!("unknown argument {other}; see the top of benches/serve_load.rs"),
        }
    }
    o
}

/// The server under load, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(program: &Path, index: &Path, workers: Option<&str>) -> Server {
    let mut command = Command::new(program);
    command.args(["serve", "--addr", "127.0.0.1:0", "--index"]).arg(index);
    if let Some(workers) = workers {
        command.args(["--workers", workers]);
    }
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = fahras::server::address_in(&line)
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, base }
}

/// `VmRSS` and `VmHWM` of `pid`, in KiB.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// What one client saw.
#[derive(Default)]
struct Tally {
    micros: Vec<u32>,
    errors: usize,
    first_error: Option<String>,
    empty: usize,
}

fn client(
    base: &str,
    queries: &[String],
    params: &[(String, String)],
    start: usize,
    stop: &AtomicBool,
) -> Tally {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let url = format!("{base}/api/search");
    let mut tally = Tally::default();
    let mut i = start;
    while !stop.load(Ordering::Relaxed) {
        let q = &queries[i % queries.len()];
        i += 1;
        let began = Instant::now();
        let mut request = agent.get(&url).query("q", q).query("limit", "10");
        for (k, v) in params {
            request = request.query(k, v);
        }
        let answer = request.call();
        let outcome = answer.map_err(|e| e.to_string()).and_then(|mut response| {
            let status = response.status().as_u16();
            let body = response.body_mut().read_to_string().map_err(|e| e.to_string())?;
            if status == 200 {
                Ok(body)
            } else {
                Err(format!("{status} for {q:?}: {body}"))
            }
        });
        let elapsed = began.elapsed();
        match outcome {
            Ok(body) => {
                tally.micros.push(elapsed.as_micros().min(u32::MAX as u128) as u32);
                if body.contains("\"total\":0,") {
                    tally.empty += 1;
                }
            }
            Err(e) => {
                tally.errors += 1;
                tally.first_error.get_or_insert(e);
            }
        }
    }
    tally
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize - 1;
    sorted[rank.min(sorted.len() - 1)] as f64 / 1000.0
}

fn main() {
    let o = options();
    let scratch = tempfile::tempdir().unwrap();
    let index = match &o.index {
        Some(index) => index.clone(),
        None => {
            eprintln!("note: no --index; indexing the bundled sample (a smoke run, not a figure)");
            let index = scratch.path().join("sample.idx");
            let sample =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/sample/fahras-sample.jsonl");
            let status = Command::new(env!("CARGO_BIN_EXE_fahras"))
                .args(["index", "--quiet", "--index"])
                .arg(&index)
                .arg(&sample)
                .status()
                .unwrap();
            assert!(status.success());
            index
        }
    };
    let text = std::fs::read_to_string(&o.queries)
        .unwrap_or_else(|e| panic!("{}: {e} (give --queries FILE)", o.queries.display()));
    let queries: Vec<String> = text
        .lines()
        .take(o.lines)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    assert!(!queries.is_empty(), "{}: no queries", o.queries.display());

    let server = start(&o.program, &index, o.workers.as_deref());
    let pid = server.child.id();
    let (rss_start, _) = memory(pid);
    let stop = Arc::new(AtomicBool::new(false));
    let samples = Arc::new(Mutex::new(Vec::new()));
    let sampler = {
        let (stop, samples) = (stop.clone(), samples.clone());
        std::thread::spawn(move || {
            let began = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(250));
                let (rss, hwm) = memory(pid);
                samples.lock().unwrap().push((began.elapsed().as_secs_f64(), rss, hwm));
            }
        })
    };
    let began = Instant::now();
    let queries = Arc::new(queries);
    let workers: Vec<_> = (0..o.clients)
        .map(|c| {
            let (base, queries, stop) = (server.base.clone(), queries.clone(), stop.clone());
            let params = o.params.clone();
            let start = c * queries.len() / o.clients;
            std::thread::spawn(move || client(&base, &queries, &params, start, &stop))
        })
        .collect();
    std::thread::sleep(Duration::from_secs(o.seconds));
    stop.store(true, Ordering::Relaxed);
    let tallies: Vec<Tally> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    let elapsed = began.elapsed().as_secs_f64();
    sampler.join().unwrap();
    let (rss_end, hwm_end) = memory(pid);

    let mut micros: Vec<u32> = tallies.iter().flat_map(|t| t.micros.iter().copied()).collect();
    micros.sort_unstable();
    let errors: usize = tallies.iter().map(|t| t.errors).sum();
    let empty: usize = tallies.iter().map(|t| t.empty).sum();
    let samples = samples.lock().unwrap();
    let hwm_at_5 = samples.iter().find(|s| s.0 >= 5.0).map_or(0, |s| s.2);
    let mib = |kib: u64| kib as f64 / 1024.0;

    println!("fahras serve under load: {}", index.display());
    println!(
        "  {} clients, {:.1} s, {} queries (the first {} lines of {})",
        o.clients,
        elapsed,
        queries.len(),
        o.lines,
        o.queries.display()
    );
    println!(
        "  answered {} ({:.0}/s), errors {}, with no hit {}",
        micros.len(),
        micros.len() as f64 / elapsed,
        errors,
        empty
    );
    println!(
        "  latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(&micros, 50.0),
        percentile(&micros, 90.0),
        percentile(&micros, 99.0),
        percentile(&micros, 100.0)
    );
    println!(
        "  server memory MiB: RSS at start {:.1}; peak RSS after 5 s {:.1}, at the end {:.1} \
         ({:+.1}%); RSS at the end {:.1}",
        mib(rss_start),
        mib(hwm_at_5),
        mib(hwm_end),
        (hwm_end as f64 / hwm_at_5.max(1) as f64 - 1.0) * 100.0,
        mib(rss_end)
    );
    if let Some(e) = tallies.iter().find_map(|t| t.first_error.as_ref()) {
        println!("  first error: {e}");
    }
}
