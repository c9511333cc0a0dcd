//! What each page read at the last full run, kept so that a run over a few named files (the
//! pre-commit path) also re-checks the pages whose inputs changed since: a route they read
//! deleted, renamed, added or edited, a project module they import edited or deleted.
//! Pre-commit never names a deleted file, so without this a `git rm` of an API route would
//! commit cleanly and break the pages that read it.
//!
//! The index is a reverse one: for each route read (by source folder and name, whether or
//! not it existed) and each project module the module graph followed, the files that read
//! it. A route is compared by its content in the route tree (a hash of its entry), a module
//! by its size and modification time. Only a full run (every file of the project checked)
//! writes the index; a run that names files reads it and never rewrites it, so that a commit
//! refused and tried again is checked against the same baseline.
//!
//! The file's layout:
//!
//! ```text
//! preamble       magic "KLDEPS\0\0", format version, build identity (see `cache_format`)
//! index length   u64 ─┐
//! index xxh3     u64  │ little-endian
//! prefix xxh3    u64 ─┘ of every byte before it
//! index          MessagePack
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

use kosmo_lint_core::Finding;
use kosmo_lint_core::project::Project;
use kosmo_lint_core::tree::{ApiRoute, RouteTree};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{Stamp, cache_folder, into_inner, keep_out_of_version_control, lock, now_nanos};
use crate::cache_format::{CacheError, checksum, decode_single, encode_single};

const FILE_NAME: &str = "dependents.bin";
const MAGIC: [u8; 8] = *b"KLDEPS\0\0";

/// What one file read while it was linted.
pub struct FileReads {
    /// Relative to the project root, `/`-separated.
    pub rel: String,
    /// Routes named, by source folder index and route name.
    pub routes: Vec<(usize, String)>,
    /// Project modules the module graph followed from it (every module of a chain).
    pub modules: Vec<String>,
    /// Its findings, as [`fingerprint`]s: those a later run finds again do not depend on
    /// what changed since.
    pub findings: Vec<u64>,
}

/// What identifies a finding of an unchanged file from run to run: its rule, message and
/// place (not its severity, which the command line may change).
pub fn fingerprint(finding: &Finding) -> u64 {
    let mut bytes = Vec::with_capacity(finding.message.len() + finding.rule.len() + 10);
    bytes.extend_from_slice(finding.rule.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(finding.message.as_bytes());
    bytes.push(0);
    if let Some(span) = finding.span {
        bytes.extend_from_slice(&span.start.to_le_bytes());
        bytes.extend_from_slice(&span.end.to_le_bytes());
    }
    checksum(&bytes)
}

/// Gathers what the files of a full run read, while it runs.
pub struct DependencyRecorder {
    started: u128,
    files: Mutex<Vec<FileReads>>,
}

impl Default for DependencyRecorder {
    fn default() -> Self {
        Self { started: now_nanos(), files: Mutex::default() }
    }
}

impl DependencyRecorder {
    /// Records a file's reads; a file that read nothing is not recorded.
    pub fn file(&self, reads: FileReads) {
        if !reads.routes.is_empty() || !reads.modules.is_empty() {
            lock(&self.files).push(reads);
        }
    }

    /// The reverse index of what was recorded, against the run's route tree; `None` when a
    /// module was modified moments before the run (its stamp could not tell it from its next
    /// version).
    pub fn finish(self, project: &Project, tree: &RouteTree) -> Option<DependencyIndex> {
        let mut files = into_inner(self.files);
        files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        let mut routes: BTreeMap<(usize, &str), BTreeSet<u32>> = BTreeMap::new();
        let mut modules: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
        for (at, file) in files.iter().enumerate() {
            let reader = u32::try_from(at).ok()?;
            for (folder, name) in &file.routes {
                routes.entry((*folder, name)).or_default().insert(reader);
            }
            for module in &file.modules {
                modules.entry(module).or_default().insert(reader);
            }
        }
        let routes = routes
            .into_iter()
            .map(|((folder, name), readers)| {
                let definition = tree.folders.get(folder)?.api_routes.get(name).map(Definition::of);
                Some(RouteInput {
                    folder: u32::try_from(folder).ok()?,
                    name: name.to_owned(),
                    definition,
                    readers: readers.into_iter().collect(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let modules = modules
            .into_par_iter()
            .map(|(path, readers)| {
                let stamp = module_stamp(&project.root, path);
                if stamp.is_some_and(|stamp| stamp.is_racy(self.started)) {
                    return None;
                }
                Some(ModuleInput {
                    path: path.to_owned(),
                    stamp,
                    readers: readers.into_iter().collect(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(DependencyIndex {
            folders: project.folders.iter().map(|folder| folder.rel.clone()).collect(),
            readers: files
                .into_iter()
                .map(|mut file| {
                    file.findings.sort_unstable();
                    file.findings.dedup();
                    Reader { path: file.rel, findings: file.findings }
                })
                .collect(),
            routes,
            modules,
        })
    }
}

/// The files of the last full run and what they read, by what they read.
#[derive(Serialize, Deserialize)]
pub struct DependencyIndex {
    /// The project's source folders (`rel`), which route folder indices refer to.
    folders: Vec<String>,
    /// The files that read something.
    readers: Vec<Reader>,
    routes: Vec<RouteInput>,
    modules: Vec<ModuleInput>,
}

#[derive(Serialize, Deserialize)]
struct Reader {
    /// Relative to the project root.
    path: String,
    /// The fingerprints of its findings, sorted.
    findings: Vec<u64>,
}

/// A file to check again, with why and what it found before.
pub struct Dependent<'i> {
    pub changes: Vec<Change>,
    /// The [`fingerprint`]s of its findings at the last full run, sorted.
    pub findings_before: &'i [u64],
}

#[derive(Serialize, Deserialize)]
struct RouteInput {
    folder: u32,
    name: String,
    /// The route as it was; `None` when no route had that name (the readers' references
    /// were unknown then).
    definition: Option<Definition>,
    /// Indices into [`DependencyIndex::readers`].
    readers: Vec<u32>,
}

#[derive(Serialize, Deserialize)]
struct Definition {
    file: String,
    /// Of the route's entry in the tree (methods, declared types, where they are written).
    hash: u64,
}

impl Definition {
    fn of(route: &ApiRoute) -> Self {
        Self { file: route.file.clone(), hash: route_hash(route) }
    }
}

fn route_hash(route: &ApiRoute) -> u64 {
    rmp_serde::to_vec(route).map_or(0, |bytes| checksum(&bytes))
}

#[derive(Serialize, Deserialize)]
struct ModuleInput {
    path: String,
    /// `None`: the module could not be read then.
    stamp: Option<Stamp>,
    readers: Vec<u32>,
}

fn module_stamp(root: &Path, rel: &str) -> Option<Stamp> {
    fs::metadata(root.join(rel)).ok().as_ref().and_then(Stamp::of)
}

/// A change to something a file read, since the last full run. Paths are relative to the
/// project root, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The route is gone: its definition was deleted, or its folder renamed.
    RouteRemoved { route: String, file: String },
    /// A route of that name now exists (a new definition, or a folder renamed to it).
    RouteAdded { route: String, file: String },
    /// The route's definition changed what the route tree holds (methods, types).
    RouteEdited { route: String, file: String },
    /// A module the file's data functions were followed into changed, or is gone.
    ModuleChanged { path: String, deleted: bool },
}

impl DependencyIndex {
    /// Which recorded files read something that changed, by path relative to the project
    /// root, with what changed: the routes compared with `tree` (the current one), the
    /// modules with the disk.
    pub fn changes(&self, project: &Project, tree: &RouteTree) -> BTreeMap<&str, Dependent<'_>> {
        let same_folders = self.folders.len() == project.folders.len()
            && self.folders.iter().zip(&project.folders).all(|(a, b)| *a == b.rel);
        if !same_folders {
            // Route folder indices would point at other folders: this index says nothing.
            return BTreeMap::new();
        }
        let mut by_reader: BTreeMap<u32, Vec<Change>> = BTreeMap::new();
        let mut add = |readers: &[u32], change: &Change| {
            for &reader in readers {
                by_reader.entry(reader).or_default().push(change.clone());
            }
        };
        let mut route_changes: BTreeMap<&str, Vec<Change>> = BTreeMap::new();
        for input in &self.routes {
            let now =
                tree.folders.get(input.folder as usize).and_then(|f| f.api_routes.get(&input.name));
            let route = input.name.clone();
            let change = match (&input.definition, now) {
                (None, None) => continue,
                (Some(was), None) => Change::RouteRemoved { route, file: was.file.clone() },
                (None, Some(is)) => Change::RouteAdded { route, file: is.file.clone() },
                (Some(was), Some(is)) if was.hash == route_hash(is) => continue,
                (Some(_), Some(is)) => Change::RouteEdited { route, file: is.file.clone() },
            };
            add(&input.readers, &change);
            for &reader in &input.readers {
                if let Some(reader) = self.readers.get(reader as usize) {
                    route_changes.entry(&reader.path).or_default().push(change.clone());
                }
            }
        }
        let now: Vec<Option<Stamp>> =
            self.modules.par_iter().map(|m| module_stamp(&project.root, &m.path)).collect();
        for (module, now) in self.modules.iter().zip(now) {
            // A module that reads a changed route passes the change on to the files that
            // import it: their data functions reach the route through it.
            for change in route_changes.get(module.path.as_str()).into_iter().flatten() {
                add(&module.readers, change);
            }
            if now != module.stamp {
                let deleted = now.is_none();
                add(&module.readers, &Change::ModuleChanged { path: module.path.clone(), deleted });
            }
        }
        by_reader
            .into_iter()
            .filter_map(|(reader, mut changes)| {
                let reader = self.readers.get(reader as usize)?;
                changes.sort_unstable();
                changes.dedup();
                Some((
                    reader.path.as_str(),
                    Dependent { changes, findings_before: &reader.findings },
                ))
            })
            .collect()
    }

    /// Saves the index for later runs; a write that fails costs the pre-commit path its
    /// dependents, so the caller says so.
    pub fn save(&self, project: &Project) -> io::Result<()> {
        let folder = cache_folder(&project.root);
        let file = folder.join(FILE_NAME);
        let encoded = encode(self)?;
        // Full runs over an unchanged project record the same index: not written again.
        if fs::read(&file).is_ok_and(|saved| saved == encoded) {
            return Ok(());
        }
        fs::create_dir_all(&folder)?;
        keep_out_of_version_control(&file)?;
        let mut temporary = tempfile::Builder::new().prefix(".dependents-").tempfile_in(&folder)?;
        temporary.as_file_mut().write_all(&encoded)?;
        temporary.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }

    /// The index the last full run of `project` saved; `None` when there is none, or it is
    /// damaged (then it is removed).
    pub fn load(project: &Project) -> Option<Self> {
        let path = cache_folder(&project.root).join(FILE_NAME);
        let bytes = fs::read(&path).ok()?;
        let decoded = decode_dependents_file(&bytes);
        if decoded.is_err() {
            let _ = fs::remove_file(&path);
        }
        decoded.ok()
    }
}

fn encode(index: &DependencyIndex) -> io::Result<Vec<u8>> {
    encode_single(MAGIC, index)
}

/// Decodes a whole `dependents.bin`, checking the preamble, the length and both checksums
/// before anything is decoded. Never panics, whatever `bytes` hold.
pub fn decode_dependents_file(bytes: &[u8]) -> Result<DependencyIndex, CacheError> {
    decode_single(bytes, MAGIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every truncation and every single-bit flip of a dependents file is refused.
    #[test]
    fn every_truncation_and_bit_flip_of_a_dependents_file_is_refused() {
        let index = DependencyIndex {
            folders: vec!["src/app".into()],
            readers: vec![Reader {
                path: "src/app/pages/users/index.tsx".into(),
                findings: vec![9],
            }],
            routes: vec![RouteInput {
                folder: 0,
                name: "users".into(),
                definition: Some(Definition { file: "src/app/api/users/index.ts".into(), hash: 7 }),
                readers: vec![0],
            }],
            modules: vec![ModuleInput {
                path: "src/app/queries.ts".into(),
                stamp: Some(Stamp::for_test(3)),
                readers: vec![0],
            }],
        };
        let bytes = encode(&index).unwrap();
        let decoded = decode_dependents_file(&bytes).unwrap();
        assert_eq!(decoded.readers[0].path, index.readers[0].path);
        assert_eq!(decoded.readers[0].findings, vec![9]);
        assert_eq!(decoded.routes[0].readers, vec![0]);
        crate::cache_format::assert_refuses_every_damage(&bytes, decode_dependents_file);
    }
}
