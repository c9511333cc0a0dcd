//! The route tree of the last run that walked the route definitions, kept so that a run over
//! a few named files (the pre-commit path) neither walks `api/` nor reads a route definition.
//!
//! The tree is trusted only while everything it was built from is as it was: the project's
//! source folders and dependencies (found again on every run), the modification time of
//! every folder the walk listed (a file added, removed or renamed changes its folder's), and
//! the size and modification time of every file it read: route definitions, folder configs,
//! and the `.gitignore` files that shaped the walk (those above the source folders, present or
//! absent, too). Checking that is a `stat` per folder and file, in parallel, instead of a
//! read and a parse. A tree built while one of those inputs had just changed is not saved
//! (see [`RACY_WINDOW`](crate::cache::RACY_WINDOW)).
//!
//! Not watched: git's global excludes file, and a git repository created above the project
//! after the tree was saved. Any run that walks the routes (a folder rather than files)
//! saves the tree again, and `--no-cache` ignores it.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kosmo_lint_core::facts::Framework;
use kosmo_lint_core::generation::Generation;
use kosmo_lint_core::project::{Project, SourceFolder, SourceFolderLayout};
use kosmo_lint_core::tree::{ApiRoute, FolderTree, RouteTree};
use kosmo_lint_core::walk::WalkInputs;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{
    Stamp, cache_folder, is_racy, keep_out_of_version_control, modified_nanos, nanos_since_epoch,
    now_nanos,
};

const FILE_NAME: &str = "tree.bin";
/// The first bytes of a tree file; bumped when its layout or that of the tree changes.
const MAGIC: &[u8; 8] = b"KLTREE01";

/// The first part of a tree file: what decides whether the tree is still right. The tree
/// itself follows, decoded only when it is.
#[derive(Serialize, Deserialize)]
struct Header {
    version: String,
    dependencies: Vec<String>,
    folders: Vec<FolderIdentity>,
    inputs: Inputs,
}

#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct FolderIdentity {
    name: String,
    rel: String,
    layout: SourceFolderLayout,
    alias: Option<String>,
}

impl FolderIdentity {
    fn of(folder: &SourceFolder) -> Self {
        Self {
            name: folder.name.clone(),
            rel: folder.rel.clone(),
            layout: folder.layout,
            alias: folder.alias.clone(),
        }
    }
}

/// A source folder's part of the tree: everything the route definitions give it.
#[derive(Deserialize)]
struct CachedFolder {
    generation: Generation,
    generation_evidence: String,
    base: String,
    api_base: String,
    framework: Option<Framework>,
    api_routes: Vec<ApiRoute>,
}

/// Paths are relative to the project root where they are below it.
#[derive(Default, Serialize, Deserialize)]
struct Inputs {
    /// Folders the walk listed, with their modification times (nanoseconds since the epoch).
    folders: Vec<(String, u128)>,
    /// Files read, with their stamps.
    files: Vec<(String, Stamp)>,
    /// Ignore files whose absence the walk relied on.
    absent: Vec<String>,
}

/// Gathers the inputs of a walk over the route definitions while it runs.
pub struct TreeRecorder {
    started: u128,
    walk: Mutex<WalkInputs>,
    files: Mutex<Vec<(String, Stamp)>>,
    /// Whether a file was read without a stamp (it could not be read).
    incomplete: Mutex<bool>,
}

impl Default for TreeRecorder {
    fn default() -> Self {
        Self {
            started: now_nanos(),
            walk: Mutex::default(),
            files: Mutex::default(),
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
    /// stamp of the content its facts come from.
    pub fn file(&self, rel: &str, stamp: Option<Stamp>) {
        match stamp {
            Some(stamp) => lock(&self.files).push((rel.to_owned(), stamp)),
            None => *lock(&self.incomplete) = true,
        }
    }

    /// Ends the recording once the walk is done: the inputs in the form they are saved in,
    /// or `None` when the tree is not to be saved (a file could not be read, or an input
    /// changed moments before the run, so the next run walks the routes again).
    pub fn finish(self, project: &Project) -> Option<TreeInputs> {
        if *lock(&self.incomplete) {
            return None;
        }
        let header = Header {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            dependencies: project.dependencies.clone(),
            folders: project.folders.iter().map(FolderIdentity::of).collect(),
            inputs: self.inputs(project)?,
        };
        rmp_serde::to_vec(&header).ok().map(|header| TreeInputs { header })
    }

    /// The recorded inputs in stored form, or `None` when one of them is too recent to be
    /// told apart from its next version.
    fn inputs(self, project: &Project) -> Option<Inputs> {
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
                Ok(metadata) => {
                    inputs.files.push((stored_path(project, &path)?, Stamp::of(&metadata)?));
                }
                Err(err) if err.kind() == io::ErrorKind::NotFound => {
                    inputs.absent.push(stored_path(project, &path)?);
                }
                Err(_) => return None,
            }
        }
        inputs.files.append(&mut into_inner(self.files));
        if inputs.files.iter().any(|(_, stamp)| stamp.is_racy(self.started)) {
            return None;
        }
        // The walk's order changes from run to run; sorted, the same inputs encode the same,
        // so that an unchanged tree is not written again.
        inputs.folders.sort_unstable();
        inputs.files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        inputs.absent.sort_unstable();
        Some(inputs)
    }
}

/// What a finished walk read, encoded: the first part of a tree file.
pub struct TreeInputs {
    header: Vec<u8>,
}

impl TreeInputs {
    /// Saves `tree` (built from these inputs) for later runs, unless the saved tree was built
    /// from the same inputs already. Returns whether it wrote the file.
    pub fn save(self, project: &Project, tree: &RouteTree) -> io::Result<bool> {
        let folder = cache_folder(&project.root);
        let file = folder.join(FILE_NAME);
        if has_header(&file, &self.header) {
            return Ok(false);
        }
        fs::create_dir_all(&folder)?;
        keep_out_of_version_control(&file)?;
        let temporary = tempfile::Builder::new().prefix(".tree-").tempfile_in(&folder)?;
        let mut out = io::BufWriter::new(temporary);
        out.write_all(MAGIC)?;
        out.write_all(&(self.header.len() as u64).to_le_bytes())?;
        out.write_all(&self.header)?;
        let folders: Vec<FolderToSave> = tree.folders.iter().map(FolderToSave::of).collect();
        rmp_serde::encode::write(&mut out, &folders).map_err(io::Error::other)?;
        let temporary = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        temporary.persist(&file).map_err(|e| e.error)?;
        Ok(true)
    }
}

/// Whether the tree file at `path` starts with `header` (read without the tree; a length
/// read from a broken file is compared before anything is allocated for it).
fn has_header(path: &Path, header: &[u8]) -> bool {
    let Ok(mut file) = fs::File::open(path) else { return false };
    let mut start = [0u8; MAGIC.len() + 8];
    if file.read_exact(&mut start).is_err() {
        return false;
    }
    let (magic, len) = start.split_at(MAGIC.len());
    if magic != MAGIC || len != (header.len() as u64).to_le_bytes() {
        return false;
    }
    let mut saved = vec![0; header.len()];
    file.read_exact(&mut saved).is_ok() && saved == header
}

/// The saved route tree of `project`, if every input it was built from is unchanged.
pub fn load(project: &Project) -> Option<RouteTree> {
    let path = cache_folder(&project.root).join(FILE_NAME);
    let encoded = fs::read(&path).ok()?;
    let (header_len, rest) = encoded.strip_prefix(MAGIC.as_slice())?.split_at_checked(8)?;
    let header_len = usize::try_from(u64::from_le_bytes(header_len.try_into().ok()?)).ok()?;
    let (header, tree) = rest.split_at_checked(header_len)?;
    let header: Header = rmp_serde::from_slice(header).ok()?;
    let same_project = header.version == env!("CARGO_PKG_VERSION")
        && header.dependencies == project.dependencies
        && header.folders.iter().eq(project
            .folders
            .iter()
            .map(FolderIdentity::of)
            .collect::<Vec<_>>()
            .iter());
    if !same_project {
        return None;
    }
    // The tree is decoded on one thread while the others stat; wasted when something changed.
    let (unchanged, cached) = rayon::join(
        || unchanged(&project.root, &header.inputs),
        || rmp_serde::from_slice::<Vec<CachedFolder>>(tree).ok(),
    );
    if !unchanged {
        return None;
    }
    let Some(cached) = cached.filter(|c| c.len() == project.folders.len()) else {
        // A sound header over a broken tree would stop the next run from saving a new one
        // (it skips saving when the header is unchanged).
        let _ = fs::remove_file(&path);
        return None;
    };
    let folders = cached
        .into_iter()
        .zip(&project.folders)
        .map(|(cached, folder)| FolderTree {
            folder: folder.clone(),
            generation: cached.generation,
            generation_evidence: cached.generation_evidence,
            base: cached.base,
            api_base: cached.api_base,
            framework: cached.framework,
            api_routes: cached.api_routes.into_iter().map(|r| (r.name.clone(), r)).collect(),
            pages: BTreeMap::new(),
            layouts: BTreeMap::new(),
            fetch_refs: Vec::new(),
        })
        .collect();
    Some(RouteTree { root: project.root.clone(), folders })
}

/// Whether every input is as recorded: a `stat` each, on all threads, with one path buffer
/// per batch rather than an allocation per path.
fn unchanged(root: &Path, inputs: &Inputs) -> bool {
    const BATCH: usize = 256;
    let Some(root) = root.to_str() else { return false };
    // Paths outside the project (ignore files above it) are stored whole.
    let in_buffer = |buffer: &mut String, path: &str| {
        buffer.clear();
        if !Path::new(path).is_absolute() {
            buffer.push_str(root);
            if !path.is_empty() {
                buffer.push(std::path::MAIN_SEPARATOR);
            }
        }
        buffer.push_str(path);
    };
    let folders_unchanged = || {
        inputs.folders.par_chunks(BATCH).all(|batch| {
            let mut buffer = String::new();
            batch.iter().all(|(path, modified)| {
                in_buffer(&mut buffer, path);
                fs::symlink_metadata(&buffer).ok().and_then(|m| modified_nanos(&m))
                    == Some(*modified)
            })
        })
    };
    let files_unchanged = || {
        inputs.files.par_chunks(BATCH).all(|batch| {
            let mut buffer = String::new();
            batch.iter().all(|(path, stamp)| {
                in_buffer(&mut buffer, path);
                fs::metadata(&buffer).ok().and_then(|m| Stamp::of(&m)) == Some(*stamp)
            })
        })
    };
    let still_absent = || inputs.absent.iter().all(|path| !Path::new(root).join(path).exists());
    // Edited files are the common change; they are looked at first.
    still_absent() && files_unchanged() && folders_unchanged()
}

/// [`CachedFolder`] as written: the same fields, borrowed from the tree.
#[derive(Serialize)]
struct FolderToSave<'t> {
    generation: Generation,
    generation_evidence: &'t str,
    base: &'t str,
    api_base: &'t str,
    framework: Option<Framework>,
    api_routes: Vec<&'t ApiRoute>,
}

impl<'t> FolderToSave<'t> {
    fn of(tree: &'t FolderTree) -> Self {
        Self {
            generation: tree.generation,
            generation_evidence: &tree.generation_evidence,
            base: &tree.base,
            api_base: &tree.api_base,
            framework: tree.framework,
            api_routes: tree.api_routes.values().collect(),
        }
    }
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

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn into_inner<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}
