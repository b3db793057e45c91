//! `fahras._fahras.index_files`: `fahras index` for Python. The records a
//! notebook indexes from a list or a DataFrame come here as a JSON Lines
//! file the package writes, so they are read, checked and reported by the
//! same code as the command line's inputs.

use std::collections::HashMap;
use std::path::PathBuf;

use pyo3::prelude::*;
use serde_json::{json, Value};

use fahras::analysis::IndexAnalyzer;
use fahras::indexer::{self, rejects, IndexOptions, Observer, RejectsMode};
use fahras::ingest::{DateFormat, Encoding, FieldMap, IngestError, Input};
use fahras::searcher::Engine;
use fahras::store::Store;

use crate::convert::to_python;
use crate::errors::{indexing_err, invalid};

/// Gathers what the run reports: each rejected record, and each record
/// indexed without a date because its date could not be read.
#[derive(Default)]
struct Gathered {
    rejected: Vec<Value>,
    undated: Vec<Value>,
}

/// A problem as the package shows it: the file, the line (or record)
/// number, the reason alone, and the whole message as `fahras index`
/// prints it.
fn problem(error: &IngestError) -> Value {
    json!({
        "file": error.path.display().to_string(),
        "line": error.line,
        "unit": match error.unit {
            fahras::ingest::Unit::Line => "line",
            fahras::ingest::Unit::Record => "record",
        },
        "reason": error.kind.to_string(),
        "message": error.to_string(),
    })
}

impl Observer for Gathered {
    fn rejected(&mut self, error: &IngestError) {
        self.rejected.push(problem(error));
    }

    fn undated(&mut self, error: &IngestError) {
        self.undated.push(problem(error));
    }
}

/// Indexes `inputs` (files or folders, named as `fahras index` takes them)
/// into the index at `path`, creating it when needed; answers with the
/// run's summary and its problems.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub(crate) fn index_files<'py>(
    py: Python<'py>,
    path: PathBuf,
    inputs: Vec<PathBuf>,
    fields: HashMap<String, String>,
    date_format: &str,
    encoding: &str,
    strict: bool,
    rejects: Option<PathBuf>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    if inputs.is_empty() {
        return Err(invalid(py, "index: give at least one input"));
    }
    let mut map = FieldMap::default();
    let mut named: Vec<_> = fields.iter().collect();
    named.sort();
    for (field, key) in named {
        map.map(field, key)
            .map_err(|e| invalid(py, format!("fields={{\"{field}\": \"{key}\"}}: {e}")))?;
    }
    let dates: DateFormat = date_format
        .parse()
        .map_err(|e| invalid(py, format!("date_format=\"{date_format}\": {e}")))?;
    let encoding = match encoding.trim().to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Encoding::Utf8,
        "windows-1256" | "cp1256" => Encoding::Windows1256,
        "iso-8859-6" => Encoding::Iso8859_6,
        other => {
            return Err(invalid(
                py,
                format!(
                    "encoding=\"{other}\": expected \"utf-8\", \"windows-1256\" or \"iso-8859-6\""
                ),
            ))
        }
    };
    let options = IndexOptions {
        threads: threads.unwrap_or_else(indexer::default_threads).max(1),
        strict,
        encoding,
        fields: map,
        dates,
        rejects,
        rejects_mode: RejectsMode::New,
        ..IndexOptions::default()
    };
    let (summary, gathered, created) = py
        .detach(|| -> fahras::Result<_> {
            // Every input is checked before the index is touched.
            let inputs = inputs.iter().map(Input::from_arg).collect::<fahras::Result<Vec<_>>>()?;
            for input in &inputs {
                input.check_encoding(encoding)?;
            }
            if let Some(target) = &options.rejects {
                rejects::check(target, options.rejects_mode, &inputs)?;
            }
            let (mut store, created) = Store::open_or_create(&path, IndexAnalyzer::Fahras)?;
            let mut gathered = Gathered::default();
            match indexer::index_inputs(&mut store, &inputs, &options, &mut gathered) {
                Ok(summary) => Ok((summary, gathered, created)),
                Err(error) => {
                    drop(store);
                    // A new index that committed nothing is removed, as
                    // `fahras index` removes it.
                    let empty = Engine::open(&path).is_ok_and(|e| e.articles() == 0);
                    if created && empty {
                        let _ = std::fs::remove_dir_all(&path);
                    }
                    Err(error)
                }
            }
        })
        .map_err(|e| indexing_err(py, e))?;
    let answer = json!({
        "created": created,
        "indexed": summary.indexed,
        "replaced": summary.replaced,
        "unchanged": summary.unchanged,
        "rejected": summary.rejected,
        "undated": summary.undated,
        "bytes": summary.bytes,
        "seconds": summary.elapsed.as_secs_f64(),
        "rejects": gathered.rejected,
        "undated_records": gathered.undated,
    });
    to_python(py, &answer)
}
