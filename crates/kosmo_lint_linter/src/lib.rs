//! The kosmo-lint linter, as a library: the rules and the engine that runs them.
//!
//! A run, in the order it happens:
//! - [`Settings`] read the configuration and the command line's rule flags; a [`Linter`] is
//!   built from them once: the rules that are on, each at its configured severity.
//! - [`Session::load`] finds the files through [`Sources`] (the disk, or in-memory overlays
//!   such as an editor's buffer), walks the route definitions with the fact cache and builds
//!   the route tree (or takes it from the tree cache).
//! - [`Session::check`] walks the rest and lints every file with [`Linter::lint_file`], the
//!   one composition of a file's findings: what could not be read or parsed, every rule's
//!   findings, then the file's inline suppressions.
//! - [`Session::fix`] runs each file with fixes through [`lint_fix`] (lint, apply
//!   non-overlapping fixes, check, re-lint until stable) and writes it with
//!   `kosmo_lint_fix`.
//! - [`Session::finish`] saves the caches.
//!
//! Each rule is one file in [`rules`], with its metadata, its documentation (the doc
//! comment, from which `docs/rules/<name>.md` is generated), the check and its test
//! vectors. Rules run per file on the extracted facts; cross-file rules read the route tree.
//! No rule does I/O or prints.

mod context;
mod data_flow;
mod dependents;
pub mod docs;
mod glue;
mod isolation;
mod lint_fix;
mod linter;
pub mod modules;
mod query_names;
mod registry;
pub mod rules;
#[cfg(test)]
mod script_blocks_tests;
mod session;
mod session_fix;
mod settings;
mod source;
mod status;
mod suggest;
mod suppress;
#[cfg(test)]
mod tester;
mod timings;

pub use context::{FileContext, Reporter};
pub use isolation::install_panic_hook;
pub use kosmo_lint_fix::{FileChange, FixOptions};
pub use lint_fix::{FixRefusal, FixedText, MAX_ROUNDS, fix_findings, lint_fix};
pub use linter::Linter;
pub use registry::{BUILTIN, RULES, find_rule};
pub use session::{Checked, EditScope, LoadOptions, RunKind, Selection, Session};
pub use session_fix::Fixed;
pub use settings::{Settings, SettingsError, rule_names};
pub use source::{Sources, resolved};
pub use status::{status_findings, walk_finding};
pub use suppress::apply_suppressions;
pub use timings::phase;

use kosmo_lint_core::Severity;
use kosmo_lint_core::facts::Framework;

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

/// The words of `kosmo-lint rules`, the rule docs and the README (the serde names).
impl std::fmt::Display for FixKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Self::None => "none",
            Self::Sometimes => "sometimes",
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        })
    }
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
    /// The frontends whose pages, layouts and modules the rule checks; empty for what is
    /// not frontend code (API routes, every file alike).
    pub frontends: &'static [Framework],
    /// The rule's doc comment: *What it does*, *Why is this bad?*, *Examples*, and where it
    /// applies, *Fix*.
    pub docs: &'static str,
}

/// What [`declare_rule!`] generates for a rule: its metadata.
pub trait DeclaredRule {
    fn meta(&self) -> &'static RuleMeta;
}

/// A lint rule: a unit struct declared with [`declare_rule!`], and its check.
pub trait Rule: DeclaredRule + Send + Sync {
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
            frontends: [$($frontend:ident),* $(,)?],
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
                frontends: &[$(::kosmo_lint_core::facts::Framework::$frontend),*],
                docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::DeclaredRule for $name {
            fn meta(&self) -> &'static $crate::RuleMeta {
                &Self::META
            }
        }
    };
}
