//! Vectors of `create-async-reuses-preload`.

use super::CreateAsyncReusesPreload;
use crate::tester::{Case, Fixture, Tester};

const G5_HEAD: &str = r#"import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const { GET } = fetchClients["users/[id]"];
const getUser = query((id: string) => GET([id]), "users/[id]");
"#;

fn g5_page(rest: &str) -> Case {
    Fixture::G5.file("pages/users/[id]/index.tsx", &format!("{G5_HEAD}{rest}"))
}

#[test]
fn passes() {
    let pass = vec![
            // A preload that calls a function kosmo-lint cannot follow (here a module that does
            // not exist) may well warm `getUser`: not judged.
            g5_page(
                r#"
import { "" as loadAll } from "./data";
export const preload = () => { void loadAll(); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
export default function Page() { const data = createAsync(fetchData); return <p>{String(data())}</p>; }
export const preload = fetchData;
"#,
            ),
            g5_page(
                r#"
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            g5_page(
                r#"
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page(props) { const u = createAsync(() => getUser(props.params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            g5_page(
                r#"
export const preload = (args) => { void getUser(args.params.id); };
export default function Page() { const u = createAsync(() => getUser(useParams().id)); return <p>{String(u())}</p>; }
"#,
            ),
            // A route object's preload is never called, so it warms nothing: missing-preload's
            // business, not this rule's.
            g5_page(
                r#"
const loadUser = query((id: string) => GET([id]), "users/[id]#view");
export const route = { preload: ({ params }) => { void loadUser(params.id); } };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            // No preload: missing-preload's business, not this rule's.
            g5_page(
                r#"
export default function Page() { const params = useParams(); const u = createAsync(() => GET([params.id])); return <p>{String(u())}</p>; }
"#,
            ),
            // Data that does not come from a generated client is not this rule's business.
            g5_page(
                r#"
const getTheme = () => localStorage.getItem("theme");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); const t = createAsync(async () => getTheme()); return <p>{String(u())}{t()}</p>; }
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
            // The same bare binding over a plain function: no query cache exists to miss (the
            // double fetch it causes is `preload-query-cache`'s finding).
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/fetch";
const loadUsers = () => fetchClients.users.GET();
export const preload = loadUsers;
export default function Page() { const data = createAsync(loadUsers); return <p>{String(data())}</p>; }
"#,
            ),
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page(props) { const u = createAsync(() => getUser(props.params.id)); return <p>{String(u())}</p>; }
"#,
            ),
        ];
    Tester::new(&CreateAsyncReusesPreload).pass(pass).pass(bare_reference_passes()).test();
}

#[test]
fn fails() {
    let mut fail = vec![
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUsers } from "@front/{api}/users/fetch";
import { GET as fetchUser } from "@front/{api}/users/[id]/fetch";
export default function Page() { const data = createAsync(fetchUser); return <p>{String(data())}</p>; }
export const preload = fetchUsers;
"#,
            ),
            g5_page(
                r#"
const loadUser = query((id: string) => GET([id]), "users/[id]#view");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const params = useParams(); const u = createAsync(() => loadUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            g5_page(
                r#"
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(Number(params.id))); return <p>{String(u())}</p>; }
"#,
            ),
            g5_page(
                r#"
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const params = useParams(); const u = createAsync(() => fetch(`/api/users/${params.id}`)); return <p>{String(u())}</p>; }
"#,
            ),
            g5_page(
                r#"
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const users = createAsyncStore(() => fetchClients["users"].GET()); return <p>{String(users())}</p>; }
import { createAsyncStore } from "@solidjs/router";
"#,
            ),
            // G2: the preload warms the list, the component reads one user.
            Fixture::G2.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import usersClient from "_/front/fetch/users";
import { GET } from "_/front/fetch/users/[id]";
export const preload = usersClient.GET;
export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
"#,
            ),
            // G3: the client called directly, past the `query()` wrapper the preload warms.
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const params = useParams(); const u = createAsync(() => GET([params.id])); return <p>{String(u())}</p>; }
"#,
            ),
            // G4: a wrapper the preload does not call at all.
            Fixture::G4.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUsers = query(() => fetchClients["users"].GET(), "users");
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export const preload = () => { void getUsers(); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            // A preload that loads nothing names no function: the help says what to load.
            g5_page(
                r#"
export const preload = () => {};
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            g5_page(
                r#"
export function preload() { console.log("preload"); }
export default function Page() { const params = useParams(); const u = createAsync(() => fetch(`/api/users/${params.id}`)); return <p>{String(u())}</p>; }
"#,
            ),
            // A client of the route named "" is named with its quotes.
            g5_page(
                r#"
export const preload = () => { void fetchClients[""].GET(); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
        ];
    fail.extend(several_warmed_fails());
    let rendered = Tester::new(&CreateAsyncReusesPreload).fail(fail).test_and_snapshot();
    assert!(
        !rendered.contains("through ,") && !rendered.contains("``"),
        "an empty name: {rendered}"
    );
}

/// Bare references to `query()` wrappers, in `createAsync` and in `preload`: wrong keys, but
/// `no-bare-function-reference`'s finding, not this rule's.
fn bare_reference_passes() -> Vec<Case> {
    vec![
            // `createAsync` calls `getUser(prev)`, the router calls a bare preload with
            // `{ params, location, intent }`.
            g5_page(
                r#"
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const u = createAsync(getUser); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export const preload = () => { void getUsers(); };
export default function Page() { const u = createAsyncStore(getUsers); return <p>{String(u())}</p>; }
import { createAsyncStore } from "@solidjs/router";
"#,
            ),
            // In any generation, the same-binding form over a wrapper.
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import { GET as fetchUsers } from "@front/{api}/users/fetch";
const getUsers = query(() => fetchUsers(), "users");
export const preload = getUsers;
export default function Page() { const data = createAsync(getUsers); return <p>{String(data())}</p>; }
"#,
            ),
        ]
}

/// A preload that warms several functions: the one that loads the route read is named.
fn several_warmed_fails() -> Vec<Case> {
    vec![
        // The preload warms two wrappers: the message names the one over the route read.
        g5_page(
            r#"
const getUsers = query(() => fetchClients["users"].GET(), "users");
const listUsers = query(() => fetchClients["users"].GET(), "users#list");
export const preload = ({ params }) => { void getUser(params.id); void getUsers(); };
export default function Page() { const all = createAsync(() => listUsers()); return <p>{String(all())}</p>; }
"#,
        ),
        // Neither loads the route read, nor makes the request: the help names both.
        g5_page(
            r#"
const getUsers = query(() => fetchClients["users"].GET(), "users");
export const preload = ({ params }) => { void getUser(params.id); void getUsers(); };
export default function Page() { const p = createAsync(() => fetchClients["posts"].GET()); const r = createAsync(() => fetch("/api/posts")); return <p>{String(p())}{String(r())}</p>; }
"#,
        ),
    ]
}
