//! `preload-query-cache`: a SolidJS page's `preload` and its component share a function no
//! `query()` wrapper caches, so the data is fetched twice.

use kosmo_lint_core::facts::{FunctionValue, PageFacts, Preload, PreloadForm, Target};
use kosmo_lint_core::route_path::ParamKind;
use kosmo_lint_core::{Applicability, Edit, Fix};

use crate::context::FindingExt;
use crate::data_flow::{Reach, Read, Source, reads};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// In a SolidJS page or layout, flags a `createAsync` (or `createAsyncStore`) that reads
    /// the same function as the `preload` export when that function is not a `query()`
    /// wrapper and reaches a generated fetch client with no wrapper in between: the seed's G1
    /// form (`export const preload = fetchData` with `createAsync(fetchData)`), the G4 docs'
    /// `export { GET as preload }` with `createAsync(GET)`, or both sides calling
    /// `GET([params.id])` or a local `loadUser()` that calls a client.
    ///
    /// A function that calls a `query()` wrapper itself, or an imported wrapper, is cached
    /// and not reported. A hand-written `fetch` is `preload-generated-fetch`'s and
    /// `create-async-reuses-preload`'s; a bare reference's wrong argument is
    /// `no-bare-function-reference`'s (both may be reported on the seed's form: they are two
    /// problems with two fixes).
    ///
    /// ### Why is this bad?
    ///
    /// Solid Router does not pass the preload's result to the component: `createAsync` calls
    /// its function again, and only a `query()` wrapper answers that second call from its
    /// cache. With a plain function the preload's request is made when a link is hovered or
    /// the navigation starts, its result is thrown away, and the same request is made again
    /// when the component renders: every visit fetches the data twice, and the preload speeds
    /// nothing up.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// import { GET as fetchData } from "@front/{api}/users/fetch";
    /// export const preload = () => fetchData();
    /// export default function Page() {
    ///   const users = createAsync(() => fetchData());
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// const getUsers = query(() => fetchData(), "users");
    /// export const preload = () => getUsers();
    /// export default function Page() {
    ///   const users = createAsync(() => getUsers());
    /// }
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS only: `query()` is Solid Router's cache. A React, Vue, Svelte or MDX `loader`
    /// hands its result to the component (`useLoaderData()`), which `use-loader-data` checks.
    ///
    /// ### Fix
    ///
    /// An unsafe fix, where the shapes are simple: both sides read the same function as a
    /// bare reference (`export const preload = fetchData`, `createAsync(fetchData)`) or a call
    /// with no arguments through a name or static members (`() => fetchData()`,
    /// `() => usersClient.GET()`), and a bare reference names it at the top level. It
    /// declares `const getUsers = query(() => fetchData(), "users#getUsers")` after the
    /// function's declaration (importing `query` from `@solidjs/router` beside the page's
    /// other imports from it when needed), and calls the wrapper on both sides. The key is
    /// the page's route name and the wrapper's name: the route name alone would be a prefix of
    /// the keys of the pages below it, which `query-name-unique` reports. No fix when that key
    /// clashes with a name of the file or, in a full run, of another file of the folder.
    /// Unsafe because a run over named files cannot see the other files (a clash is then
    /// reported by `query-name-unique` on the next full run), and because the data is then
    /// cached (for 5 s after the preload, and while a component reads it) where it was not
    /// before.
    ///
    /// No fix when the call passes arguments (`GET([params.id])`: the wrapper's parameters are
    /// the author's choice), when a client read bare or with no arguments serves a route with
    /// a required param (a call with none would be `page-api-params-match`'s finding), for
    /// `export { fetchData as preload }`, or when the names the fix needs are taken.
    ///
    /// ### Severity
    ///
    /// A warning by default: it reports the preload-pattern seed's own form, and a project
    /// that adopts kosmo-lint should not fail CI on its first run (warnings alone exit 0).
    /// Once the pages are fixed, make it an error in `kosmo-lint.json`
    /// (`"rules": { "preload-query-cache": "error" }`), or for one run with
    /// `-D preload-query-cache`.
    PreloadQueryCache {
        name: "preload-query-cache",
        severity: Warning,
        category: Perf,
        fix: Unsafe,
        frontends: [Solid],
        summary: "`preload` and `createAsync` should share a `query()` wrapper, not a plain function",
    }
}

impl Rule for PreloadQueryCache {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some(page) = ctx.solid_page() else { return };
        let Some(preload) = &page.preload else { return };
        let scope = ctx.scope(page);
        let warmed = reads(&preload.value);
        for call in &page.create_async {
            for read in reads(&call.value) {
                let source = Source::of(read.target, page);
                if !matches!(
                    source,
                    Source::Client { .. } | Source::Local { .. } | Source::Imported { .. }
                ) || scope.is_query_wrapper(read.target)
                {
                    continue;
                }
                let shared: Vec<&Read<'_>> =
                    warmed.iter().filter(|w| Source::of(w.target, page) == source).collect();
                let Some(first) = shared.first() else { continue };
                let uncached = Reach::uncached_of_target(read.target, read.span, scope);
                let Some((route, method, _)) = uncached.clients.first() else { continue };
                let name = read.describe(page);
                let function = &call.function;
                let finding = report
                    .report(
                        read.span,
                        format!(
                            "`preload` and `{function}` both call {name}, which no `query()` wrapper caches: the `{method}` request of `{route}` is made twice, and the preload's result is thrown away"
                        ),
                    )
                    .label(read.span, format!("`{function}` fetches again"))
                    .label(first.span, "`preload` fetches here");
                let fix = wrapper_fix(ctx, page, preload, (&read, &shared), route);
                match fix {
                    Some(fix) => {
                        finding.help(fix.message.clone()).fix(fix);
                    }
                    None => {
                        finding.help(format!(
                            "wrap it in `query()` (`const getData = query(…, \"{}#getData\")`) and call the wrapper in both places",
                            page_route(ctx)
                        ));
                    }
                }
            }
        }
    }
}

fn page_route(ctx: &FileContext<'_>) -> String {
    ctx.file.route.as_ref().map_or_else(|| "page".to_owned(), |route| route.name.clone())
}

/// The text that names the shared function and whether it is a bare reference; `None` for a
/// shape the fix does not take on.
fn written(read: &Read<'_>) -> Option<(String, bool)> {
    match (read.text, read.args, read.callee) {
        (Some(text), None, _) => Some((text.to_owned(), true)),
        (None, Some([]), Some(callee)) => Some((callee.to_owned(), false)),
        _ => None,
    }
}

/// The replacement of one read: a bare reference becomes an arrow, a call the wrapper's call.
fn read_edit(read: &Read<'_>, bare: bool, wrapper: &str) -> Edit {
    let call = format!("{wrapper}()");
    Edit::replacement(read.span, if bare { format!("() => {call}") } else { call })
}

fn wrapper_fix(
    ctx: &FileContext<'_>,
    page: &PageFacts,
    preload: &Preload,
    (read, shared): (&Read<'_>, &[&Read<'_>]),
    route: &str,
) -> Option<Fix> {
    let (function, bare) = written(read)?;
    // The wrapper calls the client with no arguments: only right for a route whose params may
    // all be left out (else `page-api-params-match` reports the fix's output).
    if let Target::GeneratedClient { route, .. } = read.target {
        let api = ctx.folder.api_routes.get(route).filter(|_| !ctx.imports_other_folder())?;
        if api.params.iter().any(|p| p.kind == ParamKind::Required) {
            return None;
        }
    }
    let mut edits = vec![];
    let mut declaration_end = match &preload.value {
        FunctionValue::Reference { declaration_end, .. } => *declaration_end,
        _ => None,
    };
    if let Some(FunctionValue::Reference { declaration_end: end, .. }) =
        page.create_async.iter().find(|c| c.value.span() == read.span).map(|c| &c.value)
    {
        declaration_end = declaration_end.max(*end);
    }
    let wrapper = wrapper_name(page, route, &function)?;
    for warm in shared {
        let (text, warm_bare) = written(warm)?;
        // Two calls name one function only if they reach the same body (a component may
        // declare its own function of that name).
        let same_body = warm_bare || bare || warm.target == read.target;
        if text != function || !same_body || (warm_bare && preload.form != PreloadForm::Const) {
            return None;
        }
        edits.push(read_edit(warm, warm_bare, &wrapper));
    }
    edits.push(read_edit(read, bare, &wrapper));
    let router = page.module.router_import.as_ref()?;
    let query = match &router.query {
        Some(local) => local.clone(),
        None if !page.module.names_in_use.iter().any(|n| n == "query") => {
            edits.push(Edit::insertion(router.last_specifier_end, ", query"));
            "query".to_owned()
        }
        None => return None,
    };
    let key = format!("{}#{wrapper}", page_route(ctx));
    let clashes = |other: &str| other.starts_with(&key) || key.starts_with(other);
    if page.queries.iter().filter_map(|q| q.key.as_deref()).any(clashes) {
        return None;
    }
    // Other files' names, where a full run has gathered them (`query-name-unique`).
    let table = ctx.modules.and_then(crate::modules::graph::ModuleGraph::query_names);
    if table.is_some_and(|t| !t.clashes(ctx.file.folder, &ctx.file.path, &key).is_empty()) {
        return None;
    }
    // After the function's declaration when a bare reference shows where it is; else right
    // before the preload, which calls it from the top level (the wrapper calls it lazily).
    let statement = |semi: bool| {
        format!(
            "const {wrapper} = {query}(() => {function}(), \"{key}\"){}",
            if semi { ";" } else { "" }
        )
    };
    let imports_end = page.module.imports_end?;
    let statement = match declaration_end {
        Some(end) => {
            let at = imports_end.max(end);
            let text = statement(page.module.semicolons || page.module.asi_hazards.contains(&at));
            edits.push(Edit::insertion(at, format!("\n\n{text}")));
            text
        }
        None if preload.span.start > imports_end => {
            // The preload statement starts with `export`: ASI ends ours before it.
            let text = statement(page.module.semicolons);
            edits.push(Edit::insertion(preload.span.start, format!("{text}\n\n")));
            text
        }
        None => return None,
    };
    Some(Fix {
        applicability: Applicability::Unsafe,
        message: format!("Cache it: `{statement}`, called in both places"),
        edits,
    })
}

/// `getUsersId` for `users/[id]`: a name no scope of the module uses yet.
fn wrapper_name(page: &PageFacts, route: &str, function: &str) -> Option<String> {
    let mut base = String::from("get");
    for word in route.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            base.push(first.to_ascii_uppercase());
            base.extend(chars);
        }
    }
    if base == "get" {
        base.push_str("Data");
    }
    let taken = |name: &str| name == function || page.module.names_in_use.iter().any(|n| n == name);
    std::iter::once(base.clone())
        .chain((2..10).map(|n| format!("{base}{n}")))
        .find(|name| !taken(name))
}

#[cfg(test)]
mod tests;
