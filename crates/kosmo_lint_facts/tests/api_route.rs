//! API route facts: the `defineRoute` call, its factory shape, its method entries and whether
//! each method declares its response type in each generation (issue 3, spec §3).

mod common;

use common::{api, at, define_route, method, span_of, span_of_nth};
use kosmo_lint_core::facts::{
    ApiRouteFacts, FactoryShape, ObjectResponse, PositionalResponse, ResponseDeclaration,
};
use kosmo_lint_core::generation::GenericsShape;
use kosmo_lint_core::{Generation, HttpMethod};

const POSITIONAL: [Generation; 2] = [Generation::G1, Generation::G2];
const OBJECT: [Generation; 4] =
    [Generation::G3, Generation::G4, Generation::G5, Generation::G5Plus];

fn undeclared(reason: &str) -> ResponseDeclaration {
    ResponseDeclaration::Undeclared { reason: reason.to_owned() }
}

/// The declaration of `entry` in every generation of `generations`, which must agree.
fn response_in(generations: &[Generation], entry: &str) -> ResponseDeclaration {
    let entry = method(entry);
    let first = entry.response(generations[0]);
    for generation in &generations[1..] {
        assert_eq!(entry.response(*generation), first, "{generation} disagrees");
    }
    first
}

// ------------------------------------------------------------ G1/G2: positional generics

#[test]
fn positional_without_type_arguments_is_undeclared() {
    let entry = method("GET(async (ctx) => { ctx.body = await load(); })");
    assert!(entry.type_args.is_empty());
    assert_eq!(entry.positional, PositionalResponse::Missing);
    assert_eq!(entry.shape, None);
    assert_eq!(entry.response(Generation::G1), undeclared("no type arguments"));
    assert_eq!(entry.response(Generation::G2), undeclared("no type arguments"));
}

#[test]
fn positional_with_a_payload_only_is_undeclared() {
    let entry = method("GET<never>(async (ctx) => {})");
    assert_eq!(entry.type_args, ["never"]);
    assert_eq!(entry.positional, PositionalResponse::Missing);
    assert_eq!(entry.shape, Some(GenericsShape::Positional));
    let declaration = response_in(&POSITIONAL, "GET<never>(async (ctx) => {})");
    assert_eq!(declaration, undeclared("only a payload type argument, no response type argument"));
    assert!(!declaration.is_declared());
}

#[test]
fn positional_with_a_response_type_is_declared() {
    let entry = method("GET<never, User>(async (ctx) => { ctx.body = user; })");
    assert_eq!(entry.method, HttpMethod::Get);
    assert_eq!(entry.type_args, ["never", "User"]);
    assert_eq!(entry.positional, PositionalResponse::Declared { text: "User".into() });
    assert_eq!(entry.response(Generation::G1), ResponseDeclaration::Declared);
    assert_eq!(entry.response(Generation::G2), ResponseDeclaration::Declared);
}

#[test]
fn positional_never_and_object_responses_count_as_declared() {
    // The generator turns both into `{}`: declared, though the client type is `{}`.
    for response in ["never", "object"] {
        let source = format!("GET<never, {response}>(async (ctx) => {{}})");
        let entry = method(&source);
        assert_eq!(entry.positional, PositionalResponse::Declared { text: response.into() });
        assert_eq!(response_in(&POSITIONAL, &source), ResponseDeclaration::Declared);
    }
}

#[test]
fn positional_unknown_and_any_responses_are_opaque_and_undeclared() {
    for response in ["unknown", "any"] {
        let source = format!("GET<never, {response}>(async (ctx) => {{}})");
        let entry = method(&source);
        assert_eq!(entry.positional, PositionalResponse::Opaque { text: response.into() });
        assert_eq!(
            response_in(&POSITIONAL, &source),
            undeclared(&format!("the response type argument is `{response}`"))
        );
    }
}

#[test]
fn positional_response_text_is_kept_as_written() {
    let entry = method("POST<{ name: string }, Array<User> | null>(async (ctx) => {})");
    assert_eq!(entry.type_args, ["{ name: string }", "Array<User> | null"]);
    assert_eq!(
        entry.positional,
        PositionalResponse::Declared { text: "Array<User> | null".into() }
    );
}

// ---------------------------------------------------------------- G3+: object generics

#[test]
fn object_without_type_arguments_is_undeclared() {
    let entry = method("GET(async (ctx) => {})");
    assert_eq!(entry.object, ObjectResponse::NoTypeArguments);
    assert_eq!(response_in(&OBJECT, "GET(async (ctx) => {})"), undeclared("no type arguments"));
}

#[test]
fn object_with_a_type_alias_is_not_declared() {
    let entry = method("GET<Defs>(async (ctx) => {})");
    assert_eq!(entry.object, ObjectResponse::NotInline { text: "Defs".into() });
    assert_eq!(entry.shape, None, "an alias says nothing about the generics shape");
    assert_eq!(
        response_in(&OBJECT, "GET<Defs>(async (ctx) => {})"),
        undeclared("`Defs` is not an inline object type, so the generator cannot read it")
    );
}

#[test]
fn object_without_a_response_key_is_undeclared() {
    let source = "GET<{ query: { q: string } }>(async (ctx) => {})";
    let entry = method(source);
    assert_eq!(entry.object, ObjectResponse::NoResponseKey);
    assert_eq!(entry.shape, Some(GenericsShape::Object));
    assert_eq!(response_in(&OBJECT, source), undeclared("no `response` key"));
}

#[test]
fn object_with_a_response_tuple_is_declared() {
    let source = r#"GET<{ query: { full?: boolean }; response: [200, "json", User] }>(h)"#;
    let entry = method(source);
    assert_eq!(entry.object, ObjectResponse::Declared { variants: 1, with_body: 1 });
    assert_eq!(entry.shape, Some(GenericsShape::Object));
    assert_eq!(response_in(&OBJECT, source), ResponseDeclaration::Declared);
}

#[test]
fn object_with_a_union_of_tuples_is_declared() {
    let source = r#"PUT<{ json: Partial<User>; response: [200, "json", User] | [404] }>(h)"#;
    let entry = method(source);
    assert_eq!(entry.method, HttpMethod::Put);
    assert_eq!(entry.object, ObjectResponse::Declared { variants: 2, with_body: 1 });
    assert_eq!(response_in(&OBJECT, source), ResponseDeclaration::Declared);
}

#[test]
fn object_with_a_leading_pipe_union_is_declared() {
    let source = "GET<{\n  response:\n    | [200, \"json\", A]\n    | [201, \"json\", B]\n}>(h)";
    assert_eq!(method(source).object, ObjectResponse::Declared { variants: 2, with_body: 2 });
}

#[test]
fn object_with_only_bodiless_variants_is_declared_without_body() {
    for source in [
        "DELETE<{ response: [204] }>(h)",
        r#"POST<{ response: [201, "json"] }>(h)"#,
        "DELETE<{ response: [204] | [404] }>(h)",
    ] {
        let declaration = response_in(&OBJECT, source);
        assert_eq!(declaration, ResponseDeclaration::DeclaredWithoutBody, "{source}");
        assert!(declaration.is_declared(), "a bodiless response still counts as declared");
    }
    assert_eq!(
        method("DELETE<{ response: [204] }>(h)").object,
        ObjectResponse::Declared { variants: 1, with_body: 0 }
    );
}

#[test]
fn object_with_a_response_that_is_not_a_tuple_is_undeclared() {
    let source = "GET<{ response: User }>(h)";
    let entry = method(source);
    assert_eq!(entry.object, ObjectResponse::NotTuple { text: "User".into() });
    assert_eq!(
        response_in(&OBJECT, source),
        undeclared("`response: User` is not a tuple or a union of tuples")
    );
}

#[test]
fn object_union_keeps_its_tuples_and_drops_other_members() {
    // The generator takes a union's tuple members and drops the rest (spec §3.3, 3).
    let entry = method(r#"GET<{ response: [200, "json", User] | undefined }>(h)"#);
    assert_eq!(entry.object, ObjectResponse::Declared { variants: 1, with_body: 1 });
    let entry = method("GET<{ response: User | null }>(h)");
    assert_eq!(entry.object, ObjectResponse::NotTuple { text: "User | null".into() });
}

#[test]
fn object_with_an_optional_response_key_is_declared() {
    let entry = method(r#"GET<{ response?: [200, "json", User] }>(h)"#);
    assert_eq!(entry.object, ObjectResponse::Declared { variants: 1, with_body: 1 });
}

#[test]
fn object_generics_with_options_are_declared_by_their_first_argument() {
    let source = r#"GET<{ response: [200, "json", User] }, { runtimeValidation: false }>(h)"#;
    let entry = method(source);
    assert_eq!(entry.type_args.len(), 2);
    assert_eq!(entry.shape, Some(GenericsShape::Object));
    assert_eq!(response_in(&OBJECT, source), ResponseDeclaration::Declared);
}

#[test]
fn each_generation_reads_its_own_generics() {
    // A positional declaration is not an object one, and the other way round.
    let positional = method("GET<never, User>(h)");
    assert_eq!(positional.response(Generation::G1), ResponseDeclaration::Declared);
    assert_eq!(
        positional.response(Generation::G5),
        undeclared("`never` is not an inline object type, so the generator cannot read it")
    );
    let object = method(r#"GET<{ response: [200, "json", User] }>(h)"#);
    assert_eq!(object.response(Generation::G5), ResponseDeclaration::Declared);
    assert!(!object.response(Generation::G1).is_declared());
}

// ------------------------------------------------------------------------ generics shape

#[test]
fn generics_shape_tells_positional_from_object() {
    let cases = [
        ("GET<never, User>(h)", Some(GenericsShape::Positional)),
        ("GET<never>(h)", Some(GenericsShape::Positional)),
        // G1: an inline payload type whose keys are not validation targets.
        ("POST<{ name: string }, User>(h)", Some(GenericsShape::Positional)),
        ("GET<{ query: Q }>(h)", Some(GenericsShape::Object)),
        (r#"POST<{ json: Body; response: [201, "json", User] }>(h)"#, Some(GenericsShape::Object)),
        (
            r#"GET<{ response: [200, "json", User] }, { runtimeValidation: false }>(h)"#,
            Some(GenericsShape::Object),
        ),
        ("GET<Defs>(h)", None),
        ("GET<{}>(h)", None),
        ("GET(h)", None),
    ];
    for (source, shape) in cases {
        assert_eq!(method(source).shape, shape, "{source}");
    }
}

// ------------------------------------------------------------------- defineRoute shapes

const G1_ROUTE: &str = r#"import { defineRoute } from "@front/{api}/users/[id]";
import { requireAuth } from "../../middleware";

export default defineRoute<[number]>(({ GET, POST, use }) => [
  use(requireAuth),
  GET<never, User>(async (ctx) => {
    ctx.body = await load(ctx.params.id);
  }),
  POST<{ name: string }, User>(async (ctx) => {
    ctx.body = await save(ctx.payload);
  }),
]);
"#;

#[test]
fn g1_route_with_params_refinement_use_and_methods() {
    let def = define_route(G1_ROUTE);
    assert_eq!(def.callee, "defineRoute");
    assert_eq!(def.import_source.as_deref(), Some("@front/{api}/users/[id]"));
    assert_eq!(def.route_name_arg, None);
    assert_eq!(def.params_refinement.as_deref(), Some("[number]"));
    assert_eq!(def.factory, FactoryShape::ConciseArray);
    assert!(def.factory.visible_to_framework());
    assert_eq!(def.uses, [span_of(G1_ROUTE, "use(requireAuth)")]);
    let methods: Vec<_> = def.methods.iter().map(|m| m.method).collect();
    assert_eq!(methods, [HttpMethod::Get, HttpMethod::Post]);
    assert_eq!(def.methods[1].shape, Some(GenericsShape::Positional));
    assert!(def.methods.iter().all(|m| m.response(Generation::G1).is_declared()));
    let call = &G1_ROUTE[G1_ROUTE.find("defineRoute<").unwrap()..=G1_ROUTE.rfind(')').unwrap()];
    assert_eq!(at(G1_ROUTE, def.span), call);
}

#[test]
fn method_spans_cover_the_call_and_the_head() {
    let def = define_route(G1_ROUTE);
    let get = &def.methods[0];
    assert_eq!(at(G1_ROUTE, get.head_span), "GET<never, User>");
    let call = at(G1_ROUTE, get.span);
    assert!(call.starts_with("GET<never, User>(async (ctx) => {"), "{call}");
    assert!(call.ends_with("})"), "{call}");
    assert_eq!(at(G1_ROUTE, def.methods[1].head_span), "POST<{ name: string }, User>");
    // Without type arguments the head is the callee alone.
    let text = "export default defineRoute(({ GET }) => [GET(async () => {})]);";
    assert_eq!(at(text, define_route(text).methods[0].head_span), "GET");
}

const G5_ROUTE: &str = r#"import { defineRoute } from "_/api";

type User = { id: number; name: string };

export default defineRoute<"users/[id]", [number]>(({ GET, PUT, DELETE, use }) => [
  use(requireAuth),
  use([rateLimit, audit], { slot: "auth" }),
  GET<{ query: { full?: boolean }; response: [200, "json", User] }>(async (ctx) => {
    return ctx.json(await load(ctx.validated.params.id));
  }),
  PUT<{ json: Partial<User>; response: [200, "json", User] | [404] }>([validate, save]),
  DELETE<{ response: [204] }>(async (ctx) => ctx.body(null, 204)),
]);
"#;

#[test]
fn g5_route_with_route_name_argument_and_params_refinement() {
    let def = define_route(G5_ROUTE);
    assert_eq!(def.import_source.as_deref(), Some("_/api"));
    let name = def.route_name_arg.as_ref().unwrap();
    assert_eq!(name.value, "users/[id]");
    assert_eq!(at(G5_ROUTE, name.span), r#""users/[id]""#);
    assert_eq!(def.params_refinement.as_deref(), Some("[number]"));
    assert_eq!(def.factory, FactoryShape::ConciseArray);
    assert_eq!(
        def.uses,
        [
            span_of(G5_ROUTE, "use(requireAuth)"),
            span_of(G5_ROUTE, r#"use([rateLimit, audit], { slot: "auth" })"#)
        ]
    );
    let declarations: Vec<_> =
        def.methods.iter().map(|m| (m.method, m.response(Generation::G5))).collect();
    assert_eq!(
        declarations,
        [
            (HttpMethod::Get, ResponseDeclaration::Declared),
            (HttpMethod::Put, ResponseDeclaration::Declared),
            (HttpMethod::Delete, ResponseDeclaration::DeclaredWithoutBody),
        ]
    );
}

#[test]
fn handler_arrays_are_method_entries() {
    let def = define_route(G5_ROUTE);
    let put = &def.methods[1];
    assert_eq!(
        at(G5_ROUTE, put.span),
        r#"PUT<{ json: Partial<User>; response: [200, "json", User] | [404] }>([validate, save])"#
    );
    let entry = method("GET([auth, async (ctx) => { ctx.body = 1; }])");
    assert_eq!(entry.method, HttpMethod::Get);
    assert!(entry.type_args.is_empty());
}

#[test]
fn route_name_argument_alone() {
    let def = define_route(
        r#"export default defineRoute<"index">(({ GET }) => [GET<{ response: [200] }>(h)]);"#,
    );
    assert_eq!(def.route_name_arg.map(|n| n.value).as_deref(), Some("index"));
    assert_eq!(def.params_refinement, None);
}

#[test]
fn concise_array_without_type_arguments() {
    let text = r#"import { defineRoute } from "@front/{api}/users/data";

export default defineRoute(({ GET }) => [
  GET<never, Data>(async (ctx) => {
    ctx.body = await fetchUserData();
  }),
]);
"#;
    let def = define_route(text);
    assert_eq!(def.route_name_arg, None);
    assert_eq!(def.params_refinement, None);
    assert_eq!(def.factory, FactoryShape::ConciseArray);
    assert!(def.uses.is_empty());
    assert_eq!(def.methods.len(), 1);
}

#[test]
fn block_body_factory_is_recorded_with_its_methods() {
    let text = r"export default defineRoute(({ GET }) => {
  const cache = new Map();
  return [GET<never, User>(async (ctx) => { ctx.body = cache.get(1); })];
});
";
    let def = define_route(text);
    let FactoryShape::BlockBody { span } = def.factory else {
        panic!("expected a block body, got {:?}", def.factory);
    };
    assert!(at(text, span).starts_with("({ GET }) => {"));
    assert!(at(text, span).ends_with('}'));
    assert!(!def.factory.visible_to_framework());
    assert_eq!(def.methods.len(), 1, "methods are still recorded");
    assert_eq!(at(text, def.methods[0].head_span), "GET<never, User>");
}

#[test]
fn function_expression_factory_is_a_block_body() {
    let text = r#"export default defineRoute(function ({ GET, use }) {
  return [use(mw), GET<{ response: [200, "json", User] }>(h)];
});
"#;
    let def = define_route(text);
    let FactoryShape::BlockBody { span } = def.factory else {
        panic!("expected a block body, got {:?}", def.factory);
    };
    assert!(at(text, span).starts_with("function ({ GET, use }) {"));
    assert_eq!(def.methods.len(), 1);
    assert_eq!(def.uses, [span_of(text, "use(mw)")]);
}

#[test]
fn call_without_a_factory_has_no_methods() {
    let def = define_route("export default defineRoute();");
    assert_eq!(def.factory, FactoryShape::Missing);
    assert!(!def.factory.visible_to_framework());
    assert!(def.methods.is_empty() && def.uses.is_empty());
}

#[test]
fn factory_with_a_concise_body_that_is_not_an_array_has_no_methods() {
    let def = define_route("export default defineRoute(({ GET }) => routes(GET));");
    assert!(!def.factory.visible_to_framework());
    assert!(def.methods.is_empty());
}

#[test]
fn default_export_that_is_not_a_call() {
    let text = "const routes = [];\nexport default routes;\n";
    assert_eq!(api(text), ApiRouteFacts::NotACall { span: span_of_nth(text, "routes", 1) });
    let text = "export default { GET: () => 1 };";
    let ApiRouteFacts::NotACall { span } = api(text) else { panic!("expected NotACall") };
    assert_eq!(at(text, span), "{ GET: () => 1 }");
    assert!(matches!(
        api("export default function handler() { return []; }"),
        ApiRouteFacts::NotACall { .. }
    ));
}

#[test]
fn no_default_export() {
    assert_eq!(api("export const GET = () => 1;"), ApiRouteFacts::NoDefaultExport);
    assert_eq!(api(""), ApiRouteFacts::NoDefaultExport);
}

#[test]
fn only_the_seven_methods_and_use_are_entries() {
    // The framework matches the callee text exactly: no `ALL`, `TRACE`, lower case or
    // member calls.
    let text = r"export default defineRoute(({ GET, OPTIONS, HEAD, PATCH }) => [
  ALL(h),
  get(h),
  TRACE(h),
  api.GET(h),
  ...extra,
  OPTIONS(h),
  HEAD(h),
  PATCH<never, Patch>(h),
]);
";
    let def = define_route(text);
    let methods: Vec<_> = def.methods.iter().map(|m| m.method).collect();
    assert_eq!(methods, [HttpMethod::Options, HttpMethod::Head, HttpMethod::Patch]);
}

#[test]
fn define_route_imported_under_another_name() {
    let text = r#"import { defineRoute as route } from "_/api";
export default route(({ GET }) => [GET(h)]);
"#;
    let def = define_route(text);
    assert_eq!(def.callee, "route");
    assert_eq!(def.import_source.as_deref(), Some("_/api"));
    assert_eq!(def.methods.len(), 1);
}
