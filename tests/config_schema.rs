//! The configuration as editors and users meet it: `kosmo-lint.schema.json` read by an
//! independent JSON Schema validator agrees with the tool on what a configuration may say;
//! a bad value is reported where it stands; `config` prints normalised paths; and a project
//! configured twice in one folder is told which configuration is used.

mod common;

use std::fs;
use std::path::Path;

use common::{kosmo_in, repo, write};

fn validator() -> jsonschema::Validator {
    let text = fs::read_to_string(repo("kosmo-lint.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the committed schema is a valid JSON Schema")
}

/// A folder holding `kosmo-lint.json` with `text`, and whether kosmo-lint accepts it.
fn tool_accepts(text: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "kosmo-lint.json", text);
    let run = kosmo_in(dir.path(), &["config"]);
    assert!(matches!(run.code, 0 | 2), "{run:?}");
    run.code == 0
}

#[test]
fn the_schema_accepts_exactly_what_the_tool_accepts() {
    let validator = validator();
    let cases = [
        (r#"{}"#, true),
        (r#"{ "rules": { "missing-preload": "warn", "response-type-declared": "off" } }"#, true),
        (r#"{ "$schema": "./kosmo-lint.schema.json", "ignorePatterns": ["src/legacy/**"] }"#, true),
        (r#"{ "rules": { "all": "off" } }"#, false),
        (r#"{ "rules": { "missing-prelod": "warn" } }"#, false),
        // Built-in findings are not rules a configuration can turn off.
        (r#"{ "rules": { "io-error": "off" } }"#, false),
        (r#"{ "rules": { "missing-preload": "loud" } }"#, false),
        (r#"{ "rules": { "missing-preload": 2 } }"#, false),
        (r#"{ "rulez": {} }"#, false),
        (r#"{ "ignorePatterns": "src" }"#, false),
    ];
    for (text, valid) in cases {
        let document: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(validator.is_valid(&document), valid, "the schema on {text}");
        assert_eq!(tool_accepts(text), valid, "kosmo-lint on {text}");
    }
}

#[test]
fn the_schema_names_every_configurable_rule_with_its_summary() {
    let text = fs::read_to_string(repo("kosmo-lint.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rules = schema["properties"]["rules"]["properties"].as_object().unwrap();
    let listed = common::kosmo(&["rules"]).stdout;
    let configurable: Vec<&str> = listed
        .lines()
        .skip(1)
        .filter(|line| !line.ends_with("(built-in)"))
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(rules.keys().map(String::as_str).collect::<Vec<_>>(), configurable);
    for (name, rule) in rules {
        let summary = rule["description"].as_str().unwrap();
        assert!(listed.contains(summary), "{name}: {summary}");
    }
}

#[test]
fn the_documented_configuration_is_valid() {
    let docs = fs::read_to_string(repo("docs/ci.md")).unwrap();
    let start = docs.find("```jsonc\n").expect("docs/ci.md shows a configuration") + 9;
    let block = &docs[start..start + docs[start..].find("```").unwrap()];
    // Its comments follow whitespace (the `$schema` URL's `//` does not).
    let plain: String = block
        .lines()
        .map(|line| line.find("  //").map_or(line, |comment| &line[..comment]))
        .collect::<Vec<_>>()
        .join("\n");
    let document: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert!(document["rules"].as_object().is_some_and(|rules| !rules.is_empty()));
    assert!(validator().is_valid(&document), "{plain}");
}

/// `kosmo-lint check` in a copy of the shop with `kosmo-lint.json` set to `text`: its stderr.
fn config_error(text: &str) -> String {
    let project = common::repo_copy("examples/shop");
    write(project.path(), "kosmo-lint.json", text);
    let run = kosmo_in(project.path(), &["check"]);
    assert_eq!(run.code, 2, "{run:?}");
    // Paths below the working folder (the project) are relative; the message names the
    // missing file as it was resolved.
    run.stderr.replace(&project.path().canonicalize().unwrap().display().to_string(), "[project]")
}

#[test]
fn config_errors_cover_the_offending_value() {
    insta::assert_snapshot!(config_error("{\n  \"rules\": {\n    \"missing-preload\": \"loud\"\n  }\n}\n"), @r#"
    kosmo::config

      × kosmo-lint.json:3:24: invalid value: string "loud", expected a rule level: "off", "warn" or "error"
       ╭─[kosmo-lint.json:3:24]
     2 │   "rules": {
     3 │     "missing-preload": "loud"
       ·                        ───┬──
       ·                           ╰── here
     4 │   }
       ╰────
    "#);
    insta::assert_snapshot!(config_error("{ \"rules\": { \"missing-preload\": 2 } }"), @r#"
    kosmo::config

      × kosmo-lint.json:1:33: invalid type: integer `2`, expected a rule level: "off", "warn" or "error"
       ╭─[kosmo-lint.json:1:33]
     1 │ { "rules": { "missing-preload": 2 } }
       ·                                 ┬
       ·                                 ╰── here
       ╰────
    "#);
    insta::assert_snapshot!(config_error("{ \"ignorePatterns\": [\"dist\", 3] }"), @r#"
    kosmo::config

      × kosmo-lint.json:1:30: invalid type: integer `3`, expected a string
       ╭─[kosmo-lint.json:1:30]
     1 │ { "ignorePatterns": ["dist", 3] }
       ·                              ┬
       ·                              ╰── here
       ╰────
    "#);
    insta::assert_snapshot!(config_error("{ \"rules\": { \"missing-prelod\": \"warn\" } }"), @r#"
    kosmo::config

      × kosmo-lint.json:1:14: unknown rule `missing-prelod` (see `kosmo-lint rules`); did you mean `missing-preload`?
       ╭─[kosmo-lint.json:1:14]
     1 │ { "rules": { "missing-prelod": "warn" } }
       ·              ────────┬───────
       ·                      ╰── here
       ╰────
    "#);
    insta::assert_snapshot!(config_error("{ \"extends\": \"./shared/base.json\" }"), @r#"
    kosmo::config

      × kosmo-lint.json:1:14: `extends`: [project]/shared/base.json: cannot read: No such file or directory (os error 2)
       ╭─[kosmo-lint.json:1:14]
     1 │ { "extends": "./shared/base.json" }
       ·              ──────────┬─────────
       ·                        ╰── here
       ╰────
    "#);
}

#[test]
fn an_error_in_package_json_is_placed_at_the_value_not_the_key() {
    let project = common::repo_copy("examples/shop");
    let manifest = project.path().join("package.json");
    let mut package: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&manifest).unwrap()).unwrap();
    package["kosmo-lint"] = serde_json::json!({ "rules": { "missing-preload": "loud" } });
    fs::write(&manifest, serde_json::to_string_pretty(&package).unwrap()).unwrap();
    let run = kosmo_in(project.path(), &["check"]);
    assert_eq!(run.code, 2);
    let text = fs::read_to_string(&manifest).unwrap();
    let line = text.lines().position(|l| l.contains("\"loud\"")).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find("\"loud\"").unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("package.json:{line}:{column}: invalid value")),
        "{}",
        run.stderr
    );
}

#[test]
fn config_prints_normalised_paths_from_the_working_folder() {
    let project = common::repo_copy("examples/shop");
    write(project.path(), "config/base.json", r#"{ "rules": { "missing-preload": "off" } }"#);
    write(project.path(), "kosmo-lint.json", r#"{ "extends": "./config/../config/base.json" }"#);
    let run = kosmo_in(project.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document = common::json(&run);
    assert_eq!(document["files"], serde_json::json!(["config/base.json", "kosmo-lint.json"]));
    assert_eq!(document["rules"]["missing-preload"], "off");
    let from_below = kosmo_in(&project.path().join("src"), &["config"]);
    let root = project.path().canonicalize().unwrap();
    assert_eq!(
        common::json(&from_below)["files"],
        serde_json::json!([root.join("config/base.json"), root.join("kosmo-lint.json")]),
        "outside the working folder, absolute"
    );
}

#[test]
fn a_folder_configured_twice_says_which_configuration_is_used() {
    let project = common::repo_copy("examples/shop");
    let root: &Path = project.path();
    write(root, "kosmo-lint.json", r#"{ "rules": { "missing-preload": "off" } }"#);
    let manifest = root.join("package.json");
    let mut package: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&manifest).unwrap()).unwrap();
    package["kosmo-lint"] = serde_json::json!({ "rules": { "missing-preload": "error" } });
    fs::write(&manifest, serde_json::to_string_pretty(&package).unwrap()).unwrap();
    let note = "kosmo-lint: kosmo-lint.json configures kosmo-lint, and so does the \"kosmo-lint\" \
                key of package.json: the first is used, the key is ignored (keep one of them)\n";
    let config = kosmo_in(root, &["config"]);
    assert_eq!(config.stderr, note);
    let document = common::json(&config);
    assert_eq!(document["rules"]["missing-preload"], "off");
    assert_eq!(document["notUsed"], serde_json::json!(["package.json"]));
    let check = kosmo_in(root, &["check", "--format", "json"]);
    assert_eq!(check.stderr, note);
    let report = common::json(&check);
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"missing-preload"), "kosmo-lint.json turned it off: {rules:?}");
    // One configuration alone: no note.
    fs::remove_file(root.join("kosmo-lint.json")).unwrap();
    let alone = kosmo_in(root, &["config"]);
    assert_eq!(alone.stderr, "");
    assert_eq!(common::json(&alone)["rules"]["missing-preload"], "error");
    assert!(common::json(&alone).get("notUsed").is_none());
}
