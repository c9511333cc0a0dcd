//! What `define-route-shape` and `route-name-matches-folder` read off a route file: spreads
//! that hide handlers from the framework, and the route name literal with its quote.

mod common;

use common::{at, define_route, span_of};

#[test]
fn a_spread_that_uses_a_method_builder_hides_handlers() {
    let text = "export default defineRoute(({ GET, POST: post }) => [\n  ...crud(GET),\n  ...[post(h)],\n  GET(h),\n]);\n";
    let def = define_route(text);
    assert_eq!(*def.hidden_spreads, [span_of(text, "...crud(GET)"), span_of(text, "...[post(h)]")]);
    assert_eq!(def.methods.len(), 1, "the call element is still read");
}

#[test]
fn a_spread_of_the_builders_object_hides_handlers() {
    let text = "export default defineRoute((m) => [...list(m.GET), ...auth(m.use)]);\n";
    let def = define_route(text);
    assert_eq!(*def.hidden_spreads, [span_of(text, "...list(m.GET)")]);
}

#[test]
fn a_spread_without_builders_is_not_recorded() {
    // Middleware only, or something the factory does not hand a builder: nothing certain.
    for text in [
        "export default defineRoute(({ GET, use }) => [...authMiddleware, use(mw), GET(h)]);",
        "export default defineRoute(({ GET }) => [...shared(), GET(h)]);",
        "export default defineRoute(() => [...routes]);",
    ] {
        assert!(define_route(text).hidden_spreads.is_empty(), "{text}");
    }
}

#[test]
fn spreads_in_a_block_body_are_not_recorded() {
    // The whole factory is invisible there; the block body is the one finding.
    let def = define_route("export default defineRoute(({ GET }) => { return [...crud(GET)]; });");
    assert!(def.hidden_spreads.is_empty());
}

#[test]
fn route_name_is_the_first_type_argument_with_its_quote() {
    let text = "export default defineRoute<'users/[id]', [number]>(({ GET }) => [GET(h)]);";
    let name = define_route(text).route_name.expect("a route name");
    assert_eq!(name.value, "users/[id]");
    assert_eq!(at(text, name.span), "'users/[id]'");
    assert_eq!(name.quote, '\'');
    assert!(!name.escaped);

    let text = r#"export default defineRoute<"users\/[id]">(({ GET }) => [GET(h)]);"#;
    let name = define_route(text).route_name.expect("a route name");
    assert_eq!(name.value, "users/[id]");
    assert!(name.escaped);
}

#[test]
fn no_route_name_unless_the_first_type_argument_is_a_string_literal() {
    for text in [
        "export default defineRoute<[number]>(({ GET }) => [GET(h)]);",
        "export default defineRoute<Name>(({ GET }) => [GET(h)]);",
        "export default defineRoute<`users`>(({ GET }) => [GET(h)]);",
        "export default defineRoute(({ GET }) => [GET(h)]);",
    ] {
        assert_eq!(define_route(text).route_name, None, "{text}");
    }
}

#[test]
fn a_lone_return_is_recorded_only_when_the_block_holds_nothing_else() {
    let text = "export default defineRoute(({ GET }) => {\n  return [GET(h)];\n});";
    let lone = define_route(text).lone_return.expect("a lone return");
    assert_eq!(at(text, lone.array), "[GET(h)]");
    assert!(at(text, lone.body).starts_with('{') && at(text, lone.body).ends_with('}'));
    for text in [
        "export default defineRoute(({ GET }) => { const a = 1; return [GET(h)]; });",
        "export default defineRoute(({ GET }) => { /* why */ return [GET(h)]; });",
        "export default defineRoute(({ GET }) => { return [GET(h)]; /* why */ });",
        "export default defineRoute(({ GET }) => { return\n[GET(h)]; });",
        "export default defineRoute(({ GET }) => { return ([GET(h)]); });",
        "export default defineRoute(async ({ GET }) => { return [GET(h)]; });",
        "export default defineRoute(function ({ GET }) { return [GET(h)]; });",
        "export default defineRoute(({ GET }) => { 'use strict'; return [GET(h)]; });",
        "export default defineRoute(({ GET }) => [GET(h)]);",
    ] {
        assert_eq!(define_route(text).lone_return, None, "{text}");
    }
}
