//! Recall and precision on generated corpora: `kosmo-lint check` reports exactly the
//! violations `gen-corpus.py` planted (`expected.json`: rule, path, line), nothing more, in
//! both generations it writes. The benchmark (`bench/run.sh`) does the same on large corpora.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use common::{kosmo_lint, run};

/// `shared/bench/gen-corpus.py` beside the repository (`KOSMO_LINT_SHARED` overrides).
fn generator() -> PathBuf {
    let shared = std::env::var_os("KOSMO_LINT_SHARED")
        .map_or_else(|| common::repo("../shared"), PathBuf::from);
    let script = shared.join("bench/gen-corpus.py");
    assert!(
        script.is_file(),
        "the corpus generator is missing at {} (set KOSMO_LINT_SHARED to the shared folder)",
        script.display()
    );
    script
}

type Row = (String, String, u64);

fn corpus_matches_its_manifest(generation: &str) {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("python3")
        .arg(generator())
        .args(["--routes", "200", "--seed", "7", "--generation", generation, "--out"])
        .arg(dir.path())
        .output()
        .expect("python3 runs the corpus generator");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("expected.json")).unwrap())
            .unwrap();
    let expected: BTreeSet<Row> = manifest["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let text = |k: &str| v[k].as_str().unwrap().to_owned();
            (text("rule"), text("path"), v["line"].as_u64().unwrap())
        })
        .collect();
    assert!(expected.len() >= 10, "the corpus plants violations of every rule");

    let out = run(kosmo_lint().args(["check", "--format", "json"]).arg(dir.path()));
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let reported: BTreeSet<Row> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap().to_owned();
            (text("rule"), text("path"), d["line"].as_u64().unwrap())
        })
        .collect();
    let missed: Vec<_> = expected.difference(&reported).collect();
    let extra: Vec<_> = reported.difference(&expected).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "{generation}: missed {missed:#?}\nextra {extra:#?}"
    );
    assert_eq!(out.code, 1, "errors were planted");
}

#[test]
fn g1_corpus_reports_exactly_the_planted_violations() {
    corpus_matches_its_manifest("g1");
}

#[test]
fn g5_corpus_reports_exactly_the_planted_violations() {
    corpus_matches_its_manifest("g5");
}
