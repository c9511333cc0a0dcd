//! Fetch-client references in the route tree: the folder whose routes each one reads, and
//! whether the route and method it names exist there.
//!
//! A G1–G4 import names a source folder (`@front/{api}/…`, `_/front/fetch`), and the client
//! it imports builds its URLs from that folder's configuration, whichever folder imports it;
//! a G5 import (`_/fetch`) names none and means the importing folder.

use serde::Serialize;

use crate::facts::FetchClientRef;
use crate::project::NamedFolder;
use crate::span::Span;
use crate::tree::{FolderTree, RouteTree};
use crate::walk::ProjectFile;

#[derive(Debug, Clone, Serialize)]
pub struct ResolvedRef {
    pub file: String,
    pub route: String,
    pub route_span: Span,
    pub member: Option<String>,
    #[serde(skip)]
    pub member_span: Option<Span>,
    /// Whether the route name is written at this reference (an import path, a map key), as
    /// opposed to a member read off a client named elsewhere.
    pub names_route: bool,
    pub resolution: RefResolution,
    /// The folder as the import writes it (`_/admin`, `@admin`), for a reference whose folder
    /// could not be found, listed under the importing file's folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefResolution {
    Resolved,
    UnknownRoute,
    /// The route exists but does not define the method read from it.
    UnknownMethod,
    /// The import names a source folder the project does not have.
    UnknownFolder,
    /// The import names a G1 alias no folder is known by, in a project where a folder's
    /// alias is assumed: the reference may be that folder's, so it is not checked.
    UnverifiedFolder,
}

/// The folder whose routes a reference reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefFolder {
    /// Its index: the folder the import names, or the importing file's own.
    Found(usize),
    /// The import names a source folder the project does not have.
    Missing,
    /// The import names a G1 alias no folder is known by, while some folder's alias is only
    /// assumed (see [`crate::SourceFolder::alias_assumed`]).
    Unverifiable,
}

impl FolderTree {
    /// Resolves a reference against this folder's routes.
    pub fn resolve(&self, r: &FetchClientRef) -> RefResolution {
        match self.api_routes.get(&r.route) {
            None => RefResolution::UnknownRoute,
            Some(route) => match r.method() {
                Some(method) if !route.defines(method) => RefResolution::UnknownMethod,
                _ => RefResolution::Resolved,
            },
        }
    }
}

impl RouteTree {
    /// The folder whose routes a reference made in folder `importing` reads.
    pub fn ref_folder(&self, importing: usize, folder: Option<&NamedFolder>) -> RefFolder {
        let Some(named) = folder else { return RefFolder::Found(importing) };
        if let Some(index) = self.folders.iter().position(|f| f.folder.is_named(named)) {
            return RefFolder::Found(index);
        }
        let assumed = self.folders.iter().any(|f| f.folder.alias_assumed);
        match named {
            NamedFolder::Alias(_) if assumed => RefFolder::Unverifiable,
            _ => RefFolder::Missing,
        }
    }

    /// How the project's folders are named in imports of the same form as `named`: every
    /// folder's alias for a G1 alias, every `src/` folder's name for a `_/<name>` path.
    pub fn folder_names<'t>(&'t self, named: &NamedFolder) -> impl Iterator<Item = &'t str> {
        let by_alias = matches!(named, NamedFolder::Alias(_));
        self.folders.iter().filter_map(move |f| {
            let folder = &f.folder;
            match (by_alias, folder.layout) {
                (true, _) => folder.alias.as_deref(),
                (false, crate::SourceFolderLayout::RootFolder) => None,
                (false, _) => Some(folder.name.as_str()),
            }
        })
    }

    /// Adds a reference of `file` to the folder whose routes it reads, resolved there; one
    /// whose folder cannot be found goes to the file's own folder.
    pub(crate) fn add_ref(&mut self, file: &ProjectFile, r: &FetchClientRef) {
        let (index, resolution, folder) = match self.ref_folder(file.folder, r.folder.as_ref()) {
            RefFolder::Found(index) => (index, self.folders[index].resolve(r), None),
            RefFolder::Missing => (file.folder, RefResolution::UnknownFolder, r.folder.as_ref()),
            RefFolder::Unverifiable => {
                (file.folder, RefResolution::UnverifiedFolder, r.folder.as_ref())
            }
        };
        self.folders[index].fetch_refs.push(ResolvedRef {
            file: file.rel.clone(),
            route: r.route.clone(),
            route_span: r.route_span,
            member: r.member.as_ref().map(|m| m.value.clone()),
            member_span: r.member.as_ref().map(|m| m.span),
            names_route: r.names_route(),
            resolution,
            folder: folder.map(NamedFolder::as_written),
        });
    }
}
