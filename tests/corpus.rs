//! Recall and precision on generated corpora: `kosmo-lint check` reports exactly the
//! violations the `kosmo_lint_corpus` generator planted (rule, path, line), nothing more, in
//! both generations it writes. The benchmark (`bench/run.sh`) does the same on large corpora.

mod common;

use std::collections::BTreeSet;

use common::{kosmo_lint_in, run};
use kosmo_lint_corpus::{Corpus, Generation, Options, rules};

type Row = (String, String, u64);

fn corpus_matches_its_manifest(generation: Generation) {
    let corpus = Corpus::generate(Options { routes: 300, seed: 7, generation });
    let dir = tempfile::tempdir().unwrap();
    corpus.write(dir.path()).unwrap();

    let expected: BTreeSet<Row> = corpus
        .violations()
        .iter()
        .map(|v| (v.rule.to_owned(), v.path.clone(), v.line as u64))
        .collect();
    let planted: BTreeSet<&str> = corpus.violations().iter().map(|v| v.rule).collect();
    assert_eq!(planted, BTreeSet::from(rules::ALL), "the corpus plants violations of every rule");

    let out = run(kosmo_lint_in(dir.path()).args(["check", "--format", "json"]).arg(dir.path()));
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
        "{generation:?}: missed {missed:#?}\nextra {extra:#?}"
    );
    assert_eq!(out.code, 1, "errors were planted");
}

#[test]
fn g1_corpus_reports_exactly_the_planted_violations() {
    corpus_matches_its_manifest(Generation::G1);
}

#[test]
fn g5_corpus_reports_exactly_the_planted_violations() {
    corpus_matches_its_manifest(Generation::G5);
}
