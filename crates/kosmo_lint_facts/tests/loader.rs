//! The facts of the frontends whose router calls `loader`: the export in every form, the
//! `useLoaderData()` reads, and the requests a component makes when it mounts.

mod common;

use std::path::Path;

use common::{at, page};
use kosmo_lint_core::FileKind;
use kosmo_lint_core::facts::{DataCall, FunctionValue, PageFacts, PreloadForm, Target};
use kosmo_lint_facts::extract_text;

/// The page facts of a page at `path` (a `.vue`, `.svelte` or `.mdx` one is read through its
/// scripts).
fn page_at(path: &str, text: &str) -> PageFacts {
    let facts = extract_text(FileKind::Page, Path::new(path), text);
    *facts.page.unwrap_or_else(|| panic!("no page facts: {:?}", facts.status))
}

/// `route METHOD args` of each mount request, through local functions.
fn mount_requests(page: &PageFacts) -> Vec<String> {
    fn walk(call: &DataCall, out: &mut Vec<String>) {
        match &call.target {
            Target::GeneratedClient { route, method } => {
                out.push(format!("{route} {method} [{}]", call.args.join(", ")));
            }
            Target::LocalFunction { calls, .. } => calls.iter().for_each(|c| walk(c, out)),
            Target::Imported { name, .. } => out.push(format!("{name}({})", call.args.join(", "))),
            other => out.push(format!("{other:?}")),
        }
    }
    let mut out = Vec::new();
    page.mount_fetches.iter().for_each(|call| walk(call, &mut out));
    out
}

#[test]
fn the_loader_export_in_every_form() {
    let forms = [
        (
            "import fetchClients from \"_/fetch\";\nexport const loader = () => fetchClients.users.GET();",
            PreloadForm::Const,
        ),
        (
            "import fetchClients from \"_/fetch\";\nexport async function loader() { return fetchClients.users.GET(); }",
            PreloadForm::Function,
        ),
        (
            "import { GET } from \"@front/{api}/users/fetch\";\nexport { GET as loader };",
            PreloadForm::Specifier,
        ),
        ("export { loader } from \"~/loaders/users\";", PreloadForm::ReExport),
    ];
    for (text, form) in forms {
        let page = page(text);
        let loader = page.loader.as_ref().unwrap_or_else(|| panic!("no loader: {text}"));
        assert_eq!((loader.name.as_str(), loader.form), ("loader", form), "{text}");
        // The loader is not a preload: which one the router calls is the folder's frontend.
        assert!(page.preload.is_none(), "{text}");
    }
    let bound = page(
        "import fetchClients from \"_/fetch\";\nexport const loader = fetchClients[\"users\"].GET;",
    );
    let Some(FunctionValue::Reference { target, .. }) = bound.loader.map(|l| l.value) else {
        panic!("a reference");
    };
    assert_eq!(target, Target::GeneratedClient { route: "users".into(), method: "GET".into() });
}

#[test]
fn use_loader_data_reads_from_any_router() {
    let text = r#"
import { useLoaderData as data } from "react-router";
import { useLoaderData } from "_/use";
export default function Page() { const a = data(); const b = useLoaderData<User>(); return null; }
function useLoaderDataLike() { return 1; }
"#;
    let page = page(text);
    let reads: Vec<&str> = page.loader_data_reads.iter().map(|s| at(text, *s)).collect();
    assert_eq!(reads, ["data()", "useLoaderData<User>()"]);
}

#[test]
fn react_effects_are_mount_requests_and_handlers_are_not() {
    let text = r#"
import React, { useEffect, useLayoutEffect as layout } from "react";
import { useParams } from "react-router";
import fetchClients from "_/fetch";
import { loadPosts } from "~/queries/posts";
export default function Page() {
  const { id } = useParams();
  async function load() { await fetchClients["users/[id]"].GET([id!]); }
  useEffect(() => { void load(); }, [id]);
  layout(() => { loadPosts(id!); }, []);
  React.useEffect(() => { fetchClients.users.GET(); }, []);
  const onClick = () => fetchClients.posts.GET();
  return <button onClick={onClick} />;
}
"#;
    assert_eq!(
        mount_requests(&page(text)),
        ["users/[id] GET [[@params.id]]", "loadPosts(@params.id)", "users GET []"]
    );
}

#[test]
fn vue_setup_top_level_and_hooks_are_mount_requests() {
    let text = r#"<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
const moduleLevel = fetchClients.posts.GET();
</script>

<script setup lang="ts">
import { onMounted } from "vue";
const first = await fetchClients.users.GET();
onMounted(() => { void fetchClients["users/[id]"].GET(["1"]); });
async function later() { await fetchClients.posts.GET(); }
</script>
"#;
    let page = page_at("src/app/pages/users/index.vue", text);
    // The plain `<script>` runs once per module, not per component: not a mount request.
    assert_eq!(mount_requests(&page), ["users GET []", "users/[id] GET [[\"1\"]]"]);
    assert!(page.loader.is_some());
}

#[test]
fn svelte_instance_script_and_effects_are_mount_requests() {
    let text = r#"<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients.users.GET();
</script>

<script lang="ts">
  import { onMount } from "svelte";
  const all = fetchClients.users.GET();
  onMount(() => fetchClients.posts.GET());
  $effect(() => { fetchClients["users/[id]"].GET(["2"]); });
</script>
"#;
    let page = page_at("src/app/pages/users/index.svelte", text);
    assert_eq!(mount_requests(&page), ["users GET []", "posts GET []", "users/[id] GET [[\"2\"]]"]);
}

#[test]
fn mdx_components_effects_are_mount_requests() {
    let text = r#"import { useEffect } from "react";
import fetchClients from "_/fetch";

export const Users = () => {
  useEffect(() => { fetchClients.users.GET(); }, []);
  return null;
};

# Users

<Users />
"#;
    let page = page_at("src/app/pages/users/index.mdx", text);
    assert_eq!(mount_requests(&page), ["users GET []"]);
}

#[test]
fn only_what_an_effect_runs_at_once_is_a_mount_request() {
    let text = r#"
import { useEffect } from "react";
import fetchClients from "_/fetch";
export default function Page() {
  useEffect(() => {
    (async () => { await fetchClients.users.GET(); })();
    const timer = setInterval(() => fetchClients.posts.GET(), 5000);
    window.addEventListener("focus", () => { void fetchClients["users/[id]"].GET(["1"]); });
    return () => clearInterval(timer);
  }, []);
  return null;
}
"#;
    // Polling and refetching on focus run later: not what the component loads on mount.
    assert_eq!(mount_requests(&page(text)), ["users GET []"]);
}

#[test]
fn only_the_page_component_mounts_with_the_page() {
    // Another component of the module may be rendered only sometimes; what runs under a
    // condition, or after an early return, runs only sometimes.
    let text = r#"
import { useEffect } from "react";
import fetchClients from "_/fetch";
function Details() { useEffect(() => { fetchClients.posts.GET(); }, []); return null; }
const Page = ({ open }) => {
  useEffect(() => {
    fetchClients.users.GET();
    if (open) fetchClients["users/[id]"].GET(["1"]);
    open && fetchClients["users/[id]"].GET(["2"]);
  }, [open]);
  useEffect(() => {
    if (!open) return;
    fetchClients["users/[id]"].GET(["3"]);
  }, [open]);
  return open ? <Details /> : null;
};
export { Page as default };
"#;
    assert_eq!(mount_requests(&page(text)), ["users GET []"]);
}
