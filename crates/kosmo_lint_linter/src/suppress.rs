//! Inline suppressions: dropping the findings that `kosmo-lint-…` comments suppress, and
//! reporting the directives that suppress nothing as `unused-suppression`. The directives are
//! extracted with the file's facts ([`Suppression`]); their meaning is decided here.
//!
//! A finding is suppressed by, in this order of precedence (the directive that gets the
//! credit, so that a redundant one is reported):
//! 1. a `disable-next-line`/`disable-line` directive whose target line holds the start of the
//!    finding's primary span;
//! 2. the innermost `disable` range: the last `disable` or `enable` applying to the rule
//!    before the finding is a `disable`;
//! 3. a file-level directive (the only kind that also covers findings without a span).
//!
//! Built-in findings (`syntax-error`, `io-error`, `fix-error`, `nesting-limit`,
//! `internal-error`) and `unused-suppression`
//! itself are never suppressed.

use kosmo_lint_core::facts::{FileFacts, FileStatus, SuppressedRule, Suppression, SuppressionKind};
use kosmo_lint_core::{Applicability, Edit, Finding, Fix, Label, ProjectFile, Span};

use crate::rules::unused_suppression::UnusedSuppression;
use crate::{BUILTIN, Linter, RULES, find_rule};

/// Removes the findings of one file that its directives suppress and, when
/// `unused-suppression` is among `rules`, appends one `unused-suppression` finding (with a
/// safe fix) per directive that suppresses nothing, or names an unknown rule or one that
/// cannot be suppressed.
///
/// The linter's rules are the rules of this run: a directive is judged only against the
/// rules that ran, so that turning a rule off does not make its suppressions "unused" (and
/// `--fix` delete them). A directive naming no rule is judged only when every rule ran.
pub fn apply_suppressions(
    linter: &Linter,
    file: &ProjectFile,
    facts: &FileFacts,
    findings: Vec<Finding>,
) -> Vec<Finding> {
    let directives = &facts.suppressions;
    // Rules find nothing in a file that does not parse: its directives cannot be judged.
    if directives.is_empty() || facts.status != FileStatus::Parsed {
        return findings;
    }
    let mut usage: Vec<Usage> = directives.iter().map(Usage::new).collect();
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        match suppressor(directives, finding.rule, finding.span) {
            Some(at) => usage[at].credit(&directives[at], finding.rule),
            None => kept.push(finding),
        }
    }
    let ran = |name: &str| linter.runs(name);
    let Some(severity) = linter.severity(UnusedSuppression::META.name) else {
        return kept;
    };
    let every_rule_ran = linter.runs_every_rule();
    for (at, directive) in directives.iter().enumerate() {
        let ended;
        let usage = if directive.kind == SuppressionKind::Enable {
            ended = enables(directives, at);
            &ended
        } else {
            &usage[at]
        };
        let verdicts: Vec<Verdict> = directive
            .rules
            .iter()
            .zip(&usage.names)
            .map(|(rule, &used)| verdict(directive.kind, &rule.name, used, &ran))
            .collect();
        let unused_all = directive.rules.is_empty()
            && !usage.any
            && (directive.kind == SuppressionKind::Enable || every_rule_ran);
        if unused_all || verdicts.iter().any(|v| v.is_problem()) {
            kept.push(report(file, directive, &verdicts, severity));
        }
    }
    kept
}

/// What one directive was used for.
#[derive(Debug)]
struct Usage {
    /// Anything at all (what matters for a directive naming no rule).
    any: bool,
    /// Per rule name of the directive.
    names: Vec<bool>,
}

impl Usage {
    fn new(directive: &Suppression) -> Self {
        Self { any: false, names: vec![false; directive.rules.len()] }
    }

    fn credit(&mut self, directive: &Suppression, rule: &str) {
        self.any = true;
        for (used, named) in self.names.iter_mut().zip(&directive.rules) {
            *used |= named.name == rule;
        }
    }
}

/// Whether a finding of `rule` may be suppressed at all.
fn suppressible(rule: &str) -> bool {
    rule != UnusedSuppression::META.name && !BUILTIN.iter().any(|builtin| builtin.name == rule)
}

/// The directive that suppresses a finding of `rule` at `span`, if any.
fn suppressor(directives: &[Suppression], rule: &str, span: Option<Span>) -> Option<usize> {
    if !suppressible(rule) {
        return None;
    }
    if let Some(span) = span {
        let at = span.start;
        let on_line = directives.iter().position(|d| {
            matches!(d.kind, SuppressionKind::NextLine | SuppressionKind::Line)
                && d.target.start <= at
                && at < d.target.end
                && d.applies_to(rule)
        });
        if on_line.is_some() {
            return on_line;
        }
        let latest = directives.iter().enumerate().rev().find(|(_, d)| {
            matches!(d.kind, SuppressionKind::Disable | SuppressionKind::Enable)
                && d.span.start < at
                && d.applies_to(rule)
        });
        if let Some((index, directive)) = latest
            && directive.kind == SuppressionKind::Disable
        {
            return Some(index);
        }
    }
    directives.iter().position(|d| d.kind == SuppressionKind::File && d.applies_to(rule))
}

/// What the `enable` directive at `at` ends: per rule it names, whether a range of that rule
/// is open there; for one naming no rule, whether any range is open.
fn enables(directives: &[Suppression], at: usize) -> Usage {
    let enable = &directives[at];
    let before = &directives[..at];
    // Whether the last `disable`/`enable` before `at` that `applies` is a `disable`.
    let open = |applies: &dyn Fn(&Suppression) -> bool| {
        before
            .iter()
            .rev()
            .find(|d| {
                matches!(d.kind, SuppressionKind::Disable | SuppressionKind::Enable) && applies(d)
            })
            .is_some_and(|d| d.kind == SuppressionKind::Disable)
    };
    if enable.rules.is_empty() {
        // A range of every rule, or of a rule some earlier `disable` names.
        let any = open(&|d| d.rules.is_empty())
            || before
                .iter()
                .filter(|d| d.kind == SuppressionKind::Disable)
                .flat_map(|d| &d.rules)
                .any(|named| open(&|d| d.applies_to(&named.name)));
        return Usage { any, names: Vec::new() };
    }
    let names: Vec<bool> =
        enable.rules.iter().map(|named| open(&|d| d.applies_to(&named.name))).collect();
    Usage { any: names.iter().any(|&used| used), names }
}

/// What is wrong, if anything, with one rule name of a directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Used,
    /// The rule did not run: whether the directive is needed cannot be told.
    NotJudged,
    Unused,
    Unknown,
    CannotSuppress,
}

impl Verdict {
    fn is_problem(self) -> bool {
        matches!(self, Self::Unused | Self::Unknown | Self::CannotSuppress)
    }
}

fn verdict(kind: SuppressionKind, name: &str, used: bool, ran: &dyn Fn(&str) -> bool) -> Verdict {
    if find_rule(name).is_none() {
        Verdict::Unknown
    } else if used {
        Verdict::Used
    } else if kind == SuppressionKind::Enable {
        // Whether an enable ends something does not depend on the findings.
        Verdict::Unused
    } else if !suppressible(name) {
        Verdict::CannotSuppress
    } else if !ran(name) {
        Verdict::NotJudged
    } else {
        Verdict::Unused
    }
}

/// The directive as it starts in the source.
fn keyword(kind: SuppressionKind) -> &'static str {
    match kind {
        SuppressionKind::NextLine => "kosmo-lint-disable-next-line",
        SuppressionKind::Line => "kosmo-lint-disable-line",
        SuppressionKind::Disable | SuppressionKind::File => "kosmo-lint-disable",
        SuppressionKind::Enable => "kosmo-lint-enable",
    }
}

/// Where a directive suppresses, for messages.
fn scope(kind: SuppressionKind) -> &'static str {
    match kind {
        SuppressionKind::NextLine => "on the next line",
        SuppressionKind::Line => "on its line",
        SuppressionKind::Disable | SuppressionKind::Enable => "in its range",
        SuppressionKind::File => "in this file",
    }
}

fn quoted(names: &[&SuppressedRule]) -> String {
    names.iter().map(|r| format!("`{}`", r.name)).collect::<Vec<_>>().join(", ")
}

/// The `unused-suppression` finding of one directive with problems.
fn report(
    file: &ProjectFile,
    directive: &Suppression,
    verdicts: &[Verdict],
    severity: kosmo_lint_core::Severity,
) -> Finding {
    let kind = directive.kind;
    let with = |wanted: Verdict| -> Vec<&SuppressedRule> {
        directive
            .rules
            .iter()
            .zip(verdicts)
            .filter(|(_, v)| **v == wanted)
            .map(|(r, _)| r)
            .collect()
    };
    let (unused, unknown, fixed) =
        (with(Verdict::Unused), with(Verdict::Unknown), with(Verdict::CannotSuppress));
    let mut details = Vec::new();
    let mut labels = Vec::new();
    let mut hints = Vec::new();
    if directive.rules.is_empty() {
        details.push(if kind == SuppressionKind::Enable {
            "no `kosmo-lint-disable` range is open here".to_owned()
        } else {
            format!("no finding {} to suppress", scope(kind))
        });
    }
    if !unused.is_empty() {
        let (detail, label) = if kind == SuppressionKind::Enable {
            let verb = if unused.len() == 1 { "is" } else { "are" };
            (format!("{} {verb} not disabled here", quoted(&unused)), "not disabled here")
        } else {
            (
                format!("no finding of {} {} to suppress", quoted(&unused), scope(kind)),
                "nothing to suppress",
            )
        };
        details.push(detail);
        labels.extend(unused.iter().map(|r| Label { span: r.span, text: Some(label.into()) }));
    }
    if !unknown.is_empty() {
        let noun = if unknown.len() == 1 { "rule" } else { "rules" };
        details.push(format!("unknown {noun} {}", quoted(&unknown)));
        for rule in &unknown {
            labels.push(Label { span: rule.span, text: Some("unknown rule".into()) });
            if rule.name.contains(char::is_whitespace) {
                hints.push(
                    "separate rule names with commas, and write a reason after `--`".to_owned(),
                );
            } else if let Some(near) = nearest_rule(&rule.name) {
                hints.push(format!("did you mean `{near}`?"));
            }
        }
    }
    if !fixed.is_empty() {
        details.push(format!("{} cannot be suppressed inline", quoted(&fixed)));
        labels.extend(
            fixed.iter().map(|r| Label { span: r.span, text: Some("cannot be suppressed".into()) }),
        );
    }
    let whole = verdicts.iter().all(|v| v.is_problem());
    let word = keyword(kind);
    // The whole comment, or the first name to remove with a label on each (labels inside the
    // primary span would be drawn on top of it).
    let span = if whole {
        labels.clear();
        directive.span
    } else {
        labels.sort_by_key(|label| label.span);
        labels.first().map_or(directive.span, |label| label.span)
    };
    let (message, fix) = if whole {
        (
            format!("unused `{word}` directive: {}", details.join("; ")),
            Fix {
                applicability: Applicability::Safe,
                message: "remove the directive".into(),
                edits: vec![Edit::replacement(directive.removal, "")],
            },
        )
    } else {
        let remove: Vec<bool> = verdicts.iter().map(|v| v.is_problem()).collect();
        let removed: Vec<&SuppressedRule> =
            directive.rules.iter().zip(&remove).filter(|(_, r)| **r).map(|(r, _)| r).collect();
        (
            format!("part of a `{word}` directive is unused: {}", details.join("; ")),
            Fix {
                applicability: Applicability::Safe,
                message: format!("remove {} from the directive", quoted(&removed)),
                edits: name_edits(&directive.rules, &remove),
            },
        )
    };
    hints.dedup();
    let help = if hints.is_empty() { fix.message.clone() } else { hints.join("; ") };
    Finding {
        rule: UnusedSuppression::META.name,
        severity,
        path: file.path.clone(),
        display_path: file.rel.clone(),
        message,
        span: Some(span),
        labels,
        help: Some(help),
        fix: Some(fix),
        related: Vec::new(),
    }
}

/// Edits that delete the `remove`d names of a list and their commas, keeping the others.
/// Not every name is removed.
fn name_edits(rules: &[SuppressedRule], remove: &[bool]) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut at = 0;
    while at < rules.len() {
        if !remove[at] {
            at += 1;
            continue;
        }
        let first = at;
        while at < rules.len() && remove[at] {
            at += 1;
        }
        let span = match rules.get(at) {
            // `a, b, c` without `a`: up to the next name kept.
            Some(next) => Span::new(rules[first].span.start, next.span.start),
            // `a, b, c` without `c`: from the end of the last name kept.
            None => Span::new(rules[first - 1].span.end, rules[at - 1].span.end),
        };
        edits.push(Edit::replacement(span, ""));
    }
    edits
}

/// The rule name closest to `name`, when it is close enough to be a typo.
fn nearest_rule(name: &str) -> Option<&'static str> {
    crate::suggest::nearest_name(name, RULES.iter().map(|rule| rule.meta().name))
}

#[cfg(test)]
#[path = "suppress_tests.rs"]
mod tests;
