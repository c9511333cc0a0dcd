//! Which route folder names the framework rejects, in each of its param syntaxes (spec §2).
//!
//! [`crate::route_path`] reads every syntax at once, leniently, to name routes and render
//! URLs; this module answers the stricter question of whether the framework of a given
//! generation would accept a route's folders at all, by doing what its route scanner did:
//!
//! - **P1** (G1, G2, and G3 until 2026-02-26): `[id]`, `[[id]]`, `[...path]`. The scanner
//!   throws nothing; its docs forbid a static segment or a required param after an optional
//!   one.
//! - **P2** (G3, 2026-02-27 to 03-04): the folder name is a path-to-regexp v8 pattern
//!   (`:id`, `{:id}`), with `{...path}` for a splat.
//! - **P3** (G3 from 2026-03-05, G4 and later): `[id]`, `{id}`, `{...path}`, mixed segments
//!   and `{…}` groups in path-to-regexp "power syntax"; a bare `:id` is refused, and what is
//!   left must parse as path-to-regexp v8. Its docs forbid a required param after an
//!   optional one.
//!
//! A G3 folder may be in any of the three, so a route is rejected there only when all three
//! reject it. Everything here is a pure function of the folder names.

use crate::generation::Generation;

/// One of the framework's route param syntaxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RouteSyntax {
    P1,
    P2,
    P3,
}

impl RouteSyntax {
    /// The syntaxes a folder of `generation` may be written in, oldest first.
    pub const fn of(generation: Generation) -> &'static [Self] {
        match generation {
            Generation::G1 | Generation::G2 => &[Self::P1],
            Generation::G3 => &[Self::P1, Self::P2, Self::P3],
            Generation::G4 | Generation::G5 | Generation::G5Plus => &[Self::P3],
        }
    }

    /// The params it has, for help texts.
    pub const fn forms(self) -> &'static str {
        match self {
            Self::P1 => "`[id]` (required), `[[id]]` (optional) and `[...path]` (rest)",
            Self::P2 => "`:id` (required), `{:id}` (optional) and `{...path}` (splat)",
            Self::P3 => {
                "`[id]` (required), `{id}` (optional), `{...path}` (splat), mixed segments such as `[name].[ext]`, and path-to-regexp groups inside `{…}`"
            }
        }
    }
}

/// Why the framework refuses a route's folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSyntaxError {
    /// Index of the offending folder among those given.
    pub folder: usize,
    /// The syntax whose rules were applied (the newest of the generation).
    pub syntax: RouteSyntax,
    /// The framework's reason, in its words where it has some.
    pub reason: String,
    /// How to write it instead, when there is one obvious way.
    pub hint: Option<String>,
}

/// Whether a folder of `generation` with these route folders (the folders between `api/` or
/// `pages/` and the route file) is refused by the framework, and why.
pub fn check_route_folders(
    folders: &[&str],
    generation: Generation,
) -> Result<(), RouteSyntaxError> {
    let mut newest = Ok(());
    for &syntax in RouteSyntax::of(generation) {
        match check_in(folders, syntax) {
            Ok(()) => return Ok(()),
            Err(error) => newest = Err(error),
        }
    }
    newest
}

/// [`check_route_folders`] in one syntax.
pub fn check_in(folders: &[&str], syntax: RouteSyntax) -> Result<(), RouteSyntaxError> {
    let error = |folder: usize, reason: String, hint: Option<String>| RouteSyntaxError {
        folder,
        syntax,
        reason,
        hint,
    };
    match syntax {
        RouteSyntax::P1 => {
            let mut optional: Option<usize> = None;
            for (i, folder) in folders.iter().enumerate() {
                let kind = p1_kind(folder);
                if let Some(at) = optional
                    && matches!(kind, P1Kind::Static | P1Kind::Required)
                {
                    let reason = format!(
                        "optional parameters must come last in a route path: `{folder}` follows the optional `{}`",
                        folders[at]
                    );
                    return Err(error(i, reason, None));
                }
                if kind == P1Kind::Optional {
                    optional = Some(i);
                }
            }
            Ok(())
        }
        RouteSyntax::P2 => {
            for (i, folder) in folders.iter().enumerate().filter(|(_, f)| !f.is_empty()) {
                let pattern = p2_pattern(folder);
                path_to_regexp::parse(&pattern).map_err(|reason| error(i, reason, None))?;
            }
            Ok(())
        }
        RouteSyntax::P3 => {
            let mut optional: Option<usize> = None;
            for (i, folder) in folders.iter().enumerate().filter(|(_, f)| !f.is_empty()) {
                if let Some(colon) = bare_colon(folder) {
                    let name = word_prefix(&folder[colon + 1..]);
                    return Err(if name.is_empty() {
                        let reason = "contains colons outside braces, use : only within {}";
                        error(i, reason.to_owned(), None)
                    } else {
                        let reason =
                            format!("contains bare params, use [{name}] instead of :{name}");
                        error(i, reason, Some(format!("rename the folder to `[{name}]`")))
                    });
                }
                let pattern = escape_plus_outside_groups(&p3_pattern(folder));
                let tokens = path_to_regexp::parse(&pattern)
                    .map_err(|reason| error(i, reason, p3_hint(folder)))?;
                if let Some(at) = optional
                    && tokens.has_required_param()
                {
                    let reason = format!(
                        "optional parameters must not be followed by required parameters: `{folder}` follows the optional `{}`",
                        folders[at]
                    );
                    return Err(error(i, reason, None));
                }
                if tokens.is_optional_param() {
                    optional = Some(i);
                }
            }
            Ok(())
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum P1Kind {
    Static,
    Required,
    Optional,
    Rest,
}

/// P1's reading: the name without a trailing `.ext`, matched against its three patterns in
/// its order (rest, optional, required); the name inside may be anything but `]`.
fn p1_kind(folder: &str) -> P1Kind {
    let base = match folder.rfind('.') {
        Some(dot)
            if dot + 1 < folder.len()
                && folder[dot + 1..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
        {
            &folder[..dot]
        }
        _ => folder,
    };
    let inner = |open: &str, close: &str| {
        base.strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
            .is_some_and(|name| !name.is_empty() && !name.contains(']'))
    };
    if inner("[...", "]") {
        P1Kind::Rest
    } else if inner("[[", "]]") {
        P1Kind::Optional
    } else if inner("[", "]") {
        P1Kind::Required
    } else {
        P1Kind::Static
    }
}

/// P2: `{...` becomes `{*` (the first only, as the scanner's regex had no `g` flag) and a
/// leading group gets its `/` back.
fn p2_pattern(folder: &str) -> String {
    let pattern = folder.replacen("{...", "{*", 1);
    leading_group_slash(pattern)
}

/// P3: `[id]` → `:id`, `{id}` → `{:id}`, `{...` → `{*`, and a leading group gets its `/`.
fn p3_pattern(folder: &str) -> String {
    let pattern = replace_word_groups(folder, '[', ']', ":", "");
    let pattern = replace_word_groups(&pattern, '{', '}', "{:", "}");
    leading_group_slash(pattern.replace("{...", "{*"))
}

fn leading_group_slash(pattern: String) -> String {
    match pattern.strip_prefix('{') {
        Some(rest) => format!("{{/{rest}"),
        None => pattern,
    }
}

/// Replaces every `<open>\w+<close>` with `<before>\w+<after>`, left to right, as a global
/// regex replace does.
fn replace_word_groups(text: &str, open: char, close: char, before: &str, after: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let after_open = &rest[at + 1..];
        let name = word_prefix(after_open);
        if !name.is_empty() && after_open[name.len()..].starts_with(close) {
            out.push_str(before);
            out.push_str(name);
            out.push_str(after);
            rest = &after_open[name.len() + close.len_utf8()..];
        } else {
            out.push(open);
            rest = after_open;
        }
    }
    out.push_str(rest);
    out
}

/// The leading run of JavaScript regex `\w` characters (ASCII letters, digits, `_`).
fn word_prefix(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// The byte index of the first `:` outside `{…}`, as the P3 scanner looks for one.
fn bare_colon(folder: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in folder.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ':' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// `+` is escaped outside the first-level `{…}` groups (inside one it stays reserved).
fn escape_plus_outside_groups(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 2);
    let mut rest = pattern;
    while let Some(at) = rest.find(['{', '+']) {
        out.push_str(&rest[..at]);
        if rest[at..].starts_with('+') {
            out.push_str("\\+");
            rest = &rest[at + 1..];
        } else if let Some(close) = rest[at..].find('}') {
            out.push_str(&rest[at..=at + close]);
            rest = &rest[at + close + 1..];
        } else {
            out.push('{');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn p3_hint(folder: &str) -> Option<String> {
    let inner = folder.strip_prefix('[')?.strip_suffix(']')?;
    if let Some(name) = inner.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        return Some(format!("an optional param is written `{{{name}}}` since 2026-03-05"));
    }
    if let Some(name) = inner.strip_prefix("...") {
        return Some(format!("a splat is written `{{...{name}}}` since 2026-03-05"));
    }
    let name: String =
        inner.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    name.bytes()
        .any(|b| b.is_ascii_alphanumeric())
        .then(|| format!("only a `\\w+` name is a param: rename the folder to `[{name}]`"))
}

/// The part of path-to-regexp v8's `parse` that can fail, with its error messages.
pub mod path_to_regexp {
    /// What a parsed pattern holds, as far as the route checks need to know.
    #[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
    pub struct Tokens {
        required: usize,
        optional: usize,
        texts_outside_groups: usize,
        wildcards: usize,
    }

    impl Tokens {
        /// A param outside any group: the segment cannot match empty.
        pub fn has_required_param(&self) -> bool {
            self.required > 0
        }

        /// Params only inside groups and nothing else outside them (`{/:id}`).
        pub fn is_optional_param(&self) -> bool {
            self.optional > 0
                && self.required == 0
                && self.texts_outside_groups == 0
                && self.wildcards == 0
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Kind {
        Open,
        Close,
        Reserved(char),
        Char,
        Param,
        Wildcard,
        End,
    }

    impl Kind {
        fn name(self) -> String {
            match self {
                Kind::Open => "{".to_owned(),
                Kind::Close => "}".to_owned(),
                Kind::Reserved(c) => c.to_string(),
                Kind::Char => "char".to_owned(),
                Kind::Param => "param".to_owned(),
                Kind::Wildcard => "wildcard".to_owned(),
                Kind::End => "end".to_owned(),
            }
        }
    }

    /// JavaScript's `\p{ID_Start}` plus `$` and `_`, as path-to-regexp starts a name; wider
    /// rather than narrower (`is_alphabetic` holds a few marks `ID_Start` does not), so that
    /// no name the framework accepts is refused here.
    fn id_start(c: char) -> bool {
        c == '$'
            || c == '_'
            || c.is_alphabetic()
            || matches!(c, '\u{2118}' | '\u{212e}' | '\u{309b}' | '\u{309c}')
    }

    fn id_continue(c: char) -> bool {
        id_start(c) || c.is_alphanumeric() || matches!(c, '\u{200c}' | '\u{200d}' | '\u{00b7}')
    }

    fn lex(pattern: &str) -> Result<Vec<(Kind, usize)>, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        // A `:` or `*` name: an identifier or a double-quoted string.
        let name = |i: &mut usize| -> Result<(), String> {
            *i += 1;
            let start = *i;
            if chars.get(*i).is_some_and(|&c| id_start(c)) {
                *i += 1;
                while chars.get(*i).is_some_and(|&c| id_continue(c)) {
                    *i += 1;
                }
                return Ok(());
            }
            if chars.get(*i) == Some(&'"') {
                let quote = *i;
                let mut value = 0;
                loop {
                    *i += 1;
                    match chars.get(*i) {
                        None => return Err(format!("Unterminated quote at {quote}")),
                        Some('"') => {
                            *i += 1;
                            break;
                        }
                        Some('\\') => {
                            *i += 1;
                            value += 1;
                        }
                        Some(_) => value += 1,
                    }
                }
                if value > 0 {
                    return Ok(());
                }
            }
            Err(format!("Missing parameter name at {}", start.max(*i)))
        };
        while i < chars.len() {
            let c = chars[i];
            let at = i;
            let kind = match c {
                '{' => Kind::Open,
                '}' => Kind::Close,
                '(' | ')' | '[' | ']' | '+' | '?' | '!' => Kind::Reserved(c),
                '\\' => {
                    i += 1;
                    Kind::Char
                }
                ':' => {
                    name(&mut i)?;
                    tokens.push((Kind::Param, at));
                    continue;
                }
                '*' => {
                    name(&mut i)?;
                    tokens.push((Kind::Wildcard, at));
                    continue;
                }
                _ => Kind::Char,
            };
            i += 1;
            tokens.push((kind, at));
        }
        tokens.push((Kind::End, chars.len()));
        Ok(tokens)
    }

    /// Parses `pattern` as path-to-regexp v8 does, failing where and as it fails.
    pub fn parse(pattern: &str) -> Result<Tokens, String> {
        let tokens = lex(pattern)?;
        let mut summary = Tokens::default();
        let mut depth = 0usize;
        for &(kind, at) in &tokens {
            match kind {
                Kind::Char if depth == 0 => summary.texts_outside_groups += 1,
                Kind::Char => {}
                Kind::Param if depth == 0 => summary.required += 1,
                Kind::Param => summary.optional += 1,
                Kind::Wildcard => summary.wildcards += 1,
                Kind::Open => depth += 1,
                Kind::Close if depth > 0 => depth -= 1,
                Kind::End if depth == 0 => return Ok(summary),
                Kind::Close | Kind::End | Kind::Reserved(_) => {
                    let expected = if depth > 0 { "}" } else { "end" };
                    return Err(format!(
                        "Unexpected {} at index {at}, expected {expected}",
                        kind.name()
                    ));
                }
            }
        }
        Ok(summary)
    }
}

#[cfg(test)]
#[path = "route_syntax_tests.rs"]
mod tests;
