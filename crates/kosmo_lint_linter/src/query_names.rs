//! The `query()` names of every SolidJS file of a source folder, gathered while a full run
//! lints its files; the files whose names clash with another file's are then linted again
//! with the whole table, so that `query-name-unique` reports the clash inside the file's own
//! `check_file` (and inline suppressions and `unused-suppression` treat those findings as
//! any other).
//!
//! Only a name and where it is are kept per wrapper, never a file's facts. Runs that name
//! files and the editor do not walk every file: they have no table, and the cross-file part
//! of the rule is skipped there (it can then miss a clash, never invent one).

use std::collections::HashMap;
use std::path::PathBuf;

use kosmo_lint_core::facts::{FileFacts, Framework};
use kosmo_lint_core::line_index::LineIndex;
use kosmo_lint_core::tree::{FolderTree, page_framework};
use kosmo_lint_core::{ProjectFile, Span};

use crate::rules::query_name_unique::Conflict;
use crate::source::Sources;

/// One named wrapper.
#[derive(Debug, Clone)]
struct Entry {
    folder: usize,
    path: PathBuf,
    key: String,
    /// `rel:line:col`, filled in for the entries that clash with another file's.
    location: String,
    span: Span,
}

/// The names, sorted by folder then key: the names a key is a prefix of follow it.
#[derive(Debug, Default)]
pub(crate) struct QueryNameTable {
    entries: Vec<Entry>,
}

/// Whether `file` is a SolidJS file: a page or layout its folder reads as Solid, or any
/// other file of a folder that is not another frontend's.
pub(crate) fn solid_file(file: &ProjectFile, facts: &FileFacts, folder: &FolderTree) -> bool {
    if let Some(page) = facts.page.as_deref() {
        return matches!(
            page_framework(file, Some(page), folder),
            Some(Framework::Solid | Framework::Unknown)
        );
    }
    matches!(folder.framework, None | Some(Framework::Solid | Framework::Unknown))
}

/// Collects the names of one file (the keyed, non-empty ones).
#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    entries: Vec<(Entry, String)>,
}

impl TableBuilder {
    pub(crate) fn add(&mut self, file: &ProjectFile, facts: &FileFacts, folder: &FolderTree) {
        if facts.query_names.is_empty() || !solid_file(file, facts, folder) {
            return;
        }
        for name in &facts.query_names {
            let Some(key) = name.key.as_deref().filter(|k| !k.is_empty()) else { continue };
            let entry = Entry {
                folder: file.folder,
                path: file.path.clone(),
                key: key.to_owned(),
                location: String::new(),
                span: name.span,
            };
            self.entries.push((entry, file.rel.clone()));
        }
    }

    /// The table; the file of every entry that clashes with another file's is read once to
    /// say where the entry is (clashes are rare, so this reads few files).
    pub(crate) fn finish(mut self, sources: &Sources) -> QueryNameTable {
        self.entries.sort_by(|(a, _), (b, _)| {
            (a.folder, &a.key, &a.path, a.span.start).cmp(&(
                b.folder,
                &b.key,
                &b.path,
                b.span.start,
            ))
        });
        let mut table = QueryNameTable { entries: Vec::with_capacity(self.entries.len()) };
        let mut rels = Vec::with_capacity(self.entries.len());
        for (entry, rel) in self.entries {
            table.entries.push(entry);
            rels.push(rel);
        }
        let mut clashing = vec![false; table.entries.len()];
        for index in 0..table.entries.len() {
            for other in table.clashes_from(index) {
                clashing[index] = true;
                clashing[other] = true;
            }
        }
        let mut texts: HashMap<PathBuf, Option<LineIndex>> = HashMap::new();
        for (index, entry) in table.entries.iter_mut().enumerate() {
            if !clashing[index] {
                continue;
            }
            let lines = texts
                .entry(entry.path.clone())
                .or_insert_with(|| sources.read(&entry.path).ok().map(|t| LineIndex::new(&t)));
            entry.location = match lines {
                Some(lines) => {
                    let (line, column) = lines.line_col(entry.span.start);
                    format!("{}:{line}:{column}", rels[index])
                }
                None => rels[index].clone(),
            };
        }
        table
    }
}

impl QueryNameTable {
    /// The files with a name that clashes with another file's name.
    pub(crate) fn paths_with_cross_file_clashes(&self) -> std::collections::BTreeSet<PathBuf> {
        let mut paths = std::collections::BTreeSet::new();
        for index in 0..self.entries.len() {
            for other in self.clashes_from(index) {
                paths.insert(self.entries[index].path.clone());
                paths.insert(self.entries[other].path.clone());
            }
        }
        paths
    }

    /// Indices of the entries after `index` whose key equals or starts with its key, in
    /// another file of its folder.
    fn clashes_from(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let entry = &self.entries[index];
        self.entries[index + 1..]
            .iter()
            .enumerate()
            .take_while(move |(_, other)| {
                other.folder == entry.folder && other.key.starts_with(entry.key.as_str())
            })
            .filter(move |(_, other)| other.path != entry.path)
            .map(move |(offset, _)| index + 1 + offset)
    }

    /// The clashes of the name `key` of the file at `path` (folder `folder`) with the names
    /// of the folder's other files: how they clash, the other name, and where it is.
    pub(crate) fn clashes(
        &self,
        folder: usize,
        path: &std::path::Path,
        key: &str,
    ) -> Vec<(Conflict, &str, &str)> {
        let at =
            |k: &str| self.entries.partition_point(|e| (e.folder, e.key.as_str()) < (folder, k));
        let mut found = Vec::new();
        // The names `key` is a prefix of, itself included, follow it in order.
        for entry in self.entries[at(key)..]
            .iter()
            .take_while(|e| e.folder == folder && e.key.starts_with(key))
        {
            if entry.path != path {
                found.push((
                    Conflict::of(key, &entry.key).expect("a prefix"),
                    entry.key.as_str(),
                    entry.location.as_str(),
                ));
            }
        }
        // The names that are a prefix of `key`: each shorter prefix, looked up.
        for (end, _) in key.char_indices().skip(1) {
            let prefix = &key[..end];
            for entry in self.entries[at(prefix)..]
                .iter()
                .take_while(|e| e.folder == folder && e.key == prefix)
            {
                if entry.path != path {
                    found.push((Conflict::StartsWith, entry.key.as_str(), entry.location.as_str()));
                }
            }
        }
        found
    }
}
