//! The walker never leaves the project through a symbolic link, never prints a path outside
//! the project that a link resolves to, and never runs the project's code.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::{kosmo_lint_in, run, write};

const PACKAGE: &str = r#"{ "dependencies": { "@kosmojs/core": "^0.5.0", "solid-js": "1" } }"#;
const CONFIG: &str = "import { defineConfig } from \"@kosmojs/dev\";\nexport default defineConfig({ frontend: { stack: \"solid\", base: \"/\" }, backend: { stack: \"hono\", base: \"/api\" } });\n";
const PAGE: &str = "export default function Page() {\n  return null;\n}\n";

/// A clean project in `<tmp>/project`, and beside it `<tmp>/outside-secret/` holding a file
/// with a syntax error (reported if it were ever linted) and a folder of them.
fn project_with_outside() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    write(&root, "package.json", PACKAGE);
    write(&root, "src/app/kosmo.config.ts", CONFIG);
    write(&root, "src/app/pages/index/index.tsx", PAGE);
    let outside = dir.path().join("outside-secret");
    write(&outside, "secret.ts", "export const leaked = ;\n");
    write(&outside, "pages/index.tsx", "export default function Leak( {\n");
    (dir, root, outside)
}

#[test]
fn symlinks_out_of_the_project_are_not_followed_and_their_targets_never_printed() {
    let (_dir, root, outside) = project_with_outside();
    symlink(outside.join("secret.ts"), root.join("src/app/pages/index/secret.ts")).unwrap();
    symlink(&outside, root.join("src/app/pages/outside")).unwrap();
    // A relative link that climbs out of the project, as a checkout would hold it.
    symlink("../../../../outside-secret/pages", root.join("src/app/pages/climb")).unwrap();
    for format in ["pretty", "json", "github", "sarif", "junit"] {
        let run =
            run(kosmo_lint_in(&root).args(["check", "--no-cache", "--format", format]).arg(&root));
        assert_eq!(run.code, 0, "{format}: nothing outside is linted\n{}", run.stdout);
        for output in [&run.stdout, &run.stderr] {
            assert!(!output.contains("outside-secret"), "{format} printed a target:\n{output}");
            assert!(!output.contains("leaked") && !output.contains("Leak"), "{format}:\n{output}");
        }
        for link in
            ["src/app/pages/index/secret.ts", "src/app/pages/outside", "src/app/pages/climb"]
        {
            assert!(run.stdout.contains(link), "{format} does not name {link}:\n{}", run.stdout);
        }
        assert!(run.stdout.contains("symbolic link to a path outside the project, not followed"));
    }
    let routes = run(kosmo_lint_in(&root).args(["routes", "--format", "json"]).arg(&root));
    assert!(!routes.stdout.contains("outside-secret"), "{}", routes.stdout);
}

fn tree(root: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walk(root);
    paths.sort();
    paths
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

#[test]
fn kosmo_config_ts_is_parsed_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let witness = dir.path().join("pwned");
    write(&root, "package.json", PACKAGE);
    // Run by node, this config would write the witness file as soon as it is loaded, and
    // every route and page module would too.
    let effect = format!(
        "import {{ writeFileSync }} from \"node:fs\";\nimport {{ execSync }} from \"node:child_process\";\nwriteFileSync({witness:?}, \"ran\");\nexecSync(\"touch {}\");\n",
        witness.display()
    );
    write(&root, "src/app/kosmo.config.ts", format!("{effect}{CONFIG}"));
    write(&root, "src/app/pages/index/index.tsx", format!("{effect}{PAGE}"));
    write(
        &root,
        "src/app/api/users/index.ts",
        format!(
            "{effect}import {{ defineRoute }} from \"_/api\";\nexport default defineRoute<\"users\">(({{ GET }}) => [\n  GET<{{ response: [200, \"json\", string] }}>(async (ctx) => ctx.json(\"ok\")),\n]);\n"
        ),
    );
    let before = tree(dir.path());
    for args in [&["check", "--no-cache"][..], &["check", "--fix"], &["routes"], &["config"]] {
        let run = run(kosmo_lint_in(&root).args(args).arg(&root));
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(!witness.exists(), "{args:?} ran the project's code");
    }
    // The project is read, not changed (only the linter's own cache is written).
    let after: Vec<PathBuf> = tree(dir.path())
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains(".kosmo-lint-cache"))
        .collect();
    assert_eq!(after, before);
}
