//! Running a project through the layers in two walks, so that memory does not grow with the
//! number of pages: the route definitions first (their facts make the route tree and are
//! kept), then every other file, parsed, checked against the tree and dropped as soon as it
//! is found. Both walks read and parse on the walker's threads, overlapping the walk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_core::walk::{
    WalkError, WalkErrorKind, WalkScope, project_file, walk_scope_recording,
};
use kosmo_lint_core::{Finding, Label, Project, ProjectFile, RouteTree};
use kosmo_lint_facts::{FactCache, TreeRecorder};
use kosmo_lint_rules::Rule;
use miette::{MietteDiagnostic, Report};
use rayon::prelude::*;

use crate::isolation::per_file;
use crate::timings::phase;

/// A project with its route tree loaded.
pub struct Session {
    pub project: Project,
    pub tree: RouteTree,
    /// The route definitions and their facts, sorted by path; emptied once they are checked.
    pub routes: Vec<(ProjectFile, FileFacts)>,
    /// The route definitions' findings and count, kept when their facts are dropped.
    route_results: Option<(Vec<Finding>, usize)>,
    pub walk_errors: Vec<WalkError>,
    /// `internal-error` findings: files whose analysis panicked (a bug), reported with the
    /// run's findings; the run exits 2.
    internal_errors: Mutex<Vec<Finding>>,
    /// Facts of unchanged files from earlier runs.
    pub cache: FactCache,
    /// Whether a check left files of the project unvisited (the cache keeps their entries).
    partial: bool,
    /// Whether the tree came from the cache, with no route definition read: named route
    /// definitions are then read and checked like any other named file.
    tree_from_cache: bool,
    /// What the tree was built from, to save it with at the end of the run (after the route
    /// definitions' facts are dropped, so that the two are not in memory at once).
    tree_recorder: Option<TreeRecorder>,
}

/// What checking a project found.
pub struct Checked {
    pub findings: Vec<Finding>,
    /// Files checked (those selected).
    pub files: usize,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The project around `path`.
pub fn discover(path: &Path) -> Result<Project, Report> {
    phase("discover", || Project::discover(path)).map_err(|err| {
        Report::new(MietteDiagnostic::new(err.to_string()).with_code("kosmo::project"))
    })
}

/// The absolute, resolved form of a path named on the command line, or why there is none: a
/// broken link or a link loop is named as such, not as a path that does not exist.
pub fn canonical_path(path: &Path) -> Result<PathBuf, Report> {
    std::fs::canonicalize(path).map_err(|err| {
        let shown = path.display();
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let message = match err.kind() {
            std::io::ErrorKind::NotFound if is_link => {
                format!("broken symbolic link, its target does not exist: {shown}")
            }
            std::io::ErrorKind::NotFound => format!("path does not exist: {shown}"),
            _ if is_link => format!("symbolic link that cannot be followed ({err}): {shown}"),
            _ => format!("cannot resolve {shown}: {err}"),
        };
        Report::msg(message)
    })
}

/// Loads the route tree of `project` (the first walk), with the project's fact cache unless
/// `use_cache` is false. When the run names files only (`files_only`), the tree saved by an
/// earlier run stands in for the walk if nothing it was built from has changed, or if route
/// files were only edited (those are read again alone).
pub fn load(project: Project, use_cache: bool, files_only: bool) -> Session {
    if use_cache
        && files_only
        && let Some(tree) = phase("cached tree", || kosmo_lint_facts::load_cached_tree(&project))
    {
        return Session {
            project,
            tree,
            routes: Vec::new(),
            route_results: None,
            walk_errors: Vec::new(),
            internal_errors: Mutex::default(),
            // Opening the fact cache costs more than parsing the few files named.
            cache: FactCache::disabled(),
            partial: false,
            tree_from_cache: true,
            tree_recorder: None,
        };
    }
    let cache = phase("cache", || {
        if use_cache { FactCache::open(&project.root) } else { FactCache::disabled() }
    });
    let recorder = use_cache.then(TreeRecorder::default);
    let routes = Mutex::new(Vec::new());
    let internal_errors = Mutex::new(Vec::new());
    let walk_errors = phase("routes", || {
        let visit = |file: ProjectFile| {
            let (facts, stamp) = match per_file(&file, || cache.facts_stamped(&file)) {
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
        walk_on_pool(&project, WalkScope::Routes, &visit, inputs)
    });
    let mut routes = routes.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    routes.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    let tree = phase("tree", || {
        let pairs: Vec<_> = routes.iter().map(|(file, facts)| (file, facts)).collect();
        RouteTree::from_routes(&project, &pairs)
    });
    routes.shrink_to_fit();
    // A walk that could not read a folder may have missed routes: such a tree is not kept.
    let unreadable = walk_errors.iter().any(|e| e.kind == WalkErrorKind::Unreadable);
    let tree_recorder = recorder.filter(|_| !unreadable);
    Session {
        project,
        tree,
        routes,
        route_results: None,
        walk_errors,
        internal_errors,
        cache,
        partial: false,
        tree_from_cache: false,
        tree_recorder,
    }
}

/// Walks `scope`, handing each file to the worker pool as it is found, so that reading and
/// parsing overlap the walk. Files are not parsed on the walker's own threads: `ignore`
/// starts them with the default stack (2 MiB), too small for deep nesting, and offers no
/// way to set it.
fn walk_on_pool(
    project: &Project,
    scope: WalkScope,
    visit: &(dyn Fn(ProjectFile) + Sync),
    inputs: Option<&Mutex<kosmo_lint_core::walk::WalkInputs>>,
) -> Vec<WalkError> {
    let threads = rayon::current_num_threads();
    rayon::in_place_scope(|pool| {
        let hand_over = |file: ProjectFile| pool.spawn(move |_| visit(file));
        walk_scope_recording(project, scope, threads, &hand_over, inputs)
    })
}

impl Session {
    /// Checks every selected file (the second walk for pages and the rest); findings are
    /// not sorted.
    /// `only_files`, when the run names files only (as pre-commit does), are the files to
    /// check besides the route definitions: no other page is walked or read.
    pub fn check(
        &mut self,
        rules: &[&dyn Rule],
        selected: &(dyn Fn(&Path) -> bool + Sync),
        only_files: Option<&[PathBuf]>,
    ) -> Checked {
        self.check_after_writes(rules, selected, only_files, &[])
    }

    /// [`Session::check`] again after a fix wrote `written`: the route definitions among them
    /// are read and checked again (their facts were dropped after the first check). A fix
    /// in a route definition only removes a comment, so the route tree stays right.
    pub fn check_after_writes(
        &mut self,
        rules: &[&dyn Rule],
        selected: &(dyn Fn(&Path) -> bool + Sync),
        only_files: Option<&[PathBuf]>,
        written: &[PathBuf],
    ) -> Checked {
        // The route definitions are checked once; their facts are then dropped, so that the
        // walk over the pages runs beside the route tree alone.
        let (route_findings, route_files) = match self.route_results.take() {
            Some((mut findings, files)) => {
                let rewritten: Vec<ProjectFile> = written
                    .iter()
                    .filter_map(|path| project_file(&self.project, path))
                    // With the tree from the cache, named route definitions are read with
                    // the other named files on every check, not kept from the first.
                    .filter(|_| !self.tree_from_cache)
                    .filter(|file| file.scope == WalkScope::Routes && selected(&file.path))
                    .collect();
                findings.retain(|finding| rewritten.iter().all(|file| file.path != finding.path));
                for file in &rewritten {
                    findings.extend(self.checked_file(rules, file));
                }
                (findings, files)
            }
            None => phase("check routes", || {
                let findings: Vec<Finding> = self
                    .routes
                    .par_iter()
                    .filter(|(file, _)| selected(&file.path))
                    .flat_map_iter(|(file, facts)| {
                        per_file(file, || self.findings_of(rules, file, facts))
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
        let visit = |file: ProjectFile| {
            if !selected(&file.path) {
                return;
            }
            let found = self.checked_file(rules, &file);
            let mut rest = lock(&rest);
            rest.0.extend(found);
            rest.1 += 1;
        };
        let errors = phase("check rest", || match only_files {
            // The pre-commit path: the files named are the only pages to read; nothing else
            // below `pages/` needs walking.
            Some(paths) => {
                let tree_from_cache = self.tree_from_cache;
                paths
                    .par_iter()
                    .filter_map(|path| project_file(&self.project, path))
                    .filter(|file| file.scope == WalkScope::Rest || tree_from_cache)
                    .for_each(visit);
                Vec::new()
            }
            None => walk_on_pool(&self.project, WalkScope::Rest, &visit, None),
        });
        let (rest_findings, rest_files) =
            rest.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        findings.extend(rest_findings);
        findings.extend(lock(&self.internal_errors).drain(..));
        files += rest_files;
        for error in self.walk_errors.iter().chain(&errors).filter(|e| selected(&e.path)) {
            findings.push(walk_finding(&self.project, error));
        }
        Checked { findings, files }
    }

    /// The route tree with every page, layout and fetch-client reference (the second walk,
    /// keeping what `kosmo-lint routes` shows), and what it could not show: files whose
    /// analysis panicked (`internal-error`), and what the walks could not read (`io-error`)
    /// or passed over (`skipped`).
    pub fn full_tree(mut self) -> (RouteTree, Vec<Finding>) {
        let rest = Mutex::new(Vec::new());
        let rest_errors = walk_on_pool(
            &self.project,
            WalkScope::Rest,
            &|file| match per_file(&file, || self.cache.facts(&file)) {
                Ok(facts) => lock(&rest).push((file, facts)),
                Err(finding) => lock(&self.internal_errors).push(*finding),
            },
            None,
        );
        let mut rest = rest.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        rest.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        for (file, facts) in self.routes.iter().chain(&rest) {
            self.tree.add_file(file, facts);
        }
        self.tree.finish();
        save_tree(self.tree_recorder, &self.project, &self.tree);
        save_cache(self.cache, false);
        let mut problems =
            self.internal_errors.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
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
    }

    /// A file's facts (from the cache or extracted) and findings; a panic in either is the
    /// file's `internal-error` finding.
    fn checked_file(&self, rules: &[&dyn Rule], file: &ProjectFile) -> Vec<Finding> {
        per_file(file, || self.findings_of(rules, file, &self.cache.facts(file)))
            .unwrap_or_else(|internal_error| vec![*internal_error])
    }

    fn findings_of(
        &self,
        rules: &[&dyn Rule],
        file: &ProjectFile,
        facts: &FileFacts,
    ) -> Vec<Finding> {
        let mut findings = file_findings(file, facts);
        findings.extend(kosmo_lint_rules::lint_file(rules, file, facts, &self.tree));
        kosmo_lint_rules::apply_suppressions(rules, file, facts, findings)
    }
}

fn save_tree(recorder: Option<TreeRecorder>, project: &Project, tree: &RouteTree) {
    let Some(inputs) = recorder.and_then(|r| phase("tree inputs", || r.finish(project))) else {
        return;
    };
    if let Err(err) = phase("save tree", || inputs.save(project, tree)) {
        eprintln!("kosmo-lint: warning: cannot write the route tree cache: {err}");
    }
}

fn save_cache(cache: FactCache, partial: bool) {
    if let Err(err) = phase("save cache", || cache.save(partial)) {
        eprintln!("kosmo-lint: warning: cannot write the fact cache: {err}");
    }
}

/// A path the walk could not lint: an `io-error`, or a `skipped` entry that does not fail the
/// run.
pub fn walk_finding(project: &Project, error: &WalkError) -> Finding {
    let display = project.relative(&error.path);
    let message = error.message.clone();
    match error.kind {
        WalkErrorKind::Unreadable => {
            Finding::whole_file("io-error", error.path.clone(), display, message)
        }
        WalkErrorKind::Skipped => {
            let mut finding = Finding::whole_file("skipped", error.path.clone(), display, message);
            finding.severity = kosmo_lint_core::Severity::Info;
            finding
        }
    }
}

/// `syntax-error` and `io-error` findings: nothing that could not be read or parsed is
/// skipped silently.
pub fn file_findings(file: &ProjectFile, facts: &FileFacts) -> Vec<Finding> {
    let whole_file = |message: String| {
        Finding::whole_file("io-error", file.path.clone(), file.rel.clone(), message)
    };
    match &facts.status {
        FileStatus::Parsed | FileStatus::Unsupported => Vec::new(),
        FileStatus::Unreadable { message } => {
            vec![whole_file(format!("cannot read file: {message}"))]
        }
        FileStatus::Binary => {
            vec![whole_file("binary file (contains a NUL byte), not source code".into())]
        }
        FileStatus::NotUtf8 { offset } => vec![whole_file(format!(
            "file is not valid UTF-8 (first invalid byte at offset {offset}); save it as UTF-8"
        ))],
        FileStatus::TooDeeplyNested { offset, limit } => {
            let mut finding = Finding::whole_file(
                "nesting-limit",
                file.path.clone(),
                file.rel.clone(),
                format!(
                    "nested too deeply to analyse: past {limit} units of nesting here (an open \
                     bracket counts 2, an operator 1); the file is not linted"
                ),
            );
            let at = kosmo_lint_core::Span::new(*offset, offset.saturating_add(1));
            finding.span = Some(at);
            finding.labels =
                vec![Label { span: at, text: Some("the limit is passed here".into()) }];
            finding.help = Some(
                "kosmo-lint refuses such files rather than risk overflowing its stack; \
                 flatten the nesting (or generate it flatter) to have the file linted"
                    .into(),
            );
            vec![finding]
        }
        FileStatus::SyntaxErrors { errors } => errors
            .iter()
            .map(|error| {
                let mut finding = Finding::whole_file(
                    "syntax-error",
                    file.path.clone(),
                    file.rel.clone(),
                    error.message.clone(),
                );
                finding.span = Some(error.span);
                finding.labels = vec![Label { span: error.span, text: error.label.clone() }];
                finding.help.clone_from(&error.help);
                finding
            })
            .collect(),
    }
}
