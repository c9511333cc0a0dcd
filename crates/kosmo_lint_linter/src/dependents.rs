//! Dependents: the pages a run that names files (pre-commit) checks besides those named,
//! because something they read changed since the last full run (a route deleted, renamed,
//! added or edited, a module their data functions import edited or deleted). A full run
//! records what each file reads ([`kosmo_lint_facts::DependencyIndex`]); a run that names
//! files compares that with the current route tree and the disk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use kosmo_lint_core::facts::FileFacts;
use kosmo_lint_core::refs::RefFolder;
use kosmo_lint_core::{Finding, Project, ProjectFile, RouteTree};
use kosmo_lint_facts::{Change, DependencyIndex, FileReads, fingerprint};

/// A file checked because something it reads changed: why, and what it found then.
pub(crate) struct Dependent {
    /// What it reads that changed.
    changes: Vec<Change>,
    /// The fingerprints of its findings at the last full run, sorted.
    findings_before: Vec<u64>,
}

/// What `file` read while it was linted (the routes its fetch-client references name, in
/// the folder whose routes each one reads, and the modules the graph followed from it) and
/// what it found.
pub(crate) fn file_reads(
    project: &Project,
    file: &ProjectFile,
    (facts, findings): (&FileFacts, &[Finding]),
    tree: &RouteTree,
    modules: &BTreeSet<PathBuf>,
) -> FileReads {
    let mut routes: Vec<(usize, String)> = facts
        .fetch_refs
        .iter()
        .filter_map(|r| match tree.ref_folder(file.folder, r.folder.as_ref()) {
            RefFolder::Found(folder) => Some((folder, r.route.clone())),
            RefFolder::Missing | RefFolder::Unverifiable => None,
        })
        .collect();
    // A key read off an import (`api["users"].GET()`) is a route when the module exports
    // the fetch map under that name, and of the folder that map's import names: which, only
    // the module graph tells. Taken as a read of that name in every folder, a change to any
    // such route brings the file in (it reports only what the change brought).
    for imported in &facts.imported_refs {
        let name = &imported.key.value;
        routes.extend((0..tree.folders.len()).map(|folder| (folder, name.clone())));
    }
    routes.sort_unstable();
    routes.dedup();
    let modules = modules.iter().map(|path| project.relative(path)).collect();
    let findings = findings.iter().map(fingerprint).collect();
    FileReads { rel: file.rel.clone(), routes, modules, findings }
}

/// The files to check besides those named: the recorded readers of what changed, that
/// still exist.
pub(crate) fn dependents(project: &Project, tree: &RouteTree) -> BTreeMap<PathBuf, Dependent> {
    let Some(index) = DependencyIndex::load(project) else { return BTreeMap::new() };
    index
        .changes(project, tree)
        .into_iter()
        .map(|(rel, dependent)| {
            let findings_before = dependent.findings_before.to_vec();
            (project.root.join(rel), Dependent { changes: dependent.changes, findings_before })
        })
        .filter(|(path, _)| path.is_file())
        .collect()
}

/// Why a file that was not named is checked, in the words of its findings' help.
fn note<'c>(changes: impl Iterator<Item = &'c Change>) -> String {
    let reasons: Vec<String> = changes
        .map(|change| match change {
            Change::RouteRemoved { route, file } => format!(
                "it reads the route `{route}`, whose definition `{file}` was deleted or renamed"
            ),
            Change::RouteAdded { route, file } => {
                format!("it reads the route `{route}`, now defined by `{file}`")
            }
            Change::RouteEdited { route, file } => {
                format!("it reads the route `{route}`, whose definition `{file}` was edited")
            }
            Change::ModuleChanged { path, deleted: false } => {
                format!("it imports `{path}`, which was edited")
            }
            Change::ModuleChanged { path, deleted: true } => {
                format!("it imports `{path}`, which was deleted")
            }
        })
        .collect();
    format!(
        "this file was not named; it is checked because {} since the last full run",
        reasons.join("; ")
    )
}

impl Dependent {
    /// Of the findings of a file that was not named, those that depend on what changed (it
    /// did not find them at the last full run), each saying why the file was checked, and
    /// none offering a fix (a run over named files changes no other file).
    ///
    /// A finding whose message names some of the changed routes or modules is said to be
    /// checked because of those; any other, because of every change the file reads.
    pub(crate) fn new_findings(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|finding| self.findings_before.binary_search(&fingerprint(finding)).is_err())
            .map(|mut finding| {
                let named = |change: &&Change| finding.message.contains(&named_as(change));
                let note = if self.changes.iter().any(|c| named(&c)) {
                    note(self.changes.iter().filter(named))
                } else {
                    note(self.changes.iter())
                };
                finding.help = Some(match finding.help.take() {
                    Some(help) => format!("{help}\n{note}"),
                    None => note,
                });
                finding.fix = None;
                finding
            })
            .collect()
    }
}

/// How a finding's message names what changed: `` `users` ``, `` `src/app/queries.ts` ``.
fn named_as(change: &Change) -> String {
    match change {
        Change::RouteRemoved { route, .. }
        | Change::RouteAdded { route, .. }
        | Change::RouteEdited { route, .. } => format!("`{route}`"),
        Change::ModuleChanged { path, .. } => format!("`{path}`"),
    }
}
