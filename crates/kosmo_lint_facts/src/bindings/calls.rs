//! The data calls a function body or a statement makes, for [`super::Bindings`]: all of
//! them (a function's), or only those that run as surely as the code around them does (what
//! a component runs when it mounts).

use kosmo_lint_core::facts::DataCall;
use oxc_ast::ast::Expression;
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use super::Bindings;
use crate::args::canonical_args;
use crate::span;

/// Collects the calls inside a function body that may load data.
pub(crate) struct CallCollector<'b, 's, 'a> {
    pub(super) bindings: &'b mut Bindings<'s, 'a>,
    pub(super) calls: Vec<DataCall>,
    /// Whether the calls inside nested functions count (they do for a function's calls).
    pub(super) enter_functions: bool,
}

impl<'a> Visit<'a> for CallCollector<'_, '_, 'a> {
    fn visit_call_expression(&mut self, call: &oxc_ast::ast::CallExpression<'a>) {
        // A function called where it is written runs now: `(async () => { … })()`.
        if !self.enter_functions {
            match call.callee.get_inner_expression() {
                Expression::ArrowFunctionExpression(arrow) => {
                    self.visit_arrow_function_body(&arrow.body);
                }
                Expression::FunctionExpression(func) => {
                    if let Some(body) = &func.body {
                        self.visit_function_body(body);
                    }
                }
                _ => {}
            }
        }
        if let Some(target) = self.bindings.call_target(&call.callee) {
            let args = canonical_args(self.bindings, &call.arguments);
            let bare_callee = (call.arguments.is_empty() && is_static_chain(&call.callee))
                .then(|| call.callee.span().source_text(self.bindings.text).to_owned());
            self.calls.push(DataCall { target, span: span(call.span), args, bare_callee });
        }
        walk::walk_call_expression(self, call);
    }

    // Without entering functions, the collector reads what runs as surely as the statement
    // does: a branch, a loop body, a `catch`, the right of `&&`, and whatever follows a
    // statement that may return early run only sometimes.
    fn visit_statements(&mut self, stmts: &oxc_allocator::Vec<'a, oxc_ast::ast::Statement<'a>>) {
        for stmt in stmts {
            self.visit_statement(stmt);
            if !self.enter_functions && may_leave_early(stmt, self.bindings.text) {
                break;
            }
        }
    }

    fn visit_if_statement(&mut self, stmt: &oxc_ast::ast::IfStatement<'a>) {
        if self.enter_functions {
            walk::walk_if_statement(self, stmt);
        } else {
            self.visit_expression(&stmt.test);
        }
    }

    fn visit_conditional_expression(&mut self, expr: &oxc_ast::ast::ConditionalExpression<'a>) {
        if self.enter_functions {
            walk::walk_conditional_expression(self, expr);
        } else {
            self.visit_expression(&expr.test);
        }
    }

    fn visit_logical_expression(&mut self, expr: &oxc_ast::ast::LogicalExpression<'a>) {
        if self.enter_functions {
            walk::walk_logical_expression(self, expr);
        } else {
            self.visit_expression(&expr.left);
        }
    }

    fn visit_switch_statement(&mut self, stmt: &oxc_ast::ast::SwitchStatement<'a>) {
        if self.enter_functions {
            walk::walk_switch_statement(self, stmt);
        } else {
            self.visit_expression(&stmt.discriminant);
        }
    }

    fn visit_catch_clause(&mut self, clause: &oxc_ast::ast::CatchClause<'a>) {
        if self.enter_functions {
            walk::walk_catch_clause(self, clause);
        }
    }

    fn visit_for_statement(&mut self, stmt: &oxc_ast::ast::ForStatement<'a>) {
        if self.enter_functions {
            walk::walk_for_statement(self, stmt);
        }
    }

    fn visit_for_of_statement(&mut self, stmt: &oxc_ast::ast::ForOfStatement<'a>) {
        if self.enter_functions {
            walk::walk_for_of_statement(self, stmt);
        } else {
            self.visit_expression(&stmt.right);
        }
    }

    fn visit_for_in_statement(&mut self, stmt: &oxc_ast::ast::ForInStatement<'a>) {
        if self.enter_functions {
            walk::walk_for_in_statement(self, stmt);
        }
    }

    fn visit_while_statement(&mut self, stmt: &oxc_ast::ast::WhileStatement<'a>) {
        if self.enter_functions {
            walk::walk_while_statement(self, stmt);
        }
    }

    fn visit_do_while_statement(&mut self, stmt: &oxc_ast::ast::DoWhileStatement<'a>) {
        if self.enter_functions {
            walk::walk_do_while_statement(self, stmt);
        }
    }

    fn visit_function(
        &mut self,
        func: &oxc_ast::ast::Function<'a>,
        flags: oxc_semantic::ScopeFlags,
    ) {
        if self.enter_functions {
            walk::walk_function(self, func, flags);
        }
    }

    fn visit_arrow_function_expression(
        &mut self,
        arrow: &oxc_ast::ast::ArrowFunctionExpression<'a>,
    ) {
        if self.enter_functions {
            walk::walk_arrow_function_expression(self, arrow);
        }
    }
}

/// Whether a statement may end the function before the next one runs: a `return` or `throw`
/// somewhere in a branching statement (read from its text, which also counts one in a nested
/// function: the collector then reads less, never more).
fn may_leave_early(stmt: &oxc_ast::ast::Statement<'_>, text: &str) -> bool {
    use oxc_ast::ast::Statement;
    match stmt {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::IfStatement(_)
        | Statement::SwitchStatement(_)
        | Statement::TryStatement(_)
        | Statement::BlockStatement(_)
        | Statement::LabeledStatement(_) => {
            let source = stmt.span().source_text(text);
            source.contains("return") || source.contains("throw")
        }
        _ => false,
    }
}

/// `name`, `a.b.c`: a callee whose text can be written again elsewhere in the module.
fn is_static_chain(expr: &Expression<'_>) -> bool {
    match expr {
        Expression::Identifier(_) => true,
        Expression::StaticMemberExpression(member) => is_static_chain(&member.object),
        _ => false,
    }
}
