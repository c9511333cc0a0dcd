//! Aliases of the fetch map across modules end to end (issue 13): `export const api =
//! fetchClients` in `lib/api.ts`, then `api["collections/[id]"].PATCH(...)` in pages and
//! components. Correct references get no finding; a route typo and a method the route does
//! not define get the errors a direct `fetchClients[...]` reference gets, through a named, a
//! namespace and an aliased import alike. Runs on a temporary copy, with and without the
//! caches and with one file named (as pre-commit does), so nothing is written into the
//! repository.

mod common;

use std::fmt::Write as _;

use common::{kosmo, redact_timing, repo_copy};

/// `severity rule path:line:column message` and the help, one line each.
fn findings(report: &serde_json::Value) -> String {
    let mut out = String::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let _ = writeln!(
            out,
            "{} {} {}:{}:{} {}",
            d["severity"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["path"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["message"].as_str().unwrap(),
        );
        if let Some(help) = d["help"].as_str() {
            let _ = writeln!(out, "    help: {help}");
        }
    }
    out
}

#[test]
fn references_through_an_alias_of_the_fetch_map_are_checked() {
    let dir = repo_copy("tests/fixtures/modules/g5-fetch-map-alias");
    let root = dir.path().to_str().unwrap();
    let mut reports = Vec::new();
    for args in [&["--no-cache"][..], &[], &[]] {
        let mut command = vec!["check", "--format", "json"];
        command.extend(args);
        command.push(root);
        let run = kosmo(&command);
        assert_eq!(run.code, 1, "a route typo is an error: {}", run.stderr);
        reports.push(run.stdout);
    }
    assert_eq!(reports[0], reports[1], "a cold cache changes nothing");
    assert_eq!(reports[0], reports[2], "a warm cache changes nothing");
    let report: serde_json::Value = serde_json::from_str(&reports[0]).unwrap();
    insta::assert_snapshot!("fetch_map_aliases", findings(&report));

    let pretty = kosmo(&["check", "--no-cache", root]);
    insta::assert_snapshot!("fetch_map_aliases_pretty", redact_timing(&pretty.stdout));
}

#[test]
fn a_file_named_alone_is_checked_through_its_imports() {
    let dir = repo_copy("tests/fixtures/modules/g5-fetch-map-alias");
    let file = dir.path().join("src/app/components/EmailList.tsx");
    let file = file.to_str().unwrap();
    // Twice: a run that names files only may take the route tree from the first run's cache.
    for _ in 0..2 {
        let run = kosmo(&["check", "--format", "json", file]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            findings(&report),
            "error fetch-client-route-exists src/app/components/EmailList.tsx:8:30 API route \
             `collections/[id]/emails` defines no `DELETE` handler\n    help: \
             `collections/[id]/emails` defines GET\n"
        );
    }
}
