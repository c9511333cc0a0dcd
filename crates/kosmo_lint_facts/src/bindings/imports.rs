//! What an import binds: a generated fetch client (the map, a route's client, a method),
//! Solid Router's or another router's function, a hand-written request library, or an
//! ordinary import of the project's or a package's.

use super::Binding;
use crate::fetch_module::{FetchModule, FetchModuleKind};

/// Libraries whose calls are hand-written requests.
const RAW_FETCH_LIBRARIES: &[&str] =
    &["axios", "ky", "ofetch", "ohmyfetch", "redaxios", "wretch", "node-fetch", "cross-fetch"];
fn is_raw_fetch_library(source: &str) -> bool {
    RAW_FETCH_LIBRARIES.contains(&source)
}

/// The binding of an import from `source` (or of a re-export `export { a } from "source"`):
/// `imported` is the exported name for `{ a as b }`, `None` for a default or namespace import.
pub(crate) fn import_binding(source: &str, imported: Option<&str>, local: &str) -> Binding {
    // `{ default as name }` is the default import.
    let imported = imported.filter(|name| *name != "default");
    let Some(FetchModule { folder, kind }) = FetchModule::of(source) else {
        return other_import_binding(source, imported, local);
    };
    match (kind, imported) {
        (FetchModuleKind::Map, None) => Binding::ClientMap { folder },
        (FetchModuleKind::Map, Some("ResponseT")) => Binding::ResponseTypeMap { folder },
        (FetchModuleKind::Map, Some(_)) => Binding::Other,
        (FetchModuleKind::Route(route), None) => Binding::ClientRoute { folder, route },
        (FetchModuleKind::Route(route), Some(member)) => {
            Binding::ClientMember { route, member: member.to_owned() }
        }
    }
}

/// The binding of an import from a module that is not generated code.
fn other_import_binding(source: &str, imported: Option<&str>, local: &str) -> Binding {
    if source == "@solidjs/router" {
        return Binding::SolidRouter { name: imported.unwrap_or(local).to_owned() };
    }
    // React Router's `useParams()` reads the route params its `loader` gets, as Solid
    // Router's does for `preload`.
    if matches!(source, "react-router" | "react-router-dom" | "@remix-run/react" | "_/use")
        && imported == Some("useParams")
    {
        return Binding::SolidRouter { name: "useParams".to_owned() };
    }
    // Vue Router's `useRoute()` is an object whose `params` are the route params.
    if source == "vue-router" && imported == Some("useRoute") {
        return Binding::SolidRouter { name: "useRoute".to_owned() };
    }
    // `axios` (default) and `{ get }` (named) of a request library both make requests;
    // a namespace import keeps its name so `ky.get` reads as one.
    if is_raw_fetch_library(source) {
        return Binding::RawFetch { name: readable_name(imported, local) };
    }
    Binding::Imported {
        name: readable_name(imported, local),
        source: source.to_owned(),
        export: imported.unwrap_or("default").to_owned(),
    }
}

/// The name a message calls an import by: the exported name, unless it is an empty string
/// (`import { "" as load }`), which would read as nothing.
fn readable_name(imported: Option<&str>, local: &str) -> String {
    imported.filter(|name| !name.is_empty()).unwrap_or(local).to_owned()
}
