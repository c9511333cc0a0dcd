//! Vectors of `query-name-unique`.

use super::QueryNameUnique;
use crate::rules::unused_suppression::UnusedSuppression;
use crate::tester::{Fixture, Tester};

const PAGE: &str = r#"
export default function Page() { const u = createAsync(() => getA()); return <p>{String(u())}</p>; }
"#;

fn g5(head: &str) -> crate::tester::Case {
    Fixture::G5.file("pages/users/[id]/index.tsx", &format!("{head}{PAGE}"))
}

const IMPORTS: &str = "import { createAsync, query } from \"@solidjs/router\";\n";

fn g5q(body: &str) -> crate::tester::Case {
    g5(&format!("{IMPORTS}{body}"))
}

#[test]
fn passes() {
    let pass = vec![
        g5q(r#"const getA = query(() => 1, "alpha"); const getB = query(() => 2, "beta");"#),
        // A template literal without substitutions is a literal.
        g5q("const getA = query(() => 1, `alpha`); const getB = query(() => 2, `beta`);"),
        // `as const` changes nothing.
        g5q(r#"const getA = query(() => 1, "alpha" as const);"#),
        // Not a prefix: `users-list` and `user-detail` share only `user`, neither is whole.
        g5q(r#"const getA = query(() => 1, "users-list"); const getB = query(() => 2, "user-detail");"#),
        // A `query` from another package, or bound in the module, is not Solid Router's.
        g5(
            "import { createAsync } from \"@solidjs/router\";\nimport { query } from \"./db\";\nconst getA = () => query(\"select\"); const x = query(y);",
        ),
        g5(
            "import { createAsync } from \"@solidjs/router\";\nconst query = (f: unknown, n?: string) => f;\nconst getA = query(() => 1);",
        ),
        // A parameter that shadows the import is not the router's `query`.
        g5q("const getA = query(() => 1, \"alpha\"); function f(query: (x: number) => number) { return query(1); }"),
        // Names in other files that clash with none.
        g5q(r#"const getA = query(() => 1, "alpha");"#)
            .with("lib/queries.ts", "import { query } from \"@solidjs/router\";\nexport const b = query(() => 2, \"beta\");"),
        // A `query` not from the router in another file is not compared.
        g5q(r#"const getA = query(() => 1, "alpha");"#)
            .with("lib/db.ts", "import { query } from \"./sql\";\nexport const b = query(() => 2, \"alpha\");"),
        // A helper of a React folder is not checked.
        Fixture::G5React.file(
            "lib/queries.ts",
            "import { query } from \"@solidjs/router\";\nexport const a = query(() => 1, \"a\"); export const b = query(() => 2, \"a\");",
        ),
    ];
    Tester::new(&QueryNameUnique).pass(pass).test();
}

#[test]
fn fails() {
    let fail = vec![
        // The same name twice in one file.
        g5q(r#"const getA = query(() => 1, "users"); const getB = query(() => 2, "users");"#),
        // A prefix (the route-name convention: `users` and `users/[id]`).
        g5q(r#"const getA = query(() => 1, "users"); const getB = query((id: string) => id, "users/[id]");"#),
        // Template literals compare as their text.
        g5q("const getA = query(() => 1, `users`); const getB = query(() => 2, \"users\");"),
        // No name, an empty name, a variable, a template with a substitution.
        g5q("const getA = query(() => 1);"),
        g5q(r#"const getA = query(() => 1, "");"#),
        g5q("const KEY = \"alpha\"; const getA = query(() => 1, KEY);"),
        g5q("const id = 1; const getA = query(() => 1, `alpha-${id}`);"),
        // The deprecated alias `cache`, and `query` imported under another name.
        g5(
            "import { createAsync, cache } from \"@solidjs/router\";\nconst getA = cache(() => 1, \"alpha\"); const getB = cache(() => 2, \"alpha\");",
        ),
        g5(
            "import { createAsync, query as q } from \"@solidjs/router\";\nconst getA = q(() => 1, \"alpha\"); const getB = q(() => 2, \"alpha\");",
        ),
        // Through a namespace import.
        g5(
            "import * as Router from \"@solidjs/router\";\nimport { createAsync } from \"@solidjs/router\";\nconst getA = Router.query(() => 1, \"alpha\"); const getB = Router.query(() => 2, \"alphabet\");",
        ),
        // A shared query module (a helper) is checked too.
        Fixture::G5.file(
            "lib/queries.ts",
            "import { query } from \"@solidjs/router\";\nexport const a = query(() => 1, \"products\");\nexport const b = query(() => 2, \"products\");",
        ),
        // Not assigned to a name: still a wrapper with that name.
        g5q(r#"const getA = query(() => 1, "alpha"); export const all = [query(() => 2, "alpha")];"#),
        // Across files: a page and a shared query module of the folder.
        g5q(r#"const getA = query(() => 1, "catalog");"#).with(
            "lib/queries.ts",
            "import { query } from \"@solidjs/router\";\nexport const b = query(() => 2, \"catalog\");\nexport const c = query(() => 3, \"catalog/[id]\");",
        ),
        // Across files, suppressed in one of them: the other still reports.
        g5q("// kosmo-lint-disable-next-line query-name-unique\nconst getA = query(() => 1, \"gamma\");")
            .with("lib/queries.ts", "import { cache } from \"@solidjs/router\";\nexport const b = cache(() => 2, \"gammas\");"),
    ];
    Tester::new(&QueryNameUnique).fail(fail).test_and_snapshot();
}

/// A directive that suppresses a clash with another file's name is used, not reported by
/// `unused-suppression`: the other files' names are known while the file is linted.
#[test]
fn suppressing_a_cross_file_clash_is_a_used_directive() {
    let case = g5q(
        "// kosmo-lint-disable-next-line query-name-unique\nconst getA = query(() => 1, \"delta\");",
    )
    .with(
        "lib/queries.ts",
        "import { query } from \"@solidjs/router\";\n// kosmo-lint-disable-next-line query-name-unique\nexport const b = query(() => 2, \"delta\");",
    );
    Tester::new(&QueryNameUnique).alongside(&[&UnusedSuppression]).pass(vec![case]).test();
}
