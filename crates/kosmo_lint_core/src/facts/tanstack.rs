//! TanStack Query in a page: what its data export (`preload`, `loader`) prefetches into the
//! query cache, and what the rest of the module reads from it, each with its `queryKey` as
//! far as it is known, the generated-client request its `queryFn` makes, and the options
//! factory it was built by.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Target;
use crate::span::Span;

/// A `prefetchQuery` / `ensureQueryData` (or their infinite forms) in a data export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryPrefetch {
    /// The export it is made in: `preload` or `loader`.
    pub export: String,
    pub options: QueryOptions,
}

/// The options of one prefetch or one read (`useQuery`, `useSuspenseQuery`, `createQuery`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryOptions {
    /// The method or hook called: `prefetchQuery`, `useQuery`…
    pub function: String,
    /// The call.
    pub span: Span,
    /// The `queryKey`, when every part of it is a literal or a route param; `None` otherwise
    /// (a variable, a call, a template with expressions, options kosmo-lint cannot see).
    pub key: Option<QueryKey>,
    /// The generated-client request the `queryFn` makes, when it makes exactly one.
    pub query_fn: Option<QueryFn>,
    /// The options factory the options come from (`usersQuery()`, an imported options
    /// object), when nothing after it overrides the key or the function.
    pub options_call: Option<OptionsCall>,
    /// Whether the query may not fetch when it mounts: `enabled` is set to anything but
    /// `true`, or `initialData` is given.
    pub conditional: bool,
}

/// The one generated-client request a `queryFn` makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryFn {
    /// A generated client method, or a member of an imported value that may be one.
    pub target: Target,
    pub span: Span,
    /// The call's arguments as key values, when all are literals or route params (`None`
    /// also for a bare reference such as `queryFn: GET`, which TanStack calls with its
    /// context).
    pub args: Option<Vec<QueryKey>>,
}

/// An options factory called (or an options object referenced) on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionsCall {
    pub factory: OptionsFactory,
    pub span: Span,
    /// The call's arguments in canonical form (route params as `@params.<name>`, as in
    /// [`super::DataCall::args`]); `None` for a reference that is not called.
    pub args: Option<Vec<String>>,
}

/// Which function (or object) builds the options: two sides that use the same one with the
/// same arguments read the same cache entry, whatever it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum OptionsFactory {
    /// A function or constant of this module, by name and the offset of its declaration.
    Local { name: String, declared_at: u32 },
    /// An import (`path`: keys read off it, `queries.users()`).
    Imported { name: String, source: String, export: String, path: Vec<String> },
}

/// A query key, or a part of one, normalised as TanStack hashes it (`JSON.stringify` with
/// the keys of plain objects sorted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryKey {
    Str(String),
    /// A number, in Rust's shortest round-trip form (equal numbers, equal text).
    Num(String),
    Bool(bool),
    Null,
    /// The route params object (`None`) or one param (`params.id`, `useParams().id`).
    Param(Option<String>),
    Array(Vec<QueryKey>),
    /// Keys sorted, each once.
    Object(Vec<(String, QueryKey)>),
}

/// Whether two keys are the same cache entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMatch {
    Same,
    Different,
    /// It depends on values only known at run time (a route param against a literal).
    Unknown,
}

impl KeyMatch {
    /// Both parts of an array or object: one certain difference decides.
    fn and(self, other: Self) -> Self {
        match (self, other) {
            (Self::Different, _) | (_, Self::Different) => Self::Different,
            (Self::Same, Self::Same) => Self::Same,
            _ => Self::Unknown,
        }
    }
}

impl QueryKey {
    /// Compares two keys as TanStack's cache does, a route param being equal only to the
    /// same param.
    pub fn matches(&self, other: &Self) -> KeyMatch {
        match (self, other) {
            (Self::Param(a), Self::Param(b)) if a == b => KeyMatch::Same,
            (Self::Param(_), _) | (_, Self::Param(_)) => KeyMatch::Unknown,
            (Self::Array(a), Self::Array(b)) => all_match(a.iter().zip(b), a.len() == b.len()),
            (Self::Object(a), Self::Object(b)) => {
                let same_keys =
                    a.len() == b.len() && a.iter().zip(b).all(|((ka, _), (kb, _))| ka == kb);
                all_match(a.iter().zip(b).map(|((_, va), (_, vb))| (va, vb)), same_keys)
            }
            (a, b) if a == b => KeyMatch::Same,
            _ => KeyMatch::Different,
        }
    }

    /// An object from its properties in source order: a later duplicate replaces an
    /// earlier one, as in JavaScript, and keys are sorted, as TanStack hashes them.
    pub fn object(properties: Vec<(String, QueryKey)>) -> Self {
        let mut sorted: Vec<(String, QueryKey)> = Vec::with_capacity(properties.len());
        for (key, value) in properties {
            match sorted.iter_mut().find(|(existing, _)| *existing == key) {
                Some(slot) => slot.1 = value,
                None => sorted.push((key, value)),
            }
        }
        sorted.sort_by(|(a, _), (b, _)| a.cmp(b));
        Self::Object(sorted)
    }
}

fn all_match<'k>(
    pairs: impl Iterator<Item = (&'k QueryKey, &'k QueryKey)>,
    same_shape: bool,
) -> KeyMatch {
    let initial = if same_shape { KeyMatch::Same } else { KeyMatch::Different };
    pairs.fold(initial, |acc, (a, b)| acc.and(a.matches(b)))
}

/// The key as a person writes it: `["users", params.id]`.
impl fmt::Display for QueryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Str(s) => write!(f, "{s:?}"),
            Self::Num(n) => f.write_str(n),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Null => f.write_str("null"),
            Self::Param(None) => f.write_str("params"),
            Self::Param(Some(name)) => write!(f, "params.{name}"),
            Self::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Self::Object(props) if props.is_empty() => f.write_str("{}"),
            Self::Object(props) => {
                f.write_str("{ ")?;
                for (i, (key, value)) in props.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    if is_identifier(key) {
                        write!(f, "{key}: {value}")?;
                    } else {
                        write!(f, "{key:?}: {value}")?;
                    }
                }
                f.write_str(" }")
            }
        }
    }
}

/// Whether a property name can be written without quotes.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}
