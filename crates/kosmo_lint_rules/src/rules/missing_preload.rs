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
    let semi = if page.module.semicolons { ";" } else { "" };
    let mut insert_at = page.module.imports_end?;
    let statement = if let [single] = reading
        && let FunctionValue::Reference { target: Target::GeneratedClient { .. }, text, .. } =
            &single.value
    {
        format!("export const preload = {text}{semi}")
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
                let call = format!("void {}({});", query.name, data_call.args.join(", "));
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
        format!("export const preload = {params} => {{ {} }}{semi}", calls.join(" "))
    };
    Some(Fix {
        applicability: Applicability::Safe,
        message: format!("add `{statement}`"),
        edits: vec![Edit::insertion(insert_at, format!("\n\n{statement}"))],
    })
}

/// `params.id`: a route param, the only argument a preload can reproduce.
fn is_route_param(arg: &str) -> bool {
    arg.strip_prefix("params.").is_some_and(|name| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::MissingPreload;
    use crate::test_support::{g1_project, g5_project};

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
        ];
        let rendered: Vec<String> = fail.iter().map(|p| p.render(&MissingPreload)).collect();
        insta::assert_snapshot!(rendered.join("\n"));
    }
}
