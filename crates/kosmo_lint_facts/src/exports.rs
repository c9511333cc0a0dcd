//! A module's exports as the module graph follows them: what each exported function or
//! `query()` wrapper reaches, which exported names are the fetch map or a route's client
//! under another name, and what is re-exported from elsewhere.

use kosmo_lint_core::facts::{ExportedName, ExportedValue, ModuleExports, Target};
use oxc_ast::ast::{
    BindingPattern, Declaration, ExportDefaultDeclarationKind, Expression, ModuleExportName,
    Program, Statement,
};

use crate::bindings::{Binding, Bindings, import_binding};

/// The exports of `program`; the module's `query()` wrappers are those `bindings` registered.
pub(crate) fn extract<'a>(program: &Program<'a>, bindings: &mut Bindings<'_, 'a>) -> ModuleExports {
    let mut exports = ModuleExports::default();
    for stmt in &program.body {
        match stmt {
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(var) => {
                    for declarator in &var.declarations {
                        if let BindingPattern::BindingIdentifier(id) = &declarator.id
                            && let Some(symbol) = id.symbol_id.get()
                        {
                            let binding = bindings.resolve_symbol(symbol);
                            exports.add(id.name.as_str(), value_of(bindings, binding));
                        }
                    }
                }
                Declaration::FunctionDeclaration(func) => {
                    if let Some(id) = &func.id
                        && let Some(symbol) = id.symbol_id.get()
                    {
                        let binding = bindings.resolve_symbol(symbol);
                        exports.add(id.name.as_str(), value_of(bindings, binding));
                    }
                }
                _ => {}
            },
            Statement::ExportNamedDeclaration(named) => {
                for specifier in &named.specifiers {
                    let value = match &specifier.local {
                        ModuleExportName::IdentifierReference(local) => {
                            match bindings.resolve_ident(local) {
                                Some(binding) => value_of(bindings, binding),
                                None => ExportedValue::Other,
                            }
                        }
                        _ => ExportedValue::Other,
                    };
                    exports.add(specifier.exported.name().as_str(), value);
                }
            }
            Statement::ExportFromDeclaration(from) => {
                let source = from.source.value.as_str();
                for specifier in &from.specifiers {
                    let name = specifier.local.name().to_string();
                    // A re-export of generated code binds what the import of it would.
                    let value = match import_binding(source, Some(&name), &name) {
                        Binding::Imported { .. } => {
                            ExportedValue::ReExport { source: source.to_owned(), name: Some(name) }
                        }
                        generated => value_of(bindings, generated),
                    };
                    exports.add(specifier.exported.name().as_str(), value);
                }
            }
            Statement::ExportAllDeclaration(all) => {
                let source = all.source.value.to_string();
                match &all.exported {
                    Some(name) => exports
                        .add(name.name().as_str(), ExportedValue::ReExport { source, name: None }),
                    None => exports.star.push(source),
                }
            }
            Statement::ExportDefaultDeclaration(default) => {
                let value = match &default.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(func) => {
                        let calls =
                            func.body.as_ref().map(|b| bindings.body_calls(b)).unwrap_or_default();
                        let name = func.id.as_ref().map_or("default", |id| id.name.as_str());
                        ExportedValue::Callable {
                            target: Target::LocalFunction { name: name.to_owned(), calls },
                        }
                    }
                    kind => match kind.as_expression() {
                        Some(expr) => expression_value(bindings, expr),
                        None => ExportedValue::Other,
                    },
                };
                exports.add("default", value);
            }
            _ => {}
        }
    }
    exports.queries = std::mem::take(&mut bindings.queries);
    exports
}

/// `export default <expression>`.
fn expression_value<'a>(bindings: &mut Bindings<'_, 'a>, expr: &Expression<'a>) -> ExportedValue {
    match expr.get_inner_expression() {
        function @ (Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)) => {
            let calls = bindings.function_calls(function);
            ExportedValue::Callable {
                target: Target::LocalFunction { name: "default".to_owned(), calls },
            }
        }
        other => {
            let binding = bindings.classify(other);
            value_of(bindings, binding)
        }
    }
}

/// What a name bound this way holds, for its importers.
fn value_of(bindings: &mut Bindings<'_, '_>, binding: Binding) -> ExportedValue {
    match binding {
        Binding::ClientMap { folder } => ExportedValue::ClientMap { folder },
        Binding::ClientRoute { folder, route } => ExportedValue::ClientRoute { folder, route },
        Binding::ResponseTypeMap { folder } => ExportedValue::ResponseTypeMap { folder },
        // An imported name passed on: whatever that module exports under it.
        Binding::Imported { source, export, .. } => {
            ExportedValue::ReExport { source, name: (export != "*").then_some(export) }
        }
        other => match bindings.target_of(other) {
            Some(target) => ExportedValue::Callable { target },
            None => ExportedValue::Other,
        },
    }
}

trait AddExport {
    fn add(&mut self, name: &str, value: ExportedValue);
}

impl AddExport for ModuleExports {
    fn add(&mut self, name: &str, value: ExportedValue) {
        self.names.push(ExportedName { name: name.to_owned(), value });
    }
}
