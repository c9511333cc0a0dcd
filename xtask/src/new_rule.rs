//! `new-rule`: the scaffold of a new rule. [`scaffold`] is pure (a name, options and the texts
//! of `rules/mod.rs` and `registry.rs` in, the new texts out) so that the tests can check the
//! sorted registration and the refusals without touching the repository; [`run`] reads and
//! writes the files.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

pub const USAGE: &str = "cargo run -p xtask -- new-rule <kebab-name> [--category correctness|perf] \
     [--severity error|warning] [--fix none|safe|unsafe|sometimes]";

/// What `declare_rule!` is given, as the identifiers it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleOptions {
    pub category: &'static str,
    pub severity: &'static str,
    pub fix: &'static str,
}

impl Default for RuleOptions {
    fn default() -> Self {
        Self { category: "Correctness", severity: "Error", fix: "None" }
    }
}

const CATEGORIES: &[(&str, &str)] = &[("correctness", "Correctness"), ("perf", "Perf")];
// `info` is for findings that never fail a run (`skipped`), not for rules.
const SEVERITIES: &[(&str, &str)] = &[("error", "Error"), ("warning", "Warning")];
const FIXES: &[(&str, &str)] =
    &[("none", "None"), ("safe", "Safe"), ("unsafe", "Unsafe"), ("sometimes", "Sometimes")];

/// The new rule's file and the two registration files with it added.
#[derive(Debug)]
pub struct Scaffold {
    /// The rule's module name, also its file name without `.rs`.
    pub module: String,
    pub rule_file: String,
    pub mod_rs: String,
    pub registry_rs: String,
}

/// The rule's name, then `--category`, `--severity`, `--fix` in any order.
pub fn parse_args(args: &[&str]) -> Result<(String, RuleOptions), String> {
    let Some((name, mut rest)) = args.split_first() else {
        return Err("a rule name is required".to_owned());
    };
    let mut options = RuleOptions::default();
    while let Some((flag, tail)) = rest.split_first() {
        let (field, choices) = match *flag {
            "--category" => (&mut options.category, CATEGORIES),
            "--severity" => (&mut options.severity, SEVERITIES),
            "--fix" => (&mut options.fix, FIXES),
            _ => return Err(format!("unknown option `{flag}`")),
        };
        let Some((value, tail)) = tail.split_first() else {
            return Err(format!("`{flag}` needs a value"));
        };
        *field =
            choices.iter().find(|(word, _)| word == value).map(|(_, ident)| *ident).ok_or_else(
                || {
                    let words: Vec<&str> = choices.iter().map(|(word, _)| *word).collect();
                    format!("`{flag}` takes one of {}, not `{value}`", words.join(", "))
                },
            )?;
        rest = tail;
    }
    Ok(((*name).to_owned(), options))
}

/// The new rule's file and `mod_rs`, `registry_rs` with it registered in name order; refuses a
/// name that is not kebab-case or that a rule or built-in finding already has.
pub fn scaffold(
    name: &str,
    options: RuleOptions,
    mod_rs: &str,
    registry_rs: &str,
) -> Result<Scaffold, String> {
    if !is_kebab_case(name) {
        return Err(format!(
            "`{name}` is not kebab-case (lowercase ASCII words joined by `-`, e.g. `missing-preload`)"
        ));
    }
    let module = name.replace('-', "_");
    let type_name: String = name.split('-').map(capitalized).collect();
    let exists = kosmo_lint_linter::find_rule(name).is_some()
        || mod_rs.lines().any(|line| line.trim() == format!("pub mod {module};"))
        || registry_rs.contains(&format!("::{type_name};"));
    if exists {
        return Err(format!("a rule or built-in finding named `{name}` already exists"));
    }
    let mod_rs = insert_sorted(mod_rs, &format!("pub mod {module};"), |line| {
        line.strip_prefix("pub mod ")?.strip_suffix(';').map(str::to_owned)
    })
    .ok_or("rules/mod.rs has no `pub mod` line to insert after")?;
    let registry_rs = register(registry_rs, &module, &type_name)?;
    let rule_file = rule_file(name, &type_name, options);
    Ok(Scaffold { module, rule_file, mod_rs, registry_rs })
}

fn is_kebab_case(name: &str) -> bool {
    name.split('-').all(|word| {
        word.starts_with(|c: char| c.is_ascii_lowercase())
            && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Adds the `use` of the rule's type (sorted by module, as rustfmt keeps imports) and its entry
/// in `RULES` (sorted by rule name, as the registry's test requires).
fn register(registry_rs: &str, module: &str, type_name: &str) -> Result<String, String> {
    let use_of = |line: &str| -> Option<(String, String)> {
        let (module, type_name) =
            line.strip_prefix("use crate::rules::")?.strip_suffix(';')?.split_once("::")?;
        Some((module.to_owned(), type_name.to_owned()))
    };
    let with_use =
        insert_sorted(registry_rs, &format!("use crate::rules::{module}::{type_name};"), |line| {
            use_of(line).map(|(module, _)| module)
        })
        .ok_or("registry.rs has no `use crate::rules::…` line to insert after")?;
    let rule_names: Vec<(String, String)> = with_use
        .lines()
        .filter_map(use_of)
        .map(|(module, type_name)| (format!("    &{type_name},"), module.replace('_', "-")))
        .collect();
    // Between `RULES = &[` and its `];`, each entry is compared by the name of the rule it is.
    let start = with_use.find("pub static RULES").ok_or("registry.rs has no `RULES`")?;
    let end = start + with_use[start..].find("];").ok_or("`RULES` has no end")?;
    let name_of = |line: &str| rule_names.iter().find(|(entry, _)| entry == line);
    let entries = &with_use[start..end];
    if let Some(unknown) =
        entries.lines().find(|line| line.starts_with("    &") && name_of(line).is_none())
    {
        return Err(format!(
            "`RULES` entry `{}` has no `use crate::rules::…` line",
            unknown.trim()
        ));
    }
    let entries = insert_sorted(entries, &format!("    &{type_name},"), |line| {
        name_of(line).map(|(_, name)| name.clone())
    })
    .ok_or("`RULES` has no entry to insert after")?;
    Ok(format!("{}{entries}{}", &with_use[..start], &with_use[end..]))
}

/// `text` with `new_line` inserted among the lines that have a sort key (`key_of`), before the
/// first whose key is greater, or after the last of them; `None` if no line has a key.
fn insert_sorted(
    text: &str,
    new_line: &str,
    key_of: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let new_key = key_of(new_line)?;
    let keyed: Vec<(usize, String)> =
        text.lines().enumerate().filter_map(|(i, line)| Some((i, key_of(line)?))).collect();
    let (last, _) = keyed.last()?;
    let at = keyed.iter().find(|(_, key)| *key > new_key).map_or(last + 1, |(i, _)| *i);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(at, new_line);
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// The rule's file: the documentation to fill in, a check that reports nothing yet, and test
/// vectors that fail until the check is written.
fn rule_file(name: &str, type_name: &str, options: RuleOptions) -> String {
    let RuleOptions { category, severity, fix } = options;
    let mut out = String::new();
    let _ = writeln!(out, "//! `{name}`: TODO: what it reports, in a few words.");
    out.push_str(
        r#"
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// TODO: what the rule reports, and where (which files, which generations).
    ///
    /// ### Why is this bad?
    ///
    /// TODO: what goes wrong at run time or for the reader.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// TODO
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// TODO
    /// ```
"#,
    );
    if fix != "None" {
        out.push_str("    ///\n    /// ### Fix\n    ///\n    /// TODO: what the fix changes, and when it is offered.\n");
    }
    let _ = write!(
        out,
        r##"    {type_name} {{
        name: "{name}",
        severity: {severity},
        category: {category},
        fix: {fix},
        frontends: [Solid, React, Vue, Svelte, Mdx],
        summary: "TODO: what the rule checks, in one sentence without its final period",
    }}
}}

impl Rule for {type_name} {{
    fn check_file(&self, _ctx: &FileContext<'_>, _report: &mut Reporter<'_>) {{}}
}}

#[cfg(test)]
mod tests {{
    use super::{type_name};
    use crate::tester::{{Fixture, Tester}};

    #[test]
    fn test() {{
        let pass = vec![Fixture::G5.file(
            "pages/users/index.tsx",
            r#"
// TODO: code the rule accepts
"#,
        )];
        let fail = vec![Fixture::G5.file(
            "pages/users/index.tsx",
            r#"
// TODO: code the rule reports
"#,
        )];
"##
    );
    let fix_method = match fix {
        "None" => None,
        "Unsafe" => Some("unsafe_fix"),
        _ => Some("fix"),
    };
    if let Some(method) = fix_method {
        out.push_str(
            r##"        let fix = vec![(
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
// TODO: code the rule fixes
"#,
            ),
            r#"
// TODO: the code after the fix
"#,
        )];
"##,
        );
        let _ = writeln!(
            out,
            "        Tester::new(&{type_name}).pass(pass).fail(fail).{method}(fix).test_and_snapshot();"
        );
    } else {
        let _ = writeln!(
            out,
            "        Tester::new(&{type_name}).pass(pass).fail(fail).test_and_snapshot();"
        );
    }
    out.push_str("    }\n}\n");
    out
}

/// Writes the scaffold into the linter crate.
pub fn run(args: &[&str]) -> ExitCode {
    let (name, options) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/kosmo_lint_linter/src");
    let (mod_path, registry_path) = (src.join("rules/mod.rs"), src.join("registry.rs"));
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))
    };
    let result = read(&mod_path)
        .and_then(|mod_rs| Ok((mod_rs, read(&registry_path)?)))
        .and_then(|(mod_rs, registry_rs)| scaffold(&name, options, &mod_rs, &registry_rs))
        .and_then(|scaffold| {
            let rule_path = src.join(format!("rules/{}.rs", scaffold.module));
            // `create_new`: a rule file that exists without being registered is not overwritten.
            std::fs::File::create_new(&rule_path)
                .and_then(|mut file| {
                    std::io::Write::write_all(&mut file, scaffold.rule_file.as_bytes())
                })
                .map_err(cannot_write(&rule_path))?;
            std::fs::write(&mod_path, &scaffold.mod_rs).map_err(cannot_write(&mod_path))?;
            std::fs::write(&registry_path, &scaffold.registry_rs)
                .map_err(cannot_write(&registry_path))?;
            Ok(format!("crates/kosmo_lint_linter/src/rules/{}.rs", scaffold.module))
        });
    match result {
        Ok(rule_path) => {
            println!(
                "wrote {rule_path}, registered it in rules/mod.rs and registry.rs\n\
                 next: fill in the TODOs, write the check and its test vectors, then \
                 `cargo run -p xtask -- docs` (docs/rules/ and the README's rules table)"
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

fn cannot_write(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |err| format!("cannot write {}: {err}", path.display())
}

#[cfg(test)]
#[path = "new_rule_tests.rs"]
mod tests;
