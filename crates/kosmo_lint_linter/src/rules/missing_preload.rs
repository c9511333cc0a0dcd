//! `missing-preload`: a Solid page that reads a generated client exports a `preload`.

use kosmo_lint_core::facts::{CreateAsyncCall, FunctionValue, PageFacts, Target};
use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Applicability, Edit, Fix};

use crate::context::FindingExt;
use crate::data_flow::Reach;
use crate::{FileContext, Reporter, Rule, declare_rule};

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
    /// what the preload should call is then not certain. Nor when what it calls is bound
    /// inside the component or a block (a top-level export cannot name it), nor when the
    /// module already binds the name `preload` (an import, a function, a class, a variable
    /// or a type): the fix uses only names declared at the top level before the point where
    /// it inserts the export, and declares no name that exists.
    MissingPreload {
        name: "missing-preload",
        severity: Warning,
        category: Perf,
        fix: Sometimes,
        summary: "A page that reads a generated fetch client with `createAsync` should export `preload`",
    }
}

impl Rule for MissingPreload {
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
            Ok(fix) => {
                finding.help(fix.message.clone()).fix(fix);
            }
            Err(no_fix) => {
                finding.help(no_fix.help());
            }
        }
    }
}

/// Why no fix is offered, for the help text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoFix {
    /// What the preload should call, or with which arguments, is not certain.
    Uncertain,
    /// What it calls is bound inside the component (or a block): not in scope at the top level.
    NotAtTopLevel,
    /// The module already binds `preload`: a second declaration would not compile.
    PreloadTaken,
}

impl NoFix {
    const fn help(self) -> &'static str {
        match self {
            Self::Uncertain => {
                "export a `preload` that calls the same `query()` wrappers with the route params"
            }
            Self::NotAtTopLevel => {
                "declare the `query()` wrapper (or client) at the module's top level, and export a `preload` that calls it"
            }
            Self::PreloadTaken => {
                "this module already declares a `preload` it does not export: rename it, then export a `preload` that calls the same `query()` wrappers"
            }
        }
    }
}

/// The preload export to insert, when what it should call is certain and every name it
/// uses is bound at the top level before the insertion point. The insertion point is after
/// the last of those declarations, so a `const` is never used before it is initialised.
fn preload_fix(
    page: &PageFacts,
    reading: &[&CreateAsyncCall],
    typescript: bool,
) -> Result<Fix, NoFix> {
    if page.module.preload_bound {
        return Err(NoFix::PreloadTaken);
    }
    let mut insert_at = page.module.imports_end.ok_or(NoFix::Uncertain)?;
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
        insert_at = insert_at.max(declaration_end.ok_or(NoFix::NotAtTopLevel)?);
        text.clone()
    } else {
        let mut calls = Vec::new();
        let mut uses_params = false;
        for call in reading {
            let FunctionValue::Function { calls: data_calls, .. } = &call.value else {
                return Err(NoFix::Uncertain);
            };
            for data_call in data_calls {
                let Target::Query { index } = data_call.target else {
                    return Err(NoFix::Uncertain);
                };
                let query = page.queries.get(index).ok_or(NoFix::Uncertain)?;
                if !data_call.args.iter().all(|arg| is_route_param(arg)) {
                    return Err(NoFix::Uncertain);
                }
                uses_params |= !data_call.args.is_empty();
                insert_at = insert_at.max(query.statement_end.ok_or(NoFix::NotAtTopLevel)?);
                let call = format!("void {}({})", query.name, data_call.display_args());
                if !calls.contains(&call) {
                    calls.push(call);
                }
            }
        }
        if calls.is_empty() {
            return Err(NoFix::Uncertain);
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
    Ok(Fix {
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
    use std::path::Path;

    use super::{MissingPreload, NoFix};
    use crate::tester::{Case, Fixture, Tester};

    const G5_IMPORTS: &str = r#"import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
"#;
    const G5_QUERY: &str = r#"const getUsers = query(() => fetchClients.users.GET(), "users");"#;
    const G5_COMPONENT: &str = "export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }";

    /// A G5 page: the imports, then `rest`.
    fn g5_page(rest: &str) -> Case {
        Fixture::G5.file("pages/users/index.tsx", &format!("{G5_IMPORTS}{rest}\n"))
    }

    /// The page's single `missing-preload` finding: its fix applied to `text`, or its help.
    fn fixed_or_help(case: &Case, text: &str) -> Result<String, String> {
        let findings = case.findings(&[&MissingPreload]);
        let [finding] = findings.as_slice() else { panic!("one finding: {findings:#?}") };
        let Some(fix) = &finding.fix else { return Err(finding.help.clone().unwrap_or_default()) };
        let mut fixed = text.to_owned();
        for edit in fix.edits.iter().rev() {
            fixed.replace_range(edit.start as usize..edit.end as usize, &edit.content);
        }
        Ok(fixed)
    }

    /// Where the query wrapper (or the client) is declared, and which other `preload` binds
    /// the module already: a fix only where every name it uses is in scope at the top level
    /// before the export, and it declares no name that exists.
    #[test]
    fn fix_only_with_names_in_scope_and_no_second_preload() {
        let no_fix = [
            // The wrapper inside the component: a top-level export cannot call it.
            (
                "export default function Page() { const getUsers = query(() => fetchClients.users.GET(), \"users\"); const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }".to_owned(),
                NoFix::NotAtTopLevel,
            ),
            // In a top-level block, a `var` is module-scoped but only maybe assigned.
            (format!("if (globalThis.window) {{ var getUsers = query(() => fetchClients.users.GET(), \"users\"); }}\n{G5_COMPONENT}"), NoFix::NotAtTopLevel),
            (format!("{{ var getUsers = query(() => fetchClients.users.GET(), \"users\"); }}\n{G5_COMPONENT}"), NoFix::NotAtTopLevel),
            // Every kind of existing `preload` binding, values and types alike.
            (format!("import * as preload from \"./preload\";\n{G5_QUERY}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("import {{ preload }} from \"./preload\";\n{G5_QUERY}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("import type {{ preload }} from \"./preload\";\n{G5_QUERY}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nfunction preload() {{ void getUsers(); }}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nclass preload {{}}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nvar preload = 1;\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\nconst {{ preload }} = {{ preload: 1 }};\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\ntype preload = () => void;\n{G5_COMPONENT}"), NoFix::PreloadTaken),
            (format!("{G5_QUERY}\ninterface preload {{ x: 1 }}\n{G5_COMPONENT}"), NoFix::PreloadTaken),
        ];
        for (rest, reason) in no_fix {
            let case = g5_page(&rest);
            let found = fixed_or_help(&case, "");
            assert_eq!(found, Err(reason.help().to_owned()), "{rest}");
        }

        let with_fix = [
            // The wrapper declared after the component: the export goes after it (a `const`
            // is not usable before its declaration).
            format!("{G5_COMPONENT}\n{G5_QUERY}"),
            // A `preload` bound only inside the component does not clash with the export.
            format!(
                "{G5_QUERY}\nexport default function Page() {{ const preload = 1; const u = createAsync(() => getUsers()); return <p>{{String(u()) + preload}}</p>; }}"
            ),
        ];
        for rest in with_fix {
            let text = format!("{G5_IMPORTS}{rest}\n");
            let fixed = fixed_or_help(&g5_page(&rest), &text)
                .unwrap_or_else(|help| panic!("{rest}: {help}"));
            let path = Path::new("page.tsx");
            let before = kosmo_lint_facts::check_module(path, &text).expect("parses");
            let after =
                kosmo_lint_facts::check_module(path, &fixed).expect("the fixed page parses");
            assert_eq!(
                (&after.redeclared, &after.errors),
                (&before.redeclared, &before.errors),
                "{fixed}"
            );
            assert_eq!(after.unresolved, before.unresolved, "{fixed}");
            let declared = fixed.find("const getUsers").unwrap();
            let exported = fixed.find("export const preload").unwrap();
            assert!(declared < exported, "the export follows the wrapper:\n{fixed}");
        }
    }

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
            Fixture::G5.file(
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
            Fixture::G5.file(
                "pages/about/index.tsx",
                "export default function About() { return <p>About</p>; }\n",
            ),
            // Layouts may preload, but need not.
            Fixture::G5.file(
                "pages/users/layout.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Layout(props) { const u = createAsync(() => getUsers()); return <div>{props.children}{String(u())}</div>; }
"#,
            ),
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";
export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
export { GET as preload };
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
        Tester::new(&MissingPreload).pass(pass).test();
    }

    #[test]
    fn fails() {
        let fail = vec![
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUsers } from "@front/{api}/users/fetch";

export default function Page() { const data = createAsync(fetchUsers); return <p>{String(data())}</p>; }
"#,
            ),
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";

const getUsers = query(() => fetchClients.users.GET(), "users");

export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            Fixture::G5.file(
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
            Fixture::G5.file(
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
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET } from "_/front/fetch/users";

export default function Page() { const data = createAsync(GET); return <p>{String(data())}</p>; }
"#,
            ),
            // G2 default import: the fix exports `usersClient.GET`.
            Fixture::G2.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import usersClient from "_/front/fetch/users";
export default function Page() { const data = createAsync(usersClient.GET); return <p>{String(data())}</p>; }
"#,
            ),
            // G3 query wrapper over a per-route client, read with a route param.
            Fixture::G3.file(
                "pages/users/[id]/index.tsx",
                r#"
import { createAsync, query, useParams } from "@solidjs/router";
import { GET } from "_/front/fetch/users/[id]";
const getUser = query((id: string) => GET([id]), "users/[id]");
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
            // G4 query wrapper over the fetch map: the fix calls the wrapper.
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const getUsers = query(() => fetchClients["users"].GET(), "users");
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            // A client destructured after the imports: the export goes after it, not before.
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/front/fetch";
const { GET } = fetchClients["users"];
export default function Page() { const s = createAsync(GET); return <p>{String(s())}</p>; }
"#,
            ),
            // A client bound inside the component cannot be named at the top level: no fix.
            Fixture::G4.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import fetchClients from "_/front/fetch";
export default function Page() { const { GET } = fetchClients["users"]; const s = createAsync(GET); return <p>{String(s())}</p>; }
"#,
            ),
        ];
        Tester::new(&MissingPreload).fail(fail).test_and_snapshot();
    }

    /// What `--fix` makes of a page: the export after the wrapper it calls, in the page's
    /// style; nothing where the argument is reactive.
    #[test]
    fn fixes() {
        let head = "import { createAsync, query } from \"@solidjs/router\";\nimport fetchClients from \"_/fetch\";\n\nconst getUsers = query(() => fetchClients.users.GET(), \"users\");\n";
        let page = format!("{head}\n{G5_COMPONENT}\n");
        let fixed = format!(
            "{head}\nexport const preload = () => {{ void getUsers(); }};\n\n{G5_COMPONENT}\n"
        );
        let reactive = r#"
import { createAsync, query } from "@solidjs/router";
import { createSignal } from "solid-js";
import fetchClients from "_/fetch";
const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");
export default function Page() { const [id] = createSignal("1"); const u = createAsync(() => getUser(id())); return <p>{String(u())}</p>; }
"#;
        Tester::new(&MissingPreload)
            .fix(vec![
                (Fixture::G5.file("pages/users/index.tsx", &page), fixed.as_str()),
                (Fixture::G5.file("pages/users/[id]/index.tsx", reactive), reactive),
            ])
            .test();
    }
}
