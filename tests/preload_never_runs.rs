//! `preload-never-runs` end to end: the generated Solid glue of a folder is read when the
//! route tree is built (never linted), the finding lands on the folder's config with the glue
//! as a related location, and the glue is an input of the saved route tree, so that a run on
//! the cached tree reports what a run without caches does after the glue appears, changes or
//! disappears.

mod common;

use std::fs;
use std::path::Path;

use common::{aged_repo_copy, arg, kosmo_in, kosmo_lint_in, run};

const NEVER: &str = "tests/fixtures/projects/solid-glue-never";
const CALLS: &str = "tests/fixtures/projects/solid-glue-calls";
const CONFIG: &str = "src/app/kosmo.config.ts";
const GLUE: &str = "lib/app/solid.ts";

/// `check --format json` over `targets`, with `extra` arguments: the report, and whether the
/// route tree came from the cache (the route walk then never ran).
fn check(targets: &[&Path], extra: &[&str]) -> (serde_json::Value, bool) {
    // From the project's root, so paths are relative to it.
    let root = targets[0].ancestors().find(|a| a.join("package.json").is_file()).unwrap();
    let mut cmd = kosmo_lint_in(root);
    cmd.env("KOSMO_LINT_TIMINGS", "1").args(["check", "--format", "json"]).args(extra);
    cmd.args(targets.iter().map(|t| arg(t)));
    let run = run(&mut cmd);
    assert!(run.code < 2, "{}", run.stderr);
    (common::json(&run), !run.stderr.contains("timing routes:"))
}

fn rules(report: &serde_json::Value) -> Vec<String> {
    let diagnostics = report["diagnostics"].as_array().unwrap();
    diagnostics.iter().map(|d| format!("{} {}", d["rule"].as_str().unwrap(), d["path"])).collect()
}

#[test]
fn the_buggy_glue_is_reported_once_on_the_folder_config() {
    let (report, _) = check(&[&common::repo(NEVER)], &["--no-cache"]);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report:#}");
    let finding = &diagnostics[0];
    assert_eq!(finding["rule"], "preload-never-runs");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["path"], CONFIG);
    assert!(finding["message"].as_str().unwrap().contains("dead code"));
    assert!(finding["help"].as_str().unwrap().contains("upgrade the KosmoJS Solid generator"));
    let related = &finding["related"][0];
    assert_eq!(related["path"], GLUE);
    assert_eq!((related["line"].as_u64(), related["column"].as_u64()), (Some(12), Some(9)));
    // The generated file itself is never linted.
    assert!(!rules(&report).iter().any(|r| r.contains("lib/")), "{report:#}");

    // Pretty output names the glue under the diagnostic.
    let pretty = kosmo_in(&common::repo(NEVER), &["check", "--no-cache"]);
    assert_eq!(pretty.code, 0, "a warning does not fail the run: {}", pretty.stderr);
    assert!(pretty.stdout.contains("related: lib/app/solid.ts:12:9: `loaderFactory` returns"));
}

#[test]
fn a_glue_that_calls_preload_is_silent() {
    let (report, _) = check(&[&common::repo(CALLS)], &["--no-cache"]);
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report:#}");
}

/// Checks the named config with the caches and without: both report the same. Returns the
/// rules reported and whether the tree came from the cache.
fn check_config(root: &Path) -> (Vec<String>, bool) {
    let config = root.join(CONFIG);
    let (cached, from_cache) = check(&[&config], &[]);
    let (uncached, _) = check(&[&config], &["--no-cache"]);
    assert_eq!(cached["diagnostics"], uncached["diagnostics"]);
    (rules(&cached), from_cache)
}

#[test]
fn the_saved_tree_is_rebuilt_when_the_glue_changes_appears_or_disappears() {
    let dir = aged_repo_copy(NEVER);
    let root = dir.path();
    kosmo_in(dir.path(), &["check", arg(root)]);
    let reported = vec![format!("preload-never-runs \"{CONFIG}\"")];
    let (found, from_cache) = check_config(root);
    assert!(from_cache, "the saved tree stands in for the route walk");
    assert_eq!(found, reported);

    // Fixed by a newer generator: the tree is built again and the finding is gone.
    let calls = fs::read_to_string(common::repo(CALLS).join(GLUE)).unwrap();
    fs::write(root.join(GLUE), &calls).unwrap();
    let (found, from_cache) = check_config(root);
    assert!(!from_cache, "a changed glue walks again");
    assert!(found.is_empty(), "{found:?}");

    // Saved again with the fixed glue, then removed (a fresh clone): still silent.
    common::age(root);
    kosmo_in(dir.path(), &["check", arg(root)]);
    assert!(check_config(root).1);
    fs::remove_file(root.join(GLUE)).unwrap();
    let (found, from_cache) = check_config(root);
    assert!(!from_cache, "a removed glue walks again");
    assert!(found.is_empty());

    // Saved without the glue, then the buggy one generated again: reported again.
    common::age(root);
    kosmo_in(dir.path(), &["check", arg(root)]);
    assert!(check_config(root).1, "an absent glue is compared, not a miss");
    let buggy = fs::read_to_string(common::repo(NEVER).join(GLUE)).unwrap();
    fs::write(root.join(GLUE), buggy).unwrap();
    let (found, from_cache) = check_config(root);
    assert!(!from_cache, "a glue that appears walks again");
    assert_eq!(found, reported);
}
