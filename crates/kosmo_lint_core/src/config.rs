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

use crate::json_file::{JsonDialect, JsonError, parse_json, parse_json_key};

/// The file names looked for, in order, in each folder.
pub const CONFIG_FILE: &str = "kosmo-lint.json";

/// The key of `package.json` that holds a configuration.
pub const PACKAGE_JSON_KEY: &str = "kosmo-lint";

/// How a rule is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Warn,
    Error,
}

/// By hand, so that a number or `true` is told what a level is (serde's derive says only
/// "expected value").
impl<'de> Deserialize<'de> for RuleLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Level;
        impl serde::de::Visitor<'_> for Level {
            type Value = RuleLevel;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a rule level: \"off\", \"warn\" or \"error\"")
            }

            fn visit_str<E: serde::de::Error>(self, level: &str) -> Result<RuleLevel, E> {
                match level {
                    "off" => Ok(RuleLevel::Off),
                    "warn" => Ok(RuleLevel::Warn),
                    "error" => Ok(RuleLevel::Error),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(level), &self)),
                }
            }
        }
        deserializer.deserialize_str(Level)
    }
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
    /// A `package.json` whose `"kosmo-lint"` key is not used, because a `kosmo-lint.json`
    /// beside it is.
    pub shadowed: Option<PathBuf>,
}

/// A configuration that cannot be used, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// The file's text, for a labelled report.
    pub text: String,
    /// Byte offset of the problem, when known.
    pub offset: Option<usize>,
    /// Bytes from `offset` the problem covers (the offending value or key; 0: a point).
    pub len: usize,
    pub message: String,
}

impl ConfigError {
    fn at(path: &Path, text: &str, offset: Option<usize>, message: String) -> Self {
        Self { path: path.to_path_buf(), text: text.to_owned(), offset, len: 0, message }
    }
}

impl Config {
    /// The configuration for `start` (a file or folder): the nearest `kosmo-lint.json`, or
    /// `package.json` with a `"kosmo-lint"` key, at or above it; empty when there is none.
    pub fn discover(start: &Path) -> Result<Self, ConfigError> {
        let start = if start.is_dir() { start } else { start.parent().unwrap_or(start) };
        for dir in start.ancestors() {
            let file = dir.join(CONFIG_FILE);
            let manifest = dir.join("package.json");
            let configures = |manifest: &Path| {
                fs::read(manifest).ok().is_some_and(|bytes| {
                    parse_json::<serde_json::Value>(&bytes, JsonDialect::Json)
                        .is_ok_and(|json| json.get(PACKAGE_JSON_KEY).is_some())
                })
            };
            if file.is_file() {
                let mut config = Self::load(&file)?;
                config.shadowed = configures(&manifest).then(|| normalised(&manifest));
                return Ok(config);
            }
            if configures(&manifest) {
                return Self::load(&manifest);
            }
        }
        Ok(Self::default())
    }

    /// Reads one configuration file (`package.json`: its `"kosmo-lint"` key) and what it
    /// extends.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let mut chain = Vec::new();
        let mut next = Some(normalised(path));
        while let Some(path) = next.take() {
            if chain.iter().any(|(p, _): &(PathBuf, ConfigFile)| p == &path) {
                let message = "`extends` loops back to this file".to_owned();
                return Err(ConfigError::at(&path, "", None, message));
            }
            let file = match read_file(&path) {
                Err(err) if err.text.is_empty() && !chain.is_empty() => {
                    return Err(unreadable_extends(&chain, err));
                }
                file => file?,
            };
            next = file
                .extends
                .as_ref()
                .map(|e| normalised(&path.parent().unwrap_or(Path::new(".")).join(e)));
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

/// `path` as the file system names it (links resolved), or without its `.` and `..` when it
/// does not exist (the error then names it plainly).
fn normalised(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| {
        let mut plain = PathBuf::new();
        for part in path.components() {
            match part {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir if plain.file_name().is_some() => {
                    plain.pop();
                }
                part => plain.push(part),
            }
        }
        plain
    })
}

/// A file named by `extends` that cannot be read, as an error at that `extends` value.
fn unreadable_extends(chain: &[(PathBuf, ConfigFile)], err: ConfigError) -> ConfigError {
    let Some((from, file)) = chain.last() else { return err };
    let text = fs::read_to_string(from).unwrap_or_default();
    let quoted = serde_json::to_string(file.extends.as_deref().unwrap_or_default());
    let offset = quoted.as_ref().ok().and_then(|q| text.find(q.as_str()));
    let len = quoted.map_or(0, |q| q.len());
    let message = format!("`extends`: {}: {}", err.path.display(), err.message);
    ConfigError {
        path: from.clone(),
        text,
        offset,
        len: if offset.is_some() { len } else { 0 },
        message,
    }
}

fn read_file(path: &Path) -> Result<ConfigFile, ConfigError> {
    let bytes =
        fs::read(path).map_err(|e| ConfigError::at(path, "", None, format!("cannot read: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    let located = |e: JsonError| ConfigError {
        path: path.to_path_buf(),
        text: text.clone().into_owned(),
        offset: Some(e.offset),
        len: e.len,
        message: e.message,
    };
    if path.file_name().is_some_and(|n| n == "package.json") {
        let section = parse_json_key(&bytes, JsonDialect::Json, PACKAGE_JSON_KEY);
        return section.map(Option::unwrap_or_default).map_err(located);
    }
    parse_json(&bytes, JsonDialect::Jsonc).map_err(located)
}

/// The JSON schema of [`ConfigFile`], for `kosmo-lint.schema.json`, with `rules` limited to
/// the `(name, summary)` pairs given: the caller knows the rules, and an editor then
/// completes their names and flags a typo, as the tool does.
pub fn json_schema<'a>(rules: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut schema = schemars::schema_for!(ConfigFile).to_value();
    if let Some(rules_schema) = schema.pointer_mut("/properties/rules") {
        let known: serde_json::Map<String, serde_json::Value> = rules
            .into_iter()
            .map(|(name, summary)| {
                let level =
                    serde_json::json!({ "$ref": "#/$defs/RuleLevel", "description": summary });
                (name.to_owned(), level)
            })
            .collect();
        rules_schema["properties"] = serde_json::Value::Object(known);
        rules_schema["additionalProperties"] = serde_json::Value::Bool(false);
    }
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
        assert!(err.message.contains("invalid value: string \"loud\""), "{}", err.message);

        write(dir.path(), CONFIG_FILE, "{ \"rules\": ");
        assert!(Config::discover(dir.path()).is_err());
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
