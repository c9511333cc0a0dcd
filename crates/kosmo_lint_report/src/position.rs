//! 1-based line and column ranges of findings, with one line index per file that has findings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use kosmo_lint_core::{Finding, LineIndex};

use crate::SourceCache;

/// What a column counts. Lines are 1-based either way, and so are columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Columns {
    /// UTF-8 bytes, as in `--format json` and miette's reports.
    Utf8Bytes,
    /// UTF-16 code units: SARIF's default `columnKind`.
    Utf16,
}

/// Where a finding's span starts and ends; the end is the position just after the last
/// character (an exclusive end, as SARIF's `endColumn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Range {
    pub fn is_single_line(self) -> bool {
        self.start_line == self.end_line
    }
}

pub(crate) struct Locator<'s> {
    sources: &'s mut SourceCache,
    columns: Columns,
    indexes: HashMap<PathBuf, LineIndex>,
}

impl<'s> Locator<'s> {
    pub fn new(sources: &'s mut SourceCache, columns: Columns) -> Self {
        Self { sources, columns, indexes: HashMap::new() }
    }

    /// The range of the finding's span; `None` for a finding about the whole file or when
    /// its source cannot be read.
    pub fn finding(&mut self, finding: &Finding) -> Option<Range> {
        self.span(&finding.path, finding.span?)
    }

    /// The range of a whole file, from its first character to the end of its last line.
    pub fn whole(&mut self, path: &Path) -> Option<Range> {
        let length = u32::try_from(self.sources.get(path)?.len()).ok()?;
        self.span(path, kosmo_lint_core::Span::new(0, length))
    }

    pub fn span(&mut self, path: &Path, span: kosmo_lint_core::Span) -> Option<Range> {
        let text = self.sources.get(path)?;
        if !self.indexes.contains_key(path) {
            self.indexes.insert(path.to_path_buf(), LineIndex::new(text));
        }
        let index = &self.indexes[path];
        let position = |offset: u32| {
            let (line, column) = index.line_col(offset);
            let column = match self.columns {
                Columns::Utf8Bytes => column,
                Columns::Utf16 => utf16_column(text, offset, column),
            };
            (line, column)
        };
        let (start_line, start_column) = position(span.start);
        let (end_line, end_column) = position(span.end);
        Some(Range { start_line, start_column, end_line, end_column })
    }
}

/// The 1-based UTF-16 column of `offset`, whose 1-based byte column is `byte_column`; the
/// byte column itself when the offset is not on a character boundary (a stale span).
fn utf16_column(text: &str, offset: u32, byte_column: u32) -> u32 {
    let end = offset as usize;
    let start = end - (byte_column as usize - 1);
    text.get(start..end).map_or(byte_column, |before| {
        u32::try_from(before.encode_utf16().count()).map_or(u32::MAX, |n| n.saturating_add(1))
    })
}

#[cfg(test)]
mod tests {
    use super::utf16_column;

    #[test]
    fn utf16_columns_count_code_units() {
        // `é` is 2 bytes and 1 UTF-16 unit; `😀` is 4 bytes and 2 units.
        let text = "x\né😀b";
        assert_eq!(utf16_column(text, 2, 1), 1);
        assert_eq!(utf16_column(text, 4, 3), 2);
        assert_eq!(utf16_column(text, 8, 7), 4);
        // Inside `😀`: not a character boundary, so the byte column stays.
        assert_eq!(utf16_column(text, 5, 4), 4);
    }
}
