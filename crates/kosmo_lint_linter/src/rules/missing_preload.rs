//! `missing-preload`: a page that reads a generated client loads it before it renders:
//! `preload` in SolidJS (here), `loader` in the other frontends (`missing_preload/loader.rs`).

use kosmo_lint_core::facts::{
    CreateAsyncCall, Framework, FunctionValue, PageFacts, RouteObjectPreload, Target,
};
use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Applicability, Edit, Fix};

use crate::context::FindingExt;
use crate::data_flow::Reach;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Flags a SolidJS page that reads a generated fetch client through `createAsync` (or
    /// `createAsyncStore`), directly or through a `query()` wrapper, but exports no
    /// `preload` (nor the deprecated `load`). Wrappers and loaders imported from the
    /// project's own modules (a shared `~/queries` module, a barrel, `components/`) are
    /// followed as `preload-generated-fetch` follows them; one from a package is not, and
    /// its page is not flagged.
    ///
    /// `export const route = { preload }` is not a preload here: KosmoJS's generated route
    /// table reads only the page module's own `preload` export. The route object is
    /// SolidStart's convention, and nothing in a KosmoJS app calls its preload.
    ///
    /// ### Why is this bad?
    ///
    /// Without a preload the router cannot start the request when a link is hovered or the
    /// navigation begins: the data starts loading only after the component has rendered, a
    /// waterfall that every visitor waits for.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// const getCart = query(() => fetchClients.cart.GET(), "cart");
    /// export default function CartPage() {
    ///   const cart = createAsync(() => getCart());
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// const getCart = query(() => fetchClients.cart.GET(), "cart");
    /// export const preload = () => { void getCart(); };
    /// ```
    ///
    /// ### Frontends
    ///
    /// In React folders, and in Vue, Svelte and MDX folders from G5 on (their routers call no
    /// loader before), the router calls the page's `loader` export instead, and the component
    /// reads its result with `useLoaderData()`. There the rule flags a page that exports no
    /// `loader` and whose component (the default export, a Vue or Svelte instance script, an
    /// MDX page's exported components) requests a generated client with `GET` as certainly
    /// as it mounts (not under a condition, after an early return, or in a callback it hands
    /// on, such as a timer or a listener): in an effect hook (`useEffect`, `onMounted`, `onMount`,
    /// `$effect`), or at the top level of a Vue `<script setup>` or Svelte instance
    /// `<script>`, directly or through a function of the page or of the project's modules,
    /// with arguments known when the navigation starts (none, literals, route params): a
    /// request that reads component state (a search box, a page number) could not move to a
    /// loader and is not reported. Pages that read with TanStack Query (`useQuery`) are left to `prefetch-matches-query`.
    ///
    /// ```tsx
    /// // React: incorrect
    /// export default function PostsPage() {
    ///   useEffect(() => { fetchClients.posts.GET().then(setPosts); }, []);
    /// }
    /// // correct
    /// export const loader = () => fetchClients.posts.GET();
    /// export default function PostsPage() { const posts = useLoaderData(); }
    /// ```
    ///
    /// ```vue
    /// <!-- Vue: incorrect -->
    /// <script setup lang="ts">
    /// const posts = ref([]);
    /// onMounted(async () => { posts.value = await fetchClients.posts.GET(); });
    /// </script>
    /// ```
    ///
    /// No fix is offered there: the loader's result replaces the component's state, which
    /// is a change to the component that cannot be made safely from the facts.
    ///
    /// ### Fix
    ///
    /// A safe fix inserts the preload export after the imports, or after the `query()`
    /// definitions it calls, before the component:
    ///
    /// - `createAsync(() => getX())` over `query()` wrappers →
    ///   `export const preload = () => { void getX(); };`, and when the arguments are route
    ///   params (`params.id` from `useParams()` or `props.params`),
    ///   `export const preload = ({ params }) => { void getX(params.id); };` (with a type for
    ///   `params` in TypeScript files).
    ///
    /// No fix is offered when the arguments read anything else (signals, other props), when
    /// `createAsync` reads a client without a `query()` wrapper (bare, G1's
    /// `createAsync(fetchData)`, or called) or through a local function: a preload calling the
    /// same client would fetch it a second time (`preload-query-cache`), the seed's
    /// `export const preload = fetchData` would also pass it the router's object
    /// (`no-bare-function-reference`); through a local function, what the preload should
    /// call is not certain. Nor when what it calls is bound
    /// inside the component or a block (a top-level export cannot name it), nor when the
    /// module already binds the name `preload` (an import, a function, a class, a variable
    /// or a type): the fix uses only names declared at the top level before the point where
    /// it inserts the export, and declares no name that exists.
    ///
    /// A page with a route object gets a fix that exports what the object holds, right after
    /// it: `export const preload = route.preload;` (`route.load` for a `load` key), or
    /// `export { preload };` when the object holds the module's own `preload` binding
    /// (`const preload = …; export const route = { preload };`). None when the module binds
    /// another `preload`.
    MissingPreload {
        name: "missing-preload",
        severity: Warning,
        category: Perf,
        fix: Sometimes,
        frontends: [Solid, React, Vue, Svelte, Mdx],
        summary: "A page that reads a generated fetch client should load it in `preload` (SolidJS) or `loader` (the other frontends)",
    }
}

impl Rule for MissingPreload {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::Page {
            return;
        }
        let Some((page, framework)) = ctx.page() else { return };
        match framework {
            Framework::Solid => {}
            Framework::Unknown => return,
            _ => return loader::check(ctx, page, framework, report),
        }
        if page.preload.is_some() {
            return;
        }
        let reading: Vec<&CreateAsyncCall> = page
            .create_async
            .iter()
            .filter(|call| !Reach::of_value(&call.value, ctx.scope(page)).clients.is_empty())
            .collect();
        let Some(first) = reading.first() else { return };
        let extension = ctx.file.path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let typescript =
            ["ts", "tsx", "mts", "cts"].iter().any(|t| extension.eq_ignore_ascii_case(t));
        let message = format!(
            "page reads a generated fetch client with `{}` but exports no `preload`",
            first.function
        );
        if let Some(route) = &page.route_object_preload {
            let finding = report
                .report(first.span, format!("{message} (`route = {{ preload }}` is not one)"));
            for call in &reading {
                finding.label(call.span, "data starts loading only after render");
            }
            finding.label(route.key_span, "never called: SolidStart's convention");
            match route_object_fix(page, route) {
                Some(fix) => {
                    finding.help(format!("{ROUTE_OBJECT_WHY}: {}", fix.message)).fix(fix);
                }
                None => {
                    finding.help(format!(
                        "{ROUTE_OBJECT_WHY}: rename the module's other `preload`, then add `export const preload = route.{};`",
                        route.key
                    ));
                }
            }
            return;
        }
        let finding = report.report(first.span, message);
        for call in &reading {
            finding.label(call.span, "data starts loading only after render");
        }
        match preload_fix(page, &reading, typescript) {
            Ok(fix) => {
                finding.help(fix.message.clone()).fix(fix);
            }
            Err(no_fix) => {
                finding.help(no_fix.help());
            }
        }
    }
}

const ROUTE_OBJECT_WHY: &str = "KosmoJS reads only the page's `preload` export; `route = { preload }` is SolidStart's convention, never called here";

/// Why no fix is offered, for the help text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoFix {
    /// What the preload should call, or with which arguments, is not certain.
    Uncertain,
    /// What it calls is bound inside the component (or a block): not in scope at the top level.
    NotAtTopLevel,
    /// The module already binds `preload`: a second declaration would not compile.
    PreloadTaken,
    /// `createAsync` reads a client with no `query()` wrapper: a preload would fetch twice.
    NotCached,
}

impl NoFix {
    const fn help(self) -> &'static str {
        match self {
            Self::Uncertain => {
                "export a `preload` that calls the same `query()` wrappers with the route params"
            }
            Self::NotAtTopLevel => {
                "declare the `query()` wrapper (or client) at the module's top level, and export a `preload` that calls it"
            }
            Self::NotCached => {
                "wrap the client in `query()` (`const getX = query(() => fetchData(), \"name\")`), read the wrapper in an arrow in `createAsync`, and export a `preload` that calls it"
            }
            Self::PreloadTaken => {
                "this module already declares a `preload` it does not export: rename it, then export a `preload` that calls the same `query()` wrappers"
            }
        }
    }
}

/// The preload export to insert, when what it should call is certain and every name it
/// uses is bound at the top level before the insertion point. The insertion point is after
/// the last of those declarations, so a `const` is never used before it is initialised.
fn preload_fix(
    page: &PageFacts,
    reading: &[&CreateAsyncCall],
    typescript: bool,
) -> Result<Fix, NoFix> {
    if page.module.preload_bound {
        return Err(NoFix::PreloadTaken);
    }
    let mut insert_at = page.module.imports_end.ok_or(NoFix::Uncertain)?;
    // A client read bare (G1's `createAsync(fetchData)`) has no `query()` cache: a preload
    // calling it would fetch a second time (`preload-query-cache`), and a bare one would pass
    // the router's object (`no-bare-function-reference`). Wrapping it is an unsafe change.
    let bare_client = |call: &&&CreateAsyncCall| {
        matches!(
            call.value,
            FunctionValue::Reference { target: Target::GeneratedClient { .. }, .. }
        )
    };
    if reading.iter().any(|call| bare_client(&call)) {
        return Err(NoFix::NotCached);
    }
    let value = {
        let mut calls = Vec::new();
        let mut uses_params = false;
        for call in reading {
            let FunctionValue::Function { calls: data_calls, .. } = &call.value else {
                return Err(NoFix::Uncertain);
            };
            for data_call in data_calls {
                let Target::Query { index } = data_call.target else {
                    return Err(NoFix::Uncertain);
                };
                let query = page.queries.get(index).ok_or(NoFix::Uncertain)?;
                if !data_call.args.iter().all(|arg| is_route_param(arg)) {
                    return Err(NoFix::Uncertain);
                }
                uses_params |= !data_call.args.is_empty();
                insert_at = insert_at.max(query.statement_end.ok_or(NoFix::NotAtTopLevel)?);
                let call = format!("void {}({})", query.name, data_call.display_args());
                if !calls.contains(&call) {
                    calls.push(call);
                }
            }
        }
        if calls.is_empty() {
            return Err(NoFix::Uncertain);
        }
        let params = match (uses_params, typescript) {
            (false, _) => "()",
            (true, false) => "({ params })",
            (true, true) => "({ params }: { params: Record<string, string> })",
        };
        let body = if page.module.semicolons {
            format!("{};", calls.join("; "))
        } else {
            calls.join("; ")
        };
        format!("{params} => {{ {body} }}")
    };
    // Without semicolons the file relies on ASI, which does not separate the new statement
    // from a next one that starts with `(`, `[`, … : those get a `;` all the same.
    let semi = page.module.semicolons || page.module.asi_hazards.contains(&insert_at);
    let statement = format!("export const preload = {value}{}", if semi { ";" } else { "" });
    Ok(Fix {
        applicability: Applicability::Safe,
        message: format!("add `{statement}`"),
        edits: vec![Edit::insertion(insert_at, format!("\n\n{statement}"))],
    })
}

/// Exports what the route object holds, right after it: `route.preload` is the function the
/// author meant as the preload, and `route` is bound at the top level there. A module that
/// binds `preload` itself can export that binding only when the object holds it
/// (`{ preload }`); any other binding of the name would clash.
fn route_object_fix(page: &PageFacts, route: &RouteObjectPreload) -> Option<Fix> {
    let statement = if !page.module.preload_bound {
        format!("export const preload = route.{}", route.key)
    } else if route.holds_preload_binding {
        "export { preload }".to_owned()
    } else {
        return None;
    };
    let insert_at = route.span.end;
    let semi = page.module.semicolons || page.module.asi_hazards.contains(&insert_at);
    let statement = format!("{statement}{}", if semi { ";" } else { "" });
    Some(Fix {
        applicability: Applicability::Safe,
        message: format!("add `{statement}`"),
        edits: vec![Edit::insertion(insert_at, format!("\n{statement}"))],
    })
}

/// A route param (`@params.id` in canonical form): the only argument a preload can
/// reproduce, from its own `params`.
fn is_route_param(arg: &str) -> bool {
    arg.strip_prefix("@params.").is_some_and(|name| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

#[cfg(test)]
mod fix_output_tests;
mod loader;
#[cfg(test)]
mod loader_tests;
#[cfg(test)]
mod tests;
