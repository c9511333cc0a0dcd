//! Tests of `suppress.rs`: directive scopes, used and unused suppressions.
use std::path::{Path, PathBuf};

use kosmo_lint_core::facts::FileFacts;
use kosmo_lint_core::walk::{FileKind, WalkScope};
use kosmo_lint_core::{Finding, ProjectFile, Severity, Span};

use super::apply_suppressions;
use crate::rules::missing_preload::MissingPreload;
use crate::rules::unused_suppression::UnusedSuppression;
use crate::{Linter, RULES, Rule};

fn file() -> ProjectFile {
    ProjectFile {
        path: PathBuf::from("/project/src/app/pages/index.tsx"),
        rel: "src/app/pages/index.tsx".into(),
        folder: 0,
        kind: FileKind::Page,
        route: None,
        scope: WalkScope::Rest,
    }
}

fn facts(text: &str) -> FileFacts {
    kosmo_lint_facts::extract_text(FileKind::Page, Path::new("index.tsx"), text)
}

/// A finding of `rule` at the first occurrence of `needle` in `text`.
fn finding(rule: &'static str, text: &str, needle: &str) -> Finding {
    let start = u32::try_from(text.find(needle).expect("needle in text")).unwrap();
    let end = start + u32::try_from(needle.len()).unwrap();
    let mut finding =
        Finding::whole_file(rule, file().path, file().rel, format!("{rule} at `{needle}`"));
    finding.severity = Severity::Warning;
    finding.span = Some(Span::new(start, end));
    finding
}

/// What remains of `findings` in `text` with every rule running, as
/// `rule: message` lines; unused-suppression findings show their fix's result.
fn remaining(text: &str, findings: Vec<Finding>) -> Vec<String> {
    run(RULES, text, findings)
}

fn run(rules: &[&'static dyn Rule], text: &str, findings: Vec<Finding>) -> Vec<String> {
    apply_suppressions(&Linter::with_rules(rules), &file(), &facts(text), findings)
        .into_iter()
        .map(|f| {
            let line = format!("{}: {}", f.rule, f.message);
            if let Some(fix) = &f.fix {
                let mut fixed = text.to_owned();
                let mut edits = fix.edits.clone();
                edits.sort_by_key(|e| std::cmp::Reverse(e.start));
                for edit in edits {
                    fixed.replace_range(edit.start as usize..edit.end as usize, &edit.content);
                }
                return format!("{line} => {fixed:?}");
            }
            line
        })
        .collect()
}

#[test]
fn next_line_suppresses_only_the_next_line() {
    let text = "// kosmo-lint-disable-next-line missing-preload -- preloaded by the layout\n\
                const a = one();\n\
                const b = two();\n";
    let findings = vec![
        finding("missing-preload", text, "one()"),
        finding("missing-preload", text, "two()"),
        finding("response-type-declared", text, "a = one"),
    ];
    assert_eq!(
        remaining(text, findings),
        [
            "missing-preload: missing-preload at `two()`",
            "response-type-declared: response-type-declared at `a = one`"
        ]
    );
}

#[test]
fn several_rules_and_no_rule() {
    let text = "/* kosmo-lint-disable-next-line missing-preload,response-type-declared */\n\
                const a = one();\n\
                // kosmo-lint-disable-next-line\n\
                const b = two();\n\
                const c = three(); // kosmo-lint-disable-line\n";
    let findings = vec![
        finding("missing-preload", text, "one()"),
        finding("response-type-declared", text, "a = one"),
        finding("missing-preload", text, "two()"),
        finding("fetch-client-route-exists", text, "b = two"),
        finding("fetch-client-route-exists", text, "three()"),
    ];
    assert_eq!(remaining(text, findings), Vec::<String>::new());
}

#[test]
fn ranges_end_at_an_enable_or_the_end_of_the_file() {
    let text = "const a = one();\n\
                /* kosmo-lint-disable missing-preload */\n\
                const b = two();\n\
                /* kosmo-lint-enable missing-preload */\n\
                const c = three();\n\
                /* kosmo-lint-disable */\n\
                const d = four();\n\
                /* kosmo-lint-enable response-type-declared */\n\
                const e = five();\n";
    let findings = vec![
        finding("missing-preload", text, "one()"),
        finding("missing-preload", text, "two()"),
        finding("missing-preload", text, "three()"),
        finding("missing-preload", text, "four()"),
        // Re-enabled by name inside a range of every rule.
        finding("response-type-declared", text, "five()"),
        // Still disabled: the range of every rule runs to the end of the file.
        finding("missing-preload", text, "five()"),
    ];
    assert_eq!(
        remaining(text, findings),
        [
            "missing-preload: missing-preload at `one()`",
            "missing-preload: missing-preload at `three()`",
            "response-type-declared: response-type-declared at `five()`",
        ]
    );
}

#[test]
fn file_level_covers_the_whole_file_and_findings_without_a_span() {
    let text = "// kosmo-lint-disable missing-preload -- generated\n\
                import x from \"y\";\n\
                const a = x();\n\
                /* kosmo-lint-enable missing-preload */\n\
                const b = x();\n";
    let mut without_span = finding("missing-preload", text, "x()");
    without_span.span = None;
    let findings = vec![
        finding("missing-preload", text, "a = x"),
        finding("missing-preload", text, "b = x"),
        without_span,
    ];
    // An enable does not end a file-level directive: it is itself unused.
    assert_eq!(
        remaining(text, findings),
        [
            "unused-suppression: unused `kosmo-lint-enable` directive: `missing-preload` is not disabled here => \"// kosmo-lint-disable missing-preload -- generated\\nimport x from \\\"y\\\";\\nconst a = x();\\nconst b = x();\\n\""
        ]
    );
}

#[test]
fn findings_without_a_span_only_yield_to_file_level_directives() {
    let text = "const a = 1;\n/* kosmo-lint-disable missing-preload */\n";
    let mut without_span = finding("missing-preload", text, "a");
    without_span.span = None;
    let remaining = remaining(text, vec![without_span]);
    assert_eq!(remaining.len(), 2, "{remaining:#?}");
    assert!(remaining[0].starts_with("missing-preload: "));
    assert!(remaining[1].starts_with("unused-suppression: unused `kosmo-lint-disable`"));
}

#[test]
fn built_in_findings_cannot_be_suppressed() {
    let text = "// kosmo-lint-disable-next-line syntax-error, io-error, unused-suppression\n\
                const a = one();\n\
                // kosmo-lint-disable-next-line\n\
                const b = two();\n";
    let findings =
        vec![finding("syntax-error", text, "one()"), finding("fix-error", text, "two()")];
    assert_eq!(
        remaining(text, findings),
        [
            "syntax-error: syntax-error at `one()`",
            "fix-error: fix-error at `two()`",
            "unused-suppression: unused `kosmo-lint-disable-next-line` directive: `syntax-error`, `io-error`, `unused-suppression` cannot be suppressed inline => \"const a = one();\\n// kosmo-lint-disable-next-line\\nconst b = two();\\n\"",
            "unused-suppression: unused `kosmo-lint-disable-next-line` directive: no finding on the next line to suppress => \"// kosmo-lint-disable-next-line syntax-error, io-error, unused-suppression\\nconst a = one();\\nconst b = two();\\n\"",
        ]
    );
}

#[test]
fn unknown_and_unused_names_are_reported_and_removed_alone() {
    let text = "// kosmo-lint-disable-next-line missing-prelod, missing-preload, response-type-declared -- why\n\
                const a = one();\n";
    let findings = vec![finding("missing-preload", text, "one()")];
    assert_eq!(
        remaining(text, findings),
        [
            "unused-suppression: part of a `kosmo-lint-disable-next-line` directive is unused: no finding of `response-type-declared` on the next line to suppress; unknown rule `missing-prelod` => \"// kosmo-lint-disable-next-line missing-preload -- why\\nconst a = one();\\n\""
        ]
    );
    let text = "// kosmo-lint-disable-next-line missing-preload, nope\nconst a = one();\n";
    let findings = vec![finding("missing-preload", text, "one()")];
    assert_eq!(
        remaining(text, findings),
        [
            "unused-suppression: part of a `kosmo-lint-disable-next-line` directive is unused: unknown rule `nope` => \"// kosmo-lint-disable-next-line missing-preload\\nconst a = one();\\n\""
        ]
    );
}

#[test]
fn the_innermost_directive_gets_the_credit_and_the_redundant_one_is_reported() {
    let text = "// kosmo-lint-disable missing-preload\n\
                import x from \"y\";\n\
                /* kosmo-lint-disable missing-preload */\n\
                // kosmo-lint-disable-next-line missing-preload\n\
                const a = x();\n";
    let findings = vec![finding("missing-preload", text, "x()")];
    let remaining = remaining(text, findings);
    assert_eq!(remaining.len(), 2, "{remaining:#?}");
    assert!(remaining[0].contains("no finding of `missing-preload` in this file"));
    assert!(remaining[1].contains("no finding of `missing-preload` in its range"));
}

#[test]
fn enables_that_end_nothing_are_reported() {
    let text = "/* kosmo-lint-enable */\n\
                /* kosmo-lint-disable missing-preload */\n\
                const a = one();\n\
                /* kosmo-lint-enable */\n\
                /* kosmo-lint-enable missing-preload */\n";
    let findings = vec![finding("missing-preload", text, "one()")];
    let remaining = remaining(text, findings);
    assert_eq!(remaining.len(), 2, "{remaining:#?}");
    assert!(remaining[0].contains(
        "unused `kosmo-lint-enable` directive: no `kosmo-lint-disable` range is open here"
    ));
    assert!(remaining[0].ends_with(&format!("{:?}", &text["/* kosmo-lint-enable */\n".len()..])));
    assert!(remaining[1].contains("`missing-preload` is not disabled here"));
}

#[test]
fn directives_of_rules_that_did_not_run_are_not_judged() {
    let text = "// kosmo-lint-disable-next-line missing-preload\nconst a = 1;\n\
                // kosmo-lint-disable-next-line\nconst b = 2;\n\
                // kosmo-lint-disable-next-line nope\nconst c = 3;\n";
    let rules: [&'static dyn Rule; 1] = [&UnusedSuppression];
    let remaining = run(&rules, text, Vec::new());
    assert_eq!(remaining.len(), 1, "{remaining:#?}");
    assert!(remaining[0].contains("unknown rule `nope`"));
    // Without `unused-suppression` in the run, nothing is reported, but the
    // suppressions still apply.
    let rules: [&'static dyn Rule; 1] = [&MissingPreload];
    let findings = vec![finding("missing-preload", text, "1")];
    assert_eq!(run(&rules, text, findings), Vec::<String>::new());
}
