//! `kosmo-lint check`, with `--fix` and `--diff`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use kosmo_lint_core::{Finding, Project, Severity};
use kosmo_lint_linter::{
    FileChange, FixOptions, Linter, LoadOptions, RunKind, Selection, Session, Sources, phase,
};
use kosmo_lint_report::{
    CheckedProject, PrettyOptions, SourceCache, Summary, render_pretty, sort_findings,
};
use miette::Report;

use crate::args::{CheckArgs, ColorChoice, Format, Stream};
use crate::project::{canonical_path, discover, load_settings};
use crate::report::{Outcome, PathBase, render, write_output_file};

pub fn run(args: &CheckArgs, color: ColorChoice) -> Result<u8, Report> {
    let started = Instant::now();
    let stdin = args.stdin_filename.as_deref().map(read_stdin).transpose()?;
    let (mut runs, unlintable) = load_projects(args, stdin.as_ref())?;
    let fix_options = (args.fix || args.diff)
        .then_some(FixOptions { unsafe_fixes: args.unsafe_fixes, write: !args.diff });
    let mut findings: Vec<Finding> = unlintable;
    let mut projects = Vec::new();
    let mut fixed = 0;
    let mut changes = Vec::new();
    for run in &mut runs {
        let (targets, settings) = (run.targets.as_slice(), &run.settings);
        // A run over named files also checks the files whose routes or modules changed
        // since the last full run (pre-commit never names a deleted route).
        run.session.retain_dependents(|path| !settings.ignores(path));
        let selected =
            |path: &Path| targets.iter().any(|t| path.starts_with(t)) && !settings.ignores(path);
        let only_files = files_only(targets, stdin.as_ref()).then_some(targets);
        let whole_project = targets.iter().any(|t| run.session.project.root.starts_with(t));
        let selection = Selection { selected: &selected, only_files, whole_project };
        let mut checked = run.session.check(&run.linter, selection);
        if let Some(options) = fix_options {
            let outcome = phase("fix", || run.session.fix(&run.linter, &mut checked, options));
            fixed += outcome.fixes;
            changes.extend(outcome.changes);
        }
        let root = run.session.project.root.clone();
        projects.push(CheckedProject { shown: String::new(), root, files: checked.files });
        findings.extend(checked.findings);
    }
    for run in runs {
        run.session.finish();
    }
    let base = PathBase::current();
    base.apply(&mut findings);
    for project in &mut projects {
        project.shown = base.show(&project.root);
    }
    for change in &mut changes {
        change.display_path = base.show(&change.path);
    }
    let fixed_stdin = changes.first().filter(|_| stdin.is_some());
    if args.diff {
        // Like ruff: the diff alone on stdout, exit 1 when applying it would change a file.
        // Fixes that were refused are said on stderr, so they are not lost.
        let diffs: Vec<String> = changes.iter().map(FileChange::unified_diff).collect();
        crate::output::write_stdout(diffs.concat().as_bytes())?;
        let refused: Vec<Finding> =
            findings.into_iter().filter(|f| matches!(f.rule, "fix-error")).collect();
        if !refused.is_empty() {
            let options = PrettyOptions { color: false, ..PrettyOptions::default() };
            eprint!("{}", render_pretty(&refused, &mut SourceCache::default(), options));
        }
        let files = diffs.len();
        eprintln!("Would fix {fixed} finding{} in {files} file{}.", plural(fixed), plural(files));
        return Ok(u8::from(!diffs.is_empty()));
    }
    sort_findings(&mut findings);
    // Counted before --quiet hides the warnings: the summary and --max-warnings still see
    // them, as oxlint's do.
    let mut summary = Summary::of(projects.iter().map(|p| p.files).sum(), &findings);
    summary.fixed = fix_options.map(|_| fixed);
    if args.quiet {
        findings.retain(|f| f.severity == Severity::Error);
    }
    let mut sources = SourceCache::default();
    if let Some((path, text)) = &stdin {
        let linted = fixed_stdin.filter(|_| args.fix).map_or(text, |change| &change.fixed);
        sources.insert(path.clone(), linted.clone());
    }
    let outcome =
        Outcome { findings: &findings, summary, projects: &projects, elapsed: started.elapsed() };
    // With --stdin-filename --fix, stdout carries the fixed text: reports go to stderr.
    let report_to_stderr = stdin.is_some() && args.fix;
    let color = color.enabled(if report_to_stderr { Stream::Stderr } else { Stream::Stdout });
    let report = phase("render", || match &args.output_file {
        Some(path) => {
            let file = render(args.format, &outcome, &mut sources, false);
            write_output_file(path, &file)?;
            // The file is for the tools; the terminal or the CI log still shows the findings.
            Ok(render(Format::Pretty, &outcome, &mut sources, color))
        }
        None => Ok::<_, Report>(render(args.format, &outcome, &mut sources, color)),
    })?;
    match &stdin {
        // Like ruff: the fixed text (the text as it came when nothing was fixed) on stdout,
        // for the editor or the pipe that sent it; the report on stderr.
        Some((_, text)) if report_to_stderr => {
            let fixed = fixed_stdin.map_or(text.as_str(), |change| &change.fixed);
            crate::output::write_stdout(fixed.as_bytes())?;
            eprint!("{report}");
        }
        _ => crate::output::write_stdout(report.as_bytes())?,
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    if too_many_warnings {
        eprintln!(
            "kosmo-lint: {} warning(s), more than --max-warnings {}",
            summary.warnings,
            args.max_warnings.unwrap_or_default()
        );
    }
    if findings.iter().any(|finding| finding.rule == "internal-error") {
        return Ok(crate::EXIT_RUN_FAILED);
    }
    Ok(u8::from(summary.errors > 0 || too_many_warnings))
}

/// One project of the run: its session, its settings and the linter built from them, and
/// the paths named in it.
struct ProjectRun {
    session: Session,
    settings: kosmo_lint_linter::Settings,
    linter: Linter,
    targets: Vec<PathBuf>,
}

/// A run per project named: paths are grouped by project so that each project is loaded
/// once. Paths named that cannot be linted at all (a FIFO, a socket) come back as
/// `io-error` findings: never opened, never silent.
fn load_projects(
    args: &CheckArgs,
    stdin: Option<&(PathBuf, String)>,
) -> Result<(Vec<ProjectRun>, Vec<Finding>), Report> {
    let mut unlintable = Vec::new();
    let mut targets: BTreeMap<PathBuf, (Project, Vec<PathBuf>)> = BTreeMap::new();
    if let Some((target, _)) = stdin {
        // The buffer of a page not saved yet may be in a folder not made yet.
        let folder = target.ancestors().skip(1).find(|folder| folder.is_dir()).unwrap_or(target);
        let project = discover(folder)?;
        targets.insert(project.root.clone(), (project, vec![target.clone()]));
    }
    for path in args.paths.iter().filter(|_| stdin.is_none()) {
        let target = canonical_path(path)?;
        // A file outside any KosmoJS project (pre-commit passes every staged file) is passed
        // over, said on stderr unless --quiet; a folder outside one is an error.
        let project = match discover(&target) {
            Ok(project) => project,
            Err(_) if target.is_file() => {
                if !args.quiet {
                    eprintln!(
                        "kosmo-lint: not in a KosmoJS project, not linted: {}",
                        path.display()
                    );
                }
                continue;
            }
            Err(err) => return Err(err),
        };
        let file_type = fs::metadata(&target).ok().map(|m| m.file_type());
        if !file_type.is_some_and(|t| t.is_file() || t.is_dir()) {
            let message = kosmo_lint_core::walk::not_regular(file_type);
            let display = project.relative(&target);
            unlintable.push(Finding::whole_file("io-error", target, display, message));
            continue;
        }
        targets.entry(project.root.clone()).or_insert_with(|| (project, Vec::new())).1.push(target);
    }
    let mut runs = Vec::new();
    for (root, (project, targets)) in targets {
        let settings = load_settings(&targets[0], args.config.as_deref(), &args.rule_flags, &root)?;
        // Only the rules that are on run, so that neither findings nor fixes (nor unused
        // suppressions) come from a rule turned off.
        let linter = Linter::new(&settings);
        let run = if files_only(&targets, stdin) { RunKind::NamedFiles } else { RunKind::Project };
        let options = LoadOptions { use_cache: !args.no_cache, run };
        let mut sources = Sources::disk();
        if let Some((path, text)) = stdin {
            sources.set_overlay(path, text.clone());
        }
        let session = Session::load(project, sources, options);
        runs.push(ProjectRun { session, settings, linter, targets });
    }
    Ok((runs, unlintable))
}

/// Whether the run names files only (the pre-commit path): the file read from stdin is one.
fn files_only(targets: &[PathBuf], stdin: Option<&(PathBuf, String)>) -> bool {
    targets.iter().all(|t| t.is_file() || stdin.is_some_and(|(path, _)| path == t))
}

/// The text on stdin, for the file at `path` (resolved as the project names its files).
fn read_stdin(path: &Path) -> Result<(PathBuf, String), Report> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
        .map_err(|err| Report::msg(format!("cannot read stdin: {err}")))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        Report::msg(format!(
            "stdin (for {}) is not valid UTF-8 (first invalid byte at offset {offset})",
            path.display()
        ))
    })?;
    Ok((kosmo_lint_linter::resolved(path), text))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
