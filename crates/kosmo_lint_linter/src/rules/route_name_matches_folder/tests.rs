//! Vectors of `route-name-matches-folder`.

use super::RouteNameMatchesFolder;
use crate::tester::{Case, Fixture, Tester};

fn route(fixture: Fixture, path: &str, type_args: &str) -> Case {
    let source = if fixture == Fixture::G4 { "_/front/api" } else { "_/api" };
    fixture.file(
        path,
        &format!(
            "import {{ defineRoute }} from \"{source}\";\nexport default defineRoute{type_args}(({{ GET }}) => [GET(async (ctx) => ctx.json({{}}))]);\n"
        ),
    )
}

#[test]
fn passes() {
    let mut pass = Vec::new();
    for fixture in [Fixture::G4, Fixture::G5] {
        pass.extend([
            route(fixture, "api/users/[id]/index.ts", "<\"users/[id]\">"),
            route(fixture, "api/users/[id]/index.ts", "<'users/[id]', [number]>"),
            route(fixture, "api/docs/{...path}/index.ts", "<\"docs/{...path}\">"),
            route(fixture, "api/files/[name].[ext]/index.ts", "<\"files/[name].[ext]\">"),
            route(fixture, "api/users/{tab}/index.ts", "<\"users/{tab}\">"),
            // The root route is named `index`.
            route(fixture, "api/index/index.ts", "<\"index\">"),
            // Below `index/` the framework's sources give the name both ways.
            route(fixture, "api/index/about/index.ts", "<\"index/about\">"),
            route(fixture, "api/index/about/index.ts", "<\"about\">"),
            // No name, or not a string literal: nothing to compare.
            route(fixture, "api/users/index.ts", ""),
            route(fixture, "api/users/index.ts", "<RouteName>"),
            route(fixture, "api/users/index.ts", "<`posts`>"),
            // Not a route file.
            route(fixture, "api/users/helpers.ts", "<\"posts\">"),
        ]);
    }
    // G1–G3 take no route name: their `defineRoute` generic is the params tuple (a string
    // literal there would make the folder G4 by its evidence).
    for (fixture, source) in [
        (Fixture::G1, "@front/{api}/users/[id]"),
        (Fixture::G2, "_/front/api/users/[id]"),
        (Fixture::G3, "_/front/api/users/[id]"),
    ] {
        pass.push(fixture.file(
            "api/users/[id]/index.ts",
            &format!("import {{ defineRoute }} from \"{source}\";\nexport default defineRoute<[number]>(({{ GET }}) => [GET(list)]);\n"),
        ));
    }
    Tester::new(&RouteNameMatchesFolder).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        route(Fixture::G5, "api/posts/[slug]/index.ts", "<\"users/[id]\">"),
        route(Fixture::G4, "api/posts/[slug]/index.ts", "<'users/[id]', [string]>"),
        route(Fixture::G5, "api/index/index.ts", "<\"\">"),
        route(Fixture::G5, "api/users/[id]/index.ts", "<\"users/:id\">"),
        route(Fixture::G5, "api/index/about/index.ts", "<\"contact\">"),
        route(Fixture::G5, "api/users/index.ts", r#"<"user\u0073s">"#),
    ];
    Tester::new(&RouteNameMatchesFolder).fail(fail).test_and_snapshot();
}

#[test]
fn fixes() {
    Tester::new(&RouteNameMatchesFolder)
        .fix(vec![
            (
                route(Fixture::G5, "api/posts/[slug]/index.ts", "<\"users/[id]\">"),
                "import { defineRoute } from \"_/api\";\nexport default defineRoute<\"posts/[slug]\">(({ GET }) => [GET(async (ctx) => ctx.json({}))]);\n",
            ),
            (
                route(Fixture::G4, "api/index/index.ts", "<'home', [string]>"),
                "import { defineRoute } from \"_/front/api\";\nexport default defineRoute<'index', [string]>(({ GET }) => [GET(async (ctx) => ctx.json({}))]);\n",
            ),
            // No certain text: the literal stays.
            (
                route(Fixture::G5, "api/index/about/index.ts", "<\"contact\">"),
                "import { defineRoute } from \"_/api\";\nexport default defineRoute<\"contact\">(({ GET }) => [GET(async (ctx) => ctx.json({}))]);\n",
            ),
        ])
        .test();
}
