//! The tester's own checks: each one fails a test when it should. The rules here are made
//! to break one promise each.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Applicability, Edit, Fix, Span};

use super::{Case, Fixture, Tester};
use crate::rules::missing_preload::MissingPreload;
use crate::{FileContext, Linter, Reporter, Rule, declare_rule};

const ABOUT: &str = "export default function About() { return <p>About</p>; }\n";
const PRELOAD: &str = "export const preload = () => {};\n";

/// A G5 page that loads nothing and binds no `preload`.
fn about() -> Case {
    Fixture::G5.file("pages/about/index.tsx", ABOUT)
}

/// A rule declaring `fix: $kind` that reports every page binding no `preload`, with a fix
/// of `$applicability` inserting `$content` at the start.
macro_rules! inserting_rule {
    ($name:ident, $rule_name:literal, $kind:ident, $applicability:ident, $content:expr) => {
        declare_rule! {
            $name {
                name: $rule_name,
                severity: Warning,
                category: Correctness,
                fix: $kind,
                frontends: [Solid],
                summary: "test rule",
            }
        }

        impl Rule for $name {
            fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
                let Some(page) = &ctx.facts.page else { return };
                if ctx.file.kind == FileKind::Page && !page.module.preload_bound {
                    report.report(Span::new(0, 0), "no preload").fix = Some(Fix {
                        applicability: Applicability::$applicability,
                        message: "insert".into(),
                        edits: vec![Edit::insertion(0, $content)],
                    });
                }
            }
        }
    };
}

inserting_rule!(NoneOffersSafe, "none-offers-safe", None, Safe, PRELOAD);
inserting_rule!(NoneOffersDisplay, "none-offers-display", None, DisplayOnly, PRELOAD);
inserting_rule!(SafeOffersUnsafe, "safe-offers-unsafe", Safe, Unsafe, PRELOAD);
inserting_rule!(SometimesOffersUnsafe, "sometimes-offers-unsafe", Sometimes, Unsafe, PRELOAD);
inserting_rule!(UnsafeOffersSafe, "unsafe-offers-safe", Unsafe, Safe, PRELOAD);
inserting_rule!(SafeOffersSafe, "safe-offers-safe", Safe, Safe, PRELOAD);
inserting_rule!(SometimesOffersSafe, "sometimes-offers-safe", Sometimes, Safe, PRELOAD);
inserting_rule!(UnsafeOffersUnsafe, "unsafe-offers-unsafe", Unsafe, Unsafe, PRELOAD);
inserting_rule!(SafeOffersDisplay, "safe-offers-display", Safe, DisplayOnly, PRELOAD);
inserting_rule!(UnsafeOffersDisplay, "unsafe-offers-display", Unsafe, DisplayOnly, PRELOAD);
// Its fix never binds `preload`: the finding and its fix come back every round.
inserting_rule!(NeverDone, "never-done", Safe, Safe, "// again\n");
// Its fix does not parse: the fix loop refuses it.
inserting_rule!(BreaksSyntax, "breaks-syntax", Safe, Safe, "export const = ;\n");

declare_rule! {
    /// Offers its fix on every call but the third, whatever the text: the fix loop
    /// converges (the third call is its last round), and a second `--fix` fixes again.
    Flaky {
        name: "flaky",
        severity: Warning,
        category: Correctness,
        fix: Safe,
        frontends: [Solid],
        summary: "test rule",
    }
}

static FLAKY_CALLS: AtomicUsize = AtomicUsize::new(0);

impl Rule for Flaky {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::Page {
            return;
        }
        let finding = report.report(Span::new(0, 0), "flaky");
        if FLAKY_CALLS.fetch_add(1, Ordering::SeqCst) != 2 {
            finding.fix = Some(Fix {
                applicability: Applicability::Safe,
                message: "insert".into(),
                edits: vec![Edit::insertion(0, "// flaky\n")],
            });
        }
    }
}

/// The panic message of `test`, or `None` when it passes.
fn failure(test: impl FnOnce()) -> Option<String> {
    let payload = catch_unwind(AssertUnwindSafe(test)).err()?;
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()));
    Some(message.unwrap_or_default())
}

#[track_caller]
fn assert_fails_with(test: impl FnOnce(), expected: &str) {
    match failure(test) {
        Some(message) => assert!(message.contains(expected), "{expected:?} not in: {message}"),
        None => panic!("passed, but should fail with {expected:?}"),
    }
}

/// Each fixture's own files make the detector name its generation: a file under test that
/// imports no generated code cannot tip it. The walk finds every file of the fixture (no
/// ignore file hides one), and the routes are those the vectors are written against.
#[test]
fn fixtures_yield_their_generation() {
    for fixture in Fixture::ALL.into_iter().chain(Fixture::OTHER_FRONTENDS) {
        let loaded = fixture.file("pages/about/index.tsx", ABOUT).load(&Linter::with_rules(&[]));
        let folder = &loaded.session.tree.folders[0];
        assert_eq!(folder.generation, fixture.generation(), "{}", folder.generation_evidence);
        assert_eq!(folder.api_routes.keys().collect::<Vec<_>>(), ["users", "users/[id]"]);
        let on_disk = files_below(&fixture.root().join(fixture.folder()));
        assert_eq!(loaded.files, on_disk + 1, "{fixture:?}: every file and the page, checked");
    }
}

/// A folder whose config names its frontend ignores other frameworks' pages, as KosmoJS
/// does (spec §1.3): an `index.tsx` in a Vue folder is no page, an `index.vue` is.
#[test]
fn folders_ignore_other_frameworks_pages() {
    let vue = "<script setup lang=\"ts\">\nconst a = 1;\n</script>\n<template><p>{{ a }}</p></template>\n";
    let loaded = Fixture::G5Vue
        .file("pages/about/index.tsx", ABOUT)
        .with("pages/contact/index.vue", vue)
        .load(&Linter::with_rules(&[]));
    let (tree, _) = loaded.session.full_tree();
    assert_eq!(tree.folders[0].pages.keys().collect::<Vec<_>>(), ["contact"]);
    let loaded = Fixture::G5React
        .file("pages/about/index.tsx", ABOUT)
        .with("pages/contact/index.vue", vue)
        .load(&Linter::with_rules(&[]));
    let (tree, _) = loaded.session.full_tree();
    assert_eq!(tree.folders[0].pages.keys().collect::<Vec<_>>(), ["about"]);
}

/// Files below `dir`, hidden ones aside (`pages/.gitkeep`).
fn files_below(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| !path.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|path| if path.is_dir() { files_below(&path) } else { 1 })
        .sum()
}

#[test]
fn a_case_detected_as_another_generation_fails() {
    // A G4 route in the G2 fixture: one `_/front/api` module and a route name argument.
    let g4_route = r#"import { defineRoute } from "_/front/api";
export default defineRoute<"users">(({ GET }) => [
  GET<{ response: [200, "json", User[]] }>(async (ctx) => ctx.json([])),
]);
"#;
    let case = Fixture::G2.file("api/users/index.ts", g4_route);
    assert_fails_with(
        || drop(Tester::new(&MissingPreload).pass(vec![case]).test()),
        "detected as another generation",
    );
}

#[test]
fn a_file_that_does_not_parse_fails() {
    let case = about().with("components/Broken.tsx", "export const = ;\n");
    assert_fails_with(
        || drop(Tester::new(&MissingPreload).pass(vec![case]).test()),
        "could not be linted (syntax-error)",
    );
}

#[test]
fn a_pass_case_with_a_finding_fails() {
    assert_fails_with(
        || drop(Tester::new(&SafeOffersSafe).pass(vec![about()]).test()),
        "expected no finding",
    );
}

#[test]
fn a_fail_case_without_a_finding_fails() {
    assert_fails_with(
        || drop(Tester::new(&MissingPreload).fail(vec![about()]).test()),
        "expected a finding",
    );
}

#[test]
fn a_fix_not_of_the_declared_kind_fails() {
    let undeclared: [&'static dyn Rule; 5] = [
        &NoneOffersSafe,
        &NoneOffersDisplay,
        &SafeOffersUnsafe,
        &SometimesOffersUnsafe,
        &UnsafeOffersSafe,
    ];
    for rule in undeclared {
        let name = rule.meta().name;
        assert_fails_with(|| drop(Tester::new(rule).fail(vec![about()]).test()), "but declares");
        // Through a fix vector as well as a fail case.
        let vector = vec![(about(), ABOUT)];
        assert_fails_with(|| drop(Tester::new(rule).fix(vector).test()), name);
    }
    let declared: [&'static dyn Rule; 5] = [
        &SafeOffersSafe,
        &SometimesOffersSafe,
        &UnsafeOffersUnsafe,
        &SafeOffersDisplay,
        &UnsafeOffersDisplay,
    ];
    for rule in declared {
        let failed = failure(|| drop(Tester::new(rule).fail(vec![about()]).test()));
        assert_eq!(failed, None, "{}", rule.meta().name);
    }
}

#[test]
fn fixes_that_do_not_converge_fail() {
    assert_fails_with(
        || drop(Tester::new(&NeverDone).fail(vec![about()]).test()),
        "do not converge in 10 rounds",
    );
}

#[test]
fn a_second_fix_that_changes_the_text_fails() {
    assert_fails_with(
        || drop(Tester::new(&Flaky).fail(vec![about()]).test()),
        "a second fix of src/app/pages/about/index.tsx changes it",
    );
}

#[test]
fn a_refused_fix_fails() {
    assert_fails_with(
        || drop(Tester::new(&BreaksSyntax).fail(vec![about()]).test()),
        "are refused: a fix was not applied because",
    );
}

/// Rules see only a component's scripts: a fix that would edit its template is refused.
#[test]
fn a_fix_outside_a_components_script_blocks_is_refused() {
    let vue = "<template><p>About</p></template>\n<script setup>\nconst a = 1;\n</script>\n";
    let case = Fixture::G5Vue.file("pages/about/index.vue", vue);
    assert_fails_with(
        || drop(Tester::new(&SafeOffersSafe).fail(vec![case]).test()),
        "because it would change the file outside its script blocks",
    );
}

/// Safe fixes alone leave an unsafe fix's file as it is; `unsafe_fix` applies it.
#[test]
fn fix_vectors_apply_the_fixes_their_options_allow() {
    let fixed = format!("{PRELOAD}{ABOUT}");
    Tester::new(&UnsafeOffersUnsafe)
        .fix(vec![(about(), ABOUT)])
        .unsafe_fix(vec![(about(), fixed.as_str())])
        .test();
    Tester::new(&SafeOffersSafe).fix(vec![(about(), fixed.as_str())]).test();
    assert_fails_with(
        || drop(Tester::new(&SafeOffersSafe).fix(vec![(about(), ABOUT)]).test()),
        "is not the expected text",
    );
    assert_fails_with(
        || drop(Tester::new(&UnsafeOffersUnsafe).unsafe_fix(vec![(about(), ABOUT)]).test()),
        "is not the expected text",
    );
}
