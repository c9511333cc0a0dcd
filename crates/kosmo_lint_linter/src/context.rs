//! What a rule sees of one file, and how it reports.

use kosmo_lint_core::facts::{FileFacts, Framework, PageFacts};
use kosmo_lint_core::tree::{FolderTree, RefFolder, page_framework};
use kosmo_lint_core::{
    Finding, Fix, Generation, Label, ProjectFile, Related, RouteTree, Severity, Span,
};

use crate::RuleMeta;
use crate::data_flow::Scope;
use crate::modules::graph::ModuleGraph;

/// One file, its facts, and the project around it: the route tree and the module graph.
pub struct FileContext<'p> {
    pub file: &'p ProjectFile,
    pub facts: &'p FileFacts,
    pub tree: &'p RouteTree,
    /// The source folder the file belongs to.
    pub folder: &'p FolderTree,
    /// The project's modules, to follow imports of the file's data functions (`None` where
    /// a file is linted without its project's modules).
    pub modules: Option<&'p ModuleGraph>,
}

impl<'p> FileContext<'p> {
    pub fn new(
        file: &'p ProjectFile,
        facts: &'p FileFacts,
        tree: &'p RouteTree,
        modules: Option<&'p ModuleGraph>,
    ) -> Self {
        Self { file, facts, tree, folder: tree.folder(file.folder), modules }
    }

    /// Where `page`'s data functions are read from: the page, with its imports followed.
    pub fn scope(&self, page: &'p PageFacts) -> Scope<'p> {
        Scope::page(page, self.file, self.modules)
    }

    pub fn generation(&self) -> Generation {
        self.folder.generation
    }

    /// The page or layout facts of a SolidJS page or layout: the preload rules apply to
    /// these only.
    pub fn solid_page(&self) -> Option<&'p PageFacts> {
        self.page().filter(|(_, framework)| *framework == Framework::Solid).map(|(page, _)| page)
    }

    /// Whether an import of the file names another source folder's generated code (G1–G4
    /// imports name the folder whose client they are): the routes its clients read are then
    /// not all its own folder's.
    pub fn imports_other_folder(&self) -> bool {
        self.facts.folder_imports.iter().any(|import| {
            self.tree.ref_folder(self.file.folder, Some(&import.folder))
                != RefFolder::Found(self.file.folder)
        })
    }

    /// The facts and framework of a page or layout that its folder reads (not another
    /// framework's file lying in its `pages/`).
    pub fn page(&self) -> Option<(&'p PageFacts, Framework)> {
        let page = self.facts.page.as_deref()?;
        let framework = page_framework(self.file, Some(page), self.folder)?;
        Some((page, framework))
    }
}

/// Collects one rule's findings for one file.
pub struct Reporter<'r> {
    meta: &'static RuleMeta,
    /// The rule's configured level: a finding gets it when it is made.
    severity: Severity,
    file: &'r ProjectFile,
    findings: &'r mut Vec<Finding>,
}

impl<'r> Reporter<'r> {
    pub fn new(
        meta: &'static RuleMeta,
        severity: Severity,
        file: &'r ProjectFile,
        findings: &'r mut Vec<Finding>,
    ) -> Self {
        Self { meta, severity, file, findings }
    }

    /// Starts a finding at `span`, at the rule's configured severity.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.meta.name,
            severity: self.severity,
            path: self.file.path.clone(),
            display_path: self.file.rel.clone(),
            message: message.into(),
            span: Some(span),
            labels: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// Starts a finding about what kosmo-lint cannot verify (a function from a package, an
    /// import it cannot resolve): at most a warning, whatever the rule's level, since it may
    /// well be correct code.
    pub fn report_unverifiable(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        let severity = self.severity.min(Severity::Warning);
        let finding = self.report(span, message);
        finding.severity = severity;
        finding
    }

    /// Starts a finding about the whole file (its path, not its text), with no span.
    pub fn report_file(&mut self, message: impl Into<String>) -> &mut Finding {
        let finding = self.report(Span::default(), message);
        finding.span = None;
        finding
    }
}

/// Builder methods on a finding, so rules read as one expression.
pub trait FindingExt {
    fn label(&mut self, span: Span, text: impl Into<String>) -> &mut Self;
    fn help(&mut self, text: impl Into<String>) -> &mut Self;
    fn fix(&mut self, fix: Fix) -> &mut Self;
    fn related(&mut self, related: Related) -> &mut Self;
}

impl FindingExt for Finding {
    fn label(&mut self, span: Span, text: impl Into<String>) -> &mut Self {
        self.labels.push(Label { span, text: Some(text.into()) });
        self
    }

    fn help(&mut self, text: impl Into<String>) -> &mut Self {
        self.help = Some(text.into());
        self
    }

    fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    fn related(&mut self, related: Related) -> &mut Self {
        self.related.push(related);
        self
    }
}
