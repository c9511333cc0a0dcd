//! The first KosmoJS generation, as in the preload-pattern seed: a `front/` source folder
//! beside `vite.config.ts`, `@front/{api}/…` imports, positional handler generics
//! `GET<Payload, Response>` with Koa-style handlers, and pages that pass the generated
//! fetch function itself to `createAsync` and export it as `preload`.

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
    for (index, plan_route) in plan.routes.iter().enumerate() {
        let mut rng = Rng::keyed(plan.seed, &plan_route.route.path);
        api_route(plan_route, &mut rng, corpus);
        let other = plan.other_route(index, &mut rng);
        page(plan_route, other, &mut rng, corpus);
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

fn page(plan: &RoutePlan, other: &Route, rng: &mut Rng, corpus: &mut Corpus) {
    let route = &plan.route;
    let kind = plan.page;
    let stem = route.stem();
    let alias = format!("fetch{stem}");
    let other_alias = if other.stem() == stem {
        format!("fetch{}Other", other.stem())
    } else {
        format!("fetch{}", other.stem())
    };
    let client = format!("{}Client", camel(&stem));
    let loader = format!("load{stem}");
    let panel = format!("{}Panel", pascal(route.resource()));
    let has_panel = rng.percent(30);
    let preload_first = rng.percent(30);
    // The three correct ways of the seed: `preload = fetchX`, `export { fetchX as preload }`,
    // and a default-imported client's `GET`.
    let shape = rng.below(3);
    let default_import = shape == 2 && matches!(kind, Page::Clean | Page::StaleSuppression);
    let reexport = shape == 1 && matches!(kind, Page::Clean | Page::StaleSuppression);

    let mut source = Source::default();
    if kind != Page::Static {
        source.line("import { createAsync } from \"@solidjs/router\";");
    }
    source.line("import { For, Show, createSignal } from \"solid-js\";");
    if default_import {
        source.line(format!("import {client} from \"{}\";", fetch_module(route)));
    } else if !matches!(kind, Page::Static | Page::HandWrittenFetch) {
        source.line(format!("import {{ GET as {alias} }} from \"{}\";", fetch_module(route)));
    }
    if kind == Page::SecondReader {
        source.line(format!("import {{ GET as {other_alias} }} from \"{}\";", fetch_module(other)));
    }
    source.line("import { Spinner } from \"@front/components/Spinner\";");
    source.line("import { formatValue } from \"@front/lib/format\";");
    if has_panel {
        source.line(format!("import {{ {panel} }} from \"./{panel}\";"));
        let lines = blocks::panel(&panel, "@front/lib/format", rng);
        corpus.add(format!("{SRC}/pages/{}/{panel}.tsx", route.path), lines.into_iter().collect());
    }
    source.blank();

    if kind == Page::HandWrittenFetch {
        hand_written_loader(route, &loader, &mut source, rng);
    }

    let (preloaded, read) = match kind {
        Page::HandWrittenFetch => (Some(loader.clone()), loader.clone()),
        Page::SecondReader => (Some(alias.clone()), other_alias.clone()),
        Page::NoPreload | Page::SuppressedNoPreload => (None, alias.clone()),
        Page::Static => (None, String::new()),
        Page::Clean | Page::StaleSuppression if default_import => {
            (Some(format!("{client}.GET")), format!("{client}.GET"))
        }
        Page::Clean | Page::StaleSuppression => (Some(alias.clone()), alias.clone()),
    };
    let preload_line = |preloaded: &str| {
        if reexport {
            format!("export {{ {preloaded} as preload }};")
        } else {
            format!("export const preload = {preloaded};")
        }
    };
    let mut preload = preloaded.map(|preloaded| {
        let mut source = Source::default();
        if kind == Page::HandWrittenFetch {
            let detail = format!("preload = {loader}, a hand-written fetch()");
            source.planted(rules::PRELOAD_GENERATED_FETCH, detail, preload_line(&preloaded));
        } else {
            source.line(preload_line(&preloaded));
        }
        source
    });
    if preload_first
        && !reexport
        && let Some(preload) = preload.take()
    {
        source.append(preload).blank();
    }

    let goal = blocks::size_goal(rng);
    page::pad(&mut source, goal / 2, route.resource(), rng);
    let read_detail = if kind == Page::SecondReader {
        format!("preload = {alias} but createAsync({other_alias})")
    } else {
        format!("createAsync({alias}) and no preload is exported")
    };
    let component = Component {
        kind,
        name: format!("{stem}Page"),
        resource: route.resource(),
        setup: vec![],
        read: format!("  const data = createAsync({read});"),
        read_detail,
        panel: has_panel.then_some(panel),
    };
    page::write(component, goal, &mut source, rng);
    if let Some(preload) = preload {
        source.blank().append(preload);
    }
    corpus.add(format!("{SRC}/pages/{}/index.tsx", route.path), source);
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
