//! The engine as a library: a session over a project on disk, with in-memory overlays (an
//! editor's buffer, stdin) in place of some files, checked and fixed through the public API.

use std::fs;
use std::path::{Path, PathBuf};

use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Applicability, Edit, Finding, Fix, Project, Span};
use kosmo_lint_linter::{
    Checked, FileContext, FixOptions, Linter, LoadOptions, Reporter, Rule, RunKind, Selection,
    Session, Sources, declare_rule,
};

declare_rule! {
    /// ### What it does
    /// Offers a fix whose result does not parse, to test that it is refused.
    BreaksSyntax {
        name: "breaks-syntax",
        severity: Warning,
        category: Correctness,
        fix: Safe,
        frontends: [Solid],
        summary: "test rule",
    }
}

impl Rule for BreaksSyntax {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind == FileKind::Page {
            report.report(Span::new(0, 0), "always").fix = Some(Fix {
                applicability: Applicability::Safe,
                message: "insert a broken statement".into(),
                edits: vec![Edit::insertion(0, "export const = ;\n")],
            });
        }
    }
}

const USERS_ROUTE: &str = "import { defineRoute } from \"_/api\";\nexport default defineRoute<\"users\">(({ GET }) => [\n  GET<{ response: [200, \"json\", string[]] }>(async (ctx) => ctx.json([])),\n]);\n";

/// A clean G5 page: a `query()` wrapper over the generated client, preloaded and read.
const CLEAN_PAGE: &str = r#"import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export const preload = () => { void getUsers(); };
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#;

/// A G5 project on disk with the `users` route and a clean `users` page.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("package.json", r#"{ "dependencies": { "@kosmojs/core": "0.5", "solid-js": "1" } }"#);
    write("src/app/kosmo.config.ts", "export default {};\n");
    write("src/app/api/users/index.ts", USERS_ROUTE);
    write("src/app/pages/users/index.tsx", CLEAN_PAGE);
    dir
}

fn root(dir: &tempfile::TempDir) -> PathBuf {
    fs::canonicalize(dir.path()).unwrap()
}

/// Loads the project at `dir` with `sources` (no caches) and checks all of it.
fn check(dir: &Path, sources: Sources, linter: &Linter) -> (Session, Checked) {
    let project = Project::discover(dir).unwrap();
    let options = LoadOptions { use_cache: false, run: RunKind::Project };
    let mut session = Session::load(project, sources, options);
    let selection = Selection { selected: &|_| true, only_files: None, whole_project: true };
    let checked = session.check(linter, selection);
    (session, checked)
}

fn rules_at(findings: &[Finding]) -> Vec<(&'static str, String)> {
    let mut found: Vec<_> = findings.iter().map(|f| (f.rule, f.display_path.clone())).collect();
    found.sort();
    found
}

#[test]
fn an_in_memory_buffer_is_linted_inside_the_project_on_disk() {
    let dir = project();
    let page = root(&dir).join("src/app/pages/users/index.tsx");
    let linter = Linter::with_defaults();
    let (_, on_disk) = check(dir.path(), Sources::disk(), &linter);
    assert_eq!(rules_at(&on_disk.findings), []);

    // The buffer has lost its preload and reads a route that does not exist.
    let buffer = CLEAN_PAGE
        .replace("export const preload = () => { void getUsers(); };\n", "")
        .replace("fetchClients.users.GET()", "fetchClients.user.GET()");
    let mut sources = Sources::disk();
    sources.set_overlay(&page, buffer.clone());
    let (session, checked) = check(dir.path(), sources, &linter);
    let page_rel = "src/app/pages/users/index.tsx".to_owned();
    assert_eq!(
        rules_at(&checked.findings),
        [("fetch-client-route-exists", page_rel.clone()), ("missing-preload", page_rel.clone())]
    );
    let route = checked.findings.iter().find(|f| f.rule == "fetch-client-route-exists").unwrap();
    let span = route.span.unwrap();
    assert_eq!(&buffer[span.start as usize..span.end as usize], "\"user\"".trim_matches('"'));
    // The same buffer alone, as an editor re-lints it on a keystroke.
    let alone = session.lint_path(&linter, &page).unwrap();
    assert_eq!(rules_at(&alone), rules_at(&checked.findings));
    // Nothing was read from the buffer into the file, nor written.
    assert_eq!(fs::read_to_string(&page).unwrap(), CLEAN_PAGE);
}

#[test]
fn overlays_of_files_not_on_disk_join_the_route_tree_and_the_walk() {
    let dir = project();
    let root = root(&dir);
    // An unsaved API route the page on disk does not use, and an unsaved page that reads it.
    let orders_route = USERS_ROUTE.replace("\"users\"", "\"orders\"");
    let orders_page = CLEAN_PAGE.replace("users", "orders");
    let mut sources = Sources::disk();
    sources.set_overlay(&root.join("src/app/api/orders/index.ts"), orders_route);
    sources.set_overlay(&root.join("src/app/pages/orders/index.tsx"), orders_page.clone());
    let linter = Linter::with_defaults();
    let (session, checked) = check(&root, sources, &linter);
    assert_eq!(rules_at(&checked.findings), []);
    assert_eq!(checked.files, 5, "config, two routes, two pages");
    assert!(session.tree.folders[0].api_routes.contains_key("orders"));

    // Without the route's overlay, the page's reference is unknown.
    let mut sources = Sources::disk();
    sources.set_overlay(&root.join("src/app/pages/orders/index.tsx"), orders_page);
    let (_, checked) = check(&root, sources, &linter);
    let rel = "src/app/pages/orders/index.tsx".to_owned();
    assert_eq!(rules_at(&checked.findings), [("fetch-client-route-exists", rel)]);
    assert!(!root.join("src/app/pages/orders").exists());
}

#[test]
fn a_fixed_overlay_is_returned_not_written() {
    let dir = project();
    let page = root(&dir).join("src/app/pages/users/index.tsx");
    let buffer = CLEAN_PAGE.replace("export const preload = () => { void getUsers(); };\n", "");
    let mut sources = Sources::disk();
    sources.set_overlay(&page, buffer);
    let linter = Linter::with_defaults();
    let (session, mut checked) = check(dir.path(), sources, &linter);
    assert_eq!(rules_at(&checked.findings).len(), 1);
    let options = FixOptions { unsafe_fixes: false, write: true };
    let fixed = session.fix(&linter, &mut checked, options);
    assert_eq!(fixed.fixes, 1);
    assert!(fixed.changes[0].fixed.contains("export const preload"));
    assert_eq!(rules_at(&checked.findings), [], "what remains is the fixed buffer's");
    assert_eq!(fs::read_to_string(&page).unwrap(), CLEAN_PAGE);
}

#[test]
fn a_fix_whose_result_does_not_parse_is_refused_and_nothing_is_written() {
    let dir = project();
    let page = root(&dir).join("src/app/pages/users/index.tsx");
    let linter = Linter::with_rules(&[&BreaksSyntax]);
    let (session, mut checked) = check(dir.path(), Sources::disk(), &linter);
    assert_eq!(checked.findings.len(), 1);

    let options = FixOptions { unsafe_fixes: false, write: true };
    let fixed = session.fix(&linter, &mut checked, options);
    assert!(fixed.changes.is_empty());
    assert_eq!(fixed.fixes, 0);
    let rules: Vec<_> = checked.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["breaks-syntax", "fix-error"]);
    let refusal = &checked.findings[1].message;
    assert!(refusal.contains("would not parse"), "{refusal}");
    assert!(refusal.ends_with("the file is left unchanged"));
    assert_eq!(fs::read_to_string(page).unwrap(), CLEAN_PAGE);
}

#[test]
fn unused_suppressions_are_removed_until_none_is_left() {
    let dir = project();
    let page = root(&dir).join("src/app/pages/users/index.tsx");
    // The enable is needed while the disable is there: it goes in the second round.
    let text = format!(
        "/* kosmo-lint-disable missing-preload */\n{CLEAN_PAGE}/* kosmo-lint-enable missing-preload */\n"
    );
    fs::write(&page, &text).unwrap();
    let linter = Linter::with_defaults();
    let (session, mut checked) = check(dir.path(), Sources::disk(), &linter);
    assert_eq!(rules_at(&checked.findings).len(), 1, "{:#?}", checked.findings);
    assert_eq!(checked.findings[0].rule, "unused-suppression");

    let options = FixOptions { unsafe_fixes: false, write: false };
    let fixed = session.fix(&linter, &mut checked, options);
    assert_eq!(fixed.fixes, 2);
    assert_eq!(fixed.changes[0].fixed, CLEAN_PAGE);
    assert_eq!(fs::read_to_string(&page).unwrap(), text, "--diff writes nothing");
}

/// Sets the modification time of `dir` and everything under it to `ago` before now, so that
/// the caches keep them (a file modified within a moment of a run is never cached).
fn age(dir: &Path, ago: std::time::Duration) {
    let when = std::time::SystemTime::now() - ago;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            age(&path, ago);
        } else {
            fs::File::open(&path).unwrap().set_modified(when).unwrap();
        }
    }
    fs::File::open(dir).unwrap().set_modified(when).unwrap();
}

#[test]
fn an_editor_session_reports_every_finding_of_a_page_whose_route_changed() {
    let dir = project();
    let root = root(&dir);
    let page = root.join("src/app/pages/users/index.tsx");
    let without_preload =
        CLEAN_PAGE.replace("export const preload = () => { void getUsers(); };\n", "");
    fs::write(&page, &without_preload).unwrap();
    age(&root, std::time::Duration::from_hours(1));
    // A full run records what the page reads (the `users` route) and what it found.
    let linter = Linter::with_defaults();
    let full = LoadOptions { use_cache: true, run: RunKind::Project };
    let mut session = Session::load(Project::discover(&root).unwrap(), Sources::disk(), full);
    let selection = Selection { selected: &|_| true, only_files: None, whole_project: true };
    let checked = session.check(&linter, selection);
    assert_eq!(rules_at(&checked.findings).len(), 1, "{:#?}", checked.findings);
    session.finish();
    let caches = root.join(".kosmo-lint-cache").join(env!("CARGO_PKG_VERSION"));
    assert!(caches.join("dependents.bin").is_file(), "the full run saved what files read");
    // The route the page reads is edited (a method added); the page is not.
    let route = root.join("src/app/api/users/index.ts");
    let edited = USERS_ROUTE.replace("({ GET })", "({ GET, DELETE })").replace(
        "\n]);",
        "\n  DELETE<{ response: [204] }>(async (ctx) => ctx.body(null, 204)),\n]);",
    );
    assert_ne!(edited, USERS_ROUTE);
    fs::write(&route, edited).unwrap();
    let half_an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_mins(30);
    fs::File::open(&route).unwrap().set_modified(half_an_hour_ago).unwrap();

    // A run that names files checks the page as a dependent: what the change brought,
    // which is nothing.
    let named = LoadOptions { use_cache: true, run: RunKind::NamedFiles };
    let session = Session::load(Project::discover(&root).unwrap(), Sources::disk(), named);
    assert_eq!(session.dependents().collect::<Vec<_>>(), [page.as_path()]);
    assert_eq!(rules_at(&session.lint_path(&linter, &page).unwrap()), []);
    // An editor (or a lint host) asks for the page: all its findings, with their fixes.
    let editor = LoadOptions { use_cache: true, run: RunKind::Editor };
    let session = Session::load(Project::discover(&root).unwrap(), Sources::disk(), editor);
    let findings = session.lint_path(&linter, &page).unwrap();
    assert_eq!(rules_at(&findings), [("missing-preload", "src/app/pages/users/index.tsx".into())]);
    assert!(findings[0].fix.is_some(), "{:#?}", findings[0]);
    assert_eq!(findings[0].help, checked.findings[0].help);
}
