//! Deterministic KosmoJS projects with planted violations and their manifest, for the recall
//! and precision test (`tests/corpus.rs`) and the benchmarks (`bench/run.sh`, through
//! `cargo run -p xtask -- corpus`).
//!
//! A corpus has N API routes and N pages over one route tree, in the syntax of the first
//! KosmoJS generation ([`Generation::G1`]: `front/`, `@front/{api}` imports, positional
//! handler generics) or the current one ([`Generation::G5`]: `src/app/`, `_/fetch`,
//! `query()` wrappers, object generics), with helper modules, components, layouts, shared
//! code and, in G5, shared query modules pages import their wrappers from, an alias of the
//! fetch map and a generated `lib/` a linter must ignore. Every rule has violations
//! planted, written as users write them, and the correct code around them comes in the
//! several shapes users write, so that any finding the manifest does not list is a false
//! positive. The output is a pure function of the [`Options`]: the same options give the
//! same bytes on any machine.

mod api;
mod blocks;
mod g1;
mod g5;
mod page;
mod plan;
mod rng;
mod routes;
mod source;
mod vocab;

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde_json::json;

pub use plan::rules;

/// Bumped whenever the same options would give different files.
pub const FORMAT_VERSION: u32 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    G1,
    G5,
}

impl Generation {
    pub fn name(self) -> &'static str {
        match self {
            Self::G1 => "g1",
            Self::G5 => "g5",
        }
    }

    /// The source folder the routes and pages are in.
    pub fn source_folder(self) -> &'static str {
        match self {
            Self::G1 => "front",
            Self::G5 => "src/app",
        }
    }
}

impl std::str::FromStr for Generation {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "g1" => Ok(Self::G1),
            "g5" => Ok(Self::G5),
            other => Err(format!("unknown generation `{other}` (g1 or g5)")),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// API routes, and as many pages.
    pub routes: usize,
    pub seed: u64,
    pub generation: Generation,
}

/// One planted violation: what `kosmo-lint check --format json` must report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub rule: &'static str,
    /// Relative to the corpus root, with forward slashes.
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// What was planted, for a reader of the manifest.
    pub detail: String,
}

/// A generated project: files by relative path, and the violations planted in them.
pub struct Corpus {
    options: Options,
    files: BTreeMap<String, String>,
    violations: Vec<Violation>,
}

impl Corpus {
    /// Builds the whole project in memory.
    ///
    /// # Panics
    /// When `routes` is 0 or more than the folder vocabulary can name (about 400,000).
    pub fn generate(options: Options) -> Self {
        assert!(options.routes > 0, "a corpus needs at least one route");
        let mut corpus = Self { options, files: BTreeMap::new(), violations: Vec::new() };
        let plan = plan::Plan::new(options);
        match options.generation {
            Generation::G1 => g1::write(&plan, &mut corpus),
            Generation::G5 => g5::write(&plan, &mut corpus),
        }
        corpus.violations.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        corpus
    }

    pub(crate) fn add(&mut self, path: String, source: source::Source) {
        let (text, violations) = source.finish(&path);
        self.violations.extend(violations);
        let previous = self.files.insert(path, text);
        assert!(previous.is_none(), "a file is written twice");
    }

    /// Every file, by path relative to the corpus root.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(path, text)| (path.as_str(), text.as_str()))
    }

    /// The planted violations, by path and line.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// `expected.json`: the options, the size of the source folder and every violation.
    pub fn manifest(&self) -> serde_json::Value {
        let folder = format!("{}/", self.options.generation.source_folder());
        let sources: Vec<(&str, &str)> = self
            .files()
            .filter(|(path, _)| {
                path.starts_with(&folder)
                    && Path::new(path).extension().is_some_and(|ext| ext == "ts" || ext == "tsx")
            })
            .collect();
        let count = |suffix: &str, below: &str| {
            sources
                .iter()
                .filter(|(path, _)| {
                    path.ends_with(suffix) && path[folder.len()..].starts_with(below)
                })
                .count()
        };
        let mut counts = BTreeMap::<&str, usize>::new();
        for violation in &self.violations {
            *counts.entry(violation.rule).or_default() += 1;
        }
        json!({
            "generator": "kosmo_lint_corpus",
            "format_version": FORMAT_VERSION,
            "generation": self.options.generation.name(),
            "routes": self.options.routes,
            "seed": self.options.seed,
            "source_folder": self.options.generation.source_folder(),
            "stats": {
                "files": self.files.len(),
                "source_files": sources.len(),
                "source_bytes": sources.iter().map(|(_, text)| text.len()).sum::<usize>(),
                "source_lines": sources.iter().map(|(_, text)| text.lines().count()).sum::<usize>(),
                "api_routes": count("/index.ts", "api/"),
                "pages": count("/index.tsx", "pages/"),
                "layouts": count("/layout.tsx", "pages/"),
                "query_modules": count(".ts", "queries/"),
            },
            "violation_counts": counts,
            "violations": self.violations.iter().map(|v| json!({
                "rule": v.rule, "path": v.path, "line": v.line, "detail": v.detail,
            })).collect::<Vec<_>>(),
        })
    }

    /// Writes the files and `expected.json` below `dir`, which must be empty or absent so
    /// that two corpora are never mixed.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        if dir.read_dir().is_ok_and(|mut entries| entries.next().is_some()) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is not empty; a corpus is written to an empty folder", dir.display()),
            ));
        }
        for (path, text) in &self.files {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().expect("a file is in a folder"))?;
            std::fs::write(file, text)?;
        }
        let mut manifest =
            serde_json::to_string_pretty(&self.manifest()).expect("JSON values serialise");
        manifest.push('\n');
        std::fs::write(dir.join("expected.json"), manifest)
    }
}

/// A layout for every top-level page folder and for 15 % of the deeper ones.
pub(crate) fn write_layouts(plan: &plan::Plan, pages: &str, corpus: &mut Corpus) {
    let mut folders = std::collections::BTreeSet::new();
    for plan_route in &plan.routes {
        let segments: Vec<&str> = plan_route.route.segments().collect();
        for depth in 1..=segments.len() {
            folders.insert(segments[..depth].join("/"));
        }
    }
    for folder in folders {
        let mut rng = rng::Rng::keyed(plan.seed, &format!("layout/{folder}"));
        if folder.contains('/') && !rng.percent(15) {
            continue;
        }
        let top = folder.split('/').next().expect("a folder");
        // The root route's folder is `index`, its URL `/`.
        let base = if top == routes::ROOT_ROUTE { String::new() } else { format!("/{top}") };
        let lines = blocks::layout(&folder, &base, &mut rng);
        corpus.add(format!("{pages}/{folder}/layout.tsx"), lines.into_iter().collect());
    }
}

#[cfg(test)]
mod tests {
    use super::{Corpus, Generation, Options};

    fn digest(corpus: &Corpus) -> u64 {
        corpus.files().fold(0xcbf2_9ce4_8422_2325, |hash, (path, text)| {
            path.bytes().chain(text.bytes()).fold(hash, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
            })
        })
    }

    /// The benchmarks compare corpora made at different times: a change of these bytes
    /// must be deliberate, with `FORMAT_VERSION` bumped and the digests updated.
    #[test]
    fn the_same_options_give_the_same_bytes() {
        for (generation, expected) in [
            (Generation::G1, 15_802_593_280_189_201_319),
            (Generation::G5, 12_518_231_412_687_738_415),
        ] {
            let options = Options { routes: 50, seed: 3, generation };
            let corpus = Corpus::generate(options);
            assert_eq!(digest(&corpus), digest(&Corpus::generate(options)));
            assert_eq!(digest(&corpus), expected, "{generation:?}");
        }
    }

    #[test]
    fn the_manifest_lists_every_planted_violation() {
        let corpus = Corpus::generate(Options { routes: 100, seed: 1, generation: Generation::G5 });
        let manifest = corpus.manifest();
        assert_eq!(manifest["violations"].as_array().unwrap().len(), corpus.violations().len());
        assert_eq!(manifest["stats"]["api_routes"], 100);
        assert_eq!(manifest["stats"]["pages"], 100);
        assert!(corpus.files().any(|(path, _)| path == "src/app/kosmo.config.ts"));
    }

    /// Some G5 pages import their `query()` wrapper from a shared module, with hand-written
    /// ones planted there (reported on the importing page's preload), and some helper
    /// modules read the clients through the app's alias of the fetch map.
    #[test]
    fn g5_pages_and_helpers_read_through_shared_modules() {
        let corpus = Corpus::generate(Options { routes: 300, seed: 7, generation: Generation::G5 });
        let file = |path: &str| corpus.files().find(|(p, _)| *p == path).map(|(_, text)| text);
        let behind_imports: Vec<_> =
            corpus.violations().iter().filter(|v| v.detail.contains("imported from")).collect();
        assert!(!behind_imports.is_empty());
        for violation in behind_imports {
            assert_eq!(violation.rule, super::rules::PRELOAD_GENERATED_FETCH);
            let page = file(&violation.path).unwrap();
            let module = page
                .lines()
                .find_map(|line| line.split("from \"~/queries/").nth(1))
                .and_then(|rest| rest.strip_suffix("\";"))
                .expect("the page imports its wrapper");
            let module = file(&format!("src/app/queries/{module}.ts")).unwrap();
            assert!(module.contains("fetch(`/api"), "the hand-written wrapper is in the module");
        }
        assert!(file("src/app/lib/api.ts").unwrap().contains("export const api = fetchClients;"));
        assert!(corpus.files().any(|(path, text)| path.starts_with("src/app/hooks/")
            && text.contains("import { api } from \"~/lib/api\";")
            && text.contains("api[\"")));
    }

    #[test]
    fn a_corpus_is_never_written_over_another() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README.md"), "").unwrap();
        let corpus = Corpus::generate(Options { routes: 1, seed: 1, generation: Generation::G1 });
        let err = corpus.write(dir.path()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    }
}
