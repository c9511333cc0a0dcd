//! The module graph end to end (issue 13): pages whose data functions live in other modules
//! of the project (a shared query module, a barrel, a helper in `components/`, a re-exported
//! preload, a namespace import), a package import and an import cycle, in one project per
//! generation (G1, G3, G4, G5) with that generation's import forms. Correct code gets no
//! finding, a hand-written request behind an import gets the error a local one gets, and what
//! cannot be followed is at most a warning. Runs on a temporary copy, with and without the
//! caches, so nothing is written into the repository.

mod common;

use common::{
    aged_repo_copy, findings_summary, kosmo, kosmo_in, redact_timing,
    same_report_with_and_without_caches,
};

/// Checks the fixture `tests/fixtures/modules/<fixture>` cold (`--no-cache`), then with a
/// cache being written and with it warm: the three reports must be the same. Snapshots the
/// findings (`modules_<snapshot>`) and the pretty report (`modules_<snapshot>_pretty`).
fn assert_followed(fixture: &str, snapshot: &str) {
    // Aged, so that the caches remember the files (the module cache among them).
    let dir = aged_repo_copy(&format!("tests/fixtures/modules/{fixture}"));
    let root = dir.path().to_str().unwrap();
    // The hand-written request is an error.
    let report = same_report_with_and_without_caches(root);
    insta::assert_snapshot!(format!("modules_{snapshot}"), findings_summary(&report));

    let pretty = kosmo_in(dir.path(), &["check", "--no-cache", root]);
    insta::assert_snapshot!(format!("modules_{snapshot}_pretty"), redact_timing(&pretty.stdout));
}

#[test]
fn imports_of_the_projects_own_modules_are_followed() {
    assert_followed("g5-shared-queries", "g5_shared_queries");
}

/// G1: `@front/{api}/…/fetch` per-route clients (named and default imports), the
/// `@front/{fetch}` map, the project's own modules through the `@front/` alias and relative
/// paths, and G1's form (the generated function itself as `preload` and in `createAsync`)
/// re-exported from a module of the project.
#[test]
fn g1_imports_through_the_folder_alias_are_followed() {
    assert_followed("g1-shared-queries", "g1_shared_queries");
}

/// G3: per-route clients `_/front/fetch/<route>` (named and default imports), the project's
/// own modules through `@/front/…` and relative paths.
#[test]
fn g3_imports_of_per_route_clients_are_followed() {
    assert_followed("g3-shared-queries", "g3_shared_queries");
}

/// G4: the `_/front/fetch` map, directly and through an alias module (`export const api =
/// fetchClients`), the project's own modules through `@/front/…` and relative paths.
#[test]
fn g4_imports_of_the_fetch_map_are_followed() {
    assert_followed("g4-shared-queries", "g4_shared_queries");
}

/// The module cache (`modules.bin`) keeps the exports of the modules a run followed, and a
/// module edited since is read again: the report is the one `--no-cache` gives.
#[test]
fn the_module_cache_follows_an_edited_module() {
    let dir = aged_repo_copy("tests/fixtures/modules/g5-shared-queries");
    let root = dir.path().to_str().unwrap();
    let report = |extra: &[&str]| {
        let mut command = vec!["check", "--format", "json"];
        command.extend(extra);
        command.push(root);
        kosmo(&command).stdout
    };
    let before = report(&[]);
    let cache = dir.path().join(".kosmo-lint-cache");
    let written = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .any(|version| version.path().join("modules.bin").is_file());
    assert!(written, "modules.bin is written");
    assert!(before.contains("src/app/pages/reviews/[id]/index.tsx"));
    // The hand-written wrapper is fixed: the reviews page is clean, cached or not.
    let queries = dir.path().join("src/app/queries.ts");
    let text = std::fs::read_to_string(&queries).unwrap().replace(
        "fetch(`/api/reviews/${id}`).then((response) => response.json())",
        "fetchClients[\"products/[id]\"].GET([id])",
    );
    std::fs::write(&queries, text).unwrap();
    common::age(dir.path());
    let after = report(&[]);
    assert!(!after.contains("src/app/pages/reviews/[id]/index.tsx"), "{after}");
    assert_eq!(after, report(&["--no-cache"]));
}
