//! `kosmo-lint check`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use kosmo_lint_core::{Finding, Severity};
use kosmo_lint_report::{
    PrettyOptions, SourceCache, Summary, render_json, render_pretty, sort_findings,
};
use miette::{IntoDiagnostic, Report};

use crate::args::{CheckArgs, Format};
use crate::load::load;

pub fn run(args: &CheckArgs) -> Result<u8, Report> {
    let started = Instant::now();
    // Paths are grouped by project so that each project is loaded once.
    let mut projects: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut loaded = Vec::new();
    for path in &args.paths {
        let target = fs::canonicalize(path)
            .map_err(|_| Report::msg(format!("path does not exist: {}", path.display())))?;
        let project = load(&target)?;
        let root = project.project.root.clone();
        if !projects.contains_key(&root) {
            loaded.push(project);
        }
        projects.entry(root).or_default().push(target);
    }
    let mut findings: Vec<Finding> = Vec::new();
    let mut files_checked = 0;
    for project in &loaded {
        let targets = &projects[&project.project.root];
        let selected = |path: &std::path::Path| targets.iter().any(|t| path.starts_with(t));
        files_checked += project.files.iter().filter(|f| selected(&f.path)).count();
        findings.extend(project.file_findings().into_iter().filter(|f| selected(&f.path)));
        let rule_findings = kosmo_lint_rules::lint_project(
            kosmo_lint_rules::RULES,
            &project.files,
            &project.facts,
            &project.tree,
        );
        findings.extend(rule_findings.into_iter().filter(|f| selected(&f.path)));
    }
    sort_findings(&mut findings);
    let summary = Summary::of(files_checked, &findings);
    let mut sources = SourceCache::default();
    let output = match args.format {
        Format::Pretty => {
            let options = PrettyOptions { color: crate::use_color(), ..PrettyOptions::default() };
            let mut out = render_pretty(&findings, &mut sources, options);
            out.push_str(&summary.line(Some(started.elapsed())));
            out.push('\n');
            out
        }
        Format::Json => render_json(&findings, summary, &mut sources),
    };
    std::io::stdout().lock().write_all(output.as_bytes()).into_diagnostic()?;
    Ok(u8::from(findings.iter().any(|f| f.severity == Severity::Error)))
}
