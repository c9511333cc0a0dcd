//! Facts of a source folder's `kosmo.config.ts`: bases and the frontend stack.

use kosmo_lint_core::facts::ConfigFacts;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, ExportDefaultDeclarationKind, Expression, ObjectExpression,
    ObjectPropertyKind, Program, Statement,
};

pub(crate) fn extract(program: &Program<'_>) -> ConfigFacts {
    let mut facts = ConfigFacts::default();
    // G1–G4 `config/index.ts`: `export const baseurl = "/"; export const apiurl = "/api";`,
    // the API URL relative to the base.
    for (name, value) in exported_strings(program) {
        match name {
            "baseurl" => facts.base = Some(value),
            "apiurl" => facts.api_base = Some(value),
            _ => {}
        }
    }
    let Some(config) = default_export_object(program) else { return facts };
    facts.base = string_prop(config, "base");
    facts.api_base = string_prop(config, "apiBase");
    if let Some(frontend) = object_prop(config, "frontend") {
        facts.has_blocks = true;
        facts.base = string_prop(frontend, "base").or(facts.base);
        facts.frontend_stack = string_prop(frontend, "stack");
    }
    if let Some(backend) = object_prop(config, "backend") {
        facts.has_blocks = true;
        if let Some(base) = string_prop(backend, "base") {
            facts.api_base = Some(base);
            facts.api_base_is_absolute = true;
        }
    }
    if facts.frontend_stack.is_none() {
        facts.frontend_stack = generator_names(config)
            .find(|name| kosmo_lint_core::facts::Framework::from_stack(name).is_some());
    }
    facts
}

/// `export const name = "text"` statements.
fn exported_strings<'p>(program: &'p Program<'_>) -> impl Iterator<Item = (&'p str, String)> + 'p {
    program
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Statement::ExportDeclaration(export) => match &export.declaration {
                oxc_ast::ast::Declaration::VariableDeclaration(var) => {
                    Some(var.declarations.iter())
                }
                _ => None,
            },
            _ => None,
        })
        .flatten()
        .filter_map(|declarator| {
            let oxc_ast::ast::BindingPattern::BindingIdentifier(id) = &declarator.id else {
                return None;
            };
            match declarator.init.as_ref()?.without_parentheses() {
                Expression::StringLiteral(s) => Some((id.name.as_str(), s.value.to_string())),
                _ => None,
            }
        })
}

/// `export default defineConfig({ … })` or `export default { … }`.
fn default_export_object<'r, 'a>(program: &'r Program<'a>) -> Option<&'r ObjectExpression<'a>> {
    program.body.iter().find_map(|stmt| {
        let Statement::ExportDefaultDeclaration(export) = stmt else { return None };
        match &export.declaration {
            ExportDefaultDeclarationKind::ObjectExpression(obj) => Some(&**obj),
            ExportDefaultDeclarationKind::CallExpression(call) => {
                call.arguments.iter().find_map(|arg| match arg {
                    Argument::ObjectExpression(obj) => Some(&**obj),
                    _ => None,
                })
            }
            _ => None,
        }
    })
}

fn prop<'r, 'a>(obj: &'r ObjectExpression<'a>, name: &str) -> Option<&'r Expression<'a>> {
    obj.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if p.key.is_specific_static_name(name) => {
            Some(&p.value)
        }
        _ => None,
    })
}

fn string_prop(obj: &ObjectExpression<'_>, name: &str) -> Option<String> {
    match prop(obj, name)?.without_parentheses() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        _ => None,
    }
}

fn object_prop<'r, 'a>(
    obj: &'r ObjectExpression<'a>,
    name: &str,
) -> Option<&'r ObjectExpression<'a>> {
    match prop(obj, name)?.without_parentheses() {
        Expression::ObjectExpression(o) => Some(o),
        _ => None,
    }
}

/// `generators: [solidGenerator(), honoGenerator()]` → callee names.
fn generator_names<'r>(obj: &'r ObjectExpression<'_>) -> impl Iterator<Item = String> + 'r {
    let array = match prop(obj, "generators").map(Expression::without_parentheses) {
        Some(Expression::ArrayExpression(array)) => Some(array),
        _ => None,
    };
    array.into_iter().flat_map(|a| a.elements.iter()).filter_map(|element| match element {
        ArrayExpressionElement::CallExpression(call) => match &call.callee {
            Expression::Identifier(id) => Some(id.name.to_string()),
            _ => None,
        },
        _ => None,
    })
}
