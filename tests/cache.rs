//! The fact cache: a warm run reports what a cold one does, notices changed and deleted
//! files, survives a corrupt cache, and `--no-cache` neither reads nor writes one.

mod common;

use std::fs;
use std::path::Path;

use common::{aged_repo_copy, arg, kosmo};

fn json_check(root: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--format", "json", arg(root)];
    args.extend_from_slice(extra);
    common::json(&kosmo(&args))
}

fn cache_file(root: &Path) -> std::path::PathBuf {
    root.join(".kosmo-lint-cache").join(env!("CARGO_PKG_VERSION")).join("facts.bin")
}

#[test]
fn a_warm_run_reports_what_a_cold_run_does() {
    let dir = aged_repo_copy("examples/shop");
    let root = dir.path();
    let cold = json_check(root, &["--no-cache"]);
    assert!(!root.join(".kosmo-lint-cache").exists(), "--no-cache writes no cache");

    let first = json_check(root, &[]);
    assert_eq!(first, cold);
    assert!(cache_file(root).is_file(), "the first run writes the cache");
    let ignore = fs::read_to_string(root.join(".kosmo-lint-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "the cache keeps itself out of git: {ignore}");

    let written = fs::metadata(cache_file(root)).unwrap().modified().unwrap();
    let warm = json_check(root, &[]);
    assert_eq!(warm, cold);
    let after = fs::metadata(cache_file(root)).unwrap().modified().unwrap();
    assert_eq!(written, after, "a run where nothing changed does not rewrite the cache");
}

#[test]
fn changed_and_deleted_files_are_noticed() {
    let dir = aged_repo_copy("examples/shop");
    let root = dir.path();
    let before = json_check(root, &[]);

    // The about page starts reading a generated client without a preload.
    let about = root.join("src/app/pages/about/index.tsx");
    fs::write(
        &about,
        "import { createAsync, query } from \"@solidjs/router\";\nimport fetchClients from \"_/fetch\";\nconst getHealth = query(() => fetchClients.health.GET(), \"health\");\nexport default function About() {\n  const h = createAsync(() => getHealth());\n  return <p>{String(h())}</p>;\n}\n",
    )
    .unwrap();
    let changed = json_check(root, &[]);
    assert_eq!(changed, json_check(root, &["--no-cache"]), "warm equals cold after a change");
    assert_eq!(changed["summary"]["warnings"], before["summary"]["warnings"].as_u64().unwrap() + 1);

    fs::remove_file(root.join("src/app/hooks/useReviews.ts")).unwrap();
    let deleted = json_check(root, &[]);
    assert_eq!(deleted, json_check(root, &["--no-cache"]), "warm equals cold after a deletion");
    assert_eq!(deleted["summary"]["files"], changed["summary"]["files"].as_u64().unwrap() - 1);
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let dir = aged_repo_copy("examples/seed-app");
    let root = dir.path();
    let expected = json_check(root, &["--no-cache"]);
    json_check(root, &[]);
    fs::write(cache_file(root), b"\x00not a cache at all\xff").unwrap();
    assert_eq!(json_check(root, &[]), expected);
    let rebuilt = fs::read(cache_file(root)).unwrap();
    assert!(rebuilt.len() > 100, "the corrupt cache was replaced");
    // A cache truncated half-way is as good as none.
    fs::write(cache_file(root), &rebuilt[..rebuilt.len() / 2]).unwrap();
    assert_eq!(json_check(root, &[]), expected);
}

#[test]
fn checking_one_file_keeps_the_other_files_cached() {
    let dir = aged_repo_copy("examples/shop");
    let root = dir.path();
    json_check(root, &[]);
    let full = fs::metadata(cache_file(root)).unwrap().len();
    let page = root.join("src/app/pages/cart/index.tsx");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{text}\n")).unwrap();
    let one = common::json(&kosmo(&["check", "--format", "json", arg(&page)]));
    assert_eq!(one["summary"]["files"], 1, "only the file named is checked");
    assert_eq!(one["diagnostics"][0]["rule"], "missing-preload", "cross-file rules still apply");
    let after = fs::metadata(cache_file(root)).unwrap().len();
    assert!(after + 64 > full, "the other files' entries are kept: {after} vs {full}");
    assert_eq!(json_check(root, &[]), json_check(root, &["--no-cache"]));
}
