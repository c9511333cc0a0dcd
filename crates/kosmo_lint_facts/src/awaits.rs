//! The `await`s of a page's `preload` (or deprecated `load`): those of its own body and of
//! the local functions it calls, for `preload-no-await`. Awaits inside callbacks the preload
//! defines (`ids.map(async (id) => …)`) are left out: the router's not awaiting the preload
//! says nothing about them.

use kosmo_lint_core::facts::{PageFacts, PreloadAwait};
use oxc_ast::AstKind;
use oxc_ast::ast::{
    AwaitExpression, BindingPattern, CallExpression, Declaration, Expression, FunctionBody,
    ModuleExportName, Program, Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_semantic::{ScopeFlags, SymbolId};
use oxc_span::GetSpan;

use crate::bindings::Bindings;
use crate::span;

/// Local functions followed from one preload, at most: enough for any hand-written page.
const MAX_FUNCTIONS: usize = 32;

/// Fills `facts.preload.awaits` from the export statement the preload was read from.
pub(crate) fn fill<'a>(program: &Program<'a>, bindings: &Bindings<'_, 'a>, facts: &mut PageFacts) {
    let Some(preload) = facts.preload.as_mut() else { return };
    let Some(stmt) = program.body.iter().find(|stmt| span(stmt.span()) == preload.span) else {
        return;
    };
    let mut finder = Finder {
        bindings,
        awaits: Vec::new(),
        callees: Vec::new(),
        function: None,
        callbacks: Vec::new(),
    };
    let name = preload.name.as_str();
    match stmt {
        Statement::ExportDeclaration(decl) => match &decl.declaration {
            Declaration::VariableDeclaration(var) => {
                let init = var.declarations.iter().find_map(|d| match &d.id {
                    BindingPattern::BindingIdentifier(id) if id.name == name => d.init.as_ref(),
                    _ => None,
                });
                if let Some(init) = init {
                    finder.expression(init);
                }
            }
            Declaration::FunctionDeclaration(func) => {
                if let Some(body) = &func.body {
                    finder.body(func.span, body);
                }
            }
            _ => {}
        },
        Statement::ExportNamedDeclaration(named) => {
            let local = named.specifiers.iter().find_map(|s| match &s.local {
                ModuleExportName::IdentifierReference(local) if s.exported.name() == name => {
                    Some(local)
                }
                _ => None,
            });
            if let Some(symbol) = local.and_then(|l| bindings.symbol_of(l)) {
                finder.callees.push(symbol);
            }
        }
        _ => return,
    }
    finder.follow_callees();
    finder.awaits.sort_by_key(|a| a.span.start);
    preload.awaits = finder.awaits;
    finder.callbacks.sort_by_key(|c| c.start);
    preload.callbacks = finder.callbacks;
}

struct Finder<'b, 's, 'a> {
    bindings: &'b Bindings<'s, 'a>,
    awaits: Vec<PreloadAwait>,
    /// Local functions called from a body visited so far.
    callees: Vec<SymbolId>,
    /// The function whose body is being visited.
    function: Option<oxc_span::Span>,
    /// Functions defined in the bodies visited, not entered.
    callbacks: Vec<kosmo_lint_core::Span>,
}

impl<'a> Finder<'_, '_, 'a> {
    /// An inline arrow or function, or a name bound to a local function.
    fn expression(&mut self, expr: &Expression<'a>) {
        match expr.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => {
                if let Some(body) = arrow.body.as_function_body() {
                    self.body(arrow.span, body);
                } else {
                    // An expression body's awaited value is the result: never sequential.
                    self.function = Some(arrow.span);
                    self.visit_arrow_function_body(&arrow.body);
                    self.function = None;
                }
            }
            Expression::FunctionExpression(func) => {
                if let Some(body) = &func.body {
                    self.body(func.span, body);
                }
            }
            Expression::Identifier(ident) => {
                if let Some(symbol) = self.bindings.symbol_of(ident) {
                    self.callees.push(symbol);
                }
            }
            _ => {}
        }
    }

    fn body(&mut self, function: oxc_span::Span, body: &FunctionBody<'a>) {
        self.function = Some(function);
        self.statements(&body.statements);
        self.function = None;
    }

    /// The statements of a function's body, or of a `try` block in it: an `await x;` among
    /// them is sequential.
    fn statements(&mut self, statements: &[Statement<'a>]) {
        for stmt in statements {
            match stmt {
                Statement::ExpressionStatement(expr) => {
                    if let Expression::AwaitExpression(awaited) =
                        expr.expression.get_inner_expression()
                    {
                        self.record(awaited, true);
                        self.visit_expression(&awaited.argument);
                    } else {
                        self.visit_expression_statement(expr);
                    }
                }
                Statement::TryStatement(try_stmt) => {
                    self.statements(&try_stmt.block.body);
                    if let Some(handler) = &try_stmt.handler {
                        self.visit_catch_clause(handler);
                    }
                    if let Some(finalizer) = &try_stmt.finalizer {
                        self.visit_block_statement(finalizer);
                    }
                }
                other => self.visit_statement(other),
            }
        }
    }

    fn follow_callees(&mut self) {
        let semantic = self.bindings.semantic;
        let mut seen: Vec<SymbolId> = Vec::new();
        while let Some(symbol) = self.callees.pop() {
            if seen.contains(&symbol) || seen.len() >= MAX_FUNCTIONS {
                continue;
            }
            seen.push(symbol);
            match semantic.symbol_declaration(symbol).kind() {
                AstKind::Function(func) => {
                    if let Some(body) = &func.body {
                        self.body(func.span, body);
                    }
                }
                // Only a `const`: a `let` may be reassigned before the preload calls it.
                AstKind::VariableDeclarator(decl)
                    if matches!(
                        semantic.nodes().parent_kind(semantic.symbol_declaration(symbol).id()),
                        AstKind::VariableDeclaration(var) if var.kind.is_const()
                    ) =>
                {
                    if let Some(init) = &decl.init
                        && matches!(
                            init.get_inner_expression(),
                            Expression::ArrowFunctionExpression(_)
                                | Expression::FunctionExpression(_)
                        )
                    {
                        self.expression(init);
                    }
                }
                _ => {}
            }
        }
    }

    fn record(&mut self, expr: &AwaitExpression<'a>, sequential: bool) {
        let Some(function) = self.function else { return };
        self.awaits.push(PreloadAwait {
            span: span(expr.span),
            argument: span(expr.argument.get_inner_expression().span()),
            function: span(function),
            sequential,
        });
    }
}

impl<'a> Visit<'a> for Finder<'_, '_, 'a> {
    fn visit_await_expression(&mut self, expr: &AwaitExpression<'a>) {
        self.record(expr, false);
        walk::walk_await_expression(self, expr);
    }

    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if let Expression::Identifier(callee) = call.callee.get_inner_expression()
            && let Some(symbol) = self.bindings.symbol_of(callee)
        {
            self.callees.push(symbol);
        }
        walk::walk_call_expression(self, call);
    }

    // A callback's awaits and calls belong to the callback, which runs on its own terms.
    fn visit_function(&mut self, func: &oxc_ast::ast::Function<'a>, _: ScopeFlags) {
        self.callbacks.push(span(func.span));
    }

    fn visit_arrow_function_expression(
        &mut self,
        arrow: &oxc_ast::ast::ArrowFunctionExpression<'a>,
    ) {
        self.callbacks.push(span(arrow.span));
    }
}
