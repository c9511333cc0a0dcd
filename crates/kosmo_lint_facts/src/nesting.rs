//! The guard against stack overflow. oxc's parser and semantic builder, and the visitors
//! that extract facts, recurse once per level of nesting, so a deep enough file (a generated
//! one, or an attack) would overflow any stack and abort the whole run. Before parsing, a
//! lexical scan estimates the file's nesting; past [`NESTING_LIMIT`], the file is reported
//! instead of parsed. The threads that parse get [`PARSER_STACK_SIZE`], measured to hold the
//! limit of the most stack-hungry construct with room to spare (docs/performance.md).
//!
//! The estimate is deliberately coarse and errs high: every open bracket (`(`, `[`, `{`,
//! `${`) counts [`BRACKET_WEIGHT`] units, and every operator, nesting keyword and closed
//! bracket counts one unit until the next `,` or `;` of its bracket (a `+` chain nests its
//! operands, `a => b => c` its arrows, `<a><b>` its elements, `else if` and `if (a) if (b)`
//! their statements, `f()()` and `a[0][0]` their calls and members). Strings, comments and
//! regular expressions are skipped. Code without `;` or `,` between its statements adds up
//! its operators too: more than 100,000 of them in a row is needed to be reported.

/// Units of estimated nesting a file may reach; 20,000 levels of any single construct fit.
pub const NESTING_LIMIT: u32 = 100_000;

/// What an open bracket counts: a level of brackets costs the parser about twice the stack
/// of an operator.
const BRACKET_WEIGHT: u32 = 2;

/// The stack of every thread that parses a file. A virtual reservation: only the pages a
/// file's nesting actually reaches are ever touched. The deepest file the limit lets through
/// used about 180 MiB of it, in release and debug builds alike (docs/performance.md).
pub const PARSER_STACK_SIZE: usize = 1 << 30;

/// The byte offset at which the estimated nesting of `text` first passes [`NESTING_LIMIT`].
pub fn too_deep(text: &str) -> Option<usize> {
    // Every unit takes at least one byte: short files need no scan.
    if text.len() * (BRACKET_WEIGHT as usize) <= NESTING_LIMIT as usize {
        return None;
    }
    Scan { bytes: text.as_bytes(), at: 0, levels: vec![Level::default()], units: 0 }.run()
}

#[derive(Default)]
struct Level {
    /// A `${` of a template literal (its `}` resumes the template), rather than a bracket.
    template: bool,
    /// Operators since this level's last `,` or `;`.
    operators: u32,
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    levels: Vec<Level>,
    units: u32,
}

impl Scan<'_> {
    fn run(mut self) -> Option<usize> {
        // Whether the last token ends an operand, so that a `/` is a division, not a regex.
        let mut after_operand = false;
        while let Some(&byte) = self.bytes.get(self.at) {
            let start = self.at;
            self.at += 1;
            let mut operand = false;
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => continue,
                b'/' if self.peek() == Some(b'/') => self.skip_line(),
                b'/' if self.peek() == Some(b'*') => self.skip_block_comment(),
                b'/' if !after_operand => {
                    self.skip_regex();
                    operand = true;
                }
                b'\'' | b'"' => {
                    self.skip_string(byte);
                    operand = true;
                }
                b'`' => {
                    operand = self.template();
                }
                b'(' | b'[' | b'{' => self.open(false),
                b')' | b']' => {
                    self.close();
                    operand = true;
                }
                b'}' => {
                    if self.close() {
                        operand = self.template();
                    } else {
                        operand = true;
                    }
                }
                b',' | b';' => self.end_of_operands(),
                b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'!' | b'~' | b'?'
                | b'<' | b'>' | b'=' | b'.' | b':' => {
                    self.skip_while(is_operator);
                    // `!!!!x` and `~~~~x` nest once per character.
                    let unary =
                        self.bytes[start..self.at].iter().filter(|&&b| b == b'!' || b == b'~');
                    for _ in 0..=unary.count() {
                        self.operator();
                    }
                }
                b'0'..=b'9' => {
                    self.skip_while(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
                    operand = true;
                }
                _ if is_word(byte) => {
                    self.skip_while(is_word);
                    let word = &self.bytes[start..self.at];
                    if NESTING_KEYWORDS.contains(&word) {
                        self.operator();
                    } else {
                        operand = true;
                    }
                }
                _ => {}
            }
            if self.units > NESTING_LIMIT {
                return Some(start);
            }
            after_operand = operand;
        }
        None
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&keep) {
            self.at += 1;
        }
    }

    fn skip_line(&mut self) {
        self.skip_while(|b| b != b'\n');
    }

    fn skip_block_comment(&mut self) {
        self.at = memchr::memmem::find(&self.bytes[self.at + 1..], b"*/")
            .map_or(self.bytes.len(), |end| self.at + 1 + end + 2);
    }

    /// A string ends at its quote or, unterminated, at the end of its line.
    fn skip_string(&mut self, quote: u8) {
        while let Some(byte) = self.peek() {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'\n' => return,
                _ if byte == quote => return,
                _ => {}
            }
        }
    }

    fn skip_regex(&mut self) {
        let mut in_class = false;
        while let Some(byte) = self.peek() {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'\n' => return,
                b'[' => in_class = true,
                b']' => in_class = false,
                b'/' if !in_class => break,
                _ => {}
            }
        }
        self.skip_while(is_word);
    }

    /// Scans a template literal's text up to its end (an operand: `true`) or to a `${`,
    /// which opens a level (`false`).
    fn template(&mut self) -> bool {
        while let Some(byte) = self.peek() {
            self.at += 1;
            match byte {
                b'\\' => self.at += 1,
                b'`' => return true,
                b'$' if self.peek() == Some(b'{') => {
                    self.at += 1;
                    self.open(true);
                    return false;
                }
                _ => {}
            }
        }
        true
    }

    fn open(&mut self, template: bool) {
        self.levels.push(Level { template, operators: 0 });
        self.units += BRACKET_WEIGHT;
    }

    /// Closes the innermost level; whether it was a template's `${`. A stray closer (in code
    /// the scan misread) is passed over.
    fn close(&mut self) -> bool {
        if self.levels.len() == 1 {
            return false;
        }
        let level = self.levels.pop().unwrap_or_default();
        self.units -= BRACKET_WEIGHT + level.operators;
        // What the brackets held may nest in what follows: `f()()()`, `a[0][0]`, `T[][]`.
        self.operator();
        level.template
    }

    fn operator(&mut self) {
        if let Some(level) = self.levels.last_mut() {
            level.operators += 1;
            self.units += 1;
        }
    }

    fn end_of_operands(&mut self) {
        if let Some(level) = self.levels.last_mut() {
            self.units -= level.operators;
            level.operators = 0;
        }
    }
}

/// Keywords that nest what follows them.
const NESTING_KEYWORDS: &[&[u8]] = &[
    b"await",
    b"delete",
    b"do",
    b"else",
    b"extends",
    b"for",
    b"if",
    b"in",
    b"instanceof",
    b"keyof",
    b"new",
    b"typeof",
    b"void",
    b"while",
    b"with",
    b"yield",
];

fn is_operator(byte: u8) -> bool {
    b"+-*/%&|^!~?<>=.:".contains(&byte)
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::{NESTING_LIMIT, too_deep};

    fn nested(open: &str, middle: &str, close: &str, levels: usize) -> String {
        format!("{}{middle}{}", open.repeat(levels), close.repeat(levels))
    }

    #[test]
    fn ordinary_code_and_long_flat_files_pass() {
        let flat = "export const a = [1, 2, 3].map((x) => x + 1);\n".repeat(20_000);
        assert_eq!(too_deep(&flat), None);
        let jsx = format!("const a = (<svg>{}</svg>);\n", "<path d=\"M0 0\" />".repeat(5_000));
        assert_eq!(too_deep(&jsx), None);
        // Brackets inside strings, comments, templates and regular expressions do not count.
        let hidden = "const s = '((((' + \"[[[[\" + `{{{{` + /((((/; // ((((\n/* (((( */\n";
        assert_eq!(too_deep(&hidden.repeat(10_000)), None);
    }

    #[test]
    fn deep_nesting_is_found_where_it_passes_the_limit() {
        let levels = NESTING_LIMIT as usize;
        let parens = nested("(", "1", ")", levels);
        assert_eq!(too_deep(&parens), Some(NESTING_LIMIT as usize / 2));
        let templates = nested("`${", "1", "}`", levels);
        assert!(too_deep(&templates).is_some());
        let chain = format!("const a = {};", vec!["b"; levels + 2].join(" + "));
        assert!(too_deep(&chain).is_some());
        let arrows = format!("const f = {}0;", "a => ".repeat(levels + 2));
        assert!(too_deep(&arrows).is_some());
        let else_ifs = format!("if (a) {{}}{}", " else if (a) {}".repeat(levels + 2));
        assert!(too_deep(&else_ifs).is_some());
        for nesting in ["!", "if (a) ", "f()", "[0]", "new ", "a: "] {
            let text = format!("x = {}0;", nesting.repeat(levels + 2));
            assert!(too_deep(&text).is_some(), "{nesting}");
        }
    }
}
