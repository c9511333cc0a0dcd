//! What an import specifier names: a script file of the project, generated code, a package,
//! or nothing that can be followed.
//!
//! The order of the questions, for a specifier written in a file of source folder `f`:
//! 1. A relative or absolute path names a path below the importing file's folder.
//! 2. A generated specifier (`_/…`; G1's `@front/{api}/…`) names a path in the project's
//!    `lib/`, recognised before any lookup: a fresh clone has no `lib/`.
//! 3. The folder's tsconfig `paths`, when the tsconfig and everything it `extends` is there.
//! 4. The generation's own aliases (G5 `~/` `@/`, G2–G4 `@/` `~/`, G1 `@front/`), which the
//!    missing generated tsconfig would have declared.
//! 5. The tsconfig's `baseUrl`, then: a package.
//!
//! A path in `lib/` is generated code and is never looked up; a path out of the project root or
//! into `node_modules` is never followed. Every other path is looked up with TypeScript's
//! extension rules (`./x.js` may name `x.ts`) and `index.*` for a folder (`lookup.rs`).
//!
//! Not with `oxc_resolver`: it turns on the `preserve_order` feature of `serde_json` for every
//! crate built with it, which reorders the keys of `--format json`, the configuration schema
//! and the corpus generator's files. And the aliases would be matched here all the same: a
//! generated specifier must answer before any file exists, and a missing alias target must not
//! be taken for a package, which the resolver's error does not tell apart.

use std::path::{Path, PathBuf};

use kosmo_lint_core::{Generation, Project, SourceFolderLayout};

use super::lookup::FileLookup;
use super::tsconfig::TsconfigPaths;

/// What an import specifier names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A script file of the project (absolute, canonical path): `.ts/.tsx/.js/.jsx/.mts/.cts`
    /// (and `.mjs/.cjs`, `.d.ts`), or `index.*` of a folder.
    Module(PathBuf),
    /// Generated code (`_/…`, `@front/{api}/…`, `@front/{fetch}`, the project's `lib/`): the
    /// route tree, not a file, answers what it holds. `folder` is the source folder whose
    /// generated code it is (G1–G4 name it, G5 `_/` means the importing folder), and `path`
    /// the rest, `/`-separated, below that folder's generated folder (`fetch`,
    /// `api/users/[id]/fetch`, `{api}/users/[id]/fetch`). Without a folder, `path` is below
    /// `lib/`.
    Generated { folder: Option<usize>, path: String },
    /// A package: the bare specifier as written (`solid-js`, `@solidjs/router/x`, `node:fs`).
    Package(String),
    /// Nothing that can be followed, with why: the rules say "cannot follow", never an error.
    Unresolved(String),
}

/// Resolves the imports of a project's files. Built once per session; `Send + Sync`, and each
/// path it looks up is looked up once for every thread.
#[derive(Debug)]
pub struct ModuleResolver {
    root: PathBuf,
    /// The project's generated code: `<root>/lib`.
    lib: PathBuf,
    /// Each source folder's generated folder below `lib/`, longest first.
    generated_folders: Vec<(PathBuf, usize)>,
    folders: Vec<FolderAliases>,
    files: FileLookup,
}

/// How one source folder's specifiers map to paths.
#[derive(Debug)]
struct FolderAliases {
    /// `_/…` (G2 and later): G5 `lib/<f>/…`, G2–G4 `lib/src/…`.
    generated: Option<PathBuf>,
    /// G1's aliases with the generated folder their braced namespaces (`{api}`) live in.
    braced: Vec<(String, PathBuf)>,
    /// The folder's tsconfig, when it and everything it extends could be read.
    tsconfig: Option<TsconfigPaths>,
    conventions: Vec<Alias>,
}

/// `prefix/…` maps to `target/…` for each target in order.
#[derive(Debug)]
struct Alias {
    prefix: String,
    targets: Vec<PathBuf>,
}

const SCRIPT_EXTENSIONS: [&str; 8] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

impl ModuleResolver {
    /// Built once per session from the project and each source folder's generation
    /// (`tree.folders[i].generation`).
    pub fn new(project: &Project, generations: &[Generation]) -> Self {
        let root = project.root.clone();
        let lib = root.join("lib");
        let generation = |i: usize| generations.get(i).copied().unwrap_or(Generation::G5);
        let mut generated_folders: Vec<(PathBuf, usize)> = (0..project.folders.len())
            .map(|i| (generated_folder(project, i, generation(i)), i))
            .collect();
        generated_folders.sort_by_key(|(dir, _)| std::cmp::Reverse(dir.components().count()));
        let braced: Vec<(String, PathBuf)> = project
            .folders
            .iter()
            .enumerate()
            .filter(|(_, folder)| folder.layout == SourceFolderLayout::RootFolder)
            .filter_map(|(i, folder)| {
                Some((folder.alias.clone()?, lib.join(generated_folder(project, i, generation(i)))))
            })
            .collect();
        let folders = (0..project.folders.len())
            .map(|i| folder_aliases(project, i, generation(i), &braced))
            .collect();
        Self { root, lib, generated_folders, folders, files: FileLookup::default() }
    }

    /// Takes `overlaid` (the session's in-memory files, resolved as the project's paths are)
    /// for files that exist, as an editor's new, unsaved module does.
    #[must_use]
    pub fn with_overlays(mut self, overlaid: impl IntoIterator<Item = PathBuf>) -> Self {
        self.files = FileLookup::with_overlays(overlaid);
        self
    }

    /// What `specifier`, imported by the file at `from` (absolute, canonical, in source folder
    /// `folder`), names.
    pub fn resolve(&self, from: &Path, folder: usize, specifier: &str) -> Resolution {
        // Vite's queries (`?raw`, `?url`) read the same file in another way.
        let written = specifier.split_once('?').map_or(specifier, |(path, _)| path);
        if written.is_empty() {
            return Resolution::Unresolved("an empty specifier names nothing".to_owned());
        }
        let Some(aliases) = self.folders.get(folder) else {
            return Resolution::Unresolved(format!("no source folder {folder} in this project"));
        };
        if is_path(written) {
            let dir = from.parent().unwrap_or(from);
            return self.resolve_target(&join_normalized(dir, written), specifier);
        }
        if let Some(target) = aliases.generated_target(written) {
            return self.resolve_target(&target, specifier);
        }
        if written.starts_with('#') {
            return Resolution::Unresolved(format!(
                "`{specifier}` is a package.json `imports` name, which is not followed"
            ));
        }
        let tsconfig = aliases.tsconfig.as_ref();
        if let Some(tsconfig) = tsconfig.filter(|tsconfig| tsconfig.maps(written)) {
            return self.first_found(&tsconfig.path_targets(written), specifier);
        }
        if let Some(targets) = aliases.convention_targets(written) {
            return self.first_found(&targets, specifier);
        }
        // `baseUrl` makes every bare specifier a path first; what is not there is a package.
        if let Some(target) = tsconfig.and_then(|tsconfig| tsconfig.base_url_target(written))
            && target.starts_with(&self.root)
        {
            let found = self.resolve_target(&target, specifier);
            if !matches!(found, Resolution::Unresolved(_)) {
                return found;
            }
        }
        Resolution::Package(specifier.to_owned())
    }

    /// The first target that names a module or generated code; else why the first did not.
    fn first_found(&self, targets: &[PathBuf], specifier: &str) -> Resolution {
        let mut first_miss = None;
        for target in targets {
            match self.resolve_target(target, specifier) {
                Resolution::Unresolved(why) => {
                    first_miss.get_or_insert(why);
                }
                found => return found,
            }
        }
        Resolution::Unresolved(
            first_miss.unwrap_or_else(|| format!("`{specifier}` is mapped to no path")),
        )
    }

    /// `target`: the absolute, normalised path a specifier names, before any lookup.
    fn resolve_target(&self, target: &Path, specifier: &str) -> Resolution {
        if !target.starts_with(&self.root) {
            return Resolution::Unresolved(format!(
                "`{specifier}` names a path outside the project root"
            ));
        }
        if let Ok(below_lib) = target.strip_prefix(&self.lib) {
            return self.generated(below_lib);
        }
        let relative = self.relative(target);
        if target.components().any(|part| part.as_os_str() == "node_modules") {
            return Resolution::Unresolved(format!(
                "`{specifier}` names `{relative}`, inside node_modules: packages are not followed"
            ));
        }
        match self.files.find(target) {
            Some(found) => self.found(found, specifier),
            None => Resolution::Unresolved(format!(
                "`{specifier}` names no script file: neither `{relative}` with a script extension nor `{relative}/index.*` exists"
            )),
        }
    }

    /// A file the lookup found (its real path, links followed).
    fn found(&self, path: PathBuf, specifier: &str) -> Resolution {
        if !path.starts_with(&self.root) {
            return Resolution::Unresolved(format!(
                "`{specifier}` names a link to a file outside the project root"
            ));
        }
        if let Ok(below_lib) = path.strip_prefix(&self.lib) {
            return self.generated(below_lib);
        }
        let is_script = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| SCRIPT_EXTENSIONS.contains(&extension));
        if is_script {
            Resolution::Module(path)
        } else {
            Resolution::Unresolved(format!(
                "`{specifier}` names `{}`, which is not a script module",
                self.relative(&path)
            ))
        }
    }

    /// A path below `lib/`, attributed to the source folder whose generated folder holds it.
    fn generated(&self, below_lib: &Path) -> Resolution {
        for (dir, folder) in &self.generated_folders {
            if let Ok(rest) = below_lib.strip_prefix(dir) {
                return Resolution::Generated { folder: Some(*folder), path: slash_path(rest) };
            }
        }
        Resolution::Generated { folder: None, path: slash_path(below_lib) }
    }

    fn relative(&self, path: &Path) -> String {
        slash_path(path.strip_prefix(&self.root).unwrap_or(path))
    }
}

impl FolderAliases {
    /// Where a generated specifier points in `lib/`; `None` for every other specifier.
    fn generated_target(&self, specifier: &str) -> Option<PathBuf> {
        if let Some(lib) = &self.generated
            && let Some(rest) = strip_alias(specifier, "_")
        {
            return Some(join_normalized(lib, rest));
        }
        self.braced.iter().find_map(|(alias, lib)| {
            let rest = strip_alias(specifier, alias)?;
            let namespace = rest.split('/').next()?;
            (namespace.len() > 2 && namespace.starts_with('{') && namespace.ends_with('}'))
                .then(|| join_normalized(lib, rest))
        })
    }

    /// The targets of the first conventional alias that `specifier` starts with.
    fn convention_targets(&self, specifier: &str) -> Option<Vec<PathBuf>> {
        self.conventions.iter().find_map(|alias| {
            let rest = strip_alias(specifier, &alias.prefix)?;
            Some(alias.targets.iter().map(|target| join_normalized(target, rest)).collect())
        })
    }
}

/// Where source folder `index`'s generated code lives, relative to `lib/` (spec §6.1).
fn generated_folder(project: &Project, index: usize, generation: Generation) -> PathBuf {
    let folder = &project.folders[index];
    match generation {
        Generation::G5 | Generation::G5Plus => PathBuf::from(&folder.name),
        Generation::G1 | Generation::G2 | Generation::G3 | Generation::G4 => {
            PathBuf::from(&folder.rel)
        }
    }
}

fn folder_aliases(
    project: &Project,
    index: usize,
    generation: Generation,
    braced: &[(String, PathBuf)],
) -> FolderAliases {
    let folder = &project.folders[index];
    let root = &project.root;
    let lib = root.join("lib");
    let alias = |prefix: &str, targets: Vec<PathBuf>| Alias { prefix: prefix.to_owned(), targets };
    let (generated, braced, conventions) = match generation {
        Generation::G5 | Generation::G5Plus => (
            Some(lib.join(&folder.name)),
            Vec::new(),
            vec![alias("~", vec![folder.path.clone()]), alias("@", vec![root.clone()])],
        ),
        Generation::G2 | Generation::G3 | Generation::G4 => (
            Some(lib.join("src")),
            Vec::new(),
            vec![alias("@", vec![root.join("src")]), alias("~", vec![root.clone()])],
        ),
        Generation::G1 => {
            let conventions = project
                .folders
                .iter()
                .filter(|f| f.layout == SourceFolderLayout::RootFolder)
                .filter_map(|f| {
                    Some(alias(f.alias.as_deref()?, vec![f.path.clone(), lib.join(&f.rel)]))
                })
                .collect();
            (None, braced.to_vec(), conventions)
        }
    };
    // G2 and later folders may have their own tsconfig; G1 folders share the root's.
    let own = folder.path.join("tsconfig.json");
    let tsconfig_path = if generation != Generation::G1 && own.is_file() {
        own
    } else {
        root.join("tsconfig.json")
    };
    // A tsconfig that extends a generated one a fresh clone lacks cannot be read: the
    // conventions stand in for it.
    let tsconfig = TsconfigPaths::read(&tsconfig_path);
    FolderAliases { generated, braced, tsconfig, conventions }
}

/// `alias/rest` → `rest`, `alias` → an empty rest; `None` when `specifier` is not under `alias`.
fn strip_alias<'s>(specifier: &'s str, alias: &str) -> Option<&'s str> {
    let rest = specifier.strip_prefix(alias)?;
    if rest.is_empty() { Some(rest) } else { rest.strip_prefix('/') }
}

/// `./x`, `../x`, `.`, `..`, `/x`: a path, not a name.
fn is_path(specifier: &str) -> bool {
    specifier.starts_with('/')
        || specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
}

/// `base` joined with a `/`-separated path, `.` and `..` applied without touching the disk.
pub(super) fn join_normalized(base: &Path, path: &str) -> PathBuf {
    let mut joined = if path.starts_with('/') { PathBuf::from("/") } else { base.to_path_buf() };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                joined.pop();
            }
            name => joined.push(name),
        }
    }
    joined
}

fn slash_path(path: &Path) -> String {
    let parts: Vec<_> = path.components().map(|part| part.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
