//! Query keys as values: literals, arrays and plain objects of them, and route params. What
//! depends on anything else (a variable, a call, a template with expressions) is unknown.

use std::collections::HashMap;

use kosmo_lint_core::facts::QueryKey;
use oxc_ast::AstKind;
use oxc_ast::ast::{
    ArrayExpressionElement, Expression, ObjectPropertyKind, PropertyKind, UnaryOperator,
};
use oxc_semantic::SymbolId;

use crate::bindings::{Binding, Bindings};

/// The values an options factory's parameters hold at one call (`None`: not a known value).
pub(super) type Subst = HashMap<SymbolId, Option<QueryKey>>;

/// How deep a key is read, constants followed included: deeper keys are unknown, which also
/// keeps the cached facts shallow.
const MAX_DEPTH: u32 = 5;

/// The value of `expr` as a key part, reading a factory parameter from `subst`.
pub(super) fn key_value<'a>(
    bindings: &mut Bindings<'_, 'a>,
    expr: &Expression<'a>,
    subst: &Subst,
    depth: u32,
) -> Option<QueryKey> {
    if depth > MAX_DEPTH {
        return None;
    }
    match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Some(QueryKey::Str(s.value.to_string())),
        Expression::TemplateLiteral(t) => t.single_quasi().map(|s| QueryKey::Str(s.to_string())),
        Expression::NumericLiteral(n) => Some(QueryKey::Num(number(n.value))),
        Expression::UnaryExpression(unary) if unary.operator == UnaryOperator::UnaryNegation => {
            match unary.argument.get_inner_expression() {
                Expression::NumericLiteral(n) => Some(QueryKey::Num(number(-n.value))),
                _ => None,
            }
        }
        Expression::BooleanLiteral(b) => Some(QueryKey::Bool(b.value)),
        Expression::NullLiteral(_) => Some(QueryKey::Null),
        Expression::ArrayExpression(array) => {
            let mut items = Vec::with_capacity(array.elements.len());
            for element in &array.elements {
                // A hole is `null` to JSON and a spread is whatever it spreads: unknown.
                if matches!(
                    element,
                    ArrayExpressionElement::SpreadElement(_) | ArrayExpressionElement::Elision(_)
                ) {
                    return None;
                }
                items.push(key_value(bindings, element.as_expression()?, subst, depth + 1)?);
            }
            Some(QueryKey::Array(items))
        }
        Expression::ObjectExpression(object) => {
            let mut properties = Vec::with_capacity(object.properties.len());
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(prop) = property else { return None };
                if prop.kind != PropertyKind::Init || prop.method {
                    return None;
                }
                let name = prop.key.static_name()?.into_owned();
                properties.push((name, key_value(bindings, &prop.value, subst, depth + 1)?));
            }
            Some(QueryKey::object(properties))
        }
        Expression::Identifier(ident) => {
            let symbol = bindings.symbol_of(ident)?;
            if let Some(value) = subst.get(&symbol) {
                return value.clone();
            }
            match bindings.resolve_symbol(symbol) {
                Binding::Params => Some(QueryKey::Param(None)),
                Binding::ParamsField { field } => Some(QueryKey::Param(Some(field))),
                _ => {
                    let init = const_init(bindings, symbol)?;
                    key_value(bindings, init, subst, depth + 1)
                }
            }
        }
        other => {
            // `params.id` on a factory parameter that holds the route params.
            if let Some(member) = other.as_member_expression()
                && let Expression::Identifier(object) = member.object().get_inner_expression()
                && let Some(symbol) = bindings.symbol_of(object)
                && let Some(held) = subst.get(&symbol)
            {
                return match (held, member.static_property_name()) {
                    (Some(QueryKey::Param(None)), Some(field)) => {
                        Some(QueryKey::Param(Some(field.to_owned())))
                    }
                    _ => None,
                };
            }
            match bindings.classify(other) {
                Binding::Params => Some(QueryKey::Param(None)),
                Binding::ParamsField { field } => Some(QueryKey::Param(Some(field))),
                _ => None,
            }
        }
    }
}

/// The initialiser of a `const` bound to a plain name (`const key = ["users"]`): it holds
/// that value wherever the name is read.
pub(super) fn const_init<'a>(
    bindings: &Bindings<'_, 'a>,
    symbol: SymbolId,
) -> Option<&'a Expression<'a>> {
    let semantic = bindings.semantic;
    if !semantic.scoping().symbol_flags(symbol).is_const_variable() {
        return None;
    }
    match semantic.symbol_declaration(symbol).kind() {
        AstKind::VariableDeclarator(decl) => match &decl.id {
            oxc_ast::ast::BindingPattern::BindingIdentifier(id)
                if id.symbol_id.get() == Some(symbol) =>
            {
                decl.init.as_ref()
            }
            _ => None,
        },
        _ => None,
    }
}

/// A number as JSON writes it for comparison: one text per value (`-0` is `0`, as
/// `JSON.stringify` has it).
fn number(value: f64) -> String {
    if value == 0.0 { "0".to_owned() } else { value.to_string() }
}
