//! `--fix` on particular code shapes, end to end: a fix inserted before a statement that
//! ASI would join to it, a local object named like the route params, and a route definition
//! that a fix rewrites after the route definitions were checked.

mod common;

use std::fs;

use common::{arg, check_json, kosmo, repo, repo_copy};
use serde_json::Value;

const REACTIVE_PROJECT: &str = "tests/fixtures/fix/reactive-arg";
const REACTIVE_PAGE: &str = "src/app/pages/users/[id]/index.tsx";

fn diagnostics(document: &Value) -> &Vec<Value> {
    document["diagnostics"].as_array().expect("a diagnostics array")
}

#[test]
fn a_fix_without_semicolons_does_not_join_the_next_statement() {
    let dir = repo_copy("tests/fixtures/fix/no-semicolons");
    let page = "@front/pages/team/index.tsx";
    let text = fs::read_to_string(repo(&format!("tests/fixtures/fix/no-semicolons/{page}")))
        .unwrap()
        .replacen(
            "\nexport default",
            "\n(globalThis as { teamPage?: boolean }).teamPage = true\n\nexport default",
            1,
        );
    fs::write(dir.path().join(page), text).unwrap();
    assert_eq!(check_json(dir.path()).0, 0, "only the missing preload");
    kosmo(&["check", "--fix", arg(dir.path())]);
    // Parsed as `fetchUsers(globalThis as …).teamPage = true`: two new errors.
    let (_, document) = check_json(dir.path());
    assert_eq!(diagnostics(&document), &Vec::<Value>::new(), "{document:#}");
}

#[test]
fn a_local_object_named_params_gets_no_fix() {
    let dir = repo_copy(REACTIVE_PROJECT);
    let text = fs::read_to_string(repo(&format!("{REACTIVE_PROJECT}/{REACTIVE_PAGE}")))
        .unwrap()
        .replace(
            r#"import { createSignal } from "solid-js";"#,
            r#"import { createStore } from "solid-js/store";"#,
        )
        .replace(
            r#"const [id, setId] = createSignal("1");"#,
            r#"const [params, setParams] = createStore({ id: "1" });"#,
        )
        .replace("getUser(id())", "getUser(params.id)")
        .replace("setId(String(Number(id()) + 1))", r#"setParams("id", "2")"#);
    fs::write(dir.path().join(REACTIVE_PAGE), text).unwrap();
    let (_, document) = check_json(dir.path());
    let [finding] = diagnostics(&document).as_slice() else { panic!("{document:#}") };
    assert_eq!(finding["rule"], "missing-preload");
    assert_eq!(finding["fix"], Value::Null, "`params` is a store, not the route params");
}

/// The route definitions are checked once and their facts dropped; a fix that rewrites one
/// (removing an unused suppression) must not leave its old findings in the report.
#[test]
fn a_route_definition_rewritten_by_a_fix_is_checked_again() {
    let dir = repo_copy("examples/shop");
    let route = dir.path().join("src/app/api/cart/index.ts");
    let text = fs::read_to_string(&route).unwrap();
    fs::write(&route, format!("// kosmo-lint-disable-next-line missing-preload\n{text}")).unwrap();
    let (_, before) = check_json(dir.path());
    let unused = |document: &Value| {
        diagnostics(document).iter().filter(|d| d["rule"] == "unused-suppression").count()
    };
    assert_eq!(unused(&before), 1);
    let run = kosmo(&["check", "--fix", "--format", "json", arg(dir.path())]);
    let after = common::json(&run);
    assert_eq!(fs::read_to_string(&route).unwrap(), text, "the suppression was removed");
    assert_eq!(unused(&after), 0, "{after}");
    // The warnings without a safe fix: the dashboard's `use-loader-data`, the account page's
    // `preload-no-await`, the reviews page's `page-api-params-match` and the status page's
    // `preload-query-cache` (its fix is unsafe), and the blog config's `preload-never-runs`.
    assert_eq!(after["summary"]["warnings"], 5, "{after}");
    assert_eq!(check_json(dir.path()).1["summary"], {
        let mut summary = after["summary"].clone();
        summary.as_object_mut().unwrap().remove("fixed");
        summary
    });
}
