//! `preload-generated-fetch`: a Solid page's `preload` loads through a generated fetch client.

use kosmo_lint_core::facts::FunctionValue;

use crate::context::FindingExt;
use crate::data_flow::Reach;
use crate::suggest::{client_usage, conventional_route};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks that the `preload` export of a SolidJS page or layout loads its data through a
    /// generated KosmoJS fetch client: directly (`export const preload = fetchData`, G1), or
    /// through a `query()` wrapper or local function whose body calls one
    /// (`fetchClients["users/[id]"].GET`, a destructured method of it, a per-route fetch
    /// module). `query()` wrappers and functions of the same file are followed.
    ///
    /// A preload in `export const route = { preload }` is not checked: KosmoJS's route table
    /// reads only the module's `preload` export, so nothing calls it (`missing-preload`
    /// reports such a page when it reads a generated client).
    ///
    /// ### Why is this bad?
    ///
    /// A hand-written `fetch(...)` (or `axios`, `ky`, `ofetch`) bypasses the client that the
    /// framework generates from the API route: the URL, params and payload are not checked
    /// against the route, and the response is not typed, so a renamed route or a changed
    /// response breaks the page at run time instead of at build time.
    ///
    /// Imports of the project's own modules are followed (see *How far imports are followed*),
    /// so a `query()` wrapper defined once in a shared module and a loader in `components/`
    /// are judged by what they really call: a hand-written request behind an import is the
    /// same error as one in the page. What cannot be followed (a function from an npm
    /// package, an import that does not resolve, a cycle of re-exports) is reported as
    /// unverifiable, at most as a warning: it may well be correct.
    ///
    /// ### How far imports are followed
    ///
    /// Relative imports, the source folder's tsconfig `paths` and, when the generated
    /// tsconfig is not there (a fresh clone), each generation's aliases (`~/`, `@/`,
    /// `@<folder>/`); named, default and namespace imports (`queries.getUser`); re-exports
    /// (`export { a as b } from`, `export * from` barrels, `export { preload } from
    /// "./data"`); and calls from one module's function into another's, up to 16 modules
    /// deep. Generated modules (`_/fetch`, `@front/{api}/…/fetch`) are the route tree's.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// const getUser = query((id: string) => fetch(`/api/users/${id}`).then((r) => r.json()), "users/[id]");
    /// export const preload = ({ params }) => { void getUser(params.id); };
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// import fetchClients from "_/fetch";
    /// const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
    /// export const preload = ({ params }) => { void getUser(params.id); };
    /// ```
    ///
    /// G1 (the seed's form):
    ///
    /// ```tsx
    /// import { GET as fetchData } from "@front/{api}/users/data/fetch";
    /// export const preload = fetchData;
    /// ```
    ///
    /// ### Fix
    ///
    /// None: which generated client, method and arguments replace a hand-written request is
    /// not certain from the request alone.
    PreloadGeneratedFetch {
        name: "preload-generated-fetch",
        severity: Error,
        category: Correctness,
        fix: None,
        frontends: [Solid],
        summary: "A page's `preload` must load its data through a generated fetch client",
    }
}

impl Rule for PreloadGeneratedFetch {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some(page) = ctx.solid_page() else { return };
        let Some(preload) = &page.preload else { return };
        let at = preload.name_span;
        let help = || {
            let route =
                conventional_route(ctx.folder, ctx.file.route.as_ref().map(|r| r.name.as_str()));
            route.map_or_else(
                || "load the data through the generated fetch client of its API route".to_owned(),
                |route| format!("load the data through {}", client_usage(ctx.folder, route, "GET")),
            )
        };
        if let FunctionValue::Other { text, .. } = &preload.value {
            report
                .report(at, format!("`{}` is not a function: `{text}`", preload.name))
                .label(preload.value.span(), "not a function")
                .help(help());
            return;
        }
        let reach = Reach::of_value(&preload.value, ctx.scope(page));
        if !reach.raw.is_empty() {
            let names: Vec<&str> = reach.raw.iter().map(|raw| raw.name.as_str()).collect();
            let finding = report.report(
                at,
                format!(
                    "`{}` loads data with a hand-written `{}` instead of a generated fetch client",
                    preload.name,
                    names.join("`, `")
                ),
            );
            finding.label(at, "this preload");
            for raw in &reach.raw {
                let label = match &raw.module {
                    Some(module) => format!("hand-written `{}` request, in {module}", raw.name),
                    None => format!("hand-written `{}` request", raw.name),
                };
                finding.label(raw.span, label);
            }
            finding.help(help());
        } else if reach.clients.is_empty() {
            let finding = if reach.opaque.is_empty() {
                report.report(at, format!("`{}` reaches no generated fetch client", preload.name))
            } else {
                let what: Vec<&str> = reach.opaque.iter().map(|(what, _)| what.as_str()).collect();
                report.report_unverifiable(
                    at,
                    format!(
                        "`{}` calls {}, which kosmo-lint cannot follow: it cannot verify that the data loads through a generated fetch client",
                        preload.name,
                        what.join(", ")
                    ),
                )
            };
            finding.label(preload.value.span(), "loads no data through a generated client");
            finding.help(help());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PreloadGeneratedFetch;
    use crate::tester::{Fixture, Tester};

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
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
export { fetchData as preload };
export default function Page() { const data = createAsync(fetchData); return <p>{String(data())}</p>; }
"#,
            ),
            // A route object's preload is never called (SolidStart's convention, not KosmoJS's):
            // not the page's preload, so not this rule's business (`missing-preload` says why).
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
export const route = { preload: () => fetch("/api/users") };
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";
const { GET } = fetchClients["users/[id]"];
const getUser = query((id: string) => GET([id]), "users/[id]");
export function preload({ params }) { void getUser(params.id); }
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            // React Router reads `loader`: a React page's `preload` is not its data export.
            Fixture::G5React.file(
                "pages/users/index.tsx",
                r#"
import { useLoaderData } from "react-router";
export const preload = () => fetch("/api/users");
export default function Page() { return useLoaderData(); }
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
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import usersClient from "_/front/fetch/users";
export const preload = usersClient.GET;
export default function Page() { const data = createAsync(usersClient.GET); return <p>{String(data())}</p>; }
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
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
        ];
        Tester::new(&PreloadGeneratedFetch).pass(pass).test();
    }

    #[test]
    fn fails() {
        let fail = vec![
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
const loadUsers = () => fetch("/api/users").then((r) => r.json());
export default function Page() { const data = createAsync(loadUsers); return <p>{String(data())}</p>; }
export const preload = loadUsers;
"#,
            ),
            Fixture::G5.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
const getUser = query((id: string) => fetch(`/api/users/${id}`).then((r) => r.json()), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import axios from "axios";
import { query } from "@solidjs/router";
const getUsers = query(() => axios.get("/api/users"), "users");
export const preload = () => { void getUsers(); };
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { loadUsers } from "./data";
export const preload = () => loadUsers();
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
export const preload = () => { console.log("warming"); };
export default function Page() { return <p />; }
"#,
            ),
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
const loadUsers = () => fetch("/api/users").then((r) => r.json());
export const preload = loadUsers;
export default function Page() { const data = createAsync(loadUsers); return <p>{String(data())}</p>; }
"#,
            ),
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
const getUser = query((id: string) => fetch(`/api/users/${id}`).then((r) => r.json()), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import ky from "ky";
import { createAsync, query } from "@solidjs/router";
const getUsers = query(() => ky.get("api/users").json(), "users");
export const preload = () => { void getUsers(); };
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { query } from "@solidjs/router";
import { loadUsers } from "@/front/lib/users";
const getUsers = query(() => loadUsers(), "users");
export const preload = () => { void getUsers(); };
export default function Page() { return <p />; }
"#,
            ),
        ];
        Tester::new(&PreloadGeneratedFetch).fail(fail).test_and_snapshot();
    }
}
