//! More vectors of `missing-preload` in the `loader` frontends (React, Vue, Svelte, MDX), in the
//! shapes of the public KosmoJS apps: custom hooks, child components, early returns.

use super::MissingPreload;
use crate::tester::{Case, Fixture, Tester};

/// A G5 React page at `pages/users/index.tsx`.
fn react(text: &str) -> Case {
    Fixture::G5React.file("pages/users/index.tsx", text)
}

const REACT_IMPORTS: &str = r#"import { useEffect, useState } from "react";
import fetchClients from "_/fetch";
"#;

#[test]
fn passes() {
    let pass = vec![
        // A page in the shape of kosmostash/todomvc's: a loader read with `useLoaderData()`,
        // its list component's own hook with an effect that fetches nothing.
        Fixture::G5React
            .file(
                "pages/index/index.tsx",
                r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
import TodoList from "~/components/TodoList";
import type { Todo } from "~/lib/todo";

const { GET } = fetchClients["todos"];

export const loader = () => GET();

export default function TodosPage() {
  const todos = useLoaderData<Todo[]>();
  return <TodoList todos={todos} />;
}
"#,
            )
            .with(
                "components/TodoList.tsx",
                "import { useList } from \"~/hooks/list\";\nexport default function TodoList(props) { const { items } = useList(props.todos); return <ul>{items.length}</ul>; }\n",
            )
            .with(
                "hooks/list.ts",
                "import { useEffect, useRef, useState } from \"react\";\nexport const useList = (initial) => { const [items] = useState(initial); const last = useRef(items); useEffect(() => { last.current = items; }, [items]); return { items }; };\n",
            ),
        // The shape of kosmostash/mailhub's pages: TanStack Query reads, no loader.
        react(
            r#"
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import fetchClients from "_/fetch";
export default function UserPage() {
  const { id = "" } = useParams();
  const user = useQuery({ queryKey: ["user", id], queryFn: () => fetchClients["users/[id]"].GET([id]) });
  return <p>{String(user.data)}</p>;
}
"#,
        ),
        // Fetched when something happens, not when the page mounts.
        react(&format!(
            "{REACT_IMPORTS}export default function Page({{ open }}) {{\n  const [u, setU] = useState();\n  useEffect(() => {{ if (!open) return; fetchClients.users.GET().then(setU); }}, [open]);\n  return <button onClick={{() => fetchClients.users.GET().then(setU)}}>{{String(u)}}</button>;\n}}\n"
        )),
        // Arguments from the component's state: a loader could not make this request.
        react(&format!(
            "{REACT_IMPORTS}export default function Page() {{\n  const [q, setQ] = useState(\"\");\n  const [found, setFound] = useState([]);\n  useEffect(() => {{ fetchClients.users.GET([], {{ query: {{ q }} }}).then(setFound); }}, [q]);\n  return <input value={{q}} onChange={{(e) => setQ(e.target.value)}} />;\n}}\n"
        )),
        // A child component of the module may never mount.
        react(&format!(
            "{REACT_IMPORTS}function Details() {{ const [u, setU] = useState(); useEffect(() => {{ fetchClients.users.GET().then(setU); }}, []); return <p>{{String(u)}}</p>; }}\nexport default function Page({{ open }}) {{ return open ? <Details /> : null; }}\n"
        )),
        // A mutation on mount is no data to preload.
        react(&format!(
            "{REACT_IMPORTS}export default function Page() {{ useEffect(() => {{ fetchClients.users.POST([], {{ json: {{}} }}); }}, []); return null; }}\n"
        )),
        // Already has a loader (whether the component reuses it is `use-loader-data`'s business).
        react(&format!(
            "{REACT_IMPORTS}export const loader = () => fetchClients[\"users/[id]\"].GET([\"1\"]);\nexport default function Page() {{ const [u, setU] = useState(); useEffect(() => {{ fetchClients.users.GET().then(setU); }}, []); return <p>{{String(u)}}</p>; }}\n"
        )),
        // Layouts are not flagged.
        Fixture::G5React.file(
            "pages/users/layout.tsx",
            &format!(
                "{REACT_IMPORTS}export default function Layout() {{ const [u, setU] = useState(); useEffect(() => {{ fetchClients.users.GET().then(setU); }}, []); return <p>{{String(u)}}</p>; }}\n"
            ),
        ),
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients["users"].GET();
</script>

<script setup lang="ts">
import { useLoaderData } from "_/use";
const users = useLoaderData();
</script>

<template><p>{{ users }}</p></template>
"#,
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script lang="ts">
  import fetchClients from "_/fetch";
  let users = $state([]);
  const refresh = async () => { users = await fetchClients["users"].GET(); };
</script>

<button onclick={refresh}>{users.length}</button>
"#,
        ),
    ];
    Tester::new(&MissingPreload).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        react(&format!(
            "{REACT_IMPORTS}export default function UsersPage() {{\n  const [users, setUsers] = useState([]);\n  useEffect(() => {{\n    fetchClients[\"users\"].GET().then(setUsers);\n  }}, []);\n  return <ul>{{users.length}}</ul>;\n}}\n"
        )),
        Fixture::G1React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { GET as fetchData } from "@front/{api}/users/fetch";
export default function UsersPage() {
  const [data, setData] = useState();
  useEffect(() => { fetchData().then(setData); }, []);
  return <p>{String(data)}</p>;
}
"#,
        ),
        Fixture::G5React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import fetchClients from "_/fetch";
export default function UserPage() {
  const { id } = useParams();
  const [user, setUser] = useState();
  useEffect(() => {
    (async () => setUser(await fetchClients["users/[id]"].GET([id])))();
  }, [id]);
  return <p>{String(user)}</p>;
}
"#,
        ),
        // Through a shared query module.
        react(
            r#"
import { useEffect, useState } from "react";
import { getUsers } from "~/queries/users";
export default function UsersPage() {
  const [users, setUsers] = useState([]);
  useEffect(() => { getUsers().then(setUsers); }, []);
  return <ul>{users.length}</ul>;
}
"#,
        )
        .with(
            "queries/users.ts",
            "import fetchClients from \"_/fetch\";\nexport const getUsers = () => fetchClients.users.GET();\n",
        ),
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<script setup lang="ts">
import { onMounted, ref } from "vue";
import fetchClients from "_/fetch";
const users = ref([]);
onMounted(async () => {
  users.value = await fetchClients["users"].GET();
});
</script>

<template><p>{{ users }}</p></template>
"#,
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script lang="ts">
  import fetchClients from "_/fetch";
  const users = fetchClients["users"].GET();
</script>

{#await users then list}<p>{list.length}</p>{/await}
"#,
        ),
        Fixture::G5Mdx.file(
            "pages/users/index.mdx",
            r#"
import { useEffect, useState } from "preact/hooks";
import fetchClients from "_/fetch";

export const Users = () => {
  const [users, setUsers] = useState([]);
  useEffect(() => { fetchClients["users"].GET().then(setUsers); }, []);
  return <p>{users.length}</p>;
};

# Users

<Users />
"#,
        ),
    ];
    Tester::new(&MissingPreload).fail(fail).test_and_snapshot_as("loader_shapes");
}
