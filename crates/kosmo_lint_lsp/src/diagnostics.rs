//! Findings as LSP diagnostics: the rule as the code, its documentation page as the code's
//! description, the help after the message, the places in other files as related
//! information.

use std::path::Path;

use kosmo_lint_core::{Finding, Severity};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Url,
};

use crate::position::LineIndex;

pub const SOURCE: &str = "kosmo-lint";

/// `finding` (of the file whose text `index` indexes) as a diagnostic.
pub fn diagnostic(finding: &Finding, index: &LineIndex<'_>) -> Diagnostic {
    let range = finding
        .span
        .map_or_else(Range::default, |span| index.range(span.start as usize, span.end as usize));
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> =
        finding.related.iter().filter_map(related_information).collect();
    Diagnostic {
        range,
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.to_owned())),
        code_description: Url::parse(&kosmo_lint_report::docs_url(finding.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A place in another file. Its line and column are 1-based UTF-8 bytes; the column is
/// turned into UTF-16 units with the file's text when it can be read.
fn related_information(
    related: &kosmo_lint_core::diagnostic::Related,
) -> Option<DiagnosticRelatedInformation> {
    let uri = Url::from_file_path(&related.file).ok()?;
    let line = related.line.saturating_sub(1);
    let character = std::fs::read_to_string(&related.file)
        .ok()
        .and_then(|text| {
            let line_text = text.lines().nth(line as usize)?;
            let bytes = (related.column.saturating_sub(1) as usize).min(line_text.len());
            let prefix = &line_text[..line_text.floor_char_boundary(bytes)];
            u32::try_from(prefix.encode_utf16().count()).ok()
        })
        .unwrap_or_else(|| related.column.saturating_sub(1));
    let position = Position::new(line, character);
    Some(DiagnosticRelatedInformation {
        location: Location { uri, range: Range::new(position, position) },
        message: related.text.clone(),
    })
}

/// Whether `finding` is about `path` (a file's findings may include another file's only in
/// related places, which are not its diagnostics).
pub fn is_about(finding: &Finding, path: &Path) -> bool {
    finding.path == path
}
