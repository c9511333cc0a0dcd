//! The module graph: what an imported name holds, followed across the project's own modules
//! (relative imports, tsconfig paths, each generation's aliases) through re-exports, barrels
//! and aliases, with a depth limit and a cycle guard. A module's exports are extracted the
//! first time a rule follows an import into it (its own parse, through the session's sources)
//! and kept for the rest of the run, so only the modules that pages' data functions reach
//! are read.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use kosmo_lint_core::facts::{ExportedValue, ModuleExports};
use kosmo_lint_core::{Generation, Project};

use super::resolve::{ModuleResolver, Resolution};
use kosmo_lint_facts::ModuleCache;

use crate::source::Sources;

/// How many modules deep an import is followed (re-exports and calls into other modules
/// alike): deeper chains are reported as not followed, never guessed.
pub const MAX_DEPTH: usize = 16;

/// A module whose exports were read.
#[derive(Debug)]
pub struct Module {
    pub path: PathBuf,
    /// The source folder the module is in (for resolving its own imports).
    pub folder: usize,
    pub exports: ModuleExports,
}

/// What following an imported name found.
#[derive(Debug, Clone)]
pub enum Followed {
    /// The exported value, in the module that defines it: its targets are relative to that
    /// module (its `query()` wrappers, its imports).
    Value { module: Arc<Module>, value: ExportedValue },
    /// Generated code: the route tree, not a file, holds it.
    Generated,
    /// An npm package: not followed.
    Package(String),
    /// Not followed, with why: a module that does not exist or does not parse, a name it
    /// does not export, a chain too deep, a cycle.
    NotFollowed(String),
}

thread_local! {
    /// The modules followed on this thread since [`ModuleGraph::recording`] began, if it did.
    static FOLLOWED: RefCell<Option<BTreeSet<PathBuf>>> = const { RefCell::new(None) };
}

/// The project's modules as far as they have been followed in this run.
pub struct ModuleGraph {
    project_root: PathBuf,
    /// Module exports saved by earlier runs, and those read in this one.
    cache: ModuleCache,
    /// Each source folder's path, to tell which folder a module is in.
    folders: Vec<PathBuf>,
    resolver: ModuleResolver,
    sources: Sources,
    /// Modules read so far, by path (an error: read and found unusable, with why).
    modules: Mutex<HashMap<PathBuf, Result<Arc<Module>, String>>>,
    /// Every SolidJS file's `query()` names, in a full run only (`query_names.rs`).
    query_names: Option<crate::query_names::QueryNameTable>,
}

impl ModuleGraph {
    /// `cache`: the exports saved by earlier runs (`ModuleCache::disabled()` for none).
    pub fn new(
        project: &Project,
        generations: &[Generation],
        sources: Sources,
        cache: ModuleCache,
    ) -> Self {
        Self {
            cache,
            project_root: project.root.clone(),
            folders: project.folders.iter().map(|folder| folder.path.clone()).collect(),
            resolver: ModuleResolver::new(project, generations)
                .with_overlays(sources.overlaid().map(Path::to_path_buf)),
            sources,
            modules: Mutex::default(),
            query_names: None,
        }
    }

    /// Whether the module at `path` was read (so files may have followed it).
    pub(crate) fn has_read(&self, path: &Path) -> bool {
        lock(&self.modules).contains_key(path)
    }

    /// Reads from `sources` from now on: the same files, with other buffer texts (the modules
    /// read so far are not among the files whose text changed).
    pub(crate) fn set_sources(&mut self, sources: Sources) {
        self.sources = sources;
    }

    /// The `query()` names of the project's files, when this run gathered them.
    pub(crate) fn query_names(&self) -> Option<&crate::query_names::QueryNameTable> {
        self.query_names.as_ref()
    }

    pub(crate) fn set_query_names(&mut self, table: Option<crate::query_names::QueryNameTable>) {
        self.query_names = table;
    }

    /// What `name` (`default`, `*` for the namespace, or a name) of the module `source`,
    /// imported by the file at `from` in source folder `folder`, holds.
    pub fn follow(&self, from: &Path, folder: usize, source: &str, name: &str) -> Followed {
        self.follow_in(from, folder, source, name, &mut Vec::new())
    }

    /// Runs `lint` (one file's rules, on this thread) and returns with its result every
    /// project module the graph followed meanwhile: what the file's findings depend on
    /// besides the file and the route tree.
    pub fn recording<R>(lint: impl FnOnce() -> R) -> (R, BTreeSet<PathBuf>) {
        let outer = FOLLOWED.with(|followed| followed.replace(Some(BTreeSet::new())));
        let result = lint();
        let followed = FOLLOWED.with(|followed| followed.replace(outer)).unwrap_or_default();
        (result, followed)
    }

    fn follow_in(
        &self,
        from: &Path,
        folder: usize,
        source: &str,
        name: &str,
        seen: &mut Vec<(PathBuf, String)>,
    ) -> Followed {
        let path = match self.resolver.resolve(from, folder, source) {
            Resolution::Module(path) => {
                FOLLOWED.with(|followed| {
                    if let Some(followed) = followed.borrow_mut().as_mut() {
                        followed.insert(path.clone());
                    }
                });
                path
            }
            Resolution::Generated { .. } => return Followed::Generated,
            Resolution::Package(package) => return Followed::Package(package),
            Resolution::Unresolved(why) => return Followed::NotFollowed(why),
        };
        if seen.len() >= MAX_DEPTH {
            return Followed::NotFollowed(format!(
                "the chain of re-exports is deeper than {MAX_DEPTH} modules"
            ));
        }
        if seen.iter().any(|(p, n)| *p == path && n == name) {
            return Followed::NotFollowed(format!(
                "`{name}` of {} re-exports itself through a cycle",
                self.shown(&path)
            ));
        }
        seen.push((path.clone(), name.to_owned()));
        let module = match self.module(&path) {
            Ok(module) => module,
            Err(why) => return Followed::NotFollowed(why),
        };
        if name == "*" {
            // The namespace object itself: not a function; its members are followed by name.
            return Followed::Value { module, value: ExportedValue::Other };
        }
        match module.exports.get(name) {
            Some(ExportedValue::ReExport { source, name: inner }) => {
                let inner = inner.as_deref().unwrap_or("*");
                self.follow_in(&module.path, module.folder, source, inner, seen)
            }
            Some(value) => Followed::Value { module: Arc::clone(&module), value: value.clone() },
            None => {
                // `export * from` passes on every name but `default`.
                if name != "default" {
                    for star in &module.exports.star {
                        let found = self.follow_in(&module.path, module.folder, star, name, seen);
                        if !matches!(found, Followed::NotFollowed(_)) {
                            return found;
                        }
                    }
                }
                Followed::NotFollowed(format!("{} exports no `{name}`", self.shown(&path)))
            }
        }
    }

    /// The module at `path`, read and its exports extracted on first use.
    fn module(&self, path: &Path) -> Result<Arc<Module>, String> {
        if let Some(known) = lock(&self.modules).get(path) {
            return known.clone();
        }
        let read = self.read(path);
        lock(&self.modules).entry(path.to_path_buf()).or_insert(read).clone()
    }

    fn read(&self, path: &Path) -> Result<Arc<Module>, String> {
        let shown = self.shown(path);
        // An overlay is not what the disk holds: never taken from the cache nor put in it.
        let on_disk = self.sources.overlay(path).is_none();
        let rel = self.relative(path);
        let stamp = self.cache.stamp(path).filter(|_| on_disk);
        let cached = stamp.and_then(|stamp| self.cache.get(&rel, stamp));
        let exports = if let Some(exports) = cached {
            exports
        } else {
            let text = self.sources.read(path).map_err(|_| format!("{shown} cannot be read"))?;
            let exports = kosmo_lint_facts::extract_exports(path, &text)
                .map_err(|_| format!("{shown} does not parse"))?;
            if let Some(stamp) = stamp {
                self.cache.put(&rel, stamp, &exports);
            }
            exports
        };
        let folder = self.folders.iter().position(|f| path.starts_with(f)).unwrap_or_default();
        Ok(Arc::new(Module { path: path.to_path_buf(), folder, exports }))
    }

    /// Saves the exports of the modules this run followed for later runs.
    pub fn save_cache(self) -> std::io::Result<()> {
        self.cache.save()
    }

    /// A module's path relative to the project root, `/`-separated.
    fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.project_root).unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    }

    /// A module's path as messages show it: relative to the project root.
    pub fn shown(&self, path: &Path) -> String {
        format!("`{}`", self.relative(path))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
