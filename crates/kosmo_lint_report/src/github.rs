//! `--format github`: GitHub Actions workflow commands, one `::error`/`::warning` line per
//! finding, which the runner turns into annotations on the file and line.

use std::fmt::Write as _;

use kosmo_lint_core::{Finding, Severity};

use crate::SourceCache;
use crate::position::{Columns, Locator};

/// `::error file=src/a.tsx,line=3,col=5,endLine=3,endColumn=9,title=kosmo(rule)::message`.
///
/// Columns count UTF-8 bytes, as in `--format json`. GitHub takes `col`/`endColumn` only when
/// the annotation starts and ends on one line, so a span over several lines gives lines only.
pub fn render_github(findings: &[Finding], sources: &mut SourceCache) -> String {
    let mut locator = Locator::new(sources, Columns::Utf8Bytes);
    let mut out = String::new();
    for finding in findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![("file", finding.display_path.clone())];
        if let Some(range) = locator.finding(finding) {
            properties.push(("line", range.start_line.to_string()));
            if range.is_single_line() {
                properties.push(("col", range.start_column.to_string()));
            }
            properties.push(("endLine", range.end_line.to_string()));
            if range.is_single_line() {
                properties.push(("endColumn", range.end_column.to_string()));
            }
        }
        properties.push(("title", format!("kosmo({})", finding.rule)));
        let properties: Vec<String> = properties
            .iter()
            .map(|(key, value)| format!("{key}={}", escape_property(value)))
            .collect();
        let mut message = match &finding.help {
            Some(help) => format!("{}\n{help}", finding.message),
            None => finding.message.clone(),
        };
        // Annotations have one location: other files are named in the text.
        for related in &finding.related {
            message.push_str("\nrelated: ");
            message.push_str(&related.to_line());
        }
        let _ = writeln!(out, "::{command} {}::{}", properties.join(","), escape_data(&message));
    }
    out
}

/// Escapes a command's message as `@actions/core` does: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property's value: as [`escape_data`], and also `:` and `,`, which
/// would end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn escapes_data_and_properties_as_actions_core_does() {
        assert_eq!(escape_data("100% a:b, c\r\nd"), "100%25 a:b, c%0D%0Ad");
        assert_eq!(escape_property("100% a:b, c\r\nd"), "100%25 a%3Ab%2C c%0D%0Ad");
        // `%` first, so an escape already in the text is not taken for one.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("kosmo(rule-name)"), "kosmo(rule-name)");
    }
}
