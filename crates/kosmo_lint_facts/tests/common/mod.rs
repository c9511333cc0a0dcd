//! Shared helpers of the fact-extraction tests: parse a string with a fresh allocator and
//! pull out the part of the facts a test looks at.

// Every test binary includes this module and uses a different subset of it.
#![allow(dead_code)]

use kosmo_lint_core::facts::{
    ApiRouteFacts, DataCall, DefineRoute, FetchClientRef, FileFacts, FileStatus, FunctionValue,
    MethodEntry, PageFacts, Preload, RefForm, Target,
};
use kosmo_lint_core::{FileKind, Span};
use kosmo_lint_facts::extract_source;
use oxc_allocator::Allocator;
use oxc_span::SourceType;

/// Extracts the facts of `text` as a file of `kind`, parsed as TSX.
pub fn facts(kind: FileKind, text: &str) -> FileFacts {
    facts_as(kind, SourceType::tsx(), text)
}

/// Extracts the facts of `text` as a file of `kind` and `source_type`.
pub fn facts_as(kind: FileKind, source_type: SourceType, text: &str) -> FileFacts {
    let allocator = Allocator::default();
    extract_source(&allocator, kind, source_type, text, None)
}

/// The facts of an API route file (`api/**/index.ts`), which must parse.
pub fn api(text: &str) -> ApiRouteFacts {
    let facts = facts_as(FileKind::ApiRoute, SourceType::ts(), text);
    assert_eq!(facts.status, FileStatus::Parsed, "{text}");
    assert!(facts.page.is_none() && facts.fetch_refs.is_empty());
    *facts.api.expect("an API route file always has API facts")
}

/// The `defineRoute` call of an API route file.
pub fn define_route(text: &str) -> DefineRoute {
    match api(text) {
        ApiRouteFacts::DefineRoute(def) => def,
        other => panic!("expected a defineRoute call, got {other:?}"),
    }
}

/// The single method entry of `export default defineRoute((…) => [<entry>])`.
pub fn method(entry: &str) -> MethodEntry {
    let text = format!(
        "export default defineRoute(({{ GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS }}) => [\n  \
         {entry},\n]);\n"
    );
    let mut def = define_route(&text);
    assert_eq!(def.methods.len(), 1, "{text}");
    def.methods.remove(0)
}

/// The page facts of a `.tsx` page, which must parse.
pub fn page(text: &str) -> PageFacts {
    let facts = facts(FileKind::Page, text);
    assert_eq!(facts.status, FileStatus::Parsed, "{text}");
    *facts.page.expect("a page always has page facts")
}

/// The fetch-client references of a `.tsx` page, which must parse.
pub fn refs(text: &str) -> Vec<FetchClientRef> {
    let facts = facts(FileKind::Page, text);
    assert_eq!(facts.status, FileStatus::Parsed, "{text}");
    facts.fetch_refs
}

/// A reference in a compact, comparable form: `(route, member, form)`.
pub fn summary(r: &FetchClientRef) -> (&str, Option<&str>, RefForm) {
    (r.route.as_str(), r.member.as_ref().map(|m| m.value.as_str()), r.form)
}

/// The text a span covers.
pub fn at(text: &str, span: Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// The span of the first occurrence of `needle` in `text`.
pub fn span_of(text: &str, needle: &str) -> Span {
    span_of_nth(text, needle, 0)
}

/// The span of the `n`-th (0-based) occurrence of `needle` in `text`.
pub fn span_of_nth(text: &str, needle: &str, n: usize) -> Span {
    let (start, _) = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", n + 1));
    let start = u32::try_from(start).unwrap();
    Span::new(start, start + u32::try_from(needle.len()).unwrap())
}

// ------------------------------------------------------------------------ page values

/// A generated client method as a call target.
pub fn client(route: &str, method: &str) -> Target {
    Target::GeneratedClient { route: route.to_owned(), method: method.to_owned() }
}

/// A hand-written request as a call target.
pub fn raw(name: &str) -> Target {
    Target::RawFetch { name: name.to_owned() }
}

/// The names of a page's router exports, in source order.
pub fn export_names(facts: &PageFacts) -> Vec<&str> {
    facts.exports.iter().map(|e| e.name.as_str()).collect()
}

/// The page's preload, which must exist.
pub fn preload(facts: &PageFacts) -> &Preload {
    facts.preload.as_ref().expect("the page has a preload")
}

/// The calls of a `Function` value.
pub fn calls(value: &FunctionValue) -> &[DataCall] {
    match value {
        FunctionValue::Function { calls, .. } => calls,
        other => panic!("expected an inline function, got {other:?}"),
    }
}

/// The target of a `Reference` value.
pub fn reference(value: &FunctionValue) -> &Target {
    match value {
        FunctionValue::Reference { target, .. } => target,
        other => panic!("expected a reference, got {other:?}"),
    }
}

/// `(target, args)` of each call, for compact comparison.
pub fn targets(calls: &[DataCall]) -> Vec<(&Target, Vec<&str>)> {
    calls.iter().map(|c| (&c.target, c.args.iter().map(String::as_str).collect())).collect()
}
