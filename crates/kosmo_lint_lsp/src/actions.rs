//! Code actions: each finding's fix as a quick fix (a safe one preferred), a suppression
//! comment for the finding's line, and every fix of the file at once.

use std::collections::HashMap;

use kosmo_lint_core::{Applicability, Finding};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, Range, TextEdit, Url,
    WorkspaceEdit,
};

use crate::diagnostics;
use crate::position::LineIndex;

/// `source.fixAll.kosmo-lint`: editors run it on save when asked to.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.kosmo-lint")
}

/// The actions for the findings of `text` whose range meets `range`.
pub fn for_range(
    uri: &Url,
    text: &str,
    findings: &[Finding],
    range: Range,
    suppressible: bool,
) -> Vec<CodeActionOrCommand> {
    let index = LineIndex::new(text);
    let mut actions = Vec::new();
    for finding in findings {
        let diagnostic = diagnostics::diagnostic(finding, &index);
        if !overlaps(diagnostic.range, range) {
            continue;
        }
        if let Some(fix) =
            finding.fix.as_ref().filter(|f| f.applicability != Applicability::DisplayOnly)
        {
            let edits = fix
                .edits
                .iter()
                .map(|edit| TextEdit {
                    range: index.range(edit.start as usize, edit.end as usize),
                    new_text: edit.content.clone(),
                })
                .collect();
            let safe = fix.applicability == Applicability::Safe;
            let title =
                if safe { fix.message.clone() } else { format!("{} (unsafe)", fix.message) };
            actions.push(action(title, CodeActionKind::QUICKFIX, uri, edits, &diagnostic, safe));
        }
        if suppressible && let Some(span) = finding.span {
            let start = index.line_start(span.start as usize);
            let comment = format!(
                "{}// kosmo-lint-disable-next-line {} -- TODO: say why\n",
                index.indentation(span.start as usize),
                finding.rule
            );
            let at = index.range(start, start);
            let edit = TextEdit { range: at, new_text: comment };
            let title = format!("Disable {} for this line", finding.rule);
            actions.push(action(
                title,
                CodeActionKind::QUICKFIX,
                uri,
                vec![edit],
                &diagnostic,
                false,
            ));
        }
    }
    actions
}

/// The whole text replaced by `fixed` (every fix applied), as one action of `kind`.
pub fn fix_all(
    uri: &Url,
    text: &str,
    fixed: String,
    applied: usize,
    kind: CodeActionKind,
) -> CodeActionOrCommand {
    let index = LineIndex::new(text);
    let edit = TextEdit { range: index.range(0, text.len()), new_text: fixed };
    let title = format!(
        "Fix all kosmo-lint problems ({applied} fix{})",
        if applied == 1 { "" } else { "es" }
    );
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Url,
    edits: Vec<TextEdit>,
    diagnostic: &Diagnostic,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// Whether two ranges share a position (an empty range touching the other counts, as the
/// cursor does).
fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
