//! The top-level `<script>` blocks of a Vue or Svelte component, found as their compilers
//! find them (roughly): only a `<script>` that no element encloses is a block.
//!
//! - Vue (`@vue/compiler-sfc`): every top-level element is a block whose content is raw
//!   text up to its closing tag, except an HTML `<template>`, whose content is markup: its
//!   nested elements (and nested `<template>`s) are followed to find the `</template>` that
//!   closes it, past comments, `{{ … }}` interpolations and the raw text of any `<script>`,
//!   `<style>`, `<textarea>` or `<title>` inside it.
//! - Svelte: the whole file is markup; a `<script>` directly at the top is a block, any other
//!   (in `<svelte:head>`, in an element, in an `{#if}` block) is an element of the page.
//!   `{ … }` expressions, in text and attributes, are skipped with a bracket- and
//!   string-aware scan.
//!
//! Elements are tracked on a stack of names: a closing tag closes the innermost open element
//! of its name and every element opened inside it, as HTML closes a `<p>` or `<li>` left
//! open; a closing tag that matches nothing open is ignored; void elements (`<br>`) and
//! self-closing tags (`<Foo />`) open nothing.

use std::collections::HashMap;

use kosmo_lint_core::Span;
use kosmo_lint_core::facts::SyntaxError;

use super::js_scan::skip_braces;
use super::{Block, Lang, offset};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Vue,
    Svelte,
}

/// HTML's void elements: they have no content and no closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is text up to their closing tag, wherever they are.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// What a Svelte `{#…}` block stands as on the stack of open elements (no element's name).
const BLOCK: &str = "{#";

/// The elements open where the scan is, innermost last, with how many of each name are
/// open, so that a closing tag that matches none is refused without searching the stack
/// (which would take quadratic time on a file of many unmatched closing tags).
#[derive(Default)]
struct OpenElements<'t> {
    stack: Vec<&'t str>,
    counts: HashMap<String, usize>,
}

impl<'t> OpenElements<'t> {
    fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    fn push(&mut self, name: &'t str) {
        self.stack.push(name);
        *self.counts.entry(name.to_ascii_lowercase()).or_default() += 1;
    }

    /// Closes the innermost open element named `name` and every element inside it.
    fn close(&mut self, name: &str) {
        if self.counts.get(&name.to_ascii_lowercase()).is_none_or(|count| *count == 0) {
            return;
        }
        while let Some(top) = self.stack.pop() {
            let top_name = top.to_ascii_lowercase();
            if let Some(count) = self.counts.get_mut(&top_name) {
                *count -= 1;
            }
            if top.eq_ignore_ascii_case(name) {
                return;
            }
        }
    }
}

/// An opening tag: its name, where it starts and ends (after its `>`), its attributes.
struct Tag<'t> {
    name: &'t str,
    start: usize,
    end: usize,
    self_closing: bool,
    attributes: Vec<(&'t str, Option<&'t str>)>,
}

impl Tag<'_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    fn has(&self, name: &str) -> bool {
        self.attributes.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// The value of attribute `name` (`None` when it is absent or has no value).
    fn value(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).and_then(|(_, v)| *v)
    }
}

/// The top-level script blocks of a component in `dialect`, in source order; an error when a
/// top-level `<script>` is never closed.
pub(super) fn script_blocks(text: &str, dialect: Dialect) -> Result<Vec<Block>, SyntaxError> {
    let scanner = Scanner { text, bytes: text.as_bytes(), dialect };
    let mut blocks = Vec::new();
    let mut open = OpenElements::default();
    let mut at = 0;
    let bytes = scanner.bytes;
    while let Some(found) = memchr::memchr2(b'<', b'{', &bytes[at..]) {
        at += found;
        if bytes[at] == b'{' {
            at = match dialect {
                Dialect::Svelte => {
                    // `{#if}` … `{/if}` encloses what it holds, as an element does.
                    match bytes.get(at + 1) {
                        Some(b'#') => open.push(BLOCK),
                        Some(b'/') => open.close(BLOCK),
                        _ => {}
                    }
                    skip_braces(bytes, at).unwrap_or(bytes.len())
                }
                // A Vue interpolation ends at the first `}}`, as Vue's tokenizer reads it.
                Dialect::Vue if !open.is_empty() && bytes.get(at + 1) == Some(&b'{') => {
                    memchr::memmem::find(&bytes[at + 2..], b"}}")
                        .map_or(bytes.len(), |e| at + e + 4)
                }
                Dialect::Vue => at + 1,
            };
            continue;
        }
        let next = bytes.get(at + 1).copied().unwrap_or(b' ');
        if bytes[at..].starts_with(b"<!--") {
            at = memchr::memmem::find(&bytes[at + 4..], b"-->").map_or(bytes.len(), |e| at + e + 7);
        } else if next == b'/' && bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name = scanner.name(at + 2);
            open.close(name);
            at = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |e| at + e + 1);
        } else if next.is_ascii_alphabetic() {
            let Some(tag) = scanner.tag(at) else {
                let name = scanner.name(at + 1);
                if name.eq_ignore_ascii_case("script") && open.is_empty() {
                    let end = at + name.len() + 1;
                    return Err(unclosed(Span::new(offset(at), offset(end))));
                }
                break;
            };
            at = tag.end;
            let top = open.is_empty();
            let raw = if dialect == Dialect::Vue && top {
                !tag.is("template")
                    || tag.value("lang").is_some_and(|l| !l.eq_ignore_ascii_case("html"))
            } else {
                RAW_TEXT.iter().any(|name| tag.is(name))
            };
            if tag.self_closing {
                continue;
            }
            if !raw {
                if !VOID.iter().any(|name| tag.is(name)) {
                    open.push(tag.name);
                }
                continue;
            }
            let is_block = top && tag.is("script");
            let Some((close, after)) = scanner.closing_tag(tag.end, tag.name) else {
                if is_block {
                    return Err(unclosed(Span::new(offset(tag.start), offset(tag.end))));
                }
                break;
            };
            if is_block && let Some(lang) = script_lang(&tag) {
                let instance = match dialect {
                    Dialect::Vue => tag.has("setup"),
                    Dialect::Svelte => !tag.has("module") && tag.value("context") != Some("module"),
                };
                blocks.push(Block { start: tag.end, end: close, lang, instance });
            }
            at = after;
        } else if matches!(next, b'!' | b'?') {
            at = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |e| at + e + 1);
        } else {
            at += 1;
        }
    }
    Ok(blocks)
}

/// The language of a script block; `None` for one that is not JavaScript or TypeScript
/// (`lang="coffee"`, `type="application/ld+json"`), which is not read.
fn script_lang(tag: &Tag<'_>) -> Option<Lang> {
    let lang = tag.value("lang").map(str::to_ascii_lowercase);
    let by_lang = match lang.as_deref() {
        None | Some("js" | "javascript") => Lang { typescript: false, jsx: false },
        Some("jsx") => Lang { typescript: false, jsx: true },
        Some("ts" | "typescript") => Lang { typescript: true, jsx: false },
        Some("tsx") => Lang { typescript: true, jsx: true },
        Some(_) => return None,
    };
    let kind = tag.value("type").map(str::to_ascii_lowercase);
    match kind.as_deref() {
        None | Some("module" | "text/javascript" | "application/javascript") => Some(by_lang),
        Some("text/typescript" | "application/typescript" | "ts") => {
            Some(Lang { typescript: true, ..by_lang })
        }
        Some(_) => None,
    }
}

fn unclosed(tag: Span) -> SyntaxError {
    SyntaxError {
        message: "`<script>` is never closed: no `</script>` follows it".to_owned(),
        span: tag,
        label: Some("this block runs to the end of the file".to_owned()),
        help: Some("end the script block with `</script>`".to_owned()),
    }
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    dialect: Dialect,
}

impl<'t> Scanner<'t> {
    /// The name starting at `start`: up to a blank, `/`, `>` or the end.
    fn name(&self, start: usize) -> &'t str {
        let end = self.bytes[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(self.bytes.len(), |e| start + e);
        &self.text[start..end]
    }

    /// The opening tag at `start` (a `<` followed by a letter); `None` when the file ends
    /// inside it.
    fn tag(&self, start: usize) -> Option<Tag<'t>> {
        let bytes = self.bytes;
        let name = self.name(start + 1);
        let mut tag = Tag { name, start, end: 0, self_closing: false, attributes: Vec::new() };
        let mut at = start + 1 + name.len();
        loop {
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            match *bytes.get(at)? {
                b'>' => {
                    tag.end = at + 1;
                    return Some(tag);
                }
                b'/' if bytes.get(at + 1) == Some(&b'>') => {
                    tag.self_closing = true;
                    tag.end = at + 2;
                    return Some(tag);
                }
                b'/' | b'=' | b'"' | b'\'' => at += 1,
                b'{' if self.dialect == Dialect::Svelte => at = skip_braces(bytes, at)?,
                _ => {
                    let name_start = at;
                    while bytes.get(at).is_some_and(|b| {
                        !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/')
                    }) {
                        at += 1;
                    }
                    let name = &self.text[name_start..at];
                    let mut after = at;
                    while bytes.get(after).is_some_and(u8::is_ascii_whitespace) {
                        after += 1;
                    }
                    let value = if bytes.get(after) == Some(&b'=') {
                        let (value, end) = self.value(after + 1)?;
                        at = end;
                        Some(value)
                    } else {
                        None
                    };
                    tag.attributes.push((name, value));
                }
            }
        }
    }

    /// An attribute value after its `=`: quoted, a Svelte `{…}`, or unquoted; with where it
    /// ends.
    fn value(&self, mut at: usize) -> Option<(&'t str, usize)> {
        let bytes = self.bytes;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match *bytes.get(at)? {
            quote @ (b'"' | b'\'') => {
                let mut end = at + 1;
                loop {
                    match *bytes.get(end)? {
                        b if b == quote => return Some((&self.text[at + 1..end], end + 1)),
                        // A Svelte expression in a quoted value may hold the quote itself.
                        b'{' if self.dialect == Dialect::Svelte => end = skip_braces(bytes, end)?,
                        _ => end += 1,
                    }
                }
            }
            b'{' if self.dialect == Dialect::Svelte => {
                let end = skip_braces(bytes, at)?;
                Some((&self.text[at..end], end))
            }
            _ => {
                let end = bytes[at..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'>')
                    .map_or(bytes.len(), |e| at + e);
                Some((&self.text[at..end], end))
            }
        }
    }

    /// The closing tag of `name` at or after `from` (`</name` then a blank, `/` or `>`, in
    /// any case): where it starts and where it ends.
    fn closing_tag(&self, from: usize, name: &str) -> Option<(usize, usize)> {
        let bytes = self.bytes;
        let mut at = from;
        loop {
            at += memchr::memmem::find(&bytes[at..], b"</")?;
            let name_end = at + 2 + name.len();
            let matches = bytes
                .get(at + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(name_end)
                    .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
            if matches {
                let end = memchr::memchr(b'>', &bytes[name_end..])
                    .map_or(bytes.len(), |e| name_end + e + 1);
                return Some((at, end));
            }
            at += 2;
        }
    }
}
