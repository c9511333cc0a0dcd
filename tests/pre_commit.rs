//! The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit (from the Python Package Index, pinned in
//! `tests/consumers/requirements.txt`) on a project in a git repository, as a team's
//! `.pre-commit-config.yaml` runs them: the `kosmo-lint` hook (its build step stood in for
//! by a `cargo` that records how it was called and installs the binary under test), the
//! `kosmo-lint-system` hook, and `rev` pinned to a commit, since no release is tagged.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::consumers::python_bin;
use common::{copy_dir, repo};

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(["-c", "user.name=kosmo-lint tests", "-c", "user.email=tests@example.com"])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// A git repository holding what pre-commit reads of a hooks repository (the hooks file and
/// the build script, as committed here), and its commit.
fn hooks_repository(dir: &Path) -> String {
    fs::create_dir_all(dir.join("hooks")).unwrap();
    fs::copy(repo(".pre-commit-hooks.yaml"), dir.join(".pre-commit-hooks.yaml")).unwrap();
    fs::copy(repo("hooks/kosmo-lint"), dir.join("hooks/kosmo-lint")).unwrap();
    git(dir, &["init", "--quiet"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "--quiet", "-m", "hooks"]);
    git(dir, &["rev-parse", "HEAD"])
}

/// The shop example in a git repository of its own, with `config` as its
/// `.pre-commit-config.yaml`, everything staged.
fn project(dir: &Path, config: &str) {
    copy_dir(&repo("examples/shop"), dir);
    fs::write(dir.join(".pre-commit-config.yaml"), config).unwrap();
    git(dir, &["init", "--quiet"]);
    git(dir, &["add", "."]);
}

fn config(hooks: &Path, rev: &str, hook: &str, args: &str) -> String {
    format!(
        "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n{args}",
        hooks.display()
    )
}

/// A folder with a `cargo` that appends its arguments to `cargo.log` beside it and installs
/// the kosmo-lint under test where `--root` says, as `cargo install` would.
fn stand_in_cargo(dir: &Path) -> PathBuf {
    let binary = assert_cmd::cargo::cargo_bin("kosmo-lint");
    let script = format!(
        "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> '{log}'\nroot=\nwhile [ $# -gt 0 ]; do\n  \
         [ \"$1\" = --root ] && root=$2\n  shift\ndone\nmkdir -p \"$root/bin\"\n\
         ln -sf '{binary}' \"$root/bin/kosmo-lint\"\n",
        log = dir.join("cargo.log").display(),
        binary = binary.display()
    );
    let cargo = dir.join("cargo");
    fs::write(&cargo, script).unwrap();
    let mut permissions = fs::metadata(&cargo).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    fs::set_permissions(&cargo, permissions).unwrap();
    dir.to_path_buf()
}

/// `pre-commit <args>` in `project`, with its own cache and `extra_path` before `PATH`.
fn pre_commit(project: &Path, home: &Path, extra_path: &Path, args: &[&str]) -> Output {
    let path = std::env::join_paths(
        std::iter::once(extra_path.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    Command::new(python_bin("pre-commit"))
        .args(args)
        .current_dir(project)
        .env("PRE_COMMIT_HOME", home)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("pre-commit runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const CART: &str = "src/app/pages/cart/index.tsx"; // one warning
const PRODUCTS: &str = "src/app/pages/products/index.tsx"; // an error
const VUE_ORDER: &str = "src/dashboard/pages/orders/[id]/index.vue"; // an error

#[test]
fn the_build_hook_builds_once_with_the_lock_file_then_lints_the_staged_files() {
    let temp = tempfile::tempdir().unwrap();
    let (hooks, app, home, bin) = (
        temp.path().join("hooks"),
        temp.path().join("app"),
        temp.path().join("home"),
        temp.path().join("bin"),
    );
    fs::create_dir_all(&bin).unwrap();
    let rev = hooks_repository(&hooks);
    project(&app, &config(&hooks, &rev, "kosmo-lint", ""));
    let cargo = stand_in_cargo(&bin);

    let passed = pre_commit(&app, &home, &cargo, &["run", "--files", CART]);
    assert!(passed.status.success(), "a warning passes: {}", text(&passed));
    let calls = fs::read_to_string(bin.join("cargo.log")).unwrap();
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(calls[0].starts_with("install --locked "), "with the lock file: {}", calls[0]);
    assert!(calls[0].contains(" --path /"), "from the hooks repository at `rev`: {}", calls[0]);

    let failed = pre_commit(&app, &home, &cargo, &["run", "--files", CART, PRODUCTS]);
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed));
    let report = text(&failed);
    assert!(report.contains("src/app/pages/products/index.tsx:"), "{report}");
    assert!(!report.contains("⚠"), "--quiet: errors only: {report}");
    let calls = fs::read_to_string(bin.join("cargo.log")).unwrap();
    assert_eq!(calls.lines().count(), 1, "built once per rev: {calls}");

    // Vue pages are linted pages too: pre-commit passes them.
    let vue = pre_commit(&app, &home, &cargo, &["run", "--files", VUE_ORDER]);
    assert_eq!(vue.status.code(), Some(1), "{}", text(&vue));
    assert!(text(&vue).contains("index.vue:"), "{}", text(&vue));
}

#[test]
fn the_build_hook_without_cargo_says_what_to_do() {
    if ["/usr/bin/cargo", "/bin/cargo"].iter().any(|cargo| Path::new(cargo).exists()) {
        eprintln!("cargo is installed system-wide here: a PATH without it cannot be made");
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let (hooks, app, home) =
        (temp.path().join("hooks"), temp.path().join("app"), temp.path().join("home"));
    let rev = hooks_repository(&hooks);
    project(&app, &config(&hooks, &rev, "kosmo-lint", ""));
    // pre-commit's own folder, git's and bash's: no cargo.
    let output = Command::new(python_bin("pre-commit"))
        .args(["run", "--files", CART])
        .current_dir(&app)
        .env("PRE_COMMIT_HOME", &home)
        .env("PATH", format!("{}:/usr/bin:/bin", python_bin("").display()))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(!output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("install Rust (https://rustup.rs)"), "{}", text(&output));
}

#[test]
fn the_system_hook_with_max_warnings_zero_lets_no_warning_through() {
    let temp = tempfile::tempdir().unwrap();
    let (hooks, app, home) =
        (temp.path().join("hooks"), temp.path().join("app"), temp.path().join("home"));
    let rev = hooks_repository(&hooks);
    let binary_folder = assert_cmd::cargo::cargo_bin("kosmo-lint").parent().unwrap().to_path_buf();

    project(&app, &config(&hooks, &rev, "kosmo-lint-system", ""));
    let passed = pre_commit(&app, &home, &binary_folder, &["run", "--files", CART]);
    assert!(passed.status.success(), "{}", text(&passed));

    let strict = config(&hooks, &rev, "kosmo-lint-system", "        args: [--max-warnings=0]\n");
    fs::write(app.join(".pre-commit-config.yaml"), strict).unwrap();
    git(&app, &["add", ".pre-commit-config.yaml"]);
    let refused = pre_commit(&app, &home, &binary_folder, &["run", "--files", CART]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("more than --max-warnings 0"), "{}", text(&refused));
}

#[test]
fn a_rev_pinned_to_a_commit_works_and_autoupdate_moves_it() {
    let temp = tempfile::tempdir().unwrap();
    let (hooks, app, home) =
        (temp.path().join("hooks"), temp.path().join("app"), temp.path().join("home"));
    let first = hooks_repository(&hooks);
    fs::write(hooks.join("CHANGELOG.md"), "next\n").unwrap();
    git(&hooks, &["add", "."]);
    git(&hooks, &["commit", "--quiet", "-m", "next"]);
    let second = git(&hooks, &["rev-parse", "HEAD"]);
    let binary_folder = assert_cmd::cargo::cargo_bin("kosmo-lint").parent().unwrap().to_path_buf();
    project(&app, &config(&hooks, &first, "kosmo-lint-system", ""));

    let run = pre_commit(&app, &home, &binary_folder, &["run", "--files", CART]);
    assert!(run.status.success(), "{}", text(&run));
    // With no tag to move to, autoupdate pins the newest commit of the default branch.
    let updated = pre_commit(&app, &home, &binary_folder, &["autoupdate"]);
    assert!(updated.status.success(), "{}", text(&updated));
    let config = fs::read_to_string(app.join(".pre-commit-config.yaml")).unwrap();
    assert!(config.contains(&format!("rev: {second}")), "{config}");
}
