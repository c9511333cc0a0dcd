//! TanStack Query facts (`PageFacts::query_prefetches`, `query_reads`): what a page's
//! `preload` / `loader` prefetches and what the rest of the module reads, with their keys
//! normalised as TanStack hashes them, the request each `queryFn` makes, and the options
//! factory both sides may share.

mod common;

use common::{at, client, page};
use kosmo_lint_core::facts::{
    KeyMatch, OptionsFactory, PageFacts, QueryFn, QueryKey, QueryOptions, Target,
};

const REACT: &str = r#"import { useQuery, useSuspenseQuery, queryOptions } from "@tanstack/react-query";
import { useParams } from "react-router";
import fetchClients from "_/fetch";
import { getQueryClient } from "_/query";
"#;

const SOLID: &str = r#"import { createQuery, useQuery } from "@tanstack/solid-query";
import { useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
import { getQueryClient } from "_/query";
"#;

fn key(text: &str) -> QueryKey {
    // The key of `useQuery({ queryKey: <text> })` in a module that binds nothing else.
    let page = page(&format!("{REACT}const Page = () => useQuery({{ queryKey: {text} }});\n"));
    let [read] = page.query_reads.as_slice() else { panic!("one read: {page:?}") };
    read.key.clone().unwrap_or_else(|| panic!("{text} is a known key"))
}

fn unknown_key(text: &str, context: &str) -> Option<QueryKey> {
    let page =
        page(&format!("{REACT}{context}\nconst Page = () => useQuery({{ queryKey: {text} }});\n"));
    let [read] = page.query_reads.as_slice() else { panic!("one read: {page:?}") };
    read.key.clone()
}

fn s(text: &str) -> QueryKey {
    QueryKey::Str(text.to_owned())
}

fn param(name: &str) -> QueryKey {
    QueryKey::Param(Some(name.to_owned()))
}

fn only_prefetch(page: &PageFacts) -> &QueryOptions {
    let [prefetch] = page.query_prefetches.as_slice() else {
        panic!("one prefetch: {:?}", page.query_prefetches)
    };
    &prefetch.options
}

fn only_read(page: &PageFacts) -> &QueryOptions {
    let [read] = page.query_reads.as_slice() else { panic!("one read: {:?}", page.query_reads) };
    read
}

// ------------------------------------------------------------------------------- keys

#[test]
fn literal_keys_are_normalised_as_tanstack_hashes_them() {
    assert_eq!(key(r#"["users"]"#), QueryKey::Array(vec![s("users")]));
    assert_eq!(
        key(r#"["users", 1, -2.5, true, null, `all`]"#),
        QueryKey::Array(vec![
            s("users"),
            QueryKey::Num("1".into()),
            QueryKey::Num("-2.5".into()),
            QueryKey::Bool(true),
            QueryKey::Null,
            s("all"),
        ])
    );
    // Object keys are sorted; a repeated key keeps its last value; `-0` is `0` to JSON.
    assert_eq!(
        key(r#"["users", { b: 1, "a": -0, b: 2 }]"#),
        key(r#"["users", { a: 0, b: 2 }] as const"#)
    );
    assert_eq!(
        key(r#"["users", { b: 1, "a-z": 2, c: { } }]"#).to_string(),
        r#"["users", { "a-z": 2, b: 1, c: {} }]"#
    );
}

#[test]
fn route_params_read_any_way_are_one_key_part() {
    let with_params = |component: &str| {
        let text = format!("{REACT}function Page() {{\n{component}\n}}\n");
        only_read(&page(&text)).key.clone()
    };
    let expected = Some(QueryKey::Array(vec![s("user"), param("id")]));
    assert_eq!(
        with_params(r#"const params = useParams(); useQuery({ queryKey: ["user", params.id] });"#),
        expected
    );
    assert_eq!(
        with_params(r#"const { id = "" } = useParams(); useQuery({ queryKey: ["user", id] });"#),
        expected
    );
    assert_eq!(with_params(r#"useQuery({ queryKey: ["user", useParams().id!] });"#), expected);
    assert_eq!(
        with_params(
            r#"const id = useParams().id; const k = ["user", id] as const; useQuery({ queryKey: k });"#
        ),
        expected
    );
}

#[test]
fn keys_that_depend_on_anything_else_are_unknown() {
    assert_eq!(unknown_key(r#"["users", page]"#, "let page = 1;"), None);
    assert_eq!(unknown_key(r#"["users", page]"#, "const page = Math.max(1, 2);"), None);
    assert_eq!(unknown_key("keys.all()", "import { keys } from \"~/keys\";"), None);
    assert_eq!(unknown_key(r#"[`user-${id}`]"#, "const id = \"1\";"), None);
    assert_eq!(unknown_key(r#"["users", ...rest]"#, "const rest = [\"a\"];"), None);
    assert_eq!(unknown_key(r#"["users", , 1]"#, ""), None);
    assert_eq!(unknown_key(r#"[{ [k]: 1 }]"#, "const k = \"a\";"), None);
    // Nested past the depth kept in the facts.
    assert_eq!(unknown_key("[[[[[[[1]]]]]]]", ""), None);
    assert!(unknown_key("[[[1]]]", "").is_some());
}

#[test]
fn keys_compare_as_the_cache_does() {
    let users = key(r#"["users"]"#);
    assert_eq!(users.matches(&key(r#"["users"]"#)), KeyMatch::Same);
    assert_eq!(users.matches(&key(r#"["directory"]"#)), KeyMatch::Different);
    assert_eq!(users.matches(&key(r#"["users", 1]"#)), KeyMatch::Different);
    assert_eq!(key("[1]").matches(&key(r#"["1"]"#)), KeyMatch::Different);
    assert_eq!(key(r#"[{ a: 1, b: 2 }]"#).matches(&key(r#"[{ b: 2, a: 1 }]"#)), KeyMatch::Same);
    assert_eq!(key(r#"[{ a: 1 }]"#).matches(&key(r#"[{ a: 1, b: 2 }]"#)), KeyMatch::Different);
    // A param may hold any string: only the same param is certainly the same.
    let by_id = QueryKey::Array(vec![s("user"), param("id")]);
    assert_eq!(by_id.matches(&by_id.clone()), KeyMatch::Same);
    assert_eq!(by_id.matches(&QueryKey::Array(vec![s("user"), s("7")])), KeyMatch::Unknown);
    assert_eq!(by_id.matches(&QueryKey::Array(vec![s("user"), param("slug")])), KeyMatch::Unknown);
    // One certain difference decides, whatever the param holds.
    assert_eq!(by_id.matches(&QueryKey::Array(vec![s("users"), s("7")])), KeyMatch::Different);
}

// ----------------------------------------------------------------------- data exports

#[test]
fn react_loader_prefetch_and_component_read() {
    let text = format!(
        r#"{REACT}export const loader = async ({{ params }}) => {{
  await getQueryClient().ensureQueryData({{ queryKey: ["user", params.id], queryFn: () => fetchClients["users/[id]"].GET([params.id]) }});
  return null;
}};
export default function Page() {{
  const {{ id }} = useParams();
  const user = useSuspenseQuery({{ queryKey: ["user", id], queryFn: () => fetchClients["users/[id]"].GET([id]) }});
  return <p>{{user.data.name}}</p>;
}}
"#
    );
    let facts = page(&text);
    let [prefetch] = facts.query_prefetches.as_slice() else { panic!("{facts:?}") };
    assert_eq!(prefetch.export, "loader");
    assert_eq!(prefetch.options.function, "ensureQueryData");
    assert!(at(&text, prefetch.options.span).starts_with("getQueryClient().ensureQueryData({"));
    let read = only_read(&facts);
    assert_eq!(read.function, "useSuspenseQuery");
    let by_id = QueryKey::Array(vec![s("user"), param("id")]);
    assert_eq!(prefetch.options.key.as_ref(), Some(&by_id));
    assert_eq!(read.key.as_ref(), Some(&by_id));
    let request = |q: &QueryOptions| q.query_fn.clone().map(|f| (f.target, f.args));
    let expected = (client("users/[id]", "GET"), Some(vec![QueryKey::Array(vec![param("id")])]));
    assert_eq!(request(&prefetch.options), Some(expected.clone()));
    assert_eq!(request(read), Some(expected));
    assert!(!read.conditional && read.options_call.is_none());
}

#[test]
fn every_export_form_and_the_local_functions_it_calls() {
    let prefetch = r#"getQueryClient().prefetchQuery({ queryKey: ["users"] })"#;
    let forms = [
        format!("export const loader = () => {prefetch};"),
        format!("export async function loader() {{ await {prefetch}; }}"),
        format!("const load = async () => {{ await {prefetch}; }};\nexport {{ load as loader }};"),
        format!(
            "function warm() {{ void {prefetch}; }}\nexport const loader = () => {{ warm(); }};"
        ),
        format!("export const preload = function () {{ void {prefetch}; }};"),
    ];
    for form in forms {
        let facts = page(&format!("{REACT}{form}\n"));
        let [found] = facts.query_prefetches.as_slice() else { panic!("{form}: {facts:?}") };
        assert_eq!(found.options.key, Some(QueryKey::Array(vec![s("users")])), "{form}");
        assert!(facts.query_reads.is_empty(), "{form}");
    }
    // Not a data export, or a prefetch outside one (an event handler): not a prefetch.
    for other in [
        format!("export const action = () => {prefetch};"),
        format!("const Page = () => <a onMouseEnter={{() => {prefetch}}} />;"),
    ] {
        assert!(page(&format!("{REACT}{other}\n")).query_prefetches.is_empty(), "{other}");
    }
}

#[test]
fn reads_inside_the_data_export_are_not_the_components() {
    let text = format!(
        "{REACT}export function loader() {{ useQuery({{ queryKey: [\"a\"] }}); }}\n\
         const Page = () => useQuery({{ queryKey: [\"b\"] }});\n"
    );
    assert_eq!(only_read(&page(&text)).key, Some(QueryKey::Array(vec![s("b")])));
}

#[test]
fn a_module_without_tanstack_query_has_no_query_facts() {
    let text = r#"import { useQuery } from "~/hooks/query";
export const loader = () => client.prefetchQuery({ queryKey: ["users"] });
const Page = () => useQuery({ queryKey: ["users"] });
"#;
    let facts = page(text);
    assert!(facts.query_prefetches.is_empty() && facts.query_reads.is_empty());
}

// -------------------------------------------------------------------------- Solid Query

#[test]
fn solid_reads_take_a_function_returning_the_options() {
    let text = format!(
        r#"{SOLID}const usersQuery = () => ({{ queryKey: ["users"], queryFn: () => fetchClients.users.GET() }});
export const preload = () => {{ void getQueryClient().prefetchQuery(usersQuery()); }};
export default function Page() {{
  const a = createQuery(() => ({{ queryKey: ["users"], queryFn: () => fetchClients.users.GET() }}));
  const b = useQuery(() => {{ return usersQuery(); }});
  const c = createQuery(usersQuery);
  return <p>{{a.data}}{{b.data}}{{c.data}}</p>;
}}
"#
    );
    let facts = page(&text);
    let users = Some(QueryKey::Array(vec![s("users")]));
    assert_eq!(only_prefetch(&facts).key, users);
    assert_eq!(facts.query_reads.len(), 3);
    for read in &facts.query_reads {
        assert_eq!(read.key, users, "{read:?}");
        assert_eq!(read.query_fn.as_ref().map(|f| &f.target), Some(&client("users", "GET")));
    }
    // The factory, called or passed bare, is the same call with no arguments.
    let calls: Vec<_> = facts.query_reads.iter().map(|r| r.options_call.clone()).collect();
    assert!(calls[0].is_none());
    let factory = |c: &Option<kosmo_lint_core::facts::OptionsCall>| {
        c.as_ref().map(|c| (c.factory.clone(), c.args.clone()))
    };
    assert_eq!(factory(&calls[1]), factory(&calls[2]));
    assert_eq!(factory(&calls[1]), factory(&only_prefetch(&facts).options_call));
}

// ---------------------------------------------------------------------------- factories

#[test]
fn a_local_factory_is_read_with_the_calls_arguments() {
    let text = format!(
        r#"{REACT}function userQuery(id: string) {{
  return queryOptions({{ queryKey: ["user", id], queryFn: () => fetchClients["users/[id]"].GET([id]) }});
}}
export const loader = ({{ params }}) => getQueryClient().prefetchQuery(userQuery(params.id));
const Page = () => {{ const {{ id }} = useParams(); return useQuery(userQuery(id)).data; }};
"#
    );
    let facts = page(&text);
    let prefetch = only_prefetch(&facts);
    let read = only_read(&facts);
    let by_id = Some(QueryKey::Array(vec![s("user"), param("id")]));
    assert_eq!(prefetch.key, by_id);
    assert_eq!(read.key, by_id);
    let args = Some(vec![QueryKey::Array(vec![param("id")])]);
    assert_eq!(prefetch.query_fn.as_ref().map(|f| &f.args), Some(&args));
    let call = prefetch.options_call.as_ref().expect("called through a factory");
    assert!(matches!(&call.factory, OptionsFactory::Local { name, .. } if name == "userQuery"));
    assert_eq!(call.args, Some(vec!["@params.id".to_owned()]));
    assert_eq!(
        read.options_call.as_ref().map(|c| (&c.factory, &c.args)),
        Some((&call.factory, &call.args))
    );
}

#[test]
fn an_imported_factory_is_known_by_its_import_only() {
    let text = format!(
        r#"{REACT}import {{ usersQuery }} from "~/queries/users";
import * as queries from "~/queries";
export const loader = () => getQueryClient().prefetchQuery(usersQuery(1));
const Page = () => useQuery(queries.usersQuery(1));
"#
    );
    let facts = page(&text);
    let prefetch = only_prefetch(&facts);
    let read = only_read(&facts);
    assert_eq!((prefetch.key.as_ref(), read.key.as_ref()), (None, None));
    let imported = |q: &QueryOptions| match &q.options_call.as_ref().unwrap().factory {
        OptionsFactory::Imported { source, export, path, .. } => {
            (source.clone(), export.clone(), path.clone())
        }
        other @ OptionsFactory::Local { .. } => panic!("{other:?}"),
    };
    assert_eq!(imported(prefetch), ("~/queries/users".into(), "usersQuery".into(), vec![]));
    assert_eq!(imported(read), ("~/queries".into(), "usersQuery".into(), vec![]));
}

#[test]
fn spreads_properties_and_enabled() {
    let text = format!(
        r#"{REACT}const usersQuery = () => ({{ queryKey: ["users"], queryFn: () => fetchClients.users.GET() }});
const options = {{ queryKey: ["users"] }};
function Page({{ ready }}) {{
  useQuery({{ ...usersQuery(), select: (d) => d }});
  useQuery({{ ...usersQuery(), queryKey: ["directory"] }});
  useQuery({{ ...usersQuery(), enabled: ready }});
  useQuery({{ queryKey: ["users"], ...more }});
  useQuery(options);
  useQueries({{ queries: [] }});
  useQuery({{ ...usersQuery(), initialData: [] }});
}}
"#
    )
    .replace(
        "import { useQuery,",
        "import { useQueries, useQuery,",
    );
    let facts = page(&format!("import {{ more }} from \"~/more\";\n{text}"));
    let reads = &facts.query_reads;
    assert_eq!(reads.len(), 7);
    assert!(
        reads[0].options_call.is_some() && reads[0].key == Some(QueryKey::Array(vec![s("users")]))
    );
    assert_eq!(
        (reads[1].options_call.as_ref(), reads[1].key.clone()),
        (None, Some(QueryKey::Array(vec![s("directory")])))
    );
    assert_eq!(reads[1].query_fn.as_ref().map(|f| &f.target), Some(&client("users", "GET")));
    assert!(reads[2].conditional && reads[6].conditional && !reads[0].conditional);
    // A spread of what cannot be read hides what it may hold.
    assert_eq!(reads[3].key, None);
    assert!(
        matches!(&reads[4].options_call.as_ref().unwrap().factory, OptionsFactory::Local { name, .. } if name == "options")
    );
    assert_eq!(reads[4].key, Some(QueryKey::Array(vec![s("users")])));
    assert_eq!((reads[5].function.as_str(), &reads[5].key), ("useQueries", &None));
}

#[test]
fn the_request_a_query_fn_makes() {
    let read_fn = |query_fn: &str, context: &str| -> Option<QueryFn> {
        let text = format!(
            "{REACT}{context}\nconst Page = () => useQuery({{ queryKey: [\"k\"], queryFn: {query_fn} }});\n"
        );
        only_read(&page(&text)).query_fn.clone()
    };
    let target = |f: Option<QueryFn>| f.map(|f| (f.target, f.args));
    assert_eq!(
        target(read_fn("async () => (await fetchClients.users.GET()).items", "")),
        Some((client("users", "GET"), Some(vec![])))
    );
    // Through a local function, or referenced bare (TanStack passes its context).
    assert_eq!(
        target(read_fn(
            "loadUsers",
            "const loadUsers = () => fetchClients.users.GET([], { query: { page: 1 } });"
        )),
        Some((
            client("users", "GET"),
            Some(vec![
                QueryKey::Array(vec![]),
                QueryKey::object(vec![(
                    "query".into(),
                    QueryKey::object(vec![("page".into(), QueryKey::Num("1".into()))])
                )])
            ])
        ))
    );
    assert_eq!(target(read_fn("fetchClients.users.GET", "")), Some((client("users", "GET"), None)));
    // Arguments that are not values: the request is known, its arguments not.
    assert_eq!(
        target(read_fn("({ queryKey }) => fetchClients[\"users/[id]\"].GET([queryKey[1]])", "")),
        Some((client("users/[id]", "GET"), None))
    );
    // Two different requests, or none: no one request.
    assert_eq!(
        read_fn(
            "() => Promise.all([fetchClients.users.GET(), fetchClients[\"users/[id]\"].GET([\"1\"])])",
            ""
        ),
        None
    );
    assert_eq!(read_fn("() => fetch(\"/api/users\")", ""), None);
    assert_eq!(read_fn("skipToken", "import { skipToken } from \"@tanstack/react-query\";"), None);
    // An imported client object is a member of an import the module graph may resolve.
    let via_alias = read_fn("() => api.users.GET()", "import { api } from \"~/lib/api\";").unwrap();
    assert!(matches!(via_alias.target, Target::ImportedMember { .. }), "{via_alias:?}");
}
