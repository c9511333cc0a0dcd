//! The npm packages (`cargo run -p xtask -- npm`), packed with the binary under test and
//! installed with npm from the tarballs into a fresh project, as a JS team installs
//! kosmo-lint: `kosmo-lint` from `node_modules/.bin` behaves as the binary does.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use common::repo;

/// The tarballs (main, platform), packed once per test binary.
fn tarballs() -> &'static (tempfile::TempDir, Vec<PathBuf>) {
    static PACKED: OnceLock<(tempfile::TempDir, Vec<PathBuf>)> = OnceLock::new();
    PACKED.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let tarballs = common::consumers::pack_npm(out.path());
        (out, tarballs)
    })
}

/// A fresh npm project with `packages` installed from their tarballs, offline.
fn project_with(packages: &[&Path]) -> tempfile::TempDir {
    let app = tempfile::tempdir().unwrap();
    std::fs::write(app.path().join("package.json"), r#"{ "name": "app", "private": true }"#)
        .unwrap();
    let output = Command::new("npm")
        .args(["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"])
        .args(packages)
        .current_dir(app.path())
        .output()
        .expect("npm runs (the tests need Node.js and npm)");
    assert!(output.status.success(), "npm install: {}", String::from_utf8_lossy(&output.stderr));
    app
}

fn installed() -> &'static tempfile::TempDir {
    static APP: OnceLock<tempfile::TempDir> = OnceLock::new();
    APP.get_or_init(|| {
        let paths: Vec<&Path> = tarballs().1.iter().map(PathBuf::as_path).collect();
        project_with(&paths)
    })
}

fn run(program: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(repo("examples/shop"))
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    if let Some(text) = stdin {
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn same(args: &[&str], stdin: Option<&str>) {
    let launcher = installed().path().join("node_modules/.bin/kosmo-lint");
    let through_npm = run(&launcher, args, stdin);
    let direct = run(&assert_cmd::cargo::cargo_bin("kosmo-lint"), args, stdin);
    assert_eq!(through_npm.status.code(), direct.status.code(), "exit code of {args:?}");
    let text = |bytes: &[u8]| common::redact_timing(&String::from_utf8_lossy(bytes));
    assert_eq!(text(&through_npm.stdout), text(&direct.stdout), "stdout of {args:?}");
    assert_eq!(text(&through_npm.stderr), text(&direct.stderr), "stderr of {args:?}");
}

#[test]
fn the_installed_command_behaves_as_the_binary() {
    same(&["check", "."], None);
    same(&["check", ".", "--format", "json", "-q"], None);
    same(&["check", "--color", "always", "src/app/pages/cart"], None);
    same(&["check", "no/such/folder"], None);
    same(&["--version"], None);
    let cart = std::fs::read_to_string(repo("examples/shop/src/app/pages/cart/index.tsx")).unwrap();
    same(&["check", "--stdin-filename", "src/app/pages/cart/index.tsx"], Some(&cart));
}

#[test]
fn the_packages_say_where_they_install() {
    let (_, tarballs) = tarballs();
    let names: Vec<String> =
        tarballs.iter().map(|t| t.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        names,
        [format!("kosmo-lint-{version}.tgz"), format!("kosmo-lint-linux-x64-gnu-{version}.tgz")]
    );
    let platform: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            installed().path().join("node_modules/@kosmo-lint/linux-x64-gnu/package.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(platform["os"], serde_json::json!(["linux"]));
    assert_eq!(platform["cpu"], serde_json::json!(["x64"]));
    assert_eq!(platform["libc"], serde_json::json!(["glibc"]));
    let main: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(installed().path().join("node_modules/kosmo-lint/package.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(main["optionalDependencies"]["@kosmo-lint/linux-x64-gnu"], version);
}

#[test]
fn without_its_platform_package_the_command_says_what_to_do() {
    let app = project_with(&[tarballs().1[0].as_path()]);
    let output = run(&app.path().join("node_modules/.bin/kosmo-lint"), &["check", "."], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the package @kosmo-lint/linux-x64-gnu is not installed"), "{stderr}");
    assert!(stderr.contains("cargo install"), "{stderr}");
}
