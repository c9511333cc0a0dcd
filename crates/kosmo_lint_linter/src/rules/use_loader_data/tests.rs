//! Vectors of `use-loader-data`, per frontend.

use super::UseLoaderData;
use crate::tester::{Case, Fixture, Tester};

/// React pages: what is not the loader's data again.
fn react_passes() -> Vec<Case> {
    vec![
        // React Router's canonical form: the loader loads, the component reads.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function UsersPage() { const users = useLoaderData(); return <p>{users.length}</p>; }
"#,
        ),
        // The effect loads another route than the loader.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useLoaderData, useParams } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function UsersPage() {
  const users = useLoaderData();
  const { id } = useParams();
  const [selected, setSelected] = useState(null);
  useEffect(() => { fetchClients["users/[id]"].GET([id!]).then(setSelected); }, [id]);
  return <p>{users.length} {String(selected)}</p>;
}
"#,
        ),
        // Same route, other arguments: another user than the loader's.
        Fixture::G5React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useLoaderData, type LoaderFunctionArgs } from "react-router";
import fetchClients from "_/fetch";
export const loader = ({ params }: LoaderFunctionArgs) => fetchClients["users/[id]"].GET([params.id!]);
export default function UserPage() {
  const user = useLoaderData();
  const [manager, setManager] = useState(null);
  useEffect(() => { fetchClients["users/[id]"].GET([user.managerId]).then(setManager); }, [user]);
  return <p>{String(manager)}</p>;
}
"#,
        ),
        // A shared function in the loader, the client directly in the effect: what the
        // function passes is not followed, so nothing is certain.
        Fixture::G5React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useLoaderData, useParams, type LoaderFunctionArgs } from "react-router";
import fetchClients from "_/fetch";
import { loadUser } from "~/queries/users";
export const loader = ({ params }: LoaderFunctionArgs) => loadUser(params.id!);
export default function UserPage() {
  const { id } = useParams();
  const [user, setUser] = useState(useLoaderData());
  useEffect(() => { fetchClients["users/[id]"].GET([id!]).then(setUser); }, [id]);
  return <p>{String(user)}</p>;
}
"#,
        ),
        // A POST on mount is not the loader's data.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect } from "react";
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function UsersPage() {
  const users = useLoaderData();
  useEffect(() => { void fetchClients.users.POST([], { json: { seen: true } }); }, []);
  return <p>{users.length}</p>;
}
"#,
        ),
    ]
}

/// React pages that request the loader's route again, but later than on mount.
fn react_later_requests() -> Vec<Case> {
    vec![
        // A request in an event handler runs when the user asks, not on mount.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useState } from "react";
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function UsersPage() {
  const [users, setUsers] = useState(useLoaderData());
  const refresh = () => fetchClients.users.GET().then(setUsers);
  return <button onClick={refresh}>{users.length}</button>;
}
"#,
        ),
        // Polling refreshes later, it does not load again on mount.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function UsersPage() {
  const [users, setUsers] = useState(useLoaderData());
  useEffect(() => {
    const timer = setInterval(() => fetchClients.users.GET().then(setUsers), 30_000);
    return () => clearInterval(timer);
  }, []);
  return <p>{users.length}</p>;
}
"#,
        ),
    ]
}

/// Vue, Svelte and SolidJS pages that stay silent.
fn component_passes() -> Vec<Case> {
    vec![
        // Vue: the handler in `<script setup>` is not called on mount.
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
</script>

<script setup lang="ts">
import { ref } from "vue";
import { useLoaderData } from "_/use";
const users = ref(useLoaderData());
async function reload() { users.value = await fetchClients.users.GET(); }
</script>

<template><button @click="reload">{{ users.length }}</button></template>
"#,
        ),
        // Svelte: a prop named `loader` in the instance script is not the loader.
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients.users.GET();
</script>

<script lang="ts">
  import { useLoaderData } from "_/use";
  const users = useLoaderData();
</script>

<p>{users.length}</p>
"#,
        ),
        // SolidJS pages are `create-async-reuses-preload`'s.
        Fixture::G5.file(
            "pages/users/index.tsx",
            r#"
import { onMount } from "solid-js";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function Page() { onMount(() => { void fetchClients.users.GET(); }); return <p />; }
"#,
        ),
    ]
}

/// React pages that load their loader's data again.
fn react_fails() -> Vec<Case> {
    vec![
        // React: the effect reloads what the loader loaded.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function UsersPage() {
  const [users, setUsers] = useState(useLoaderData());
  useEffect(() => { fetchClients.users.GET().then(setUsers); }, []);
  return <p>{users.length}</p>;
}
"#,
        ),
        // The same shared function, with the same route param, on both sides.
        Fixture::G5React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useParams, type LoaderFunctionArgs } from "react-router";
import { loadUser } from "~/queries/users";
export const loader = ({ params }: LoaderFunctionArgs) => loadUser(params.id!);
export default function UserPage() {
  const { id } = useParams();
  const [user, setUser] = useState(null);
  useEffect(() => { loadUser(id!).then(setUser); }, [id]);
  return <p>{String(user)}</p>;
}
"#,
        ),
        // A loader bound to the client of a route without params, called again on mount
        // through a local function.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import React from "react";
import fetchClients from "_/fetch";
export const loader = fetchClients.users.GET;
export default function UsersPage() {
  const [users, setUsers] = React.useState([]);
  const load = () => fetchClients.users.GET().then(setUsers);
  React.useEffect(() => { load(); }, []);
  return <p>{users.length}</p>;
}
"#,
        ),
    ]
}

/// Vue, Svelte and MDX pages that load their loader's data again.
fn component_fails() -> Vec<Case> {
    vec![
        // Vue: `onMounted` in `<script setup>`.
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
</script>

<script setup lang="ts">
import { onMounted, ref } from "vue";
import { useLoaderData } from "_/use";
const users = ref(useLoaderData());
onMounted(async () => {
  users.value = await fetchClients.users.GET();
});
</script>

<template><p>{{ users.length }}</p></template>
"#,
        ),
        // Vue: a top-level await in `<script setup>` runs for every instance.
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
</script>

<script setup lang="ts">
const users = await fetchClients.users.GET();
</script>

<template><p>{{ users.length }}</p></template>
"#,
        ),
        // Svelte: `onMount` in the instance script.
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients.users.GET();
</script>

<script lang="ts">
  import { onMount } from "svelte";
  import { useLoaderData } from "_/use";
  let users = useLoaderData();
  onMount(async () => {
    users = await fetchClients.users.GET();
  });
</script>

<p>{users.length}</p>
"#,
        ),
        // Svelte 5: the `$effect` rune.
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script module lang="ts">
  import fetchClients from "_/fetch";
  export const loader = () => fetchClients.users.GET();
</script>

<script lang="ts">
  let users = $state([]);
  $effect(() => {
    fetchClients.users.GET().then((all) => (users = all));
  });
</script>

<p>{users.length}</p>
"#,
        ),
        // MDX: a component of the page's ESM.
        Fixture::G5Mdx.file(
            "pages/users/index.mdx",
            r#"import { useEffect, useState } from "react";
import fetchClients from "_/fetch";

export const loader = () => fetchClients.users.GET();

export const Users = () => {
  const [users, setUsers] = useState([]);
  useEffect(() => { fetchClients.users.GET().then(setUsers); }, []);
  return <p>{users.length}</p>;
};

# Our people

<Users />
"#,
        ),
    ]
}

#[test]
fn passes_and_fails() {
    let pass = [react_passes(), react_later_requests(), component_passes()].concat();
    let fail = [react_fails(), component_fails()].concat();
    Tester::new(&UseLoaderData).pass(pass).fail(fail).test_and_snapshot();
}
