//! Nothing in a source folder is passed over silently. Paths that are not source files (a
//! broken link, a link loop, a FIFO) are `skipped` entries, named with their reason in every
//! format, that do not fail the run; source files that cannot be read are `io-error`s.
#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::time::Duration;

use common::{Run, kosmo_lint, kosmo_lint_in, run, write};

const PACKAGE: &str = r#"{ "dependencies": { "@kosmojs/core": "^0.5.0", "solid-js": "1" } }"#;
const CONFIG: &str = "import { defineConfig } from \"@kosmojs/dev\";\nexport default defineConfig({ frontend: { stack: \"solid\", base: \"/\" }, backend: { stack: \"hono\", base: \"/api\" } });\n";
const PAGE: &str = "export default function Page() {\n  return null;\n}\n";
const FORMATS: [&str; 5] = ["pretty", "json", "github", "sarif", "junit"];

/// A clean G5+ project: one page, nothing to report.
fn clean_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    write(&root, "package.json", PACKAGE);
    write(&root, "src/app/kosmo.config.ts", CONFIG);
    write(&root, "src/app/pages/index/index.tsx", PAGE);
    (dir, root)
}

fn check(root: &Path, format: &str) -> Run {
    run(kosmo_lint_in(root)
        .args(["check", "--no-cache", "--format", format])
        .arg(root)
        .timeout(Duration::from_mins(1)))
}

/// Every format names `path` with `reason`; the run passes (exit 0).
fn assert_skipped_everywhere(root: &Path, path: &str, reason: &str) {
    for format in FORMATS {
        let run = check(root, format);
        assert_eq!(run.code, 0, "{format}: a skipped path does not fail the run\n{}", run.stdout);
        assert!(run.stdout.contains(path), "{format} lacks {path}:\n{}", run.stdout);
        assert!(run.stdout.contains(reason), "{format} lacks {reason:?}:\n{}", run.stdout);
    }
    let document: serde_json::Value = serde_json::from_str(&check(root, "json").stdout).unwrap();
    let entry = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path)
        .unwrap_or_else(|| panic!("no entry for {path}: {document}"));
    assert_eq!(
        (entry["rule"].as_str(), entry["severity"].as_str()),
        (Some("skipped"), Some("info"))
    );
    assert_eq!(document["summary"]["errors"], 0);
    assert!(document["summary"]["skipped"].as_u64() >= Some(1), "{document}");
    let pretty = check(root, "pretty").stdout;
    assert!(pretty.lines().last().unwrap().contains("Skipped "), "{pretty}");
    let junit = check(root, "junit").stdout;
    assert!(junit.contains("<skipped message=\""), "{junit}");
    let github = check(root, "github").stdout;
    assert!(
        github.contains(&format!("::notice file={path},title=kosmo(skipped)::{reason}")),
        "{github}"
    );
}

#[test]
fn a_dangling_symlink_is_a_skipped_entry_in_every_format() {
    let (_dir, root) = clean_project();
    symlink("nowhere.ts", root.join("src/app/pages/gone.ts")).unwrap();
    assert_skipped_everywhere(
        &root,
        "src/app/pages/gone.ts",
        "broken symbolic link: its target does not exist",
    );
}

#[test]
fn a_symlink_loop_is_a_skipped_entry_and_ends() {
    let (_dir, root) = clean_project();
    symlink("b", root.join("src/app/pages/a")).unwrap();
    symlink("a", root.join("src/app/pages/b")).unwrap();
    // A link to a folder above it: not followed, so the walk cannot loop.
    symlink("..", root.join("src/app/pages/up")).unwrap();
    assert_skipped_everywhere(&root, "src/app/pages/a", "symbolic link loop, not followed");
    assert_skipped_everywhere(&root, "src/app/pages/up", "symbolic link to a folder, not followed");
}

fn mkfifo(path: &Path) {
    let status = StdCommand::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn a_fifo_in_a_source_folder_is_never_opened_and_is_named() {
    let (_dir, root) = clean_project();
    mkfifo(&root.join("src/app/pages/index/pipe.ts"));
    // Opening the FIFO would block the run until the timeout.
    assert_skipped_everywhere(
        &root,
        "src/app/pages/index/pipe.ts",
        "a FIFO (named pipe), not a regular file: never read",
    );
}

#[test]
fn a_fifo_named_on_the_command_line_is_an_io_error() {
    let (_dir, root) = clean_project();
    let pipe = root.join("src/app/pages/index/pipe.ts");
    mkfifo(&pipe);
    let run = run(kosmo_lint_in(&root)
        .args(["check", "--no-cache"])
        .arg(&pipe)
        .timeout(Duration::from_mins(1)));
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "src/app/pages/index/pipe.ts: a FIFO (named pipe), not a regular file: never read"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("kosmo(io-error)"), "{}", run.stdout);
}

#[test]
fn a_symlink_to_a_source_file_inside_the_project_is_linted_under_its_name() {
    let (_dir, root) = clean_project();
    write(&root, "src/app/shared/broken.ts", "export const x = ;\n");
    symlink("../shared/broken.ts", root.join("src/app/pages/linked.ts")).unwrap();
    let run = check(&root, "json");
    assert_eq!(run.code, 1);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let paths: Vec<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["src/app/pages/linked.ts", "src/app/shared/broken.ts"]);
}

#[test]
fn non_utf8_file_and_folder_names_are_linted_and_shown_lossily() {
    let (_dir, root) = clean_project();
    let folder = root.join("src/app/pages").join(OsStr::from_bytes(b"caf\xe9"));
    write(&folder, "index.tsx", "export default function Page() {\n  return <div>;\n}\n");
    std::fs::write(folder.join(OsStr::from_bytes(b"n\xf6.ts")), "export const x = ;\n").unwrap();
    let run = check(&root, "json");
    assert_eq!(run.code, 1, "{}", run.stdout);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str)> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["path"].as_str().unwrap()))
        .collect();
    assert!(found.contains(&("syntax-error", "src/app/pages/caf\u{fffd}/index.tsx")), "{found:?}");
    assert!(
        found.contains(&("syntax-error", "src/app/pages/caf\u{fffd}/n\u{fffd}.ts")),
        "{found:?}"
    );
    // The pretty output holds the same names.
    let pretty = check(&root, "pretty");
    assert!(pretty.stdout.contains("caf\u{fffd}/n\u{fffd}.ts"), "{}", pretty.stdout);
}

/// `(rule, path, message)` of every finding of a `--format json` run.
fn diagnostics(run: &Run) -> Vec<(String, String, String)> {
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let text = |d: &serde_json::Value, key: &str| d[key].as_str().unwrap().to_owned();
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (text(d, "rule"), text(d, "path"), text(d, "message")))
        .collect()
}

/// The run's diagnostics are exactly `expected`, as `(rule, path, message)`.
fn assert_diagnostics(run: &Run, expected: &[(&str, &str, &str)]) {
    let found = diagnostics(run);
    let found: Vec<(&str, &str, &str)> =
        found.iter().map(|(r, p, m)| (r.as_str(), p.as_str(), m.as_str())).collect();
    assert_eq!(found, expected, "{}", run.stdout);
}

#[test]
fn a_folder_where_a_route_file_belongs_is_an_io_error() {
    let (_dir, root) = clean_project();
    std::fs::create_dir_all(root.join("src/app/api/users/index.ts")).unwrap();
    std::fs::create_dir_all(root.join("src/app/pages/about/index.tsx")).unwrap();
    let run = check(&root, "json");
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_diagnostics(
        &run,
        &[
            (
                "io-error",
                "src/app/api/users/index.ts",
                "is a folder, not a file: the API route file cannot be read",
            ),
            (
                "io-error",
                "src/app/pages/about/index.tsx",
                "is a folder, not a file: the page file cannot be read",
            ),
        ],
    );
}

#[test]
fn a_nul_byte_past_the_first_8_kib_of_a_file_that_does_not_parse_makes_it_binary() {
    let (_dir, root) = clean_project();
    let mut bytes = b"// ".to_vec();
    bytes.extend(std::iter::repeat_n(b'a', 9000));
    bytes.extend(b"\n\x00\x01\x02 not source");
    write(&root, "src/app/pages/index/blob.ts", &bytes);
    // A NUL inside a string of a file that parses is JavaScript, not binary.
    write(
        &root,
        "src/app/pages/index/nul.ts",
        format!("// {}\nexport const nul = \"\0\";\n", "a".repeat(9000)),
    );
    let run = check(&root, "json");
    assert_diagnostics(
        &run,
        &[(
            "io-error",
            "src/app/pages/index/blob.ts",
            "binary file (contains a NUL byte), not source code",
        )],
    );
    assert_eq!(run.code, 1);
}

/// `routes` shows the tree, and names on stderr what is not in it: a skipped path (exit 0),
/// and a route file that cannot be read (exit 2: the tree is incomplete).
#[test]
fn routes_names_what_it_skipped_or_could_not_read() {
    let (_dir, root) = clean_project();
    symlink("nowhere.ts", root.join("src/app/pages/gone.ts")).unwrap();
    let routes = |root: &Path| run(kosmo_lint_in(root).args(["routes", "--no-cache"]).arg(root));

    let skipped = routes(&root);
    assert_eq!(skipped.code, 0, "{}", skipped.stderr);
    assert!(skipped.stdout.contains("Pages (1)"), "{}", skipped.stdout);
    assert_eq!(
        skipped.stderr,
        "kosmo-lint: src/app/pages/gone.ts: skipped: broken symbolic link: its target does not \
         exist\n"
    );

    std::fs::create_dir_all(root.join("src/app/api/users/index.ts")).unwrap();
    let unreadable = routes(&root);
    assert_eq!(unreadable.code, 2, "{}", unreadable.stderr);
    assert!(
        unreadable.stderr.contains(
            "kosmo-lint: src/app/api/users/index.ts: is a folder, not a file: the API route \
             file cannot be read\n"
        ),
        "{}",
        unreadable.stderr
    );
}

/// A broken link or a link loop named on the command line cannot be linted: the run fails
/// (exit 2) and says what the path is, not that it does not exist.
#[test]
fn a_broken_link_or_a_link_loop_named_on_the_command_line_is_said_as_such() {
    let (_dir, root) = clean_project();
    let gone = root.join("src/app/pages/gone.tsx");
    symlink("nowhere.tsx", &gone).unwrap();
    symlink("b", root.join("src/app/pages/a")).unwrap();
    symlink("a", root.join("src/app/pages/b")).unwrap();
    let named = |path: &Path| run(kosmo_lint().arg("check").arg(path));

    let broken = named(&gone);
    assert_eq!(broken.code, 2, "{}", broken.stderr);
    assert!(
        broken.stderr.contains("broken symbolic link, its target does not exist: "),
        "{}",
        broken.stderr
    );
    let looped = named(&root.join("src/app/pages/a"));
    assert_eq!(looped.code, 2, "{}", looped.stderr);
    assert!(looped.stderr.contains("symbolic link that cannot be followed ("), "{}", looped.stderr);
    let missing = named(&root.join("src/app/pages/nope.tsx"));
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("path does not exist: "), "{}", missing.stderr);
}
