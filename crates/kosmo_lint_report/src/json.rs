//! `--format json`: one document, `{"version":1,"diagnostics":[…],"summary":{…}}`.

use kosmo_lint_core::{Finding, LineIndex};
use serde::Serialize;

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
    /// Fixes arrive with the fix framework; until then always `null`.
    fix: Option<()>,
}

pub fn render_json(findings: &[Finding], summary: Summary, sources: &mut SourceCache) -> String {
    let diagnostics = findings
        .iter()
        .map(|finding| {
            let positions = finding.span.and_then(|span| {
                let index = LineIndex::new(sources.get(&finding.path)?);
                Some((index.line_col(span.start), index.line_col(span.end)))
            });
            JsonDiagnostic {
                rule: finding.rule,
                severity: finding.severity,
                path: &finding.display_path,
                line: positions.map(|p| p.0.0),
                column: positions.map(|p| p.0.1),
                end_line: positions.map(|p| p.1.0),
                end_column: positions.map(|p| p.1.1),
                message: &finding.message,
                help: finding.help.as_deref(),
                fix: None,
            }
        })
        .collect();
    let document = Document { version: 1, diagnostics, summary };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
