//! `kosmo-lint rules`: the rules, their default severity and fixability.

use std::fmt::Write as _;
use std::io::Write;

use kosmo_lint_core::Severity;
use kosmo_lint_rules::{BUILTIN, FixKind, RULES};
use miette::{IntoDiagnostic, Report};

pub fn run() -> Result<u8, Report> {
    let mut out = String::new();
    let _ = writeln!(out, "{:<30} {:<9} {:<10} summary", "rule", "severity", "fix");
    let metas = RULES.iter().map(|r| r.meta()).chain(BUILTIN.iter());
    for meta in metas {
        let severity = match meta.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let fix = match meta.fix {
            FixKind::None => "-",
            FixKind::Sometimes => "sometimes",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
        };
        let builtin = if BUILTIN.iter().any(|b| b.name == meta.name) { " (built-in)" } else { "" };
        let _ =
            writeln!(out, "{:<30} {severity:<9} {fix:<10} {}{builtin}", meta.name, meta.summary);
    }
    std::io::stdout().lock().write_all(out.as_bytes()).into_diagnostic()?;
    Ok(0)
}
