//! Inline `kosmo-lint-…` directives.

use serde::{Deserialize, Serialize};

use crate::span::Span;

// --------------------------------------------------------------------------- suppressions

/// One `kosmo-lint-…` directive comment, as written. What it suppresses, and whether it is
/// used, is decided by `kosmo_lint_linter::apply_suppressions` against a run's findings; the
/// extractor records only what needs the text (the target line, what a removal deletes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The rules named, in source order; empty: every rule.
    pub rules: Vec<SuppressedRule>,
    /// The comment, delimiters included.
    pub span: Span,
    /// For [`SuppressionKind::NextLine`] and [`SuppressionKind::Line`], the line whose
    /// findings it suppresses: from the line's first byte to its newline, included (empty
    /// when there is no such line). Empty at the comment's start for the other kinds.
    pub target: Span,
    /// What removing the directive deletes: the comment (with the `{` `}` around it when it
    /// is alone in a JSX expression container), and its whole line when nothing else is on
    /// it.
    pub removal: Span,
}

/// Which directive a [`Suppression`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// `kosmo-lint-disable-next-line`: findings that start on the line after the comment.
    NextLine,
    /// `kosmo-lint-disable-line`: findings that start on the comment's own line.
    Line,
    /// `kosmo-lint-disable` anywhere but at the top of the file: findings from here until a
    /// `kosmo-lint-enable` of the same rule, or to the end of the file.
    Disable,
    /// `kosmo-lint-enable`: ends the [`SuppressionKind::Disable`] ranges of the rules it
    /// names, or of every rule when it names none.
    Enable,
    /// `// kosmo-lint-disable` as a line comment before the first statement: the whole file
    /// (a `kosmo-lint-enable` does not end it).
    File,
}

/// A rule name in a directive, with its place (a fix may remove it alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedRule {
    pub name: String,
    pub span: Span,
}

impl Suppression {
    /// Whether the directive applies to `rule`: it names it, or names no rule.
    pub fn applies_to(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r.name == rule)
    }
}
