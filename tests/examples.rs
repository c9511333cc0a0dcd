//! The bundled examples report exactly the violations their `VIOLATIONS.md` documents, in
//! pretty and JSON output, and the exit code follows the most severe finding.

mod common;

use std::collections::BTreeSet;

use common::{kosmo, redact_timing, repo};

/// `(rule, path, line, column)` of a finding; no line or column for one on a whole file.
type Row = (String, String, Option<u64>, Option<u64>);

/// The rows of an example's `VIOLATIONS.md` table.
fn documented(example: &str) -> BTreeSet<Row> {
    let text = std::fs::read_to_string(repo(&format!("examples/{example}/VIOLATIONS.md"))).unwrap();
    text.lines()
        .filter(|line| {
            line.starts_with("| ") && line[2..].starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let unquote = |cell: &str| cell.trim_matches('`').to_owned();
            (
                unquote(cells[2]),
                unquote(cells[3]),
                (cells[4] != "—").then(|| cells[4].parse().unwrap()),
                (cells[5] != "—").then(|| cells[5].parse().unwrap()),
            )
        })
        .collect()
}

fn reported(example: &str) -> (i32, BTreeSet<Row>, serde_json::Value) {
    // From the example's folder, as its VIOLATIONS.md names files.
    let root = common::repo(&format!("examples/{example}"));
    let run = common::kosmo_in(&root, &["check", ".", "--format", "json"]);
    let document = common::json(&run);
    let rows = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64(),
                d["column"].as_u64(),
            )
        })
        .collect();
    (run.code, rows, document)
}

#[test]
fn examples_report_exactly_their_documented_violations() {
    // (example, errors, warnings, fixable): both plant the seed's rules; the shop adds a Vue
    // folder and one finding of each later rule, the seed app the twelve warnings its
    // bare-reference pages get from the two rules about that form.
    for (example, errors, warnings, fixable) in [("shop", 11, 8, 4), ("seed-app", 6, 13, 6)] {
        let expected = documented(example);
        assert_eq!(expected.len(), errors + warnings, "{example}: VIOLATIONS.md rows");
        let (code, rows, document) = reported(example);
        assert_eq!(rows, expected, "{example}: findings differ from VIOLATIONS.md");
        assert_eq!(code, 1, "{example} has error findings");
        assert_eq!(document["summary"]["errors"], errors);
        assert_eq!(document["summary"]["warnings"], warnings);
        assert_eq!(document["summary"]["fixable"], fixable);
        insta::assert_json_snapshot!(format!("{example}_json"), document);
    }
}

#[test]
fn examples_pretty_output() {
    for example in ["shop", "seed-app"] {
        let root = common::repo(&format!("examples/{example}"));
        let run = common::kosmo_in(&root, &["check"]);
        assert_eq!(run.code, 1);
        assert!(run.stdout.contains("kosmo(missing-preload)"));
        assert!(run.stdout.contains("docs/rules/missing-preload.md"), "links the rule docs");
        insta::assert_snapshot!(format!("{example}_pretty"), redact_timing(&run.stdout));
    }
}

#[test]
fn warnings_alone_exit_zero() {
    let run = kosmo(&["check", "examples/shop/src/app/pages/cart", "--format", "json"]);
    let document = common::json(&run);
    assert_eq!(document["summary"]["warnings"], 1);
    assert_eq!(document["summary"]["errors"], 0);
    assert_eq!(run.code, 0, "a warning alone does not fail the run");
    let fix = &document["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["edits"][0]["content"], "\n\nexport const preload = () => { void getCart(); };");
}

#[test]
fn rules_lists_every_rule() {
    let run = kosmo(&["rules"]);
    assert_eq!(run.code, 0);
    for rule in [
        "create-async-reuses-preload",
        "fetch-client-route-exists",
        "missing-preload",
        "preload-generated-fetch",
        "response-type-declared",
        "syntax-error",
        "io-error",
    ] {
        assert!(run.stdout.contains(rule), "{rule} missing from:\n{}", run.stdout);
    }
    insta::assert_snapshot!("rules", run.stdout);
}

#[test]
fn ci_formats_on_the_shop_example() {
    for format in ["github", "sarif", "junit"] {
        let run = kosmo(&["check", "examples/shop", "--format", format]);
        assert_eq!(run.code, 1, "{format}: exit code follows the findings");
        assert!(!run.stdout.contains("Checked"), "{format}: no human summary mixed in");
        insta::assert_snapshot!(format!("shop_{format}"), run.stdout);
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&kosmo(&["check", "examples/shop", "--format", "sarif"]).stdout)
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 19);
}

/// Every format names files from the folder kosmo-lint runs in, as CI resolves them against
/// the checkout: run from the repository root, a project in a folder is named with that
/// folder; run from inside the project, paths are the project's own; on a project outside
/// the current folder, they are absolute.
#[test]
fn ci_format_paths_start_at_the_current_folder() {
    let annotated_files = |run: &common::Run| -> Vec<String> {
        let mut files: Vec<String> = run
            .stdout
            .lines()
            .filter_map(|l| Some(l.split_once("file=")?.1.split(',').next()?.to_owned()))
            .collect();
        files.dedup();
        files
    };
    let from_repository = kosmo(&["check", "examples/shop", "--format", "github"]);
    let files = annotated_files(&from_repository);
    assert!(files.len() > 3);
    assert!(files.iter().all(|f| f.starts_with("examples/shop/src/")), "{files:?}");

    let shop = common::repo("examples/shop");
    let mut inside = common::kosmo_lint();
    inside.current_dir(&shop).args(["check", ".", "--format", "github"]);
    let from_project = annotated_files(&common::run(&mut inside));
    let stripped: Vec<String> =
        files.iter().map(|f| f.trim_start_matches("examples/shop/").to_owned()).collect();
    assert_eq!(from_project, stripped);

    let elsewhere = tempfile::tempdir().unwrap();
    let mut outside = common::kosmo_lint();
    outside.current_dir(elsewhere.path()).args(["check", common::arg(&shop), "--format", "github"]);
    let absolute: Vec<String> =
        stripped.iter().map(|f| format!("{}/{f}", shop.display())).collect();
    assert_eq!(annotated_files(&common::run(&mut outside)), absolute);

    for format in ["sarif", "junit", "json", "pretty"] {
        let run = kosmo(&["check", "examples/shop", "--format", format]);
        assert!(run.stdout.contains("examples/shop/src/app/api/health/index.ts"), "{format}");
    }
}
