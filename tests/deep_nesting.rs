//! Deep nesting must never abort the run (a stack overflow kills the process): 20,000 levels
//! of each construct, in a page and in an API route, are linted, and deeper files get a
//! `nesting-limit` finding where the limit is passed, in every format and in `routes`.

mod common;

use std::path::Path;

use common::{kosmo_lint, kosmo_lint_in, project_copy, run, write};

/// The constructs that nest (parsers recurse once per level), each as a statement.
const CONSTRUCTS: [&str; 9] =
    ["callbacks", "objects", "templates", "parens", "arrays", "typeargs", "arrows", "jsx", "plus"];

fn construct(kind: &str, levels: usize) -> String {
    let nest = |open: &str, middle: &str, close: &str| {
        format!("const x = {}{middle}{};", open.repeat(levels), close.repeat(levels))
    };
    match kind {
        "callbacks" => nest("g(() => ", "0", ")"),
        "objects" => nest("{ a: ", "0", " }"),
        "templates" => nest("`${", "0", "}`"),
        "parens" => nest("(", "0", ")"),
        "arrays" => nest("[", "0", "]"),
        "typeargs" => format!("type T = {}number{};", "A<".repeat(levels), ">".repeat(levels)),
        "arrows" => format!("const x = {}0;", "(a) => ".repeat(levels)),
        "plus" => format!("const x = {};", vec!["a"; levels].join(" + ")),
        _ => nest("<a>", "", "</a>"),
    }
}

fn page(kind: &str) -> String {
    format!("src/app/pages/{kind}/index.tsx")
}

fn route(kind: &str) -> String {
    format!("src/app/api/{kind}/index.ts")
}

/// The syntax-error fixture with every construct `levels` deep in a page and an API route
/// (JSX, which a `.ts` route cannot hold, is nested parentheses there).
fn deep_project(levels: usize) -> tempfile::TempDir {
    let dir = project_copy("syntax-error");
    for kind in CONSTRUCTS {
        let body = construct(kind, levels);
        write(
            dir.path(),
            &page(kind),
            format!("export default function P() {{ return null; }}\n{body}\n"),
        );
        let route_body = if kind == "jsx" { construct("parens", levels) } else { body };
        let define = format!(
            "export default defineRoute<\"{kind}\">(({{ GET }}) => [GET<{{ response: [200, \"json\", number] }}>(async (ctx) => ctx.json(1))]);"
        );
        write(
            dir.path(),
            &route(kind),
            format!("import {{ defineRoute }} from \"_/api\";\n{route_body}\n{define}\n"),
        );
    }
    dir
}

fn check(project: &Path, format: &str) -> common::Run {
    run(kosmo_lint_in(project).args(["check", "--no-cache", "--format", format]).arg(project))
}

/// `(rule, path, line, column)` of every finding.
fn findings(project: &Path) -> Vec<(String, String, u64, u64)> {
    let run = check(project, "json");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let document = common::json(&run);
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap().to_owned();
            (text("rule"), text("path"), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn twenty_thousand_levels_of_each_construct_are_linted_in_every_format_and_in_routes() {
    let dir = deep_project(20_000);
    // Only the fixture's own syntax error: every deep file parsed, and nothing was found in it.
    assert_eq!(
        findings(dir.path()),
        [("syntax-error".to_owned(), "src/app/pages/broken/index.tsx".to_owned(), 5, 13)]
    );
    for format in ["pretty", "github", "sarif", "junit"] {
        let run = check(dir.path(), format);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(run.stdout.contains("src/app/pages/broken/index.tsx"), "{format}");
    }
    let routes = run(kosmo_lint_in(dir.path()).arg("routes").arg(dir.path()));
    assert_eq!(routes.code, 0, "{}", routes.stderr);
    for kind in CONSTRUCTS {
        assert!(routes.stdout.contains(&format!("/{kind}  {}", page(kind))), "{kind}");
    }
    let fix = run(kosmo_lint_in(dir.path()).args(["check", "--no-cache", "--fix"]).arg(dir.path()));
    assert_eq!(fix.code, 1, "{}", fix.stderr);
    // Named files (pre-commit's path), the second time with the route tree from the cache.
    for _ in 0..2 {
        let named = run(kosmo_lint()
            .arg("check")
            .arg(dir.path().join(page("callbacks")))
            .arg(dir.path().join(route("callbacks"))));
        assert_eq!(named.code, 0, "{}{}", named.stdout, named.stderr);
    }
}

#[test]
fn deeper_files_get_a_nesting_limit_finding_where_the_limit_is_passed() {
    let dir = deep_project(100_100);
    let mut expected =
        vec![("syntax-error".to_owned(), "src/app/pages/broken/index.tsx".to_owned(), 5, 13)];
    for kind in CONSTRUCTS {
        expected.push(("nesting-limit".to_owned(), page(kind), 2, 0));
        expected.push(("nesting-limit".to_owned(), route(kind), 2, 0));
    }
    let mut found = findings(dir.path());
    for finding in &mut found {
        if finding.0 == "nesting-limit" {
            assert!(finding.3 > 10_000, "{finding:?}");
            finding.3 = 0;
        }
    }
    // Where the limit is passed depends on the construct; the parentheses' place is below.
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
    for format in ["pretty", "github", "sarif", "junit"] {
        let run = check(dir.path(), format);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(run.stdout.contains("nesting-limit"), "{format}");
    }
    // In the route, line 1 ends with `;` (nothing carried over), `const x = ` counts 1 for
    // its `=`, and parentheses 2 units each: the 50,000th, at column 10 + 50,000, passes
    // 100,000 units.
    let pretty = check(dir.path(), "pretty");
    let parens = "× src/app/api/parens/index.ts:2:50010: nested too deeply";
    assert!(pretty.stdout.contains(parens), "{}", pretty.stdout);
    let routes = run(kosmo_lint_in(dir.path()).arg("routes").arg(dir.path()));
    assert_eq!(routes.code, 0, "{}", routes.stderr);
}
