//! Vectors of `prefetch-matches-query`.

use super::PrefetchMatchesQuery;
use crate::tester::{Case, Fixture, Tester};

const REACT_HEAD: &str = r#"import { queryOptions, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import fetchClients from "_/fetch";
import { getQueryClient } from "_/query";
"#;

const SOLID_HEAD: &str = r#"import { createQuery, useQuery } from "@tanstack/solid-query";
import { useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
import { getQueryClient } from "_/query";
"#;

/// The G5 React folder's config with TanStack Query turned on, as its docs show it.
const REACT_CONFIG: &str = r#"import { defineConfig } from "@kosmojs/dev";
export default defineConfig({ frontend: { stack: "react", base: "/", tanstack: { query: true } }, backend: { stack: "hono", base: "/api" } });
"#;

fn react(path: &str, rest: &str) -> Case {
    Fixture::G5React.file(path, &format!("{REACT_HEAD}{rest}"))
}

fn react_users(rest: &str) -> Case {
    react("pages/users/index.tsx", rest)
}

fn solid_users(rest: &str) -> Case {
    Fixture::G5.file("pages/users/index.tsx", &format!("{SOLID_HEAD}{rest}"))
}

#[test]
fn passes() {
    let mut pass = vec![
        // The same inline key and request on both sides.
        react_users(
            r#"
export const loader = () => getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export default function Page() { const users = useQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() }); return <p>{users.data?.length}</p>; }
"#,
        )
        .with("kosmo.config.ts", REACT_CONFIG),
        // One local factory, the route param read two ways.
        react(
            "pages/users/[id]/index.tsx",
            r#"
function userQuery(id: string) {
  return queryOptions({ queryKey: ["user", id], queryFn: () => fetchClients["users/[id]"].GET([id]) });
}
export async function loader({ params }) { await getQueryClient().ensureQueryData(userQuery(params.id!)); return null; }
export default function Page() { const { id = "" } = useParams(); const user = useSuspenseQuery(userQuery(id)); return <p>{user.data.name}</p>; }
"#,
        ),
        // A factory shared through a module of its own: the same call matches by construction.
        react_users(
            r#"
import { usersQuery } from "~/queries/users";
const load = async () => { await getQueryClient().prefetchQuery(usersQuery({ page: 1 })); return null; };
export { load as loader };
export default function Page() { const users = useQuery(usersQuery({ page: 1 })); return <p>{users.data?.length}</p>; }
"#,
        )
        .with(
            "queries/users.ts",
            r#"
import { queryOptions } from "@tanstack/react-query";
import fetchClients from "_/fetch";
export const usersQuery = (query: { page: number }) =>
  queryOptions({ queryKey: ["users", query], queryFn: () => fetchClients.users.GET([], { query }) });
"#,
        ),
        // Object properties in another order are the same key.
        react_users(
            r#"
export const loader = () => getQueryClient().prefetchQuery({ queryKey: ["users", { page: 1, sort: "name" }], queryFn: () => fetchClients.users.GET([], { query: { page: 1, sort: "name" } }) });
export default function Page() { const users = useQuery({ queryKey: ["users", { sort: "name", page: 1 }], queryFn: () => fetchClients.users.GET([], { query: { sort: "name", page: 1 } }) }); return <p>{users.data?.length}</p>; }
"#,
        ),
        // The component's key has parts only known at run time (state): it may be the
        // prefetched one.
        react(
            "pages/users/[id]/index.tsx",
            r#"
import { useState } from "react";
export const loader = ({ params }) => getQueryClient().prefetchQuery({ queryKey: ["user", params.id, "posts"], queryFn: () => fetchClients["users/[id]"].GET([params.id]) });
export default function Page() {
  const { id = "" } = useParams();
  const [tab, setTab] = useState("posts");
  const user = useQuery({ queryKey: ["user", id, tab], queryFn: () => fetchClients["users/[id]"].GET([id]) });
  return <button onClick={() => setTab("likes")}>{user.data?.name}</button>;
}
"#,
        ),
        // A param may hold the literal the other side has.
        react(
            "pages/users/[id]/index.tsx",
            r#"
export const loader = ({ params }) => getQueryClient().prefetchQuery({ queryKey: ["user", params.id], queryFn: () => fetchClients["users/[id]"].GET([params.id]) });
export default function Page() { const { id = "" } = useParams(); const u = useQuery({ queryKey: ["user", "1"], queryFn: () => fetchClients["users/[id]"].GET([id]) }); return <p>{u.data?.name}</p>; }
"#,
        ),
        // The prefetched request is read by no query here: a child component may read it.
        react_users(
            r#"
import { Stats } from "~/components/Stats";
export const loader = () => getQueryClient().prefetchQuery({ queryKey: ["users", "stats"], queryFn: () => fetchClients["users/[id]"].GET(["stats"]) });
export default function Page() { const users = useQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() }); return <Stats count={users.data?.length} />; }
"#,
        ),
        // A query that may not run on mount is no evidence of a second fetch.
        react_users(
            r#"
export const loader = () => getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export default function Page({ open }) { const users = useQuery({ queryKey: ["directory"], queryFn: () => fetchClients.users.GET(), enabled: open }); return <p>{users.data?.length}</p>; }
"#,
        ),
        // The loader's data handed over as `initialData` may be fresh enough not to fetch.
        react_users(
            r#"
import { useLoaderData } from "react-router";
export const loader = () => getQueryClient().ensureQueryData({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export default function Page() { const users = useQuery({ queryKey: ["directory"], queryFn: () => fetchClients.users.GET(), initialData: useLoaderData(), staleTime: 60_000 }); return <p>{users.data.length}</p>; }
"#,
        ),
        // A React folder's router calls `loader`, not `preload`.
        react_users(
            r#"
export const preload = () => getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export default function Page() { const users = useQuery({ queryKey: ["directory"], queryFn: () => fetchClients.users.GET() }); return <p>{users.data?.length}</p>; }
"#,
        ),
    ];
    pass.extend(solid_passes());
    pass.extend(mailhub_shaped());
    Tester::new(&PrefetchMatchesQuery).pass(pass).test();
}

/// SolidJS pages: `preload` and `createQuery` / `useQuery` from `@tanstack/solid-query`.
fn solid_passes() -> Vec<Case> {
    vec![
        // SolidJS: the same factory, passed bare or called in the accessor.
        solid_users(
            r#"
const usersQuery = () => ({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export const preload = () => { void getQueryClient().prefetchQuery(usersQuery()); };
export default function Page() { const a = createQuery(usersQuery); const b = useQuery(() => usersQuery()); return <p>{a.data?.length}{b.data?.length}</p>; }
"#,
        ),
        // SolidJS pages are read through `preload` only.
        solid_users(
            r#"
export const loader = () => getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export default function Page() { const users = createQuery(() => ({ queryKey: ["directory"], queryFn: () => fetchClients.users.GET() })); return <p>{users.data?.length}</p>; }
"#,
        ),
    ]
}

/// Pages in the shape of a public KosmoJS app on React and TanStack Query
/// (kosmostash/mailhub): queries in the component and in sub-components of the module, keys
/// built from route params and component state, no loader; and the same with a loader added.
fn mailhub_shaped() -> Vec<Case> {
    let collection = r#"
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
const Panel = () => {
  const choices = useQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
  return <ul>{(choices.data ?? []).map((c) => <li key={c.id}>{c.name}</li>)}</ul>;
};
export default function UserPage() {
  const { id = "" } = useParams();
  const client = useQueryClient();
  const [offset, setOffset] = useState(0);
  const user = useQuery({ queryKey: ["user", id], queryFn: () => fetchClients["users/[id]"].GET([id]) });
  const page = useQuery({ queryKey: ["user", id, "page", offset], queryFn: () => fetchClients["users/[id]"].GET([id], { query: { offset } }) });
  const save = useMutation({ mutationFn: () => fetchClients.users.POST([], { json: { id } }), onSuccess: () => void client.invalidateQueries() });
  if (user.isPending) return null;
  return <><h1>{user.data?.name}</h1><Panel /><button onClick={() => { setOffset(offset + 50); save.mutate(); }}>{page.data?.name}</button></>;
}
"#;
    vec![
        react_users(
            r#"
export default function UsersPage() {
  const users = useQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
  if (users.isPending) return null;
  return <ul>{users.data.map((u) => <li key={u.id}>{u.name}</li>)}</ul>;
}
"#,
        )
        .with("kosmo.config.ts", REACT_CONFIG),
        react("pages/users/[id]/index.tsx", collection).with("kosmo.config.ts", REACT_CONFIG),
        react(
            "pages/users/[id]/index.tsx",
            &format!(
                "export const loader = ({{ params }}) => getQueryClient().prefetchQuery({{ queryKey: [\"user\", params.id], queryFn: () => fetchClients[\"users/[id]\"].GET([params.id]) }});\n{collection}"
            ),
        ),
    ]
}

#[test]
fn fails() {
    let fail = vec![
        // ["users"] prefetched, ["directory"] read: the same request under another key.
        react_users(
            r#"
export const loader = async () => {
  await getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
  return null;
};
export default function Page() { const users = useQuery({ queryKey: ["directory"], queryFn: () => fetchClients.users.GET() }); return <p>{users.data?.length}</p>; }
"#,
        )
        .with("kosmo.config.ts", REACT_CONFIG),
        // A different literal in a key with a param, through a factory on one side.
        react(
            "pages/users/[id]/index.tsx",
            r#"
const userQuery = (id: string) => queryOptions({ queryKey: ["user", id], queryFn: () => fetchClients["users/[id]"].GET([id]) });
export function loader({ params }) { return getQueryClient().ensureQueryData(userQuery(params.id)); }
export default function Page() {
  const params = useParams();
  const user = useSuspenseQuery({ queryKey: ["users", params.id], queryFn: () => fetchClients["users/[id]"].GET([params.id]) });
  return <p>{user.data.name}</p>;
}
"#,
        ),
        // The same key, another route: the component is given the list for one user.
        react(
            "pages/users/[id]/index.tsx",
            r#"
export const loader = () => getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
export default function Page() { const { id = "" } = useParams(); const user = useQuery({ queryKey: ["users"], queryFn: () => fetchClients["users/[id]"].GET([id]) }); return <p>{user.data?.name}</p>; }
"#,
        ),
        // SolidJS: `preload` warms a key the component does not read.
        solid_users(
            r#"
export const preload = () => {
  void getQueryClient().prefetchQuery({ queryKey: ["users"], queryFn: () => fetchClients.users.GET() });
};
export default function Page() { const users = createQuery(() => ({ queryKey: ["users", "all"], queryFn: () => fetchClients.users.GET() })); return <p>{users.data?.length}</p>; }
"#,
        ),
        // A local helper the loader calls prefetches; a sub-component reads.
        react_users(
            r#"
function warmUsers() { return getQueryClient().prefetchQuery({ queryKey: ["users", { page: 1 }], queryFn: () => fetchClients.users.GET([], { query: { page: 1 } }) }); }
export const loader = async () => { await warmUsers(); return null; };
const List = () => { const users = useQuery({ queryKey: ["users", { page: "1" }], queryFn: () => fetchClients.users.GET([], { query: { page: 1 } }) }); return <p>{users.data?.length}</p>; };
export default function Page() { return <List />; }
"#,
        ),
    ];
    Tester::new(&PrefetchMatchesQuery).fail(fail).test_and_snapshot();
}
