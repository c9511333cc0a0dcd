//! Applying fixes without ever corrupting a file (ruff's model): each file's non-overlapping
//! fixes are applied in memory, and the result is parsed and checked again (a fix whose
//! result does not parse, declares a name twice or uses a name not in scope is refused,
//! with the whole file), re-linted against the route tree, and fixed again until nothing is
//! left to fix or a small bound is reached (`text.rs`, which touches no file). Only then are
//! the changed files written, each atomically. (No rule fixes route definitions, so the tree
//! stays valid between rounds.)

mod apply;
mod diff;
mod text;
mod write;

use std::collections::BTreeMap;
use std::path::PathBuf;

use kosmo_lint_core::walk::project_file;
use kosmo_lint_core::{Applicability, Finding, Project, RouteTree};
use kosmo_lint_rules::Rule;

pub use apply::{Applied, apply_fixes};
pub use diff::unified_diff;
pub use text::{FixRefusal, FixedText, fix_text};
pub use write::write_atomically;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply fixes marked unsafe (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Write the fixed files (`--fix`); `false` only computes them (`--diff`).
    pub write: bool,
}

/// One file whose text the fixes changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    /// Relative to the project root, `/`-separated.
    pub display_path: String,
    pub original: String,
    pub fixed: String,
}

impl FileChange {
    /// A unified diff, `a/<path>` → `b/<path>`, as `git diff` prints it, that `patch` and
    /// `git apply` accept whatever the file's line endings.
    pub fn unified_diff(&self) -> String {
        unified_diff(&self.display_path, &self.original, &self.fixed)
    }
}

#[derive(Debug, Default)]
pub struct FixOutcome {
    /// Files changed (and, with `write`, written), in path order.
    pub changes: Vec<FileChange>,
    /// Fixes applied to those files.
    pub fixed: usize,
    /// Fixes refused or files that could not be written (`fix-error`, `io-error`).
    pub problems: Vec<Finding>,
}

/// Whether `options` allow applying a fix of this applicability.
pub fn applies(applicability: Applicability, options: FixOptions) -> bool {
    match applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => options.unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// Fixes what `findings` offer to fix. Each changed file is re-linted against `tree` until
/// nothing is left to fix; with `options.write` the results are written. The caller lints
/// again to report what remains.
pub fn fix_project(
    project: &Project,
    tree: &RouteTree,
    findings: &[Finding],
    rules: &[&dyn Rule],
    options: FixOptions,
) -> FixOutcome {
    let mut outcome = FixOutcome::default();
    let mut by_file: BTreeMap<&PathBuf, Vec<Finding>> = BTreeMap::new();
    for finding in findings {
        if finding.fix.as_ref().is_some_and(|f| applies(f.applicability, options)) {
            by_file.entry(&finding.path).or_default().push(finding.clone());
        }
    }
    for (path, findings) in by_file {
        // A file that cannot be read now is reported by the next lint, not here.
        let Some(file) = project_file(project, path) else { continue };
        let Ok(original) = kosmo_lint_facts::read_source(path) else { continue };
        let fixed = match text::fix_findings(&file, &original, tree, rules, options, findings) {
            Ok(fixed) => fixed,
            Err(refusal) => {
                outcome.problems.push(Finding::whole_file(
                    "fix-error",
                    file.path.clone(),
                    file.rel.clone(),
                    refusal.message,
                ));
                continue;
            }
        };
        if fixed.text == original {
            continue;
        }
        if options.write
            && let Err(err) = write_atomically(&file.path, &fixed.text)
        {
            outcome.problems.push(Finding::whole_file(
                "io-error",
                file.path.clone(),
                file.rel.clone(),
                format!("cannot write the fixed file: {err}; it is left unchanged"),
            ));
            continue;
        }
        outcome.fixed += fixed.applied;
        outcome.changes.push(FileChange {
            path: file.path.clone(),
            display_path: file.rel.clone(),
            original,
            fixed: fixed.text,
        });
    }
    outcome
}

#[cfg(test)]
mod tests {
    use std::fs;

    use kosmo_lint_core::walk::{FileKind, walk_project};
    use kosmo_lint_core::{Applicability, Edit, Fix, Project, RouteTree, Span};
    use kosmo_lint_rules::{FileContext, Reporter, Rule, RuleMeta, declare_rule};

    use super::{FixOptions, fix_project};

    declare_rule! {
        /// ### What it does
        /// Offers a fix whose result does not parse, to test that it is refused.
        BreaksSyntax {
            name: "breaks-syntax",
            severity: Warning,
            category: Correctness,
            fix: Safe,
            summary: "test rule",
        }
    }

    impl Rule for BreaksSyntax {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }

        fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
            if ctx.file.kind == FileKind::Page {
                report.report(Span::new(0, 0), "always").fix = Some(Fix {
                    applicability: Applicability::Safe,
                    message: "insert a broken statement".into(),
                    edits: vec![Edit::insertion(0, "export const = ;\n")],
                });
            }
        }
    }

    #[test]
    fn a_fix_whose_result_does_not_parse_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("package.json", r#"{ "dependencies": { "@kosmojs/core": "0.5" } }"#);
        write("src/app/kosmo.config.ts", "export default {};\n");
        let page = "export default function Page() { return null; }\n";
        write("src/app/pages/index/index.tsx", page);

        let project = Project::discover(dir.path()).unwrap();
        let (files, _) = walk_project(&project, 1);
        let facts = kosmo_lint_facts::extract_all(&files);
        let tree = RouteTree::build(&project, &files, &facts);
        let rules: [&dyn Rule; 1] = [&BreaksSyntax];
        let findings = kosmo_lint_rules::lint_project(&rules, &files, &facts, &tree);
        assert_eq!(findings.len(), 1);

        let options = FixOptions { unsafe_fixes: false, write: true };
        let outcome = fix_project(&project, &tree, &findings, &rules, options);
        assert!(outcome.changes.is_empty());
        assert_eq!(outcome.fixed, 0);
        assert_eq!(outcome.problems.len(), 1);
        assert_eq!(outcome.problems[0].rule, "fix-error");
        assert!(outcome.problems[0].message.contains("would not parse"), "{:?}", outcome.problems);
        assert!(outcome.problems[0].message.ends_with("the file is left unchanged"));
        assert_eq!(
            fs::read_to_string(dir.path().join("src/app/pages/index/index.tsx")).unwrap(),
            page
        );
    }

    #[test]
    fn unused_suppressions_are_removed_until_none_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("package.json", r#"{ "dependencies": { "@kosmojs/core": "0.5" } }"#);
        write("src/app/kosmo.config.ts", "export default {};\n");
        // The enable is needed while the disable is there: it goes in the second round.
        let page = "export const x = 1;\n/* kosmo-lint-disable missing-preload */\n\
                    export default function Page() { return null; }\n\
                    /* kosmo-lint-enable missing-preload */\n";
        write("src/app/pages/index/index.tsx", page);

        let project = Project::discover(dir.path()).unwrap();
        let (files, _) = walk_project(&project, 1);
        let facts = kosmo_lint_facts::extract_all(&files);
        let tree = RouteTree::build(&project, &files, &facts);
        let rules = kosmo_lint_rules::RULES;
        let findings = kosmo_lint_rules::lint_project(rules, &files, &facts, &tree);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].rule, "unused-suppression");

        let options = FixOptions { unsafe_fixes: false, write: false };
        let outcome = fix_project(&project, &tree, &findings, rules, options);
        assert_eq!(outcome.fixed, 2);
        assert_eq!(
            outcome.changes[0].fixed,
            "export const x = 1;\nexport default function Page() { return null; }\n"
        );
    }

    #[test]
    fn unsafe_and_display_only_fixes_need_their_own_permission() {
        let safe = FixOptions { unsafe_fixes: false, write: true };
        let unsafe_too = FixOptions { unsafe_fixes: true, write: true };
        assert!(super::applies(Applicability::Safe, safe));
        assert!(!super::applies(Applicability::Unsafe, safe));
        assert!(super::applies(Applicability::Unsafe, unsafe_too));
        assert!(!super::applies(Applicability::DisplayOnly, unsafe_too));
    }
}
