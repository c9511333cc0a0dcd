//! `query-name-unique`: every Solid Router `query(fn, name)` wrapper has a literal name that
//! no other wrapper of the module has, and that is no prefix of another one's.

use kosmo_lint_core::facts::QueryName;

use crate::context::FindingExt;
use crate::modules::graph::ModuleGraph;
use crate::query_names::solid_file;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks the name of every `query(fn, name)` (and of the deprecated alias `cache(fn,
    /// name)`) imported from `@solidjs/router`, in any file of a SolidJS source folder (pages,
    /// layouts, shared query modules):
    ///
    /// - the name is a string literal, or a template literal without substitutions;
    /// - no other wrapper has the same name;
    /// - no name is a prefix of another one (`"user"` and `"users"`, `"users"` and
    ///   `"users/[id]"`).
    ///
    /// A wrapper called under another local name (`import { query as q }`) or through a
    /// namespace import (`Router.query`) counts; a `query` from another package or bound in the
    /// module does not.
    ///
    /// A full run compares the names of every file of the source folder (a finding on each
    /// wrapper, naming where the other one is). A run over named files (pre-commit), over
    /// part of the project, and the editor compare a file's names with each other only: they
    /// do not read every file.
    ///
    /// ### Why is this bad?
    ///
    /// Solid Router keys a wrapper's cache entries by `name + JSON.stringify(args)`: the name is
    /// the wrapper's only identity (`../shared/spec/solid-router.md` §2.1). Two wrappers with
    /// one name share entries, so one hands back the other's data: wrong data on the page. A
    /// missing name makes every key start with `undefined`, shared by every unnamed wrapper.
    /// `revalidate(key)` matches entries by prefix (§2.5): revalidating `"users"` also
    /// refetches every `"users/[id]"` entry, an extra request per cached user each time.
    /// A name that is not a literal cannot be checked for either.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// import { query } from "@solidjs/router";
    /// const getUsers = query(() => fetchClients["users"].GET(), "users");
    /// const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
    /// const getPosts = query(() => fetchClients["posts"].GET(), "users");
    /// const getOrders = query(() => fetchClients["orders"].GET(), KEY);
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// import { query } from "@solidjs/router";
    /// const getUsers = query(() => fetchClients["users"].GET(), "users-list");
    /// const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "user");
    /// const getPosts = query(() => fetchClients["posts"].GET(), "posts");
    /// const getOrders = query(() => fetchClients["orders"].GET(), "orders");
    /// ```
    ///
    /// ### Frontends
    ///
    /// SolidJS only: the other frontends' routers have no `query()`; a file of a React, Vue,
    /// Svelte or MDX folder is not checked.
    ///
    /// ### Fix
    ///
    /// None: which wrapper keeps the name, and what the new one is, is the author's choice
    /// (code may read `getUser.key` or call `revalidate("users")`).
    QueryNameUnique {
        name: "query-name-unique",
        severity: Error,
        category: Correctness,
        fix: None,
        frontends: [Solid],
        summary: "Solid Router `query()` names are literal, unique and no prefix of another",
    }
}

impl Rule for QueryNameUnique {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let names = &ctx.facts.query_names;
        if names.is_empty() || !solid_file(ctx.file, ctx.facts, ctx.folder) {
            return;
        }
        for name in names {
            match name.key.as_deref() {
                Some("") => empty_name(name, report),
                Some(_) => {}
                None => not_literal(name, report),
            }
        }
        for (index, name) in names.iter().enumerate() {
            let Some(key) = name.key.as_deref().filter(|k| !k.is_empty()) else { continue };
            for (other_index, other) in names.iter().enumerate() {
                let Some(other_key) = other.key.as_deref().filter(|k| !k.is_empty()) else {
                    continue;
                };
                if index == other_index {
                    continue;
                }
                if let Some(conflict) = Conflict::of(key, other_key) {
                    conflict.report(name, (other_key, other.span), "", report);
                }
            }
            let Some(table) = ctx.modules.and_then(ModuleGraph::query_names) else { continue };
            for (conflict, other_key, location) in
                table.clashes(ctx.file.folder, &ctx.file.path, key)
            {
                conflict.report(name, (other_key, name.span), &format!(" (in {location})"), report);
            }
        }
    }
}

fn wrapper(name: &QueryName) -> &'static str {
    if name.cache { "cache()" } else { "query()" }
}

fn empty_name(name: &QueryName, report: &mut Reporter<'_>) {
    report
        .report(name.span, format!("this `{}` wrapper's name is empty", wrapper(name)))
        .label(name.span, "a prefix of every key")
        .help(
            "give it a name of its own: revalidating `\"\"` refetches every query's entries, and every wrapper named `\"\"` shares cache entries with the others, handing back their data",
        );
}

fn not_literal(name: &QueryName, report: &mut Reporter<'_>) {
    let call = wrapper(name);
    let (message, label) = if name.missing {
        (format!("this `{call}` wrapper has no name"), "no name: its keys start with `undefined`")
    } else {
        (format!("this `{call}` wrapper's name is not a string literal"), "not a literal")
    };
    report.report(name.span, message).label(name.span, label).help(
        "name it with a string literal unique in the source folder: wrappers that share a name share cache entries, so one hands back the other's data, and a name kosmo-lint cannot read cannot be checked",
    );
}

/// How two names of wrappers clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conflict {
    Same,
    /// This name is a prefix of the other one.
    PrefixOf,
    /// The other name is a prefix of this one.
    StartsWith,
}

impl Conflict {
    pub(crate) fn of(key: &str, other: &str) -> Option<Self> {
        if key == other {
            Some(Self::Same)
        } else if other.starts_with(key) {
            Some(Self::PrefixOf)
        } else if key.starts_with(other) {
            Some(Self::StartsWith)
        } else {
            None
        }
    }

    /// Reports `name`'s side of the clash with the other wrapper's name, at `other_at` in this
    /// file; `elsewhere` names where it is when it is in another file
    /// (`" (in lib/q.ts:3:7)"`).
    pub(crate) fn report(
        self,
        name: &QueryName,
        (other_key, other_at): (&str, kosmo_lint_core::Span),
        elsewhere: &str,
        report: &mut Reporter<'_>,
    ) {
        let key = name.key.as_deref().unwrap_or_default();
        let finding = match self {
            Self::Same => report
                .report(name.span, format!("another `query()` wrapper is named `{key}` too{elsewhere}"))
                .help(
                    "rename one of them: wrappers with one name share cache entries, so one hands back the other's data (the wrong data) and revalidating one refetches the other",
                ),
            Self::PrefixOf => report
                .report(
                    name.span,
                    format!("query name `{key}` is a prefix of another wrapper's name, `{other_key}`{elsewhere}"),
                )
                .help(format!(
                    "rename one of them: `revalidate(\"{key}\")` matches keys by prefix, so it also refetches every entry of the other wrapper (extra requests)"
                )),
            Self::StartsWith => report
                .report(
                    name.span,
                    format!("query name `{key}` starts with another wrapper's name, `{other_key}`{elsewhere}"),
                )
                .help(format!(
                    "rename one of them: `revalidate(\"{other_key}\")` matches keys by prefix, so it also refetches every entry of this one (extra requests)"
                )),
        };
        if elsewhere.is_empty() {
            finding.label(name.span, "this name").label(other_at, "the other wrapper's name");
        } else {
            finding.label(name.span, "this name");
        }
    }
}

#[cfg(test)]
mod tests;
