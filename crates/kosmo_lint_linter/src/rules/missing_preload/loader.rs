//! `missing-preload` in the frontends whose router calls a page's `loader` (React, Vue,
//! Svelte, MDX): a page that fetches a generated client when its component mounts, and
//! exports no `loader`, loads its data only after it has rendered.

use kosmo_lint_core::HttpMethod;
use kosmo_lint_core::facts::{Framework, PageFacts};

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
    if page.loader.is_some()
        || page.exports.iter().any(|export| export.name == "loader")
        || !page.query_reads.is_empty()
    {
        return;
    }
    let mut loads = Vec::new();
    for call in &page.mount_fetches {
        let reach = Reach::of_target(&call.target, call.span, ctx.scope(page));
        loads.extend(
            reach
                .clients
                .into_iter()
                .filter(|(_, method, _)| method == HttpMethod::Get.as_str())
                .map(|(route, _, at)| (route, at)),
        );
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
