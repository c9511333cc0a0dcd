//! Shared helpers for the end-to-end tests: running the binary, fixture paths, copying a
//! fixture project into a temporary folder, and removing the timing from summary lines.
// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod consumers;

/// The repository root (the root package's folder).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path below the workspace root.
pub fn repo(rel: &str) -> PathBuf {
    repo_root().join(rel)
}

/// `kosmo-lint`, run from the workspace root (so paths in arguments and messages are the
/// relative ones written in the tests), with an environment that cannot turn colour on or
/// change the help width.
pub fn kosmo_lint() -> Command {
    let mut cmd = Command::cargo_bin("kosmo-lint").expect("the kosmo-lint binary is built");
    cmd.current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("COLUMNS");
    cmd
}

/// `kosmo-lint`, run from `folder` (a project's root, as a user in it runs it): every format
/// names files relative to the folder kosmo-lint runs in.
pub fn kosmo_lint_in(folder: &Path) -> Command {
    let mut cmd = kosmo_lint();
    cmd.current_dir(folder);
    cmd
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the command to completion; a signal (no exit code) fails the test.
pub fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("kosmo-lint starts");
    Run {
        code: output.status.code().expect("kosmo-lint exited normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `kosmo-lint <args>` from the workspace root.
pub fn kosmo(args: &[&str]) -> Run {
    run(kosmo_lint().args(args))
}

/// Runs `kosmo-lint <args>` from `folder`.
pub fn kosmo_in(folder: &Path, args: &[&str]) -> Run {
    run(kosmo_lint_in(folder).args(args))
}

/// A run's stdout, parsed as one JSON document.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", run.stdout))
}

/// `kosmo-lint check --format json <project>`, run from the project's root (so paths are
/// relative to it): the exit code and the document.
pub fn check_json(project: &Path) -> (i32, serde_json::Value) {
    let run = run(kosmo_lint_in(project).args(["check", "--format", "json", arg(project)]));
    (run.code, json(&run))
}

/// Copies a folder recursively (files and folders only, which is all the fixtures hold).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        // Earlier runs on the repository's own examples leave a fact cache there.
        if entry.file_name() == ".kosmo-lint-cache" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of `tests/fixtures/projects/<name>`; the project is at `.path()`.
pub fn project_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo(&format!("tests/fixtures/projects/{name}")), dir.path());
    dir
}

/// Writes a file below `root`, creating its folders.
pub fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// `Checked 4 files in 3 ms: …` → `Checked 4 files in [time]: …` (also `in 1.20 s`).
pub fn redact_timing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let redacted = line.strip_prefix("Checked ").and_then(|rest| {
            let (files, after) = rest.split_once(" in ")?;
            let (_, totals) = after.split_once(':')?;
            Some(format!("Checked {files} in [time]:{totals}"))
        });
        out.push_str(redacted.as_deref().unwrap_or(line));
    }
    out
}

/// Asserts the summary line, timing aside, and that it is the last line of stdout.
pub fn assert_summary(stdout: &str, expected: &str) {
    let last = redact_timing(stdout.lines().last().unwrap_or_default());
    assert_eq!(last, expected, "stdout:\n{stdout}");
    assert!(stdout.ends_with('\n'), "stdout ends with a newline:\n{stdout}");
}

/// A temporary copy of the folder `rel` below the workspace root (a fixture project or an
/// example); the copy is at `.path()`.
pub fn repo_copy(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo(rel), dir.path());
    dir
}

/// Every file below `root` with its bytes, keyed by its path relative to `root`: comparing two
/// of these tells whether a run changed, added or removed any file.
pub fn tree_bytes(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, folder: &Path, out: &mut std::collections::BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            // kosmo-lint's own fact cache is not one of the project's files.
            if path.file_name().is_some_and(|n| n == ".kosmo-lint-cache") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// A path as a command-line argument (the temporary folders have UTF-8 paths).
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Sets the modification time of every file and folder below `root` (and of `root`) to an
/// hour ago. kosmo-lint does not cache what was modified moments before a run (a file written
/// again within its file system's timestamp granularity could look unchanged), so tests of
/// the caches age the copies they make first.
pub fn age(root: &Path) {
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    for entry in fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            age(&path);
        } else {
            fs::File::open(&path).unwrap().set_modified(an_hour_ago).unwrap();
        }
    }
    fs::File::open(root).unwrap().set_modified(an_hour_ago).unwrap();
}

/// [`repo_copy`], aged (see [`age`]).
pub fn aged_repo_copy(rel: &str) -> tempfile::TempDir {
    let dir = repo_copy(rel);
    age(dir.path());
    dir
}

/// Feeds `diff` to a patch tool (`git apply -`, `patch -p1`) run in `root`, and asserts that
/// the tool accepted it; `false` when the tool is not installed.
pub fn apply_diff(mut tool: std::process::Command, root: &Path, diff: &str) -> bool {
    use std::io::Write;
    use std::process::Stdio;

    let name = tool.get_program().to_string_lossy().into_owned();
    let child = tool
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return false,
        Err(e) => panic!("{name}: {e}"),
    };
    child.stdin.take().unwrap().write_all(diff.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{name} refused the diff:\n{}{}\n{diff:?}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

/// Applies a unified diff with `git apply` in `root` (outside any repository, whatever folder
/// the temporary files are in); `false` when git is not installed.
pub fn git_apply(root: &Path, diff: &str) -> bool {
    let mut git = std::process::Command::new("git");
    git.args(["apply", "--whitespace=nowarn", "-"])
        .env("GIT_CEILING_DIRECTORIES", root.parent().unwrap());
    apply_diff(git, root, diff)
}

/// `severity rule path:line:column message` and the help, one line each: a report's
/// findings as a snapshot reads them.
pub fn findings_summary(report: &serde_json::Value) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let _ = writeln!(
            out,
            "{} {} {}:{}:{} {}",
            d["severity"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["path"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["message"].as_str().unwrap(),
        );
        if let Some(help) = d["help"].as_str() {
            let _ = writeln!(out, "    help: {help}");
        }
    }
    out
}

/// `check --format json` of the project at `root` with `--no-cache`, then cold and warm
/// with the caches, run from `root` (so paths are relative to it): asserts the three
/// reports are the same and the exit code is 1, and returns the report.
pub fn same_report_with_and_without_caches(root: &str) -> serde_json::Value {
    let mut reports = Vec::new();
    for args in [&["--no-cache"][..], &[], &[]] {
        let mut command = vec!["check", "--format", "json"];
        command.extend(args);
        command.push(root);
        let run = kosmo_in(&repo_root().join(root), &command);
        assert_eq!(run.code, 1, "{}", run.stderr);
        reports.push(run.stdout);
    }
    assert_eq!(reports[0], reports[1], "a cold cache changes nothing");
    assert_eq!(reports[0], reports[2], "a warm cache changes nothing");
    serde_json::from_str(&reports[0]).unwrap()
}
