//! miette graphical output, one report per finding.

use kosmo_lint_core::{Finding, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use crate::SourceCache;

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
        let diagnostic = to_miette(finding);
        let text = finding.span.and_then(|_| sources.get(&finding.path)).map(str::to_owned);
        let rendered = match text {
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

fn to_miette(finding: &Finding) -> MietteDiagnostic {
    let severity = match finding.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let message = if finding.span.is_some() {
        finding.message.clone()
    } else {
        format!("{}: {}", finding.display_path, finding.message)
    };
    let mut diagnostic = MietteDiagnostic::new(message)
        .with_code(format!("kosmo({})", finding.rule))
        .with_severity(severity)
        .with_url(docs_url(finding.rule));
    if let Some(span) = finding.span {
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
    if let Some(help) = &finding.help {
        diagnostic = diagnostic.with_help(help.clone());
    }
    diagnostic
}
