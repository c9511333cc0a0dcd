//! Every place in a file that names a generated fetch client's route or member (spec §4,
//! §8.1–8.2): per-route module imports, `fetchClients["route"]` / `fetchClients.route`,
//! destructurings and aliases of a route's client, and `ResponseT["route"]["METHOD"]`.

use kosmo_lint_core::facts::{FetchClientRef, RefForm, StringLiteral};
use std::collections::HashSet;

use oxc_ast::ast::{
    BindingPattern, ExportFromDeclaration, Expression, ImportDeclaration,
    ImportDeclarationSpecifier, MemberExpression, Program, Statement, TSIndexedAccessType,
    TSLiteral, TSType, TSTypeName, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::bindings::{Binding, Bindings, FetchModule};
use crate::span;

pub(crate) fn collect<'a>(
    program: &Program<'a>,
    bindings: &mut Bindings<'_, 'a>,
) -> Vec<FetchClientRef> {
    // Only names bound to generated modules (and names derived from them) can reach a
    // client; every other member expression is passed over without resolving anything.
    let mut candidates = HashSet::new();
    let mut re_exports = false;
    for stmt in &program.body {
        match stmt {
            Statement::ImportDeclaration(import)
                if FetchModule::of(import.source.value.as_str()).is_some() =>
            {
                for specifier in import.specifiers.iter().flatten() {
                    candidates.insert(specifier.local().name.to_string());
                }
            }
            Statement::ExportFromDeclaration(export) => {
                re_exports |= FetchModule::of(export.source.value.as_str()).is_some();
            }
            _ => {}
        }
    }
    if candidates.is_empty() && !re_exports {
        return Vec::new();
    }
    let mut collector = RefCollector { bindings, refs: Vec::new(), candidates };
    collector.visit_program(program);
    collector.refs
}

struct RefCollector<'b, 's, 'a> {
    bindings: &'b mut Bindings<'s, 'a>,
    refs: Vec<FetchClientRef>,
    /// Names that may stand for a client: imports of generated modules and their aliases.
    candidates: HashSet<String>,
}

/// The identifier a member chain starts from: `a` in `a.b["c"].d`.
fn root_name<'x>(expr: &'x Expression<'_>) -> Option<&'x str> {
    let mut expr = expr.get_inner_expression();
    while let Some(member) = expr.as_member_expression() {
        expr = member.object().get_inner_expression();
    }
    match expr {
        Expression::Identifier(ident) => Some(ident.name.as_str()),
        _ => None,
    }
}

/// The names a declaration binds: `a`, and `b`, `c` in `{ b, x: c }`.
fn bound_names<'x>(pattern: &'x BindingPattern<'_>, out: &mut Vec<&'x str>) {
    match pattern {
        BindingPattern::BindingIdentifier(id) => out.push(id.name.as_str()),
        BindingPattern::ObjectPattern(object) => {
            object.properties.iter().for_each(|p| bound_names(&p.value, out));
        }
        BindingPattern::ArrayPattern(array) => {
            array.elements.iter().flatten().for_each(|p| bound_names(p, out));
        }
        BindingPattern::AssignmentPattern(assign) => bound_names(&assign.left, out),
    }
}

fn literal(value: &str, at: oxc_span::Span) -> StringLiteral {
    StringLiteral { value: value.to_owned(), span: span(at) }
}

impl RefCollector<'_, '_, '_> {
    fn push(
        &mut self,
        route: &str,
        route_span: oxc_span::Span,
        member: Option<StringLiteral>,
        form: RefForm,
    ) {
        self.refs.push(FetchClientRef {
            route: route.to_owned(),
            route_span: span(route_span),
            member,
            form,
        });
    }

    /// `map["route"]` / `map.route`: the route and where its name is written.
    fn map_key<'x>(
        &mut self,
        member: &'x MemberExpression<'_>,
    ) -> Option<(&'x str, oxc_span::Span)> {
        let (key_span, key) = member.static_property_info()?;
        matches!(self.bindings.classify(member.object()), Binding::ClientMap)
            .then_some((key, key_span))
    }
}

impl<'a> Visit<'a> for RefCollector<'_, '_, 'a> {
    fn visit_import_declaration(&mut self, import: &ImportDeclaration<'a>) {
        let Some(FetchModule::Route(route)) = FetchModule::of(import.source.value.as_str()) else {
            return;
        };
        self.push(&route, import.source.span, None, RefForm::RouteModule);
        for specifier in import.specifiers.iter().flatten() {
            if let ImportDeclarationSpecifier::ImportSpecifier(named) = specifier {
                let member = literal(named.imported.name().as_str(), named.imported.span());
                self.push(&route, named.imported.span(), Some(member), RefForm::Member);
            }
        }
    }

    /// `export { GET as preload } from "@front/{api}/users/fetch"` names the route and the
    /// method as an import does.
    fn visit_export_from_declaration(&mut self, export: &ExportFromDeclaration<'a>) {
        let Some(FetchModule::Route(route)) = FetchModule::of(export.source.value.as_str()) else {
            return;
        };
        self.push(&route, export.source.span, None, RefForm::RouteModule);
        // A re-exported `default` is the whole client, as a default import is.
        for specifier in export.specifiers.iter().filter(|s| s.local.name() != "default") {
            let member = literal(specifier.local.name().as_str(), specifier.local.span());
            self.push(&route, specifier.local.span(), Some(member), RefForm::Member);
        }
    }

    fn visit_member_expression(&mut self, member: &MemberExpression<'a>) {
        if !root_name(member.object()).is_some_and(|name| self.candidates.contains(name)) {
            walk::walk_member_expression(self, member);
            return;
        }
        let Some((property_span, property)) = member.static_property_info() else {
            walk::walk_member_expression(self, member);
            return;
        };
        // `map["route"].GET`: one reference naming both, the inner member is not visited.
        if let Some(inner) = member.object().get_inner_expression().as_member_expression()
            && let Some((route, route_span)) = self.map_key(inner)
        {
            let route = route.to_owned();
            self.push(
                &route,
                route_span,
                Some(literal(property, property_span)),
                RefForm::ClientMap,
            );
            return;
        }
        if let Some((route, route_span)) = self.map_key(member) {
            let route = route.to_owned();
            self.push(&route, route_span, None, RefForm::ClientMap);
            return;
        }
        if let Expression::Identifier(object) = member.object().get_inner_expression()
            && let Some(Binding::ClientRoute { route }) = self.bindings.resolve_ident(object)
        {
            self.push(
                &route,
                property_span,
                Some(literal(property, property_span)),
                RefForm::Member,
            );
            return;
        }
        walk::walk_member_expression(self, member);
    }

    fn visit_variable_declarator(&mut self, decl: &VariableDeclarator<'a>) {
        let from_candidate = decl
            .init
            .as_ref()
            .and_then(root_name)
            .is_some_and(|name| self.candidates.contains(name));
        if !from_candidate {
            walk::walk_variable_declarator(self, decl);
            return;
        }
        let mut names = Vec::new();
        bound_names(&decl.id, &mut names);
        self.candidates.extend(names.into_iter().map(str::to_owned));
        if let (BindingPattern::ObjectPattern(pattern), Some(init)) = (&decl.id, &decl.init) {
            let source = self.bindings.classify(init);
            for prop in &pattern.properties {
                let Some(key) = prop.key.static_name() else { continue };
                let key_span = prop.key.span();
                match &source {
                    Binding::ClientMap => self.push(&key, key_span, None, RefForm::ClientMap),
                    Binding::ClientRoute { route } => {
                        let route = route.clone();
                        self.push(&route, key_span, Some(literal(&key, key_span)), RefForm::Member);
                    }
                    _ => {}
                }
            }
        }
        walk::walk_variable_declarator(self, decl);
    }

    fn visit_ts_indexed_access_type(&mut self, access: &TSIndexedAccessType<'a>) {
        let string_index = |t: &TSType<'_>| match t {
            TSType::TSLiteralType(lit) => match &lit.literal {
                TSLiteral::StringLiteral(s) => Some((s.value.to_string(), s.span)),
                _ => None,
            },
            _ => None,
        };
        let is_response_map = |this: &mut Self, t: &TSType<'_>| match t {
            TSType::TSTypeReference(r) => match &r.type_name {
                TSTypeName::IdentifierReference(id)
                    if this.candidates.contains(id.name.as_str()) =>
                {
                    matches!(this.bindings.resolve_ident(id), Some(Binding::ResponseTypeMap))
                }
                _ => false,
            },
            _ => false,
        };
        if let TSType::TSIndexedAccessType(inner) = &access.object_type
            && is_response_map(self, &inner.object_type)
            && let Some((route, route_span)) = string_index(&inner.index_type)
        {
            let member = string_index(&access.index_type).map(|(m, s)| literal(&m, s));
            self.push(&route, route_span, member, RefForm::ResponseType);
            return;
        }
        if is_response_map(self, &access.object_type)
            && let Some((route, route_span)) = string_index(&access.index_type)
        {
            self.push(&route, route_span, None, RefForm::ResponseType);
            return;
        }
        walk::walk_ts_indexed_access_type(self, access);
    }
}
