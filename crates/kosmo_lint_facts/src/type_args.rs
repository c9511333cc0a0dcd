//! Reading a handler's type arguments the way the KosmoJS generator does (spec §3.2, §3.3).

use kosmo_lint_core::facts::{ObjectResponse, PositionalResponse};
use kosmo_lint_core::generation::GenericsShape;
use oxc_ast::ast::{
    TSSignature, TSTupleElement, TSTupleType, TSType, TSTypeParameterInstantiation,
};
use oxc_span::GetSpan;

/// Validation targets of the object generics (G3+); a literal with only these keys is `Defs`.
const OBJECT_TARGETS: &[&str] =
    &["query", "headers", "cookies", "json", "form", "raw", "response", "multipart"];

pub(crate) struct TypeArgFacts {
    pub texts: Vec<String>,
    pub positional: PositionalResponse,
    pub object: ObjectResponse,
    pub shape: Option<GenericsShape>,
}

pub(crate) fn analyse(args: Option<&TSTypeParameterInstantiation<'_>>, text: &str) -> TypeArgFacts {
    let params: &[TSType<'_>] = args.map_or(&[], |a| a.params.as_slice());
    let texts = params.iter().map(|t| t.span().source_text(text).to_owned()).collect();
    TypeArgFacts {
        texts,
        positional: positional(params, text),
        object: object(params.first(), text),
        shape: shape(params),
    }
}

/// G1/G2: the second type argument is the response body type.
fn positional(params: &[TSType<'_>], text: &str) -> PositionalResponse {
    match params.get(1) {
        None => PositionalResponse::Missing,
        Some(response @ (TSType::TSUnknownKeyword(_) | TSType::TSAnyKeyword(_))) => {
            PositionalResponse::Opaque { text: response.span().source_text(text).to_owned() }
        }
        Some(response) => {
            PositionalResponse::Declared { text: response.span().source_text(text).to_owned() }
        }
    }
}

/// G3+: an inline `{ response: [status, type?, body?] | … }` in the first type argument.
fn object(first: Option<&TSType<'_>>, text: &str) -> ObjectResponse {
    let Some(first) = first else { return ObjectResponse::NoTypeArguments };
    let TSType::TSTypeLiteral(literal) = first else {
        return ObjectResponse::NotInline { text: first.span().source_text(text).to_owned() };
    };
    let response = literal.members.iter().find_map(|member| match member {
        TSSignature::TSPropertySignature(prop) if prop.key.is_specific_static_name("response") => {
            Some(prop.type_annotation.as_ref().map(|a| &a.type_annotation))
        }
        _ => None,
    });
    let Some(response) = response else { return ObjectResponse::NoResponseKey };
    let Some(response) = response else {
        return ObjectResponse::NotTuple { text: String::new() };
    };
    // Like the generator, keep the tuple members of a union and drop the others.
    let variants: Vec<&TSTupleType<'_>> = match response {
        TSType::TSUnionType(union) => union
            .types
            .iter()
            .filter_map(|t| match t {
                TSType::TSTupleType(tuple) => Some(&**tuple),
                _ => None,
            })
            .collect(),
        TSType::TSTupleType(tuple) => vec![&**tuple],
        _ => Vec::new(),
    };
    if variants.is_empty() {
        return ObjectResponse::NotTuple { text: response.span().source_text(text).to_owned() };
    }
    let with_body = variants
        .iter()
        .filter(|tuple| tuple.element_types.len() >= 3 && !is_rest(&tuple.element_types[2]))
        .count();
    ObjectResponse::Declared {
        variants: u32::try_from(variants.len()).unwrap_or(u32::MAX),
        with_body: u32::try_from(with_body).unwrap_or(u32::MAX),
    }
}

fn is_rest(element: &TSTupleElement<'_>) -> bool {
    matches!(element, TSTupleElement::TSRestType(_))
}

/// Positional or object generics, when the arguments say so at all.
fn shape(params: &[TSType<'_>]) -> Option<GenericsShape> {
    let first = params.first()?;
    if let TSType::TSTypeLiteral(literal) = first {
        let keys_are_targets = literal.members.iter().all(|member| match member {
            TSSignature::TSPropertySignature(prop) => {
                prop.key.static_name().is_some_and(|name| OBJECT_TARGETS.contains(&name.as_ref()))
            }
            _ => false,
        });
        if keys_are_targets && !literal.members.is_empty() {
            return Some(GenericsShape::Object);
        }
    }
    if params.len() >= 2 || matches!(first, TSType::TSNeverKeyword(_)) {
        return Some(GenericsShape::Positional);
    }
    None
}
