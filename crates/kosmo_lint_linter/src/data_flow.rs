//! What a preload or a `createAsync` argument reads, and what it reaches in the end:
//! generated clients, hand-written requests, or functions kosmo-lint cannot follow.
//! Shared by the preload-pattern rules.

use kosmo_lint_core::Span;
use kosmo_lint_core::facts::{DataCall, FunctionValue, PageFacts, Target};

/// What "the same data function" means for Solid's cache: a `query()` wrapper is identified
/// by its key (two wrappers with one key share entries), anything else by what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Query { key: String },
    Client { route: String, method: String },
    Local { name: String },
    Raw { name: String },
    Imported { name: String, source: String },
    Unresolved,
}

impl Source {
    pub fn of(target: &Target, page: &PageFacts) -> Self {
        match target {
            Target::Query { index } => {
                let query = page.queries.get(*index);
                let key = query.and_then(|q| q.key.clone()).unwrap_or_else(|| format!("#{index}"));
                Self::Query { key }
            }
            Target::GeneratedClient { route, method } => {
                Self::Client { route: route.clone(), method: method.clone() }
            }
            Target::LocalFunction { name, .. } => Self::Local { name: name.clone() },
            Target::RawFetch { name } => Self::Raw { name: name.clone() },
            Target::Imported { name, source } => {
                Self::Imported { name: name.clone(), source: source.clone() }
            }
            Target::Unresolved { .. } => Self::Unresolved,
        }
    }

    /// How the source reads in a message, with its own backticks: `` `getUser` ``,
    /// `` the `GET` client of `users` ``.
    pub fn describe(target: &Target, page: &PageFacts) -> String {
        match target {
            Target::Query { index } => page
                .queries
                .get(*index)
                .map_or_else(|| "a `query()` wrapper".to_owned(), |q| format!("`{}`", q.name)),
            // `fetchClients[""]` names a route too, one that reads as nothing unquoted.
            Target::GeneratedClient { route, method } if route.is_empty() => {
                format!("the generated `{method}` client of `\"\"`")
            }
            Target::GeneratedClient { route, method } => {
                format!("the generated `{method}` client of `{route}`")
            }
            Target::LocalFunction { name, .. }
            | Target::RawFetch { name }
            | Target::Imported { name, .. } => format!("`{name}`"),
            Target::Unresolved { text } => format!("`{text}`"),
        }
    }
}

/// One data function read by a preload or `createAsync`, where, and with which arguments
/// (`None` for a bare reference such as `createAsync(fetchData)`).
#[derive(Debug, Clone)]
pub struct Read<'f> {
    pub target: &'f Target,
    pub span: Span,
    pub args: Option<&'f [String]>,
    /// The reference as written, for a bare reference.
    pub text: Option<&'f str>,
}

impl Read<'_> {
    /// The read in a message: the binding as written when there is one
    /// (`` `fetchData` ``), else what it is.
    pub fn describe(&self, page: &PageFacts) -> String {
        match (self.text, self.target) {
            (Some(text), Target::GeneratedClient { .. }) => {
                format!("`{text}` ({})", Source::describe(self.target, page))
            }
            _ => Source::describe(self.target, page),
        }
    }
}

/// The reads of a function value: the reference itself, or each call an inline function makes.
pub fn reads(value: &FunctionValue) -> Vec<Read<'_>> {
    match value {
        FunctionValue::Reference { target, span, text, .. } => {
            vec![Read { target, span: *span, args: None, text: Some(text) }]
        }
        FunctionValue::Function { calls, .. } => calls
            .iter()
            .map(|call| Read {
                target: &call.target,
                span: call.span,
                args: Some(&call.args),
                text: None,
            })
            .collect(),
        FunctionValue::Other { .. } => Vec::new(),
    }
}

/// Everything a read reaches once `query()` wrappers and local functions are followed.
#[derive(Debug, Default)]
pub struct Reach {
    /// Generated client calls: route, method, where.
    pub clients: Vec<(String, String, Span)>,
    /// Hand-written requests: what, where.
    pub raw: Vec<(String, Span)>,
    /// Functions that cannot be followed: imported ones and unresolved names.
    pub opaque: Vec<(String, Span)>,
}

impl Reach {
    pub fn of_value(value: &FunctionValue, page: &PageFacts) -> Self {
        let mut reach = Self::default();
        for read in reads(value) {
            reach.add(read.target, read.span, page);
        }
        reach
    }

    pub fn of_target(target: &Target, at: Span, page: &PageFacts) -> Self {
        let mut reach = Self::default();
        reach.add(target, at, page);
        reach
    }

    fn add(&mut self, target: &Target, at: Span, page: &PageFacts) {
        match target {
            Target::GeneratedClient { route, method } => {
                self.clients.push((route.clone(), method.clone(), at));
            }
            Target::Query { index } => {
                if let Some(query) = page.queries.get(*index) {
                    self.add_calls(&query.calls, page);
                }
            }
            Target::LocalFunction { calls, .. } => self.add_calls(calls, page),
            Target::RawFetch { name } => self.raw.push((name.clone(), at)),
            Target::Imported { name, source } => {
                self.opaque.push((format!("`{name}` from \"{source}\""), at));
            }
            Target::Unresolved { text } => self.opaque.push((format!("`{text}`"), at)),
        }
    }

    fn add_calls(&mut self, calls: &[DataCall], page: &PageFacts) {
        for call in calls {
            self.add(&call.target, call.span, page);
        }
    }

    pub fn routes(&self) -> impl Iterator<Item = &str> {
        self.clients.iter().map(|(route, _, _)| route.as_str())
    }
}
