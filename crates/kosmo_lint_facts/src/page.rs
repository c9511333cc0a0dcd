//! Facts of a page or layout: its router exports, what `preload` and `loader` are bound to
//! and what they reach, its `query()` wrappers; `createAsync` calls (`create_async.rs`),
//! mount requests (`mount.rs`) and TanStack queries (`tanstack.rs`) are gathered from here.

use kosmo_lint_core::facts::{
    Export, Framework, FunctionValue, ModuleFacts, PageFacts, Preload, PreloadForm,
    RouteObjectPreload, Target,
};
use oxc_ast::ast::{
    BindingPattern, Declaration, Expression, ModuleExportName, ObjectPropertyKind, Program,
    Statement,
};
use oxc_span::GetSpan;

use crate::bindings::{Binding, Bindings, expression_text, import_binding};
use crate::span;

/// Export names a router reads from a page module.
const ROUTER_EXPORTS: &[&str] = &["preload", "load", "loader", "route"];

/// The page facts of `program`. `instance_script` is the content of a component's
/// per-instance block (Vue's `<script setup>`, Svelte's instance `<script>`), whose top-level
/// statements are the component's body rather than module code: the data calls they make
/// are mount fetches (`mount.rs`). `None` for a `.tsx` page and for MDX.
pub(crate) fn extract<'a>(
    program: &Program<'a>,
    bindings: &mut Bindings<'_, 'a>,
    instance_script: Option<oxc_span::Span>,
) -> PageFacts {
    register_top_level_queries(program, bindings);
    let framework = program
        .body
        .iter()
        .find_map(|stmt| match stmt {
            Statement::ImportDeclaration(import) => {
                Framework::from_import(import.source.value.as_str())
            }
            _ => None,
        })
        .unwrap_or(Framework::Unknown);
    let mut facts = PageFacts {
        framework,
        exports: Vec::new(),
        preload: None,
        route_object_preload: None,
        queries: Vec::new(),
        create_async: Vec::new(),
        module: module_facts(program, bindings),
        query_prefetches: Vec::new(),
        query_reads: Vec::new(),
        loader: None,
        loader_data_reads: Vec::new(),
        mount_fetches: Vec::new(),
    };
    for stmt in &program.body {
        collect_exports(stmt, bindings, &mut facts);
    }
    crate::awaits::fill(program, bindings, &mut facts);
    facts.create_async = crate::create_async::extract(program, bindings);
    (facts.query_prefetches, facts.query_reads) = crate::tanstack::extract(program, bindings);
    let mount = crate::mount::extract(program, bindings, instance_script);
    (facts.loader_data_reads, facts.mount_fetches) = (mount.loader_data_reads, mount.fetches);
    facts.queries = std::mem::take(&mut bindings.queries);
    facts
}

/// Where the leading imports end (before the default export), the semicolon style, and
/// whether the name a preload fix declares is taken.
fn module_facts(program: &Program<'_>, bindings: &Bindings<'_, '_>) -> ModuleFacts {
    let text = bindings.text;
    let default_start = program.body.iter().find_map(|stmt| match stmt {
        Statement::ExportDefaultDeclaration(export) => Some(export.span.start),
        _ => None,
    });
    let last_import = program
        .body
        .iter()
        .filter(|stmt| matches!(stmt, Statement::ImportDeclaration(_)))
        .rfind(|stmt| default_start.is_none_or(|start| stmt.span().start < start));
    let semicolons = last_import
        .or_else(|| program.body.first())
        .is_none_or(|stmt| stmt.span().source_text(text).trim_end().ends_with(';'));
    // Without semicolons, a statement inserted before one that starts with `(`, `[`, `` ` ``,
    // `+`, `-` or `/` would join it (ASI does not apply), so such points need a `;`.
    let asi_hazards = program
        .body
        .windows(2)
        .filter(|pair| {
            let next = pair[1].span().source_text(text).trim_start();
            next.starts_with(['(', '[', '`', '+', '-', '/'])
        })
        .map(|pair| pair[0].span().end)
        .collect();
    // Any module-level binding, a type's too: the fix does not merge declarations.
    let preload_bound = bindings.semantic.scoping().get_root_binding("preload".into()).is_some();
    let router_import = crate::router_names::router_import(program);
    ModuleFacts {
        imports_end: last_import.map(|stmt| stmt.span().end),
        semicolons,
        asi_hazards,
        preload_bound,
        router_cache: crate::router_names::router_cache(program, bindings),
        load_referenced: crate::router_names::load_referenced(bindings),
        router_import: router_import.clone(),
        names_in_use: if router_import.is_some() {
            crate::router_names::names_in_use(bindings)
        } else {
            Vec::new()
        },
    }
}

/// Resolving the top-level names bound to a call registers the `query()` wrappers in
/// source order; other names (helper functions, constants) are resolved only if a preload or
/// `createAsync` reaches them, which keeps their bodies unvisited otherwise.
fn register_top_level_queries(program: &Program<'_>, bindings: &mut Bindings<'_, '_>) {
    for stmt in &program.body {
        let declaration = match stmt {
            Statement::VariableDeclaration(var) => Some(&**var),
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(var) => Some(&**var),
                _ => None,
            },
            _ => None,
        };
        for declarator in declaration.into_iter().flat_map(|var| var.declarations.iter()) {
            let is_call = declarator.init.as_ref().is_some_and(|init| {
                matches!(init.get_inner_expression(), Expression::CallExpression(_))
            });
            if is_call
                && let BindingPattern::BindingIdentifier(id) = &declarator.id
                && let Some(symbol) = id.symbol_id.get()
            {
                bindings.resolve_symbol(symbol);
            }
        }
    }
}

fn page_export(name: &str) -> bool {
    name == "default" || ROUTER_EXPORTS.contains(&name)
}

/// The exports a router calls to load a page's data: `preload` (or the deprecated `load`)
/// in SolidJS, `loader` in the other frontends.
fn data_export_name(name: &str) -> bool {
    matches!(name, "preload" | "load" | "loader")
}

fn collect_exports<'a>(
    stmt: &Statement<'a>,
    bindings: &mut Bindings<'_, 'a>,
    facts: &mut PageFacts,
) {
    let export = |name: &str, at: oxc_span::Span| Export { name: name.to_owned(), span: span(at) };
    match stmt {
        Statement::ExportDefaultDeclaration(default) => {
            facts.exports.push(export("default", default.span));
        }
        Statement::ExportDeclaration(decl) => match &decl.declaration {
            Declaration::VariableDeclaration(var) => {
                for declarator in &var.declarations {
                    let BindingPattern::BindingIdentifier(id) = &declarator.id else { continue };
                    let name = id.name.as_str();
                    if !ROUTER_EXPORTS.contains(&name) {
                        continue;
                    }
                    facts.exports.push(export(name, decl.span));
                    let Some(init) = &declarator.init else { continue };
                    if data_export_name(name) {
                        // `export const preload = query(…)` is the wrapper itself, as a bare
                        // `preload = getUser` is.
                        let value = match id.symbol_id.get().map(|s| bindings.resolve_symbol(s)) {
                            Some(Binding::Query { index }) => FunctionValue::Reference {
                                target: Target::Query { index },
                                span: span(init.span()),
                                text: expression_text(init, bindings.text),
                                declaration_end: Some(decl.span.end),
                            },
                            _ => function_value(bindings, init),
                        };
                        set_preload(facts, (name, id.span), PreloadForm::Const, decl.span, value);
                    } else if name == "route" {
                        facts.route_object_preload = route_object_preload(init, decl.span);
                    }
                }
            }
            Declaration::FunctionDeclaration(func) => {
                let Some(id) = &func.id else { return };
                let name = id.name.as_str();
                if !ROUTER_EXPORTS.contains(&name) {
                    return;
                }
                facts.exports.push(export(name, decl.span));
                if data_export_name(name) {
                    let calls =
                        func.body.as_ref().map(|b| bindings.body_calls(b)).unwrap_or_default();
                    let value = FunctionValue::Function { span: span(func.span), calls };
                    set_preload(facts, (name, id.span), PreloadForm::Function, decl.span, value);
                }
            }
            _ => {}
        },
        Statement::ExportNamedDeclaration(named) => specifier_exports(named, bindings, facts),
        Statement::ExportFromDeclaration(from) => re_exports(from, facts),
        _ => {}
    }
}

/// `export { fetchData as preload }`.
fn specifier_exports(
    named: &oxc_ast::ast::ExportNamedDeclaration<'_>,
    bindings: &mut Bindings<'_, '_>,
    facts: &mut PageFacts,
) {
    let export = |name: &str, at: oxc_span::Span| Export { name: name.to_owned(), span: span(at) };
    for specifier in &named.specifiers {
        let exported = specifier.exported.name();
        if !page_export(exported.as_str()) {
            continue;
        }
        facts.exports.push(export(exported.as_str(), named.span));
        if let ModuleExportName::IdentifierReference(local) = &specifier.local
            && data_export_name(exported.as_str())
        {
            let target = bindings
                .ident_target(local)
                .unwrap_or_else(|| Target::Unresolved { text: local.name.to_string() });
            let value = FunctionValue::Reference {
                target,
                span: span(local.span),
                text: local.name.to_string(),
                declaration_end: bindings.ident_declaration_end(local),
            };
            set_preload(
                facts,
                (exported.as_str(), specifier.exported.span()),
                PreloadForm::Specifier,
                named.span,
                value,
            );
        }
    }
}

/// `export { preload } from "./data"`.
fn re_exports(from: &oxc_ast::ast::ExportFromDeclaration<'_>, facts: &mut PageFacts) {
    let export = |name: &str, at: oxc_span::Span| Export { name: name.to_owned(), span: span(at) };
    for specifier in &from.specifiers {
        let exported = specifier.exported.name();
        if !page_export(exported.as_str()) {
            continue;
        }
        facts.exports.push(export(exported.as_str(), from.span));
        if data_export_name(exported.as_str()) {
            // `export { GET as preload } from "@front/{api}/users/fetch"` re-exports a
            // generated client method, as the import of it would bind one.
            let name = specifier.local.name().to_string();
            let source = from.source.value.as_str();
            let target =
                import_binding(source, Some(&name), &name).call_target().unwrap_or_else(|| {
                    Target::Imported { export: name.clone(), name, source: source.to_owned() }
                });
            let value = FunctionValue::Reference {
                target,
                span: span(specifier.span),
                text: specifier.local.name().to_string(),
                // Re-exported names are not bound in this module.
                declaration_end: None,
            };
            let name = (exported.as_str(), specifier.exported.span());
            set_preload(facts, name, PreloadForm::ReExport, from.span, value);
        }
    }
}

/// `preload` wins over the deprecated `load` when a module exports both; `loader` is kept
/// apart, since which of the two a router calls depends on the folder's frontend.
fn set_preload(
    facts: &mut PageFacts,
    (name, name_span): (&str, oxc_span::Span),
    form: PreloadForm,
    at: oxc_span::Span,
    value: FunctionValue,
) {
    if name == "loader" {
        let loader = Preload {
            name: name.to_owned(),
            form,
            span: span(at),
            name_span: span(name_span),
            value,
            awaits: Vec::new(),
            callbacks: Vec::new(),
        };
        facts.loader = Some(loader);
        return;
    }
    if facts.preload.as_ref().is_some_and(|p| p.name == "preload") && name != "preload" {
        return;
    }
    facts.preload = Some(Preload {
        name: name.to_owned(),
        form,
        span: span(at),
        name_span: span(name_span),
        value,
        awaits: Vec::new(),
        callbacks: Vec::new(),
    });
}

/// `export const route = { preload }` (SolidStart style) or `{ preload: () => … }`: the last
/// `preload` key, else the last `load` key, as the object's value holds it.
fn route_object_preload(init: &Expression<'_>, at: oxc_span::Span) -> Option<RouteObjectPreload> {
    let Expression::ObjectExpression(object) = init.get_inner_expression() else { return None };
    let keyed = |wanted: &str| {
        object.properties.iter().enumerate().rev().find_map(|(index, prop)| match prop {
            ObjectPropertyKind::ObjectProperty(prop)
                if prop.key.static_name().is_some_and(|key| key == wanted) =>
            {
                Some((index, prop))
            }
            _ => None,
        })
    };
    let (index, prop) = keyed("preload").or_else(|| keyed("load"))?;
    let key = prop.key.static_name()?.into_owned();
    // A spread after the key may replace its value.
    let last_word = object.properties[index + 1..]
        .iter()
        .all(|later| !matches!(later, ObjectPropertyKind::SpreadProperty(_)));
    let holds_preload_binding = key == "preload"
        && last_word
        && matches!(prop.value.get_inner_expression(), Expression::Identifier(id) if id.name == "preload");
    Some(RouteObjectPreload {
        key,
        span: span(at),
        key_span: span(prop.key.span()),
        holds_preload_binding,
    })
}

/// What a function-valued expression is: inline code and the calls it makes, or a reference.
pub(crate) fn function_value<'a>(
    bindings: &mut Bindings<'_, 'a>,
    expr: &Expression<'a>,
) -> FunctionValue {
    match expr.get_inner_expression() {
        inline @ (Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)) => {
            FunctionValue::Function {
                span: span(inline.span()),
                calls: bindings.function_calls(inline),
            }
        }
        reference @ Expression::Identifier(_) => {
            reference_value(bindings, reference, reference.span())
        }
        reference if reference.as_member_expression().is_some() => {
            reference_value(bindings, reference, reference.span())
        }
        other => FunctionValue::Other {
            span: span(other.span()),
            text: expression_text(other, bindings.text),
        },
    }
}

fn reference_value(
    bindings: &mut Bindings<'_, '_>,
    expr: &Expression<'_>,
    at: oxc_span::Span,
) -> FunctionValue {
    let target = bindings
        .call_target(expr)
        .unwrap_or_else(|| Target::Unresolved { text: expression_text(expr, bindings.text) });
    FunctionValue::Reference {
        target,
        span: span(at),
        text: expression_text(expr, bindings.text),
        declaration_end: bindings.declaration_end(expr),
    }
}
