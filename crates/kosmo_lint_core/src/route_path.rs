//! Route folder names and the URL paths they serve, in all three param syntaxes (spec §2):
//! P1 `[id]` `[[id]]` `[...path]`, P2 `:id` `{:id}` `{...path}`, and P3 `[id]` `{id}`
//! `{...path}` plus mixed segments (`[name].[ext]`) and path-to-regexp "power syntax".
//!
//! The syntaxes never give one folder name two meanings, so one parser accepts them all and
//! records which syntax it saw; URLs are rendered in path-to-regexp v8 form.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamKind {
    Required,
    Optional,
    Splat,
}

/// Which of the spec's param syntaxes a folder name is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamSyntax {
    /// `[id]`, shared by P1 and P3.
    Brackets,
    /// P1 only: `[[id]]`, `[...path]`.
    P1,
    /// P2 only: `:id`, `{:id}`.
    P2,
    /// P3 only: `{id}`; `{...path}` is shared by P2 and P3 and reported as P3.
    P3,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    pub syntax: ParamSyntax,
}

/// One folder of a route path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Segment {
    Static {
        text: String,
    },
    Param(Param),
    /// Static text mixed with params (`[id]-[slug].json`) or a power-syntax group.
    Mixed {
        pattern: String,
        params: Vec<Param>,
    },
}

fn is_word(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn param(name: &str, kind: ParamKind, syntax: ParamSyntax) -> Segment {
    Segment::Param(Param { name: name.to_owned(), kind, syntax })
}

/// Parses one folder name.
pub fn parse_segment(folder: &str) -> Segment {
    let inner = |open: &str, close: &str| {
        folder.strip_prefix(open).and_then(|rest| rest.strip_suffix(close))
    };
    if let Some(name) = inner("[[", "]]").filter(|n| is_word(n)) {
        return param(name, ParamKind::Optional, ParamSyntax::P1);
    }
    if let Some(name) = inner("[...", "]").filter(|n| is_word(n)) {
        return param(name, ParamKind::Splat, ParamSyntax::P1);
    }
    if let Some(name) = inner("[", "]").filter(|n| is_word(n)) {
        return param(name, ParamKind::Required, ParamSyntax::Brackets);
    }
    if let Some(name) = inner("{...", "}").filter(|n| is_word(n)) {
        return param(name, ParamKind::Splat, ParamSyntax::P3);
    }
    if let Some(name) = inner("{:", "}").filter(|n| is_word(n)) {
        return param(name, ParamKind::Optional, ParamSyntax::P2);
    }
    if let Some(name) = inner("{", "}").filter(|n| is_word(n)) {
        return param(name, ParamKind::Optional, ParamSyntax::P3);
    }
    if let Some(name) = folder.strip_prefix(':').filter(|n| is_word(n)) {
        return param(name, ParamKind::Required, ParamSyntax::P2);
    }
    parse_mixed(folder)
}

/// `[a].[b]` pieces become `:a`, `:b`; `{…}` groups pass through to path-to-regexp unchanged
/// and contribute the `:name`/`*name` params inside them.
fn parse_mixed(folder: &str) -> Segment {
    let mut pattern = String::with_capacity(folder.len());
    let mut params = Vec::new();
    let mut rest = folder;
    while let Some(open) = rest.find(['[', '{']) {
        pattern.push_str(&rest[..open]);
        let tail = &rest[open..];
        let close_char = if tail.starts_with('[') { ']' } else { '}' };
        let Some(close) = tail.find(close_char) else { break };
        let body = &tail[1..close];
        if close_char == ']' {
            if is_word(body) {
                pattern.push(':');
                pattern.push_str(body);
                params.push(Param {
                    name: body.to_owned(),
                    kind: ParamKind::Required,
                    syntax: ParamSyntax::Brackets,
                });
            } else {
                pattern.push_str(&tail[..=close]);
            }
        } else {
            pattern.push_str(&tail[..=close]);
            params.extend(group_params(body));
        }
        rest = &tail[close + 1..];
    }
    pattern.push_str(rest);
    if params.is_empty() {
        Segment::Static { text: folder.to_owned() }
    } else {
        Segment::Mixed { pattern, params }
    }
}

fn group_params(group: &str) -> impl Iterator<Item = Param> + '_ {
    group.match_indices([':', '*']).filter_map(move |(at, sigil)| {
        let name: String = group[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let kind = if sigil == "*" { ParamKind::Splat } else { ParamKind::Optional };
        (!name.is_empty()).then_some(Param { name, kind, syntax: ParamSyntax::P3 })
    })
}

/// A route's identity: its folder path below `api/` or `pages/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoutePath {
    /// The route name used as a key (`fetchClients["users/[id]"]`): the folder path as
    /// written; the root route is `index`.
    pub name: String,
    pub segments: Vec<Segment>,
}

impl RoutePath {
    /// From the folders between `api/` (or `pages/`) and the route file.
    pub fn from_folders<'f>(folders: impl IntoIterator<Item = &'f str>) -> Self {
        let folders: Vec<&str> = folders.into_iter().collect();
        let name = folders.join("/");
        let segments = folders.iter().map(|f| parse_segment(f)).collect();
        Self { name, segments }
    }

    /// The URL path below a base, in path-to-regexp v8 form: `/users/:id{/:tab}{/*rest}`.
    /// A leading `index` folder is dropped: `index` serves the base itself.
    pub fn url_path(&self) -> String {
        let mut url = String::new();
        let skip = usize::from(
            matches!(self.segments.first(), Some(Segment::Static { text }) if text == "index"),
        );
        for segment in &self.segments[skip..] {
            match segment {
                Segment::Static { text } => {
                    url.push('/');
                    url.push_str(text);
                }
                Segment::Param(p) => match p.kind {
                    ParamKind::Required => {
                        url.push_str("/:");
                        url.push_str(&p.name);
                    }
                    ParamKind::Optional => {
                        url.push_str("{/:");
                        url.push_str(&p.name);
                        url.push('}');
                    }
                    ParamKind::Splat => {
                        url.push_str("{/*");
                        url.push_str(&p.name);
                        url.push('}');
                    }
                },
                Segment::Mixed { pattern, .. } => {
                    url.push('/');
                    url.push_str(pattern);
                }
            }
        }
        url
    }

    pub fn params(&self) -> impl Iterator<Item = &Param> {
        self.segments.iter().flat_map(|segment| match segment {
            Segment::Static { .. } => &[][..],
            Segment::Param(p) => std::slice::from_ref(p),
            Segment::Mixed { params, .. } => params.as_slice(),
        })
    }
}

/// Joins a base (`/`, `/shop`, `/api`) and a route's URL path without doubled slashes.
pub fn join_url(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    match (base.is_empty(), path.is_empty()) {
        (true, true) => "/".to_owned(),
        (_, true) => base.to_owned(),
        _ if path.starts_with('/') => format!("{base}{path}"),
        _ => format!("{base}/{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(name: &str) -> String {
        RoutePath::from_folders(name.split('/')).url_path()
    }

    fn kinds(name: &str) -> Vec<(String, ParamKind, ParamSyntax)> {
        RoutePath::from_folders(name.split('/'))
            .params()
            .map(|p| (p.name.clone(), p.kind, p.syntax))
            .collect()
    }

    #[test]
    fn p1_brackets_double_brackets_and_rest() {
        assert_eq!(url("users/[id]"), "/users/:id");
        assert_eq!(url("posts/[[page]]"), "/posts{/:page}");
        assert_eq!(url("files/[...path]"), "/files{/*path}");
        assert_eq!(
            kinds("books/[category]/[[author]]/[...rest]"),
            vec![
                ("category".into(), ParamKind::Required, ParamSyntax::Brackets),
                ("author".into(), ParamKind::Optional, ParamSyntax::P1),
                ("rest".into(), ParamKind::Splat, ParamSyntax::P1),
            ]
        );
    }

    #[test]
    fn p2_colon_and_braced_colon() {
        assert_eq!(url("users/:id"), "/users/:id");
        assert_eq!(url("users/{:id}"), "/users{/:id}");
        assert_eq!(url("docs/{...path}"), "/docs{/*path}");
        assert_eq!(kinds("users/:id")[0].2, ParamSyntax::P2);
        assert_eq!(kinds("users/{:id}")[0].1, ParamKind::Optional);
    }

    #[test]
    fn p3_braces_mixed_and_power_syntax() {
        assert_eq!(url("users/[id]/{action}"), "/users/:id{/:action}");
        assert_eq!(url("docs/{...path}"), "/docs{/*path}");
        assert_eq!(url("files/[name].[ext]"), "/files/:name.:ext");
        assert_eq!(url("feeds/[id]-[data].json"), "/feeds/:id-:data.json");
        assert_eq!(url("shop/book{-:id}-info"), "/shop/book{-:id}-info");
        assert_eq!(
            kinds("files/[name].[ext]").iter().map(|k| k.0.as_str()).collect::<Vec<_>>(),
            ["name", "ext"]
        );
        assert_eq!(kinds("api/{v:version}")[0].0, "version");
    }

    #[test]
    fn non_word_brackets_are_static_text() {
        assert_eq!(parse_segment("[some-id]"), Segment::Static { text: "[some-id]".into() });
        assert_eq!(url("a/[some-id]"), "/a/[some-id]");
        assert!(kinds("a/[some-id]").is_empty());
    }

    #[test]
    fn root_index_folder_is_dropped_from_the_url_only() {
        let root = RoutePath::from_folders(["index"]);
        assert_eq!(root.name, "index");
        assert_eq!(root.url_path(), "");
        assert_eq!(join_url("/api", &root.url_path()), "/api");
        assert_eq!(join_url("/", &root.url_path()), "/");
        assert_eq!(join_url("/", "/users/:id"), "/users/:id");
        assert_eq!(join_url("/shop/", "/users"), "/shop/users");
    }
}
