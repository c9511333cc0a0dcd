//! `prefetch-matches-query`: what a page's `preload` / `loader` prefetches into TanStack
//! Query's cache is what its component reads.

use kosmo_lint_core::facts::{
    Framework, KeyMatch, QueryFn, QueryKey, QueryOptions, QueryPrefetch, Target,
};

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// In a page of a folder that uses TanStack Query (`frontend: { tanstack: { query: true } }`
    /// in `kosmo.config.ts`, or TanStack Query wired in by hand), compares what the page's data
    /// export prefetches with what the rest of the module reads:
    ///
    /// - **SolidJS**: `preload` calls `prefetchQuery` / `ensureQueryData` (or their infinite
    ///   forms) on a query client, usually `getQueryClient()` from `_/query`; the component
    ///   reads with `createQuery(() => options)` or `useQuery(() => options)` from
    ///   `@tanstack/solid-query`.
    /// - **React**: `loader` prefetches the same way; the component reads with `useQuery`,
    ///   `useSuspenseQuery` (or their infinite forms) from `@tanstack/react-query`.
    ///
    /// Options are read as written inline (`{ queryKey, queryFn }`), through `queryOptions()`,
    /// through an options factory of the module (`userQuery(params.id)`, its returned object
    /// read with the call's arguments), or through a constant. Keys are compared as TanStack
    /// compares them: by value, arrays element by element, plain objects whatever the order of
    /// their properties; a route param (`params.id` in the data export, `useParams().id` in the
    /// component) equals only the same param. All export forms are read (`export const`,
    /// `export function`, `export { load as loader }`), and so are the local functions the
    /// export calls.
    ///
    /// It reports a prefetch when:
    ///
    /// - its key differs from the key of every query the module reads, while one of those
    ///   queries makes the same generated-client request (same route, method and arguments)
    ///   under its other key; or
    /// - its key is the key a query of the module reads, but the two `queryFn`s call the
    ///   generated clients of different routes or methods.
    ///
    /// It stays silent whenever it cannot be certain: when a key of the module's queries is
    /// not known (it depends on a variable, a call or state: that query may read the
    /// prefetched entry), when the prefetch's key is not known, when both sides use the same
    /// options factory with the same arguments (they match by construction, even imported
    /// from a shared `~/queries` module kosmo-lint does not read), and when the prefetched
    /// request is read by no query of the module (a child component in another module may
    /// read it), nor by a query that may not fetch on mount (`enabled` set to anything but
    /// `true`, `initialData` given). Only the data export the folder's router calls is read:
    /// `preload` in a SolidJS folder, `loader` in a React one. `useQueries` and a query whose
    /// options come through a spread kosmo-lint cannot read count as queries of unknown key.
    ///
    /// ### Why is this bad?
    ///
    /// A prefetch only helps if the component then reads the same cache entry: TanStack finds
    /// it by `queryKey` alone. Under another key the prefetched data is never read, and the
    /// component fetches the same request again when it mounts, after render: the waterfall
    /// the prefetch was meant to remove, and one request too many. Under the same key but
    /// another request, the component is given the other route's data from the cache.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// export const loader = () =>
    ///   getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
    /// export default function Page() {
    ///   // Another key: fetched again on mount.
    ///   const users = useQuery({ queryKey: ["directory"], queryFn: () => fetchClients.users.GET() });
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// const usersQuery = () =>
    ///   queryOptions({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
    /// export const loader = () => getQueryClient().prefetchQuery(usersQuery());
    /// export default function Page() {
    ///   const users = useQuery(usersQuery());
    /// }
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS (`@tanstack/solid-query`, prefetching in `preload`) and React
    /// (`@tanstack/react-query`, prefetching in `loader`): the frontends whose KosmoJS
    /// folders can enable TanStack Query (`frontend.tanstack.query`). A page is looked at when
    /// it imports a `@tanstack/*-query` package. The examples above are React's; in SolidJS:
    ///
    /// ```tsx
    /// import { createQuery } from "@tanstack/solid-query";
    /// const userQuery = (id: string) =>
    ///   queryOptions({ queryKey: ["user", id], queryFn: () => fetchClients["users/[id]"].GET([id]) });
    /// export const preload = ({ params }) => getQueryClient().prefetchQuery(userQuery(params.id));
    /// export default function UserPage() {
    ///   const params = useParams();
    ///   const user = createQuery(() => userQuery(params.id)); // the same key: read from the cache
    /// }
    /// ```
    ///
    /// ### Fix
    ///
    /// None: which key is the right one is the author's decision.
    PrefetchMatchesQuery {
        name: "prefetch-matches-query",
        severity: Warning,
        category: Perf,
        fix: None,
        frontends: [Solid, React],
        summary: "A `preload` or `loader` that prefetches a TanStack query must use the `queryKey` and `queryFn` the component reads",
    }
}

impl Rule for PrefetchMatchesQuery {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some((page, framework)) = ctx.page() else { return };
        if !matches!(framework, Framework::Solid | Framework::React) {
            return;
        }
        // A read whose key is not known may read any prefetched entry.
        let reads = &page.query_reads;
        let Some(keys) = reads.iter().map(|read| read.key.as_ref()).collect::<Option<Vec<_>>>()
        else {
            return;
        };
        if reads.is_empty() {
            return;
        }
        let data_export = framework.data_export();
        for prefetch in page.query_prefetches.iter().filter(|p| p.export == data_export) {
            check_prefetch(prefetch, reads, &keys, report);
        }
    }
}

fn check_prefetch(
    prefetch: &QueryPrefetch,
    reads: &[QueryOptions],
    keys: &[&QueryKey],
    report: &mut Reporter<'_>,
) {
    let options = &prefetch.options;
    let Some(key) = &options.key else { return };
    if reads.iter().any(|read| same_factory_call(options, read)) {
        return;
    }
    let matches: Vec<KeyMatch> = keys.iter().map(|read_key| key.matches(read_key)).collect();
    if matches.iter().all(|m| *m == KeyMatch::Different) {
        // The same request read under another key is certainly fetched twice; a request no
        // query of the module reads may be for a child component.
        let Some(read) = reads.iter().find(|read| !read.conditional && same_request(options, read))
        else {
            return;
        };
        let (route, method) = client(options).unwrap_or_default();
        let read_key = read.key.as_ref().map(ToString::to_string).unwrap_or_default();
        report
            .report(
                options.span,
                format!(
                    "`{}` prefetches the `{method}` request of {} under `{key}`, but the component reads it under `{read_key}`: the prefetched data is not what it reads, so it fetches again on mount",
                    prefetch.export,
                    route_name(route),
                ),
            )
            .label(options.span, format!("prefetched under `{key}`"))
            .label(read.span, format!("read under `{read_key}`"))
            .help(format!(
                "use one `queryKey` in both places, best by sharing one `queryOptions()` factory between `{}` and the component",
                prefetch.export
            ));
        return;
    }
    let other_route = reads.iter().zip(&matches).find_map(|(read, m)| {
        let (ours, theirs) = (client(options)?, client(read)?);
        (*m == KeyMatch::Same && ours != theirs).then_some((read, ours, theirs))
    });
    let Some((read, (route, method), (read_route, read_method))) = other_route else { return };
    report
        .report(
            options.span,
            format!(
                "`{}` prefetches the `{method}` request of {} under `{key}`, the key under which the component reads the `{read_method}` request of {}: the component is given the other route's data",
                prefetch.export,
                route_name(route),
                route_name(read_route),
            ),
        )
        .label(options.span, format!("caches {} under `{key}`", route_name(route)))
        .label(read.span, format!("reads {} under the same key", route_name(read_route)))
        .help("give each request a key of its own (the route and its arguments make a good one)");
}

/// Both sides build their options with the same factory and the same arguments.
fn same_factory_call(prefetch: &QueryOptions, read: &QueryOptions) -> bool {
    match (&prefetch.options_call, &read.options_call) {
        (Some(a), Some(b)) => a.factory == b.factory && a.args == b.args,
        _ => false,
    }
}

/// Both `queryFn`s make the same generated-client request, with the same arguments.
fn same_request(prefetch: &QueryOptions, read: &QueryOptions) -> bool {
    let (Some(ours), Some(theirs)) = (&prefetch.query_fn, &read.query_fn) else { return false };
    let (Some(our_args), Some(their_args)) = (&ours.args, &theirs.args) else { return false };
    client_of(ours).is_some()
        && client_of(ours) == client_of(theirs)
        && our_args.len() == their_args.len()
        && our_args.iter().zip(their_args).all(|(a, b)| a.matches(b) == KeyMatch::Same)
}

/// The route and method of the generated client a query's `queryFn` calls.
fn client(options: &QueryOptions) -> Option<(&str, &str)> {
    options.query_fn.as_ref().and_then(client_of)
}

fn client_of(query_fn: &QueryFn) -> Option<(&str, &str)> {
    match &query_fn.target {
        Target::GeneratedClient { route, method } => Some((route, method)),
        _ => None,
    }
}

/// A route as messages name it: the route named `""` keeps its quotes.
fn route_name(route: &str) -> String {
    if route.is_empty() { "`\"\"`".to_owned() } else { format!("`{route}`") }
}

#[cfg(test)]
mod tests;
