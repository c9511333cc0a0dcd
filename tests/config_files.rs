//! The JSON files a project's own tools accept are read as those tools read them:
//! `tsconfig.json` as tsc (comments, trailing commas, a byte order mark), `package.json` as
//! npm (strict JSON, a byte order mark), `kosmo-lint.json` as JSONC like oxlint's config.
//! A file those tools reject is a run error (exit 2) naming `file:line:col` and the reason.

mod common;

use std::fs;
use std::path::Path;

use common::{arg, check_json, kosmo, repo_copy};

const BOM: &str = "\u{feff}";

/// The findings of a check, to compare a project with its JSON files rewritten.
fn findings_of(root: &Path) -> (i32, serde_json::Value) {
    let (code, document) = check_json(root);
    (code, document["diagnostics"].clone())
}

#[test]
fn a_tsconfig_with_a_comma_before_a_comment_and_a_byte_order_mark_is_read_as_tsc_reads_it() {
    let dir = repo_copy("examples/seed-app");
    let root = dir.path();
    let expected = findings_of(root);
    assert_eq!(expected.0, 1, "the seed app has planted violations");
    // The G1 folder is found through the tsconfig `paths` alias, so a tsconfig read wrongly
    // changes the findings, and one not read at all stops the run.
    let tsconfig = fs::read_to_string(root.join("tsconfig.json")).unwrap();
    let edited = tsconfig
        .replace("\"skipLibCheck\": true,", "\"skipLibCheck\": true, // fast\n")
        .replace("\"./lib/@front/*\"],", "\"./lib/@front/*\"], /* G1 */")
        .replace("\"./lib/*\"]", "\"./lib/*\"], // last, with a trailing comma");
    assert_ne!(edited, tsconfig);
    fs::write(root.join("tsconfig.json"), format!("{BOM}{edited}")).unwrap();
    assert_eq!(findings_of(root), expected);
}

#[test]
fn a_package_json_with_a_byte_order_mark_is_read_as_npm_reads_it() {
    let dir = repo_copy("examples/shop");
    let root = dir.path();
    let expected = findings_of(root);
    let manifest = fs::read_to_string(root.join("package.json")).unwrap();
    fs::write(root.join("package.json"), format!("{BOM}{manifest}")).unwrap();
    assert_eq!(findings_of(root), expected);
}

#[test]
fn kosmo_lint_json_is_jsonc_with_a_byte_order_mark() {
    let dir = repo_copy("examples/shop");
    let root = dir.path();
    fs::write(
        root.join("kosmo-lint.json"),
        format!(
            "{BOM}{{\n  \"rules\": {{\n    \"missing-preload\": \"off\", // not yet\n  }},\n}}\n"
        ),
    )
    .unwrap();
    let (code, document) = check_json(root);
    assert_eq!(code, 1);
    let rules: Vec<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.is_empty() && !rules.contains(&"missing-preload"), "{rules:?}");
}

/// Runs a check and returns stderr, asserting exit 2 and nothing on stdout.
fn run_error(root: &Path) -> String {
    let run = kosmo(&["check", arg(root)]);
    assert_eq!(run.code, 2, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    run.stderr
}

#[test]
fn json_the_tools_reject_stops_the_run_with_file_line_column_and_reason() {
    let dir = repo_copy("examples/shop");
    let root = fs::canonicalize(dir.path()).unwrap();
    let manifest = fs::read_to_string(root.join("package.json")).unwrap();

    // npm does not accept comments in package.json.
    fs::write(root.join("package.json"), manifest.replacen('{', "{\n  // deps", 1)).unwrap();
    let stderr = run_error(&root);
    let expected = format!(
        "{}:2:3: invalid JSON: Comments are not allowed",
        root.join("package.json").display()
    );
    assert!(stderr.contains(&expected), "{stderr}");

    // Nor a trailing comma, which tsc would accept in a tsconfig.json.
    let with_comma =
        manifest.trim_end().strip_suffix('}').unwrap().trim_end().to_owned() + ",\n}\n";
    fs::write(root.join("package.json"), &with_comma).unwrap();
    let stderr = run_error(&root);
    assert!(stderr.contains("invalid JSON: Trailing commas are not allowed"), "{stderr}");
    fs::write(root.join("package.json"), &manifest).unwrap();

    // A kosmo-lint.json with a missing comma: where, and why.
    fs::write(root.join("kosmo-lint.json"), "{\n  \"rules\": {}\n  \"ignorePatterns\": []\n}\n")
        .unwrap();
    let stderr = run_error(&root);
    let expected = format!("{}:2:14: Expected comma", root.join("kosmo-lint.json").display());
    assert!(stderr.contains(&expected), "{stderr}");

    // An unknown key is reported where it starts.
    fs::write(root.join("kosmo-lint.json"), "{\n  // c\n  \"rulez\": {},\n}\n").unwrap();
    let stderr = run_error(&root);
    let expected = format!("{}:3:3: unknown field `rulez`", root.join("kosmo-lint.json").display());
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_broken_tsconfig_stops_the_run_with_file_line_column_and_reason() {
    let dir = repo_copy("examples/seed-app");
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::write(root.join("tsconfig.json"), "{\n  \"compilerOptions\": { \"strict\": true,, }\n}\n")
        .unwrap();
    let stderr = run_error(&root);
    let expected = format!(
        "{}:2:39: invalid JSON: Unexpected token in object",
        root.join("tsconfig.json").display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

/// Found by fuzzing (`fuzz/regressions/config_files/`): a config whose error falls inside a
/// multi-byte character (here after a comment ending in `뀖`) crashed the run; it is an error
/// at the character's position like any other.
#[test]
fn an_error_inside_a_multibyte_character_is_reported_not_a_crash() {
    let dir = repo_copy("examples/shop");
    let root = dir.path();
    fs::write(root.join("kosmo-lint.json"), "////;//aa\u{b016}").unwrap();
    let stderr = run_error(root);
    assert!(stderr.contains("kosmo-lint.json:1:10: EOF while parsing a value"), "{stderr}");
    assert!(!stderr.contains("internal error"), "{stderr}");
}
