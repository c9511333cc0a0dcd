//! The findings kosmo-lint reports itself about what it could not lint: a file that could
//! not be read, is binary or not UTF-8, does not parse or is nested too deeply (its
//! status), and a path the walk could not read or passed over.

use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_core::walk::{WalkError, WalkErrorKind};
use kosmo_lint_core::{Finding, Label, Project, ProjectFile};

/// A path the walk could not lint: an `io-error`, or a `skipped` entry that does not fail the
/// run.
pub fn walk_finding(project: &Project, error: &WalkError) -> Finding {
    let display = project.relative(&error.path);
    let message = error.message.clone();
    match error.kind {
        WalkErrorKind::Unreadable => {
            Finding::whole_file("io-error", error.path.clone(), display, message)
        }
        WalkErrorKind::Skipped => {
            let mut finding = Finding::whole_file("skipped", error.path.clone(), display, message);
            finding.severity = kosmo_lint_core::Severity::Info;
            finding
        }
    }
}

/// `syntax-error` and `io-error` findings: nothing that could not be read or parsed is
/// skipped silently.
pub fn status_findings(file: &ProjectFile, facts: &FileFacts) -> Vec<Finding> {
    let whole_file = |message: String| {
        Finding::whole_file("io-error", file.path.clone(), file.rel.clone(), message)
    };
    match &facts.status {
        FileStatus::Parsed => Vec::new(),
        FileStatus::Unreadable { message } => {
            vec![whole_file(format!("cannot read file: {message}"))]
        }
        FileStatus::Binary => {
            vec![whole_file("binary file (contains a NUL byte), not source code".into())]
        }
        FileStatus::NotUtf8 { offset } => vec![whole_file(format!(
            "file is not valid UTF-8 (first invalid byte at offset {offset}); save it as UTF-8"
        ))],
        FileStatus::TooDeeplyNested { offset, limit } => {
            let mut finding = Finding::whole_file(
                "nesting-limit",
                file.path.clone(),
                file.rel.clone(),
                format!(
                    "nested too deeply to analyse: past {limit} units of nesting here (an open \
                     bracket counts 2, an operator 1); the file is not linted"
                ),
            );
            let at = kosmo_lint_core::Span::new(*offset, offset.saturating_add(1));
            finding.span = Some(at);
            finding.labels =
                vec![Label { span: at, text: Some("the limit is passed here".into()) }];
            finding.help = Some(
                "kosmo-lint refuses such files rather than risk overflowing its stack; \
                 flatten the nesting (or generate it flatter) to have the file linted"
                    .into(),
            );
            vec![finding]
        }
        FileStatus::SyntaxErrors { errors } => errors
            .iter()
            .map(|error| {
                let mut finding = Finding::whole_file(
                    "syntax-error",
                    file.path.clone(),
                    file.rel.clone(),
                    error.message.clone(),
                );
                finding.span = Some(error.span);
                finding.labels = vec![Label { span: error.span, text: error.label.clone() }];
                finding.help.clone_from(&error.help);
                finding
            })
            .collect(),
    }
}
