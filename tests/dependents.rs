//! Dependents on the pre-commit path (issue 13): a run that names files also checks the
//! files whose routes or modules changed since the last full run, and reports those of
//! their findings that the change brought, each saying which change it was. Pre-commit never
//! names a deleted file, so this is how a deleted or renamed API route is caught. Runs on
//! temporary copies of `tests/fixtures/modules/g5-shared-queries`.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use common::{aged_repo_copy, arg, kosmo_in, write};

/// A page that reads the `products` route directly, with no finding of its own.
const STOCK_PAGE: &str = r#"import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";

const getStock = query(() => fetchClients.products.GET(), "stock");

export const preload = () => {
  void getStock();
};

export default function StockPage() {
  const stock = createAsync(() => getStock());
  return <p>{stock()?.length ?? 0} products</p>;
}
"#;

/// The fixture with a page that reads a route directly, whose dependency index a full run
/// over the project has saved (aged first, so that the caches keep every file).
fn seeded() -> tempfile::TempDir {
    let dir = aged_repo_copy("tests/fixtures/modules/g5-shared-queries");
    write(dir.path(), "src/app/pages/stock/index.tsx", STOCK_PAGE);
    common::age(dir.path());
    let full = kosmo_in(dir.path(), &["check", arg(dir.path())]);
    assert_eq!(full.code, 1, "the fixture's hand-written requests: {}", full.stderr);
    let index = dir.path().join(".kosmo-lint-cache").join(env!("CARGO_PKG_VERSION"));
    assert!(index.join("dependents.bin").is_file(), "a full run saves the dependency index");
    dir
}

/// `check --format json` on the cart page alone (which reads neither the products routes nor
/// the shared query module): its exit code and `severity rule path: message`, with the help.
fn check_cart_page(root: &Path) -> (i32, String, u64) {
    let page = root.join("src/app/pages/cart/index.tsx");
    let run = kosmo_in(root, &["check", "--format", "json", arg(&page)]);
    assert!(run.code < 2, "{}", run.stderr);
    let report = common::json(&run);
    let mut out = String::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let _ = writeln!(
            out,
            "{} {} {}: {}",
            d["severity"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["path"].as_str().unwrap(),
            d["message"].as_str().unwrap(),
        );
        if let Some(help) = d["help"].as_str() {
            let _ = writeln!(out, "    help: {}", help.replace('\n', "\n          "));
        }
        assert!(d["fix"].is_null(), "a file that was not named is never fixed");
    }
    (run.code, out, report["summary"]["files"].as_u64().unwrap())
}

#[test]
fn with_nothing_changed_only_the_file_named_is_checked() {
    let dir = seeded();
    assert_eq!(check_cart_page(dir.path()), (0, String::new(), 1));
}

#[test]
fn without_a_full_run_a_deleted_route_goes_unseen_as_before() {
    let dir = aged_repo_copy("tests/fixtures/modules/g5-shared-queries");
    write(dir.path(), "src/app/pages/stock/index.tsx", STOCK_PAGE);
    fs::remove_file(dir.path().join("src/app/api/products/index.ts")).unwrap();
    assert_eq!(check_cart_page(dir.path()), (0, String::new(), 1));
}

#[test]
fn a_deleted_route_is_reported_on_the_files_that_read_it() {
    let dir = seeded();
    fs::remove_file(dir.path().join("src/app/api/products/index.ts")).unwrap();
    let (code, findings, _) = check_cart_page(dir.path());
    assert_eq!(code, 1);
    // The page that reads the route, the shared module that does; not the errors other
    // pages already had at the full run (`catalog`, `reviews/[id]`).
    insta::assert_snapshot!("dependents_route_deleted", findings);
    // A commit refused and tried again is checked against the same full run.
    assert_eq!(check_cart_page(dir.path()).1, findings);
    // A full run reports the same errors, and makes the new state the baseline.
    let full = kosmo_in(dir.path(), &["check", "--format", "json", arg(dir.path())]);
    let report = common::json(&full);
    let full_findings = report["diagnostics"].as_array().unwrap();
    let missing_route = full_findings.iter().filter(|d| d["rule"] == "fetch-client-route-exists");
    assert_eq!(missing_route.count(), 3, "{}", full.stdout);
    assert_eq!(check_cart_page(dir.path()), (0, String::new(), 1));
}

#[test]
fn a_renamed_route_folder_is_reported_on_the_files_that_read_its_routes() {
    let dir = seeded();
    let api = dir.path().join("src/app/api");
    fs::rename(api.join("products"), api.join("items")).unwrap();
    let (code, findings, _) = check_cart_page(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!("dependents_route_renamed", findings);
}

#[test]
fn an_edited_shared_module_is_reported_on_the_pages_that_import_it() {
    let dir = seeded();
    let queries = dir.path().join("src/app/queries.ts");
    let text = fs::read_to_string(&queries).unwrap();
    let by_hand = r#"fetch("/api/products").then((response) => response.json())"#;
    let edited = text.replace("fetchClients.products.GET()", by_hand);
    assert_ne!(edited, text);
    fs::write(&queries, edited).unwrap();
    let (code, findings, files) = check_cart_page(dir.path());
    assert_eq!(code, 1);
    insta::assert_snapshot!("dependents_module_edited", findings);
    assert!(files > 1, "the importing pages are checked");
}

#[test]
fn the_configurations_ignore_patterns_pass_over_dependents_too() {
    let dir = aged_repo_copy("tests/fixtures/modules/g5-shared-queries");
    write(dir.path(), "src/app/pages/stock/index.tsx", STOCK_PAGE);
    write(dir.path(), "kosmo-lint.json", r#"{ "ignorePatterns": ["src/app/pages/stock/"] }"#);
    common::age(dir.path());
    kosmo_in(dir.path(), &["check", arg(dir.path())]);
    fs::remove_file(dir.path().join("src/app/api/products/index.ts")).unwrap();
    let (code, findings, _) = check_cart_page(dir.path());
    assert_eq!(code, 1);
    assert!(findings.contains("src/app/queries.ts"), "{findings}");
    assert!(!findings.contains("src/app/pages/stock/"), "{findings}");
}

#[test]
fn a_deleted_route_read_through_an_alias_of_the_fetch_map_is_reported() {
    let dir = aged_repo_copy("tests/fixtures/modules/g5-fetch-map-alias");
    kosmo_in(dir.path(), &["check", arg(dir.path())]);
    fs::remove_file(dir.path().join("src/app/api/collections/[id]/emails/index.ts")).unwrap();
    let page = dir.path().join("src/app/pages/index/index.tsx");
    let run = kosmo_in(dir.path(), &["check", "--format", "json", arg(&page)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = common::json(&run);
    let found: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {} {}", d["rule"], d["path"], d["message"]))
        .collect();
    assert_eq!(
        found,
        [
            r#""fetch-client-route-exists" "src/app/components/EmailList.tsx" "no API route `collections/[id]/emails` in source folder `src/app`""#
        ]
    );
}
