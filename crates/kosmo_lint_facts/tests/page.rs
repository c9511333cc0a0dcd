//! Page facts (`FileFacts::page`): router exports, what `preload` is bound to and what it
//! reaches, and `query()` wrappers (solid-router.md §1.6, §2.4; kosmojs.md §4); snapshots of
//! the whole facts of a realistic G1 and G5 page. `createAsync` is in `create_async.rs`.

mod common;

use common::{
    at, calls, client, export_names, facts, page, preload, raw, reference, span_of, span_of_nth,
    summary, targets,
};
use kosmo_lint_core::FileKind;
use kosmo_lint_core::facts::{FileStatus, Framework, FunctionValue, PreloadForm, RefForm, Target};

// --------------------------------------------------------------------------------- exports

#[test]
fn router_exports_in_source_order() {
    let text = r#"import { createAsync } from "@solidjs/router";
export const route = { info: { title: "Users" } };
export const helper = 1;
export async function loader() { return null; }
export const load = () => {};
export default function Page() { return <div />; }
export const preload = () => {};
"#;
    let facts = page(text);
    assert_eq!(export_names(&facts), ["route", "loader", "load", "default", "preload"]);
    assert_eq!(at(text, facts.exports[1].span), "export async function loader() { return null; }");
    assert_eq!(
        at(text, facts.exports[3].span),
        "export default function Page() { return <div />; }"
    );
    // `preload` wins over the deprecated `load` whatever their order.
    assert_eq!(preload(&facts).name, "preload");
}

#[test]
fn default_export_through_a_specifier() {
    let text = "function Page() { return <div />; }\nexport { Page as default };\n";
    let facts = page(text);
    assert_eq!(export_names(&facts), ["default"]);
    assert_eq!(at(text, facts.exports[0].span), "export { Page as default };");
    let facts = page(r#"export { default } from "./Page";"#);
    assert_eq!(export_names(&facts), ["default"]);
}

#[test]
fn page_without_router_exports() {
    let facts = page("const a = 1;\nexport const b = a;\n");
    assert!(facts.exports.is_empty());
    assert_eq!(facts.preload, None);
    assert!(facts.queries.is_empty() && facts.create_async.is_empty());
    assert_eq!(facts.framework, Framework::Unknown);
}

// ------------------------------------------------------------------------- preload forms

const G1_IMPORT: &str = r#"import { GET as fetchData } from "@front/{api}/users/data/fetch";
"#;

#[test]
fn g1_preload_bound_to_a_generated_client_method() {
    let text = format!("{G1_IMPORT}export const preload = fetchData;\n");
    let facts = page(&text);
    let preload = preload(&facts);
    assert_eq!(preload.name, "preload");
    assert_eq!(preload.form, PreloadForm::Const);
    assert_eq!(at(&text, preload.span), "export const preload = fetchData;");
    assert_eq!(
        preload.value,
        FunctionValue::Reference {
            target: client("users/data", "GET"),
            span: span_of_nth(&text, "fetchData", 1),
            text: "fetchData".into(),
            declaration_end: Some(u32::try_from(G1_IMPORT.trim_end().len()).unwrap()),
        }
    );
}

#[test]
fn preload_exported_through_a_specifier() {
    let text = format!("{G1_IMPORT}export {{ fetchData as preload }};\n");
    let facts = page(&text);
    let preload = preload(&facts);
    assert_eq!(preload.form, PreloadForm::Specifier);
    assert_eq!(at(&text, preload.span), "export { fetchData as preload };");
    assert_eq!(reference(&preload.value), &client("users/data", "GET"));
    assert_eq!(at(&text, preload.value.span()), "fetchData");
    assert_eq!(export_names(&facts), ["preload"]);
}

#[test]
fn preload_function_declaration() {
    let text = format!(
        "{G1_IMPORT}export function preload({{ params }}) {{\n  fetchData([params.id]);\n}}\n"
    );
    let facts = page(&text);
    let preload = preload(&facts);
    assert_eq!(preload.form, PreloadForm::Function);
    assert!(at(&text, preload.span).starts_with("export function preload("));
    assert!(at(&text, preload.value.span()).starts_with("function preload("));
    assert_eq!(
        targets(calls(&preload.value)),
        [(&client("users/data", "GET"), vec!["[@params.id]"])]
    );
}

/// KosmoJS's route table reads only the module's `preload` export: a route object's preload
/// (SolidStart's convention) is recorded apart, never as the page's preload.
#[test]
fn preload_in_a_route_object_is_not_the_page_preload() {
    let text =
        format!("{G1_IMPORT}const preload = fetchData;\nexport const route = {{ preload }};\n");
    let facts = page(&text);
    assert_eq!(export_names(&facts), ["route"]);
    assert_eq!(facts.preload, None);
    let route = facts.route_object_preload.as_ref().expect("a route object preload");
    assert_eq!(route.key, "preload");
    assert_eq!(at(&text, route.span), "export const route = { preload };");
    assert_eq!(at(&text, route.key_span), "preload");
    assert!(route.holds_preload_binding);

    let text = format!(
        "{G1_IMPORT}export const route = {{\n  load: () => 1,\n  preload: ({{ params }}) => fetchData([params.id]),\n}} satisfies RouteDefinition;\n"
    );
    let facts = page(&text);
    assert_eq!(facts.preload, None);
    let inline = facts.route_object_preload.as_ref().unwrap();
    assert_eq!((inline.key.as_str(), inline.holds_preload_binding), ("preload", false));
    assert_eq!(at(&text, inline.key_span), "preload");

    // A spread after the key may replace it; `load` is read when there is no `preload`.
    let facts = page("const preload = () => {};\nexport const route = { preload, ...base };\n");
    assert!(!facts.route_object_preload.unwrap().holds_preload_binding);
    let facts = page("export const route = { load: () => {} };\n");
    assert_eq!(facts.route_object_preload.unwrap().key, "load");
    let facts = page("export const route = { info: { preload: 1 } };\n");
    assert_eq!(facts.route_object_preload, None);

    // The module's own `preload` export is the page's preload, beside a route object.
    let text = format!(
        "{G1_IMPORT}export const route = {{ preload: () => 1 }};\nexport const preload = fetchData;\n"
    );
    let facts = page(&text);
    assert_eq!(preload(&facts).form, PreloadForm::Const);
    assert!(facts.route_object_preload.is_some());
}

#[test]
fn preload_re_exported_from_another_module() {
    let text = "export { preload } from \"./data\";\n";
    let facts = page(text);
    let preload = preload(&facts);
    assert_eq!(preload.form, PreloadForm::ReExport);
    assert_eq!(at(text, preload.span), text.trim_end());
    assert_eq!(
        reference(&preload.value),
        &Target::Imported {
            name: "preload".into(),
            source: "./data".into(),
            export: "preload".into()
        }
    );
    let text = "export { loadUser as preload } from \"./data\";\n";
    assert_eq!(
        reference(&page(text).preload.unwrap().value),
        &Target::Imported {
            name: "loadUser".into(),
            source: "./data".into(),
            export: "loadUser".into()
        }
    );
}

#[test]
fn preload_re_exported_from_a_generated_fetch_module() {
    let text = "export { GET as preload } from \"@front/{api}/users/data/fetch\";\n";
    let facts = facts(FileKind::Page, text);
    let preload = facts.page.unwrap().preload.unwrap();
    assert_eq!(preload.form, PreloadForm::ReExport);
    assert_eq!(reference(&preload.value), &client("users/data", "GET"));
    let refs: Vec<_> = facts.fetch_refs.iter().map(summary).collect();
    assert_eq!(
        refs,
        [("users/data", None, RefForm::RouteModule), ("users/data", Some("GET"), RefForm::Member),]
    );
}

#[test]
fn preload_bound_to_a_default_imported_client() {
    let text = r#"import client from "@front/{api}/users/data/fetch";
export const preload = client.GET;
"#;
    let facts = page(text);
    let preload = preload(&facts);
    assert_eq!(preload.form, PreloadForm::Const);
    assert_eq!(reference(&preload.value), &client("users/data", "GET"));
    assert_eq!(at(text, preload.value.span()), "client.GET");
}

#[test]
fn preload_bound_to_a_map_member() {
    let text = r#"import fetchClients from "_/fetch";
export const preload = fetchClients["users/[id]"].GET;
"#;
    assert_eq!(reference(&page(text).preload.unwrap().value), &client("users/[id]", "GET"));
}

const G5_PAGE: &str = r#"import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";

const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");

export const preload = ({ params }) => {
  void getUser(params.id);
};

export default function UserPage() {
  const params = useParams();
  const user = createAsync(() => getUser(params.id));
  return <Suspense fallback="…">{user()?.name}</Suspense>;
}
"#;

#[test]
fn g5_preload_calls_a_query_wrapper() {
    let facts = page(G5_PAGE);
    assert_eq!(facts.framework, Framework::Solid);
    assert_eq!(facts.queries.len(), 1);
    let query = &facts.queries[0];
    assert_eq!(query.name, "getUser");
    assert_eq!(query.key.as_deref(), Some("users/[id]"));
    assert!(at(G5_PAGE, query.span).starts_with("query((id: string) =>"));
    assert_eq!(targets(&query.calls), [(&client("users/[id]", "GET"), vec!["[id]"])]);
    assert_eq!(at(G5_PAGE, query.calls[0].span), r#"fetchClients["users/[id]"].GET([id])"#);

    let preload = preload(&facts);
    assert_eq!(preload.form, PreloadForm::Const);
    let calls = calls(&preload.value);
    assert_eq!(targets(calls), [(&Target::Query { index: 0 }, vec!["@params.id"])]);
    assert_eq!(calls[0].span, span_of(G5_PAGE, "getUser(params.id)"));
}

#[test]
fn g5_create_async_calls_the_same_query() {
    let facts = page(G5_PAGE);
    assert_eq!(facts.create_async.len(), 1);
    let call = &facts.create_async[0];
    assert_eq!(call.function, "createAsync");
    assert_eq!(at(G5_PAGE, call.span), "createAsync(() => getUser(params.id))");
    assert_eq!(targets(calls(&call.value)), [(&Target::Query { index: 0 }, vec!["@params.id"])]);
    // The preload and the component make the same call: this is what a rule compares.
    assert_eq!(calls(&call.value)[0].args, calls(&preload(&facts).value)[0].args);
}

#[test]
fn preload_bound_to_a_query_reference() {
    let text = r#"import { query } from "@solidjs/router";
import { GET } from "_/front/fetch/users";
const getUsers = query(() => GET(), "users");
export const preload = getUsers;
"#;
    let facts = page(text);
    assert_eq!(reference(&preload(&facts).value), &Target::Query { index: 0 });
    assert_eq!(targets(&facts.queries[0].calls), [(&client("users", "GET"), vec![])]);
}

#[test]
fn preload_bound_to_a_query_call() {
    let text = r#"import { query } from "@solidjs/router";
import fetchClients from "_/fetch";
export const preload = query((id: string) => fetchClients.users.GET([id]), "users");
"#;
    let facts = page(text);
    let preload = preload(&facts);
    assert_eq!(preload.form, PreloadForm::Const);
    assert_eq!(
        preload.value,
        FunctionValue::Reference {
            target: Target::Query { index: 0 },
            span: span_of(text, r#"query((id: string) => fetchClients.users.GET([id]), "users")"#),
            text: r#"query((id: string) => fetchClients.users.GET([id]), "users")"#.into(),
            declaration_end: Some(u32::try_from(text.trim_end().len()).unwrap()),
        }
    );
    assert_eq!(facts.queries[0].name, "preload");
    assert_eq!(targets(&facts.queries[0].calls), [(&client("users", "GET"), vec!["[id]"])]);
}

#[test]
fn cache_is_the_old_name_of_query() {
    let text = r#"import { cache } from "@solidjs/router";
import fetchClients from "_/fetch";
const getTodos = cache(async () => fetchClients.todos.GET(), `todos`);
export const preload = () => getTodos();
"#;
    let facts = page(text);
    assert_eq!(facts.queries[0].key.as_deref(), Some("todos"));
    assert_eq!(targets(calls(&preload(&facts).value)), [(&Target::Query { index: 0 }, vec![])]);
}

#[test]
fn preload_making_raw_requests() {
    let text = r#"import axios from "axios";
import ky from "ky";
export const preload = async ({ params }) => {
  await fetch(`/api/users/${params.id}`);
  await axios.get("/api/users");
  await ky("/api/users").json();
  await window.fetch("/x");
};
"#;
    let facts = page(text);
    let calls = calls(&preload(&facts).value);
    let found: Vec<_> = calls.iter().map(|c| &c.target).collect();
    assert_eq!(found, [&raw("fetch"), &raw("axios.get"), &raw("ky"), &raw("fetch")]);
    assert_eq!(calls[0].args, ["`/api/users/${params.id}`"]);
    assert_eq!(calls[1].args, [r#""/api/users""#]);
}

#[test]
fn preload_calling_a_local_function_that_calls_the_client() {
    let text = r#"import { GET as fetchUser } from "@front/{api}/users/[id]/fetch";
async function loadUser(id: string) {
  return fetchUser([id]);
}
const loadAll = (id: string) => loadUser(id);
export const preload = ({ params }) => loadAll(params.id);
"#;
    let facts = page(text);
    let calls = calls(&preload(&facts).value);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].args, ["@params.id"]);
    let Target::LocalFunction { name, calls: inner } = &calls[0].target else {
        panic!("expected a local function, got {:?}", calls[0].target);
    };
    assert_eq!(name, "loadAll");
    let Target::LocalFunction { name, calls: innermost } = &inner[0].target else {
        panic!("expected a local function, got {:?}", inner[0].target);
    };
    assert_eq!(name, "loadUser");
    assert_eq!(inner[0].args, ["id"]);
    assert_eq!(targets(innermost), [(&client("users/[id]", "GET"), vec!["[id]"])]);
}

#[test]
fn preload_calling_an_imported_helper() {
    let text = r#"import { loadUser } from "~/hooks/users";
export const preload = ({ params }) => loadUser(params.id);
"#;
    let facts = page(text);
    assert_eq!(
        targets(calls(&preload(&facts).value)),
        [(
            &Target::Imported {
                name: "loadUser".into(),
                source: "~/hooks/users".into(),
                export: "loadUser".into()
            },
            vec!["@params.id"]
        )]
    );
}

#[test]
fn deprecated_load_name() {
    let text = format!("{G1_IMPORT}export const load = fetchData;\n");
    let facts = page(&text);
    assert_eq!(export_names(&facts), ["load"]);
    let preload = preload(&facts);
    assert_eq!(preload.name, "load");
    assert_eq!(reference(&preload.value), &client("users/data", "GET"));
}

#[test]
fn preload_bound_to_something_else() {
    let text = "export const preload = makePreload(\"users\");\n";
    let facts = page(text);
    assert_eq!(
        preload(&facts).value,
        FunctionValue::Other {
            span: span_of(text, "makePreload(\"users\")"),
            text: "makePreload(\"users\")".into()
        }
    );
    let facts = page("export const preload = unknownGlobal;\n");
    assert_eq!(
        reference(&preload(&facts).value),
        &Target::Unresolved { text: "unknownGlobal".into() }
    );
}

// ---------------------------------------------------------------------- realistic pages

#[test]
fn snapshot_of_a_g1_page() {
    let text = r#"import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/data/fetch";

export default function Page() {
  // createAsync recognizes that fetchData is the same function from preload
  const data = createAsync(fetchData);

  return (
    <div>
      {data() && <UserList users={data().users} />}
    </div>
  );
}

// Export the fetch function as preload
export const preload = fetchData;
"#;
    let facts = facts(FileKind::Page, text);
    assert_eq!(facts.status, FileStatus::Parsed);
    insta::assert_json_snapshot!("g1_page", facts);
}

#[test]
fn snapshot_of_a_g5_page() {
    let text = r#"import { createAsync, query, useParams, type RouteSectionProps } from "@solidjs/router";
import { For, Show, Suspense } from "solid-js";
import fetchClients, { type ResponseT } from "_/fetch";

type Order = ResponseT["orders/[id]"]["GET"];

const { GET: getItems } = fetchClients["orders/[id]/items"];

const getOrder = query(
  (id: string) => fetchClients["orders/[id]"].GET([id]),
  "orders/[id]",
);
const getOrderItems = query((id: string) => getItems([id]), "orders/[id]/items");

export const preload = ({ params }: { params: { id: string } }) => {
  void getOrder(params.id);
  void getOrderItems(params.id);
};

export default function OrderPage(props: RouteSectionProps) {
  const order = createAsync(() => getOrder(props.params.id));
  const { id } = useParams();
  const items = createAsync(() => getOrderItems(id));
  const cancel = () => fetchClients["orders/[id]"].DELETE([id]);
  return (
    <Suspense fallback="Loading…">
      <Show when={order()}>{(o: () => Order) => <h1>{o().number}</h1>}</Show>
      <For each={items()}>{(item) => <li>{item.name}</li>}</For>
      <button onClick={cancel}>Cancel</button>
    </Suspense>
  );
}
"#;
    let facts = facts(FileKind::Page, text);
    assert_eq!(facts.status, FileStatus::Parsed);
    insta::assert_json_snapshot!("g5_page", facts);
}

#[test]
fn queries_are_listed_in_source_order() {
    // `getB.key` is read (by the fetch-reference pass) before the preload names `getA`.
    let text = r#"import { query, revalidate } from "@solidjs/router";
import fetchClients from "_/fetch";
const getA = query(() => fetchClients.a.GET(), "a");
const getB = query(() => fetchClients.b.GET(), "b");
export const refresh = () => revalidate(getB.key);
export const preload = () => { void getA(); void getB(); };
"#;
    let facts = page(text);
    let names: Vec<_> = facts.queries.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(names, ["getA", "getB"]);
    assert_eq!(
        targets(calls(&preload(&facts).value)),
        [(&Target::Query { index: 0 }, vec![]), (&Target::Query { index: 1 }, vec![])]
    );
}
