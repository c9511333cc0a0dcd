//! The configuration file: `kosmo-lint.json` (JSON with comments), or a `"kosmo-lint"` key in
//! `package.json`, found by walking up from the linted path; `-c FILE` names one directly.
//!
//! ```jsonc
//! {
//!   "$schema": "./node_modules/kosmo-lint/kosmo-lint.schema.json",
//!   "extends": "../kosmo-lint.base.json",
//!   "rules": { "missing-preload": "error", "response-type-declared": "off" },
//!   "ignorePatterns": ["src/legacy/**"]
//! }
//! ```
//!
//! Unknown keys are errors with their location; rule names are checked by the caller, which
//! knows the rules.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::json_file::{JsonDialect, JsonError, parse_json};

/// The file names looked for, in order, in each folder.
pub const CONFIG_FILE: &str = "kosmo-lint.json";

/// How a rule is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Warn,
    Error,
}

/// The contents of a configuration file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(title = "kosmo-lint configuration")]
pub struct ConfigFile {
    /// The JSON schema of this file, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Another configuration file (relative to this one) whose settings this one overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Rule name → `"off"`, `"warn"` or `"error"`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Glob patterns (relative to the project root, `.gitignore` syntax) of files not to lint.
    #[serde(default)]
    pub ignore_patterns: Vec<String>,
}

/// The effective configuration: files merged along `extends`, the nearest last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Config {
    /// The files it was read from, the base first.
    pub files: Vec<PathBuf>,
    pub rules: BTreeMap<String, RuleLevel>,
    pub ignore_patterns: Vec<String>,
}

/// A configuration that cannot be used, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// The file's text, for a labelled report.
    pub text: String,
    /// Byte offset of the problem, when known.
    pub offset: Option<usize>,
    pub message: String,
}

impl ConfigError {
    fn at(path: &Path, text: &str, offset: Option<usize>, message: String) -> Self {
        Self { path: path.to_path_buf(), text: text.to_owned(), offset, message }
    }
}

impl Config {
    /// The configuration for `start` (a file or folder): the nearest `kosmo-lint.json`, or
    /// `package.json` with a `"kosmo-lint"` key, at or above it; empty when there is none.
    pub fn discover(start: &Path) -> Result<Self, ConfigError> {
        let start = if start.is_dir() { start } else { start.parent().unwrap_or(start) };
        for dir in start.ancestors() {
            let file = dir.join(CONFIG_FILE);
            if file.is_file() {
                return Self::load(&file);
            }
            let manifest = dir.join("package.json");
            if let Ok(bytes) = fs::read(&manifest)
                && let Ok(json) = parse_json::<serde_json::Value>(&bytes, JsonDialect::Json)
                && json.get("kosmo-lint").is_some()
            {
                return Self::load(&manifest);
            }
        }
        Ok(Self::default())
    }

    /// Reads one configuration file (`package.json`: its `"kosmo-lint"` key) and what it
    /// extends.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let mut chain = Vec::new();
        let mut next = Some(path.to_path_buf());
        while let Some(path) = next.take() {
            if chain.iter().any(|(p, _): &(PathBuf, ConfigFile)| p == &path) {
                let message = "`extends` loops back to this file".to_owned();
                return Err(ConfigError::at(&path, "", None, message));
            }
            let file = read_file(&path)?;
            next = file.extends.as_ref().map(|e| path.parent().unwrap_or(Path::new(".")).join(e));
            chain.push((path, file));
        }
        let mut config = Self::default();
        for (path, file) in chain.into_iter().rev() {
            config.files.push(path);
            config.rules.extend(file.rules);
            config.ignore_patterns.extend(file.ignore_patterns);
        }
        Ok(config)
    }
}

fn read_file(path: &Path) -> Result<ConfigFile, ConfigError> {
    let bytes =
        fs::read(path).map_err(|e| ConfigError::at(path, "", None, format!("cannot read: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    let located = |e: JsonError| ConfigError::at(path, &text, Some(e.offset), e.message);
    if path.file_name().is_some_and(|n| n == "package.json") {
        let json: serde_json::Value = parse_json(&bytes, JsonDialect::Json).map_err(located)?;
        let section = json.get("kosmo-lint").cloned().unwrap_or_default();
        let offset = text.find("\"kosmo-lint\"");
        return serde_json::from_value(section)
            .map_err(|e| ConfigError::at(path, &text, offset, format!("in \"kosmo-lint\": {e}")));
    }
    parse_json(&bytes, JsonDialect::Jsonc).map_err(located)
}

/// The JSON schema of [`ConfigFile`], for `kosmo-lint.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ConfigFile);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn reads_comments_trailing_commas_and_extends() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "base.json",
            r#"{ "rules": { "missing-preload": "off", "response-type-declared": "warn" }, "ignorePatterns": ["a/**"] }"#,
        );
        let file = write(
            dir.path(),
            CONFIG_FILE,
            "{\n  // nearer wins\n  \"extends\": \"./base.json\",\n  \"rules\": { \"missing-preload\": \"error\", },\n}",
        );
        let config = Config::discover(dir.path()).unwrap();
        assert_eq!(config.files.last(), Some(&file));
        assert_eq!(config.rules["missing-preload"], RuleLevel::Error);
        assert_eq!(config.rules["response-type-declared"], RuleLevel::Warn);
        assert_eq!(config.ignore_patterns, ["a/**"]);
    }

    #[test]
    fn package_json_key_and_located_errors() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "package.json",
            r#"{ "name": "x", "kosmo-lint": { "rules": { "missing-preload": "warn" } } }"#,
        );
        assert_eq!(Config::discover(dir.path()).unwrap().rules["missing-preload"], RuleLevel::Warn);

        write(dir.path(), CONFIG_FILE, "{\n  \"rulez\": {}\n}");
        let err = Config::discover(dir.path()).unwrap_err();
        assert!(err.message.contains("unknown field `rulez`"), "{}", err.message);
        assert_eq!(err.offset.map(|o| &err.text[..o]).map(|t| t.lines().count()), Some(2));

        write(dir.path(), CONFIG_FILE, "{ \"rules\": { \"x\": \"loud\" } }");
        let err = Config::discover(dir.path()).unwrap_err();
        assert!(err.message.contains("unknown variant `loud`"), "{}", err.message);

        write(dir.path(), CONFIG_FILE, "{ \"rules\": ");
        assert!(Config::discover(dir.path()).is_err());
    }

    #[test]
    fn the_committed_schema_matches_the_code() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kosmo-lint.schema.json");
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == json_schema(),
            "stale {} (run `cargo run -p xtask -- docs`)",
            path.display()
        );
    }

    #[test]
    fn extends_loops_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.json", r#"{ "extends": "./b.json" }"#);
        write(dir.path(), "b.json", r#"{ "extends": "./a.json" }"#);
        let err = Config::load(&dir.path().join("a.json")).unwrap_err();
        assert!(err.message.contains("loops"), "{}", err.message);
    }
}
