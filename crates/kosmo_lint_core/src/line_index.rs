//! Byte offset to 1-based line and column, built once per file that has findings.

/// Newline offsets of one text; lookups are a binary search.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        Self { line_starts }
    }

    /// 1-based line and 1-based column (in bytes, like oxc and ruff's JSON) of `offset`.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let start = self.line_starts[line - 1];
        (u32::try_from(line).unwrap_or(u32::MAX), offset - start + 1)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn maps_offsets_to_lines_and_columns() {
        let index = LineIndex::new("ab\ncd\r\n\nx");
        assert_eq!(index.line_col(0), (1, 1));
        assert_eq!(index.line_col(1), (1, 2));
        assert_eq!(index.line_col(3), (2, 1));
        assert_eq!(index.line_col(5), (2, 3));
        assert_eq!(index.line_col(7), (3, 1));
        assert_eq!(index.line_col(8), (4, 1));
        assert_eq!(index.line_count(), 4);
    }
}
