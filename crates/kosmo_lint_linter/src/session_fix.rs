//! Fixing a checked project: every file with an applicable fix goes through the fix loop
//! ([`crate::lint_fix`]) in parallel, and is written atomically unless it is an overlay.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kosmo_lint_core::Finding;
use kosmo_lint_core::walk::project_file;
use kosmo_lint_fix::{FixOptions, applies, write_atomically};
use rayon::prelude::*;

use crate::isolation::per_file;
use crate::lint_fix::fix_findings;
use crate::{Checked, FileChange, Linter, Session};

/// What fixing changed.
#[derive(Debug, Default)]
pub struct Fixed {
    /// Files changed, in path order: written to disk with `options.write`, unless the file
    /// is an overlay, whose fixed text is only returned.
    pub changes: Vec<FileChange>,
    /// Fixes applied to those files.
    pub fixes: usize,
}

impl Session {
    /// Fixes what `checked` offers to fix, each file in the fix loop ([`crate::lint_fix`]):
    /// with `options.write` each changed file is written (atomically) and its findings in
    /// `checked` become those of its fixed text, as a fresh run would find them. Fixes that
    /// were refused (`fix-error`) and files that could not be written (`io-error`) are added
    /// to `checked`, whose other findings stay.
    pub fn fix(&self, linter: &Linter, checked: &mut Checked, options: FixOptions) -> Fixed {
        let mut by_file: BTreeMap<PathBuf, Vec<Finding>> = BTreeMap::new();
        let fixable: BTreeSet<&PathBuf> = checked
            .findings
            .iter()
            .filter(|f| f.fix.as_ref().is_some_and(|fix| applies(fix.applicability, options)))
            .map(|f| &f.path)
            .collect();
        let fixable: BTreeSet<PathBuf> = fixable.into_iter().cloned().collect();
        let mut kept = Vec::with_capacity(checked.findings.len());
        for finding in std::mem::take(&mut checked.findings) {
            if fixable.contains(&finding.path) {
                by_file.entry(finding.path.clone()).or_default().push(finding);
            } else {
                kept.push(finding);
            }
        }
        let outcomes: Vec<FileFix> = by_file
            .into_par_iter()
            .map(|(path, findings)| self.fix_file(linter, &path, findings, options))
            .collect();
        let mut fixed = Fixed::default();
        for outcome in outcomes {
            kept.extend(outcome.findings);
            if let Some((change, fixes)) = outcome.change {
                fixed.fixes += fixes;
                fixed.changes.push(change);
            }
        }
        checked.findings = kept;
        fixed
    }

    /// One file through the fix loop; a panic in it is the file's `internal-error`, and the
    /// file is left as it was.
    fn fix_file(
        &self,
        linter: &Linter,
        path: &Path,
        findings: Vec<Finding>,
        options: FixOptions,
    ) -> FileFix {
        // A file that is no longer a project file or cannot be read now keeps its findings
        // (the next run reports what it has become).
        let Some(file) = project_file(&self.project, path) else {
            return FileFix { findings, change: None };
        };
        let Ok(original) = self.sources.read(path) else {
            return FileFix { findings, change: None };
        };
        let result = per_file(&file, || {
            fix_findings(linter, &file, &original, self.project_view(), options, findings.clone())
        });
        let fixed = match result {
            Ok(Ok(fixed)) => fixed,
            Ok(Err(refusal)) => {
                let mut findings = findings;
                findings.push(Finding::whole_file(
                    "fix-error",
                    file.path.clone(),
                    file.rel.clone(),
                    refusal.message,
                ));
                return FileFix { findings, change: None };
            }
            Err(internal_error) => {
                let mut findings = findings;
                findings.push(*internal_error);
                return FileFix { findings, change: None };
            }
        };
        if fixed.text == original {
            return FileFix { findings, change: None };
        }
        let to_disk = options.write && self.sources.overlay(path).is_none();
        if to_disk && let Err(err) = write_atomically(&file.path, &fixed.text) {
            let mut findings = findings;
            findings.push(Finding::whole_file(
                "io-error",
                file.path.clone(),
                file.rel.clone(),
                format!("cannot write the fixed file: {err}; it is left unchanged"),
            ));
            return FileFix { findings, change: None };
        }
        // What remains is what a fresh run over the fixed text finds; with `--diff` nothing
        // is written and the findings stay those of the file as it is.
        let remaining = if options.write { fixed.findings } else { findings };
        let change = FileChange {
            path: file.path.clone(),
            display_path: file.rel.clone(),
            original,
            fixed: fixed.text,
        };
        FileFix { findings: remaining, change: Some((change, fixed.applied)) }
    }
}

/// What fixing one file left: its findings, and its change with the fixes applied.
struct FileFix {
    findings: Vec<Finding>,
    change: Option<(FileChange, usize)>,
}
