//! Computes the build identity written into the cache files (`KOSMO_LINT_BUILD_ID`): a hash
//! of everything that decides what the caches hold and how it is encoded. The sources of the
//! fact types (`kosmo_lint_core`) and of their extraction (this crate), and `Cargo.lock`
//! (oxc, serde, rmp). Another build of kosmo-lint from other sources never reads this one's
//! caches, even under the same version number.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let inputs = [manifest.join("src"), manifest.join("../kosmo_lint_core/src")];
    let lock = manifest.join("../../Cargo.lock");
    let mut files = Vec::new();
    for folder in &inputs {
        files_below(folder, &mut files);
        println!("cargo::rerun-if-changed={}", folder.display());
    }
    println!("cargo::rerun-if-changed={}", lock.display());
    files.push(lock);
    // Paths relative to the manifest, so that the identity does not depend on the checkout's
    // location.
    files.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    for file in &files {
        let Ok(bytes) = fs::read(file) else { continue };
        let rel = file.strip_prefix(&manifest).unwrap_or(file);
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    println!("cargo::rustc-env=KOSMO_LINT_BUILD_ID={:016x}", hasher.digest());
}

fn files_below(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_below(&path, out);
        } else {
            out.push(path);
        }
    }
}
