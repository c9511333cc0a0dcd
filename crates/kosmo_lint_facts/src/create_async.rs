//! Every `createAsync` / `createAsyncStore` call of a page, with what its argument is.

use kosmo_lint_core::facts::{CreateAsyncCall, FunctionValue};
use oxc_ast::ast::{CallExpression, Expression, Program, Statement};
use oxc_ast_visit::{Visit, walk};

use crate::bindings::{Binding, Bindings};
use crate::page::function_value;
use crate::span;

pub(crate) fn extract<'a>(
    program: &Program<'a>,
    bindings: &mut Bindings<'_, 'a>,
) -> Vec<CreateAsyncCall> {
    // Only the names `createAsync`/`createAsyncStore` are imported under are looked at.
    let names = router_imports(program, &["createAsync", "createAsyncStore"]);
    if names.is_empty() {
        return Vec::new();
    }
    let mut finder = CreateAsyncFinder { bindings, calls: Vec::new(), names };
    finder.visit_program(program);
    finder.calls
}

/// The local names under which `@solidjs/router` exports of `wanted` are imported.
fn router_imports<'p>(program: &'p Program<'_>, wanted: &[&str]) -> Vec<&'p str> {
    let mut names = Vec::new();
    for stmt in &program.body {
        let Statement::ImportDeclaration(import) = stmt else { continue };
        if import.source.value != "@solidjs/router" {
            continue;
        }
        for specifier in import.specifiers.iter().flatten() {
            if let oxc_ast::ast::ImportDeclarationSpecifier::ImportSpecifier(named) = specifier
                && wanted.contains(&named.imported.name().as_str())
            {
                names.push(named.local.name.as_str());
            }
        }
    }
    names
}

struct CreateAsyncFinder<'b, 's, 'a, 'p> {
    bindings: &'b mut Bindings<'s, 'a>,
    calls: Vec<CreateAsyncCall>,
    names: Vec<&'p str>,
}

impl<'a> Visit<'a> for CreateAsyncFinder<'_, '_, 'a, '_> {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if let Expression::Identifier(callee) = call.callee.get_inner_expression()
            && self.names.contains(&callee.name.as_str())
            && let Binding::SolidRouter { name } = self.bindings.classify(&call.callee)
            && matches!(name.as_str(), "createAsync" | "createAsyncStore")
        {
            let value = match call.arguments.first().and_then(|a| a.as_expression()) {
                Some(argument) => function_value(self.bindings, argument),
                None => FunctionValue::Other { span: span(call.span), text: String::new() },
            };
            self.calls.push(CreateAsyncCall { function: name, span: span(call.span), value });
        }
        walk::walk_call_expression(self, call);
    }
}
