//! A unified diff that `patch` and `git apply` accept for any line endings.
//!
//! Both tools split a patch, and the files they patch, at `\n` only. `similar` also ends a
//! line at a lone `\r`, so a CR-only file (classic Mac) came out as hunk lines without their
//! newline: a corrupt patch. Here lines end at `\n` only (a CR-only file is one long line,
//! as `git diff` shows it), a `\r` before the `\n` stays part of the line (CRLF files are
//! patched byte for byte), and a last line without `\n` gets git's marker.

use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

/// `original` → `fixed` as a unified diff with 3 lines of context, `a/<path>` → `b/<path>`;
/// empty when they are equal.
pub fn unified_diff(display_path: &str, original: &str, fixed: &str) -> String {
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let new: Vec<&str> = fixed.split_inclusive('\n').collect();
    let diff = TextDiff::from_slices(&old, &new);
    let mut out = String::new();
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        if out.is_empty() {
            // An absolute path (a file outside the working folder) as git prints one:
            // `a/tmp/x`, not `a//tmp/x`.
            let path = display_path.trim_start_matches('/');
            let _ = writeln!(out, "--- a/{path}\n+++ b/{path}");
        }
        let _ = writeln!(out, "{}", hunk.header());
        for change in hunk.iter_changes() {
            let sign = match change.tag() {
                ChangeTag::Equal => ' ',
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
            };
            let line: &str = change.value();
            out.push(sign);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn every_hunk_line_ends_with_a_newline_whatever_the_line_endings() {
        for (original, fixed) in [
            ("a;\rb;\r", "a;\rb;\r\rc;"),
            ("a;\r\nb;\r\n", "a;\r\nb;\r\n\r\nc;\r\n"),
            ("a;\nb;\r\nc;", "a;\nb;\r\nc;\n\nd;"),
        ] {
            let diff = unified_diff("p.tsx", original, fixed);
            assert!(diff.starts_with("--- a/p.tsx\n+++ b/p.tsx\n@@ "), "{diff:?}");
            assert!(diff.ends_with('\n'), "{diff:?}");
            for line in diff.split_inclusive('\n') {
                assert!(
                    matches!(line.as_bytes()[0], b' ' | b'-' | b'+' | b'@' | b'\\'),
                    "{line:?} in {diff:?}"
                );
            }
        }
        assert_eq!(unified_diff("p.tsx", "a\n", "a\n"), "");
    }

    #[test]
    fn a_last_line_without_newline_is_marked() {
        assert_eq!(
            unified_diff("p.tsx", "a\nb", "a\nb\nc"),
            "--- a/p.tsx\n+++ b/p.tsx\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n"
        );
    }
}
