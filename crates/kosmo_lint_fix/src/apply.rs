//! Splicing a file's fixes into its text: non-overlapping edits, the file's line endings.

use kosmo_lint_core::{Edit, Fix};

/// The result of applying one round of fixes to one text.
#[derive(Debug, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// Fixes applied; the others overlapped an applied one and wait for the next round.
    pub applied: usize,
    pub skipped: usize,
}

/// A file's line endings, which inserted text takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineEnding {
    Lf,
    /// Any `\r\n` in the file (a mixed file too).
    Crlf,
    /// `\r` alone (classic Mac): no `\n` anywhere.
    Cr,
}

impl LineEnding {
    fn of(text: &str) -> Self {
        if text.contains("\r\n") {
            Self::Crlf
        } else if text.contains('\r') && !text.contains('\n') {
            Self::Cr
        } else {
            Self::Lf
        }
    }

    /// `content`, written with `\n`, in these line endings.
    fn convert(self, content: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Self::Lf => content.into(),
            Self::Crlf => to_crlf(content).into(),
            Self::Cr => content.replace("\r\n", "\r").replace('\n', "\r").into(),
        }
    }
}

/// Applies `fixes` in order of their first edit; a fix is taken whole or not at all, and
/// one whose edits overlap an already taken edit is skipped. Inserted text takes the file's
/// line endings: CRLF files get `\r\n` where the fix wrote `\n`, CR-only files `\r`.
pub fn apply_fixes(text: &str, fixes: &[&Fix]) -> Applied {
    let line_ending = LineEnding::of(text);
    let mut ordered: Vec<&Fix> = fixes.iter().copied().filter(|f| !f.edits.is_empty()).collect();
    ordered.sort_by_key(|f| f.edits.iter().map(|e| (e.start, e.end)).min());
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    let mut skipped = 0;
    for fix in ordered {
        let fits = fix.edits.iter().all(|edit| {
            edit.start <= edit.end
                && text.is_char_boundary(edit.start as usize)
                && text.is_char_boundary(edit.end as usize)
                && edit.end as usize <= text.len()
                && taken.iter().all(|t| !overlaps(t, edit))
        });
        if fits {
            taken.extend(&fix.edits);
            applied += 1;
        } else {
            skipped += 1;
        }
    }
    taken.sort_by_key(|e| (e.start, e.end));
    let mut out =
        String::with_capacity(text.len() + taken.iter().map(|e| e.content.len()).sum::<usize>());
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.start as usize]);
        out.push_str(&line_ending.convert(&edit.content));
        at = edit.end as usize;
    }
    out.push_str(&text[at..]);
    Applied { text: out, applied, skipped }
}

/// Two edits conflict when their ranges intersect, or when both insert at the same point
/// (their order would be arbitrary).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    (a.start < b.end && b.start < a.end)
        || (a.start == b.start && (a.start == a.end || b.start == b.end))
}

fn to_crlf(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + 8);
    let mut previous = '\0';
    for c in content.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use kosmo_lint_core::{Applicability, Edit, Fix};

    use super::{Applied, apply_fixes};

    fn fix(edits: &[(u32, u32, &str)]) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            message: "test".into(),
            edits: edits
                .iter()
                .map(|&(start, end, c)| Edit { start, end, content: c.into() })
                .collect(),
        }
    }

    #[test]
    fn applies_edits_in_order_and_skips_overlaps() {
        let (a, b, c) = (fix(&[(0, 1, "X")]), fix(&[(0, 2, "Y")]), fix(&[(3, 3, "!")]));
        let applied = apply_fixes("abcd", &[&c, &b, &a]);
        // `b` and `a` overlap; the one with the earlier (start, end) wins.
        assert_eq!(applied, Applied { text: "Xbc!d".into(), applied: 2, skipped: 1 });
    }

    #[test]
    fn a_fix_is_taken_whole_or_not_at_all() {
        let first = fix(&[(1, 2, "B")]);
        // Its insertion at 4 would fit, but its replacement of 1..3 overlaps `first`.
        let second = fix(&[(4, 4, "+"), (1, 3, "-")]);
        let applied = apply_fixes("abcd", &[&first, &second]);
        assert_eq!(applied.text, "aBcd");
        assert_eq!(applied.skipped, 1);
    }

    #[test]
    fn inserted_newlines_follow_crlf_files() {
        let after_b = |at| fix(&[(at, at, "\n\nexport const preload = x;")]);
        assert_eq!(
            apply_fixes("a;\r\nb;\r\n", &[&after_b(6)]).text,
            "a;\r\nb;\r\n\r\nexport const preload = x;\r\n"
        );
        assert_eq!(
            apply_fixes("a;\nb;\n", &[&after_b(5)]).text,
            "a;\nb;\n\nexport const preload = x;\n"
        );
        assert_eq!(
            apply_fixes("a;\rb;\r", &[&after_b(5)]).text,
            "a;\rb;\r\rexport const preload = x;\r"
        );
    }

    #[test]
    fn edits_off_char_boundaries_or_past_the_end_are_refused() {
        let text = "é;";
        assert_eq!(apply_fixes(text, &[&fix(&[(1, 1, "x")])]).applied, 0);
        assert_eq!(apply_fixes(text, &[&fix(&[(9, 9, "x")])]).applied, 0);
    }
}
