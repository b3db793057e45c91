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

mod directory;
mod generation;
mod lock;
mod manifest;
mod pread;
mod reads;

use std::fs;
use std::path::{Path, PathBuf};

use tantivy::Index;

pub(crate) use self::directory::TolerantDirectory;
pub(crate) use self::generation::write_atomically;
use self::generation::{
    dir_size, generation_name, generation_number, read_current, remove_stale_generations, CURRENT,
    GEN_PREFIX, TMP_SUFFIX,
};
use self::lock::{WriterLock, LOCK};
use self::manifest::{read_manifest, MANIFEST};
pub use self::manifest::{Manifest, SourceRun, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
pub(crate) use self::reads::Reads;
use crate::analysis::{index_tokenizers, IndexAnalyzer};
use crate::error::{Error, Result};
use crate::schema;

/// An index directory, opened.
pub struct Store {
    root: PathBuf,
    generation: String,
    /// Where this generation's files are (a `.tmp` folder until promoted).
    dir: PathBuf,
    /// The manifest of the live generation.
    pub manifest: Manifest,
    /// The live tantivy index, with the Fahras tokenizers registered.
    pub(crate) index: Index,
    /// The folder's writer lock, held by stores opened to write.
    lock: Option<WriterLock>,
}

impl Store {
    /// Opens the index at `root` for searching, checking that this build can
    /// read it.
    pub fn open(root: &Path) -> Result<Store> {
        Store::open_with(root, Reads::Mapped)
    }

    /// Opens the index at `root` to add to it or merge it, holding its
    /// writer lock: files are read with `pread`, not mapped (see
    /// `PreadFile`).
    pub fn open_to_write(root: &Path) -> Result<Store> {
        let mut store = Store::open_with(root, Reads::Pread)?;
        store.lock = Some(WriterLock::take(root)?);
        Ok(store)
    }

    fn open_with(root: &Path, reads: Reads) -> Result<Store> {
        let store = Store::open_any_with(root, reads)?;
        let current = Manifest::new(store.manifest.analyzer);
        let format = store.manifest.format_version;
        if !(OLDEST_FORMAT_VERSION..=current.format_version).contains(&format)
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
        let mut store = Store::open_any_with(root, Reads::Pread)?;
        store.lock = Some(WriterLock::take(root)?);
        Ok(store)
    }

    fn open_any_with(root: &Path, reads: Reads) -> Result<Store> {
        let generation = read_current(root)?;
        let dir = root.join(&generation);
        if !dir.is_dir() {
            return Err(Error::Missing {
                path: root.to_path_buf(),
                what: format!("{generation}/, the generation {CURRENT} names,"),
            });
        }
        let mut manifest = read_manifest(root, &dir)?;
        let directory = TolerantDirectory::open(&dir, reads)
            .map_err(|e| Error::Corrupted { path: root.to_path_buf(), reason: e.to_string() })?;
        let mut index = Index::open(directory).map_err(|e| Error::tantivy(root, e))?;
        // A run killed after its commit, before writing the manifest.
        let payload = index.load_metas().ok().and_then(|m| m.payload);
        if let Some(run) = payload.and_then(|p| serde_json::from_str::<SourceRun>(&p).ok()) {
            manifest.reconcile(run);
        }
        index.set_tokenizers(index_tokenizers());
        Ok(Store { root: root.to_path_buf(), generation, dir, manifest, index, lock: None })
    }

    /// Opens the index at `root` to write, creating an empty one when
    /// `root` does not exist or is an empty directory. Returns whether it
    /// was created. The writer lock is taken before anything is created, so
    /// of two runs on a new folder one creates it and the other is told it
    /// is locked.
    pub fn open_or_create(root: &Path, analyzer: IndexAnalyzer) -> Result<(Store, bool)> {
        check_ours(root)?;
        fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        let lock = WriterLock::take(root)?;
        if root.join(CURRENT).exists() {
            let mut store = Store::open_with(root, Reads::Pread)?;
            store.lock = Some(lock);
            return Ok((store, false));
        }
        // A generation left by a run killed before it wrote CURRENT.
        remove_stale_generations(root, None)?;
        let generation = generation_name(1);
        let dir = root.join(&generation);
        let mut store = create_generation(root, &dir, &generation, analyzer)?;
        write_atomically(&root.join(CURRENT), generation.as_bytes())?;
        store.lock = Some(lock);
        Ok((store, true))
    }

    /// A store over `index`, held in memory: no folder, no lock, a new
    /// manifest. For the unit tests, which build tiny indexes with
    /// `Index::create_in_ram`; `index` has the tokenizers registered.
    #[cfg(test)]
    pub(crate) fn in_ram(index: Index, analyzer: IndexAnalyzer) -> Store {
        Store {
            root: PathBuf::from("(in memory)"),
            generation: generation_name(1),
            dir: PathBuf::new(),
            manifest: Manifest::new(analyzer),
            index,
            lock: None,
        }
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
        lock: None,
    };
    let json = serde_json::to_vec_pretty(&store.manifest).expect("manifest serializes");
    write_atomically(&dir.join(MANIFEST), &json)?;
    Ok(store)
}

/// Fails unless `root` is absent, empty, or holds only what an index
/// holds: `CURRENT` (or the `CURRENT.new` it is written through), the
/// writer lock, generations. Anything else means the
/// folder is not ours to write in.
fn check_ours(root: &Path) -> Result<()> {
    if !root.exists() || root.join(CURRENT).exists() {
        return Ok(());
    }
    let entries = fs::read_dir(root).map_err(|e| Error::io(root, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(root, e))?;
        let name = entry.file_name();
        // `CURRENT.new`: another writer, about to rename it to CURRENT.
        let ours = name == LOCK
            || name.to_str().is_some_and(|n| n.starts_with(GEN_PREFIX) || n.starts_with(CURRENT));
        if !ours {
            return Err(Error::NotAnIndex {
                path: root.to_path_buf(),
                reason: format!(
                    "it is not empty, has no {CURRENT} file and holds {}",
                    name.to_string_lossy()
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_folder_is_created_once_then_opened() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().join("news.idx");
        let (store, created) = Store::open_or_create(&root, IndexAnalyzer::Fahras).unwrap();
        assert!(created && store.is_live());
        assert_eq!(fs::read_to_string(root.join(CURRENT)).unwrap(), "gen-000001");
        assert!(root.join("gen-000001").join(MANIFEST).is_file());
        drop(store);
        let (store, created) = Store::open_or_create(&root, IndexAnalyzer::Plain).unwrap();
        // The analyzer it was built with, not the one asked for again.
        assert!(!created);
        assert_eq!(store.manifest.analyzer, IndexAnalyzer::Fahras);
        drop(store);
        assert_eq!(Store::open(&root).unwrap().manifest.analyzer, IndexAnalyzer::Fahras);
    }

    #[test]
    fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().join("news.idx");
        let (first, _) = Store::open_or_create(&root, IndexAnalyzer::Fahras).unwrap();
        assert!(matches!(Store::open_to_write(&root), Err(Error::Locked { .. })));
        // A reader needs no lock.
        assert!(Store::open(&root).is_ok());
        drop(first);
        assert!(Store::open_to_write(&root).is_ok());
    }

    #[test]
    fn a_folder_holding_other_files_is_not_made_an_index() {
        let folder = tempfile::tempdir().unwrap();
        fs::write(folder.path().join("notes.txt"), "ملاحظات").unwrap();
        let error = Store::open_or_create(folder.path(), IndexAnalyzer::Fahras).err().unwrap();
        assert!(matches!(&error, Error::NotAnIndex { reason, .. } if reason.contains("notes.txt")));
        assert!(!folder.path().join(CURRENT).exists());
        // Nor is one opened to search.
        assert!(matches!(Store::open(folder.path()), Err(Error::NotAnIndex { .. })));
    }

    #[test]
    fn the_next_generation_goes_live_in_one_switch() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().join("news.idx");
        let (store, _) = Store::open_or_create(&root, IndexAnalyzer::Fahras).unwrap();
        let next = store.create_next(IndexAnalyzer::Fahras).unwrap();
        assert!(root.join("gen-000002.tmp").is_dir());
        // Until the switch, the first generation is the live one.
        assert_eq!(Store::open(&root).unwrap().generation, "gen-000001");
        store.switch_to(next).unwrap();
        assert!(!store.is_live());
        assert_eq!(Store::open(&root).unwrap().generation, "gen-000002");
        store.remove_files().unwrap();
        assert!(!root.join("gen-000001").exists());
    }
}
