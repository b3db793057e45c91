//! Generations: the folders of one index and the `CURRENT` file that names
//! the live one.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// The file naming the live generation.
pub(super) const CURRENT: &str = "CURRENT";
/// How generation folders start.
pub(super) const GEN_PREFIX: &str = "gen-";
/// The suffix of a generation being built.
pub(super) const TMP_SUFFIX: &str = ".tmp";

/// Reads the name of the live generation of the index at `root`.
pub(super) fn read_current(root: &Path) -> Result<String> {
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
            reason: format!("{CURRENT} names \"{generation}\", not a generation"),
        });
    }
    Ok(generation)
}

/// The folder name of generation `number`.
pub(super) fn generation_name(number: u32) -> String {
    format!("{GEN_PREFIX}{number:06}")
}

/// The number of a generation folder name.
pub(super) fn generation_number(name: &str) -> Option<u32> {
    name.strip_prefix(GEN_PREFIX)?.parse().ok()
}

/// Removes every `gen-*` entry of `root` other than `keep`: leftovers of a
/// run that was killed before it switched `CURRENT`.
pub(super) fn remove_stale_generations(root: &Path, keep: Option<&str>) -> Result<()> {
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
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
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

/// The size of a folder's files, in bytes.
pub(super) fn dir_size(dir: &Path) -> u64 {
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
