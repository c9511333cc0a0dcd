//! `missing-preload`'s fix output, linted with every rule.

use super::tests::{G5_COMPONENT, G5_IMPORTS, G5_QUERY};
use crate::tester::Fixture;

/// The fix's output is accepted by every rule: no bare reference (`no-bare-function-reference`),
/// a `query()` wrapper on both sides (`preload-query-cache`), the same arguments
/// (`create-async-reuses-preload`), no `await` (`preload-no-await`), route params passed
/// (`page-api-params-match`).
#[test]
fn fix_output_passes_every_rule() {
    let params_page = r#"import { createAsync, query, useParams } from "@solidjs/router";
import fetchClients from "_/fetch";

const getUser = query((id: string) => fetchClients["users/[id]"].GET([id]), "users/[id]");

export default function Page() { const params = useParams(); const u = createAsync(() => getUser(params.id)); return <p>{String(u())}</p>; }
"#;
    let cases = [
        Fixture::G5.file("pages/users/index.tsx", &format!("{G5_IMPORTS}{G5_QUERY}\n\n{G5_COMPONENT}\n")),
        Fixture::G5.file("pages/users/[id]/index.tsx", params_page),
        Fixture::G1.file(
            "pages/users/index.tsx",
            "import { createAsync, query } from \"@solidjs/router\";\nimport { GET as fetchUsers } from \"@front/{api}/users/fetch\";\n\nconst getUsers = query(() => fetchUsers(), \"team#users\");\n\nexport default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }\n",
        ),
    ];
    for case in cases {
        let before = case.findings(crate::registry::RULES);
        let rules: Vec<&str> = before.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["missing-preload"], "{before:#?}");
        let fixed = case.fixed_text(&before);
        let after = case.with_text(&fixed).findings(crate::registry::RULES);
        assert!(after.is_empty(), "the fix's output is reported:\n{fixed}\n{after:#?}");
    }
}
