//! What a fix must not change in a module's bindings, read with oxc's semantic analysis and
//! its checker: the semantic errors, the names declared more than once, and the names used
//! without a declaration. The fixer compares these before and after a fix, because a fix
//! that parses can still declare a name twice or call a name that is not in scope (oxc does
//! not report an import redeclared by a `const` in TypeScript, so redeclarations are
//! counted from the symbol table, not only read from the diagnostics).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use kosmo_lint_core::facts::SyntaxError;
use oxc_allocator::Allocator;
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::SemanticBuilder;

use crate::script_blocks::Script;
use crate::syntax_error;

/// The binding facts of one module text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleCheck {
    /// Messages of the semantic errors oxc's checker reports.
    pub errors: Vec<String>,
    /// For each name declared more than once in one scope, its number of declarations.
    pub redeclared: BTreeMap<String, usize>,
    /// Names referenced but declared nowhere in the module (globals, or mistakes).
    pub unresolved: BTreeSet<String>,
    /// The text outside the script blocks of a component or MDX page, block by block
    /// (empty for a whole script): a fix must not touch it.
    pub markup: Vec<String>,
}

/// Parses `text` as the content of `path` (its script blocks, for a component or MDX page)
/// and checks its bindings; the syntax errors when it does not parse.
pub fn check_module(path: &Path, text: &str) -> Result<ModuleCheck, Vec<SyntaxError>> {
    let script = Script::of(path, text).map_err(|error| vec![error])?;
    let markup = script.markup(text);
    let text = &*script.text;
    // A fix is rare and the arena of the extraction threads may be in use: a fresh one.
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, script.source_type)
        .with_options(ParseOptions { parse_regular_expression: true, ..ParseOptions::default() })
        .parse();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        return Err(parsed.diagnostics.iter().map(syntax_error).collect());
    }
    let program = allocator.alloc(parsed.program);
    let built = SemanticBuilder::new().with_check_syntax_error(true).build(program);
    let scoping = built.semantic.scoping();
    let mut redeclared = BTreeMap::new();
    for symbol in scoping.symbol_ids() {
        let declarations = scoping.symbol_redeclarations(symbol).len();
        if declarations > 1 {
            *redeclared.entry(scoping.symbol_name(symbol).to_owned()).or_insert(0) += declarations;
        }
    }
    let unresolved =
        scoping.root_unresolved_references().keys().map(|name| name.as_str().to_owned()).collect();
    let errors = built.diagnostics.iter().map(|e| e.message.to_string()).collect();
    Ok(ModuleCheck { errors, redeclared, unresolved, markup })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::check_module;

    fn check(text: &str) -> super::ModuleCheck {
        check_module(Path::new("page.tsx"), text).expect("parses")
    }

    #[test]
    fn counts_an_import_redeclared_by_a_const_which_typescript_diagnostics_miss() {
        let module = check("import * as preload from \"./x\";\nexport const preload = 1;\n");
        assert_eq!(module.redeclared.get("preload"), Some(&2), "{module:?}");
        assert!(check("import * as preload from \"./x\";\n").redeclared.is_empty());
    }

    #[test]
    fn names_used_without_a_declaration_are_unresolved() {
        let module = check("function f() { const getUsers = 1; }\nexport const p = getUsers;\n");
        assert!(module.unresolved.contains("getUsers"), "{module:?}");
        assert!(
            !check("const getUsers = 1;\nexport const p = getUsers;\n")
                .unresolved
                .contains("getUsers")
        );
    }

    #[test]
    fn syntax_errors_are_returned_as_such() {
        assert!(check_module(Path::new("page.tsx"), "export const = ;").is_err());
    }
}
