//! Inputs that used to kill the whole run (a panic, exit 101): a finding past column 65,535,
//! a path argument that is not UTF-8, and output to a closed pipe. Each run must end with
//! its defined exit code and say what it found.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::{assert_summary, kosmo_lint_in, project_copy, run, write};

const LONG_LINE_PAGE: &str = "src/app/pages/minified/index.tsx";
/// The syntax error's column on the page's second line: past `u16::MAX`, the widest
/// formatting width miette can pad to.
const LONG_LINE_COLUMN: usize = 70_014;

/// A page with one long line (as a minified file has) and a syntax error at its end.
fn long_line_page() -> String {
    let padding = " ".repeat(LONG_LINE_COLUMN - "const x = 1;".len() - 1);
    format!("export default function Minified() {{ return null; }}\nconst x = 1;{padding}= ;\n")
}

#[test]
fn a_finding_past_column_65535_is_reported_in_every_format() {
    let dir = project_copy("syntax-error");
    write(dir.path(), LONG_LINE_PAGE, long_line_page());
    let column = LONG_LINE_COLUMN.to_string();
    let expected = [
        ("json", format!("\"column\": {column}")),
        ("github", format!("file={LONG_LINE_PAGE},line=2,col={column}")),
        ("sarif", format!("\"startColumn\": {column}")),
        ("junit", format!("{LONG_LINE_PAGE}:2:{column} kosmo(syntax-error)")),
        ("pretty", format!("× {LONG_LINE_PAGE}:2:{column}: Unexpected token")),
    ];
    for (format, position) in expected {
        let run = run(kosmo_lint_in(dir.path())
            .args(["check", "--no-cache", "--format", format])
            .arg(dir.path()));
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(run.stdout.contains(&position), "{format}: no `{position}` in:\n{}", run.stdout);
        // The other page's syntax error is still reported.
        assert!(run.stdout.contains("src/app/pages/broken/index.tsx"), "{format}");
    }
    let pretty = run(kosmo_lint_in(dir.path()).args(["check", "--no-cache"]).arg(dir.path()));
    assert!(pretty.stdout.contains("the line is too long to show (over 4096 bytes)"));
    let long_line = " ".repeat(100);
    assert!(
        !pretty.stdout.contains(&long_line),
        "the long line is not printed:\n{}",
        pretty.stdout
    );
    assert!(pretty.stdout.contains("5 │   const x = ;"), "short lines keep their snippet");
    assert_summary(&pretty.stdout, "Checked 5 files in [time]: 2 errors, 0 warnings, 0 fixable.");

    let fix = run(kosmo_lint_in(dir.path()).args(["check", "--no-cache", "--fix"]).arg(dir.path()));
    assert_eq!(fix.code, 1, "{}", fix.stderr);
    assert!(fix.stdout.contains(&format!("{LONG_LINE_PAGE}:2:{column}")), "{}", fix.stdout);
}

/// `src/app/pages/café/index.tsx` with `é` in Latin-1: not UTF-8.
#[cfg(unix)]
fn latin1_page_path(root: &Path) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    root.join("src/app/pages").join(std::ffi::OsStr::from_bytes(b"caf\xe9")).join("index.tsx")
}

/// A path argument that is not UTF-8 (pre-commit passes file names as they are) is linted
/// as the walk lints such a file, and named with U+FFFD for the byte that is not UTF-8.
#[cfg(unix)]
#[test]
fn a_path_argument_that_is_not_utf8_is_linted_under_a_lossy_name() {
    let dir = project_copy("syntax-error");
    let page = latin1_page_path(dir.path());
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    // A syntax error at 1:30 shows that the file was read and parsed.
    std::fs::write(&page, "export default function Cafe( { return null; }\n").unwrap();
    let other = dir.path().join("src/app/pages/broken/index.tsx");

    for format in ["json", "github", "sarif", "junit", "pretty"] {
        let run = run(kosmo_lint_in(dir.path())
            .args(["check", "--format", format])
            .arg(&page)
            .arg(&other));
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{format}: {}", run.stderr);
        // SARIF names files by URI: U+FFFD percent-encoded.
        let lossy = if format == "sarif" { "caf%EF%BF%BD" } else { "caf\u{fffd}" };
        assert!(run.stdout.contains(&format!("src/app/pages/{lossy}/index.tsx")), "{format}");
        assert!(run.stdout.contains("syntax-error"), "{format}: {}", run.stdout);
        assert!(run.stdout.contains("src/app/pages/broken/index.tsx"), "{format}");
    }
    let folder = run(kosmo_lint_in(dir.path())
        .args(["check", "--format", "json"])
        .arg(page.parent().unwrap()));
    assert_eq!(folder.code, 1, "{}", folder.stderr);
    let document = common::json(&folder);
    let diagnostics = document["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{}", folder.stdout);
    assert_eq!(diagnostics[0]["rule"], "syntax-error");
    assert_eq!(diagnostics[0]["path"], "src/app/pages/caf\u{fffd}/index.tsx");
}

/// Runs `kosmo-lint <args>` with stdout a pipe whose reading end is already closed.
fn run_into_closed_pipe(args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kosmo-lint"));
    let output = cmd
        .current_dir(common::repo_root())
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let code = output.status.code().expect("kosmo-lint exited normally, not by a signal");
    (code, String::from_utf8(output.stderr).unwrap())
}

#[test]
fn every_command_writing_to_a_closed_pipe_ends_quietly_with_its_exit_code() {
    let project = "tests/fixtures/projects/syntax-error";
    let cases: [(&[&str], i32); 9] = [
        (&["completions", "bash"], 0),
        (&["rules"], 0),
        (&["explain", "syntax-error"], 0),
        (&["config", project], 0),
        (&["routes", project], 0),
        (&["routes", "--format", "json", project], 0),
        // The check still says, by its exit code, that it found an error.
        (&["check", "--no-cache", project], 1),
        (&["check", "--no-cache", "--format", "sarif", project], 1),
        (&["check", "--no-cache", "--diff", project], 0),
    ];
    for (args, expected) in cases {
        let (code, stderr) = run_into_closed_pipe(args);
        let said = |text| stderr.contains(text);
        let command = format!("kosmo-lint {}", args.join(" "));
        assert_eq!(code, expected, "{command}: {stderr}");
        assert!(!said("panicked") && !said("Broken pipe"), "{command}: {stderr}");
    }
}
