//! `define-route-shape`: an API route's default export is `defineRoute(…)` whose factory
//! returns its array literal directly, the only shape the framework reads handlers from.

use kosmo_lint_core::facts::{ApiRouteFacts, DefineRoute, FactoryShape};
use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Applicability, Edit, Fix, Span};

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks that the default export of every API route (`api/**/index.ts`) has the one
    /// shape KosmoJS reads handlers from: a `defineRoute(…)` call whose first function
    /// argument returns an array literal directly (`({ GET }) => [ GET(…) ]`). It reports:
    ///
    /// - a route with no `export default` (including `export { default } from "./impl"`);
    /// - a default export that is not a call (`export default routes`);
    /// - a `defineRoute()` call without a factory function;
    /// - a factory with a block body (`=> { return [ … ]; }`, `function () { … }`);
    /// - a factory whose concise body is not the array itself (`=> ([ … ])`, `=> build(GET)`);
    /// - a spread element of the array that builds handlers with the factory's method
    ///   builders (`...crud(GET)`, `...list(m.GET)`). A spread that uses none of them
    ///   (`...authMiddleware`) is not reported: it may hold only `use(…)` entries, which the
    ///   framework does not read either.
    ///
    /// Only route files are checked: `use.ts` middleware, `api/index.ts`, `api/use.ts` and any
    /// other file under `api/` (types, helpers, tests) are not routes.
    ///
    /// ### Why is this bad?
    ///
    /// KosmoJS's generator reads a route's handlers syntactically: it takes the default export
    /// only when it is a call, the call's first function argument, the array literal that is
    /// that function's direct child, and the `METHOD(…)` calls written directly in it (spec
    /// §3.1). Any other shape type-checks and may even run, but the generator silently sees
    /// no handlers: the route's fetch client gets no method for them, `ResponseT` has no
    /// entry, and their requests get no validation schemas. Nothing warns about it.
    ///
    /// `response-type-declared` skips such routes, since none of their handlers is read;
    /// this rule is the one that reports them.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```ts
    /// export default defineRoute<"users">(({ GET }) => {
    ///   const limit = 20;
    ///   return [GET(async (ctx) => ctx.json(await listUsers(limit)))];
    /// });
    /// export default defineRoute<"users">(({ GET, POST }) => [...crud({ GET, POST })]);
    /// ```
    ///
    /// Correct:
    ///
    /// ```ts
    /// const limit = 20;
    /// export default defineRoute<"users">(({ GET }) => [
    ///   GET(async (ctx) => ctx.json(await listUsers(limit))),
    /// ]);
    /// ```
    ///
    /// ### Frontends
    ///
    /// None in particular: API routes are the same in every frontend's folder, and in
    /// API-only folders.
    ///
    /// ### Fix
    ///
    /// Safe, for the one shape where it is certain: an arrow (not `async`) whose block holds
    /// only `return [ … ];` and no comment becomes `=> [ … ]`, which behaves the same. The
    /// route's handlers are then read, so other rules (such as `response-type-declared`) may
    /// start reporting them. None elsewhere: moving a block's other statements out of the
    /// factory can change what they see, so the help shows the shape to write instead.
    DefineRouteShape {
        name: "define-route-shape",
        severity: Error,
        category: Correctness,
        fix: Sometimes,
        frontends: [],
        summary: "An API route's default export must be `defineRoute(...)` whose factory returns an array literal directly, or KosmoJS sees no handlers",
    }
}

const CONCISE: &str = "export default defineRoute(({ GET }) => [ GET(async (ctx) => …) ])";

impl Rule for DefineRouteShape {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::ApiRoute {
            return;
        }
        let Some(route) = &ctx.file.route else { return };
        let Some(api) = ctx.facts.api.as_deref() else { return };
        let name = &route.name;
        let unseen = format!(
            "so KosmoJS sees no handlers in API route `{name}`: its fetch client, types and request validation are generated without them"
        );
        match api {
            ApiRouteFacts::NoDefaultExport => {
                report
                    .report_file(format!(
                        "the route file has no `export default defineRoute(…)`, {unseen}"
                    ))
                    .help(format!("export the route definition from this file: `{CONCISE}`"));
            }
            ApiRouteFacts::NotACall { span } => {
                report
                    .report(
                        *span,
                        format!("the default export is not a `defineRoute(…)` call, {unseen}"),
                    )
                    .label(*span, "KosmoJS reads handlers only from a call written here")
                    .help(format!(
                        "export the call itself, not a value that holds it: `{CONCISE}`"
                    ));
            }
            ApiRouteFacts::DefineRoute(def) => check_define_route(def, &unseen, report),
        }
    }
}

fn check_define_route(def: &DefineRoute, unseen: &str, report: &mut Reporter<'_>) {
    let hidden = hidden_methods(def);
    match def.factory {
        FactoryShape::ConciseArray => {}
        FactoryShape::Missing => {
            report
                .report(
                    def.span,
                    format!("`{}` is called without a factory function, {unseen}", def.callee),
                )
                .help(format!("pass a factory that returns the handlers: `{CONCISE}`"));
        }
        FactoryShape::BlockBody { span } => {
            let finding = report
                .report(span, format!("the route factory has a block body, {unseen}"))
                .label(span, format!("KosmoJS reads only an array literal returned by `=> [ … ]`{hidden}"))
                .help("return the array directly: `({ GET }) => [ GET(…) ]`; move the block's other statements to module scope or into the handlers");
            if let Some(lone) = &def.lone_return {
                // Drop the block around the array: `{ return ` before it, `; }` after it.
                finding.fix(Fix {
                    applicability: Applicability::Safe,
                    message: "return the array directly: `=> [ … ]`".to_owned(),
                    edits: vec![
                        Edit::replacement(Span::new(lone.body.start, lone.array.start), ""),
                        Edit::replacement(Span::new(lone.array.end, lone.body.end), ""),
                    ],
                });
            }
        }
        FactoryShape::NotAnArray { span } => {
            report
                .report(span, format!("the route factory's body is not an array literal, {unseen}"))
                .label(span, "KosmoJS reads only an array literal written right after `=>`")
                .help("write the array itself after `=>`, without parentheses or a call around it: `({ GET }) => [ GET(…) ]`");
        }
    }
    for &spread in &def.hidden_spreads {
        report
            .report(spread, "handlers built in this spread are invisible to KosmoJS: it reads only `METHOD(…)` calls written directly in the factory's array, so they get no fetch client method, types or request validation")
            .label(spread, "built with the factory's method builders")
            .help("write each handler as an element of the array (`GET(listUsers)`); a shared helper can build the handler function that `GET(…)` receives");
    }
}

/// `, so its `GET` and `POST` handlers are not read`, when the facts recorded any.
fn hidden_methods(def: &DefineRoute) -> String {
    let names: Vec<String> = def.methods.iter().map(|m| format!("`{}`", m.method)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!(", so its {one} handler is not read"),
        [rest @ .., last] => {
            format!(", so its {} and {last} handlers are not read", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests;
