//! The project model of kosmo-lint: where a KosmoJS project's source folders are, which API
//! generation each folder is written in, which files are routes, pages and layouts, the owned
//! per-file facts the extractor fills in, and the route tree that cross-file rules query.
//!
//! This crate knows nothing about oxc: facts are plain data (strings, byte spans, enums), so
//! every layer above can hold them across threads and files cheaply.

pub mod config;
pub mod diagnostic;
pub mod facts;
pub mod generation;
pub mod glue;
pub mod http;
pub mod json_file;
pub mod line_index;
pub mod project;
pub mod refs;
pub mod route_path;
pub mod route_syntax;
pub mod span;
pub mod tree;
pub mod walk;

pub use diagnostic::{Applicability, Edit, Finding, Fix, Label, Related, Severity};
pub use generation::{Generation, GenerationEvidence};
pub use http::HttpMethod;
pub use line_index::LineIndex;
pub use project::{Project, ProjectError, SourceFolder, SourceFolderLayout};
pub use span::Span;
pub use tree::RouteTree;
pub use walk::{FileKind, ProjectFile};
