//! Where the source names a generated fetch client: directly, or through an imported value.

use serde::{Deserialize, Serialize};

use super::StringLiteral;
use crate::http::HttpMethod;
use crate::project::NamedFolder;
use crate::span::Span;

// -------------------------------------------------------------------------- fetch clients

/// A place in the source that names a generated fetch client's route (and maybe a member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchClientRef {
    pub route: String,
    pub route_span: Span,
    /// The member read from the route's client: a method (`GET`) or a helper (`path`).
    pub member: Option<StringLiteral>,
    pub form: RefForm,
    /// The source folder whose client this is, when the import names one (G1–G4);
    /// `None` for a G5 import (`_/fetch`, `_/api/…/fetch`), which means the importing folder.
    pub folder: Option<NamedFolder>,
}

/// `from "_/admin/fetch"`: an import (or re-export) of a generated fetch module that names
/// a source folder, and where that path is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderImport {
    pub folder: NamedFolder,
    pub span: Span,
}

/// A key read off a name imported from one of the project's modules, the way a generated
/// client is read (`api["users/[id]"].GET`, `users.GET`, `Api["users"]["GET"]` in a type).
/// Whether it is a fetch-client reference depends on what that module exports under the
/// name (the fetch map, a route's client, `ResponseT`), which only the module graph tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedClientRef {
    /// The import's specifier, as written.
    pub source: String,
    /// The name imported: `default` or the exported name (`ns.api` of a namespace import
    /// reads the export `api`).
    pub export: String,
    /// The key read off the imported value: a route of the map, or a member of a route's
    /// client.
    pub key: StringLiteral,
    /// The key read off that one: a member of the route's client (`GET`).
    pub member: Option<StringLiteral>,
    pub form: ImportedRefForm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportedRefForm {
    /// `api["users"]`, `api.users.GET`, `const { GET } = users`: the key is written here.
    Key,
    /// `user.PATCH` after `const user = api["users/[id]"]` (or a destructuring of it): the
    /// key is written at the alias and checked there; here `key.span` is the member's.
    Alias,
    /// `Api["users"]["GET"]` in a type.
    Type,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefForm {
    /// `import … from "@front/{api}/users/fetch"`: the import names the route.
    RouteModule,
    /// `fetchClients["users"]`, `fetchClients.users`: the map key names the route.
    ClientMap,
    /// A member read off a client whose route is named elsewhere (an import, an alias,
    /// a destructuring): only the member is checked here.
    Member,
    /// `ResponseT["users"]["GET"]`.
    ResponseType,
}

impl FetchClientRef {
    /// Whether the route name is written at this reference (and so is checked here).
    pub fn names_route(&self) -> bool {
        !matches!(self.form, RefForm::Member)
    }

    /// The member as an HTTP method, when it names one.
    pub fn method(&self) -> Option<HttpMethod> {
        self.member.as_ref().and_then(|m| m.value.parse().ok())
    }
}
