//! The module graph end to end (issue 13): pages whose data functions live in other modules
//! of the project (a shared query module, a barrel, a helper in `components/`, a re-exported
//! preload, a namespace import), a package import and an import cycle. Correct code gets no
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

#[test]
fn imports_of_the_projects_own_modules_are_followed() {
    let dir = repo_copy("tests/fixtures/modules/g5-shared-queries");
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
    insta::assert_snapshot!("modules_g5_shared_queries", findings(&report));

    let pretty = kosmo(&["check", "--no-cache", root]);
    insta::assert_snapshot!("modules_g5_shared_queries_pretty", redact_timing(&pretty.stdout));
}
