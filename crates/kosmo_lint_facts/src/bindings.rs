//! What a name in a page or helper stands for, resolved through oxc's semantic analysis:
//! a generated fetch client (the map, one route's client, one method), a `query()` wrapper,
//! a local function, a hand-written fetch, route params, or an ordinary import.

use std::collections::{HashMap, HashSet};

use kosmo_lint_core::HttpMethod;
use kosmo_lint_core::facts::{DataCall, QueryWrapper, Target};
use kosmo_lint_core::project::NamedFolder;
use oxc_ast::AstKind;
use oxc_ast::ast::{
    Argument, BindingPattern, Expression, IdentifierReference, ImportDeclaration, MemberExpression,
};
use oxc_ast_visit::Visit;
use oxc_semantic::{Semantic, SymbolId};
use oxc_span::GetSpan;

use crate::fetch_module::FetchModule;
use crate::span;

mod calls;
mod imports;

use calls::CallCollector;
pub(crate) use imports::import_binding;

/// Globals that make hand-written requests.
const RAW_FETCH_GLOBALS: &[&str] = &["fetch", "$fetch"];
/// How deep local functions are followed from a preload or `createAsync` argument.
const MAX_DEPTH: u32 = 4;

/// What a binding (or an expression) stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Binding {
    /// The default export of a fetch map module, and the source folder its path names.
    ClientMap {
        folder: Option<NamedFolder>,
    },
    /// One route's client object.
    ClientRoute {
        folder: Option<NamedFolder>,
        route: String,
    },
    /// One method (or helper such as `path`) of a route's client.
    ClientMember {
        route: String,
        member: String,
    },
    /// `ResponseT` from a fetch map module.
    ResponseTypeMap {
        folder: Option<NamedFolder>,
    },
    Query {
        index: usize,
    },
    /// A local function (declaration, arrow or function expression), analysed only when a
    /// preload or `createAsync` reaches it.
    Function {
        name: String,
        symbol: SymbolId,
    },
    RawFetch {
        name: String,
    },
    Imported {
        name: String,
        source: String,
        /// The exported name: `default`, `*` for a namespace, or the name.
        export: String,
    },
    /// A key read off an imported value (`api["users"]`, `const { users } = api`): one
    /// route's client if the import is the fetch map under another name.
    ImportedKey {
        source: String,
        export: String,
        key: String,
    },
    /// A member of an imported key: `api["users"].GET`.
    ImportedMember {
        source: String,
        export: String,
        path: Vec<String>,
    },
    /// A `@solidjs/router` export, by its exported name (`query`, `useParams`, …), or React
    /// Router's `useParams`.
    SolidRouter {
        name: String,
    },
    /// A function's plain parameter (the preload's args, a component's props).
    Argument,
    /// The route params object: `useParams()`, `args.params`, `({ params })`.
    Params,
    /// One route param: `params.id`, `const { id } = useParams()`.
    ParamsField {
        field: String,
    },
    Other,
}

impl Binding {
    /// `binding.name` / `binding["name"]`.
    fn member(&self, name: &str) -> Self {
        match self {
            Self::ClientMap { folder } => {
                Self::ClientRoute { folder: folder.clone(), route: name.to_owned() }
            }
            Self::ClientRoute { route, .. } => {
                Self::ClientMember { route: route.clone(), member: name.to_owned() }
            }
            Self::Argument if name == "params" => Self::Params,
            Self::Params => Self::ParamsField { field: name.to_owned() },
            Self::RawFetch { name: object } => Self::RawFetch { name: format!("{object}.{name}") },
            // A namespace import's member is that module's export of the name.
            Self::Imported { name: local, source, export } if export == "*" => Self::Imported {
                name: format!("{local}.{name}"),
                source: source.clone(),
                export: name.to_owned(),
            },
            Self::Imported { source, export, .. } => Self::ImportedKey {
                source: source.clone(),
                export: export.clone(),
                key: name.to_owned(),
            },
            Self::ImportedKey { source, export, key } => Self::ImportedMember {
                source: source.clone(),
                export: export.clone(),
                path: vec![key.clone(), name.to_owned()],
            },
            _ => Self::Other,
        }
    }

    /// What a call of a function bound this way does, when it can load data.
    pub(crate) fn call_target(&self) -> Option<Target> {
        match self {
            Self::ClientMember { route, member } if member.parse::<HttpMethod>().is_ok() => {
                Some(Target::GeneratedClient { route: route.clone(), method: member.clone() })
            }
            Self::Query { index } => Some(Target::Query { index: *index }),
            Self::RawFetch { name } => Some(Target::RawFetch { name: name.clone() }),
            Self::Imported { name, source, export } => Some(Target::Imported {
                name: name.clone(),
                source: source.clone(),
                export: export.clone(),
            }),
            // `users.GET()` on an imported route client, `api["users"].GET()` on an imported
            // map: the module graph tells whether they are generated clients.
            Self::ImportedKey { source, export, key } => Some(Target::ImportedMember {
                name: format!("{export}.{key}"),
                source: source.clone(),
                export: export.clone(),
                path: vec![key.clone()],
            }),
            Self::ImportedMember { source, export, path } => Some(Target::ImportedMember {
                name: format!("{export}[\"{}\"].{}", path[0], path[1]),
                source: source.clone(),
                export: export.clone(),
                path: path.clone(),
            }),
            _ => None,
        }
    }
}

/// The resolver, with a cache per symbol; also owns the file's `query()` wrappers.
pub(crate) struct Bindings<'s, 'a> {
    pub semantic: &'s Semantic<'a>,
    pub text: &'s str,
    cache: HashMap<SymbolId, Binding>,
    function_calls: HashMap<SymbolId, Vec<DataCall>>,
    in_progress: HashSet<SymbolId>,
    pub queries: Vec<QueryWrapper>,
    depth: u32,
    /// Spans of the program's top-level declarations (imports, variables, functions,
    /// classes, exports), in order. Names bound inside a top-level block, `if` or loop are
    /// left out: whether they hold a value after that statement is not certain.
    top_level: Vec<oxc_span::Span>,
}

impl<'s, 'a> Bindings<'s, 'a> {
    pub(crate) fn new(
        semantic: &'s Semantic<'a>,
        text: &'s str,
        program: &oxc_ast::ast::Program<'_>,
    ) -> Self {
        Self {
            semantic,
            text,
            cache: HashMap::new(),
            function_calls: HashMap::new(),
            in_progress: HashSet::new(),
            queries: Vec::new(),
            depth: 0,
            top_level: program
                .body
                .iter()
                .filter(|stmt| stmt.is_declaration() || stmt.is_module_declaration())
                .map(GetSpan::span)
                .collect(),
        }
    }

    /// The end of the top-level statement that declares the root name of `expr`
    /// (`fetchData`, `client` in `client.GET`), when that name is module-level.
    pub(crate) fn declaration_end(&self, expr: &Expression<'_>) -> Option<u32> {
        let mut root = expr.get_inner_expression();
        while let Some(member) = root.as_member_expression() {
            root = member.object().get_inner_expression();
        }
        let Expression::Identifier(ident) = root else { return None };
        self.ident_declaration_end(ident)
    }

    pub(crate) fn ident_declaration_end(&self, ident: &IdentifierReference<'_>) -> Option<u32> {
        self.symbol_declaration_end(self.symbol_of(ident)?)
    }

    /// The end of the top-level declaration that binds `symbol`, when it is one: a statement
    /// inserted after that point can use the name. `None` for a name bound inside a
    /// function, a block or any other statement.
    pub(crate) fn symbol_declaration_end(&self, symbol: SymbolId) -> Option<u32> {
        let scoping = self.semantic.scoping();
        if scoping.symbol_scope_id(symbol) != scoping.root_scope_id() {
            return None;
        }
        let at = scoping.symbol_span(symbol).start;
        let index = self.top_level.partition_point(|s| s.end <= at);
        self.top_level.get(index).filter(|s| s.start <= at).map(|s| s.end)
    }

    pub(crate) fn symbol_of(&self, ident: &IdentifierReference<'_>) -> Option<SymbolId> {
        let reference = ident.reference_id.get()?;
        self.semantic.scoping().get_reference(reference).symbol_id()
    }

    /// `None` for a global (unresolved) name.
    pub(crate) fn resolve_ident(&mut self, ident: &IdentifierReference<'_>) -> Option<Binding> {
        self.symbol_of(ident).map(|symbol| self.resolve_symbol(symbol))
    }

    pub(crate) fn resolve_symbol(&mut self, symbol: SymbolId) -> Binding {
        if let Some(binding) = self.cache.get(&symbol) {
            return binding.clone();
        }
        if !self.in_progress.insert(symbol) {
            return Binding::Other;
        }
        let binding = self.declare(symbol);
        self.in_progress.remove(&symbol);
        self.cache.insert(symbol, binding.clone());
        binding
    }

    fn declare(&mut self, symbol: SymbolId) -> Binding {
        let semantic = self.semantic;
        let node = semantic.symbol_declaration(symbol);
        let name = semantic.scoping().symbol_name(symbol).to_owned();
        match node.kind() {
            AstKind::ImportSpecifier(spec) => {
                let Some(import) = import_of(semantic, node.id()) else { return Binding::Other };
                let imported = spec.imported.name().to_string();
                import_binding(import.source.value.as_str(), Some(&imported), &name)
            }
            AstKind::ImportDefaultSpecifier(_) => {
                let Some(import) = import_of(semantic, node.id()) else { return Binding::Other };
                import_binding(import.source.value.as_str(), None, &name)
            }
            AstKind::ImportNamespaceSpecifier(_) => {
                let Some(import) = import_of(semantic, node.id()) else { return Binding::Other };
                let source = import.source.value.as_str();
                // A map module's namespace holds `default` (the map) and `ResponseT`, not routes;
                // a route module's namespace holds its methods, as its default export does.
                if FetchModule::is_map(source) {
                    return Binding::Other;
                }
                match import_binding(source, None, &name) {
                    Binding::Imported { name, source, .. } => {
                        Binding::Imported { name, source, export: "*".to_owned() }
                    }
                    other => other,
                }
            }
            AstKind::VariableDeclarator(decl) => {
                let Some(init) = &decl.init else { return Binding::Other };
                let Some(path) = path_to(&decl.id, symbol) else { return Binding::Other };
                let base = self.classify_init(init, &name, symbol);
                path.iter().fold(base, |binding, key| binding.member(key))
            }
            AstKind::Function(_) => Binding::Function { name, symbol },
            AstKind::FormalParameter(param) => match path_to(&param.pattern, symbol) {
                Some(path) => {
                    path.iter().fold(Binding::Argument, |binding, key| binding.member(key))
                }
                None => Binding::Other,
            },
            _ => Binding::Other,
        }
    }

    /// The binding a declarator's initialiser gives its name.
    fn classify_init(&mut self, init: &Expression<'a>, name: &str, symbol: SymbolId) -> Binding {
        match init.get_inner_expression() {
            Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => {
                Binding::Function { name: name.to_owned(), symbol }
            }
            Expression::CallExpression(call) => match self.classify(&call.callee) {
                Binding::SolidRouter { name: router_fn }
                    if matches!(router_fn.as_str(), "query" | "cache") =>
                {
                    self.register_query(name, symbol, call)
                }
                Binding::SolidRouter { name: router_fn } if router_fn == "useParams" => {
                    Binding::Params
                }
                Binding::SolidRouter { name: router_fn } if router_fn == "useRoute" => {
                    Binding::Argument
                }
                _ => Binding::Other,
            },
            other => self.classify(other),
        }
    }

    fn register_query(
        &mut self,
        name: &str,
        symbol: SymbolId,
        call: &oxc_ast::ast::CallExpression<'a>,
    ) -> Binding {
        let key = call.arguments.get(1).and_then(|arg| match arg {
            Argument::StringLiteral(s) => Some(s.value.to_string()),
            Argument::TemplateLiteral(t) if t.quasis.len() == 1 => {
                t.quasis[0].value.cooked.map(|c| c.to_string())
            }
            _ => None,
        });
        let function = call.arguments.first().and_then(Argument::as_expression);
        let calls = match function {
            Some(function) => self.function_calls(function),
            None => Vec::new(),
        };
        let params = function.map(wrapped_params).unwrap_or_default();
        let takes_no_arguments = function.is_some_and(takes_no_arguments);
        self.queries.push(QueryWrapper {
            name: name.to_owned(),
            span: span(call.span),
            key,
            calls,
            statement_end: self.symbol_declaration_end(symbol),
            params,
            takes_no_arguments,
        });
        Binding::Query { index: self.queries.len() - 1 }
    }

    /// What an expression stands for (identifiers, member chains, `useParams()`).
    pub(crate) fn classify(&mut self, expr: &Expression<'_>) -> Binding {
        match expr.get_inner_expression() {
            Expression::Identifier(ident) => self.resolve_ident(ident).unwrap_or(Binding::Other),
            Expression::CallExpression(call) => match self.classify(&call.callee) {
                Binding::SolidRouter { name } if name == "useParams" => Binding::Params,
                Binding::SolidRouter { name } if name == "useRoute" => Binding::Argument,
                _ => Binding::Other,
            },
            Expression::ChainExpression(chain) => match chain.expression.as_member_expression() {
                Some(member) => self.classify_member(member),
                None => Binding::Other,
            },
            other => match other.as_member_expression() {
                Some(member) => self.classify_member(member),
                None => Binding::Other,
            },
        }
    }

    pub(crate) fn classify_member(&mut self, member: &MemberExpression<'_>) -> Binding {
        let Some(name) = member.static_property_name() else { return Binding::Other };
        self.classify(member.object()).member(name)
    }

    /// The data calls made by a function-valued expression (arrow, function, or a name bound
    /// to one).
    pub(crate) fn function_calls(&mut self, function: &Expression<'a>) -> Vec<DataCall> {
        match function.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => {
                self.collect_calls(|c| c.visit_arrow_function_body(&arrow.body))
            }
            Expression::FunctionExpression(func) => match &func.body {
                Some(body) => self.collect_calls(|c| c.visit_function_body(body)),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// What calling a function bound this way does; local functions are analysed here, once.
    pub(crate) fn target_of(&mut self, binding: Binding) -> Option<Target> {
        match binding {
            Binding::Function { name, symbol } => {
                let calls = self.local_function_calls(symbol);
                Some(Target::LocalFunction { name, calls })
            }
            other => other.call_target(),
        }
    }

    fn local_function_calls(&mut self, symbol: SymbolId) -> Vec<DataCall> {
        if let Some(calls) = self.function_calls.get(&symbol) {
            return calls.clone();
        }
        if !self.in_progress.insert(symbol) {
            return Vec::new();
        }
        let semantic = self.semantic;
        let calls = match semantic.symbol_declaration(symbol).kind() {
            AstKind::Function(func) => match &func.body {
                Some(body) => self.nested(|b| b.collect_calls(|c| c.visit_function_body(body))),
                None => Vec::new(),
            },
            AstKind::VariableDeclarator(decl) => match &decl.init {
                Some(init) => self.nested(|b| b.function_calls(init)),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        self.in_progress.remove(&symbol);
        self.function_calls.insert(symbol, calls.clone());
        calls
    }

    /// The data calls of a function declaration's body.
    pub(crate) fn body_calls(&mut self, body: &oxc_ast::ast::FunctionBody<'a>) -> Vec<DataCall> {
        self.collect_calls(|c| c.visit_function_body(body))
    }

    /// What calling the function a name is bound to does, when it may load data.
    pub(crate) fn ident_target(&mut self, ident: &IdentifierReference<'_>) -> Option<Target> {
        match self.resolve_ident(ident) {
            Some(binding) => self.target_of(binding),
            None => RAW_FETCH_GLOBALS
                .contains(&ident.name.as_str())
                .then(|| Target::RawFetch { name: ident.name.to_string() }),
        }
    }

    /// What a callee expression calls, when that call may load data.
    pub(crate) fn call_target(&mut self, callee: &Expression<'_>) -> Option<Target> {
        if let Expression::Identifier(ident) = callee.get_inner_expression() {
            return self.ident_target(ident);
        }
        if let Some(member) = callee.get_inner_expression().as_member_expression()
            && let Expression::Identifier(object) = member.object().get_inner_expression()
            && self.symbol_of(object).is_none()
            && matches!(object.name.as_str(), "window" | "globalThis" | "self")
            && member.static_property_name().is_some_and(|p| RAW_FETCH_GLOBALS.contains(&p))
        {
            return Some(Target::RawFetch { name: "fetch".to_owned() });
        }
        let binding = self.classify(callee);
        self.target_of(binding)
    }

    fn nested<T: Default>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        if self.depth >= MAX_DEPTH {
            return T::default();
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    /// The data calls a callback makes as soon as it is called (an effect hook's), not those
    /// of the functions it defines or hands on (`setInterval(() => …)`, an event listener):
    /// those run later, if ever. Functions it calls at once (an async IIFE) are entered.
    pub(crate) fn callback_immediate_calls(&mut self, callback: &Expression<'a>) -> Vec<DataCall> {
        let mut collector =
            CallCollector { bindings: self, calls: Vec::new(), enter_functions: false };
        match callback.get_inner_expression() {
            Expression::ArrowFunctionExpression(arrow) => {
                collector.visit_arrow_function_body(&arrow.body);
            }
            Expression::FunctionExpression(func) => {
                if let Some(body) = &func.body {
                    collector.visit_function_body(body);
                }
            }
            _ => {}
        }
        collector.calls
    }

    /// The data calls a statement makes as it runs, not those of the functions it defines
    /// (an event handler declared in a component's body runs later, if ever).
    pub(crate) fn immediate_calls(&mut self, stmt: &oxc_ast::ast::Statement<'a>) -> Vec<DataCall> {
        let mut collector =
            CallCollector { bindings: self, calls: Vec::new(), enter_functions: false };
        collector.visit_statement(stmt);
        collector.calls
    }

    fn collect_calls(
        &mut self,
        visit: impl FnOnce(&mut CallCollector<'_, 's, 'a>),
    ) -> Vec<DataCall> {
        let mut collector =
            CallCollector { bindings: self, calls: Vec::new(), enter_functions: true };
        visit(&mut collector);
        collector.calls
    }
}

fn import_of<'a>(
    semantic: &Semantic<'a>,
    node: oxc_semantic::NodeId,
) -> Option<&'a ImportDeclaration<'a>> {
    semantic.nodes().ancestor_kinds(node).find_map(|kind| match kind {
        AstKind::ImportDeclaration(import) => Some(import),
        _ => None,
    })
}

/// The property keys leading from a pattern's root to `symbol`: `{ a: { b } }` → `[a, b]`.
fn path_to(pattern: &BindingPattern<'_>, symbol: SymbolId) -> Option<Vec<String>> {
    match pattern {
        BindingPattern::BindingIdentifier(id) => {
            (id.symbol_id.get() == Some(symbol)).then(Vec::new)
        }
        BindingPattern::ObjectPattern(object) => object.properties.iter().find_map(|prop| {
            let mut path = path_to(&prop.value, symbol)?;
            path.insert(0, prop.key.static_name()?.into_owned());
            Some(path)
        }),
        BindingPattern::AssignmentPattern(assign) => path_to(&assign.left, symbol),
        BindingPattern::ArrayPattern(_) => None,
    }
}

pub(crate) fn expression_text(expr: &Expression<'_>, text: &str) -> String {
    expr.span().source_text(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parameters of an inline wrapped function (`query((id: string) => …)`): plain names,
/// `None` for anything an argument does not map to one to one.
/// An inline arrow with no parameters (a `function` could still read `arguments`).
fn takes_no_arguments(function: &Expression<'_>) -> bool {
    matches!(function.get_inner_expression(), Expression::ArrowFunctionExpression(arrow) if arrow.params.parameters_count() == 0)
}

fn wrapped_params(function: &Expression<'_>) -> Vec<Option<String>> {
    let params = match function.get_inner_expression() {
        Expression::ArrowFunctionExpression(arrow) => &arrow.params,
        Expression::FunctionExpression(func) => &func.params,
        _ => return Vec::new(),
    };
    let mut names: Vec<Option<String>> = params
        .items
        .iter()
        .map(|param| match &param.pattern {
            oxc_ast::ast::BindingPattern::BindingIdentifier(ident)
                if param.initializer.is_none() =>
            {
                Some(ident.name.to_string())
            }
            _ => None,
        })
        .collect();
    if params.rest.is_some() {
        names.push(None);
    }
    names
}
