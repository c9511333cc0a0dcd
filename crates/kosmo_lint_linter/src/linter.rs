//! The linter: the rules that are on, each at its configured severity, and the one
//! composition of a file's findings (what it could not read or parse, what the rules found,
//! what its inline directives suppress). Every path that lints a file goes through
//! [`Linter::lint_file`]: the walks, the fix loop, editor buffers.

use kosmo_lint_core::facts::FileFacts;
use kosmo_lint_core::{Finding, ProjectFile, RouteTree, Severity};

use crate::context::{FileContext, Reporter};
use crate::modules::graph::ModuleGraph;
use crate::registry::RULES;
use crate::settings::Settings;
use crate::status::status_findings;
use crate::suppress::apply_suppressions;
use crate::{Rule, RuleMeta};

/// A rule of the run, at the severity its findings get when they are made.
#[derive(Clone, Copy)]
struct EnabledRule {
    rule: &'static dyn Rule,
    severity: Severity,
}

/// The rules of a run at their levels. Built once per project from its settings; a rule
/// that is off is not here, so it produces neither findings nor fixes nor unused
/// suppressions.
#[derive(Clone)]
pub struct Linter {
    /// In registry order (sorted by name).
    rules: Vec<EnabledRule>,
}

impl Linter {
    /// The rules the settings leave on, at the levels they set.
    pub fn new(settings: &Settings) -> Self {
        let rules = RULES
            .iter()
            .filter_map(|&rule| {
                let severity = settings.severity(rule.meta().name)?;
                Some(EnabledRule { rule, severity })
            })
            .collect();
        Self { rules }
    }

    /// `rules` at their default severities (tests, fuzz targets).
    pub fn with_rules(rules: &[&'static dyn Rule]) -> Self {
        let rules = rules
            .iter()
            .map(|&rule| EnabledRule { rule, severity: rule.meta().severity })
            .collect();
        Self { rules }
    }

    /// Every rule at its default severity.
    pub fn with_defaults() -> Self {
        Self::with_rules(RULES)
    }

    /// The metadata of the rules that run.
    pub fn rules(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        self.rules.iter().map(|enabled| enabled.rule.meta())
    }

    /// Whether the rule named `name` runs.
    pub fn runs(&self, name: &str) -> bool {
        self.severity(name).is_some()
    }

    /// The severity findings of `name` get, if it runs.
    pub fn severity(&self, name: &str) -> Option<Severity> {
        self.rules.iter().find(|enabled| enabled.rule.meta().name == name).map(|e| e.severity)
    }

    /// Whether every rule of the registry runs (a directive naming no rule is judged only
    /// then: otherwise it may have been meant for a rule that is off).
    pub fn runs_every_rule(&self) -> bool {
        self.rules.len() == RULES.len()
    }

    /// A file's findings, not sorted: `io-error`, `syntax-error` and `nesting-limit` for a
    /// file that could not be read or parsed, then every rule's, then the file's inline
    /// suppressions applied (and the unused ones reported).
    ///
    /// `modules`: the project's module graph, to follow imports (`None`: imports are not
    /// followed, and what they reach is unverifiable).
    pub fn lint_file(
        &self,
        file: &ProjectFile,
        facts: &FileFacts,
        tree: &RouteTree,
        modules: Option<&ModuleGraph>,
    ) -> Vec<Finding> {
        let mut findings = status_findings(file, facts);
        let ctx = FileContext::new(file, facts, tree, modules);
        for enabled in &self.rules {
            let mut reporter =
                Reporter::new(enabled.rule.meta(), enabled.severity, file, &mut findings);
            enabled.rule.check_file(&ctx, &mut reporter);
        }
        apply_suppressions(self, file, facts, findings)
    }
}
