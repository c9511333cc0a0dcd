//! Reading a project's JSON files as the tools that own them read them, so that a file its
//! own tool accepts never stops a run:
//!
//! - `tsconfig.json` and `kosmo-lint.json` are JSONC, as tsc (and oxlint, for its own
//!   config) read them: `//` and `/* */` comments and trailing commas, anywhere whitespace
//!   may stand, including a comma before a comment.
//! - `package.json` is strict JSON, as npm reads it.
//! - All of them may start with a UTF-8 byte order mark (tsc and npm skip it).
//!
//! Anything else is an error with its line, column and reason. The readers take bytes and
//! touch no file system, so they can be tested and fuzzed alone.

use jsonc_parser::ast;
use jsonc_parser::common::{Range, Ranged};
use jsonc_parser::tokens::Token;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};
use serde::de::DeserializeOwned;

const BOM: &str = "\u{feff}";

/// Which grammar a JSON file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonDialect {
    /// JSON with comments and trailing commas (`tsconfig.json`, `kosmo-lint.json`).
    Jsonc,
    /// Strict JSON (`package.json`).
    Json,
}

/// Why a JSON file cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset in the file as given (a byte order mark counts).
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters, as editors count them (a byte order mark does not).
    pub column: usize,
    /// Bytes from `offset` that the problem covers: the whole value or key that is wrong, or
    /// 0 where there is nothing to cover (a missing comma, the end of the file).
    pub len: usize,
    pub message: String,
}

/// Parses `bytes` in `dialect` into `T`; a wrong type or an unknown field is an error that
/// covers the value or key that has it.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8], dialect: JsonDialect) -> Result<T, JsonError> {
    let (body, bom) = decode(bytes)?;
    let plain = plain_json(body, dialect).map_err(|e| e.shifted(bom))?;
    deserialize(body, &plain, 0..plain.len()).map_err(|e| e.shifted(bom))
}

/// Parses `bytes` in `dialect` and the top-level `key`'s value into `T` (`None` when there is
/// no such key), as `package.json`'s `"kosmo-lint"`: errors are placed in the whole file.
pub fn parse_json_key<T: DeserializeOwned>(
    bytes: &[u8],
    dialect: JsonDialect,
    key: &str,
) -> Result<Option<T>, JsonError> {
    let (body, bom) = decode(bytes)?;
    let plain = plain_json(body, dialect).map_err(|e| e.shifted(bom))?;
    // `plain` is valid JSON by now, so it parses to a tree.
    let collect = CollectOptions { comments: CommentCollectionStrategy::Off, tokens: false };
    let parsed = parse_to_ast(&plain, &collect, &options(JsonDialect::Json)).ok();
    let value = parsed.as_ref().and_then(|p| p.value.as_ref()).and_then(|root| match root {
        ast::Value::Object(object) => object.get(key).map(|prop| prop.value.range()),
        _ => None,
    });
    let Some(range) = value else { return Ok(None) };
    deserialize(body, &plain, range.start..range.end).map(Some).map_err(|e| e.shifted(bom))
}

/// `bytes` as UTF-8 without its byte order mark, and the mark's length.
fn decode(bytes: &[u8]) -> Result<(&str, usize), JsonError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        // The prefix is valid UTF-8 by definition.
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        error_at(before, valid, "the file is not valid UTF-8".to_owned())
    })?;
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let body = &text[bom..];
    if body.trim().is_empty() {
        return Err(error_at(body, body.len(), "the file is empty".to_owned()).shifted(bom));
    }
    Ok((body, bom))
}

/// `plain[range]` into `T`. `plain` is `body` with its comments blanked: it keeps every byte
/// offset, so serde's positions, moved by `range.start`, are the file's; the error then covers
/// the innermost key or value at that position (serde's column is the last byte it read).
/// Positions are counted in `body`, where a blanked comment may hold multi-byte characters.
fn deserialize<T: DeserializeOwned>(
    body: &str,
    plain: &str,
    range: std::ops::Range<usize>,
) -> Result<T, JsonError> {
    let part = &plain[range.clone()];
    serde_json::from_str(part).map_err(|e| {
        let offset = range.start + byte_offset(part, e.line(), e.column());
        let message = e.to_string().split(" at line").next().unwrap_or_default().to_owned();
        let collect = CollectOptions { comments: CommentCollectionStrategy::Off, tokens: false };
        let parsed = parse_to_ast(plain, &collect, &options(JsonDialect::Json)).ok();
        let node = parsed
            .as_ref()
            .and_then(|p| p.value.as_ref())
            .and_then(|root| innermost(root, offset).filter(|_| !e.is_eof() && !e.is_syntax()));
        match node {
            Some(node) => {
                let mut error = error_at(body, node.start, message);
                error.len = node.end - node.start;
                error
            }
            None => error_at(body, offset, message),
        }
    })
}

/// The smallest key or value of `value` whose range holds byte `offset`.
fn innermost(value: &ast::Value<'_>, offset: usize) -> Option<Range> {
    let range = value.range();
    if !(range.start <= offset && offset < range.end) {
        return None;
    }
    let inner = match value {
        ast::Value::Object(object) => object.properties.iter().find_map(|prop| {
            let name = prop.name.range();
            if name.start <= offset && offset < name.end {
                Some(name)
            } else {
                innermost(&prop.value, offset)
            }
        }),
        ast::Value::Array(array) => array.elements.iter().find_map(|e| innermost(e, offset)),
        _ => None,
    };
    Some(inner.unwrap_or(range))
}

impl JsonError {
    fn shifted(mut self, by: usize) -> Self {
        self.offset += by;
        self
    }
}

/// `text` checked by a JSONC parser, with its comments and trailing commas blanked out
/// (line breaks kept), so that `serde_json` can read it and report positions in `text`.
fn plain_json(text: &str, dialect: JsonDialect) -> Result<String, JsonError> {
    // Comments collected as tokens are not checked against `allow_comments`: strict JSON
    // leaves them uncollected, so that the parser rejects them.
    let comments = match dialect {
        JsonDialect::Jsonc => CommentCollectionStrategy::AsTokens,
        JsonDialect::Json => CommentCollectionStrategy::Off,
    };
    let collect = CollectOptions { comments, tokens: true };
    let parsed = parse_to_ast(text, &collect, &options(dialect))
        .map_err(|e| error_at(text, e.range().start.min(text.len()), e.kind().to_string()))?;
    let tokens = parsed.tokens.unwrap_or_default();
    let mut blanked: Vec<Range> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let blank = match token.token {
            Token::CommentLine(_) | Token::CommentBlock(_) => true,
            Token::Comma => tokens[i + 1..]
                .iter()
                .find(|t| !matches!(t.token, Token::CommentLine(_) | Token::CommentBlock(_)))
                .is_some_and(|next| matches!(next.token, Token::CloseBrace | Token::CloseBracket)),
            _ => false,
        };
        if blank {
            blanked.push(token.range);
        }
    }
    let mut bytes = text.as_bytes().to_vec();
    for range in blanked {
        for byte in &mut bytes[range.start..range.end] {
            if !matches!(byte, b'\n' | b'\r') {
                *byte = b' ';
            }
        }
    }
    // Whole comments were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(bytes).map_err(|e| error_at(text, 0, e.to_string()))
}

fn options(dialect: JsonDialect) -> ParseOptions {
    let jsonc = dialect == JsonDialect::Jsonc;
    ParseOptions {
        allow_comments: jsonc,
        allow_trailing_commas: jsonc,
        // The rest of JSON5 is accepted by neither tsc nor npm.
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// The byte offset of a 1-based line and byte column (as `serde_json` counts them).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// An error at byte `offset` of `text` (which holds at least the bytes before it). An offset
/// inside a character (a parser's byte column can point into one) counts from its start.
fn error_at(text: &str, offset: usize, message: String) -> JsonError {
    let offset = text.floor_char_boundary(offset);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].trim_start_matches(BOM).chars().count() + 1;
    JsonError { offset, line: before.matches('\n').count() + 1, column, len: 0, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    fn jsonc(text: &str) -> Result<Value, JsonError> {
        parse_json(text.as_bytes(), JsonDialect::Jsonc)
    }

    fn strict(text: &str) -> Result<Value, JsonError> {
        parse_json(text.as_bytes(), JsonDialect::Json)
    }

    /// Found by the `config_files` fuzz target: an error after a comment that ends in a
    /// multi-byte character was placed inside that character, and slicing there panicked.
    #[test]
    fn an_error_inside_a_multibyte_character_is_placed_at_its_start() {
        for text in ["////;//aa\u{b016}", "\t//,/\"\"\u{2ce}\u{2ce}", "///////5////\r/////\u{2757}"]
        {
            for dialect in [JsonDialect::Json, JsonDialect::Jsonc] {
                let err = parse_json::<Value>(text.as_bytes(), dialect).unwrap_err();
                assert!(text.is_char_boundary(err.offset), "{text:?}: {err:?}");
                assert!(err.offset <= text.len());
            }
        }
    }

    #[test]
    fn jsonc_reads_what_tsc_reads() {
        let text = "{\n // c\n \"a\": \"x//y\", /* b */\n \"b\": [1,2,],\n}";
        assert_eq!(jsonc(text).unwrap(), json!({ "a": "x//y", "b": [1, 2] }));
        // A trailing comma before a comment, and a byte order mark.
        let text = "\u{feff}{\n  \"compilerOptions\": { \"strict\": true, // on\n  },\n}\n";
        assert_eq!(jsonc(text).unwrap(), json!({ "compilerOptions": { "strict": true } }));
        assert_eq!(jsonc("{ \"a\": 1, /* x */ }").unwrap(), json!({ "a": 1 }));
    }

    #[test]
    fn strict_json_reads_what_npm_reads() {
        assert_eq!(strict("\u{feff}{ \"name\": \"x\" }").unwrap(), json!({ "name": "x" }));
        let err = strict("{ \"a\": 1, }").unwrap_err();
        assert_eq!((err.line, err.column), (1, 9), "{err:?}");
        assert!(strict("{ // c\n }").is_err());
    }

    #[test]
    fn errors_say_where_and_why() {
        let err = jsonc("{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
        assert_eq!((err.line, err.column, err.offset), (2, 9, 10), "{err:?}");
        assert!(err.message.contains("comma"), "{}", err.message);
        // The byte order mark shifts the offset, not the column.
        let err = jsonc("\u{feff}{ \"a\" 1 }").unwrap_err();
        assert_eq!((err.line, err.column, err.offset), (1, 7, 9), "{err:?}");
        let err = parse_json::<Value>(b"{ \"a\": \"caf\xe9\" }", JsonDialect::Json).unwrap_err();
        assert_eq!((err.line, err.column, err.offset), (1, 12, 11), "{err:?}");
        assert_eq!(jsonc(" \n").unwrap_err().message, "the file is empty");
        assert!(jsonc("{ 'a': 1 }").is_err(), "single quotes are JSON5, not JSONC");
    }

    #[test]
    fn type_errors_point_at_the_value() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Config {
            rules: std::collections::BTreeMap<String, String>,
        }
        let err = parse_json::<Config>(b"{\n  \"rulez\": {}\n}", JsonDialect::Jsonc).unwrap_err();
        assert!(err.message.contains("unknown field `rulez`"), "{}", err.message);
        assert_eq!(err.line, 2, "{err:?}");
    }

    #[test]
    fn a_key_is_read_alone_and_its_errors_are_placed_in_the_file() {
        let text = "{\n  \"name\": \"x\",\n  \"tool\": { \"level\": 3 }\n}\n";
        let read = |key| {
            parse_json_key::<BTreeMap<String, String>>(text.as_bytes(), JsonDialect::Json, key)
        };
        assert_eq!(read("missing").unwrap(), None);
        let err = read("tool").unwrap_err();
        assert_eq!((err.line, err.column, err.len), (3, 22, 1), "{err:?}");
        assert_eq!(&text[err.offset..err.offset + err.len], "3");
        assert!(err.message.contains("invalid type: integer `3`"), "{}", err.message);
    }

    #[test]
    fn an_error_covers_the_whole_value_or_key() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Numbers {
            a: Vec<u8>,
        }
        let value = jsonc("{ /* é */ \"a\": [1, { \"b\": \"c\" }] }").unwrap();
        assert_eq!(value["a"][1]["b"], "c");
        let text = "{ /* é */ \"a\": [1, \"two\", 3] }";
        let err = parse_json::<Numbers>(text.as_bytes(), JsonDialect::Jsonc).unwrap_err();
        assert_eq!(&text[err.offset..err.offset + err.len], "\"two\"", "{err:?}");
        // 20 bytes before it, `é` being two: 19 characters, so column 20.
        assert_eq!(err.column, 20, "columns count characters: {err:?}");
    }
}
