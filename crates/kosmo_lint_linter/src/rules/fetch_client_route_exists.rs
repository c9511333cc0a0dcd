//! `fetch-client-route-exists`: every fetch-client reference names an existing route and method.

use std::collections::HashMap;

use kosmo_lint_core::RouteTree;
use kosmo_lint_core::facts::{
    ExportedValue, FetchClientRef, FolderImport, ImportedClientRef, ImportedRefForm, RefForm,
};
use kosmo_lint_core::project::NamedFolder;
use kosmo_lint_core::tree::{FolderTree, RefFolder, RefResolution};

use crate::context::FindingExt;
use crate::modules::graph::{Followed, ModuleGraph};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks every reference to a generated fetch client — in pages, layouts and the
    /// user's helper modules — against the API routes of the source folder whose client it
    /// is: the route must exist, and a method read from it (`GET`, `POST`, …) must be one the
    /// route defines. References are found in every form KosmoJS projects use:
    ///
    /// - per-route modules: `import { GET } from "@front/{api}/users/fetch"` (G1),
    ///   `"_/front/fetch/users"` (G2/G3), `"_/api/users/fetch"` (G5);
    /// - the fetch map: `fetchClients["users/[id]"].GET(...)`, `fetchClients.users.GET()`,
    ///   `const { GET, POST } = fetchClients["users"]`, `const user = fetchClients["users/[id]"];
    ///   user.PATCH(...)`;
    /// - the response-type map: `ResponseT["users/[id]"]["GET"]`, which names a route and a
    ///   method as much as a call does;
    /// - the same through the project's own modules: with `export const api = fetchClients`
    ///   (or `export default fetchClients`, `export const users = fetchClients["users"]`,
    ///   `export type { ResponseT }`) in `lib/api.ts`, `api["users/[id]"].PATCH(...)`,
    ///   `const user = api["users/[id]"]; user.PATCH(...)`, `users.GET()` and
    ///   `ResponseT["users"]["GET"]` in any page or component that imports them (named,
    ///   default or namespace imports, through re-exports and `export * from` barrels, as far
    ///   as the module graph follows them). A key read by name off such an import
    ///   (`api.users.GET()`) is checked when a method is read in the same expression. The
    ///   generated import in the exporting module says whose client it is (for G5, that
    ///   module's own folder). What cannot be followed (a package, an import that resolves to
    ///   no file, a value that is not a client) is not reported.
    ///
    /// Whose client it is, is written in the import path up to G4, and only there: the
    /// generated client builds its URLs from that folder's configuration, whichever folder
    /// imports it. So `_/front/fetch/users/[id]` (G2/G3), `_/front/fetch` (G4) and
    /// `@front/{api}/users/[id]/fetch`, `@front/{fetch}` (G1) are checked against the routes
    /// of `src/front` (or of the G1 folder with the alias `@front`), also from a page of
    /// `src/admin`; a G5 import (`_/fetch`, `_/api/users/fetch`) names no folder and means
    /// the importing file's own. The same route name in another folder does not count. An
    /// import that names a folder the project does not have is reported at its path, with
    /// the nearest folder name; a G1 alias no folder is known by is not reported when a
    /// folder's alias had to be assumed (no root tsconfig `paths` entry names it). Keys that
    /// are not string literals (`fetchClients[name]`) cannot be checked and are skipped.
    ///
    /// ### Why is this bad?
    ///
    /// The generated client types come from `lib/`, which is only regenerated when the dev
    /// server or a build runs. After a route is renamed or a handler removed, stale generated
    /// types keep such references compiling, and the request fails at run time with a 404 or
    /// 405.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```ts
    /// fetchClients["product/[id]"].GET([id]); // the route is `products/[id]`
    /// fetchClients["health"].POST();           // `health` defines only GET
    /// import fetchAdmin from "_/amdin/fetch";  // the folder is `src/admin`
    /// ```
    ///
    /// Correct:
    ///
    /// ```ts
    /// fetchClients["products/[id]"].GET([id]);
    /// fetchClients["health"].GET();
    /// ```
    ///
    /// ### Frontends
    ///
    /// Every frontend, and every file of a source folder: pages, layouts, components and
    /// helpers. In `.vue` and `.svelte` files the references in their `<script>` blocks are
    /// checked (a Vue `<script setup>` and plain `<script>`, Svelte's `<script module>` and
    /// instance script), in `.mdx` files those of their ES imports and exports; template and
    /// Markdown text is not code and is not read. Positions are the original file's:
    ///
    /// ```vue
    /// <script lang="ts">
    /// import fetchClients from "_/fetch";
    /// export const loader = () => fetchClients["user"].GET(); // reported at `"user"`
    /// </script>
    /// ```
    ///
    /// ### Fix
    ///
    /// None: the nearest route name is suggested in the help, but a typo fix is not certain
    /// (the route may be meant to be added), so it is not applied.
    FetchClientRouteExists {
        name: "fetch-client-route-exists",
        severity: Error,
        category: Correctness,
        fix: None,
        frontends: [Solid, React, Vue, Svelte, Mdx],
        summary: "Every fetch-client reference must name an existing API route and a method it defines",
    }
}

impl Rule for FetchClientRouteExists {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        for import in &ctx.facts.folder_imports {
            if ctx.tree.ref_folder(ctx.file.folder, Some(&import.folder)) == RefFolder::Missing {
                unknown_folder(ctx.tree, import, report);
            }
        }
        for reference in &ctx.facts.fetch_refs {
            // A folder that does not exist was reported at its import; an alias that may be
            // set where kosmo-lint does not look cannot be checked.
            if let RefFolder::Found(index) =
                ctx.tree.ref_folder(ctx.file.folder, reference.folder.as_ref())
            {
                check_reference(ctx.tree.folder(index), reference, report);
            }
        }
        if let Some(modules) = ctx.modules {
            let mut clients = ImportedClients::new(ctx, modules);
            for imported in &ctx.facts.imported_refs {
                if let Some((index, reference)) = clients.reference(imported) {
                    check_reference(ctx.tree.folder(index), &reference, report);
                }
            }
        }
    }
}

/// Checks a reference against the routes of the folder whose client it is.
fn check_reference(folder: &FolderTree, reference: &FetchClientRef, report: &mut Reporter<'_>) {
    match folder.resolve(reference) {
        // A member read off a client named elsewhere: the route was reported there.
        RefResolution::Resolved
        | RefResolution::UnknownFolder
        | RefResolution::UnverifiedFolder => {}
        RefResolution::UnknownRoute if !reference.names_route() => {}
        RefResolution::UnknownRoute => unknown_route(folder, reference, report),
        RefResolution::UnknownMethod => unknown_method(folder, reference, report),
    }
}

/// What the file's imports hold, as far as fetch clients go: each import is followed through
/// the module graph once per file.
struct ImportedClients<'c> {
    ctx: &'c FileContext<'c>,
    modules: &'c ModuleGraph,
    followed: HashMap<(&'c str, &'c str), Option<(usize, ImportedClient)>>,
}

/// A generated client exported under another name.
#[derive(Clone)]
enum ImportedClient {
    Map,
    Route(String),
    ResponseTypes,
}

impl<'c> ImportedClients<'c> {
    fn new(ctx: &'c FileContext<'c>, modules: &'c ModuleGraph) -> Self {
        Self { ctx, modules, followed: HashMap::new() }
    }

    /// The fetch-client reference a key read off an import makes, and the folder whose
    /// routes it reads; `None` when the import is no client or cannot be followed (nothing
    /// is certain about it).
    fn reference(&mut self, imported: &'c ImportedClientRef) -> Option<(usize, FetchClientRef)> {
        let (index, client) = self.client(&imported.source, &imported.export)?;
        let key = &imported.key;
        let (route, member, form) = match (client, imported.form) {
            (ImportedClient::Map, ImportedRefForm::Key) => {
                (key.value.clone(), imported.member.clone(), RefForm::ClientMap)
            }
            (ImportedClient::Map, ImportedRefForm::Alias) => {
                (key.value.clone(), imported.member.clone(), RefForm::Member)
            }
            (ImportedClient::Route(route), ImportedRefForm::Key) => {
                (route, Some(key.clone()), RefForm::Member)
            }
            (ImportedClient::ResponseTypes, ImportedRefForm::Type) => {
                (key.value.clone(), imported.member.clone(), RefForm::ResponseType)
            }
            _ => return None,
        };
        Some((index, FetchClientRef { route, route_span: key.span, member, form, folder: None }))
    }

    /// What `export` of `source` holds, and the folder whose routes it reads.
    fn client(&mut self, source: &'c str, export: &'c str) -> Option<(usize, ImportedClient)> {
        if let Some(known) = self.followed.get(&(source, export)) {
            return known.clone();
        }
        let client = self.follow(source, export);
        self.followed.insert((source, export), client.clone());
        client
    }

    fn follow(&self, source: &str, export: &str) -> Option<(usize, ImportedClient)> {
        let (file, tree) = (self.ctx.file, self.ctx.tree);
        let Followed::Value { module, value } =
            self.modules.follow(&file.path, file.folder, source, export)
        else {
            return None;
        };
        let (folder, client) = match value {
            ExportedValue::ClientMap { folder } => (folder, ImportedClient::Map),
            ExportedValue::ClientRoute { folder, route } => (folder, ImportedClient::Route(route)),
            ExportedValue::ResponseTypeMap { folder } => (folder, ImportedClient::ResponseTypes),
            _ => return None,
        };
        // A G5 import (`_/fetch`) means the folder of the module that writes it, which must
        // be a source folder for that to mean anything.
        let exporting =
            tree.folders.iter().position(|f| module.path.starts_with(&f.folder.path))?;
        match tree.ref_folder(exporting, folder.as_ref()) {
            RefFolder::Found(index) => Some((index, client)),
            // Reported at the import in the exporting module, or not certain.
            RefFolder::Missing | RefFolder::Unverifiable => None,
        }
    }
}

fn unknown_folder(tree: &RouteTree, import: &FolderImport, report: &mut Reporter<'_>) {
    let (message, label, name, prefix) = match &import.folder {
        NamedFolder::Alias(alias) => (
            format!("no source folder has the import alias `{alias}`"),
            "unknown source folder alias",
            alias,
            "",
        ),
        NamedFolder::Src(name) => (
            format!("source folder `src/{name}` does not exist"),
            "unknown source folder",
            name,
            "_/",
        ),
    };
    let finding = report.report(import.span, message).label(import.span, label);
    let names: Vec<&str> = tree.folder_names(&import.folder).collect();
    if let Some(nearest) = crate::suggest::nearest_name(name, names.iter().copied()) {
        finding.help(format!("did you mean `{prefix}{nearest}`?"));
    } else if names.is_empty() {
        finding.help("no source folder of this project is imported by that form of path");
    } else {
        let listed: Vec<String> = names.iter().map(|n| format!("`{prefix}{n}`")).collect();
        finding.help(format!("the source folders are imported as {}", listed.join(", ")));
    }
}

fn unknown_route(folder: &FolderTree, reference: &FetchClientRef, report: &mut Reporter<'_>) {
    let finding = report
        .report(
            reference.route_span,
            format!("no API route `{}` in source folder `{}`", reference.route, folder.folder.rel),
        )
        .label(reference.route_span, "unknown route");
    if let Some(nearest) = nearest_route(folder, &reference.route) {
        finding.help(format!("did you mean `{nearest}`?"));
    } else {
        finding.help(format!(
            "the routes of `{}` are the folders under its `api/`",
            folder.folder.rel
        ));
    }
}

fn unknown_method(folder: &FolderTree, reference: &FetchClientRef, report: &mut Reporter<'_>) {
    let Some(route) = folder.api_routes.get(&reference.route) else { return };
    let member = reference.member.as_ref().map_or("", |m| m.value.as_str());
    let at = reference.member.as_ref().map_or(reference.route_span, |m| m.span);
    let defined: Vec<&str> = route.methods.iter().map(|m| m.method.as_str()).collect();
    let finding = report
        .report(at, format!("API route `{}` defines no `{member}` handler", reference.route))
        .label(at, "no such handler");
    if defined.is_empty() {
        finding.help(format!(
            "`{}` defines no handler the framework can see ({})",
            route.file, route.definition
        ));
    } else {
        finding.help(format!("`{}` defines {}", reference.route, defined.join(", ")));
    }
}

/// The closest existing route name, when it is close enough to be a typo.
fn nearest_route<'f>(folder: &'f FolderTree, name: &str) -> Option<&'f str> {
    crate::suggest::nearest_name(name, folder.api_routes.keys().map(String::as_str))
}

#[cfg(test)]
mod tests;
