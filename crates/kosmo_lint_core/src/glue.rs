//! The SolidJS glue KosmoJS generates into a source folder's `lib/` copy: the module whose
//! `loaderFactory` wraps each page module's import into the route's `preload`. Whether that
//! wrapper calls the page's `preload` decides whether any page preload of the folder runs
//! (spec kosmojs.md §8, solid-router.md §1.4). The file is generated code: it is read for this
//! one fact when the route tree is built, never walked or linted.

use serde::{Deserialize, Serialize};

use crate::generation::Generation;
use crate::project::SourceFolder;

/// Where the Solid generator of `generation` writes the module holding `loaderFactory`,
/// relative to the project root (`/`-separated):
///
/// - G5 and later: `lib/<folder>/solid.ts` (the `_/` alias is `lib/<folder>/`);
/// - G2–G4: `lib/src/<folder>/solid.ts` (`_/<folder>/` is `lib/src/<folder>/`);
/// - G1: `lib/@front/{solid}/index.ts` (from 2025-12-05; before, the routes' own `preload`
///   called the page's, and `{solid}/index.ts` held only types, which reads as unknown).
pub fn solid_glue_path(folder: &SourceFolder, generation: Generation) -> String {
    match generation {
        Generation::G1 => format!("lib/{}/{{solid}}/index.ts", folder.rel),
        Generation::G2 | Generation::G3 | Generation::G4 => format!("lib/{}/solid.ts", folder.rel),
        Generation::G5 | Generation::G5Plus => format!("lib/{}/solid.ts", folder.name),
    }
}

/// What the glue's page-loader wrapper does with the page module's `preload`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GlueVerdict {
    /// It calls it (`m.preload?.()`, `component.preload(args)`).
    Calls,
    /// It imports the page module and returns the `preload` member without calling it, or
    /// never reads it: no page preload of the folder runs.
    NeverCalls,
    /// No wrapper recognised, a parse error, or anything unusual: nothing is said.
    Unknown,
}

/// The glue of one Solid source folder, as read when the route tree was built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolidGlue {
    /// Relative to the project root, `/`-separated.
    pub path: String,
    pub verdict: GlueVerdict,
    /// 1-based line and column (UTF-8 bytes) of the wrapper's `return` of the member, or of
    /// the wrapper function when it never reads it; `0` when unknown.
    pub line: u32,
    pub column: u32,
    /// Whether the wrapper returns the `preload` member (else it never reads it).
    pub returns_preload: bool,
    /// The folder config a finding about the glue is reported on (`kosmo.config.ts`, the
    /// folder's `vite.config.*`, `config/index.ts`, in that order), relative to the project
    /// root; `None` when the folder has none.
    pub report_on: Option<String>,
}

/// Of a folder's config files (paths relative to the project root), the one a folder-wide
/// finding goes on: the one that names the framework first (`kosmo.config.ts` in G5, the
/// folder's `vite.config.*` in G1–G4), else the G1–G4 `config/index.ts`.
pub fn folder_config_to_report_on<'p>(configs: impl Iterator<Item = &'p str>) -> Option<&'p str> {
    let rank = |rel: &str| {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if name == "kosmo.config.ts" {
            0
        } else if name.starts_with("vite.config.") {
            1
        } else {
            2
        }
    };
    configs.min_by_key(|rel| (rank(rel), *rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::SourceFolderLayout;

    fn folder(name: &str, rel: &str, layout: SourceFolderLayout) -> SourceFolder {
        SourceFolder {
            name: name.to_owned(),
            path: rel.into(),
            rel: rel.to_owned(),
            layout,
            alias: None,
            alias_assumed: false,
        }
    }

    #[test]
    fn the_glue_path_follows_each_generations_lib_layout() {
        let g1 = folder("@front", "@front", SourceFolderLayout::RootFolder);
        assert_eq!(solid_glue_path(&g1, Generation::G1), "lib/@front/{solid}/index.ts");
        let src = folder("app", "src/app", SourceFolderLayout::SrcFolder);
        assert_eq!(solid_glue_path(&src, Generation::G3), "lib/src/app/solid.ts");
        assert_eq!(solid_glue_path(&src, Generation::G5), "lib/app/solid.ts");
        assert_eq!(solid_glue_path(&src, Generation::G5Plus), "lib/app/solid.ts");
    }

    #[test]
    fn the_config_that_names_the_framework_is_reported_on() {
        let g5 = ["src/app/kosmo.config.ts"];
        assert_eq!(folder_config_to_report_on(g5.into_iter()), Some("src/app/kosmo.config.ts"));
        let g1 = ["@front/config/index.ts", "@front/vite.config.ts"];
        assert_eq!(folder_config_to_report_on(g1.into_iter()), Some("@front/vite.config.ts"));
        let bare = ["src/front/config/index.ts"];
        assert_eq!(folder_config_to_report_on(bare.into_iter()), Some("src/front/config/index.ts"));
        assert_eq!(folder_config_to_report_on(std::iter::empty()), None);
    }
}
