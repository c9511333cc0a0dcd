//! `createAsync` / `createAsyncStore` calls: what their argument resolves to, the arguments
//! it passes (every way of reading a route param is `params.<name>`), which `createAsync`
//! counts, and the page framework (solid-router.md §1.6, §2.3–2.4).

mod common;

use common::{at, calls, client, export_names, facts, page, raw, span_of_nth, targets};
use kosmo_lint_core::FileKind;
use kosmo_lint_core::facts::{CreateAsyncCall, Framework, FunctionValue, Target};

const G1_IMPORT: &str = r#"import { GET as fetchData } from "@front/{api}/users/data/fetch";
"#;

// ---------------------------------------------------------------------------- createAsync

#[test]
fn create_async_with_a_bare_client_reference() {
    let text = format!(
        "import {{ createAsync }} from \"@solidjs/router\";\n{G1_IMPORT}\
         export default function Page() {{\n  const data = createAsync(fetchData);\n  return <div />;\n}}\n"
    );
    let facts = page(&text);
    assert_eq!(facts.create_async.len(), 1);
    let call = &facts.create_async[0];
    assert_eq!(at(&text, call.span), "createAsync(fetchData)");
    assert_eq!(
        call.value,
        FunctionValue::Reference {
            target: client("users/data", "GET"),
            span: span_of_nth(&text, "fetchData", 1),
            text: "fetchData".into(),
            // The import statement, so a new top-level statement may follow it.
            declaration_end: Some(
                u32::try_from(text.find(G1_IMPORT).unwrap() + G1_IMPORT.trim_end().len()).unwrap()
            ),
        }
    );
}

/// The arguments of the single data call in the single `createAsync` of `text`.
fn create_async_args(text: &str) -> Vec<String> {
    let facts = page(text);
    let [CreateAsyncCall { value, .. }] = facts.create_async.as_slice() else {
        panic!("expected one createAsync call: {:?}", facts.create_async);
    };
    let [call] = calls(value) else { panic!("expected one data call: {value:?}") };
    assert_eq!(call.target, Target::Query { index: 0 });
    call.args.clone()
}

const QUERY: &str = r#"import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
"#;

#[test]
fn every_way_of_reading_a_route_param_is_params_dot_name() {
    let components = [
        "function Page() {\n  const params = useParams();\n  createAsync(() => getUser(params.id));\n}",
        "function Page() {\n  createAsync(() => getUser(useParams().id));\n}",
        "function Page(props) {\n  createAsync(() => getUser(props.params.id));\n}",
        "function Page() {\n  const { id } = useParams();\n  createAsync(() => getUser(id));\n}",
        "function Page({ params }) {\n  createAsync(() => getUser(params.id));\n}",
        "function Page() {\n  const params = useParams();\n  createAsync(() => getUser(params[\"id\"]));\n}",
        "function Page() {\n  const params = useParams();\n  createAsync(() => getUser(params?.id));\n}",
        "function Page() {\n  const id = useParams().id;\n  createAsync(() => getUser(id));\n}",
        "function Page() {\n  createAsync(() => getUser(useParams().id as string));\n}",
    ];
    for component in components {
        let text = format!("{QUERY}export default {component}\n");
        assert_eq!(create_async_args(&text), ["@params.id"], "{component}");
    }
}

#[test]
fn different_arguments_stay_different() {
    let text = format!(
        "{QUERY}export default function Page() {{\n  const params = useParams();\n  \
         createAsync(() => getUser(Number(params.id), {{ full: true }}));\n}}\n"
    );
    assert_eq!(create_async_args(&text), ["Number(@params.id)", "{ full: true }"]);
}

#[test]
fn create_async_store_and_an_aliased_import() {
    let text = r#"import { createAsync as ca, createAsyncStore, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getTodos = query(() => fetchClients.todos.GET(), "todos");
export default function Page() {
  const todos = createAsyncStore(() => getTodos());
  const again = ca(() => getTodos());
  return null;
}
"#;
    let facts = page(text);
    let found: Vec<_> = facts.create_async.iter().map(|c| c.function.as_str()).collect();
    assert_eq!(found, ["createAsyncStore", "createAsync"]);
    assert_eq!(at(text, facts.create_async[1].span), "ca(() => getTodos())");
    for call in &facts.create_async {
        assert_eq!(targets(calls(&call.value)), [(&Target::Query { index: 0 }, vec![])]);
    }
}

#[test]
fn a_local_create_async_does_not_count() {
    let text = r#"import { GET } from "_/front/fetch/users";
function createAsync<T>(fn: () => T) { return fn; }
export default function Page() {
  const users = createAsync(() => GET());
  return null;
}
"#;
    assert!(page(text).create_async.is_empty());
    let text = "export default function Page() { return createAsync(() => 1); }\n";
    assert!(page(text).create_async.is_empty(), "an undeclared global does not count either");
}

#[test]
fn create_async_with_raw_fetch() {
    let text = r#"import { createAsync } from "@solidjs/router";
export default function Page() {
  const data = createAsync(async () => (await fetch("/api/data")).json());
  return null;
}
"#;
    let facts = page(text);
    assert_eq!(
        targets(calls(&facts.create_async[0].value)),
        [(&raw("fetch"), vec![r#""/api/data""#])]
    );
}

// ------------------------------------------------------------------------------ framework

#[test]
fn framework_from_imports() {
    let cases = [
        ("import { createSignal } from \"solid-js\";", Framework::Solid),
        ("import { useParams } from \"@solidjs/router\";", Framework::Solid),
        ("import { useState } from \"react\";", Framework::React),
        ("import { useLoaderData } from \"react-router\";", Framework::React),
        (
            "import fetchClients from \"_/fetch\";\nimport { For } from \"solid-js\";",
            Framework::Solid,
        ),
        ("import fetchClients from \"_/fetch\";", Framework::Unknown),
    ];
    for (imports, framework) in cases {
        let text = format!("{imports}\nexport default function Page() {{ return null; }}\n");
        assert_eq!(page(&text).framework, framework, "{imports}");
    }
}

#[test]
fn layouts_have_page_facts() {
    let text = r#"import { A } from "@solidjs/router";
export default function Layout(props) { return <main>{props.children}</main>; }
"#;
    let facts = facts(FileKind::Layout, text);
    let page = facts.page.unwrap();
    assert_eq!(page.framework, Framework::Solid);
    assert_eq!(export_names(&page), ["default"]);
}
