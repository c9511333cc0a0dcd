//! Tiny on-disk KosmoJS projects for rule tests: a standard set of API routes per generation
//! plus the files under test, loaded through the real discovery, walk and extraction.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_core::tree::RouteTree;
use kosmo_lint_core::walk::{ProjectFile, walk_project};
use kosmo_lint_core::{Finding, Generation, Project as KosmoProject};
use kosmo_lint_report::{PrettyOptions, SourceCache, render_pretty, sort_findings};

use crate::{Linter, Rule};

pub struct Project {
    /// Source folder relative to the project root: `@front`, `src/front` or `src/app`.
    folder: &'static str,
    /// The generation the builder stands for; every load asserts that it is detected.
    generation: Generation,
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

/// The per-folder files of a G2–G4 `src/front/`: its `vite.config.ts` and `config/`.
const SRC_FRONT_VITE: (&str, &str) = (
    "vite.config.ts",
    r#"import solidPlugin from "vite-plugin-solid";
import devPlugin from "@kosmojs/dev";
import { fetchGenerator, solidGenerator } from "@kosmojs/generators";
import defineConfig from "../../vite.base";
import { apiurl } from "./config";
export default defineConfig(import.meta.dirname, {
  plugins: [solidPlugin(), devPlugin(apiurl, { generators: [fetchGenerator(), solidGenerator()] })],
});
"#,
);
const SRC_FRONT_CONFIG: (&str, &str) =
    ("config/index.ts", "export const baseurl = \"/\";\nexport const apiurl = \"/api\";\n");

const G2_ROUTES: &[(&str, &str)] = &[
    SRC_FRONT_VITE,
    SRC_FRONT_CONFIG,
    (
        "api/users/index.ts",
        r#"import { defineRoute } from "_/front/api/users";
export default defineRoute(({ GET, POST }) => [
  GET<never, User[]>(async (ctx) => { ctx.body = []; }),
  POST<NewUser, User>(async (ctx) => { ctx.body = ctx.payload; }),
]);
"#,
    ),
    (
        "api/users/[id]/index.ts",
        r#"import { defineRoute } from "_/front/api/users/[id]";
export default defineRoute<[number]>(({ GET }) => [
  GET<never, User>(async (ctx) => { ctx.body = { id: ctx.params.id }; }),
]);
"#,
    ),
];

const G3_ROUTES: &[(&str, &str)] = &[
    SRC_FRONT_VITE,
    SRC_FRONT_CONFIG,
    (
        "api/users/index.ts",
        r#"import { defineRoute } from "_/front/api/users";
export default defineRoute(({ GET, POST }) => [
  GET<{ response: [200, "json", User[]] }>(async (ctx) => { ctx.body = []; }),
  POST<{ json: NewUser; response: [201, "json", User] }>(async (ctx) => { ctx.body = ctx.validated.json; }),
]);
"#,
    ),
    (
        "api/users/[id]/index.ts",
        r#"import { defineRoute } from "_/front/api/users/[id]";
export default defineRoute<[number]>(({ GET }) => [
  GET<{ response: [200, "json", User] }>(async (ctx) => { ctx.body = { id: ctx.validated.params.id }; }),
]);
"#,
    ),
];

const G4_ROUTES: &[(&str, &str)] = &[
    SRC_FRONT_VITE,
    SRC_FRONT_CONFIG,
    (
        "api/users/index.ts",
        r#"import { defineRoute } from "_/front/api";
export default defineRoute<"users">(({ GET, POST }) => [
  GET<{ response: [200, "json", User[]] }>(async (ctx) => ctx.json([])),
  POST<{ json: NewUser; response: [201, "json", User] }>(async (ctx) => ctx.json(ctx.validated.json, 201)),
]);
"#,
    ),
    (
        "api/users/[id]/index.ts",
        r#"import { defineRoute } from "_/front/api";
export default defineRoute<"users/[id]", [number]>(({ GET }) => [
  GET<{ response: [200, "json", User] }>(async (ctx) => ctx.json({ id: ctx.validated.params.id })),
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
    Project::new("@front", Generation::G1, G1_ROUTES).with(file, text)
}

/// A G2 project (`src/front/` with a `vite.config.ts`): per-route `_/front/api/<route>`
/// imports and positional generics.
pub fn g2_project(file: &str, text: &str) -> Project {
    Project::new("src/front", Generation::G2, G2_ROUTES).with(file, text)
}

/// A G3 project: as G2, with object generics `GET<{ response: [...] }>`.
pub fn g3_project(file: &str, text: &str) -> Project {
    Project::new("src/front", Generation::G3, G3_ROUTES).with(file, text)
}

/// A G4 project: one `_/front/api` module, `defineRoute<"route/name">`, object generics.
pub fn g4_project(file: &str, text: &str) -> Project {
    Project::new("src/front", Generation::G4, G4_ROUTES).with(file, text)
}

/// A G5+ project (`src/app/`, `kosmo.config.ts` with `frontend`/`backend` blocks): `_/api`,
/// `defineRoute<"route/name">`, object generics.
pub fn g5_project(file: &str, text: &str) -> Project {
    Project::new("src/app", Generation::G5Plus, G5_ROUTES).with(file, text)
}

impl Project {
    fn new(folder: &'static str, generation: Generation, routes: &[(&str, &str)]) -> Self {
        let files =
            routes.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect();
        Self { folder, generation, files }
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

    /// Writes and loads the project: its files, their facts and the route tree.
    fn load(&self) -> (tempfile::TempDir, Vec<ProjectFile>, Vec<FileFacts>, RouteTree) {
        let dir = tempfile::tempdir().unwrap();
        self.write(dir.path());
        let project = KosmoProject::discover(dir.path()).unwrap();
        let (files, errors) = walk_project(&project, 1);
        assert!(errors.is_empty(), "{errors:?}");
        let facts = kosmo_lint_facts::extract_all(&files);
        for (file, facts) in files.iter().zip(&facts) {
            assert!(
                !matches!(facts.status, FileStatus::SyntaxErrors { .. }),
                "test file {} does not parse: {:?}",
                file.rel,
                facts.status
            );
        }
        let tree = RouteTree::build(&project, &files, &facts);
        let folder = &tree.folders[0];
        assert_eq!(
            folder.generation, self.generation,
            "the test project is detected as another generation ({}); files: {:#?}",
            folder.generation_evidence, self.files
        );
        (dir, files, facts, tree)
    }

    /// Loads the project and runs one rule; findings are sorted, paths relative.
    pub fn findings(&self, rule: &'static dyn Rule) -> (tempfile::TempDir, Vec<Finding>) {
        self.findings_of(&[rule])
    }

    /// Loads the project and runs `rules`, inline suppressions applied; findings are sorted.
    pub fn findings_of(&self, rules: &[&'static dyn Rule]) -> (tempfile::TempDir, Vec<Finding>) {
        let (dir, files, facts, tree) = self.load();
        let linter = Linter::with_rules(rules);
        let mut findings: Vec<Finding> = files
            .iter()
            .zip(&facts)
            .flat_map(|(file, facts)| linter.lint_file(file, facts, &tree))
            .collect();
        sort_findings(&mut findings);
        (dir, findings)
    }

    pub fn assert_clean(&self, rule: &'static dyn Rule) {
        let (_dir, findings) = self.findings(rule);
        assert!(
            findings.is_empty(),
            "expected no finding, got {findings:#?}\nfiles: {:#?}",
            self.files
        );
    }

    /// The rule's findings rendered as the CLI prints them (no colour); a fail case that
    /// produces no finding panics.
    pub fn render(&self, rule: &'static dyn Rule) -> String {
        self.render_of(&[rule])
    }

    fn render_of(&self, rules: &[&'static dyn Rule]) -> String {
        let (_dir, findings) = self.findings_of(rules);
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

    /// As [`Project::render`] for `rules`, followed by the file under test with every fix
    /// applied (the fixes of one run touch disjoint text in these vectors).
    pub fn render_fixed(&self, rules: &[&'static dyn Rule]) -> String {
        let mut out = self.render_of(rules);
        let (_dir, findings) = self.findings_of(rules);
        let (path, text) = self.files.last().expect("a file under test");
        let mut edits: Vec<_> = findings
            .iter()
            .filter(|f| f.display_path.ends_with(path.as_str()))
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|fix| fix.edits.iter())
            .collect();
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.start));
        let mut fixed = text.clone();
        for edit in edits {
            fixed.replace_range(edit.start as usize..edit.end as usize, &edit.content);
        }
        let _ = writeln!(out, "fixed {path}:\n{fixed}");
        out
    }
}

mod tests {
    use kosmo_lint_core::Generation;

    use super::{g1_project, g2_project, g3_project, g4_project, g5_project};

    /// Each builder's own files (routes, config) make the detector name its generation: a
    /// file under test that imports no generated code cannot tip it. (Every load also checks
    /// the builder's generation, so a vector that tips it fails loudly.)
    #[test]
    fn builders_yield_their_generation() {
        let page = "export default function About() { return <p>About</p>; }\n";
        let cases = [
            (g1_project("pages/about/index.tsx", page), Generation::G1),
            (g2_project("pages/about/index.tsx", page), Generation::G2),
            (g3_project("pages/about/index.tsx", page), Generation::G3),
            (g4_project("pages/about/index.tsx", page), Generation::G4),
            (g5_project("pages/about/index.tsx", page), Generation::G5Plus),
        ];
        for (project, expected) in cases {
            let (_dir, _files, _facts, tree) = project.load();
            assert_eq!(tree.folders.len(), 1);
            let folder = &tree.folders[0];
            assert_eq!(
                folder.generation, expected,
                "{}: {}",
                folder.folder.rel, folder.generation_evidence
            );
            assert_eq!(folder.api_routes.keys().collect::<Vec<_>>(), ["users", "users/[id]"]);
        }
    }
}
