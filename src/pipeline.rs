//! Running a project through the layers in two walks, so that memory does not grow with the
//! number of pages: the route definitions first (their facts make the route tree and are
//! kept), then every other file, parsed, checked against the tree and dropped as soon as it
//! is found. Both walks read and parse on the walker's threads, overlapping the walk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_core::walk::{WalkError, WalkScope, project_file, walk_scope};
use kosmo_lint_core::{Finding, Label, Project, ProjectFile, RouteTree};
use kosmo_lint_facts::FactCache;
use kosmo_lint_rules::Rule;
use miette::{MietteDiagnostic, Report};
use rayon::prelude::*;

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
    /// Facts of unchanged files from earlier runs.
    pub cache: FactCache,
    /// Whether a check left files of the project unvisited (the cache keeps their entries).
    partial: bool,
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

/// Finds the project around `path` and loads its route tree (the first walk), with the
/// project's fact cache unless `use_cache` is false.
pub fn load(path: &Path, use_cache: bool) -> Result<Session, Report> {
    let project = phase("discover", || Project::discover(path)).map_err(|err| {
        Report::new(MietteDiagnostic::new(err.to_string()).with_code("kosmo::project"))
    })?;
    let cache = phase("cache", || {
        if use_cache { FactCache::open(&project.root) } else { FactCache::disabled() }
    });
    let routes = Mutex::new(Vec::new());
    let walk_errors = phase("routes", || {
        walk_scope(&project, WalkScope::Routes, rayon::current_num_threads(), &|file| {
            let facts = cache.facts(&file);
            lock(&routes).push((file, facts));
        })
    });
    let mut routes = routes.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    routes.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    let tree = phase("tree", || {
        let pairs: Vec<_> = routes.iter().map(|(file, facts)| (file, facts)).collect();
        RouteTree::from_routes(&project, &pairs)
    });
    routes.shrink_to_fit();
    Ok(Session { project, tree, routes, route_results: None, walk_errors, cache, partial: false })
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
        // The route definitions are checked once; their facts are then dropped, so that the
        // walk over the pages runs beside the route tree alone. (Fixes never touch them.)
        let (route_findings, route_files) = match self.route_results.take() {
            Some(results) => results,
            None => phase("check routes", || {
                let findings: Vec<Finding> = self
                    .routes
                    .par_iter()
                    .filter(|(file, _)| selected(&file.path))
                    .flat_map_iter(|(file, facts)| self.findings_of(rules, file, facts))
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
            let facts = self.cache.facts(&file);
            let found = self.findings_of(rules, &file, &facts);
            let mut rest = lock(&rest);
            rest.0.extend(found);
            rest.1 += 1;
        };
        let errors = phase("check rest", || match only_files {
            // The pre-commit path: the files named are the only pages to read; nothing else
            // below `pages/` needs walking.
            Some(paths) => {
                paths
                    .par_iter()
                    .filter_map(|path| project_file(&self.project, path))
                    .filter(|file| file.scope == WalkScope::Rest)
                    .for_each(visit);
                Vec::new()
            }
            None => {
                walk_scope(&self.project, WalkScope::Rest, rayon::current_num_threads(), &visit)
            }
        });
        let (rest_findings, rest_files) =
            rest.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        findings.extend(rest_findings);
        files += rest_files;
        for error in self.walk_errors.iter().chain(&errors).filter(|e| selected(&e.path)) {
            findings.push(Finding::whole_file(
                "io-error",
                error.path.clone(),
                self.project.relative(&error.path),
                format!("cannot read: {}", error.message),
            ));
        }
        Checked { findings, files }
    }

    /// The route tree with every page, layout and fetch-client reference (the second walk,
    /// keeping what `kosmo-lint routes` shows).
    pub fn full_tree(mut self) -> RouteTree {
        let rest = Mutex::new(Vec::new());
        walk_scope(&self.project, WalkScope::Rest, rayon::current_num_threads(), &|file| {
            let facts = self.cache.facts(&file);
            lock(&rest).push((file, facts));
        });
        let mut rest = rest.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        rest.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        for (file, facts) in self.routes.iter().chain(&rest) {
            self.tree.add_file(file, facts);
        }
        self.tree.finish();
        save_cache(self.cache, false);
        self.tree
    }

    /// Writes the fact cache; a cache that cannot be written costs speed, not results, so
    /// it is a warning on stderr.
    pub fn finish(self) {
        save_cache(self.cache, self.partial);
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

fn save_cache(cache: FactCache, partial: bool) {
    if let Err(err) = phase("save cache", || cache.save(partial)) {
        eprintln!("kosmo-lint: warning: cannot write the fact cache: {err}");
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
