//! `deprecated-router-api`: Solid Router's deprecated names in a page, `load` (now
//! `preload`) and `cache` (now `query`).

use kosmo_lint_core::facts::{PageFacts, Preload, PreloadForm, RouterCacheImport};
use kosmo_lint_core::{Applicability, Edit, Fix};

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Flags Solid Router names that were renamed and are kept only as deprecated aliases, in a
    /// SolidJS page or layout:
    ///
    /// - `load` as the page's data export (`export const load`, `export function load`,
    ///   `export { fetchData as load }`), renamed `preload` in Solid Router 0.14;
    /// - a `load` key in `export const route = { load }`, the same rename (such a route object
    ///   is SolidStart's convention, which KosmoJS never calls: `missing-preload` says so);
    /// - `cache` imported from `@solidjs/router`, renamed `query` in 0.15.
    ///
    /// ### Why is this bad?
    ///
    /// The old names still work through aliases (`preload || load`, `cache = query`) that the
    /// router marks `@deprecated` and may drop in a later major version; the current docs,
    /// KosmoJS's included, use only the new names, so code with the old ones is harder to match
    /// against them.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// import { cache } from "@solidjs/router";
    /// const getUser = cache((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
    /// export const load = ({ params }) => { void getUser(params.id); };
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// import { query } from "@solidjs/router";
    /// const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
    /// export const preload = ({ params }) => { void getUser(params.id); };
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS only: the other frontends' routers call `loader`, and `cache` from
    /// `@solidjs/router` means nothing there.
    ///
    /// ### Fix
    ///
    /// Safe renames:
    ///
    /// - `export const load` / `export function load` → `preload`, when the module binds no
    ///   `preload` and nothing in it refers to `load` (a call, `route = { load }`);
    /// - `export { fetchData as load }` → `as preload`, `export { load }` → `export { load as
    ///   preload }` (the local binding is untouched), the same for a re-export;
    /// - `import { cache }` → `import { query }` with every use renamed, when each use is a
    ///   plain reference and the file binds or reads no other `query`; otherwise
    ///   `import { query as cache }`, which keeps every use as it is. `cache as c` becomes
    ///   `query as c`.
    ///
    /// A route object's `load` key gets no fix: code may read `route.load`.
    DeprecatedRouterApi {
        name: "deprecated-router-api",
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        frontends: [Solid],
        summary: "Solid Router's deprecated `load` (now `preload`) and `cache` (now `query`)",
    }
}

impl Rule for DeprecatedRouterApi {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some(page) = ctx.solid_page() else { return };
        if let Some(preload) = page.preload.as_ref().filter(|p| p.name == "load") {
            let finding = report
                .report(preload.name_span, "`load` is Solid Router's deprecated name of `preload`");
            finding.label(preload.name_span, "deprecated since Solid Router 0.14");
            match load_fix(page, preload) {
                Some(fix) => {
                    finding.help(fix.message.clone()).fix(fix);
                }
                None => {
                    finding.help(
                        "rename the export to `preload` (this module binds `preload`, or refers to `load`: rename those first)",
                    );
                }
            }
        }
        if let Some(route) = page.route_object_preload.as_ref().filter(|r| r.key == "load") {
            report
                .report(
                    route.key_span,
                    "`load` in a route definition is Solid Router's deprecated name of `preload`",
                )
                .label(route.key_span, "deprecated since Solid Router 0.14")
                .help("rename the key to `preload` (and any `route.load` that reads it)");
        }
        if let Some(cache) = &page.module.router_cache {
            let fix = cache_fix(cache);
            report
                .report(cache.specifier, "`cache` is Solid Router's deprecated name of `query`")
                .label(cache.specifier, "deprecated since Solid Router 0.15")
                .help(fix.message.clone())
                .fix(fix);
        }
    }
}

fn safe(message: String, edits: Vec<Edit>) -> Fix {
    Fix { applicability: Applicability::Safe, message, edits }
}

fn load_fix(page: &PageFacts, preload: &Preload) -> Option<Fix> {
    match preload.form {
        PreloadForm::Const | PreloadForm::Function => {
            if page.module.preload_bound || page.module.load_referenced {
                return None;
            }
            let edit = Edit::replacement(preload.name_span, "preload");
            Some(safe("Rename the export to `preload`".to_owned(), vec![edit]))
        }
        // `export { load }` names the local binding too: keep it, rename the export only.
        PreloadForm::Specifier | PreloadForm::ReExport => {
            let shorthand = preload.value.span() == preload.name_span;
            let replacement = if shorthand { "load as preload" } else { "preload" };
            let edit = Edit::replacement(preload.name_span, replacement);
            Some(safe("Rename the export to `preload`".to_owned(), vec![edit]))
        }
    }
}

fn cache_fix(cache: &RouterCacheImport) -> Fix {
    if cache.local == "cache"
        && let Some(uses) = &cache.renamable_uses
    {
        let edits = std::iter::once(cache.specifier)
            .chain(uses.iter().copied())
            .map(|at| Edit::replacement(at, "query"))
            .collect();
        return safe("Import `query` instead, and rename its uses".to_owned(), edits);
    }
    let replacement = format!("query as {}", cache.local);
    let edit = Edit::replacement(cache.specifier, replacement.clone());
    safe(format!("Import `{replacement}`"), vec![edit])
}

#[cfg(test)]
mod tests;
