//! How to reach a generated fetch client in each generation, for help texts.

use kosmo_lint_core::Generation;
use kosmo_lint_core::tree::FolderTree;

/// The import and expression that read `method` of `route`'s generated client in this folder.
pub fn client_usage(folder: &FolderTree, route: &str, method: &str) -> String {
    let name = &folder.folder.name;
    match folder.generation {
        Generation::G1 => {
            let alias = folder.folder.alias.as_deref().unwrap_or(name);
            format!("`import {{ {method} }} from \"{alias}/{{api}}/{route}/fetch\"`")
        }
        Generation::G2 | Generation::G3 => {
            format!("`import {{ {method} }} from \"_/{name}/fetch/{route}\"`")
        }
        Generation::G4 => {
            format!(
                "`fetchClients[\"{route}\"].{method}` (`import fetchClients from \"_/{name}/fetch\"`)"
            )
        }
        Generation::G5 | Generation::G5Plus => {
            format!("`fetchClients[\"{route}\"].{method}` (`import fetchClients from \"_/fetch\"`)")
        }
    }
}

/// The API route a page reads by convention: the one with the same name (spec §2).
pub fn conventional_route<'f>(folder: &'f FolderTree, page_route: Option<&str>) -> Option<&'f str> {
    let name = page_route?;
    let route = folder.api_routes.get(name)?;
    route
        .methods
        .iter()
        .any(|m| m.method == kosmo_lint_core::HttpMethod::Get)
        .then_some(route.name.as_str())
}
