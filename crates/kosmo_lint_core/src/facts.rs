//! Owned facts about one file, filled in by the extractor (`kosmo_lint_facts`) and read by
//! the route tree and the rules. No AST survives the extraction: only these small values.

use serde::{Deserialize, Serialize};

use crate::generation::{Generation, GenericsShape, ImportStyle};
use crate::http::HttpMethod;
use crate::span::Span;

mod client_refs;
mod data;
mod suppression;
mod tanstack;

pub use client_refs::*;
pub use data::*;
pub use suppression::*;
pub use tanstack::*;

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

    /// Whether a folder of this framework reads pages and layouts with extension `ext`
    /// (spec §1.3); the others are the user's files to KosmoJS.
    pub fn owns_extension(self, ext: &str) -> bool {
        match self {
            Self::Solid | Self::React => matches!(ext, "tsx" | "jsx" | "ts"),
            Self::Vue => ext == "vue",
            Self::Svelte => ext == "svelte",
            Self::Mdx => matches!(ext, "mdx" | "md"),
            Self::Unknown => true,
        }
    }

    /// The data-loading export a page of this framework has: `preload` (SolidJS), `loader`
    /// (React Router, and Vue, Svelte and MDX through KosmoJS's router).
    pub const fn data_export(self) -> &'static str {
        match self {
            Self::Solid => "preload",
            _ => "loader",
        }
    }

    /// Whether a router of this frontend calls a page's `loader` in a folder of
    /// `generation`: React Router always has; KosmoJS's Vue, Svelte and MDX routers have
    /// since G5 (spec §5), so an older Vue folder's `loader` is nobody's.
    pub const fn calls_loader(self, generation: crate::generation::Generation) -> bool {
        use crate::generation::Generation;
        match self {
            Self::React => true,
            Self::Vue | Self::Svelte | Self::Mdx => {
                matches!(generation, Generation::G5 | Generation::G5Plus)
            }
            Self::Solid | Self::Unknown => false,
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
    /// Every `query(fn, name)` / `cache(fn, name)` call of Solid Router's, in source order
    /// (any file kind: shared query modules are helpers), for `query-name-unique`.
    pub query_names: Vec<QueryName>,
}

/// Whether the file could be read and parsed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum FileStatus {
    #[default]
    Parsed,
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
    /// Spread elements of a concise factory array that build handlers (they use a method
    /// builder the factory receives, `...crud({ GET })`): the framework reads only call
    /// elements of the array, so it never sees those handlers (spec §3.1).
    pub hidden_spreads: Box<[Span]>,
    /// The first type argument when it is a string literal (`defineRoute<"users/[id]">`,
    /// G4+), with its quote character so that a fix keeps the file's style. Boxed, like the
    /// spreads, to keep route facts small.
    pub route_name: Option<Box<RouteNameArg>>,
    /// `=> { return [ … ]; }` with nothing else in the block (no other statement, no
    /// comment) in a sync arrow: the block around the array can be dropped as it is.
    pub lone_return: Option<Box<LoneReturn>>,
}

/// The block body of `=> { return [ … ]; }` and the array it returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoneReturn {
    pub body: Span,
    pub array: Span,
}

/// `defineRoute<"users/[id]">`'s name literal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteNameArg {
    pub value: String,
    /// The literal with its quotes.
    pub span: Span,
    pub quote: char,
    /// Whether the literal is written with escapes (`"a\/b"`): its text is not its value.
    pub escaped: bool,
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

impl ConfigFacts {
    /// A folder's facts from its config files (G1–G4 have `config/index.ts` and
    /// `vite.config.ts`): what one file leaves open, another may say.
    #[must_use]
    pub fn merge(self, other: Self) -> Self {
        let absolute = if self.api_base.is_some() {
            self.api_base_is_absolute
        } else {
            other.api_base_is_absolute
        };
        Self {
            base: self.base.or(other.base),
            api_base: self.api_base.or(other.api_base),
            api_base_is_absolute: absolute,
            frontend_stack: self.frontend_stack.or(other.frontend_stack),
            has_blocks: self.has_blocks || other.has_blocks,
        }
    }
}
