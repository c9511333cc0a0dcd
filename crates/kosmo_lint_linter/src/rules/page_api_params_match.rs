//! `page-api-params-match`: a page that loads an API route with params passes them from its
//! own route params.

use std::collections::HashSet;

use kosmo_lint_core::facts::{DataCall, Framework, PageFacts, Target, display_arg};
use kosmo_lint_core::route_path::{Param, ParamKind, RoutePath, Segment};
use kosmo_lint_core::tree::{ApiRoute, RefFolder};
use kosmo_lint_core::{FileKind, Span};

use crate::context::FindingExt;
use crate::data_flow::reads;
use crate::{FileContext, Reporter, Rule, declare_rule};

mod elements;

use elements::{Element, array_elements, param_read};

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
    /// clients (G1–G4), whose route names are not this folder's. Arguments of a `query()`
    /// wrapper's function are its own parameters: inside it only literals and route param
    /// reads are judged.
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
        if ctx.file.kind != FileKind::Page || imports_other_folder(ctx) {
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

/// Route names are the importing folder's only when no import names another source folder
/// (G1–G4 imports name the folder whose client they are).
fn imports_other_folder(ctx: &FileContext<'_>) -> bool {
    ctx.facts.folder_imports.iter().any(|import| {
        ctx.tree.ref_folder(ctx.file.folder, Some(&import.folder))
            != RefFolder::Found(ctx.file.folder)
    })
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
                        self.literal(api, &api_path, param, text, &client, span);
                    }
                }
                Element::Param(_) | Element::Other => {}
            }
        }
        // Optional params follow the required ones (the route syntax forbids the reverse).
        let required =
            api_params.iter().take_while(|param| param.kind == ParamKind::Required).count();
        if elements.len() < required {
            self.missing(&api_params[elements.len()..required], &client, span);
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
        client: &str,
        span: Span,
    ) {
        if param.kind == ParamKind::Splat
            || !same_prefix(self.route, api_path, &param.name)
            || !self.seen.insert((span, format!("literal {}", param.name)))
        {
            return;
        }
        let (name, page) = (&param.name, &self.route.name);
        let message = format!(
            "{client} gets the literal `{}` for `{name}`, not this page's `params.{name}`: every page of `{page}` loads the same `{}` record (wrong data)",
            display_arg(text),
            api.name
        );
        self.report
            .report(span, message)
            .label(span, format!("a literal `{name}`"))
            .help(format!("pass the page's own param: `params.{name}`"));
    }

    fn missing(&mut self, missing: &[&Param], client: &str, span: Span) {
        if !self.seen.insert((span, "missing".to_owned())) {
            return;
        }
        let names: Vec<String> = missing.iter().map(|p| format!("`{}`", p.name)).collect();
        let message = format!(
            "{client} is called without its required route param {}: the URL has a hole where it belongs (a request that 404s)",
            names.join(", ")
        );
        let own = |p: &&Param| self.route.params().any(|mine| mine.name == p.name);
        let help = if missing.iter().all(own) {
            let reads: Vec<String> = missing.iter().map(|p| format!("params.{}", p.name)).collect();
            format!(
                "pass the page's own params as the first argument, in path order: `[{}]`",
                reads.join(", ")
            )
        } else {
            "pass the route params as the first argument, an array in path order".to_owned()
        };
        self.report.report(span, message).label(span, "route params missing").help(help);
    }
}

/// Whether the page's route and the API route have the param `name` at the same place of the
/// same path (`pages/users/[id]/edit` and `api/users/[id]`): then it is the same record.
fn same_prefix(page: &RoutePath, api: &RoutePath, name: &str) -> bool {
    let at = |path: &RoutePath| {
        path.segments.iter().position(|segment| segment_params(segment).any(|p| p.name == name))
    };
    match (at(page), at(api)) {
        (Some(p), Some(a)) if p == a => {
            page.segments[..=p].iter().zip(&api.segments[..=a]).all(|(x, y)| same_segment(x, y))
        }
        _ => false,
    }
}

fn segment_params(segment: &Segment) -> impl Iterator<Item = &Param> {
    match segment {
        Segment::Static { .. } => [].iter(),
        Segment::Param(param) => std::slice::from_ref(param).iter(),
        Segment::Mixed { params, .. } => params.iter(),
    }
}

/// The same folder in both trees, whatever param syntax or kind each is written in.
fn same_segment(page: &Segment, api: &Segment) -> bool {
    match (page, api) {
        (Segment::Static { text: a }, Segment::Static { text: b })
        | (Segment::Mixed { pattern: a, .. }, Segment::Mixed { pattern: b, .. }) => a == b,
        (Segment::Param(a), Segment::Param(b)) => a.name == b.name,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
