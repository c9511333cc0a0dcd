//! When the output is coloured (`--color`, `NO_COLOR`, `FORCE_COLOR`, `CLICOLOR_FORCE`, `TERM=dumb`,
//! a terminal or not), `-q`, and `--unsafe-fixes` without a fix mode.

mod common;

use std::process::Command;

use common::{kosmo, kosmo_lint, repo_root, run};

const ESC: char = '\u{1b}';

/// `kosmo-lint check examples/shop` with the given environment (colour variables unset
/// unless given) and arguments, its stdout piped.
fn piped(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = kosmo_lint();
    cmd.env_remove("NO_COLOR").env_remove("TERM").env_remove("CI");
    cmd.envs(env.iter().copied()).args(args).args(["check", "examples/shop"]);
    let run = run(&mut cmd);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.stdout
}

/// The same on a terminal: `script` (util-linux) runs it in a pseudo-terminal and copies
/// what it printed.
fn on_a_terminal(env: &[(&str, &str)], args: &[&str]) -> String {
    let binary = assert_cmd::cargo::cargo_bin("kosmo-lint");
    let quoted: Vec<String> = std::iter::once(binary.to_str().unwrap())
        .chain(args.iter().copied())
        .chain(["check", "examples/shop"])
        .map(|word| format!("'{word}'"))
        .collect();
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &quoted.join(" "), "/dev/null"])
        .current_dir(repo_root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .expect("`script` (util-linux) runs");
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("11 errors"), "the report went through the terminal: {stdout}");
    stdout
}

#[test]
fn auto_colours_a_terminal_unless_it_is_dumb_or_no_color_is_set() {
    assert!(on_a_terminal(&[("TERM", "xterm")], &[]).contains(ESC));
    assert!(!on_a_terminal(&[("TERM", "dumb")], &[]).contains(ESC), "TERM=dumb");
    assert!(!on_a_terminal(&[("TERM", "xterm"), ("NO_COLOR", "1")], &[]).contains(ESC));
    assert!(!on_a_terminal(&[("TERM", "xterm")], &["--color", "never"]).contains(ESC));
    assert!(on_a_terminal(&[("TERM", "dumb")], &["--color=always"]).contains(ESC));
}

#[test]
fn auto_does_not_colour_a_pipe_unless_forced() {
    assert!(!piped(&[], &[]).contains(ESC));
    assert!(!piped(&[("TERM", "xterm-256color")], &[]).contains(ESC));
    assert!(piped(&[("FORCE_COLOR", "1")], &[]).contains(ESC), "FORCE_COLOR");
    assert!(piped(&[("FORCE_COLOR", "")], &[]).contains(ESC), "FORCE_COLOR, empty");
    assert!(piped(&[("CLICOLOR_FORCE", "1")], &[]).contains(ESC), "CLICOLOR_FORCE");
    assert!(!piped(&[("CLICOLOR_FORCE", "0")], &[]).contains(ESC), "CLICOLOR_FORCE=0");
    assert!(piped(&[], &["--color", "always"]).contains(ESC));
    // The flag is the last word: it beats the environment both ways.
    assert!(piped(&[("NO_COLOR", "1")], &["--color", "always"]).contains(ESC));
    assert!(!piped(&[("FORCE_COLOR", "1")], &["--color", "never"]).contains(ESC));
}

#[test]
fn colour_reaches_run_errors_too() {
    let mut cmd = kosmo_lint();
    cmd.env_remove("NO_COLOR").args(["--color", "always", "check", "no/such/folder"]);
    let failed = run(&mut cmd);
    assert_eq!(failed.code, 2);
    assert!(failed.stderr.contains("path does not exist"), "{}", failed.stderr);
    assert!(failed.stderr.contains(ESC), "{}", failed.stderr);
    let plain = kosmo(&["--color", "never", "check", "no/such/folder"]);
    assert!(!plain.stderr.contains(ESC), "{}", plain.stderr);
}

#[test]
fn colour_takes_only_auto_always_or_never() {
    let run = kosmo(&["check", "--color", "sometimes", "examples/shop"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("[possible values: auto, always, never]"), "{}", run.stderr);
}

#[test]
fn q_is_short_for_quiet() {
    let long = kosmo(&["check", "examples/shop", "--quiet"]);
    let short = kosmo(&["check", "examples/shop", "-q"]);
    assert_eq!(short.code, 1);
    assert_eq!(common::redact_timing(&short.stdout), common::redact_timing(&long.stdout));
    assert!(!short.stdout.contains("⚠"), "warnings are left out: {}", short.stdout);
    assert!(short.stdout.contains("11 errors, 8 warnings"), "{}", short.stdout);
}

#[test]
fn unsafe_fixes_need_a_fix_mode() {
    let run = kosmo(&["check", "--unsafe-fixes", "examples/shop"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("<--fix|--diff>"), "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing was checked");
    let diff = kosmo(&["check", "--unsafe-fixes", "--diff", "examples/shop"]);
    assert_eq!(diff.code, 1, "--diff with changes to show: {}", diff.stderr);
    assert!(diff.stdout.starts_with("--- a/"), "{}", diff.stdout);
}
