//! The route tree of the last run that walked the route definitions, kept so that a run over
//! a few named files (the pre-commit path) neither walks `api/` nor reads every route
//! definition.
//!
//! The tree is trusted only while everything it was built from is as it was: the project's
//! source folders and dependencies (found again on every run), the modification time of
//! every folder the walk listed (a file added, removed or renamed changes its folder's), and
//! the size and modification time of every file it read: route definitions, folder configs,
//! and the `.gitignore` files that shaped the walk (those above the source folders, present or
//! absent, too). Checking that is a `stat` per folder and file, in parallel, instead of a
//! read and a parse. When only some route-walk files changed (edited, not added or removed),
//! those alone are read again and put in place in the tree, unless that changes a folder's
//! generation; then, or when anything else changed, the caller walks the routes. A tree built
//! while one of its inputs had just changed is not saved (see
//! [`RACY_WINDOW`](crate::cache::RACY_WINDOW)).
//!
//! Not watched: git's global excludes file, and a git repository created above the project
//! after the tree was saved. Any run that walks the routes (a folder rather than files)
//! saves the tree again, and `--no-cache` ignores it.
//!
//! The file's layout:
//!
//! ```text
//! preamble       magic "KLTREE\0\0", format version, build identity (see `cache_format`)
//! header length  u64 ─┐
//! header xxh3    u64  │
//! tree length    u64  │ little-endian
//! tree xxh3      u64  │
//! prefix xxh3    u64 ─┘ of every byte before it
//! header         MessagePack: what the tree was built from
//! tree           MessagePack: each source folder's part of the tree
//! ```
//!
//! A file that fails any check is removed, so that the next walk saves a sound one.

mod inputs;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use kosmo_lint_core::facts::Framework;
use kosmo_lint_core::generation::{Generation, GenerationEvidence};
use kosmo_lint_core::glue::SolidGlue;
use kosmo_lint_core::project::{Project, SourceFolder, SourceFolderLayout};
use kosmo_lint_core::tree::{ApiRoute, FolderTree, RouteTree, file_evidence};
use kosmo_lint_core::walk::{WalkScope, project_file};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{cache_folder, keep_out_of_version_control, now_nanos, read_and_extract};
use crate::cache_format::{
    CacheError, Fields, PREAMBLE_LEN, checksum, decode_msgpack, preamble, strip_preamble,
};
use inputs::{Comparison, Inputs, Role};
pub use inputs::{GeneratedRead, TreeRecorder};

const FILE_NAME: &str = "tree.bin";
const MAGIC: [u8; 8] = *b"KLTREE\0\0";
/// The preamble and five `u64` fields.
const PREFIX_LEN: usize = PREAMBLE_LEN + 5 * 8;
/// Above this share of changed files, reading them one by one is no cheaper than the walk
/// (which has the fact cache for the rest).
const MAX_CHANGED_SHARE: usize = 8;

/// The first part of a tree file: what decides whether the tree is still right. The tree
/// itself follows, decoded only when it is.
#[derive(Serialize, Deserialize)]
struct Header {
    dependencies: Vec<String>,
    folders: Vec<FolderIdentity>,
    inputs: Inputs,
}

#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct FolderIdentity {
    name: String,
    rel: String,
    layout: SourceFolderLayout,
    alias: Option<String>,
}

impl FolderIdentity {
    fn of(folder: &SourceFolder) -> Self {
        Self {
            name: folder.name.clone(),
            rel: folder.rel.clone(),
            layout: folder.layout,
            alias: folder.alias.clone(),
        }
    }
}

impl Header {
    fn new(project: &Project, inputs: Inputs) -> Self {
        Self {
            dependencies: project.dependencies.clone(),
            folders: project.folders.iter().map(FolderIdentity::of).collect(),
            inputs,
        }
    }

    fn is_of(&self, project: &Project) -> bool {
        self.dependencies == project.dependencies
            && self.folders.len() == project.folders.len()
            && self.folders.iter().zip(&project.folders).all(|(a, b)| *a == FolderIdentity::of(b))
    }
}

/// A source folder's part of the tree: everything the route definitions give it.
#[derive(Deserialize)]
struct CachedFolder {
    generation: Generation,
    generation_evidence: String,
    evidence: GenerationEvidence,
    base: String,
    api_base: String,
    framework: Option<Framework>,
    framework_configured: bool,
    api_routes: Vec<ApiRoute>,
    /// Last, as cached structs grow at their end.
    solid_glue: Option<SolidGlue>,
}

/// [`CachedFolder`] as written: the same fields, borrowed from the tree.
#[derive(Serialize)]
struct FolderToSave<'t> {
    generation: Generation,
    generation_evidence: &'t str,
    evidence: &'t GenerationEvidence,
    base: &'t str,
    api_base: &'t str,
    framework: Option<Framework>,
    framework_configured: bool,
    api_routes: Vec<&'t ApiRoute>,
    solid_glue: Option<&'t SolidGlue>,
}

impl<'t> FolderToSave<'t> {
    fn of(tree: &'t FolderTree) -> Self {
        Self {
            generation: tree.generation,
            generation_evidence: &tree.generation_evidence,
            evidence: &tree.evidence,
            base: &tree.base,
            api_base: &tree.api_base,
            framework: tree.framework,
            framework_configured: tree.framework_configured,
            api_routes: tree.api_routes.values().collect(),
            solid_glue: tree.solid_glue.as_ref(),
        }
    }
}

impl TreeRecorder {
    /// Ends the recording once the walk is done: the inputs in the form they are saved in,
    /// or `None` when the tree is not to be saved (a file could not be read, or an input
    /// changed moments before the run, so the next run walks the routes again).
    pub fn finish(self, project: &Project) -> Option<TreeInputs> {
        let header = Header::new(project, self.inputs(project)?);
        rmp_serde::to_vec(&header).ok().map(|header| TreeInputs { header })
    }
}

/// What a finished walk read, encoded: the first part of a tree file.
pub struct TreeInputs {
    header: Vec<u8>,
}

impl TreeInputs {
    /// Saves `tree` (built from these inputs) for later runs, unless the saved tree was built
    /// from the same inputs already. Returns whether it wrote the file.
    pub fn save(self, project: &Project, tree: &RouteTree) -> io::Result<bool> {
        let folder = cache_folder(&project.root);
        let file = folder.join(FILE_NAME);
        if has_header(&file, &self.header) {
            return Ok(false);
        }
        fs::create_dir_all(&folder)?;
        keep_out_of_version_control(&file)?;
        let mut temporary = tempfile::Builder::new().prefix(".tree-").tempfile_in(&folder)?;
        temporary.as_file_mut().write_all(&encode_tree_file(&self.header, tree)?)?;
        temporary.persist(&file).map_err(|e| e.error)?;
        Ok(true)
    }
}

/// A whole tree file: the fixed prefix, the encoded `header`, and `tree`.
fn encode_tree_file(header: &[u8], tree: &RouteTree) -> io::Result<Vec<u8>> {
    let folders: Vec<FolderToSave> = tree.folders.iter().map(FolderToSave::of).collect();
    let tree = rmp_serde::to_vec(&folders).map_err(io::Error::other)?;
    let mut out = Vec::with_capacity(PREFIX_LEN + header.len() + tree.len());
    out.extend_from_slice(&prefix(header, &tree));
    out.extend_from_slice(header);
    out.extend_from_slice(&tree);
    Ok(out)
}

/// The fixed prefix of a tree file holding `header` and `tree`.
fn prefix(header: &[u8], tree: &[u8]) -> [u8; PREFIX_LEN] {
    let mut out = [0; PREFIX_LEN];
    out[..PREAMBLE_LEN].copy_from_slice(&preamble(MAGIC));
    let fields = [header.len() as u64, checksum(header), tree.len() as u64, checksum(tree)];
    for (at, field) in fields.iter().enumerate() {
        let start = PREAMBLE_LEN + at * 8;
        out[start..start + 8].copy_from_slice(&field.to_le_bytes());
    }
    let sum = checksum(&out[..PREFIX_LEN - 8]);
    out[PREFIX_LEN - 8..].copy_from_slice(&sum.to_le_bytes());
    out
}

/// Whether the tree file at `path` is of this build and starts with `header` (read without
/// the tree; a length read from the file is compared before anything is allocated for it).
fn has_header(path: &Path, header: &[u8]) -> bool {
    let Ok(mut file) = fs::File::open(path) else { return false };
    let mut start = [0u8; PREFIX_LEN];
    if file.read_exact(&mut start).is_err() {
        return false;
    }
    let expected = prefix(header, &[]);
    // Everything up to the tree's fields: the preamble, the header's length and checksum.
    let same_header = PREAMBLE_LEN + 16;
    if start[..same_header] != expected[..same_header]
        || checksum(&start[..PREFIX_LEN - 8]).to_le_bytes() != start[PREFIX_LEN - 8..]
    {
        return false;
    }
    let mut saved = vec![0; header.len()];
    file.read_exact(&mut saved).is_ok() && saved == header
}

/// The header and tree parts of a tree file, after checking the preamble, the lengths and
/// every checksum.
fn split_tree_file(bytes: &[u8]) -> Result<(&[u8], &[u8]), CacheError> {
    let mut fields = Fields(strip_preamble(bytes, MAGIC)?);
    let (header_len, header_sum) = (fields.next_u64()?, fields.next_u64()?);
    let (tree_len, tree_sum) = (fields.next_u64()?, fields.next_u64()?);
    let prefix_sum = fields.next_u64()?;
    let (start, body) = bytes.split_at(PREFIX_LEN);
    if checksum(&start[..PREFIX_LEN - 8]) != prefix_sum {
        return Err(CacheError::Checksum);
    }
    let header_len = usize::try_from(header_len).map_err(|_| CacheError::Bounds)?;
    let (header, tree) = body.split_at_checked(header_len).ok_or(CacheError::Bounds)?;
    if tree.len() as u64 != tree_len {
        return Err(CacheError::Bounds);
    }
    if checksum(header) != header_sum || checksum(tree) != tree_sum {
        return Err(CacheError::Checksum);
    }
    Ok((header, tree))
}

/// A decoded tree file: what the tree was built from, and the tree.
pub struct SavedTree {
    header: Header,
    folders: Vec<CachedFolder>,
}

impl SavedTree {
    /// How many source folders the saved tree has.
    pub fn folders(&self) -> usize {
        debug_assert_eq!(self.header.folders.len(), self.folders.len());
        self.folders.len()
    }
}

/// Decodes a whole `tree.bin` as a run would read it, before comparing it with the disk.
/// Never panics and allocates nothing beyond the size of `bytes`, whatever they hold.
pub fn decode_tree_file(bytes: &[u8]) -> Result<SavedTree, CacheError> {
    let (header, tree) = split_tree_file(bytes)?;
    Ok(SavedTree { header: decode_msgpack(header)?, folders: decode_msgpack(tree)? })
}

/// The saved route tree of `project`, if nothing it was built from changed, or if only some
/// route-walk files were edited and could be put in place (the tree is then saved again).
pub fn load(project: &Project) -> Option<RouteTree> {
    let started = now_nanos();
    let path = cache_folder(&project.root).join(FILE_NAME);
    let encoded = fs::read(&path).ok()?;
    // A file that fails a check is removed: its header could otherwise match the next walk's
    // and stop that run from saving a sound one (it skips saving an unchanged header).
    let discard = || {
        let _ = fs::remove_file(&path);
    };
    let Ok((header, tree)) = split_tree_file(&encoded) else {
        discard();
        return None;
    };
    let Ok(mut header) = decode_msgpack::<Header>(header) else {
        discard();
        return None;
    };
    if !header.is_of(project) {
        return None;
    }
    // The tree is decoded on one thread while the others stat; wasted when the walk changed.
    let (comparison, cached) = rayon::join(
        || header.inputs.compare(&project.root),
        || decode_msgpack::<Vec<CachedFolder>>(tree).ok(),
    );
    let changed = match comparison {
        Comparison::Unchanged => Vec::new(),
        Comparison::FilesChanged(changed) => changed,
        Comparison::WalkChanged => return None,
    };
    let Some(cached) = cached.filter(|c| c.len() == project.folders.len()) else {
        discard();
        return None;
    };
    let mut tree = RouteTree {
        root: project.root.clone(),
        folders: cached.into_iter().zip(&project.folders).map(folder_tree).collect(),
    };
    if !changed.is_empty() {
        let all_fresh = update(project, &mut tree, &mut header.inputs, &changed, started)?;
        if all_fresh && let Ok(header) = rmp_serde::to_vec(&header) {
            // Saving is an optimisation: a tree that cannot be written is built again.
            let _ = TreeInputs { header }.save(project, &tree);
        }
    }
    Some(tree)
}

fn folder_tree((cached, folder): (CachedFolder, &SourceFolder)) -> FolderTree {
    FolderTree {
        folder: folder.clone(),
        generation: cached.generation,
        generation_evidence: cached.generation_evidence,
        evidence: cached.evidence,
        base: cached.base,
        api_base: cached.api_base,
        framework: cached.framework,
        framework_configured: cached.framework_configured,
        api_routes: cached.api_routes.into_iter().map(|r| (r.name.clone(), r)).collect(),
        pages: BTreeMap::new(),
        layouts: BTreeMap::new(),
        fetch_refs: Vec::new(),
        solid_glue: cached.solid_glue,
    }
}

/// Reads the `changed` files again and puts them in place in `tree`, and their new stamps and
/// evidence in `inputs`. `None` when that cannot be done (a config or ignore file changed, a
/// folder's generation would change, too many files changed, one cannot be read); otherwise
/// whether every new stamp is old enough for the tree to be saved.
fn update(
    project: &Project,
    tree: &mut RouteTree,
    inputs: &mut Inputs,
    changed: &[usize],
    started: u128,
) -> Option<bool> {
    if changed.len() * MAX_CHANGED_SHARE > inputs.files.len() {
        return None;
    }
    let root = project.root.to_str()?;
    let reread: Vec<_> = changed
        .par_iter()
        .map(|&at| {
            let input = &inputs.files[at];
            let Role::Source { folder, .. } = input.role else { return None };
            let mut path = String::new();
            inputs::full_path(&mut path, root, &input.path);
            let file = project_file(project, Path::new(&path))?;
            if file.scope != WalkScope::Routes || u32::try_from(file.folder).ok()? != folder {
                return None;
            }
            let (facts, stamp) = read_and_extract(&file);
            Some((at, file, facts, stamp?))
        })
        .collect::<Option<_>>()?;
    let mut all_fresh = true;
    for (at, file, facts, stamp) in reread {
        let input = &mut inputs.files[at];
        let Role::Source { evidence, .. } = &mut input.role else { return None };
        if !tree.folders[file.folder].replace_route_file(&file, evidence, &facts) {
            return None;
        }
        *evidence = file_evidence(&facts);
        input.stamp = stamp;
        all_fresh &= !stamp.is_racy(started);
    }
    Some(all_fresh)
}

#[cfg(test)]
mod tests {
    use kosmo_lint_core::Project;
    use kosmo_lint_core::facts::FileFacts;
    use kosmo_lint_core::generation::Generation;
    use kosmo_lint_core::tree::RouteTree;
    use kosmo_lint_core::walk::{ProjectFile, WalkScope, walk_project};

    /// A file whose new generics would turn the folder from G2 to G3 cannot be put in place
    /// alone: every route's response rule depends on the generation.
    /// A generation fixture's project, route definitions with their facts, and route tree.
    fn fixture_tree(generation: &str) -> (Project, Vec<ProjectFile>, Vec<FileFacts>, RouteTree) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/generations")
            .join(generation);
        let project = Project::discover(&root).unwrap();
        let (files, _) = walk_project(&project, 1);
        let routes: Vec<_> = files.into_iter().filter(|f| f.scope == WalkScope::Routes).collect();
        let facts: Vec<_> = routes.iter().map(|f| crate::extract_file(f.kind, &f.path)).collect();
        let pairs: Vec<_> = routes.iter().zip(&facts).collect();
        let tree = RouteTree::from_routes(&project, &pairs);
        (project, routes, facts, tree)
    }

    #[test]
    fn a_change_of_generation_is_refused_and_leaves_the_tree_as_it_was() {
        let (_, routes, facts, mut tree) = fixture_tree("g2");
        assert_eq!(tree.folders[0].generation, Generation::G2);
        let at = routes.iter().position(|f| f.rel.ends_with("users/[id]/index.ts")).unwrap();
        let object_generics = r#"import { defineRoute } from "_/front/api/users/[id]";
export default defineRoute<[number]>(({ GET, PUT, DELETE }) => [
  GET<{ response: { id: number } }>(async (ctx) => {}),
  PUT<{ json: { name: string }; response: { id: number } }>(async (ctx) => {}),
  DELETE<{ response: { ok: boolean } }>(async (ctx) => {}),
]);
"#;
        let new_facts = crate::extract_text(routes[at].kind, &routes[at].path, object_generics);
        let old_evidence = kosmo_lint_core::tree::file_evidence(&facts[at]);
        let before = format!("{tree:?}");
        assert!(!tree.folders[0].replace_route_file(&routes[at], &old_evidence, &new_facts));
        assert_eq!(format!("{tree:?}"), before, "nothing changed");
        // The same file with positional generics is put in place.
        let positional = object_generics.replace("{ response: { ok: boolean } }", "never, boolean");
        let new_facts = crate::extract_text(routes[at].kind, &routes[at].path, &positional);
        assert!(tree.folders[0].replace_route_file(&routes[at], &old_evidence, &new_facts));
        assert_eq!(tree.folders[0].generation, Generation::G2);
    }

    /// Every truncation and every single-bit flip of a tree file is refused, without a panic.
    #[test]
    fn every_truncation_and_bit_flip_of_a_tree_file_is_refused() {
        let (project, _, _, tree) = fixture_tree("g5");
        let header = rmp_serde::to_vec(&super::Header::new(&project, super::Inputs::default()));
        let bytes = super::encode_tree_file(&header.unwrap(), &tree).unwrap();
        let saved = super::decode_tree_file(&bytes).unwrap();
        assert_eq!(saved.folders(), project.folders.len());
        for len in 0..bytes.len() {
            assert!(super::decode_tree_file(&bytes[..len]).is_err(), "truncated to {len}");
        }
        let mut damaged = bytes.clone();
        for bit in 0..bytes.len() * 8 {
            damaged[bit / 8] ^= 1 << (bit % 8);
            assert!(super::decode_tree_file(&damaged).is_err(), "bit {bit} flipped");
            damaged[bit / 8] ^= 1 << (bit % 8);
        }
    }
}
