//! `kosmo-lint/plugin` in its hosts: oxlint (`jsPlugins`) and `ESLint` 9 (flat config with
//! `@typescript-eslint/parser`), both from npm (pinned in `tests/consumers/`), with the
//! packages `cargo run -p xtask -- npm` packs (the Node-API addon built from this checkout)
//! installed into a fresh project holding a copy of the shop example.

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
        // The consumers' install puts the pinned hosts into npm's cache.
        let _ = common::consumers::npm_file("oxlint");
        let out = tempfile::tempdir().unwrap();
        let tarballs = common::consumers::pack_npm(out.path());
        let app = tempfile::tempdir().unwrap();
        std::fs::write(app.path().join("package.json"), r#"{ "name": "app", "private": true }"#)
            .unwrap();
        let installed = Command::new("npm")
            .args(["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"])
            .args(&tarballs)
            .args(["oxlint@1.95.0", "eslint@9.39.5", "@typescript-eslint/parser@8.74.0"])
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
    let output = Command::new(app().1.join("node_modules/.bin").join(name))
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
    let (code, out) = host("oxlint", &["-c", ".oxlintrc.json", "-f", "unix", "src"]);
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
