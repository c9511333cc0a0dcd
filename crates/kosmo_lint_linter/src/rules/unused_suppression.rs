//! `unused-suppression`: an inline `kosmo-lint-…` directive that suppresses nothing.

use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// Reports an inline suppression comment that suppresses no finding in this run, that
    /// names a rule that does not exist or one that cannot be suppressed, and a
    /// `kosmo-lint-enable` that ends no suppression.
    ///
    /// Findings are suppressed with comments, as in oxlint:
    ///
    /// - `// kosmo-lint-disable-next-line <rule>, <rule> -- reason`: findings of those rules
    ///   that start on the next line;
    /// - `// kosmo-lint-disable-line <rule>`: findings that start on the comment's own line;
    /// - `/* kosmo-lint-disable <rule> */` … `/* kosmo-lint-enable <rule> */`: findings
    ///   between the two comments, or to the end of the file when no `kosmo-lint-enable`
    ///   follows. A `kosmo-lint-enable` that names rules ends their ranges (also inside a
    ///   range of every rule); one that names no rule ends every range;
    /// - `// kosmo-lint-disable <rule>` as a *line* comment before the first statement
    ///   (above the imports): the whole file; a `kosmo-lint-enable` does not end it.
    ///
    /// A directive that names no rule applies to every rule. Rule names are separated by
    /// commas; the text after `--` is a reason for readers and is ignored. Every directive
    /// may be written as a line or a block comment; among JSX children only the block form
    /// exists: `{/* kosmo-lint-disable-next-line missing-preload */}`. A finding "starts" at
    /// the first character of its primary location, the one the report points at.
    /// Built-in findings (`syntax-error`, `io-error`, `fix-error`, `nesting-limit`,
    /// `internal-error`) cannot be suppressed, nor can
    /// `unused-suppression` itself.
    ///
    /// When several directives cover one finding, the one that counts is the line
    /// directive, else the innermost range, else the file-level directive; the others are
    /// reported unless another finding needs them. A directive is judged only against the
    /// rules that ran: one naming a rule turned off for this run is left alone, and one
    /// naming no rule is judged only when every rule ran.
    ///
    /// ### Why is this bad?
    ///
    /// A suppression that suppresses nothing today will hide a real finding tomorrow,
    /// perhaps one unrelated to the reason it was written for. A misspelt rule name
    /// suppresses nothing while looking as if it did. Removing stale suppressions keeps
    /// every remaining one meaningful.
    ///
    /// ### Examples
    ///
    /// Incorrect:
    ///
    /// ```tsx
    /// // kosmo-lint-disable-next-line missing-preload -- nothing here reads data
    /// const title = "Users";
    ///
    /// // kosmo-lint-disable-next-line missing-prelod -- a typo: suppresses nothing
    /// const users = createAsync(() => getUsers());
    /// ```
    ///
    /// Correct:
    ///
    /// ```tsx
    /// // kosmo-lint-disable-next-line missing-preload -- the layout preloads the users
    /// const users = createAsync(() => getUsers());
    /// ```
    ///
    /// ### Frontends
    ///
    /// Any file. In `.vue`, `.svelte` and `.mdx` files the directives are comments inside
    /// their script blocks, and the fix that removes one edits only inside its block.
    ///
    /// ### Fix
    ///
    /// A safe fix removes the directive: the whole comment, and its line when nothing else
    /// is on it (in JSX, with the `{` `}` around the comment). When only some of the rules a
    /// directive names are unused, unknown or not suppressible, it removes those names and
    /// keeps the others and the reason. Removing an unused `kosmo-lint-disable` may leave its
    /// `kosmo-lint-enable` ending nothing; `--fix` removes that one in its next pass.
    UnusedSuppression {
        name: "unused-suppression",
        severity: Warning,
        category: Correctness,
        fix: Safe,
        frontends: [],
        summary: "An inline `kosmo-lint-disable` comment should suppress something",
    }
}

impl Rule for UnusedSuppression {
    /// Nothing: whether a directive is used depends on every other rule's findings, so its
    /// findings are made by [`crate::apply_suppressions`] after the rules have run. Being in
    /// the run's rules is what turns them on.
    fn check_file(&self, _ctx: &FileContext<'_>, _report: &mut Reporter<'_>) {}
}

#[cfg(test)]
mod tests {
    use super::UnusedSuppression;
    use crate::rules::missing_preload::MissingPreload;
    use crate::tester::{Fixture, Tester};

    #[test]
    fn passes() {
        let pass = vec![
            // The directive is used: missing-preload's finding starts on the next line.
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Page() {
  // kosmo-lint-disable-next-line missing-preload -- the layout preloads the users
  const u = createAsync(() => getUsers());
  return <p>{String(u())}</p>;
}
"#,
            ),
            // File-level, several rules (one of which did not run: not judged).
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
// kosmo-lint-disable missing-preload, preload-generated-fetch
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Page() { const u = createAsync(() => getUsers()); return <p>{String(u())}</p>; }
"#,
            ),
            // A range.
            Fixture::G1.file(
                "pages/users/index.tsx",
                r#"
import { createAsync } from "@solidjs/router";
import { GET as fetchUsers } from "@front/{api}/users/fetch";
/* kosmo-lint-disable missing-preload */
export default function Page() { const data = createAsync(fetchUsers); return <p>{String(data())}</p>; }
/* kosmo-lint-enable missing-preload */
"#,
            ),
            // A directive inside a string is no directive.
            Fixture::G5.file(
                "pages/about/index.tsx",
                r#"
const note = "// kosmo-lint-disable-next-line missing-preload";
export default function About() { return <p>{note}</p>; }
"#,
            ),
        ];
        Tester::new(&UnusedSuppression).alongside(&[&MissingPreload]).pass(pass).test();
    }

    #[test]
    fn fails() {
        let fail = vec![
            // Above an unrelated line: the finding stays and the directive is unused.
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Page() {
  // kosmo-lint-disable-next-line missing-preload
  const title = "Users";
  const u = createAsync(() => getUsers());
  return <p>{title}{String(u())}</p>;
}
"#,
            ),
            // An unknown rule, a typo: suppresses nothing.
            Fixture::G5.file(
                "pages/about/index.tsx",
                r#"
export default function About() {
  return (
    <div>
      {/* kosmo-lint-disable-next-line missing-prelod */}
      <p>About</p>
    </div>
  );
}
"#,
            ),
            // Partly unused: only the unused name goes, the reason stays.
            Fixture::G5.file(
                "pages/users/index.tsx",
                r#"
import { createAsync, query } from "@solidjs/router";
import fetchClients from "_/fetch";
const getUsers = query(() => fetchClients.users.GET(), "users");
export default function Page() {
  const u = createAsync(() => getUsers()); // kosmo-lint-disable-line unused-suppression, missing-preload -- later
  return <p>{String(u())}</p>;
}
"#,
            ),
            // A range of a rule with nothing in it, and its enable.
            Fixture::G5.file(
                "pages/about/index.tsx",
                r#"
export const x = 1;
/* kosmo-lint-disable missing-preload */ export default function About() { return <p>About</p>; }
/* kosmo-lint-enable missing-preload */
"#,
            ),
        ];
        Tester::new(&UnusedSuppression)
            .alongside(&[&MissingPreload])
            .fail(fail)
            .snapshot_fixed_text()
            .test_and_snapshot();
    }

    /// An enable is needed while its disable is there: it goes in the second round.
    #[test]
    fn fixes() {
        let range = "export const x = 1;\n/* kosmo-lint-disable missing-preload */ export default function About() { return <p>About</p>; }\n/* kosmo-lint-enable missing-preload */\n";
        let fixed =
            "export const x = 1;\nexport default function About() { return <p>About</p>; }\n";
        Tester::new(&UnusedSuppression)
            .alongside(&[&MissingPreload])
            .fix(vec![(Fixture::G5.file("pages/about/index.tsx", range), fixed)])
            .test();
    }
}
