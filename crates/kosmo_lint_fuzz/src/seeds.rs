//! Seed corpora, taken from the repository's own examples and fixtures so that the fuzzer
//! starts from the code kosmo-lint is written for.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Target;

/// Seed inputs for `target`, named, from the repository at `repo`.
pub fn seeds(target: Target, repo: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for folder in ["examples", "tests/fixtures"] {
        collect(&repo.join(folder), &mut files);
    }
    files.sort();
    let mut seeds = Vec::new();
    match target {
        Target::FactCache => {
            return vec![("shop-facts.bin".into(), crate::shop::shop().facts_file.clone())];
        }
        Target::TreeCache => {
            return vec![("shop-tree.bin".into(), crate::shop::shop().tree_file.clone())];
        }
        Target::Extract | Target::RouteFolder | Target::ConfigFiles | Target::Fix => {}
    }
    for path in files {
        let rel = path.strip_prefix(repo).unwrap_or(&path).to_string_lossy().replace('/', "_");
        match target {
            Target::Extract => {
                let is_script = path.extension().is_some_and(|e| e == "ts" || e == "tsx");
                if let (true, Ok(text)) = (is_script, fs::read(&path)) {
                    let selector =
                        if path.extension().is_some_and(|e| e == "ts") { 0x81 } else { 0 };
                    seeds.push((rel, [vec![selector], text].concat()));
                }
            }
            Target::Fix => {
                let is_page = path.extension().is_some_and(|e| e == "tsx");
                if let (true, Ok(text)) = (is_page, fs::read(&path)) {
                    seeds.push((rel, text));
                }
            }
            Target::ConfigFiles => {
                let is_config = path.extension().is_some_and(|e| e == "json");
                if let (true, Ok(text)) = (is_config, fs::read(&path)) {
                    seeds.push((rel, text));
                }
            }
            Target::FactCache | Target::TreeCache => unreachable!("returned above"),
            Target::RouteFolder => {
                // The route folders of every route and page: `users/[id]` of `api/users/[id]/…`.
                let rel = path.strip_prefix(repo).unwrap_or(&path).to_string_lossy();
                let Some((_, below)) =
                    rel.split_once("/api/").or_else(|| rel.split_once("/pages/"))
                else {
                    continue;
                };
                let route = below.rsplit_once('/').map_or("", |(folders, _)| folders);
                if !route.is_empty() && !seeds.iter().any(|(_, s)| s == route.as_bytes()) {
                    seeds.push((format!("route{}", seeds.len()), route.as_bytes().to_vec()));
                }
            }
        }
    }
    seeds
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "node_modules" || name == ".kosmo-lint-cache" {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect(&path, out),
            Ok(kind) if kind.is_file() => out.push(path),
            _ => {}
        }
    }
}
