//! Findings: what every layer above reports, independent of how it is rendered.

use std::path::PathBuf;

use serde::Serialize;

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, never failing the run: a path the walk skipped (`skipped`).
    Info,
    Warning,
    Error,
}

/// The words `--format json` uses (its serde names), also in `kosmo-lint rules` and the docs.
impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        })
    }
}

/// A labelled span inside the finding's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub text: Option<String>,
}

/// A place in another file that explains a finding (SARIF's related location): the file
/// whose content is the cause when the finding sits on the file the user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Absolute, as [`Finding::path`].
    #[serde(skip)]
    pub file: PathBuf,
    /// Relative to the project root, `/`-separated, as [`Finding::display_path`] (and made
    /// relative to the current folder with it for the CI formats).
    pub path: String,
    /// 1-based line and column (UTF-8 bytes, as `--format json` counts them).
    pub line: u32,
    pub column: u32,
    pub text: String,
}

impl Related {
    /// `path:line:col: text`, the form every text format shows it in.
    pub fn to_line(&self) -> String {
        format!("{}:{}:{}: {}", self.path, self.line, self.column, self.text)
    }
}

/// How sure a fix is (ruff's model): `--fix` applies safe fixes, `--unsafe-fixes` also the
/// unsafe ones; display-only fixes are shown, never applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Keeps behaviour and is certainly what the user meant.
    Safe,
    /// Probably right, but may change behaviour.
    Unsafe,
    DisplayOnly,
}

/// Replace the bytes `start..end` with `content` (an insertion when `start == end`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: u32,
    pub end: u32,
    pub content: String,
}

impl Edit {
    pub fn insertion(at: u32, content: impl Into<String>) -> Self {
        Self { start: at, end: at, content: content.into() }
    }

    pub fn replacement(span: Span, content: impl Into<String>) -> Self {
        Self { start: span.start, end: span.end, content: content.into() }
    }
}

/// A fix a rule offers with a finding: non-overlapping edits of the finding's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// An imperative title: "Add `export const preload = fetchUsers;`".
    pub message: String,
    pub edits: Vec<Edit>,
}

/// One reported problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's kebab-case name, e.g. `syntax-error`.
    pub rule: &'static str,
    pub severity: Severity,
    /// Absolute path, used to read the source when rendering.
    pub path: PathBuf,
    /// Path relative to the project root, `/`-separated: what users see.
    pub display_path: String,
    pub message: String,
    /// The primary location; `None` for problems of the whole file (unreadable, not UTF-8).
    pub span: Option<Span>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// Places in other files that explain the finding; most findings have none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Finding {
    /// A finding about a whole file, with no source location.
    pub fn whole_file(
        rule: &'static str,
        path: PathBuf,
        display_path: String,
        message: String,
    ) -> Self {
        Self {
            rule,
            severity: Severity::Error,
            path,
            display_path,
            message,
            span: None,
            labels: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    /// The deterministic order of output: path, then position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &'static str) {
        let (start, end) = self.span.map_or((0, 0), |s| (s.start, s.end));
        (&self.display_path, start, end, self.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::Severity;

    #[test]
    fn severity_displays_as_its_json_name() {
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            let json = serde_json::to_value(severity).unwrap();
            assert_eq!(json.as_str(), Some(severity.to_string().as_str()));
        }
        assert_eq!(Severity::Warning.to_string(), "warning");
        assert_eq!(format!("{:<9}|", Severity::Error), "error    |", "widths pad the word");
    }
}
