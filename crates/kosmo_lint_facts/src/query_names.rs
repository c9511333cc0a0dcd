//! The names of Solid Router's `query(fn, name)` wrappers (and of the deprecated alias
//! `cache`), wherever they are called in a module, for `query-name-unique`.
//!
//! Only a callee that resolves to the router's import counts: a local `query`, a parameter
//! that shadows the import, or another package's `query` is not Solid Router's.

use kosmo_lint_core::facts::QueryName;
use oxc_ast::ast::{
    Argument, CallExpression, Expression, ImportDeclarationSpecifier, ImportOrExportKind, Program,
    Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_semantic::{Semantic, SymbolId};
use oxc_span::GetSpan;

use crate::span;

/// Whether a module may call the router's `query`: it names the package.
pub(crate) fn may_call(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"@solidjs/router").is_some()
}

pub(crate) fn collect(program: &Program<'_>, semantic: &Semantic<'_>) -> Vec<QueryName> {
    let imports = RouterImports::of(program);
    if imports.named.is_empty() && imports.namespaces.is_empty() {
        return Vec::new();
    }
    let mut finder = Finder { semantic, imports, names: Vec::new() };
    finder.visit_program(program);
    finder.names
}

/// The symbols the module binds to the router's `query` / `cache` (with whether it is
/// `cache`) and to a namespace import of the router.
#[derive(Default)]
struct RouterImports {
    named: Vec<(SymbolId, bool)>,
    namespaces: Vec<SymbolId>,
}

impl RouterImports {
    fn of(program: &Program<'_>) -> Self {
        let mut imports = Self::default();
        for stmt in &program.body {
            let Statement::ImportDeclaration(import) = stmt else { continue };
            if import.source.value != "@solidjs/router"
                || import.import_kind == ImportOrExportKind::Type
            {
                continue;
            }
            for specifier in import.specifiers.iter().flatten() {
                match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(named)
                        if named.import_kind == ImportOrExportKind::Value =>
                    {
                        let imported = named.imported.name();
                        if (imported == "query" || imported == "cache")
                            && let Some(symbol) = named.local.symbol_id.get()
                        {
                            imports.named.push((symbol, imported == "cache"));
                        }
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(namespace) => {
                        imports.namespaces.extend(namespace.local.symbol_id.get());
                    }
                    _ => {}
                }
            }
        }
        imports
    }
}

struct Finder<'s, 'a> {
    semantic: &'s Semantic<'a>,
    imports: RouterImports,
    names: Vec<QueryName>,
}

impl Finder<'_, '_> {
    fn symbol_of(&self, expr: &Expression<'_>) -> Option<SymbolId> {
        let Expression::Identifier(ident) = expr.get_inner_expression() else { return None };
        let reference = ident.reference_id.get()?;
        self.semantic.scoping().get_reference(reference).symbol_id()
    }

    /// `Some(is_cache)` when `callee` is the router's `query` or `cache`.
    fn router_query(&self, callee: &Expression<'_>) -> Option<bool> {
        let callee = callee.get_inner_expression();
        if let Some(member) = callee.as_member_expression() {
            let property = member.static_property_name()?;
            let namespace = self.symbol_of(member.object())?;
            return (self.imports.namespaces.contains(&namespace)
                && matches!(property, "query" | "cache"))
            .then_some(property == "cache");
        }
        let symbol = self.symbol_of(callee)?;
        self.imports.named.iter().find(|(s, _)| *s == symbol).map(|(_, cache)| *cache)
    }
}

impl<'a> Visit<'a> for Finder<'_, 'a> {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if let Some(cache) = self.router_query(&call.callee) {
            let (key, at, missing) = match call.arguments.get(1) {
                Some(argument) => (literal(argument), span(argument.span()), false),
                None => (None, span(call.span), true),
            };
            self.names.push(QueryName { key, span: at, cache, missing });
        }
        walk::walk_call_expression(self, call);
    }
}

/// The string a name argument certainly is: a string literal or a template literal without
/// substitutions (`as const` and parentheses around either change nothing).
fn literal(argument: &Argument<'_>) -> Option<String> {
    match argument.as_expression()?.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            t.quasis.first()?.value.cooked.map(|c| c.to_string())
        }
        _ => None,
    }
}
