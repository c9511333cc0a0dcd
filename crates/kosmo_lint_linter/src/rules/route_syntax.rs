//! `route-syntax`: route folder names the framework of the folder's generation refuses.

use kosmo_lint_core::route_syntax::check_route_folders;
use kosmo_lint_core::walk::FileKind;

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks the folder names of every API route (`api/**/index.ts`) and page
    /// (`pages/**/index.*`) against the route param syntax of the source folder's
    /// generation, as the framework's route scanner reads them:
    ///
    /// - **G1, G2** (`[id]`, `[[id]]`, `[...path]`): an optional param must come last; no
    ///   static folder or required param may follow it. Anything else is a literal folder.
    /// - **G4 and later** (`[id]`, `{id}`, `{...path}`, mixed segments such as
    ///   `[name].[ext]`, path-to-regexp groups inside `{…}`): a bare `:id` is refused ("use
    ///   [id] instead of :id"); what is left must parse as a path-to-regexp v8 pattern, so
    ///   `[some-id]` (only a `\w+` name is a param), `[`, `[[id]]`, `[...path]`, `(`, `?`, `+`
    ///   inside a group and unbalanced braces are refused with path-to-regexp's own message;
    ///   and an optional param must not be followed by a required one (`{opt}/[req]`).
    /// - **G3** projects lived through all three syntaxes (the G1 one until 2026-02-26,
    ///   `:id`/`{:id}` until 2026-03-04, then today's), so a folder is reported only when
    ///   all three refuse it, with today's reason.
    ///
    /// The finding is on each route file below the folder, as the framework fails each one.
    ///
    /// ### Why is this bad?
    ///
    /// The framework's dev server and build stop on such a route ("Failed parsing path"), or,
    /// in G1 and G2, generate a route whose optional param can never be left out. kosmo-lint
    /// would otherwise take the folder as a literal segment and check the rest of the project
    /// against a route the framework never serves.
    ///
    /// ### Examples
    ///
    /// Incorrect (G4 and later):
    ///
    /// ```text
    /// api/users/:id/index.ts            bare param
    /// api/users/[user-id]/index.ts      `user-id` is no `\w+` name
    /// pages/users/{tab}/[id]/index.tsx  a required param after an optional one
    /// ```
    ///
    /// Correct:
    ///
    /// ```text
    /// api/users/[id]/index.ts
    /// api/users/[user_id]/index.ts
    /// pages/users/[id]/{tab}/index.tsx
    /// ```
    ///
    /// ### Frontends
    ///
    /// Every frontend: the rule reads folder names under `api/` and `pages/`, whatever the
    /// extension of the page inside (`index.tsx`, `index.vue`, `index.svelte`, `index.mdx`).
    ///
    /// ### Fix
    ///
    /// None: renaming a folder changes the route's name everywhere it is referenced. The help
    /// gives the name to use when there is one.
    RouteSyntax {
        name: "route-syntax",
        severity: Error,
        category: Correctness,
        fix: None,
        frontends: [Solid, React, Vue, Svelte, Mdx],
        summary: "Route folder names must be valid in the param syntax of the folder's generation",
    }
}

impl Rule for RouteSyntax {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if !matches!(ctx.file.kind, FileKind::ApiRoute | FileKind::Page) {
            return;
        }
        let Some(route) = &ctx.file.route else { return };
        let folders: Vec<&str> = route.name.split('/').collect();
        let generation = ctx.generation();
        let Err(error) = check_route_folders(&folders, generation) else { return };
        let folder = folders.get(error.folder).copied().unwrap_or_default();
        let help = error.hint.unwrap_or_else(|| {
            format!("{} route folders write params as {}", generation.label(), error.syntax.forms())
        });
        report
            .report_file(format!(
                "KosmoJS ({}) refuses the route folder `{folder}`: {}",
                generation.label(),
                error.reason
            ))
            .help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::RouteSyntax as Rule;
    use crate::tester::{Fixture, Tester};

    const PAGE: &str = "export default function Page() {\n  return null;\n}\n";

    #[test]
    fn passes() {
        let g1_like = [
            "pages/users/[id]/index.tsx",
            "pages/posts/[[page]]/index.tsx",
            "pages/files/[...path]/index.tsx",
            "pages/users/[id]/[[section]]/[[sub]]/index.tsx",
            "pages/a/[some-id]/index.tsx",
            "pages/a/[[]]/index.tsx",
        ];
        let mut pass = Vec::new();
        for page in g1_like {
            pass.extend([Fixture::G1, Fixture::G2, Fixture::G3].map(|f| f.file(page, PAGE)));
        }
        let p3 = [
            "pages/users/{id}/index.tsx",
            "pages/users/[id]/{tab}/index.tsx",
            "pages/docs/{...path}/index.tsx",
            "pages/files/[name].[ext]/index.tsx",
            "pages/shop/book{-:id}-info/index.tsx",
            "pages/properties/{city}/filters/index.tsx",
            "pages/a/c++/index.tsx",
        ];
        for page in p3 {
            pass.extend([Fixture::G3, Fixture::G4, Fixture::G5].map(|f| f.file(page, PAGE)));
        }
        pass.push(Fixture::G3.file("pages/users/:id/index.tsx", PAGE));
        Tester::new(&Rule).pass(pass).test();
    }

    #[test]
    fn fails() {
        let fail = vec![
            Fixture::G5.file("pages/users/:id/index.tsx", PAGE),
            Fixture::G5.file("pages/users/[user-id]/index.tsx", PAGE),
            Fixture::G5.file("pages/users/{tab}/[id]/index.tsx", PAGE),
            Fixture::G5.file("pages/a/[/index.tsx", PAGE),
            Fixture::G4.file("pages/a/[[id]]/index.tsx", PAGE),
            Fixture::G3.file("pages/a/[[id]]/b/index.tsx", PAGE),
            Fixture::G2.file("pages/a/[[id]]/[b]/index.tsx", PAGE),
            Fixture::G1.file("pages/a/[[id]]/b/index.tsx", PAGE),
        ];
        for case in &fail {
            let findings = case.findings(&[&Rule]);
            assert_eq!(findings.len(), 1, "{findings:?}");
        }
        Tester::new(&Rule).fail(fail).test_and_snapshot();
    }
}
