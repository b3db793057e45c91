//! The manifest: what an index records about itself (`fahras.json` in each
//! generation): format, analyzer and its version, and every ingest run.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::IndexAnalyzer;
use crate::error::{Error, Result};
use crate::spelling::house::Spelling;

/// The manifest's file name in a generation folder.
pub(super) const MANIFEST: &str = "fahras.json";

/// Version of the on-disk layout and schema.
/// 2 added the content hash; 3 the stories (near-duplicate groups); 4 the
/// shingle samples that group cut copies.
pub const FORMAT_VERSION: u32 = 4;
/// The oldest format this build reads and adds to: a format-3 index lacks
/// only the samples, so its copies are grouped as format 3 grouped them
/// until `reindex` or `dedupe` rebuilds it.
pub const OLDEST_FORMAT_VERSION: u32 = 3;

/// What the index records about itself.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// [`FORMAT_VERSION`] at build time.
    pub format_version: u32,
    /// The analyzer of title and body.
    pub analyzer: IndexAnalyzer,
    /// [`fahras_analyzers::ANALYZER_VERSION`] at build time.
    pub analyzer_version: u32,
    /// Every ingest run, in order.
    #[serde(default)]
    pub sources: Vec<SourceRun>,
    /// Foreign names the archive spells two ways by outlet, found when the
    /// last run ended (see `crate::spelling::house`).
    #[serde(default)]
    pub house_spellings: Vec<Spelling>,
}

/// One `fahras index` (or `reindex`) run.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SourceRun {
    /// The inputs as given (`-` for standard input).
    pub inputs: Vec<String>,
    /// Records added or replaced.
    pub indexed: u64,
    /// Records rejected.
    pub rejected: u64,
    /// When the run committed (RFC 3339, UTC).
    pub at: String,
}

impl Manifest {
    /// A manifest for a new index built with `analyzer` by this build.
    pub fn new(analyzer: IndexAnalyzer) -> Manifest {
        Manifest {
            format_version: FORMAT_VERSION,
            analyzer,
            analyzer_version: fahras_analyzers::ANALYZER_VERSION,
            sources: Vec::new(),
            house_spellings: Vec::new(),
        }
    }

    /// Adds `run` to the history unless it is there: a run's entry is
    /// also its last commit's payload, so one killed between that commit
    /// and the manifest's write is recorded when the index is next opened.
    pub fn reconcile(&mut self, run: SourceRun) {
        if !self.sources.contains(&run) {
            self.sources.push(run);
        }
    }

    /// The settings that must match this build's, in words.
    pub(super) fn settings(&self) -> String {
        format!(
            "format {}, analyzer {} v{}",
            self.format_version,
            self.analyzer.name(),
            self.analyzer_version
        )
    }
}

/// Reads the manifest of the generation in `dir` (of the index at `root`).
pub(super) fn read_manifest(root: &Path, dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    let bytes = fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotAnIndex {
            path: root.to_path_buf(),
            reason: format!("{} is missing", path.display()),
        },
        _ => Error::io(&path, e),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Corrupted {
        path: root.to_path_buf(),
        reason: format!("{}: {e}", path.display()),
    })
}
