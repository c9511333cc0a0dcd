//! Generated fetch modules, recognised by their import paths (spec §4), and the source folder
//! each path names.

use kosmo_lint_core::project::NamedFolder;

/// A generated fetch module: what it exports, and whose client it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FetchModule {
    /// The source folder the path names (G1–G4); `None` for a G5 path, which names none and
    /// means the importing folder.
    pub(crate) folder: Option<NamedFolder>,
    pub(crate) kind: FetchModuleKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FetchModuleKind {
    /// `_/fetch`, `_/front/fetch`, `@front/{fetch}`: the map keyed by route name.
    Map,
    /// `@front/{api}/users/fetch`, `_/front/fetch/users`, `_/api/users/fetch`.
    Route(String),
}

impl FetchModule {
    pub(crate) fn of(source: &str) -> Option<Self> {
        if let Some(rest) = source.strip_prefix("_/") {
            let src = |name: &str| Some(NamedFolder::Src(name.to_owned()));
            let parts: Vec<&str> = rest.split('/').collect();
            let (folder, kind) = match parts.as_slice() {
                ["fetch"] => (None, FetchModuleKind::Map),
                [name, "fetch"] => (src(name), FetchModuleKind::Map),
                ["api", route @ .., "fetch"] if !route.is_empty() => {
                    (None, FetchModuleKind::Route(route.join("/")))
                }
                [name, "fetch", route @ ..] if !route.is_empty() => {
                    (src(name), FetchModuleKind::Route(route.join("/")))
                }
                _ => return None,
            };
            return Some(Self { folder, kind });
        }
        let (alias, rest) = source.split_once('/')?;
        let folder = Some(NamedFolder::Alias(alias.to_owned()));
        if rest == "{fetch}" {
            return Some(Self { folder, kind: FetchModuleKind::Map });
        }
        let route = rest.strip_prefix("{api}/")?.strip_suffix("/fetch")?;
        (!route.is_empty()).then(|| Self { folder, kind: FetchModuleKind::Route(route.to_owned()) })
    }

    pub(crate) fn is_map(source: &str) -> bool {
        Self::of(source).is_some_and(|m| m.kind == FetchModuleKind::Map)
    }
}

#[cfg(test)]
mod tests {
    use super::{FetchModule, FetchModuleKind, NamedFolder};

    fn module(folder: Option<NamedFolder>, route: Option<&str>) -> FetchModule {
        let kind = route.map_or(FetchModuleKind::Map, |r| FetchModuleKind::Route(r.to_owned()));
        FetchModule { folder, kind }
    }

    #[test]
    fn recognises_generated_fetch_modules_of_every_generation() {
        let alias = |a: &str| Some(NamedFolder::Alias(a.to_owned()));
        let src = |n: &str| Some(NamedFolder::Src(n.to_owned()));
        let of = FetchModule::of;
        assert_eq!(
            of("@front/{api}/users/data/fetch"),
            Some(module(alias("@front"), Some("users/data")))
        );
        assert_eq!(of("@admin/{fetch}"), Some(module(alias("@admin"), None)));
        assert_eq!(of("_/front/fetch/users/[id]"), Some(module(src("front"), Some("users/[id]"))));
        assert_eq!(of("_/admin/fetch"), Some(module(src("admin"), None)));
        // G5 paths name no folder: they mean the importing one.
        assert_eq!(of("_/fetch"), Some(module(None, None)));
        assert_eq!(of("_/api/users/[id]/fetch"), Some(module(None, Some("users/[id]"))));
        assert_eq!(of("@front/{api}/users"), None);
        assert_eq!(of("_/api"), None);
        assert_eq!(of("_/front/api/users"), None);
        assert_eq!(of("~/hooks/fetch"), None);
    }
}
