//! Which source folder a generated import means (issue 13): a G1–G4 import names its folder,
//! and its references are checked against that folder's routes, from whichever folder it
//! is imported; an import naming a folder the project does not have is reported at its
//! path. And `core/` (global middleware, scaffolded at the root by the G1 and G2 CLIs) is no
//! source folder.

mod common;

use common::{arg, check_json, kosmo, project_copy};
use serde_json::Value;

/// The warnings the seed's bare-reference pages of these fixtures get, whatever folder their
/// imports name.
const SEED_FORM_RULES: [&str; 2] = ["no-bare-function-reference", "preload-query-cache"];

/// Whether `d` is one of [`SEED_FORM_RULES`]' warnings.
fn seed_form_warning(d: &Value) -> bool {
    SEED_FORM_RULES.iter().any(|rule| d["rule"] == *rule) && d["severity"] == "warning"
}

/// `(path, line, column, message, help)` of every diagnostic but the seed form's warnings,
/// all of one rule.
fn findings(document: &Value) -> Vec<(String, u64, u64, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_owned();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !seed_form_warning(d))
        // The admin folder's two `posts/{id}` pages name their `query()` wrappers alike
        // (`query-name-unique`, true): not what these tests are about.
        .filter(|d| d["rule"] != "query-name-unique")
        .map(|d| {
            assert_eq!(d["rule"], "fetch-client-route-exists", "{d}");
            assert_eq!(d["severity"], "error", "{d}");
            let at = |key: &str| d[key].as_u64().unwrap();
            (text(&d["path"]), at("line"), at("column"), text(&d["message"]), text(&d["help"]))
        })
        .collect()
}

fn routes_json(project: &std::path::Path) -> Value {
    let run = kosmo(&["routes", arg(project), "--format", "json"]);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    common::json(&run)
}

/// `(folder, file, route, resolution, folder as written)` of every reference that names
/// its route, per source folder the tree lists it under.
fn route_refs(tree: &Value) -> Vec<(String, String, String, String, Option<String>)> {
    let text = |v: &Value| v.as_str().unwrap().to_owned();
    let mut refs = Vec::new();
    for folder in tree["folders"].as_array().unwrap() {
        for r in
            folder["fetch_refs"].as_array().unwrap().iter().filter(|r| r["names_route"] == true)
        {
            refs.push((
                text(&folder["rel"]),
                text(&r["file"]),
                text(&r["route"]),
                text(&r["resolution"]),
                r.get("folder").map(text),
            ));
        }
    }
    refs
}

fn owned(
    items: &[(&str, &str, &str, &str, Option<&str>)],
) -> Vec<(String, String, String, String, Option<String>)> {
    items
        .iter()
        .map(|(a, b, c, d, e)| {
            (a.to_string(), b.to_string(), c.to_string(), d.to_string(), e.map(str::to_owned))
        })
        .collect()
}

#[test]
fn a_g3_import_of_another_folders_client_is_checked_against_that_folders_routes() {
    let project = project_copy("g3-two-folders");
    let (code, document) = check_json(project.path());
    assert_eq!(code, 1);
    // `front-post` reads `posts/{id}`, which only front has: clean. `stats` exists only in
    // the importing folder, admin: front's client has no such route.
    assert_eq!(
        findings(&document),
        [
            (
                "src/admin/pages/stats/index.tsx".to_owned(),
                3,
                21,
                "no API route `stats` in source folder `src/front`".to_owned(),
                "the routes of `src/front` are the folders under its `api/`".to_owned(),
            ),
            (
                "src/admin/pages/typo/index.tsx".to_owned(),
                3,
                21,
                "source folder `src/frnt` does not exist".to_owned(),
                "did you mean `_/front`?".to_owned(),
            ),
        ]
    );
    assert_eq!(
        route_refs(&routes_json(project.path())),
        owned(&[
            (
                "src/admin",
                "src/admin/pages/typo/index.tsx",
                "posts/{id}",
                "unknown-folder",
                Some("_/frnt")
            ),
            ("src/front", "src/admin/pages/front-post/index.tsx", "posts/{id}", "resolved", None),
            ("src/front", "src/admin/pages/front-post/index.tsx", "posts/{id}", "resolved", None),
            ("src/front", "src/admin/pages/stats/index.tsx", "stats", "unknown-route", None),
        ])
    );
}

#[test]
fn a_g1_alias_names_its_folder_for_route_modules_and_the_map() {
    let project = project_copy("g1-two-folders");
    let (code, document) = check_json(project.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&document),
        [
            (
                "@admin/pages/stats/index.tsx".to_owned(),
                3,
                35,
                "no API route `stats` in source folder `@front`".to_owned(),
                "the routes of `@front` are the folders under its `api/`".to_owned(),
            ),
            (
                "@admin/pages/typo/index.tsx".to_owned(),
                3,
                34,
                "no source folder has the import alias `@frnt`".to_owned(),
                "did you mean `@front`?".to_owned(),
            ),
        ]
    );
    // `@front/{fetch}`'s map key resolves in `@front` too.
    let refs = route_refs(&routes_json(project.path()));
    let front_post: Vec<_> = refs
        .iter()
        .filter(|r| r.1 == "@admin/pages/front-post/index.tsx")
        .map(|r| (r.0.as_str(), r.3.as_str()))
        .collect();
    assert_eq!(front_post, [("@front", "resolved"), ("@front", "resolved")]);
}

#[test]
fn a_g1_alias_no_folder_is_known_by_is_not_reported_while_an_alias_is_assumed() {
    let project = project_copy("g1-two-folders");
    // `admin/` has no `@` and no root tsconfig `paths` entry: its alias (`@admin`) is only
    // assumed, so `@frnt` may be its real one, set where kosmo-lint does not look.
    std::fs::rename(project.path().join("@admin"), project.path().join("admin")).unwrap();
    let (code, document) = check_json(project.path());
    assert_eq!(code, 1);
    let paths: Vec<String> = findings(&document).into_iter().map(|f| f.0).collect();
    assert_eq!(paths, ["admin/pages/stats/index.tsx"]);
    let refs = route_refs(&routes_json(project.path()));
    assert!(
        refs.contains(&(
            "admin".into(),
            "admin/pages/typo/index.tsx".into(),
            "posts/[id]".into(),
            "unverified-folder".into(),
            Some("@frnt".into()),
        )),
        "{refs:?}"
    );
}

#[test]
fn core_is_not_a_source_folder() {
    let project = project_copy("g2-core");
    assert!(project.path().join("core/api/use.ts").is_file());
    let (code, document) = check_json(project.path());
    assert_eq!(code, 0, "{document}");
    assert!(
        document["diagnostics"].as_array().unwrap().iter().all(seed_form_warning),
        "{document}"
    );
    let tree = routes_json(project.path());
    let rels: Vec<&str> =
        tree["folders"].as_array().unwrap().iter().map(|f| f["rel"].as_str().unwrap()).collect();
    assert_eq!(rels, ["src/front"]);
}
