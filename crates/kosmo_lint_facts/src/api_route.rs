//! Facts of an `api/**/index.ts` route file: its `defineRoute` call and method entries,
//! read syntactically, as the framework's generator reads them (spec §3.1).

use kosmo_lint_core::facts::{
    ApiRouteFacts, DefineRoute, FactoryShape, LoneReturn, MethodEntry, RouteNameArg, StringLiteral,
};
use kosmo_lint_core::{HttpMethod, Span};
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, BindingPattern, CallExpression, ExportDefaultDeclarationKind,
    Expression, FormalParameters, IdentifierReference, ImportDeclarationSpecifier,
    MemberExpression, Program, Statement, TSLiteral, TSType,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use crate::span;
use crate::type_args;

pub(crate) fn extract(program: &Program<'_>, text: &str) -> ApiRouteFacts {
    let default_export = program.body.iter().find_map(|stmt| match stmt {
        Statement::ExportDefaultDeclaration(export) => Some(export),
        _ => None,
    });
    let Some(export) = default_export else { return ApiRouteFacts::NoDefaultExport };
    let call = match &export.declaration {
        ExportDefaultDeclarationKind::CallExpression(call) => call,
        other => {
            return ApiRouteFacts::NotACall { span: span(other.span()) };
        }
    };
    let callee = call.callee.span().source_text(text).to_owned();
    let import_source = import_source_of(program, &callee);
    ApiRouteFacts::DefineRoute(define_route(call, callee, import_source, text))
}

fn import_source_of(program: &Program<'_>, local: &str) -> Option<String> {
    program.body.iter().find_map(|stmt| {
        let Statement::ImportDeclaration(import) = stmt else { return None };
        let binds_local = import.specifiers.iter().flatten().any(|s| match s {
            ImportDeclarationSpecifier::ImportSpecifier(s) => s.local.name == local,
            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => s.local.name == local,
            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => s.local.name == local,
        });
        binds_local.then(|| import.source.value.to_string())
    })
}

fn define_route(
    call: &CallExpression<'_>,
    callee: String,
    import_source: Option<String>,
    text: &str,
) -> DefineRoute {
    let type_params = call.type_arguments.as_ref().map_or(&[][..], |t| t.params.as_slice());
    let mut route_name_arg = None;
    let mut params_refinement = None;
    for param in type_params.iter().take(2) {
        match param {
            TSType::TSLiteralType(lit) => {
                if let TSLiteral::StringLiteral(s) = &lit.literal {
                    route_name_arg =
                        Some(StringLiteral { value: s.value.to_string(), span: span(s.span) });
                }
            }
            TSType::TSTupleType(tuple) if params_refinement.is_none() => {
                params_refinement = Some(tuple.span.source_text(text).to_owned());
            }
            _ => {}
        }
    }
    let route_name = match type_params.first() {
        Some(TSType::TSLiteralType(lit)) => match &lit.literal {
            TSLiteral::StringLiteral(s) => {
                let raw = s.span.source_text(text);
                raw.chars().next().map(|quote| {
                    Box::new(RouteNameArg {
                        value: s.value.to_string(),
                        span: span(s.span),
                        quote,
                        escaped: raw.contains('\\'),
                    })
                })
            }
            _ => None,
        },
        _ => None,
    };
    let mut def = DefineRoute {
        span: span(call.span),
        callee,
        import_source,
        route_name_arg,
        params_refinement,
        factory: FactoryShape::Missing,
        methods: Vec::new(),
        uses: Vec::new(),
        hidden_spreads: Box::default(),
        route_name,
        lone_return: None,
    };
    // The framework takes the first function argument (spec §3.1).
    let factory = call.arguments.iter().find_map(|arg| match arg {
        Argument::ArrowFunctionExpression(arrow) => Some(Factory::Arrow(arrow)),
        Argument::FunctionExpression(func) => Some(Factory::Function(func)),
        _ => None,
    });
    let array = match factory {
        None => return def,
        Some(Factory::Arrow(arrow)) => {
            // Only an array that is the arrow's direct child counts: `=> ([…])` hides it.
            match arrow.get_expression() {
                Some(Expression::ArrayExpression(array)) => {
                    def.factory = FactoryShape::ConciseArray;
                    def.hidden_spreads = hidden_spreads(array, &arrow.params);
                    Some(&**array)
                }
                Some(other) => {
                    def.factory = FactoryShape::NotAnArray { span: span(other.span()) };
                    None
                }
                None => {
                    def.factory = FactoryShape::BlockBody { span: span(arrow.span) };
                    if !arrow.r#async {
                        def.lone_return = arrow
                            .get_function_body()
                            .and_then(|b| lone_return(b, text))
                            .map(Box::new);
                    }
                    arrow.get_function_body().and_then(|b| returned_array(&b.statements))
                }
            }
        }
        Some(Factory::Function(func)) => {
            def.factory = FactoryShape::BlockBody { span: span(func.span) };
            func.body.as_ref().and_then(|b| returned_array(&b.statements))
        }
    };
    for element in array.iter().flat_map(|a| a.elements.iter()) {
        let ArrayExpressionElement::CallExpression(entry) = element else { continue };
        let Expression::Identifier(name) = &entry.callee else { continue };
        if name.name == "use" {
            def.uses.push(span(entry.span));
        } else if let Ok(method) = name.name.as_str().parse::<HttpMethod>() {
            def.methods.push(method_entry(method, entry, text));
        }
    }
    // Route facts are kept for the whole run: no spare capacity.
    def.methods.shrink_to_fit();
    def
}

enum Factory<'r, 'a> {
    Arrow(&'r oxc_ast::ast::ArrowFunctionExpression<'a>),
    Function(&'r oxc_ast::ast::Function<'a>),
}

/// `{ return [ … ]; }` where the block holds only that: one return statement whose argument
/// is the array itself (`return\n[…]` returns nothing, and has two statements), and no
/// comment or other text around it that dropping the block would lose.
fn lone_return(body: &oxc_ast::ast::FunctionBody<'_>, text: &str) -> Option<LoneReturn> {
    let [Statement::ReturnStatement(ret)] = body.statements.as_slice() else { return None };
    if !body.directives.is_empty() {
        return None;
    }
    let Some(Expression::ArrayExpression(array)) = &ret.argument else { return None };
    let before = text.get(body.span.start as usize + 1..array.span.start as usize)?;
    let after = text.get(array.span.end as usize..body.span.end as usize - 1)?;
    let before_ok = before.trim().strip_prefix("return").is_some_and(|rest| rest.trim().is_empty());
    let after_ok = matches!(after.trim(), "" | ";");
    (before_ok && after_ok && text.as_bytes().get(body.span.start as usize) == Some(&b'{'))
        .then(|| LoneReturn { body: span(body.span), array: span(array.span) })
}

fn returned_array<'r, 'a>(
    statements: &'r [Statement<'a>],
) -> Option<&'r oxc_ast::ast::ArrayExpression<'a>> {
    statements.iter().find_map(|stmt| match stmt {
        Statement::ReturnStatement(ret) => match ret.argument.as_ref()?.without_parentheses() {
            Expression::ArrayExpression(array) => Some(&**array),
            _ => None,
        },
        _ => None,
    })
}

fn method_entry(method: HttpMethod, call: &CallExpression<'_>, text: &str) -> MethodEntry {
    let args = type_args::analyse(call.type_arguments.as_deref(), text);
    let head_end = call.type_arguments.as_ref().map_or(call.callee.span().end, |t| t.span.end);
    MethodEntry {
        method,
        span: span(call.span),
        head_span: Span::new(call.span.start, head_end),
        type_args: args.texts,
        positional: args.positional,
        object: args.object,
        shape: args.shape,
    }
}

/// Spread elements of the factory's array that use a method builder the factory receives
/// (`({ GET }) => [...crud(GET)]`, `(m) => [...list(m.GET)]`): they build handlers the
/// framework does not read. A spread that uses none (`...authMiddleware`) may hold only
/// `use(…)` entries, which the framework ignores anyway, so it is not recorded.
fn hidden_spreads(
    array: &oxc_ast::ast::ArrayExpression<'_>,
    params: &FormalParameters<'_>,
) -> Box<[Span]> {
    let Some(first) = params.items.first() else { return Box::default() };
    let mut builders = BuilderNames::default();
    match &first.pattern {
        BindingPattern::BindingIdentifier(id) => builders.object = Some(id.name.to_string()),
        BindingPattern::ObjectPattern(object) => {
            for prop in &object.properties {
                let is_method =
                    prop.key.static_name().is_some_and(|key| key.parse::<HttpMethod>().is_ok());
                let local = match &prop.value {
                    BindingPattern::BindingIdentifier(id) => Some(id),
                    BindingPattern::AssignmentPattern(assign) => match &assign.left {
                        BindingPattern::BindingIdentifier(id) => Some(id),
                        _ => None,
                    },
                    _ => None,
                };
                if let (true, Some(local)) = (is_method, local) {
                    builders.locals.push(local.name.to_string());
                }
            }
        }
        _ => {}
    }
    array
        .elements
        .iter()
        .filter_map(|element| match element {
            ArrayExpressionElement::SpreadElement(spread) => {
                let mut finder = BuilderUse { names: &builders, found: false };
                finder.visit_expression(&spread.argument);
                finder.found.then(|| span(spread.span))
            }
            _ => None,
        })
        .collect()
}

/// How the factory's parameter names its method builders.
#[derive(Default)]
struct BuilderNames {
    /// `({ GET, POST: post })`: the local names of destructured method builders.
    locals: Vec<String>,
    /// `(m) => …`: the whole object, whose method properties are builders.
    object: Option<String>,
}

struct BuilderUse<'n> {
    names: &'n BuilderNames,
    found: bool,
}

impl<'a> Visit<'a> for BuilderUse<'_> {
    fn visit_identifier_reference(&mut self, ident: &IdentifierReference<'a>) {
        if self.names.locals.iter().any(|l| l == ident.name.as_str()) {
            self.found = true;
        }
    }

    fn visit_member_expression(&mut self, member: &MemberExpression<'a>) {
        if let (Some(object), Expression::Identifier(base), Some(property)) =
            (&self.names.object, member.object(), member.static_property_name())
            && base.name == object.as_str()
            && property.parse::<HttpMethod>().is_ok()
        {
            self.found = true;
        }
        walk::walk_member_expression(self, member);
    }
}
