//! `fetch-client-route-exists`: every fetch-client reference names an existing route and method.

use kosmo_lint_core::facts::FetchClientRef;
use kosmo_lint_core::tree::{FolderTree, RefResolution};

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Checks every reference to a generated fetch client — in pages, layouts and the
    /// user's helper modules — against the API routes of the same source folder: the route
    /// must exist, and a method read from it (`GET`, `POST`, …) must be one the route
    /// defines. References are found in every form KosmoJS projects use:
    ///
    /// - per-route modules: `import { GET } from "@front/{api}/users/fetch"` (G1),
    ///   `"_/front/fetch/users"` (G2/G3), `"_/api/users/fetch"` (G5);
    /// - the fetch map: `fetchClients["users/[id]"].GET(...)`, `fetchClients.users.GET()`,
    ///   `const { GET, POST } = fetchClients["users"]`, `const user = fetchClients["users/[id]"];
    ///   user.PATCH(...)`;
    /// - the response-type map: `ResponseT["users/[id]"]["GET"]`, which names a route and a
    ///   method as much as a call does.
    ///
    /// A reference resolves only within its own source folder: the same route name in another
    /// folder does not count. Keys that are not string literals (`fetchClients[name]`) cannot
    /// be checked and are skipped.
    ///
    /// ### Why is this bad?
    ///
    /// The generated client types come from `lib/`, which is only regenerated when the dev
    /// server or a build runs. After a route is renamed or a handler removed, stale generated
    /// types keep such references compiling, and the request fails at run time with a 404 or
    /// 405.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```ts
    /// fetchClients["product/[id]"].GET([id]); // the route is `products/[id]`
    /// fetchClients["health"].POST();           // `health` defines only GET
    /// ```
    ///
    /// Correct:
    ///
    /// ```ts
    /// fetchClients["products/[id]"].GET([id]);
    /// fetchClients["health"].GET();
    /// ```
    ///
    /// ### Fix
    ///
    /// None: the nearest route name is suggested in the help, but a typo fix is not certain
    /// (the route may be meant to be added), so it is not applied.
    FetchClientRouteExists {
        name: "fetch-client-route-exists",
        severity: Error,
        category: Correctness,
        fix: None,
        summary: "Every fetch-client reference must name an existing API route and a method it defines",
    }
}

impl Rule for FetchClientRouteExists {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.facts.fetch_refs.is_empty() {
            return;
        }
        for reference in &ctx.facts.fetch_refs {
            match ctx.folder.resolve(reference) {
                // A member read off a client named elsewhere: the route was reported there.
                RefResolution::Resolved => {}
                RefResolution::UnknownRoute if !reference.names_route() => {}
                RefResolution::UnknownRoute => unknown_route(ctx.folder, reference, report),
                RefResolution::UnknownMethod => unknown_method(ctx.folder, reference, report),
            }
        }
    }
}

fn unknown_route(folder: &FolderTree, reference: &FetchClientRef, report: &mut Reporter<'_>) {
    let finding = report
        .report(
            reference.route_span,
            format!("no API route `{}` in source folder `{}`", reference.route, folder.folder.rel),
        )
        .label(reference.route_span, "unknown route");
    if let Some(nearest) = nearest_route(folder, &reference.route) {
        finding.help(format!("did you mean `{nearest}`?"));
    } else {
        finding.help(format!(
            "the routes of `{}` are the folders under its `api/`",
            folder.folder.rel
        ));
    }
}

fn unknown_method(folder: &FolderTree, reference: &FetchClientRef, report: &mut Reporter<'_>) {
    let Some(route) = folder.api_routes.get(&reference.route) else { return };
    let member = reference.member.as_ref().map_or("", |m| m.value.as_str());
    let at = reference.member.as_ref().map_or(reference.route_span, |m| m.span);
    let defined: Vec<&str> = route.methods.iter().map(|m| m.method.as_str()).collect();
    let finding = report
        .report(at, format!("API route `{}` defines no `{member}` handler", reference.route))
        .label(at, "no such handler");
    if defined.is_empty() {
        finding.help(format!(
            "`{}` defines no handler the framework can see ({})",
            route.file, route.definition
        ));
    } else {
        finding.help(format!("`{}` defines {}", reference.route, defined.join(", ")));
    }
}

/// The closest existing route name, when it is close enough to be a typo.
fn nearest_route<'f>(folder: &'f FolderTree, name: &str) -> Option<&'f str> {
    crate::suggest::nearest_name(name, folder.api_routes.keys().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::FetchClientRouteExists;
    use crate::tester::{Fixture, Tester};

    #[test]
    fn passes() {
        let pass = vec![
            Fixture::G1.file(
                "components/UserCard.tsx",
                r#"
import { GET as fetchUser, path } from "@front/{api}/users/[id]/fetch";
export const load = (id: number) => fetchUser([id]);
export const href = (id: number) => path([id]);
"#,
            ),
            Fixture::G5.file(
                "hooks/useUsers.ts",
                r#"
import fetchClients, { type ResponseT } from "_/fetch";
const { GET, POST } = fetchClients["users"];
const user = fetchClients["users/[id]"];
export type User = ResponseT["users/[id]"]["GET"];
export const list = () => GET();
export const add = (u: unknown) => POST([], { json: u });
export const one = (id: string) => user.GET([id]);
export const all = () => fetchClients.users.GET();
export const dynamic = (name: string) => (fetchClients as any)[name];
"#,
            ),
            Fixture::G2.file(
                "components/UserCard.tsx",
                r#"
import { GET as fetchUser, path } from "_/front/fetch/users/[id]";
import usersClient from "_/front/fetch/users";
export const load = (id: number) => fetchUser([id]);
export const href = (id: number) => path([id]);
export const add = (u: unknown) => usersClient.POST([], u);
"#,
            ),
            Fixture::G3.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import { GET, POST } from "_/front/fetch/users";
const getUsers = query(() => GET(), "users");
export const preload = () => { void getUsers(); };
export const add = (u: unknown) => POST([], { json: u });
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "hooks/useUsers.ts",
                r#"
import fetchClients, { type ResponseT } from "_/front/fetch";
const { GET, POST } = fetchClients["users"];
export type User = ResponseT["users/[id]"]["GET"];
export const list = () => GET();
export const add = (u: unknown) => POST([], { json: u });
export const one = (id: number) => fetchClients["users/[id]"].GET([id]);
"#,
            ),
        ];
        Tester::new(&FetchClientRouteExists).pass(pass).test();
    }

    #[test]
    fn fails() {
        let fail = vec![
            Fixture::G1.file(
                "components/UserCard.tsx",
                r#"
import { GET as fetchUser } from "@front/{api}/user/[id]/fetch";
export const load = (id: number) => fetchUser([id]);
"#,
            ),
            Fixture::G1.file(
                "components/UserActions.tsx",
                r#"
import { DELETE as deleteUser } from "@front/{api}/users/[id]/fetch";
export const remove = (id: number) => deleteUser([id]);
"#,
            ),
            Fixture::G5.file(
                "hooks/useUsers.ts",
                r#"
import fetchClients, { type ResponseT } from "_/fetch";
export const one = (id: string) => fetchClients["user/[id]"].GET([id]);
export const remove = (id: string) => fetchClients["users/[id]"].DELETE([id]);
export type Created = ResponseT["users"]["PUT"];
export const { PATCH } = fetchClients["users"];
export const nothing = () => fetchClients["completely/unrelated/route"].GET();
"#,
            ),
            Fixture::G2.file(
                "components/UserCard.tsx",
                r#"
import { GET as fetchUser } from "_/front/fetch/user/[id]";
export const load = (id: number) => fetchUser([id]);
"#,
            ),
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import userClient, { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export const remove = (id: string) => userClient.DELETE([id]);
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G4.file(
                "hooks/useUsers.ts",
                r#"
import fetchClients, { type ResponseT } from "_/front/fetch";
export const list = () => fetchClients["user"].GET();
export type Updated = ResponseT["users/[id]"]["PATCH"];
export const { PUT } = fetchClients["users"];
"#,
            ),
        ];
        Tester::new(&FetchClientRouteExists).fail(fail).test_and_snapshot();
    }
}
