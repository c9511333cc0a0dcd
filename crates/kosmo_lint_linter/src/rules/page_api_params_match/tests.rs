//! Vectors of `page-api-params-match`, per generation and frontend.

use super::PageApiParamsMatch;
use crate::tester::{Case, Fixture, Tester};

const POSTS_SLUG: &str = r#"
import { defineRoute } from "_/api";
export default defineRoute<"posts/[slug]">(({ GET }) => [GET(async (ctx) => ctx.json({}))]);
"#;

const POSTS_PAGE: &str = r#"
import { defineRoute } from "_/api";
export default defineRoute<"posts/{page}">(({ GET }) => [GET(async (ctx) => ctx.json([]))]);
"#;

const DOCS_PATH: &str = r#"
import { defineRoute } from "_/api";
export default defineRoute<"docs/{...path}">(({ GET }) => [GET(async (ctx) => ctx.json({}))]);
"#;

/// SolidJS pages that pass what the API route needs, or that cannot be judged.
fn solid_passes() -> Vec<Case> {
    vec![
        // The documented form: a wrapper taking the id, called with the page's param.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, query, useParams, type RoutePreloadFuncArgs } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "user");
export const preload = ({ params }: RoutePreloadFuncArgs) => getUser(params.id);
export default function Page() {
  const params = useParams();
  const user = createAsync(() => getUser(params.id));
  return <p>{String(user())}</p>;
}
"#,
        ),
        // A route without params, from a page with one.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Page() { const all = createAsync(() => fetchClients.users.GET()); return <p>{String(all())}</p>; }
"#,
        ),
        // A literal id from a page without an `id` of its own: the page shows that record.
        Fixture::G5.file(
            "pages/dashboard/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
export const preload = () => fetchClients["users/[id]"].GET(["me"]);
export default function Page() { const me = createAsync(() => fetchClients["users/[id]"].GET(["me"])); return <p>{String(me())}</p>; }
"#,
        ),
        // Another route's `id`: a post page showing its author by a fixed id is not this rule's.
        Fixture::G5.file(
            "pages/posts/[id]/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Page() { const admin = createAsync(() => fetchClients["users/[id]"].GET(["1"])); return <p>{String(admin())}</p>; }
"#,
        ),
        // Values that cannot be read for certain: a variable, a spread, an expression.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
import { ids, managerOf } from "~/lib/ids";
export default function Page() {
  const params = useParams();
  const a = createAsync(() => fetchClients["users/[id]"].GET(ids));
  const b = createAsync(() => fetchClients["users/[id]"].GET([...ids]));
  const c = createAsync(() => fetchClients["users/[id]"].GET([managerOf(params.id)]));
  const d = createAsync(() => fetchClients["users/[id]"].GET([params.id ?? "me"]));
  return <p>{String(a())}{String(b())}{String(c())}{String(d())}</p>;
}
"#,
        ),
    ]
}

/// SolidJS pages whose params cannot be judged for certain, or that are not this rule's.
fn solid_unjudged() -> Vec<Case> {
    vec![
        // A wrapper called with a value that cannot be read, or with a default for its param.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
import { currentId } from "~/lib/ids";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "user");
const getOther = query((id = "me") => fetchClients["users/[id]"].GET([id]), "other");
export default function Page() {
  const u = createAsync(() => getUser(currentId()));
  const o = createAsync(() => getOther());
  return <p>{String(u())}{String(o())}</p>;
}
"#,
        ),
        // Imported functions are not followed.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, useParams } from "@solidjs/router";
import { loadUser } from "~/queries/users";
export default function Page() { const params = useParams(); const u = createAsync(() => loadUser(params.slug)); return <p>{String(u())}</p>; }
"#,
        ),
        // Optional and splat params may be left out.
        Fixture::G5
            .file(
                "pages/posts/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Page() {
  const first = createAsync(() => fetchClients["posts/{page}"].GET());
  const all = createAsync(() => fetchClients["docs/{...path}"].GET([]));
  return <p>{String(first())}{String(all())}</p>;
}
"#,
            )
            .with("api/posts/{page}/index.ts", POSTS_PAGE)
            .with("api/docs/{...path}/index.ts", DOCS_PATH),
        // A literal for a splat is not compared.
        Fixture::G5
            .file(
                "pages/docs/{...path}/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Page() { const d = createAsync(() => fetchClients["docs/{...path}"].GET(["intro"])); return <p>{String(d())}</p>; }
"#,
            )
            .with("api/docs/{...path}/index.ts", DOCS_PATH),
        // A layout's params include its children's: layouts are not checked.
        Fixture::G5.file(
            "pages/users/layout.tsx",
            r#"
import { createAsync, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Layout(props) { const p = useParams(); const u = createAsync(() => fetchClients["users/[id]"].GET([p.id])); return <div>{String(u())}{props.children}</div>; }
"#,
        ),
        // A helper's own `{ params }` may be an object its caller built.
        Fixture::G5
            .file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
function loadPost({ params }: { params: { slug: string } }) { return fetchClients["posts/[slug]"].GET([params.slug]); }
export default function Page() { const p = createAsync(() => loadPost({ params: { slug: "intro" } })); return <p>{String(p())}</p>; }
"#,
            )
            .with("api/posts/[slug]/index.ts", POSTS_SLUG),
        // G1: a bare reference is `no-bare-function-reference`'s.
        Fixture::G1.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUser } from "@front/{api}/users/[id]/fetch";
export default function Page() { const user = createAsync(fetchUser); return <p>{String(user())}</p>; }
export const preload = fetchUser;
"#,
        ),
    ]
}

/// SolidJS pages that pass the wrong params.
fn solid_fails() -> Vec<Case> {
    vec![
        // (a) a literal id in the preload, on the page's own route.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
export const preload = () => fetchClients["users/[id]"].GET(["42"]);
export default function Page() { const p = useParams(); const u = createAsync(() => fetchClients["users/[id]"].GET([p.id])); return <p>{String(u())}</p>; }
"#,
        ),
        // (a) from a deeper page of the same record.
        Fixture::G5.file(
            "pages/users/[id]/edit/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Page() { const u = createAsync(() => fetchClients["users/[id]"].GET([7])); return <p>{String(u())}</p>; }
"#,
        ),
        // (b) a param the page does not have, copied from another page.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Page() { const params = useParams(); const u = createAsync(() => fetchClients["users/[id]"].GET([params.userId])); return <p>{String(u())}</p>; }
"#,
        ),
        // (c) none of the required params.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
export default function Page() { const u = createAsync(() => fetchClients["users/[id]"].GET()); return <p>{String(u())}</p>; }
"#,
        ),
        // Through a `query()` wrapper: a literal inside it, and a param passed to it that the
        // page does not have (reported once, though both sides call it).
        Fixture::G5
            .file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams, type RoutePreloadFuncArgs } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUser = query(() => fetchClients["users/[id]"].GET(["1"]), "user");
const getPost = query((slug: string) => fetchClients["posts/[slug]"].GET([slug]), "post");
export const preload = ({ params }: RoutePreloadFuncArgs) => { getUser(); getPost(params.slug); };
export default function Page() {
  const params = useParams();
  const user = createAsync(() => getUser());
  const post = createAsync(() => getPost(params.slug));
  return <p>{String(user())}{String(post())}</p>;
}
"#,
            )
            .with("api/posts/[slug]/index.ts", POSTS_SLUG),
        // Through a wrapper's own parameter: a literal argument, and none at all.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "user");
export const preload = () => getUser("42");
export default function Page() { const u = createAsync(() => getUser()); return <p>{String(u())}</p>; }
"#,
        ),
        // Through a local function: `[]` where the route needs `id`.
        Fixture::G5.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
function loadUser() { return fetchClients["users/[id]"].GET([], { query: { full: true } }); }
export const preload = () => loadUser();
export default function Page() { const u = createAsync(() => loadUser()); return <p>{String(u())}</p>; }
"#,
        ),
        // A local function the router calls as the preload: its `params` are the route's.
        Fixture::G5
            .file(
                "pages/users/[id]/index.tsx",
                r#"
import fetchClients from "_/fetch";
function loadPost({ params }: { params: Record<string, string> }) { return fetchClients["posts/[slug]"].GET([params.slug]); }
export const preload = loadPost;
export default function Page() { return <p>post</p>; }
"#,
            )
            .with("api/posts/[slug]/index.ts", POSTS_SLUG),
        // G1: a per-route client with a literal.
        Fixture::G1.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, useParams } from "@solidjs/router";
import { GET } from "@front/{api}/users/[id]/fetch";
export const preload = () => GET(["1"]);
export default function Page() { const p = useParams(); const u = createAsync(() => GET([p.id])); return <p>{String(u())}</p>; }
"#,
        ),
    ]
}

/// React, Vue, Svelte and MDX pages.
fn frontend_cases() -> (Vec<Case>, Vec<Case>) {
    let pass = vec![
        Fixture::G5React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useLoaderData, type LoaderFunctionArgs } from "react-router";
import fetchClients from "_/fetch";
export const loader = ({ params }: LoaderFunctionArgs) => fetchClients["users/[id]"].GET([params.id!]);
export default function Page() { const u = useLoaderData(); return <p>{String(u)}</p>; }
"#,
        ),
        Fixture::G5Vue.file(
            "pages/users/[id]/index.vue",
            r#"
<script setup lang="ts">
import { ref } from "vue";
import { useRoute } from "vue-router";
import fetchClients from "_/fetch";
const route = useRoute();
const user = ref(await fetchClients["users/[id]"].GET([route.params.id]));
</script>

<template><p>{{ user }}</p></template>
"#,
        ),
    ];
    let fail = vec![
        // (a) in a React loader.
        Fixture::G5React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients["users/[id]"].GET(["42"]);
export default function Page() { const u = useLoaderData(); return <p>{String(u)}</p>; }
"#,
        ),
        // (b) in a Vue mount request.
        Fixture::G5Vue.file(
            "pages/users/[id]/index.vue",
            r#"
<script setup lang="ts">
import { ref } from "vue";
import { useRoute } from "vue-router";
import fetchClients from "_/fetch";
const route = useRoute();
const user = ref(await fetchClients["users/[id]"].GET([route.params.userId]));
</script>

<template><p>{{ user }}</p></template>
"#,
        ),
        // (c) in a Svelte loader.
        Fixture::G5Svelte.file(
            "pages/users/[id]/index.svelte",
            r#"
<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients["users/[id]"].GET();
</script>

<p>user</p>
"#,
        ),
    ];
    (pass, fail)
}

#[test]
fn passes_and_fails() {
    let (frontend_pass, frontend_fail) = frontend_cases();
    let pass = [solid_passes(), solid_unjudged(), frontend_pass].concat();
    let fail = [solid_fails(), frontend_fail].concat();
    Tester::new(&PageApiParamsMatch).pass(pass).fail(fail).test_and_snapshot();
}
