//! The script of a `.vue`, `.svelte`, `.mdx` or `.md` file, as one module text that oxc can
//! parse: the file's own text with every byte outside its script blocks replaced by a space
//! (line breaks kept), so every span oxc reports is an offset in the original file and
//! line/column come out right, after multi-byte characters outside the scripts too.
//!
//! - Vue: the top-level `<script>` and `<script setup>` blocks; `<template>`, `<style>` and
//!   custom blocks are not script (see [`markup`] for how the top level is tracked).
//! - Svelte: the module script (`<script module>`, Svelte 4's `<script context="module">`)
//!   and the instance `<script>`; markup, `<svelte:head>` and scripts inside elements are
//!   not.
//! - MDX: the ESM blocks (`import`/`export` paragraphs), not frontmatter or code fences (see
//!   [`mdx`]). A `.md` page has no script: MDX's compiler reads it as plain Markdown (the
//!   default `format: "detect"`), where a line starting with `import ` is prose.
//!
//! The blocks of one file make one module: TypeScript if any block is (`lang="ts"`,
//! `"tsx"`), JSX if any block is `"tsx"`/`"jsx"` and in every MDX file (MDX's ESM may hold
//! JSX; it is never TypeScript), always a module. Where two blocks share a line, the first
//! byte of the gap between them (the `<` of `</script>`) becomes a line break instead of a
//! space, so that a line comment or a statement without a semicolon at the end of one block
//! never runs into the next. A component with no script at all is an empty module: a page
//! with only a template is a valid page that exports nothing.
//!
//! Written here rather than taken from a crate: the crates that extract SFC blocks
//! (`fallow-extract`, `svelte-syntax`) are whole analysers pinned to other oxc versions
//! (0.118–0.155) with dependencies of their own (lightningcss, tree-sitter, regex), and
//! oxlint's `partial_loader` lives inside `oxc_linter`; none reads MDX's ESM the way the
//! MDX compiler does.

mod js_scan;
mod markup;
mod mdx;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::path::Path;

use kosmo_lint_core::Span;
use kosmo_lint_core::facts::SyntaxError;
use oxc_span::SourceType;

use markup::Dialect;

/// The script of a file with script blocks, ready for oxc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptSource {
    /// As long as the file's text, byte for byte: the script blocks' content as written,
    /// every other byte a space, except line breaks (and the gap breaks described in the
    /// module documentation).
    pub text: String,
    pub source_type: SourceType,
    /// The content of the per-component block, whose top-level statements run once per
    /// component instance rather than once per module: Vue's `<script setup>`, Svelte's
    /// instance `<script>` (the first, if a file has several). `None` for MDX.
    pub instance: Option<(u32, u32)>,
    /// The content of every block, in order.
    pub blocks: Vec<(u32, u32)>,
}

/// One block's content (between its opening and its closing tag, or an ESM paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Block {
    start: usize,
    end: usize,
    lang: Lang,
    /// The per-component block.
    instance: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Lang {
    typescript: bool,
    jsx: bool,
}

/// The script of `text`, the content of a file with `extension`: `None` for a file that is a
/// script as a whole (`.ts`, `.tsx`, …); an error pointing at a top-level `<script>` tag
/// that is never closed.
pub fn script_source(extension: &str, text: &str) -> Option<Result<ScriptSource, SyntaxError>> {
    let blocks = match extension {
        "vue" => markup::script_blocks(text, Dialect::Vue),
        "svelte" => markup::script_blocks(text, Dialect::Svelte),
        "mdx" => Ok(mdx::esm_blocks(text)),
        // MDX's compiler reads a `.md` file as plain Markdown (its `format: "detect"`, the
        // default of every integration): an `import` line there is prose, not ESM.
        "md" => Ok(Vec::new()),
        _ => return None,
    };
    Some(blocks.map(|blocks| padded(text, &blocks)))
}

/// What oxc parses of a file: its whole text, or its script blocks with everything else
/// blanked.
pub(crate) struct Script<'t> {
    pub(crate) text: Cow<'t, str>,
    pub(crate) source_type: SourceType,
    /// [`ScriptSource::instance`].
    pub(crate) instance: Option<oxc_span::Span>,
    /// [`ScriptSource::blocks`]; `None` for a file that is a script as a whole.
    pub(crate) blocks: Option<Vec<(u32, u32)>>,
}

impl<'t> Script<'t> {
    /// The script of `text` as the content of `path`.
    pub(crate) fn of(path: &Path, text: &'t str) -> Result<Self, SyntaxError> {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match script_source(extension, text) {
            None => Ok(Self {
                text: Cow::Borrowed(text),
                source_type: SourceType::from_path(path).unwrap_or_else(|_| SourceType::tsx()),
                instance: None,
                blocks: None,
            }),
            Some(Ok(script)) => Ok(Self {
                text: Cow::Owned(script.text),
                source_type: script.source_type,
                instance: script.instance.map(|(start, end)| oxc_span::Span::new(start, end)),
                blocks: Some(script.blocks),
            }),
            Some(Err(error)) => Err(error),
        }
    }

    /// `span` cut to the block that holds `inner`: what removing a directive deletes may
    /// reach past the block's content into a tag the padding made blank (a comment right
    /// after `<script>`), and must not.
    pub(crate) fn within_block(&self, inner: Span, span: Span) -> Span {
        let Some(blocks) = &self.blocks else { return span };
        match blocks.iter().find(|(start, end)| *start <= inner.start && inner.end <= *end) {
            Some(&(start, end)) => Span::new(span.start.max(start), span.end.min(end)),
            None => span,
        }
    }

    /// The text outside the script blocks, block by block (nothing for a whole script): a
    /// fix must leave it as it is.
    pub(crate) fn markup(&self, original: &str) -> Vec<String> {
        let Some(blocks) = &self.blocks else { return Vec::new() };
        let mut markup = Vec::with_capacity(blocks.len() + 1);
        let mut at = 0;
        for &(start, end) in blocks {
            markup.push(original[at..start as usize].to_owned());
            at = end as usize;
        }
        markup.push(original[at..].to_owned());
        markup
    }
}

fn padded(text: &str, blocks: &[Block]) -> ScriptSource {
    let mut out = String::with_capacity(text.len());
    let mut next_block = blocks.iter().peekable();
    let mut inside: Option<&Block> = None;
    let mut previous_end: Option<usize> = None;
    for (at, c) in text.char_indices() {
        if inside.is_some_and(|block| at >= block.end) {
            previous_end = inside.map(|block| block.end);
            inside = None;
        }
        if inside.is_none() && next_block.peek().is_some_and(|block| at >= block.start) {
            inside = next_block.next();
        }
        if inside.is_some_and(|block| at < block.end) || matches!(c, '\n' | '\r') {
            out.push(c);
        } else if previous_end == Some(at) && gap_needs_break(text, at, next_block.peek()) {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    let typescript = blocks.iter().any(|b| b.lang.typescript);
    let jsx = blocks.iter().any(|b| b.lang.jsx);
    ScriptSource {
        text: out,
        source_type: SourceType::mjs().with_typescript(typescript).with_jsx(jsx),
        instance: blocks.iter().find(|b| b.instance).map(|b| (offset(b.start), offset(b.end))),
        blocks: blocks.iter().map(|b| (offset(b.start), offset(b.end))).collect(),
    }
}

/// Whether the gap from `at` to the next block holds no line break of its own.
fn gap_needs_break(text: &str, at: usize, next: Option<&&Block>) -> bool {
    next.is_some_and(|next| {
        !text.as_bytes()[at..next.start.max(at)].iter().any(|b| matches!(b, b'\n' | b'\r'))
    })
}

/// Offsets of files over 4 GiB are not representable in a span anyway.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}
