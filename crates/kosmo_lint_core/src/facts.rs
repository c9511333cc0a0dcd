//! Owned facts about one file, filled in by the extractor (`kosmo_lint_facts`) and read by
//! the route tree and the rules. No AST survives the extraction: only these small values.

use serde::{Deserialize, Serialize};

use crate::generation::{Generation, GenericsShape, ImportStyle};
use crate::http::HttpMethod;
use crate::project::NamedFolder;
use crate::span::Span;

/// The UI framework of a page or layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Framework {
    Solid,
    React,
    Vue,
    Svelte,
    Mdx,
    Unknown,
}

impl Framework {
    /// From the extension alone, for the single-framework file types.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "vue" => Some(Self::Vue),
            "svelte" => Some(Self::Svelte),
            "mdx" | "md" => Some(Self::Mdx),
            _ => None,
        }
    }

    /// From an import source such as `solid-js` or `react-router-dom`.
    pub fn from_import(source: &str) -> Option<Self> {
        match source {
            "solid-js" | "@solidjs/router" | "solid-js/web" | "solid-js/store" => Some(Self::Solid),
            "react" | "react-dom" | "react-router" | "react-router-dom" => Some(Self::React),
            "vue" | "vue-router" => Some(Self::Vue),
            _ => None,
        }
    }

    /// From a stack name in `kosmo.config.ts` (`"solid"`) or a generator (`solidGenerator`).
    pub fn from_stack(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        [
            ("solid", Self::Solid),
            ("react", Self::React),
            ("vue", Self::Vue),
            ("svelte", Self::Svelte),
            ("mdx", Self::Mdx),
        ]
        .into_iter()
        .find(|(prefix, _)| lower.starts_with(prefix))
        .map(|(_, framework)| framework)
    }
}

/// Everything learned from one file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FileFacts {
    pub status: FileStatus,
    /// Imports of generated code, for generation detection.
    pub import_styles: Vec<ImportStyle>,
    // Boxed: most files have none of these, and the facts of route files are kept for the
    // whole run. (No field is skipped when empty: the fact cache encodes structs as arrays.)
    pub api: Option<Box<ApiRouteFacts>>,
    pub page: Option<Box<PageFacts>>,
    pub config: Option<Box<ConfigFacts>>,
    pub fetch_refs: Vec<FetchClientRef>,
    /// Imports of generated fetch modules that name a source folder (G1–G4), in source order.
    pub folder_imports: Vec<FolderImport>,
    /// Keys read off names imported from the project's own modules, which are fetch-client
    /// references if the module exports the fetch map or a route's client under that name.
    pub imported_refs: Vec<ImportedClientRef>,
    /// `kosmo-lint-…` directive comments, in source order (empty for most files).
    pub suppressions: Vec<Suppression>,
}

/// Whether the file could be read and parsed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum FileStatus {
    #[default]
    Parsed,
    /// A file kind the extractor does not read (`.vue`, `.svelte`, `.mdx`, `.md` pages).
    Unsupported,
    SyntaxErrors {
        errors: Vec<SyntaxError>,
    },
    Unreadable {
        message: String,
    },
    /// A NUL byte in the first 8 KiB.
    Binary,
    NotUtf8 {
        offset: usize,
    },
    /// Nested deeper than the linter can parse without overflowing its stack; `offset` is
    /// where the estimated nesting passes `limit` units (`kosmo_lint_facts::nesting`).
    TooDeeplyNested {
        offset: u32,
        limit: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    pub label: Option<String>,
    pub help: Option<String>,
}

// ---------------------------------------------------------------------------------- API

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ApiRouteFacts {
    /// No `export default`: the framework finds no methods.
    NoDefaultExport,
    /// `export default` something other than a call: the framework finds no methods.
    NotACall {
        span: Span,
    },
    DefineRoute(DefineRoute),
}

/// `export default defineRoute<…>(factory)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefineRoute {
    pub span: Span,
    /// The callee text, normally `defineRoute`.
    pub callee: String,
    pub import_source: Option<String>,
    /// G4+: `defineRoute<"users/[id]">`.
    pub route_name_arg: Option<StringLiteral>,
    /// `defineRoute<[number]>` (G1–G3) or the second type argument (G4+), as written.
    pub params_refinement: Option<String>,
    pub factory: FactoryShape,
    /// Method entries of the returned array, in source order.
    pub methods: Vec<MethodEntry>,
    pub uses: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StringLiteral {
    pub value: String,
    pub span: Span,
}

/// How the factory returns its array (spec §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FactoryShape {
    /// `(…) => [ … ]`: what the framework reads.
    ConciseArray,
    /// `(…) => { return [ … ] }`: invisible to the framework; methods are still recorded.
    BlockBody { span: Span },
    /// A concise body that is not an array literal itself (`=> ([ … ])`, `=> routes()`):
    /// the framework reads only an array that is the arrow's direct child.
    NotAnArray { span: Span },
    /// No function argument at all.
    Missing,
}

impl FactoryShape {
    /// Whether the framework's generator sees the methods of this factory.
    pub const fn visible_to_framework(self) -> bool {
        matches!(self, Self::ConciseArray)
    }
}

/// One `METHOD<…>(handler)` element of the factory's array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodEntry {
    pub method: HttpMethod,
    /// The whole call.
    pub span: Span,
    /// The callee plus its type arguments: `GET<never, User>`.
    pub head_span: Span,
    /// The type arguments as written, without the angle brackets.
    pub type_args: Vec<String>,
    pub positional: PositionalResponse,
    pub object: ObjectResponse,
    pub shape: Option<GenericsShape>,
}

/// G1/G2 reading: `METHOD<Payload, Response>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PositionalResponse {
    /// Fewer than two type arguments.
    Missing,
    /// `unknown` or `any`: the client still returns an unusable type.
    Opaque {
        text: String,
    },
    Declared {
        text: String,
    },
}

/// G3+ reading: `METHOD<{ …; response: [status, type?, body?] }>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ObjectResponse {
    NoTypeArguments,
    /// The first type argument is not an inline `{ … }` (an alias the generator cannot read).
    NotInline {
        text: String,
    },
    NoResponseKey,
    /// `response` is neither a tuple nor a union of tuples.
    NotTuple {
        text: String,
    },
    /// `variants` tuples, of which `with_body` have a third (body) element.
    Declared {
        variants: u32,
        with_body: u32,
    },
}

/// Whether a handler's response type reaches the generated client, per generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ResponseDeclaration {
    Declared,
    /// Declared, but only bodiless variants such as `[204]`.
    DeclaredWithoutBody,
    Undeclared {
        reason: String,
    },
}

impl ResponseDeclaration {
    pub const fn is_declared(&self) -> bool {
        !matches!(self, Self::Undeclared { .. })
    }
}

impl MethodEntry {
    /// The rule of the foundation issue: positional generics need a second type argument
    /// other than `unknown`/`any`; object generics an inline literal with a tuple `response`.
    pub fn response(&self, generation: Generation) -> ResponseDeclaration {
        let undeclared = |reason: String| ResponseDeclaration::Undeclared { reason };
        if !generation.object_generics() {
            return match &self.positional {
                PositionalResponse::Declared { .. } => ResponseDeclaration::Declared,
                PositionalResponse::Opaque { text } => {
                    undeclared(format!("the response type argument is `{text}`"))
                }
                PositionalResponse::Missing if self.type_args.is_empty() => {
                    undeclared("no type arguments".into())
                }
                PositionalResponse::Missing => {
                    undeclared("only a payload type argument, no response type argument".into())
                }
            };
        }
        match &self.object {
            ObjectResponse::Declared { with_body: 0, .. } => {
                ResponseDeclaration::DeclaredWithoutBody
            }
            ObjectResponse::Declared { .. } => ResponseDeclaration::Declared,
            ObjectResponse::NoTypeArguments => undeclared("no type arguments".into()),
            ObjectResponse::NotInline { text } => undeclared(format!(
                "`{text}` is not an inline object type, so the generator cannot read it"
            )),
            ObjectResponse::NoResponseKey => undeclared("no `response` key".into()),
            ObjectResponse::NotTuple { text } => {
                undeclared(format!("`response: {text}` is not a tuple or a union of tuples"))
            }
        }
    }
}

// ------------------------------------------------------------------------------- config

/// What `kosmo.config.ts` says about URLs and the frontend stack.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConfigFacts {
    /// G5 `base`, or G5+ `frontend.base`.
    pub base: Option<String>,
    /// G5 `apiBase` (appended to `base`), or G5+ `backend.base` (absolute).
    pub api_base: Option<String>,
    /// Whether `api_base` is G5+ `backend.base`, which already includes the folder base.
    pub api_base_is_absolute: bool,
    /// `frontend.stack` or the name of a framework generator.
    pub frontend_stack: Option<String>,
    /// `frontend: {…}` / `backend: {…}` blocks (G5+).
    pub has_blocks: bool,
}

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

// -------------------------------------------------------------------------- fetch clients

/// A place in the source that names a generated fetch client's route (and maybe a member).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchClientRef {
    pub route: String,
    pub route_span: Span,
    /// The member read from the route's client: a method (`GET`) or a helper (`path`).
    pub member: Option<StringLiteral>,
    pub form: RefForm,
    /// The source folder whose client this is, when the import names one (G1–G4);
    /// `None` for a G5 import (`_/fetch`, `_/api/…/fetch`), which means the importing folder.
    pub folder: Option<NamedFolder>,
}

/// `from "_/admin/fetch"`: an import (or re-export) of a generated fetch module that names
/// a source folder, and where that path is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderImport {
    pub folder: NamedFolder,
    pub span: Span,
}

/// A key read off a name imported from one of the project's modules, the way a generated
/// client is read (`api["users/[id]"].GET`, `users.GET`, `Api["users"]["GET"]` in a type).
/// Whether it is a fetch-client reference depends on what that module exports under the
/// name (the fetch map, a route's client, `ResponseT`), which only the module graph tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedClientRef {
    /// The import's specifier, as written.
    pub source: String,
    /// The name imported: `default` or the exported name (`ns.api` of a namespace import
    /// reads the export `api`).
    pub export: String,
    /// The key read off the imported value: a route of the map, or a member of a route's
    /// client.
    pub key: StringLiteral,
    /// The key read off that one: a member of the route's client (`GET`).
    pub member: Option<StringLiteral>,
    pub form: ImportedRefForm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportedRefForm {
    /// `api["users"]`, `api.users.GET`, `const { GET } = users`: the key is written here.
    Key,
    /// `user.PATCH` after `const user = api["users/[id]"]` (or a destructuring of it): the
    /// key is written at the alias and checked there; here `key.span` is the member's.
    Alias,
    /// `Api["users"]["GET"]` in a type.
    Type,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefForm {
    /// `import … from "@front/{api}/users/fetch"`: the import names the route.
    RouteModule,
    /// `fetchClients["users"]`, `fetchClients.users`: the map key names the route.
    ClientMap,
    /// A member read off a client whose route is named elsewhere (an import, an alias,
    /// a destructuring): only the member is checked here.
    Member,
    /// `ResponseT["users"]["GET"]`.
    ResponseType,
}

impl FetchClientRef {
    /// Whether the route name is written at this reference (and so is checked here).
    pub fn names_route(&self) -> bool {
        !matches!(self.form, RefForm::Member)
    }

    /// The member as an HTTP method, when it names one.
    pub fn method(&self) -> Option<HttpMethod> {
        self.member.as_ref().and_then(|m| m.value.parse().ok())
    }
}

// --------------------------------------------------------------------------- suppressions

/// One `kosmo-lint-…` directive comment, as written. What it suppresses, and whether it is
/// used, is decided by `kosmo_lint_linter::apply_suppressions` against a run's findings; the
/// extractor records only what needs the text (the target line, what a removal deletes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The rules named, in source order; empty: every rule.
    pub rules: Vec<SuppressedRule>,
    /// The comment, delimiters included.
    pub span: Span,
    /// For [`SuppressionKind::NextLine`] and [`SuppressionKind::Line`], the line whose
    /// findings it suppresses: from the line's first byte to its newline, included (empty
    /// when there is no such line). Empty at the comment's start for the other kinds.
    pub target: Span,
    /// What removing the directive deletes: the comment (with the `{` `}` around it when it
    /// is alone in a JSX expression container), and its whole line when nothing else is on
    /// it.
    pub removal: Span,
}

/// Which directive a [`Suppression`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// `kosmo-lint-disable-next-line`: findings that start on the line after the comment.
    NextLine,
    /// `kosmo-lint-disable-line`: findings that start on the comment's own line.
    Line,
    /// `kosmo-lint-disable` anywhere but at the top of the file: findings from here until a
    /// `kosmo-lint-enable` of the same rule, or to the end of the file.
    Disable,
    /// `kosmo-lint-enable`: ends the [`SuppressionKind::Disable`] ranges of the rules it
    /// names, or of every rule when it names none.
    Enable,
    /// `// kosmo-lint-disable` as a line comment before the first statement: the whole file
    /// (a `kosmo-lint-enable` does not end it).
    File,
}

/// A rule name in a directive, with its place (a fix may remove it alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedRule {
    pub name: String,
    pub span: Span,
}

impl Suppression {
    /// Whether the directive applies to `rule`: it names it, or names no rule.
    pub fn applies_to(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r.name == rule)
    }
}
