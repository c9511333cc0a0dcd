use super::{RuleOptions, Scaffold, parse_args, scaffold};

const MOD_RS: &str = include_str!("../../crates/kosmo_lint_linter/src/rules/mod.rs");
const REGISTRY_RS: &str = include_str!("../../crates/kosmo_lint_linter/src/registry.rs");

fn new_rule(name: &str) -> Result<Scaffold, String> {
    scaffold(name, RuleOptions::default(), MOD_RS, REGISTRY_RS)
}

/// The lines of `text` that `prefix` starts, in order.
fn lines_starting<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines().filter(|line| line.starts_with(prefix)).collect()
}

/// The rule names of `RULES`, in order, from its entries and their `use` lines.
fn rules_order(registry_rs: &str) -> Vec<String> {
    let start = registry_rs.find("pub static RULES").unwrap();
    let end = start + registry_rs[start..].find("];").unwrap();
    lines_starting(&registry_rs[start..end], "    &")
        .iter()
        .map(|entry| {
            let type_name = entry.trim().trim_start_matches('&').trim_end_matches(',');
            let module = lines_starting(registry_rs, "use crate::rules::")
                .iter()
                .find_map(|line| line.strip_suffix(&format!("::{type_name};")))
                .and_then(|line| line.strip_prefix("use crate::rules::"))
                .unwrap()
                .to_owned();
            module.replace('_', "-")
        })
        .collect()
}

/// `after` is `before` with exactly `added` inserted, wherever they are.
fn assert_only_added(before: &str, after: &str, added: &[&str]) {
    let mut remaining: Vec<&str> = after.lines().collect();
    for line in added {
        let at = remaining.iter().position(|l| l == line).unwrap_or_else(|| panic!("{line}"));
        remaining.remove(at);
    }
    assert_eq!(remaining, before.lines().collect::<Vec<_>>());
    assert_eq!(after.ends_with('\n'), before.ends_with('\n'));
}

#[test]
fn registers_first_middle_and_last_names_in_sorted_order() {
    for (name, module, type_name) in [
        ("aaa-first", "aaa_first", "AaaFirst"),
        ("missing-preloads", "missing_preloads", "MissingPreloads"),
        ("route-syntax-v2", "route_syntax_v2", "RouteSyntaxV2"),
        ("routes", "routes", "Routes"),
        ("zzz-last", "zzz_last", "ZzzLast"),
    ] {
        let scaffold = new_rule(name).unwrap();
        assert_eq!(scaffold.module, module);
        let mods = lines_starting(&scaffold.mod_rs, "pub mod ");
        let mut sorted = mods.clone();
        sorted.sort_unstable();
        assert_eq!(mods, sorted, "{name}");
        assert_only_added(MOD_RS, &scaffold.mod_rs, &[&format!("pub mod {module};")]);

        let uses = lines_starting(&scaffold.registry_rs, "use crate::rules::");
        let mut sorted = uses.clone();
        sorted.sort_unstable();
        assert_eq!(uses, sorted, "{name}");
        let order = rules_order(&scaffold.registry_rs);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order, sorted, "{name}");
        assert!(order.contains(&name.to_owned()));
        assert_only_added(
            REGISTRY_RS,
            &scaffold.registry_rs,
            &[&format!("use crate::rules::{module}::{type_name};"), &format!("    &{type_name},")],
        );
    }
}

#[test]
fn rules_are_ordered_by_rule_name_where_it_differs_from_the_module_name() {
    // `a-b` < `a1` but `a1` < `a_b`: imports follow modules, `RULES` follows names.
    let mod_rs = "pub mod a1;\n";
    let registry_rs =
        "use crate::rules::a1::A1;\n\npub static RULES: &[&dyn Rule] = &[\n    &A1,\n];\n";
    let scaffold = scaffold("a-b", RuleOptions::default(), mod_rs, registry_rs).unwrap();
    assert_eq!(scaffold.mod_rs, "pub mod a1;\npub mod a_b;\n");
    assert_eq!(
        scaffold.registry_rs,
        "use crate::rules::a1::A1;\nuse crate::rules::a_b::AB;\n\npub static RULES: &[&dyn Rule] = &[\n    &AB,\n    &A1,\n];\n"
    );
}

#[test]
fn refuses_names_that_exist() {
    for name in ["missing-preload", "unused-suppression", "syntax-error", "skipped"] {
        let err = new_rule(name).unwrap_err();
        assert!(err.contains("already exists"), "{name}: {err}");
    }
    // Registered in the texts but not yet in the build (a scaffold not compiled since).
    let mod_rs = format!("{MOD_RS}pub mod brand_new;\n");
    let err = scaffold("brand-new", RuleOptions::default(), &mod_rs, REGISTRY_RS).unwrap_err();
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn refuses_names_that_are_not_kebab_case() {
    for name in [
        "",
        "Missing-Thing",
        "missing_thing",
        "missingThing",
        "-thing",
        "thing-",
        "a--b",
        "1-thing",
        "thing-2x",
        "thing one",
        "thïng",
        "thing.ts",
    ] {
        let err = new_rule(name).unwrap_err();
        assert!(err.contains("not kebab-case"), "{name:?}: {err}");
    }
    assert!(new_rule("thing-x2").is_ok());
}

#[test]
fn the_rule_file_has_the_docs_the_declaration_a_check_and_tests() {
    let options = RuleOptions { category: "Perf", severity: "Warning", fix: "None" };
    let file = scaffold("late-data", options, MOD_RS, REGISTRY_RS).unwrap().rule_file;
    for expected in [
        "//! `late-data`: ",
        "declare_rule! {\n    /// ### What it does\n",
        "    /// ### Why is this bad?\n",
        "    /// ### Examples\n    ///\n    /// Incorrect:\n    ///\n    /// ```tsx\n",
        "    /// Correct:\n",
        "    LateData {\n        name: \"late-data\",\n        severity: Warning,\n        category: Perf,\n        fix: None,\n",
        "impl Rule for LateData {\n    fn check_file(&self, _ctx: &FileContext<'_>, _report: &mut Reporter<'_>) {}\n}\n",
        "#[cfg(test)]\nmod tests {\n    use super::LateData;\n    use crate::tester::{Fixture, Tester};\n",
        "let pass = vec![Fixture::G5.file(\n            \"pages/users/index.tsx\",",
        "let fail = vec![Fixture::G5.file(",
        "        Tester::new(&LateData).pass(pass).fail(fail).test_and_snapshot();\n",
    ] {
        assert!(file.contains(expected), "missing {expected:?} in\n{file}");
    }
    assert!(!file.contains("### Fix") && !file.contains("fix("), "{file}");
}

#[test]
fn a_fixing_rule_gets_a_fix_section_and_fix_vectors() {
    for (fix, method) in
        [("Safe", ".fix(fix)"), ("Sometimes", ".fix(fix)"), ("Unsafe", ".unsafe_fix(fix)")]
    {
        let options = RuleOptions { fix, ..RuleOptions::default() };
        let file = scaffold("late-data", options, MOD_RS, REGISTRY_RS).unwrap().rule_file;
        assert!(file.contains("    ///\n    /// ### Fix\n    ///\n"), "{file}");
        assert!(file.contains(&format!("        fix: {fix},\n")), "{file}");
        assert!(file.contains("let fix = vec![(\n            Fixture::G5.file("), "{file}");
        let tester =
            format!("Tester::new(&LateData).pass(pass).fail(fail){method}.test_and_snapshot();");
        assert!(file.contains(&tester), "{file}");
    }
}

#[test]
fn parses_the_name_and_options_in_any_order() {
    assert_eq!(parse_args(&["late-data"]), Ok(("late-data".to_owned(), RuleOptions::default())));
    let parsed = parse_args(&[
        "late-data",
        "--fix",
        "unsafe",
        "--category",
        "perf",
        "--severity",
        "warning",
    ]);
    let expected = RuleOptions { category: "Perf", severity: "Warning", fix: "Unsafe" };
    assert_eq!(parsed, Ok(("late-data".to_owned(), expected)));
    assert_eq!(parse_args(&["late-data", "--fix", "sometimes"]).unwrap().1.fix, "Sometimes");
    for (args, error) in [
        (&[][..], "a rule name is required"),
        (&["late-data", "--fix"][..], "`--fix` needs a value"),
        (
            &["late-data", "--fix", "always"][..],
            "`--fix` takes one of none, safe, unsafe, sometimes, not `always`",
        ),
        (
            &["late-data", "--severity", "info"][..],
            "`--severity` takes one of error, warning, not `info`",
        ),
        (
            &["late-data", "--category", "style"][..],
            "`--category` takes one of correctness, perf, not `style`",
        ),
        (&["late-data", "--name", "x"][..], "unknown option `--name`"),
    ] {
        assert_eq!(parse_args(args), Err(error.to_owned()), "{args:?}");
    }
}
