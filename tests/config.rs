//! Configuration files, rule flags, --quiet, --max-warnings, explain, completions and the
//! pre-commit hook definition.

mod common;

use std::fs;
use std::path::Path;

use common::{arg, kosmo, repo, repo_copy, repo_root};

fn rules_and_severities(document: &serde_json::Value) -> Vec<(String, String)> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (d["rule"].as_str().unwrap().to_owned(), d["severity"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn a_config_file_turns_rules_off_and_changes_severities() {
    let dir = repo_copy("examples/shop");
    let root = dir.path();
    fs::write(
        root.join("kosmo-lint.json"),
        "{\n  // the shop's own policy\n  \"rules\": {\n    \"missing-preload\": \"error\",\n    \"response-type-declared\": \"off\",\n  },\n  \"ignorePatterns\": [\"src/app/hooks/**\"],\n}\n",
    )
    .unwrap();
    let run = kosmo(&["check", "--format", "json", arg(root)]);
    let found = rules_and_severities(&common::json(&run));
    assert!(found.contains(&("missing-preload".into(), "error".into())), "{found:?}");
    assert!(!found.iter().any(|(r, _)| r == "response-type-declared"), "{found:?}");
    // useReviews.ts (a fetch-client-route-exists finding) is ignored by the pattern; the
    // HealthBadge and dashboard ones stay.
    assert_eq!(found.iter().filter(|(r, _)| r == "fetch-client-route-exists").count(), 2);

    // Flags apply after the file, in order.
    let run =
        kosmo(&["check", "--format", "json", arg(root), "-A", "all", "-W", "missing-preload"]);
    assert_eq!(
        rules_and_severities(&common::json(&run)),
        [("missing-preload".into(), "warning".into())]
    );
    assert_eq!(run.code, 0, "warnings only");

    let config = kosmo(&["config", arg(root)]);
    let effective = common::json(&config);
    assert_eq!(effective["rules"]["response-type-declared"], "off");
    assert_eq!(effective["ignorePatterns"][0], "src/app/hooks/**");
}

#[test]
fn package_json_can_hold_the_configuration() {
    let dir = repo_copy("examples/seed-app");
    let root = dir.path();
    let manifest = fs::read_to_string(root.join("package.json")).unwrap();
    let with_config = manifest.replacen(
        '{',
        "{\n  \"kosmo-lint\": { \"rules\": { \"fetch-client-route-exists\": \"off\" } },",
        1,
    );
    fs::write(root.join("package.json"), with_config).unwrap();
    let run = kosmo(&["check", "--format", "json", arg(root)]);
    let found = rules_and_severities(&common::json(&run));
    assert!(!found.iter().any(|(r, _)| r == "fetch-client-route-exists"), "{found:?}");
}

#[test]
fn a_broken_config_is_a_located_error_with_exit_2() {
    let dir = repo_copy("examples/shop");
    let root = dir.path();
    for (text, expected) in [
        ("{\n  \"rulez\": {}\n}\n", "unknown field `rulez`"),
        ("{ \"rules\": { \"missing-prelaod\": \"warn\" } }", "unknown rule `missing-prelaod`"),
        ("{ \"rules\": { \"syntax-error\": \"off\" } }", "cannot be configured"),
        ("{ \"rules\": { \"missing-preload\": \"loud\" } }", "invalid value: string \"loud\""),
        ("{ \"rules\": ", "kosmo-lint.json:1:12: Expected value after colon"),
    ] {
        fs::write(root.join("kosmo-lint.json"), text).unwrap();
        let run = kosmo(&["check", arg(root)]);
        assert_eq!(run.code, 2, "{text}: {}", run.stderr);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains(expected), "{text}: {}", run.stderr);
        assert!(run.stderr.contains("kosmo-lint.json"), "names the file: {}", run.stderr);
    }
    let run = kosmo(&["check", "examples/shop", "-D", "no-such-rule"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown rule `no-such-rule`"), "{}", run.stderr);
}

#[test]
fn quiet_and_max_warnings() {
    // --quiet leaves the warnings out of the report but still counts them (as oxlint does).
    let run = kosmo(&["check", "examples/shop", "--quiet", "--format", "json"]);
    let document = common::json(&run);
    assert_eq!(document["summary"]["warnings"], 8);
    assert_eq!(document["summary"]["errors"], 11);
    let severities: std::collections::BTreeSet<&str> = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities.into_iter().collect::<Vec<_>>(), ["error"]);

    let cart = "examples/shop/src/app/pages/cart";
    assert_eq!(kosmo(&["check", cart]).code, 0, "one warning alone passes");
    let run = kosmo(&["check", cart, "--max-warnings", "0"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--max-warnings 0"), "{}", run.stderr);
    assert_eq!(kosmo(&["check", cart, "--max-warnings", "1"]).code, 0);
    let quiet = kosmo(&["check", cart, "--quiet", "--max-warnings", "0"]);
    assert_eq!(quiet.code, 1, "--quiet does not turn --max-warnings off: {}", quiet.stdout);
}

#[test]
fn files_outside_a_project_are_passed_over() {
    let outside = tempfile::tempdir().unwrap();
    let file = outside.path().join("script.ts");
    fs::write(&file, "export const x = 1;\n").unwrap();
    let run = kosmo(&["check", arg(&file), "examples/shop/src/app/pages/cart/index.tsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("not linted"), "listed without --quiet: {}", run.stderr);
    let run = kosmo(&["check", "--quiet", arg(&file)]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "", "quiet");
}

#[test]
fn explain_prints_the_rule_docs_and_completions_generate() {
    let run = kosmo(&["explain", "missing-preload"]);
    assert_eq!(run.code, 0);
    let page = fs::read_to_string(repo("docs/rules/missing-preload.md")).unwrap();
    let body = page.split_once("-->\n\n").unwrap().1;
    assert_eq!(run.stdout, body, "explain prints the docs page");
    assert_eq!(kosmo(&["explain", "nope"]).code, 2);
    for shell in ["bash", "zsh", "fish"] {
        let run = kosmo(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(run.stdout.contains("kosmo-lint") || run.stdout.contains("kosmo_lint"), "{shell}");
    }
}

#[test]
fn the_pre_commit_hooks_file_is_valid() {
    let text = fs::read_to_string(repo(".pre-commit-hooks.yaml")).unwrap();
    let documents = yaml_rust2::YamlLoader::load_from_str(&text).expect("valid YAML");
    // pre-commit reads a list of hooks, each with an id, name, entry and language.
    let hooks = documents[0].as_vec().expect("a list of hooks");
    assert!(!hooks.is_empty());
    for hook in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(hook[key].as_str().is_some(), "hook lacks {key}: {hook:?}");
        }
        let entry = hook["entry"].as_str().unwrap();
        match hook["language"].as_str().unwrap() {
            "system" => assert!(entry.starts_with("kosmo-lint check"), "{entry}"),
            "script" => assert!(entry.starts_with("hooks/kosmo-lint"), "{entry}"),
            other => panic!("unexpected language {other}"),
        }
        assert!(hook["types_or"].as_vec().is_some_and(|t| !t.is_empty()));
    }
    // The local-hook snippet of docs/ci.md parses too.
    let ci = fs::read_to_string(repo("docs/ci.md")).unwrap();
    let snippets: Vec<&str> =
        ci.split("```yaml\n").skip(1).map(|s| s.split("```").next().unwrap()).collect();
    assert!(snippets.len() >= 3, "pre-commit, GitHub Actions and GitLab snippets");
    for snippet in snippets {
        yaml_rust2::YamlLoader::load_from_str(snippet).unwrap_or_else(|e| panic!("{e}: {snippet}"));
    }
}

/// The build hook (`hooks/kosmo-lint`) runs `cargo install --locked --path` on the hooks
/// repository: the root manifest must be a package (not only a workspace) whose only binary is
/// the `kosmo-lint` the script then runs.
#[test]
fn the_build_hook_can_install_from_the_repository_root() {
    let text = fs::read_to_string(repo(".pre-commit-hooks.yaml")).unwrap();
    let hooks = yaml_rust2::YamlLoader::load_from_str(&text).unwrap().remove(0);
    let build_hook = hooks
        .as_vec()
        .unwrap()
        .iter()
        .find(|hook| hook["language"].as_str() == Some("script"))
        .expect("a `language: script` hook");
    let script = build_hook["entry"].as_str().unwrap().split(' ').next().unwrap();
    let script = fs::read_to_string(repo(script)).unwrap();
    assert!(script.contains("cargo install --locked"), "{script}");
    assert!(script.contains("bin=\"$root/bin/kosmo-lint\""), "{script}");
    let command = "kosmo-lint";
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--offline", "--format-version", "1"])
        .current_dir(repo_root())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let root_manifest = repo_root().join("Cargo.toml").canonicalize().unwrap();
    let root_package = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| Path::new(p["manifest_path"].as_str().unwrap()) == root_manifest)
        .expect("the root Cargo.toml is a package");
    let binaries: Vec<&str> = root_package["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"].as_array().unwrap().iter().any(|k| k == "bin"))
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(binaries, [command], "the root package installs the command the hook runs");
}

#[test]
fn a_rule_turned_off_fixes_nothing() {
    let dir = repo_copy("examples/seed-app");
    let root = dir.path();
    let before = common::tree_bytes(root);
    let run = kosmo(&[
        "check",
        "--fix",
        arg(root),
        "-A",
        "missing-preload",
        "-A",
        "no-bare-function-reference",
    ]);
    assert!(run.stdout.contains("Fixed 0 findings"), "{}", run.stdout);
    assert_eq!(before, common::tree_bytes(root), "nothing written");
}
