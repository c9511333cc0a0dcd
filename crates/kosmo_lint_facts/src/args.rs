//! Call arguments in a canonical text form, so that a preload's `getUser(params.id)` and a
//! component's `getUser(useParams().id)` compare equal: every way of reading a route param
//! becomes `@params.<name>` (the `@`, which no identifier can start with, keeps a local
//! variable that happens to be called `params` apart), quotes and whitespace are normalised.

use oxc_ast::ast::{Argument, ArrayExpressionElement, Expression};
use oxc_span::GetSpan;

use crate::bindings::{Binding, Bindings, expression_text};

/// How the route params object reads in canonical arguments.
pub const ROUTE_PARAMS: &str = "@params";

pub(crate) fn canonical_args(
    bindings: &mut Bindings<'_, '_>,
    args: &[Argument<'_>],
) -> Vec<String> {
    args.iter()
        .map(|arg| match arg {
            Argument::SpreadElement(spread) => {
                format!("...{}", canonical(bindings, &spread.argument))
            }
            other => other.as_expression().map_or_else(String::new, |e| canonical(bindings, e)),
        })
        .collect()
}

pub(crate) fn canonical(bindings: &mut Bindings<'_, '_>, expr: &Expression<'_>) -> String {
    let expr = expr.get_inner_expression();
    match bindings.classify(expr) {
        Binding::Params => return ROUTE_PARAMS.to_owned(),
        Binding::ParamsField { field } => return format!("{ROUTE_PARAMS}.{field}"),
        _ => {}
    }
    match expr {
        Expression::Identifier(ident) => ident.name.to_string(),
        Expression::StringLiteral(s) => format!("{:?}", s.value.as_str()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() && t.quasis.len() == 1 => {
            format!("{:?}", t.quasis[0].value.cooked.map_or("", |c| c.as_str()))
        }
        Expression::NumericLiteral(n) => n.value.to_string(),
        Expression::CallExpression(call) => {
            let args = canonical_args(bindings, &call.arguments);
            format!("{}({})", canonical(bindings, &call.callee), args.join(", "))
        }
        Expression::ArrayExpression(array) => {
            let elements: Vec<String> = array
                .elements
                .iter()
                .map(|element| match element {
                    ArrayExpressionElement::SpreadElement(s) => {
                        format!("...{}", canonical(bindings, &s.argument))
                    }
                    ArrayExpressionElement::Elision(_) => String::new(),
                    other => {
                        other.as_expression().map_or_else(String::new, |e| canonical(bindings, e))
                    }
                })
                .collect();
            format!("[{}]", elements.join(", "))
        }
        Expression::ChainExpression(chain) => match chain.expression.as_member_expression() {
            Some(member) => member_text(bindings, member),
            None => expression_text(expr, bindings.text),
        },
        other => match other.as_member_expression() {
            Some(member) => member_text(bindings, member),
            None => expression_text(other, bindings.text),
        },
    }
}

fn member_text(
    bindings: &mut Bindings<'_, '_>,
    member: &oxc_ast::ast::MemberExpression<'_>,
) -> String {
    let object = canonical(bindings, member.object());
    match member.static_property_name() {
        Some(name) if member.is_computed() => format!("{object}[{name:?}]"),
        Some(name) => format!("{object}.{name}"),
        None => match member {
            oxc_ast::ast::MemberExpression::ComputedMemberExpression(computed) => {
                format!("{object}[{}]", canonical(bindings, &computed.expression))
            }
            _ => format!("{object}.{}", member.span().source_text(bindings.text)),
        },
    }
}
