//! `missing-preload`: a Solid page that reads a generated client exports a `preload`.

use kosmo_lint_core::facts::{CreateAsyncCall, FunctionValue, PageFacts, Target};
use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Applicability, Edit, Fix};

use crate::context::FindingExt;
use crate::data_flow::Reach;
use crate::{FileContext, Reporter, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Flags a SolidJS page that reads a generated fetch client through `createAsync` (or
    /// `createAsyncStore`), directly or through a `query()` wrapper, but exports no
    /// `preload` (nor the deprecated `load`, nor `route = { preload }`).
    ///
    /// ### Why is this bad?
    ///
    /// Without a preload the router cannot start the request when a link is hovered or the
    /// navigation begins: the data starts loading only after the component has rendered, a
    /// waterfall that every visitor waits for.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// const getCart = query(() => fetchClients.cart.GET(), "cart");
    /// export default function CartPage() {
    ///   const cart = createAsync(() => getCart());
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// const getCart = query(() => fetchClients.cart.GET(), "cart");
    /// export const preload = () => { void getCart(); };
    /// ```
    ///
    /// ### Fix
    ///
    /// A safe fix inserts the preload export after the imports, or after the `query()`
    /// definitions it calls, before the component:
    ///
    /// - `createAsync(fetchData)` over a generated client (G1) →
    ///   `export const preload = fetchData;`, the seed's form;
    /// - `createAsync(() => getX())` over `query()` wrappers →
    ///   `export const preload = () => { void getX(); };`, and when the arguments are route
    ///   params (`params.id` from `useParams()` or `props.params`),
    ///   `export const preload = ({ params }) => { void getX(params.id); };` (with a type for
    ///   `params` in TypeScript files).
    ///
    /// No fix is offered when the arguments read anything else (signals, other props), when
    /// `createAsync` calls a client without a `query()` wrapper, or through a local function:
    /// what the preload should call is then not certain.
    MissingPreload {
        name: "missing-preload",
        severity: Warning,
        category: Perf,
        fix: Sometimes,
        summary: "A page that reads a generated fetch client with `createAsync` should export `preload`",
    }
}

impl Rule for MissingPreload {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::Page {
            return;
        }
        let Some(page) = ctx.solid_page() else { return };
        if page.preload.is_some() {
            return;
        }
        let reading: Vec<&CreateAsyncCall> = page
            .create_async
            .iter()
            .filter(|call| !Reach::of_value(&call.value, page).clients.is_empty())
            .collect();
        let Some(first) = reading.first() else { return };
        let extension = ctx.file.path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let typescript =
            ["ts", "tsx", "mts", "cts"].iter().any(|t| extension.eq_ignore_ascii_case(t));
        let finding = report.report(
            first.span,
            format!(
                "page reads a generated fetch client with `{}` but exports no `preload`",
                first.function
            ),
        );
        for call in &reading {
            finding.label(call.span, "data starts loading only after render");
        }
        match preload_fix(page, &reading, typescript) {
            Some(fix) => {
                finding.help(fix.message.clone()).fix(fix);
            }
            None => {
                finding.help("export a `preload` that calls the same `query()` wrappers with the route params");
            }
        }
    }
}

/// The preload export to insert, when what it should call is certain.
fn preload_fix(page: &PageFacts, reading: &[&CreateAsyncCall], typescript: bool) -> Option<Fix> {
    let mut insert_at = page.module.imports_end?;
    let value = if let [single] = reading
        && let FunctionValue::Reference {
            target: Target::GeneratedClient { .. },
            text,
            declaration_end,
            ..
        } = &single.value
    {
        // The name must exist where the export goes: after its own declaration, at the top
        // level; a client bound inside the component cannot be preloaded this way.
        insert_at = insert_at.max((*declaration_end)?);
        text.clone()
    } else {
        let mut calls = Vec::new();
        let mut uses_params = false;
        for call in reading {
            let FunctionValue::Function { calls: data_calls, .. } = &call.value else {
                return None;
            };
            for data_call in data_calls {
                let Target::Query { index } = data_call.target else { return None };
                let query = page.queries.get(index)?;
                if !data_call.args.iter().all(|arg| is_route_param(arg)) {
                    return None;
                }
                uses_params |= !data_call.args.is_empty();
                insert_at = insert_at.max(query.statement_end?);
                let call = format!("void {}({})", query.name, data_call.display_args());
                if !calls.contains(&call) {
                    calls.push(call);
                }
            }
        }
        if calls.is_empty() {
            return None;
        }
        let params = match (uses_params, typescript) {
            (false, _) => "()",
            (true, false) => "({ params })",
            (true, true) => "({ params }: { params: Record<string, string> })",
        };
        let body = if page.module.semicolons {
            format!("{};", calls.join("; "))
        } else {
            calls.join("; ")
        };
        format!("{params} => {{ {body} }}")
    };
    // Without semicolons the file relies on ASI, which does not separate the new statement
    // from a next one that starts with `(`, `[`, … : those get a `;` all the same.
    let semi = page.module.semicolons || page.module.asi_hazards.contains(&insert_at);
    let statement = format!("export const preload = {value}{}", if semi { ";" } else { "" });
    Some(Fix {
        applicability: Applicability::Safe,
        message: format!("add `{statement}`"),
        edits: vec![Edit::insertion(insert_at, format!("\n\n{statement}"))],
    })
}

/// A route param (`@params.id` in canonical form): the only argument a preload can
/// reproduce, from its own `params`.
fn is_route_param(arg: &str) -> bool {
    arg.strip_prefix("@params.").is_some_and(|name| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::MissingPreload;
    use crate::test_support::{g1_project, g2_project, g3_project, g4_project, g5_project};

    #[test]
    fn passes() {
        let pass = [
            g1_project(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchData } from "@front/{api}/users/fetch";
export default function Page() { const data = createAsync(fetchData); return <p>{String(data())}</p>; }
export const preload = fetchData;
"#,
            ),
            g5_project(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export const route = { preload: () => getUsers() };
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            // Static page: nothing to preload.
            g5_project(
                "pages/about/index.tsx",
                "export default function About() { return <p>About</p>; }\n",
            ),
            // Layouts may preload, but need not.
            g5_project(
                "pages/users/layout.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Layout(props) { const u = createAsync(() => getUsers()); return <div>{props.children}{String(u())}</div>; }
"#,
            ),
            g2_project(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";
export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
export { GET as preload };
"#,
            ),
            g3_project(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export const preload = ({ params }) => { void getUser(params.id); };
export default function Page() { const p = useParams(); const u = createAsync(() => getUser(p.id)); return <p>{String(u())}</p>; }
"#,
            ),
            g4_project(
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
        for project in pass {
            project.assert_clean(&MissingPreload);
        }
    }

    #[test]
    fn fails() {
        let fail = [
            g1_project(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUsers } from "@front/{api}/users/fetch";

export default function Page() { const data = createAsync(fetchUsers); return <p>{String(data())}</p>; }
"#,
            ),
            g5_project(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";

const getUsers = query(() => fetchClients.users.GET(), "users");

export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            g5_project(
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
            g5_project(
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
            g2_project(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";

export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
"#,
            ),
            // G2 default import: the fix exports `usersClient.GET`.
            g2_project(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import usersClient from "_/front/fetch/users";
export default function Page() { const data = createAsync(usersClient.GET); return <p>{String(data())}</p>; }
"#,
            ),
            // G3 query wrapper over a per-route client, read with a route param.
            g3_project(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            // G4 query wrapper over the fetch map: the fix calls the wrapper.
            g4_project(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUsers = query(() => fetchClients["users"].GET(), "users");
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            // A client destructured after the imports: the export goes after it, not before.
            g4_project(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const { GET } = fetchClients["users"];
export default function Page() { const s = createAsync(GET); return <p>{String(s())}</p>; }
"#,
            ),
            // A client bound inside the component cannot be named at the top level: no fix.
            g4_project(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/front/fetch";
export default function Page() { const { GET } = fetchClients["users"]; const s = createAsync(GET); return <p>{String(s())}</p>; }
"#,
            ),
        ];
        let rendered: Vec<String> = fail.iter().map(|p| p.render(&MissingPreload)).collect();
        insta::assert_snapshot!(rendered.join("\n"));
    }
}
