//! Which rules run at which severity: defaults, then the configuration file, then the
//! `-A`/`-W`/`-D` flags in the order given. Also the configuration's ignore patterns.

use std::collections::BTreeMap;
use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use kosmo_lint_core::config::{Config, ConfigError, RuleLevel};
use kosmo_lint_core::{Finding, Severity};
use kosmo_lint_rules::{BUILTIN, RULES};
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};

/// The effective level of every rule.
pub struct Settings {
    pub config: Config,
    pub levels: BTreeMap<&'static str, RuleLevel>,
    ignore: Option<Gitignore>,
}

fn rule_names() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.meta().name)
}

fn default_level(severity: Severity) -> RuleLevel {
    match severity {
        Severity::Error => RuleLevel::Error,
        Severity::Warning | Severity::Info => RuleLevel::Warn,
    }
}

/// A configuration problem as a report with its location (exit code 2).
pub fn config_report(err: ConfigError) -> Report {
    // `path:line:col: reason`, as compilers print it, so editors and terminals can jump there.
    let position =
        err.offset.and_then(|offset| err.text.get(..offset)).map_or_else(String::new, |before| {
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[line_start..].trim_start_matches('\u{feff}').chars().count() + 1;
            format!(":{}:{column}", before.matches('\n').count() + 1)
        });
    let headline = format!("{}{position}: {}", err.path.display(), err.message);
    let mut diagnostic = MietteDiagnostic::new(headline).with_code("kosmo::config");
    if let Some(offset) = err.offset {
        diagnostic = diagnostic.with_label(LabeledSpan::at_offset(offset, "here"));
        let name = err.path.display().to_string();
        return Report::new(diagnostic).with_source_code(NamedSource::new(name, err.text));
    }
    Report::new(diagnostic)
}

impl Settings {
    /// Reads the configuration for `path` (or `explicit`) and applies the flags, given as
    /// (level, rule) in command-line order.
    pub fn load(
        path: &Path,
        explicit: Option<&Path>,
        flags: &[(RuleLevel, String)],
        root: &Path,
    ) -> Result<Self, Report> {
        let config = match explicit {
            Some(file) => Config::load(file),
            None => Config::discover(path),
        }
        .map_err(config_report)?;
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
                    Report::msg(format!("unknown rule `{name}` (see `kosmo-lint rules`)"))
                })?;
                levels.insert(rule, *level);
            }
        }
        let ignore = if config.ignore_patterns.is_empty() {
            None
        } else {
            let mut builder = GitignoreBuilder::new(root);
            for pattern in &config.ignore_patterns {
                builder
                    .add_line(None, pattern)
                    .map_err(|e| Report::msg(format!("invalid ignore pattern `{pattern}`: {e}")))?;
            }
            Some(builder.build().map_err(|e| Report::msg(e.to_string()))?)
        };
        Ok(Self { config, levels, ignore })
    }

    /// Whether the configuration's `ignorePatterns` exclude `path`.
    pub fn ignores(&self, path: &Path) -> bool {
        self.ignore.as_ref().is_some_and(|g| g.matched_path_or_any_parents(path, false).is_ignore())
    }

    /// The rules that are not off.
    pub fn enabled_rules(&self) -> Vec<&'static dyn kosmo_lint_rules::Rule> {
        RULES
            .iter()
            .copied()
            .filter(|rule| self.levels.get(rule.meta().name) != Some(&RuleLevel::Off))
            .collect()
    }

    /// Sets the severity of each finding to its rule's level (and drops any of a rule that
    /// is off, though only enabled rules run).
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut finding| match self.levels.get(finding.rule) {
                Some(RuleLevel::Off) => None,
                Some(RuleLevel::Warn) => {
                    finding.severity = Severity::Warning;
                    Some(finding)
                }
                Some(RuleLevel::Error) => {
                    finding.severity = Severity::Error;
                    Some(finding)
                }
                None => Some(finding), // built-ins keep theirs
            })
            .collect()
    }
}

fn known(name: &str) -> Option<&'static str> {
    rule_names().find(|n| *n == name)
}

fn unknown_rule_in_config(config: &Config, name: &str) -> Report {
    let path = config.files.last().cloned().unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let builtin = BUILTIN.iter().any(|b| b.name == name);
    let message = if builtin {
        format!("`{name}` is reported by kosmo-lint itself and cannot be configured")
    } else {
        format!("unknown rule `{name}` (see `kosmo-lint rules`)")
    };
    let offset = text.find(&format!("\"{name}\""));
    config_report(ConfigError { path, text, offset, message })
}

/// `-A x -W y --deny=z`: the rule flags in the order given (clap keeps each flag's values
/// apart, but later flags must win).
pub fn rule_flags(args: &[String]) -> Vec<(RuleLevel, String)> {
    let mut flags = Vec::new();
    let mut iter = args.iter().peekable();
    while let Some(arg) = iter.next() {
        let (level, inline) = match arg.as_str() {
            "-A" | "--allow" => (RuleLevel::Off, None),
            "-W" | "--warn" => (RuleLevel::Warn, None),
            "-D" | "--deny" => (RuleLevel::Error, None),
            "--" => break,
            other => {
                let parsed = [
                    ("--allow=", RuleLevel::Off),
                    ("--warn=", RuleLevel::Warn),
                    ("--deny=", RuleLevel::Error),
                    ("-A", RuleLevel::Off),
                    ("-W", RuleLevel::Warn),
                    ("-D", RuleLevel::Error),
                ]
                .into_iter()
                .find_map(|(prefix, level)| other.strip_prefix(prefix).map(|v| (level, v)));
                match parsed {
                    Some((level, value)) if !value.is_empty() => {
                        (level, Some(value.trim_start_matches('=').to_owned()))
                    }
                    _ => continue,
                }
            }
        };
        if let Some(value) = inline.or_else(|| iter.next().cloned()) {
            flags.push((level, value));
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_keep_their_order() {
        let args: Vec<String> =
            ["check", "-A", "all", "-D", "missing-preload", "--warn=x", "-Wy", "--", "-A", "z"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
        assert_eq!(
            rule_flags(&args),
            [
                (RuleLevel::Off, "all".to_owned()),
                (RuleLevel::Error, "missing-preload".to_owned()),
                (RuleLevel::Warn, "x".to_owned()),
                (RuleLevel::Warn, "y".to_owned()),
            ]
        );
    }
}
