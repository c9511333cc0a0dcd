//! Vectors of `no-bare-function-reference`.

use super::NoBareFunctionReference;
use crate::rules::create_async_reuses_preload::CreateAsyncReusesPreload;
use crate::rules::missing_preload::MissingPreload;
use crate::tester::{Case, Fixture, Tester};

const G5_HEAD: &str = r#"import { createAsync, createAsyncStore, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
"#;
const G1_HEAD: &str = r#"import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
"#;

fn g5(text: &str) -> Case {
    Fixture::G5.file("pages/users/index.tsx", &format!("{G5_HEAD}{text}"))
}

fn g1(text: &str) -> Case {
    Fixture::G1.file("pages/users/index.tsx", &format!("{G1_HEAD}{text}"))
}

fn component(read: &str) -> String {
    format!(
        "export default function Page() {{ const data = {read}; return <p>{{String(data())}}</p>; }}\n"
    )
}

#[test]
fn passes() {
    let pass = vec![
        g5(&format!(
            "export const preload = () => getUsers();\n{}",
            component("createAsync(() => getUsers())")
        )),
        g5(&format!(
            "export const preload = ({{ params }}) => {{ void getUser(params.id); }};\n{}",
            component("createAsync(() => getUser(useParams().id))")
        )),
        // A local function written for the page may ignore its argument.
        g1(&format!(
            "const load = () => fetchData();\nexport const preload = load;\n{}",
            component("createAsync(load)")
        )),
        // SolidStart's route object is never called by KosmoJS (missing-preload's case).
        g5(&format!(
            "export const preload = () => getUsers();\nexport const route = {{ preload: getUsers }};\n{}",
            component("createAsync(() => getUsers())")
        )),
        // A function from a package is not judged.
        g5(&format!(
            "import {{ loadUsers }} from \"some-sdk\";\nexport const preload = () => getUsers();\n{}",
            component("createAsync(() => getUsers()); const more = createAsync(loadUsers)")
        )),
        // React Router's loader gets `{ params, request }`; not judged.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const loader = fetchClients["users"].GET;
export default function Page() { return <p>{String(useLoaderData())}</p>; }
"#,
        ),
    ];
    Tester::new(&NoBareFunctionReference).pass(pass).test();
}

fn seed_forms() -> Vec<Case> {
    vec![
        // The seed's G1 form, verbatim.
        g1(&format!("export const preload = fetchData;\n{}", component("createAsync(fetchData)"))),
        // A default-imported client object.
        Fixture::G1.file(
            "pages/index/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import usersClient from "@front/{api}/users/fetch";
export const preload = usersClient.GET;
export default function Page() { const users = createAsync(usersClient.GET); return <p>{String(users())}</p>; }
"#,
        ),
        // G2/G3: a per-route client module.
        Fixture::G3.file(
            "pages/users/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";
export const preload = GET;
export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
"#,
        ),
        // G4 docs: `export { GET as preload }` + `createAsync(GET)`, a route with params.
        Fixture::G4.file(
            "pages/users/[id]/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const { GET } = fetchClients["users/[id]"];
export { GET as preload };
export default function Page() { const user = createAsync(GET); return <p>{String(user())}</p>; }
"#,
        ),
    ]
}

fn query_forms() -> Vec<Case> {
    vec![
        g5(&format!("export const preload = getUsers;\n{}", component("createAsync(getUsers)"))),
        g5(&format!("export const load = getUsers;\n{}", component("createAsyncStore(getUsers)"))),
        // A wrapper that takes the id: no fix.
        g5(&format!(
            "export const preload = ({{ params }}) => getUser(params.id);\n{}",
            component("createAsync(getUser)")
        )),
        // A wrapper of a shared module, through the module graph.
        Fixture::G5
            .file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { getTeam } from "../../queries";
export const preload = () => getTeam();
export default function Page() { const team = createAsync(getTeam); return <p>{String(team())}</p>; }
"#,
            )
            .with(
                "queries.ts",
                r#"import { query } from "@solidjs/router";
import fetchClients from "_/fetch";
export const getTeam = query(() => fetchClients.users.GET(), "team");
"#,
            ),
    ]
}

#[test]
fn fails() {
    let mut fail = seed_forms();
    fail.extend(query_forms());
    Tester::new(&NoBareFunctionReference).fail(fail).test_and_snapshot();
}

#[test]
fn fixes() {
    Tester::new(&NoBareFunctionReference)
        .alongside(&[&CreateAsyncReusesPreload, &MissingPreload])
        .fix(vec![
            (
                g5(&format!(
                    "export const preload = getUsers;\n{}",
                    component("createAsync(getUsers)")
                )),
                format!(
                    "{G5_HEAD}export const preload = () => getUsers();\n{}",
                    component("createAsync(() => getUsers())")
                ),
            ),
            // A route without params: calling the client with nothing is what it takes.
            (
                g1(&format!(
                    "export const preload = fetchData;\n{}",
                    component("createAsync(fetchData)")
                )),
                format!(
                    "{G1_HEAD}export const preload = () => fetchData();\n{}",
                    component("createAsync(() => fetchData())")
                ),
            ),
            // A wrapper that takes the id, and a client whose route has params: unchanged.
            (
                g5(&format!(
                    "export const preload = ({{ params }}) => getUser(params.id);\n{}",
                    component("createAsync(getUser)")
                )),
                format!(
                    "{G5_HEAD}export const preload = ({{ params }}) => getUser(params.id);\n{}",
                    component("createAsync(getUser)")
                ),
            ),
        ])
        .test();
}
