//! `query-name-unique` end to end, across files: a page whose `query()` name clashes with
//! the shared query module of `tests/fixtures/modules/g5-shared-queries` (on a temporary
//! copy). A full run reports each side naming the other, the same with and without the
//! caches; a run that names files compares a file's names with each other only.

mod common;

use common::{
    aged_repo_copy, arg, findings_summary, kosmo_in, same_report_with_and_without_caches,
};

/// Its name is the shared module's `reviews` wrapper's, and `products` is a prefix of it.
const DEALS_PAGE: &str = r#"import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";

const getDeals = query(() => fetchClients.products.GET(), "reviews");
const getDealsOfTheDay = query(() => fetchClients.products.GET(), "products-today");

export const preload = () => {
  void getDeals();
  void getDealsOfTheDay();
};

export default function DealsPage() {
  const deals = createAsync(() => getDeals());
  const today = createAsync(() => getDealsOfTheDay());
  return <p>{deals()?.length ?? 0} deals, {today()?.length ?? 0} today</p>;
}
"#;

fn rows(report: &serde_json::Value) -> Vec<String> {
    findings_summary(report)
        .lines()
        .filter(|line| line.contains(" query-name-unique "))
        .map(str::to_owned)
        .collect()
}

fn project() -> tempfile::TempDir {
    let dir = aged_repo_copy("tests/fixtures/modules/g5-shared-queries");
    common::write(dir.path(), "src/app/pages/deals/index.tsx", DEALS_PAGE);
    common::age(dir.path());
    dir
}

#[test]
fn a_full_run_compares_the_names_of_every_file_with_and_without_caches() {
    let dir = project();
    let report = same_report_with_and_without_caches(arg(dir.path()));
    let page = "src/app/pages/deals/index.tsx";
    let module = "src/app/queries.ts";
    assert_eq!(
        rows(&report),
        [
            format!(
                "error query-name-unique {page}:4:59 another `query()` wrapper is named `reviews` too (in {module}:15:3)"
            ),
            format!(
                "error query-name-unique {page}:5:67 query name `products-today` starts with another wrapper's name, `products` (in {module}:5:69)"
            ),
            format!(
                "error query-name-unique {module}:5:69 query name `products` is a prefix of another wrapper's name, `products/[id]`"
            ),
            format!(
                "error query-name-unique {module}:5:69 query name `products` is a prefix of another wrapper's name, `products-today` (in {page}:5:67)"
            ),
            format!(
                "error query-name-unique {module}:9:3 query name `products/[id]` starts with another wrapper's name, `products`"
            ),
            format!(
                "error query-name-unique {module}:15:3 another `query()` wrapper is named `reviews` too (in {page}:4:59)"
            ),
        ]
    );
}

/// Pre-commit names files: the other files' names are not read, so a clash across files is
/// not reported there (a miss, never a false finding); the file's own names still are.
#[test]
fn a_run_over_named_files_compares_a_files_own_names_only() {
    let dir = project();
    let full = kosmo_in(dir.path(), &["check", arg(dir.path())]);
    assert_eq!(full.code, 1, "{}", full.stderr);
    let page = dir.path().join("src/app/pages/deals/index.tsx");
    let named = kosmo_in(dir.path(), &["check", "--format", "json", arg(&page)]);
    assert!(named.code < 2, "{}", named.stderr);
    assert_eq!(rows(&common::json(&named)), Vec::<String>::new());
    let module = dir.path().join("src/app/queries.ts");
    let named = kosmo_in(dir.path(), &["check", "--format", "json", arg(&module)]);
    assert_eq!(
        rows(&common::json(&named)),
        [
            "error query-name-unique src/app/queries.ts:5:69 query name `products` is a prefix of another wrapper's name, `products/[id]`",
            "error query-name-unique src/app/queries.ts:9:3 query name `products/[id]` starts with another wrapper's name, `products`",
        ]
    );
}
