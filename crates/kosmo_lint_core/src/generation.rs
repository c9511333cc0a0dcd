//! KosmoJS API generations (spec §0) and how a source folder's generation is decided from
//! its layout and the imports and generics its files actually use.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::project::SourceFolderLayout;

/// The API generation a source folder is written in. Later generations are greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Generation {
    /// Root-level `@front/` folders, `@front/{api}/…` imports, `GET<Payload, Response>`.
    G1,
    /// `src/<f>/`, `_/<f>/api/<route>` imports, positional generics.
    G2,
    /// As G2 with object generics `GET<{ …; response: [...] }>`.
    G3,
    /// One `_/<f>/api` module, `defineRoute<"route/name">`, the `_/<f>/fetch` map.
    G4,
    /// `src/<f>/kosmo.config.ts`, `_/api`, `_/fetch`.
    G5,
    /// G5 with the `frontend: {…}` / `backend: {…}` config blocks.
    #[serde(rename = "G5+")]
    G5Plus,
}

impl Generation {
    /// Every generation, oldest first.
    pub const ALL: [Self; 6] = [Self::G1, Self::G2, Self::G3, Self::G4, Self::G5, Self::G5Plus];

    /// G3 and later declare a response as `{ response: [status, type?, body?] }`.
    pub const fn object_generics(self) -> bool {
        matches!(self, Self::G3 | Self::G4 | Self::G5 | Self::G5Plus)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::G1 => "G1",
            Self::G2 => "G2",
            Self::G3 => "G3",
            Self::G4 => "G4",
            Self::G5 => "G5",
            Self::G5Plus => "G5+",
        }
    }
}

impl fmt::Display for Generation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What an import of framework-generated code says about the generation (spec §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportStyle {
    /// `@front/{api}/…`, `@front/{fetch}`.
    G1,
    /// `_/front/api/<route>`, `_/front/fetch/<route>`: one module per route.
    PerRouteModule,
    /// `_/front/api`: one `defineRoute` module per folder.
    FolderModule,
    /// `_/front/fetch`: the fetch map, used from G2 to G4.
    FolderFetchMap,
    /// `_/api`, `_/fetch`, `_/api/<route>/fetch`.
    G5,
}

impl ImportStyle {
    /// Classifies an import specifier; `None` for anything that is not generated code.
    pub fn of(source: &str) -> Option<Self> {
        if let Some(rest) = source.strip_prefix("_/") {
            let parts: Vec<&str> = rest.split('/').collect();
            return match parts.as_slice() {
                ["api" | "fetch"] => Some(Self::G5),
                ["api", .., "fetch"] if parts.len() >= 3 => Some(Self::G5),
                [_, "api"] => Some(Self::FolderModule),
                [_, "fetch"] => Some(Self::FolderFetchMap),
                [_, "api" | "fetch", _, ..] => Some(Self::PerRouteModule),
                _ => None,
            };
        }
        let mut parts = source.split('/');
        let (Some(_alias), Some(namespace)) = (parts.next(), parts.next()) else { return None };
        matches!(namespace, "{api}" | "{fetch}").then_some(Self::G1)
    }
}

/// The shape of a method's type arguments, as far as it tells generations apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GenericsShape {
    /// `GET<Payload, Response>` or `GET<never>`.
    Positional,
    /// `GET<{ query?; json?; response? }>`.
    Object,
}

/// Everything seen in one source folder that bears on its generation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerationEvidence {
    pub g1_imports: u32,
    pub per_route_imports: u32,
    pub folder_module_imports: u32,
    pub folder_fetch_map_imports: u32,
    pub g5_imports: u32,
    pub positional_generics: u32,
    pub object_generics: u32,
    /// `defineRoute<"route/name">` calls (G4+).
    pub route_name_type_args: u32,
    /// `kosmo.config.ts` has `frontend`/`backend` blocks (G5+).
    pub config_blocks: bool,
}

impl GenerationEvidence {
    pub fn add_import(&mut self, style: ImportStyle) {
        let counter = match style {
            ImportStyle::G1 => &mut self.g1_imports,
            ImportStyle::PerRouteModule => &mut self.per_route_imports,
            ImportStyle::FolderModule => &mut self.folder_module_imports,
            ImportStyle::FolderFetchMap => &mut self.folder_fetch_map_imports,
            ImportStyle::G5 => &mut self.g5_imports,
        };
        *counter += 1;
    }

    /// Adds another file's counts (the config flag is the folder's own, and kept).
    pub fn add(&mut self, other: &Self) {
        self.combine(other, u32::saturating_add);
    }

    /// Takes away counts added before with [`GenerationEvidence::add`].
    pub fn subtract(&mut self, other: &Self) {
        self.combine(other, u32::saturating_sub);
    }

    fn combine(&mut self, other: &Self, op: fn(u32, u32) -> u32) {
        let counts = [
            (&mut self.g1_imports, other.g1_imports),
            (&mut self.per_route_imports, other.per_route_imports),
            (&mut self.folder_module_imports, other.folder_module_imports),
            (&mut self.folder_fetch_map_imports, other.folder_fetch_map_imports),
            (&mut self.g5_imports, other.g5_imports),
            (&mut self.positional_generics, other.positional_generics),
            (&mut self.object_generics, other.object_generics),
            (&mut self.route_name_type_args, other.route_name_type_args),
        ];
        for (count, by) in counts {
            *count = op(*count, by);
        }
    }

    pub fn add_generics(&mut self, shape: GenericsShape) {
        match shape {
            GenericsShape::Positional => self.positional_generics += 1,
            GenericsShape::Object => self.object_generics += 1,
        }
    }

    /// Decides the generation: imports first (they name the generation most directly), then
    /// the generics shape to split G2 from G3, and the folder layout when no file imports
    /// generated code at all.
    pub fn decide(&self, layout: SourceFolderLayout) -> (Generation, String) {
        let g5 = if self.config_blocks { Generation::G5Plus } else { Generation::G5 };
        let by_generics = |otherwise: Generation| {
            if self.route_name_type_args > 0 {
                Generation::G4
            } else if self.object_generics > self.positional_generics {
                Generation::G3
            } else if self.positional_generics > 0 {
                Generation::G2
            } else {
                otherwise
            }
        };
        let candidates = [
            (self.g5_imports, g5, "`_/api` / `_/fetch` imports"),
            (self.folder_module_imports, Generation::G4, "`_/<folder>/api` imports"),
            (
                self.per_route_imports,
                by_generics(Generation::G2),
                "per-route `_/<folder>/…` imports",
            ),
            (self.g1_imports, Generation::G1, "`@<folder>/{api}` imports"),
        ];
        if let Some(&(count, generation, what)) =
            candidates.iter().filter(|c| c.0 > 0).max_by_key(|c| c.0)
        {
            return (generation, format!("{count} {what}{}", self.generics_note()));
        }
        let (generation, what) = match layout {
            SourceFolderLayout::KosmoConfig => (g5, "`kosmo.config.ts`"),
            SourceFolderLayout::SrcFolder if self.folder_fetch_map_imports > 0 => {
                (by_generics(Generation::G4), "`src/<folder>/` with `_/<folder>/fetch` imports")
            }
            SourceFolderLayout::SrcFolder => {
                (by_generics(Generation::G2), "`src/<folder>/` layout")
            }
            SourceFolderLayout::RootFolder => (Generation::G1, "root-level folder layout"),
        };
        (generation, format!("{what}{}", self.generics_note()))
    }

    fn generics_note(&self) -> String {
        match (self.positional_generics, self.object_generics) {
            (0, 0) => String::new(),
            (p, 0) => format!(", {p} positional generics"),
            (0, o) => format!(", {o} object generics"),
            (p, o) => format!(", {p} positional and {o} object generics"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SourceFolderLayout::{KosmoConfig, RootFolder, SrcFolder};

    #[test]
    fn classifies_import_sources() {
        assert_eq!(ImportStyle::of("@front/{api}/users/data"), Some(ImportStyle::G1));
        assert_eq!(ImportStyle::of("@front/{api}/users/data/fetch"), Some(ImportStyle::G1));
        assert_eq!(ImportStyle::of("@admin/{fetch}"), Some(ImportStyle::G1));
        assert_eq!(ImportStyle::of("_/front/api/users/[id]"), Some(ImportStyle::PerRouteModule));
        assert_eq!(ImportStyle::of("_/front/fetch/users/[id]"), Some(ImportStyle::PerRouteModule));
        assert_eq!(ImportStyle::of("_/front/api"), Some(ImportStyle::FolderModule));
        assert_eq!(ImportStyle::of("_/front/fetch"), Some(ImportStyle::FolderFetchMap));
        assert_eq!(ImportStyle::of("_/api"), Some(ImportStyle::G5));
        assert_eq!(ImportStyle::of("_/fetch"), Some(ImportStyle::G5));
        assert_eq!(ImportStyle::of("_/api/users/[id]/fetch"), Some(ImportStyle::G5));
        assert_eq!(ImportStyle::of("@solidjs/router"), None);
        assert_eq!(ImportStyle::of("~/components/Spinner"), None);
        assert_eq!(ImportStyle::of("@front/lib/format"), None);
    }

    fn evidence(f: impl FnOnce(&mut GenerationEvidence)) -> GenerationEvidence {
        let mut e = GenerationEvidence::default();
        f(&mut e);
        e
    }

    #[test]
    fn imports_decide_before_layout() {
        let g1 = evidence(|e| e.g1_imports = 3);
        assert_eq!(g1.decide(RootFolder).0, Generation::G1);
        let g5 = evidence(|e| e.g5_imports = 4);
        assert_eq!(g5.decide(KosmoConfig).0, Generation::G5);
        let g5plus = evidence(|e| {
            e.g5_imports = 4;
            e.config_blocks = true;
        });
        assert_eq!(g5plus.decide(KosmoConfig).0, Generation::G5Plus);
        // A G4 folder may already have kosmo.config.ts (introduced 2026-03-25, before G5).
        let g4 = evidence(|e| e.folder_module_imports = 2);
        assert_eq!(g4.decide(KosmoConfig).0, Generation::G4);
    }

    #[test]
    fn generics_split_g2_from_g3() {
        let g2 = evidence(|e| {
            e.per_route_imports = 2;
            e.positional_generics = 3;
        });
        assert_eq!(g2.decide(SrcFolder).0, Generation::G2);
        let g3 = evidence(|e| {
            e.per_route_imports = 2;
            e.object_generics = 3;
            e.positional_generics = 1;
        });
        let (generation, why) = g3.decide(SrcFolder);
        assert_eq!(generation, Generation::G3);
        assert!(why.contains("1 positional and 3 object generics"), "{why}");
    }

    #[test]
    fn layout_decides_when_nothing_is_imported() {
        let none = GenerationEvidence::default();
        assert_eq!(none.decide(KosmoConfig).0, Generation::G5);
        assert_eq!(none.decide(SrcFolder).0, Generation::G2);
        assert_eq!(none.decide(RootFolder).0, Generation::G1);
        let map_only = evidence(|e| {
            e.folder_fetch_map_imports = 1;
            e.route_name_type_args = 1;
        });
        assert_eq!(map_only.decide(SrcFolder).0, Generation::G4);
    }
}
