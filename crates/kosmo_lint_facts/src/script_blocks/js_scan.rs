//! Just enough of JavaScript's lexical grammar to find where an expression ends: brackets,
//! strings, template literals and comments. Used for a Svelte `{…}` expression (which may
//! hold `}` or `<` in a string) and for an MDX ESM block that spans a blank line.
//!
//! Regular expression literals are not recognised (telling `/` apart needs a parser): a
//! regex holding an unbalanced bracket or a quote can make a scan end late.

/// Where a scan stands after the bytes fed so far.
#[derive(Debug, Default)]
pub(super) struct JsScan {
    /// The closers expected, innermost last; `TEMPLATE` marks a `${` inside a template.
    stack: Vec<u8>,
    mode: Mode,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Mode {
    #[default]
    Code,
    Quoted(u8),
    Template,
    LineComment,
    BlockComment,
}

/// The closer of a `${` substitution: back to the template when it closes.
const TEMPLATE: u8 = 0;

impl JsScan {
    /// Whether a bracket, template literal or block comment is still open.
    pub(super) fn is_open(&self) -> bool {
        !self.stack.is_empty() || matches!(self.mode, Mode::Template | Mode::BlockComment)
    }

    /// Feeds `bytes[from..]`; with `stop_when_closed`, stops after the byte that closes the
    /// outermost bracket and returns the position after it. `None`: all bytes fed.
    pub(super) fn feed(
        &mut self,
        bytes: &[u8],
        from: usize,
        stop_when_closed: bool,
    ) -> Option<usize> {
        let mut at = from;
        while at < bytes.len() {
            let byte = bytes[at];
            let next = bytes.get(at + 1).copied();
            at += 1;
            match self.mode {
                Mode::Code => match byte {
                    b'\'' | b'"' => self.mode = Mode::Quoted(byte),
                    b'`' => self.mode = Mode::Template,
                    b'/' if next == Some(b'/') => self.mode = Mode::LineComment,
                    b'/' if next == Some(b'*') => {
                        self.mode = Mode::BlockComment;
                        at += 1;
                    }
                    b'(' => self.stack.push(b')'),
                    b'[' => self.stack.push(b']'),
                    b'{' => self.stack.push(b'}'),
                    b')' | b']' | b'}' => {
                        // A closer that matches nothing open is left alone: the code is wrong,
                        // and the framework's parser will say so.
                        let Some(&expected) = self.stack.last() else { continue };
                        if expected == byte || (expected == TEMPLATE && byte == b'}') {
                            self.stack.pop();
                            if expected == TEMPLATE {
                                self.mode = Mode::Template;
                            }
                            if stop_when_closed && self.stack.is_empty() {
                                return Some(at);
                            }
                        }
                    }
                    _ => {}
                },
                Mode::Quoted(quote) => match byte {
                    b'\\' => at += 1,
                    b'\n' | b'\r' => self.mode = Mode::Code,
                    _ if byte == quote => self.mode = Mode::Code,
                    _ => {}
                },
                Mode::Template => match byte {
                    b'\\' => at += 1,
                    b'`' => self.mode = Mode::Code,
                    b'$' if next == Some(b'{') => {
                        self.stack.push(TEMPLATE);
                        self.mode = Mode::Code;
                        at += 1;
                    }
                    _ => {}
                },
                Mode::LineComment => {
                    if matches!(byte, b'\n' | b'\r') {
                        self.mode = Mode::Code;
                    }
                }
                Mode::BlockComment => {
                    if byte == b'*' && next == Some(b'/') {
                        self.mode = Mode::Code;
                        at += 1;
                    }
                }
            }
        }
        None
    }
}

/// The position after the `}` that closes the `{` at `open`, or `None` when it is never
/// closed.
pub(super) fn skip_braces(bytes: &[u8], open: usize) -> Option<usize> {
    JsScan::default().feed(bytes, open, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_end_at_their_match_past_strings_templates_and_comments() {
        let text = "{a < b ? '}' : \"}\" + `}${ {x: 1}.x }` /* } */} rest";
        assert_eq!(skip_braces(text.as_bytes(), 0), Some(text.find(" rest").unwrap()));
        assert_eq!(skip_braces(b"{ // }\n }x", 0), Some(9));
        assert_eq!(skip_braces(b"{ never", 0), None);
    }

    #[test]
    fn open_brackets_templates_and_comments_keep_a_scan_open() {
        for (text, open) in [
            ("import {\n  a,\n", true),
            ("import { a } from 'b';\n", false),
            ("export const t = `\n", true),
            ("/* unfinished\n", true),
            ("export const s = 'x\n", false),
            ("const a = 1; // (\n", false),
        ] {
            let mut scan = JsScan::default();
            assert_eq!(scan.feed(text.as_bytes(), 0, false), None);
            assert_eq!(scan.is_open(), open, "{text:?}");
        }
    }
}
