//! Which file a path names, as TypeScript's bundler resolution finds it, with a cache shared by
//! every thread.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock};

/// TypeScript's order: sources before declarations before JavaScript.
pub(super) const EXTENSIONS: [&str; 9] =
    [".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/// An import written for the emitted JavaScript names its source first.
const SOURCES_OF: [(&str, &[&str]); 4] = [
    ("js", &[".ts", ".tsx", ".d.ts", ".js", ".jsx"]),
    ("jsx", &[".tsx", ".d.ts", ".jsx"]),
    ("mjs", &[".mts", ".d.mts", ".mjs"]),
    ("cjs", &[".cts", ".d.cts", ".cjs"]),
];

/// Lookups by the absolute path an import names; each path is looked up once per session.
#[derive(Debug, Default)]
pub(super) struct FileLookup {
    found: RwLock<HashMap<PathBuf, Option<PathBuf>>>,
    /// Files that exist in memory (the session's overlays, resolved as the project's paths
    /// are), maybe not on disk.
    overlaid: HashSet<PathBuf>,
}

impl FileLookup {
    pub(super) fn with_overlays(overlaid: impl IntoIterator<Item = PathBuf>) -> Self {
        Self { found: RwLock::default(), overlaid: overlaid.into_iter().collect() }
    }

    /// The real path of the file `target` names: `target` with an extension or as a folder's
    /// `index.*`; `None` when there is none.
    pub(super) fn find(&self, target: &Path) -> Option<PathBuf> {
        let cached = self.found.read().unwrap_or_else(PoisonError::into_inner).get(target).cloned();
        if let Some(found) = cached {
            return found;
        }
        let is_file = |path: &Path| self.overlaid.contains(path) || path.is_file();
        let found = find_file(target, is_file).and_then(|file| {
            if self.overlaid.contains(&file) { Some(file) } else { fs::canonicalize(file).ok() }
        });
        self.found
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(target.to_path_buf(), found.clone());
        found
    }
}

fn find_file(target: &Path, is_file: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    let extension = target.extension().and_then(|extension| extension.to_str());
    if let Some(sources) = SOURCES_OF.iter().find(|(js, _)| Some(*js) == extension) {
        let stem = target.with_extension("");
        if let Some(file) =
            sources.1.iter().map(|source| appended(&stem, source)).find(|p| is_file(p))
        {
            return Some(file);
        }
    } else if extension.is_some() && is_file(target) {
        // Written with its extension (`./x.ts`, `./styles.css`): the file itself.
        return Some(target.to_path_buf());
    }
    // `./vite.config` is `vite.config.ts`: extensions are appended, never replaced.
    EXTENSIONS
        .iter()
        .map(|extension| appended(target, extension))
        .chain(EXTENSIONS.iter().map(|extension| appended(&target.join("index"), extension)))
        .find(|path| is_file(path))
}

fn appended(path: &Path, extension: &str) -> PathBuf {
    let mut text = OsString::from(path);
    text.push(extension);
    PathBuf::from(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescripts_order_of_candidates() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        for file in [
            "vite.config.ts",
            "both.ts",
            "both.tsx",
            "types.d.ts",
            "plain.js",
            "legacy.mjs",
            "dir/index.tsx",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let lookup = FileLookup::default();
        let find = |rel: &str| {
            lookup.find(&root.join(rel)).map(|p| p.strip_prefix(&root).unwrap().to_owned())
        };
        assert_eq!(find("vite.config"), Some("vite.config.ts".into()));
        assert_eq!(find("both"), Some("both.ts".into()));
        assert_eq!(find("both.js"), Some("both.ts".into()));
        assert_eq!(find("both.jsx"), Some("both.tsx".into()));
        assert_eq!(find("types"), Some("types.d.ts".into()));
        assert_eq!(find("plain.js"), Some("plain.js".into()));
        assert_eq!(find("plain"), Some("plain.js".into()));
        assert_eq!(find("legacy.mjs"), Some("legacy.mjs".into()));
        assert_eq!(find("dir"), Some("dir/index.tsx".into()));
        assert_eq!(find("missing"), None);
        // Cached: the answer stands for the session although the disk changed.
        fs::write(root.join("missing.ts"), "").unwrap();
        assert_eq!(find("missing"), None);
    }
}
