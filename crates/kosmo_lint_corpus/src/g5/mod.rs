//! The current KosmoJS layout: `src/app/` with `kosmo.config.ts`, `_/api` route
//! definitions with object generics and Hono handlers that return, pages that load through
//! `query()` wrappers over `fetchClients` from `_/fetch`, and a generated `lib/`.

use crate::page::{self, Component};
mod project;
mod shared;

use crate::plan::{Page, Plan, Reference, RoutePlan, rules};
use crate::rng::Rng;
use crate::routes::Route;
use crate::source::Source;
use crate::vocab::{camel, pascal};
use crate::{Corpus, api, blocks};

const SRC: &str = "src/app";

pub fn write(plan: &Plan, corpus: &mut Corpus) {
    project::scaffolding(corpus);
    let mut query_modules = shared::QueryModules::default();
    for plan_route in &plan.routes {
        let mut rng = Rng::keyed(plan.seed, &plan_route.route.path);
        api_route(plan_route, &mut rng, corpus);
        page(plan_route, &mut rng, &mut query_modules, corpus);
    }
    query_modules.write(corpus);
    shared::api_alias(corpus);
    for (domain, routes) in plan.by_domain() {
        if let Some(source) = client_module(plan, domain, &routes) {
            corpus.add(format!("{SRC}/hooks/{domain}.ts"), source);
        }
    }
    crate::write_layouts(plan, &format!("{SRC}/pages"), corpus);
    project::generated_lib(plan, corpus);
}

fn api_route(plan: &RoutePlan, rng: &mut Rng, corpus: &mut Corpus) {
    let route = &plan.route;
    let (mut source, api::Types { item, payload }) =
        api::head(route, SRC, "_/api", "~/utils/repositories", rng, corpus);

    let params = route.params();
    let generics = if rng.percent(20) {
        String::new()
    } else if params.is_empty() {
        format!("<\"{}\">", route.path)
    } else {
        format!("<\"{}\", [{}]>", route.path, vec!["string"; params.len()].join(", "))
    };
    source.line(format!(
        "export default defineRoute{generics}(({{ {} }}) => [",
        plan.methods.join(", ")
    ));
    for (i, &method) in plan.methods.iter().enumerate() {
        if i > 0 {
            source.blank();
        }
        let declared = match method {
            "GET" if route.is_item() => {
                format!("response: [200, \"json\", {item}] | [404, \"json\", {{ error: string }}]")
            }
            "GET" => format!(
                "query?: {{ page?: number; limit?: number }}; response: [200, \"json\", {{ items: {item}[]; total: number }}]"
            ),
            "POST" => format!("json: {payload}; response: [201, \"json\", {item}]"),
            _ => "response: [204] | [404, \"json\", { error: string }]".to_owned(),
        };
        if plan.undeclared == Some(method) {
            let request_only = match method {
                "GET" => "{ query?: { fields?: string } }".to_owned(),
                "POST" => format!("{{ json: {payload} }}"),
                _ => "{ query?: { force?: boolean } }".to_owned(),
            };
            let written = if rng.percent(50) {
                method.to_owned()
            } else {
                format!("{method}<{request_only}>")
            };
            let detail = format!("{method} handler declares no response type (`{written}`)");
            source.planted(
                rules::RESPONSE_TYPE_DECLARED,
                detail,
                format!("  {written}(async (ctx) => {{"),
            );
        } else if declared.len() > 70 && rng.percent(40) {
            // Long type arguments are wrapped, as formatters do.
            source.line(format!("  {method}<{{"));
            source.lines(declared.split("; ").map(|part| format!("    {part};")));
            source.line("  }>(async (ctx) => {");
        } else {
            source.line(format!("  {method}<{{ {declared} }}>(async (ctx) => {{"));
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
        lines.push(format!("    const {{ {} }} = ctx.validated.params;", params.join(", ")));
    }
    let last = params.last().copied().unwrap_or("undefined");
    match method {
        "GET" if route.is_item() => lines.extend([
            format!("    const record = await {repository}.findById({last});"),
            "    if (!record) {".into(),
            "      return ctx.json({ error: \"not found\" }, 404);".into(),
            "    }".into(),
            "    return ctx.json(record);".into(),
        ]),
        "GET" => lines.extend([
            "    const { page = 1, limit = 50 } = ctx.validated.query ?? {};".into(),
            format!(
                "    const rows = await {repository}.list({});",
                [&params[..], &["{ page, limit }"]].concat().join(", ")
            ),
            "    return ctx.json({ items: rows, total: rows.length });".into(),
        ]),
        "POST" => lines.extend([
            format!("    const created = await {repository}.create({{ ...ctx.validated.json }});"),
            "    return ctx.json(created, 201);".into(),
        ]),
        _ => lines.extend([
            format!("    if (!(await {repository}.findById({last}))) {{"),
            "      return ctx.json({ error: \"not found\" }, 404);".into(),
            "    }".into(),
            "    return ctx.body(null, 204);".into(),
        ]),
    }
    lines
}

/// How a page reaches its route's client.
enum Access {
    Indexed,
    Destructured,
    Alias,
    Dot,
}

impl Access {
    fn pick(plan: &RoutePlan, rng: &mut Rng) -> Self {
        match rng.below(4) {
            // A module of several wrappers cannot destructure each route's `GET`.
            0 if plan.shared => Self::Indexed,
            0 => Self::Destructured,
            1 => Self::Alias,
            2 if plan.route.is_identifier() => Self::Dot,
            _ => Self::Indexed,
        }
    }
}

fn page(plan: &RoutePlan, rng: &mut Rng, modules: &mut shared::QueryModules, corpus: &mut Corpus) {
    let route = &plan.route;
    let name = &route.path;
    let params = route.params();
    let stem = route.stem();
    let wrapper = format!("get{stem}");
    let second = format!("load{stem}View");
    let panel = format!("{}Panel", pascal(route.resource()));
    let has_panel = rng.percent(30);
    let preload_first = rng.percent(30);
    let kind = plan.page;
    let loads = kind != Page::Static;
    let has_preload = matches!(
        kind,
        Page::Clean | Page::SecondReader | Page::HandWrittenFetch | Page::StaleSuppression
    );
    let access = Access::pick(plan, rng);
    let function_preload = kind != Page::HandWrittenFetch && rng.percent(25);
    let store = matches!(kind, Page::Clean | Page::StaleSuppression) && rng.percent(15);

    let mut source = Source::default();
    if loads {
        let mut router = vec![if store { "createAsyncStore" } else { "createAsync" }];
        if !plan.shared {
            router.push("query");
        }
        if !params.is_empty() {
            router.push("useParams");
            if has_preload {
                router.push("type RoutePreloadFuncArgs");
            }
        }
        source.line(format!("import {{ {} }} from \"@solidjs/router\";", router.join(", ")));
    }
    source.line("import { For, Show, createSignal } from \"solid-js\";");
    if loads && kind != Page::HandWrittenFetch && !plan.shared {
        source.line("import fetchClients from \"_/fetch\";");
    }
    source.line("import { Spinner } from \"~/components/Spinner\";");
    source.line("import { formatValue } from \"~/utils/format\";");
    let shared_from = plan.shared.then(|| import_shared(route, &wrapper, modules, &mut source));
    if has_panel {
        source.line(format!("import {{ {panel} }} from \"./{panel}\";"));
        corpus.add(
            format!("{SRC}/pages/{name}/{panel}.tsx"),
            blocks::panel(&panel, "~/utils/format", rng).into_iter().collect(),
        );
    }
    source.blank();

    if let Some((module, exported)) = &shared_from {
        let mut wrappers = Source::default();
        query_wrappers(route, kind, &access, Some(exported), &mut wrappers, rng);
        modules.add(module, kind != Page::HandWrittenFetch, wrappers);
    } else {
        query_wrappers(route, kind, &access, None, &mut source, rng);
    }

    let reads = format!(
        "{wrapper}({})",
        params.iter().map(|p| format!("params.{p}")).collect::<Vec<_>>().join(", ")
    );
    let from = shared_from.as_ref().map(|(module, _)| format!("~/queries/{module}"));
    let mut preload =
        has_preload.then(|| preload_export(route, kind, function_preload, &reads, from.as_deref()));
    if preload_first && let Some(preload) = preload.take() {
        source.append(preload).blank();
    }

    let goal = blocks::size_goal(rng);
    page::pad(&mut source, goal / 2, route.resource(), rng);
    let setup =
        if params.is_empty() { vec![] } else { vec!["  const params = useParams();".to_owned()] };
    let reader = if kind == Page::SecondReader { &second } else { &wrapper };
    let read = format!("{reader}{}", &reads[wrapper.len()..]);
    let read = if store {
        format!(
            "  const data = createAsyncStore(() => {read}, {{ initialValue: {{ items: [] }} }});"
        )
    } else {
        format!("  const data = createAsync(() => {read});")
    };
    let read_detail = if kind == Page::SecondReader {
        format!(
            "preload warms {wrapper} but createAsync reads {second}, a second query() over \"{name}\""
        )
    } else {
        format!("createAsync reads {wrapper} (fetchClients[\"{name}\"]) and no preload is exported")
    };
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
    corpus.add(format!("{SRC}/pages/{name}/index.tsx"), source);
}

/// `import { getX } from "~/queries/<area>"` (`getX2 as getX` when the name is taken
/// there): the shared module the wrapper goes to, and its name there.
fn import_shared(
    route: &Route,
    wrapper: &str,
    modules: &mut shared::QueryModules,
    source: &mut Source,
) -> (String, String) {
    let (module, exported) = modules.name(route, wrapper);
    let imported =
        if exported == wrapper { wrapper.to_owned() } else { format!("{exported} as {wrapper}") };
    source.line(format!("import {{ {imported} }} from \"~/queries/{module}\";"));
    (module, exported)
}

/// The `query()` wrappers the page reads through (with a hand-written `fetch` when the
/// page plants `preload-generated-fetch`), and a second one when it reads the wrong one.
/// `exported`: the wrapper's name in a shared query module, which exports it.
fn query_wrappers(
    route: &Route,
    kind: Page,
    access: &Access,
    exported: Option<&str>,
    source: &mut Source,
    rng: &mut Rng,
) {
    let name = &route.path;
    let params = route.params();
    let local = format!("get{}", route.stem());
    let declared =
        exported.map_or_else(|| format!("const {local}"), |e| format!("export const {e}"));
    let second = format!("load{}View", route.stem());
    let stem = route.stem();
    let signature = params.iter().map(|p| format!("{p}: string")).collect::<Vec<_>>().join(", ");
    let client_args =
        if params.is_empty() { String::new() } else { format!("[{}]", params.join(", ")) };
    if kind == Page::HandWrittenFetch {
        let url = route.url_template();
        if rng.percent(50) {
            source.line(format!("{declared} = query("));
            source.line(format!(
                "  ({signature}) => fetch(`{url}`).then((response) => response.json()),"
            ));
            source.line(format!("  \"{name}/index\","));
            source.line(");");
        } else {
            source.line(format!("{declared} = query(async ({signature}) => {{"));
            source.line(format!("  const response = await fetch(`{url}`);"));
            source.lines([
                "  if (!response.ok) {",
                "    throw new Error(`request failed: ${response.status}`);",
                "  }",
                "  return response.json();",
            ]);
            source.line(format!("}}, \"{name}/index\");"));
        }
        source.blank();
    } else if kind != Page::Static {
        let client = match access {
            Access::Indexed => format!("fetchClients[\"{name}\"].GET"),
            Access::Dot => format!("fetchClients.{name}.GET"),
            Access::Destructured => {
                source.line(format!("const {{ GET }} = fetchClients[\"{name}\"];"));
                "GET".to_owned()
            }
            Access::Alias => {
                // Named after the exported wrapper in a module, unique there.
                let alias = exported.map_or_else(|| camel(&stem), str::to_owned) + "Client";
                source.line(format!("const {alias} = fetchClients[\"{name}\"];"));
                format!("{alias}.GET")
            }
        };
        // `<route>/index`, not the bare route name: `users` would be a prefix of
        // `users/[id]`, which `query-name-unique` reports (revalidation matches by prefix).
        source.line(format!(
            "{declared} = query(({signature}) => {client}({client_args}), \"{name}/index\");"
        ));
        if kind == Page::SecondReader {
            source.line(format!(
                "const {second} = query(({signature}) => {client}({client_args}), \"{name}/~view\");"
            ));
        }
        source.blank();
    }
}

/// `export const preload = …` or `export function preload`, warming `reads`.
/// `from`: the shared module the page imports its wrapper from, if it does.
fn preload_export(
    route: &Route,
    kind: Page,
    function_preload: bool,
    reads: &str,
    from: Option<&str>,
) -> Source {
    let wrapper = format!("get{}", route.stem());
    let params = route.params();
    let args = if params.is_empty() { "" } else { "{ params }: RoutePreloadFuncArgs" };
    let mut preload = Source::default();
    let open = if function_preload {
        format!("export function preload({args}) {{")
    } else {
        format!("export const preload = ({args}) => {{")
    };
    if kind == Page::HandWrittenFetch {
        let detail = match from {
            Some(module) => format!(
                "preload calls {wrapper}, imported from {module}: a query() over a hand-written fetch() there"
            ),
            None => format!("preload calls {wrapper}, a query() over a hand-written fetch()"),
        };
        preload.planted(rules::PRELOAD_GENERATED_FETCH, detail, open);
    } else {
        preload.line(open);
    }
    preload.line(format!("  void {reads};"));
    preload.line(if function_preload { "}" } else { "};" });
    preload
}

/// `hooks/<domain>.ts`: actions and readers over the clients of one domain's routes, the
/// helper modules where stale references hide (a page's are checked by the page rules).
/// Some read the correct routes through the app's alias of the fetch map (`api` of
/// `~/lib/api`); the planted references stay on `fetchClients` itself.
fn client_module(plan: &Plan, domain: &str, routes: &[&RoutePlan]) -> Option<Source> {
    let referenced: Vec<&&RoutePlan> =
        routes.iter().filter(|r| r.reference != Reference::None).collect();
    if referenced.is_empty() {
        return None;
    }
    let through_alias = Rng::keyed(plan.seed, &format!("alias/{domain}")).percent(40);
    let valid = if through_alias { "api" } else { "fetchClients" };
    let mut source: Source =
        ["import { action, reload } from \"@solidjs/router\";"].into_iter().collect();
    if through_alias {
        if referenced.iter().any(|r| r.reference != Reference::Valid) {
            source.line("import fetchClients from \"_/fetch\";");
        }
        source.line("import type { ResponseT } from \"_/fetch\";");
        source.line("import { api } from \"~/lib/api\";");
    } else {
        source.line("import fetchClients, { type ResponseT } from \"_/fetch\";");
    }
    for (n, plan_route) in referenced.into_iter().enumerate() {
        let route = &plan_route.route;
        let name = &route.path;
        let stem = format!("{}{n}", route.stem());
        source.blank();
        match plan_route.reference {
            Reference::StaleRoute => {
                let stale = plan.stale_name(route);
                let detail = format!("fetchClients[\"{stale}\"]: the route is called \"{name}\"");
                source.planted(
                    rules::FETCH_CLIENT_ROUTE_EXISTS,
                    detail,
                    format!("export const read{stem} = (params: string[]) => fetchClients[\"{stale}\"].GET(params);"),
                );
            }
            Reference::MissingMethod => {
                let method = plan_route.missing_method();
                source.line(format!(
                    "export const change{stem} = action(async (params: string[]) => {{"
                ));
                let detail = format!("\"{name}\" defines no {method} handler");
                source.planted(
                    rules::FETCH_CLIENT_ROUTE_EXISTS,
                    detail,
                    format!("  await fetchClients[\"{name}\"].{method}(params);"),
                );
                source.line(format!("  throw reload({{ revalidate: \"{name}\" }});"));
                source.line(format!("}}, \"{name}#change\");"));
            }
            _ => {
                source
                    .line(format!("export type {stem}Response = ResponseT[\"{name}\"][\"GET\"];"));
                source.line(format!(
                    "export const read{stem} = (params: string[]): Promise<{stem}Response> => {valid}[\"{name}\"].GET(params);"
                ));
                for method in plan_route.methods.iter().filter(|m| **m != "GET") {
                    let body =
                        if *method == "POST" { ", { json: Object.fromEntries(form) }" } else { "" };
                    source.line(format!(
                        "export const {}{stem} = action(async (params: string[], form: FormData) => {{",
                        method.to_lowercase()
                    ));
                    source.line(format!("  await {valid}[\"{name}\"].{method}(params{body});"));
                    source.line(format!("  throw reload({{ revalidate: \"{name}\" }});"));
                    source.line(format!("}}, \"{name}#{}\");", method.to_lowercase()));
                }
            }
        }
    }
    Some(source)
}
