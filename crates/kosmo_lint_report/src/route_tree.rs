//! `kosmo-lint routes`: the route tree as an outline for people (source folders, API routes
//! with their methods, pages with their layouts and preloads, unresolved fetch-client
//! references).

use std::fmt::Write as _;

use kosmo_lint_core::RouteTree;
use kosmo_lint_core::facts::ResponseDeclaration;
use kosmo_lint_core::tree::{FolderTree, RefResolution};

/// The outline of every source folder of `tree`, one after the other.
pub fn render_route_tree(tree: &RouteTree) -> String {
    tree.folders.iter().map(pretty_folder).collect::<Vec<_>>().join("\n")
}

fn pretty_folder(folder: &FolderTree) -> String {
    let mut out = String::new();
    let framework =
        folder.framework.map_or_else(|| "unknown".to_owned(), |f| format!("{f:?}").to_lowercase());
    let _ = writeln!(
        out,
        "{}  {} ({})\n  base {}  api {}  frontend {}",
        folder.folder.rel,
        folder.generation,
        folder.generation_evidence,
        folder.base,
        folder.api_base,
        framework
    );
    let _ = writeln!(out, "\n  API routes ({})", folder.api_routes.len());
    for route in folder.api_routes.values() {
        let methods: Vec<String> = route
            .methods
            .iter()
            .map(|m| match &m.response {
                ResponseDeclaration::Declared => format!("{} ✓", m.method),
                ResponseDeclaration::DeclaredWithoutBody => format!("{} ✓ (no body)", m.method),
                ResponseDeclaration::Undeclared { reason } => format!("{} ✗ ({reason})", m.method),
            })
            .collect();
        let methods = if methods.is_empty() {
            format!("no methods ({})", route.definition)
        } else {
            methods.join(", ")
        };
        let _ = writeln!(out, "    {}  {}\n      {}", route.url, route.file, methods);
    }
    let _ = writeln!(out, "\n  Pages ({})", folder.pages.len());
    for page in folder.pages.values() {
        let framework = format!("{:?}", page.framework).to_lowercase();
        let _ = writeln!(out, "    {}  {}  [{framework}]", page.url, page.file);
        if !page.layouts.is_empty() {
            let _ = writeln!(out, "      layouts: {}", page.layouts.join(" > "));
        }
        if let Some(preload) = &page.preload {
            let reaches = if preload.reaches.is_empty() {
                "nothing".to_owned()
            } else {
                preload.reaches.join("; ")
            };
            let _ = writeln!(out, "      {} ({}): {reaches}", preload.export, preload.value);
        } else {
            let exports =
                if page.exports.is_empty() { "none".to_owned() } else { page.exports.join(", ") };
            let _ = writeln!(out, "      no preload (exports: {exports})");
        }
    }
    let unresolved: Vec<_> =
        folder.fetch_refs.iter().filter(|r| r.resolution != RefResolution::Resolved).collect();
    let _ = writeln!(
        out,
        "\n  Fetch-client references: {} ({} unresolved)",
        folder.fetch_refs.len(),
        unresolved.len()
    );
    for r in unresolved {
        let member = r.member.as_deref().map_or_else(String::new, |m| format!(".{m}"));
        let folder = r.folder.as_deref().unwrap_or("");
        let what = match r.resolution {
            RefResolution::UnknownRoute => "no such route".to_owned(),
            RefResolution::UnknownFolder => format!("no source folder `{folder}`"),
            RefResolution::UnverifiedFolder => format!("folder alias `{folder}` not checked"),
            _ => "method not defined".to_owned(),
        };
        let _ = writeln!(out, "    {}{member}  {}  {what}", r.route, r.file);
    }
    out
}
