//! What a preload or a `createAsync` argument reads, and what it reaches in the end:
//! generated clients, hand-written requests, or functions kosmo-lint cannot follow.
//! Shared by the preload-pattern rules.

use std::path::Path;

use kosmo_lint_core::facts::{
    DataCall, ExportedValue, FunctionValue, PageFacts, QueryWrapper, Target,
};
use kosmo_lint_core::{ProjectFile, Span};

use crate::modules::graph::{Followed, MAX_DEPTH, ModuleGraph};

/// What "the same data function" means for Solid's cache: a `query()` wrapper is identified
/// by its key (two wrappers with one key share entries), anything else by what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Query { key: String },
    Client { route: String, method: String },
    Local { name: String },
    Raw { name: String },
    Imported { name: String, source: String },
    Unresolved,
}

impl Source {
    pub fn of(target: &Target, page: &PageFacts) -> Self {
        match target {
            Target::Query { index } => {
                let query = page.queries.get(*index);
                let key = query.and_then(|q| q.key.clone()).unwrap_or_else(|| format!("#{index}"));
                Self::Query { key }
            }
            Target::GeneratedClient { route, method } => {
                Self::Client { route: route.clone(), method: method.clone() }
            }
            Target::LocalFunction { name, .. } => Self::Local { name: name.clone() },
            Target::RawFetch { name } => Self::Raw { name: name.clone() },
            Target::Imported { name, source, .. } | Target::ImportedMember { name, source, .. } => {
                Self::Imported { name: name.clone(), source: source.clone() }
            }
            Target::Unresolved { .. } => Self::Unresolved,
        }
    }

    /// How the source reads in a message, with its own backticks: `` `getUser` ``,
    /// `` the `GET` client of `users` ``.
    pub fn describe(target: &Target, page: &PageFacts) -> String {
        match target {
            Target::Query { index } => page
                .queries
                .get(*index)
                .map_or_else(|| "a `query()` wrapper".to_owned(), |q| format!("`{}`", q.name)),
            // `fetchClients[""]` names a route too, one that reads as nothing unquoted.
            Target::GeneratedClient { route, method } if route.is_empty() => {
                format!("the generated `{method}` client of `\"\"`")
            }
            Target::GeneratedClient { route, method } => {
                format!("the generated `{method}` client of `{route}`")
            }
            Target::LocalFunction { name, .. }
            | Target::RawFetch { name }
            | Target::Imported { name, .. }
            | Target::ImportedMember { name, .. } => format!("`{name}`"),
            Target::Unresolved { text } => format!("`{text}`"),
        }
    }
}

/// One data function read by a preload or `createAsync`, where, and with which arguments
/// (`None` for a bare reference such as `createAsync(fetchData)`).
#[derive(Debug, Clone)]
pub struct Read<'f> {
    pub target: &'f Target,
    pub span: Span,
    pub args: Option<&'f [String]>,
    /// The reference as written, for a bare reference.
    pub text: Option<&'f str>,
    /// The callee as written, for a call with no arguments through a name or static members.
    pub callee: Option<&'f str>,
}

impl Read<'_> {
    /// The read in a message: the binding as written when there is one
    /// (`` `fetchData` ``), else what it is.
    pub fn describe(&self, page: &PageFacts) -> String {
        match (self.text, self.target) {
            (Some(text), Target::GeneratedClient { .. }) => {
                format!("`{text}` ({})", Source::describe(self.target, page))
            }
            _ => Source::describe(self.target, page),
        }
    }
}

/// The reads of a function value: the reference itself, or each call an inline function makes.
pub fn reads(value: &FunctionValue) -> Vec<Read<'_>> {
    match value {
        FunctionValue::Reference { target, span, text, .. } => {
            vec![Read { target, span: *span, args: None, text: Some(text), callee: None }]
        }
        FunctionValue::Function { calls, .. } => calls
            .iter()
            .map(|call| Read {
                target: &call.target,
                span: call.span,
                args: Some(&call.args),
                text: None,
                callee: call.bare_callee.as_deref(),
            })
            .collect(),
        FunctionValue::Other { .. } => Vec::new(),
    }
}

/// Where targets are written: a page (or layout), or a module the graph reached from it,
/// with the module graph to follow imports through.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The file's `query()` wrappers (`Target::Query { index }` points here).
    queries: &'a [QueryWrapper],
    /// The file the targets are written in and its source folder, to resolve its imports.
    module: Option<(&'a Path, usize)>,
    graph: Option<&'a ModuleGraph>,
    /// Modules entered so far.
    depth: usize,
}

impl<'a> Scope<'a> {
    /// The page's own targets; imports are followed when `graph` is given.
    pub fn page(
        page: &'a PageFacts,
        file: &'a ProjectFile,
        graph: Option<&'a ModuleGraph>,
    ) -> Self {
        Self { queries: &page.queries, module: Some((&file.path, file.folder)), graph, depth: 0 }
    }

    /// Whether calling `target` calls a `query()` wrapper: one of this file's, or one an
    /// import leads to through the module graph.
    pub fn is_query_wrapper(&self, target: &Target) -> bool {
        match target {
            Target::Query { .. } => true,
            Target::Imported { source, export, .. } => {
                let (Some(graph), Some((from, folder))) = (self.graph, self.module) else {
                    return false;
                };
                matches!(
                    graph.follow(from, folder, source, export),
                    Followed::Value {
                        value: ExportedValue::Callable { target: Target::Query { .. } },
                        ..
                    }
                )
            }
            _ => false,
        }
    }

    /// What calling a bare reference to `target` calls: a `query()` wrapper or a generated
    /// client method (this file's, or one an import leads to), or anything else.
    pub fn callable(&self, target: &Target) -> Callable {
        match target {
            Target::Query { index } => Callable::Query {
                takes_no_arguments: self.queries.get(*index).is_some_and(|q| q.takes_no_arguments),
            },
            Target::GeneratedClient { route, method } => Callable::Client {
                route: route.clone(),
                method: method.clone(),
                in_page: self.depth == 0,
            },
            Target::Imported { source, export, .. } => {
                let (Some(graph), Some((from, folder))) = (self.graph, self.module) else {
                    return Callable::Other;
                };
                if self.depth >= MAX_DEPTH {
                    return Callable::Other;
                }
                match graph.follow(from, folder, source, export) {
                    Followed::Value { module, value: ExportedValue::Callable { target } } => {
                        let inner = Scope {
                            queries: &module.exports.queries,
                            module: Some((&module.path, module.folder)),
                            graph: Some(graph),
                            depth: self.depth + 1,
                        };
                        inner.callable(&target)
                    }
                    _ => Callable::Other,
                }
            }
            Target::ImportedMember { source, export, path, .. } => {
                let (Some(graph), Some((from, folder))) = (self.graph, self.module) else {
                    return Callable::Other;
                };
                let is_method = |m: &str| m.parse::<kosmo_lint_core::HttpMethod>().is_ok();
                let client = |route: String, method: &String| Callable::Client {
                    route,
                    method: method.clone(),
                    in_page: false,
                };
                match graph.follow(from, folder, source, export) {
                    Followed::Value { value: ExportedValue::ClientMap { .. }, .. }
                        if path.len() == 2 && is_method(&path[1]) =>
                    {
                        client(path[0].clone(), &path[1])
                    }
                    Followed::Value { value: ExportedValue::ClientRoute { route, .. }, .. }
                        if path.len() == 1 && is_method(&path[0]) =>
                    {
                        client(route, &path[0])
                    }
                    _ => Callable::Other,
                }
            }
            Target::LocalFunction { .. } | Target::RawFetch { .. } | Target::Unresolved { .. } => {
                Callable::Other
            }
        }
    }

    /// The page's own targets, imports not followed.
    pub fn local(page: &'a PageFacts) -> Self {
        Self { queries: &page.queries, module: None, graph: None, depth: 0 }
    }
}

/// What a bare reference calls (see [`Scope::callable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callable {
    /// A `query()` wrapper; `takes_no_arguments` when it wraps an inline arrow with no
    /// parameters.
    Query {
        takes_no_arguments: bool,
    },
    /// A generated fetch client method; `in_page` when the page reads it itself (its route is
    /// then one of the page's folder, or of the folder its import names).
    Client {
        route: String,
        method: String,
        in_page: bool,
    },
    Other,
}

/// A hand-written request a read reaches.
#[derive(Debug)]
pub struct RawRequest {
    /// `fetch`, `axios.get`, …
    pub name: String,
    /// Where the page reads it (the call of the function that makes it).
    pub span: Span,
    /// The module that makes it, when it is not the page: `` `src/app/queries.ts` ``.
    pub module: Option<String>,
}

/// Everything a read reaches once `query()` wrappers, local functions and imports of the
/// project's own modules are followed.
#[derive(Debug, Default)]
pub struct Reach {
    /// Generated client calls: route, method, where.
    pub clients: Vec<(String, String, Span)>,
    /// Hand-written requests.
    pub raw: Vec<RawRequest>,
    /// Functions that cannot be followed, with why: packages, dynamic or unresolved imports,
    /// unresolved names.
    pub opaque: Vec<(String, Span)>,
    /// Stop at `query()` wrappers: what is reached is what a call fetches past every cache.
    uncached: bool,
}

impl Reach {
    pub fn of_value(value: &FunctionValue, scope: Scope<'_>) -> Self {
        let mut reach = Self::default();
        for read in reads(value) {
            reach.add(read.target, read.span, scope);
        }
        reach
    }

    pub fn of_target(target: &Target, at: Span, scope: Scope<'_>) -> Self {
        let mut reach = Self::default();
        reach.add(target, at, scope);
        reach
    }

    /// What calling `target` fetches with no `query()` cache in front: the generated clients
    /// and hand-written requests it reaches through local and imported functions, not through
    /// a wrapper.
    pub fn uncached_of_target(target: &Target, at: Span, scope: Scope<'_>) -> Self {
        let mut reach = Self { uncached: true, ..Self::default() };
        reach.add(target, at, scope);
        reach
    }

    fn add(&mut self, target: &Target, at: Span, scope: Scope<'_>) {
        match target {
            Target::GeneratedClient { route, method } => {
                self.clients.push((route.clone(), method.clone(), at));
            }
            Target::Query { .. } if self.uncached => {}
            Target::Query { index } => {
                if let Some(query) = scope.queries.get(*index) {
                    self.add_calls(&query.calls, at, scope);
                }
            }
            Target::LocalFunction { calls, .. } => self.add_calls(calls, at, scope),
            Target::RawFetch { name } => {
                let module = scope.module.filter(|_| scope.depth > 0).zip(scope.graph);
                let module = module.map(|((path, _), graph)| graph.shown(path));
                self.raw.push(RawRequest { name: name.clone(), span: at, module });
            }
            Target::Imported { name, source, export } => {
                self.add_import(name, source, export, at, scope);
            }
            Target::ImportedMember { name, source, export, path } => {
                self.add_imported_member(name, (source, export), path, at, scope);
            }
            Target::Unresolved { text } => self.opaque.push((format!("`{text}`"), at)),
        }
    }

    /// Calls made inside a function: on the page each call is where it is; inside another
    /// module, the page's call of that module's function is where they happen for the page.
    fn add_calls(&mut self, calls: &[DataCall], at: Span, scope: Scope<'_>) {
        for call in calls {
            let span = if scope.depth == 0 { call.span } else { at };
            self.add(&call.target, span, scope);
        }
    }

    fn add_import(&mut self, name: &str, source: &str, export: &str, at: Span, scope: Scope<'_>) {
        let imported = format!("`{name}` from \"{source}\"");
        let (Some(graph), Some((from, folder))) = (scope.graph, scope.module) else {
            self.opaque.push((imported, at));
            return;
        };
        if scope.depth >= MAX_DEPTH {
            self.opaque
                .push((format!("{imported} (calls nested deeper than {MAX_DEPTH} modules)"), at));
            return;
        }
        let why = match graph.follow(from, folder, source, export) {
            Followed::Value { module, value: ExportedValue::Callable { target } } => {
                let inner = Scope {
                    queries: &module.exports.queries,
                    module: Some((&module.path, module.folder)),
                    graph: Some(graph),
                    depth: scope.depth + 1,
                };
                self.add(&target, at, inner);
                return;
            }
            Followed::Value { module, .. } => {
                format!("not a function of {}", graph.shown(&module.path))
            }
            Followed::Generated => "generated code that is not a fetch client".to_owned(),
            Followed::Package(package) => format!("the package `{package}`"),
            Followed::NotFollowed(why) => why,
        };
        self.opaque.push((format!("{imported} ({why})"), at));
    }

    /// `api["users"].GET()` / `users.GET()` on an imported value: a generated client call when
    /// the import is the fetch map (or a route's client) under another name.
    fn add_imported_member(
        &mut self,
        name: &str,
        (source, export): (&str, &str),
        path: &[String],
        at: Span,
        scope: Scope<'_>,
    ) {
        let imported = format!("`{name}` from \"{source}\"");
        let (Some(graph), Some((from, folder))) = (scope.graph, scope.module) else {
            self.opaque.push((imported, at));
            return;
        };
        let is_method = |m: &str| m.parse::<kosmo_lint_core::HttpMethod>().is_ok();
        let why = match graph.follow(from, folder, source, export) {
            Followed::Value { value: ExportedValue::ClientMap { .. }, .. }
                if path.len() == 2 && is_method(&path[1]) =>
            {
                self.clients.push((path[0].clone(), path[1].clone(), at));
                return;
            }
            Followed::Value { value: ExportedValue::ClientRoute { route, .. }, .. }
                if path.len() == 1 && is_method(&path[0]) =>
            {
                self.clients.push((route, path[0].clone(), at));
                return;
            }
            Followed::Value { module, .. } => {
                format!("not a generated client of {}", graph.shown(&module.path))
            }
            Followed::Generated => "generated code that is not a fetch client".to_owned(),
            Followed::Package(package) => format!("the package `{package}`"),
            Followed::NotFollowed(why) => why,
        };
        self.opaque.push((format!("{imported} ({why})"), at));
    }

    pub fn routes(&self) -> impl Iterator<Item = &str> {
        self.clients.iter().map(|(route, _, _)| route.as_str())
    }
}
