//! What pages and modules load: preloads, `createAsync` calls, `query()` wrappers, the
//! targets their calls reach, and what a module exports to its importers.

use serde::{Deserialize, Serialize};

use super::{Framework, QueryOptions, QueryPrefetch};
use crate::project::NamedFolder;
use crate::span::Span;

// -------------------------------------------------------------------------------- pages

/// A page's or layout's exports and its data loading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageFacts {
    pub framework: Framework,
    /// Named exports that mean something to a router (`default`, `preload`, `load`,
    /// `loader`, `route`), in source order.
    pub exports: Vec<Export>,
    /// The `preload` export (or the deprecated `load`) the route table reads.
    pub preload: Option<Preload>,
    /// A preload in `export const route = { preload }`, which is never called (see
    /// [`RouteObjectPreload`]).
    pub route_object_preload: Option<RouteObjectPreload>,
    pub queries: Vec<QueryWrapper>,
    pub create_async: Vec<CreateAsyncCall>,
    pub module: ModuleFacts,
    /// What the `preload` / `loader` export prefetches into TanStack Query's cache.
    pub query_prefetches: Vec<QueryPrefetch>,
    /// TanStack Query reads (`useQuery`, `createQuery`…) outside the data export.
    pub query_reads: Vec<QueryOptions>,
    /// The `loader` export React Router (and KosmoJS's Vue, Svelte and MDX routers) call
    /// before the page renders; every export form the preload has.
    pub loader: Option<Preload>,
    /// Calls of `useLoaderData()`: where the component reads what the loader loaded.
    pub loader_data_reads: Vec<Span>,
    /// Data calls the component makes when it mounts: in an effect hook's callback
    /// (`useEffect`, `onMounted`, `onMount`, `$effect`…) or at the top level of a component's
    /// instance script (Vue's `<script setup>`, Svelte's instance `<script>`).
    pub mount_fetches: Vec<DataCall>,
}

/// What a fix that inserts a statement needs to know about the module's layout and style.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ModuleFacts {
    /// End of the last import of the leading import block (before the default export).
    pub imports_end: Option<u32>,
    /// Whether statements end with `;` (judged from the imports).
    pub semicolons: bool,
    /// Ends of top-level statements after which a statement without `;` would join the
    /// next one (it starts with `(`, `[`, `` ` ``, `+`, `-` or `/`).
    pub asi_hazards: Vec<u32>,
    /// Whether the module scope binds `preload` (an import, a variable, a function, a class,
    /// a type…; exported or not): a fix cannot declare it again.
    pub preload_bound: bool,
    /// `import { cache } from "@solidjs/router"`: the deprecated name of `query`.
    pub router_cache: Option<RouterCacheImport>,
    /// Whether the module-level `load` binding is referenced anywhere but its declaration: a
    /// rename of `export const load` would leave those references unbound.
    pub load_referenced: bool,
    /// The module's value import from `@solidjs/router`, for a fix that needs `query`.
    pub router_import: Option<RouterImport>,
    /// Every name bound in any scope of the module, and every global it reads, sorted: a fix
    /// that declares a top-level name must take none of them (or it would clash, or be
    /// shadowed where it is used). Recorded only for modules that import `@solidjs/router`.
    pub names_in_use: Vec<String>,
}

/// The first value import with named specifiers from `@solidjs/router`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterImport {
    /// The local name of its `query` specifier, if it has one.
    pub query: Option<String>,
    /// The end of its last named specifier: where `, query` goes.
    pub last_specifier_end: u32,
}

/// The import of Solid Router's deprecated `cache` (renamed `query` in 0.15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterCacheImport {
    /// The whole specifier (`cache`, `cache as c`).
    pub specifier: Span,
    /// The local name.
    pub local: String,
    /// Every reference to the local name, when all of them are plain identifiers that can be
    /// renamed to `query` (no shorthand property, no export specifier) and the file binds or
    /// reads no `query` anywhere; `None` otherwise. Empty when the name is never used.
    pub renamable_uses: Option<Vec<Span>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    pub name: String,
    pub span: Span,
}

/// How the preload is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PreloadForm {
    /// `export const preload = …`
    Const,
    /// `export function preload(…) {…}`
    Function,
    /// `export { fetchData as preload }`
    Specifier,
    /// `export { preload } from "./data"`
    ReExport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preload {
    /// `preload`, or the deprecated `load`.
    pub name: String,
    pub form: PreloadForm,
    /// The export statement.
    pub span: Span,
    /// The exported name (`preload` in `export const preload`, the key in `route = {…}`).
    pub name_span: Span,
    pub value: FunctionValue,
    /// The `await`s of the function's own body and of the local functions it calls (not those
    /// of callbacks it defines), in source order. Empty for a re-export.
    pub awaits: Vec<PreloadAwait>,
    /// The functions defined inside the bodies [`Preload::awaits`] were read from (callbacks,
    /// nested helpers): whether and when their calls run is theirs to say.
    pub callbacks: Vec<Span>,
}

/// An `await` in a preload (see [`Preload::awaits`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreloadAwait {
    /// The `await` expression.
    pub span: Span,
    /// The awaited expression, parentheses stripped.
    pub argument: Span,
    /// The function whose body holds it: the preload, or a local function it calls.
    pub function: Span,
    /// A statement `await x;` directly in the function's body (or in a `try` block there):
    /// its value is dropped, and everything written after it in the function runs after it
    /// (no `else` branch, `switch` case or loop makes the order uncertain).
    pub sequential: bool,
}

/// `export const route = { preload }`, SolidStart's convention. KosmoJS's generated route
/// table reads only the module's own `preload` export, so this preload is never called; it
/// is kept apart from [`PageFacts::preload`] so that no rule takes it for one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteObjectPreload {
    /// The key: `preload`, or the deprecated `load`.
    pub key: String,
    /// The `export const route = …` statement.
    pub span: Span,
    /// The key in the object.
    pub key_span: Span,
    /// `{ preload }` (or `{ preload: preload }`) with no spread after it: `route.preload` is
    /// the module's own `preload` binding, if it has one.
    pub holds_preload_binding: bool,
}

/// What a function-valued expression (a preload, a `createAsync` argument) is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FunctionValue {
    /// A bare reference: `preload = fetchData`, `createAsync(getUser)`; `text` as written.
    /// `declaration_end` is the end of the top-level declaration binding the reference's root
    /// name (an import, a module-level `const`), `None` when it is not bound by one (inside a
    /// function, a block, an `if`): a new top-level statement can use the name only after it.
    Reference { target: Target, span: Span, text: String, declaration_end: Option<u32> },
    /// An inline arrow or function (or a local function declaration) and the data calls it
    /// makes, following local functions.
    Function { span: Span, calls: Vec<DataCall> },
    /// Anything else (a call result, a literal).
    Other { span: Span, text: String },
}

impl FunctionValue {
    pub const fn span(&self) -> Span {
        match self {
            Self::Reference { span, .. }
            | Self::Function { span, .. }
            | Self::Other { span, .. } => *span,
        }
    }
}

/// What a called or referenced function resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Target {
    /// A method of a generated fetch client.
    GeneratedClient {
        route: String,
        method: String,
    },
    /// A `query()` wrapper of this file: index into [`PageFacts::queries`].
    Query {
        index: usize,
    },
    /// A function of this file and the data calls it makes.
    LocalFunction {
        name: String,
        calls: Vec<DataCall>,
    },
    /// `fetch`, `axios`, `ky`, `ofetch`, `$fetch`: a hand-written request.
    RawFetch {
        name: String,
    },
    /// A binding imported from a module that is not generated code.
    Imported {
        /// How messages call it (the imported name, `ns.member` through a namespace).
        name: String,
        source: String,
        /// The name the module exports it under: `default` for a default import, `*` for a
        /// namespace.
        export: String,
    },
    /// A member call on an imported value: `api["users"].GET()` (`path`: `users`, `GET`),
    /// `users.GET()` (`path`: `GET`). A method of a generated client when the module graph
    /// finds the import is the fetch map (or a route's client) under another name.
    ImportedMember {
        /// As written: `api["users"].GET`.
        name: String,
        source: String,
        export: String,
        path: Vec<String>,
    },
    Unresolved {
        text: String,
    },
}

/// One call that may load data, with its arguments normalised (`@params.id` for every way of
/// reading a route param, see [`DataCall::display_args`]) so that two call sites can be
/// compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataCall {
    pub target: Target,
    pub span: Span,
    pub args: Vec<String>,
    /// The callee as written (`fetchData`, `usersClient.GET`) for a call with no arguments
    /// whose callee is a name or a chain of static members: what a fix that wraps the call
    /// in `query()` writes.
    pub bare_callee: Option<String>,
}

impl DataCall {
    /// The arguments as a person reads them: `params.id` for a route param.
    pub fn display_args(&self) -> String {
        self.args.iter().map(|a| display_arg(a)).collect::<Vec<_>>().join(", ")
    }
}

/// A canonical argument as source text: route params are `@params.<name>` in canonical form.
pub fn display_arg(arg: &str) -> String {
    arg.replace("@params", "params")
}

/// `const getUser = query(fn, "key")`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryWrapper {
    pub name: String,
    pub span: Span,
    pub key: Option<String>,
    /// The data calls of the wrapped function.
    pub calls: Vec<DataCall>,
    /// End of the top-level declaration that binds the wrapper; `None` when it is bound in a
    /// function, a block or any other statement, where a new top-level statement cannot use it.
    pub statement_end: Option<u32>,
    /// The wrapped function's parameters, in order: the name of a plain identifier, `None`
    /// for a pattern, a default value or a rest parameter (which no argument maps to simply).
    /// Empty when the wrapped function is not written inline.
    pub params: Vec<Option<String>>,
    /// The wrapped function is an arrow or function written inline with no parameters: what
    /// a call passes it changes only the key, never what it loads.
    pub takes_no_arguments: bool,
}

/// A `createAsync(fn)` or `createAsyncStore(fn)` call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateAsyncCall {
    pub function: String,
    pub span: Span,
    pub value: FunctionValue,
}

// -------------------------------------------------------------------------- module exports

/// What a module offers the modules that import it, as far as loading data goes: what its
/// exported functions and `query()` wrappers reach, the fetch-client objects it exports under
/// another name, and what it re-exports. Extracted on demand for the modules a page's data
/// functions import (the module graph follows imports through these).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ModuleExports {
    pub names: Vec<ExportedName>,
    /// `export * from "…"`, in source order.
    pub star: Vec<String>,
    /// The module's `query()` wrappers: `Target::Query { index }` in this module's targets
    /// points here.
    pub queries: Vec<QueryWrapper>,
}

impl ModuleExports {
    pub fn get(&self, name: &str) -> Option<&ExportedValue> {
        self.names.iter().find(|export| export.name == name).map(|export| &export.value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedName {
    /// `default` for the default export.
    pub name: String,
    pub value: ExportedValue,
}

/// What an exported name holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ExportedValue {
    /// A function, a `query()` wrapper, a client method, an imported binding: what calling
    /// it reaches (relative to this module: its queries, its imports).
    Callable { target: Target },
    /// The generated fetch map under another name (`export const api = fetchClients`), and
    /// the source folder its import path names (`None`: the exporting module's folder).
    ClientMap { folder: Option<NamedFolder> },
    /// One route's client (`export const users = fetchClients["users"]`).
    ClientRoute { folder: Option<NamedFolder>, route: String },
    /// The response-type map under another name (`export type { ResponseT } from "_/fetch"`).
    ResponseTypeMap { folder: Option<NamedFolder> },
    /// `export { a as b } from "…"` (`name`: the name in that module), `export * as ns from
    /// "…"` (`name`: `None`).
    ReExport { source: String, name: Option<String> },
    /// Anything else (a component, a constant, a class).
    Other,
}

/// The name a `query(fn, name)` (or deprecated `cache(fn, name)`) call gives its wrapper:
/// the prefix of every cache key the wrapper makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryName {
    /// The name, when it is a string literal or a template literal without substitutions;
    /// `None` when it is missing or anything else.
    pub key: Option<String>,
    /// The name argument, or the whole call when there is none.
    pub span: Span,
    /// Whether the callee is the deprecated alias `cache`.
    pub cache: bool,
    /// Whether the call has no name argument at all.
    pub missing: bool,
}
