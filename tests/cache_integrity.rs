//! The caches never change a finding: every fixture project reports the same, byte for byte,
//! with `--no-cache`, a cold cache and a warm one (on the full path and on the files-only
//! path with the saved route tree), and so does a run over cache files damaged in every
//! region by bit flips, truncations and garbage.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, aged_repo_copy, arg, kosmo_lint, run};

/// `check --format json` over `paths`: exit code and stdout, compared whole.
fn check(paths: &[&Path], extra: &[&str]) -> (i32, String) {
    let mut cmd = kosmo_lint();
    cmd.args(["check", "--format", "json"]).args(extra).args(paths.iter().map(|p| arg(p)));
    let Run { code, stdout, .. } = run(&mut cmd);
    (code, stdout)
}

fn cache_file(root: &Path, name: &str) -> PathBuf {
    root.join(".kosmo-lint-cache").join(env!("CARGO_PKG_VERSION")).join(name)
}

/// Every project under `tests/fixtures/*/` and `examples/`, relative to the repository.
fn fixture_projects() -> Vec<String> {
    let mut projects = Vec::new();
    for parent in
        ["tests/fixtures/fix", "tests/fixtures/generations", "tests/fixtures/projects", "examples"]
    {
        for entry in fs::read_dir(common::repo(parent)).unwrap() {
            let path = entry.unwrap().path();
            if path.join("package.json").is_file() {
                projects.push(format!("{parent}/{}", path.file_name().unwrap().to_str().unwrap()));
            }
        }
    }
    projects.sort();
    projects
}

fn source_files(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".kosmo-lint-cache" || n == "node_modules") {
            continue;
        }
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e != "json" && e != "html") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_reports_the_same_without_a_cache_cold_and_warm() {
    let projects = fixture_projects();
    assert!(projects.len() >= 15, "{projects:?}");
    for rel in &projects {
        let dir = aged_repo_copy(rel);
        let root = dir.path();
        let uncached = check(&[root], &["--no-cache"]);
        assert_eq!(check(&[root], &[]), uncached, "{rel}: cold cache");
        assert_eq!(check(&[root], &[]), uncached, "{rel}: warm cache");
        // The files-only path, with the route tree saved by the runs above.
        let mut files = Vec::new();
        source_files(root, &mut files);
        files.sort();
        for file in &files {
            let uncached = check(&[file], &["--no-cache"]);
            assert_eq!(check(&[file], &[]), uncached, "{rel}: {} alone", file.display());
        }
    }
}

/// Vue, Svelte and Markdown pages are read through their script blocks, never parsed whole
/// as scripts, on every path; `pages/layout.vue` (no route's layout) is a component, a
/// helper, and counted too.
#[test]
fn vue_pages_beside_solid_ones_get_no_syntax_error_from_the_cache() {
    let dir = aged_repo_copy("tests/fixtures/projects/vue-beside-solid");
    let root = dir.path();
    for extra in [&["--no-cache"][..], &[], &[]] {
        let (code, stdout) = check(&[root], extra);
        assert_eq!(code, 0, "{extra:?}: {stdout}");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(report["diagnostics"], serde_json::json!([]), "{extra:?}");
        assert_eq!(report["summary"]["files"], 10, "every page is counted: {extra:?}");
    }
    let vue = root.join("src/admin/pages/stats/index.vue");
    let (code, stdout) = check(&[&vue], &[]);
    assert_eq!((code, stdout.contains("syntax-error")), (0, false), "{stdout}");
}

/// A deterministic generator (`SplitMix64`), so that a failure names a reproducible case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn byte(&mut self) -> u8 {
        self.next().to_le_bytes()[0]
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap()
    }

    fn in_range(&mut self, range: &std::ops::Range<usize>) -> usize {
        range.start + self.below(range.len())
    }
}

/// One way of damaging a cache file, applied inside a region of it.
#[derive(Debug, Clone, Copy)]
enum Damage {
    FlipBit,
    FlipBits,
    Truncate,
    Garbage,
    Zeroes,
    Append,
}

const DAMAGES: [Damage; 6] = [
    Damage::FlipBit,
    Damage::FlipBits,
    Damage::Truncate,
    Damage::Garbage,
    Damage::Zeroes,
    Damage::Append,
];

fn damage(
    pristine: &[u8],
    region: &std::ops::Range<usize>,
    kind: Damage,
    rng: &mut Rng,
) -> Vec<u8> {
    let mut bytes = pristine.to_vec();
    let at = rng.in_range(region);
    match kind {
        Damage::FlipBit => bytes[at] ^= 1 << rng.below(8),
        Damage::FlipBits => {
            for _ in 0..2 + rng.below(7) {
                let at = rng.in_range(region);
                bytes[at] ^= 1 << rng.below(8);
            }
        }
        Damage::Truncate => bytes.truncate(at),
        Damage::Garbage | Damage::Zeroes => {
            let end = (at + 1 + rng.below(16)).min(region.end);
            for byte in &mut bytes[at..end] {
                *byte = if matches!(kind, Damage::Zeroes) { 0 } else { rng.byte() };
            }
        }
        Damage::Append => bytes.extend((0..=rng.below(32)).map(|_| rng.byte())),
    }
    bytes
}

/// `u64` little-endian at `at`, or 0 past the end.
fn u64_at(bytes: &[u8], at: usize) -> usize {
    let field = bytes.get(at..at + 8).map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap()));
    usize::try_from(field).unwrap_or(usize::MAX)
}

/// The regions of a file: the preamble (magic, format, build), the fixed header fields,
/// and the parts they point to (see `facts_file.rs` and `tree_cache/mod.rs`).
fn regions(bounds: &[usize], len: usize) -> Vec<std::ops::Range<usize>> {
    let mut cuts: Vec<usize> = bounds.iter().map(|b| (*b).min(len)).collect();
    cuts.push(len);
    let mut regions = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            regions.push(start..cut);
            start = cut;
        }
    }
    regions
}

const PREAMBLE: usize = 28;

/// Damages `name` `rounds` times, round-robin over its regions and the kinds of damage; each
/// run over the damaged file must print and exit as the uncached run does.
fn assert_damage_changes_nothing(
    name: &str,
    paths: &[&Path],
    root: &Path,
    cut_points: fn(&[u8]) -> Vec<usize>,
    rounds: usize,
) {
    let expected = check(paths, &["--no-cache"]);
    check(&[root], &[]);
    let file = cache_file(root, name);
    let pristine = fs::read(&file).unwrap();
    let regions = regions(&cut_points(&pristine), pristine.len());
    assert!(regions.len() >= 4, "{name}: {regions:?}");
    let mut rng = Rng(0x6b6f_736d_6f00 + name.len() as u64);
    for round in 0..rounds {
        let region = &regions[round % regions.len()];
        let kind = DAMAGES[(round / regions.len()) % DAMAGES.len()];
        let damaged = damage(&pristine, region, kind, &mut rng);
        fs::write(&file, &damaged).unwrap();
        assert_eq!(
            check(paths, &[]),
            expected,
            "{name}, round {round}: {kind:?} in {region:?} of {} bytes",
            pristine.len()
        );
    }
}

#[test]
fn damaged_fact_caches_change_no_finding() {
    let dir = aged_repo_copy("examples/shop");
    let root = dir.path();
    let cut_points = |bytes: &[u8]| {
        let header = PREAMBLE + 4 * 8;
        vec![PREAMBLE, header, u64_at(bytes, PREAMBLE)]
    };
    assert_damage_changes_nothing("facts.bin", &[root], root, cut_points, 96);
}

#[test]
fn damaged_route_tree_caches_change_no_finding() {
    let dir = aged_repo_copy("examples/shop");
    let root = dir.path();
    // Every source file named, as pre-commit names staged files: the files-only path, where
    // every page is checked against the saved tree.
    let mut files = Vec::new();
    source_files(&root.join("src"), &mut files);
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let cut_points = |bytes: &[u8]| {
        let prefix = PREAMBLE + 5 * 8;
        vec![PREAMBLE, prefix, prefix + u64_at(bytes, PREAMBLE)]
    };
    assert_damage_changes_nothing("tree.bin", &paths, root, cut_points, 144);
}
