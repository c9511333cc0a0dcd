//! `response-type-declared`: every API handler declares the response type its client returns.

use kosmo_lint_core::facts::{ApiRouteFacts, MethodEntry, ObjectResponse, ResponseDeclaration};
use kosmo_lint_core::walk::FileKind;

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks that every method handler of an API route (`api/**/index.ts`) declares its
    /// response type the way the route's generation reads it:
    ///
    /// - **G1/G2** (positional generics, `METHOD<Payload, Response>`): a second type argument
    ///   that is not `unknown` or `any` (`never` and `object` count: the generator turns them
    ///   into `{}`).
    /// - **G3 and later** (object generics, `METHOD<{ …; response: [...] }>`): an inline object
    ///   type with a `response` property that is a tuple `[status, contentType?, body?]` or a
    ///   union of tuples. A bodiless `[204]` counts: it says there is no body. A type alias
    ///   (`GET<Defs>`) does not: the generator reads the type arguments syntactically and
    ///   cannot see through it.
    ///
    /// Routes whose factory has a block body (`=> { return [...] }`) are skipped: the
    /// framework sees no methods there at all, which `define-route-shape` reports.
    ///
    /// ### Why is this bad?
    ///
    /// KosmoJS generates a typed fetch client from each handler's declared response type. A
    /// handler that declares none gets a client returning `Promise<unknown>`, so every page
    /// that reads it either casts the data or loses type checking, and a change of the
    /// handler's response goes unnoticed.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```ts
    /// export default defineRoute(({ GET }) => [
    ///   GET(async (ctx) => { ctx.body = await listUsers(); }),           // G1
    /// ]);
    /// export default defineRoute<"users">(({ POST }) => [
    ///   POST<{ json: NewUser }>(async (ctx) => ctx.json(await create())), // G5
    /// ]);
    /// ```
    ///
    /// Correct:
    ///
    /// ```ts
    /// GET<never, User[]>(async (ctx) => { ctx.body = await listUsers(); })                 // G1/G2
    /// POST<{ json: NewUser; response: [201, "json", User] }>(async (ctx) => …)             // G3+
    /// ```
    ///
    /// ### Frontends
    ///
    /// None in particular: the rule reads API routes (`api/**/index.ts`), which are the same
    /// in every frontend's folder.
    ///
    /// ### Fix
    ///
    /// None, on purpose: kosmo-lint does not invent response types. The help shows the
    /// declaration to write for the route's generation.
    ResponseTypeDeclared {
        name: "response-type-declared",
        severity: Error,
        category: Correctness,
        fix: None,
        frontends: [],
        summary: "Every API route handler must declare its response type, or its client returns `Promise<unknown>`",
    }
}

impl Rule for ResponseTypeDeclared {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::ApiRoute {
            return;
        }
        let Some(ApiRouteFacts::DefineRoute(route)) = ctx.facts.api.as_deref() else { return };
        if !route.factory.visible_to_framework() {
            return;
        }
        let generation = ctx.generation();
        for method in &route.methods {
            let ResponseDeclaration::Undeclared { reason } = method.response(generation) else {
                continue;
            };
            report
                .report(
                    method.head_span,
                    format!(
                        "`{}` handler declares no response type, so its generated client returns `Promise<unknown>`",
                        method.method
                    ),
                )
                .label(method.head_span, reason)
                .help(help(method, generation.object_generics()));
        }
    }
}

/// The declaration for the route's generation, keeping what the handler already declares.
fn help(method: &MethodEntry, object_generics: bool) -> String {
    let name = method.method;
    if !object_generics {
        let payload = method.type_args.first().map_or("never", |t| t.trim());
        return format!(
            "declare it as the second type argument: `{name}<{payload}, ResponseBody>`"
        );
    }
    // The literal already has a `response` key: make its type the body of a tuple rather than
    // suggest a second `response` key.
    if let ObjectResponse::NotTuple { text } = &method.object
        && !text.is_empty()
    {
        return format!(
            "declare `response` as a tuple `[status, contentType?, body?]`: `response: [200, \"json\", {text}]`"
        );
    }
    let first = method.type_args.first().map(|t| t.trim());
    let inner = first
        .and_then(|literal| literal.strip_prefix('{')?.strip_suffix('}'))
        .map(|inner| inner.trim().trim_end_matches([';', ',']))
        .filter(|inner| !inner.is_empty());
    let example = match inner {
        Some(inner) => format!("{name}<{{ {inner}; response: [200, \"json\", ResponseBody] }}>"),
        None => format!("{name}<{{ response: [200, \"json\", ResponseBody] }}>"),
    };
    let alias_note = match &method.object {
        ObjectResponse::NotInline { text } if is_type_reference(text) => {
            " (the generator reads type arguments as written and cannot see through an alias)"
        }
        _ => "",
    };
    format!("declare it inline: `{example}`{alias_note}")
}

/// `Defs`, `api.Defs`, `Defs<T>`: a name that may be an alias, not a keyword type (`never`).
fn is_type_reference(text: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "any",
        "unknown",
        "never",
        "object",
        "string",
        "number",
        "boolean",
        "bigint",
        "symbol",
        "void",
        "null",
        "undefined",
    ];
    let name = text.split_once('<').map_or(text, |(name, _)| name).trim();
    name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.'))
        && !KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::ResponseTypeDeclared;
    use crate::tester::{Case, Fixture, Tester};

    /// A `posts` route with `GET` and `POST` in the G2/G3 form (per-route `defineRoute`).
    fn g23_route(fixture: Fixture, body: &str) -> Case {
        let head = "import { defineRoute } from \"_/front/api/posts\";\nexport default defineRoute(({ GET, POST }) => [";
        fixture.file("api/posts/index.ts", &format!("{head}\n{body}\n]);\n"))
    }

    fn g4_route(body: &str) -> Case {
        let head = "import { defineRoute } from \"_/front/api\";\nexport default defineRoute<\"posts\">(({ GET, POST }) => [";
        Fixture::G4.file("api/posts/index.ts", &format!("{head}\n{body}\n]);\n"))
    }

    fn g1_route(body: &str) -> Case {
        Fixture::G1.file(
            "api/posts/index.ts",
            &format!(
                "import {{ defineRoute }} from \"@front/{{api}}/posts\";\nexport default defineRoute(({{ GET, POST }}) => [\n{body}\n]);\n"
            ),
        )
    }

    fn g5_route(body: &str) -> Case {
        Fixture::G5.file(
            "api/posts/index.ts",
            &format!(
                "import {{ defineRoute }} from \"_/api\";\nexport default defineRoute<\"posts\">(({{ GET, POST }}) => [\n{body}\n]);\n"
            ),
        )
    }

    #[test]
    fn passes() {
        let pass = vec![
            g1_route("  GET<never, Post[]>(async (ctx) => { ctx.body = []; }),"),
            g1_route(
                "  GET<never, never>(async (ctx) => { ctx.body = {}; }),\n  POST<NewPost, object>(async (ctx) => {}),",
            ),
            g5_route("  GET<{ response: [200, \"json\", Post[]] }>(async (ctx) => ctx.json([])),"),
            g5_route(
                "  POST<{ json: NewPost; response: [201, \"json\", Post] | [409, \"json\", Conflict] }>(async (ctx) => ctx.json({})),",
            ),
            g5_route(
                "  POST<{ json: NewPost; response: [204] }>(async (ctx) => ctx.body(null, 204)),",
            ),
            // Invisible to the framework: `define-route-shape`'s business.
            Fixture::G5.file(
                "api/posts/index.ts",
                "import { defineRoute } from \"_/api\";\nexport default defineRoute<\"posts\">(({ GET }) => { return [GET(async (ctx) => ctx.json([]))]; });\n",
            ),
            // G2 reads positional generics: `never` payload, `User` response.
            g23_route(Fixture::G2, "  GET<never, User>(async (ctx) => { ctx.body = {}; }),"),
            g23_route(Fixture::G2, "  POST<NewPost, object>(async (ctx) => { ctx.body = {}; }),"),
            g23_route(
                Fixture::G3,
                "  GET<{ query: { page?: number }; response: [200, \"json\", Post[]] }>(async (ctx) => { ctx.body = []; }),",
            ),
            g23_route(
                Fixture::G3,
                "  POST<{ json: NewPost; response: [201, \"json\", Post] | [409, \"json\", Conflict] }>(async (ctx) => {}),",
            ),
            g4_route("  GET<{ response: [200, \"json\", Post[]] }>(async (ctx) => ctx.json([])),"),
            g4_route(
                "  POST<{ json: NewPost; response: [204] }>(async (ctx) => ctx.body(null, 204)),",
            ),
        ];
        Tester::new(&ResponseTypeDeclared).pass(pass).test();
    }

    #[test]
    fn fails() {
        let fail = vec![
            g1_route("  GET(async (ctx) => { ctx.body = []; }),"),
            g1_route("  POST<NewPost>(async (ctx) => { ctx.body = ctx.payload; }),"),
            g1_route("  GET<never, unknown>(async (ctx) => { ctx.body = []; }),"),
            g5_route("  GET(async (ctx) => ctx.json([])),"),
            g5_route("  POST<{ json: NewPost }>(async (ctx) => ctx.json({})),"),
            g5_route("  GET<PostDefs>(async (ctx) => ctx.json([])),"),
            g5_route("  GET<{ response: Post[] }>(async (ctx) => ctx.json([])),"),
            g23_route(Fixture::G2, "  GET(async (ctx) => { ctx.body = []; }),"),
            g23_route(Fixture::G2, "  POST<NewPost>(async (ctx) => { ctx.body = ctx.payload; }),"),
            // The same `GET<never, User>` that declares a response in G2 declares none in G3.
            g23_route(Fixture::G3, "  GET<never, User>(async (ctx) => { ctx.body = {}; }),"),
            g23_route(Fixture::G3, "  POST<{ json: NewPost }>(async (ctx) => { ctx.body = {}; }),"),
            g4_route("  GET<PostDefs>(async (ctx) => ctx.json([])),"),
            g4_route("  POST<{ json: NewPost; response: NewPost }>(async (ctx) => ctx.json({})),"),
            g4_route("  GET<{}>(async (ctx) => ctx.json([])),"),
        ];
        Tester::new(&ResponseTypeDeclared).fail(fail).test_and_snapshot();
    }
}
