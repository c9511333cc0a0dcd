//! Every place in a file that names a generated fetch client's route or member (spec §4,
//! §8.1–8.2): per-route module imports, `fetchClients["route"]` / `fetchClients.route`,
//! destructurings and aliases of a route's client, and `ResponseT["route"]["METHOD"]`.

use kosmo_lint_core::facts::{FetchClientRef, FolderImport, RefForm, StringLiteral};
use kosmo_lint_core::project::NamedFolder;
use std::collections::HashSet;

use oxc_ast::ast::{
    BindingPattern, ExportFromDeclaration, Expression, ImportDeclaration,
    ImportDeclarationSpecifier, MemberExpression, Program, Statement, TSIndexedAccessType,
    TSLiteral, TSType, TSTypeName, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::bindings::{Binding, Bindings};
use crate::fetch_module::{FetchModule, FetchModuleKind};
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

/// The imports and re-exports of generated fetch modules that name a source folder.
pub(crate) fn folder_imports(program: &Program<'_>) -> Vec<FolderImport> {
    program
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Statement::ImportDeclaration(import) => Some(&import.source),
            Statement::ExportFromDeclaration(export) => Some(&export.source),
            _ => None,
        })
        .filter_map(|source| {
            let folder = FetchModule::of(source.value.as_str())?.folder?;
            Some(FolderImport { folder, span: span(source.span) })
        })
        .collect()
}

struct RefCollector<'b, 's, 'a> {
    bindings: &'b mut Bindings<'s, 'a>,
    refs: Vec<FetchClientRef>,
    /// Names that may stand for a client: imports of generated modules and their aliases.
    candidates: HashSet<String>,
}

/// The identifier a member chain starts from: `a` in `a.b["c"].d`.
pub(crate) fn root_name<'x>(expr: &'x Expression<'_>) -> Option<&'x str> {
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
pub(crate) fn bound_names<'x>(pattern: &'x BindingPattern<'_>, out: &mut Vec<&'x str>) {
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
        folder: Option<&NamedFolder>,
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
            folder: folder.cloned(),
        });
    }

    /// `map["route"]` / `map.route`: the map's folder, the route and where its name is written.
    fn map_key<'x>(
        &mut self,
        member: &'x MemberExpression<'_>,
    ) -> Option<(Option<NamedFolder>, &'x str, oxc_span::Span)> {
        let (key_span, key) = member.static_property_info()?;
        match self.bindings.classify(member.object()) {
            Binding::ClientMap { folder } => Some((folder, key, key_span)),
            _ => None,
        }
    }

    /// The references a `from "<generated route module>"` clause makes: the module (the route)
    /// and each member it names.
    fn push_route_module<'x>(
        &mut self,
        source: &oxc_ast::ast::StringLiteral<'_>,
        members: impl Iterator<Item = (&'x str, oxc_span::Span)>,
    ) {
        let Some(FetchModule { folder, kind: FetchModuleKind::Route(route) }) =
            FetchModule::of(source.value.as_str())
        else {
            return;
        };
        let folder = folder.as_ref();
        self.push(folder, &route, source.span, None, RefForm::RouteModule);
        for (name, at) in members {
            self.push(folder, &route, at, Some(literal(name, at)), RefForm::Member);
        }
    }
}

impl<'a> Visit<'a> for RefCollector<'_, '_, 'a> {
    fn visit_import_declaration(&mut self, import: &ImportDeclaration<'a>) {
        let members = import.specifiers.iter().flatten().filter_map(|specifier| match specifier {
            ImportDeclarationSpecifier::ImportSpecifier(named) => {
                Some((named.imported.name().as_str(), named.imported.span()))
            }
            _ => None,
        });
        self.push_route_module(&import.source, members);
    }

    /// `export { GET as preload } from "@front/{api}/users/fetch"` names the route and the
    /// method as an import does.
    fn visit_export_from_declaration(&mut self, export: &ExportFromDeclaration<'a>) {
        // A re-exported `default` is the whole client, as a default import is.
        let members = export
            .specifiers
            .iter()
            .filter(|s| s.local.name() != "default")
            .map(|s| (s.local.name().as_str(), s.local.span()));
        self.push_route_module(&export.source, members);
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
            && let Some((folder, route, route_span)) = self.map_key(inner)
        {
            let route = route.to_owned();
            self.push(
                folder.as_ref(),
                &route,
                route_span,
                Some(literal(property, property_span)),
                RefForm::ClientMap,
            );
            return;
        }
        if let Some((folder, route, route_span)) = self.map_key(member) {
            let route = route.to_owned();
            self.push(folder.as_ref(), &route, route_span, None, RefForm::ClientMap);
            return;
        }
        if let Expression::Identifier(object) = member.object().get_inner_expression()
            && let Some(Binding::ClientRoute { folder, route }) =
                self.bindings.resolve_ident(object)
        {
            self.push(
                folder.as_ref(),
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
                    Binding::ClientMap { folder } => {
                        self.push(folder.as_ref(), &key, key_span, None, RefForm::ClientMap);
                    }
                    Binding::ClientRoute { folder, route } => {
                        let member = Some(literal(&key, key_span));
                        self.push(folder.as_ref(), route, key_span, member, RefForm::Member);
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
        // The folder of the `ResponseT` a type names, when it names one.
        let response_map = |this: &mut Self, t: &TSType<'_>| match t {
            TSType::TSTypeReference(r) => match &r.type_name {
                TSTypeName::IdentifierReference(id)
                    if this.candidates.contains(id.name.as_str()) =>
                {
                    match this.bindings.resolve_ident(id) {
                        Some(Binding::ResponseTypeMap { folder }) => Some(folder),
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        };
        if let TSType::TSIndexedAccessType(inner) = &access.object_type
            && let Some(folder) = response_map(self, &inner.object_type)
            && let Some((route, route_span)) = string_index(&inner.index_type)
        {
            let member = string_index(&access.index_type).map(|(m, s)| literal(&m, s));
            self.push(folder.as_ref(), &route, route_span, member, RefForm::ResponseType);
            return;
        }
        if let Some(folder) = response_map(self, &access.object_type)
            && let Some((route, route_span)) = string_index(&access.index_type)
        {
            self.push(folder.as_ref(), &route, route_span, None, RefForm::ResponseType);
            return;
        }
        walk::walk_ts_indexed_access_type(self, access);
    }
}
