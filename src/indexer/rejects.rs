//! The rejects of a run, copied as they were read so they can be mended
//! and indexed again, written so that no input and no earlier file is ever
//! lost:
//! - the target is checked before the index is touched: never an input
//!   (by device and inode, so also through a symbolic or hard link), never
//!   inside an input folder, and not an existing file unless the run says
//!   to append to it or replace it ([`RejectsMode`]);
//! - everything is written to temporary files beside the target and
//!   renamed into place when the run ends, and only when something was
//!   rejected: a run that rejects nothing leaves the target as it was.
//!
//! A target that is a folder (it exists as one, or its name ends in `/`)
//! gets one file per input: a text folder's rejected articles as files
//! under their relative names (indexing the folder again gives them their
//! ids), every other input's rejects in a file named as the input (without
//! `.gz`/`.zst`). A target that is a file takes every input's rejects in
//! turn; a text folder's articles need a folder.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::ingest::{delimited, Input, RawContent, RawItem};

/// What to do when the rejects target already exists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RejectsMode {
    /// Refuse the run (the default): an earlier rejects file may not have
    /// been mended yet.
    #[default]
    New,
    /// Add this run's rejects after what the file holds.
    Append,
    /// Replace the file (when something is rejected).
    Replace,
}

/// Returns true if and only if `path` names a folder of rejects: it is a
/// folder, or its name ends in `/`.
pub fn is_folder(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().as_encoded_bytes().ends_with(b"/")
}

/// Checks that the rejects can go to `target` without touching an input
/// or, unless `mode` allows it, an existing file.
pub fn check(target: &Path, mode: RejectsMode, inputs: &[Input]) -> Result<()> {
    // Written beside the path and renamed over it: a link, a pipe or a
    // device would be replaced by a file (or, through a link, the check
    // below would look at one place and the rename act on another).
    // (`components` drops a trailing `/`: `link/` is the link itself.)
    if let Ok(meta) = fs::symlink_metadata(target.components().as_path()) {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        let what = if kind.is_symlink() {
            Some("a symbolic link")
        } else if kind.is_fifo() {
            Some("a pipe")
        } else if kind.is_block_device() || kind.is_char_device() {
            Some("a device")
        } else if kind.is_socket() {
            Some("a socket")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(Error::RejectsNotPlain { rejects: target.to_path_buf(), what });
        }
    }
    let folder = is_folder(target);
    let clash = |input: &Path| Error::RejectsIsInput {
        rejects: target.to_path_buf(),
        input: input.to_path_buf(),
    };
    // Where the target is, with links resolved: its parent must exist.
    let parent = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.to_path_buf(),
        None => PathBuf::from("."),
    };
    // Where the rejects will be, with links resolved.
    let location = if folder && target.exists() {
        fs::canonicalize(target).map_err(|e| Error::io(target, e))?
    } else {
        let real = fs::canonicalize(&parent).map_err(|e| Error::io(&parent, e))?;
        real.join(target.file_name().unwrap_or_default())
    };
    let existing = fs::metadata(target).ok();
    for input in inputs {
        match input {
            Input::Stdin(_) => {}
            Input::Jsonl(path)
            | Input::Delimited(path, _)
            | Input::Sgml(path)
            | Input::Parquet(path) => {
                if let (Some(ours), Ok(theirs)) = (&existing, fs::metadata(path)) {
                    if ours.dev() == theirs.dev() && ours.ino() == theirs.ino() {
                        return Err(clash(path));
                    }
                }
                if folder && existing.is_some() {
                    // An input inside the folder could be written over.
                    let real = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
                    if real.starts_with(&location) {
                        return Err(clash(path));
                    }
                }
            }
            Input::TextDir(listing) => {
                let root = listing.root();
                let real_root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
                // Inside the folder (a file there would be read next
                // time as an article), or the folder inside the target.
                if location.starts_with(&real_root) || (folder && real_root.starts_with(&location))
                {
                    return Err(clash(root));
                }
                if !folder {
                    return Err(Error::RejectsNeedFolder {
                        rejects: target.to_path_buf(),
                        input: root.to_path_buf(),
                    });
                }
                if let Some(ours) = &existing {
                    for file in listing.files() {
                        let theirs = fs::metadata(file).map_err(|e| Error::io(file, e))?;
                        if ours.dev() == theirs.dev() && ours.ino() == theirs.ino() {
                            return Err(clash(file));
                        }
                    }
                }
            }
        }
    }
    let taken = match &existing {
        None => false,
        Some(meta) if meta.is_dir() => {
            fs::read_dir(target).map_err(|e| Error::io(target, e))?.next().is_some()
        }
        Some(_) => true,
    };
    if taken && mode == RejectsMode::New {
        return Err(Error::RejectsExist { rejects: target.to_path_buf() });
    }
    if existing.as_ref().is_some_and(|m| m.is_dir() != folder) {
        return Err(Error::RejectsExist { rejects: target.to_path_buf() });
    }
    Ok(())
}

/// A failed write of the rejects, named as such: not
/// [`Error::io`], which reads a full disk as the index's.
fn rejects_io(path: &Path, source: std::io::Error) -> Error {
    Error::Io { path: path.to_path_buf(), source }
}

/// One file being written: its temporary name, and its place.
struct Pending {
    tmp: PathBuf,
    dest: PathBuf,
    out: Option<BufWriter<File>>,
    /// The table header last written to it (or its first line, when
    /// appending), so each table's rows follow its own header once.
    header: Option<Arc<Vec<u8>>>,
}

/// The rejects of a run, written to temporary files and renamed into
/// place by [`Rejects::finish`].
pub struct Rejects {
    target: PathBuf,
    folder: bool,
    mode: RejectsMode,
    pending: Vec<Pending>,
    /// The file (in `pending`) of each input, by its index.
    by_input: HashMap<usize, usize>,
    /// Names already given in a folder target.
    names: HashMap<PathBuf, usize>,
}

impl Rejects {
    /// Rejects to `target`, checked with [`check`] beforehand.
    pub fn new(target: &Path, mode: RejectsMode) -> Rejects {
        Rejects {
            target: target.to_path_buf(),
            folder: is_folder(target),
            mode,
            pending: Vec::new(),
            by_input: HashMap::new(),
            names: HashMap::new(),
        }
    }

    /// Copies `item`, a rejected item of `inputs[input]`, as it was read;
    /// items with nothing kept (a line over the limit, damage) are not.
    pub fn write(&mut self, inputs: &[Input], input: usize, item: &RawItem) -> Result<()> {
        let Some(bytes) = item.raw_bytes().filter(|b| !b.is_empty()) else { return Ok(()) };
        if let (true, Input::TextDir(listing), RawContent::TextFile { .. }) =
            (self.folder, &inputs[input], &item.content)
        {
            let relative = item.path.strip_prefix(listing.root()).unwrap_or(&item.path);
            let dest = self.unique(self.target.join(relative));
            let slot = self.open(dest)?;
            let pending = &mut self.pending[slot];
            let out = pending.out.as_mut().expect("open");
            out.write_all(&bytes).map_err(|e| rejects_io(&pending.tmp, e))?;
            return self.close(slot);
        }
        let slot = match self.by_input.get(&input) {
            Some(&slot) => slot,
            None => {
                let dest = if self.folder {
                    let name = input_name(&inputs[input]);
                    self.unique(self.target.join(name))
                } else {
                    self.target.clone()
                };
                let slot = match self.pending.iter().position(|p| p.dest == dest) {
                    Some(slot) => slot,
                    None => self.open(dest)?,
                };
                self.by_input.insert(input, slot);
                slot
            }
        };
        let pending = &mut self.pending[slot];
        let out = pending.out.as_mut().expect("open");
        let io = |e| rejects_io(&pending.tmp, e);
        // A table's rows follow its header, so the file can be mended and
        // indexed again.
        if let Some(header) = item.table_header() {
            let same =
                pending.header.as_ref().is_some_and(|h| Arc::ptr_eq(h, header) || h == header);
            if !same {
                out.write_all(delimited::header_bytes(item))
                    .and_then(|_| out.write_all(b"\n"))
                    .map_err(io)?;
                pending.header = Some(header.clone());
            }
        }
        out.write_all(&bytes).and_then(|_| out.write_all(b"\n")).map_err(io)
    }

    /// `dest`, or `dest` with `~2`, `~3`… before its extension when this
    /// run already writes a file there.
    fn unique(&mut self, dest: PathBuf) -> PathBuf {
        let count = self.names.entry(dest.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            return dest;
        }
        let stem = dest.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let name = match dest.extension() {
            Some(ext) => format!("{stem}~{count}.{}", ext.to_string_lossy()),
            None => format!("{stem}~{count}"),
        };
        dest.with_file_name(name)
    }

    /// Starts the temporary file for `dest` (with what `dest` holds, when
    /// appending); returns its slot.
    fn open(&mut self, dest: PathBuf) -> Result<usize> {
        let parent = dest.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let parent = if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent };
        fs::create_dir_all(&parent).map_err(|e| rejects_io(&parent, e))?;
        let name = dest.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let tmp = parent.join(format!(".{name}.fahras-{}.tmp", std::process::id()));
        let mut file = File::create(&tmp).map_err(|e| rejects_io(&tmp, e))?;
        let mut header = None;
        if self.mode == RejectsMode::Append {
            if let Ok(mut old) = File::open(&dest) {
                std::io::copy(&mut old, &mut file).map_err(|e| rejects_io(&tmp, e))?;
                let kept = fs::read(&dest).unwrap_or_default();
                if !kept.is_empty() && !kept.ends_with(b"\n") {
                    file.write_all(b"\n").map_err(|e| rejects_io(&tmp, e))?;
                }
                let first = kept.split(|&b| b == b'\n').next().unwrap_or_default();
                header = Some(Arc::new(first.strip_suffix(b"\r").unwrap_or(first).to_vec()));
            }
        }
        self.pending.push(Pending { tmp, dest, out: Some(BufWriter::new(file)), header });
        Ok(self.pending.len() - 1)
    }

    /// Flushes and syncs the file in `slot`.
    fn close(&mut self, slot: usize) -> Result<()> {
        let pending = &mut self.pending[slot];
        if let Some(out) = pending.out.take() {
            let file = out.into_inner().map_err(|e| rejects_io(&pending.tmp, e.into_error()))?;
            file.sync_all().map_err(|e| rejects_io(&pending.tmp, e))?;
        }
        Ok(())
    }

    /// Puts every file written into place; returns how many.
    pub fn finish(mut self) -> Result<usize> {
        for slot in 0..self.pending.len() {
            self.close(slot)?;
        }
        let pending = std::mem::take(&mut self.pending);
        for (i, file) in pending.iter().enumerate() {
            if let Err(e) = fs::rename(&file.tmp, &file.dest) {
                // Nothing half-placed: the rest stay where they were.
                for rest in &pending[i..] {
                    let _ = fs::remove_file(&rest.tmp);
                }
                return Err(rejects_io(&file.dest, e));
            }
        }
        Ok(pending.len())
    }
}

impl Drop for Rejects {
    /// A run that failed leaves no temporary files behind.
    fn drop(&mut self) {
        for file in &self.pending {
            let _ = fs::remove_file(&file.tmp);
        }
    }
}

/// The file name an input's rejects get in a folder: its own, without
/// `.gz` or `.zst` (they are written uncompressed).
fn input_name(input: &Input) -> PathBuf {
    let path = match input {
        Input::Stdin(_) => return PathBuf::from("stdin"),
        Input::Jsonl(p) | Input::Delimited(p, _) | Input::Sgml(p) | Input::Parquet(p) => p,
        Input::TextDir(listing) => listing.root(),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).unwrap_or(&name);
    // Parquet rows are written as JSON lines.
    let name = match input {
        Input::Parquet(_) => format!("{name}.jsonl"),
        _ => name.to_string(),
    };
    PathBuf::from(name)
}
