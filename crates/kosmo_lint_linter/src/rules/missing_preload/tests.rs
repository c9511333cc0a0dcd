//! Vectors of `missing-preload`.

use std::path::Path;

use super::{MissingPreload, NoFix};
use crate::tester::{Case, Fixture, Tester};

pub(super) const G5_IMPORTS: &str = r#"import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
"#;
pub(super) const G5_QUERY: &str =
    r#"const getUsers = query(() => fetchClients.users.GET(), "users");"#;
pub(super) const G5_COMPONENT: &str = "export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }";

/// A G5 page: the imports, then `rest`.
fn g5_page(rest: &str) -> Case {
    Fixture::G5.file("pages/users/index.tsx", &format!("{G5_IMPORTS}{rest}\n"))
}

/// The page's single `missing-preload` finding: its fix applied to `text`, or its help.
fn fixed_or_help(case: &Case, text: &str) -> Result<String, String> {
    let findings = case.findings(&[&MissingPreload]);
    let [finding] = findings.as_slice() else { panic!("one finding: {findings:#?}") };
    let Some(fix) = &finding.fix else { return Err(finding.help.clone().unwrap_or_default()) };
    let mut fixed = text.to_owned();
    for edit in fix.edits.iter().rev() {
        fixed.replace_range(edit.start as usize..edit.end as usize, &edit.content);
    }
    Ok(fixed)
}

/// Where the query wrapper (or the client) is declared, and which other `preload` binds
/// the module already: a fix only where every name it uses is in scope at the top level
/// before the export, and it declares no name that exists.
#[test]
fn fix_only_with_names_in_scope_and_no_second_preload() {
    let no_fix = [
            // The wrapper inside the component: a top-level export cannot call it.
            (
                "export default function Page() { const getUsers = query(() => fetchClients.users.GET(), \"users\"); const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }".to_owned(),
                NoFix::NotAtTopLevel,
            ),
            // In a top-level block, a `var` is module-scoped but only maybe assigned.
            (format!("if (globalThis.window) {{ var getUsers = query(() => fetchClients.users.GET(), \"users\"); }}\n{G5_COMPONENT}"), NoFix::NotAtTopLevel),
            (format!("{{ var getUsers = query(() => fetchClients.users.GET(), \"users\"); }}\n{G5_COMPONENT}"), NoFix::NotAtTopLevel),
            // Every kind of existing `preload` binding, values and types alike.
            (format!("import * as preload from \"./preload\";\n{G5_QUERY}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("import {{ preload }} from \"./preload\";\n{G5_QUERY}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("import type {{ preload }} from \"./preload\";\n{G5_QUERY}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nfunction preload() {{ void getUsers(); }}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nclass preload {{}}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nvar preload = 1;\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nconst {{ preload }} = {{ preload: 1 }};\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\ntype preload = () => void;\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\ninterface preload {{ x: 1 }}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
        ];
    for (rest, reason) in no_fix {
        let case = g5_page(&rest);
        let found = fixed_or_help(&case, "");
        assert_eq!(found, Err(reason.help().to_owned()), "{rest}");
    }

    let with_fix = [
        // The wrapper declared after the component: the export goes after it (a `const`
        // is not usable before its declaration).
        format!("{G5_COMPONENT}\n{G5_QUERY}"),
        // A `preload` bound only inside the component does not clash with the export.
        format!(
            "{G5_QUERY}\nexport default function Page() {{ const preload = 1; const u = createAsync(() => getUsers()); return <p>{{String(u()) + preload}}</p>; }}"
        ),
    ];
    for rest in with_fix {
        let text = format!("{G5_IMPORTS}{rest}\n");
        let fixed =
            fixed_or_help(&g5_page(&rest), &text).unwrap_or_else(|help| panic!("{rest}: {help}"));
        let path = Path::new("page.tsx");
        let before = kosmo_lint_facts::check_module(path, &text).expect("parses");
        let after = kosmo_lint_facts::check_module(path, &fixed).expect("the fixed page parses");
        assert_eq!(
            (&after.redeclared, &after.errors),
            (&before.redeclared, &before.errors),
            "{fixed}"
        );
        assert_eq!(after.unresolved, before.unresolved, "{fixed}");
        let declared = fixed.find("const getUsers").unwrap();
        let exported = fixed.find("export const preload").unwrap();
        assert!(declared < exported, "the export follows the wrapper:\n{fixed}");
    }
}

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
            // A route object beside the page's own `preload`: the export is what counts.
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export const route = { preload: () => getUsers() };
export const preload = route.preload;
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            // A route object on a page that reads no generated client: nothing to preload.
            Fixture::G5.file(
                "pages/about/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
export const route = { preload: () => {} };
export default function About() { const t = createAsync(async () => localStorage.getItem("t")); return <p>{t()}</p>; }
"#,
            ),
            // Static page: nothing to preload.
            Fixture::G5.file(
                "pages/about/index.tsx",
                "export default function About() { return <p>About</p>; }\n",
            ),
            // Layouts may preload, but need not.
            Fixture::G5.file(
                "pages/users/layout.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Layout(props) { const u = createAsync(() => getUsers()); return <div>{props.children}{String(u())}</div>; }
"#,
            ),
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";
export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
export { GET as preload };
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
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUsers = query(() => fetchClients["users"].GET(), "users");
export const preload = () => { void getUsers(); };
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
        ];
    Tester::new(&MissingPreload).pass(pass).test();
}

#[test]
fn fails() {
    let mut fail = vec![
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUsers } from "@front/{api}/users/fetch";

export default function Page() { const data = createAsync(fetchUsers); return <p>{String(data())}</p>; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";

const getUsers = query(() => fetchClients.users.GET(), "users");

export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router"
import fetchClients from "_/fetch"

const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]")

export default function Page() {
  const params = useParams()
  const user = createAsyncStore(() => getUser(params.id))
  return <p>{String(user())}</p>
}
import { createAsyncStore } from "@solidjs/router"
"#,
            ),
            // Reactive argument: no fix.
            Fixture::G5.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import { createSignal } from "solid-js";
import fetchClients from "_/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export default function Page() { const [id] = createSignal("1"); const u = createAsync(() => getUser(id())); return <p>{String(u())}</p>; }
"#,
            ),
            // G2 seed form, bare reference: the fix exports the same reference.
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";

export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
"#,
            ),
            // G2 default import: the fix exports `usersClient.GET`.
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import usersClient from "_/front/fetch/users";
export default function Page() { const data = createAsync(usersClient.GET); return <p>{String(data())}</p>; }
"#,
            ),
            // G3 query wrapper over a per-route client, read with a route param.
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            // G4 query wrapper over the fetch map: the fix calls the wrapper.
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUsers = query(() => fetchClients["users"].GET(), "users");
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            // A client destructured after the imports: the export goes after it, not before.
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const { GET } = fetchClients["users"];
export default function Page() { const s = createAsync(GET); return <p>{String(s())}</p>; }
"#,
            ),
            // A client bound inside the component cannot be named at the top level: no fix.
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/front/fetch";
export default function Page() { const { GET } = fetchClients["users"]; const s = createAsync(GET); return <p>{String(s())}</p>; }
"#,
            ),
        ];
    fail.extend(route_object_fails());
    Tester::new(&MissingPreload).fail(fail).test_and_snapshot();
}

/// Pages whose only preload is in a route object, which KosmoJS never calls.
fn route_object_fails() -> Vec<Case> {
    vec![
            // SolidStart's route object is never called by KosmoJS: the fix exports its preload.
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export const route = { preload: () => getUsers() };
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            // The object holds the module's own `preload`: the fix exports that binding.
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUsers } from "@front/{api}/users/fetch";
const preload = fetchUsers;
export const route = { preload };
export default function Page() { const data = createAsync(fetchUsers); return <p>{String(data())}</p>; }
"#,
            ),
            // Another `preload` binding than the object's: exporting either is not certain.
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
function preload() { void getUsers(); }
export const route = { preload: () => getUsers() };
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
        ]
}

/// What `--fix` makes of a page: the export after the wrapper it calls, in the page's
/// style; nothing where the argument is reactive.
#[test]
fn fixes() {
    let head = "import { createAsync, query } from \"@solidjs/router\";\nimport fetchClients from \"_/fetch\";\n\nconst getUsers = query(() => fetchClients.users.GET(), \"users\");\n";
    let page = format!("{head}\n{G5_COMPONENT}\n");
    let fixed =
        format!("{head}\nexport const preload = () => {{ void getUsers(); }};\n\n{G5_COMPONENT}\n");
    let reactive = r#"
import { createAsync, query } from "@solidjs/router";
import { createSignal } from "solid-js";
import fetchClients from "_/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export default function Page() { const [id] = createSignal("1"); const u = createAsync(() => getUser(id())); return <p>{String(u())}</p>; }
"#;
    Tester::new(&MissingPreload)
        .fix(vec![
            (Fixture::G5.file("pages/users/index.tsx", &page), fixed.as_str()),
            (Fixture::G5.file("pages/users/[id]/index.tsx", reactive), reactive),
        ])
        .test();
}

/// A route object's preload becomes the page's: exported from the object right after it
/// (`load` too), or as the module's own binding the object holds; in the file's style.
#[test]
fn route_object_fixes() {
    let route = |object: &str, semi: &str| {
        format!("{G5_IMPORTS}{G5_QUERY}\nexport const route = {object}{semi}\n{G5_COMPONENT}\n")
    };
    let exported = |object: &str, export: &str| {
        format!(
            "{G5_IMPORTS}{G5_QUERY}\nexport const route = {object};\n{export};\n{G5_COMPONENT}\n"
        )
    };
    let inline = "{ preload: () => getUsers() }";
    let load = "{ load: () => getUsers() }";
    let held = "{ preload }";
    let own = format!("{G5_IMPORTS}{G5_QUERY}\nconst preload = () => {{ void getUsers(); }};\n");
    let unsemi = "import { createAsync, query } from \"@solidjs/router\"\nimport fetchClients from \"_/fetch\"\nconst getUsers = query(() => fetchClients.users.GET(), \"users\")\nexport const route = { preload: () => getUsers() }\n";
    let unsemi_fixed = format!("{unsemi}export const preload = route.preload\n");
    Tester::new(&MissingPreload)
        .fix(vec![
            (
                Fixture::G5.file("pages/users/index.tsx", &route(inline, ";")),
                exported(inline, "export const preload = route.preload"),
            ),
            (
                Fixture::G5.file("pages/users/index.tsx", &route(load, ";")),
                exported(load, "export const preload = route.load"),
            ),
            (
                Fixture::G5.file(
                    "pages/users/index.tsx",
                    &format!("{own}export const route = {held};\n{G5_COMPONENT}\n"),
                ),
                format!(
                    "{own}export const route = {held};\nexport {{ preload }};\n{G5_COMPONENT}\n"
                ),
            ),
            // Without semicolons, as the file is written.
            (
                Fixture::G5.file("pages/users/index.tsx", &format!("{unsemi}{G5_COMPONENT}\n")),
                format!("{unsemi_fixed}{G5_COMPONENT}\n"),
            ),
        ])
        .test();
}

/// Pages of the frontends whose router calls `loader` that stay silent.
fn loader_passes() -> Vec<Case> {
    vec![
        // A loader, read with `useLoaderData()`.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = () => fetchClients.users.GET();
export default function UsersPage() { const users = useLoaderData(); return <p>{users.length}</p>; }
"#,
        ),
        // A re-exported loader is one.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect } from "react";
import fetchClients from "_/fetch";
export { loader } from "~/loaders/users";
export default function UsersPage() { useEffect(() => { void fetchClients.users.GET(); }, []); return <p />; }
"#,
        ),
        // TanStack Query pages load through their cache: `prefetch-matches-query`'s.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useQuery } from "@tanstack/react-query";
import fetchClients from "_/fetch";
export default function UsersPage() {
  const users = useQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
  return <p>{users.data?.length}</p>;
}
"#,
        ),
        // A mutation on mount, and a request in an event handler.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect } from "react";
import fetchClients from "_/fetch";
export default function UsersPage() {
  useEffect(() => { void fetchClients.users.POST([], { json: { seen: true } }); }, []);
  const reload = () => fetchClients.users.GET();
  return <button onClick={reload} />;
}
"#,
        ),
        // A request that reads component state (the search box) cannot move to a loader.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import fetchClients from "_/fetch";
export default function UsersPage() {
  const [q, setQ] = useState("");
  const [users, setUsers] = useState([]);
  useEffect(() => { fetchClients.users.GET({ query: { q } }).then(setUsers); }, [q]);
  return <input value={q} onChange={(e) => setQ(e.target.value)} />;
}
"#,
        ),
        // Nor one through a page function whose argument is state.
        Fixture::G5Vue.file(
            "pages/users/[id]/index.vue",
            r#"
<script setup lang="ts">
import { onMounted, ref } from "vue";
import fetchClients from "_/fetch";
const selected = ref("1");
const load = (id: string) => fetchClients["users/[id]"].GET([id]);
onMounted(() => { void load(selected.value); });
</script>
"#,
        ),
        // A layout is not a page.
        Fixture::G5Vue.file(
            "pages/users/layout.vue",
            r#"
<script setup lang="ts">
import { onMounted } from "vue";
import fetchClients from "_/fetch";
onMounted(() => { void fetchClients.users.GET(); });
</script>
<template><slot /></template>
"#,
        ),
        // A Vue file in a React folder is not a page of it.
        Fixture::G5React.file(
            "pages/users/index.vue",
            r#"
<script setup lang="ts">
import fetchClients from "_/fetch";
const users = await fetchClients.users.GET();
</script>
"#,
        ),
    ]
}

/// Pages of the frontends whose router calls `loader` that request on mount without one.
fn loader_fails() -> Vec<Case> {
    vec![
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useEffect, useState } from "react";
import fetchClients from "_/fetch";
export default function UsersPage() {
  const [users, setUsers] = useState([]);
  useEffect(() => { fetchClients.users.GET().then(setUsers); }, []);
  return <p>{users.length}</p>;
}
"#,
        ),
        // G1 React: the per-route fetch module, in a local function the effect calls.
        Fixture::G1React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { GET as fetchUser } from "@front/{api}/users/[id]/fetch";
export default function UserPage() {
  const { id } = useParams();
  const [user, setUser] = useState(null);
  async function load() { setUser(await fetchUser([id!])); }
  useEffect(() => { void load(); }, [id]);
  return <p>{String(user)}</p>;
}
"#,
        ),
        // Route params are known when the navigation starts.
        Fixture::G5React.file(
            "pages/users/[id]/index.tsx",
            r#"
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import fetchClients from "_/fetch";
export default function UserPage() {
  const { id } = useParams();
  const [user, setUser] = useState(null);
  useEffect(() => { fetchClients["users/[id]"].GET([id!], { query: "full" }).then(setUser); }, [id]);
  return <p>{String(user)}</p>;
}
"#,
        ),
        Fixture::G5Vue.file(
            "pages/users/index.vue",
            r#"
<script setup lang="ts">
import { onMounted, ref } from "vue";
import fetchClients from "_/fetch";
const users = ref([]);
onMounted(async () => {
  users.value = await fetchClients.users.GET();
});
</script>

<template><p>{{ users.length }}</p></template>
"#,
        ),
        Fixture::G5Svelte.file(
            "pages/users/index.svelte",
            r#"
<script lang="ts">
  import fetchClients from "_/fetch";
  const users = fetchClients.users.GET();
</script>

{#await users then all}<p>{all.length}</p>{/await}
"#,
        ),
        Fixture::G5Mdx.file(
            "pages/users/index.mdx",
            r#"import { useEffect, useState } from "react";
import fetchClients from "_/fetch";

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
fn loader_frontends() {
    Tester::new(&MissingPreload)
        .pass(loader_passes())
        .fail(loader_fails())
        .test_and_snapshot_as("loader_frontends");
}
