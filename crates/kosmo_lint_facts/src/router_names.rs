//! Solid Router's deprecated names in a page module, and what renaming them would touch
//! (for `deprecated-router-api` and its fix).

use kosmo_lint_core::facts::{RouterCacheImport, RouterImport};
use oxc_ast::AstKind;
use oxc_ast::ast::{ImportDeclarationSpecifier, ImportOrExportKind, Program, Statement};
use oxc_span::GetSpan;

use crate::bindings::Bindings;
use crate::span;

/// `import { cache } from "@solidjs/router"` (or `cache as c`), the first one.
pub(crate) fn router_cache(
    program: &Program<'_>,
    bindings: &Bindings<'_, '_>,
) -> Option<RouterCacheImport> {
    let semantic = bindings.semantic;
    let scoping = semantic.scoping();
    let specifier = program.body.iter().find_map(|stmt| {
        let Statement::ImportDeclaration(import) = stmt else { return None };
        if import.source.value != "@solidjs/router"
            || import.import_kind == ImportOrExportKind::Type
        {
            return None;
        }
        import.specifiers.iter().flatten().find_map(|specifier| match specifier {
            ImportDeclarationSpecifier::ImportSpecifier(named)
                if named.imported.name() == "cache"
                    && named.import_kind == ImportOrExportKind::Value =>
            {
                Some(named)
            }
            _ => None,
        })
    })?;
    let local = specifier.local.name.to_string();
    // A `query` bound in any scope could capture a renamed reference; a global `query` read
    // would be shadowed by the renamed import.
    let query_taken = scoping.symbol_names().any(|name| name == "query")
        || scoping.root_unresolved_references().contains_key("query");
    let renamable_uses =
        specifier.local.symbol_id.get().filter(|_| !query_taken).and_then(|symbol| {
            let mut uses = Vec::new();
            for reference in scoping.get_resolved_references(symbol) {
                let node = reference.node_id();
                let AstKind::IdentifierReference(ident) = semantic.nodes().kind(node) else {
                    return None;
                };
                // `{ cache }` would become `{ query }` (another key), `export { cache }` another
                // export name: such a use keeps the specifier rename only.
                match semantic.nodes().parent_kind(node) {
                    AstKind::ObjectProperty(prop) if prop.shorthand => return None,
                    AstKind::ExportSpecifier(_) => return None,
                    _ => {}
                }
                uses.push(span(ident.span));
            }
            uses.sort_by_key(|s| s.start);
            Some(uses)
        });
    Some(RouterCacheImport { specifier: span(specifier.span()), local, renamable_uses })
}

/// Whether the module-level `load` binding is referenced (a call, a route object's `{ load }`,
/// an export specifier).
pub(crate) fn load_referenced(bindings: &Bindings<'_, '_>) -> bool {
    let scoping = bindings.semantic.scoping();
    scoping
        .get_root_binding("load".into())
        .is_some_and(|symbol| scoping.get_resolved_reference_ids(symbol).iter().next().is_some())
}

/// The first value import from `@solidjs/router` with named specifiers, and its `query`.
pub(crate) fn router_import(program: &Program<'_>) -> Option<RouterImport> {
    program.body.iter().find_map(|stmt| {
        let Statement::ImportDeclaration(import) = stmt else { return None };
        if import.source.value != "@solidjs/router"
            || import.import_kind == ImportOrExportKind::Type
        {
            return None;
        }
        let named = import.specifiers.iter().flatten().filter_map(|specifier| match specifier {
            ImportDeclarationSpecifier::ImportSpecifier(named) => Some(named),
            _ => None,
        });
        let last = named.clone().next_back()?;
        let query = named
            .filter(|n| n.imported.name() == "query" && n.import_kind == ImportOrExportKind::Value)
            .map(|n| n.local.name.to_string())
            .next();
        Some(RouterImport { query, last_specifier_end: last.span().end })
    })
}

/// Every symbol name of the module and every global it reads, sorted and unique.
pub(crate) fn names_in_use(bindings: &Bindings<'_, '_>) -> Vec<String> {
    let scoping = bindings.semantic.scoping();
    let mut names: Vec<String> = scoping
        .symbol_names()
        .map(str::to_owned)
        .chain(scoping.root_unresolved_references().keys().map(ToString::to_string))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
