//! A session an editor keeps open: its buffers replace files as they are typed, each edit
//! says what it invalidates, and a buffer is linted (and fixed) against the loaded project.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kosmo_lint_core::Finding;
use kosmo_lint_core::walk::{WalkScope, project_file};

use super::{Session, module_graph};
use crate::lint_fix::{FixRefusal, FixedText, lint_fix};
use crate::modules::graph::ModuleGraph;
use crate::source::resolved;
use crate::{FixOptions, Linter};

/// What an edit of one file invalidates, from the least to the most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EditScope {
    /// The file alone: lint it again.
    File,
    /// A module that other files were seen to follow: lint them again too.
    Module,
    /// A route definition, a source folder's config or a file the project's layout or
    /// settings come from: load the session again.
    Project,
}

/// Files whose edit changes the project itself, whatever folder they are in.
const PROJECT_FILES: [&str; 4] = ["package.json", "tsconfig.json", "kosmo-lint.json", ".gitignore"];

impl Session {
    /// Reads `path` as `text` from now on (`None`: from the disk again), and says what that
    /// invalidates. For [`EditScope::Project`], the caller loads a new session with its
    /// buffers: the route tree is rebuilt from them.
    pub fn set_buffer(&mut self, path: &Path, text: Option<String>) -> EditScope {
        let path = resolved(path);
        let was_overlaid = self.sources.overlay(&path).is_some();
        match text {
            Some(text) => self.sources.set_overlay(&path, text),
            None => self.sources.remove_overlay(&path),
        }
        if self.shapes_project(&path) {
            return EditScope::Project;
        }
        let followed = self.modules.has_read(&path);
        // A buffer opened or closed changes which files exist for the resolver, and a module
        // read before is stale: the graph starts again (lazily; its disk cache stays).
        if followed || was_overlaid != self.sources.overlay(&path).is_some() {
            self.modules = module_graph(&self.project, &self.tree, &self.sources, self.use_cache);
        } else {
            self.modules.set_sources(self.sources.clone());
        }
        if followed { EditScope::Module } else { EditScope::File }
    }

    fn shapes_project(&self, path: &Path) -> bool {
        let named = path.file_name().and_then(|name| name.to_str());
        if named.is_some_and(|name| PROJECT_FILES.contains(&name)) {
            return true;
        }
        project_file(&self.project, path).is_some_and(|file| file.scope == WalkScope::Routes)
    }

    /// [`Session::lint_path`], with the project modules the file's rules followed: what its
    /// findings depend on besides the file and the route tree.
    pub fn lint_path_recording(
        &self,
        linter: &Linter,
        path: &Path,
    ) -> Option<(Vec<Finding>, BTreeSet<PathBuf>)> {
        let file = project_file(&self.project, &resolved(path))?;
        Some(ModuleGraph::recording(|| self.checked_file(linter, &file)))
    }

    /// Every fix of `path`'s current text applied, as `--fix` would (re-linted until nothing
    /// is left to fix, and refused when the result would not parse); nothing is written.
    /// `None` for a path that is not a file of the project, or that cannot be read.
    pub fn fix_buffer(
        &self,
        linter: &Linter,
        path: &Path,
        unsafe_fixes: bool,
    ) -> Option<Result<FixedText, FixRefusal>> {
        let file = project_file(&self.project, &resolved(path))?;
        let text = self.sources.read(&file.path).ok()?;
        let options = FixOptions { unsafe_fixes, write: false };
        Some(lint_fix(linter, &file, &text, (&self.tree, Some(&self.modules)), options))
    }
}
