//! `--format json`: one document,
//! `{"version":2,"projects":[…],"diagnostics":[…],"summary":{…}}`.

use kosmo_lint_core::{Finding, Fix, Related};
use serde::Serialize;

use crate::position::{Columns, Locator};
use crate::{CheckedProject, SourceCache, Summary};

#[derive(Serialize)]
struct Document<'f> {
    version: u32,
    projects: Vec<JsonProject<'f>>,
    diagnostics: Vec<JsonDiagnostic<'f>>,
    summary: Summary,
}

/// A project of the run: its root from the working folder (`.` for the working folder).
#[derive(Serialize)]
struct JsonProject<'f> {
    root: &'f str,
    files: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'f> {
    rule: &'static str,
    severity: kosmo_lint_core::Severity,
    /// The root of the finding's project, as in `projects`.
    project: Option<&'f str>,
    path: &'f str,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    message: &'f str,
    help: Option<&'f str>,
    fix: Option<&'f Fix>,
    /// Places in other files that explain the finding (`path`, `line`, `column`, `text`);
    /// left out when there are none.
    #[serde(skip_serializing_if = "<[Related]>::is_empty")]
    related: &'f [Related],
}

/// Version 2: paths are relative to the working folder (version 1 had them relative to the
/// project root), with the project named in `project`.
pub fn render_json(
    findings: &[Finding],
    summary: Summary,
    projects: &[CheckedProject],
    sources: &mut SourceCache,
) -> String {
    let mut locator = Locator::new(sources, Columns::Utf8Bytes);
    let diagnostics = findings
        .iter()
        .map(|finding| {
            let range = locator.finding(finding);
            JsonDiagnostic {
                rule: finding.rule,
                severity: finding.severity,
                project: CheckedProject::of(finding, projects).map(|i| projects[i].shown.as_str()),
                path: &finding.display_path,
                line: range.map(|r| r.start_line),
                column: range.map(|r| r.start_column),
                end_line: range.map(|r| r.end_line),
                end_column: range.map(|r| r.end_column),
                message: &finding.message,
                help: finding.help.as_deref(),
                fix: finding.fix.as_ref(),
                related: &finding.related,
            }
        })
        .collect();
    let projects =
        projects.iter().map(|p| JsonProject { root: &p.shown, files: p.files }).collect();
    let document = Document { version: 2, projects, diagnostics, summary };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
