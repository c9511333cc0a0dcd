//! Aliases of the fetch map across modules end to end (issue 13): `export const api =
//! fetchClients` in `lib/api.ts`, then `api["collections/[id]"].PATCH(...)` in pages and
//! components. Correct references get no finding; a route typo and a method the route does
//! not define get the errors a direct `fetchClients[...]` reference gets, through a named, a
//! namespace and an aliased import alike. Runs on a temporary copy, with and without the
//! caches and with one file named (as pre-commit does), so nothing is written into the
//! repository.

mod common;

use common::{
    findings_summary, kosmo_in, redact_timing, repo_copy, same_report_with_and_without_caches,
};

#[test]
fn references_through_an_alias_of_the_fetch_map_are_checked() {
    let dir = repo_copy("tests/fixtures/modules/g5-fetch-map-alias");
    let root = dir.path().to_str().unwrap();
    // A route typo is an error.
    let report = same_report_with_and_without_caches(root);
    insta::assert_snapshot!("fetch_map_aliases", findings_summary(&report));

    let pretty = kosmo_in(dir.path(), &["check", "--no-cache", root]);
    insta::assert_snapshot!("fetch_map_aliases_pretty", redact_timing(&pretty.stdout));
}

#[test]
fn a_file_named_alone_is_checked_through_its_imports() {
    let dir = repo_copy("tests/fixtures/modules/g5-fetch-map-alias");
    let file = dir.path().join("src/app/components/EmailList.tsx");
    let file = file.to_str().unwrap();
    // Twice: a run that names files only may take the route tree from the first run's cache.
    for _ in 0..2 {
        let run = kosmo_in(dir.path(), &["check", "--format", "json", file]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            findings_summary(&report),
            "error fetch-client-route-exists src/app/components/EmailList.tsx:8:30 API route \
             `collections/[id]/emails` defines no `DELETE` handler\n    help: \
             `collections/[id]/emails` defines GET\n"
        );
    }
}
