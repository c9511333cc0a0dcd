//! Walking source folders in parallel (respecting .gitignore, in or out of a git repository)
//! and telling route files, pages, layouts, middleware and the user's helpers apart.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use ignore::{WalkBuilder, WalkState};
use serde::{Deserialize, Serialize};

use crate::project::Project;
use crate::route_path::RoutePath;

/// What a file is to the framework (spec §1.2, §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// `api/<route>/index.ts`.
    ApiRoute,
    /// `use.ts` anywhere under `api/`: cascading middleware.
    Middleware,
    /// `pages/<route>/index.{tsx,jsx,ts,vue,svelte,mdx,md}`.
    Page,
    /// `pages/<route>/layout.{tsx,jsx,vue,svelte,mdx}`.
    Layout,
    /// The source folder's `kosmo.config.ts` (G5), or `config/index.ts` (G1–G4).
    Config,
    /// Any other script file in the folder, and any other `.vue`, `.svelte` or `.mdx`
    /// component (read through its script blocks): the user's own code.
    Helper,
}

/// One file the linter knows about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFile {
    pub path: PathBuf,
    /// Relative to the project root, `/`-separated.
    pub rel: String,
    /// Index into [`Project::folders`].
    pub folder: usize,
    pub kind: FileKind,
    /// For routes, pages and layouts: the folder path below `api/` or `pages/`.
    pub route: Option<RoutePath>,
    /// The walk that visits this file.
    pub scope: WalkScope,
}

/// A path the walk could not lint: nothing in a source folder is passed over silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
    pub kind: WalkErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkErrorKind {
    /// A folder or source file that could not be read (an `io-error`): the run fails.
    Unreadable,
    /// Something that is not a source file (a broken link, a FIFO), named so that it is seen
    /// (`skipped`), without failing the run.
    Skipped,
}

const SCRIPT_EXTENSIONS: &[&str] = &["ts", "tsx", "js", "jsx", "mts", "cts", "mjs", "cjs"];
/// Components of the other frontends (`components/OrderRow.vue`): helpers too, read through
/// their script blocks. A `.md` file outside `pages/` is documentation (a README), not code.
const COMPONENT_EXTENSIONS: &[&str] = &["vue", "svelte", "mdx"];
const PAGE_EXTENSIONS: &[&str] = &["tsx", "jsx", "ts", "vue", "svelte", "mdx", "md"];
const LAYOUT_EXTENSIONS: &[&str] = &["tsx", "jsx", "vue", "svelte", "mdx"];
/// Folders inside a source folder that hold generated or installed code.
const SKIPPED_FOLDERS: &[&str] = &["node_modules", "dist", ".dist"];

/// Classifies a path given as its components below the source folder.
pub fn classify(parts: &[&str]) -> Option<(FileKind, Option<RoutePath>)> {
    let (file, folders) = parts.split_last()?;
    let (stem, ext) = file.rsplit_once('.')?;
    let route = |tree: &str| {
        (folders.len() >= 2 && folders[0] == tree)
            .then(|| RoutePath::from_folders(folders[1..].iter().copied()))
    };
    match (folders.first().copied(), stem, ext) {
        (None, "kosmo.config", "ts")
        | (None, "vite.config", "ts" | "js" | "mts" | "mjs")
        | (Some("config"), "index", "ts")
            if folders.len() <= 1 =>
        {
            return Some((FileKind::Config, None));
        }
        (Some("api"), "index", "ts") if folders.len() >= 2 => {
            return Some((FileKind::ApiRoute, route("api")));
        }
        (Some("api"), "use", "ts") => return Some((FileKind::Middleware, None)),
        (Some("pages"), "index", _) if PAGE_EXTENSIONS.contains(&ext) && folders.len() >= 2 => {
            return Some((FileKind::Page, route("pages")));
        }
        (Some("pages"), "layout", _) if LAYOUT_EXTENSIONS.contains(&ext) && folders.len() >= 2 => {
            return Some((FileKind::Layout, route("pages")));
        }
        _ => {}
    }
    (SCRIPT_EXTENSIONS.contains(&ext) || COMPONENT_EXTENSIONS.contains(&ext))
        .then_some((FileKind::Helper, None))
}

/// Which files a walk visits. Checking a project takes two walks: the route definitions
/// first (their facts make the route tree), then everything else, each file checked against
/// that tree as soon as it is parsed, so that no page's facts need to be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WalkScope {
    /// `api/**` (routes, middleware, the user's files there) and the folder config.
    Routes,
    /// Pages, layouts and every other file of the source folders.
    Rest,
}

impl WalkScope {
    fn of(kind: FileKind, in_api: bool) -> Self {
        if in_api || kind == FileKind::Config { Self::Routes } else { Self::Rest }
    }

    /// Whether a folder directly inside a source folder can hold files of this scope.
    fn enters(self, name: &str) -> bool {
        match self {
            // A folder named `kosmo.config.ts` is entered to be reported (`io-error`).
            Self::Routes => matches!(name, "api" | "config" | "kosmo.config.ts"),
            Self::Rest => name != "api",
        }
    }
}

/// What a walk read besides the files it visited: the folders it listed and the
/// `.gitignore` files that shaped it. A walk over the same inputs, unchanged, visits the same
/// files, which is what lets a cache stand in for the walk (a file added, removed or renamed
/// changes its folder's modification time).
#[derive(Debug, Default)]
pub struct WalkInputs {
    /// Each folder with its modification time when listed (`None` if it could not be had).
    pub folders: Vec<(PathBuf, Option<SystemTime>)>,
    pub ignore_files: Vec<PathBuf>,
}

/// One walker thread's share of the [`WalkInputs`], added to the shared ones when dropped.
struct ThreadInputs<'a> {
    own: WalkInputs,
    shared: &'a Mutex<WalkInputs>,
}

impl<'a> ThreadInputs<'a> {
    fn new(shared: &'a Mutex<WalkInputs>) -> Self {
        Self { own: WalkInputs::default(), shared }
    }
}

impl Drop for ThreadInputs<'_> {
    fn drop(&mut self) {
        let mut shared = self.shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        shared.folders.append(&mut self.own.folders);
        shared.ignore_files.append(&mut self.own.ignore_files);
    }
}

/// Walks the source folders in parallel and calls `visit` for every file of `scope`, on the
/// walker's threads (`threads` of them), so that reading and parsing overlap the walk.
/// Returns what could not be read, sorted by path.
pub fn walk_scope(
    project: &Project,
    scope: WalkScope,
    threads: usize,
    visit: &(dyn Fn(ProjectFile) + Sync),
) -> Vec<WalkError> {
    walk_scope_recording(project, scope, threads, visit, None)
}

/// [`walk_scope`], recording into `inputs` (when given) the folders and ignore files read.
pub fn walk_scope_recording(
    project: &Project,
    scope: WalkScope,
    threads: usize,
    visit: &(dyn Fn(ProjectFile) + Sync),
    inputs: Option<&Mutex<WalkInputs>>,
) -> Vec<WalkError> {
    let errors = Mutex::new(Vec::new());
    let Some((first, rest)) = project.folders.split_first() else { return Vec::new() };
    let mut builder = WalkBuilder::new(&first.path);
    for folder in rest {
        builder.add(&folder.path);
    }
    // `.gitignore` (and git's exclude files) are respected, in or out of a repository;
    // ripgrep's `.ignore` files are not a JavaScript convention, and looking for one in every
    // folder costs a failed open per folder. Hidden entries are left out here rather than by
    // the walker, so that the `.gitignore` files reach `visit` to be recorded.
    // Symbolic links are not followed (`follow_links` stays off): a link to a file inside
    // the project is linted under its own name, anything else is reported (`link_status`).
    builder.require_git(false).ignore(false).hidden(false).threads(threads).filter_entry(
        move |entry| {
            let Some(name) = entry.file_name().to_str() else { return true };
            if entry.depth() > 0 && name.starts_with('.') {
                return name == ".gitignore";
            }
            match entry.file_type() {
                Some(t) if t.is_dir() => {
                    !SKIPPED_FOLDERS.contains(&name) && (entry.depth() != 1 || scope.enters(name))
                }
                // A linked `node_modules` (pnpm, workspaces) is as uninteresting as a real one.
                Some(t) if t.is_symlink() => !SKIPPED_FOLDERS.contains(&name),
                _ => true,
            }
        },
    );
    let report = |error: WalkError| {
        errors.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(error);
    };
    let report = &report;
    builder.build_parallel().run(|| {
        // Each walker thread records into its own buffer, handed over when the thread ends.
        let mut recorded = inputs.map(ThreadInputs::new);
        Box::new(move |entry| {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    if entry.file_name() == ".gitignore" {
                        if let Some(recorded) = &mut recorded {
                            recorded.own.ignore_files.push(entry.into_path());
                        }
                    } else if let Some(file) = project_file(project, entry.path())
                        && file.scope == scope
                    {
                        visit(file);
                    }
                }
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_dir()) => {
                    if looks_like_a_route_file(entry.file_name())
                        && let Some(file) = project_file(project, entry.path())
                        && file.scope == scope
                        && file.kind != FileKind::Helper
                    {
                        let message = format!(
                            "is a folder, not a file: the {} cannot be read",
                            file.kind.describe()
                        );
                        report(WalkError::unreadable(file.path, message));
                    }
                    if let Some(recorded) = &mut recorded {
                        // The folder's time is read as it is listed, on this thread.
                        let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
                        recorded.own.folders.push((entry.into_path(), modified));
                    }
                }
                Ok(entry) => {
                    if scope_of(project, entry.path()) != Some(scope) {
                        return WalkState::Continue;
                    }
                    let is_link = entry.file_type().is_some_and(|t| t.is_symlink());
                    let skipped = if is_link {
                        match link_status(project, entry.path()) {
                            LinkStatus::SourceFile => {
                                if let Some(file) = project_file(project, entry.path()) {
                                    visit(file);
                                }
                                None
                            }
                            LinkStatus::Skipped(reason) => Some(reason),
                        }
                    } else {
                        Some(not_regular(entry.file_type()))
                    };
                    if let Some(reason) = skipped {
                        report(WalkError::skipped(entry.into_path(), reason));
                    }
                }
                Err(err) => {
                    let path = walk_error_path(&err);
                    let message = format!("cannot read: {}", innermost(&err));
                    report(WalkError::unreadable(path, message));
                }
            }
            WalkState::Continue
        })
    });
    let mut errors = errors.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    errors.sort_by(|a: &WalkError, b| a.path.cmp(&b.path));
    errors
}

/// Every file of the project, sorted by path (both scopes).
pub fn walk_project(project: &Project, threads: usize) -> (Vec<ProjectFile>, Vec<WalkError>) {
    let files = Mutex::new(Vec::new());
    let push = |file| files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file);
    let mut errors = walk_scope(project, WalkScope::Routes, threads, &push);
    errors.extend(walk_scope(project, WalkScope::Rest, threads, &push));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    let mut files = files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by(|a: &ProjectFile, b| a.rel.cmp(&b.rel));
    (files, errors)
}

fn walk_error_path(err: &ignore::Error) -> PathBuf {
    match err {
        ignore::Error::WithPath { path, .. } => path.clone(),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => PathBuf::new(),
    }
}

/// The error without the path and depth wrappers, which the finding shows already.
fn innermost(err: &ignore::Error) -> &ignore::Error {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other,
    }
}

/// The project file at `path` (a file the linter knows about), or `None`. A name that is not
/// UTF-8 is read lossily (its file is still read by its real path).
pub fn project_file(project: &Project, path: &Path) -> Option<ProjectFile> {
    let (folder, source) =
        project.folders.iter().enumerate().find(|(_, f)| path.starts_with(&f.path))?;
    let below = path.strip_prefix(&source.path).ok()?;
    let names: Vec<std::borrow::Cow<'_, str>> = below.iter().map(|p| p.to_string_lossy()).collect();
    let parts: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    let (kind, route) = classify(&parts)?;
    let scope = WalkScope::of(kind, parts.first() == Some(&"api"));
    Some(ProjectFile {
        path: path.to_path_buf(),
        rel: project.relative(path),
        folder,
        kind,
        route,
        scope,
    })
}

impl WalkError {
    pub fn unreadable(path: PathBuf, message: String) -> Self {
        Self { path, message, kind: WalkErrorKind::Unreadable }
    }

    pub fn skipped(path: PathBuf, message: String) -> Self {
        Self { path, message, kind: WalkErrorKind::Skipped }
    }
}

impl FileKind {
    /// What the framework calls a file of this kind, for messages.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::ApiRoute => "API route file",
            Self::Middleware => "middleware file",
            Self::Page => "page file",
            Self::Layout => "layout file",
            Self::Config => "folder config",
            Self::Helper => "source file",
        }
    }
}

/// A cheap test before classifying a folder's path: only these names can be route files.
fn looks_like_a_route_file(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    [&b"index."[..], b"layout.", b"use.", b"kosmo.config."].iter().any(|p| name.starts_with(p))
}

/// Which walk visits the entry at `path` (as [`WalkScope::of`] for its file), or `None`
/// outside the source folders.
fn scope_of(project: &Project, path: &Path) -> Option<WalkScope> {
    let source = project.folders.iter().find(|f| path.starts_with(&f.path))?;
    let below = path.strip_prefix(&source.path).ok()?;
    let mut parts = below.iter();
    let first = parts.next()?;
    let in_api = first == "api" && parts.next().is_some();
    let is_config = below == Path::new("kosmo.config.ts") || below == Path::new("config/index.ts");
    Some(if in_api || is_config { WalkScope::Routes } else { WalkScope::Rest })
}

enum LinkStatus {
    /// A link to a regular file inside the project: linted under the link's name.
    SourceFile,
    Skipped(String),
}

/// What to do with the symbolic link at `path`. A target outside the project is never
/// followed, and never named: only the link's own path is printed.
fn link_status(project: &Project, path: &Path) -> LinkStatus {
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return LinkStatus::Skipped("broken symbolic link: its target does not exist".into());
        }
        Err(err) if err.raw_os_error() == Some(LOOP_ERRNO) => {
            return LinkStatus::Skipped("symbolic link loop, not followed".into());
        }
        Err(err) => {
            return LinkStatus::Skipped(format!("symbolic link that cannot be resolved: {err}"));
        }
    };
    if !target.starts_with(&project.root) {
        return LinkStatus::Skipped(
            "symbolic link to a path outside the project, not followed".into(),
        );
    }
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => LinkStatus::SourceFile,
        Ok(meta) if meta.is_dir() => LinkStatus::Skipped(
            "symbolic link to a folder, not followed (its files are linted where they are)".into(),
        ),
        Ok(meta) => {
            LinkStatus::Skipped(format!("symbolic link to {}", not_regular(Some(meta.file_type()))))
        }
        Err(err) => LinkStatus::Skipped(format!("symbolic link that cannot be resolved: {err}")),
    }
}

/// `ELOOP`: too many levels of symbolic links.
#[cfg(target_os = "linux")]
const LOOP_ERRNO: i32 = 40;
#[cfg(not(target_os = "linux"))]
const LOOP_ERRNO: i32 = 62;

/// Why a non-regular file is not read; it is never opened, so a FIFO cannot block the run.
pub fn not_regular(file_type: Option<std::fs::FileType>) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Some(t) = file_type {
            let what = if t.is_fifo() {
                "a FIFO (named pipe)"
            } else if t.is_socket() {
                "a socket"
            } else if t.is_block_device() || t.is_char_device() {
                "a device"
            } else {
                "not a regular file"
            };
            return format!("{what}, not a regular file: never read");
        }
    }
    let _ = file_type;
    "not a regular file: never read".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<(FileKind, Option<String>)> {
        let parts: Vec<&str> = path.split('/').collect();
        classify(&parts).map(|(k, r)| (k, r.map(|r| r.name)))
    }

    #[test]
    fn classifies_route_files() {
        assert_eq!(
            kind("api/users/[id]/index.ts"),
            Some((FileKind::ApiRoute, Some("users/[id]".into())))
        );
        assert_eq!(kind("api/index/index.ts"), Some((FileKind::ApiRoute, Some("index".into()))));
        // Routes always live in a subfolder of api/ (spec §1.2).
        assert_eq!(kind("api/index.ts"), Some((FileKind::Helper, None)));
        assert_eq!(kind("api/use.ts"), Some((FileKind::Middleware, None)));
        assert_eq!(kind("api/admin/use.ts"), Some((FileKind::Middleware, None)));
        assert_eq!(kind("api/users/types.ts"), Some((FileKind::Helper, None)));
        assert_eq!(kind("api/users/index.tsx"), Some((FileKind::Helper, None)));
    }

    #[test]
    fn classifies_pages_and_layouts() {
        assert_eq!(
            kind("pages/users/[id]/index.tsx"),
            Some((FileKind::Page, Some("users/[id]".into())))
        );
        for ext in ["jsx", "ts", "vue", "svelte", "mdx", "md"] {
            assert_eq!(kind(&format!("pages/a/index.{ext}")).unwrap().0, FileKind::Page, "{ext}");
        }
        assert_eq!(kind("pages/users/layout.tsx"), Some((FileKind::Layout, Some("users".into()))));
        assert_eq!(kind("pages/layout.tsx"), Some((FileKind::Helper, None)));
        assert_eq!(kind("pages/index.tsx"), Some((FileKind::Helper, None)));
        assert_eq!(kind("pages/users/Card.tsx"), Some((FileKind::Helper, None)));
        assert_eq!(kind("pages/users/layout.md"), None);
        // Components of the other frontends are the user's code, read through their
        // scripts; Markdown outside `pages/` is documentation.
        for path in ["components/OrderRow.vue", "pages/users/Row.svelte", "content/intro.mdx"] {
            assert_eq!(kind(path), Some((FileKind::Helper, None)), "{path}");
        }
        assert_eq!(kind("README.md"), None);
        assert_eq!(kind("components/notes.md"), None);
        assert_eq!(kind("pages/users/style.css"), None);
        assert_eq!(kind("kosmo.config.ts"), Some((FileKind::Config, None)));
        assert_eq!(kind("config/index.ts"), Some((FileKind::Config, None)));
        assert_eq!(kind("config/other.ts"), Some((FileKind::Helper, None)));
        assert_eq!(kind("hooks/useCart.ts"), Some((FileKind::Helper, None)));
    }
}
