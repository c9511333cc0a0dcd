//! The tools that read kosmo-lint's outputs: the SARIF multitool (npm), junitparser and
//! pre-commit (the Python Package Index). The test that first needs one installs them all
//! from their registries into the test build's scratch folder, pinned by `tests/consumers/package-lock.json` and
//! `tests/consumers/requirements.txt` (versions and hashes), so a fresh clone and CI run the
//! same tools. They are installed again only when a pin changes.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::repo;

/// `node_modules/.bin/<name>` of the npm consumers.
pub fn npm_bin(name: &str) -> PathBuf {
    npm_file(".bin").join(name)
}

/// `node_modules/<rel>` of the npm consumers.
pub fn npm_file(rel: &str) -> PathBuf {
    let folder = installed("npm", &["package.json", "package-lock.json"], |folder| {
        let mut npm = Command::new("npm");
        npm.args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(folder);
        npm
    });
    folder.join("node_modules").join(rel)
}

/// `bin/<name>` of the virtual environment holding the Python consumers.
pub fn python_bin(name: &str) -> PathBuf {
    let folder = installed("python", &["requirements.txt"], |folder| {
        let created = Command::new("python3")
            .args(["-m", "venv", "--clear", "venv"])
            .current_dir(folder)
            .status()
            .expect("python3 starts (the tests need Python 3 with venv)");
        assert!(created.success(), "python3 -m venv failed");
        let mut pip = Command::new(folder.join("venv/bin/python"));
        pip.args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            "--require-hashes",
            "-r",
            "requirements.txt",
        ])
        .current_dir(folder);
        pip
    });
    folder.join("venv/bin").join(name)
}

/// The folder `target/tmp/consumers/<kind>` with `pins` copied into it and `install` run there
/// once per content of the pins. Test binaries run at the same time, so the folder is held
/// with a file lock while it is checked and installed.
fn installed(kind: &str, pins: &[&str], install: impl Fn(&Path) -> Command) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("consumers").join(kind);
    fs::create_dir_all(&folder).expect("create the consumers folder");
    let lock = File::create(folder.join(".lock")).expect("create the consumers lock");
    lock.lock().expect("lock the consumers folder");
    let mut wanted = Vec::new();
    for pin in pins {
        let bytes = fs::read(repo("tests/consumers").join(pin)).expect("read a consumers pin");
        wanted.extend_from_slice(pin.as_bytes());
        wanted.extend_from_slice(&bytes);
    }
    let stamp = folder.join(".installed");
    if fs::read(&stamp).ok().as_deref() != Some(wanted.as_slice()) {
        let _ = fs::remove_file(&stamp);
        for pin in pins {
            fs::copy(repo("tests/consumers").join(pin), folder.join(pin)).expect("copy a pin");
        }
        let mut command = install(&folder);
        let output = command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
        assert!(
            output.status.success(),
            "installing the {kind} consumers failed: {command:?}\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        fs::write(&stamp, &wanted).expect("write the consumers stamp");
    }
    folder
}

/// The npm packages `cargo run -p xtask -- npm` packs, packed into `out` by the same code
/// (xtask's library) from the binary under test and the addon this test build made (the root
/// package names it as a dev-dependency): their tarballs (main, platform).
pub fn pack_npm(out: &Path) -> Vec<PathBuf> {
    let binary = assert_cmd::cargo::cargo_bin("kosmo-lint");
    // Built as a dependency, the addon sits beside the test binaries (in `deps/`).
    let tests = std::env::current_exe().expect("the test binary's path");
    let addon = tests.with_file_name(format!(
        "{}kosmo_lint_node{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    assert!(addon.is_file(), "the addon {} is missing: `cargo test` builds it", addon.display());
    let platform = xtask::npm::host().expect("an npm platform package for this machine");
    xtask::npm::pack_built(platform, &binary, &addon, out).unwrap_or_else(|e| panic!("{e}"))
}
