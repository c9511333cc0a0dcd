//! A project session: the project, its route tree, its caches and its sources, and the runs
//! over it. Memory must not grow with the number of pages, so a check is two walks: the
//! route definitions first (their facts make the route tree and are kept until they are
//! checked), then every other file, read, checked against the tree and dropped as soon as it
//! is found. Both walks hand each file to the worker pool as they find it, so reading and
//! parsing overlap the walk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kosmo_lint_core::facts::FileFacts;
use kosmo_lint_core::walk::{
    WalkError, WalkErrorKind, WalkInputs, WalkScope, project_file, walk_scope_recording,
};
use kosmo_lint_core::{Finding, Project, ProjectFile, RouteTree};
use kosmo_lint_facts::{DependencyRecorder, FactCache, TreeRecorder};
use rayon::prelude::*;

use crate::Linter;
use crate::dependents::{Dependent, dependents, file_reads};
use crate::glue::load_solid_glues;
use crate::isolation::per_file;
use crate::modules::graph::ModuleGraph;
use crate::query_names::TableBuilder;
use crate::source::Sources;
use crate::status::walk_finding;
use crate::timings::phase;

mod editing;
pub use editing::EditScope;

/// How a session loads its project.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Read (and, for the command line's runs, write) the fact and tree caches
    /// (`--no-cache` turns them off).
    pub use_cache: bool,
    /// What the session is for.
    pub run: RunKind,
}

/// What a session is loaded for: which caches stand in for a walk, and what a file's
/// findings are measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// A check of folders (`kosmo-lint check`, `routes`): with the caches, a run over the
    /// whole project records what each file reads, for later runs that name files.
    Project,
    /// A run that names files only (pre-commit): the route tree saved by an earlier run
    /// stands in for the routes walk when nothing it was built from has changed, and the
    /// files whose routes or modules changed since the last full run are checked too,
    /// reporting only what the change brought.
    NamedFiles,
    /// Files linted one at a time as an editor or a lint host asks (the language server,
    /// the oxlint and `ESLint` plugin): the saved route tree stands in as for named files,
    /// every file reports all of its findings, and the caches are read, never written (the
    /// session lives as long as its host and never finishes a run).
    Editor,
}

/// Which files a check reports on.
#[derive(Clone, Copy)]
pub struct Selection<'a> {
    /// Whether findings of the file at this path are wanted (the paths named, less the
    /// configuration's ignore patterns).
    pub selected: &'a (dyn Fn(&Path) -> bool + Sync),
    /// When the run names files only: the files to check besides the route definitions. No
    /// other page is walked or read.
    pub only_files: Option<&'a [PathBuf]>,
    /// Whether the paths named hold the whole project (a run over its root): such a run,
    /// with the caches, records what each file reads for later runs over named files.
    pub whole_project: bool,
}

/// What checking a project found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Not sorted.
    pub findings: Vec<Finding>,
    /// Files checked (those selected).
    pub files: usize,
}

/// A project with its route tree loaded.
pub struct Session {
    pub project: Project,
    pub tree: RouteTree,
    /// The project's modules, followed on demand by the rules.
    pub modules: ModuleGraph,
    pub(crate) sources: Sources,
    /// The route definitions and their facts, sorted by path; emptied once they are checked.
    routes: Vec<(ProjectFile, FileFacts)>,
    /// The route definitions' findings and count, kept when their facts are dropped.
    route_results: Option<(Vec<Finding>, usize)>,
    walk_errors: Vec<WalkError>,
    /// `internal-error` findings: files whose analysis panicked (a bug), reported with the
    /// run's findings; the run exits 2.
    internal_errors: Mutex<Vec<Finding>>,
    /// Facts of unchanged files from earlier runs.
    cache: FactCache,
    /// Whether a check left files of the project unvisited (the cache keeps their entries).
    partial: bool,
    /// Whether the tree came from the cache, with no route definition read: named route
    /// definitions are then read and checked like any other named file.
    tree_from_cache: bool,
    /// What the tree was built from, to save it with at the end of the run (after the route
    /// definitions' facts are dropped, so that the two are not in memory at once).
    tree_recorder: Option<TreeRecorder>,
    /// What each file read, recorded by a run that may check every file (saved only when
    /// one did: see `Session::check`).
    dependency_recorder: Option<DependencyRecorder>,
    /// A run that names files: the files it checks besides, because something they read
    /// changed since the last full run, each with the note its findings carry.
    dependents: BTreeMap<PathBuf, Dependent>,
    /// A full run's `query()` names, gathered as its files are linted (`query_names.rs`).
    query_names: Mutex<Option<TableBuilder>>,
    /// Whether the caches are read and written (`--no-cache` turns them off).
    use_cache: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn into_inner<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Session {
    /// Loads the route tree of `project` (the first walk) with the project's fact cache,
    /// reading files from `sources`.
    pub fn load(project: Project, sources: Sources, options: LoadOptions) -> Self {
        // An overlaid route definition is not what the saved tree was built from, and a tree
        // built from it is not the disk's: such a session neither reads nor saves the tree.
        let overlaid = sources.overlaid().next().is_some();
        let overlays_routes = sources
            .overlaid()
            .filter_map(|path| project_file(&project, path))
            .any(|file| file.scope == WalkScope::Routes);
        if options.use_cache
            && options.run != RunKind::Project
            && !overlays_routes
            && let Some(tree) =
                phase("cached tree", || kosmo_lint_facts::load_cached_tree(&project))
        {
            let modules = module_graph(&project, &tree, &sources, options.use_cache);
            // A commit's files bring their dependents; an editor's file is linted alone.
            let dependents = if options.run == RunKind::NamedFiles && !overlaid {
                dependents(&project, &tree)
            } else {
                BTreeMap::new()
            };
            let cache = phase("cache", || fact_cache(&project, options, true));
            return Self {
                project,
                tree,
                modules,
                sources,
                routes: Vec::new(),
                route_results: None,
                walk_errors: Vec::new(),
                internal_errors: Mutex::default(),
                cache,
                partial: false,
                tree_from_cache: true,
                tree_recorder: None,
                dependency_recorder: None,
                dependents,
                query_names: Mutex::default(),
                use_cache: options.use_cache,
            };
        }
        let cache = phase("cache", || fact_cache(&project, options, false));
        let records = options.use_cache && options.run != RunKind::Editor;
        let recorder = (records && !overlays_routes).then(TreeRecorder::default);
        let routes = Mutex::new(Vec::new());
        let internal_errors = Mutex::new(Vec::new());
        let walk_errors = phase("routes", || {
            let visit = |file: ProjectFile| {
                let (facts, stamp) = match per_file(&file, || sources.facts_stamped(&cache, &file))
                {
                    Ok(extracted) => extracted,
                    Err(finding) => return lock(&internal_errors).push(*finding),
                };
                if let Some(recorder) = &recorder {
                    let evidence = kosmo_lint_core::tree::file_evidence(&facts);
                    let is_config = file.kind == kosmo_lint_core::FileKind::Config;
                    recorder.file(&file.rel, stamp, file.folder, is_config, evidence);
                }
                lock(&routes).push((file, facts));
            };
            let inputs = recorder.as_ref().map(TreeRecorder::walk_inputs);
            walk_with_overlays(&project, &sources, WalkScope::Routes, &visit, inputs)
        });
        let mut routes = into_inner(routes);
        routes.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        let tree = phase("tree", || {
            let pairs: Vec<_> = routes.iter().map(|(file, facts)| (file, facts)).collect();
            let mut tree = RouteTree::from_routes(&project, &pairs);
            load_solid_glues(&project, &mut tree, &routes, &sources, recorder.as_ref());
            tree
        });
        routes.shrink_to_fit();
        // A walk that could not read a folder may have missed routes: such a tree is not kept.
        let unreadable = walk_errors.iter().any(|e| e.kind == WalkErrorKind::Unreadable);
        let tree_recorder = recorder.filter(|_| !unreadable);
        let modules = module_graph(&project, &tree, &sources, options.use_cache);
        let record_dependencies = options.use_cache && options.run == RunKind::Project && !overlaid;
        let dependents = if options.use_cache && options.run == RunKind::NamedFiles && !overlaid {
            dependents(&project, &tree)
        } else {
            BTreeMap::new()
        };
        Self {
            project,
            tree,
            modules,
            sources,
            routes,
            route_results: None,
            walk_errors,
            internal_errors,
            cache,
            partial: false,
            tree_from_cache: false,
            tree_recorder,
            dependency_recorder: record_dependencies.then(DependencyRecorder::default),
            dependents,
            query_names: Mutex::default(),
            use_cache: options.use_cache,
        }
    }

    /// Checks every selected file: the route definitions (once; their findings are kept
    /// for later checks), then the second walk over pages and the rest. Findings are not
    /// sorted.
    pub fn check(&mut self, linter: &Linter, selection: Selection<'_>) -> Checked {
        let Selection { selected, only_files, whole_project } = selection;
        // A full run gathers every file's `query()` names as it lints them; the files whose
        // names clash with another file's are linted again once all are known.
        let gather_names = only_files.is_none()
            && whole_project
            && self.route_results.is_none()
            && linter.runs("query-name-unique");
        if gather_names {
            let mut names = TableBuilder::default();
            for (file, facts) in &self.routes {
                names.add(file, facts, self.tree.folder(file.folder));
            }
            *lock(&self.query_names) = Some(names);
        }
        // The route definitions are checked once; their facts are then dropped, so that the
        // walk over the pages runs beside the route tree alone.
        let (route_findings, route_files) = match self.route_results.take() {
            Some(results) => results,
            None => phase("check routes", || {
                let findings: Vec<Finding> = self
                    .routes
                    .par_iter()
                    .filter(|(file, _)| selected(&file.path))
                    .flat_map_iter(|(file, facts)| {
                        per_file(file, || {
                            linter.lint_file(file, facts, &self.tree, Some(&self.modules))
                        })
                        .unwrap_or_else(|internal_error| vec![*internal_error])
                    })
                    .collect();
                let files = self.routes.iter().filter(|(file, _)| selected(&file.path)).count();
                (findings, files)
            }),
        };
        self.routes = Vec::new();
        self.route_results = Some((route_findings.clone(), route_files));
        let mut findings = route_findings;
        let mut files = route_files;
        self.partial |= only_files.is_some();
        let rest = Mutex::new((Vec::new(), 0));
        // The dependency index is of every file: a run over part of the project saves none.
        if only_files.is_some() || !whole_project {
            self.dependency_recorder = None;
        }
        if let Some(named) = only_files {
            // A file named is checked as such, whatever it reads.
            self.dependents.retain(|path, _| !named.contains(path));
        }
        let visit = |file: ProjectFile| {
            if !selected(&file.path) && !self.dependents.contains_key(&file.path) {
                return;
            }
            let found = self.checked_file(linter, &file);
            let mut rest = lock(&rest);
            rest.0.extend(found);
            rest.1 += 1;
        };
        let errors = phase("check rest", || match only_files {
            // The pre-commit path: the files named are the only pages to read; nothing else
            // below `pages/` needs walking.
            Some(paths) => {
                let tree_from_cache = self.tree_from_cache;
                let dependents: Vec<&PathBuf> = self.dependents.keys().collect();
                paths
                    .par_iter()
                    .chain(dependents.into_par_iter())
                    .filter_map(|path| project_file(&self.project, path))
                    .filter(|file| file.scope == WalkScope::Rest || tree_from_cache)
                    .for_each(visit);
                Vec::new()
            }
            None => walk_with_overlays(&self.project, &self.sources, WalkScope::Rest, &visit, None),
        });
        let (rest_findings, rest_files) = into_inner(rest);
        findings.extend(rest_findings);
        let gathered = lock(&self.query_names).take();
        if let Some(names) = gathered {
            phase("query names", || self.relint_name_clashes(linter, names, &mut findings));
        }
        findings.extend(lock(&self.internal_errors).drain(..));
        files += rest_files;
        for error in self.walk_errors.iter().chain(&errors).filter(|e| selected(&e.path)) {
            findings.push(walk_finding(&self.project, error));
        }
        Checked { findings, files }
    }

    /// Builds the table of every file's `query()` names and lints again the files whose
    /// names clash with another file's, their findings replacing the walk's (which could
    /// compare each file's names only with its own). Clashes are rare: few files are read
    /// twice.
    fn relint_name_clashes(
        &mut self,
        linter: &Linter,
        names: TableBuilder,
        findings: &mut Vec<Finding>,
    ) {
        let table = names.finish(&self.sources);
        let clashing = table.paths_with_cross_file_clashes();
        self.modules.set_query_names(Some(table));
        if clashing.is_empty() {
            return;
        }
        findings.retain(|f| !clashing.contains(&f.path));
        let again: Vec<Finding> = clashing
            .par_iter()
            .filter_map(|path| project_file(&self.project, path))
            .flat_map_iter(|file| {
                per_file(&file, || {
                    let facts = self.sources.facts(&self.cache, &file);
                    linter.lint_file(&file, &facts, &self.tree, Some(&self.modules))
                })
                .unwrap_or_else(|internal_error| vec![*internal_error])
            })
            .collect();
        findings.extend(again);
    }

    /// A run that names files: the files to check besides those named, because a route or
    /// module they read changed since the last full run (their findings say so). Empty for
    /// other runs, and when no full run saved what files read.
    pub fn dependents(&self) -> impl Iterator<Item = &Path> {
        self.dependents.keys().map(PathBuf::as_path)
    }

    /// Keeps the dependents `keep` accepts (the configuration's ignore patterns pass over
    /// some); [`Session::check`] checks the rest besides the files named.
    pub fn retain_dependents(&mut self, keep: impl Fn(&Path) -> bool) {
        self.dependents.retain(|path, _| keep(path));
    }

    /// What a file is linted against: the route tree and the module graph.
    pub fn project_view(&self) -> (&RouteTree, Option<&ModuleGraph>) {
        (&self.tree, Some(&self.modules))
    }

    /// The findings of one file, read from the sources (its overlay, or the disk), against
    /// the loaded route tree: what an editor shows for a buffer. `None` for a path that is
    /// not a file of the project.
    pub fn lint_path(&self, linter: &Linter, path: &Path) -> Option<Vec<Finding>> {
        let file = project_file(&self.project, &crate::source::resolved(path))?;
        Some(self.checked_file(linter, &file))
    }

    /// The route tree with every page, layout and fetch-client reference (the second walk,
    /// keeping what `kosmo-lint routes` shows), and what it could not show: files whose
    /// analysis panicked (`internal-error`), and what the walks could not read (`io-error`)
    /// or passed over (`skipped`).
    pub fn full_tree(mut self) -> (RouteTree, Vec<Finding>) {
        let rest = Mutex::new(Vec::new());
        let rest_errors = walk_with_overlays(
            &self.project,
            &self.sources,
            WalkScope::Rest,
            &|file| match per_file(&file, || self.sources.facts(&self.cache, &file)) {
                Ok(facts) => lock(&rest).push((file, facts)),
                Err(finding) => lock(&self.internal_errors).push(*finding),
            },
            None,
        );
        let mut rest = into_inner(rest);
        rest.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        for (file, facts) in self.routes.iter().chain(&rest) {
            self.tree.add_file(file, facts);
        }
        self.tree.finish();
        save_tree(self.tree_recorder, &self.project, &self.tree);
        save_cache(self.cache, false);
        let mut problems = into_inner(self.internal_errors);
        let walk_errors = self.walk_errors.iter().chain(&rest_errors);
        problems.extend(walk_errors.map(|error| walk_finding(&self.project, error)));
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        (self.tree, problems)
    }

    /// Writes the caches; a cache that cannot be written costs speed, not results, so it is
    /// a warning on stderr.
    pub fn finish(self) {
        save_tree(self.tree_recorder, &self.project, &self.tree);
        save_cache(self.cache, self.partial);
        save_dependencies(self.dependency_recorder, &self.project, &self.tree);
        if let Err(err) = phase("save modules", || self.modules.save_cache()) {
            eprintln!("kosmo-lint: warning: cannot write the module cache: {err}");
        }
    }

    /// A file's facts (from its overlay, the cache or the disk) and findings; a panic in
    /// either is the file's `internal-error` finding.
    /// Adds the file's `query()` names to a full run's table, if one is being gathered.
    fn gather_names(&self, file: &ProjectFile, facts: &FileFacts) {
        if facts.query_names.is_empty() {
            return;
        }
        if let Some(names) = lock(&self.query_names).as_mut() {
            names.add(file, facts, self.tree.folder(file.folder));
        }
    }

    pub(crate) fn checked_file(&self, linter: &Linter, file: &ProjectFile) -> Vec<Finding> {
        let Some(recorder) = &self.dependency_recorder else {
            let findings = per_file(file, || {
                let facts = self.sources.facts(&self.cache, file);
                self.gather_names(file, &facts);
                linter.lint_file(file, &facts, &self.tree, Some(&self.modules))
            })
            .unwrap_or_else(|internal_error| vec![*internal_error]);
            return match self.dependents.get(&file.path) {
                Some(dependent) => dependent.new_findings(findings),
                None => findings,
            };
        };
        let (checked, followed) = ModuleGraph::recording(|| {
            per_file(file, || {
                let facts = self.sources.facts(&self.cache, file);
                self.gather_names(file, &facts);
                let findings = linter.lint_file(file, &facts, &self.tree, Some(&self.modules));
                (findings, facts)
            })
        });
        match checked {
            Ok((findings, facts)) => {
                let checked = (&facts, findings.as_slice());
                recorder.file(file_reads(&self.project, file, checked, &self.tree, &followed));
                findings
            }
            Err(internal_error) => vec![*internal_error],
        }
    }
}

/// The fact cache of a session, given whether its route tree came from the tree cache.
/// Opening it costs more than parsing the few files a commit names; an editor or a lint host
/// asks for files for as long as it runs (a host over the whole project, for every one), and
/// only reads it.
fn fact_cache(project: &Project, options: LoadOptions, tree_cached: bool) -> FactCache {
    match (options.use_cache, options.run) {
        (false, _) => FactCache::disabled(),
        (true, RunKind::Editor) => FactCache::open_read_only(&project.root),
        (true, RunKind::NamedFiles) if tree_cached => FactCache::disabled(),
        (true, RunKind::Project | RunKind::NamedFiles) => FactCache::open(&project.root),
    }
}

/// Walks `scope`, handing each file to the worker pool as it is found, so that reading and
/// parsing overlap the walk; then visits the overlays of `scope` the walk did not find (a
/// buffer not yet saved). Files are not parsed on the walker's own threads: `ignore` starts
/// them with the default stack (2 MiB), too small for deep nesting, and offers no way to
/// set it.
fn walk_with_overlays(
    project: &Project,
    sources: &Sources,
    scope: WalkScope,
    visit: &(dyn Fn(ProjectFile) + Sync),
    inputs: Option<&Mutex<WalkInputs>>,
) -> Vec<WalkError> {
    let threads = rayon::current_num_threads();
    let found = Mutex::new(BTreeSet::new());
    let errors = rayon::in_place_scope(|pool| {
        let found = &found;
        let hand_over = |file: ProjectFile| {
            if sources.overlay(&file.path).is_some() {
                lock(found).insert(file.path.clone());
            }
            pool.spawn(move |_| visit(file));
        };
        walk_scope_recording(project, scope, threads, &hand_over, inputs)
    });
    let found = into_inner(found);
    sources
        .overlaid()
        .filter(|path| !found.contains(*path))
        .filter_map(|path| project_file(project, path))
        .filter(|file| file.scope == scope)
        .for_each(visit);
    errors
}

/// The module graph of a project whose route tree is `tree` (each folder's generation decides
/// its aliases).
fn module_graph(
    project: &Project,
    tree: &RouteTree,
    sources: &Sources,
    use_cache: bool,
) -> ModuleGraph {
    let generations: Vec<_> = tree.folders.iter().map(|folder| folder.generation).collect();
    let cache = if use_cache {
        kosmo_lint_facts::ModuleCache::open(&project.root)
    } else {
        kosmo_lint_facts::ModuleCache::disabled()
    };
    ModuleGraph::new(project, &generations, sources.clone(), cache)
}

fn save_tree(recorder: Option<TreeRecorder>, project: &Project, tree: &RouteTree) {
    let Some(inputs) = recorder.and_then(|r| phase("tree inputs", || r.finish(project))) else {
        return;
    };
    if let Err(err) = phase("save tree", || inputs.save(project, tree)) {
        eprintln!("kosmo-lint: warning: cannot write the route tree cache: {err}");
    }
}

fn save_dependencies(recorder: Option<DependencyRecorder>, project: &Project, tree: &RouteTree) {
    let Some(index) = recorder.and_then(|r| phase("dependents", || r.finish(project, tree))) else {
        return;
    };
    if let Err(err) = phase("save dependents", || index.save(project)) {
        eprintln!("kosmo-lint: warning: cannot write the dependency index: {err}");
    }
}

fn save_cache(cache: FactCache, partial: bool) {
    if let Err(err) = phase("save cache", || cache.save(partial)) {
        eprintln!("kosmo-lint: warning: cannot write the fact cache: {err}");
    }
}
