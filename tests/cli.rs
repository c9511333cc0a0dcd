//! Arguments: `--help` (examples and exit codes), `--version`, and bad arguments (exit 2,
//! usage on stderr, nothing on stdout).

mod common;

use common::kosmo;

#[test]
fn help_shows_examples_and_exit_codes() {
    for flag in ["--help", "-h"] {
        let run = kosmo(&[flag]);
        assert_eq!(run.code, 0, "{flag}: {}", run.stderr);
        assert_eq!(run.stderr, "", "help goes to stdout");
        let help = &run.stdout;
        for expected in [
            "Usage: kosmo-lint [OPTIONS] <COMMAND>",
            "check",
            "routes",
            "Examples:",
            "lint the current folder (its project is found above it)",
            "kosmo-lint check examples/shop",
            "kosmo-lint routes examples/seed-app",
            "kosmo-lint check --format json .",
            "Exit codes: 0 no errors, 1 errors found, 2 the run could not be done.",
        ] {
            assert!(help.contains(expected), "{flag} lacks {expected:?}:\n{help}");
        }
    }
}

#[test]
fn subcommand_help_shows_examples_and_formats() {
    for command in ["check", "routes"] {
        let run = kosmo(&[command, "--help"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains(&format!("Usage: kosmo-lint {command} [OPTIONS]")));
        assert!(run.stdout.contains("Examples:"), "{}", run.stdout);
        assert!(run.stdout.contains("--format <FORMAT>"), "{}", run.stdout);
        assert!(run.stdout.contains("json"), "{}", run.stdout);
    }
    // `help <command>` is the same page.
    let run = kosmo(&["help", "check"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Usage: kosmo-lint check"));
}

#[test]
fn version_prints_name_and_version() {
    for flag in ["--version", "-V"] {
        let run = kosmo(&[flag]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, format!("kosmo-lint {}\n", env!("CARGO_PKG_VERSION")));
        assert_eq!(run.stderr, "");
    }
}

/// Exit 2, nothing on stdout, clap's message and a pointer to `--help` on stderr.
fn assert_bad_arguments(args: &[&str], message: &str) {
    let run = kosmo(args);
    assert_eq!(run.code, 2, "{args:?}: stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "{args:?}");
    assert!(run.stderr.contains(message), "{args:?}: stderr lacks {message:?}:\n{}", run.stderr);
    assert!(run.stderr.contains("try '--help'"), "{args:?}:\n{}", run.stderr);
}

#[test]
fn unknown_flags_and_bad_values_exit_2() {
    assert_bad_arguments(&["--bogus"], "unexpected argument '--bogus'");
    assert_bad_arguments(&["check", "--bogus", "examples/shop"], "unexpected argument '--bogus'");
    assert_bad_arguments(&["routes", "--fix"], "unexpected argument '--fix'");
    assert_bad_arguments(
        &["check", "--format", "xml"],
        "invalid value 'xml' for '--format <FORMAT>'",
    );
    assert_bad_arguments(&["--threads", "0", "check"], "invalid value '0' for '--threads <N>'");
    assert_bad_arguments(&["lint"], "unrecognized subcommand 'lint'");
    // `routes` takes one path.
    assert_bad_arguments(&["routes", "examples/shop", "examples/seed-app"], "unexpected argument");
}

#[test]
fn no_subcommand_exits_2_with_usage() {
    let run = kosmo(&[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("Usage: kosmo-lint [OPTIONS] <COMMAND>"), "{}", run.stderr);
}

#[test]
fn threads_is_a_global_option() {
    for args in
        [["--threads", "1", "check", "examples/shop"], ["check", "examples/shop", "--threads", "3"]]
    {
        let run = kosmo(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        common::assert_summary(
            &run.stdout,
            "Checked 56 files in [time]: 11 errors, 8 warnings, 4 fixable (1 more with --unsafe-fixes).",
        );
    }
}
