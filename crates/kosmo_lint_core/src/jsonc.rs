//! `tsconfig.json` is JSON with comments and trailing commas; `serde_json` reads neither.

/// Removes `//` and `/* */` comments and trailing commas outside strings, keeping byte
/// positions of everything else so error locations stay meaningful.
pub(crate) fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            out.push(b);
            if b == b'\\' && i + 1 < bytes.len() {
                out.push(bytes[i + 1]);
                i += 2;
                continue;
            }
            in_string = b != b'"';
            i += 1;
            continue;
        }
        match (b, bytes.get(i + 1)) {
            (b'"', _) => {
                in_string = true;
                out.push(b);
                i += 1;
            }
            (b'/', Some(b'/')) => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    out.push(b' ');
                    i += 1;
                }
            }
            (b'/', Some(b'*')) => {
                let end = text[i + 2..].find("*/").map_or(bytes.len(), |p| i + 2 + p + 2);
                out.extend(bytes[i..end].iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }));
                i = end;
            }
            (b',', _) => {
                let next = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
                out.push(if matches!(next, Some(b'}' | b']')) { b' ' } else { b',' });
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::strip_jsonc;

    #[test]
    fn strips_comments_and_trailing_commas_outside_strings() {
        let text = "{\n // c\n \"a\": \"x//y\", /* b */\n \"b\": [1,2,],\n}";
        let value: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(value["a"], "x//y");
        assert_eq!(value["b"], serde_json::json!([1, 2]));
    }
}
