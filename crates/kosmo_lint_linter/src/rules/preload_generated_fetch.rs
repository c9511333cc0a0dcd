//! `preload-generated-fetch`: a page's data export (`preload` in SolidJS, `loader`
//! elsewhere) loads through a generated fetch client.

use kosmo_lint_core::facts::{Framework, FunctionValue};

use crate::context::FindingExt;
use crate::data_flow::Reach;
use crate::suggest::{client_usage, conventional_route};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks that the `preload` export of a SolidJS page or layout loads its data through a
    /// generated KosmoJS fetch client: directly (`export const preload = fetchData`, G1), or
    /// through a `query()` wrapper or local function whose body calls one
    /// (`fetchClients["users/[id]"].GET`, a destructured method of it, a per-route fetch
    /// module). `query()` wrappers and functions of the same file are followed.
    ///
    /// A preload in `export const route = { preload }` is not checked: KosmoJS's route table
    /// reads only the module's `preload` export, so nothing calls it (`missing-preload`
    /// reports such a page when it reads a generated client).
    ///
    /// ### Why is this bad?
    ///
    /// A hand-written `fetch(...)` (or `axios`, `ky`, `ofetch`) bypasses the client that the
    /// framework generates from the API route: the URL, params and payload are not checked
    /// against the route, and the response is not typed, so a renamed route or a changed
    /// response breaks the page at run time instead of at build time.
    ///
    /// Imports of the project's own modules are followed (see *How far imports are followed*),
    /// so a `query()` wrapper defined once in a shared module and a loader in `components/`
    /// are judged by what they really call: a hand-written request behind an import is the
    /// same error as one in the page. What cannot be followed (a function from an npm
    /// package, an import that does not resolve, a cycle of re-exports) is reported as
    /// unverifiable, at most as a warning: it may well be correct.
    ///
    /// ### How far imports are followed
    ///
    /// Relative imports, the source folder's tsconfig `paths` and, when the generated
    /// tsconfig is not there (a fresh clone), each generation's aliases (`~/`, `@/`,
    /// `@<folder>/`); named, default and namespace imports (`queries.getUser`); re-exports
    /// (`export { a as b } from`, `export * from` barrels, `export { preload } from
    /// "./data"`); and calls from one module's function into another's, up to 16 modules
    /// deep. Generated modules (`_/fetch`, `@front/{api}/…/fetch`) are the route tree's.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// const getUser = query((id: string) => fetch(`/api/users/${id}`).then((r) => r.json()), "users/[id]");
    /// export const preload = ({ params }) => { void getUser(params.id); };
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// import fetchClients from "_/fetch";
    /// const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
    /// export const preload = ({ params }) => { void getUser(params.id); };
    /// ```
    ///
    /// G1 (the seed's form):
    ///
    /// ```tsx
    /// import { GET as fetchData } from "@front/{api}/users/data/fetch";
    /// export const preload = fetchData;
    /// ```
    ///
    /// ### Frontends
    ///
    /// In React folders, and in Vue, Svelte and MDX folders from G5 on, the router calls the
    /// page's `loader` export (React Router's, or KosmoJS's for the others), and a hand-written
    /// request in it is reported the same way; a `preload` export there is nobody's and is
    /// not checked. A loader that reaches no generated client is not reported: it may return
    /// a redirect, a session or static data. In Vue the `loader` sits in
    /// the plain `<script>` block, in Svelte in `<script module>`, in MDX among the ES
    /// exports; positions point into the original file.
    ///
    /// ```tsx
    /// // React: incorrect
    /// export const loader = async () => (await fetch("/api/users")).json();
    /// // correct
    /// export const loader = () => fetchClients.users.GET();
    /// ```
    ///
    /// ```svelte
    /// <script module lang="ts">
    ///   import fetchClients from "_/fetch";
    ///   export const loader = () => fetchClients.users.GET();
    /// </script>
    /// ```
    ///
    /// ### Fix
    ///
    /// None: which generated client, method and arguments replace a hand-written request is
    /// not certain from the request alone.
    PreloadGeneratedFetch {
        name: "preload-generated-fetch",
        severity: Error,
        category: Correctness,
        fix: None,
        frontends: [Solid, React, Vue, Svelte, Mdx],
        summary: "A page's `preload` (SolidJS) or `loader` must load its data through a generated fetch client",
    }
}

impl Rule for PreloadGeneratedFetch {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some((page, framework)) = ctx.page() else { return };
        // The export the folder's router calls: a React page's `preload` is nobody's.
        let preload = match framework {
            Framework::Solid => page.preload.as_ref(),
            Framework::Unknown => None,
            _ if framework.calls_loader(ctx.generation()) => page.loader.as_ref(),
            _ => None,
        };
        let is_loader = framework != Framework::Solid;
        let Some(preload) = preload else { return };
        let at = preload.name_span;
        let help = || {
            let route =
                conventional_route(ctx.folder, ctx.file.route.as_ref().map(|r| r.name.as_str()));
            route.map_or_else(
                || "load the data through the generated fetch client of its API route".to_owned(),
                |route| format!("load the data through {}", client_usage(ctx.folder, route, "GET")),
            )
        };
        // `export const loader = makeLoader(…)` may well return a function.
        if let FunctionValue::Other { text, .. } = &preload.value
            && !is_loader
        {
            report
                .report(at, format!("`{}` is not a function: `{text}`", preload.name))
                .label(preload.value.span(), "not a function")
                .help(help());
            return;
        }
        let reach = Reach::of_value(&preload.value, ctx.scope(page));
        if !reach.raw.is_empty() {
            let names: Vec<&str> = reach.raw.iter().map(|raw| raw.name.as_str()).collect();
            let finding = report.report(
                at,
                format!(
                    "`{}` loads data with a hand-written `{}` instead of a generated fetch client",
                    preload.name,
                    names.join("`, `")
                ),
            );
            finding
                .label(at, if preload.name == "loader" { "this loader" } else { "this preload" });
            for raw in &reach.raw {
                let label = match &raw.module {
                    Some(module) => format!("hand-written `{}` request, in {module}", raw.name),
                    None => format!("hand-written `{}` request", raw.name),
                };
                finding.label(raw.span, label);
            }
            finding.help(help());
        } else if reach.clients.is_empty() && !is_loader {
            // A loader may return a redirect, a session or static data: only a hand-written
            // request in it is certain to be wrong.
            let finding = if reach.opaque.is_empty() {
                report.report(at, format!("`{}` reaches no generated fetch client", preload.name))
            } else {
                let what: Vec<&str> = reach.opaque.iter().map(|(what, _)| what.as_str()).collect();
                report.report_unverifiable(
                    at,
                    format!(
                        "`{}` calls {}, which kosmo-lint cannot follow: it cannot verify that the data loads through a generated fetch client",
                        preload.name,
                        what.join(", ")
                    ),
                )
            };
            finding.label(preload.value.span(), "loads no data through a generated client");
            finding.help(help());
        }
    }
}

#[cfg(test)]
mod tests;
