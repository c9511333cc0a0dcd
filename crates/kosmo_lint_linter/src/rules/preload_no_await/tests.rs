//! Vectors of `preload-no-await`.

use super::PreloadNoAwait;
use crate::tester::{Fixture, Tester};

const G5_HEAD: &str = r#"import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients["users"].GET(), "users");
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
"#;

const G5_PAGE: &str = r#"
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#;

fn g5(preload: &str) -> crate::tester::Case {
    Fixture::G5.file("pages/users/[id]/index.tsx", &format!("{G5_HEAD}{preload}{G5_PAGE}"))
}

#[test]
fn passes() {
    let pass = vec![
        // The fire-and-forget form the rule recommends.
        g5("export const preload = ({ params }) => { void getUser(params.id); void getUsers(); };"),
        // A single await with nothing after it delays nothing.
        g5("export const preload = async ({ params }) => { await getUser(params.id); };"),
        g5("export const preload = async ({ params }) => await getUser(params.id);"),
        // Its value is used: the next request may depend on it.
        g5(
            "export const preload = async ({ params }) => { const u = await getUser(params.id); void getUsers(u); };",
        ),
        // Parallel already.
        g5(
            "export const preload = async ({ params }) => { await Promise.all([getUser(params.id), getUsers()]); };",
        ),
        // The same read again is a cache hit, not a second request.
        g5(
            "export const preload = async ({ params }) => { await getUser(params.id); void getUser(params.id); };",
        ),
        // A write may be what the next request needs (a session refreshed first).
        g5(
            "export const preload = async () => { await fetchClients[\"users\"].POST({}); void getUsers(); };",
        ),
        // Under a condition the later call may be in the other branch.
        g5(
            "export const preload = async ({ params, intent }) => { if (intent === \"preload\") { await getUser(params.id); } else { void getUsers(); } };",
        ),
        // Awaits in a callback the preload hands on belong to it.
        g5(
            "export const preload = ({ params }) => { [params.id].forEach(async (id) => { await getUser(id); }); void getUsers(); };",
        ),
        // A later call in a callback runs when the callback does (here: never).
        g5(
            "export const preload = async ({ params }) => { await getUser(params.id); const later = () => getUsers(); };",
        ),
        // Nothing after the await is a data call.
        g5(
            "export const preload = async ({ params }) => { await getUser(params.id); console.log(\"warm\"); };",
        ),
        // React Router awaits its loader: an `await` is how it returns data.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = async () => { await fetchClients["users"].GET(); return fetchClients["users/[id]"].GET(["1"]); };
export const preload = async () => { await fetchClients["users"].GET(); await fetchClients["users/[id]"].GET(["1"]); };
export default function Page() { return useLoaderData(); }
"#,
        ),
    ];
    Tester::new(&PreloadNoAwait).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        // G1, the seed's era: two generated clients in sequence.
        Fixture::G1.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUser } from "@front/{api}/users/[id]/fetch";
import { GET as fetchUsers } from "@front/{api}/users/fetch";
export async function preload() {
  await fetchUsers();
  await fetchUser(["1"]);
}
export default function Page() { const data = createAsync(fetchUsers); return <p>{String(data())}</p>; }
"#,
        ),
        // G4: `query()` wrappers, the second request after the first.
        Fixture::G4.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUsers = query(() => fetchClients["users"].GET(), "users");
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export const preload = async ({ params }) => {
  await getUser(params.id);
  await getUsers();
};
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
        ),
        // G5: through a local function, in a `try`, and the deprecated `load`.
        g5(
            "const loadAll = async (id: string) => { await getUsers(); void getUser(id); };\nexport const preload = ({ params }) => { void loadAll(params.id); };",
        ),
        g5(
            "export const preload = async ({ params }) => { try { await getUser(params.id); } catch {} void getUsers(); };",
        ),
        g5(
            "async function warm(id: string) { await getUser(id); return getUsers(); }\nexport { warm as load };",
        ),
    ];
    Tester::new(&PreloadNoAwait).fail(fail).test_and_snapshot();
}
