//! Tiny on-disk KosmoJS projects for rule tests: a standard set of API routes per generation
//! plus the files under test, loaded through the real discovery, walk and extraction.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use kosmo_lint_core::tree::RouteTree;
use kosmo_lint_core::walk::walk_project;
use kosmo_lint_core::{Finding, Project as KosmoProject};
use kosmo_lint_report::{PrettyOptions, SourceCache, render_pretty, sort_findings};

use crate::{Rule, lint_project};

pub struct Project {
    /// Source folder relative to the project root: `@front` or `src/app`.
    folder: &'static str,
    files: Vec<(String, String)>,
}

const G1_ROUTES: &[(&str, &str)] = &[
    (
        "api/users/index.ts",
        r#"import { defineRoute } from "@front/{api}/users";
export default defineRoute(({ GET, POST }) => [
  GET<never, User[]>(async (ctx) => { ctx.body = []; }),
  POST<NewUser, User>(async (ctx) => { ctx.body = ctx.payload; }),
]);
"#,
    ),
    (
        "api/users/[id]/index.ts",
        r#"import { defineRoute } from "@front/{api}/users/[id]";
export default defineRoute<[number]>(({ GET }) => [
  GET<never, User>(async (ctx) => { ctx.body = { id: ctx.params.id }; }),
]);
"#,
    ),
];

const G5_ROUTES: &[(&str, &str)] = &[
    (
        "kosmo.config.ts",
        r#"import { defineConfig } from "@kosmojs/dev";
export default defineConfig({ frontend: { stack: "solid", base: "/" }, backend: { stack: "hono", base: "/api" } });
"#,
    ),
    (
        "api/users/index.ts",
        r#"import { defineRoute } from "_/api";
export default defineRoute<"users">(({ GET, POST }) => [
  GET<{ response: [200, "json", User[]] }>(async (ctx) => ctx.json([])),
  POST<{ json: NewUser; response: [201, "json", User] }>(async (ctx) => ctx.json(ctx.validated.json, 201)),
]);
"#,
    ),
    (
        "api/users/[id]/index.ts",
        r#"import { defineRoute } from "_/api";
export default defineRoute<"users/[id]", [string]>(({ GET }) => [
  GET<{ response: [200, "json", User] }>(async (ctx) => ctx.json({ id: ctx.validated.params.id })),
]);
"#,
    ),
];

/// A G1 project (`@front/`) with routes `users` (GET, POST) and `users/[id]` (GET), plus
/// `file` (relative to `@front/`) holding `text`.
pub fn g1_project(file: &str, text: &str) -> Project {
    Project::new("@front", G1_ROUTES).with(file, text)
}

/// A G5+ project (`src/app/`) with the same routes in object generics.
pub fn g5_project(file: &str, text: &str) -> Project {
    Project::new("src/app", G5_ROUTES).with(file, text)
}

impl Project {
    fn new(folder: &'static str, routes: &[(&str, &str)]) -> Self {
        let files =
            routes.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect();
        Self { folder, files }
    }

    /// Adds or replaces a file (relative to the source folder).
    pub fn with(mut self, file: &str, text: &str) -> Self {
        self.files.retain(|(path, _)| path != file);
        self.files.push((file.to_owned(), text.trim_start().to_owned()));
        self
    }

    fn write(&self, root: &Path) {
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write(
            "package.json",
            r#"{ "dependencies": { "@kosmojs/core": "0.5.0", "solid-js": "1" } }"#,
        );
        for (path, text) in &self.files {
            write(&format!("{}/{path}", self.folder), text);
        }
    }

    /// Loads the project and runs one rule; findings are sorted, paths relative.
    pub fn findings(&self, rule: &dyn Rule) -> (tempfile::TempDir, Vec<Finding>) {
        let dir = tempfile::tempdir().unwrap();
        self.write(dir.path());
        let project = KosmoProject::discover(dir.path()).unwrap();
        let (files, errors) = walk_project(&project, 1);
        assert!(errors.is_empty(), "{errors:?}");
        let facts = kosmo_lint_facts::extract_all(&files);
        for (file, facts) in files.iter().zip(&facts) {
            assert!(
                !matches!(facts.status, kosmo_lint_core::facts::FileStatus::SyntaxErrors { .. }),
                "test file {} does not parse: {:?}",
                file.rel,
                facts.status
            );
        }
        let tree = RouteTree::build(&project, &files, &facts);
        let mut findings = lint_project(&[rule], &files, &facts, &tree);
        sort_findings(&mut findings);
        (dir, findings)
    }

    pub fn assert_clean(&self, rule: &dyn Rule) {
        let (_dir, findings) = self.findings(rule);
        assert!(
            findings.is_empty(),
            "expected no finding, got {findings:#?}\nfiles: {:#?}",
            self.files
        );
    }

    /// The rule's findings rendered as the CLI prints them (no colour); a fail case that
    /// produces no finding panics.
    pub fn render(&self, rule: &dyn Rule) -> String {
        let (_dir, findings) = self.findings(rule);
        assert!(!findings.is_empty(), "expected a finding for {:#?}", self.files.last());
        let mut sources = SourceCache::default();
        let options = PrettyOptions { color: false, width: 100 };
        let mut out = render_pretty(&findings, &mut sources, options);
        for finding in &findings {
            if let Some(fix) = &finding.fix {
                let _ = writeln!(out, "fix ({:?}): {}", fix.applicability, fix.message);
                for edit in &fix.edits {
                    let _ = writeln!(out, "  {}..{} ← {:?}", edit.start, edit.end, edit.content);
                }
            }
        }
        out
    }
}
