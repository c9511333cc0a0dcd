//! What a page's component loads when it mounts, and where it reads its loader's data: the
//! facts behind `use-loader-data` and the loader side of `missing-preload`.
//!
//! A component loads on mount through the effect hooks of its framework (React's
//! `useEffect`, Vue's `onMounted`, Svelte's `onMount` and `$effect`, Solid's `onMount` and
//! `createEffect`), and, in a Vue `<script setup>` or a Svelte instance `<script>`, through the
//! calls its top-level statements make (that code runs once per component instance).

use kosmo_lint_core::Span;
use kosmo_lint_core::facts::{DataCall, Target};
use oxc_ast::ast::{CallExpression, Expression, ImportDeclarationSpecifier, Program, Statement};
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
    let mut finder = MountFinder { bindings, imports, facts: MountFacts::default() };
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
            Expression::StaticMemberExpression(member) => {
                matches!(&member.object, Expression::Identifier(object)
                    if self.react_namespaces.contains(&object.name.as_str()))
                    && matches!(member.property.name.as_str(), "useEffect" | "useLayoutEffect")
            }
            _ => false,
        }
    }
}

struct MountFinder<'b, 's, 'a, 'p> {
    bindings: &'b mut Bindings<'s, 'a>,
    imports: HookImports<'p>,
    facts: MountFacts,
}

impl<'a> Visit<'a> for MountFinder<'_, '_, 'a, '_> {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if let Expression::Identifier(callee) = call.callee.get_inner_expression()
            && self.imports.loader_data.contains(&callee.name.as_str())
        {
            self.facts.loader_data_reads.push(span(call.span));
        } else if self.imports.is_mount_hook(&call.callee, self.bindings)
            && let Some(callback) = call.arguments.first().and_then(|a| a.as_expression())
        {
            let calls = match callback.get_inner_expression() {
                Expression::Identifier(ident) => self
                    .bindings
                    .ident_target(ident)
                    .map(|target| {
                        vec![DataCall { target, span: span(ident.span), args: Vec::new() }]
                    })
                    .unwrap_or_default(),
                _ => self.bindings.callback_immediate_calls(callback),
            };
            self.facts.fetches.extend(calls);
        }
        walk::walk_call_expression(self, call);
    }
}
