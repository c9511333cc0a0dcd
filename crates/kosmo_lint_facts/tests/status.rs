//! File status: syntax errors with their spans, reading files from disk (BOM, helpers that
//! need no parse, components read through their script blocks, unreadable files).

mod common;

use std::fs;
use std::path::PathBuf;

use common::{at, facts, facts_as, span_of};
use kosmo_lint_core::FileKind;
use kosmo_lint_core::facts::{FileStatus, FunctionValue, SyntaxError};
use kosmo_lint_core::generation::ImportStyle;
use kosmo_lint_facts::{extract_file, extract_text, read_source};
use oxc_span::SourceType;

fn errors(status: &FileStatus) -> &[SyntaxError] {
    match status {
        FileStatus::SyntaxErrors { errors } => errors,
        other => panic!("expected syntax errors, got {other:?}"),
    }
}

/// A fresh folder of this test binary, removed by the caller.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kosmo-facts-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn syntax_error_in_a_page_points_at_the_error() {
    let text = "import { createAsync } from \"@solidjs/router\";\nconst a = ;\n";
    let facts = facts(FileKind::Page, text);
    let errors = errors(&facts.status);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].span.start, span_of(text, " ;").start + 1);
    assert!(!errors[0].message.is_empty());
    assert_eq!(facts.page, None, "no facts from a file that does not parse");
    assert!(facts.fetch_refs.is_empty());
}

#[test]
fn syntax_error_in_an_api_route_points_at_the_error() {
    let text =
        "export default defineRoute(({ GET }) => [\n  GET<never, User>(async (ctx) => {\n]);\n";
    let facts = facts_as(FileKind::ApiRoute, SourceType::ts(), text);
    let errors = errors(&facts.status);
    assert!(!errors.is_empty());
    let first = errors[0].span;
    assert!(first.start as usize >= text.find("{\n]").unwrap(), "{first:?} is before the error");
    assert!((first.end as usize) <= text.len());
    assert_eq!(facts.api, None);
}

#[test]
fn jsx_in_a_ts_file_is_a_syntax_error() {
    let text = "export default function Page() { return <div />; }\n";
    assert_eq!(facts_as(FileKind::Page, SourceType::tsx(), text).status, FileStatus::Parsed);
    let facts = facts_as(FileKind::Page, SourceType::ts(), text);
    assert!(matches!(facts.status, FileStatus::SyntaxErrors { .. }));
}

#[test]
fn semantic_error_is_reported_with_its_span() {
    let text = "import fetchClients from \"_/fetch\";\nlet user = 1;\nlet user = 2;\n";
    let facts = facts(FileKind::Page, text);
    let errors = errors(&facts.status);
    assert!(!errors.is_empty());
    assert!(
        errors.iter().any(|e| at(text, e.span) == "user"),
        "a span on a `user` binding: {errors:?}"
    );
    // What was learned before semantic analysis is kept.
    assert_eq!(facts.import_styles, [ImportStyle::G5]);
    assert_eq!(facts.page, None);
}

const BOM_PAGE: &str = "\u{feff}import { GET as fetchData } from \"@front/{api}/users/data/fetch\";\n\
                        export const preload = fetchData;\n";

#[test]
fn bom_keeps_spans_file_offsets() {
    let dir = temp_dir("bom");
    let path = dir.join("index.tsx");
    fs::write(&path, BOM_PAGE).unwrap();
    let text = read_source(&path).unwrap();
    assert!(text.starts_with('\u{feff}'), "the BOM is kept so that offsets match the file");
    let facts = facts(FileKind::Page, &text);
    assert_eq!(facts.status, FileStatus::Parsed);
    let preload = facts.page.as_ref().unwrap().preload.as_ref().unwrap();
    assert!(preload.span.start >= 3, "{:?} starts inside the BOM", preload.span);
    assert_eq!(at(&text, preload.span), "export const preload = fetchData;");
    assert_eq!(at(&text, preload.value.span()), "fetchData");
    assert!(matches!(preload.value, FunctionValue::Reference { .. }));
    assert_eq!(at(&text, facts.fetch_refs[0].route_span), "\"@front/{api}/users/data/fetch\"");
    // `extract_file` reads the same way.
    let from_disk = extract_file(FileKind::Page, &path);
    assert_eq!(from_disk, facts);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bom_keeps_syntax_error_spans_file_offsets() {
    let text = "\u{feff}const a = ;\n";
    let facts = facts(FileKind::Page, text);
    assert_eq!(errors(&facts.status)[0].span.start, span_of(text, ";").start);
}

#[test]
fn extract_file_statuses() {
    let dir = temp_dir("statuses");
    let helper = dir.join("format.ts");
    fs::write(&helper, "export const format = (n: number) => n.toFixed(2);\n").unwrap();
    let facts = extract_file(FileKind::Helper, &helper);
    assert_eq!(facts.status, FileStatus::Parsed, "a helper naming no fetch module is parsed");
    assert!(facts.fetch_refs.is_empty());

    // Its syntax errors are reported like any other file's.
    let broken = dir.join("broken.ts");
    fs::write(
        &broken,
        "export const a = ;
",
    )
    .unwrap();
    let facts = extract_file(FileKind::Helper, &broken);
    assert_eq!(errors(&facts.status).len(), 1, "a broken helper is never skipped silently");

    let hook = dir.join("useTodos.ts");
    fs::write(&hook, "import fetchClients from \"_/fetch\";\nfetchClients.todos.GET();\n").unwrap();
    let facts = extract_file(FileKind::Helper, &hook);
    assert_eq!(facts.status, FileStatus::Parsed);
    assert_eq!(facts.fetch_refs.len(), 1);
    assert_eq!(facts.page, None);

    // A component is read through its script blocks, on every path to its facts.
    let vue = dir.join("index.vue");
    fs::write(&vue, "<template><div /></template>\n").unwrap();
    assert_eq!(extract_file(FileKind::Page, &vue).status, FileStatus::Parsed);
    let text = fs::read_to_string(&vue).unwrap();
    assert_eq!(extract_text(FileKind::Page, &vue, &text).status, FileStatus::Parsed);
    let unclosed = "<template><div /></template>\n<script setup>\nconst a = 1;\n";
    let facts = extract_text(FileKind::Page, &vue, unclosed);
    assert_eq!(errors(&facts.status)[0].span, kosmo_lint_core::Span::new(29, 43));

    let broken = dir.join("index.tsx");
    fs::write(&broken, "export const preload = (;\n").unwrap();
    let facts = extract_file(FileKind::Page, &broken);
    assert!(matches!(facts.status, FileStatus::SyntaxErrors { .. }));

    let missing = extract_file(FileKind::Page, &dir.join("missing.tsx"));
    assert!(matches!(missing.status, FileStatus::Unreadable { .. }));

    let binary = dir.join("blob.ts");
    fs::write(&binary, b"/fetch\0").unwrap();
    assert_eq!(extract_file(FileKind::Helper, &binary).status, FileStatus::Binary);
    fs::remove_dir_all(dir).unwrap();
}
