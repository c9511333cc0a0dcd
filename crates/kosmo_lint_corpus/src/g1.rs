//! The first KosmoJS generation, as in the preload-pattern seed: a `front/` source folder
//! beside `vite.config.ts`, `@front/{api}/…` imports, positional handler generics
//! `GET<Payload, Response>` with Koa-style handlers, and pages that read a generated fetch
//! function through a `query()` wrapper in `createAsync` and in `preload` (the seed's bare
//! `createAsync(fetchData)` + `export const preload = fetchData` is reported by
//! `no-bare-function-reference` and `preload-query-cache`, so correct pages no longer use it).

use crate::page::{self, Component};
use crate::plan::{Page, Plan, Reference, RoutePlan, rules};
use crate::rng::Rng;
use crate::routes::Route;
use crate::source::Source;
use crate::vocab::{camel, pascal};
use crate::{Corpus, api, blocks};

const SRC: &str = "front";

pub fn write(plan: &Plan, corpus: &mut Corpus) {
    scaffolding(corpus);
    for plan_route in &plan.routes {
        let mut rng = Rng::keyed(plan.seed, &plan_route.route.path);
        api_route(plan_route, &mut rng, corpus);
        page(plan_route, &mut rng, corpus);
    }
    for (domain, routes) in plan.by_domain() {
        if let Some(source) = client_module(plan, &routes) {
            corpus.add(format!("{SRC}/hooks/{domain}.ts"), source);
        }
    }
    crate::write_layouts(plan, &format!("{SRC}/pages"), corpus);
}

fn api_route(plan: &RoutePlan, rng: &mut Rng, corpus: &mut Corpus) {
    let route = &plan.route;
    let define_route = format!("@front/{{api}}/{}", route.path);
    let (mut source, api::Types { item, payload }) =
        api::head(route, SRC, &define_route, "@front/lib/repositories", rng, corpus);

    let params = route.params();
    // The param refinement (`defineRoute<[number]>`) of the seed, on some routes.
    let refinement = if !params.is_empty() && rng.percent(20) {
        format!("<[{}]>", vec!["string"; params.len()].join(", "))
    } else {
        String::new()
    };
    source.line(format!(
        "export default defineRoute{refinement}(({{ {} }}) => [",
        plan.methods.join(", ")
    ));
    for (i, &method) in plan.methods.iter().enumerate() {
        if i > 0 {
            source.blank();
        }
        let declared = match method {
            "GET" if route.is_item() => format!("never, {item}"),
            "GET" => {
                format!("{{ page?: number; limit?: number }}, {{ items: {item}[]; total: number }}")
            }
            "POST" => format!("{payload}, {item}"),
            _ => "never, { deleted: boolean }".to_owned(),
        };
        if plan.undeclared == Some(method) {
            let written = match method {
                "GET" if rng.percent(50) => "GET<never>".to_owned(),
                "POST" => format!("POST<{payload}>"),
                other => other.to_owned(),
            };
            let detail = format!("{method} handler declares no response type (`{written}`)");
            source.planted(
                rules::RESPONSE_TYPE_DECLARED,
                detail,
                format!("  {written}(async (ctx) => {{"),
            );
        } else {
            source.line(format!("  {method}<{declared}>(async (ctx) => {{"));
        }
        source.lines(handler_body(method, route));
        source.line("  }),");
    }
    source.line("]);");
    corpus.add(format!("{SRC}/api/{}/index.ts", route.path), source);
}

fn handler_body(method: &str, route: &Route) -> Vec<String> {
    let repository = format!("{}Repository", camel(route.resource()));
    let params = route.params();
    let mut lines = Vec::new();
    if !params.is_empty() {
        lines.push(format!("    const {{ {} }} = ctx.params;", params.join(", ")));
    }
    let last = params.last().copied().unwrap_or("undefined");
    match method {
        "GET" if route.is_item() => lines.extend([
            format!("    const record = await {repository}.findById({last});"),
            "    if (!record) {".into(),
            "      return ctx.throw(404, \"not found\");".into(),
            "    }".into(),
            "    ctx.body = record;".into(),
        ]),
        "GET" => lines.extend([
            "    const { page = 1, limit = 50 } = ctx.payload ?? {};".into(),
            format!(
                "    const rows = await {repository}.list({});",
                [&params[..], &["{ page, limit }"]].concat().join(", ")
            ),
            "    ctx.body = { items: rows, total: rows.length };".into(),
        ]),
        "POST" => lines.extend([
            format!("    const created = await {repository}.create({{ ...ctx.payload }});"),
            "    ctx.status = 201;".into(),
            "    ctx.body = created;".into(),
        ]),
        _ => lines.extend([
            format!("    const deleted = Boolean(await {repository}.findById({last}));"),
            "    ctx.body = { deleted };".into(),
        ]),
    }
    lines
}

fn fetch_module(route: &Route) -> String {
    format!("@front/{{api}}/{}/fetch", route.path)
}

fn page(plan: &RoutePlan, rng: &mut Rng, corpus: &mut Corpus) {
    let route = &plan.route;
    let kind = plan.page;
    let stem = route.stem();
    let params = route.params();
    let alias = format!("fetch{stem}");
    let client = format!("{}Client", camel(&stem));
    let loader = format!("load{stem}");
    let wrapper = format!("get{stem}");
    let second = format!("load{stem}View");
    let panel = format!("{}Panel", pascal(route.resource()));
    let has_panel = rng.percent(30);
    let preload_first = rng.percent(30);
    // The shapes of a correct page: an arrow or a function declaration as the preload, over a
    // named `GET` import or a default-imported client's `GET`.
    let shape = rng.below(3);
    let default_import = shape == 2 && matches!(kind, Page::Clean | Page::StaleSuppression);
    let function_preload = shape == 1 && kind != Page::HandWrittenFetch;
    let reads_query = !matches!(kind, Page::Static | Page::HandWrittenFetch);
    let has_preload = !matches!(kind, Page::Static | Page::NoPreload | Page::SuppressedNoPreload);

    let mut source = Source::default();
    if kind == Page::HandWrittenFetch {
        source.line("import { createAsync } from \"@solidjs/router\";");
    } else if reads_query {
        let router =
            if params.is_empty() { "createAsync, query" } else { "createAsync, query, useParams" };
        source.line(format!("import {{ {router} }} from \"@solidjs/router\";"));
    }
    source.line("import { For, Show, createSignal } from \"solid-js\";");
    if default_import {
        source.line(format!("import {client} from \"{}\";", fetch_module(route)));
    } else if reads_query {
        source.line(format!("import {{ GET as {alias} }} from \"{}\";", fetch_module(route)));
    }
    source.line("import { Spinner } from \"@front/components/Spinner\";");
    source.line("import { formatValue } from \"@front/lib/format\";");
    if has_panel {
        source.line(format!("import {{ {panel} }} from \"./{panel}\";"));
        let lines = blocks::panel(&panel, "@front/lib/format", rng);
        corpus.add(format!("{SRC}/pages/{}/{panel}.tsx", route.path), lines.into_iter().collect());
    }
    source.blank();

    let signature = params.iter().map(|p| format!("{p}: string")).collect::<Vec<_>>().join(", ");
    let args = if params.is_empty() { String::new() } else { format!("[{}]", params.join(", ")) };
    let reads_with =
        |prefix: &str| params.iter().map(|p| format!("{prefix}{p}")).collect::<Vec<_>>().join(", ");
    if kind == Page::HandWrittenFetch {
        hand_written_loader(route, &loader, &mut source, rng);
    } else if reads_query {
        let get = if default_import { format!("{client}.GET") } else { alias.clone() };
        // Keys end in `#…` so that no route's key is a prefix of another's.
        let name = &route.path;
        source.line(format!(
            "const {wrapper} = query(({signature}) => {get}({args}), \"{name}#data\");"
        ));
        if kind == Page::SecondReader {
            source.line(format!(
                "const {second} = query(({signature}) => {get}({args}), \"{name}#view\");"
            ));
        }
        source.blank();
    }

    let call = format!("void {wrapper}({});", reads_with("params."));
    let mut preload = has_preload.then(|| match kind {
        Page::HandWrittenFetch => hand_written_preload(&loader),
        _ => preload_export(&call, !params.is_empty(), function_preload),
    });
    if preload_first && let Some(preload) = preload.take() {
        source.append(preload).blank();
    }

    let goal = blocks::size_goal(rng);
    page::pad(&mut source, goal / 2, route.resource(), rng);
    let setup = if reads_query && !params.is_empty() {
        vec!["  const params = useParams();".to_owned()]
    } else {
        vec![]
    };
    let (read, read_detail) =
        component_read(kind, (&wrapper, &second, &alias, &loader), &reads_with("params."));
    let component = Component {
        kind,
        name: format!("{stem}Page"),
        resource: route.resource(),
        setup,
        read,
        read_detail,
        panel: has_panel.then_some(panel),
    };
    page::write(component, goal, &mut source, rng);
    if let Some(preload) = preload {
        source.blank().append(preload);
    }
    corpus.add(format!("{SRC}/pages/{}/index.tsx", route.path), source);
}

/// The component's `createAsync` line, and what is wrong with it when it plants a finding.
fn component_read(
    kind: Page,
    (wrapper, second, alias, loader): (&str, &str, &str, &str),
    params: &str,
) -> (String, String) {
    let read_detail = if kind == Page::SecondReader {
        format!(
            "preload warms {wrapper} but createAsync reads {second}, a second query() over {alias}"
        )
    } else {
        format!("createAsync reads {wrapper} ({alias}) and no preload is exported")
    };
    let read = match kind {
        Page::HandWrittenFetch => format!("  const data = createAsync({loader});"),
        Page::SecondReader => format!("  const data = createAsync(() => {second}({params}));"),
        _ => format!("  const data = createAsync(() => {wrapper}({params}));"),
    };
    (read, read_detail)
}

/// The planted `preload-generated-fetch`: the hand-written loader as the preload.
fn hand_written_preload(loader: &str) -> Source {
    let mut preload = Source::default();
    let detail = format!("preload = {loader}, a hand-written fetch()");
    let line = format!("export const preload = {loader};");
    preload.planted(rules::PRELOAD_GENERATED_FETCH, detail, line);
    preload
}

/// A correct preload that makes `call`: an arrow, or a function declaration.
fn preload_export(call: &str, takes_params: bool, function_preload: bool) -> Source {
    let mut preload = Source::default();
    let params_arg = if takes_params { "{ params }" } else { "" };
    if function_preload {
        preload.line(format!("export function preload({params_arg}) {{"));
        preload.line(format!("  {call}"));
        preload.line("}");
    } else {
        preload.line(format!("export const preload = ({params_arg}) => {{ {call} }};"));
    }
    preload
}

/// A loader calling `fetch()` by hand, the `preload-generated-fetch` violation of G1.
fn hand_written_loader(route: &Route, loader: &str, source: &mut Source, rng: &mut Rng) {
    let url = route.url(|param| format!("${{params.{param}}}"));
    if rng.percent(50) {
        source.line(format!("const {loader} = (params: Record<string, string> = {{}}) =>"));
        source.line(format!("  fetch(`{url}`).then((response) => response.json());"));
    } else {
        source
            .line(format!("const {loader} = async (params: Record<string, string> = {{}}) => {{"));
        source.line(format!("  const response = await fetch(`{url}`);"));
        source.lines([
            "  if (!response.ok) {",
            "    throw new Error(`request failed: ${response.status}`);",
            "  }",
            "  return response.json();",
            "};",
        ]);
    }
    source.blank();
}

/// `hooks/<domain>.ts`: functions over the generated clients of one domain's routes, the
/// helper modules where stale references hide.
fn client_module(plan: &Plan, routes: &[&RoutePlan]) -> Option<Source> {
    let mut imports = Source::default();
    let mut body = Source::default();
    for (n, plan_route) in routes.iter().filter(|r| r.reference != Reference::None).enumerate() {
        let route = &plan_route.route;
        let stem = format!("{}{n}", route.stem());
        body.blank();
        match plan_route.reference {
            Reference::StaleRoute => {
                let stale = plan.stale_name(route);
                let detail =
                    format!("@front/{{api}}/{stale}: the route is called \"{}\"", route.path);
                let import = format!(
                    "import {{ GET as read{stem} }} from \"@front/{{api}}/{stale}/fetch\";"
                );
                imports.planted(rules::FETCH_CLIENT_ROUTE_EXISTS, detail, import);
                body.line(format!(
                    "export const load{stem} = (params: string[]) => read{stem}(params);"
                ));
            }
            Reference::MissingMethod => {
                let method = plan_route.missing_method();
                let detail = format!("\"{}\" defines no {method} handler", route.path);
                let import = format!(
                    "import {{ {method} as change{stem} }} from \"{}\";",
                    fetch_module(route)
                );
                imports.planted(rules::FETCH_CLIENT_ROUTE_EXISTS, detail, import);
                body.line(format!(
                    "export const apply{stem} = (params: string[]) => change{stem}(params);"
                ));
            }
            _ => {
                for method in &plan_route.methods {
                    let local = format!("{}{stem}", method.to_lowercase());
                    imports.line(format!(
                        "import {{ {method} as {local} }} from \"{}\";",
                        fetch_module(route)
                    ));
                    if *method == "POST" {
                        body.line(format!("export async function submit{stem}(params: string[], form: FormData) {{"));
                        body.line(format!("  return {local}(params, Object.fromEntries(form));"));
                        body.line("}");
                    } else {
                        body.line(format!(
                            "export const {local}Now = (params: string[]) => {local}(params);"
                        ));
                    }
                }
            }
        }
    }
    if imports.is_empty() {
        return None;
    }
    imports.append(body);
    Some(imports)
}

fn scaffolding(corpus: &mut Corpus) {
    let json = |value: serde_json::Value| -> Source {
        serde_json::to_string_pretty(&value).expect("JSON values serialise").lines().collect()
    };
    corpus.add(
        "package.json".into(),
        json(serde_json::json!({
            "name": "kosmo-corpus",
            "private": true,
            "type": "module",
            "scripts": { "dev": "vite", "build": "vite build" },
            "dependencies": { "@solidjs/router": "^0.15.0", "solid-js": "^1.9.0" },
            "devDependencies": {
                "@kosmojs/dev": "^0.1.0", "typescript": "^5.6.0", "vite": "^6.0.0",
                "vite-plugin-solid": "^2.11.0",
            },
        })),
    );
    corpus.add(
        "tsconfig.json".into(),
        json(serde_json::json!({
            "compilerOptions": {
                "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "strict": true,
                "jsx": "preserve", "jsxImportSource": "solid-js", "baseUrl": ".",
                "paths": { "@front/*": ["./front/*", "./lib/front/*"] }, "noEmit": true,
            },
            "include": ["front"],
        })),
    );
    let vite = [
        "import { defineConfig } from \"vite\";",
        "import solidPlugin from \"vite-plugin-solid\";",
        "import devPlugin from \"@kosmojs/dev\";",
        "",
        "export default defineConfig({",
        "  plugins: [devPlugin(import.meta.dirname, { sourceFolders: [\"front\"] }), solidPlugin()],",
        "  server: { port: 4000 },",
        "});",
    ];
    corpus.add("vite.config.ts".into(), vite.into_iter().collect());
    for (path, lines) in blocks::shared_code(&format!("{SRC}/lib"), &format!("{SRC}/components")) {
        corpus.add(path, lines.into_iter().collect());
    }
}
