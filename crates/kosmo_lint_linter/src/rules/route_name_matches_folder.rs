//! `route-name-matches-folder`: `defineRoute<"users/[id]">` names the route of its folder.

use kosmo_lint_core::facts::{ApiRouteFacts, RouteNameArg};
use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Applicability, Edit, Fix, Generation};

use crate::context::FindingExt;
use crate::{FileContext, Reporter, Rule, declare_rule};

declare_rule! {
    /// ### What it does
    ///
    /// In G4 and later (`defineRoute<"route/name", [Params]?, State?, Context?>`), checks that
    /// the route name literal of every API route (`api/**/index.ts`) is the route name of the
    /// folder the file is in: the folder path below `api/` as written, params included
    /// (`users/[id]`, `docs/{...path}`), and `index` for the root route `api/index/index.ts`.
    ///
    /// Silent in G1–G3 (their `defineRoute` takes no name), when the type argument is absent,
    /// and when it is not a plain string literal (an alias, a template literal type).
    ///
    /// ### Why is this bad?
    ///
    /// The name selects the route whose types the handlers are checked against: its params,
    /// state and context. A route folder copied to start a new one keeps the old name, so its
    /// handlers type-check against the other route (`ctx.validated.params` has the other
    /// route's params) and nothing reports it until the types and the URLs disagree at run
    /// time.
    ///
    /// ### Examples
    ///
    /// Incorrect, in `api/posts/[slug]/index.ts`:
    ///
    /// ```ts
    /// export default defineRoute<"users/[id]">(({ GET }) => [ … ]);
    /// ```
    ///
    /// Correct:
    ///
    /// ```ts
    /// export default defineRoute<"posts/[slug]">(({ GET }) => [ … ]);
    /// ```
    ///
    /// ### Frontends
    ///
    /// None in particular: API routes are the same in every frontend's folder, and in
    /// API-only folders.
    ///
    /// ### Fix
    ///
    /// Safe: rewrites the literal to the folder's route name, in the literal's quote style.
    /// None for a literal written with escapes, and none below a leading `index` folder
    /// (`api/index/about/`), whose name the framework's sources give two ways (with and
    /// without `index/`); either spelling is accepted there.
    RouteNameMatchesFolder {
        name: "route-name-matches-folder",
        severity: Error,
        category: Correctness,
        fix: Sometimes,
        frontends: [],
        summary: "`defineRoute<\"name\">` must name the route of its own folder, or its handlers type-check against another route",
    }
}

impl Rule for RouteNameMatchesFolder {
    fn check_file(&self, ctx: &FileContext<'_>, report: &mut Reporter<'_>) {
        if ctx.file.kind != FileKind::ApiRoute || ctx.generation() < Generation::G4 {
            return;
        }
        let Some(route) = &ctx.file.route else { return };
        let Some(ApiRouteFacts::DefineRoute(def)) = ctx.facts.api.as_deref() else { return };
        let Some(literal) = &def.route_name else { return };
        let folder = route.name.as_str();
        // Below a leading `index` folder the name may drop that segment (spec §1.2, §2).
        let under_index = folder.strip_prefix("index/");
        if literal.value == folder || under_index == Some(literal.value.as_str()) {
            return;
        }
        let quote = literal.quote;
        let finding = report
            .report(
                literal.span,
                format!(
                    "the route is named `{}`, but its folder is route `{folder}`: its handlers are typed for `{}`'s params, state and context",
                    literal.value, literal.value
                ),
            )
            .label(literal.span, format!("the folder's route name is `{folder}`"))
            .help(format!(
                "name the route after its folder: `{}<{quote}{folder}{quote}>` (a copied route keeps the name of the one it was copied from)",
                def.callee
            ));
        if let Some(fix) = rename(literal, folder, under_index.is_some()) {
            finding.fix(fix);
        }
    }
}

/// The literal with the folder's name, in its own quotes; `None` where the text to write is
/// not certain (escapes in the literal, a name its quote would have to escape, a name below
/// `index/`).
fn rename(literal: &RouteNameArg, folder: &str, under_index: bool) -> Option<Fix> {
    let quote = literal.quote;
    if literal.escaped || under_index || !matches!(quote, '"' | '\'') {
        return None;
    }
    if folder.contains([quote, '\\', '\n', '\r']) {
        return None;
    }
    let text = format!("{quote}{folder}{quote}");
    Some(Fix {
        applicability: Applicability::Safe,
        message: format!("rename the route to {text}"),
        edits: vec![Edit::replacement(literal.span, text)],
    })
}

#[cfg(test)]
mod tests;
