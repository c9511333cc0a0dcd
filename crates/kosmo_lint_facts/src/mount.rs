//! What a page's component loads when it mounts, and where it reads its loader's data: the
//! facts behind `use-loader-data` and the loader side of `missing-preload`.
//!
//! A component loads on mount through the effect hooks of its framework (React's
//! `useEffect`, Vue's `onMounted`, Svelte's `onMount` and `$effect`, Solid's `onMount` and
//! `createEffect`), and, in a Vue `<script setup>` or a Svelte instance `<script>`, through the
//! calls its top-level statements make (that code runs once per component instance).

use kosmo_lint_core::Span;
use kosmo_lint_core::facts::{DataCall, Target};
use oxc_ast::ast::{
    BindingPattern, CallExpression, Declaration, ExportDefaultDeclarationKind, Expression,
    ImportDeclarationSpecifier, Program, Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::bindings::Bindings;
use crate::span;

/// Effect hooks whose callback runs after the component mounts, per package.
const MOUNT_HOOKS: &[(&str, &[&str])] = &[
    ("react", &["useEffect", "useLayoutEffect"]),
    ("preact/hooks", &["useEffect", "useLayoutEffect"]),
    ("vue", &["onMounted", "onBeforeMount", "watchEffect"]),
    ("svelte", &["onMount"]),
    ("solid-js", &["onMount", "createEffect"]),
];

/// Svelte 5's effect rune, a compiler keyword rather than an import.
const SVELTE_EFFECT_RUNE: &str = "$effect";

#[derive(Debug, Default)]
pub(crate) struct MountFacts {
    pub loader_data_reads: Vec<Span>,
    pub fetches: Vec<DataCall>,
}

pub(crate) fn extract<'a>(
    program: &Program<'a>,
    bindings: &mut Bindings<'_, 'a>,
    instance_script: Option<oxc_span::Span>,
) -> MountFacts {
    let imports = HookImports::of(program);
    let components = component_spans(program, instance_script);
    let mut finder = MountFinder { bindings, imports, components, facts: MountFacts::default() };
    finder.visit_program(program);
    let mut facts = finder.facts;
    if let Some(instance) = instance_script {
        for stmt in &program.body {
            let at = stmt.span();
            if at.start >= instance.start && at.end <= instance.end && !is_declaration_only(stmt) {
                // The hooks themselves are calls of the framework; their callbacks were
                // looked at above.
                let calls = finder.bindings.immediate_calls(stmt).into_iter().filter(|call| {
                    !matches!(&call.target, Target::Imported { source, .. }
                        if MOUNT_HOOKS.iter().any(|(package, _)| package == source))
                });
                facts.fetches.extend(calls);
            }
        }
    }
    // A call of a local function that loads nothing is not a request; source order makes
    // the facts independent of the order they were found in.
    facts.fetches.retain(
        |call| !matches!(&call.target, Target::LocalFunction { calls, .. } if calls.is_empty()),
    );
    facts.fetches.sort_by_key(|call| call.span.start);
    facts
}

/// Imports and type declarations run nothing.
fn is_declaration_only(stmt: &Statement<'_>) -> bool {
    matches!(
        stmt,
        Statement::ImportDeclaration(_)
            | Statement::FunctionDeclaration(_)
            | Statement::TSTypeAliasDeclaration(_)
            | Statement::TSInterfaceDeclaration(_)
    )
}

/// The local names the effect hooks and `useLoaderData` are imported under.
#[derive(Default)]
struct HookImports<'p> {
    hooks: Vec<&'p str>,
    /// `React` in `React.useEffect(…)`: default and namespace imports of `react`.
    react_namespaces: Vec<&'p str>,
    loader_data: Vec<&'p str>,
}

impl<'p> HookImports<'p> {
    fn of(program: &'p Program<'_>) -> Self {
        let mut imports = Self::default();
        for stmt in &program.body {
            let Statement::ImportDeclaration(import) = stmt else { continue };
            let source = import.source.value.as_str();
            let hooks = MOUNT_HOOKS.iter().find(|(package, _)| *package == source).map(|(_, h)| *h);
            for specifier in import.specifiers.iter().flatten() {
                match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(named) => {
                        let imported = named.imported.name();
                        let local = named.local.name.as_str();
                        // React Router's, Remix's, or the one KosmoJS generates for Vue,
                        // Svelte and MDX (`_/use`): all read what the route's loader returned.
                        if imported == "useLoaderData" {
                            imports.loader_data.push(local);
                        } else if hooks.is_some_and(|h| h.contains(&imported.as_str())) {
                            imports.hooks.push(local);
                        }
                    }
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(default)
                        if source == "react" =>
                    {
                        imports.react_namespaces.push(default.local.name.as_str());
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(namespace)
                        if source == "react" =>
                    {
                        imports.react_namespaces.push(namespace.local.name.as_str());
                    }
                    _ => {}
                }
            }
        }
        imports
    }

    fn is_mount_hook(&self, callee: &Expression<'_>, bindings: &Bindings<'_, '_>) -> bool {
        match callee.get_inner_expression() {
            Expression::Identifier(ident) => {
                let name = ident.name.as_str();
                self.hooks.contains(&name)
                    || (name == SVELTE_EFFECT_RUNE && bindings.symbol_of(ident).is_none())
            }
            Expression::StaticMemberExpression(member) => match &member.object {
                // `$effect.pre(…)` runs before the DOM updates, on mount too.
                Expression::Identifier(object) if object.name == SVELTE_EFFECT_RUNE => {
                    member.property.name == "pre" && bindings.symbol_of(object).is_none()
                }
                Expression::Identifier(object) => {
                    self.react_namespaces.contains(&object.name.as_str())
                        && matches!(member.property.name.as_str(), "useEffect" | "useLayoutEffect")
                }
                _ => false,
            },
            _ => false,
        }
    }
}

struct MountFinder<'b, 's, 'a, 'p> {
    bindings: &'b mut Bindings<'s, 'a>,
    imports: HookImports<'p>,
    /// Where the page's component is: its hooks run when the page mounts. Another
    /// component of the module may be rendered only sometimes, or never.
    components: Vec<oxc_span::Span>,
    facts: MountFacts,
}

/// The page's component: a Vue or Svelte component's instance script, else the default
/// export's function, else (MDX) the functions the module exports.
fn component_spans(
    program: &Program<'_>,
    instance_script: Option<oxc_span::Span>,
) -> Vec<oxc_span::Span> {
    if let Some(instance) = instance_script {
        return vec![instance];
    }
    let default_name = program.body.iter().find_map(|stmt| match stmt {
        Statement::ExportDefaultDeclaration(export) => Some(&export.declaration),
        _ => None,
    });
    // `export { Page as default }`.
    let default_specifier = program.body.iter().find_map(|stmt| match stmt {
        Statement::ExportNamedDeclaration(named) => named
            .specifiers
            .iter()
            .find_map(|spec| (spec.exported.name() == "default").then(|| spec.local.name())),
        _ => None,
    });
    if let Some(local) = default_specifier {
        return top_level_function(program, local.as_str()).into_iter().collect();
    }
    if let Some(default) = default_name {
        return match default {
            ExportDefaultDeclarationKind::Identifier(ident) => {
                top_level_function(program, ident.name.as_str()).into_iter().collect()
            }
            other => vec![other.span()],
        };
    }
    program
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Statement::ExportDeclaration(export) => Some(&export.declaration),
            _ => None,
        })
        .flat_map(|declaration| match declaration {
            Declaration::FunctionDeclaration(func) => vec![func.span],
            Declaration::VariableDeclaration(var) => var
                .declarations
                .iter()
                .filter_map(|d| d.init.as_ref())
                .filter(|init| {
                    matches!(
                        init.get_inner_expression(),
                        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                    )
                })
                .map(GetSpan::span)
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// `export default Page` names a function declared at the top level (or a `const` bound to
/// one).
fn top_level_function(program: &Program<'_>, name: &str) -> Option<oxc_span::Span> {
    program.body.iter().find_map(|stmt| match stmt {
        Statement::FunctionDeclaration(func)
            if func.id.as_ref().is_some_and(|id| id.name == name) =>
        {
            Some(func.span)
        }
        Statement::VariableDeclaration(var) => var.declarations.iter().find_map(|d| {
            matches!(&d.id, BindingPattern::BindingIdentifier(id) if id.name == name)
                .then(|| d.init.as_ref().map(GetSpan::span))
                .flatten()
        }),
        _ => None,
    })
}

impl<'a> Visit<'a> for MountFinder<'_, '_, 'a, '_> {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if let Expression::Identifier(callee) = call.callee.get_inner_expression()
            && self.imports.loader_data.contains(&callee.name.as_str())
        {
            self.facts.loader_data_reads.push(span(call.span));
        } else if self
            .components
            .iter()
            .any(|c| c.start <= call.span.start && call.span.end <= c.end)
            && self.imports.is_mount_hook(&call.callee, self.bindings)
            && let Some(callback) = call.arguments.first().and_then(|a| a.as_expression())
        {
            let calls = match callback.get_inner_expression() {
                Expression::Identifier(ident) => self
                    .bindings
                    .ident_target(ident)
                    .map(|target| {
                        vec![DataCall {
                            target,
                            span: span(ident.span),
                            args: Vec::new(),
                            bare_callee: None,
                        }]
                    })
                    .unwrap_or_default(),
                _ => self.bindings.callback_immediate_calls(callback),
            };
            self.facts.fetches.extend(calls);
        }
        walk::walk_call_expression(self, call);
    }
}
