//! What an options expression holds: an object literal, `queryOptions({…})`, a call of a
//! local options factory (its returned object read with the call's arguments), an imported
//! factory or options object (opaque, known by its identity), or a constant holding one.

use std::collections::HashSet;

use kosmo_lint_core::facts::{OptionsCall, OptionsFactory, QueryFn, QueryKey, Target};
use oxc_ast::AstKind;
use oxc_ast::ast::{
    Argument, BindingPattern, CallExpression, Expression, FormalParameters, FunctionBody,
    ObjectExpression, ObjectPropertyKind, PropertyKind, Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_semantic::SymbolId;
use oxc_span::GetSpan;

use super::is_tanstack_source;
use super::key::{Subst, const_init, key_value};
use crate::args::canonical_args;
use crate::bindings::{Binding, Bindings};
use crate::span;

/// How many factories, constants and local functions deep options are followed.
const MAX_DEPTH: u32 = 4;

/// The parts of the options a rule compares.
#[derive(Debug, Default)]
pub(super) struct Resolved {
    pub key: Option<QueryKey>,
    pub query_fn: Option<QueryFn>,
    pub options_call: Option<OptionsCall>,
    pub conditional: bool,
}

/// The options `expr` evaluates to.
pub(super) fn resolve<'a>(
    bindings: &mut Bindings<'_, 'a>,
    expr: &Expression<'a>,
    subst: &Subst,
    depth: u32,
) -> Resolved {
    if depth > MAX_DEPTH {
        return Resolved::default();
    }
    match expr.get_inner_expression() {
        Expression::ObjectExpression(object) => object_options(bindings, object, subst, depth),
        Expression::CallExpression(call) => call_options(bindings, call, subst, depth),
        Expression::Identifier(ident) => {
            let Some(symbol) = bindings.symbol_of(ident) else { return Resolved::default() };
            // A parameter of the factory being read holds options passed in: not followed.
            if subst.contains_key(&symbol) {
                return Resolved::default();
            }
            let binding = bindings.resolve_symbol(symbol);
            if let Some(factory) = imported_factory(&binding) {
                let options_call = OptionsCall { factory, span: span(ident.span), args: None };
                return Resolved { options_call: Some(options_call), ..Resolved::default() };
            }
            let Some(init) = const_init(bindings, symbol) else { return Resolved::default() };
            let mut resolved = resolve(bindings, init, subst, depth + 1);
            // `const opts = usersQuery()` is known by the factory it calls, which the other
            // side may call directly; an object literal by the constant.
            if resolved.options_call.is_none() {
                let factory = OptionsFactory::Local {
                    name: ident.name.to_string(),
                    declared_at: bindings.semantic.scoping().symbol_span(symbol).start,
                };
                resolved.options_call =
                    Some(OptionsCall { factory, span: span(ident.span), args: None });
            }
            resolved
        }
        other => other.as_member_expression().map_or_else(Resolved::default, |_| {
            let binding = bindings.classify(other);
            let options_call = imported_factory(&binding).map(|factory| OptionsCall {
                factory,
                span: span(other.span()),
                args: None,
            });
            Resolved { options_call, ..Resolved::default() }
        }),
    }
}

/// `{ queryKey, queryFn, enabled, ...spread }`, read in order: a later property or spread
/// replaces an earlier one.
fn object_options<'a>(
    bindings: &mut Bindings<'_, 'a>,
    object: &ObjectExpression<'a>,
    subst: &Subst,
    depth: u32,
) -> Resolved {
    let mut resolved = Resolved::default();
    for property in &object.properties {
        let prop = match property {
            ObjectPropertyKind::SpreadProperty(spread) => {
                resolved = resolve(bindings, &spread.argument, subst, depth + 1);
                continue;
            }
            ObjectPropertyKind::ObjectProperty(prop) => prop,
        };
        let Some(name) = prop.key.static_name() else {
            // A computed key may be any of them.
            resolved = Resolved { conditional: true, ..Resolved::default() };
            continue;
        };
        let getter = prop.kind != PropertyKind::Init;
        match name.as_ref() {
            "queryKey" => {
                resolved.key = if getter || prop.method {
                    None
                } else {
                    key_value(bindings, &prop.value, subst, 0)
                };
                resolved.options_call = None;
            }
            "queryFn" => {
                resolved.query_fn =
                    if getter { None } else { query_fn(bindings, &prop.value, subst, depth) };
                resolved.options_call = None;
            }
            "enabled" => {
                resolved.conditional =
                    getter || !matches!(&prop.value, Expression::BooleanLiteral(b) if b.value);
            }
            // Data given up front (often the loader's, through `useLoaderData()`) may be
            // fresh enough not to fetch on mount.
            "initialData" => resolved.conditional = true,
            _ => {}
        }
    }
    resolved
}

fn call_options<'a>(
    bindings: &mut Bindings<'_, 'a>,
    call: &CallExpression<'a>,
    subst: &Subst,
    depth: u32,
) -> Resolved {
    let binding = bindings.classify(&call.callee);
    let call_of = |bindings: &mut Bindings<'_, 'a>, factory| OptionsCall {
        factory,
        span: span(call.span),
        args: Some(canonical_args(bindings, &call.arguments)),
    };
    match binding {
        // `queryOptions(o)` returns `o`: it only adds types.
        Binding::Imported { source, export, .. }
            if is_tanstack_source(&source)
                && matches!(export.as_str(), "queryOptions" | "infiniteQueryOptions") =>
        {
            match call.arguments.first().and_then(Argument::as_expression) {
                Some(options) => resolve(bindings, options, subst, depth + 1),
                None => Resolved::default(),
            }
        }
        Binding::Function { name, symbol } => {
            let declared_at = bindings.semantic.scoping().symbol_span(symbol).start;
            let options_call = call_of(bindings, OptionsFactory::Local { name, declared_at });
            factory_options(bindings, symbol, &call.arguments, subst, depth, options_call)
        }
        other => match imported_factory(&other) {
            Some(factory) => {
                Resolved { options_call: Some(call_of(bindings, factory)), ..Resolved::default() }
            }
            None => Resolved::default(),
        },
    }
}

/// What a local factory returns when called with `args`: its object read with the
/// arguments' values, known by `options_call`.
pub(super) fn factory_options<'a>(
    bindings: &mut Bindings<'_, 'a>,
    symbol: SymbolId,
    args: &[Argument<'a>],
    subst: &Subst,
    depth: u32,
    options_call: OptionsCall,
) -> Resolved {
    let mut resolved = match factory_return(bindings, symbol) {
        Some((params, returned)) if depth < MAX_DEPTH => {
            let inner = bind_params(bindings, params, args, subst);
            resolve(bindings, returned, &inner, depth + 1)
        }
        _ => Resolved::default(),
    };
    resolved.options_call = Some(options_call);
    resolved
}

/// An import, or a key read off one, as a factory's identity.
fn imported_factory(binding: &Binding) -> Option<OptionsFactory> {
    let (name, source, export, path) = match binding {
        Binding::Imported { name, source, export } => (name.clone(), source, export, Vec::new()),
        Binding::ImportedKey { source, export, key } => {
            (format!("{export}.{key}"), source, export, vec![key.clone()])
        }
        Binding::ImportedMember { source, export, path } => {
            (format!("{export}.{}", path.join(".")), source, export, path.clone())
        }
        _ => return None,
    };
    Some(OptionsFactory::Imported { name, source: source.clone(), export: export.clone(), path })
}

/// A local function that returns one expression (`() => ({…})`, `function f() { return
/// queryOptions({…}) }`): its parameters and that expression. Anything else is not simple
/// enough to read.
fn factory_return<'a>(
    bindings: &Bindings<'_, 'a>,
    symbol: SymbolId,
) -> Option<(&'a FormalParameters<'a>, &'a Expression<'a>)> {
    let function = |expr: &'a Expression<'a>| match expr.get_inner_expression() {
        Expression::ArrowFunctionExpression(arrow) => {
            let returned = arrow
                .get_expression()
                .or_else(|| arrow.get_function_body().and_then(|body| single_return(body)))?;
            Some((&*arrow.params, returned))
        }
        Expression::FunctionExpression(func) => {
            Some((&*func.params, single_return(func.body.as_ref()?)?))
        }
        _ => None,
    };
    match bindings.semantic.symbol_declaration(symbol).kind() {
        AstKind::Function(func) => Some((&*func.params, single_return(func.body.as_ref()?)?)),
        AstKind::VariableDeclarator(decl) => function(decl.init.as_ref()?),
        _ => None,
    }
}

/// The expression a body of one `return` statement returns.
pub(super) fn single_return<'p, 'a>(body: &'p FunctionBody<'a>) -> Option<&'p Expression<'a>> {
    match body.statements.as_slice() {
        [Statement::ReturnStatement(ret)] => ret.argument.as_ref(),
        _ => None,
    }
}

/// The values a factory's plain parameters take at a call; a spread argument shifts them
/// all, so none is known then.
fn bind_params<'a>(
    bindings: &mut Bindings<'_, 'a>,
    params: &FormalParameters<'a>,
    args: &[Argument<'a>],
    subst: &Subst,
) -> Subst {
    let spread = args.iter().any(|arg| matches!(arg, Argument::SpreadElement(_)));
    let mut inner = Subst::new();
    for (index, param) in params.items.iter().enumerate() {
        let BindingPattern::BindingIdentifier(id) = &param.pattern else { continue };
        let Some(symbol) = id.symbol_id.get() else { continue };
        let value = match args.get(index).and_then(Argument::as_expression) {
            Some(arg) if !spread => key_value(bindings, arg, subst, 0),
            _ => None,
        };
        inner.insert(symbol, value);
    }
    inner
}

/// The one generated-client request a `queryFn` makes, following local functions.
pub(super) fn query_fn<'a>(
    bindings: &mut Bindings<'_, 'a>,
    value: &Expression<'a>,
    subst: &Subst,
    depth: u32,
) -> Option<QueryFn> {
    let mut collector =
        ClientCalls { bindings, subst, calls: Vec::new(), visited: HashSet::new(), depth };
    match value.get_inner_expression() {
        Expression::ArrowFunctionExpression(arrow) => {
            collector.visit_arrow_function_body(&arrow.body);
        }
        Expression::FunctionExpression(func) => collector.visit_function_body(func.body.as_ref()?),
        reference => {
            if let Binding::Function { symbol, .. } = collector.bindings.classify(reference) {
                collector.follow(symbol);
            } else {
                // TanStack calls a bare client with its context: the request is known, not
                // its arguments.
                let target = collector.bindings.call_target(reference)?;
                return is_client(&target).then(|| QueryFn {
                    target,
                    span: span(reference.span()),
                    args: None,
                });
            }
        }
    }
    let calls = collector.calls;
    let first = calls.first()?;
    calls
        .iter()
        .all(|call| call.target == first.target && call.args == first.args)
        .then(|| first.clone())
}

fn is_client(target: &Target) -> bool {
    matches!(target, Target::GeneratedClient { .. } | Target::ImportedMember { .. })
}

/// The generated-client calls in a function body and the local functions it calls.
struct ClientCalls<'b, 'v, 's, 'a> {
    bindings: &'b mut Bindings<'s, 'a>,
    subst: &'v Subst,
    calls: Vec<QueryFn>,
    visited: HashSet<SymbolId>,
    depth: u32,
}

impl ClientCalls<'_, '_, '_, '_> {
    fn follow(&mut self, symbol: SymbolId) {
        if self.depth >= MAX_DEPTH || !self.visited.insert(symbol) {
            return;
        }
        self.depth += 1;
        match self.bindings.semantic.symbol_declaration(symbol).kind() {
            AstKind::Function(func) => {
                if let Some(body) = &func.body {
                    self.visit_function_body(body);
                }
            }
            AstKind::VariableDeclarator(decl) => {
                match decl.init.as_ref().map(Expression::get_inner_expression) {
                    Some(Expression::ArrowFunctionExpression(arrow)) => {
                        self.visit_arrow_function_body(&arrow.body);
                    }
                    Some(Expression::FunctionExpression(func)) => {
                        if let Some(body) = &func.body {
                            self.visit_function_body(body);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        self.depth -= 1;
    }
}

impl<'a> Visit<'a> for ClientCalls<'_, '_, '_, 'a> {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        match self.bindings.classify(&call.callee) {
            Binding::Function { symbol, .. } => self.follow(symbol),
            _ => {
                if let Some(target) = self.bindings.call_target(&call.callee)
                    && is_client(&target)
                {
                    let spread =
                        call.arguments.iter().any(|a| matches!(a, Argument::SpreadElement(_)));
                    let args = if spread {
                        None
                    } else {
                        call.arguments
                            .iter()
                            .map(|arg| {
                                key_value(self.bindings, arg.as_expression()?, self.subst, 0)
                            })
                            .collect()
                    };
                    self.calls.push(QueryFn { target, span: span(call.span), args });
                }
            }
        }
        walk::walk_call_expression(self, call);
    }
}
