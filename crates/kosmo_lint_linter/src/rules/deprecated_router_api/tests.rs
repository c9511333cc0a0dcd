//! Vectors of `deprecated-router-api`.

use super::DeprecatedRouterApi;
use crate::rules::create_async_reuses_preload::CreateAsyncReusesPreload;
use crate::rules::missing_preload::MissingPreload;
use crate::rules::preload_no_await::PreloadNoAwait;
use crate::tester::{Fixture, Tester};

const G5_CACHE: &str = r#"import { cache, createAsync, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUser = cache((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
"#;
const G5_QUERY: &str = r#"import { query, createAsync, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
"#;
const PAGE: &str = r#"export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#;
const PRELOAD: &str = "export const preload = ({ params }) => { void getUser(params.id); };\n";
const LOAD: &str = "export const load = ({ params }) => { void getUser(params.id); };\n";

fn g5(text: &str) -> crate::tester::Case {
    Fixture::G5.file("pages/users/[id]/index.tsx", text)
}

#[test]
fn passes() {
    let pass = vec![
        g5(&format!("{G5_QUERY}{PRELOAD}{PAGE}")),
        // A local `cache` that is not Solid Router's.
        g5(&format!("{G5_QUERY}const cache = new Map();\n{PRELOAD}{PAGE}")),
        // React Router's data export is `loader`; a `load` there is nobody's.
        Fixture::G5React.file(
            "pages/users/index.tsx",
            r#"
import { useLoaderData } from "react-router";
import fetchClients from "_/fetch";
export const load = () => fetchClients["users"].GET();
export const loader = () => fetchClients["users"].GET();
export default function Page() { return useLoaderData(); }
"#,
        ),
    ];
    Tester::new(&DeprecatedRouterApi).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        // G1, the seed's era: `export { fetchData as load }`.
        Fixture::G1.file(
            "pages/users/index.tsx",
            r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
export { fetchData as load };
export default function Page() { const data = createAsync(fetchData); return <p>{String(data())}</p>; }
"#,
        ),
        // G4: `cache` and `export function load`.
        Fixture::G4.file(
            "pages/users/[id]/index.tsx",
            r#"
import { cache, createAsync, useParams } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUser = cache((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export function load({ params }) { void getUser(params.id); }
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
        ),
        // G5: a route object's `load`, no fix; `load` referenced, no fix.
        g5(&format!("{G5_QUERY}export const route = {{ load: () => getUser(\"1\") }};\n{PRELOAD}{PAGE}")),
        g5(&format!("{G5_QUERY}{LOAD}export const route = {{ load }};\n{PAGE}")),
    ];
    Tester::new(&DeprecatedRouterApi).fail(fail).test_and_snapshot();
}

#[test]
fn fixes() {
    let rename = |text: &str| text.replace("cache", "query");
    Tester::new(&DeprecatedRouterApi)
        .alongside(&[&MissingPreload, &CreateAsyncReusesPreload, &PreloadNoAwait])
        .fix(vec![
            // Both renames at once; the result is what the preload rules expect.
            (g5(&format!("{G5_CACHE}{LOAD}{PAGE}")), rename(&format!("{G5_CACHE}{PRELOAD}{PAGE}"))),
            // `query` taken: the import keeps the local name.
            (
                g5(&format!("{G5_CACHE}import {{ query }} from \"@solidjs/router\";\n{PRELOAD}{PAGE}")),
                format!("{G5_CACHE}import {{ query }} from \"@solidjs/router\";\n{PRELOAD}{PAGE}")
                    .replacen("{ cache,", "{ query as cache,", 1),
            ),
            // A shorthand use: `{ cache }` would change the key.
            (
                g5(&format!("{G5_CACHE}export const api = {{ cache }};\n{PRELOAD}{PAGE}")),
                format!("{G5_CACHE}export const api = {{ cache }};\n{PRELOAD}{PAGE}")
                    .replacen("{ cache,", "{ query as cache,", 1),
            ),
            // An alias keeps its local name.
            (
                g5(&format!("{G5_CACHE}{PRELOAD}{PAGE}").replace("{ cache,", "{ cache as cached,").replace("= cache(", "= cached(")),
                format!("{G5_CACHE}{PRELOAD}{PAGE}").replace("{ cache,", "{ query as cached,").replace("= cache(", "= cached("),
            ),
            // `export { load }` keeps the binding.
            (
                g5(&format!("{G5_QUERY}const load = ({{ params }}) => {{ void getUser(params.id); }};\nexport {{ load }};\n{PAGE}")),
                format!("{G5_QUERY}const load = ({{ params }}) => {{ void getUser(params.id); }};\nexport {{ load as preload }};\n{PAGE}"),
            ),
            // `load` is referenced: not renamed.
            (
                g5(&format!("{G5_QUERY}{LOAD}export const route = {{ load }};\n{PAGE}")),
                format!("{G5_QUERY}{LOAD}export const route = {{ load }};\n{PAGE}"),
            ),
        ])
        .test();
}
