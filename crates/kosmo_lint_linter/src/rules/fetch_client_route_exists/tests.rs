//! Vectors of `fetch-client-route-exists`.

use super::FetchClientRouteExists;
use crate::tester::{Fixture, Tester};

#[test]
fn passes() {
    let pass = vec![
        Fixture::G1.file(
            "components/UserCard.tsx",
            r#"
import { GET as fetchUser, path } from "@front/{api}/users/[id]/fetch";
export const load = (id: number) => fetchUser([id]);
export const href = (id: number) => path([id]);
"#,
        ),
        Fixture::G5.file(
            "hooks/useUsers.ts",
            r#"
import fetchClients, { type ResponseT } from "_/fetch";
const { GET, POST } = fetchClients["users"];
const user = fetchClients["users/[id]"];
export type User = ResponseT["users/[id]"]["GET"];
export const list = () => GET();
export const add = (u: unknown) => POST([], { json: u });
export const one = (id: string) => user.GET([id]);
export const all = () => fetchClients.users.GET();
export const dynamic = (name: string) => (fetchClients as any)[name];
"#,
        ),
        Fixture::G2.file(
            "components/UserCard.tsx",
            r#"
import { GET as fetchUser, path } from "_/front/fetch/users/[id]";
import usersClient from "_/front/fetch/users";
export const load = (id: number) => fetchUser([id]);
export const href = (id: number) => path([id]);
export const add = (u: unknown) => usersClient.POST([], u);
"#,
        ),
        Fixture::G3.file(
            "pages/users/index.tsx",
            r#"
import { createAsync, query } from "@solidjs/router";
import { GET, POST } from "_/front/fetch/users";
const getUsers = query(() => GET(), "users");
export const preload = () => { void getUsers(); };
export const add = (u: unknown) => POST([], { json: u });
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
        ),
        Fixture::G4.file(
            "hooks/useUsers.ts",
            r#"
import fetchClients, { type ResponseT } from "_/front/fetch";
const { GET, POST } = fetchClients["users"];
export type User = ResponseT["users/[id]"]["GET"];
export const list = () => GET();
export const add = (u: unknown) => POST([], { json: u });
export const one = (id: number) => fetchClients["users/[id]"].GET([id]);
"#,
        ),
    ];
    Tester::new(&FetchClientRouteExists).pass(pass).test();
}

/// `src/app/lib/api.ts` of a G5 vector: the fetch map, one route's client and `ResponseT`
/// under other names.
const G5_API_MODULE: &str = r#"
import fetchClients, { type ResponseT } from "_/fetch";
export const api = fetchClients;
export const users = fetchClients["users"];
export default fetchClients;
export type { ResponseT };
"#;

#[test]
fn passes_through_imports() {
    let pass = vec![
        Fixture::G5
            .file(
                "components/UserList.tsx",
                r#"
import client, { api, users } from "~/lib/api";
import * as lib from "~/lib/api";
import type { ResponseT } from "~/lib/api";
const user = api["users/[id]"];
const { POST } = api["users"];
const { GET: listUsers } = users;
export type User = ResponseT["users/[id]"]["GET"];
export const list = () => api["users"].GET();
export const all = () => api.users.GET();
export const one = (id: string) => user.GET([id]);
export const add = (u: unknown) => POST([], { json: u });
export const again = () => users.POST([], { json: {} });
export const listed = () => listUsers();
export const viaDefault = () => client["users"].GET();
export const viaNamespace = () => lib.api["users/[id]"].GET(["1"]);
export const dynamic = (name: string) => (api as any)[name];
"#,
            )
            .with("lib/api.ts", G5_API_MODULE),
        // Through a barrel and a re-export.
        Fixture::G5
            .file(
                "components/UserCount.tsx",
                r#"
import { api, clients } from "~/lib";
export const count = () => api["users"].GET();
export const one = () => clients["users/[id]"].GET(["1"]);
"#,
            )
            .with(
                "lib/index.ts",
                "export * from \"./api\";\nexport { api as clients } from \"./api\";\n",
            )
            .with("lib/api.ts", G5_API_MODULE),
        // Not a client, or nothing certain about it: a plain object, a package, an import
        // that resolves to no file.
        Fixture::G5
            .file(
                "components/Other.tsx",
                r#"
import { labels } from "~/lib/labels";
import { api } from "some-package";
import { api as missing } from "~/lib/missing";
export const a = () => labels["nope"].DELETE();
export const b = () => api["nope"].DELETE();
export const c = () => missing["nope"].DELETE();
"#,
            )
            .with("lib/labels.ts", "export const labels = { nope: { DELETE: () => 1 } };\n"),
        // G2–G4: the folder named in the exporting module's import path.
        Fixture::G4
            .file(
                "components/UserList.tsx",
                r#"
import api from "@/front/lib/api";
export const list = () => api["users/[id]"].GET([1]);
"#,
            )
            .with(
                "lib/api.ts",
                "import fetchClients from \"_/front/fetch\";\nexport default fetchClients;\n",
            ),
    ];
    Tester::new(&FetchClientRouteExists).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        Fixture::G1.file(
            "components/UserCard.tsx",
            r#"
import { GET as fetchUser } from "@front/{api}/user/[id]/fetch";
export const load = (id: number) => fetchUser([id]);
"#,
        ),
        Fixture::G1.file(
            "components/UserActions.tsx",
            r#"
import { DELETE as deleteUser } from "@front/{api}/users/[id]/fetch";
export const remove = (id: number) => deleteUser([id]);
"#,
        ),
        Fixture::G5.file(
            "hooks/useUsers.ts",
            r#"
import fetchClients, { type ResponseT } from "_/fetch";
export const one = (id: string) => fetchClients["user/[id]"].GET([id]);
export const remove = (id: string) => fetchClients["users/[id]"].DELETE([id]);
export type Created = ResponseT["users"]["PUT"];
export const { PATCH } = fetchClients["users"];
export const nothing = () => fetchClients["completely/unrelated/route"].GET();
"#,
        ),
        Fixture::G2.file(
            "components/UserCard.tsx",
            r#"
import { GET as fetchUser } from "_/front/fetch/user/[id]";
export const load = (id: number) => fetchUser([id]);
"#,
        ),
        Fixture::G3.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, query, useParams } from "@solidjs/router";
import userClient, { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export const remove = (id: string) => userClient.DELETE([id]);
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
        ),
        Fixture::G4.file(
            "hooks/useUsers.ts",
            r#"
import fetchClients, { type ResponseT } from "_/front/fetch";
export const list = () => fetchClients["user"].GET();
export type Updated = ResponseT["users/[id]"]["PATCH"];
export const { PUT } = fetchClients["users"];
"#,
        ),
        // Through an import of the project's own modules.
        Fixture::G5
            .file(
                "components/UserActions.tsx",
                r#"
import { api, users, type ResponseT } from "~/lib/api";
export const one = (id: string) => api["user/[id]"].GET([id]);
export const remove = (id: string) => api["users/[id]"].DELETE([id]);
const user = api["users/[id]"];
export const update = (id: string) => user.PATCH([id], { json: {} });
export const { PUT } = api["users"];
export const replace = () => users.PUT([], { json: {} });
export type Removed = ResponseT["users"]["DELETE"];
"#,
            )
            .with("lib/api.ts", G5_API_MODULE),
        Fixture::G5
            .file(
                "components/UserCount.tsx",
                r#"
import { clients } from "~/lib";
export const count = () => clients["user"].GET();
"#,
            )
            .with("lib/index.ts", "export { api as clients } from \"./api\";\n")
            .with("lib/api.ts", G5_API_MODULE),
        Fixture::G4
            .file(
                "components/UserList.tsx",
                r#"
import api from "@/front/lib/api";
export const list = () => api["user"].GET();
"#,
            )
            .with("lib/api.ts", "import fetchClients from \"_/front/fetch\";\nexport default fetchClients;\n"),
    ];
    Tester::new(&FetchClientRouteExists).fail(fail).test_and_snapshot();
}

/// Vue, Svelte and MDX files are read through their script blocks: references in markup,
/// in a `<script>` inside the markup, in frontmatter or in a code fence are not code.
#[test]
fn passes_in_script_blocks() {
    let pass = vec![
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients["users"].GET();
</script>

<script setup lang="ts">
import fetchClients from "_/fetch";
import { useLoaderData } from "_/use";
const users = useLoaderData();
const one = (id: string) => fetchClients["users/[id]"].GET([id]);
</script>

<template>
  <p>{{ fetchClients["nope"] }}</p>
  <script>fetchClients["nope"].GET();</script>
</template>
"#,
        ),
        Fixture::G5Vue.file(
            "components/UserRow.vue",
            "<template><li /></template>\n<script setup>\nimport fetchClients from \"_/fetch\";\nconst add = () => fetchClients[\"users\"].POST([], { json: {} });\n</script>\n",
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients["users"].GET();
</script>

<script lang="ts">
  import { useLoaderData } from "_/use";
  const users = useLoaderData();
</script>

<svelte:head>
  <script>fetchClients["nope"].GET();</script>
</svelte:head>
<p>{JSON.stringify(users)}</p>
"#,
        ),
        Fixture::G5Mdx.file(
            "pages/users/index.mdx",
            r#"
---
route: fetchClients["nope"]
---

import fetchClients from "_/fetch";
export const loader = () => fetchClients["users"].GET();

# Users

```ts
fetchClients["nope"].GET();
```
"#,
        ),
    ];
    Tester::new(&FetchClientRouteExists).pass(pass).test();
}

/// A typo in a script block is reported at its line and column in the file, past markup
/// with characters of several bytes.
#[test]
fn fails_in_script_blocks() {
    let fail = vec![
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<template>
  <h1>Benutzer – Übersicht</h1>
</template>

<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients["user"].GET();
</script>
"#,
        ),
        Fixture::G5Vue.file(
            "components/UserRow.vue",
            "<template><li>✓</li></template><script setup lang=\"ts\">\nimport fetchClients from \"_/fetch\";\nconst remove = (id: string) => fetchClients[\"users/[id]\"].DELETE([id]);\n</script>\n",
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<svelte:head><title>Benutzer</title></svelte:head>
<h1>Übersicht</h1>

<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients["users"].PUT();
</script>
"#,
        ),
        Fixture::G5Mdx.file(
            "pages/users/index.mdx",
            r#"
---
title: Benutzer
---

# Übersicht

import fetchClients from "_/fetch";
export const loader = () =>
  fetchClients["userz"].GET();
"#,
        ),
    ];
    Tester::new(&FetchClientRouteExists).fail(fail).test_and_snapshot_as("fails_in_script_blocks");
}
