//! `kosmo-lint check --stdin-filename PATH`: the text on stdin linted as the file at PATH,
//! with the rest of its project from disk (an editor's unsaved buffer, a pipe), in every
//! mode: report, `--fix` (fixed text on stdout, report on stderr) and `--diff`. Every run
//! works on a temporary copy and checks that no file of it was written.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, kosmo_lint_in, redact_timing, repo_copy, tree_bytes};

/// The fixture's page as the buffer has it: its preload missing, and a client of a route
/// that does not exist.
const BUFFER: &str = r#"import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";

const getUsers = query(() => fetchClients.userz.GET(), "users");

export default function UsersPage() {
  const users = createAsync(() => getUsers());
  return <p>{String(users())}</p>;
}
"#;

/// Runs `kosmo-lint check <args> --stdin-filename <root>/<rel>` with `stdin` piped in.
fn check_stdin(root: &Path, rel: &str, args: &[&str], stdin: &[u8]) -> Run {
    let mut cmd = kosmo_lint_in(root);
    cmd.arg("check").args(args).arg("--stdin-filename").arg(root.join(rel));
    common::run(cmd.write_stdin(stdin))
}

fn rules_and_lines(report: &serde_json::Value) -> Vec<(String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_owned(), d["line"].as_u64().unwrap()))
        .collect()
}

#[test]
fn the_buffer_is_linted_in_place_of_the_file_and_nothing_is_written() {
    let dir = repo_copy("tests/fixtures/fix/g5-query");
    let before = tree_bytes(dir.path());
    let page = "src/app/pages/users/index.tsx";
    let run = check_stdin(dir.path(), page, &["--format", "json", "--no-cache"], BUFFER.as_bytes());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        rules_and_lines(&report),
        [("fetch-client-route-exists".to_owned(), 4), ("missing-preload".to_owned(), 7)],
        "positions are the buffer's, not the file's"
    );
    assert_eq!(report["diagnostics"][0]["path"], page);
    assert_eq!(tree_bytes(dir.path()), before);

    // With the caches on, the named-file path (a cached route tree) gives the same report,
    // and a cache never takes the buffer for the file or the file for the buffer.
    for _ in 0..2 {
        let cached = check_stdin(dir.path(), page, &["--format", "json"], BUFFER.as_bytes());
        assert_eq!(cached.stdout, run.stdout);
    }
    let disk = kosmo_lint_in(dir.path())
        .args(["check", "--format", "json"])
        .arg(dir.path().join(page))
        .output()
        .unwrap();
    let disk: serde_json::Value = serde_json::from_slice(&disk.stdout).unwrap();
    assert_eq!(rules_and_lines(&disk), [("missing-preload".to_owned(), 8)]);
}

#[test]
fn a_page_not_saved_yet_in_a_folder_not_made_yet_is_linted() {
    let dir = repo_copy("tests/fixtures/fix/g5-query");
    let run = check_stdin(
        dir.path(),
        "src/app/pages/teams/[id]/index.tsx",
        &["--no-cache"],
        BUFFER.as_bytes(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let stdout = redact_timing(&run.stdout);
    assert!(stdout.contains("src/app/pages/teams/[id]/index.tsx:4:"), "{stdout}");
    assert!(stdout.contains("did you mean `users`?"), "{stdout}");
    assert!(
        stdout.ends_with("Checked 1 file in [time]: 1 error, 1 warning, 1 fixable.\n"),
        "{stdout}"
    );
    assert!(!dir.path().join("src/app/pages/teams").exists());
}

#[test]
fn fix_prints_the_fixed_text_and_reports_on_stderr_diff_prints_the_diff() {
    let dir = repo_copy("tests/fixtures/fix/g5-query");
    let before = tree_bytes(dir.path());
    let page = "src/app/pages/users/index.tsx";
    let run = check_stdin(dir.path(), page, &["--fix", "--no-cache"], BUFFER.as_bytes());
    assert_eq!(run.code, 1, "the unknown route remains: {}", run.stderr);
    let preload = "export const preload = () => { void getUsers(); };\n";
    assert_eq!(
        run.stdout,
        BUFFER.replacen("\nexport default", &format!("\n{preload}\nexport default"), 1)
    );
    assert!(run.stderr.contains("fetch-client-route-exists"), "{}", run.stderr);
    assert!(!run.stderr.contains("missing-preload"), "fixed: {}", run.stderr);
    assert!(
        redact_timing(&run.stderr).contains("1 error, 0 warnings, 0 fixable. Fixed 1 finding.")
    );

    // Nothing to fix: the text comes back as it went in.
    let clean = fs::read_to_string(dir.path().join(page)).unwrap();
    let clean = clean.replacen("\nexport default", &format!("\n{preload}\nexport default"), 1);
    let run = check_stdin(dir.path(), page, &["--fix", "--no-cache"], clean.as_bytes());
    assert_eq!((run.code, run.stdout.as_str()), (0, clean.as_str()), "{}", run.stderr);

    let run = check_stdin(dir.path(), page, &["--diff", "--no-cache"], BUFFER.as_bytes());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!("--- a/{page}\n+++ b/{page}\n")), "{}", run.stdout);
    assert!(run.stdout.contains(&format!("+{preload}")), "{}", run.stdout);
    assert_eq!(tree_bytes(dir.path()), before, "neither --fix nor --diff writes a buffer");
}

#[test]
fn stdin_that_is_not_utf8_or_a_path_outside_a_project_stops_the_run() {
    let dir = repo_copy("tests/fixtures/fix/g5-query");
    let run =
        check_stdin(dir.path(), "src/app/pages/users/index.tsx", &[], b"const a = \"caf\xe9\";\n");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not valid UTF-8 (first invalid byte at offset 14)"),
        "{}",
        run.stderr
    );
    let outside = tempfile::tempdir().unwrap();
    let run = check_stdin(outside.path(), "pages/index.tsx", &[], BUFFER.as_bytes());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("KosmoJS"), "{}", run.stderr);
    let run = kosmo_lint_in(dir.path())
        .args(["check", "src", "--stdin-filename", "x.tsx"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "a path and --stdin-filename conflict");
}
