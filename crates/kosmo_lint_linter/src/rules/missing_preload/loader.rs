//! `missing-preload` in the frontends whose router calls a page's `loader` (React, Vue,
//! Svelte, MDX): a page that fetches a generated client when its component mounts, and
//! exports no `loader`, loads its data only after it has rendered.

use kosmo_lint_core::HttpMethod;
use kosmo_lint_core::Span;
use kosmo_lint_core::facts::{DataCall, Framework, PageFacts, Target};

use crate::context::FindingExt;
use crate::data_flow::Reach;
use crate::{FileContext, Reporter};

pub(super) fn check(
    ctx: &FileContext<'_>,
    page: &PageFacts,
    framework: Framework,
    report: &mut Reporter<'_>,
) {
    // A re-exported or inherited loader counts as much as a declared one; TanStack Query
    // pages load through their query cache, which `prefetch-matches-query` looks at.
    if !framework.calls_loader(ctx.generation())
        || page.loader.is_some()
        || page.exports.iter().any(|export| export.name == "loader")
        || !page.query_reads.is_empty()
    {
        return;
    }
    let mut loads = Vec::new();
    for call in &page.mount_fetches {
        requests(ctx, page, call, &call.args, &mut loads);
    }
    let Some((route, at)) = loads.first() else { return };
    let message = format!(
        "page fetches the `{route}` route when it mounts but exports no `{}`",
        framework.data_export()
    );
    let finding = report.report(*at, message);
    for (route, at) in &loads {
        finding.label(*at, format!("`{route}` starts loading only after render"));
    }
    finding.help(
        "export a `loader` that loads it and read it in the component with `useLoaderData()`: the router then starts the request with the navigation, before the page renders",
    );
}

/// The `GET` requests of generated clients a mount call makes whose arguments are known when
/// the navigation starts (none, literals, route params): only those could a loader make.
/// A request that reads component state (a search box, a page number) cannot move to one.
fn requests(
    ctx: &FileContext<'_>,
    page: &PageFacts,
    call: &DataCall,
    args: &[String],
    out: &mut Vec<(String, Span)>,
) {
    match &call.target {
        Target::GeneratedClient { route, method }
            if method == HttpMethod::Get.as_str() && known_at_navigation(args) =>
        {
            out.push((route.clone(), call.span));
        }
        Target::GeneratedClient { .. } => {}
        Target::LocalFunction { calls, .. } => {
            for inner in calls {
                requests(ctx, page, inner, &inner.args, out);
            }
        }
        // What another module does with the arguments is not followed: the call's own
        // arguments must be known.
        _ if known_at_navigation(args) => {
            let reach = Reach::of_target(&call.target, call.span, ctx.scope(page));
            let gets = reach.clients.into_iter().filter(|(_, m, _)| m == HttpMethod::Get.as_str());
            out.extend(gets.map(|(route, _, at)| (route, at)));
        }
        _ => {}
    }
}

/// Whether canonical arguments read nothing but literals and route params (`@params.id`):
/// every word outside a string literal and object keys is a route param, a number or a
/// keyword literal (`{ query: { page: 1 } }` is known, `{ query: { q } }` is not).
fn known_at_navigation(args: &[String]) -> bool {
    args.iter().all(|arg| words_outside_strings(arg).all(|word| {
        word == "@params"
            || word.starts_with("@params.")
            || word.starts_with(|c: char| c.is_ascii_digit())
            || matches!(word, "true" | "false" | "null" | "undefined")
            // Conversions of what they are given: `Number(params.id)` is known if its
            // argument is.
            || matches!(word, "Number" | "String" | "Boolean" | "parseInt" | "parseFloat" | "encodeURIComponent")
    }))
}

/// The identifier-like words of a canonical argument, string literals (quoted as Rust's
/// `{:?}` quotes them, with `\"` inside) skipped.
fn words_outside_strings(arg: &str) -> impl Iterator<Item = &str> {
    let mut code = Vec::new();
    let (mut in_string, mut escaped, mut start) = (false, false, 0);
    for (at, c) in arg.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    in_string = false;
                    start = at + 1;
                }
                _ => {}
            }
        } else if c == '"' {
            code.push(&arg[start..at]);
            in_string = true;
        }
    }
    if !in_string {
        code.push(&arg[start..]);
    }
    code.into_iter().flat_map(|part| {
        let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '.');
        let mut words = Vec::new();
        let mut rest = part;
        while let Some(start) = rest.find(is_word) {
            let tail = &rest[start..];
            let end = tail.find(|c: char| !is_word(c)).unwrap_or(tail.len());
            // `key:` in an object literal names a property; it reads nothing.
            if !tail[end..].trim_start().starts_with(':') && &tail[..end] != "." {
                words.push(&tail[..end]);
            }
            rest = &tail[end..];
        }
        words
    })
}
