//! Per-file fact extraction: read a file, parse it once with oxc, pull out the small owned
//! facts of [`kosmo_lint_core::facts`], and drop the AST. Files are processed in parallel
//! with rayon; each worker thread keeps one oxc `Allocator` and resets it between files.

mod api_route;
mod args;
mod awaits;
mod bindings;
mod cache;
mod cache_format;
mod config;
mod create_async;
mod dependents;
mod exports;
mod facts_file;
mod fetch_module;
mod fetch_refs;
mod imported_refs;
mod module_cache;
mod module_check;
mod mount;
mod nesting;
mod page;
mod query_names;
mod read;
mod router_names;
mod script_blocks;
mod solid_glue;
mod suppressions;
mod tanstack;
mod tree_cache;
mod type_args;

use std::cell::RefCell;
use std::path::Path;

use kosmo_lint_core::Span;
use kosmo_lint_core::facts::{FileFacts, FileStatus, ModuleExports, SyntaxError};
use kosmo_lint_core::generation::ImportStyle;
use kosmo_lint_core::walk::{FileKind, ProjectFile};
use oxc_allocator::Allocator;
use oxc_ast::ast::{Program, Statement};
use oxc_diagnostics::OxcDiagnostic;
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;
use rayon::prelude::*;

use crate::script_blocks::Script;

pub use cache::{CACHE_DIR, FactCache, Stamp};
pub use cache_format::CacheError;
pub use dependents::{
    Change, DependencyIndex, DependencyRecorder, Dependent, FileReads, decode_dependents_file,
    fingerprint,
};
pub use facts_file::decode_facts_file;
pub use module_cache::{ModuleCache, ModuleEntries, ModuleEntry, decode_modules_file};
pub use module_check::{ModuleCheck, check_module};
pub use nesting::{NESTING_LIMIT, PARSER_STACK_SIZE};
pub use read::read_source;
pub use script_blocks::{ScriptSource, script_source};
pub use solid_glue::{
    GlueFile, GluePosition, classify_text as classify_solid_glue, read_solid_glue,
};
pub use tree_cache::{
    GeneratedRead, SavedTree, TreeInputs, TreeRecorder, decode_tree_file, load as load_cached_tree,
};

thread_local! {
    static ALLOCATOR: RefCell<Allocator> = RefCell::new(Allocator::default());
}

/// Extracts facts from every file, in parallel; `result[i]` belongs to `files[i]`.
pub fn extract_all(files: &[ProjectFile]) -> Vec<FileFacts> {
    files.par_iter().map(|file| extract_file(file.kind, &file.path)).collect()
}

/// Reads and extracts one file.
pub fn extract_file(kind: FileKind, path: &Path) -> FileFacts {
    match read_source(path) {
        Ok(text) => extract_text(kind, path, &text),
        Err(status) => FileFacts { status, ..FileFacts::default() },
    }
}

/// Extracts the facts of `text` as the content of `path` (for a fix, before it is written).
///
/// Every way a file's facts are made (uncached, through the fact cache, for a fix, for the
/// route tree cache) ends here, so how a file is read as a script is decided once: whole,
/// or through its script blocks (`.vue`, `.svelte`, `.mdx`, `.md`; see [`script_source`]).
pub fn extract_text(kind: FileKind, path: &Path, text: &str) -> FileFacts {
    inject_panic_for_tests(text);
    let facts = match Script::of(path, text) {
        Ok(script) => {
            let mut facts = ALLOCATOR.with(|cell| {
                let mut allocator = cell.borrow_mut();
                allocator.reset();
                extract_source(&allocator, kind, script.source_type, &script.text, script.instance)
            });
            for suppression in &mut facts.suppressions {
                suppression.removal = script.within_block(suppression.span, suppression.removal);
            }
            facts
        }
        Err(error) => {
            let status = FileStatus::SyntaxErrors { errors: vec![error] };
            FileFacts { status, ..FileFacts::default() }
        }
    };
    // Only the first 8 KiB are searched for a NUL before parsing (as git does); a file that
    // then does not parse and has one further on is binary too, not a pile of syntax errors.
    // A file that parses may hold a NUL in a string or comment, as JavaScript allows.
    if matches!(facts.status, FileStatus::SyntaxErrors { .. })
        && memchr::memchr(0, text.as_bytes()).is_some()
    {
        return FileFacts { status: FileStatus::Binary, ..FileFacts::default() };
    }
    facts
}

/// The exports of the script module at `path` with `text`, as the module graph follows them
/// (its own parse, made only for the modules a page's data functions import), or why they
/// cannot be read: the module does not parse, or is nested too deeply to.
pub fn extract_exports(path: &Path, text: &str) -> Result<ModuleExports, FileStatus> {
    let script =
        Script::of(path, text).map_err(|error| FileStatus::SyntaxErrors { errors: vec![error] })?;
    let text = &*script.text;
    if let Some(offset) = nesting::too_deep(text) {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        return Err(FileStatus::TooDeeplyNested { offset, limit: NESTING_LIMIT });
    }
    ALLOCATOR.with(|cell| {
        let mut allocator = cell.borrow_mut();
        allocator.reset();
        let ret = Parser::new(&allocator, text, script.source_type).parse();
        if ret.panicked || !ret.diagnostics.is_empty() {
            let errors = ret.diagnostics.iter().map(syntax_error).collect();
            return Err(FileStatus::SyntaxErrors { errors });
        }
        let program = allocator.alloc(ret.program);
        let semantic = SemanticBuilder::new().with_build_nodes(true).build(program).semantic;
        let mut bindings = bindings::Bindings::new(&semantic, text, program);
        Ok(exports::extract(program, &mut bindings))
    })
}

/// The end-to-end tests of panic isolation need a file whose analysis panics: in debug builds
/// only (never in a release build), a file whose text contains the value of
/// `KOSMO_LINT_TEST_PANIC` panics here.
fn inject_panic_for_tests(text: &str) {
    #[cfg(debug_assertions)]
    if let Some(marker) = std::env::var_os("KOSMO_LINT_TEST_PANIC")
        && let Some(marker) = marker.to_str().filter(|m| !m.is_empty())
        && text.contains(marker)
    {
        panic!("injected by KOSMO_LINT_TEST_PANIC");
    }
    let _ = text;
}

/// Cheap pre-filter: a file that names no generated fetch module cannot reference a client.
fn mentions_generated_fetch(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find(bytes, b"/fetch").is_some()
        || memchr::memmem::find(bytes, b"{fetch}").is_some()
}

/// Parses `text` in `allocator` and extracts the facts for a file of `kind`.
///
/// `instance_script` is the content of a component's per-instance block (Vue's `<script
/// setup>`, Svelte's instance `<script>`: [`ScriptSource::instance`]) when `text` is the
/// padded script of a component, `None` otherwise. Its top-level statements are the
/// component's body, not module code: the framework compiles them into a function, so a
/// name declared both there and in the module block is no redeclaration.
pub fn extract_source(
    allocator: &Allocator,
    kind: FileKind,
    source_type: SourceType,
    text: &str,
    instance_script: Option<oxc_span::Span>,
) -> FileFacts {
    if let Some(offset) = nesting::too_deep(text) {
        // Offsets of files over 4 GiB are not representable in a span anyway.
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let status = FileStatus::TooDeeplyNested { offset, limit: NESTING_LIMIT };
        return FileFacts { status, ..FileFacts::default() };
    }
    let ret = Parser::new(allocator, text, source_type)
        .with_options(ParseOptions { parse_regular_expression: true, ..ParseOptions::default() })
        .parse();
    if ret.panicked || !ret.diagnostics.is_empty() {
        let errors = ret.diagnostics.iter().map(syntax_error).collect();
        return FileFacts { status: FileStatus::SyntaxErrors { errors }, ..FileFacts::default() };
    }
    let program = allocator.alloc(ret.program);
    let mut facts = FileFacts {
        import_styles: import_styles(program),
        suppressions: suppressions::extract(program, source_type, text),
        ..FileFacts::default()
    };
    match kind {
        FileKind::ApiRoute => facts.api = Some(Box::new(api_route::extract(program, text))),
        FileKind::Config => facts.config = Some(Box::new(config::extract(program))),
        FileKind::Middleware => {}
        FileKind::Page | FileKind::Layout | FileKind::Helper => {
            // A helper is parsed so that its syntax errors are reported, but semantic
            // analysis, the expensive part, is only needed where it can reach a generated
            // client: through an import of one, or a key read off an import (`api["users"]`).
            let names_generated = kind != FileKind::Helper || mentions_generated_fetch(text);
            let reads_clients = names_generated || imported_refs::may_read_imported_client(text);
            // A shared query module (`lib/queries.ts`) names no client but defines the
            // `query()` wrappers whose names `query-name-unique` compares.
            let calls_router = query_names::may_call(text);
            if !reads_clients && !calls_router {
                return facts;
            }
            let semantic = SemanticBuilder::new().with_build_nodes(true).build(program);
            let errors: Vec<_> = semantic
                .diagnostics
                .iter()
                .filter(|error| !across_instance(error, instance_script))
                .map(syntax_error)
                .collect();
            if !errors.is_empty() {
                // A helper that names no generated module was never checked this way; its
                // semantic errors are not reported now either.
                if !names_generated {
                    return facts;
                }
                return FileFacts { status: FileStatus::SyntaxErrors { errors }, ..facts };
            }
            let semantic = semantic.semantic;
            facts.query_names = query_names::collect(program, &semantic);
            if !reads_clients {
                return facts;
            }
            let mut bindings = bindings::Bindings::new(&semantic, text, program);
            // Page facts first: resolving a name registers its `query()` wrapper, and the page
            // registers them in source order before anything else resolves one.
            if kind != FileKind::Helper {
                facts.page = Some(Box::new(page::extract(program, &mut bindings, instance_script)));
            }
            facts.fetch_refs = fetch_refs::collect(program, &mut bindings);
            facts.folder_imports = fetch_refs::folder_imports(program);
            facts.imported_refs = imported_refs::collect(program, &mut bindings);
        }
    }
    facts
}

/// Whether `error` points both into the component's instance block and out of it: a name
/// declared in both blocks, which the framework does not merge into one scope (Vue even
/// drops an import repeated in `<script setup>`).
fn across_instance(error: &OxcDiagnostic, instance: Option<oxc_span::Span>) -> bool {
    let Some(instance) = instance else { return false };
    let labels = &error.labels;
    let inside = |span: oxc_span::Span| instance.start <= span.start && span.end <= instance.end;
    labels.iter().any(|l| inside(l.span())) && labels.iter().any(|l| !inside(l.span()))
}

fn syntax_error(diagnostic: &OxcDiagnostic) -> SyntaxError {
    let primary = diagnostic.labels.first();
    SyntaxError {
        message: diagnostic.message.to_string(),
        span: primary.map_or(Span::new(0, 0), |label| span(label.span())),
        label: primary.and_then(|l| l.label()).map(str::to_owned),
        help: diagnostic.help.as_ref().map(ToString::to_string),
    }
}

fn import_styles(program: &Program<'_>) -> Vec<ImportStyle> {
    program
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Statement::ImportDeclaration(import) => ImportStyle::of(import.source.value.as_str()),
            _ => None,
        })
        .collect()
}

/// Converts an oxc span.
pub(crate) fn span(span: oxc_span::Span) -> Span {
    Span::new(span.start, span.end)
}
