//! Keys read off names imported from the project's own modules, the way a generated client
//! is read: `api["users/[id]"].GET(…)` with `api` imported from `~/lib/api`. Whether such a
//! key is a fetch-client reference depends on what the module exports under that name (the
//! fetch map, a route's client, `ResponseT`), which the module graph tells the rules; the
//! file records only the keys, small.
//!
//! Recorded: a key written as a string (`api["users"]`, `Api["users"]["GET"]` in a type),
//! and a key read by name (`api.users.GET`, `users.GET`, `const { GET } = users`) only when
//! it, or the member read off it, is an HTTP method: that is what a client is read for, and
//! it keeps out the many `styles.button`, `React.useState` reads of ordinary imports.

use std::collections::HashSet;

use kosmo_lint_core::HttpMethod;
use kosmo_lint_core::facts::{ImportedClientRef, ImportedRefForm, StringLiteral};
use oxc_ast::ast::{
    BindingPattern, Expression, MemberExpression, Program, PropertyKey, Statement,
    TSIndexedAccessType, TSLiteral, TSType, TSTypeName, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::bindings::{Binding, Bindings};
use crate::fetch_refs::{bound_names, root_name};
use crate::span;

pub(crate) fn collect<'a>(
    program: &Program<'a>,
    bindings: &mut Bindings<'_, 'a>,
) -> Vec<ImportedClientRef> {
    // Only names bound to imports of modules that are not generated code (and names derived
    // from them) can be such a client.
    let mut candidates = HashSet::new();
    for stmt in &program.body {
        let Statement::ImportDeclaration(import) = stmt else { continue };
        // A bare package name (`solid-js`, `react`) is never the project's alias of the
        // fetch map; scoped names stay, since `@front/…` may be a folder alias.
        if import.source.value.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            continue;
        }
        for specifier in import.specifiers.iter().flatten() {
            let local = specifier.local();
            let imported = local.symbol_id.get().is_some_and(|symbol| {
                matches!(bindings.resolve_symbol(symbol), Binding::Imported { .. })
            });
            if imported {
                candidates.insert(local.name.to_string());
            }
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut collector = Collector { bindings, refs: Vec::new(), candidates };
    collector.visit_program(program);
    collector.refs
}

/// The cheap test that decides whether a helper module is analysed for these keys: a key
/// written as a string, or an HTTP method's name.
pub(crate) fn may_read_imported_client(text: &str) -> bool {
    let bytes = text.as_bytes();
    let found = |needle: &str| memchr::memmem::find(bytes, needle.as_bytes()).is_some();
    ["[\"", "['", "[`"].into_iter().any(found)
        || HttpMethod::ALL.into_iter().any(|method| found(method.as_str()))
}

fn is_method(name: &str) -> bool {
    name.parse::<HttpMethod>().is_ok()
}

fn literal(value: &str, at: oxc_span::Span) -> StringLiteral {
    StringLiteral { value: value.to_owned(), span: span(at) }
}

/// A key and whether it is written as a string (`["users"]`) rather than a name (`.users`).
struct Key<'x> {
    name: &'x str,
    span: oxc_span::Span,
    quoted: bool,
}

impl<'x> Key<'x> {
    fn of_member(member: &'x MemberExpression<'_>) -> Option<Self> {
        let (span, name) = member.static_property_info()?;
        let quoted = matches!(member, MemberExpression::ComputedMemberExpression(_));
        Some(Self { name, span, quoted })
    }
}

/// An import read as a client: its specifier and the name it imports.
struct Import {
    source: String,
    export: String,
}

struct Collector<'b, 's, 'a> {
    bindings: &'b mut Bindings<'s, 'a>,
    refs: Vec<ImportedClientRef>,
    /// Names that may stand for such a client: the imports and their aliases.
    candidates: HashSet<String>,
}

impl Collector<'_, '_, '_> {
    /// The import an expression names, when it names one value of it (a namespace's member
    /// is its export; the namespace itself is no client).
    fn import_of(&mut self, expr: &Expression<'_>) -> Option<Import> {
        match self.bindings.classify(expr) {
            Binding::Imported { source, export, .. } if export != "*" => {
                Some(Import { source, export })
            }
            _ => None,
        }
    }

    /// `import.key` / `import["key"]`: the import and the key.
    fn imported_key<'x>(&mut self, member: &'x MemberExpression<'_>) -> Option<(Import, Key<'x>)> {
        let key = Key::of_member(member)?;
        Some((self.import_of(member.object())?, key))
    }

    fn push(&mut self, import: Import, key: &Key<'_>, member: Option<&Key<'_>>) {
        let worth_it = key.quoted
            || is_method(key.name)
            || member.is_some_and(|m| m.quoted || is_method(m.name));
        if !worth_it {
            return;
        }
        self.refs.push(ImportedClientRef {
            source: import.source,
            export: import.export,
            key: literal(key.name, key.span),
            member: member.map(|m| literal(m.name, m.span)),
            form: ImportedRefForm::Key,
        });
    }

    /// `alias.member` where the alias holds `import["key"]`: the key is checked where the
    /// alias is declared; here, only a method can be wrong.
    fn push_alias_member(&mut self, alias: Binding, member: &Key<'_>) {
        let Binding::ImportedKey { source, export, key } = alias else { return };
        if !is_method(member.name) {
            return;
        }
        self.refs.push(ImportedClientRef {
            source,
            export,
            key: literal(&key, member.span),
            member: Some(literal(member.name, member.span)),
            form: ImportedRefForm::Alias,
        });
    }

    /// The import a type names (`Api` in `Api["users"]`), when it names one.
    fn import_of_type(&mut self, t: &TSType<'_>) -> Option<Import> {
        let TSType::TSTypeReference(reference) = t else { return None };
        let TSTypeName::IdentifierReference(id) = &reference.type_name else { return None };
        if !self.candidates.contains(id.name.as_str()) {
            return None;
        }
        match self.bindings.resolve_ident(id)? {
            Binding::Imported { source, export, .. } if export != "*" => {
                Some(Import { source, export })
            }
            _ => None,
        }
    }

    fn push_type(&mut self, import: Import, key: &Key<'_>, member: Option<&Key<'_>>) {
        self.refs.push(ImportedClientRef {
            source: import.source,
            export: import.export,
            key: literal(key.name, key.span),
            member: member.map(|m| literal(m.name, m.span)),
            form: ImportedRefForm::Type,
        });
    }
}

/// A string literal used as a type index: `"users"` in `Api["users"]`.
fn string_index<'x>(t: &'x TSType<'_>) -> Option<Key<'x>> {
    match t {
        TSType::TSLiteralType(lit) => match &lit.literal {
            TSLiteral::StringLiteral(s) => {
                Some(Key { name: s.value.as_str(), span: s.span, quoted: true })
            }
            _ => None,
        },
        _ => None,
    }
}

impl<'a> Visit<'a> for Collector<'_, '_, 'a> {
    fn visit_member_expression(&mut self, member: &MemberExpression<'a>) {
        if !root_name(member.object()).is_some_and(|name| self.candidates.contains(name)) {
            walk::walk_member_expression(self, member);
            return;
        }
        let Some(property) = Key::of_member(member) else {
            walk::walk_member_expression(self, member);
            return;
        };
        // `api["users"].GET`: one reference naming both; the inner member is not visited.
        if let Some(inner) = member.object().get_inner_expression().as_member_expression()
            && let Some((import, key)) = self.imported_key(inner)
        {
            self.push(import, &key, Some(&property));
            return;
        }
        if let Some(import) = self.import_of(member.object()) {
            self.push(import, &property, None);
            return;
        }
        if let Expression::Identifier(object) = member.object().get_inner_expression()
            && let Some(alias @ Binding::ImportedKey { .. }) = self.bindings.resolve_ident(object)
        {
            self.push_alias_member(alias, &property);
            return;
        }
        walk::walk_member_expression(self, member);
    }

    fn visit_variable_declarator(&mut self, decl: &VariableDeclarator<'a>) {
        let Some(init) = decl
            .init
            .as_ref()
            .filter(|init| root_name(init).is_some_and(|name| self.candidates.contains(name)))
        else {
            walk::walk_variable_declarator(self, decl);
            return;
        };
        let mut names = Vec::new();
        bound_names(&decl.id, &mut names);
        self.candidates.extend(names.into_iter().map(str::to_owned));
        if let BindingPattern::ObjectPattern(pattern) = &decl.id {
            let source = self.bindings.classify(init);
            for prop in &pattern.properties {
                let Some(name) = prop.key.static_name() else { continue };
                let quoted = matches!(prop.key, PropertyKey::StringLiteral(_));
                let key = Key { name: &name, span: prop.key.span(), quoted };
                match &source {
                    Binding::Imported { source, export, .. } if export != "*" => {
                        let import = Import { source: source.clone(), export: export.clone() };
                        self.push(import, &key, None);
                    }
                    alias @ Binding::ImportedKey { .. } => {
                        self.push_alias_member(alias.clone(), &key);
                    }
                    _ => {}
                }
            }
        }
        walk::walk_variable_declarator(self, decl);
    }

    fn visit_ts_indexed_access_type(&mut self, access: &TSIndexedAccessType<'a>) {
        // `Api["users"]["GET"]`: one reference naming both.
        if let TSType::TSIndexedAccessType(inner) = &access.object_type
            && let Some(import) = self.import_of_type(&inner.object_type)
            && let Some(key) = string_index(&inner.index_type)
        {
            let member = string_index(&access.index_type);
            self.push_type(import, &key, member.as_ref());
            return;
        }
        if let Some(import) = self.import_of_type(&access.object_type)
            && let Some(key) = string_index(&access.index_type)
        {
            self.push_type(import, &key, None);
            return;
        }
        walk::walk_ts_indexed_access_type(self, access);
    }
}
