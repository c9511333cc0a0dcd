//! `page-api-params-match`: a page that loads an API route with params passes them from its
//! own route params.

use std::collections::HashSet;

use kosmo_lint_core::facts::{DataCall, Framework, PageFacts, QueryWrapper, Target, display_arg};
use kosmo_lint_core::route_path::{Param, ParamKind, RoutePath};
use kosmo_lint_core::tree::ApiRoute;
use kosmo_lint_core::{FileKind, Span};

use crate::context::FindingExt;
use crate::data_flow::reads;
use crate::{FileContext, Reporter, Rule, declare_rule};

mod elements;
mod routes;

use elements::{Element, array_elements, classify, param_read};
use routes::{required_count, same_prefix};

declare_rule! {
    /// ### What it does
    ///
    /// In a page (not a layout), follows the requests its data export (`preload` in SolidJS,
    /// `loader` where the router calls one), its `createAsync` calls and the requests its
    /// component makes on mount send to the generated clients of API routes with params,
    /// through the page's own `query()` wrappers and functions, and checks the params array
    /// (`GET([params.id])`, the first argument in every generation) against the page's own
    /// route:
    ///
    /// - a string or number literal where the API route has a param the page's route has
    ///   too, at the same place of the same path (`GET(["42"])` on `users/[id]` from
    ///   `pages/users/[id]`, or from `pages/users/[id]/edit`);
    /// - `params.x` (however it is read: the preload's or loader's `params`, `useParams()`,
    ///   Vue's `useRoute().params`) where the page's route has no param `x`, in the params
    ///   array or as an argument of the page's wrapper or function that makes the request;
    /// - fewer params than the API route requires (`GET()` or `GET([])` on `users/[id]`);
    ///   optional (`[[id]]`, `{id}`) and splat params may be left out.
    ///
    /// Only what can be read for certain is checked: a params array that is not an array
    /// literal, or holds a spread or a hole, a variable, a call or any other expression, is
    /// not judged; nor are functions imported from other modules (their arguments are not
    /// followed), bare references (`createAsync(getUser)`, whose argument is
    /// `no-bare-function-reference`'s), or a page that imports another source folder's
    /// clients (G1–G4), whose route names are not this folder's. Inside the page's `query()`
    /// wrappers and functions, `params.x` may read an object their caller built, so there
    /// only literals and missing params are judged; a wrapper's plain parameter passed on as
    /// a route param (`query((id: string) => GET([id]))`) is replaced by the call's argument
    /// (`getUser("42")` is a literal, `getUser()` leaves the param out), while a parameter
    /// with a default value, a pattern or a rest parameter is not followed.
    ///
    /// ### Why is this bad?
    ///
    /// A literal id makes every page of the route show the same record (wrong data); a param
    /// the page's route does not have is always `undefined`, and a missing one leaves a hole
    /// in the URL: the request goes to `/api/users/undefined` or to a path the API does not
    /// serve (a request that 404s), usually after the page was copied from another route or
    /// a folder was renamed.
    ///
    /// ### Examples
    ///
    /// Incorrect (`pages/users/[id]/index.tsx`):
    ///
    /// ```tsx
    /// export const preload = ({ params }) => fetchClients["users/[id]"].GET(["42"]);
    /// const getPosts = query(() => fetchClients["posts/[slug]"].GET([params.slug]), "posts");
    /// const stats = createAsync(() => fetchClients["users/[id]"].GET());
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "user");
    /// export const preload = ({ params }) => getUser(params.id);
    /// ```
    ///
    /// ### Frontends
    ///
    /// Every frontend: SolidJS pages through `preload`, `createAsync` and mount requests;
    /// React, Vue, Svelte and MDX pages through their `loader` (when their router calls it)
    /// and the requests their component makes on mount.
    ///
    /// ### Fix
    ///
    /// None: which value was meant (the page's param, another one, a constant on purpose) is
    /// not certain.
    PageApiParamsMatch {
        name: "page-api-params-match",
        severity: Warning,
        category: Correctness,
        fix: None,
        frontends: [Solid, React, Vue, Svelte, Mdx],
        summary: "A page should pass an API route's params from its own route params",
    }
}

impl Rule for PageApiParamsMatch {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::Page || ctx.imports_other_folder() {
            return;
        }
        let (Some(route), Some((page, framework))) = (&ctx.file.route, ctx.page()) else {
            return;
        };
        let mut check =
            Check { ctx, page, route, report, seen: HashSet::new(), queries: HashSet::new() };
        // (value, whether the router calls it with its args: a bare reference's own
        // `({ params })` then reads the route's params)
        let mut values = Vec::new();
        if framework == Framework::Solid {
            values.extend(page.preload.as_ref().map(|preload| (&preload.value, true)));
            values.extend(page.create_async.iter().map(|call| (&call.value, false)));
        } else if framework.calls_loader(ctx.generation()) {
            values.extend(page.loader.as_ref().map(|loader| (&loader.value, true)));
        }
        for (value, router_args) in values {
            for read in reads(value) {
                let body =
                    if read.args.is_none() && router_args { Scope::Route } else { Scope::Own };
                check.visit(read.target, read.args, read.span, Scope::Route, body, 0);
            }
        }
        for fetch in &page.mount_fetches {
            check.visit(&fetch.target, Some(&fetch.args), fetch.span, Scope::Route, Scope::Own, 0);
        }
    }
}

/// Local functions call each other; the facts cut cycles, this cuts depth.
const MAX_DEPTH: usize = 8;

/// What `params.x` in canonical arguments reads. The facts read any function parameter's
/// `params` member as the route params; that is certain in the page's data export, its
/// `createAsync` arrows and its effects, but inside a wrapper or helper the object may be one
/// its caller built: there only literals and missing params are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Route,
    Own,
}

struct Check<'c, 'r> {
    ctx: &'c FileContext<'c>,
    page: &'c PageFacts,
    /// The page's own route.
    route: &'c RoutePath,
    report: &'c mut Reporter<'r>,
    /// Findings made (a wrapper reached from the preload and the component is checked once).
    seen: HashSet<(Span, String)>,
    queries: HashSet<usize>,
}

impl Check<'_, '_> {
    /// A call of `target` with `args` (`None`: a bare reference, whose arguments are the
    /// caller's) at `span`; `args` are written in `scope`, the callee's body in `body`.
    fn visit(
        &mut self,
        target: &Target,
        args: Option<&[String]>,
        span: Span,
        scope: Scope,
        body: Scope,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let calls: &[DataCall] = match target {
            Target::GeneratedClient { route, method } => {
                if let Some(args) = args {
                    self.client(route, method, args, span, scope);
                }
                return;
            }
            Target::Query { index } => {
                let Some(query) = self.page.queries.get(*index) else { return };
                self.argument_reads(&query.name, args, span, scope);
                if let Some(args) = args {
                    self.mapped(query, args, span);
                }
                if !self.queries.insert(*index) {
                    return;
                }
                &query.calls
            }
            Target::LocalFunction { name, calls } => {
                self.argument_reads(name, args, span, scope);
                calls
            }
            _ => return,
        };
        for call in calls {
            self.visit(&call.target, Some(&call.args), call.span, body, Scope::Own, depth + 1);
        }
    }

    /// `params.x` passed to the page's own wrapper or function, where the page has no `x`.
    fn argument_reads(
        &mut self,
        function: &str,
        args: Option<&[String]>,
        span: Span,
        scope: Scope,
    ) {
        if scope != Scope::Route {
            return;
        }
        for arg in args.unwrap_or_default() {
            if let Some(name) = param_read(arg) {
                self.unknown_param(name, &format!("`{function}`"), span);
            }
        }
    }

    /// The wrapper's requests with its parameters replaced by the arguments of this call
    /// (`getUser("42")` on `query((id) => GET([id]))`): a literal, or no argument at all
    /// where the route needs the param. A literal is one in any scope; route param reads
    /// passed in were judged at the call.
    fn mapped(&mut self, query: &QueryWrapper, args: &[String], span: Span) {
        for call in &query.calls {
            let Target::GeneratedClient { route, method } = &call.target else { continue };
            let Some(api) = self.ctx.folder.api_routes.get(route) else { continue };
            let Some(elements) = call.args.first().and_then(|first| array_elements(first)) else {
                continue;
            };
            let api_path = RoutePath::from_folders(api.name.split('/'));
            let api_params: Vec<&Param> = api_path.params().collect();
            let required = required_count(&api_params);
            let client = format!("`{method}` of `{route}`");
            let via = Some(query.name.as_str());
            let mut missing = Vec::new();
            for (at, element) in elements.iter().enumerate() {
                let Element::Other(text) = element else { continue };
                let Some(k) = query.params.iter().position(|p| p.as_deref() == Some(*text)) else {
                    continue;
                };
                match (args.get(k).map(|arg| classify(arg)), api_params.get(at)) {
                    (Some(Element::Literal(literal)), Some(param)) => {
                        self.literal(api, &api_path, param, literal, (&client, via), span);
                    }
                    (None, Some(param)) if at < required => missing.push(*param),
                    _ => {}
                }
            }
            if !missing.is_empty() {
                self.missing(&missing, (&client, via), span);
            }
        }
    }

    fn client(&mut self, route: &str, method: &str, args: &[String], span: Span, scope: Scope) {
        let Some(api) = self.ctx.folder.api_routes.get(route) else { return };
        let api_path = RoutePath::from_folders(api.name.split('/'));
        let api_params: Vec<&Param> = api_path.params().collect();
        if api_params.is_empty() {
            return;
        }
        let client = format!("`{method}` of `{route}`");
        let elements = match args.first() {
            None => Vec::new(),
            Some(first) => match array_elements(first) {
                Some(elements) => elements,
                None => return,
            },
        };
        for (at, element) in elements.iter().enumerate() {
            match element {
                Element::Param(name) if scope == Scope::Route => {
                    self.unknown_param(name, &client, span);
                }
                Element::Literal(text) => {
                    if let Some(param) = api_params.get(at) {
                        self.literal(api, &api_path, param, text, (&client, None), span);
                    }
                }
                Element::Param(_) | Element::Other(_) => {}
            }
        }
        let required = required_count(&api_params);
        if elements.len() < required {
            self.missing(&api_params[elements.len()..required], (&client, None), span);
        }
    }

    fn unknown_param(&mut self, name: &str, passed_to: &str, span: Span) {
        if self.route.params().any(|param| param.name == name)
            || !self.seen.insert((span, format!("unknown {name}")))
        {
            return;
        }
        let page = &self.route.name;
        let message = format!(
            "`params.{name}` is not a param of this page's route `{page}`: {passed_to} always gets `undefined` (wrong data, or a request that 404s)"
        );
        let own: Vec<String> =
            self.route.params().map(|p| format!("`params.{}`", p.name)).collect();
        let help = if own.is_empty() {
            format!("`{page}` has no route params: pass the value another way")
        } else {
            format!("this page's params are {}", own.join(", "))
        };
        self.report
            .report(span, message)
            .label(span, "reads a param the page does not have")
            .help(help);
    }

    /// A literal where the page's own param of the same place belongs.
    fn literal(
        &mut self,
        api: &ApiRoute,
        api_path: &RoutePath,
        param: &Param,
        text: &str,
        (client, via): (&str, Option<&str>),
        span: Span,
    ) {
        if param.kind == ParamKind::Splat
            || !same_prefix(self.route, api_path, &param.name)
            || !self.seen.insert((span, format!("literal {}", param.name)))
        {
            return;
        }
        let (name, page) = (&param.name, &self.route.name);
        let literal = display_arg(text);
        let lead = match via {
            None => format!("{client} gets the literal `{literal}` for `{name}`"),
            Some(wrapper) => {
                format!("`{wrapper}` passes the literal `{literal}` to {client} for `{name}`")
            }
        };
        let message = format!(
            "{lead}, not this page's `params.{name}`: every page of `{page}` loads the same `{}` record (wrong data)",
            api.name
        );
        self.report
            .report(span, message)
            .label(span, format!("a literal `{name}`"))
            .help(format!("pass the page's own param: `params.{name}`"));
    }

    /// Required params of `client` left out: of its params array, or (`via`) of the
    /// arguments of the page's wrapper that passes them on.
    fn missing(&mut self, missing: &[&Param], (client, via): (&str, Option<&str>), span: Span) {
        if !self.seen.insert((span, "missing".to_owned())) {
            return;
        }
        let names: Vec<String> = missing.iter().map(|p| format!("`{}`", p.name)).collect();
        let lead = match via {
            None => format!("{client} is called without its required route param"),
            Some(wrapper) => format!(
                "`{wrapper}` is called without the argument it passes to {client} as its required route param"
            ),
        };
        let message = format!(
            "{lead} {}: the URL has a hole where it belongs (a request that 404s)",
            names.join(", ")
        );
        let own = |p: &&Param| self.route.params().any(|mine| mine.name == p.name);
        let reads: Vec<String> = missing.iter().map(|p| format!("params.{}", p.name)).collect();
        let help = match via {
            None if missing.iter().all(own) => format!(
                "pass the page's own params as the first argument, in path order: `[{}]`",
                reads.join(", ")
            ),
            None => {
                "pass the route params as the first argument, an array in path order".to_owned()
            }
            Some(wrapper) if missing.iter().all(own) => {
                format!("pass the page's own params to `{wrapper}`: `{}`", reads.join(", "))
            }
            Some(wrapper) => format!("pass `{wrapper}` the value of {}", names.join(", ")),
        };
        self.report.report(span, message).label(span, "route params missing").help(help);
    }
}

#[cfg(test)]
mod tests;
