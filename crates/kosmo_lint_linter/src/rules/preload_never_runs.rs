//! `preload-never-runs`: the generated Solid glue of a folder never calls a page's
//! `preload`, so every page preload of the folder is dead code.

use kosmo_lint_core::Related;
use kosmo_lint_core::facts::Framework;
use kosmo_lint_core::glue::GlueVerdict;
use kosmo_lint_core::walk::FileKind;

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Reads the SolidJS glue KosmoJS generates into a source folder's `lib/` copy, the module
    /// whose `loaderFactory` wraps each page module into its route's `preload`:
    ///
    /// | Generation | Glue file |
    /// |---|---|
    /// | G5 and later | `lib/<folder>/solid.ts` |
    /// | G2–G4 | `lib/src/<folder>/solid.ts` |
    /// | G1 | `lib/<folder>/{solid}/index.ts` (`lib/@front/{solid}/index.ts`) |
    ///
    /// and reports, once per source folder, a wrapper that never calls the page module's
    /// `preload`: it loads the module and *returns* the `preload` member without calling it
    /// (as the KosmoJS Solid generator's template has done since December 2025, through the
    /// 2026 releases read for this rule), or never reads it at all.
    /// A wrapper that calls it (`m.preload?.()`, `component.preload(args)`) is fine.
    ///
    /// The glue is generated code: it is read for this check only, when the route tree is
    /// built, and never linted. Nothing is reported when it is absent (a fresh clone: `lib/`
    /// is git-ignored), when it calls `preload`, when no `loaderFactory` is found, when it
    /// does not parse, or when the wrapper does anything unusual with the module or its
    /// `preload` (hands the module to another function, stores the member, reads a computed
    /// member, spreads it): then it may well call it.
    ///
    /// The finding is on the folder's config (`kosmo.config.ts` in G5, the folder's
    /// `vite.config.*` in G1–G4, else its `config/index.ts`), with the glue's line as a
    /// related location. A folder with no config file is not reported: there is no file of
    /// the project's own to put the finding on (or to suppress it in).
    ///
    /// ### Why is this bad?
    ///
    /// Solid Router calls a route's `preload` when the route is entered or a link to it is
    /// hovered, and drops what it returns on a hover. KosmoJS gives the router its
    /// wrapper as the route's `preload`: a wrapper that only returns the page's `preload`
    /// makes every page preload of the folder dead code. The data is then fetched only when
    /// the component renders and its `createAsync` runs: no warm cache on hover, a later
    /// start on navigation, and the preload-pattern rules check code that never runs.
    ///
    /// ### Examples
    ///
    /// Incorrect (`lib/app/solid.ts`, generated):
    ///
    /// ```ts
    /// export const loaderFactory = (opt?: { withPreload?: boolean }) => {
    ///   return (componentLoader: ComponentLoader) => {
    ///     const preload = async () => {
    ///       const component = await componentLoader();
    ///       return typeof component.preload === "function" ? component.preload : undefined;
    ///     };
    ///     return opt?.withPreload ? { preload } : {};
    ///   };
    /// };
    /// ```
    ///
    /// Correct: the wrapper calls it.
    ///
    /// ```ts
    /// const preload = async (args: RoutePreloadFuncArgs) => {
    ///   const component = await componentLoader();
    ///   return component.preload?.(args);
    /// };
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS folders only: the other frontends' glue (React Router's `loader`) is not
    /// read. A folder's frontend comes from its config, as for every rule.
    ///
    /// ### Fix
    ///
    /// None: the glue is generated, and an edit to it is lost at the next `kosmo dev`. Upgrade
    /// the KosmoJS Solid generator and generate the glue again, or load the data from the
    /// component.
    PreloadNeverRuns {
        name: "preload-never-runs",
        severity: Warning,
        category: Perf,
        fix: None,
        frontends: [Solid],
        summary: "The generated Solid glue must call a page's `preload`, or every page preload of the folder is dead code",
    }
}

impl Rule for PreloadNeverRuns {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::Config || ctx.folder.framework != Some(Framework::Solid) {
            return;
        }
        let Some(glue) = &ctx.folder.solid_glue else { return };
        if glue.verdict != GlueVerdict::NeverCalls
            || glue.report_on.as_deref() != Some(ctx.file.rel.as_str())
        {
            return;
        }
        let folder = &ctx.folder.folder.rel;
        let text = if glue.returns_preload {
            "`loaderFactory` returns the page's `preload` here without calling it"
        } else {
            "`loaderFactory` loads the page module here and never calls its `preload`"
        };
        report
            .report_file(format!(
                "the generated Solid glue never calls a page's `preload`: every `preload` the \
                 pages of `{folder}` export is dead code"
            ))
            .help(format!(
                "the data is fetched only when a component renders, not when its route is \
                 entered or a link to it is hovered; upgrade the KosmoJS Solid generator and \
                 generate `{}` again, or load the data from the component",
                glue.path
            ))
            .related(Related {
                file: ctx.tree.root.join(&glue.path),
                path: glue.path.clone(),
                line: glue.line,
                column: glue.column,
                text: text.to_owned(),
            });
    }
}

#[cfg(test)]
mod tests;
