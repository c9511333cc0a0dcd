//! Loading a project: discovery, parallel walk, parallel fact extraction, route tree.

use std::path::Path;

use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_core::walk::{WalkError, walk_project};
use kosmo_lint_core::{Finding, Label, Project, ProjectFile, RouteTree};
use miette::{MietteDiagnostic, Report};

use crate::timings::phase;

/// Everything the rules and the printers need about one project.
pub struct LoadedProject {
    pub project: Project,
    pub files: Vec<ProjectFile>,
    pub facts: Vec<FileFacts>,
    pub walk_errors: Vec<WalkError>,
    pub tree: RouteTree,
}

pub fn load(path: &Path) -> Result<LoadedProject, Report> {
    let project = phase("discover", || Project::discover(path)).map_err(|err| {
        Report::new(MietteDiagnostic::new(err.to_string()).with_code("kosmo::project"))
    })?;
    let (files, walk_errors) =
        phase("walk", || walk_project(&project, rayon::current_num_threads()));
    let facts = phase("extract", || kosmo_lint_facts::extract_all(&files));
    let tree = phase("tree", || RouteTree::build(&project, &files, &facts));
    Ok(LoadedProject { project, files, facts, walk_errors, tree })
}

impl LoadedProject {
    /// `syntax-error` and `io-error` findings: nothing that could not be read or parsed is
    /// skipped silently.
    pub fn file_findings(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (file, facts) in self.files.iter().zip(&self.facts) {
            let whole_file = |message: String| {
                Finding::whole_file("io-error", file.path.clone(), file.rel.clone(), message)
            };
            match &facts.status {
                FileStatus::Parsed | FileStatus::Unsupported => {}
                FileStatus::Unreadable { message } => {
                    findings.push(whole_file(format!("cannot read file: {message}")));
                }
                FileStatus::Binary => {
                    findings.push(whole_file("binary file (contains a NUL byte), not source code".into()));
                }
                FileStatus::NotUtf8 { offset } => findings.push(whole_file(format!(
                    "file is not valid UTF-8 (first invalid byte at offset {offset}); save it as UTF-8"
                ))),
                FileStatus::SyntaxErrors { errors } => {
                    for error in errors {
                        let mut finding = Finding::whole_file(
                            "syntax-error",
                            file.path.clone(),
                            file.rel.clone(),
                            error.message.clone(),
                        );
                        finding.span = Some(error.span);
                        finding.labels =
                            vec![Label { span: error.span, text: error.label.clone() }];
                        finding.help.clone_from(&error.help);
                        findings.push(finding);
                    }
                }
            }
        }
        for error in &self.walk_errors {
            findings.push(Finding::whole_file(
                "io-error",
                error.path.clone(),
                self.project.relative(&error.path),
                format!("cannot read: {}", error.message),
            ));
        }
        findings
    }
}
