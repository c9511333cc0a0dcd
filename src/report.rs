//! The output side of `kosmo-lint check`: one path rule for every format, the report in the
//! format asked for, and where it goes (stdout, or `-o FILE` with the pretty report still on
//! the terminal).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kosmo_lint_core::Finding;
use kosmo_lint_linter::{BUILTIN, RULES};
use kosmo_lint_report::{
    CheckedProject, PrettyOptions, RuleDoc, SourceCache, Summary, render_github, render_json,
    render_junit, render_pretty, render_sarif,
};
use miette::Report;

use crate::args::Format;

/// The folder paths are shown from: the working folder, resolved as the project's paths are.
pub struct PathBase(Option<PathBuf>);

impl PathBase {
    pub fn current() -> Self {
        Self(std::env::current_dir().and_then(fs::canonicalize).ok())
    }

    /// A path as every format shows it, as oxlint, ruff and `ESLint` do: relative to the
    /// working folder, `/`-separated, when it is below it; otherwise absolute. (`.` for the
    /// working folder itself.)
    pub fn show(&self, path: &Path) -> String {
        match self.0.as_deref().and_then(|base| path.strip_prefix(base).ok()) {
            Some(below) if below.as_os_str().is_empty() => ".".to_owned(),
            Some(below) => {
                below.iter().map(|part| part.to_string_lossy()).collect::<Vec<_>>().join("/")
            }
            None => path.to_string_lossy().into_owned(),
        }
    }

    /// Shows every finding's path, and the paths of the places it relates to, by this rule.
    pub fn apply(&self, findings: &mut [Finding]) {
        for finding in findings {
            finding.display_path = self.show(&finding.path);
            for related in &mut finding.related {
                related.path = self.show(&related.file);
            }
        }
    }
}

/// Everything a report is made of.
pub struct Outcome<'a> {
    pub findings: &'a [Finding],
    pub summary: Summary,
    pub projects: &'a [CheckedProject],
    pub elapsed: Duration,
}

/// The report in `format`. Colour only in `pretty`, and only when `color` says so.
pub fn render(format: Format, outcome: &Outcome, sources: &mut SourceCache, color: bool) -> String {
    let Outcome { findings, summary, projects, elapsed } = *outcome;
    match format {
        Format::Pretty => {
            let options = PrettyOptions { color, ..PrettyOptions::default() };
            let mut out = render_pretty(findings, sources, options);
            out.push_str(&summary.line(Some(elapsed)));
            out.push('\n');
            out
        }
        Format::Json => render_json(findings, summary, projects, sources),
        Format::Github => render_github(findings, sources),
        Format::Sarif => render_sarif(findings, &rule_docs(), sources),
        Format::Junit => render_junit(findings, projects, sources),
    }
}

/// What SARIF's rule descriptors say of each rule, from the registry.
fn rule_docs() -> Vec<RuleDoc> {
    RULES
        .iter()
        .map(|rule| rule.meta())
        .chain(BUILTIN.iter())
        .map(|meta| {
            let page = kosmo_lint_linter::docs::page(meta);
            // The page's first line is a comment for the repository, not for the reader.
            let markdown = page.split_once("-->\n\n").map_or(page.as_str(), |(_, rest)| rest);
            RuleDoc {
                id: meta.name,
                summary: meta.summary,
                description: kosmo_lint_linter::docs::description(meta),
                markdown: markdown.to_owned(),
                default_severity: meta.severity,
            }
        })
        .collect()
}

/// Writes the report to `-o FILE`, creating its folder, through a temporary file renamed
/// into place, so a CI step that uploads it never reads half a report.
pub fn write_output_file(path: &Path, report: &str) -> Result<(), Report> {
    let fail = |err: std::io::Error| {
        Report::msg(format!("cannot write the report to {}: {err}", path.display()))
    };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(fail)?;
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(fail)?;
    std::io::Write::write_all(&mut temporary, report.as_bytes()).map_err(fail)?;
    temporary.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
}
