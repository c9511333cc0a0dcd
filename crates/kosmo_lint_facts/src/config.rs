//! Facts of a source folder's config files: bases and the frontend stack, from
//! `kosmo.config.ts` (G5), `config/index.ts` (G1–G4 URLs) and `vite.config.ts` (G1–G4
//! frontend plugin).

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
    // G1–G4 `vite.config.ts`: the frontend is the Vite plugin (or KosmoJS generator) it
    // imports. A `kosmo.config.ts` stack, read below, takes precedence.
    facts.frontend_stack = imported_stack(program);
    if imports(program, "vite") {
        // Its `base` is Vite's, not the folder's; `config/index.ts` holds the URLs.
        return facts;
    }
    let Some(config) = default_export_object(program) else { return facts };
    facts.base = string_prop(config, "base").or(facts.base);
    facts.api_base = string_prop(config, "apiBase").or(facts.api_base);
    if let Some(frontend) = object_prop(config, "frontend") {
        facts.has_blocks = true;
        facts.base = string_prop(frontend, "base").or(facts.base);
        facts.frontend_stack = string_prop(frontend, "stack").or(facts.frontend_stack);
    }
    if let Some(backend) = object_prop(config, "backend") {
        facts.has_blocks = true;
        if let Some(base) = string_prop(backend, "base") {
            facts.api_base = Some(base);
            facts.api_base_is_absolute = true;
        }
    }
    if let Some(generator) = generator_names(config)
        .find(|name| kosmo_lint_core::facts::Framework::from_stack(name).is_some())
    {
        facts.frontend_stack = Some(generator);
    }
    facts
}

fn imports(program: &Program<'_>, source: &str) -> bool {
    program.body.iter().any(
        |stmt| matches!(stmt, Statement::ImportDeclaration(import) if import.source.value == source),
    )
}

/// The frontend of the Vite plugin or KosmoJS generator package a config imports:
/// `vite-plugin-solid`, `@vitejs/plugin-react`, `@kosmojs/vue-generator`…
fn imported_stack(program: &Program<'_>) -> Option<String> {
    const PLUGINS: &[(&str, &str)] = &[
        ("vite-plugin-solid", "solid"),
        ("@vitejs/plugin-react", "react"),
        ("@vitejs/plugin-react-swc", "react"),
        ("@vitejs/plugin-vue", "vue"),
        ("@sveltejs/vite-plugin-svelte", "svelte"),
        ("@mdx-js/rollup", "mdx"),
    ];
    program.body.iter().find_map(|stmt| {
        let Statement::ImportDeclaration(import) = stmt else { return None };
        let source = import.source.value.as_str();
        let plugin = PLUGINS.iter().find(|(package, _)| *package == source).map(|(_, s)| *s);
        let generator = source
            .strip_prefix("@kosmojs/")
            .and_then(|name| name.strip_suffix("-generator"))
            .filter(|name| kosmo_lint_core::facts::Framework::from_stack(name).is_some());
        plugin.or(generator).map(str::to_owned)
    })
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
