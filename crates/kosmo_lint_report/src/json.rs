//! `--format json`: one document, `{"version":1,"diagnostics":[…],"summary":{…}}`.

use kosmo_lint_core::{Finding, Fix, Related};
use serde::Serialize;

use crate::position::{Columns, Locator};
use crate::{SourceCache, Summary};

#[derive(Serialize)]
struct Document<'f> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'f>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'f> {
    rule: &'static str,
    severity: kosmo_lint_core::Severity,
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

pub fn render_json(findings: &[Finding], summary: Summary, sources: &mut SourceCache) -> String {
    let mut locator = Locator::new(sources, Columns::Utf8Bytes);
    let diagnostics = findings
        .iter()
        .map(|finding| {
            let range = locator.finding(finding);
            JsonDiagnostic {
                rule: finding.rule,
                severity: finding.severity,
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
    let document = Document { version: 1, diagnostics, summary };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
