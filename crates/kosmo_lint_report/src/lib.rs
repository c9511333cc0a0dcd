//! Rendering findings: miette graphical reports for people; for tools one JSON document,
//! GitHub Actions workflow commands, a SARIF 2.1.0 log or a `JUnit` XML report. Also the
//! route tree's outline (`kosmo-lint routes`).
//! Sources are re-read here, once per file that has findings, so no earlier layer keeps
//! file text alive.

mod github;
mod json;
mod junit;
mod position;
mod pretty;
mod route_tree;
mod sarif;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kosmo_lint_core::{Applicability, Finding, Severity};

pub use github::render_github;
pub use json::render_json;
pub use junit::render_junit;
pub use pretty::{PrettyOptions, docs_url, render_pretty};
pub use route_tree::render_route_tree;
pub use sarif::render_sarif;

/// A project of the run: its root, the root as the reports show it (from the working
/// folder, as every path), and the number of files checked in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedProject {
    pub root: PathBuf,
    pub shown: String,
    pub files: usize,
}

impl CheckedProject {
    /// The index of the project a finding is in: the innermost one whose folder holds the
    /// file (a project may sit inside another's folder).
    pub fn of(finding: &Finding, projects: &[Self]) -> Option<usize> {
        projects
            .iter()
            .enumerate()
            .filter(|(_, project)| finding.path.starts_with(&project.root))
            .max_by_key(|(_, project)| project.root.as_os_str().len())
            .map(|(index, _)| index)
    }
}

/// What a report says of a rule beyond its name: SARIF's rule descriptors.
#[derive(Debug, Clone)]
pub struct RuleDoc {
    pub id: &'static str,
    /// One sentence: what the rule checks.
    pub summary: &'static str,
    /// Its docs' *What it does*, as plain text.
    pub description: String,
    /// Its whole docs page, in Markdown.
    pub markdown: String,
    pub default_severity: Severity,
}

/// Totals for the closing summary line and the JSON `summary` object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Findings whose fix `--fix` applies (a safe one).
    pub fixable: usize,
    /// Findings whose fix only `--unsafe-fixes` applies; absent when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub unsafe_fixable: usize,
    /// Paths the walk skipped (`skipped` findings), which never fail a run; absent when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
    /// Fixes applied by `--fix`; absent when not fixing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
}

impl Summary {
    pub fn of(files: usize, findings: &[Finding]) -> Self {
        let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
        let with_fix = |applicability| {
            findings
                .iter()
                .filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability == applicability))
                .count()
        };
        Self {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            fixable: with_fix(Applicability::Safe),
            unsafe_fixable: with_fix(Applicability::Unsafe),
            skipped: count(Severity::Info),
            fixed: None,
        }
    }

    /// `Checked 12 files: 2 errors, 1 warning, 0 fixable (in 4 ms).`
    pub fn line(&self, elapsed: Option<Duration>) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let time = elapsed.map_or_else(String::new, |t| format!(" in {}", format_duration(t)));
        let fixed =
            self.fixed.map_or_else(String::new, |n| format!(" Fixed {}.", plural(n, "finding")));
        let skipped = if self.skipped == 0 {
            String::new()
        } else {
            format!(" Skipped {}.", plural(self.skipped, "path"))
        };
        let unsafe_fixable = if self.unsafe_fixable == 0 {
            String::new()
        } else {
            format!(" ({} more with --unsafe-fixes)", self.unsafe_fixable)
        };
        format!(
            "Checked {}{time}: {}, {}, {} fixable{unsafe_fixable}.{fixed}{skipped}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            self.fixable
        )
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn format_duration(t: Duration) -> String {
    if t.as_millis() >= 1000 {
        format!("{:.2} s", t.as_secs_f64())
    } else {
        format!("{} ms", t.as_millis())
    }
}

/// File texts by path, read on demand; an unreadable file renders without a snippet.
#[derive(Default)]
pub struct SourceCache {
    texts: HashMap<PathBuf, Option<String>>,
}

impl SourceCache {
    pub fn get(&mut self, path: &Path) -> Option<&str> {
        self.texts
            .entry(path.to_path_buf())
            .or_insert_with(|| fs::read_to_string(path).ok())
            .as_deref()
    }

    /// Renders `path`'s findings against `text` instead of the file on disk: the text was
    /// linted from memory (stdin, an editor buffer).
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.texts.insert(path, Some(text));
    }
}

/// The canonical order of findings: path, position, rule.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
