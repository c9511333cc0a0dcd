//! Which rules run at which severity: defaults, then the configuration file, then the
//! `-A`/`-W`/`-D` flags in the order given. Also the configuration's ignore patterns. A
//! [`crate::Linter`] is built from these once; findings get their level when they are made.

use std::collections::BTreeMap;
use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use kosmo_lint_core::Severity;
use kosmo_lint_core::config::{Config, ConfigError, RuleLevel};

use crate::{BUILTIN, RULES};

/// The effective level of every rule.
pub struct Settings {
    pub config: Config,
    pub levels: BTreeMap<&'static str, RuleLevel>,
    ignore: Option<Gitignore>,
}

/// The rules a configuration, a suppression or `-A/-W/-D` can name.
pub fn rule_names() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.meta().name)
}

fn default_level(severity: Severity) -> RuleLevel {
    match severity {
        Severity::Error => RuleLevel::Error,
        Severity::Warning | Severity::Info => RuleLevel::Warn,
    }
}

/// Why the settings could not be loaded (the run exits 2).
#[derive(Debug)]
pub enum SettingsError {
    /// A configuration file that cannot be read or is invalid, with the position.
    Config(ConfigError),
    /// A flag that names no rule, or an invalid ignore pattern.
    Invalid(String),
}

/// `path:line:column: message`, as compilers print it (the CLI renders a labelled report).
impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Config(err) => {
                write!(f, "{}", err.path.display())?;
                if let Some(before) = err.offset.and_then(|offset| err.text.get(..offset)) {
                    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                    let column = before[line_start..].chars().count() + 1;
                    write!(f, ":{}:{column}", before.matches('\n').count() + 1)?;
                }
                write!(f, ": {}", err.message)
            }
            Self::Invalid(message) => f.write_str(message),
        }
    }
}

impl From<ConfigError> for SettingsError {
    fn from(err: ConfigError) -> Self {
        Self::Config(err)
    }
}

impl Settings {
    /// Reads the configuration for `path` (or `explicit`) and applies the flags, given as
    /// (level, rule) in command-line order.
    pub fn load(
        path: &Path,
        explicit: Option<&Path>,
        flags: &[(RuleLevel, String)],
        root: &Path,
    ) -> Result<Self, SettingsError> {
        let config = match explicit {
            Some(file) => Config::load(file),
            None => Config::discover(path),
        }?;
        let mut levels: BTreeMap<&'static str, RuleLevel> =
            RULES.iter().map(|r| (r.meta().name, default_level(r.meta().severity))).collect();
        for (name, level) in &config.rules {
            let rule = known(name).ok_or_else(|| unknown_rule_in_config(&config, name))?;
            levels.insert(rule, *level);
        }
        for (level, name) in flags {
            if name == "all" {
                for value in levels.values_mut() {
                    *value = *level;
                }
            } else {
                let rule = known(name).ok_or_else(|| {
                    SettingsError::Invalid(format!(
                        "unknown rule `{name}` (see `kosmo-lint rules`)"
                    ))
                })?;
                levels.insert(rule, *level);
            }
        }
        let ignore = if config.ignore_patterns.is_empty() {
            None
        } else {
            let mut builder = GitignoreBuilder::new(root);
            for pattern in &config.ignore_patterns {
                builder.add_line(None, pattern).map_err(|e| {
                    SettingsError::Invalid(format!("invalid ignore pattern `{pattern}`: {e}"))
                })?;
            }
            Some(builder.build().map_err(|e| SettingsError::Invalid(e.to_string()))?)
        };
        Ok(Self { config, levels, ignore })
    }

    /// Whether the configuration's `ignorePatterns` exclude `path`.
    pub fn ignores(&self, path: &Path) -> bool {
        self.ignore.as_ref().is_some_and(|g| g.matched_path_or_any_parents(path, false).is_ignore())
    }

    /// The severity of `name`'s findings, or `None` when it is off.
    pub fn severity(&self, name: &str) -> Option<Severity> {
        match self.levels.get(name)? {
            RuleLevel::Off => None,
            RuleLevel::Warn => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

fn known(name: &str) -> Option<&'static str> {
    rule_names().find(|n| *n == name)
}

fn unknown_rule_in_config(config: &Config, name: &str) -> SettingsError {
    let builtin = BUILTIN.iter().any(|b| b.name == name);
    let near = (!builtin).then(|| crate::suggest::nearest_name(name, rule_names())).flatten();
    let message = match (builtin, near) {
        (true, _) => format!("`{name}` is reported by kosmo-lint itself and cannot be configured"),
        (false, Some(near)) => {
            format!("unknown rule `{name}` (see `kosmo-lint rules`); did you mean `{near}`?")
        }
        (false, None) => format!("unknown rule `{name}` (see `kosmo-lint rules`)"),
    };
    // The nearest file of the `extends` chain that names it: the one to edit.
    let quoted = format!("\"{name}\"");
    let located = config.files.iter().rev().find_map(|path| {
        let text = std::fs::read_to_string(path).ok()?;
        let offset = text.find(&quoted)?;
        Some((path.clone(), text, offset))
    });
    let (path, text, offset) = match located {
        Some((path, text, offset)) => (path, text, Some(offset)),
        None => (config.files.last().cloned().unwrap_or_default(), String::new(), None),
    };
    let len = if offset.is_some() { quoted.len() } else { 0 };
    SettingsError::Config(ConfigError { path, text, offset, len, message })
}
