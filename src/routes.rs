//! `kosmo-lint routes`: the route tree, for people or as JSON.

use kosmo_lint_core::Severity;
use miette::{IntoDiagnostic, Report};

use crate::args::{RoutesArgs, TreeFormat};
use kosmo_lint_linter::{LoadOptions, RunKind, Session, Sources};

use crate::project::discover;

pub fn run(args: &RoutesArgs) -> Result<u8, Report> {
    let options = LoadOptions { use_cache: !args.no_cache, run: RunKind::Project };
    let (tree, problems) =
        Session::load(discover(&args.path)?, Sources::disk(), options).full_tree();
    let output = match args.format {
        TreeFormat::Json => {
            let mut json = serde_json::to_string_pretty(&tree).into_diagnostic()?;
            json.push('\n');
            json
        }
        TreeFormat::Pretty => kosmo_lint_report::render_route_tree(&tree),
    };
    crate::output::write_stdout(output.as_bytes())?;
    // Nothing is passed over in silence: paths skipped by the walk are named, and files that
    // could not be read or whose analysis panicked are missing from the tree, so the run
    // could not be done.
    for finding in &problems {
        let skipped = if finding.severity == Severity::Info { "skipped: " } else { "" };
        eprintln!("kosmo-lint: {}: {skipped}{}", finding.display_path, finding.message);
    }
    let incomplete = problems.iter().any(|finding| finding.severity == Severity::Error);
    Ok(if incomplete { crate::EXIT_RUN_FAILED } else { 0 })
}
