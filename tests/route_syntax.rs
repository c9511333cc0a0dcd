//! Route folders the framework refuses are `route-syntax` errors, per generation; every
//! folder name the framework of that generation accepts stays clean.

mod common;

use std::path::Path;

use common::{check_json, write};

const G5_PACKAGE: &str = r#"{ "dependencies": { "@kosmojs/core": "^0.5.0", "solid-js": "1" } }"#;
const G5_CONFIG: &str = "import { defineConfig } from \"@kosmojs/dev\";\nexport default defineConfig({ frontend: { stack: \"solid\", base: \"/\" }, backend: { stack: \"hono\", base: \"/api\" } });\n";
const PAGE: &str = "export default function Page() {\n  return null;\n}\n";

fn route(name: &str) -> String {
    format!(
        "import {{ defineRoute }} from \"_/api\";\nexport default defineRoute<\"{name}\">(({{ GET }}) => [\n  GET<{{ response: [200, \"json\", string] }}>(async (ctx) => ctx.json(\"ok\")),\n]);\n"
    )
}

/// A G5+ project with API routes and pages in the given folders.
fn g5_project(root: &Path, routes: &[&str]) {
    write(root, "package.json", G5_PACKAGE);
    write(root, "src/app/kosmo.config.ts", G5_CONFIG);
    for name in routes {
        write(root, &format!("src/app/api/{name}/index.ts"), route(name));
        write(root, &format!("src/app/pages/{name}/index.tsx"), PAGE);
    }
}

/// `(path, message, help)` of every finding.
fn findings(document: &serde_json::Value) -> Vec<(String, String, String)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["rule"], "route-syntax", "{d}");
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_owned();
            (text("path"), text("message"), text("help"))
        })
        .collect()
}

#[test]
fn every_form_the_framework_accepts_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    g5_project(
        dir.path(),
        &[
            "index",
            "users/[id]",
            "users/[id]/{tab}",
            "docs/{...path}",
            "files/[name].[ext]",
            "feeds/[id]-[data].json",
            "shop/book{-:id}-info",
            "versions/{v:version}",
            "properties/{city}/filters",
            "langs/c++",
        ],
    );
    let (code, document) = check_json(dir.path());
    assert_eq!(findings(&document), []);
    assert_eq!(code, 0);
}

#[test]
fn folders_the_framework_refuses_are_errors_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    g5_project(dir.path(), &["users/:id", "teams/[team-id]", "tabs/{tab}/[id]", "odd/["]);
    let (code, document) = check_json(dir.path());
    assert_eq!(code, 1);
    let bare = "KosmoJS (G5+) refuses the route folder `:id`: contains bare params, use [id] instead of :id";
    let bracket =
        "KosmoJS (G5+) refuses the route folder `[team-id]`: Unexpected [ at index 0, expected end";
    let order = "KosmoJS (G5+) refuses the route folder `[id]`: optional parameters must not be followed by required parameters: `[id]` follows the optional `{tab}`";
    let lone = "KosmoJS (G5+) refuses the route folder `[`: Unexpected [ at index 0, expected end";
    let found = findings(&document);
    for (path, message) in [
        ("src/app/api/odd/[/index.ts", lone),
        ("src/app/api/tabs/{tab}/[id]/index.ts", order),
        ("src/app/api/teams/[team-id]/index.ts", bracket),
        ("src/app/api/users/:id/index.ts", bare),
        ("src/app/pages/odd/[/index.tsx", lone),
        ("src/app/pages/tabs/{tab}/[id]/index.tsx", order),
        ("src/app/pages/teams/[team-id]/index.tsx", bracket),
        ("src/app/pages/users/:id/index.tsx", bare),
    ] {
        assert!(found.iter().any(|f| f.0 == path && f.1 == message), "{path}: {found:#?}");
    }
    assert_eq!(found.len(), 8, "{found:#?}");
    let help = found.iter().find(|f| f.0.contains("team-id")).unwrap();
    assert_eq!(help.2, "only a `\\w+` name is a param: rename the folder to `[team_id]`");
}

#[test]
fn g1_accepts_its_own_syntax_and_refuses_what_its_docs_forbid() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "package.json",
        r#"{ "dependencies": { "@kosmojs/api": "^0.0.9", "solid-js": "1" } }"#,
    );
    write(
        root,
        "tsconfig.json",
        r#"{ "compilerOptions": { "paths": { "@front/*": ["./@front/*", "./lib/@front/*"] } } }"#,
    );
    for name in ["users/[id]", "posts/[[page]]", "files/[...path]", "a/[some-id]", "b/[[x]]/static"]
    {
        write(
            root,
            &format!("@front/api/{name}/index.ts"),
            format!(
                "import {{ defineRoute }} from \"@front/{{api}}/{name}\";\nexport default defineRoute(({{ GET }}) => [\n  GET<never, string>(async (ctx) => {{ ctx.body = \"\"; }}),\n]);\n"
            ),
        );
    }
    let (code, document) = check_json(root);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&document),
        [(
            "@front/api/b/[[x]]/static/index.ts".to_owned(),
            "KosmoJS (G1) refuses the route folder `static`: optional parameters must come last in a route path: `static` follows the optional `[[x]]`".to_owned(),
            "G1 route folders write params as `[id]` (required), `[[id]]` (optional) and `[...path]` (rest)".to_owned(),
        )]
    );
}
