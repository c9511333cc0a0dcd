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

use jsonc_parser::common::Range;
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
    pub message: String,
}

/// Parses `bytes` in `dialect` into `T`; a wrong type or an unknown field is an error at the
/// value that has it.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8], dialect: JsonDialect) -> Result<T, JsonError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        // The prefix is valid UTF-8 by definition.
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        error_at(before, valid, "the file is not valid UTF-8".to_owned())
    })?;
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let body = &text[bom..];
    let shifted = |mut error: JsonError| {
        error.offset += bom;
        error
    };
    if body.trim().is_empty() {
        return Err(shifted(error_at(body, body.len(), "the file is empty".to_owned())));
    }
    let plain = plain_json(body, dialect).map_err(shifted)?;
    // `plain` keeps every byte offset of `body`, so serde's positions are the file's.
    serde_json::from_str(&plain).map_err(|e| {
        let offset = byte_offset(&plain, e.line(), e.column());
        let message = e.to_string().split(" at line").next().unwrap_or_default().to_owned();
        shifted(error_at(body, offset, message))
    })
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
    JsonError { offset, line: before.matches('\n').count() + 1, column, message }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
