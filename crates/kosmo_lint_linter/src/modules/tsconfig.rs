//! What module resolution reads of a tsconfig: `paths` and `baseUrl`, through `extends`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use kosmo_lint_core::json_file::{JsonDialect, parse_json};
use serde::Deserialize;

use super::resolve::join_normalized;

/// A chain of `extends` longer than this is taken for a cycle.
const MAX_EXTENDS: usize = 16;

/// The path mapping of one tsconfig, with what it inherits.
#[derive(Debug, Default)]
pub(super) struct TsconfigPaths {
    /// `compilerOptions.paths`: pattern → targets, relative to `paths_base`.
    paths: BTreeMap<String, Vec<String>>,
    /// `baseUrl` when one is set, else the folder of the tsconfig that set `paths` (TypeScript's
    /// rule since 4.1).
    paths_base: PathBuf,
    base_url: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Extends {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TsconfigFile {
    extends: Option<Extends>,
    #[serde(default)]
    compiler_options: CompilerOptionsFile,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompilerOptionsFile {
    base_url: Option<String>,
    paths: Option<BTreeMap<String, Vec<String>>>,
}

impl TsconfigPaths {
    /// The tsconfig at `path`; `None` when it, or a tsconfig it extends by path, cannot be
    /// read (the generated `lib/<f>/tsconfig.json` of a fresh clone). A package it extends
    /// (`@kosmojs/config/…`) is not read: it holds compiler settings, not this project's paths.
    pub(super) fn read(path: &Path) -> Option<Self> {
        read_chain(path, 0)
    }

    /// Whether a `paths` pattern matches `specifier`: then `paths` alone decides.
    pub(super) fn maps(&self, specifier: &str) -> bool {
        self.best_pattern(specifier).is_some()
    }

    /// The targets `paths` maps `specifier` to, in order; empty when no pattern matches.
    pub(super) fn path_targets(&self, specifier: &str) -> Vec<PathBuf> {
        let Some((pattern, matched)) = self.best_pattern(specifier) else { return Vec::new() };
        self.paths[pattern]
            .iter()
            .map(|target| join_normalized(&self.paths_base, &target.replacen('*', matched, 1)))
            .collect()
    }

    /// `baseUrl`/`specifier`, when `baseUrl` is set.
    pub(super) fn base_url_target(&self, specifier: &str) -> Option<PathBuf> {
        self.base_url.as_deref().map(|base| join_normalized(base, specifier))
    }

    /// TypeScript's choice: the exact pattern, else the wildcard pattern with the longest
    /// prefix; with what its `*` matched.
    fn best_pattern<'s>(&self, specifier: &'s str) -> Option<(&str, &'s str)> {
        if let Some((pattern, _)) = self.paths.get_key_value(specifier) {
            return Some((pattern.as_str(), ""));
        }
        self.paths
            .keys()
            .filter_map(|pattern| {
                let (prefix, suffix) = pattern.split_once('*')?;
                let matched = specifier.strip_prefix(prefix)?.strip_suffix(suffix)?;
                Some((pattern.as_str(), prefix.len(), matched))
            })
            .max_by_key(|&(_, prefix_len, _)| prefix_len)
            .map(|(pattern, _, matched)| (pattern, matched))
    }
}

fn read_chain(path: &Path, depth: usize) -> Option<TsconfigPaths> {
    if depth > MAX_EXTENDS {
        return None;
    }
    let bytes = fs::read(path).ok()?;
    let file: TsconfigFile = parse_json(&bytes, JsonDialect::Jsonc).ok()?;
    let dir = path.parent()?;
    let extends = match file.extends {
        None => Vec::new(),
        Some(Extends::One(one)) => vec![one],
        Some(Extends::Many(many)) => many,
    };
    // Later bases override earlier ones, the file itself overrides them all.
    let mut merged = TsconfigPaths::default();
    for base in extends.iter().filter(|base| is_path(base)) {
        let inherited = read_chain(&extended_path(dir, base)?, depth + 1)?;
        if !inherited.paths.is_empty() {
            merged.paths = inherited.paths;
            merged.paths_base = inherited.paths_base;
        }
        if inherited.base_url.is_some() {
            merged.base_url = inherited.base_url;
        }
    }
    let options = file.compiler_options;
    if let Some(base_url) = options.base_url {
        merged.base_url = Some(join_normalized(dir, &base_url));
    }
    if let Some(paths) = options.paths {
        merged.paths = paths;
        merged.paths_base = dir.to_path_buf();
    }
    if let Some(base_url) = &merged.base_url {
        merged.paths_base.clone_from(base_url);
    }
    Some(merged)
}

fn is_path(specifier: &str) -> bool {
    specifier.starts_with('.') || specifier.starts_with('/')
}

/// `extends: "../../lib/app/tsconfig"` may leave out `.json`.
fn extended_path(dir: &Path, specifier: &str) -> Option<PathBuf> {
    let path = join_normalized(dir, specifier);
    if path.is_file() {
        return Some(path);
    }
    let mut with_json = path.into_os_string();
    with_json.push(".json");
    let with_json = PathBuf::from(with_json);
    with_json.is_file().then_some(with_json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn paths_are_inherited_through_extends_and_relative_to_the_file_that_sets_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "lib/app/tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "~/*": ["../../src/app/*"] } } }"#,
        );
        // `.json` left out, comments and trailing commas as tsc accepts them.
        write(
            root,
            "src/app/tsconfig.json",
            "{ /* generated */ \"extends\": \"../../lib/app/tsconfig\", }",
        );
        let tsconfig = TsconfigPaths::read(&root.join("src/app/tsconfig.json")).unwrap();
        assert!(tsconfig.maps("~/queries"));
        assert_eq!(tsconfig.path_targets("~/queries"), [root.join("src/app/queries")]);
        assert!(!tsconfig.maps("@/db"));
        assert_eq!(tsconfig.base_url_target("db"), None);
    }

    #[test]
    fn a_missing_extended_tsconfig_makes_the_whole_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "tsconfig.json",
            r#"{ "extends": "./lib/tsconfig.json", "compilerOptions": { "paths": { "x/*": ["./*"] } } }"#,
        );
        assert!(TsconfigPaths::read(&dir.path().join("tsconfig.json")).is_none());
    }

    #[test]
    fn an_extended_package_adds_nothing_and_the_own_options_stand() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "tsconfig.json",
            r#"{ "extends": ["@kosmojs/config/tsconfig.vite.json"], "compilerOptions": { "baseUrl": "./src" } }"#,
        );
        let tsconfig = TsconfigPaths::read(&root.join("tsconfig.json")).unwrap();
        assert_eq!(tsconfig.base_url_target("front/x"), Some(root.join("src/front/x")));
    }

    #[test]
    fn the_exact_pattern_then_the_longest_prefix_wins_and_base_url_anchors_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "base.json", r#"{ "compilerOptions": { "baseUrl": "./web" } }"#);
        write(
            root,
            "tsconfig.json",
            r#"{ "extends": "./base.json", "compilerOptions": { "paths": {
                "@/*": ["./all/*"], "@/ui/*": ["./ui/*", "./ui-fallback/*"], "@/ui/button": ["./button"]
            } } }"#,
        );
        let tsconfig = TsconfigPaths::read(&root.join("tsconfig.json")).unwrap();
        assert_eq!(tsconfig.path_targets("@/ui/button"), [root.join("web/button")]);
        assert_eq!(
            tsconfig.path_targets("@/ui/card"),
            [root.join("web/ui/card"), root.join("web/ui-fallback/card")]
        );
        assert_eq!(tsconfig.path_targets("@/db"), [root.join("web/all/db")]);
        assert!(tsconfig.path_targets("@kosmojs/core").is_empty());
    }

    #[test]
    fn a_cycle_of_extends_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.json", r#"{ "extends": "./b.json" }"#);
        write(dir.path(), "b.json", r#"{ "extends": "./a.json" }"#);
        assert!(TsconfigPaths::read(&dir.path().join("a.json")).is_none());
    }
}
