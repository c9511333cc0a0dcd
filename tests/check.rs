//! `kosmo-lint check`: exit codes 0/1/2, the summary line, syntax errors with `file:line:col`,
//! the JSON document, run errors on stderr, and which files a path selects.

mod common;

use std::fs;

use common::{
    assert_summary, kosmo, kosmo_lint, kosmo_lint_in, project_copy, redact_timing, run, write,
};
use serde_json::Value;

const SYNTAX_ERROR: &str = "tests/fixtures/projects/syntax-error";
const BROKEN_PAGE: &str = "src/app/pages/broken/index.tsx";

/// `(rule, path, line, column)` of every diagnostic in a JSON document.
fn diagnostics(document: &Value) -> Vec<(&str, &str, Option<u64>, Option<u64>)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"].as_u64(),
                d["column"].as_u64(),
            )
        })
        .collect()
}

/// A run that could not be done: exit 2, nothing on stdout, the reason on stderr.
fn assert_run_failed(run: &common::Run, message: &str) {
    assert_eq!(run.code, 2, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "nothing on stdout when the run fails");
    assert!(run.stderr.contains(message), "stderr lacks {message:?}:\n{}", run.stderr);
}

#[test]
fn a_clean_project_prints_only_the_summary() {
    let path = "tests/fixtures/generations/g5";
    let run = kosmo(&["check", path]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.contains(" ms: "), "timing in ms: {}", run.stdout);
    assert!(run.stdout.contains(": 0 errors, 0 warnings, 0 fixable."), "{}", run.stdout);

    let run = kosmo(&["check", path, "--format", "json"]);
    assert_eq!(run.code, 0);
    let document = common::json(&run);
    assert_eq!(document["diagnostics"], serde_json::json!([]));
    assert_eq!(document["summary"]["errors"], 0);
}

/// The G1–G4 fixtures load data as each generation's docs did: the seed's
/// `export const preload = fetchData` + `createAsync(fetchData)`, G4's
/// `export { GET as preload }`. Adopting kosmo-lint there gives warnings, not a failed run;
/// `-D` makes them errors.
#[test]
fn a_seed_style_project_gets_warnings_not_a_failure() {
    const SEED_RULES: [&str; 2] = ["no-bare-function-reference", "preload-query-cache"];
    for generation in ["g1", "g2", "g3", "g4"] {
        let path = format!("tests/fixtures/generations/{generation}");
        let run = kosmo(&["check", &path, "--format", "json"]);
        assert_eq!(run.code, 0, "{generation}: {}", run.stdout);
        let document = common::json(&run);
        let findings = document["diagnostics"].as_array().unwrap();
        for rule in SEED_RULES {
            assert!(findings.iter().any(|d| d["rule"] == rule), "{generation}: no {rule}");
        }
        for finding in findings {
            assert!(SEED_RULES.contains(&finding["rule"].as_str().unwrap()), "{finding}");
            assert_eq!(finding["severity"], "warning", "{finding}");
        }
        let denied = kosmo(&["check", &path, "-D", "preload-query-cache"]);
        assert_eq!(denied.code, 1, "{generation}: {}", denied.stdout);
    }
}

#[test]
fn syntax_error_pretty_names_file_line_column_and_counts_every_file() {
    let run = kosmo(&["check", SYNTAX_ERROR]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "", "findings go to stdout");
    assert!(run.stdout.contains("kosmo(syntax-error)"), "{}", run.stdout);
    // Paths are named from the working folder (here the repository's).
    assert!(run.stdout.contains(&format!("[{SYNTAX_ERROR}/{BROKEN_PAGE}:5:13]")), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "no colour on a pipe: {}", run.stdout);
    // The other three files (the api route, kosmo.config.ts and the index page) are checked.
    assert_summary(&run.stdout, "Checked 4 files in [time]: 1 error, 0 warnings, 0 fixable.");
    insta::assert_snapshot!("syntax_error_pretty", redact_timing(&run.stdout));
}

#[test]
fn syntax_error_json_is_one_document() {
    let run = kosmo(&["check", "--format", "json", SYNTAX_ERROR]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
    let document = common::json(&run);
    assert_eq!(document["version"], 2);
    assert_eq!(document["projects"], serde_json::json!([{ "root": SYNTAX_ERROR, "files": 4 }]));
    let broken = format!("{SYNTAX_ERROR}/{BROKEN_PAGE}");
    assert_eq!(diagnostics(&document), [("syntax-error", broken.as_str(), Some(5), Some(13))]);
    assert_eq!(document["diagnostics"][0]["project"], SYNTAX_ERROR);
    let diagnostic = &document["diagnostics"][0];
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!((&diagnostic["end_line"], &diagnostic["end_column"]), (&5.into(), &14.into()));
    assert!(diagnostic["fix"].is_null());
    assert_eq!(
        document["summary"],
        serde_json::json!({ "files": 4, "errors": 1, "warnings": 0, "fixable": 0 })
    );
    insta::assert_snapshot!("syntax_error_json", run.stdout);
}

#[test]
fn a_missing_path_is_a_run_error() {
    let run = kosmo(&["check", "does/not/exist"]);
    assert_run_failed(&run, "path does not exist: does/not/exist");
    let run = kosmo(&["check", "--format", "json", "does/not/exist"]);
    assert_run_failed(&run, "path does not exist: does/not/exist");
    // One missing path among good ones still fails the whole run.
    let run = kosmo(&["check", "examples/shop", "does/not/exist"]);
    assert_run_failed(&run, "path does not exist: does/not/exist");
    let run = kosmo(&["routes", "does/not/exist"]);
    assert_run_failed(&run, "path does not exist: does/not/exist");
}

#[test]
fn a_folder_outside_any_kosmo_project_is_a_run_error() {
    let run = kosmo(&["check", "tests/fixtures/projects/not-kosmo"]);
    assert_run_failed(&run, "no KosmoJS project found at or above");
    // The path is printed whole, not wrapped across lines.
    assert!(
        run.stderr.contains("/tests/fixtures/projects/not-kosmo: no package.json"),
        "{}",
        run.stderr
    );
    let run = kosmo(&["routes", "tests/fixtures/projects/not-kosmo/src/index.ts"]);
    assert_run_failed(&run, "no KosmoJS project found at or above");
}

#[test]
fn a_broken_kosmo_package_json_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "package.json",
        "{\n  \"dependencies\": {\n    \"@kosmojs/core\" \"^0.5.0\"\n  }\n}\n",
    );
    write(dir.path(), "src/app/kosmo.config.ts", "export default {};\n");
    let root = fs::canonicalize(dir.path()).unwrap();
    let run = run(kosmo_lint_in(dir.path()).arg("check").arg(dir.path()));
    let expected = format!(
        "{}:3:21: invalid JSON: Expected colon after the string or word in object property",
        root.join("package.json").display()
    );
    assert_run_failed(&run, &expected);
}

#[test]
fn a_kosmo_project_without_source_folders_is_a_run_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "package.json", r#"{ "dependencies": { "@kosmojs/core": "^0.5.0" } }"#);
    // A `src/` subfolder without kosmo.config.ts, api/ or pages/ is not a source folder.
    write(dir.path(), "src/util/strings.ts", "export const x = 1;\n");
    let run = run(kosmo_lint_in(dir.path()).arg("check").arg(dir.path()));
    assert_run_failed(&run, "has no source folders");
}

#[test]
fn check_from_a_deep_subfolder_finds_the_project() {
    let deep = common::repo("tests/fixtures/projects/nested-cwd/src/app/components/notes");
    // No path argument: the current folder, whose project is found by walking up.
    let run = run(kosmo_lint().arg("check").current_dir(&deep));
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_summary(&run.stdout, "Checked 1 file in [time]: 0 errors, 0 warnings, 0 fixable.");
    // The whole route tree is loaded from there.
    let routes = run_json(kosmo_lint().args(["routes", "--format", "json"]).current_dir(&deep));
    let app = &routes["folders"][0];
    assert_eq!(app["rel"], "src/app");
    assert_eq!(app["api_routes"]["notes/[id]"]["url"], "/api/notes/:id");
    assert_eq!(app["pages"]["settings/profile"]["url"], "/settings/profile");
}

#[test]
fn check_from_a_deep_subfolder_reports_only_below_it_with_paths_from_there() {
    let dir = project_copy("nested-cwd");
    write(dir.path(), "src/app/pages/settings/profile/index.tsx", "export default () => (;\n");
    write(dir.path(), "src/app/pages/notes/index.tsx", "export const = 1;\n");

    let deep = dir.path().join("src/app/pages/settings/profile");
    let document = run_json(kosmo_lint().args(["check", "--format", "json"]).current_dir(&deep));
    assert_eq!(diagnostics(&document), [("syntax-error", "index.tsx", Some(1), Some(23))]);
    assert_eq!(document["summary"]["files"], 1);

    let document =
        run_json(kosmo_lint().args(["check", "--format", "json"]).current_dir(dir.path()));
    assert_eq!(
        diagnostics(&document),
        [
            ("syntax-error", "src/app/pages/notes/index.tsx", Some(1), Some(14)),
            ("syntax-error", "src/app/pages/settings/profile/index.tsx", Some(1), Some(23)),
        ]
    );
    assert_eq!(document["summary"]["files"], 6);
}

/// Runs a command expected to exit 1 or 0 with one JSON document on stdout.
fn run_json(cmd: &mut assert_cmd::Command) -> Value {
    let run = run(cmd);
    assert!(run.code == 0 || run.code == 1, "exit {}; stderr:\n{}", run.code, run.stderr);
    common::json(&run)
}

#[test]
fn check_on_one_file_restricts_findings_to_it_but_loads_the_project() {
    let clean = format!("{SYNTAX_ERROR}/src/app/pages/index/index.tsx");
    let broken = format!("{SYNTAX_ERROR}/{BROKEN_PAGE}");

    // The project has a syntax error elsewhere; this file is clean.
    let run = kosmo(&["check", &clean]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_summary(&run.stdout, "Checked 1 file in [time]: 0 errors, 0 warnings, 0 fixable.");

    // The path in the finding is relative to the working folder, whatever the argument.
    let document = common::json(&kosmo(&["check", "--format", "json", &broken]));
    assert_eq!(diagnostics(&document), [("syntax-error", broken.as_str(), Some(5), Some(13))]);
    assert_eq!(document["summary"]["files"], 1);

    // Two files of one project: one load, the union of the files.
    let run = kosmo(&["check", "--format", "json", &clean, &broken]);
    assert_eq!(run.code, 1);
    let document = common::json(&run);
    assert_eq!(diagnostics(&document), [("syntax-error", broken.as_str(), Some(5), Some(13))]);
    assert_eq!(document["summary"]["files"], 2);

    // The same file twice (once through its folder) is checked and reported once.
    let folder = format!("{SYNTAX_ERROR}/src/app/pages/broken");
    let document = common::json(&kosmo(&["check", "--format", "json", &broken, &folder]));
    assert_eq!(diagnostics(&document).len(), 1);
    assert_eq!(document["summary"]["files"], 1);
}

#[test]
fn two_projects_in_one_run() {
    let g5 = "tests/fixtures/generations/g5";
    let alone = common::json(&kosmo(&["check", "--format", "json", g5]));
    let run = kosmo(&["check", "--format", "json", g5, SYNTAX_ERROR]);
    assert_eq!(run.code, 1);
    let document = common::json(&run);
    let broken = format!("{SYNTAX_ERROR}/{BROKEN_PAGE}");
    assert_eq!(diagnostics(&document), [("syntax-error", broken.as_str(), Some(5), Some(13))]);
    assert_eq!(document["diagnostics"][0]["project"], SYNTAX_ERROR);
    assert_eq!(document["summary"]["files"], alone["summary"]["files"].as_u64().unwrap() + 4);
}

/// A help names what to read the data through: never an empty name (issue 11), whether the
/// preload loads nothing, or reads a route or an import written as `""`.
#[test]
fn help_texts_never_name_nothing() {
    let imports = "import { createAsync, query } from \"@solidjs/router\";\nimport fetchClients from \"_/fetch\";\nimport { \"\" as loadAll } from \"./data\";\nconst getUsers = query(() => fetchClients.users.GET(), \"users\");\n";
    let component = "export default function Page() { const u = createAsync(() => getUsers()); const r = createAsync(() => fetch(\"/api/users\")); return <p>{String(u()) + String(r())}</p>; }\n";
    for preload in [
        "export const preload = () => {};",
        "export function preload() { console.log(\"preload\"); }",
        "export const preload = () => { void fetchClients[\"\"].GET(); };",
        "export const preload = () => { void loadAll(); };",
    ] {
        let dir = project_copy("../fix/g5-query");
        write(
            dir.path(),
            "src/app/pages/users/index.tsx",
            format!("{imports}{preload}\n{component}"),
        );
        let run = kosmo(&["check", "--format", "json", dir.path().to_str().unwrap()]);
        assert_eq!(run.code, 1, "{preload}: {}", run.stdout);
        let document = common::json(&run);
        let helps: Vec<&str> = document["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "create-async-reuses-preload")
            .map(|d| d["help"].as_str().unwrap())
            .collect();
        // A preload that calls an import kosmo-lint cannot follow may warm `getUsers`: only
        // the hand-written request is certain.
        let expected = if preload.contains("loadAll") { 1 } else { 2 };
        assert_eq!(helps.len(), expected, "{preload}: {document:#}");
        for help in helps {
            assert!(!help.contains("through ,") && !help.contains("``"), "{preload}: {help}");
        }
    }
}
