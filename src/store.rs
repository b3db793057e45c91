//! The on-disk layout of a Fahras index and its manifest.
//!
//! ```text
//! DIR/
//!   CURRENT          name of the live generation, replaced atomically
//!   gen-000001/      a tantivy index + fahras.json (the manifest)
//!   gen-000002.tmp/  a reindex in progress (removed if it never finishes)
//! ```
//!
//! Every switch of generation is one `rename(2)` of `CURRENT`, so a reader
//! sees the old index or the new one, never a half-built one, and a process
//! killed at any moment leaves the old index intact.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::analysis::{index_tokenizers, IndexAnalyzer};
use crate::error::{Error, Result};
use crate::readonly_dir::{Reads, TolerantDirectory};
use crate::schema;

/// Version of the on-disk layout and schema.
/// 2 added the content hash.
pub const FORMAT_VERSION: u32 = 2;
const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "fahras.json";
const GEN_PREFIX: &str = "gen-";
const TMP_SUFFIX: &str = ".tmp";

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
        }
    }

    fn settings(&self) -> String {
        format!(
            "format {}, analyzer {} v{}",
            self.format_version,
            self.analyzer.name(),
            self.analyzer_version
        )
    }
}

/// An index directory, opened.
pub struct Store {
    root: PathBuf,
    generation: String,
    /// Where this generation's files are (a `.tmp` folder until promoted).
    dir: PathBuf,
    /// The manifest of the live generation.
    pub manifest: Manifest,
    /// The live tantivy index, with the Fahras tokenizers registered.
    pub index: Index,
}

impl Store {
    /// Opens the index at `root` for searching, checking that this build can
    /// read it.
    pub fn open(root: &Path) -> Result<Store> {
        Store::open_with(root, Reads::Mapped)
    }

    /// Opens the index at `root` to add to it or merge it: files are read
    /// with `pread`, not mapped (see [`crate::pread`]).
    pub fn open_to_write(root: &Path) -> Result<Store> {
        Store::open_with(root, Reads::Pread)
    }

    fn open_with(root: &Path, reads: Reads) -> Result<Store> {
        let store = Store::open_any_with(root, reads)?;
        let current = Manifest::new(store.manifest.analyzer);
        if store.manifest.format_version != current.format_version
            || store.manifest.analyzer_version != current.analyzer_version
        {
            return Err(Error::AnalyzerMismatch {
                path: root.to_path_buf(),
                built: store.manifest.settings(),
                current: current.settings(),
            });
        }
        Ok(store)
    }

    /// Opens the index at `root` whatever analyzer version built it (for
    /// `reindex`, which rebuilds it from the stored text), to write.
    pub fn open_any(root: &Path) -> Result<Store> {
        Store::open_any_with(root, Reads::Pread)
    }

    fn open_any_with(root: &Path, reads: Reads) -> Result<Store> {
        let generation = read_current(root)?;
        let dir = root.join(&generation);
        let manifest = read_manifest(root, &dir)?;
        let directory = TolerantDirectory::open(&dir, reads)
            .map_err(|e| Error::Corrupted { path: root.to_path_buf(), reason: e.to_string() })?;
        let mut index = Index::open(directory).map_err(|e| Error::tantivy(root, e))?;
        index.set_tokenizers(index_tokenizers());
        Ok(Store { root: root.to_path_buf(), generation, dir, manifest, index })
    }

    /// Opens the index at `root`, creating an empty one when `root` does not
    /// exist or is an empty directory. Returns whether it was created.
    pub fn open_or_create(root: &Path, analyzer: IndexAnalyzer) -> Result<(Store, bool)> {
        if root.join(CURRENT).exists() {
            return Store::open_to_write(root).map(|s| (s, false));
        }
        if root.exists() {
            let entries = fs::read_dir(root).map_err(|e| Error::io(root, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| Error::io(root, e))?;
                let name = entry.file_name();
                // A generation left by a run killed before it wrote CURRENT
                // is ours to remove; anything else means this is not ours.
                if !name.to_string_lossy().starts_with(GEN_PREFIX) {
                    return Err(Error::NotAnIndex {
                        path: root.to_path_buf(),
                        reason: format!(
                            "it is not empty and has no {CURRENT} file (found {:?})",
                            name
                        ),
                    });
                }
            }
        }
        fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        remove_stale_generations(root, None)?;
        let generation = generation_name(1);
        let dir = root.join(&generation);
        let store = create_generation(root, &dir, &generation, analyzer)?;
        write_atomically(&root.join(CURRENT), generation.as_bytes())?;
        Ok((store, true))
    }

    /// The index directory as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The directory of this generation's files.
    pub fn generation_dir(&self) -> PathBuf {
        self.dir.clone()
    }

    /// Writes the manifest of the live generation.
    pub fn save_manifest(&self) -> Result<()> {
        let json = serde_json::to_vec_pretty(&self.manifest).expect("manifest serializes");
        write_atomically(&self.generation_dir().join(MANIFEST), &json)
    }

    /// Size of the live generation's files, in bytes.
    pub fn size_bytes(&self) -> u64 {
        dir_size(&self.generation_dir())
    }

    /// Creates the next generation beside the live one, as a `.tmp` folder
    /// that [`Store::switch_to`] turns live. Stale leftovers are removed first.
    pub fn create_next(&self, analyzer: IndexAnalyzer) -> Result<Store> {
        remove_stale_generations(&self.root, Some(&self.generation))?;
        let number = generation_number(&self.generation).unwrap_or(0) + 1;
        let generation = generation_name(number);
        let dir = self.root.join(format!("{generation}{TMP_SUFFIX}"));
        create_generation(&self.root, &dir, &generation, analyzer)
    }

    /// Makes `next` (from [`Store::create_next`], committed) the live
    /// generation: its folder is renamed from `.tmp`, then `CURRENT` is
    /// replaced with one atomic rename. Until that rename, `self` stays the
    /// live index; after it, new readers open `next`.
    pub fn switch_to(&self, next: Store) -> Result<()> {
        let generation = next.generation.clone();
        let tmp = self.root.join(format!("{generation}{TMP_SUFFIX}"));
        let dir = self.root.join(&generation);
        drop(next);
        fs::rename(&tmp, &dir).map_err(|e| Error::io(&tmp, e))?;
        write_atomically(&self.root.join(CURRENT), generation.as_bytes())
    }

    /// Deletes this generation's files (after [`Store::switch_to`]).
    /// Readers that still have them open keep them (POSIX unlink semantics).
    pub fn remove_files(self) -> Result<()> {
        let dir = self.generation_dir();
        drop(self);
        fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))
    }

    /// Removes generations left by runs killed before they switched
    /// `CURRENT`. Call it only while holding this generation's writer lock:
    /// a reindex holds that lock for as long as its `.tmp` generation grows.
    pub fn remove_stale(&self) -> Result<()> {
        remove_stale_generations(&self.root, Some(&self.generation))
    }

    /// Returns true if and only if this is still the live generation (a
    /// reindex may have switched it since it was opened).
    pub fn is_live(&self) -> bool {
        read_current(&self.root).is_ok_and(|g| g == self.generation)
    }
}

fn create_generation(
    root: &Path,
    dir: &Path,
    generation: &str,
    analyzer: IndexAnalyzer,
) -> Result<Store> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let schema = schema::build(analyzer.tokenizer_name());
    // A new generation is written (and merged) by this process: files are
    // read with `pread`, as by `Store::open_to_write`.
    let directory = TolerantDirectory::open(dir, Reads::Pread)
        .map_err(|e| Error::Corrupted { path: root.to_path_buf(), reason: e.to_string() })?;
    // As `Index::create_in_dir`: never over an index that is there.
    if Index::exists(&directory).map_err(|e| Error::tantivy(root, e.into()))? {
        return Err(Error::tantivy(root, tantivy::TantivyError::IndexAlreadyExists));
    }
    let mut index = Index::create(directory, schema, Default::default())
        .map_err(|e| Error::tantivy(root, e))?;
    index.set_tokenizers(index_tokenizers());
    let store = Store {
        root: root.to_path_buf(),
        generation: generation.to_string(),
        dir: dir.to_path_buf(),
        manifest: Manifest::new(analyzer),
        index,
    };
    let json = serde_json::to_vec_pretty(&store.manifest).expect("manifest serializes");
    write_atomically(&dir.join(MANIFEST), &json)?;
    Ok(store)
}

fn read_current(root: &Path) -> Result<String> {
    if !root.exists() {
        return Err(Error::NotAnIndex {
            path: root.to_path_buf(),
            reason: "no such directory; create it with `fahras index --index DIR FILE...`".into(),
        });
    }
    let path = root.join(CURRENT);
    let text = fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::NotAnIndex { path: root.to_path_buf(), reason: format!("no {CURRENT} file") }
        }
        _ => Error::io(&path, e),
    })?;
    let generation = text.trim().to_string();
    if generation_number(&generation).is_none() {
        return Err(Error::NotAnIndex {
            path: root.to_path_buf(),
            reason: format!("{CURRENT} names {generation:?}, not a generation"),
        });
    }
    Ok(generation)
}

fn read_manifest(root: &Path, dir: &Path) -> Result<Manifest> {
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

fn generation_name(number: u32) -> String {
    format!("{GEN_PREFIX}{number:06}")
}

fn generation_number(name: &str) -> Option<u32> {
    name.strip_prefix(GEN_PREFIX)?.parse().ok()
}

/// Removes every `gen-*` entry of `root` other than `keep`: leftovers of a
/// run that was killed before it switched `CURRENT`.
fn remove_stale_generations(root: &Path, keep: Option<&str>) -> Result<()> {
    let entries = fs::read_dir(root).map_err(|e| Error::io(root, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(GEN_PREFIX) && Some(name.as_ref()) != keep {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file and a rename, so the
/// file is always either the old or the new content.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("new");
    let mut file = fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
    if let Some(parent) = path.parent() {
        if let Ok(dir) = fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
