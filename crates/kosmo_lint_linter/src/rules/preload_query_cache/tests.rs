//! Vectors of `preload-query-cache`.

use super::PreloadQueryCache;
use crate::rules::create_async_reuses_preload::CreateAsyncReusesPreload;
use crate::rules::missing_preload::MissingPreload;
use crate::rules::no_bare_function_reference::NoBareFunctionReference;
use crate::rules::preload_no_await::PreloadNoAwait;
use crate::tester::{Case, Fixture, Tester};

const G1_HEAD: &str = r#"import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
"#;
const G5_HEAD: &str = r#"import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
"#;

fn g1(text: &str) -> Case {
    Fixture::G1.file("pages/users/index.tsx", &format!("{G1_HEAD}{text}"))
}

fn g5(text: &str) -> Case {
    Fixture::G5.file("pages/users/[id]/index.tsx", &format!("{G5_HEAD}{text}"))
}

fn component(read: &str) -> String {
    format!(
        "export default function Page() {{ const data = {read}; return <p>{{String(data())}}</p>; }}\n"
    )
}

#[test]
fn passes() {
    let pass = vec![
        // The `query()` form the KosmoJS docs teach.
        g5(&format!(
            "const getUser = query((id: string) => fetchClients[\"users/[id]\"].GET([id]), \"users/[id]\");\nexport const preload = ({{ params }}) => {{ void getUser(params.id); }};\n{}",
            component("createAsync(() => getUser(useParams().id))")
        )),
        // A local function that calls a wrapper is cached through it.
        g5(&format!(
            "const getUsers = query(() => fetchClients.users.GET(), \"users\");\nconst load = () => getUsers();\nexport const preload = load;\n{}",
            component("createAsync(() => load())")
        )),
        // The component reads something else: `create-async-reuses-preload`'s question.
        g1(&format!("export const preload = () => fetchData();\n{}", component("createAsync(() => Promise.resolve(1))"))),
        // An imported wrapper, through the module graph.
        Fixture::G5
            .file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { getTeam } from "../../queries";
export const preload = () => getTeam();
export default function Page() { const team = createAsync(() => getTeam()); return <p>{String(team())}</p>; }
"#,
            )
            .with(
                "queries.ts",
                "import { query } from \"@solidjs/router\";\nimport fetchClients from \"_/fetch\";\nexport const getTeam = query(() => fetchClients.users.GET(), \"team\");\n",
            ),
        // A loader hands its result over: not Solid's cache question.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            "import { useLoaderData } from \"react-router\";\nimport fetchClients from \"_/fetch\";\nexport const loader = () => fetchClients.users.GET();\nexport default function Page() { return <p>{String(useLoaderData())}</p>; }\n",
        ),
    ];
    Tester::new(&PreloadQueryCache).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        // The seed's G1 form.
        g1(&format!("export const preload = fetchData;\n{}", component("createAsync(fetchData)"))),
        // Both sides call the client: the spec's "plain function" example.
        g5(&format!(
            "export const preload = ({{ params }}) => fetchClients[\"users/[id]\"].GET([params.id]);\n{}",
            component("createAsync(() => fetchClients[\"users/[id]\"].GET([useParams().id]))")
        )),
        // A local function over a client.
        g1(&format!("const loadUsers = async () => (await fetchData()) ?? [];\nexport const preload = () => loadUsers();\n{}", component("createAsync(() => loadUsers())"))),
        // G2: a per-route client module, called on both sides.
        Fixture::G2.file(
            "pages/users/index.tsx",
            "import { createAsync } from \"@solidjs/router\";\nimport { GET } from \"_/front/fetch/users\";\nexport const preload = () => GET();\nexport default function Page() { const users = createAsync(() => GET()); return <p>{String(users())}</p>; }\n",
        ),
        // G4 docs: `export { GET as preload }` + `createAsync(GET)`.
        Fixture::G4.file(
            "pages/users/index.tsx",
            "import { createAsync } from \"@solidjs/router\";\nimport fetchClients from \"_/front/fetch\";\nconst { GET } = fetchClients[\"users\"];\nexport { GET as preload };\nexport default function Page() { const users = createAsync(GET); return <p>{String(users())}</p>; }\n",
        ),
    ];
    Tester::new(&PreloadQueryCache).fail(fail).test_and_snapshot();
}

#[test]
fn fixes() {
    let all: &[&'static dyn crate::Rule] =
        &[&NoBareFunctionReference, &CreateAsyncReusesPreload, &MissingPreload, &PreloadNoAwait];
    Tester::new(&PreloadQueryCache)
        .alongside(all)
        .unsafe_fix(vec![
            // The seed's form: `query` is imported beside `createAsync`; the bare references
            // become calls of the wrapper (`no-bare-function-reference`'s arrows are merged in).
            (
                g1(&format!("export const preload = fetchData;\n{}", component("createAsync(fetchData)"))),
                format!(
                    "import {{ createAsync, query }} from \"@solidjs/router\";\nimport {{ GET as fetchData }} from \"@front/{{api}}/users/fetch\";\n\nconst getUsers = query(() => fetchData(), \"users#getUsers\");\nexport const preload = () => getUsers();\n{}",
                    component("createAsync(() => getUsers())")
                ),
            ),
            // A local function called with no arguments; `getUsers` is taken.
            (
                g1(&format!("const getUsers = 1;\nconst loadUsers = () => fetchData();\nexport const preload = () => loadUsers();\n{}", component("createAsync(() => loadUsers())"))),
                format!(
                    "import {{ createAsync, query }} from \"@solidjs/router\";\nimport {{ GET as fetchData }} from \"@front/{{api}}/users/fetch\";\nconst getUsers = 1;\nconst loadUsers = () => fetchData();\nconst getUsers2 = query(() => loadUsers(), \"users#getUsers2\");\n\nexport const preload = () => getUsers2();\n{}",
                    component("createAsync(() => getUsers2())")
                ),
            ),
        ])
        .unsafe_fix(vec![
            // A client whose route has a required param: a wrapper calling it with nothing
            // would be wrong; the author picks its parameters.
            (
                Fixture::G1.file(
                    "pages/users/[id]/index.tsx",
                    "import { createAsync } from \"@solidjs/router\";\nimport { GET as fetchUser } from \"@front/{api}/users/[id]/fetch\";\nexport const preload = fetchUser;\nexport default function Page() { const u = createAsync(fetchUser); return <p>{String(u())}</p>; }\n",
                ),
                "import { createAsync } from \"@solidjs/router\";\nimport { GET as fetchUser } from \"@front/{api}/users/[id]/fetch\";\nexport const preload = fetchUser;\nexport default function Page() { const u = createAsync(fetchUser); return <p>{String(u())}</p>; }\n".to_owned(),
            ),
            // What `no-bare-function-reference`'s safe fixes leave: calls of the client.
            (
                g1(&format!("export const preload = () => fetchData();\n{}", component("createAsync(() => fetchData())"))),
                format!(
                    "import {{ createAsync, query }} from \"@solidjs/router\";\nimport {{ GET as fetchData }} from \"@front/{{api}}/users/fetch\";\nconst getUsers = query(() => fetchData(), \"users#getUsers\");\n\nexport const preload = () => getUsers();\n{}",
                    component("createAsync(() => getUsers())")
                ),
            ),
        ])
        .fix(vec![
            // Safe fixes only: the bare references become arrows; the cache stays the author's.
            (
                g1(&format!("export const preload = fetchData;\n{}", component("createAsync(fetchData)"))),
                format!("{G1_HEAD}export const preload = () => fetchData();\n{}", component("createAsync(() => fetchData())")),
            ),
        ])
        .test();
}
