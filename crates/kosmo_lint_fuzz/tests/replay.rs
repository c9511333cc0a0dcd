//! Every fuzz target on its seed corpus and on every input a fuzzing campaign found
//! (`fuzz/regressions/<target>/`): what crashed once must never crash again.

use std::path::{Path, PathBuf};

use kosmo_lint_fuzz::{Target, seeds};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn regressions(target: Target) -> Vec<(String, Vec<u8>)> {
    let dir = repo().join("fuzz/regressions").join(target.name());
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut inputs: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    inputs.sort();
    inputs
}

/// Runs every input on a thread with the stack the linter parses on: a deeply nested input
/// needs it, as it does in a run.
fn replay(target: Target) {
    let seeds = seeds(target, &repo());
    assert!(!seeds.is_empty(), "{} has seeds", target.name());
    let inputs: Vec<_> = seeds.into_iter().chain(regressions(target)).collect();
    std::thread::Builder::new()
        .stack_size(kosmo_lint_facts::PARSER_STACK_SIZE)
        .spawn(move || {
            for (name, data) in &inputs {
                let outcome = std::panic::catch_unwind(|| target.run(data));
                assert!(outcome.is_ok(), "{} fails on {name}", target.name());
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn extract_replays() {
    replay(Target::Extract);
}

#[test]
fn route_folder_replays() {
    replay(Target::RouteFolder);
}

#[test]
fn config_files_replays() {
    replay(Target::ConfigFiles);
}

#[test]
fn fact_cache_replays() {
    replay(Target::FactCache);
}

#[test]
fn tree_cache_replays() {
    replay(Target::TreeCache);
}

#[test]
fn fix_replays() {
    replay(Target::Fix);
}

#[test]
fn script_blocks_replays() {
    replay(Target::ScriptBlocks);
}

#[test]
fn every_target_has_a_replay_test() {
    let source = include_str!("replay.rs");
    for target in Target::ALL {
        assert!(source.contains(&format!("fn {}_replays()", target.name())), "{}", target.name());
    }
}
