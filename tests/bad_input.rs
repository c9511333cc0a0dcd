//! Files that cannot be linted (not UTF-8, binary, unreadable) are reported as `io-error`
//! findings with a precise message, exit 1, and never stop the rest of the run: the syntax
//! error in another page of the same project is still reported.

mod common;

use std::path::Path;

use common::{assert_summary, kosmo_lint_in, project_copy, run, write};
use serde_json::Value;

/// The syntax-error fixture has 4 files, one of them with a syntax error at 5:13.
const FIXTURE_FILES: u64 = 4;
const BROKEN_PAGE: &str = "src/app/pages/broken/index.tsx";

/// Latin-1 `é` (0xE9) inside a string: invalid UTF-8 at byte offset 46.
const LATIN1_PAGE: &[u8] = b"export default function Cafe() {\n  return \"caf\xe9\";\n}\n";
const LATIN1_OFFSET: usize = 46;

fn check_json(project: &Path) -> (i32, Value) {
    let run = run(kosmo_lint_in(project).args(["check", "--format", "json"]).arg(project));
    assert_eq!(run.stderr, "", "findings go to stdout");
    (run.code, common::json(&run))
}

/// `(rule, path, message)` of every finding without a position; positioned findings as
/// `(rule, path, "line:col")`.
fn findings(document: &Value) -> Vec<(String, String, String)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = match (d["line"].as_u64(), d["column"].as_u64()) {
                (Some(line), Some(column)) => format!("{line}:{column}"),
                _ => d["message"].as_str().unwrap().to_owned(),
            };
            (d["rule"].as_str().unwrap().to_owned(), d["path"].as_str().unwrap().to_owned(), text)
        })
        .collect()
}

fn finding(rule: &str, path: &str, text: &str) -> (String, String, String) {
    (rule.to_owned(), path.to_owned(), text.to_owned())
}

fn syntax_error() -> (String, String, String) {
    finding("syntax-error", BROKEN_PAGE, "5:13")
}

fn not_utf8_message() -> String {
    format!(
        "file is not valid UTF-8 (first invalid byte at offset {LATIN1_OFFSET}); save it as UTF-8"
    )
}

const BINARY_MESSAGE: &str = "binary file (contains a NUL byte), not source code";

#[test]
fn a_latin1_page_is_an_io_error_and_the_rest_is_still_checked() {
    assert_eq!(LATIN1_PAGE.iter().position(|b| *b == 0xe9), Some(LATIN1_OFFSET));
    let dir = project_copy("syntax-error");
    write(dir.path(), "src/app/pages/cafe/index.tsx", LATIN1_PAGE);

    let (code, document) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&document),
        [syntax_error(), finding("io-error", "src/app/pages/cafe/index.tsx", &not_utf8_message())]
    );
    let io_error = &document["diagnostics"][1];
    assert_eq!(io_error["severity"], "error");
    assert!(io_error["line"].is_null() && io_error["column"].is_null());
    assert_eq!(document["summary"]["files"], FIXTURE_FILES + 1);
    assert_eq!(document["summary"]["errors"], 2);

    let run = run(kosmo_lint_in(dir.path()).arg("check").arg(dir.path()));
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("kosmo(io-error)"), "{}", run.stdout);
    assert!(
        run.stdout.contains("src/app/pages/cafe/index.tsx: file is not valid UTF-8"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&format!("{BROKEN_PAGE}:5:13")), "{}", run.stdout);
    assert_summary(&run.stdout, "Checked 5 files in [time]: 2 errors, 0 warnings, 0 fixable.");
}

#[test]
fn a_binary_page_is_an_io_error_and_the_rest_is_still_checked() {
    let dir = project_copy("syntax-error");
    write(dir.path(), "src/app/pages/blob/index.tsx", b"export default 1;\n\0\x01\x02\xff");

    let (code, document) = check_json(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        findings(&document),
        [finding("io-error", "src/app/pages/blob/index.tsx", BINARY_MESSAGE), syntax_error()]
    );
    assert_eq!(document["summary"]["files"], FIXTURE_FILES + 1);

    let run = run(kosmo_lint_in(dir.path()).arg("check").arg(dir.path()));
    assert!(
        run.stdout.contains(&format!("src/app/pages/blob/index.tsx: {BINARY_MESSAGE}")),
        "{}",
        run.stdout
    );
}

/// `chmod 000` a path and report whether it is really unreadable now (it is not when the
/// tests run as root).
#[cfg(unix)]
fn lock(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if path.is_dir() {
        std::fs::read_dir(path).is_err()
    } else {
        std::fs::File::open(path).is_err()
    }
}

#[cfg(unix)]
fn unlock(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o755 } else { 0o644 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn an_unreadable_page_is_an_io_error_and_the_rest_is_still_checked() {
    let dir = project_copy("syntax-error");
    write(dir.path(), "src/app/pages/secret/index.tsx", "export default function S() {}\n");
    let page = dir.path().join("src/app/pages/secret/index.tsx");
    let unreadable = lock(&page);

    let (code, document) = check_json(dir.path());
    unlock(&page);
    assert_eq!(code, 1);
    assert_eq!(document["summary"]["files"], FIXTURE_FILES + 1);
    if unreadable {
        assert_eq!(
            findings(&document),
            [
                syntax_error(),
                finding(
                    "io-error",
                    "src/app/pages/secret/index.tsx",
                    "cannot read file: Permission denied (os error 13)"
                ),
            ]
        );
    } else {
        // Running as root: the page is readable after all and is linted like any other.
        eprintln!("skipped the unreadable-file assertion: chmod 000 does not stop this user");
        assert_eq!(findings(&document), [syntax_error()]);
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_io_error_and_the_rest_is_still_checked() {
    let dir = project_copy("syntax-error");
    write(dir.path(), "src/app/pages/vault/index.tsx", "export default function V() {}\n");
    let folder = dir.path().join("src/app/pages/vault");
    let unreadable = lock(&folder);

    let (code, document) = check_json(dir.path());
    unlock(&folder);
    assert_eq!(code, 1);
    if unreadable {
        let found = findings(&document);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], syntax_error());
        assert_eq!((found[1].0.as_str(), found[1].1.as_str()), ("io-error", "src/app/pages/vault"));
        assert!(found[1].2.starts_with("cannot read: "), "{found:?}");
        assert!(found[1].2.contains("Permission denied"), "{found:?}");
        assert_eq!(document["summary"]["files"], FIXTURE_FILES);
    } else {
        eprintln!("skipped the unreadable-folder assertion: chmod 000 does not stop this user");
        assert_eq!(findings(&document), [syntax_error()]);
        assert_eq!(document["summary"]["files"], FIXTURE_FILES + 1);
    }
}

#[test]
fn every_kind_of_bad_file_in_one_run() {
    let dir = project_copy("syntax-error");
    write(dir.path(), "src/app/pages/cafe/index.tsx", LATIN1_PAGE);
    write(dir.path(), "src/app/pages/blob/index.tsx", b"\0\0\0\0");
    // A user helper next to a route, and an API route, both not UTF-8.
    write(dir.path(), "src/app/api/status/legacy.ts", b"export const s = \"\xe9\";\n");
    write(dir.path(), "src/app/api/latin/index.ts", b"// \xe9\nexport default 1;\n");

    let (code, document) = check_json(dir.path());
    assert_eq!(code, 1);
    let offset = |n: usize| {
        format!("file is not valid UTF-8 (first invalid byte at offset {n}); save it as UTF-8")
    };
    assert_eq!(
        findings(&document),
        [
            finding("io-error", "src/app/api/latin/index.ts", &offset(3)),
            finding("io-error", "src/app/api/status/legacy.ts", &offset(18)),
            finding("io-error", "src/app/pages/blob/index.tsx", BINARY_MESSAGE),
            syntax_error(),
            finding("io-error", "src/app/pages/cafe/index.tsx", &not_utf8_message()),
        ]
    );
    assert_eq!(document["summary"]["files"], FIXTURE_FILES + 4);
    assert_eq!(document["summary"]["errors"], 5);

    // `routes` still prints the tree: the unreadable route is there, with no methods.
    let run = run(kosmo_lint_in(dir.path()).args(["routes", "--format", "json"]).arg(dir.path()));
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    let tree = common::json(&run);
    let latin = &tree["folders"][0]["api_routes"]["latin"];
    assert_eq!(latin["url"], "/api/latin");
    assert_eq!(latin["methods"], serde_json::json!([]));
    assert_eq!(tree["folders"][0]["api_routes"]["status"]["methods"][0]["method"], "GET");
}
