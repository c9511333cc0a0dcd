//! `use-loader-data`: a component reads what its page's `loader` loaded instead of fetching
//! the same data again when it mounts.

use kosmo_lint_core::facts::{DataCall, FunctionValue, PageFacts, Target};
use kosmo_lint_core::{HttpMethod, Span};

use crate::context::FindingExt;
use crate::data_flow::{Read, Source, reads};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// In a React, Vue, Svelte or MDX page (or layout) that exports a `loader` its router
    /// calls (React always, the others from G5 on), flags a request the page's component
    /// certainly makes when it mounts (in `useEffect`, `onMounted`, `onMount`, `$effect`, or
    /// at the top level of a Vue `<script setup>` or Svelte instance `<script>`; not under a
    /// condition, after an early return, or in a callback handed on to a timer or a listener)
    /// for the same data the loader has already loaded:
    ///
    /// - the same generated client (route and `GET`) with the same arguments, after mapping
    ///   `params.id`, `useParams().id` and `props.params.id` to one form, whether it is
    ///   called directly or through a function of the page;
    /// - the same function of the project's modules (`loadUser(params.id)` from a shared
    ///   `~/queries` module) with the same arguments;
    /// - a route without params whose client the loader is bound to
    ///   (`export const loader = fetchClients.users.GET`) and that the component calls with
    ///   no arguments.
    ///
    /// Requests with other arguments, of other routes, or whose arguments cannot be compared
    /// (what a shared function does with its arguments is not followed) are not reported:
    /// they may well load other data.
    ///
    /// ### Why is this bad?
    ///
    /// The router has run the loader before the page rendered; fetching the same route again
    /// on mount doubles the request for every visit, and until it returns the component shows
    /// what it had before, or nothing. `useLoaderData()` returns the loaded data at once.
    ///
    /// ### Examples
    ///
    /// Incorrect (React):
    ///
    /// ```tsx
    /// export const loader = () => fetchClients.users.GET();
    /// export default function UsersPage() {
    ///   const [users, setUsers] = useState(useLoaderData());
    ///   useEffect(() => { fetchClients.users.GET().then(setUsers); }, []);
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// export const loader = () => fetchClients.users.GET();
    /// export default function UsersPage() {
    ///   const users = useLoaderData();
    /// }
    /// ```
    ///
    /// ### Frontends
    ///
    /// React (React Router's `useLoaderData`), and Vue, Svelte and MDX, which read the loader's
    /// data with the `useLoaderData` KosmoJS generates (`_/use`). In Vue:
    ///
    /// ```vue
    /// <script lang="ts">
    /// export const loader = () => fetchClients.users.GET();
    /// </script>
    /// <script setup lang="ts">
    /// const users = ref(useLoaderData());
    /// onMounted(async () => { users.value = await fetchClients.users.GET(); }); // reported
    /// </script>
    /// ```
    ///
    /// SolidJS pages are `create-async-reuses-preload`'s: their component reads through
    /// `createAsync`.
    ///
    /// ### Fix
    ///
    /// None: the request usually sets component state that the loader's data must then
    /// initialise, a change to the component that is not certain from the facts.
    UseLoaderData {
        name: "use-loader-data",
        severity: Warning,
        category: Perf,
        fix: None,
        frontends: [React, Vue, Svelte, Mdx],
        summary: "A component should read its loader's data with `useLoaderData()`, not fetch the same route again on mount",
    }
}

impl Rule for UseLoaderData {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some((page, framework)) = ctx.page() else { return };
        if !framework.calls_loader(ctx.generation()) {
            return;
        }
        let Some(loader) = &page.loader else { return };
        let loader_reads = reads(&loader.value);
        let bare_client = match &loader.value {
            FunctionValue::Reference {
                target: Target::GeneratedClient { route, method }, ..
            } => Some((route.as_str(), method.as_str())),
            _ => None,
        };
        for fetch in &page.mount_fetches {
            let again = loader_reads
                .iter()
                .find_map(|read| same_data(read, fetch, page))
                .or_else(|| bare_client.and_then(|client| same_as_bare(ctx, client, fetch, page)));
            let Some((route, loaded_at)) = again else { continue };
            let how = if page.loader_data_reads.is_empty() {
                "read the loader's data with `useLoaderData()` instead"
            } else {
                "the component already reads it with `useLoaderData()`: drop the request, or revalidate through the router"
            };
            report
                .report(
                    fetch.span,
                    format!("component {route} again on mount: the `loader` has already loaded it"),
                )
                .label(fetch.span, "a second request for the same data")
                .label(loaded_at, "loaded here before the page rendered")
                .help(how);
        }
    }
}

/// A call and the generated client requests it makes inside the page, with their arguments
/// (`None` for a request whose arguments are not the call's own: a bare reference).
fn page_requests<'f>(
    target: &'f Target,
    args: Option<&'f [String]>,
    at: Span,
    out: &mut Vec<(&'f str, &'f str, Option<&'f [String]>, Span)>,
) {
    match target {
        Target::GeneratedClient { route, method } => out.push((route, method, args, at)),
        Target::LocalFunction { calls, .. } => {
            for call in calls {
                page_requests(&call.target, Some(&call.args), call.span, out);
            }
        }
        _ => {}
    }
}

/// Whether the mount request `fetch` loads what the loader's `read` loaded: the route it
/// loads, and where the loader loads it.
fn same_data(read: &Read<'_>, fetch: &DataCall, page: &PageFacts) -> Option<(String, Span)> {
    // The same function of the project's modules (or of the page) with the same arguments.
    let shared =
        matches!(Source::of(read.target, page), Source::Imported { .. } | Source::Local { .. });
    if shared
        && read.args == Some(fetch.args.as_slice())
        && Source::of(read.target, page) == Source::of(&fetch.target, page)
        && let Some(what) = shared_function_reading(&fetch.target)
    {
        return Some((what, read.span));
    }
    let mut loaded = Vec::new();
    page_requests(read.target, read.args, read.span, &mut loaded);
    let mut fetched = Vec::new();
    page_requests(&fetch.target, Some(&fetch.args), fetch.span, &mut fetched);
    fetched.iter().find_map(|(route, method, args, _)| {
        let args = (*args)?;
        loaded.iter().find_map(|(l_route, l_method, l_args, at)| {
            (l_route == route && l_method == method && is_get(method) && *l_args == Some(args))
                .then(|| (format!("fetches the `{route}` route"), *at))
        })
    })
}

/// How a message names a function both sides call: an imported one (whose requests are
/// not followed), or one of the page's that reads a generated client.
fn shared_function_reading(target: &Target) -> Option<String> {
    match target {
        Target::Imported { name, .. } | Target::ImportedMember { name, .. } => {
            Some(format!("calls `{name}` with the same arguments"))
        }
        Target::LocalFunction { name, calls } => calls
            .iter()
            .any(|call| matches!(&call.target, Target::GeneratedClient { method, .. } if is_get(method)))
            .then(|| format!("calls `{name}` with the same arguments")),
        _ => None,
    }
}

/// `export const loader = fetchClients.users.GET` and a mount `fetchClients.users.GET()`:
/// the same data when the route takes no params (the router's argument is then ignored).
fn same_as_bare(
    ctx: &FileContext<'_>,
    (route, method): (&str, &str),
    fetch: &DataCall,
    page: &PageFacts,
) -> Option<(String, Span)> {
    let loader = page.loader.as_ref()?;
    let without_params = ctx.folder.api_routes.get(route).is_some_and(|api| api.params.is_empty());
    if !without_params || !is_get(method) {
        return None;
    }
    let mut fetched = Vec::new();
    page_requests(&fetch.target, Some(&fetch.args), fetch.span, &mut fetched);
    fetched
        .into_iter()
        .find(|(r, m, args, _)| {
            *r == route && *m == method && args.is_some_and(<[String]>::is_empty)
        })
        .map(|(r, ..)| (format!("fetches the `{r}` route"), loader.value.span()))
}

fn is_get(method: &str) -> bool {
    method == HttpMethod::Get.as_str()
}

#[cfg(test)]
mod shape_tests;
#[cfg(test)]
mod tests;
