//! The module graph end to end (issue 13): pages whose data functions live in other modules
//! of the project (a shared query module, a barrel, a helper in `components/`, a re-exported
//! preload, a namespace import), a package import and an import cycle, in one project per
//! generation (G1, G3, G4, G5) with that generation's import forms. Correct code gets no
//! finding, a hand-written request behind an import gets the error a local one gets, and what
//! cannot be followed is at most a warning. Runs on a temporary copy, with and without the
//! caches, so nothing is written into the repository.

mod common;

use std::fmt::Write as _;

use common::{kosmo, redact_timing, repo_copy};

/// `severity rule path:line message` and the help, one line each.
fn findings(report: &serde_json::Value) -> String {
    let mut out = String::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let _ = writeln!(
            out,
            "{} {} {}:{} {}",
            d["severity"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["path"].as_str().unwrap(),
            d["line"],
            d["message"].as_str().unwrap(),
        );
        if let Some(help) = d["help"].as_str() {
            let _ = writeln!(out, "    help: {help}");
        }
    }
    out
}

/// Checks the fixture `tests/fixtures/modules/<fixture>` cold (`--no-cache`), then with a
/// cache being written and with it warm: the three reports must be the same. Snapshots the
/// findings (`modules_<snapshot>`) and the pretty report (`modules_<snapshot>_pretty`).
fn assert_followed(fixture: &str, snapshot: &str) {
    let dir = repo_copy(&format!("tests/fixtures/modules/{fixture}"));
    let root = dir.path().to_str().unwrap();
    let mut reports = Vec::new();
    for args in [&["--no-cache"][..], &[], &[]] {
        let mut command = vec!["check", "--format", "json"];
        command.extend(args);
        command.push(root);
        let run = kosmo(&command);
        assert_eq!(run.code, 1, "the hand-written request is an error: {}", run.stderr);
        reports.push(run.stdout);
    }
    assert_eq!(reports[0], reports[1], "a cold cache changes nothing");
    assert_eq!(reports[0], reports[2], "a warm cache changes nothing");
    let report: serde_json::Value = serde_json::from_str(&reports[0]).unwrap();
    insta::assert_snapshot!(format!("modules_{snapshot}"), findings(&report));

    let pretty = kosmo(&["check", "--no-cache", root]);
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
