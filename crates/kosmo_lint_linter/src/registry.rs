//! The one list of rules. Order is by name; a test keeps it sorted, unique and complete.

use kosmo_lint_core::Severity;

use crate::rules::create_async_reuses_preload::CreateAsyncReusesPreload;
use crate::rules::define_route_shape::DefineRouteShape;
use crate::rules::deprecated_router_api::DeprecatedRouterApi;
use crate::rules::fetch_client_route_exists::FetchClientRouteExists;
use crate::rules::missing_preload::MissingPreload;
use crate::rules::no_bare_function_reference::NoBareFunctionReference;
use crate::rules::page_api_params_match::PageApiParamsMatch;
use crate::rules::prefetch_matches_query::PrefetchMatchesQuery;
use crate::rules::preload_generated_fetch::PreloadGeneratedFetch;
use crate::rules::preload_never_runs::PreloadNeverRuns;
use crate::rules::preload_no_await::PreloadNoAwait;
use crate::rules::preload_query_cache::PreloadQueryCache;
use crate::rules::query_name_unique::QueryNameUnique;
use crate::rules::response_type_declared::ResponseTypeDeclared;
use crate::rules::route_name_matches_folder::RouteNameMatchesFolder;
use crate::rules::route_syntax::RouteSyntax;
use crate::rules::unused_suppression::UnusedSuppression;
use crate::rules::use_loader_data::UseLoaderData;
use crate::{Category, FixKind, Rule, RuleMeta};

/// Every lint rule, sorted by name.
pub static RULES: &[&dyn Rule] = &[
    &CreateAsyncReusesPreload,
    &DefineRouteShape,
    &DeprecatedRouterApi,
    &FetchClientRouteExists,
    &MissingPreload,
    &NoBareFunctionReference,
    &PageApiParamsMatch,
    &PrefetchMatchesQuery,
    &PreloadGeneratedFetch,
    &PreloadNeverRuns,
    &PreloadNoAwait,
    &PreloadQueryCache,
    &QueryNameUnique,
    &ResponseTypeDeclared,
    &RouteNameMatchesFolder,
    &RouteSyntax,
    &UnusedSuppression,
    &UseLoaderData,
];

/// Findings the linter itself reports about files it cannot read, parse or fix. They have names
/// and docs like rules, but no check: they cannot be turned off.
pub static BUILTIN: &[RuleMeta] = &[
    RuleMeta {
        name: "fix-error",
        severity: Severity::Error,
        category: Category::Correctness,
        fix: FixKind::None,
        summary: "A fix was refused because the fixed file would not parse or would break a name",
        frontends: &[],
        docs: "### What it does\n\nReports a fix that `--fix` did not apply: after applying it in memory, kosmo-lint parses the result again and checks its bindings (oxc's semantic analysis). A result with a syntax error, a new semantic error, a name declared a second time, or a name used where no declaration of it is in scope (one that was not already a global of the file) is never written. The file is left as it was and the finding the fix was for is still reported.\n\n### Why is this bad?\n\nIt should not happen: a fix that breaks a file is a bug in kosmo-lint. Please report it with the file's content.\n",
    },
    RuleMeta {
        name: "internal-error",
        severity: Severity::Error,
        category: Category::Correctness,
        fix: FixKind::None,
        summary: "kosmo-lint crashed while checking a file (a bug to report)",
        frontends: &[],
        docs: "### What it does\n\nReports a file whose analysis crashed kosmo-lint (a panic in its parsing, fact extraction or rules), with the crash's message. The crash is contained to that file: the rest of the project is still checked and reported, and the run exits with code 2, since its result is incomplete (a route definition that crashed is missing from the route tree). `kosmo-lint routes` names such files on stderr and exits 2 too. A crash anywhere else is said on stderr, also with exit code 2.\n\n### Why is this bad?\n\nIt should not happen: it is a bug in kosmo-lint. Please report it, with the file if you can share it, at the repository's issues.\n",
    },
    RuleMeta {
        name: "io-error",
        severity: Severity::Error,
        category: Category::Correctness,
        fix: FixKind::None,
        summary: "A file could not be read or written, is binary, or is not UTF-8",
        frontends: &[],
        docs: "### What it does\n\nReports a file kosmo-lint could not lint because it could not be read (permissions; a folder where a route file belongs, such as a folder named `index.ts` in a route folder; a path named on the command line that is a FIFO or another non-regular file), contains a NUL byte (a binary file: a NUL in its first 8 KiB, or anywhere in a file that does not parse), or is not valid UTF-8 (the message gives the offset of the first invalid byte). The rest of the project is still checked.\n\nWith `--fix`, it also reports a fixed file that could not be written: a read-only file or folder (kosmo-lint respects the permissions even when it could override them) or a failed write. Files are written atomically, through a temporary file in the same folder and a rename, so such a file is left exactly as it was.\n\n### Why is this bad?\n\nA file that is skipped silently is a file whose problems nobody sees. Save source files as UTF-8 and keep binary files out of source folders.\n",
    },
    RuleMeta {
        name: "nesting-limit",
        severity: Severity::Error,
        category: Category::Correctness,
        fix: FixKind::None,
        summary: "A file is nested too deeply to be parsed safely",
        frontends: &[],
        docs: "### What it does\n\nReports a file whose nesting is too deep for kosmo-lint to parse without risking a stack overflow, at the position where the limit is passed. Parsers recurse once per level of nesting, so before parsing, kosmo-lint estimates a file's nesting from its tokens: every open bracket (`(`, `[`, `{`, `${`) counts 2 units, and every operator or nesting keyword (`a + b`, `=>`, `<` of a JSX element, `else`, `new`, …) 1 unit until the next `,` or `;` of its bracket. Past 100,000 units the file is reported instead of parsed; 20,000 levels of any single construct (nested calls, objects, arrays, template literals, arrows, JSX elements, a `+` chain) stay below that. The rest of the project is still checked.\n\n### Why is this bad?\n\nA file this deep is almost always generated, and its other problems stay hidden while it is not linted. Flatten the nesting, or generate the file flatter.\n",
    },
    RuleMeta {
        name: "skipped",
        severity: Severity::Info,
        category: Category::Correctness,
        fix: FixKind::None,
        summary: "A path in a source folder was not linted: a broken or outside link, a FIFO",
        frontends: &[],
        docs: "### What it does\n\nNames every path in a source folder that kosmo-lint walked past without linting, with the reason, in every output format (an `info` diagnostic in `--format json`, a `::notice` on GitHub, a SARIF `note`, a JUnit `<skipped>` test case, a count in the summary line):\n\n- a symbolic link whose target does not exist, or a loop of links;\n- a symbolic link to a path outside the project: it is not followed, and its target is never printed;\n- a symbolic link to a folder: not followed (what it points to is linted where it is, if it is in a source folder); a link to a source file inside the project is linted under the link's name;\n- a FIFO, a socket or a device: never opened, so the run cannot block on it.\n\nThese are not source files, so they do not fail the run: the exit code ignores them and `--quiet` hides them. A source file that cannot be read is an `io-error` instead, and a path named on the command line that cannot be linted (a FIFO) is an `io-error` too.\n\n### Why is this bad?\n\nA linter that passes over a path without a word lets a broken link or a misplaced file hide a route. Remove the path, fix the link, or list it in `.gitignore`.\n",
    },
    RuleMeta {
        name: "syntax-error",
        severity: Severity::Error,
        category: Category::Correctness,
        fix: FixKind::None,
        summary: "A file does not parse",
        frontends: &[],
        docs: "### What it does\n\nReports every syntax error oxc finds in a file, with its position. No rule runs on a file that does not parse, so its other problems stay hidden until it does. The rest of the project is still checked.\n\n### Why is this bad?\n\nThe file will not build either. Fix the syntax error first.\n",
    },
];

/// A rule or built-in by name.
pub fn find_rule(name: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|rule| rule.meta()).chain(BUILTIN.iter()).find(|meta| meta.name == name)
}

#[cfg(test)]
mod tests {
    use super::{BUILTIN, RULES};

    #[test]
    fn rules_are_sorted_unique_and_each_has_a_module() {
        let names: Vec<&str> = RULES.iter().map(|r| r.meta().name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "RULES must be sorted by name and unique");
        let modules = include_str!("rules/mod.rs");
        for name in &names {
            let module = name.replace('-', "_");
            assert!(modules.contains(&format!("pub mod {module};")), "no module for {name}");
        }
        let declared = modules.matches("pub mod ").count();
        assert_eq!(declared, names.len(), "every rule module must be registered");
        assert!(BUILTIN.iter().all(|b| !names.contains(&b.name)));
    }

    #[test]
    fn every_rule_documents_what_why_and_examples() {
        for meta in RULES.iter().map(|r| r.meta()).chain(BUILTIN.iter()) {
            for heading in ["### What it does", "### Why is this bad?"] {
                assert!(meta.docs.contains(heading), "{} lacks `{heading}`", meta.name);
            }
            let is_builtin = BUILTIN.iter().any(|b| b.name == meta.name);
            assert!(
                is_builtin || meta.docs.contains("### Examples"),
                "{} lacks examples",
                meta.name
            );
        }
    }
}
