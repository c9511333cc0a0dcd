//! `--format junit`: a `JUnit` XML report, as GitLab's `artifacts:reports:junit` and Jenkins'
//! `JUnit` plugin read it. Each finding is a failed test case; a clean run is one passing case.

use std::fmt::Write as _;

use kosmo_lint_core::{Finding, Severity};

use crate::position::{Columns, Locator};
use crate::{SourceCache, docs_url};

const NAME: &str = "kosmo-lint";

/// `<testsuites>` with one `<testsuite name="kosmo-lint">`: per finding a
/// `<testcase name="path:line:col kosmo(rule)" classname="path" file="path">` holding
/// `<failure message="…" type="error|warning">` whose text is the help and the rule's page.
/// `files_checked` goes into the suite's `<properties>`; `tests` counts test cases.
pub fn render_junit(
    findings: &[Finding],
    files_checked: usize,
    sources: &mut SourceCache,
) -> String {
    let mut locator = Locator::new(sources, Columns::Utf8Bytes);
    let tests = findings.len().max(1);
    // A path the walk skipped is a skipped test case, not a failure.
    let skipped = findings.iter().filter(|f| f.severity == Severity::Info).count();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failures = findings.len() - skipped;
    let counts = format!(r#"tests="{tests}" failures="{failures}" errors="0""#);
    let _ = writeln!(out, r#"<testsuites name="{NAME}" {counts}>"#);
    let _ = writeln!(out, r#"  <testsuite name="{NAME}" {counts} skipped="{skipped}">"#);
    out.push_str("    <properties>\n");
    let _ = writeln!(out, r#"      <property name="files_checked" value="{files_checked}"/>"#);
    out.push_str("    </properties>\n");
    for finding in findings {
        let path = &finding.display_path;
        let at = match locator.finding(finding) {
            Some(range) => format!("{path}:{}:{}", range.start_line, range.start_column),
            None => path.clone(),
        };
        let name = format!("{at} kosmo({})", finding.rule);
        let severity = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "skipped",
        };
        let mut details = String::new();
        if let Some(help) = &finding.help {
            details.push_str(help);
            details.push('\n');
        }
        for related in &finding.related {
            details.push_str("related: ");
            details.push_str(&related.to_line());
            details.push('\n');
        }
        details.push_str(&docs_url(finding.rule));
        let _ = writeln!(
            out,
            r#"    <testcase name="{}" classname="{}" file="{}">"#,
            escape(&name, true),
            escape(path, true),
            escape(path, true),
        );
        let element = if finding.severity == Severity::Info { "skipped" } else { "failure" };
        let kind = if finding.severity == Severity::Info {
            String::new()
        } else {
            format!(r#" type="{severity}""#)
        };
        let _ = writeln!(
            out,
            r#"      <{element} message="{}"{kind}>{}</{element}>"#,
            escape(&finding.message, true),
            escape(&details, false),
        );
        out.push_str("    </testcase>\n");
    }
    if findings.is_empty() {
        let _ = writeln!(out, r#"    <testcase name="{NAME}" classname="{NAME}"/>"#);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for XML 1.0 content or, with `attribute`, for a double- or single-quoted
/// attribute value, where line breaks and tabs become character references so that parsers
/// keep them. Characters XML 1.0 cannot hold at all (most C0 controls) become U+FFFD.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_quotes_and_breaks() {
        assert_eq!(
            escape(r#"a & <b> "c" 'd'"#, false),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(escape("x\ny\r\tz", false), "x\ny&#13;\tz");
        assert_eq!(escape("x\ny\r\tz", true), "x&#10;y&#13;&#9;z");
        assert_eq!(escape("bell\u{7}", true), "bell\u{fffd}");
    }
}
