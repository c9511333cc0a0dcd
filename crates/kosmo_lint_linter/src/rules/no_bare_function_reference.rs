//! `no-bare-function-reference`: `createAsync(fn)` and `export const preload = fn` call `fn`
//! with arguments it was not written for, when `fn` is a fetch client or a `query()` wrapper.

use kosmo_lint_core::facts::{FunctionValue, Preload, PreloadForm};
use kosmo_lint_core::{Applicability, Edit, Fix, Span};

use crate::context::FindingExt;
use crate::data_flow::{Callable, Scope};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// In a SolidJS page or layout, flags a bare reference to a generated fetch client method
    /// or a `query()` wrapper (the page's own, or one imported from the project's modules)
    /// where Solid calls it with arguments of its own:
    ///
    /// - `createAsync(fn)` (and `createAsyncStore(fn)`) calls `fn(prev)`: `undefined` on the
    ///   first run, then the previous value;
    /// - `export const preload = fn` (or `export { fn as preload }`, or the deprecated
    ///   `load`) is called by the router as `fn({ params, location, intent })`.
    ///
    /// A bare reference to any other function (a local `fetchData = () => GET()`, a function
    /// from a package) is not reported: a function written for the page may ignore its
    /// argument, or be written for it.
    ///
    /// This rule owns every bare reference to a client or a wrapper.
    /// `create-async-reuses-preload` compares what a `createAsync` calls with what the
    /// preload warms only when both are calls, and `preload-query-cache` reports a plain
    /// function (a client, not a wrapper) that both read, bare or called: that one is fetched
    /// twice whatever the arguments.
    ///
    /// ### Why is this bad?
    ///
    /// A `query()` wrapper builds its cache key from its arguments (`name` plus their JSON):
    /// `getUsers(undefined)` is the key `users[null]`, not the `users[]` a `getUsers()` in the
    /// preload warmed, and after the first run the key is the previous result itself. The
    /// preloaded data is never reused: it is fetched twice, and a stale previous value keys
    /// every later read. A generated client takes the route params as its first argument (an
    /// array, `GET([id])`): it gets the router's `{ params, location, intent }` object, or
    /// `createAsync`'s previous value, instead — a wrong argument the types of a bare
    /// reference do not catch.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// const getUsers = query(() => fetchClients.users.GET(), "users");
    /// export const preload = getUsers;
    /// export default function Page() {
    ///   const users = createAsync(getUsers);
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// const getUsers = query(() => fetchClients.users.GET(), "users");
    /// export const preload = () => getUsers();
    /// export default function Page() {
    ///   const users = createAsync(() => getUsers());
    /// }
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS only: `createAsync` and the route `preload` are Solid Router's. React Router
    /// calls a `loader` with `{ params, request }` too, but KosmoJS's generated client has not
    /// been verified to misread that object, so a bare `loader = GET` is not judged.
    ///
    /// ### Fix
    ///
    /// A safe fix wraps the reference in an arrow that calls it with no argument,
    /// `createAsync(() => getUsers())` and `export const preload = () => getUsers()`, where no
    /// argument is what the function takes: a `query()` wrapper (the page's or an imported
    /// one) over an inline arrow with no parameters, or a generated client the page reads
    /// itself for a route of its folder with no params. Nothing but the key (or the stray
    /// argument) changes then. None where the function needs arguments (the route params:
    /// write `({ params }) => getUser(params.id)`), for clients reached through another
    /// module, and for `export { fn as preload }` (the specifier may share its statement with
    /// others).
    ///
    /// ### Severity
    ///
    /// A warning by default: it reports the preload-pattern seed's own form, and a project
    /// that adopts kosmo-lint should not fail CI on its first run (warnings alone exit 0).
    /// Once the pages are fixed, make it an error in `kosmo-lint.json`
    /// (`"rules": { "no-bare-function-reference": "error" }`), or for one run with `-D no-bare-function-reference`.
    NoBareFunctionReference {
        name: "no-bare-function-reference",
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        frontends: [Solid],
        summary: "`createAsync(fn)` and `preload = fn` pass the wrong argument to a fetch client or `query()` wrapper",
    }
}

impl Rule for NoBareFunctionReference {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some(page) = ctx.solid_page() else { return };
        let scope = ctx.scope(page);
        if let Some(preload) = &page.preload {
            check_preload(ctx, scope, preload, report);
        }
        for call in &page.create_async {
            let FunctionValue::Reference { target, span, text, .. } = &call.value else { continue };
            let callable = scope.callable(target);
            let (what, cost) = match &callable {
                Callable::Query { .. } if page.preload.is_some() => (
                    "`query()` wrapper",
                    "its cache key is built from that value, so it never matches the key the preload warms: the data is fetched twice",
                ),
                Callable::Query { .. } => (
                    "`query()` wrapper",
                    "its cache key is built from that value, so no call with explicit arguments shares it, and it changes with every run",
                ),
                Callable::Client { .. } => (
                    "generated fetch client",
                    "the client takes the route params as its first argument and gets that value instead (wrong argument)",
                ),
                Callable::Other => continue,
            };
            let function = &call.function;
            let finding = report
                .report(*span, format!("`{function}({text})` calls the {what} `{text}(prev)` with its previous value (`undefined` at first): {cost}"))
                .label(*span, format!("called as `{text}(prev)`"));
            if let Some(preload) = &page.preload {
                finding.label(preload.name_span, "preload");
            }
            match arrow_fix(ctx, &callable, *span, text) {
                Some(fix) => {
                    finding.help(fix.message.clone()).fix(fix);
                }
                None => {
                    finding.help(format!(
                        "call it in an arrow with the arguments it needs, the preload's own: `{function}(() => {text}(…))`"
                    ));
                }
            }
        }
    }
}

fn check_preload(
    ctx: &FileContext<'_>,
    scope: Scope<'_>,
    preload: &Preload,
    report: &mut Reporter<'_>,
) {
    let FunctionValue::Reference { target, span, text, .. } = &preload.value else { return };
    let callable = scope.callable(target);
    let name = &preload.name;
    let cost = match &callable {
        Callable::Query { .. } => {
            "the wrapper's cache key is built from that object, so the component's call never reuses it: the data is fetched twice"
        }
        Callable::Client { .. } => {
            "the client takes the route params as an array and gets the router's object instead (wrong argument)"
        }
        Callable::Other => return,
    };
    let finding = report
        .report(*span, format!("`{name} = {text}` makes the router call `{text}({{ params, location, intent }})`: {cost}"))
        .label(*span, format!("called as `{text}({{ params, location, intent }})`"));
    let fix = (preload.form == PreloadForm::Const)
        .then(|| arrow_fix(ctx, &callable, *span, text))
        .flatten();
    match fix {
        Some(fix) => {
            finding.help(fix.message.clone()).fix(fix);
        }
        None => {
            finding.help(format!(
                "export an arrow that calls it with what it takes: `export const {name} = ({{ params }}) => {text}(…)`"
            ));
        }
    }
}

/// `() => fn()` in place of the reference, where calling with no argument is what `fn` takes.
fn arrow_fix(ctx: &FileContext<'_>, callable: &Callable, span: Span, text: &str) -> Option<Fix> {
    let takes_nothing = match callable {
        Callable::Query { takes_no_arguments } => *takes_no_arguments,
        Callable::Client { route, in_page: true, .. } => {
            !ctx.imports_other_folder()
                && ctx.folder.api_routes.get(route).is_some_and(|api| api.params.is_empty())
        }
        Callable::Client { in_page: false, .. } | Callable::Other => false,
    };
    if !takes_nothing {
        return None;
    }
    Some(Fix {
        applicability: Applicability::Safe,
        message: format!("Call it in an arrow: `() => {text}()`"),
        edits: vec![Edit::replacement(span, format!("() => {text}()"))],
    })
}

#[cfg(test)]
mod tests;
