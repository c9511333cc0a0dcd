//! `modules.bin`: the exports of the modules the module graph followed, kept between runs
//! by path, size and modification time, so that a warm run does not parse them again. Like
//! the other caches it never changes a result: an entry is used only when its file's stamp
//! is the one recorded and was not taken within the file system's timestamp granularity of
//! the run that recorded it, and a damaged file is discarded whole.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kosmo_lint_core::facts::ModuleExports;

use crate::cache::{Stamp, cache_folder, keep_out_of_version_control, lock, now_nanos};
use crate::cache_format::{CacheError, decode_single, encode_single};

const FILE_NAME: &str = "modules.bin";
const MAGIC: [u8; 8] = *b"KLMODS\0\0";

/// One module's exports as they were when its file had `stamp`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ModuleEntry {
    pub stamp: Stamp,
    pub exports: ModuleExports,
}

/// The saved exports, by path relative to the project root.
pub type ModuleEntries = BTreeMap<String, ModuleEntry>;

/// The module cache of one run: what an earlier run saved, and what this run read.
pub struct ModuleCache {
    /// `None` when the cache is off (`--no-cache`, overlays).
    file: Option<PathBuf>,
    saved: HashMap<String, ModuleEntry>,
    /// What this run used or extracted, saved at the end.
    used: Mutex<ModuleEntries>,
    /// When the run started (nanoseconds since the epoch), for [`Stamp::is_racy`].
    started: u128,
}

impl ModuleCache {
    /// No cache: every followed module is read and parsed.
    pub fn disabled() -> Self {
        Self { file: None, saved: HashMap::new(), used: Mutex::default(), started: now_nanos() }
    }

    /// The cache of the project at `root`; a missing, damaged or other-build file counts as
    /// empty (a damaged one is removed).
    pub fn open(root: &Path) -> Self {
        let started = now_nanos();
        let file = cache_folder(root).join(FILE_NAME);
        let saved = match fs::read(&file) {
            Ok(bytes) => decode_modules_file(&bytes).unwrap_or_else(|_| {
                let _ = fs::remove_file(&file);
                ModuleEntries::new()
            }),
            Err(_) => ModuleEntries::new(),
        };
        Self {
            file: Some(file),
            saved: saved.into_iter().collect(),
            used: Mutex::default(),
            started,
        }
    }

    /// The stamp of the file at `path` now, when the cache may remember its content: the
    /// cache is on and the file was not modified a moment ago.
    pub fn stamp(&self, path: &Path) -> Option<Stamp> {
        self.file.as_ref()?;
        let stamp = fs::metadata(path).ok().as_ref().and_then(Stamp::of)?;
        (!stamp.is_racy(self.started)).then_some(stamp)
    }

    /// The saved exports of the module at `rel`, if its file still has `stamp`.
    pub fn get(&self, rel: &str, stamp: Stamp) -> Option<ModuleExports> {
        let entry = self.saved.get(rel).filter(|entry| entry.stamp == stamp)?;
        lock(&self.used).insert(rel.to_owned(), entry.clone());
        Some(entry.exports.clone())
    }

    /// Remembers the exports read from the module at `rel` when its file had `stamp`.
    pub fn put(&self, rel: &str, stamp: Stamp, exports: &ModuleExports) {
        let entry = ModuleEntry { stamp, exports: exports.clone() };
        lock(&self.used).insert(rel.to_owned(), entry);
    }

    /// Writes what this run used, when it differs from what was saved (a run over named
    /// files uses only some modules: the others' entries are kept).
    pub fn save(self) -> io::Result<()> {
        let Some(file) = self.file else { return Ok(()) };
        let used = self.used.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if used.iter().all(|(rel, entry)| self.saved.get(rel) == Some(entry)) {
            return Ok(());
        }
        let mut entries: ModuleEntries = self.saved.into_iter().collect();
        entries.extend(used);
        let encoded = encode_single(MAGIC, &entries)?;
        let folder = file.parent().ok_or_else(|| io::Error::other("no cache folder"))?;
        fs::create_dir_all(folder)?;
        keep_out_of_version_control(&file)?;
        let mut temporary = tempfile::Builder::new().prefix(".modules-").tempfile_in(folder)?;
        temporary.as_file_mut().write_all(&encoded)?;
        temporary.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Decodes a whole `modules.bin`, checking the preamble, the length and both checksums
/// before anything is decoded. Never panics, whatever `bytes` hold.
pub fn decode_modules_file(bytes: &[u8]) -> Result<ModuleEntries, CacheError> {
    decode_single(bytes, MAGIC)
}

#[cfg(test)]
mod tests {
    use kosmo_lint_core::facts::{ExportedName, ExportedValue};

    use super::*;

    fn entries() -> ModuleEntries {
        let exports = ModuleExports {
            names: vec![ExportedName { name: "api".into(), value: ExportedValue::Other }],
            star: vec!["./queries".into()],
            queries: Vec::new(),
        };
        let entry = ModuleEntry { stamp: Stamp::for_test(12), exports };
        BTreeMap::from([("src/app/lib/api.ts".to_owned(), entry)])
    }

    /// Every truncation and every single-bit flip of a modules file is refused.
    #[test]
    fn every_truncation_and_bit_flip_of_a_modules_file_is_refused() {
        let bytes = encode_single(MAGIC, &entries()).unwrap();
        assert_eq!(decode_modules_file(&bytes).unwrap(), entries());
        crate::cache_format::assert_refuses_every_damage(&bytes, decode_modules_file);
    }

    /// An entry is used only for the stamp it was saved with; a run keeps the entries it
    /// did not use, and a damaged file is removed and read as empty.
    #[test]
    fn entries_are_used_only_for_their_stamp_and_kept_when_unused() {
        let dir = tempfile::tempdir().unwrap();
        let file = cache_folder(dir.path()).join(FILE_NAME);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, encode_single(MAGIC, &entries()).unwrap()).unwrap();
        let cache = ModuleCache::open(dir.path());
        let rel = "src/app/lib/api.ts";
        assert_eq!(cache.get(rel, Stamp::for_test(13)), None, "another stamp");
        assert_eq!(cache.get(rel, Stamp::for_test(12)), Some(entries()[rel].exports.clone()));
        let other = ModuleExports::default();
        cache.put("src/app/queries.ts", Stamp::for_test(5), &other);
        cache.save().unwrap();
        let saved = decode_modules_file(&fs::read(&file).unwrap()).unwrap();
        assert_eq!(saved.keys().collect::<Vec<_>>(), [rel, "src/app/queries.ts"]);

        fs::write(&file, b"KLMODS\0\0 damaged").unwrap();
        let cache = ModuleCache::open(dir.path());
        assert_eq!(cache.get(rel, Stamp::for_test(12)), None);
        assert!(!file.exists(), "a damaged file is removed");
    }
}
