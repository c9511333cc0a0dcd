//! Byte offsets (how findings and fixes count) as LSP positions (lines, and characters in
//! UTF-16 code units, the protocol's default).

use lsp_types::{Position, Range};

/// The line starts of a text, to turn offsets into positions and back.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and to the start of a character).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let character = self.text[self.starts[line]..offset].encode_utf16().count();
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The text of the line holding byte `offset`, up to its first non-blank character.
    pub fn indentation(&self, offset: usize) -> &'t str {
        let line = self.position(offset).line as usize;
        let start = self.starts[line];
        let rest = &self.text[start..];
        &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.starts[self.position(offset).line as usize]
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_utf16_code_units() {
        let text = "a\nx😀é = 1;\r\nlast";
        let index = LineIndex::new(text);
        let one = text.find("= 1").unwrap();
        assert_eq!(index.position(one), Position::new(1, 5), "😀 is two units, é one");
        assert_eq!(index.position(text.len()), Position::new(2, 4));
        // Inside a character: its start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(index.position(emoji + 2), Position::new(1, 1));
    }

    #[test]
    fn indentation_and_line_start() {
        let text = "x\n\t  const a = 1;\n";
        let index = LineIndex::new(text);
        let a = text.find("a =").unwrap();
        assert_eq!(index.indentation(a), "\t  ");
        assert_eq!(index.line_start(a), 2);
    }
}
