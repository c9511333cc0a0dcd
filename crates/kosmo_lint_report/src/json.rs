//! `--format json`: one document, `{"version":1,"diagnostics":[…],"summary":{…}}`.

use std::collections::HashMap;
use std::path::Path;

use kosmo_lint_core::{Finding, Fix, LineIndex};
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
    fix: Option<&'f Fix>,
}

pub fn render_json(findings: &[Finding], summary: Summary, sources: &mut SourceCache) -> String {
    let mut line_indexes: HashMap<&Path, Option<LineIndex>> = HashMap::new();
    let diagnostics = findings
        .iter()
        .map(|finding| {
            let positions = finding.span.and_then(|span| {
                let index = line_indexes
                    .entry(&finding.path)
                    .or_insert_with(|| sources.get(&finding.path).map(LineIndex::new))
                    .as_ref()?;
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
                fix: finding.fix.as_ref(),
            }
        })
        .collect();
    let document = Document { version: 1, diagnostics, summary };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
