//! Rule tests as vectors, as oxc's `Tester` writes them: each case is a file under test (and
//! maybe more files: an API route, a helper, a layout) laid over one of the fixture projects in
//! `fixtures/` as in-memory overlays, loaded and checked through the engine as a run would.
//! No file is written: the fixtures are shared by every test and no cache is kept.
//!
//! Besides what each vector asserts, the tester checks what every rule owes (ruff's
//! `test.rs`): the fixture is still detected as its generation, no file of a vector fails to
//! parse, every fix is of a kind the rule's metadata declares, and the fixes of a file
//! converge, so that a second `--fix` changes nothing.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use kosmo_lint_core::facts::Framework;
use kosmo_lint_core::walk::project_file;
use kosmo_lint_core::{Applicability, Finding, Generation, Project};
use kosmo_lint_fix::{FixOptions, applies};
use kosmo_lint_report::{PrettyOptions, SourceCache, render_pretty, sort_findings};

use crate::{
    FixKind, Linter, LoadOptions, Rule, RunKind, Selection, Session, Sources, lint_fix, resolved,
};

#[cfg(test)]
mod tests;

const SAFE_FIXES: FixOptions = FixOptions { unsafe_fixes: false, write: false };
const UNSAFE_FIXES: FixOptions = FixOptions { unsafe_fixes: true, write: false };

/// What the engine reports about a file it could not lint: a vector that produces one of
/// these tests nothing about its rule.
const NOT_LINTED: &[&str] = &["syntax-error", "nesting-limit", "io-error", "internal-error"];

/// The fixture projects, one per generation: `package.json` and one source folder with the
/// routes `users` (`GET`, `POST`) and `users/[id]` (`GET`), plus the folder's config. Each
/// has an empty `pages/.gitkeep`: a folder's default framework is decided only when `pages/`
/// exists on disk, which the in-memory pages of the vectors do not make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixture {
    /// `@front/`, per-route `@front/{api}/<route>` imports, positional generics.
    G1,
    /// `src/front/` with `vite.config.ts` and `config/`: `_/front/api/<route>` imports,
    /// positional generics.
    G2,
    /// As G2, with object generics `GET<{ response: [...] }>`.
    G3,
    /// One `_/front/api` module, `defineRoute<"route/name">`, object generics.
    G4,
    /// `src/app/` with a `kosmo.config.ts` (`frontend`/`backend` blocks): `_/api`,
    /// `defineRoute<"route/name">`, object generics.
    G5,
    /// As G5 with `frontend.stack: "react"` (React Router loaders).
    G5React,
    /// As G5 with `frontend.stack: "vue"`: `index.vue` pages.
    G5Vue,
    /// As G5 with `frontend.stack: "svelte"`: `index.svelte` pages.
    G5Svelte,
    /// As G5 with `frontend.stack: "mdx"`: `index.mdx` pages.
    G5Mdx,
    /// As G1, a React folder: `@vitejs/plugin-react` in `@front/vite.config.ts`.
    G1React,
}

impl Fixture {
    /// The SolidJS fixture of each generation.
    pub const ALL: [Fixture; 5] = [Fixture::G1, Fixture::G2, Fixture::G3, Fixture::G4, Fixture::G5];
    /// One fixture per frontend that is not SolidJS.
    pub const OTHER_FRONTENDS: [Fixture; 5] =
        [Fixture::G5React, Fixture::G5Vue, Fixture::G5Svelte, Fixture::G5Mdx, Fixture::G1React];

    /// The fixture's project root: canonical, as the project names its files.
    pub fn root(self) -> PathBuf {
        let name = match self {
            Fixture::G1 => "g1",
            Fixture::G2 => "g2",
            Fixture::G3 => "g3",
            Fixture::G4 => "g4",
            Fixture::G5 => "g5",
            Fixture::G5React => "g5-react",
            Fixture::G5Vue => "g5-vue",
            Fixture::G5Svelte => "g5-svelte",
            Fixture::G5Mdx => "g5-mdx",
            Fixture::G1React => "g1-react",
        };
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
        std::fs::canonicalize(&root)
            .unwrap_or_else(|err| panic!("fixture {} is missing: {err}", root.display()))
    }

    /// The source folder, relative to the root.
    pub fn folder(self) -> &'static str {
        match self {
            Fixture::G1 | Fixture::G1React => "@front",
            Fixture::G2 | Fixture::G3 | Fixture::G4 => "src/front",
            Fixture::G5
            | Fixture::G5React
            | Fixture::G5Vue
            | Fixture::G5Svelte
            | Fixture::G5Mdx => "src/app",
        }
    }

    /// The generation the fixture stands for; every load asserts that it is detected.
    pub fn generation(self) -> Generation {
        match self {
            Fixture::G1 | Fixture::G1React => Generation::G1,
            Fixture::G2 => Generation::G2,
            Fixture::G3 => Generation::G3,
            Fixture::G4 => Generation::G4,
            Fixture::G5
            | Fixture::G5React
            | Fixture::G5Vue
            | Fixture::G5Svelte
            | Fixture::G5Mdx => Generation::G5Plus,
        }
    }

    /// The frontend of the fixture's source folder; every load asserts that it is detected.
    pub fn framework(self) -> Framework {
        match self {
            Fixture::G1 | Fixture::G2 | Fixture::G3 | Fixture::G4 | Fixture::G5 => Framework::Solid,
            Fixture::G5React | Fixture::G1React => Framework::React,
            Fixture::G5Vue => Framework::Vue,
            Fixture::G5Svelte => Framework::Svelte,
            Fixture::G5Mdx => Framework::Mdx,
        }
    }

    /// A case: the file under test at `path` (relative to the source folder) holding `text`,
    /// leading whitespace trimmed so that vectors can start on the line after `r#"`.
    pub fn file(self, path: &str, text: &str) -> Case {
        Case {
            fixture: self,
            files: vec![(path.to_owned(), text.trim_start().to_owned())],
            generated: Vec::new(),
        }
    }
}

/// A vector: files laid over a fixture, the first of which is the file under test.
#[derive(Debug, Clone)]
pub struct Case {
    fixture: Fixture,
    /// Paths relative to the source folder; the file under test first.
    files: Vec<(String, String)>,
    /// Generated files (under `lib/`), relative to the project root: read by the session
    /// for what it takes from them (the Solid glue), never linted.
    generated: Vec<(String, String)>,
}

/// A case loaded and checked.
struct Loaded {
    session: Session,
    sources: Sources,
    /// Sorted.
    findings: Vec<Finding>,
    /// Files checked.
    files: usize,
}

impl Case {
    /// Adds a file (relative to the source folder; leading whitespace trimmed), or replaces
    /// one the case or the fixture has.
    pub fn with(mut self, path: &str, text: &str) -> Self {
        let text = text.trim_start().to_owned();
        match self.files.iter_mut().find(|(existing, _)| existing == path) {
            Some(file) => file.1 = text,
            None => self.files.push((path.to_owned(), text)),
        }
        self
    }

    /// Adds a generated file at `rel`, relative to the project root (`lib/app/solid.ts`),
    /// leading whitespace trimmed.
    pub fn generated(mut self, rel: &str, text: &str) -> Self {
        self.generated.push((rel.to_owned(), text.trim_start().to_owned()));
        self
    }

    /// The findings of `rules` over the whole fixture with this case's files, sorted,
    /// inline suppressions applied.
    pub fn findings(&self, rules: &[&'static dyn Rule]) -> Vec<Finding> {
        self.load(&Linter::with_rules(rules)).findings
    }

    fn under_test(&self) -> (&str, &str) {
        let (path, text) = &self.files[0];
        (path, text)
    }

    fn path(&self, rel: &str) -> PathBuf {
        resolved(&self.fixture.root().join(self.fixture.folder()).join(rel))
    }

    /// The fixture and the files, for a failure's message.
    fn describe(&self) -> String {
        let mut out = format!("fixture {:?}", self.fixture);
        for (path, text) in self.files.iter().chain(&self.generated) {
            let _ = write!(out, "\n--- {path}\n{text}");
        }
        out
    }

    /// Loads the fixture with this case's files over it and checks every file; panics when
    /// the fixture is no longer detected as its generation or a file of the case cannot be
    /// linted.
    fn load(&self, linter: &Linter) -> Loaded {
        let root = self.fixture.root();
        let project = Project::discover(&root)
            .unwrap_or_else(|err| panic!("fixture {} is no project: {err}", root.display()));
        let mut sources = Sources::disk();
        for (rel, text) in &self.files {
            let path = self.path(rel);
            assert!(
                project_file(&project, &path).is_some(),
                "{rel} is not a file of the source folder {}; {}",
                self.fixture.folder(),
                self.describe()
            );
            sources.set_overlay(&path, text.clone());
        }
        for (rel, text) in &self.generated {
            sources.set_overlay(&resolved(&root.join(rel)), text.clone());
        }
        // No cache: the fixtures are shared and never written.
        let options = LoadOptions { use_cache: false, run: RunKind::Project };
        let mut session = Session::load(project, sources.clone(), options);
        let checked = session.check(
            linter,
            Selection { selected: &|_| true, only_files: None, whole_project: true },
        );
        let mut findings = checked.findings;
        sort_findings(&mut findings);

        let folders = &session.tree.folders;
        assert_eq!(folders.len(), 1, "one source folder expected; {}", self.describe());
        assert_eq!(
            folders[0].generation,
            self.fixture.generation(),
            "the case is detected as another generation ({}); {}",
            folders[0].generation_evidence,
            self.describe()
        );
        assert_eq!(
            folders[0].framework,
            Some(self.fixture.framework()),
            "the case's folder is detected as another frontend; {}",
            self.describe()
        );
        if let Some(finding) = findings.iter().find(|f| NOT_LINTED.contains(&f.rule)) {
            panic!(
                "{} could not be linted ({}): {}; {}",
                finding.display_path,
                finding.rule,
                finding.message,
                self.describe()
            );
        }
        Loaded { session, sources, findings, files: checked.files }
    }

    /// The findings rendered as the CLI prints them (no colour), each fix after them.
    fn render(&self, findings: &[Finding]) -> String {
        let mut sources = SourceCache::default();
        for (rel, text) in &self.files {
            sources.insert(self.path(rel), text.clone());
        }
        let options = PrettyOptions { color: false, width: 100 };
        let mut out = render_pretty(findings, &mut sources, options);
        for finding in findings {
            if let Some(fix) = &finding.fix {
                let _ = writeln!(out, "fix ({:?}): {}", fix.applicability, fix.message);
                for edit in &fix.edits {
                    let _ = writeln!(out, "  {}..{} ← {:?}", edit.start, edit.end, edit.content);
                }
            }
        }
        out
    }

    /// The file under test with every fix of `findings` on it applied in one pass (the
    /// fixes of one run touch disjoint text in these vectors), as a snapshot shows it.
    fn render_fixed_text(&self, findings: &[Finding]) -> String {
        let (path, _) = self.under_test();
        format!("fixed {path}:\n{}\n", self.fixed_text(findings))
    }

    /// The file under test with the fixes of `findings` applied once.
    pub fn fixed_text(&self, findings: &[Finding]) -> String {
        let (path, text) = self.under_test();
        let mut edits: Vec<_> = findings
            .iter()
            .filter(|f| f.display_path.ends_with(path))
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|fix| fix.edits.iter())
            .collect();
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.start));
        let mut fixed = text.to_owned();
        for edit in edits {
            fixed.replace_range(edit.start as usize..edit.end as usize, &edit.content);
        }
        fixed
    }

    /// This case with `text` as the file under test.
    pub fn with_text(&self, text: &str) -> Case {
        let mut case = Case {
            fixture: self.fixture,
            files: self.files.clone(),
            generated: self.generated.clone(),
        };
        case.files[0].1 = text.to_owned();
        case
    }

    /// In every file with fixes to apply, the fix loop converges and a second run of it
    /// changes nothing.
    fn check_fixes_converge(&self, loaded: &Loaded, linter: &Linter) {
        let has_unsafe = loaded
            .findings
            .iter()
            .any(|f| f.fix.as_ref().is_some_and(|fix| fix.applicability == Applicability::Unsafe));
        let options = if has_unsafe { &[SAFE_FIXES, UNSAFE_FIXES][..] } else { &[SAFE_FIXES] };
        for &options in options {
            let paths: BTreeSet<&PathBuf> = loaded
                .findings
                .iter()
                .filter(|f| f.fix.as_ref().is_some_and(|fix| applies(fix.applicability, options)))
                .map(|f| &f.path)
                .collect();
            for path in paths {
                let text = loaded.sources.read(path).expect("a file with findings can be read");
                self.fix_to_fixpoint(loaded, linter, path, &text, options);
            }
        }
    }

    /// Runs the fix loop on `text` as the content of `path` until it converges, then once
    /// more, which must change nothing; returns the fixed text.
    fn fix_to_fixpoint(
        &self,
        loaded: &Loaded,
        linter: &Linter,
        path: &Path,
        text: &str,
        options: FixOptions,
    ) -> String {
        let session = &loaded.session;
        let file = project_file(&session.project, path).expect("a file of the project");
        let run = |text: &str| {
            lint_fix(linter, &file, text, session.project_view(), options).unwrap_or_else(
                |refusal| {
                    panic!(
                        "the fixes of {} are refused: {}; {}",
                        file.rel,
                        refusal.message,
                        self.describe()
                    )
                },
            )
        };
        let fixed = run(text);
        assert!(
            fixed.converged,
            "the fixes of {} do not converge in {} rounds ({options:?}); last text:\n{}\n{}",
            file.rel,
            crate::MAX_ROUNDS,
            fixed.text,
            self.describe()
        );
        let again = run(&fixed.text);
        assert!(
            again.applied == 0 && again.text == fixed.text,
            "a second fix of {} changes it ({options:?}):\n{}\nbecomes\n{}\n{}",
            file.rel,
            fixed.text,
            again.text,
            self.describe()
        );
        fixed.text
    }
}

/// A rule's vectors and the checks every rule owes; see the module's documentation.
pub struct Tester {
    /// The rule under test, first, and the rules that run beside it.
    rules: Vec<&'static dyn Rule>,
    pass: Vec<Case>,
    fail: Vec<Case>,
    fix: Vec<(Case, String)>,
    unsafe_fix: Vec<(Case, String)>,
    snapshot_fixed_text: bool,
}

impl Tester {
    pub fn new(rule: &'static dyn Rule) -> Self {
        Self {
            rules: vec![rule],
            pass: Vec::new(),
            fail: Vec::new(),
            fix: Vec::new(),
            unsafe_fix: Vec::new(),
            snapshot_fixed_text: false,
        }
    }

    /// Runs `rules` beside the rule under test (a rule about other rules' findings, such as
    /// `unused-suppression`); their findings count in every vector.
    pub fn alongside(mut self, rules: &[&'static dyn Rule]) -> Self {
        self.rules.extend_from_slice(rules);
        self
    }

    /// Cases with no finding at all.
    pub fn pass(mut self, cases: Vec<Case>) -> Self {
        self.pass.extend(cases);
        self
    }

    /// Cases with at least one finding each; their findings make the snapshot.
    pub fn fail(mut self, cases: Vec<Case>) -> Self {
        self.fail.extend(cases);
        self
    }

    /// Cases whose file under test becomes the given text under `--fix` (safe fixes only),
    /// the loop converging; an `after` equal to the file says that nothing is fixed.
    pub fn fix<S: Into<String>>(mut self, cases: Vec<(Case, S)>) -> Self {
        self.fix.extend(cases.into_iter().map(|(case, after)| (case, after.into())));
        self
    }

    /// As [`Tester::fix`], with `--unsafe-fixes`.
    pub fn unsafe_fix<S: Into<String>>(mut self, cases: Vec<(Case, S)>) -> Self {
        self.unsafe_fix.extend(cases.into_iter().map(|(case, after)| (case, after.into())));
        self
    }

    /// Shows, after each fail case's findings in the snapshot, its file under test with all
    /// their fixes applied once.
    pub fn snapshot_fixed_text(mut self) -> Self {
        self.snapshot_fixed_text = true;
        self
    }

    /// Runs every vector and check; returns each fail case rendered.
    pub fn test(&self) -> Vec<String> {
        let linter = Linter::with_rules(&self.rules);
        for case in &self.pass {
            let loaded = case.load(&linter);
            assert!(
                loaded.findings.is_empty(),
                "expected no finding, got {:#?}\n{}",
                loaded.findings,
                case.describe()
            );
        }
        let mut rendered = Vec::with_capacity(self.fail.len());
        for case in &self.fail {
            let loaded = case.load(&linter);
            assert!(!loaded.findings.is_empty(), "expected a finding; {}", case.describe());
            self.check_fix_kinds(case, &loaded.findings);
            case.check_fixes_converge(&loaded, &linter);
            let mut text = case.render(&loaded.findings);
            if self.snapshot_fixed_text {
                text.push_str(&case.render_fixed_text(&loaded.findings));
            }
            rendered.push(text);
        }
        for (case, after) in &self.fix {
            self.check_fix_vector(case, after, SAFE_FIXES, &linter);
        }
        for (case, after) in &self.unsafe_fix {
            self.check_fix_vector(case, after, UNSAFE_FIXES, &linter);
        }
        rendered
    }

    /// [`Tester::test`], then the fail cases' findings against the snapshot
    /// `src/rules/snapshots/kosmo_lint_linter__rules__<rule>__tests__fails.snap`.
    pub fn test_and_snapshot(&self) -> String {
        self.test_and_snapshot_as("fails")
    }

    /// [`Tester::test_and_snapshot`] into the snapshot `…__tests__<name>.snap`: a rule's
    /// second set of fail cases, such as those of the other frontends' files.
    pub fn test_and_snapshot_as(&self, name: &str) -> String {
        let rendered = self.test();
        let snapshot = rendered.join("\n");
        if rendered.is_empty() {
            return snapshot;
        }
        let module = self.rules[0].meta().name.replace('-', "_");
        let name = format!("kosmo_lint_linter__rules__{module}__tests__{name}");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("rules/snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(name.as_str(), rendered.join("\n")));
        snapshot
    }

    /// Every fix is of a kind its rule declares (`meta().fix`). A `DisplayOnly` fix is only
    /// shown, never applied, so any rule that declares fixes at all may offer one.
    fn check_fix_kinds(&self, case: &Case, findings: &[Finding]) {
        for finding in findings {
            let Some(fix) = &finding.fix else { continue };
            let declared = self
                .rules
                .iter()
                .find(|rule| rule.meta().name == finding.rule)
                .map_or(FixKind::None, |rule| rule.meta().fix);
            assert!(
                declared_allows(declared, fix.applicability),
                "`{}` offers a {:?} fix but declares `fix: {declared:?}`: {:?}; {}",
                finding.rule,
                fix.applicability,
                fix.message,
                case.describe()
            );
        }
    }

    /// A fix vector: the file under test, fixed with `options`, is `after`.
    fn check_fix_vector(&self, case: &Case, after: &str, options: FixOptions, linter: &Linter) {
        let loaded = case.load(linter);
        self.check_fix_kinds(case, &loaded.findings);
        let (rel, before) = case.under_test();
        let fixed = case.fix_to_fixpoint(&loaded, linter, &case.path(rel), before, options);
        assert_eq!(
            fixed,
            after.trim_start(),
            "{rel} fixed ({options:?}) is not the expected text; {}",
            case.describe()
        );
    }
}

/// Whether a rule that declares `declared` may offer a fix of `applicability`.
fn declared_allows(declared: FixKind, applicability: Applicability) -> bool {
    match declared {
        FixKind::None => false,
        FixKind::Safe | FixKind::Sometimes => applicability != Applicability::Unsafe,
        FixKind::Unsafe => applicability != Applicability::Safe,
    }
}
