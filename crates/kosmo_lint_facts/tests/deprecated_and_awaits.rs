//! The `await`s of a page's preload (`Preload::awaits`, `Preload::callbacks`) and Solid
//! Router's deprecated names (`ModuleFacts::router_cache`, `ModuleFacts::load_referenced`).

mod common;

use common::{at, page, preload};

#[test]
fn awaits_of_the_body_and_of_local_functions() {
    let text = r#"const warm = async () => { await a(); };
export const preload = async () => {
  await b();
  const x = await c();
  if (x) { await d(); }
  try { await e(); } catch {}
  [1].forEach(async () => { await f(); });
  warm();
};
"#;
    let facts = page(text);
    let preload = preload(&facts);
    let seen: Vec<(&str, bool)> =
        preload.awaits.iter().map(|a| (at(text, a.span), a.sequential)).collect();
    assert_eq!(
        seen,
        [
            ("await a()", true),
            ("await b()", true),
            ("await c()", false),
            ("await d()", false),
            ("await e()", true),
        ]
    );
    assert_eq!(at(text, preload.awaits[0].argument), "a()");
    assert!(at(text, preload.awaits[0].function).starts_with("async () => { await a()"));
    assert_eq!(preload.callbacks.len(), 1);
    assert_eq!(at(text, preload.callbacks[0]), "async () => { await f(); }");
}

#[test]
fn an_expression_body_returns_its_await() {
    let facts = page("export const preload = async () => await b();\n");
    assert!(preload(&facts).awaits.iter().all(|a| !a.sequential));
}

#[test]
fn router_cache_uses() {
    let text = "import { cache } from \"@solidjs/router\";\nconst q = cache(() => 1, \"k\");\nexport const x = cache.keyFor;\n";
    let facts = page(text);
    let cache = facts.module.router_cache.as_ref().expect("cache import");
    assert_eq!(at(text, cache.specifier), "cache");
    let uses = cache.renamable_uses.as_ref().expect("renamable");
    assert_eq!(uses.len(), 2);
    // A shorthand use, or any `query` in the file, keeps the uses as they are.
    let shorthand =
        page("import { cache } from \"@solidjs/router\";\nexport const o = { cache };\n");
    assert_eq!(shorthand.module.router_cache.unwrap().renamable_uses, None);
    let taken =
        page("import { cache } from \"@solidjs/router\";\nconst f = (query) => cache(query);\n");
    assert_eq!(taken.module.router_cache.unwrap().renamable_uses, None);
    let aliased = page("import { cache as c } from \"@solidjs/router\";\n");
    assert_eq!(aliased.module.router_cache.unwrap().local, "c");
}

#[test]
fn load_referenced() {
    assert!(!page("export const load = () => {};\n").module.load_referenced);
    assert!(
        page("export const load = () => {};\nexport const route = { load };\n")
            .module
            .load_referenced
    );
}
