//! miette graphical output, one report per finding.

use kosmo_lint_core::{Finding, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use crate::SourceCache;

/// Lines longer than this (a minified bundle's single line) are not shown: the snippet would
/// be unreadable, and miette panics on columns past 65,535 (a formatting width limit).
const LONGEST_SHOWN_LINE: usize = 4096;

#[derive(Debug, Clone, Copy)]
pub struct PrettyOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for PrettyOptions {
    fn default() -> Self {
        Self { color: false, width: 100 }
    }
}

pub fn render_pretty(
    findings: &[Finding],
    sources: &mut SourceCache,
    options: PrettyOptions,
) -> String {
    let theme =
        if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler =
        GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false);
    let mut out = String::new();
    for finding in findings {
        let text = finding.span.and_then(|_| sources.get(&finding.path)).map(str::to_owned);
        let long_line = text.as_deref().and_then(|text| too_long_to_show(finding, text));
        let diagnostic = to_miette(finding, long_line.as_deref());
        let rendered = match text.filter(|_| long_line.is_none()) {
            Some(text) => {
                let report = miette::Report::new(diagnostic)
                    .with_source_code(NamedSource::new(&finding.display_path, text));
                render(&handler, report.as_ref())
            }
            None => render(&handler, &diagnostic),
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&rendered);
        // Places in other files, under the diagnostic: miette shows one source per report.
        for related in &finding.related {
            out.push_str("  related: ");
            out.push_str(&related.to_line());
            out.push('\n');
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The rule's documentation page in the repository.
pub fn docs_url(rule: &str) -> String {
    format!("{}/blob/main/docs/rules/{rule}.md", env!("CARGO_PKG_REPOSITORY"))
}

fn render(handler: &GraphicalReportHandler, diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = handler.render_report(&mut out, diagnostic);
    out
}

/// Where a finding is, said in words, when one of the lines its labels are on is too long to
/// show.
fn too_long_to_show(finding: &Finding, text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let line_around = |offset: u32| {
        let offset = (offset as usize).min(bytes.len());
        let start = bytes[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end =
            bytes[offset..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| offset + i);
        end - start
    };
    let spans = finding.span.into_iter().chain(finding.labels.iter().map(|l| l.span));
    let longest = spans.flat_map(|s| [line_around(s.start), line_around(s.end)]).max()?;
    if longest <= LONGEST_SHOWN_LINE {
        return None;
    }
    let (line, column) = kosmo_lint_core::LineIndex::new(text).line_col(finding.span?.start);
    Some(format!("{}:{line}:{column}", finding.display_path))
}

/// The finding as a miette diagnostic; with `place` (`path:line:col`), its position is said
/// in the message and its source is not shown.
fn to_miette(finding: &Finding, place: Option<&str>) -> MietteDiagnostic {
    let severity = match finding.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let message = match (place, finding.span) {
        (Some(place), _) => format!("{place}: {}", finding.message),
        (None, Some(_)) => finding.message.clone(),
        (None, None) => format!("{}: {}", finding.display_path, finding.message),
    };
    let mut diagnostic = MietteDiagnostic::new(message)
        .with_code(format!("kosmo({})", finding.rule))
        .with_severity(severity)
        .with_url(docs_url(finding.rule));
    if let Some(span) = finding.span.filter(|_| place.is_none()) {
        // The label at the finding's own span is primary, so the header's `file:line:col`
        // is the finding's position even when another label comes first in the file.
        let at = |s: kosmo_lint_core::Span| (s.start as usize, s.len() as usize);
        let mut labels: Vec<LabeledSpan> = finding
            .labels
            .iter()
            .map(|l| {
                if l.span == span {
                    LabeledSpan::new_primary_with_span(l.text.clone(), at(l.span))
                } else {
                    LabeledSpan::new_with_span(l.text.clone(), at(l.span))
                }
            })
            .collect();
        if !finding.labels.iter().any(|l| l.span == span) {
            labels.push(LabeledSpan::new_primary_with_span(None, at(span)));
        }

        diagnostic = diagnostic.with_labels(labels);
    }
    let not_shown =
        place.map(|_| format!("the line is too long to show (over {LONGEST_SHOWN_LINE} bytes)"));
    let help = match (&finding.help, not_shown) {
        (Some(help), Some(note)) => Some(format!("{help}\n{note}")),
        (help, note) => help.clone().or(note),
    };
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}
