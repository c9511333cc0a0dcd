//! The fix loop (ruff's `lint_fix`): lint a file's text, apply the non-overlapping fixes the
//! options allow, check the result, lint it again, until nothing is left to fix or the round
//! limit is reached. Pure: no file is read or written, so a fuzz target, an editor buffer
//! and `--fix` all go through it. A round whose result does not parse, declares a name twice
//! or uses a name that is not in scope where it is used refuses the whole file.

use kosmo_lint_core::facts::{FileStatus, SyntaxError};
use kosmo_lint_core::{Finding, ProjectFile, RouteTree};
use kosmo_lint_facts::{ModuleCheck, check_module};
use kosmo_lint_fix::{FixOptions, applies, apply_fixes};

use crate::Linter;
use crate::modules::graph::ModuleGraph;

/// Rounds of fix → re-lint before giving up on a text that keeps changing.
pub const MAX_ROUNDS: usize = 10;

/// TypeScript's standard library types, in scope in every module although the module's own
/// analysis cannot resolve them: a fix may write them (`Record<string, string>`).
const LIBRARY_TYPES: &[&str] = &["Record"];

/// A text after its fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedText {
    /// The fixed text (the original when nothing was fixed).
    pub text: String,
    /// Fixes applied.
    pub applied: usize,
    /// The findings of the fixed text: what a fresh lint of it reports.
    pub findings: Vec<Finding>,
    /// Whether the loop stopped because nothing was left to fix, rather than at the round
    /// limit with fixes still applicable (a rule whose fix keeps finding more to fix).
    pub converged: bool,
}

/// Why the fixes of a file were refused; the file is to be left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixRefusal {
    /// A sentence for a `fix-error` finding: `a fix was not applied because …`.
    pub message: String,
}

/// Lints `text` as the content of `file` against the project (its route tree and module
/// graph) and applies the fixes `options`
/// allow, round after round, until nothing is left to fix.
pub fn lint_fix(
    linter: &Linter,
    file: &ProjectFile,
    text: &str,
    project: (&RouteTree, Option<&ModuleGraph>),
    options: FixOptions,
) -> Result<FixedText, FixRefusal> {
    let facts = kosmo_lint_facts::extract_text(file.kind, &file.path, text);
    let findings = linter.lint_file(file, &facts, project.0, project.1);
    fix_findings(linter, file, text, project, options, findings)
}

/// [`lint_fix`], starting from the findings already known for `text`.
pub fn fix_findings(
    linter: &Linter,
    file: &ProjectFile,
    text: &str,
    (tree, modules): (&RouteTree, Option<&ModuleGraph>),
    options: FixOptions,
    findings: Vec<Finding>,
) -> Result<FixedText, FixRefusal> {
    let mut current = FixedText { text: text.to_owned(), applied: 0, findings, converged: false };
    // The original's bindings, the reference a fixed text is compared with (computed once,
    // when a fix first applies).
    let mut original: Option<ModuleCheck> = None;
    for _ in 0..MAX_ROUNDS {
        let fixes: Vec<&kosmo_lint_core::Fix> = current
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .filter(|fix| applies(fix.applicability, options))
            .collect();
        if fixes.is_empty() {
            current.converged = true;
            return Ok(current);
        }
        let applied = apply_fixes(&current.text, &fixes);
        if applied.applied == 0 {
            current.converged = true;
            return Ok(current);
        }
        if original.is_none() {
            // Rules find nothing to fix in a file that does not parse.
            let Ok(check) = check_module(&file.path, text) else {
                current.converged = true;
                return Ok(current);
            };
            original = Some(check);
        }
        let Some(reference) = &original else { break };
        check_fixed(file, &applied.text, reference)?;
        let facts = kosmo_lint_facts::extract_text(file.kind, &file.path, &applied.text);
        if let FileStatus::SyntaxErrors { errors } = &facts.status {
            return Err(does_not_parse(errors));
        }
        let findings = linter.lint_file(file, &facts, tree, modules);
        current = FixedText {
            text: applied.text,
            applied: current.applied + applied.applied,
            findings,
            converged: false,
        };
    }
    current.converged = !current
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .any(|f| applies(f.applicability, options));
    Ok(current)
}
/// Refuses a fixed text that does not parse, changes a component's markup, has a semantic
/// error the original did not have, declares a name once more, or uses a name the original
/// did not leave unresolved (a name bound in the component, used by a new top-level
/// statement).
fn check_fixed(file: &ProjectFile, fixed: &str, original: &ModuleCheck) -> Result<(), FixRefusal> {
    let after = check_module(&file.path, fixed).map_err(|errors| does_not_parse(&errors))?;
    // A component's template, style and tags, and an MDX page's prose, are kept byte for
    // byte: rules see only the scripts, and their fixes edit only those.
    if after.markup != original.markup {
        return Err(refusal("it would change the file outside its script blocks"));
    }
    for (name, count) in &after.redeclared {
        if original.redeclared.get(name).is_none_or(|before| before < count) {
            return Err(refusal(&format!("it would declare `{name}` a second time")));
        }
    }
    if let Some(name) = after.unresolved.iter().find(|name| {
        !original.unresolved.contains(*name) && !LIBRARY_TYPES.contains(&name.as_str())
    }) {
        return Err(refusal(&format!("it would use `{name}` where no such name is in scope")));
    }
    let mut before = original.errors.clone();
    for error in &after.errors {
        match before.iter().position(|e| e == error) {
            Some(at) => {
                before.swap_remove(at);
            }
            None => return Err(refusal(&format!("the fixed file would have an error: {error}"))),
        }
    }
    Ok(())
}

fn does_not_parse(errors: &[SyntaxError]) -> FixRefusal {
    let detail = errors.first().map_or_else(String::new, |e| format!(": {}", e.message));
    refusal(&format!("the fixed file would not parse{detail}"))
}

fn refusal(reason: &str) -> FixRefusal {
    FixRefusal {
        message: format!("a fix was not applied because {reason}; the file is left unchanged"),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use kosmo_lint_core::walk::{FileKind, ProjectFile, walk_project};
    use kosmo_lint_core::{Applicability, Edit, Fix, Project, RouteTree, Span};
    use kosmo_lint_fix::FixOptions;

    use super::lint_fix;
    use crate::{FileContext, Linter, Reporter, Rule, declare_rule};

    /// A test rule whose fix appends `$text` to every page.
    macro_rules! appending_rule {
        ($rule:ident, $name:literal, $text:literal) => {
            declare_rule! {
                /// ### What it does
                /// Appends a statement to every page, to test the check of fixed texts.
                $rule {
                    name: $name,
                    severity: Warning,
                    category: Correctness,
                    fix: Safe,
                    frontends: [Solid],
                    summary: "test rule",
                }
            }

            impl Rule for $rule {
                fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
                    if ctx.file.kind == FileKind::Page
                        && !ctx
                            .facts
                            .page
                            .as_ref()
                            .is_some_and(|p| p.exports.iter().any(|e| e.name == "preload"))
                    {
                        report.report(Span::new(0, 0), "always").fix = Some(Fix {
                            applicability: Applicability::Safe,
                            message: "append".into(),
                            edits: vec![Edit::insertion(0, $text)],
                        });
                    }
                }
            }
        };
    }

    appending_rule!(RedeclaresX, "redeclares-x", "export const preload = 1; const x = 2;\n");
    appending_rule!(UsesUnbound, "uses-unbound", "export const preload = inside;\n");
    appending_rule!(
        UsesLibraryType,
        "uses-library-type",
        "export const preload = (p: Record<string, string>) => p;\n"
    );
    appending_rule!(UsesGlobal, "uses-global", "export const preload = () => fetch;\n");

    const OPTIONS: FixOptions = FixOptions { unsafe_fixes: false, write: false };

    /// A G5 project with one page; its file and route tree.
    fn page_of_a_project(dir: &std::path::Path) -> (ProjectFile, RouteTree) {
        let write = |rel: &str, text: &str| {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("package.json", r#"{ "dependencies": { "@kosmojs/core": "0.5", "solid-js": "1" } }"#);
        write("src/app/kosmo.config.ts", "export default {};\n");
        write(
            "src/app/api/users/index.ts",
            "import { defineRoute } from \"_/api\";\nexport default defineRoute<\"users\">(({ GET }) => [\n  GET<{ response: [200, \"json\", string[]] }>(async (ctx) => ctx.json([])),\n]);\n",
        );
        write("src/app/pages/users/index.tsx", "export default function Page() { return null; }\n");
        let project = Project::discover(dir).unwrap();
        let (files, _) = walk_project(&project, 1);
        let facts = kosmo_lint_facts::extract_all(&files);
        let tree = RouteTree::build(&project, &files, &facts);
        let page = files.into_iter().find(|f| f.kind == FileKind::Page).unwrap();
        (page, tree)
    }

    const MISSING_PRELOAD: &str = r#"import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#;

    #[test]
    fn fixes_a_text_without_the_file_system_and_a_second_fix_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (page, tree) = page_of_a_project(dir.path());
        let linter = Linter::with_defaults();
        let fixed = lint_fix(&linter, &page, MISSING_PRELOAD, (&tree, None), OPTIONS).unwrap();
        assert_eq!(fixed.applied, 1);
        assert!(fixed.text.contains("export const preload = () => { void getUsers(); };"));
        // The file on disk is not what was fixed: nothing read it, nothing wrote it.
        assert!(!fs::read_to_string(&page.path).unwrap().contains("preload"));
        assert!(fixed.converged);
        assert!(fixed.findings.is_empty(), "{:#?}", fixed.findings);
        let again = lint_fix(&linter, &page, &fixed.text, (&tree, None), OPTIONS).unwrap();
        assert_eq!((again.text, again.applied, again.converged), (fixed.text, 0, true));
    }

    #[test]
    fn a_fix_that_redeclares_or_uses_a_name_not_in_scope_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (page, tree) = page_of_a_project(dir.path());
        let text = "const x = 1;\nexport default function Page() { const inside = fetch; return inside; }\n";
        let refused = |rule: &'static dyn Rule| {
            lint_fix(&Linter::with_rules(&[rule]), &page, text, (&tree, None), OPTIONS)
                .unwrap_err()
                .message
        };
        assert_eq!(
            refused(&RedeclaresX),
            "a fix was not applied because it would declare `x` a second time; the file is left unchanged"
        );
        assert_eq!(
            refused(&UsesUnbound),
            "a fix was not applied because it would use `inside` where no such name is in scope; the file is left unchanged"
        );
        // A global the page already uses, and TypeScript's library types, are in scope.
        for rule in [&UsesGlobal as &'static dyn Rule, &UsesLibraryType] {
            let fixed = lint_fix(&Linter::with_rules(&[rule]), &page, text, (&tree, None), OPTIONS)
                .unwrap();
            assert_eq!(fixed.applied, 1, "{}", rule.meta().name);
        }
    }
}
