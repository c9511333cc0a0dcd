//! Finding a KosmoJS project from any path inside it, and its source folders.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::json_file::{JsonDialect, parse_json};

/// Why a run cannot start: each is reported with exit code 2.
#[derive(Debug, Error)]
pub enum ProjectError {
    #[error("path does not exist: {0}")]
    PathNotFound(PathBuf),
    #[error(
        "no KosmoJS project found at or above {0}: no package.json there depends on `@kosmojs/*` or `kosmojs`"
    )]
    NotKosmoProject(PathBuf),
    #[error("{path}:{line}:{column}: invalid JSON: {message}")]
    BadJson { path: PathBuf, line: usize, column: usize, message: String },
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "KosmoJS project at {0} has no source folders (expected `src/<name>/kosmo.config.ts`, `src/<name>/` with `api/` or `pages/`, or a root-level `@<name>/` folder with them)"
    )]
    NoSourceFolders(PathBuf),
}

/// Where a source folder sits; the first hint of its generation (spec §1.1, §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceFolderLayout {
    /// `src/<name>/kosmo.config.ts` (G5 and later; late G4).
    KosmoConfig,
    /// `src/<name>/` with `vite.config.ts`, `api/` or `pages/` (G2–G4).
    SrcFolder,
    /// A root-level folder such as `@front/` (G1).
    RootFolder,
}

/// One independent application of a project (main app, admin, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFolder {
    /// The folder's own name: `app`, `@front`.
    pub name: String,
    #[serde(skip)]
    pub path: PathBuf,
    /// Relative to the project root, `/`-separated: `src/app`, `@front`.
    pub rel: String,
    pub layout: SourceFolderLayout,
    /// G1 import alias (`@front`), from tsconfig `paths` or the folder's own name.
    pub alias: Option<String>,
    /// Whether `alias` is only assumed (`@<name>` for a folder without `@` that no root
    /// tsconfig `paths` entry names): its real alias may be set where kosmo-lint does not look.
    #[serde(skip)]
    pub alias_assumed: bool,
}

impl SourceFolder {
    /// Whether an import naming `named` means this folder: a G1 alias names a folder by its
    /// alias, a G2–G4 `_/<name>` path a folder under `src/` by its name.
    pub fn is_named(&self, named: &NamedFolder) -> bool {
        match named {
            NamedFolder::Alias(alias) => self.alias.as_deref() == Some(alias.as_str()),
            NamedFolder::Src(name) => {
                self.layout != SourceFolderLayout::RootFolder && self.name == *name
            }
        }
    }
}

/// A source folder as a generated import names it. The generated client builds its URLs
/// from that folder's configuration, so its routes are the ones a reference is checked
/// against, whichever folder imports it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", content = "name", rename_all = "kebab-case")]
pub enum NamedFolder {
    /// G1 `@front/{api}/…/fetch`, `@front/{fetch}`: the folder's import alias.
    Alias(String),
    /// G2–G4 `_/front/fetch/…`, `_/front/fetch`: the folder's name under `src/`.
    Src(String),
}

impl NamedFolder {
    /// As written in the import: `@front`, `_/front`.
    pub fn as_written(&self) -> String {
        match self {
            Self::Alias(alias) => alias.clone(),
            Self::Src(name) => format!("_/{name}"),
        }
    }
}

/// A discovered KosmoJS project.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub name: Option<String>,
    pub folders: Vec<SourceFolder>,
    /// Dependency names from package.json, for framework fallbacks (`solid-js`, `react`).
    pub dependencies: Vec<String>,
}

const NOT_SOURCE_FOLDERS: &[&str] =
    &["src", "lib", "var", "dist", ".dist", "node_modules", "public", "tests", "test", "examples"];

impl Project {
    /// Finds the project that contains `path` (a file or folder): the nearest ancestor with a
    /// package.json that depends on KosmoJS. A package.json without it (a workspace member
    /// that is not the app) is passed over.
    pub fn discover(path: &Path) -> Result<Self, ProjectError> {
        let start = fs::canonicalize(path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => ProjectError::PathNotFound(path.to_path_buf()),
            _ => ProjectError::Io { path: path.to_path_buf(), source },
        })?;
        let start_dir = if start.is_dir() { start.clone() } else { parent_or_self(&start) };
        for dir in start_dir.ancestors() {
            let manifest = dir.join("package.json");
            let bytes = match fs::read(&manifest) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(source) => return Err(ProjectError::Io { path: manifest, source }),
            };
            let json = read_json(&manifest, &bytes, JsonDialect::Json)?;
            let dependencies = dependency_names(&json);
            if dependencies.iter().any(|d| d.starts_with("@kosmojs/") || d == "kosmojs") {
                let root = dir.to_path_buf();
                let folders = find_source_folders(&root)?;
                if folders.is_empty() {
                    return Err(ProjectError::NoSourceFolders(root));
                }
                let name = json.get("name").and_then(|n| n.as_str()).map(str::to_owned);
                return Ok(Self { root, name, folders, dependencies });
            }
        }
        Err(ProjectError::NotKosmoProject(start))
    }

    /// `path` relative to the root, `/`-separated; the path itself when it is outside.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        // On Unix a UTF-8 path is already `/`-separated: the common case costs one copy.
        if cfg!(unix)
            && let Some(text) = rel.to_str()
        {
            return text.to_owned();
        }
        let mut out = String::with_capacity(rel.as_os_str().len());
        for (i, part) in rel.components().enumerate() {
            if i > 0 {
                out.push('/');
            }
            out.push_str(&part.as_os_str().to_string_lossy());
        }
        out
    }

    pub fn depends_on(&self, name: &str) -> bool {
        self.dependencies.iter().any(|d| d == name)
    }
}

fn parent_or_self(path: &Path) -> PathBuf {
    path.parent().map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

fn read_json(
    path: &Path,
    bytes: &[u8],
    dialect: JsonDialect,
) -> Result<serde_json::Value, ProjectError> {
    parse_json(bytes, dialect).map_err(|e| ProjectError::BadJson {
        path: path.to_path_buf(),
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

fn dependency_names(json: &serde_json::Value) -> Vec<String> {
    ["dependencies", "devDependencies", "peerDependencies"]
        .iter()
        .filter_map(|key| json.get(key)?.as_object())
        .flat_map(|deps| deps.keys().cloned())
        .collect()
}

fn subdirectories(dir: &Path) -> Result<Vec<(String, PathBuf)>, ProjectError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(ProjectError::Io { path: dir.to_path_buf(), source }),
    };
    let mut dirs: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
        .collect();
    dirs.sort();
    Ok(dirs)
}

fn has_routes(dir: &Path) -> bool {
    dir.join("api").is_dir() || dir.join("pages").is_dir()
}

fn has_vite_config(dir: &Path) -> bool {
    ["vite.config.ts", "vite.config.js", "vite.config.mts"].iter().any(|f| dir.join(f).is_file())
}

fn find_source_folders(root: &Path) -> Result<Vec<SourceFolder>, ProjectError> {
    let mut folders = Vec::new();
    for (name, path) in subdirectories(&root.join("src"))? {
        let layout = if path.join("kosmo.config.ts").is_file() {
            SourceFolderLayout::KosmoConfig
        } else if has_routes(&path) || has_vite_config(&path) {
            SourceFolderLayout::SrcFolder
        } else {
            continue;
        };
        let rel = format!("src/{name}");
        folders.push(SourceFolder { name, path, rel, layout, alias: None, alias_assumed: false });
    }
    let aliases = tsconfig_aliases(root)?;
    for (name, path) in subdirectories(root)? {
        if name.starts_with('.')
            || NOT_SOURCE_FOLDERS.contains(&name.as_str())
            || !has_routes(&path)
        {
            continue;
        }
        let tsconfig_alias =
            aliases.iter().find(|(_, target)| target == &name).map(|(alias, _)| alias.clone());
        // What the G1 CLI makes a source folder: `@<name>/` by convention, with a root
        // tsconfig `paths` entry and its own `vite.config.ts` (the CLI finds folders by the
        // latter). `core/api/` (global middleware, scaffolded at the root by the G1 and G2
        // CLIs) has none of them.
        let own_alias = name.starts_with('@');
        if tsconfig_alias.is_none() && !own_alias && !has_vite_config(&path) {
            continue;
        }
        let alias_assumed = tsconfig_alias.is_none() && !own_alias;
        let alias = tsconfig_alias
            .unwrap_or_else(|| if own_alias { name.clone() } else { format!("@{name}") });
        folders.push(SourceFolder {
            rel: name.clone(),
            name,
            path,
            layout: SourceFolderLayout::RootFolder,
            alias: Some(alias),
            alias_assumed,
        });
    }
    Ok(folders)
}

/// `"@front/*": ["./front/*", "./lib/front/*"]` in the root tsconfig → (`@front`, `front`).
fn tsconfig_aliases(root: &Path) -> Result<Vec<(String, String)>, ProjectError> {
    let path = root.join("tsconfig.json");
    let Ok(bytes) = fs::read(&path) else { return Ok(Vec::new()) };
    let json = read_json(&path, &bytes, JsonDialect::Jsonc)?;
    let Some(paths) = json.pointer("/compilerOptions/paths").and_then(|p| p.as_object()) else {
        return Ok(Vec::new());
    };
    let mut aliases = Vec::new();
    for (key, targets) in paths {
        let Some(alias) = key.strip_suffix("/*") else { continue };
        for target in targets.as_array().into_iter().flatten().filter_map(|t| t.as_str()) {
            let target = target.trim_start_matches("./").trim_end_matches("/*");
            if !target.contains('/') {
                aliases.push((alias.to_owned(), target.to_owned()));
            }
        }
    }
    Ok(aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    const KOSMO_PACKAGE: &str = r#"{ "dependencies": { "@kosmojs/core": "^0.5.0" } }"#;

    #[test]
    fn walks_up_from_a_file_to_the_project_root() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "package.json", KOSMO_PACKAGE);
        write(dir.path(), "src/app/kosmo.config.ts", "export default {}");
        write(dir.path(), "src/app/pages/index/index.tsx", "export default () => null");
        let from_file = dir.path().join("src/app/pages/index/index.tsx");
        let project = Project::discover(&from_file).unwrap();
        assert_eq!(project.root, fs::canonicalize(dir.path()).unwrap());
        assert_eq!(project.folders.len(), 1);
        assert_eq!(project.folders[0].rel, "src/app");
        assert_eq!(project.folders[0].layout, SourceFolderLayout::KosmoConfig);
    }

    #[test]
    fn passes_over_package_json_without_kosmojs() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "package.json", KOSMO_PACKAGE);
        write(dir.path(), "src/front/api/users/index.ts", "");
        write(dir.path(), "src/front/pages/tool/package.json", r#"{ "name": "inner" }"#);
        let project = Project::discover(&dir.path().join("src/front/pages/tool")).unwrap();
        assert_eq!(project.folders[0].layout, SourceFolderLayout::SrcFolder);
    }

    #[test]
    fn g1_root_folders_take_their_alias_from_tsconfig_paths() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "package.json", r#"{ "devDependencies": { "@kosmojs/dev": "0.1" } }"#);
        write(
            dir.path(),
            "tsconfig.json",
            "{ // comment\n \"compilerOptions\": { \"paths\": { \"@front/*\": [\"./front/*\", \"./lib/front/*\"], } } }",
        );
        write(dir.path(), "front/api/users/index.ts", "");
        write(dir.path(), "@admin/pages/index/index.tsx", "");
        write(dir.path(), "lib/front/api/users/index.ts", "");
        let project = Project::discover(dir.path()).unwrap();
        let found: Vec<_> =
            project.folders.iter().map(|f| (f.rel.as_str(), f.alias.as_deref())).collect();
        assert_eq!(found, [("@admin", Some("@admin")), ("front", Some("@front"))]);
    }

    #[test]
    fn root_level_core_middleware_is_not_a_source_folder() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "package.json", KOSMO_PACKAGE);
        write(
            dir.path(),
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
        );
        write(dir.path(), "core/api/use.ts", "export default [];");
        write(dir.path(), "src/front/api/users/index.ts", "");
        // A root folder with routes counts when it is `@<name>`, aliased in the root
        // tsconfig, or has its own `vite.config.ts` (its alias then only assumed).
        write(dir.path(), "@admin/api/users/index.ts", "");
        write(dir.path(), "web/vite.config.ts", "");
        write(dir.path(), "web/pages/index/index.tsx", "");
        write(dir.path(), "scripts/api/seed.ts", "");
        let project = Project::discover(dir.path()).unwrap();
        let found: Vec<_> = project
            .folders
            .iter()
            .map(|f| (f.rel.as_str(), f.alias.as_deref(), f.alias_assumed))
            .collect();
        assert_eq!(
            found,
            [
                ("src/front", None, false),
                ("@admin", Some("@admin"), false),
                ("web", Some("@web"), true)
            ]
        );
    }

    #[test]
    fn an_import_names_a_g1_folder_by_alias_and_a_src_folder_by_name() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "package.json", KOSMO_PACKAGE);
        write(dir.path(), "src/front/api/users/index.ts", "");
        write(dir.path(), "@front/api/users/index.ts", "");
        let project = Project::discover(dir.path()).unwrap();
        let named = |n: &NamedFolder| -> Vec<&str> {
            project.folders.iter().filter(|f| f.is_named(n)).map(|f| f.rel.as_str()).collect()
        };
        assert_eq!(named(&NamedFolder::Src("front".into())), ["src/front"]);
        assert_eq!(named(&NamedFolder::Alias("@front".into())), ["@front"]);
        assert!(named(&NamedFolder::Src("@front".into())).is_empty());
        assert!(named(&NamedFolder::Alias("front".into())).is_empty());
    }

    #[test]
    fn reports_missing_paths_foreign_projects_and_broken_manifests() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Project::discover(&dir.path().join("nope")).unwrap_err();
        assert!(matches!(missing, ProjectError::PathNotFound(_)), "{missing}");

        write(dir.path(), "package.json", r#"{ "dependencies": { "react": "19" } }"#);
        let foreign = Project::discover(dir.path()).unwrap_err();
        assert!(matches!(foreign, ProjectError::NotKosmoProject(_)), "{foreign}");

        write(dir.path(), "package.json", "{ \"dependencies\": { \n \"@kosmojs/core\" \"1\" } }");
        let broken = Project::discover(dir.path()).unwrap_err();
        match broken {
            ProjectError::BadJson { line, column, .. } => assert_eq!((line, column), (2, 18)),
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn a_kosmo_project_without_source_folders_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "package.json", KOSMO_PACKAGE);
        let err = Project::discover(dir.path()).unwrap_err();
        assert!(matches!(err, ProjectError::NoSourceFolders(_)), "{err}");
    }
}
