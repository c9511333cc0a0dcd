//! `--format junit`: a `JUnit` XML report, as GitLab's `artifacts:reports:junit` and Jenkins'
//! `JUnit` plugin read it. Each finding is a failed test case; a clean project is one passing
//! case.

use std::fmt::Write as _;

use kosmo_lint_core::{Finding, Severity};

use crate::position::{Columns, Locator};
use crate::{CheckedProject, SourceCache, docs_url};

const NAME: &str = "kosmo-lint";

/// `<testsuites name="kosmo-lint">` with one `<testsuite>` per project, named
/// `kosmo-lint (<root>)` after the project's folder so that the suites of several projects
/// (in one report, or in reports CI merges) stay apart. Per finding a
/// `<testcase name="path:line:col kosmo(rule)" classname="path" file="path">` holding
/// `<failure message="…" type="error|warning">` whose text is the help and the rule's page; a
/// skipped path is a `<skipped>` case; a project without findings is one passing case. Each
/// suite's `<properties>` give its project's root and the files checked.
pub fn render_junit(
    findings: &[Finding],
    projects: &[CheckedProject],
    sources: &mut SourceCache,
) -> String {
    let mut suites: Vec<(String, usize, Vec<&Finding>)> = projects
        .iter()
        .map(|project| (format!("{NAME} ({})", project.shown), project.files, Vec::new()))
        .collect();
    for finding in findings {
        let index = CheckedProject::of(finding, projects).unwrap_or_else(|| {
            // A path named on the command line that could not be linted, in a project
            // nothing else was checked in.
            suites.push((NAME.to_owned(), 0, Vec::new()));
            suites.len() - 1
        });
        suites[index].2.push(finding);
    }
    let mut locator = Locator::new(sources, Columns::Utf8Bytes);
    let count = |cases: &[&Finding]| {
        let skipped = cases.iter().filter(|f| f.severity == Severity::Info).count();
        (cases.len().max(1), cases.len() - skipped, skipped)
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let (mut tests, mut failures) = (0, 0);
    for (_, _, cases) in &suites {
        let (suite_tests, suite_failures, _) = count(cases);
        tests += suite_tests;
        failures += suite_failures;
    }
    let _ = writeln!(
        out,
        r#"<testsuites name="{NAME}" tests="{tests}" failures="{failures}" errors="0">"#
    );
    for (index, (name, files_checked, cases)) in suites.iter().enumerate() {
        let (tests, failures, skipped) = count(cases);
        let _ = writeln!(
            out,
            r#"  <testsuite name="{}" tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}">"#,
            escape(name, true)
        );
        out.push_str("    <properties>\n");
        if let Some(project) = projects.get(index) {
            let root = escape(&project.shown, true);
            let _ = writeln!(out, r#"      <property name="project" value="{root}"/>"#);
        }
        let _ = writeln!(out, r#"      <property name="files_checked" value="{files_checked}"/>"#);
        out.push_str("    </properties>\n");
        for finding in cases {
            write_case(&mut out, finding, &mut locator);
        }
        if cases.is_empty() {
            let _ =
                writeln!(out, r#"    <testcase name="{0}" classname="{0}"/>"#, escape(name, true));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn write_case(out: &mut String, finding: &Finding, locator: &mut Locator) {
    let path = &finding.display_path;
    let at = match locator.finding(finding) {
        Some(range) => format!("{path}:{}:{}", range.start_line, range.start_column),
        None => path.clone(),
    };
    let name = format!("{at} kosmo({})", finding.rule);
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
    let (element, kind) = match finding.severity {
        Severity::Error => ("failure", r#" type="error""#),
        Severity::Warning => ("failure", r#" type="warning""#),
        Severity::Info => ("skipped", ""),
    };
    let _ = writeln!(
        out,
        r#"      <{element} message="{}"{kind}>{}</{element}>"#,
        escape(&finding.message, true),
        escape(&details, false),
    );
    out.push_str("    </testcase>\n");
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
