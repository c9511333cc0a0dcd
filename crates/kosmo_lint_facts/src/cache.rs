//! The fact cache, as ruff keeps one: per file, the facts extracted from it, keyed by its
//! path, size and modification time and by the kosmo-lint version. A warm run stats every
//! file but reads and parses only the ones that changed.
//!
//! The cache lives in `<project>/.kosmo-lint-cache/<version>/facts.msgpack` (with a
//! `.gitignore` that keeps the folder out of version control). Entries are MessagePack,
//! decoded only when used, so a loaded cache costs little memory. A cache that cannot be read
//! or decoded is ignored and rebuilt; it is written atomically at the end of a run.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use kosmo_lint_core::ProjectFile;
use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_core::walk::FileKind;
use serde::{Deserialize, Serialize};

use crate::{extract_file, extract_text};

/// The cache folder inside a project.
pub const CACHE_DIR: &str = ".kosmo-lint-cache";
/// Bumped when the layout of the cache file changes within a version.
const FORMAT: u32 = 1;

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    /// Nanoseconds since the Unix epoch.
    modified: u128,
}

impl Stamp {
    fn of(metadata: &fs::Metadata) -> Option<Self> {
        let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        Some(Self { size: metadata.len(), modified })
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    kind: FileKind,
    stamp: Stamp,
    /// The facts, MessagePack-encoded, decoded only on a hit.
    #[serde(with = "serde_bytes")]
    facts: Vec<u8>,
}

/// The cache file: this header, then `entries` entries.
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    version: String,
    entries: usize,
}

/// Lookups happen on many threads; new entries are gathered for [`FactCache::save`].
pub struct FactCache {
    file: Option<PathBuf>,
    old: HashMap<String, Entry>,
    /// Paths read from the old cache (`None`) or fresh entries, in no particular order.
    used: Mutex<Vec<(String, Option<Entry>)>>,
    changed: Mutex<bool>,
}

impl FactCache {
    /// No cache: every file is read and parsed (`--no-cache`).
    pub fn disabled() -> Self {
        Self {
            file: None,
            old: HashMap::new(),
            used: Mutex::new(Vec::new()),
            changed: Mutex::new(false),
        }
    }

    /// The cache of the project at `root`; an unreadable, corrupt or other-version cache
    /// starts empty.
    pub fn open(root: &Path) -> Self {
        let file = root.join(CACHE_DIR).join(env!("CARGO_PKG_VERSION")).join("facts.msgpack");
        let old = fs::read(&file).ok().and_then(|bytes| read_entries(&bytes)).unwrap_or_default();
        Self { file: Some(file), old, used: Mutex::new(Vec::new()), changed: Mutex::new(false) }
    }

    /// The facts of `file`: from the cache when its size and modification time are those
    /// recorded, else read and extracted (and recorded).
    pub fn facts(&self, file: &ProjectFile) -> FileFacts {
        if self.file.is_none() {
            return extract_file(file.kind, &file.path);
        }
        // Only a file the cache knows is stat'ed first; the others are read straight away.
        if let Some(entry) = self.old.get(&file.rel)
            && let Some(stamp) = fs::metadata(&file.path).ok().as_ref().and_then(Stamp::of)
            && entry.stamp == stamp
            && entry.kind == file.kind
            && let Ok(facts) = rmp_serde::from_slice::<FileFacts>(&entry.facts)
        {
            self.record(file.rel.clone(), None);
            return facts;
        }
        let (facts, stamp) = read_and_extract(file);
        // A file that could not be read has nothing stable to remember.
        if let Some(stamp) = stamp
            && !matches!(facts.status, FileStatus::Unreadable { .. })
            && let Ok(bytes) = rmp_serde::to_vec(&facts)
        {
            let entry = Entry { path: file.rel.clone(), kind: file.kind, stamp, facts: bytes };
            self.record(file.rel.clone(), Some(entry));
        }
        *lock(&self.changed) = true;
        facts
    }

    fn record(&self, path: String, entry: Option<Entry>) {
        lock(&self.used).push((path, entry));
    }

    /// Writes the cache if anything changed: the entries of this run's files only, so
    /// deleted files drop out. Atomic: a temporary file in the same folder, then a rename.
    pub fn save(mut self) -> io::Result<()> {
        let Some(file) = self.file.take() else { return Ok(()) };
        let used = self.used.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let changed = *lock(&self.changed) || used.len() != self.old.len();
        if !changed {
            return Ok(());
        }
        // A file checked twice in one run (after `--fix` wrote it) keeps its last entry.
        let mut latest: HashMap<String, Option<Entry>> = HashMap::with_capacity(used.len());
        for (path, entry) in used {
            latest.insert(path, entry);
        }
        let mut entries: Vec<Entry> = latest
            .into_iter()
            .filter_map(|(path, entry)| entry.or_else(|| self.old.remove(&path)))
            .collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let folder = file.parent().ok_or_else(|| io::Error::other("cache file has no folder"))?;
        fs::create_dir_all(folder)?;
        let root = folder.parent().unwrap_or(folder);
        let ignore = root.join(".gitignore");
        if !ignore.exists() {
            fs::write(ignore, "# Written by kosmo-lint: its cache is local to this machine.\n*\n")?;
        }
        // Written entry by entry, so that the encoded cache is never held twice in memory.
        let temporary = tempfile::NamedTempFile::new_in(folder)?;
        let mut out = io::BufWriter::new(temporary);
        let header = Header {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            entries: entries.len(),
        };
        rmp_serde::encode::write(&mut out, &header).map_err(io::Error::other)?;
        for entry in &entries {
            rmp_serde::encode::write(&mut out, entry).map_err(io::Error::other)?;
        }
        let temporary = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        temporary.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The entries of a cache file of this format and version; `None` for anything else
/// (another version, a truncated or corrupt file).
fn read_entries(bytes: &[u8]) -> Option<HashMap<String, Entry>> {
    let mut reader = bytes;
    let header: Header = rmp_serde::decode::from_read(&mut reader).ok()?;
    if header.format != FORMAT || header.version != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let mut entries = HashMap::with_capacity(header.entries);
    for _ in 0..header.entries {
        let entry: Entry = rmp_serde::decode::from_read(&mut reader).ok()?;
        entries.insert(entry.path.clone(), entry);
    }
    Some(entries)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Reads the file once, taking its stamp from the open file, and extracts its facts.
fn read_and_extract(file: &ProjectFile) -> (FileFacts, Option<Stamp>) {
    let opened = fs::File::open(&file.path).and_then(|mut handle| {
        let stamp = handle.metadata().ok().as_ref().and_then(Stamp::of);
        let mut bytes =
            Vec::with_capacity(stamp.map_or(0, |s| usize::try_from(s.size).unwrap_or(0)));
        handle.read_to_end(&mut bytes)?;
        Ok((bytes, stamp))
    });
    match opened {
        Ok((bytes, stamp)) => match crate::read::decode(bytes) {
            Ok(text) => (extract_text(file.kind, &file.path, &text), stamp),
            Err(status) => (FileFacts { status, ..FileFacts::default() }, stamp),
        },
        Err(err) => (
            FileFacts {
                status: FileStatus::Unreadable { message: err.to_string() },
                ..FileFacts::default()
            },
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use kosmo_lint_core::Project;
    use kosmo_lint_core::facts::FileFacts;
    use kosmo_lint_core::walk::walk_project;

    #[test]
    fn every_example_file_round_trips_through_the_cache_encoding() {
        for example in ["shop", "seed-app"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples")
                .join(example);
            let project = Project::discover(&root).unwrap();
            let (files, _) = walk_project(&project, 1);
            for file in &files {
                let facts = crate::extract_file(file.kind, &file.path);
                let bytes = rmp_serde::to_vec(&facts).unwrap();
                let back: Result<FileFacts, _> = rmp_serde::from_slice(&bytes);
                assert_eq!(
                    back.as_ref().ok(),
                    Some(&facts),
                    "{}: {:?}",
                    file.rel,
                    back.as_ref().err()
                );
            }
        }
    }
}
