//! Where a file's text comes from: the disk, unless an overlay replaces it. An overlay is a
//! text that is not (or not yet) on disk: an editor's unsaved buffer, stdin. The rest of the
//! project still comes from the disk and the caches; an overlaid file is never read from
//! the fact cache nor written to it, and a route definition with an overlay keeps the route
//! tree from being cached (the tree would not be the disk's).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_core::walk::ProjectFile;
use kosmo_lint_facts::FactCache;

/// The disk, with in-memory texts in place of some files.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    overlays: BTreeMap<PathBuf, String>,
}

impl Sources {
    /// Every file from the disk.
    pub fn disk() -> Self {
        Self::default()
    }

    /// Reads `path` as `text` instead of its content on disk (or as a file that does not
    /// exist there). `path` is made absolute and resolved as the project's paths are.
    pub fn set_overlay(&mut self, path: &Path, text: String) {
        self.overlays.insert(resolved(path), text);
    }

    /// Reads `path` from the disk again.
    pub fn remove_overlay(&mut self, path: &Path) {
        self.overlays.remove(&resolved(path));
    }

    /// The in-memory text of `path`, if it has one.
    pub fn overlay(&self, path: &Path) -> Option<&str> {
        self.overlays.get(path).map(String::as_str)
    }

    /// Every overlaid path.
    pub fn overlaid(&self) -> impl Iterator<Item = &Path> {
        self.overlays.keys().map(PathBuf::as_path)
    }

    pub fn has_overlays(&self) -> bool {
        !self.overlays.is_empty()
    }

    /// The text of `path`: its overlay, or the file (with a precise status for what is not
    /// UTF-8 text).
    pub fn read(&self, path: &Path) -> Result<String, FileStatus> {
        match self.overlay(path) {
            Some(text) => Ok(text.to_owned()),
            None => kosmo_lint_facts::read_source(path),
        }
    }

    /// The facts of `file`: extracted from its overlay, or from the cache (which reads the
    /// disk when its entry is stale).
    pub fn facts(&self, cache: &FactCache, file: &ProjectFile) -> FileFacts {
        self.facts_stamped(cache, file).0
    }

    /// [`Sources::facts`], with the stamp of the disk content they come from (`None` for
    /// an overlay: nothing on disk to remember them by).
    pub fn facts_stamped(
        &self,
        cache: &FactCache,
        file: &ProjectFile,
    ) -> (FileFacts, Option<kosmo_lint_facts::Stamp>) {
        match self.overlay(&file.path) {
            Some(text) => (kosmo_lint_facts::extract_text(file.kind, &file.path, text), None),
            None => cache.facts_stamped(file),
        }
    }
}

/// `path` as the project names its files: absolute, with links resolved (the project's root
/// is canonical). A file that does not exist yet (nor, maybe, its folder) is resolved through
/// its nearest existing folder.
pub fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for existing in absolute.ancestors() {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let rest = absolute.strip_prefix(existing).unwrap_or(Path::new(""));
            return if rest.as_os_str().is_empty() { real } else { real.join(rest) };
        }
    }
    absolute
}
