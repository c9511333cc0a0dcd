//! Vectors of `define-route-shape`.

use super::DefineRouteShape;
use crate::tester::{Case, Fixture, Tester};

/// The `defineRoute` import and head of a `users` route in `fixture`'s generation.
fn head(fixture: Fixture) -> &'static str {
    match fixture {
        Fixture::G1 => {
            "import { defineRoute } from \"@front/{api}/users\";\nexport default defineRoute("
        }
        Fixture::G2 | Fixture::G3 => {
            "import { defineRoute } from \"_/front/api/users\";\nexport default defineRoute("
        }
        Fixture::G4 => {
            "import { defineRoute } from \"_/front/api\";\nexport default defineRoute<\"users\">("
        }
        _ => "import { defineRoute } from \"_/api\";\nexport default defineRoute<\"users\">(",
    }
}

fn route(fixture: Fixture, factory: &str) -> Case {
    fixture.file("api/users/index.ts", &format!("{}{factory});\n", head(fixture)))
}

#[test]
fn passes() {
    let mut pass = Vec::new();
    for fixture in [Fixture::G1, Fixture::G2, Fixture::G3, Fixture::G4, Fixture::G5] {
        pass.extend([
            route(fixture, "({ GET, POST }) => [\n  GET(async (ctx) => ctx.json([])),\n  POST(async (ctx) => ctx.json({})),\n]"),
            route(fixture, "({ GET, use }) => [use(auth), GET([check, list])]"),
            // Middleware spreads hold no handlers the framework would read.
            route(fixture, "({ GET, use }) => [...authMiddleware, use(log), GET(list)]"),
            route(fixture, "({ GET }) => [...shared(), GET(list)]"),
            route(fixture, "() => []"),
        ]);
    }
    // Files under api/ that are not routes: middleware, helpers, api/index.ts.
    pass.extend([
        Fixture::G5.file(
            "api/users/use.ts",
            "import { use } from \"_/api\";\nexport default [use(async (ctx, next) => next())];\n",
        ),
        Fixture::G5.file("api/use.ts", "export default [];\n"),
        Fixture::G5.file("api/index.ts", "export const helper = 1;\n"),
        Fixture::G5
            .file("api/users/helpers.ts", "export default function build() { return []; }\n"),
        Fixture::G5.file("api/users/types.ts", "export type User = { id: number };\n"),
        Fixture::G1.file("api/users/list.ts", "export const list = () => [];\n"),
    ]);
    Tester::new(&DefineRouteShape).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        // Block bodies, in every generation's form.
        route(
            Fixture::G5,
            "({ GET }) => {\n  const limit = 20;\n  return [GET(async (ctx) => ctx.json(await list(limit)))];\n}",
        ),
        route(Fixture::G4, "({ GET, POST }) => {\n  return [GET(list), POST(create)];\n}"),
        route(Fixture::G1, "function ({ GET }) {\n  return [GET<never, User[]>(list)];\n}"),
        route(Fixture::G2, "({ GET }) => { return []; }"),
        // Not the array itself after `=>`.
        route(Fixture::G5, "({ GET }) => ([GET(list)])"),
        route(Fixture::G3, "({ GET }) => build(GET)"),
        // Spreads that build handlers.
        route(Fixture::G5, "({ GET, POST }) => [...crud({ GET, POST }), use(log)]"),
        route(Fixture::G2, "(m) => [m.use(log), ...list(m.GET)]"),
        // No factory, no call, no default export.
        route(Fixture::G5, ""),
        Fixture::G5.file(
            "api/users/index.ts",
            "import { defineRoute } from \"_/api\";\nconst route = defineRoute<\"users\">(({ GET }) => [GET(list)]);\nexport default route;\n",
        ),
        Fixture::G4.file("api/users/index.ts", "export { default } from \"./impl\";\n"),
        Fixture::G1.file("api/index/index.ts", ""),
    ];
    Tester::new(&DefineRouteShape).fail(fail).test_and_snapshot();
}

#[test]
fn fixes() {
    let fixed = |fixture: Fixture, factory: &str| format!("{}{factory});\n", head(fixture));
    Tester::new(&DefineRouteShape)
        .fix(vec![
            (
                route(Fixture::G5, "({ GET }) => {\n  return [GET(list)];\n}"),
                fixed(Fixture::G5, "({ GET }) => [GET(list)]"),
            ),
            (
                route(
                    Fixture::G1,
                    "({ GET, POST }) => { return [\n  GET(list),\n  POST(create),\n] }",
                ),
                fixed(Fixture::G1, "({ GET, POST }) => [\n  GET(list),\n  POST(create),\n]"),
            ),
            // Not certain: another statement, a comment, `async`, parentheses, a function.
            (
                route(Fixture::G4, "({ GET }) => {\n  const limit = 20;\n  return [GET(list)];\n}"),
                fixed(Fixture::G4, "({ GET }) => {\n  const limit = 20;\n  return [GET(list)];\n}"),
            ),
            (
                route(Fixture::G5, "({ GET }) => {\n  // the list\n  return [GET(list)];\n}"),
                fixed(Fixture::G5, "({ GET }) => {\n  // the list\n  return [GET(list)];\n}"),
            ),
            (
                route(Fixture::G5, "async ({ GET }) => { return [GET(list)]; }"),
                fixed(Fixture::G5, "async ({ GET }) => { return [GET(list)]; }"),
            ),
            (
                route(Fixture::G5, "({ GET }) => { return ([GET(list)]); }"),
                fixed(Fixture::G5, "({ GET }) => { return ([GET(list)]); }"),
            ),
            (
                route(Fixture::G2, "function ({ GET }) { return [GET(list)]; }"),
                fixed(Fixture::G2, "function ({ GET }) { return [GET(list)]; }"),
            ),
        ])
        .test();
}
