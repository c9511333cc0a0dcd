//! Reading a canonical argument (see `kosmo_lint_facts::args`) back into what this rule
//! compares: the elements of a params array literal, and which of them are literals or route
//! param reads. Anything the reader is not sure of gives `None`, and the rule stays silent.

/// How a route param read starts in canonical form (`kosmo_lint_facts::args::ROUTE_PARAMS`).
const ROUTE_PARAMS: &str = "@params";

/// One element of a params array, as far as the rule can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element<'a> {
    /// A string or number literal, as written in canonical form (`"42"`, `42`).
    Literal(&'a str),
    /// `params.<name>` (every way of reading a route param).
    Param(&'a str),
    /// Anything else, as written: a variable, a call, an expression.
    Other(&'a str),
}

/// The elements of a canonical array literal (`[@params.id, "x"]`); `None` when the text is
/// no array literal, or holds a spread, a hole, or text the splitter cannot be sure of (a
/// `/`, which may start a regular expression whose brackets would mislead it).
pub fn array_elements(text: &str) -> Option<Vec<Element<'_>>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let parts = split_top_level(inner)?;
    if parts.len() == 1 && parts[0].is_empty() {
        return Some(Vec::new());
    }
    parts
        .into_iter()
        .map(|part| (!part.is_empty() && !part.starts_with("...")).then(|| classify(part)))
        .collect()
}

/// `@params.<name>` exactly (not `@params.id.trim()`, not `@params`).
pub fn param_read(text: &str) -> Option<&str> {
    let name = text.strip_prefix(ROUTE_PARAMS)?.strip_prefix('.')?;
    let word = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    word.then_some(name)
}

/// What one canonical value is.
pub fn classify(part: &str) -> Element<'_> {
    if let Some(name) = param_read(part) {
        Element::Param(name)
    } else if is_string_literal(part) || is_number_literal(part) {
        Element::Literal(part)
    } else {
        Element::Other(part)
    }
}

/// A whole double-quoted literal: the first unescaped `"` after the opening one ends the text
/// (so `"a" + "b"`, source text of another expression, is not one).
fn is_string_literal(text: &str) -> bool {
    let Some(body) = text.strip_prefix('"') else { return false };
    let mut escaped = false;
    for (at, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return at + 1 == body.len(),
            _ => {}
        }
    }
    false
}

/// Canonical numbers are Rust's rendering of the literal's value: digits first (so that
/// `NaN` or `inf`, which are identifiers in JavaScript, are not numbers here).
fn is_number_literal(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit()) && text.parse::<f64>().is_ok()
}

/// Splits at commas outside brackets and strings; `None` when the text is unbalanced or
/// holds a `/` outside a string.
fn split_top_level(text: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if let Some(open) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == open => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.checked_sub(1)?,
            '/' => return None,
            ',' if depth == 0 => {
                parts.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    if depth != 0 || quote.is_some() {
        return None;
    }
    parts.push(text[start..].trim());
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements() {
        assert_eq!(array_elements("[]"), Some(vec![]));
        assert_eq!(
            array_elements(r#"[@params.id, "4,2", 7, id]"#),
            Some(vec![
                Element::Param("id"),
                Element::Literal(r#""4,2""#),
                Element::Literal("7"),
                Element::Other("id")
            ])
        );
        assert_eq!(array_elements(r#"["a" + "b"]"#), Some(vec![Element::Other(r#""a" + "b""#)]));
        assert_eq!(
            array_elements("[NaN, @params.id.trim()]"),
            Some(vec![Element::Other("NaN"), Element::Other("@params.id.trim()")])
        );
        assert_eq!(array_elements("[f(a, [b]), c]").map(|e| e.len()), Some(2));
    }

    #[test]
    fn stays_silent_when_unsure() {
        assert_eq!(array_elements("[...ids]"), None);
        assert_eq!(array_elements("[, @params.id]"), None);
        assert_eq!(array_elements("[/]/.source]"), None);
        assert_eq!(array_elements("ids"), None);
        assert_eq!(array_elements("[f(]"), None);
    }
}
