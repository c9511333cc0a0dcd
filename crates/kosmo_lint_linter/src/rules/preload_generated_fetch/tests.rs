//! Vectors of `preload-generated-fetch`.

use super::PreloadGeneratedFetch;
use crate::tester::{Fixture, Tester};

#[test]
fn passes() {
    let pass = vec![
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
export default function Page() { const data = createAsync(fetchData); return <p>{String(data())}</p>; }
export const preload = fetchData;
"#,
            ),
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
export { fetchData as preload };
export default function Page() { const data = createAsync(fetchData); return <p>{String(data())}</p>; }
"#,
            ),
            // A route object's preload is never called (SolidStart's convention, not KosmoJS's):
            // not the page's preload, so not this rule's business (`missing-preload` says why).
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
export const route = { preload: () => fetch("/api/users") };
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const { GET } = fetchClients["users/[id]"];
const getUser = query((id: string) => GET([id]), "users/[id]");
export function preload({ params }) { void getUser(params.id); }
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            // React Router reads `loader`: a React page's `preload` is not its data export.
            Fixture::G5React.file(
                "pages/users/index.tsx",
                r#"
import { useLoaderData } from "react-router";
export const preload = () => fetch("/api/users");
export default function Page() { return useLoaderData(); }
"#,
            ),
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";
export const preload = GET;
export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
"#,
            ),
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import usersClient from "_/front/fetch/users";
export const preload = usersClient.GET;
export default function Page() { const data = createAsync(usersClient.GET); return <p>{String(data())}</p>; }
"#,
            ),
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
        ];
    Tester::new(&PreloadGeneratedFetch).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
const loadUsers = () => fetch("/api/users").then((r) => r.json());
export default function Page() { const data = createAsync(loadUsers); return <p>{String(data())}</p>; }
export const preload = loadUsers;
"#,
            ),
            Fixture::G5.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
const getUser = query((id: string) => fetch(`/api/users/${id}`).then((r) => r.json()), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import axios from "axios";
import { query } from "@solidjs/router";
const getUsers = query(() => axios.get("/api/users"), "users");
export const preload = () => { void getUsers(); };
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { loadUsers } from "./data";
export const preload = () => loadUsers();
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
export const preload = () => { console.log("warming"); };
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
const loadUsers = () => fetch("/api/users").then((r) => r.json());
export const preload = loadUsers;
export default function Page() { const data = createAsync(loadUsers); return <p>{String(data())}</p>; }
"#,
            ),
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
const getUser = query((id: string) => fetch(`/api/users/${id}`).then((r) => r.json()), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import ky from "ky";
import { createAsync, query } from "@solidjs/router";
const getUsers = query(() => ky.get("api/users").json(), "users");
export const preload = () => { void getUsers(); };
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { query } from "@solidjs/router";
import { loadUsers } from "@/front/lib/users";
const getUsers = query(() => loadUsers(), "users");
export const preload = () => { void getUsers(); };
export default function Page() { return <p />; }
"#,
            ),
        ];
    Tester::new(&PreloadGeneratedFetch).fail(fail).test_and_snapshot();
}

/// The frontends whose router calls `loader`.
#[test]
fn loader_frontends() {
    let pass = vec![
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function Page() { return <p>{String(useLoaderData())}</p>; }
"#,
        ),
        // Real apps bind the loader to a client's method.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import fetchClients from "_/fetch";
export const loader = fetchClients["users"].GET;
export default function Page() { return <p />; }
"#,
        ),
        // G1 React: the per-route fetch module, as the seed's Solid pages do.
        Fixture::G1React.file(
            "pages/users/index.tsx",
            r#"
import { GET as fetchData } from "@front/{api}/users/fetch";
export const loader = fetchData;
export default function Page() { return <p />; }
"#,
        ),
        // A SolidJS page's `loader` is nobody's.
        Fixture::G5.file(
            "pages/users/index.tsx",
            r#"
export const loader = () => fetch("/api/users");
export default function Page() { return <p />; }
"#,
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script context="module" lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients.users.GET();
</script>
<p>users</p>
"#,
        ),
    ];
    let fail = vec![
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
export const loader = async () => (await fetch("/api/users")).json();
export default function Page() { return <p />; }
"#,
        ),
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<template><p>users</p></template>

<script lang="ts">
import axios from "axios";
export const loader = () => axios.get("/api/users").then((r) => r.data);
</script>
"#,
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script module lang="ts">
  export async function loader() {
    return (await fetch("/api/users")).json();
  }
</script>
<p>users</p>
"#,
        ),
        Fixture::G5Mdx.file(
            "pages/users/index.mdx",
            r#"---
title: Users
---

export const loader = () => fetch("/api/users").then((r) => r.json());

# Users
"#,
        ),
    ];
    Tester::new(&PreloadGeneratedFetch)
        .pass(pass)
        .fail(fail)
        .test_and_snapshot_as("loader_frontends");
}
