use kosmo_lint_core::LineIndex;
use kosmo_lint_core::glue::GlueVerdict::{self, Calls, NeverCalls, Unknown};

use super::classify;

/// The wrapper of the KosmoJS snapshot `9e5ecec8` (`lib/<folder>/solid.ts`, written for this
/// test in the template's shape): it returns the member without calling it.
const SNAPSHOT: &str = r#"export type ComponentLoader = () => Promise<{
  preload?: () => Promise<unknown>;
}>;

export const loaderFactory = (opt?: { withPreload?: boolean }) => {
  return (componentLoader: ComponentLoader) => {
    const preload = async () => {
      try {
        const component = await componentLoader();
        return typeof component.preload === "function"
          ? component.preload
          : undefined;
      } catch (error) {
        console.error(error);
        return;
      }
    };
    return opt?.withPreload ? { preload } : {};
  };
};
"#;

fn verdict(text: &str) -> GlueVerdict {
    classify(text).0
}

/// `(line, column)` of the verdict's offset.
fn at(text: &str) -> (u32, u32) {
    let at = classify(text).1.expect("a position");
    LineIndex::new(text).line_col(at.offset)
}

#[test]
fn the_snapshot_wrapper_never_calls_preload_and_points_at_its_return() {
    assert_eq!(verdict(SNAPSHOT), NeverCalls);
    assert_eq!(at(SNAPSHOT), (10, 9));
    let without_try = "export const loaderFactory = (opt) => (load) => ({\n  preload: async () => {\n    const m = await load();\n    return m.preload;\n  },\n});\n";
    assert_eq!(verdict(without_try), NeverCalls);
    assert_eq!(at(without_try), (4, 5));
    let arrow_body = "export function loaderFactory(opt) {\n  return (load) => ({ preload: () => load().then((m) => m?.preload) });\n}\n";
    assert_eq!(verdict(arrow_body), NeverCalls);
}

#[test]
fn a_wrapper_that_imports_the_module_and_never_reads_preload_never_calls_it() {
    let text = "export const loaderFactory = () => (load: () => Promise<unknown>) => {\n  const preload = async () => {\n    await load();\n  };\n  return { preload };\n};\n";
    assert_eq!(verdict(text), NeverCalls);
    assert_eq!(at(text), (2, 19), "the function that loads the module");
    assert!(!classify(text).1.unwrap().returns_preload);
    assert!(classify(SNAPSHOT).1.unwrap().returns_preload);
}

#[test]
fn wrappers_that_call_it_with_or_without_arguments() {
    let fixed = SNAPSHOT.replace("? component.preload\n", "? component.preload()\n");
    assert_eq!(verdict(&fixed), Calls);
    let with_args = SNAPSHOT
        .replace("async () => {", "async (args: unknown) => {")
        .replace("? component.preload\n", "? component.preload(args)\n");
    assert_eq!(verdict(&with_args), Calls);
    let docs = "export const loaderFactory = () => (page: string) => ({\n  preload: () => import(page).then((m) => m.preload?.()),\n});\n";
    assert_eq!(verdict(docs), Calls);
    let optional = "export const loaderFactory = () => (load) => ({ preload: async (a) => (await load())?.preload?.(a) });\n";
    assert_eq!(verdict(optional), Calls);
    let via_call = "export const loaderFactory = () => (load) => ({ preload: async (a) => { const m = await load(); return m.preload.call(m, a); } });\n";
    assert_eq!(verdict(via_call), Calls);
}

#[test]
fn anything_unusual_is_unknown() {
    let cases = [
        // The module goes to a function that may call its preload.
        SNAPSHOT.replace("console.error(error);", "console.error(error); run(component);"),
        // The member is kept and used in a way not followed.
        SNAPSHOT.replace(
            "return typeof component.preload",
            "const p = component.preload;\n        return typeof component.preload",
        ),
        SNAPSHOT.replace("? component.preload\n", "? await component.preload\n"),
        SNAPSHOT.replace("component.preload ===", "component[\"preload\"] ==="),
        SNAPSHOT.replace("{ preload }", "{ ...component, preload }"),
        // No wrapper by that name.
        SNAPSHOT.replace("loaderFactory", "makeLoader"),
        // A wrapper that loads nothing.
        "export const loaderFactory = () => ({});\n".to_owned(),
        // Not TypeScript.
        "export const loaderFactory = (".to_owned(),
        String::new(),
    ];
    for case in &cases {
        assert_eq!(verdict(case), Unknown, "{case}");
    }
}
