//! Inline suppression directives (`FileFacts::suppressions`): the comments whose text starts
//! with `kosmo-lint-`, parsed. Only what needs the source text is computed here (the line a
//! `disable-next-line` targets, what removing a directive deletes); which findings a
//! directive suppresses is decided by the rules layer.
//!
//! The grammar, after the comment's delimiters and leading whitespace:
//!
//! ```text
//! directive = keyword [ blank rules ] [ "--" reason ]
//! keyword   = "kosmo-lint-disable-next-line" | "kosmo-lint-disable-line"
//!           | "kosmo-lint-disable" | "kosmo-lint-enable"
//! rules     = rule { "," rule }        (blanks around names are ignored; no rule = every rule)
//! ```
//!
//! The keyword must end at a blank or at the end of the comment, so `kosmo-lint-disabled` is
//! not a directive. Both comment kinds are read (a block comment is the only kind JSX
//! children can hold); a `kosmo-lint-disable` *line* comment before the first statement is
//! file-level.

use kosmo_lint_core::Span;
use kosmo_lint_core::facts::{SuppressedRule, Suppression, SuppressionKind};
use oxc_ast::ast::{JSXExpression, JSXExpressionContainer, Program};
use oxc_ast_visit::{Visit, walk};
use oxc_span::{GetSpan, SourceType};

/// What every directive starts with.
const PREFIX: &str = "kosmo-lint-";

/// The directives of a parsed file, in source order.
pub(crate) fn extract(
    program: &Program<'_>,
    source_type: SourceType,
    text: &str,
) -> Vec<Suppression> {
    // Most files have none: one substring search instead of looking at every comment.
    if memchr::memmem::find(text.as_bytes(), PREFIX.as_bytes()).is_none() {
        return Vec::new();
    }
    let first_statement = program
        .directives
        .first()
        .map(|d| d.span.start)
        .into_iter()
        .chain(program.body.first().map(|s| s.span().start))
        .min()
        .unwrap_or(u32::MAX);
    let mut suppressions = Vec::new();
    for comment in &program.comments {
        let content_span = comment.content_span();
        let content = content_span.source_text(text);
        let Some((kind, names)) = parse(content) else { continue };
        let span = crate::span(comment.span);
        let kind = if kind == SuppressionKind::Disable
            && comment.is_line()
            && comment.span.end <= first_statement
        {
            SuppressionKind::File
        } else {
            kind
        };
        let rules = names
            .into_iter()
            .map(|(start, end)| SuppressedRule {
                name: content[start..end].to_owned(),
                span: Span::new(
                    content_span.start + offset(start),
                    content_span.start + offset(end),
                ),
            })
            .collect();
        let target = match kind {
            SuppressionKind::NextLine => line_after(text, span.end),
            SuppressionKind::Line => line_of(text, span.start),
            _ => Span::new(span.start, span.start),
        };
        suppressions.push(Suppression { kind, rules, span, target, removal: span });
    }
    if suppressions.is_empty() {
        return suppressions;
    }
    let containers = if source_type.is_jsx() {
        let mut finder = EmptyContainers::default();
        finder.visit_program(program);
        finder.spans
    } else {
        Vec::new()
    };
    for suppression in &mut suppressions {
        suppression.removal = removal(text, in_container(text, suppression.span, &containers));
    }
    suppressions
}

/// The kind (`Disable` for both `disable` forms) and the rule names, as byte ranges of
/// `content`, of a comment's text between its delimiters; `None` when it is no directive.
pub(crate) fn parse(content: &str) -> Option<(SuppressionKind, Vec<(usize, usize)>)> {
    let lead = content.len() - content.trim_start().len();
    let rest = content[lead..].strip_prefix(PREFIX)?;
    let keyword_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let kind = match &rest[..keyword_len] {
        "disable-next-line" => SuppressionKind::NextLine,
        "disable-line" => SuppressionKind::Line,
        "disable" => SuppressionKind::Disable,
        "enable" => SuppressionKind::Enable,
        _ => return None,
    };
    let list_start = lead + PREFIX.len() + keyword_len;
    let list_end = content[list_start..].find("--").map_or(content.len(), |at| list_start + at);
    let mut names = Vec::new();
    let mut at = list_start;
    for piece in content[list_start..list_end].split(',') {
        let start = at + (piece.len() - piece.trim_start().len());
        let end = at + piece.trim_end().len();
        if start < end {
            names.push((start, end));
        }
        at += piece.len() + 1;
    }
    Some((kind, names))
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Where the line break at or after `from` starts and how long it is: `\n`, `\r\n`, or a
/// lone `\r` (a CR-only file's lines end with one, and JavaScript ends a line there too).
fn next_break(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let at = from + memchr::memchr2(b'\n', b'\r', &bytes[from..])?;
    let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
    Some((at, if crlf { 2 } else { 1 }))
}

/// The start of the line holding byte `at`.
fn line_start(bytes: &[u8], at: usize) -> usize {
    memchr::memrchr2(b'\n', b'\r', &bytes[..at]).map_or(0, |i| i + 1)
}

/// The line starting at byte `start`, with its line break.
fn line_from(text: &str, start: usize) -> Span {
    let end = next_break(text.as_bytes(), start).map_or(text.len(), |(at, len)| at + len);
    Span::new(offset(start), offset(end))
}

/// The line after the one holding `at` (empty at the end of the text when there is none).
fn line_after(text: &str, at: u32) -> Span {
    match next_break(text.as_bytes(), at as usize) {
        Some((at, len)) => line_from(text, at + len),
        None => Span::new(offset(text.len()), offset(text.len())),
    }
}

/// The line holding `at`.
fn line_of(text: &str, at: u32) -> Span {
    line_from(text, line_start(text.as_bytes(), at as usize))
}

/// `{ /* comment */ }` in JSX: the container, when the comment is all it holds.
fn in_container(text: &str, comment: Span, containers: &[Span]) -> Span {
    containers
        .iter()
        .find(|c| {
            c.start < comment.start
                && comment.end < c.end
                && text[c.start as usize + 1..comment.start as usize].trim().is_empty()
                && text[comment.end as usize..c.end as usize - 1].trim().is_empty()
        })
        .copied()
        .unwrap_or(comment)
}

/// What to delete to remove `span`: its whole line(s) when nothing else is on them; else the
/// span with the blanks that separate it from the code before it (or, when the code is only
/// after it, from the code after it).
fn removal(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let (start, end) = (span.start as usize, span.end as usize);
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t');
    let line_start = line_start(bytes, start);
    let newline = next_break(bytes, end);
    let line_end = newline.map_or(bytes.len(), |(at, _)| at);
    let blank_before = bytes[line_start..start].iter().all(is_blank);
    let blank_after = bytes[end..line_end].iter().all(is_blank);
    let (start, end) = match (blank_before, blank_after, newline) {
        (true, true, Some((at, len))) => (line_start, at + len),
        // The last line, without a line break: take the break before it instead.
        (true, true, None) => {
            let mut start = line_start.saturating_sub(1);
            if start > 0 && bytes[start] == b'\n' && bytes[start - 1] == b'\r' {
                start -= 1;
            }
            (start, line_end)
        }
        (false, ..) => {
            let mut start = start;
            while start > line_start && matches!(bytes[start - 1], b' ' | b'\t') {
                start -= 1;
            }
            (start, end)
        }
        (true, false, _) => {
            let mut end = end;
            while end < line_end && matches!(bytes[end], b' ' | b'\t') {
                end += 1;
            }
            (start, end)
        }
    };
    Span::new(offset(start), offset(end))
}

/// JSX expression containers that hold nothing but comments: `{/* … */}`.
#[derive(Default)]
struct EmptyContainers {
    spans: Vec<Span>,
}

impl<'a> Visit<'a> for EmptyContainers {
    fn visit_jsx_expression_container(&mut self, it: &JSXExpressionContainer<'a>) {
        if matches!(it.expression, JSXExpression::EmptyExpression(_)) {
            self.spans.push(crate::span(it.span));
        }
        walk::walk_jsx_expression_container(self, it);
    }
}

#[cfg(test)]
mod tests {
    use kosmo_lint_core::FileKind;
    use kosmo_lint_core::facts::{FileStatus, Suppression, SuppressionKind};
    use oxc_allocator::Allocator;
    use oxc_span::SourceType;

    use super::parse;

    fn directives(kind: FileKind, text: &str) -> Vec<Suppression> {
        let allocator = Allocator::default();
        let facts = crate::extract_source(&allocator, kind, SourceType::tsx(), text, None);
        assert_eq!(facts.status, FileStatus::Parsed, "{text}");
        facts.suppressions
    }

    fn names(content: &str) -> Vec<&str> {
        let (_, names) = parse(content).expect("a directive");
        names.into_iter().map(|(start, end)| &content[start..end]).collect()
    }

    fn at(text: &str, span: kosmo_lint_core::Span) -> &str {
        span.source_text(text)
    }

    #[test]
    fn parses_keywords_rules_and_reasons() {
        let kind = |content: &str| parse(content).map(|(kind, _)| kind);
        assert_eq!(kind(" kosmo-lint-disable-next-line a"), Some(SuppressionKind::NextLine));
        assert_eq!(kind(" kosmo-lint-disable-line a"), Some(SuppressionKind::Line));
        assert_eq!(kind(" kosmo-lint-disable a"), Some(SuppressionKind::Disable));
        assert_eq!(kind(" kosmo-lint-enable a"), Some(SuppressionKind::Enable));
        assert_eq!(kind("kosmo-lint-disable"), Some(SuppressionKind::Disable));
        // Not directives: another keyword, no prefix, text before the prefix.
        for content in [
            " kosmo-lint-disabled a",
            " kosmo-lint-disable-nextline a",
            " kosmo-lint-ignore a",
            " eslint-disable a",
            " see kosmo-lint-disable a",
            " * kosmo-lint-disable a",
            " kosmo-lint-disable: a",
        ] {
            assert_eq!(parse(content), None, "{content}");
        }

        assert_eq!(names(" kosmo-lint-disable-next-line missing-preload"), ["missing-preload"]);
        assert_eq!(names(" kosmo-lint-disable-next-line a, b,c ,  d"), ["a", "b", "c", "d"]);
        assert_eq!(names(" kosmo-lint-disable a,,b,"), ["a", "b"]);
        assert_eq!(names(" kosmo-lint-disable a -- because, well, a"), ["a"]);
        assert_eq!(names(" kosmo-lint-disable a, b--no blank needed"), ["a", "b"]);
        assert_eq!(names(" kosmo-lint-disable -- every rule, for a reason"), Vec::<&str>::new());
        assert_eq!(names(" kosmo-lint-disable "), Vec::<&str>::new());
        assert_eq!(names("\tkosmo-lint-enable\ta,\n  b\n"), ["a", "b"]);
        // A forgotten comma makes one (unknown) name, which is then reported.
        assert_eq!(names(" kosmo-lint-disable a b"), ["a b"]);
    }

    #[test]
    fn reads_every_form_with_its_target_and_rule_spans() {
        let text = "// kosmo-lint-disable file-rule -- generated file\n\
                    import x from \"y\";\n\
                    // kosmo-lint-disable-next-line  a ,b -- a reason\n\
                    const one = x;\n\
                    const two = x; // kosmo-lint-disable-line c\n\
                    /* kosmo-lint-disable d */\n\
                    const three = x;\n\
                    /*kosmo-lint-enable d*/\n\
                    // kosmo-lint-disable\n\
                    /* kosmo-lint-disable-next-line */ const four = x;\n";
        let found = directives(FileKind::Page, text);
        let summary: Vec<(SuppressionKind, &str, Vec<&str>, &str)> = found
            .iter()
            .map(|s| {
                let names = s.rules.iter().map(|r| at(text, r.span)).collect();
                (s.kind, at(text, s.span), names, at(text, s.target))
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    SuppressionKind::File,
                    "// kosmo-lint-disable file-rule -- generated file",
                    vec!["file-rule"],
                    ""
                ),
                (
                    SuppressionKind::NextLine,
                    "// kosmo-lint-disable-next-line  a ,b -- a reason",
                    vec!["a", "b"],
                    "const one = x;\n"
                ),
                (
                    SuppressionKind::Line,
                    "// kosmo-lint-disable-line c",
                    vec!["c"],
                    "const two = x; // kosmo-lint-disable-line c\n"
                ),
                (SuppressionKind::Disable, "/* kosmo-lint-disable d */", vec!["d"], ""),
                (SuppressionKind::Enable, "/*kosmo-lint-enable d*/", vec!["d"], ""),
                // A line comment after the first statement opens a range, as in ESLint.
                (SuppressionKind::Disable, "// kosmo-lint-disable", vec![], ""),
                (
                    SuppressionKind::NextLine,
                    "/* kosmo-lint-disable-next-line */",
                    vec![],
                    // The line after the comment's line, not the rest of its own line.
                    ""
                ),
            ]
        );
        assert!(found.iter().all(|s| s.rules.iter().all(|r| at(text, r.span) == r.name)));
        // At the end of the text there is no next line: an empty target.
        assert_eq!(found[6].target.start, u32::try_from(text.len()).unwrap());
        assert!(found[6].target.is_empty());
    }

    #[test]
    fn directives_round_trip_through_the_cache_encoding() {
        let text = "// kosmo-lint-disable a -- why\nconst x = 1; // kosmo-lint-disable-line\n";
        let allocator = Allocator::default();
        let facts =
            crate::extract_source(&allocator, FileKind::Helper, SourceType::ts(), text, None);
        assert_eq!(facts.suppressions.len(), 2);
        let bytes = rmp_serde::to_vec(&facts).unwrap();
        let back: kosmo_lint_core::facts::FileFacts = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back, facts);
    }

    #[test]
    fn file_level_means_a_line_comment_before_the_first_statement() {
        let text = "#!/usr/bin/env node\n/* kosmo-lint-disable a */\n// kosmo-lint-disable b\n\"use client\";\n// kosmo-lint-disable c\nexport {};\n";
        let kinds: Vec<SuppressionKind> =
            directives(FileKind::Helper, text).iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [SuppressionKind::Disable, SuppressionKind::File, SuppressionKind::Disable]
        );
        // A file of comments only.
        let kinds: Vec<SuppressionKind> = directives(FileKind::Helper, "// kosmo-lint-disable\n")
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(kinds, [SuppressionKind::File]);
    }

    #[test]
    fn only_comments_are_directives() {
        let text = "const a = \"// kosmo-lint-disable-next-line x\";\n\
                    const b = `/* kosmo-lint-disable y */`;\n\
                    const c = /kosmo-lint-disable/;\n\
                    export default function P() { return <p>// kosmo-lint-disable z</p>; }\n";
        assert_eq!(directives(FileKind::Page, text), []);
    }

    #[test]
    fn every_kind_of_file_that_parses_has_its_directives() {
        let text = "// kosmo-lint-disable-next-line a\nexport default 1;\n";
        for kind in [
            FileKind::ApiRoute,
            FileKind::Config,
            FileKind::Middleware,
            FileKind::Helper,
            FileKind::Page,
            FileKind::Layout,
        ] {
            assert_eq!(directives(kind, text).len(), 1, "{kind:?}");
        }
    }

    #[test]
    fn targets_the_right_line_in_cr_only_and_crlf_files() {
        for newline in ["\r", "\r\n"] {
            let text = "// kosmo-lint-disable-next-line a\nconst one = 1;\nconst two = 2; // kosmo-lint-disable-line b\nconst three = 3;\n"
                .replace('\n', newline);
            let targets: Vec<String> = directives(FileKind::Page, &text)
                .iter()
                .map(|s| at(&text, s.target).replace(newline, "⏎"))
                .collect();
            assert_eq!(
                targets,
                ["const one = 1;⏎", "const two = 2; // kosmo-lint-disable-line b⏎"],
                "{newline:?}"
            );
        }
    }

    #[test]
    fn removal_takes_the_line_when_the_comment_stands_alone() {
        let removed = |text: &str| {
            let found = directives(FileKind::Page, text);
            assert_eq!(found.len(), 1, "{text}");
            let removal = found[0].removal;
            format!("{}{}", &text[..removal.start as usize], &text[removal.end as usize..])
        };
        assert_eq!(
            removed("const a = 1;\n  // kosmo-lint-disable-next-line x\nconst b = 2;\n"),
            "const a = 1;\nconst b = 2;\n"
        );
        assert_eq!(
            removed("const a = 1;\r\n/* kosmo-lint-disable x */  \r\nconst b = 2;\r\n"),
            "const a = 1;\r\nconst b = 2;\r\n"
        );
        assert_eq!(
            removed("const a = 1;\n/* kosmo-lint-disable\n   x, y */\nconst b = 2;\n"),
            "const a = 1;\nconst b = 2;\n"
        );
        assert_eq!(
            removed("const a = 1; // kosmo-lint-disable-line x\nconst b = 2;\n"),
            "const a = 1;\nconst b = 2;\n"
        );
        assert_eq!(
            removed("const a = 1;\n/* kosmo-lint-disable-next-line x */ const b = 2;\n"),
            "const a = 1;\nconst b = 2;\n"
        );
        assert_eq!(removed("const a = 1;\n// kosmo-lint-disable x"), "const a = 1;");
        // CR-only lines (classic Mac) end at a lone `\r`.
        assert_eq!(
            removed("const a = 1;\r  // kosmo-lint-disable-next-line x\rconst b = 2;\r"),
            "const a = 1;\rconst b = 2;\r"
        );
        assert_eq!(removed("const a = 1;\r\r// kosmo-lint-disable x"), "const a = 1;\r");
        assert_eq!(removed("const a = 1;\r\n// kosmo-lint-disable x"), "const a = 1;");
        // Alone in a JSX expression container: the braces go too.
        assert_eq!(
            removed(
                "export default () => (\n  <div>\n    {/* kosmo-lint-disable-next-line x */}\n    <p />\n  </div>\n);\n"
            ),
            "export default () => (\n  <div>\n    <p />\n  </div>\n);\n"
        );
        // A block that is not JSX keeps its braces.
        assert_eq!(removed("function f() { /* kosmo-lint-enable x */ }\n"), "function f() { }\n");
    }
}
