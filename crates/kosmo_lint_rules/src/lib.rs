//! The kosmo-lint rules. Each rule is one file in [`rules`], with its metadata, its
//! documentation (the doc comment, from which `docs/rules/<name>.md` is generated), the check
//! and its test vectors. Rules run per file, in parallel, on the extracted facts; cross-file
//! rules read the route tree. No rule does I/O or prints.

mod context;
mod data_flow;
pub mod docs;
mod registry;
pub mod rules;
mod suggest;
mod suppress;
#[cfg(test)]
mod test_support;

pub use context::{FileContext, Reporter};
pub use registry::{BUILTIN, RULES, find_rule};
pub use suppress::apply_suppressions;

use kosmo_lint_core::facts::FileFacts;
use kosmo_lint_core::{Finding, ProjectFile, RouteTree, Severity};
use rayon::prelude::*;

/// What a rule is about, as oxc groups rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Code that is wrong or does not do what it says.
    Correctness,
    /// Code that works but loads data later or more often than it should.
    Perf,
}

/// Whether, and how surely, a rule fixes what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    None,
    /// Some findings carry a safe fix, others none.
    Sometimes,
    Safe,
    Unsafe,
}

/// A rule's metadata: the user-facing contract.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Kebab-case name, shown as `kosmo(<name>)`.
    pub name: &'static str,
    pub severity: Severity,
    pub category: Category,
    pub fix: FixKind,
    /// The first line of the docs: what the rule checks, in one sentence.
    pub summary: &'static str,
    /// The rule's doc comment: *What it does*, *Why is this bad?*, *Examples*, and where it
    /// applies, *Fix*.
    pub docs: &'static str,
}

/// A lint rule. Rules are unit structs declared with [`declare_rule!`].
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Checks one file; cross-file rules read `ctx.folder` and `ctx.tree`.
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>);
}

/// Declares a rule struct and its [`RuleMeta`], taking the documentation from the doc
/// comment so that the code and `docs/rules/` cannot disagree.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            name: $rule_name:literal,
            severity: $severity:ident,
            category: $category:ident,
            fix: $fix:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        pub struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                name: $rule_name,
                severity: ::kosmo_lint_core::Severity::$severity,
                category: $crate::Category::$category,
                fix: $crate::FixKind::$fix,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}

/// Runs `rules` on one file; cross-file rules read `tree`. Findings are not sorted, and the
/// file's inline suppressions are not yet applied ([`apply_suppressions`]).
pub fn lint_file(
    rules: &[&dyn Rule],
    file: &ProjectFile,
    facts: &FileFacts,
    tree: &RouteTree,
) -> Vec<Finding> {
    let ctx = FileContext::new(file, facts, tree);
    let mut findings = Vec::new();
    for rule in rules {
        let mut reporter = Reporter::new(rule.meta(), file, &mut findings);
        rule.check_file(&ctx, &mut reporter);
    }
    findings
}

/// Runs `rules` on every file of the project, in parallel, and applies each file's inline
/// suppressions ([`apply_suppressions`]); findings are not yet sorted.
pub fn lint_project(
    rules: &[&dyn Rule],
    files: &[ProjectFile],
    facts: &[FileFacts],
    tree: &RouteTree,
) -> Vec<Finding> {
    files
        .par_iter()
        .zip(facts)
        .enumerate()
        .flat_map_iter(|(_, (file, facts))| {
            apply_suppressions(rules, file, facts, lint_file(rules, file, facts, tree))
        })
        .collect()
}
