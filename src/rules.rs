//! `kosmo-lint rules`, `explain` and `config`: what the rules are and how they are set.

use std::fmt::Write as _;

use kosmo_lint_linter::{BUILTIN, RULES};
use miette::{IntoDiagnostic, Report};

pub fn run() -> Result<u8, Report> {
    let mut out = String::new();
    let _ = writeln!(out, "{:<30} {:<9} {:<10} summary", "rule", "severity", "fix");
    let metas = RULES.iter().map(|r| r.meta()).chain(BUILTIN.iter());
    for meta in metas {
        let builtin = if BUILTIN.iter().any(|b| b.name == meta.name) { " (built-in)" } else { "" };
        let _ = writeln!(
            out,
            "{:<30} {:<9} {:<10} {}{builtin}",
            meta.name, meta.severity, meta.fix, meta.summary
        );
    }
    crate::output::write_stdout(out.as_bytes())?;
    Ok(0)
}

/// `kosmo-lint explain <rule>`: the rule's documentation, as in `docs/rules/<rule>.md`.
pub fn explain(name: &str) -> Result<u8, Report> {
    let meta = kosmo_lint_linter::find_rule(name)
        .ok_or_else(|| Report::msg(format!("unknown rule `{name}` (see `kosmo-lint rules`)")))?;
    let page = kosmo_lint_linter::docs::page(meta);
    // The page's first line is a comment for the repository, not for the reader.
    let text = page.split_once("-->\n\n").map_or(page.as_str(), |(_, rest)| rest);
    crate::output::write_stdout(text.as_bytes())?;
    Ok(0)
}

/// `kosmo-lint config [PATH]`: the effective configuration, as JSON.
pub fn config(path: &std::path::Path, explicit: Option<&std::path::Path>) -> Result<u8, Report> {
    let path = crate::project::canonical_path(path)?;
    let settings = crate::project::load_settings(&path, explicit, &[], &path)?;
    let base = crate::report::PathBase::current();
    let files: Vec<String> = settings.config.files.iter().map(|file| base.show(file)).collect();
    let mut document = serde_json::json!({
        "files": files,
        "rules": settings.levels,
        "ignorePatterns": settings.config.ignore_patterns,
    });
    if let Some(shadowed) = &settings.config.shadowed {
        document["notUsed"] = serde_json::json!([base.show(shadowed)]);
    }
    let mut out = serde_json::to_string_pretty(&document).into_diagnostic()?;
    out.push('\n');
    crate::output::write_stdout(out.as_bytes())?;
    Ok(0)
}
