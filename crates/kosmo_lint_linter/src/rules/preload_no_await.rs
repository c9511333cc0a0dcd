//! `preload-no-await`: an `await` in a SolidJS page's `preload` holds back the requests
//! after it (a waterfall); the router never awaits the preload.

use kosmo_lint_core::facts::{DataCall, FunctionValue, Target};

use crate::context::FindingExt;
use crate::data_flow::{Reach, Scope, Source};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Flags an `await` in a SolidJS page's `preload` (or deprecated `load`) export that waits
    /// for a data read (a `query()` wrapper, a generated client's `GET`, or a function of the
    /// page or of the project's modules that only reads that way) when another data call of
    /// the same function comes after it. The preload's own body is checked, in every export
    /// form (`export const preload = async () => …`, `export async function preload`,
    /// `export { loadPage as preload }`), and so are the local functions it calls directly;
    /// the bodies of a preload re-exported from another module (`export { preload } from
    /// "./data"`) and of functions imported from one are not read.
    ///
    /// Not reported, since nothing in them is certainly wrong:
    ///
    /// - a single `await` with no data call after it: it delays nothing (the router does not
    ///   wait for the preload, so the function's end is nobody's concern);
    /// - an `await` whose value is used (`const user = await getUser(id)`): the next request
    ///   may need it (`getTeam(user.teamId)`), a dependency rather than a waterfall;
    /// - an `await` under a condition, in a `switch` or a loop: whether a later call runs after
    ///   it is not certain (it may sit in the `else` branch);
    /// - an `await` of something that may write or cannot be followed (a `POST`, a raw
    ///   `fetch`, a function from a package, `Promise.all([...])`): a later request may depend
    ///   on its effect (a session refreshed first);
    /// - awaits inside callbacks the preload defines (`ids.map(async (id) => …)`), and calls
    ///   there after an `await` (`[id].forEach((id) => getPosts(id))`, a timer): when and
    ///   whether a callback runs is not certain.
    ///
    /// ### Why is this bad?
    ///
    /// The router calls `preload` when a link is hovered or a navigation starts, and does not
    /// wait for it: its only job is to start requests so the query cache is warm when the
    /// component reads it. An `await` between two independent requests makes the second one
    /// start only after the first has loaded, a waterfall that every visitor waits for,
    /// where the two could load in parallel.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// export const preload = async ({ params }) => {
    ///   await getUser(params.id);
    ///   await getPosts(params.id);
    /// };
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// export const preload = ({ params }) => {
    ///   void getUser(params.id);
    ///   void getPosts(params.id);
    /// };
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS only. React Router and KosmoJS's Vue, Svelte and MDX routers await a page's
    /// `loader` and hand its result to the component, so an `await` there is how it returns
    /// data; a React page is not checked.
    ///
    /// ### Fix
    ///
    /// None: dropping the `await` also drops the wait that code after it may rely on (a
    /// `try`/`catch` around it, a value it returns), which the facts cannot rule out.
    PreloadNoAwait {
        name: "preload-no-await",
        severity: Warning,
        category: Perf,
        fix: None,
        frontends: [Solid],
        summary: "An `await` in a SolidJS `preload` delays the requests after it (a waterfall)",
    }
}

impl Rule for PreloadNoAwait {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some(page) = ctx.solid_page() else { return };
        let Some(preload) = &page.preload else { return };
        if preload.awaits.is_empty() {
            return;
        }
        let mut calls = Vec::new();
        match &preload.value {
            FunctionValue::Function { calls: direct, .. } => flatten(direct, &mut calls),
            FunctionValue::Reference {
                target: Target::LocalFunction { calls: direct, .. },
                ..
            } => {
                flatten(direct, &mut calls);
            }
            _ => {}
        }
        let scope = ctx.scope(page);
        for awaited in preload.awaits.iter().filter(|a| a.sequential) {
            let Some(first) = calls.iter().find(|c| c.span == awaited.argument) else { continue };
            if !is_read(&first.target, first.span, scope) {
                continue;
            }
            // A repeat of the same read (same wrapper, same arguments) is a cache hit, not
            // a second request.
            let next = calls.iter().find(|c| {
                c.span.start >= awaited.span.end
                    && c.span.end <= awaited.function.end
                    && !(c.target == first.target && c.args == first.args)
                    // A callback's call runs when the callback does, if ever.
                    && !preload.callbacks.iter().any(|f| f.start <= c.span.start && c.span.end <= f.end)
                    && is_data(&c.target, c.span, scope)
            });
            let Some(next) = next else { continue };
            let (first_name, next_name) =
                (Source::describe(&first.target, page), Source::describe(&next.target, page));
            let place = if awaited.function == preload.value.span() {
                format!("`{}`", preload.name)
            } else {
                format!("code `{}` runs", preload.name)
            };
            report
                .report(
                    awaited.span,
                    format!(
                        "`await` in {place} holds back {next_name} until {first_name} has loaded: a waterfall"
                    ),
                )
                .label(awaited.span, "the router does not wait for this")
                .label(next.span, "starts only after the awaited request")
                .help("start every request without `await` (`void getA(); void getB();`): they load in parallel");
        }
    }
}

/// Every call, with the calls of the local functions it reaches.
fn flatten<'f>(calls: &'f [DataCall], out: &mut Vec<&'f DataCall>) {
    for call in calls {
        out.push(call);
        if let Target::LocalFunction { calls, .. } = &call.target {
            flatten(calls, out);
        }
    }
}

/// A read that nothing after it can depend on but through its value: a `query()` wrapper,
/// or what reaches only generated `GET` clients.
fn is_read(target: &Target, at: kosmo_lint_core::Span, scope: Scope<'_>) -> bool {
    if scope.is_query_wrapper(target) {
        return true;
    }
    let reach = Reach::of_target(target, at, scope);
    !reach.clients.is_empty()
        && reach.raw.is_empty()
        && reach.opaque.is_empty()
        && reach.clients.iter().all(|(_, method, _)| method == "GET")
}

/// A call that makes a request: a `query()` wrapper, or what reaches a client or a request.
fn is_data(target: &Target, at: kosmo_lint_core::Span, scope: Scope<'_>) -> bool {
    if scope.is_query_wrapper(target) {
        return true;
    }
    let reach = Reach::of_target(target, at, scope);
    !reach.clients.is_empty() || !reach.raw.is_empty()
}

#[cfg(test)]
mod tests;
