//! TanStack Query in a page: the prefetches its `preload` / `loader` export makes
//! (`prefetchQuery`, `ensureQueryData` and their infinite forms, following the local
//! functions it calls) and the reads the rest of the module makes (`useQuery`,
//! `useSuspenseQuery`, `createQuery`…), each with its options as far as they are known.

mod key;
mod options;

use std::collections::HashSet;

use kosmo_lint_core::facts::{OptionsCall, OptionsFactory, QueryOptions, QueryPrefetch};
use oxc_ast::AstKind;
use oxc_ast::ast::{
    Argument, ArrowFunctionExpression, BindingPattern, CallExpression, Declaration, Expression,
    Function, ModuleExportName, Program, Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_semantic::{ScopeFlags, SymbolId};

use crate::bindings::{Binding, Bindings};
use crate::span;
use key::Subst;
use options::{Resolved, factory_options, resolve, single_return};

/// The page exports a router calls to load data: Solid's `preload`, React Router's `loader`.
const DATA_EXPORTS: &[&str] = &["preload", "loader"];
/// `QueryClient` methods that fill the cache for a later read.
const PREFETCHES: &[&str] =
    &["prefetchQuery", "ensureQueryData", "prefetchInfiniteQuery", "ensureInfiniteQueryData"];
/// Hooks and primitives that read one query.
const READS: &[&str] = &[
    "useQuery",
    "useSuspenseQuery",
    "useInfiniteQuery",
    "useSuspenseInfiniteQuery",
    "createQuery",
    "createInfiniteQuery",
];
/// Hooks that read several queries from one array: their keys are not read.
const MULTI_READS: &[&str] = &["useQueries", "useSuspenseQueries", "createQueries"];
/// How deep local functions called by a data export are followed.
const MAX_DEPTH: u32 = 4;

/// `@tanstack/react-query`, `@tanstack/solid-query`…
pub(crate) fn is_tanstack_source(source: &str) -> bool {
    source.strip_prefix("@tanstack/").is_some_and(|name| name.ends_with("-query"))
}

/// The prefetches of the data exports and the reads of the rest of the module; nothing for
/// a module that imports no TanStack Query package (its reads would come from one).
pub(crate) fn extract<'a>(
    program: &Program<'a>,
    bindings: &mut Bindings<'_, 'a>,
) -> (Vec<QueryPrefetch>, Vec<QueryOptions>) {
    let imports_query = program.body.iter().any(|stmt| {
        matches!(stmt, Statement::ImportDeclaration(import) if is_tanstack_source(&import.source.value))
    });
    if !imports_query {
        return (Vec::new(), Vec::new());
    }
    let exports = data_exports(program, bindings);
    let mut prefetches = Vec::new();
    for (export, function) in &exports {
        let mut collector =
            Prefetches { bindings, export, found: Vec::new(), visited: HashSet::new(), depth: 0 };
        function.visit(&mut collector);
        prefetches.append(&mut collector.found);
    }
    let excluded = exports.iter().map(|(_, function)| function.span()).collect();
    let mut reads = Reads { bindings, excluded, found: Vec::new() };
    reads.visit_program(program);
    (prefetches, reads.found)
}

/// A data export's function.
#[derive(Clone, Copy)]
enum DataFunction<'p, 'a> {
    Function(&'p Function<'a>),
    Arrow(&'p ArrowFunctionExpression<'a>),
}

impl<'p, 'a: 'p> DataFunction<'p, 'a> {
    fn span(self) -> oxc_span::Span {
        match self {
            Self::Function(func) => func.span,
            Self::Arrow(arrow) => arrow.span,
        }
    }

    fn visit<V: Visit<'a>>(self, visitor: &mut V) {
        match self {
            Self::Function(func) => {
                if let Some(body) = &func.body {
                    visitor.visit_function_body(body);
                }
            }
            Self::Arrow(arrow) => visitor.visit_arrow_function_body(&arrow.body),
        }
    }

    fn of_expression(expr: &'p Expression<'a>, bindings: &mut Bindings<'_, 'a>) -> Option<Self> {
        match expr.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => Some(Self::Arrow(arrow)),
            Expression::FunctionExpression(func) => Some(Self::Function(func)),
            Expression::Identifier(ident) => {
                let symbol = bindings.symbol_of(ident)?;
                Self::of_symbol(symbol, bindings)
            }
            _ => None,
        }
    }

    /// The local function a name is bound to.
    fn of_symbol(symbol: SymbolId, bindings: &mut Bindings<'_, 'a>) -> Option<Self> {
        let Binding::Function { .. } = bindings.resolve_symbol(symbol) else { return None };
        match bindings.semantic.symbol_declaration(symbol).kind() {
            AstKind::Function(func) => Some(Self::Function(func)),
            AstKind::VariableDeclarator(decl) => match decl.init.as_ref()?.get_inner_expression() {
                Expression::ArrowFunctionExpression(arrow) => Some(Self::Arrow(arrow)),
                Expression::FunctionExpression(func) => Some(Self::Function(func)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// `export const loader = …`, `export function loader() {}`, `export { load as loader }`.
fn data_exports<'p, 'a>(
    program: &'p Program<'a>,
    bindings: &mut Bindings<'_, 'a>,
) -> Vec<(String, DataFunction<'p, 'a>)> {
    let mut found = Vec::new();
    for stmt in &program.body {
        match stmt {
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(var) => {
                    for declarator in &var.declarations {
                        let BindingPattern::BindingIdentifier(id) = &declarator.id else {
                            continue;
                        };
                        if !DATA_EXPORTS.contains(&id.name.as_str()) {
                            continue;
                        }
                        let function = declarator
                            .init
                            .as_ref()
                            .and_then(|init| DataFunction::of_expression(init, bindings));
                        if let Some(function) = function {
                            found.push((id.name.to_string(), function));
                        }
                    }
                }
                Declaration::FunctionDeclaration(func) => {
                    if let Some(id) = &func.id
                        && DATA_EXPORTS.contains(&id.name.as_str())
                    {
                        found.push((id.name.to_string(), DataFunction::Function(func)));
                    }
                }
                _ => {}
            },
            Statement::ExportNamedDeclaration(named) => {
                for specifier in &named.specifiers {
                    let exported = specifier.exported.name();
                    if !DATA_EXPORTS.contains(&exported.as_str()) {
                        continue;
                    }
                    let ModuleExportName::IdentifierReference(local) = &specifier.local else {
                        continue;
                    };
                    let function = bindings
                        .symbol_of(local)
                        .and_then(|symbol| DataFunction::of_symbol(symbol, bindings));
                    if let Some(function) = function {
                        found.push((exported.to_string(), function));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The options a prefetch or read is called with: its first argument (for Solid, the
/// function returning them).
fn call_options<'a>(
    bindings: &mut Bindings<'_, 'a>,
    function: &str,
    call: &CallExpression<'a>,
) -> QueryOptions {
    let resolved = match call.arguments.first().and_then(Argument::as_expression) {
        Some(argument) => argument_options(bindings, argument),
        None => Resolved::default(),
    };
    QueryOptions {
        function: function.to_owned(),
        span: span(call.span),
        key: resolved.key,
        query_fn: resolved.query_fn,
        options_call: resolved.options_call,
        conditional: resolved.conditional,
    }
}

/// Solid Query takes a function that returns the options (`createQuery(() => ({…}))`, or a
/// factory itself: `createQuery(usersQuery)`); React Query the options.
fn argument_options<'a>(bindings: &mut Bindings<'_, 'a>, argument: &Expression<'a>) -> Resolved {
    let subst = Subst::new();
    match argument.get_inner_expression() {
        Expression::ArrowFunctionExpression(arrow) => {
            let returned =
                arrow.get_expression().or_else(|| single_return(arrow.get_function_body()?));
            returned.map_or_else(Resolved::default, |r| resolve(bindings, r, &subst, 0))
        }
        Expression::FunctionExpression(func) => func
            .body
            .as_ref()
            .and_then(|body| single_return(body))
            .map_or_else(Resolved::default, |r| resolve(bindings, r, &subst, 0)),
        reference @ Expression::Identifier(ident) => match bindings.classify(reference) {
            Binding::Function { name, symbol } => {
                let declared_at = bindings.semantic.scoping().symbol_span(symbol).start;
                let options_call = OptionsCall {
                    factory: OptionsFactory::Local { name, declared_at },
                    span: span(ident.span),
                    args: Some(Vec::new()),
                };
                factory_options(bindings, symbol, &[], &subst, 0, options_call)
            }
            _ => resolve(bindings, reference, &subst, 0),
        },
        other => resolve(bindings, other, &subst, 0),
    }
}

/// The prefetches in a data export and the local functions it calls.
struct Prefetches<'b, 'e, 's, 'a> {
    bindings: &'b mut Bindings<'s, 'a>,
    export: &'e str,
    found: Vec<QueryPrefetch>,
    visited: HashSet<SymbolId>,
    depth: u32,
}

impl<'a> Visit<'a> for Prefetches<'_, '_, '_, 'a> {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        let method = call
            .callee
            .get_inner_expression()
            .as_member_expression()
            .and_then(oxc_ast::ast::MemberExpression::static_property_name)
            .filter(|name| PREFETCHES.contains(name));
        if let Some(method) = method {
            let options = call_options(self.bindings, method, call);
            self.found.push(QueryPrefetch { export: self.export.to_owned(), options });
        } else if let Binding::Function { symbol, .. } = self.bindings.classify(&call.callee)
            && self.depth < MAX_DEPTH
            && self.visited.insert(symbol)
            && let Some(function) = DataFunction::of_symbol(symbol, self.bindings)
        {
            self.depth += 1;
            function.visit(self);
            self.depth -= 1;
        }
        walk::walk_call_expression(self, call);
    }
}

/// The reads of the module outside its data exports.
struct Reads<'b, 's, 'a> {
    bindings: &'b mut Bindings<'s, 'a>,
    excluded: Vec<oxc_span::Span>,
    found: Vec<QueryOptions>,
}

impl<'a> Visit<'a> for Reads<'_, '_, 'a> {
    fn visit_function(&mut self, func: &Function<'a>, flags: ScopeFlags) {
        if !self.excluded.contains(&func.span) {
            walk::walk_function(self, func, flags);
        }
    }

    fn visit_arrow_function_expression(&mut self, arrow: &ArrowFunctionExpression<'a>) {
        if !self.excluded.contains(&arrow.span) {
            walk::walk_arrow_function_expression(self, arrow);
        }
    }

    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        // Only callees named like a read are resolved: most calls are not.
        let named = match call.callee.get_inner_expression() {
            Expression::Identifier(ident) => Some(ident.name.as_str()),
            other => other
                .as_member_expression()
                .and_then(oxc_ast::ast::MemberExpression::static_property_name),
        };
        if named.is_some_and(|name| READS.contains(&name) || MULTI_READS.contains(&name))
            && let Binding::Imported { source, export, .. } = self.bindings.classify(&call.callee)
            && is_tanstack_source(&source)
        {
            if READS.contains(&export.as_str()) {
                let options = call_options(self.bindings, &export, call);
                self.found.push(options);
            } else if MULTI_READS.contains(&export.as_str()) {
                self.found.push(QueryOptions {
                    function: export,
                    span: span(call.span),
                    key: None,
                    query_fn: None,
                    options_call: None,
                    conditional: false,
                });
            }
        }
        walk::walk_call_expression(self, call);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use kosmo_lint_core::facts::FileFacts;
    use kosmo_lint_core::walk::FileKind;

    /// The deepest keys the facts keep still decode under the cache's nesting limit.
    #[test]
    fn the_deepest_keys_round_trip_through_the_cache_encoding() {
        let text = r#"import { useQuery } from "@tanstack/react-query";
import fetchClients from "_/fetch";
import { getQueryClient } from "_/query";
export const loader = () => getQueryClient().prefetchQuery({ queryKey: [{ a: { b: { c: { d: 1 } } } }], queryFn: () => fetchClients.users.GET([], { query: { a: { b: { c: { d: 1 } } } } }) });
const Page = () => useQuery({ queryKey: [{ a: { b: { c: { d: { e: 1 } } } } }] });
"#;
        let facts = crate::extract_text(FileKind::Page, Path::new("pages/p/index.tsx"), text);
        let page = facts.page.as_deref().expect("page facts");
        let [prefetch] = page.query_prefetches.as_slice() else { panic!("{page:?}") };
        assert!(prefetch.options.key.is_some());
        assert!(prefetch.options.query_fn.as_ref().is_some_and(|f| f.args.is_some()));
        // One level deeper than the facts keep: unknown.
        assert_eq!(page.query_reads[0].key, None);
        let bytes = rmp_serde::to_vec(&facts).unwrap();
        let back: FileFacts = crate::cache_format::decode_msgpack(&bytes).unwrap();
        assert_eq!(back, facts);
    }
}
