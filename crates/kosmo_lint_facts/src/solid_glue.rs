//! Reads a source folder's generated Solid glue (see [`kosmo_lint_core::glue`]) and tells
//! whether its `loaderFactory` calls the page module's `preload`. Certainty first: only a
//! wrapper whose every use of `preload` is a `typeof` test or a `return`, and whose only calls
//! are the page-module loader, `.then`/`.catch`/`.finally` and `console`, is said never to
//! call it; anything else the wrapper does (another call, a computed member, a spread) may
//! reach the page's `preload`, and is `Unknown`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use kosmo_lint_core::LineIndex;
use kosmo_lint_core::glue::GlueVerdict;
use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrowFunctionExpression, BindingPattern, CallExpression, ChainElement,
    ComputedMemberExpression, Declaration, Expression, FormalParameter, Function, ImportExpression,
    NewExpression, ReturnStatement, SpreadElement, Statement, StaticMemberExpression,
    UnaryExpression, UnaryOperator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_semantic::ScopeFlags;
use oxc_span::{GetSpan, SourceType, Span};

use crate::cache::Stamp;

/// Glue files are a few KiB; a larger one is not the template and is not parsed.
const MAX_GLUE_BYTES: u64 = 256 * 1024;

/// A glue file as found on disk.
#[derive(Debug, PartialEq, Eq)]
pub enum GlueFile {
    Absent,
    /// It exists but could not be read (a tree built now could not tell its change).
    Unreadable,
    Read {
        stamp: Stamp,
        verdict: GlueVerdict,
        position: GluePosition,
    },
}

/// Reads and classifies the glue at `path`; its stamp is taken from the handle it is read
/// through, so that it is the stamp of the content classified.
pub fn read_solid_glue(path: &Path) -> GlueFile {
    let mut handle = match fs::File::open(path) {
        Ok(handle) => handle,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return GlueFile::Absent,
        Err(_) => return GlueFile::Unreadable,
    };
    let Some(stamp) = handle.metadata().ok().as_ref().and_then(Stamp::of) else {
        return GlueFile::Unreadable;
    };
    let mut text = String::new();
    let too_large = stamp.size() > MAX_GLUE_BYTES;
    if !too_large && handle.read_to_string(&mut text).is_err() {
        // Not UTF-8 (or a read error): not the generated template, nothing to say.
        text.clear();
    }
    let (verdict, position) = classify_text(&text);
    GlueFile::Read { stamp, verdict, position }
}

/// Where a [`GlueVerdict::NeverCalls`] wrapper returns the member, or loads the page module
/// without reading it: 1-based line and column (`0` when there is none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GluePosition {
    pub line: u32,
    pub column: u32,
    pub returns_preload: bool,
}

/// [`classify`], with the offset said as a line and column.
pub fn classify_text(text: &str) -> (GlueVerdict, GluePosition) {
    let (verdict, at) = classify(text);
    let Some(at) = at else { return (verdict, GluePosition::default()) };
    let (line, column) = LineIndex::new(text).line_col(at.offset);
    (verdict, GluePosition { line, column, returns_preload: at.returns_preload })
}

/// Where a verdict points: the offset of the `return` of the member, or of the function
/// that loads the page module when the member is never read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlueAt {
    pub offset: u32,
    pub returns_preload: bool,
}

/// The verdict on glue `text`, with the offset of the wrapper's `return` of `preload` (or of
/// the wrapper function, when it never reads it) for [`GlueVerdict::NeverCalls`].
pub fn classify(text: &str) -> (GlueVerdict, Option<GlueAt>) {
    let allocator = Allocator::default();
    let ret = Parser::new(&allocator, text, SourceType::ts()).parse();
    if ret.panicked || !ret.diagnostics.is_empty() {
        return (GlueVerdict::Unknown, None);
    }
    let Some(factory) = ret.program.body.iter().find_map(loader_factory) else {
        return (GlueVerdict::Unknown, None);
    };
    let mut wrapper = Wrapper::default();
    wrapper.visit_factory(&factory);
    wrapper.verdict()
}

enum Factory<'s, 'a> {
    Arrow(&'s ArrowFunctionExpression<'a>),
    Function(&'s Function<'a>),
}

/// `loaderFactory` declared by `stmt` (exported or not), as an arrow or a function.
fn loader_factory<'s, 'a>(stmt: &'s Statement<'a>) -> Option<Factory<'s, 'a>> {
    let declaration = match stmt {
        Statement::ExportDeclaration(export) => &export.declaration,
        _ => stmt.as_declaration()?,
    };
    match declaration {
        Declaration::FunctionDeclaration(f) if f.id.as_ref()?.name == "loaderFactory" => {
            Some(Factory::Function(f))
        }
        Declaration::VariableDeclaration(var) => var.declarations.iter().find_map(|d| {
            let BindingPattern::BindingIdentifier(id) = &d.id else { return None };
            if id.name != "loaderFactory" {
                return None;
            }
            match d.init.as_ref()?.get_inner_expression() {
                Expression::ArrowFunctionExpression(arrow) => Some(Factory::Arrow(arrow)),
                Expression::FunctionExpression(function) => Some(Factory::Function(function)),
                _ => None,
            }
        }),
        _ => None,
    }
}

/// What the wrapper does, gathered in one visit of `loaderFactory`.
#[derive(Default)]
struct Wrapper {
    /// Names of every parameter inside the factory: calling one is calling the page-module
    /// loader the routes pass in (`componentLoader()`).
    params: Vec<String>,
    /// Spans of `.preload` members whose use is known: a callee, a `typeof` operand, a
    /// returned value.
    accounted: Vec<Span>,
    /// The first `return` of the member, and the innermost function that loads the module.
    returned_at: Option<u32>,
    loader_function: Option<u32>,
    functions: Vec<u32>,
    calls_preload: bool,
    loads_module: bool,
    unusual: bool,
}

impl Wrapper {
    fn visit_factory(&mut self, factory: &Factory<'_, '_>) {
        match factory {
            Factory::Arrow(arrow) => self.visit_arrow_function_expression(arrow),
            Factory::Function(function) => self.visit_function(function, ScopeFlags::Function),
        }
    }

    fn verdict(&self) -> (GlueVerdict, Option<GlueAt>) {
        if self.calls_preload {
            return (GlueVerdict::Calls, None);
        }
        if self.unusual || !self.loads_module {
            return (GlueVerdict::Unknown, None);
        }
        // `loads_module` set `loader_function` (the loader is only called inside functions).
        let at = match self.returned_at {
            Some(offset) => Some(GlueAt { offset, returns_preload: true }),
            None => self.loader_function.map(|offset| GlueAt { offset, returns_preload: false }),
        };
        (GlueVerdict::NeverCalls, at)
    }

    fn loads(&mut self) {
        self.loads_module = true;
        if self.loader_function.is_none() {
            self.loader_function = self.functions.last().copied();
        }
    }

    /// Marks the `.preload` members a returned expression yields (through a conditional, a
    /// logical operator, parentheses, TS assertions or an optional chain) as accounted for.
    fn returned(&mut self, expr: &Expression<'_>, at: u32) {
        match expr.get_inner_expression() {
            Expression::ConditionalExpression(c) => {
                self.returned(&c.consequent, at);
                self.returned(&c.alternate, at);
            }
            Expression::LogicalExpression(l) => {
                self.returned(&l.left, at);
                self.returned(&l.right, at);
            }
            Expression::StaticMemberExpression(m) if m.property.name == "preload" => {
                self.account(m.span, at);
            }
            Expression::ChainExpression(chain) => {
                if let ChainElement::StaticMemberExpression(m) = &chain.expression
                    && m.property.name == "preload"
                {
                    self.account(m.span, at);
                }
            }
            _ => {}
        }
    }

    fn account(&mut self, member: Span, returned_at: u32) {
        self.accounted.push(member);
        self.returned_at.get_or_insert(returned_at);
    }
}

/// The `.preload` member `expr` is (through parentheses and TS assertions), if it is one.
fn preload_member(expr: &Expression<'_>) -> Option<Span> {
    match expr.get_inner_expression() {
        Expression::StaticMemberExpression(m) if m.property.name == "preload" => Some(m.span),
        _ => None,
    }
}

impl<'a> Visit<'a> for Wrapper {
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.functions.push(it.span.start);
        walk::walk_function(self, it, flags);
        self.functions.pop();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.functions.push(it.span.start);
        if let Some(body) = it.body.as_expression() {
            self.returned(body, body.span().start);
        }
        walk::walk_arrow_function_expression(self, it);
        self.functions.pop();
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        if let BindingPattern::BindingIdentifier(id) = &it.pattern {
            self.params.push(id.name.to_string());
        }
        walk::walk_formal_parameter(self, it);
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if let Some(argument) = &it.argument {
            self.returned(argument, it.span.start);
        }
        walk::walk_return_statement(self, it);
    }

    fn visit_unary_expression(&mut self, it: &UnaryExpression<'a>) {
        if it.operator == UnaryOperator::Typeof
            && let Some(member) = preload_member(&it.argument)
        {
            self.accounted.push(member);
        }
        walk::walk_unary_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        match it.callee.get_inner_expression() {
            Expression::StaticMemberExpression(m) if m.property.name == "preload" => {
                self.calls_preload = true;
            }
            // `component.preload.call(…)` / `.apply(…)`.
            Expression::StaticMemberExpression(m)
                if matches!(m.property.name.as_str(), "call" | "apply")
                    && preload_member(&m.object).is_some() =>
            {
                self.calls_preload = true;
            }
            Expression::StaticMemberExpression(m)
                if matches!(m.property.name.as_str(), "then" | "catch" | "finally") => {}
            Expression::StaticMemberExpression(m) if matches!(&m.object, Expression::Identifier(id) if id.name == "console") =>
                {}
            Expression::Identifier(id) if self.params.iter().any(|p| p == id.name.as_str()) => {
                self.loads();
            }
            // Any other function may be handed the module and call its `preload`.
            _ => self.unusual = true,
        }
        if let Some(member) = preload_member(&it.callee) {
            self.accounted.push(member);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        self.loads();
        walk::walk_import_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if it.property.name == "preload" && !self.accounted.contains(&it.span) {
            // Stored, awaited, passed on: what becomes of it is not followed.
            self.unusual = true;
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        self.unusual = true;
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        self.unusual = true;
        walk::walk_new_expression(self, it);
    }

    fn visit_spread_element(&mut self, it: &SpreadElement<'a>) {
        self.unusual = true;
        walk::walk_spread_element(self, it);
    }
}

#[cfg(test)]
#[path = "solid_glue_tests.rs"]
mod tests;
