//! `create-async-reuses-preload`: `createAsync` reads data through the function `preload` warms.

use kosmo_lint_core::facts::{PageFacts, Target, display_arg};

use crate::context::FindingExt;
use crate::data_flow::{Reach, Read, Source, reads};
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// In a SolidJS page or layout that exports `preload`, checks that every `createAsync`
    /// (or `createAsyncStore`) that reads a generated fetch client reads it through the same
    /// function the preload warms, with the same arguments:
    ///
    /// - the same binding in G1 (`export const preload = fetchData` and
    ///   `createAsync(fetchData)`);
    /// - the same `query()` wrapper in G4/G5 (`void getUser(params.id)` in the preload and
    ///   `createAsync(() => getUser(params.id))`); wrappers are compared by their key;
    /// - the same argument expressions, after mapping `params.x`, `useParams().x` and
    ///   `props.params.x` to one another.
    ///
    /// It reports a `createAsync` that reads a different function (a second wrapper over the
    /// same route, another generated client, a hand-written `fetch`), one that reads data the
    /// preload does not load at all, and one whose arguments differ from the preload's.
    ///
    /// ### Why is this bad?
    ///
    /// Solid Router reuses preloaded data only through the `query()` cache, whose key is the
    /// wrapper's name plus its serialised arguments. Any other function, or the same wrapper
    /// called with other arguments, misses the cache: the page fetches the data a second
    /// time, and the preload's request was wasted.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// const getUser = query((id: string) => GET([id]), "users/[id]");
    /// const loadUser = query((id: string) => GET([id]), "users/[id]#view");
    /// export const preload = ({ params }) => { void getUser(params.id); };
    /// export default function Page() {
    ///   const params = useParams();
    ///   const user = createAsync(() => loadUser(params.id)); // another key: fetched twice
    /// }
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// export default function Page() {
    ///   const params = useParams();
    ///   const user = createAsync(() => getUser(params.id));
    /// }
    /// ```
    ///
    /// ### Fix
    ///
    /// None: whether the preload or the component reads the right function (or arguments)
    /// is the author's decision.
    CreateAsyncReusesPreload {
        name: "create-async-reuses-preload",
        severity: Error,
        category: Perf,
        fix: None,
        summary: "`createAsync` must read data through the same function, with the same arguments, as `preload`",
    }
}

impl Rule for CreateAsyncReusesPreload {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        let Some(page) = ctx.solid_page() else { return };
        let Some(preload) = &page.preload else { return };
        if page.create_async.is_empty() {
            return;
        }
        // A preload that is not a function is `preload-generated-fetch`'s finding.
        if matches!(preload.value, kosmo_lint_core::facts::FunctionValue::Other { .. }) {
            return;
        }
        let warmed: Vec<(Read<'_>, Source)> = reads(&preload.value)
            .into_iter()
            .map(|r| {
                let s = Source::of(r.target, page);
                (r, s)
            })
            .collect();
        let warmed_reach = Reach::of_value(&preload.value, page);
        for call in &page.create_async {
            for read in reads(&call.value) {
                check_read(
                    page,
                    &warmed,
                    &warmed_reach,
                    &call.function,
                    &read,
                    preload.name_span,
                    report,
                );
            }
        }
    }
}

fn check_read(
    page: &PageFacts,
    warmed: &[(Read<'_>, Source)],
    warmed_reach: &Reach,
    function: &str,
    read: &Read<'_>,
    preload_span: kosmo_lint_core::Span,
    report: &mut Reporter<'_>,
) {
    let source = Source::of(read.target, page);
    if matches!(source, Source::Imported { .. } | Source::Unresolved) {
        return;
    }
    let name = read.describe(page);
    let same: Vec<&(Read<'_>, Source)> = warmed.iter().filter(|(_, s)| *s == source).collect();
    if !same.is_empty() {
        let Some(args) = read.args else { return };
        let visible: Vec<&Read<'_>> =
            same.iter().map(|(r, _)| r).filter(|r| r.args.is_some()).collect();
        if visible.is_empty() || visible.iter().any(|r| r.args == Some(args)) {
            return;
        }
        let preload_call = visible[0];
        report
            .report(
                read.span,
                format!(
                    "`{function}` calls {name} with `({})` but `preload` calls it with `({})`: the query key differs, so the data is fetched twice",
                    display(args),
                    display(preload_call.args.unwrap_or_default())
                ),
            )
            .label(read.span, "read here")
            .label(preload_call.span, "warmed here")
            .help("pass the same arguments in both places (route params as `params.<name>`)");
        return;
    }
    let reach = Reach::of_target(read.target, read.span, page);
    // A preload that reads nothing (`() => {}`, or only non-data calls) names no function.
    let preload_name = warmed.first().map(|(r, _)| r.describe(page));
    if let Target::RawFetch { name } = read.target {
        let help = match &preload_name {
            Some(preload_name) => {
                format!("read the data through {preload_name}, the function `preload` uses")
            }
            None => "read the data through a generated fetch client in a `query()` wrapper, and call that wrapper in `preload` too".to_owned(),
        };
        report
            .report(read.span, format!("`{function}` makes a hand-written `{name}` request, so the preloaded data is not reused"))
            .label(read.span, "hand-written request")
            .label(preload_span, "preload")
            .help(help);
        return;
    }
    let Some((route, _, _)) = reach.clients.first() else { return };
    let finding = if let Some(preload_name) = &preload_name
        && warmed_reach.routes().any(|r| r == route)
    {
        report.report(
            read.span,
            format!(
                "`{function}` reads route `{route}` through {name}, not through {preload_name} as `preload` does: the query key differs, so the data is fetched twice"
            ),
        )
    } else {
        report.report(
            read.span,
            if matches!(read.target, Target::GeneratedClient { .. }) {
                format!("`{function}` reads {name}, which `preload` does not load")
            } else {
                format!(
                    "`{function}` reads {name} (route `{route}`), which `preload` does not load"
                )
            },
        )
    };
    finding.label(read.span, format!("reads {name}"));
    for (r, _) in warmed {
        finding.label(r.span, format!("`preload` warms {}", r.describe(page)));
    }
    finding.help(match &preload_name {
        Some(preload_name) => {
            format!("read the data through {preload_name}, or load {name} in `preload` too")
        }
        None => format!("load {name} in `preload` too: it loads no data today"),
    });
}

fn display(args: &[String]) -> String {
    args.iter().map(|a| display_arg(a)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
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
        Tester::new(&CreateAsyncReusesPreload).pass(pass).test();
    }

    #[test]
    fn fails() {
        let fail = vec![
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
            // An import under an empty string name is called by its local name.
            g5_page(
                r#"
import { "" as loadAll } from "./data";
export const preload = () => { void loadAll(); };
export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#,
            ),
        ];
        let rendered = Tester::new(&CreateAsyncReusesPreload).fail(fail).test_and_snapshot();
        assert!(
            !rendered.contains("through ,") && !rendered.contains("``"),
            "an empty name: {rendered}"
        );
    }
}
