//! `kosmo-lint completions <shell>`, loaded into the real shells and asked to complete
//! command lines as a user's Tab would: bash always; zsh and fish where they are installed
//! (CI installs them and sets `KOSMO_LINT_REQUIRE_SHELLS=1`, so that there a missing shell
//! fails instead of skipping).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{kosmo, repo};

/// The completion script for `shell`, written to `dir/name`.
fn script(shell: &str, dir: &Path, name: &str) -> PathBuf {
    let run = kosmo(&["completions", shell]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.join(name);
    std::fs::write(&path, run.stdout).unwrap();
    path
}

/// Whether `shell` can be run; when it cannot, the test says so, and fails where shells are
/// required.
fn installed(shell: &str) -> bool {
    let found = Command::new(shell).arg("-c").arg("exit 0").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("KOSMO_LINT_REQUIRE_SHELLS").is_none(),
            "{shell} is required (KOSMO_LINT_REQUIRE_SHELLS) but not installed"
        );
        eprintln!("{shell} is not installed: its completion test is skipped");
    }
    found
}

fn lines(output: &std::process::Output) -> Vec<String> {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    stdout.lines().map(|line| line.split('\t').next().unwrap().to_owned()).collect()
}

/// What bash's completion function offers for `words` (the last one being completed), called
/// as bash's `complete -F` calls it.
fn bash_complete(script: &Path, words: &[&str]) -> Vec<String> {
    let program = r#"
source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
# bash passes the command, the word being completed and the word before it.
_kosmo__lint kosmo-lint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", program, "bash"])
        .arg(script)
        .args(words)
        .output()
        .unwrap();
    lines(&output)
}

fn fish_complete(script: &Path, line: &str) -> Vec<String> {
    let output = Command::new("fish")
        .args(["--no-config", "-c", "source $argv[1]; complete -C $argv[2]"])
        .arg(script)
        .arg(line)
        .output()
        .unwrap();
    lines(&output)
}

fn zsh_complete(fpath: &Path, line: &str) -> Vec<String> {
    let output = Command::new("zsh")
        .arg("-f")
        .arg(repo("tests/fixtures/shells/capture.zsh"))
        .arg(fpath)
        .arg(line)
        .env("TERM", "xterm")
        .output()
        .unwrap();
    lines(&output)
}

fn configurable_rules() -> Vec<String> {
    let run = kosmo(&["rules"]);
    run.stdout
        .lines()
        .skip(1)
        .filter(|line| !line.ends_with("(built-in)"))
        .map(|line| line.split_whitespace().next().unwrap().to_owned())
        .collect()
}

#[test]
fn bash_completes_after_a_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let script = script("bash", dir.path(), "kosmo-lint.bash");
    let offered = bash_complete(&script, &["kosmo-lint", "check", "--unsafe"]);
    assert_eq!(offered, ["--unsafe-fixes"]);
    let offered = bash_complete(&script, &["kosmo-lint", "check", "--format", ""]);
    assert_eq!(offered, ["pretty", "json", "github", "sarif", "junit"]);
    let offered = bash_complete(&script, &["kosmo-lint", "routes", "--f"]);
    assert_eq!(offered, ["--format"]);
    let offered = bash_complete(&script, &["kosmo-lint", "--color", "n"]);
    assert_eq!(offered, ["never"]);
}

#[test]
fn bash_completes_rule_names_for_rule_flags_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let script = script("bash", dir.path(), "kosmo-lint.bash");
    let mut every_rule = configurable_rules();
    every_rule.push("all".into());
    for flag in ["-A", "-W", "-D", "--allow", "--warn", "--deny"] {
        assert_eq!(
            bash_complete(&script, &["kosmo-lint", "check", flag, ""]),
            every_rule,
            "{flag}"
        );
    }
    let offered = bash_complete(&script, &["kosmo-lint", "check", "-D", "missing-p"]);
    assert_eq!(offered, ["missing-preload"]);
    // `explain` documents the built-in rules too.
    let offered = bash_complete(&script, &["kosmo-lint", "explain", "io-"]);
    assert_eq!(offered, ["io-error"]);
    let offered = bash_complete(&script, &["kosmo-lint", "explain", "preload-n"]);
    assert_eq!(offered, ["preload-never-runs", "preload-no-await"]);
}

#[test]
fn zsh_completes_subcommands_and_rule_names() {
    if !installed("zsh") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // zsh finds completion functions by file name on its fpath.
    script("zsh", dir.path(), "_kosmo-lint");
    assert_eq!(zsh_complete(dir.path(), "kosmo-lint check --unsafe"), ["--unsafe-fixes"]);
    assert_eq!(zsh_complete(dir.path(), "kosmo-lint check -D missing-p"), ["missing-preload"]);
    assert_eq!(zsh_complete(dir.path(), "kosmo-lint explain io-"), ["io-error"]);
    let mut offered = zsh_complete(dir.path(), "kosmo-lint check --allow ");
    offered.sort();
    let mut every_rule = configurable_rules();
    every_rule.push("all".into());
    every_rule.sort();
    assert_eq!(offered, every_rule);
}

#[test]
fn fish_completes_subcommands_and_rule_names() {
    if !installed("fish") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = script("fish", dir.path(), "kosmo-lint.fish");
    assert_eq!(fish_complete(&script, "kosmo-lint check --unsafe"), ["--unsafe-fixes"]);
    assert_eq!(fish_complete(&script, "kosmo-lint check -D missing-p"), ["missing-preload"]);
    assert_eq!(fish_complete(&script, "kosmo-lint explain io-"), ["io-error"]);
    let mut offered = fish_complete(&script, "kosmo-lint check --allow=");
    offered.sort();
    let mut every_rule: Vec<String> = configurable_rules()
        .into_iter()
        .chain(["all".into()])
        .map(|r| format!("--allow={r}"))
        .collect();
    every_rule.sort();
    assert_eq!(offered, every_rule);
}
