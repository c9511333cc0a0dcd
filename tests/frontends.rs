//! Every KosmoJS frontend end to end (issue 14): one project per frontend — React (with
//! `TanStack Query`), Vue, Svelte and MDX in the G5 layout, and a G1 React folder — with correct
//! pages in each shape the framework documents (which must stay silent) and at least one
//! violation per rule. Vue, Svelte and MDX findings are snapshot in the pretty report too, so
//! that their lines and columns are checked against the original file. Runs on a temporary
//! copy, with and without the caches.

mod common;

use common::{
    aged_repo_copy, findings_summary, kosmo_in, redact_timing, same_report_with_and_without_caches,
};

/// Checks `tests/fixtures/frontends/<fixture>` cold, then with the caches cold and warm (the
/// three reports must be the same), and snapshots the findings and the pretty report.
fn assert_linted(fixture: &str) {
    let dir = aged_repo_copy(&format!("tests/fixtures/frontends/{fixture}"));
    let root = dir.path().to_str().unwrap();
    let report = same_report_with_and_without_caches(root);
    let name = fixture.replace('-', "_");
    insta::assert_snapshot!(format!("frontends_{name}"), findings_summary(&report));
    let pretty = kosmo_in(dir.path(), &["check", "--no-cache", root]);
    insta::assert_snapshot!(format!("frontends_{name}_pretty"), redact_timing(&pretty.stdout));
}

#[test]
fn react_loaders_and_tanstack_query() {
    assert_linted("react");
}

#[test]
fn vue_script_blocks() {
    assert_linted("vue");
}

#[test]
fn svelte_module_and_instance_scripts() {
    assert_linted("svelte");
}

#[test]
fn mdx_esm() {
    assert_linted("mdx");
}

#[test]
fn g1_react_folder() {
    assert_linted("g1-react");
}
