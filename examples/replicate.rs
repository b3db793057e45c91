//! Builds a larger test archive from real JSON Lines, for growth benchmarks.
//!
//! `cargo run --release --example replicate -- COPIES [LIMIT] < in.jsonl > out.jsonl`
//!
//! Writes every input record COPIES times (stopping after LIMIT records).
//! Copy 0 is the record as it was; copy k > 0 is clearly labelled as
//! replicated: its id gets the suffix `~rK` and the record gets a
//! `"replica": K` key (which `fahras index` ignores). Texts are unchanged, so
//! the vocabulary does not grow as a real archive's would: query costs on
//! such an archive are an upper bound for posting-list length and a lower
//! bound for term-dictionary size.

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let copies: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or_else(|| {
        eprintln!("usage: replicate COPIES [LIMIT] < in.jsonl > out.jsonl");
        std::process::exit(2)
    });
    let limit: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(usize::MAX);
    let lines: Vec<String> = io::stdin().lock().lines().collect::<io::Result<_>>()?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut written = 0;
    'copies: for copy in 0..copies {
        for line in &lines {
            if written == limit {
                break 'copies;
            }
            let mut record: serde_json::Map<String, serde_json::Value> =
                match serde_json::from_str(line) {
                    Ok(r) => r,
                    Err(_) => continue,
                };
            if copy > 0 {
                let id = match record.get("id") {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                    None => continue,
                };
                record.insert("id".into(), format!("{id}~r{copy}").into());
                record.insert("replica".into(), copy.into());
            }
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    out.flush()
}
