//! Keys read off names imported from the project's own modules (`FileFacts::imported_refs`),
//! which the module graph later tells apart: `api["users"].GET` with `api` imported from
//! `~/lib/api` is a fetch-client reference if that module exports the fetch map as `api`.

mod common;

use common::{at, facts, span_of, span_of_nth};
use kosmo_lint_core::FileKind;
use kosmo_lint_core::facts::{FileStatus, ImportedClientRef, ImportedRefForm};

use ImportedRefForm::{Alias, Key, Type};

fn imported(kind: FileKind, text: &str) -> Vec<ImportedClientRef> {
    let facts = facts(kind, text);
    assert_eq!(facts.status, FileStatus::Parsed, "{text}");
    facts.imported_refs
}

/// `(source, export, key, member, form)`.
fn summary(r: &ImportedClientRef) -> (&str, &str, &str, Option<&str>, ImportedRefForm) {
    (
        r.source.as_str(),
        r.export.as_str(),
        r.key.value.as_str(),
        r.member.as_ref().map(|m| m.value.as_str()),
        r.form,
    )
}

fn summaries(
    kind: FileKind,
    text: &str,
) -> Vec<(String, String, String, Option<String>, ImportedRefForm)> {
    imported(kind, text)
        .iter()
        .map(summary)
        .map(|(s, e, k, m, f)| (s.to_owned(), e.to_owned(), k.to_owned(), m.map(str::to_owned), f))
        .collect()
}

fn row(
    source: &str,
    export: &str,
    key: &str,
    member: Option<&str>,
    form: ImportedRefForm,
) -> (String, String, String, Option<String>, ImportedRefForm) {
    (source.to_owned(), export.to_owned(), key.to_owned(), member.map(str::to_owned), form)
}

#[test]
fn a_key_and_its_method_read_off_an_import() {
    let text = r#"import { api } from "~/lib/api";
import client from "../client";
export const one = (id: string) => api["collections/[id]"].PATCH([id]);
export const all = () => client["collections"];
"#;
    let refs = imported(FileKind::Page, text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(
        found,
        [
            ("~/lib/api", "api", "collections/[id]", Some("PATCH"), Key),
            ("../client", "default", "collections", None, Key),
        ]
    );
    assert_eq!(at(text, refs[0].key.span), r#""collections/[id]""#);
    assert_eq!(refs[0].member.as_ref().unwrap().span, span_of(text, "PATCH"));
}

#[test]
fn keys_by_name_are_recorded_only_around_a_method() {
    let text = r#"import { api, users } from "~/lib/api";
import styles from "./page.module.css";
import React from "react";
api.users.GET();
users.POST([], {});
api.users.path([1]);
styles.button;
React.useState(0);
"#;
    assert_eq!(
        summaries(FileKind::Page, text),
        [
            row("~/lib/api", "api", "users", Some("GET"), Key),
            row("~/lib/api", "users", "POST", None, Key),
        ]
    );
}

#[test]
fn aliases_and_destructurings_of_a_key() {
    let text = r#"import { api } from "~/lib/api";
const item = api["todos/[id]"];
const { DELETE, path } = api["todos/[id]"];
const { todos } = api;
const { GET } = api;
item.PATCH([1]);
item.path([1]);
todos.POST([]);
"#;
    let refs = imported(FileKind::Page, text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(
        found,
        [
            ("~/lib/api", "api", "todos/[id]", None, Key),
            ("~/lib/api", "api", "todos/[id]", Some("DELETE"), Alias),
            ("~/lib/api", "api", "todos/[id]", None, Key),
            ("~/lib/api", "api", "GET", None, Key),
            ("~/lib/api", "api", "todos/[id]", Some("PATCH"), Alias),
            ("~/lib/api", "api", "todos", Some("POST"), Alias),
        ]
    );
    // Read off an alias, the key is where the member is: the route is checked at the alias.
    assert_eq!(refs[1].key.span, span_of(text, "DELETE"));
    assert_eq!(refs[4].key.span, span_of(text, "PATCH"));
    assert_eq!(at(text, refs[2].key.span), r#""todos/[id]""#);
    assert_eq!(refs[2].key.span, span_of_nth(text, r#""todos/[id]""#, 1));
}

#[test]
fn namespace_members_are_the_modules_exports() {
    let text = r#"import * as lib from "~/lib/api";
lib.api["users"].GET();
lib.users.DELETE();
lib.GET;
"#;
    assert_eq!(
        summaries(FileKind::Page, text),
        [
            row("~/lib/api", "api", "users", Some("GET"), Key),
            row("~/lib/api", "users", "DELETE", None, Key),
        ]
    );
}

#[test]
fn type_lookups_on_an_imported_name() {
    let text = r#"import type { ResponseT } from "~/lib/api";
import type * as T from "~/lib/types";
export type User = ResponseT["users/[id]"]["GET"];
export type Users = ResponseT["users"];
export type Other = T.ResponseT["users"];
"#;
    let refs = imported(FileKind::Page, text);
    let found: Vec<_> = refs.iter().map(summary).collect();
    assert_eq!(
        found,
        [
            ("~/lib/api", "ResponseT", "users/[id]", Some("GET"), Type),
            ("~/lib/api", "ResponseT", "users", None, Type),
        ]
    );
    assert_eq!(refs[0].member.as_ref().unwrap().span, span_of(text, r#""GET""#));
}

#[test]
fn generated_and_router_imports_are_not_recorded_here() {
    let text = r#"import fetchClients, { type ResponseT } from "_/fetch";
import { query } from "@solidjs/router";
import axios from "axios";
fetchClients["users"].GET();
export type U = ResponseT["users"]["GET"];
query["x"];
axios["get"]("/x");
"#;
    let facts = facts(FileKind::Page, text);
    assert!(facts.imported_refs.is_empty(), "{:?}", facts.imported_refs);
    assert_eq!(facts.fetch_refs.len(), 2, "they are fetch_refs");
}

#[test]
fn helpers_are_analysed_when_they_may_read_a_client_off_an_import() {
    let quoted = r#"import { api } from "~/lib/api";
export const load = () => api["users"].GET();
"#;
    assert_eq!(imported(FileKind::Helper, quoted).len(), 1);
    let by_name = r#"import { users } from "~/lib/api";
export const load = () => users.GET();
"#;
    assert_eq!(imported(FileKind::Helper, by_name).len(), 1);
    let neither = r#"import { format } from "~/lib/format";
export const label = (n: number) => format.number(n);
"#;
    assert!(imported(FileKind::Helper, neither).is_empty());
}

#[test]
fn a_helpers_semantic_errors_stay_unreported_as_before() {
    // A helper that names no generated module was never given semantic analysis; analysing
    // it for imported keys does not turn its redeclaration into a syntax error.
    let text = r#"import { api } from "~/lib/api";
let a = 1;
let a = 2;
export const load = () => api["users"].GET();
"#;
    let helper = facts(FileKind::Helper, text);
    assert_eq!(helper.status, FileStatus::Parsed);
    assert!(helper.imported_refs.is_empty());
    let page = facts(FileKind::Page, text);
    assert!(matches!(page.status, FileStatus::SyntaxErrors { .. }), "{:?}", page.status);
}
