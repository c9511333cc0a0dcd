//! A panic while one file is analysed is contained to that file: it becomes an
//! `internal-error` finding naming the file and the panic, the rest is still linted, and the
//! run exits 2. The panic is injected through `KOSMO_LINT_TEST_PANIC`, honoured only by debug
//! builds (which the tests run): a file whose text contains its value panics in extraction.

mod common;

use common::{kosmo_lint, kosmo_lint_in, project_copy, run};

const MARKER: &str = "KOSMO-LINT-TEST-PANIC";

fn with_marker(root: &std::path::Path, rel: &str) {
    let path = root.join(rel);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("// ");
    text.push_str(MARKER);
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_panic_in_one_file_is_its_internal_error_and_the_rest_is_linted() {
    let dir = project_copy("syntax-error");
    with_marker(dir.path(), "src/app/pages/index/index.tsx");
    with_marker(dir.path(), "src/app/api/status/index.ts");
    let check = |format: &str| {
        run(kosmo_lint_in(dir.path())
            .env("KOSMO_LINT_TEST_PANIC", MARKER)
            .args(["check", "--no-cache", "--format", format])
            .arg(dir.path()))
    };
    let json = check("json");
    assert_eq!(json.code, 2, "{}", json.stderr);
    assert_eq!(json.stderr, "", "no panic message besides the findings");
    let document = common::json(&json);
    let findings: Vec<(&str, &str)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        findings,
        [
            ("internal-error", "src/app/api/status/index.ts"),
            ("syntax-error", "src/app/pages/broken/index.tsx"),
            ("internal-error", "src/app/pages/index/index.tsx"),
        ]
    );
    let message = document["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "kosmo-lint crashed while checking this file (injected by KOSMO_LINT_TEST_PANIC, at \
             crates/kosmo_lint_facts/src/lib.rs:"
        ),
        "{message}"
    );
    assert!(message.ends_with("this is a bug, please report it with the file at https://github.com/kosmo-lint/kosmo-lint/issues"), "{message}");
    for format in ["pretty", "github", "sarif", "junit"] {
        let run = check(format);
        assert_eq!((run.code, run.stderr.as_str()), (2, ""), "{format}");
        assert!(run.stdout.contains("internal-error"), "{format}");
    }

    // Named files (the pre-commit path), and `routes`, which names them on stderr.
    let page = dir.path().join("src/app/pages/index/index.tsx");
    let named = run(kosmo_lint().env("KOSMO_LINT_TEST_PANIC", MARKER).arg("check").arg(&page));
    assert_eq!(named.code, 2, "{}", named.stderr);
    assert!(named.stdout.contains("kosmo(internal-error)"), "{}", named.stdout);
    let routes = run(kosmo_lint_in(dir.path())
        .env("KOSMO_LINT_TEST_PANIC", MARKER)
        .args(["routes", "--no-cache"])
        .arg(dir.path()));
    assert_eq!(routes.code, 2);
    assert!(routes.stdout.contains("/broken"), "the rest of the tree is shown:\n{}", routes.stdout);
    let crashed: Vec<&str> = routes
        .stderr
        .lines()
        .map(|line| line.split(": kosmo-lint crashed").next().unwrap())
        .collect();
    assert_eq!(
        crashed,
        ["kosmo-lint: src/app/api/status/index.ts", "kosmo-lint: src/app/pages/index/index.tsx"],
        "{}",
        routes.stderr
    );
}

#[test]
fn a_panic_outside_any_file_is_said_on_stderr_with_exit_2() {
    let run = run(kosmo_lint().env("KOSMO_LINT_TEST_PANIC", "@command").arg("rules"));
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with(
            "kosmo-lint: internal error: injected by KOSMO_LINT_TEST_PANIC, at src/main.rs:"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("This is a bug in kosmo-lint; please report it at"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked at"), "{}", run.stderr);
}
