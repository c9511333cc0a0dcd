//! The cache targets' ground truth: the shop example's facts, extracted from its files, and
//! the cache files a run over a copy of it writes. Built once per process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use kosmo_lint_core::facts::FileFacts;
use kosmo_lint_core::walk::{ProjectFile, WalkScope, walk_scope, walk_scope_recording};
use kosmo_lint_core::{FileKind, Project, RouteTree};
use kosmo_lint_facts::{FactCache, TreeRecorder};

/// The shop example as a run sees it.
pub struct Shop {
    /// Each file's facts, by its path in the project, extracted without a cache.
    pub facts: HashMap<String, FileFacts>,
    /// The `facts.bin` a run over the shop writes.
    pub facts_file: Vec<u8>,
    /// The `tree.bin` a run over the shop writes.
    pub tree_file: Vec<u8>,
    /// The route tree pages are checked against.
    pub tree: RouteTree,
    /// A page of the shop, `src/app/pages/products/[id]/index.tsx`, whose text the fix
    /// target replaces.
    pub page: ProjectFile,
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn shop() -> &'static Shop {
    static SHOP: OnceLock<Shop> = OnceLock::new();
    SHOP.get_or_init(build)
}

fn build() -> Shop {
    let copy = tempfile::tempdir().expect("a temporary folder");
    copy_aged(&repo().join("examples/shop"), copy.path());
    let project = Project::discover(copy.path()).expect("the shop is a project");
    let cache = FactCache::open(&project.root);
    let (routes, tree) = save_tree(&project, &cache);
    let rest = Mutex::new(Vec::new());
    walk_scope(&project, WalkScope::Rest, 1, &|file: ProjectFile| rest.lock().unwrap().push(file));
    let rest = rest.into_inner().unwrap();
    let page = rest
        .iter()
        .find(|file| file.rel == "src/app/pages/products/[id]/index.tsx")
        .expect("the shop has a product page")
        .clone();
    let mut facts = HashMap::new();
    for file in routes.into_iter().chain(rest) {
        cache.facts(&file);
        facts.insert(file.rel.clone(), kosmo_lint_facts::extract_file(file.kind, &file.path));
    }
    cache.save(false).expect("the fact cache is written");
    Shop {
        facts,
        facts_file: find(copy.path(), "facts.bin").expect("a facts.bin"),
        tree_file: find(copy.path(), "tree.bin").expect("a tree.bin"),
        tree,
        page,
    }
}

/// The route walk of a run, recording what the tree is built from, and the tree saved;
/// returns the route definitions and the tree.
fn save_tree(project: &Project, cache: &FactCache) -> (Vec<ProjectFile>, RouteTree) {
    let recorder = TreeRecorder::default();
    let routes = Mutex::new(Vec::new());
    let visit = |file: ProjectFile| {
        let (facts, stamp) = cache.facts_stamped(&file);
        let evidence = kosmo_lint_core::tree::file_evidence(&facts);
        let is_config = file.kind == FileKind::Config;
        recorder.file(&file.rel, stamp, file.folder, is_config, evidence);
        routes.lock().unwrap().push((file, facts));
    };
    let inputs = recorder.walk_inputs();
    walk_scope_recording(project, WalkScope::Routes, 1, &visit, Some(inputs));
    let mut routes = routes.into_inner().unwrap();
    routes.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    let pairs: Vec<_> = routes.iter().map(|(file, facts)| (file, facts)).collect();
    let tree = RouteTree::from_routes(project, &pairs);
    let inputs = recorder.finish(project).expect("the route walk was recorded");
    inputs.save(project, &tree).expect("the tree cache is written");
    (routes.into_iter().map(|(file, _)| file).collect(), tree)
}

/// Copies `from` into `to`, with one fixed modification time long past: the caches keep
/// nothing modified a moment before the run, and every process writes the same cache files.
fn copy_aged(from: &Path, to: &Path) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_name() == ".kosmo-lint-cache" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_aged(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let file = std::fs::File::options().write(true).open(&target).unwrap();
            file.set_modified(old).unwrap();
        }
    }
    // A folder's time changes with every file added to it; it is aged last.
    std::fs::File::open(to).unwrap().set_modified(old).unwrap();
}

/// The contents of the first file called `name` below `dir`.
fn find(dir: &Path, name: &str) -> Option<Vec<u8>> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find(&path, name) {
                return Some(found);
            }
        } else if entry.file_name() == name {
            return std::fs::read(path).ok();
        }
    }
    None
}
