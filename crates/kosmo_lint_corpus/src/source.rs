//! A file being written line by line, with the violations planted in it.

use crate::Violation;

/// A file's lines and, for each planted violation, the line a linter must report.
#[derive(Default)]
pub struct Source {
    lines: Vec<String>,
    planted: Vec<(&'static str, usize, String)>,
}

impl Source {
    pub fn line(&mut self, line: impl Into<String>) -> &mut Self {
        self.lines.push(line.into());
        self
    }

    pub fn lines<S: Into<String>>(&mut self, lines: impl IntoIterator<Item = S>) -> &mut Self {
        self.lines.extend(lines.into_iter().map(Into::into));
        self
    }

    pub fn blank(&mut self) -> &mut Self {
        self.line("")
    }

    /// Writes `line`, the one a linter must report for `rule`; `detail` says why.
    pub fn planted(
        &mut self,
        rule: &'static str,
        detail: String,
        line: impl Into<String>,
    ) -> &mut Self {
        self.line(line);
        self.planted.push((rule, self.lines.len(), detail));
        self
    }

    /// Writes `other`'s lines after these, with its planted violations.
    pub fn append(&mut self, other: Source) -> &mut Self {
        let offset = self.lines.len();
        self.lines.extend(other.lines);
        self.planted.extend(
            other.planted.into_iter().map(|(rule, line, detail)| (rule, line + offset, detail)),
        );
        self
    }

    /// Drops the blank lines at the end (parts written with a blank after each).
    pub fn trim_end(&mut self) -> &mut Self {
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        self
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The text (LF line ends, a final newline) and the violations, under `path`.
    pub fn finish(self, path: &str) -> (String, Vec<Violation>) {
        let mut text = self.lines.join("\n");
        text.push('\n');
        let violations = self
            .planted
            .into_iter()
            .map(|(rule, line, detail)| Violation { rule, path: path.to_owned(), line, detail })
            .collect();
        (text, violations)
    }
}

impl<S: Into<String>> FromIterator<S> for Source {
    fn from_iter<I: IntoIterator<Item = S>>(lines: I) -> Self {
        let mut source = Self::default();
        source.lines(lines);
        source
    }
}
