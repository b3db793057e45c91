//! An index that follows its folder: the engine a long-running process (a
//! server) searches with, reopened when the index changes under it.
//!
//! Before each use the folder is looked at with three `stat(2)` calls
//! (about a microsecond each): the `CURRENT` file, which a `reindex`
//! replaces when it swaps a generation in, and the live generation's
//! `meta.json` and manifest, which an `index` run replaces at each commit.
//! When any of them changed, the index is opened anew; searches already
//! running keep the engine they started with (an [`Arc`]) and finish on the
//! old files, which stay readable while mapped.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::Engine;
use crate::error::{Error, Result};

/// What identifies one version of a file: a replaced file (written beside
/// and renamed over) has a new inode.
type FileStamp = Option<(u64, SystemTime, u64)>;

fn stamp(path: &Path) -> FileStamp {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path).ok()?;
    Some((m.ino(), m.modified().ok()?, m.len()))
}

/// The index as last seen.
struct Seen {
    stamps: [FileStamp; 3],
    opened: std::result::Result<Arc<Engine>, String>,
}

/// An index folder, opened on demand and reopened when it changes.
pub struct LiveEngine {
    root: PathBuf,
    seen: Mutex<Option<Seen>>,
}

impl LiveEngine {
    /// Follows the index at `root` (which may not exist yet: every use
    /// fails with the reason until it does).
    pub fn new(root: &Path) -> LiveEngine {
        LiveEngine { root: root.to_path_buf(), seen: Mutex::new(None) }
    }

    /// The index folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn stamps(&self, generation_dir: Option<&Path>) -> [FileStamp; 3] {
        let current = stamp(&self.root.join("CURRENT"));
        match generation_dir {
            Some(dir) => [current, stamp(&dir.join("meta.json")), stamp(&dir.join("fahras.json"))],
            None => [current, None, None],
        }
    }

    /// The engine on the index as it is now. An error (no index yet, an
    /// index of another analyzer version) is given again, without another
    /// try, until the folder changes.
    pub fn engine(&self) -> Result<Arc<Engine>> {
        let mut seen = self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(last) = seen.as_ref() {
            let dir = last.opened.as_ref().ok().map(|e| e.store().generation_dir());
            if self.stamps(dir.as_deref()) == last.stamps {
                return last.opened.clone().map_err(Error::Unavailable);
            }
        }
        // Stamped before opening: a commit or swap made while opening is
        // seen at the next use.
        let generation = fs::read_to_string(self.root.join("CURRENT"))
            .ok()
            .map(|name| self.root.join(name.trim()));
        let mut stamps = self.stamps(generation.as_deref());
        let opened = Engine::open(&self.root).map(Arc::new).map_err(|e| e.to_string());
        if opened.is_err() {
            // Compared by `CURRENT` alone, as the check above does: tried
            // again when a generation is switched in.
            stamps[1] = None;
            stamps[2] = None;
        }
        *seen = Some(Seen { stamps, opened: opened.clone() });
        opened.map_err(Error::Unavailable)
    }
}
