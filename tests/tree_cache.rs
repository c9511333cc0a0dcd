//! The route tree cache of the pre-commit path: a run that names files reuses the tree an
//! earlier run saved, as long as nothing it was built from changed, and after every kind of
//! change reports exactly what a run without any cache reports.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::{aged_repo_copy, arg, kosmo_lint, run};

/// `check --format json <files>`: its JSON, and whether the route tree came from the cache
/// (the route walk then never ran; the phase timings say which phases did).
fn check_files(files: &[&Path], extra: &[&str]) -> (serde_json::Value, bool) {
    let mut cmd = kosmo_lint();
    cmd.env("KOSMO_LINT_TIMINGS", "1").args(["check", "--format", "json"]).args(extra);
    cmd.args(files.iter().map(|f| arg(f)));
    let run = run(&mut cmd);
    assert!(run.code < 2, "{}", run.stderr);
    let tree_from_cache = !run.stderr.contains("timing routes:");
    (common::json(&run), tree_from_cache)
}

/// Checks `file` with the caches and without: both report the same on `file`. (With the
/// caches, the files whose routes changed since the full run are checked too, and their
/// findings say so: `tests/dependents.rs`. They are left out here.)
fn check_file(file: &Path) -> (serde_json::Value, bool) {
    let (mut cached, from_cache) = check_files(&[file], &[]);
    let (uncached, _) = check_files(&[file], &["--no-cache"]);
    let diagnostics = cached["diagnostics"].as_array_mut().unwrap();
    let before = diagnostics.len();
    diagnostics.retain(|d| !d["help"].as_str().is_some_and(|h| h.contains("was not named")));
    let dependents_reported = diagnostics.len() != before;
    assert_eq!(cached["diagnostics"], uncached["diagnostics"], "{}", file.display());
    if !dependents_reported {
        // The dependents checked besides `file` (a file count of their own) found nothing
        // the full run did not: the totals are `file`'s.
        for total in ["errors", "warnings", "fixable"] {
            let (cached, uncached) = (&cached["summary"][total], &uncached["summary"][total]);
            assert_eq!(cached, uncached, "{total}: {}", file.display());
        }
    }
    (cached, from_cache)
}

fn tree_file(root: &Path) -> PathBuf {
    root.join(".kosmo-lint-cache").join(env!("CARGO_PKG_VERSION")).join("tree.bin")
}

/// An aged copy of the shop example whose route tree has been saved by a full run.
fn shop_with_saved_tree() -> tempfile::TempDir {
    let dir = aged_repo_copy("examples/shop");
    common::kosmo(&["check", arg(dir.path())]);
    assert!(tree_file(dir.path()).is_file(), "a full run saves the route tree");
    dir
}

fn rules_of(report: &serde_json::Value) -> Vec<String> {
    let diagnostics = report["diagnostics"].as_array().unwrap();
    diagnostics.iter().map(|d| format!("{} {}", d["rule"], d["message"])).collect()
}

fn files_below(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_below(&path, out);
        } else if path.extension().is_some_and(|e| e == "ts" || e == "tsx") {
            out.push(path);
        }
    }
}

#[test]
fn every_file_checked_alone_reports_what_an_uncached_run_does() {
    let dir = shop_with_saved_tree();
    let mut files = Vec::new();
    files_below(&dir.path().join("src"), &mut files);
    assert!(files.len() > 30);
    for file in &files {
        let (_, from_cache) = check_file(file);
        assert!(from_cache, "the saved tree stands in for the route walk: {}", file.display());
    }
    // All at once, as pre-commit passes them.
    let all: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (cached, from_cache) = check_files(&all, &[]);
    assert!(from_cache);
    assert_eq!(cached, check_files(&all, &["--no-cache"]).0);
    // The example's errors in script files (its Vue pages are not below `files_below`'s
    // extensions).
    assert_eq!(cached["summary"]["errors"], 8, "the example's eight errors: {cached}");
}

/// How a run after a change gets its route tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The saved tree, with the edited files read again and put in place.
    Updated,
    /// The walk over all route definitions (the walk itself would see other files, or the
    /// change cannot be put in place alone).
    Walked,
}

/// Applies `change` to a project whose tree is saved, then checks `file`: the report changes
/// as the uncached one does, and the tree is got as `expect`ed.
fn assert_change_is_seen(file: &str, expect: Expect, change: impl FnOnce(&Path)) {
    let dir = shop_with_saved_tree();
    let file = dir.path().join(file);
    let (before, from_cache) = check_file(&file);
    assert!(from_cache);
    change(dir.path());
    let (after, from_cache) = check_file(&file);
    let got = if from_cache { Expect::Updated } else { Expect::Walked };
    assert_eq!(got, expect);
    assert_ne!(rules_of(&before), rules_of(&after), "the change changes the findings");
}

const REVIEWS: &str = "src/app/hooks/useReviews.ts";
const HEALTH_BADGE: &str = "src/app/components/HealthBadge.tsx";
const HEALTH_ROUTE: &str = "src/app/api/health/index.ts";

#[test]
fn a_route_added_in_a_new_folder_is_seen() {
    assert_change_is_seen(REVIEWS, Expect::Walked, |root| {
        let reviews = "src/app/api/products/[id]/reviews/index.ts";
        let text = fs::read_to_string(root.join(reviews)).unwrap();
        common::write(root, "src/app/api/product/[id]/reviews/index.ts", text);
    });
}

#[test]
fn a_route_removed_is_seen() {
    assert_change_is_seen(HEALTH_BADGE, Expect::Walked, |root| {
        fs::remove_dir_all(root.join("src/app/api/health")).unwrap();
    });
}

#[test]
fn a_method_added_to_a_route_is_seen() {
    assert_change_is_seen(HEALTH_BADGE, Expect::Updated, |root| {
        let text = fs::read_to_string(root.join(HEALTH_ROUTE)).unwrap();
        let text = text.replace(
            "({ GET }) => [",
            "({ GET, POST }) => [\n  POST(async (ctx) => ctx.json({})),",
        );
        fs::write(root.join(HEALTH_ROUTE), text).unwrap();
    });
}

#[test]
fn a_route_rewritten_to_the_same_size_is_seen() {
    assert_change_is_seen(HEALTH_BADGE, Expect::Updated, |root| {
        let text = fs::read_to_string(root.join(HEALTH_ROUTE)).unwrap();
        let same_size = text.replace("GET", "PUT");
        assert_eq!(same_size.len(), text.len());
        fs::write(root.join(HEALTH_ROUTE), same_size).unwrap();
    });
}

#[test]
fn a_gitignore_added_modified_or_above_the_source_folder_is_seen() {
    // Added in a folder the walk lists.
    assert_change_is_seen(HEALTH_BADGE, Expect::Walked, |root| {
        common::write(root, "src/app/api/.gitignore", "health/\n");
    });
    // Modified where it was already.
    let dir = aged_repo_copy("examples/shop");
    common::write(dir.path(), "src/app/api/.gitignore", "# nothing yet\n");
    common::age(dir.path());
    common::kosmo(&["check", arg(dir.path())]);
    let badge = dir.path().join(HEALTH_BADGE);
    let (before, from_cache) = check_file(&badge);
    assert!(from_cache);
    common::write(dir.path(), "src/app/api/.gitignore", "health/\n");
    let (after, from_cache) = check_file(&badge);
    assert!(!from_cache);
    assert_ne!(rules_of(&before), rules_of(&after));
    // Above the source folders, where the walk lists nothing.
    assert_change_is_seen(HEALTH_BADGE, Expect::Walked, |root| {
        common::write(root, ".gitignore", "src/app/api/health/\n");
    });
}

#[test]
fn a_gitignore_above_the_project_is_watched_and_does_not_defeat_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("shop");
    common::copy_dir(&common::repo("examples/shop"), &root);
    common::write(dir.path(), ".gitignore", "# nothing yet\n");
    common::age(dir.path());
    common::kosmo(&["check", arg(&root)]);
    let badge = root.join(HEALTH_BADGE);
    let (before, from_cache) = check_file(&badge);
    assert!(from_cache, "an ignore file above the project is compared, not a miss");
    common::write(dir.path(), ".gitignore", "shop/src/app/api/health/\n");
    let (after, from_cache) = check_file(&badge);
    assert!(!from_cache);
    assert_ne!(rules_of(&before), rules_of(&after));
}

#[test]
fn a_config_change_makes_the_routes_walk_again() {
    assert_change_is_seen(HEALTH_BADGE, Expect::Walked, |root| {
        // Bases and the framework come from the config, so an edited one (here, a comment
        // added) is not put in place alone.
        let config = root.join("src/app/kosmo.config.ts");
        let text = fs::read_to_string(&config).unwrap();
        fs::write(&config, format!("{text}\n// edited\n")).unwrap();
        let route = root.join(HEALTH_ROUTE);
        fs::write(&route, fs::read_to_string(&route).unwrap().replace("GET", "PUT")).unwrap();
    });
}

#[test]
fn an_edited_route_put_in_place_is_saved_for_the_next_run() {
    let dir = shop_with_saved_tree();
    let badge = dir.path().join(HEALTH_BADGE);
    let route = dir.path().join(HEALTH_ROUTE);
    fs::write(&route, fs::read_to_string(&route).unwrap().replace("GET", "PUT")).unwrap();
    // Older than the racy window, newer than the saved stamp.
    let half_an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_mins(30);
    fs::File::open(&route).unwrap().set_modified(half_an_hour_ago).unwrap();
    let saved = fs::read(tree_file(dir.path())).unwrap();
    let (updated, from_cache) = check_file(&badge);
    assert!(from_cache);
    assert_ne!(fs::read(tree_file(dir.path())).unwrap(), saved, "the updated tree is saved");
    let (again, from_cache) = check_file(&badge);
    assert!(from_cache);
    assert_eq!(updated, again);
}

#[test]
fn a_dependency_change_is_seen() {
    let dir = shop_with_saved_tree();
    let page = dir.path().join("src/app/pages/cart/index.tsx");
    let (_, from_cache) = check_file(&page);
    assert!(from_cache);
    let manifest = dir.path().join("package.json");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, text.replace("\"solid-js\"", "\"solid-js-renamed\"")).unwrap();
    let (_, from_cache) = check_file(&page);
    assert!(!from_cache, "the dependencies decide the pages' framework");
}

#[test]
fn a_tree_built_from_files_modified_moments_ago_is_not_saved() {
    // A file written again within its file system's timestamp granularity could keep its
    // modification time, so a tree read from one is not trusted to a later run.
    let dir = common::repo_copy("examples/shop");
    common::kosmo(&["check", arg(dir.path())]);
    assert!(!tree_file(dir.path()).exists());
    let (_, from_cache) = check_file(&dir.path().join(HEALTH_BADGE));
    assert!(!from_cache);
}

#[test]
fn a_corrupt_tree_is_ignored_and_no_cache_ignores_it() {
    let dir = shop_with_saved_tree();
    let badge = dir.path().join(HEALTH_BADGE);
    let (_, from_cache) = check_files(&[&badge], &["--no-cache"]);
    assert!(!from_cache, "--no-cache does not read the tree");
    let saved = fs::read(tree_file(dir.path())).unwrap();
    for broken in [&b"KLTREE01 and then nothing"[..], &saved[..saved.len() / 2], b""] {
        fs::write(tree_file(dir.path()), broken).unwrap();
        let (_, from_cache) = check_file(&badge);
        assert!(!from_cache);
        // The run that found it broken saved a sound one.
        let (_, from_cache) = check_file(&badge);
        assert!(from_cache, "a broken tree is replaced");
    }
}

#[test]
fn a_full_run_over_an_unchanged_project_does_not_rewrite_the_tree() {
    let dir = shop_with_saved_tree();
    let written = fs::metadata(tree_file(dir.path())).unwrap().modified().unwrap();
    let bytes = fs::read(tree_file(dir.path())).unwrap();
    for _ in 0..3 {
        common::kosmo(&["check", arg(dir.path())]);
    }
    assert_eq!(fs::read(tree_file(dir.path())).unwrap(), bytes);
    let after = fs::metadata(tree_file(dir.path())).unwrap().modified().unwrap();
    assert_eq!(written, after, "the same inputs are not written again");
}

/// With the tree from the cache, a named route definition is read with the other named
/// files; after `--fix` rewrites it, its findings are those of the new text, once.
#[test]
fn a_named_route_fixed_on_the_cached_path_is_reported_once() {
    let dir = shop_with_saved_tree();
    let route = dir.path().join("src/app/api/orders/index.ts");
    let text = fs::read_to_string(&route).unwrap();
    // Written in place (not replaced), so that only the file's stamp changes.
    fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&route)
        .unwrap()
        .write_all(format!("// kosmo-lint-disable-next-line missing-preload\n{text}").as_bytes())
        .unwrap();
    let half_an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_mins(30);
    fs::File::open(&route).unwrap().set_modified(half_an_hour_ago).unwrap();
    let (fixed, from_cache) = check_files(&[&route], &["--fix"]);
    assert!(from_cache, "the edited route was put in place");
    assert_eq!(fs::read_to_string(&route).unwrap(), text, "the suppression was removed");
    assert_eq!(fixed["summary"]["fixed"], 1);
    let rules = rules_of(&fixed);
    assert_eq!(rules.len(), 1, "one finding, not repeated: {rules:?}");
    assert_eq!(fixed["diagnostics"], check_files(&[&route], &["--no-cache"]).0["diagnostics"]);
}
