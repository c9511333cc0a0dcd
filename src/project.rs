//! Finding the project and the settings of a path named on the command line, with the
//! errors that stop a run (exit code 2) as reports.

use std::path::{Path, PathBuf};

use kosmo_lint_core::Project;
use kosmo_lint_core::config::{ConfigError, RuleLevel};
use kosmo_lint_linter::{Settings, SettingsError, phase};
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};

/// The project around `path`.
pub fn discover(path: &Path) -> Result<Project, Report> {
    phase("discover", || Project::discover(path)).map_err(|err| {
        Report::new(MietteDiagnostic::new(err.to_string()).with_code("kosmo::project"))
    })
}

/// The absolute, resolved form of a path named on the command line, or why there is none: a
/// broken link or a link loop is named as such, not as a path that does not exist.
pub fn canonical_path(path: &Path) -> Result<PathBuf, Report> {
    std::fs::canonicalize(path).map_err(|err| {
        let shown = path.display();
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let message = match err.kind() {
            std::io::ErrorKind::NotFound if is_link => {
                format!("broken symbolic link, its target does not exist: {shown}")
            }
            std::io::ErrorKind::NotFound => format!("path does not exist: {shown}"),
            _ if is_link => format!("symbolic link that cannot be followed ({err}): {shown}"),
            _ => format!("cannot resolve {shown}: {err}"),
        };
        Report::msg(message)
    })
}

/// The settings for `path` (or the configuration file `explicit`) with the rule flags.
pub fn load_settings(
    path: &Path,
    explicit: Option<&Path>,
    flags: &[(RuleLevel, String)],
    root: &Path,
) -> Result<Settings, Report> {
    let settings = Settings::load(path, explicit, flags, root).map_err(|err| match err {
        SettingsError::Config(err) => config_report(err),
        SettingsError::Invalid(message) => Report::msg(message),
    })?;
    if let (Some(shadowed), Some(used)) = (&settings.config.shadowed, settings.config.files.last())
    {
        let base = crate::report::PathBase::current();
        eprintln!(
            "kosmo-lint: {} configures kosmo-lint, and so does the \"kosmo-lint\" key of {}: \
             the first is used, the key is ignored (keep one of them)",
            base.show(used),
            base.show(shadowed)
        );
    }
    Ok(settings)
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
    let shown = crate::report::PathBase::current().show(&err.path);
    let headline = format!("{shown}{position}: {}", err.message);
    let mut diagnostic = MietteDiagnostic::new(headline).with_code("kosmo::config");
    if let Some(offset) = err.offset {
        let label = if err.len == 0 {
            LabeledSpan::at_offset(offset, "here")
        } else {
            LabeledSpan::at(offset..offset + err.len, "here")
        };
        diagnostic = diagnostic.with_label(label);
        return Report::new(diagnostic).with_source_code(NamedSource::new(shown, err.text));
    }
    Report::new(diagnostic)
}
