//! The fact cache, as ruff keeps one: per file, the facts extracted from it, keyed by its
//! path, size and modification time and by the kosmo-lint version. A warm run stats every
//! file but reads and parses only the ones that changed.
//!
//! The cache lives in `<project>/.kosmo-lint-cache/<version>/facts.bin` (with a `.gitignore`
//! that keeps the folder out of version control). The file holds each file's facts
//! (MessagePack) one after another, then an index of them (see `facts_file` for the layout
//! and its checksums). Only the index is loaded; an entry is read from disk when its file is
//! unchanged, and new entries are streamed to the next cache file as they are made, so the
//! cache's memory grows with the index alone. A cache of another build, or whose header or
//! index fails its checksum, is ignored and rebuilt; an entry that fails its checksum is
//! read and parsed again. The new cache replaces the old one atomically at the end of a run.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kosmo_lint_core::ProjectFile;
use kosmo_lint_core::facts::{FileFacts, FileStatus};
use serde::{Deserialize, Serialize};

use crate::cache_format::{CacheError, checksum};
use crate::extract_text;
use crate::facts_file::{HEADER_LEN, IndexEntry, decode_entry, decode_header, decode_index};

/// The cache folder inside a project.
pub const CACHE_DIR: &str = ".kosmo-lint-cache";

/// How old a modification time must be for the facts read at it to be remembered. A file
/// written again within its file system's timestamp granularity can keep both its time and
/// its size (git's "racily clean" files); two seconds cover the coarsest common file system.
pub(crate) const RACY_WINDOW: Duration = Duration::from_secs(2);

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    /// Nanoseconds since the Unix epoch.
    modified: u128,
}

impl Stamp {
    pub(crate) fn of(metadata: &fs::Metadata) -> Option<Self> {
        Some(Self { size: metadata.len(), modified: modified_nanos(metadata)? })
    }

    pub(crate) fn size(self) -> u64 {
        self.size
    }

    pub(crate) fn is_racy(self, run_started: u128) -> bool {
        is_racy(self.modified, run_started)
    }

    #[cfg(test)]
    pub(crate) fn for_test(size: u64) -> Self {
        Self { size, modified: 1 }
    }
}

/// Whether a modification time is within [`RACY_WINDOW`] before `run_started`, or after it.
pub(crate) fn is_racy(modified: u128, run_started: u128) -> bool {
    modified + RACY_WINDOW.as_nanos() >= run_started
}

pub(crate) fn modified_nanos(metadata: &fs::Metadata) -> Option<u128> {
    nanos_since_epoch(metadata.modified().ok()?)
}

pub(crate) fn nanos_since_epoch(time: SystemTime) -> Option<u128> {
    Some(time.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}

pub(crate) fn now_nanos() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// The cache being written: entries are appended as files are seen.
struct Writer {
    out: BufWriter<tempfile::NamedTempFile>,
    at: u64,
    index: Vec<IndexEntry>,
}

impl Writer {
    fn append(&mut self, mut entry: IndexEntry, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        entry.offset = self.at;
        entry.len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        self.at += bytes.len() as u64;
        self.index.push(entry);
        Ok(())
    }
}

/// Lookups happen on many threads; each file seen is appended to the next cache file.
pub struct FactCache {
    file: Option<PathBuf>,
    /// The previous cache file and its index, by path.
    old: Option<(fs::File, HashMap<String, IndexEntry>)>,
    next: Mutex<Option<Writer>>,
    /// Files read and extracted in this run (not found unchanged in the cache).
    fresh: AtomicUsize,
    /// When the run started (nanoseconds since the epoch), for [`Stamp::is_racy`].
    started: u128,
    /// Whether this cache is written at the end of the run ([`FactCache::open_read_only`]
    /// is not).
    writes: bool,
}

impl FactCache {
    /// No cache: every file is read and parsed (`--no-cache`).
    pub fn disabled() -> Self {
        Self {
            file: None,
            old: None,
            next: Mutex::new(None),
            fresh: AtomicUsize::new(0),
            started: now_nanos(),
            writes: false,
        }
    }

    /// The cache of the project at `root`; an unreadable, corrupt or other-version cache
    /// counts as empty. A cache folder that cannot be written leaves the run uncached.
    pub fn open(root: &Path) -> Self {
        let mut cache = Self::open_read_only(root);
        let folder = cache_folder(root);
        let next = fs::create_dir_all(&folder)
            .and_then(|()| tempfile::Builder::new().prefix(".facts-").tempfile_in(&folder))
            .and_then(|temporary| {
                let mut out = BufWriter::new(temporary);
                out.write_all(&[0; HEADER_LEN])?;
                Ok(Writer { out, at: HEADER_LEN as u64, index: Vec::new() })
            })
            .ok();
        cache.next = Mutex::new(next);
        cache.writes = true;
        cache
    }

    /// The cache of the project at `root`, read and never written: for a session that
    /// lives as long as its host (an editor, a lint host) and never finishes a run, where
    /// recording every file it is asked for would only grow a temporary file.
    pub fn open_read_only(root: &Path) -> Self {
        let file = cache_folder(root).join("facts.bin");
        let old = fs::File::open(&file).ok().and_then(|f| {
            let index = read_index(&f).ok()?;
            Some((f, index))
        });
        Self {
            file: Some(file),
            old,
            next: Mutex::new(None),
            fresh: AtomicUsize::new(0),
            started: now_nanos(),
            writes: false,
        }
    }

    /// The facts of `file`: from the cache when its size and modification time are those
    /// recorded, else read and extracted (and recorded).
    pub fn facts(&self, file: &ProjectFile) -> FileFacts {
        self.facts_stamped(file).0
    }

    /// [`FactCache::facts`], with the stamp of the content they were extracted from (`None`
    /// when the file could not be read, or the cache is off).
    pub fn facts_stamped(&self, file: &ProjectFile) -> (FileFacts, Option<Stamp>) {
        if self.file.is_none() {
            return (crate::extract_file(file.kind, &file.path), None);
        }
        if let Some((facts, entry, bytes)) = self.cached(file) {
            if self.writes {
                self.append(entry.clone(), &bytes);
            }
            return (facts, Some(entry.stamp));
        }
        let (facts, stamp) = read_and_extract(file);
        // A file that could not be read has nothing stable to remember, and one modified a
        // moment ago may not be told apart from its next version.
        if self.writes
            && let Some(stamp) = stamp
            && !stamp.is_racy(self.started)
            && !matches!(facts.status, FileStatus::Unreadable { .. })
            && let Ok(bytes) = rmp_serde::to_vec(&facts)
        {
            let entry = IndexEntry {
                path: file.rel.clone(),
                kind: file.kind,
                stamp,
                offset: 0,
                len: 0,
                checksum: checksum(&bytes),
            };
            self.append(entry, &bytes);
        }
        self.fresh.fetch_add(1, Ordering::Relaxed);
        let stamp = stamp.filter(|_| !matches!(facts.status, FileStatus::Unreadable { .. }));
        (facts, stamp)
    }

    /// The cached facts of an unchanged file, with its index entry and encoded bytes.
    fn cached(&self, file: &ProjectFile) -> Option<(FileFacts, IndexEntry, Vec<u8>)> {
        let (old, index) = self.old.as_ref()?;
        let entry = index.get(&file.rel)?;
        let stamp = fs::metadata(&file.path).ok().as_ref().and_then(Stamp::of)?;
        if entry.stamp != stamp || entry.kind != file.kind {
            return None;
        }
        // The index was checked: the entry lies within the file, so its length is bounded.
        let mut bytes = vec![0; entry.len as usize];
        read_at(old, &mut bytes, entry.offset).ok()?;
        let facts = decode_entry(entry, &bytes).ok()?;
        Some((facts, entry.clone(), bytes))
    }

    fn append(&self, entry: IndexEntry, bytes: &[u8]) {
        let mut next = lock(&self.next);
        if let Some(writer) = next.as_mut()
            && writer.append(entry, bytes).is_err()
        {
            *next = None;
        }
    }

    /// Replaces the cache with the one written during this run, if it differs: the entries
    /// of this run's files only, so deleted files drop out. A file checked twice in one run
    /// (after `--fix` wrote it) keeps its last entry.
    ///
    /// After a `partial` run (only some files were visited, as on the pre-commit path), the
    /// entries of the files not visited are carried over from the previous cache; when only
    /// a few files changed, the cache is left as it was, since copying every other entry costs
    /// more than reading those few again in a later run.
    pub fn save(self, partial: bool) -> io::Result<()> {
        let Some(file) = self.file.filter(|_| self.writes) else { return Ok(()) };
        let Some(mut writer) = into_inner(self.next) else {
            return Err(io::Error::other(format!("cannot write {}", file.display())));
        };
        let old_len = self.old.as_ref().map_or(0, |(_, index)| index.len());
        let fresh = self.fresh.into_inner();
        let changed = self.old.is_none() || fresh > 0;
        if partial && self.old.is_some() && fresh * 8 < old_len {
            return Ok(());
        }
        if partial
            && changed
            && let Some((old, index)) = &self.old
        {
            let seen: std::collections::HashSet<String> =
                writer.index.iter().map(|e| e.path.clone()).collect();
            let mut bytes = Vec::new();
            for entry in index.values().filter(|e| !seen.contains(&e.path)) {
                bytes.resize(entry.len as usize, 0);
                read_at(old, &mut bytes, entry.offset)?;
                // A damaged entry is not carried over; its file is read again next time.
                if checksum(&bytes) == entry.checksum {
                    writer.append(entry.clone(), &bytes)?;
                }
            }
        }
        let mut latest: HashMap<&str, usize> = HashMap::with_capacity(writer.index.len());
        for (at, entry) in writer.index.iter().enumerate() {
            latest.insert(entry.path.as_str(), at);
        }
        if !changed && (partial || latest.len() == old_len) {
            return Ok(()); // the temporary file is removed when dropped
        }
        let mut keep: Vec<usize> = latest.into_values().collect();
        keep.sort_unstable_by(|a, b| writer.index[*a].path.cmp(&writer.index[*b].path));
        let entries = keep.into_iter().map(|at| writer.index[at].clone()).collect();
        let (index, header) =
            crate::facts_file::encode_index(entries, writer.at).map_err(io::Error::other)?;
        writer.out.write_all(&index)?;
        let mut temporary = writer.out.into_inner().map_err(io::IntoInnerError::into_error)?;
        temporary.as_file_mut().seek(SeekFrom::Start(0))?;
        temporary.as_file_mut().write_all(&header)?;
        keep_out_of_version_control(&file)?;
        temporary.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// This version's folder of the cache of the project at `root`.
pub(crate) fn cache_folder(root: &Path) -> PathBuf {
    root.join(CACHE_DIR).join(env!("CARGO_PKG_VERSION"))
}

/// Writes a `.gitignore` that ignores everything beside the version folders of the cache.
pub(crate) fn keep_out_of_version_control(cache_file: &Path) -> io::Result<()> {
    let folder = cache_file.parent().ok_or_else(|| io::Error::other("cache file has no folder"))?;
    let ignore = folder.parent().unwrap_or(folder).join(".gitignore");
    if !ignore.exists() {
        fs::write(ignore, "# Written by kosmo-lint: its cache is local to this machine.\n*\n")?;
    }
    Ok(())
}

/// The index of a cache file of this format and build whose header and index pass their
/// checksums, as `facts_file::decode_facts_file` reads it from bytes.
fn read_index(file: &fs::File) -> Result<HashMap<String, IndexEntry>, CacheError> {
    let mut head = [0u8; HEADER_LEN];
    read_at(file, &mut head, 0).map_err(|_| CacheError::NotACache)?;
    let file_len = file.metadata().map_err(|_| CacheError::NotACache)?.len();
    let header = decode_header(&head, file_len)?;
    // The header was checked to end where the file does: the length is that of real bytes.
    let mut index = vec![0; usize::try_from(header.index_len).map_err(|_| CacheError::Bounds)?];
    read_at(file, &mut index, header.index_offset).map_err(|_| CacheError::Bounds)?;
    let entries = decode_index(&header, &index)?;
    Ok(entries.into_iter().map(|e| (e.path.clone(), e)).collect())
}

#[cfg(unix)]
fn read_at(file: &fs::File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &fs::File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

/// A poisoned lock is taken as it is: a panic on another thread already fails the run.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub(crate) fn into_inner<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Reads the file once, taking its stamp from the open file, and extracts its facts.
pub(crate) fn read_and_extract(file: &ProjectFile) -> (FileFacts, Option<Stamp>) {
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
    use kosmo_lint_core::walk::{FileKind, ProjectFile, WalkScope, walk_project};

    use super::FactCache;

    #[test]
    fn files_modified_moments_before_the_run_are_not_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, "export const answer = 42;\n").unwrap();
            ProjectFile {
                path,
                rel: name.to_owned(),
                folder: 0,
                kind: FileKind::Helper,
                route: None,
                scope: WalkScope::Rest,
            }
        };
        let (fresh, old) = (file("fresh.ts"), file("old.ts"));
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
        std::fs::File::open(&old.path).unwrap().set_modified(an_hour_ago).unwrap();
        let cache = FactCache::open(dir.path());
        assert_eq!(cache.facts(&fresh), cache.facts(&old));
        cache.save(false).unwrap();
        let cache = FactCache::open(dir.path());
        assert!(cache.cached(&old).is_some(), "an old file is remembered");
        assert!(cache.cached(&fresh).is_none(), "a file modified a moment ago is not");
    }

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
