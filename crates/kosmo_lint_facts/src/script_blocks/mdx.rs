//! The ESM of an MDX page, found roughly as `micromark-extension-mdxjs-esm` finds it:
//!
//! - Frontmatter (`---` … `---` or `+++` … `+++` from the first line) is not script.
//! - Fenced code blocks (three or more backticks or tildes, closed by a fence of the same
//!   character at least as long; an unclosed one runs to the end) are not script.
//! - An ESM block is a line that starts at column 0 with `import ` or `export ` where a new
//!   block can start (at the start, after a blank line, a heading or a code fence: not as the
//!   continuation of a paragraph), up to the next blank line. A blank line inside an
//!   unfinished statement (an open bracket, template literal or block comment, as
//!   [`JsScan`] reads it) does not end the block, as MDX goes on when what it has does not
//!   parse yet; a block whose brackets never close (or stay open across more than
//!   [`MAX_BLANK_LINES`] blank lines) ends at its first blank line.
//!
//! Not followed: ESM inside JSX elements or containers (MDX accepts it at the top level
//! only, and so does this reader, by asking for column 0), and MDX's `{…}` expressions,
//! which are not module code.

use super::js_scan::JsScan;
use super::{Block, Lang};

/// A line: where it starts, where its text ends (before its line break), where the next
/// line starts.
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

/// The ESM blocks of an MDX text, in order.
pub(super) fn esm_blocks(text: &str) -> Vec<Block> {
    let bytes = text.as_bytes();
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let lines = lines(bytes, start);
    let text_of = |line: &Line| &bytes[line.start..line.end];
    let mut index = frontmatter_end(bytes, &lines);
    let mut may_start = true;
    let mut fence: Option<(u8, usize)> = None;
    let mut blocks = Vec::new();
    while let Some(line) = lines.get(index) {
        let content = text_of(line);
        index += 1;
        if let Some((fence_char, length)) = fence {
            if closes_fence(content, fence_char, length) {
                fence = None;
                may_start = true;
            }
            continue;
        }
        if is_blank(content) {
            may_start = true;
            continue;
        }
        if let Some(opened) = opens_fence(content) {
            fence = Some(opened);
            continue;
        }
        if may_start && starts_esm(content) {
            let last = esm_end(bytes, &lines, index - 1);
            let lang = Lang { typescript: false, jsx: true };
            blocks.push(Block { start: line.start, end: lines[last].end, lang, instance: false });
            index = last + 1;
            may_start = false;
            continue;
        }
        may_start = is_heading(content);
    }
    blocks
}

fn lines(bytes: &[u8], mut start: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    while start < bytes.len() {
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(at) => {
                let at = start + at;
                let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
                (at, at + if crlf { 2 } else { 1 })
            }
            None => (bytes.len(), bytes.len()),
        };
        lines.push(Line { start, end, next });
        start = next;
    }
    lines
}

/// The index of the first line after the frontmatter (0 without one).
fn frontmatter_end(bytes: &[u8], lines: &[Line]) -> usize {
    let Some(first) = lines.first() else { return 0 };
    let fence = bytes[first.start..first.end].trim_ascii_end();
    if fence != b"---" && fence != b"+++" {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|line| bytes[line.start..line.end].trim_ascii_end() == fence)
        .map_or(0, |at| at + 2)
}

/// Blank lines an unfinished ESM statement may span. Each block start follows a blank line,
/// so bounding the blank lines a scan crosses bounds how often a byte is scanned: linear
/// time on a file of many unfinished `export`s.
const MAX_BLANK_LINES: usize = 100;

/// The index of the last line of the ESM block starting at line `first`.
fn esm_end(bytes: &[u8], lines: &[Line], first: usize) -> usize {
    let mut scan = JsScan::default();
    let mut first_blank_end = None;
    let mut blank_lines = 0;
    let mut last = first;
    for (index, line) in lines.iter().enumerate().skip(first) {
        if is_blank(&bytes[line.start..line.end]) {
            first_blank_end.get_or_insert(last);
            blank_lines += 1;
            if !scan.is_open() {
                return last;
            }
            if blank_lines > MAX_BLANK_LINES {
                break;
            }
            continue;
        }
        // With its line break, which ends a line comment.
        scan.feed(&bytes[line.start..line.next], 0, false);
        last = index;
    }
    // Open to the end (or past the bound): the block ends at its first blank line.
    if scan.is_open() { first_blank_end.unwrap_or(last) } else { last }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t'))
}

fn starts_esm(line: &[u8]) -> bool {
    ["import", "export"].iter().any(|keyword| {
        line.starts_with(keyword.as_bytes())
            && matches!(line.get(keyword.len()), Some(b' ' | b'\t'))
    })
}

/// Up to three spaces of indentation, as Markdown allows before a fence or heading.
fn unindent(line: &[u8]) -> Option<&[u8]> {
    let indent = line.iter().take_while(|b| **b == b' ').count();
    (indent <= 3).then(|| &line[indent..])
}

/// An opening code fence: its character and length.
fn opens_fence(line: &[u8]) -> Option<(u8, usize)> {
    let line = unindent(line)?;
    let fence_char = *line.first().filter(|c| matches!(c, b'`' | b'~'))?;
    let length = line.iter().take_while(|b| **b == fence_char).count();
    // A backtick fence's info string cannot hold a backtick (it would be inline code).
    let info_ok = fence_char == b'~' || !line[length..].contains(&b'`');
    (length >= 3 && info_ok).then_some((fence_char, length))
}

fn closes_fence(line: &[u8], fence_char: u8, length: usize) -> bool {
    let Some(line) = unindent(line) else { return false };
    let run = line.iter().take_while(|b| **b == fence_char).count();
    run >= length && is_blank(&line[run..])
}

/// An ATX heading (`# Title`), after which a new block starts on the next line.
fn is_heading(line: &[u8]) -> bool {
    let Some(line) = unindent(line) else { return false };
    let hashes = line.iter().take_while(|b| **b == b'#').count();
    (1..=6).contains(&hashes) && matches!(line.get(hashes), None | Some(b' ' | b'\t'))
}
