//! `npm`: the npm packages, as oxlint and esbuild ship a native binary. `kosmo-lint` holds the
//! launcher (`npm/kosmo-lint/bin/kosmo-lint.js`) and the oxlint/ESLint plugin (`plugin.js`),
//! and names one package per platform as an optional dependency; `@kosmo-lint/<platform>`
//! holds the binary and the plugin's Node-API addon (`kosmo-lint.node`), with `os`, `cpu` (and on
//! Linux `libc`) so that npm, pnpm and yarn install only the one that runs. Both are packed
//! with `npm pack` into the output folder.
//!
//! A release packs every platform into one folder, one `--target` at a time with the binary
//! built for it (`.github/workflows/release.yml`); the main package is packed again each
//! time, naming every platform package already in the folder, so the last one names them
//! all.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

pub const USAGE: &str = "cargo run -p xtask -- npm [--target PLATFORM] [--binary PATH] [--out DIR]   (default: this platform, a release build, target/npm)";

/// A platform package: its name's suffix, Rust's target triple, and npm's `os`, `cpu`, `libc`.
pub struct Platform {
    pub name: &'static str,
    pub triple: &'static str,
    os: &'static str,
    cpu: &'static str,
    libc: Option<&'static str>,
}

pub const PLATFORMS: &[Platform] = &[
    Platform {
        name: "linux-x64-gnu",
        triple: "x86_64-unknown-linux-gnu",
        os: "linux",
        cpu: "x64",
        libc: Some("glibc"),
    },
    Platform {
        name: "linux-arm64-gnu",
        triple: "aarch64-unknown-linux-gnu",
        os: "linux",
        cpu: "arm64",
        libc: Some("glibc"),
    },
    Platform {
        name: "linux-x64-musl",
        triple: "x86_64-unknown-linux-musl",
        os: "linux",
        cpu: "x64",
        libc: Some("musl"),
    },
    Platform {
        name: "darwin-x64",
        triple: "x86_64-apple-darwin",
        os: "darwin",
        cpu: "x64",
        libc: None,
    },
    Platform {
        name: "darwin-arm64",
        triple: "aarch64-apple-darwin",
        os: "darwin",
        cpu: "arm64",
        libc: None,
    },
    Platform {
        name: "win32-x64-msvc",
        triple: "x86_64-pc-windows-msvc",
        os: "win32",
        cpu: "x64",
        libc: None,
    },
];

const SCOPE: &str = "@kosmo-lint";
const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn run(args: &[&str]) -> ExitCode {
    match pack(args) {
        Ok(tarballs) => {
            for tarball in tarballs {
                println!("{}", tarball.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("xtask npm: {message}\nusage: {USAGE}");
            ExitCode::from(2)
        }
    }
}

fn pack(args: &[&str]) -> Result<Vec<PathBuf>, String> {
    let root = repo_root();
    let (mut target, mut binary, mut addon, mut out) = (None, None, None, root.join("target/npm"));
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
        match *arg {
            "--target" => target = Some(value()?.to_owned()),
            "--binary" => binary = Some(PathBuf::from(value()?)),
            "--addon" => addon = Some(PathBuf::from(value()?)),
            "--out" => out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let platform = match &target {
        Some(name) => {
            PLATFORMS.iter().find(|p| p.name == name).ok_or(format!("unknown platform {name}"))?
        }
        None => host().ok_or("no npm platform package for this machine")?,
    };
    let (binary, addon) = match (binary, addon) {
        (Some(binary), Some(addon)) => (binary, addon),
        (None, None) if target.is_none() => build(&root)?,
        _ if target.is_some() => {
            return Err("--target needs --binary and --addon (built for that target)".into());
        }
        (binary, addon) => {
            let (built_binary, built_addon) = build(&root)?;
            (binary.unwrap_or(built_binary), addon.unwrap_or(built_addon))
        }
    };
    pack_built(platform, &binary, &addon, &out)
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Packs `binary` and `addon` (built for `platform`) and the main package into `out`: the
/// tarballs, main package first. The test suite packs its own builds this way.
pub fn pack_built(
    platform: &Platform,
    binary: &Path,
    addon: &Path,
    out: &Path,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let out = out.canonicalize().map_err(|e| e.to_string())?;
    let stage = out.join("stage");
    let platform_dir = stage.join(platform.name);
    write_platform_package(platform, binary, addon, &platform_dir)?;
    let platform_tarball = npm_pack(&platform_dir, &out)?;
    let main_dir = stage.join("kosmo-lint");
    write_main_package(&repo_root(), &out, &main_dir)?;
    let main_tarball = npm_pack(&main_dir, &out)?;
    Ok(vec![main_tarball, platform_tarball])
}

/// The platform this xtask was built for, which is the one `cargo build` builds for.
pub fn host() -> Option<&'static Platform> {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let cpu = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let libc = if cfg!(target_env = "musl") {
        Some("musl")
    } else if os == "linux" {
        Some("glibc")
    } else {
        None
    };
    PLATFORMS.iter().find(|p| p.os == os && p.cpu == cpu && p.libc == libc)
}

/// A release build of the binary and the addon for this platform.
fn build(root: &Path) -> Result<(PathBuf, PathBuf), String> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--locked", "-p", "kosmo-lint", "-p", "kosmo_lint_node"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("the release build failed".into());
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let release = target.join("release");
    let binary = release.join(if cfg!(windows) { "kosmo-lint.exe" } else { "kosmo-lint" });
    let addon = release.join(format!(
        "{}kosmo_lint_node{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    Ok((binary, addon))
}

fn write_platform_package(
    platform: &Platform,
    binary: &Path,
    addon: &Path,
    dir: &Path,
) -> Result<(), String> {
    let executable = if platform.os == "win32" { "kosmo-lint.exe" } else { "kosmo-lint" };
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("bin")).map_err(|e| e.to_string())?;
    std::fs::copy(binary, dir.join("bin").join(executable))
        .map_err(|e| format!("cannot copy {}: {e}", binary.display()))?;
    std::fs::copy(addon, dir.join("kosmo-lint.node"))
        .map_err(|e| format!("cannot copy {}: {e}", addon.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o755);
        std::fs::set_permissions(dir.join("bin").join(executable), permissions)
            .map_err(|e| e.to_string())?;
    }
    let mut manifest = serde_json::json!({
        "name": format!("{SCOPE}/{}", platform.name),
        "version": VERSION,
        "description": format!("The kosmo-lint binary for {} ({}); installed by the kosmo-lint package.", platform.name, platform.triple),
        "license": env!("CARGO_PKG_LICENSE"),
        "repository": env!("CARGO_PKG_REPOSITORY"),
        "os": [platform.os],
        "cpu": [platform.cpu],
        "files": ["bin", "kosmo-lint.node"],
        "preferUnplugged": true,
    });
    if let Some(libc) = platform.libc {
        manifest["libc"] = serde_json::json!([libc]);
    }
    write_json(&dir.join("package.json"), &manifest)
}

/// The main package, naming as optional dependencies the platform packages packed into `out`.
fn write_main_package(root: &Path, out: &Path, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("bin")).map_err(|e| e.to_string())?;
    for file in ["bin/kosmo-lint.js", "plugin.js", "platform.js"] {
        std::fs::copy(root.join("npm/kosmo-lint").join(file), dir.join(file))
            .map_err(|e| format!("cannot copy npm/kosmo-lint/{file}: {e}"))?;
    }
    std::fs::copy(root.join("README.md"), dir.join("README.md")).map_err(|e| e.to_string())?;
    let packed: serde_json::Map<String, serde_json::Value> = PLATFORMS
        .iter()
        .filter(|p| out.join(format!("kosmo-lint-{}-{VERSION}.tgz", p.name)).is_file())
        .map(|p| (format!("{SCOPE}/{}", p.name), serde_json::Value::from(VERSION)))
        .collect();
    let manifest = serde_json::json!({
        "name": "kosmo-lint",
        "version": VERSION,
        "description": "A fast linter for KosmoJS projects: preload patterns, fetch clients and route types, checked across files",
        "license": env!("CARGO_PKG_LICENSE"),
        "repository": env!("CARGO_PKG_REPOSITORY"),
        "bin": { "kosmo-lint": "bin/kosmo-lint.js" },
        "exports": { "./plugin": "./plugin.js", "./package.json": "./package.json" },
        "files": ["bin", "plugin.js", "platform.js"],
        "engines": { "node": ">=18" },
        "optionalDependencies": packed,
    });
    write_json(&dir.join("package.json"), &manifest)
}

fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `npm pack` of `dir` into `out`: the tarball's path.
fn npm_pack(dir: &Path, out: &Path) -> Result<PathBuf, String> {
    let output = Command::new("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(out)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run npm (npm packs the packages): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm pack failed in {}: {}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let name = String::from_utf8_lossy(&output.stdout)
        .trim()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    Ok(out.join(name))
}
