//! `create-async-reuses-preload`: `createAsync` reads data through the function `preload` warms.

use kosmo_lint_core::facts::{PageFacts, Target, display_arg};

use crate::context::FindingExt;
use crate::data_flow::{Reach, Read, Scope, Source, reads};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// In a SolidJS page or layout that exports `preload`, checks that every `createAsync`
    /// (or `createAsyncStore`) that reads a generated fetch client reads it through the same
    /// function the preload warms, with the same arguments:
    ///
    /// - the same binding in G1 (`export const preload = fetchData` and
    ///   `createAsync(fetchData)`);
    /// - the same `query()` wrapper in G4/G5 (`void getUser(params.id)` in the preload and
    ///   `createAsync(() => getUser(params.id))`); wrappers are compared by their key;
    /// - the same argument expressions, after mapping `params.x`, `useParams().x` and
    ///   `props.params.x` to one another.
    ///
    /// It reports a `createAsync` that reads a different function (a second wrapper over the
    /// same route, another generated client, a hand-written `fetch`), one that reads data the
    /// preload does not load at all, and one whose arguments differ from the preload's.
    ///
    /// The preload is the module's `preload` export (or the deprecated `load`). A preload in
    /// `export const route = { preload }` is never called by KosmoJS (that object is
    /// SolidStart's convention), so it warms nothing: `missing-preload` reports such a page.
    ///
    /// ### Bare references
    ///
    /// A bare reference (`createAsync(getUser)`, `export const preload = getUser`) is
    /// `no-bare-function-reference`'s: Solid calls it with arguments of its own, so there is
    /// no call to compare. Over a `query()` wrapper or a generated client that rule reports
    /// it; a plain function both sides read (a client, G1's `createAsync(fetchData)`) is
    /// `preload-query-cache`'s, since nothing caches it whatever the arguments. This rule
    /// compares calls: a different function, or the same wrapper called with other arguments.
    ///
    /// ### Functions of other modules
    ///
    /// Imports of the project's own modules are followed as `preload-generated-fetch`
    /// follows them. A function imported from another module that makes a hand-written
    /// request (`createAsync(() => loadProducts())` with `loadProducts` calling `fetch`) is
    /// reported. Which wrapper an imported function calls in the end is not compared
    /// with the preload's (a re-exported preload and the page's import may reach the same
    /// wrapper by different names), and a preload that calls what cannot be followed (a
    /// package, an unresolved import) is not judged.
    ///
    /// ### Why is this bad?
    ///
    /// Solid Router reuses preloaded data only through the `query()` cache, whose key is the
    /// wrapper's name plus its serialised arguments. Any other function, or the same wrapper
    /// called with other arguments, misses the cache: the page fetches the data a second
    /// time, and the preload's request was wasted.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// const getUser = query((id: string) => GET([id]), "users/[id]");
    /// const loadUser = query((id: string) => GET([id]), "users/[id]#view");
    /// export const preload = ({ params }) => { void getUser(params.id); };
    /// export default function Page() {
    ///   const params = useParams();
    ///   const user = createAsync(() => loadUser(params.id)); // another key: fetched twice
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// export default function Page() {
    ///   const params = useParams();
    ///   const user = createAsync(() => getUser(params.id));
    /// }
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS only: `createAsync` and `query()` are Solid Router's. In React, Vue, Svelte and
    /// MDX pages the component reads its `loader`'s data with `useLoaderData()`, which
    /// `use-loader-data` checks; with TanStack Query, `prefetch-matches-query` compares what
    /// the data export prefetches with what the component's query reads.
    ///
    /// ### Fix
    ///
    /// None: whether the preload or the component reads the right function (or arguments)
    /// is the author's decision.
    CreateAsyncReusesPreload {
        name: "create-async-reuses-preload",
        severity: Error,
        category: Perf,
        fix: None,
        frontends: [Solid],
        summary: "`createAsync` must read data through the same function, with the same arguments, as `preload`",
    }
}

impl Rule for CreateAsyncReusesPreload {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some(page) = ctx.solid_page() else { return };
        let Some(preload) = &page.preload else { return };
        if page.create_async.is_empty() {
            return;
        }
        // A preload that is not a function is `preload-generated-fetch`'s finding.
        if matches!(preload.value, kosmo_lint_core::facts::FunctionValue::Other { .. }) {
            return;
        }
        let warmed: Vec<(Read<'_>, Source)> = reads(&preload.value)
            .into_iter()
            .map(|r| {
                let s = Source::of(r.target, page);
                (r, s)
            })
            .collect();
        let scope = ctx.scope(page);
        for call in &page.create_async {
            for read in reads(&call.value) {
                check_read(page, scope, &warmed, &call.function, &read, preload.name_span, report);
            }
        }
    }
}

fn check_read(
    page: &PageFacts,
    scope: Scope<'_>,
    warmed: &[(Read<'_>, Source)],
    function: &str,
    read: &Read<'_>,
    preload_span: kosmo_lint_core::Span,
    report: &mut Reporter<'_>,
) {
    let source = Source::of(read.target, page);
    if source == Source::Unresolved {
        return;
    }
    let name = read.describe(page);
    let same: Vec<&(Read<'_>, Source)> = warmed.iter().filter(|(_, s)| *s == source).collect();
    if !same.is_empty() {
        let is_query = scope.is_query_wrapper(read.target);
        same_function_read(scope, (&same, is_query), function, read, &name, report);
        return;
    }
    let reach = Reach::of_target(read.target, read.span, scope);
    // What the preload reads, each named once; none when it reads nothing (`() => {}`).
    let mut warmed_names: Vec<String> = Vec::new();
    for (r, _) in warmed {
        let described = r.describe(page);
        if !warmed_names.contains(&described) {
            warmed_names.push(described);
        }
    }
    if let Target::RawFetch { name } = read.target {
        let help = match warmed_names.as_slice() {
            [] => "read the data through a generated fetch client in a `query()` wrapper, and call that wrapper in `preload` too".to_owned(),
            [preload_name] => {
                format!("read the data through {preload_name}, the function `preload` uses")
            }
            several => format!(
                "read the data through the function `preload` uses for it, one of {}",
                several.join(", ")
            ),
        };
        report
            .report(read.span, format!("`{function}` makes a hand-written `{name}` request, so the preloaded data is not reused"))
            .label(read.span, "hand-written request")
            .label(preload_span, "preload")
            .help(help);
        return;
    }
    // A function of another module is judged by what the module graph finds it reaches: a
    // hand-written request behind the import is certain. Which `query()` wrapper it calls in
    // the end is not compared: a re-exported preload and the page's import may reach the
    // same wrapper under different names.
    let imported = |source: &Source| matches!(source, Source::Imported { .. });
    if imported(&source) {
        imported_read(&reach, function, &name, preload_span, report);
        return;
    }
    if warmed.iter().any(|(_, warmed)| imported(warmed)) {
        return;
    }
    let Some((route, _, _)) = reach.clients.first() else { return };
    // The warmed read that loads this route is the one to name, not merely the first.
    let through_route = warmed
        .iter()
        .find(|(r, _)| Reach::of_target(r.target, r.span, scope).routes().any(|x| x == route))
        .map(|(r, _)| r.describe(page));
    let finding = if let Some(preload_name) = &through_route {
        report.report(
            read.span,
            format!(
                "`{function}` reads route `{route}` through {name}, not through {preload_name} as `preload` does: the query key differs, so the data is fetched twice"
            ),
        )
    } else {
        report.report(
            read.span,
            if matches!(read.target, Target::GeneratedClient { .. }) {
                format!("`{function}` reads {name}, which `preload` does not load")
            } else {
                format!(
                    "`{function}` reads {name} (route `{route}`), which `preload` does not load"
                )
            },
        )
    };
    finding.label(read.span, format!("reads {name}"));
    for (r, _) in warmed {
        finding.label(r.span, format!("`preload` warms {}", r.describe(page)));
    }
    finding.help(match (&through_route, warmed_names.as_slice()) {
        (Some(preload_name), _) | (None, [preload_name]) => {
            format!("read the data through {preload_name}, or load {name} in `preload` too")
        }
        (None, []) => format!("load {name} in `preload` too: it loads no data today"),
        (None, several) => format!(
            "read the data through one of the functions `preload` warms ({}), or load {name} in `preload` too",
            several.join(", ")
        ),
    });
}

/// A read of the same function the preload warms: the arguments must give the same key.
fn same_function_read(
    scope: Scope<'_>,
    (same, is_query): (&[&(Read<'_>, Source)], bool),
    function: &str,
    read: &Read<'_>,
    name: &str,
    report: &mut Reporter<'_>,
) {
    // A bare reference is `no-bare-function-reference`'s, and a function that fetches past
    // every `query()` cache fetches twice whatever its arguments: `preload-query-cache`'s.
    let Some(args) = read.args else { return };
    if !is_query && !Reach::uncached_of_target(read.target, read.span, scope).clients.is_empty() {
        return;
    }
    let visible: Vec<&Read<'_>> =
        same.iter().map(|(r, _)| r).filter(|r| r.args.is_some()).collect();
    if visible.is_empty() || visible.iter().any(|r| r.args == Some(args)) {
        return;
    }
    let preload_call = visible[0];
    report
        .report(
            read.span,
            format!(
                "`{function}` calls {name} with `({})` but `preload` calls it with `({})`: the query key differs, so the data is fetched twice",
                display(args),
                display(preload_call.args.unwrap_or_default())
            ),
        )
        .label(read.span, "read here")
        .label(preload_call.span, "warmed here")
        .help("pass the same arguments in both places (route params as `params.<name>`)");
}

/// A read of a function of another module: a hand-written request the module graph finds
/// behind it is reported; what it reaches otherwise is not compared (see [`check_read`]).
fn imported_read(
    reach: &Reach,
    function: &str,
    name: &str,
    preload_span: kosmo_lint_core::Span,
    report: &mut Reporter<'_>,
) {
    let Some(raw) = reach.raw.first().filter(|_| reach.clients.is_empty()) else { return };
    // Inside another module, a request is located at the page's call of it.
    let read_span = raw.span;
    let module = raw.module.as_deref().map_or_else(String::new, |m| format!(" in {m}"));
    report
        .report(
            read_span,
            format!(
                "`{function}` calls {name}, which makes a hand-written `{}` request{module}, so the preloaded data is not reused",
                raw.name
            ),
        )
        .label(read_span, "hand-written request behind this call")
        .label(preload_span, "preload")
        .help("read the data through the function `preload` uses, a `query()` wrapper over the generated fetch client");
}

fn display(args: &[String]) -> String {
    args.iter().map(|a| display_arg(a)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests;
