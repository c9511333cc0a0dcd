//! What a route tree was built from, recorded during the route walk, and the check of it on
//! later runs: a `stat` per folder and file, in parallel, that tells which files changed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kosmo_lint_core::generation::GenerationEvidence;
use kosmo_lint_core::project::Project;
use kosmo_lint_core::walk::WalkInputs;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{
    Stamp, into_inner, is_racy, lock, modified_nanos, nanos_since_epoch, now_nanos,
};

/// Paths are relative to the project root where they are below it.
#[derive(Default, Serialize, Deserialize)]
pub(super) struct Inputs {
    /// Folders the walk listed, with their modification times (nanoseconds since the epoch).
    pub folders: Vec<(String, u128)>,
    /// Files read, with their stamps, sorted by path.
    pub files: Vec<InputFile>,
    /// Ignore files whose absence the walk relied on, and generated files whose absence the
    /// tree records (a folder's Solid glue).
    pub absent: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct InputFile {
    pub path: String,
    pub stamp: Stamp,
    pub role: Role,
}

/// What a file gave the tree, which decides whether a change to it can be applied alone.
#[derive(Clone, Serialize, Deserialize)]
pub(super) enum Role {
    /// A `.gitignore`: a change may add or hide files anywhere below it.
    Ignore,
    /// A folder config: bases and framework come from it.
    Config,
    /// Any other file of the route walk (route definitions, middleware, helpers under
    /// `api/`), with its source folder and its share of the folder's generation evidence.
    Source { folder: u32, evidence: GenerationEvidence },
    /// A generated file read for one fact of its folder (the Solid glue): a change to it
    /// builds the tree again.
    Generated,
}

/// How a generated file was found, for [`TreeRecorder::generated`].
#[derive(Debug, Clone, Copy)]
pub enum GeneratedRead {
    Present(Stamp),
    Absent,
    Unreadable,
}

/// How the recorded inputs compare with the files on disk.
pub(super) enum Comparison {
    Unchanged,
    /// Only these files (indices into [`Inputs::files`]) differ; no folder changed.
    FilesChanged(Vec<usize>),
    /// A folder, an ignore file or the absence of one changed: the walk would see other files.
    WalkChanged,
}

/// Gathers the inputs of a walk over the route definitions while it runs.
pub struct TreeRecorder {
    started: u128,
    walk: Mutex<WalkInputs>,
    files: Mutex<Vec<InputFile>>,
    /// Generated files the tree relies on being absent.
    absent: Mutex<Vec<String>>,
    /// Whether a file was read without a stamp (it could not be read).
    incomplete: Mutex<bool>,
}

impl Default for TreeRecorder {
    fn default() -> Self {
        Self {
            started: now_nanos(),
            walk: Mutex::default(),
            files: Mutex::default(),
            absent: Mutex::default(),
            incomplete: Mutex::new(false),
        }
    }
}

impl TreeRecorder {
    /// What the walk itself records (folders and ignore files).
    pub fn walk_inputs(&self) -> &Mutex<WalkInputs> {
        &self.walk
    }

    /// A file the tree is built from (`rel`: its path relative to the project root), with the
    /// stamp of the content its facts come from, its source folder, whether it is the
    /// folder's config and its share of the generation evidence.
    pub fn file(
        &self,
        rel: &str,
        stamp: Option<Stamp>,
        folder: usize,
        is_config: bool,
        evidence: GenerationEvidence,
    ) {
        let Some(stamp) = stamp else {
            *lock(&self.incomplete) = true;
            return;
        };
        let role = if is_config {
            Role::Config
        } else {
            // An index past `u32` matches no folder, so a change to the file walks again.
            Role::Source { folder: u32::try_from(folder).unwrap_or(u32::MAX), evidence }
        };
        lock(&self.files).push(InputFile { path: rel.to_owned(), stamp, role });
    }

    /// A generated file the tree took a fact from (`rel`: relative to the project root):
    /// present with the stamp of the content read, absent, or unreadable (the tree is then
    /// not saved). Appearing, changing or disappearing, it builds the tree again.
    pub fn generated(&self, rel: &str, read: GeneratedRead) {
        match read {
            GeneratedRead::Present(stamp) => lock(&self.files).push(InputFile {
                path: rel.to_owned(),
                stamp,
                role: Role::Generated,
            }),
            GeneratedRead::Absent => lock(&self.absent).push(rel.to_owned()),
            GeneratedRead::Unreadable => *lock(&self.incomplete) = true,
        }
    }

    /// The recorded inputs in stored form, or `None` when the tree is not to be saved: a file
    /// could not be read, or one of them is too recent to be told apart from its next
    /// version.
    pub(super) fn inputs(self, project: &Project) -> Option<Inputs> {
        if *lock(&self.incomplete) {
            return None;
        }
        let walk = into_inner(self.walk);
        let mut inputs = Inputs::default();
        for (folder, modified) in &walk.folders {
            let modified = nanos_since_epoch((*modified)?)?;
            if is_racy(modified, self.started) {
                return None;
            }
            inputs.folders.push((stored_path(project, folder)?, modified));
        }
        let above = ancestor_ignore_files(project);
        for path in walk.ignore_files.into_iter().chain(above) {
            match fs::metadata(&path) {
                Ok(metadata) => inputs.files.push(InputFile {
                    path: stored_path(project, &path)?,
                    stamp: Stamp::of(&metadata)?,
                    role: Role::Ignore,
                }),
                Err(err) if err.kind() == io::ErrorKind::NotFound => {
                    inputs.absent.push(stored_path(project, &path)?);
                }
                Err(_) => return None,
            }
        }
        inputs.files.append(&mut into_inner(self.files));
        inputs.absent.append(&mut into_inner(self.absent));
        if inputs.files.iter().any(|file| file.stamp.is_racy(self.started)) {
            return None;
        }
        // The walk's order changes from run to run; sorted, the same inputs encode the same,
        // so that an unchanged tree is not written again.
        inputs.folders.sort_unstable();
        inputs.files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        inputs.absent.sort_unstable();
        Some(inputs)
    }
}

impl Inputs {
    /// Compares every input with the disk: a `stat` each, on all threads, with one path
    /// buffer per batch rather than an allocation per path.
    pub fn compare(&self, root: &Path) -> Comparison {
        const BATCH: usize = 256;
        let Some(root) = root.to_str() else { return Comparison::WalkChanged };
        let still_absent = self.absent.iter().all(|path| !Path::new(root).join(path).exists());
        let folders_unchanged = || {
            self.folders.par_chunks(BATCH).all(|batch| {
                let mut buffer = String::new();
                batch.iter().all(|(path, modified)| {
                    full_path(&mut buffer, root, path);
                    fs::symlink_metadata(&buffer).ok().and_then(|m| modified_nanos(&m))
                        == Some(*modified)
                })
            })
        };
        if !still_absent || !folders_unchanged() {
            return Comparison::WalkChanged;
        }
        let changed: Vec<usize> = self
            .files
            .par_chunks(BATCH)
            .enumerate()
            .flat_map_iter(|(at, batch)| {
                let mut buffer = String::new();
                let changed: Vec<usize> = batch
                    .iter()
                    .enumerate()
                    .filter(|(_, file)| {
                        full_path(&mut buffer, root, &file.path);
                        fs::metadata(&buffer).ok().and_then(|m| Stamp::of(&m)) != Some(file.stamp)
                    })
                    .map(|(i, _)| at * BATCH + i)
                    .collect();
                changed
            })
            .collect();
        if changed.is_empty() { Comparison::Unchanged } else { Comparison::FilesChanged(changed) }
    }
}

/// `path` as stored, made whole in `buffer`: below `root` unless it is absolute (ignore
/// files above the project are stored whole).
pub(super) fn full_path(buffer: &mut String, root: &str, path: &str) {
    buffer.clear();
    if !Path::new(path).is_absolute() {
        buffer.push_str(root);
        if !path.is_empty() {
            buffer.push(std::path::MAIN_SEPARATOR);
        }
    }
    buffer.push_str(path);
}

/// The `.gitignore` files of every folder above the source folders (the walker reads them
/// all, in or out of a git repository), and git's `info/exclude` of the repository they are
/// in.
fn ancestor_ignore_files(project: &Project) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    for folder in &project.folders {
        for above in folder.path.ancestors().skip(1) {
            files.push(above.join(".gitignore"));
            if above.join(".git").exists() {
                files.push(above.join(".git/info/exclude"));
                break;
            }
        }
    }
    files.sort();
    files.dedup();
    files
}

/// `path` relative to the project root when below it, else whole; `None` if not UTF-8.
/// (A string prefix, not `Path::strip_prefix`, which compares component by component: the
/// walk gives paths that start with the root as it was written.)
fn stored_path(project: &Project, path: &Path) -> Option<String> {
    let path = path.to_str()?;
    let root = project.root.to_str()?;
    let below = path.strip_prefix(root).and_then(|rest| {
        if rest.is_empty() { Some(rest) } else { rest.strip_prefix(std::path::MAIN_SEPARATOR) }
    });
    Some(below.unwrap_or(path).to_owned())
}
