//! Generated fetch-client references (`FileFacts::fetch_refs`) in every form of spec §4 and
//! §8.1–8.2: route, member, form and where the route name is written.

mod common;

use common::{at, facts, refs, span_of, span_of_nth, summary};
use kosmo_lint_core::facts::{FileStatus, RefForm};
use kosmo_lint_core::generation::ImportStyle;
use kosmo_lint_core::project::NamedFolder;
use kosmo_lint_core::{FileKind, HttpMethod};

use RefForm::{ClientMap, Member, ResponseType, RouteModule};

#[test]
fn g1_named_import_names_the_route_and_the_method() {
    let text = r#"import { GET as fetchData } from "@front/{api}/users/data/fetch";
export const preload = fetchData;
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("users/data", None, RouteModule), ("users/data", Some("GET"), Member)]);
    assert_eq!(at(text, refs[0].route_span), r#""@front/{api}/users/data/fetch""#);
    assert!(refs[0].names_route());
    let member = refs[1].member.as_ref().unwrap();
    assert_eq!(member.span, span_of(text, "GET"));
    assert_eq!(refs[1].route_span, member.span);
    assert_eq!(refs[1].method(), Some(HttpMethod::Get));
    assert!(!refs[1].names_route(), "the route is checked at the import, not here");
}

#[test]
fn g1_default_import_and_a_member_read() {
    let text = r#"import client from "@front/{api}/users/[id]/fetch";
const user = () => client.GET([1]);
const url = client.path([1]);
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(
        found,
        [
            ("users/[id]", None, RouteModule),
            ("users/[id]", Some("GET"), Member),
            ("users/[id]", Some("path"), Member),
        ]
    );
    assert_eq!(refs[1].route_span, span_of(text, "GET"));
    assert_eq!(refs[2].method(), None, "`path` is a helper, not a method");
}

#[test]
fn g1_namespace_import_reads_members() {
    let text = r#"import * as users from "@front/{api}/users/fetch";
users.POST([], { name: "x" });
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("users", None, RouteModule), ("users", Some("POST"), Member)]);
}

#[test]
fn g2_g3_per_route_module() {
    let text = r#"import { GET } from "_/front/fetch/users/[id]";
import client from "_/front/fetch/posts";
GET([1]);
client.DELETE([2]);
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(
        found,
        [
            ("users/[id]", None, RouteModule),
            ("users/[id]", Some("GET"), Member),
            ("posts", None, RouteModule),
            ("posts", Some("DELETE"), Member),
        ]
    );
    assert_eq!(at(text, refs[0].route_span), r#""_/front/fetch/users/[id]""#);
}

#[test]
fn g4_folder_map_with_computed_access() {
    let text = r#"import fetchClients from "_/front/fetch";
const user = await fetchClients["users/[id]"].GET([1]);
"#;
    let refs = refs(text);
    assert_eq!(refs.len(), 1);
    assert_eq!(summary(&refs[0]), ("users/[id]", Some("GET"), ClientMap));
    assert_eq!(at(text, refs[0].route_span), r#""users/[id]""#);
    assert_eq!(refs[0].member.as_ref().unwrap().span, span_of(text, "GET"));
    assert!(refs[0].names_route());
}

#[test]
fn g1_fetch_map() {
    let text = r#"import fetchClients from "@front/{fetch}";
fetchClients["users"].GET();
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("users", Some("GET"), ClientMap)]);
}

#[test]
fn g5_computed_access() {
    let text = r#"import fetchClients from "_/fetch";
export const getUser = (id: string) => fetchClients["users/[id]"].GET([id]);
"#;
    let refs = refs(text);
    assert_eq!(
        refs.iter().map(summary).collect::<Vec<_>>(),
        [("users/[id]", Some("GET"), ClientMap)]
    );
    assert_eq!(refs[0].route_span, span_of(text, r#""users/[id]""#));
}

#[test]
fn g5_dot_access() {
    let text = r#"import fetchClients from "_/fetch";
const stats = fetchClients.dashboard.GET();
"#;
    let refs = refs(text);
    assert_eq!(
        refs.iter().map(summary).collect::<Vec<_>>(),
        [("dashboard", Some("GET"), ClientMap)]
    );
    assert_eq!(at(text, refs[0].route_span), "dashboard");
}

#[test]
fn g5_route_client_without_a_member() {
    let text = r#"import fetchClients from "_/fetch";
const clients = [fetchClients["todos"], fetchClients.users];
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("todos", None, ClientMap), ("users", None, ClientMap)]);
}

#[test]
fn g5_destructuring_a_route_client() {
    let text = r#"import fetchClients from "_/fetch";
const { GET, POST } = fetchClients["todos"];
"#;
    let refs = refs(text);
    let mut found: Vec<_> = refs.iter().map(summary).collect();
    found.sort_by_key(|r| r.1);
    assert_eq!(
        found,
        [
            ("todos", None, ClientMap),
            ("todos", Some("GET"), Member),
            ("todos", Some("POST"), Member)
        ]
    );
    let get = refs.iter().find(|r| r.method() == Some(HttpMethod::Get)).unwrap();
    assert_eq!(get.route_span, span_of(text, "GET"));
    let map = refs.iter().find(|r| r.form == ClientMap).unwrap();
    assert_eq!(at(text, map.route_span), r#""todos""#);
}

#[test]
fn g5_destructuring_the_map() {
    let text = r#"import fetchClients from "_/fetch";
const { todos, "users/[id]": user } = fetchClients;
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("todos", None, ClientMap), ("users/[id]", None, ClientMap)]);
}

#[test]
fn g5_alias_of_a_route_client() {
    let text = r#"import fetchClients from "_/fetch";
const item = fetchClients["todos/[id]"];
export const save = (id: string) => item.PATCH([id], { json: { done: true } });
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("todos/[id]", None, ClientMap), ("todos/[id]", Some("PATCH"), Member)]);
    assert_eq!(refs[1].route_span, span_of(text, "PATCH"));
}

#[test]
fn g5_response_type_lookup() {
    for import in [
        r#"import type { ResponseT } from "_/fetch";"#,
        r#"import { type ResponseT } from "_/fetch";"#,
        r#"import fetchClients, { type ResponseT } from "_/fetch";"#,
    ] {
        let text = format!(
            "{import}\ntype User = ResponseT[\"users/[id]\"][\"GET\"];\n\
             type Todos = ResponseT[\"todos\"];\n"
        );
        let refs = refs(&text);
        let found: Vec<_> = refs.iter().map(summary).collect();
        assert_eq!(
            found,
            [("users/[id]", Some("GET"), ResponseType), ("todos", None, ResponseType)],
            "{import}"
        );
        assert_eq!(at(&text, refs[0].route_span), r#""users/[id]""#);
        assert_eq!(at(&text, refs[0].member.as_ref().unwrap().span), r#""GET""#);
        assert!(refs[0].names_route());
    }
}

#[test]
fn response_type_of_another_module_is_no_reference() {
    let text = r#"import type { ResponseT } from "./types";
type User = ResponseT["users/[id]"]["GET"];
"#;
    assert!(refs(text).is_empty());
}

#[test]
fn g5_optional_chain() {
    let text = r#"import fetchClients from "_/fetch";
const a = fetchClients["x"]?.GET();
const b = fetchClients["y"].GET?.();
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("x", Some("GET"), ClientMap), ("y", Some("GET"), ClientMap)]);
}

#[test]
fn g5_folder_map_and_per_route_module() {
    let text = r#"import clients from "_/app/fetch";
import { GET } from "_/api/users/[id]/fetch";
clients["orders"].POST([]);
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(
        found,
        [
            ("users/[id]", None, RouteModule),
            ("users/[id]", Some("GET"), Member),
            ("orders", Some("POST"), ClientMap),
        ]
    );
}

#[test]
fn dynamic_key_is_no_reference() {
    let text = r#"import fetchClients from "_/fetch";
export const load = (name: string) => fetchClients[name].GET();
const key = `users`;
fetchClients[key + "/x"];
"#;
    assert_eq!(refs(text), []);
}

#[test]
fn shadowed_map_is_no_reference() {
    let text = r#"import fetchClients from "_/fetch";
function local(fetchClients: Record<string, any>) {
  return fetchClients["users"].GET();
}
const other = () => {
  const fetchClients = { users: { GET() {} } };
  return fetchClients.users.GET();
};
fetchClients["real"].GET();
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("real", Some("GET"), ClientMap)]);
}

#[test]
fn local_map_without_an_import_is_no_reference() {
    let text = r#"const fetchClients = { users: { GET: () => 1 } };
fetchClients["users"].GET();
"#;
    assert_eq!(refs(text), []);
}

#[test]
fn non_generated_fetch_modules_are_no_reference() {
    let text = r#"import fetchClients from "~/hooks/fetch";
import { GET } from "@/lib/fetch";
import api from "./fetch";
import { get } from "../api/users/fetch";
fetchClients["users"].GET();
api.users.GET();
"#;
    let facts = facts(FileKind::Page, text);
    assert_eq!(facts.status, FileStatus::Parsed);
    assert_eq!(facts.fetch_refs, []);
    assert_eq!(facts.import_styles, []);
}

#[test]
fn helper_files_have_fetch_refs_but_no_page_facts() {
    let text = r#"import fetchClients from "_/fetch";
import { createAsync } from "@solidjs/router";
export const useTodos = () => createAsync(() => fetchClients.todos.GET());
export const preload = () => fetchClients.todos.GET();
"#;
    let facts = facts(FileKind::Helper, text);
    assert_eq!(facts.status, FileStatus::Parsed);
    assert!(facts.page.is_none());
    assert!(facts.api.is_none());
    let found: Vec<_> = facts.fetch_refs.iter().map(summary).collect();
    assert_eq!(found, [("todos", Some("GET"), ClientMap), ("todos", Some("GET"), ClientMap)]);
    assert_eq!(facts.fetch_refs[1].route_span, span_of_nth(text, "todos", 1));
}

#[test]
fn import_styles_record_generated_imports() {
    let text = r#"import { GET } from "@front/{api}/users/fetch";
import fetchClients from "_/fetch";
import x from "solid-js";
"#;
    let facts = facts(FileKind::Page, text);
    assert_eq!(facts.import_styles, [ImportStyle::G1, ImportStyle::G5]);
}

#[test]
fn default_imported_by_name_is_the_map() {
    let text = r#"import { default as fetchClients } from "_/fetch";
fetchClients["users"].GET();
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(found, [("users", Some("GET"), ClientMap)]);
}

#[test]
fn namespace_of_the_map_module_names_no_routes() {
    // Its members are `default` and `ResponseT`/`ValidationError`, not route names.
    let text = r#"import * as api from "_/fetch";
const isValidation = (e: unknown) => e instanceof api.ValidationError;
api.default["users"].GET();
"#;
    assert_eq!(refs(text), []);
}

#[test]
fn re_export_from_a_route_module() {
    let text = r#"export { GET as preload, path } from "@front/{api}/users/fetch";
export { default as client } from "_/front/fetch/posts";
"#;
    let refs = refs(text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(
        found,
        [
            ("users", None, RouteModule),
            ("users", Some("GET"), Member),
            ("users", Some("path"), Member),
            ("posts", None, RouteModule),
        ]
    );
    assert_eq!(refs[1].route_span, span_of(text, "GET"));
    assert_eq!(at(text, refs[3].route_span), r#""_/front/fetch/posts""#);
}

#[test]
fn every_reference_remembers_the_folder_its_import_names() {
    let text = r#"import admin, { type ResponseT } from "_/admin/fetch";
import fetchClients from "_/fetch";
import { GET } from "_/front/fetch/posts/[id]";
import { GET as g1 } from "@front/{api}/users/fetch";
export { POST } from "_/shop/fetch/orders";
const { PATCH } = admin["users/[id]"];
const user = admin.users;
export type Users = ResponseT["users"]["GET"];
export const all = () => [admin["stats"].GET(), fetchClients["own"].GET(), user.DELETE(), PATCH(), GET(), g1()];
"#;
    let facts = facts(FileKind::Page, text);
    let src = |n: &str| Some(NamedFolder::Src(n.to_owned()));
    let found: Vec<_> = facts
        .fetch_refs
        .iter()
        .filter(|r| r.names_route())
        .map(|r| (r.route.as_str(), r.folder.clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("posts/[id]", src("front")),
            ("users", Some(NamedFolder::Alias("@front".to_owned()))),
            ("orders", src("shop")),
            ("users/[id]", src("admin")),
            ("users", src("admin")),
            ("users", src("admin")),
            ("stats", src("admin")),
            ("own", None),
        ]
    );
    let member =
        facts.fetch_refs.iter().find(|r| r.member.as_ref().is_some_and(|m| m.value == "DELETE"));
    assert_eq!(member.and_then(|r| r.folder.clone()), src("admin"));
    // One folder import per import path that names a folder, where the path is written.
    let imports: Vec<_> =
        facts.folder_imports.iter().map(|i| (i.folder.as_written(), at(text, i.span))).collect();
    assert_eq!(
        imports,
        [
            ("_/admin".to_owned(), r#""_/admin/fetch""#),
            ("_/front".to_owned(), r#""_/front/fetch/posts/[id]""#),
            ("@front".to_owned(), r#""@front/{api}/users/fetch""#),
            ("_/shop".to_owned(), r#""_/shop/fetch/orders""#),
        ]
    );
}
