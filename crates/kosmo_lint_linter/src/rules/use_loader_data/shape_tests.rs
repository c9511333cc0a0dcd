//! More vectors of `use-loader-data`, in the shapes of the public KosmoJS apps (a todo app's
//! loader, React Router and Vue Router params, conditional refreshes).

use super::UseLoaderData;
use crate::tester::{Case, Fixture, Tester};

/// A G5 React page at `pages/users/[id]/index.tsx`.
fn user_page(text: &str) -> Case {
    Fixture::G5React.file("pages/users/[id]/index.tsx", text)
}

const REACT_IMPORTS: &str = r#"import { useEffect, useState } from "react";
import { useLoaderData, useParams } from "react-router";
import fetchClients from "_/fetch";
"#;

/// The API route of a todo app in kosmostash/todomvc's shape.
const TODOS_ROUTE: &str = r#"import { defineRoute } from "_/api";
export default defineRoute<"todos">(({ GET }) => [
  GET<{ response: [200, "json", Todo[]] }>(async (ctx) => ctx.json([])),
]);
"#;

#[test]
fn passes() {
    let pass = vec![
        // A page in the shape of kosmostash/todomvc's: a loader over a destructured client.
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
            .with("api/todos/index.ts", TODOS_ROUTE),
        // The canonical React Router form, with a route param.
        user_page(&format!(
            "{REACT_IMPORTS}export const loader = ({{ params }}) => fetchClients[\"users/[id]\"].GET([params.id]);\nexport default function UserPage() {{ const user = useLoaderData(); return <p>{{String(user)}}</p>; }}\n"
        )),
        // A loader importing a shared query module.
        Fixture::G5React
            .file(
                "pages/users/index.tsx",
                r#"
import { useLoaderData } from "react-router";
import { getUsers } from "~/queries/users";
export const loader = () => getUsers();
export default function UsersPage() { return <p>{String(useLoaderData())}</p>; }
"#,
            )
            .with(
                "queries/users.ts",
                "import fetchClients from \"_/fetch\";\nexport const getUsers = () => fetchClients.users.GET();\n",
            ),
        // The effect fetches another route than the loader.
        user_page(&format!(
            "{REACT_IMPORTS}export const loader = ({{ params }}) => fetchClients[\"users/[id]\"].GET([params.id]);\nexport default function UserPage() {{\n  const user = useLoaderData();\n  const [all, setAll] = useState([]);\n  useEffect(() => {{ fetchClients.users.GET().then(setAll); }}, []);\n  return <p>{{String(user)}}{{all.length}}</p>;\n}}\n"
        )),
        // The same route with other arguments: another request.
        user_page(&format!(
            "{REACT_IMPORTS}export const loader = ({{ params }}) => fetchClients[\"users/[id]\"].GET([params.id]);\nexport default function UserPage({{ friendId }}) {{\n  const [friend, setFriend] = useState();\n  useEffect(() => {{ fetchClients[\"users/[id]\"].GET([friendId]).then(setFriend); }}, [friendId]);\n  return <p>{{String(friend)}}</p>;\n}}\n"
        )),
        // Refetched only when something changes.
        user_page(&format!(
            "{REACT_IMPORTS}export const loader = ({{ params }}) => fetchClients[\"users/[id]\"].GET([params.id]);\nexport default function UserPage({{ stale }}) {{\n  const {{ id }} = useParams();\n  const [user, setUser] = useState(useLoaderData());\n  useEffect(() => {{ if (stale) fetchClients[\"users/[id]\"].GET([id]).then(setUser); }}, [stale, id]);\n  return <p>{{String(user)}}</p>;\n}}\n"
        )),
        // A bare client of a route with params is called with the router's `{ params }`:
        // not comparable with the component's call.
        user_page(&format!(
            "{REACT_IMPORTS}export const loader = fetchClients[\"users/[id]\"].GET;\nexport default function UserPage() {{\n  const {{ id }} = useParams();\n  const [user, setUser] = useState();\n  useEffect(() => {{ fetchClients[\"users/[id]\"].GET([id]).then(setUser); }}, [id]);\n  return <p>{{String(user)}}</p>;\n}}\n"
        )),
        // TanStack Query: the loader fills the cache `useQuery` reads.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useQuery } from "@tanstack/react-query";
import { getQueryClient } from "_/query";
import fetchClients from "_/fetch";
const usersQuery = () => ({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export const loader = () => getQueryClient().ensureQueryData(usersQuery());
export default function UsersPage() { const users = useQuery(usersQuery()); return <p>{String(users.data)}</p>; }
"#,
        ),
        // The shape of kosmostash/mailhub's pages: TanStack Query reads, no loader.
        user_page(
            r#"
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import fetchClients from "_/fetch";
export default function EmailPage() {
  const { id = "" } = useParams();
  const email = useQuery({ queryKey: ["email", id], queryFn: () => fetchClients["users/[id]"].GET([id]) });
  return <p>{String(email.data)}</p>;
}
"#,
        ),
    ];
    Tester::new(&UseLoaderData).pass(pass).test();
}

#[test]
fn script_blocks_pass() {
    let pass = vec![
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
            "pages/users/[id]/index.svelte",
            r#"
<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = ({ params }) => fetchClients["users/[id]"].GET([params.id]);
</script>

<script lang="ts">
  import { onMount } from "svelte";
  import { useLoaderData } from "_/use";
  const user = useLoaderData();
  let all = $state([]);
  onMount(async () => { all = await fetchClients["users"].GET(); });
</script>

<p>{user} {all.length}</p>
"#,
        ),
    ];
    Tester::new(&UseLoaderData).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        user_page(&format!(
            "{REACT_IMPORTS}export const loader = ({{ params }}) => fetchClients[\"users/[id]\"].GET([params.id]);\nexport default function UserPage() {{\n  const {{ id }} = useParams();\n  const [user, setUser] = useState();\n  useEffect(() => {{\n    fetchClients[\"users/[id]\"].GET([id]).then(setUser);\n  }}, [id]);\n  return <p>{{String(user)}}</p>;\n}}\n"
        )),
        Fixture::G1React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { GET as fetchData } from "@front/{api}/users/fetch";
export const loader = fetchData;
export default function UsersPage() {
  const [users, setUsers] = useState([]);
  useEffect(() => { fetchData().then(setUsers); }, []);
  return <ul>{users.length}</ul>;
}
"#,
        ),
        // Through a shared query module, with the loader's data read and then fetched again.
        Fixture::G5React
            .file(
                "pages/users/index.tsx",
                r#"
import { useEffect, useState } from "react";
import { useLoaderData } from "react-router";
import { getUsers } from "~/queries/users";
export const loader = () => getUsers();
export default function UsersPage() {
  const [users, setUsers] = useState(useLoaderData());
  useEffect(() => { getUsers().then(setUsers); }, []);
  return <ul>{users.length}</ul>;
}
"#,
            )
            .with(
                "queries/users.ts",
                "import fetchClients from \"_/fetch\";\nexport const getUsers = () => fetchClients.users.GET();\n",
            ),
        // Through a function of the module.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import fetchClients from "_/fetch";
const loadUsers = () => fetchClients.users.GET();
export async function loader() { return loadUsers(); }
export default function UsersPage() {
  const [users, setUsers] = useState([]);
  useEffect(() => { (async () => setUsers(await loadUsers()))(); }, []);
  return <ul>{users.length}</ul>;
}
"#,
        ),
    ];
    Tester::new(&UseLoaderData).fail(fail).test_and_snapshot_as("shapes");
}

#[test]
fn script_blocks_fail() {
    let fail = vec![
        Fixture::G5Vue.file(
            "pages/users/[id]/index.vue",
            r#"
<script lang="ts">
import fetchClients from "_/fetch";
export const loader = ({ params }) => fetchClients["users/[id]"].GET([params.id]);
</script>

<script setup lang="ts">
import { onMounted, ref } from "vue";
import { useRoute } from "vue-router";
import fetchClients from "_/fetch";
const route = useRoute();
const user = ref();
onMounted(async () => {
  user.value = await fetchClients["users/[id]"].GET([route.params.id]);
});
</script>

<template><p>{{ user }}</p></template>
"#,
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients["users"].GET();
</script>

<script lang="ts">
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
import { useLoaderData } from "_/use";

export const loader = () => fetchClients["users"].GET();

export const Users = () => {
  const [users, setUsers] = useState(useLoaderData());
  useEffect(() => { fetchClients["users"].GET().then(setUsers); }, []);
  return <p>{users.length}</p>;
};

# Users

<Users />
"#,
        ),
    ];
    Tester::new(&UseLoaderData).fail(fail).test_and_snapshot_as("shapes_in_script_blocks");
}
