//! `kosmo-lint/plugin` in its hosts: oxlint (`jsPlugins`) and `ESLint` 9 (flat config with
//! `@typescript-eslint/parser`), both from npm (pinned in `tests/consumers/`), with the
//! packages `cargo run -p xtask -- npm` packs (the Node-API addon built from this checkout)
//! installed into a fresh project holding a copy of the shop example (inside the consumers'
//! folder, so that Node finds the hosts above it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{copy_dir, repo};

/// A project with the packed packages and the hosts installed, offline (the hosts come from
/// the npm cache the consumers' install filled), and the shop in `shop/`.
fn app() -> &'static (tempfile::TempDir, PathBuf) {
    static APP: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    APP.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let tarballs = common::consumers::pack_npm(out.path());
        // Inside the consumers' folder, so that Node finds the pinned hosts and the parser
        // in its `node_modules` above the app; the packed packages go into the app's own.
        let consumers = common::consumers::npm_bin("oxlint").parent().unwrap().parent().unwrap().parent().unwrap().to_path_buf();
        // Only this test binary makes apps there: those of earlier runs go.
        let _ = std::fs::remove_dir_all(consumers.join("apps"));
        std::fs::create_dir_all(consumers.join("apps")).unwrap();
        let app = tempfile::Builder::new().prefix("app-").tempdir_in(consumers.join("apps")).unwrap();
        std::fs::write(app.path().join("package.json"), r#"{ "name": "app", "private": true }"#)
            .unwrap();
        let installed = Command::new("npm")
            .args(["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"])
            .args(&tarballs)
            .current_dir(app.path())
            .output()
            .unwrap();
        assert!(installed.status.success(), "{}", String::from_utf8_lossy(&installed.stderr));
        let shop = app.path().join("shop");
        copy_dir(&repo("examples/shop"), &shop);
        std::fs::write(
            shop.join(".oxlintrc.json"),
            r#"{ "jsPlugins": ["kosmo-lint/plugin"], "categories": { "correctness": "off" },
                 "rules": { "kosmo/missing-preload": "warn", "kosmo/create-async-reuses-preload": "error",
                            "kosmo/fetch-client-route-exists": "error" } }"#,
        )
        .unwrap();
        std::fs::write(
            shop.join("eslint.config.mjs"),
            "import kosmo from \"kosmo-lint/plugin\";\nimport parser from \"@typescript-eslint/parser\";\n\n\
             export default [{ files: [\"**/*.{ts,tsx}\"], languageOptions: { parser }, ...kosmo.configs.recommended }];\n",
        )
        .unwrap();
        // The tarballs are installed: their folder goes.
        drop(out);
        let root = app.path().to_path_buf();
        (app, root)
    })
}

fn host(name: &str, args: &[&str]) -> (i32, String) {
    host_in(&app().1.join("shop"), name, args)
}

/// `name` (`oxlint` or `eslint`) run in `project`, a folder of the app.
fn host_in(project: &Path, name: &str, args: &[&str]) -> (i32, String) {
    let output = Command::new(common::consumers::npm_bin(name))
        .args(args)
        .current_dir(project)
        .env("NO_COLOR", "1")
        .env("FORCE_COLOR", "0")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn oxlint_reports_page_and_cross_file_rules_where_the_binary_does() {
    // Files named: the app lives below the repository's ignored `target/`, which oxlint's
    // folder walk (git's ignore rules) passes over.
    let files = [
        "src/app/pages/cart/index.tsx",
        "src/app/hooks/useReviews.ts",
        "src/app/pages/products/index.tsx",
    ];
    let (code, out) =
        host("oxlint", &[&["-c", ".oxlintrc.json", "-f", "unix"][..], &files].concat());
    assert_eq!(code, 1, "{out}");
    // A page-level rule and a cross-file one (a route that does not exist), at the binary's
    // line and column.
    assert!(
        out.contains("src/app/pages/cart/index.tsx:10:16: page reads a generated fetch client"),
        "{out}"
    );
    assert!(
        out.contains("src/app/hooks/useReviews.ts:14:22: no API route `product/[id]/reviews`"),
        "{out}"
    );
    assert!(out.contains("src/app/pages/products/index.tsx:16:38:"), "{out}");
}

#[test]
fn eslint_reports_them_with_the_recommended_config() {
    let files = ["src/app/pages/cart/index.tsx", "src/app/hooks/useReviews.ts"];
    let (code, out) = host("eslint", &[&["--format", "json"][..], &files].concat());
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let mut found = Vec::new();
    for file in report.as_array().unwrap() {
        let path = file["filePath"].as_str().unwrap();
        for message in file["messages"].as_array().unwrap() {
            let name = Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
            found.push(format!(
                "{name}:{}:{} {} severity {}",
                message["line"],
                message["column"],
                message["ruleId"].as_str().unwrap_or("-"),
                message["severity"]
            ));
        }
    }
    found.sort();
    // Severities from the recommended config: the rules' own defaults.
    assert_eq!(
        found,
        [
            "index.tsx:10:16 kosmo/missing-preload severity 1",
            "useReviews.ts:14:22 kosmo/fetch-client-route-exists severity 2",
        ],
        "{out}"
    );
}

#[test]
fn both_hosts_apply_the_missing_preload_fix() {
    for (name, args) in [
        ("oxlint", &["-c", ".oxlintrc.json", "--fix", "src/app/pages/cart/index.tsx"][..]),
        ("eslint", &["--fix", "src/app/pages/cart/index.tsx"][..]),
    ] {
        // A copy of its own, beside the shop the other tests read.
        let project = app().1.join(format!("shop-fixed-by-{name}"));
        copy_dir(&app().1.join("shop"), &project);
        let (_, out) = host_in(&project, name, args);
        let fixed = std::fs::read_to_string(project.join("src/app/pages/cart/index.tsx")).unwrap();
        assert!(
            fixed.contains("export const preload = () => { void getCart(); };"),
            "{name}: {out}\n{fixed}"
        );
    }
}

#[test]
fn the_hosts_text_is_linted_not_the_disk() {
    // ESLint lints stdin as the named file, as editors' save hooks do: an unsaved buffer.
    let shop = app().1.join("shop");
    let page = std::fs::read_to_string(shop.join("src/app/pages/cart/index.tsx")).unwrap();
    let lint = |text: &str| {
        let mut child = Command::new(common::consumers::npm_bin("eslint"))
            .args([
                "--format",
                "json",
                "--stdin",
                "--stdin-filename",
                "src/app/pages/cart/index.tsx",
            ])
            .current_dir(&shop)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let rules: Vec<String> = report[0]["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["ruleId"].as_str().unwrap_or("-").to_owned())
            .collect();
        rules
    };
    assert_eq!(lint(&page), ["kosmo/missing-preload"]);
    let with_preload = page.replace(
        "export default function CartPage() {",
        "export const preload = () => { void getCart(); };\n\nexport default function CartPage() {",
    );
    assert_eq!(lint(&with_preload), Vec::<String>::new(), "the buffer's preload counts");
    let wrong_route = page.replace("fetchClients.cart.GET()", "fetchClients.carts.GET()");
    assert!(lint(&wrong_route).contains(&"kosmo/fetch-client-route-exists".to_owned()));
    assert_eq!(std::fs::read_to_string(shop.join("src/app/pages/cart/index.tsx")).unwrap(), page);
}

#[test]
fn a_page_whose_route_changed_since_the_last_full_run_reports_all_its_findings() {
    // A full `kosmo-lint check` saves what each page reads and found; the cart route the
    // cart page reads is then edited. Pre-commit narrows such a page to what the change
    // brought; a host asks for the file itself and gets every finding, with its fix.
    let project = app().1.join("shop-after-a-full-run");
    copy_dir(&app().1.join("shop"), &project);
    let _ = std::fs::remove_dir_all(project.join(".kosmo-lint-cache"));
    common::age(&project);
    let full = Command::new(assert_cmd::cargo::cargo_bin("kosmo-lint"))
        .args(["check", "."])
        .current_dir(&project)
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(1), "{}", String::from_utf8_lossy(&full.stderr));
    let route = project.join("src/app/api/cart/index.ts");
    let text = std::fs::read_to_string(&route).unwrap();
    let edited = text.replace("({ GET, POST, DELETE })", "({ GET, PUT, POST, DELETE })").replace(
        "  POST<{",
        "  PUT<{ response: [204] }>(async (ctx) => ctx.body(null, 204)),\n\n  POST<{",
    );
    assert_ne!(edited, text);
    std::fs::write(&route, edited).unwrap();
    common::age(&project);

    let page = "src/app/pages/cart/index.tsx";
    let (code, out) = host_in(&project, "oxlint", &["-c", ".oxlintrc.json", "-f", "unix", page]);
    assert_eq!(code, 0, "a warning: {out}");
    assert!(out.contains(&format!("{page}:10:16: page reads a generated fetch client")), "{out}");
    assert!(!out.contains("was not named"), "{out}");
    let (_, out) = host_in(&project, "oxlint", &["-c", ".oxlintrc.json", "--fix", page]);
    let fixed = std::fs::read_to_string(project.join(page)).unwrap();
    assert!(fixed.contains("export const preload = () => { void getCart(); };"), "{out}");
    // The hosts read the caches and leave nothing of their own there.
    let cache = project.join(".kosmo-lint-cache").join(env!("CARGO_PKG_VERSION"));
    let mut left: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert!(left.iter().all(|name| !name.starts_with('.')), "{left:?}");
    for kept in ["dependents.bin", "facts.bin", "tree.bin"] {
        assert!(left.iter().any(|name| name == kept), "{left:?}");
    }
}

#[test]
fn a_host_over_a_project_with_no_saved_tree_leaves_no_temporary_files() {
    let project = app().1.join("shop-never-checked");
    copy_dir(&app().1.join("shop"), &project);
    let _ = std::fs::remove_dir_all(project.join(".kosmo-lint-cache"));
    let page = "src/app/pages/cart/index.tsx";
    let (code, out) = host_in(&project, "oxlint", &["-c", ".oxlintrc.json", page]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("page reads a generated fetch client"), "{out}");
    let cache = project.join(".kosmo-lint-cache").join(env!("CARGO_PKG_VERSION"));
    let left: Vec<String> = std::fs::read_dir(&cache)
        .map(|entries| {
            entries.map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect()
        })
        .unwrap_or_default();
    assert!(left.iter().all(|name| !name.starts_with('.')), "{left:?}");
}
