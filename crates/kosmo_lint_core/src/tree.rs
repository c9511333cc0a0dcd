//! The route tree: per source folder, API routes by name, pages by name with their layouts,
//! and every fetch-client reference resolved to a route and method. Cross-file rules query
//! this; it holds only names, paths and small summaries, never an AST.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::facts::{
    ApiRouteFacts, DataCall, FactoryShape, FileFacts, Framework, FunctionValue, PageFacts,
    PreloadForm, ResponseDeclaration, Target,
};
use crate::generation::{Generation, GenerationEvidence};
use crate::glue::SolidGlue;
use crate::http::HttpMethod;
use crate::project::{Project, SourceFolder};
use crate::route_path::{Param, join_url};
use crate::walk::{FileKind, ProjectFile, WalkScope};

pub use crate::refs::{RefFolder, RefResolution, ResolvedRef};

#[derive(Debug, Clone, Serialize)]
pub struct RouteTree {
    #[serde(skip)]
    pub root: PathBuf,
    pub folders: Vec<FolderTree>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FolderTree {
    #[serde(flatten)]
    pub folder: SourceFolder,
    pub generation: Generation,
    /// What the generation was decided from, for `routes` output and bug reports.
    pub generation_evidence: String,
    /// The counts it was decided from, kept so that a changed file's share can be replaced.
    #[serde(skip)]
    pub evidence: GenerationEvidence,
    pub base: String,
    pub api_base: String,
    pub framework: Option<Framework>,
    /// Whether the folder's config names `framework` (`frontend.stack`, a generator, a G1–G4
    /// Vite plugin), rather than package.json's dependencies suggesting it: only a configured
    /// framework makes the folder ignore other frameworks' pages.
    #[serde(skip)]
    pub framework_configured: bool,
    pub api_routes: BTreeMap<String, ApiRoute>,
    pub pages: BTreeMap<String, PageRoute>,
    pub layouts: BTreeMap<String, LayoutRoute>,
    pub fetch_refs: Vec<ResolvedRef>,
    /// The folder's generated Solid glue, read when the tree was built (Solid folders
    /// whose glue is present only; see [`crate::glue`]).
    #[serde(skip)]
    pub solid_glue: Option<SolidGlue>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiRoute {
    pub name: String,
    pub url: String,
    pub params: Vec<Param>,
    pub file: String,
    pub definition: RouteDefinition,
    /// Methods the framework sees (empty when the definition hides them).
    pub methods: Vec<RouteMethod>,
}

impl ApiRoute {
    pub fn defines(&self, method: HttpMethod) -> bool {
        self.methods.iter().any(|m| m.method == method)
    }
}

/// What an API route's default export is, as far as its methods go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RouteDefinition {
    /// `defineRoute(({ GET, … }) => [ … ])`: the methods are visible.
    DefineRoute,
    /// A factory with a block body: its methods are invisible to the framework.
    BlockBody,
    /// A factory whose result is not an array literal: invisible too.
    NotAnArray,
    NoFactory,
    NotACall,
    NoDefaultExport,
    /// The file could not be read or parsed.
    Unparsed,
}

impl RouteDefinition {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DefineRoute => "define-route",
            Self::BlockBody => "block-body",
            Self::NotAnArray => "not-an-array",
            Self::NoFactory => "no-factory",
            Self::NotACall => "not-a-call",
            Self::NoDefaultExport => "no-default-export",
            Self::Unparsed => "unparsed",
        }
    }
}

impl std::fmt::Display for RouteDefinition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RouteMethod {
    pub method: HttpMethod,
    pub response: ResponseDeclaration,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageRoute {
    pub name: String,
    pub url: String,
    pub file: String,
    pub framework: Framework,
    /// Layout files that wrap this page, outermost first.
    pub layouts: Vec<String>,
    pub exports: Vec<String>,
    pub preload: Option<PreloadSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LayoutRoute {
    pub name: String,
    pub file: String,
    pub framework: Framework,
    pub exports: Vec<String>,
    pub preload: Option<PreloadSummary>,
}

/// What a page's `preload` export is and what it reaches, in words.
#[derive(Debug, Clone, Serialize)]
pub struct PreloadSummary {
    pub export: String,
    pub form: PreloadForm,
    /// `reference` (`preload = fetchData`), `function` (an arrow or function) or `other`.
    pub value: &'static str,
    /// What it loads through: `client GET users/[id]`, `query "users" → client GET users`,
    /// `raw fetch`, …
    pub reaches: Vec<String>,
}

impl RouteTree {
    /// The tree of the route definitions (the files of [`WalkScope::Routes`]): every
    /// source folder with its generation, bases and API routes. Pages, layouts and
    /// references are added by [`RouteTree::add_file`] where they are wanted.
    pub fn from_routes<'f>(project: &Project, routes: &[(&'f ProjectFile, &'f FileFacts)]) -> Self {
        let folders = project
            .folders
            .iter()
            .enumerate()
            .map(|(index, folder)| {
                let in_folder = routes.iter().copied().filter(|(f, _)| f.folder == index);
                let mut tree = folder_settings(project, folder, in_folder.clone());
                for (file, fact) in in_folder {
                    add_route_file(&mut tree, file, fact);
                }
                tree
            })
            .collect();
        Self { root: project.root.clone(), folders }
    }

    /// Everything at once, from all files of the project and their facts.
    pub fn build(project: &Project, files: &[ProjectFile], facts: &[FileFacts]) -> Self {
        let pairs = files.iter().zip(facts);
        let routes: Vec<_> = pairs.clone().filter(|(f, _)| f.scope == WalkScope::Routes).collect();
        let mut tree = Self::from_routes(project, &routes);
        for (file, fact) in pairs.filter(|(f, _)| f.scope == WalkScope::Rest) {
            tree.add_file(file, fact);
        }
        tree.finish();
        tree
    }

    /// Adds a page or layout, and the file's fetch-client references, each resolved in the
    /// folder whose routes it reads (see [`RouteTree::add_ref`]).
    pub fn add_file(&mut self, file: &ProjectFile, facts: &FileFacts) {
        add_route_file(&mut self.folders[file.folder], file, facts);
        for r in &facts.fetch_refs {
            self.add_ref(file, r);
        }
    }

    /// Puts what [`RouteTree::add_file`] gathered in order and gives pages their layouts.
    pub fn finish(&mut self) {
        for folder in &mut self.folders {
            assign_layouts(folder);
            folder.fetch_refs.sort_by(|a, b| (&a.file, a.route_span).cmp(&(&b.file, b.route_span)));
        }
    }

    pub fn folder(&self, index: usize) -> &FolderTree {
        &self.folders[index]
    }
}

/// Generation, bases and default framework of a folder, with empty route maps.
fn folder_settings<'f>(
    project: &Project,
    folder: &SourceFolder,
    in_folder: impl Iterator<Item = (&'f ProjectFile, &'f FileFacts)>,
) -> FolderTree {
    let mut evidence = GenerationEvidence::default();
    let mut config = None;
    for (file, fact) in in_folder {
        evidence.add(&file_evidence(fact));
        if file.kind == FileKind::Config
            && let Some(facts) = fact.config.as_deref()
        {
            config = Some(match config {
                Some(seen) => facts.clone().merge(seen),
                None => facts.clone(),
            });
        }
    }
    let config = config.unwrap_or_default();
    evidence.config_blocks = config.has_blocks;
    let (generation, generation_evidence) = evidence.decide(folder.layout);
    let base = config.base.clone().unwrap_or_else(|| "/".to_owned());
    let api_base = match (&config.api_base, config.api_base_is_absolute) {
        (Some(api), true) => api.clone(),
        (Some(api), false) => join_url(&base, api),
        (None, _) => join_url(&base, "/api"),
    };
    // An API-only folder (a `backend` block and no `frontend`, or no `pages/`) has no
    // frontend framework, whatever package.json depends on (spec §1.1).
    let api_only = config.has_blocks && config.frontend_stack.is_none() && config.base.is_none();
    let has_pages = !api_only && folder.path.join("pages").is_dir();
    let configured =
        config.frontend_stack.as_deref().and_then(Framework::from_stack).filter(|_| has_pages);
    let framework = configured
        .or_else(|| {
            [("solid-js", Framework::Solid), ("react", Framework::React), ("vue", Framework::Vue)]
                .into_iter()
                .find(|(dep, _)| project.depends_on(dep))
                .map(|(_, f)| f)
        })
        .filter(|_| has_pages);
    FolderTree {
        folder: folder.clone(),
        generation,
        generation_evidence,
        evidence,
        base,
        api_base,
        framework,
        framework_configured: configured.is_some(),
        api_routes: BTreeMap::new(),
        pages: BTreeMap::new(),
        layouts: BTreeMap::new(),
        fetch_refs: Vec::new(),
        solid_glue: None,
    }
}

/// What one file of the route walk adds to its folder's generation evidence (the folder
/// config's own part aside).
pub fn file_evidence(facts: &FileFacts) -> GenerationEvidence {
    let mut evidence = GenerationEvidence::default();
    facts.import_styles.iter().for_each(|s| evidence.add_import(*s));
    if let Some(ApiRouteFacts::DefineRoute(def)) = facts.api.as_deref() {
        def.methods.iter().filter_map(|m| m.shape).for_each(|s| evidence.add_generics(s));
        evidence.route_name_type_args += u32::from(def.route_name_arg.is_some());
    }
    evidence
}

impl FolderTree {
    /// The framework whose pages this folder reads, when its config names one.
    pub fn owning_framework(&self) -> Option<Framework> {
        self.framework.filter(|_| self.framework_configured)
    }

    /// Puts the new facts of a file of the route walk (not the config) in place of its old
    /// ones, whose evidence was `old_evidence`. Returns `false`, changing nothing, when the
    /// folder's generation would change: every route's response rule depends on it, so the
    /// tree must then be built again from all files.
    pub fn replace_route_file(
        &mut self,
        file: &ProjectFile,
        old_evidence: &GenerationEvidence,
        facts: &FileFacts,
    ) -> bool {
        let mut evidence = self.evidence.clone();
        evidence.subtract(old_evidence);
        evidence.add(&file_evidence(facts));
        let (generation, described) = evidence.decide(self.folder.layout);
        if generation != self.generation {
            return false;
        }
        self.evidence = evidence;
        self.generation_evidence = described;
        add_route_file(self, file, facts);
        true
    }
}

fn add_route_file(tree: &mut FolderTree, file: &ProjectFile, fact: &FileFacts) {
    let Some(route) = &file.route else { return };
    let page = fact.page.as_deref();
    match file.kind {
        FileKind::ApiRoute => {
            let (definition, methods) = api_methods(fact, tree.generation);
            tree.api_routes.insert(
                route.name.clone(),
                ApiRoute {
                    name: route.name.clone(),
                    url: join_url(&tree.api_base, &route.url_path()),
                    params: route.params().cloned().collect(),
                    file: file.rel.clone(),
                    definition,
                    methods,
                },
            );
        }
        FileKind::Page => {
            let Some(framework) = page_framework(file, page, tree) else {
                return;
            };
            tree.pages.insert(
                route.name.clone(),
                PageRoute {
                    name: route.name.clone(),
                    url: join_url(&tree.base, &route.url_path()),
                    file: file.rel.clone(),
                    framework,
                    layouts: Vec::new(),
                    exports: export_names(page),
                    preload: page.and_then(|page| preload_summary(page, framework)),
                },
            );
        }
        FileKind::Layout => {
            let Some(framework) = page_framework(file, page, tree) else {
                return;
            };
            tree.layouts.insert(
                route.name.clone(),
                LayoutRoute {
                    name: route.name.clone(),
                    file: file.rel.clone(),
                    framework,
                    exports: export_names(page),
                    preload: page.and_then(|page| preload_summary(page, framework)),
                },
            );
        }
        _ => {}
    }
}

/// Each page gets the layouts of its folder and of every folder above it, outermost first:
/// a lookup per ancestor, not a scan of every layout.
fn assign_layouts(tree: &mut FolderTree) {
    let layouts = &tree.layouts;
    for page in tree.pages.values_mut() {
        page.layouts = route_ancestors(&page.name)
            .filter_map(|name| layouts.get(name).map(|l| l.file.clone()))
            .collect();
    }
}

/// `a/b/c` → `a`, `a/b`, `a/b/c`.
fn route_ancestors(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('/').map(|(at, _)| &name[..at]).chain(std::iter::once(name))
}

fn api_methods(fact: &FileFacts, generation: Generation) -> (RouteDefinition, Vec<RouteMethod>) {
    match fact.api.as_deref() {
        None => (RouteDefinition::Unparsed, Vec::new()),
        Some(ApiRouteFacts::NoDefaultExport) => (RouteDefinition::NoDefaultExport, Vec::new()),
        Some(ApiRouteFacts::NotACall { .. }) => (RouteDefinition::NotACall, Vec::new()),
        Some(ApiRouteFacts::DefineRoute(def)) => match def.factory {
            FactoryShape::ConciseArray => (
                RouteDefinition::DefineRoute,
                def.methods
                    .iter()
                    .map(|m| RouteMethod { method: m.method, response: m.response(generation) })
                    .collect(),
            ),
            FactoryShape::BlockBody { .. } => (RouteDefinition::BlockBody, Vec::new()),
            FactoryShape::NotAnArray { .. } => (RouteDefinition::NotAnArray, Vec::new()),
            FactoryShape::Missing => (RouteDefinition::NoFactory, Vec::new()),
        },
    }
}

/// A page's or layout's framework: the folder's (from its config, spec §5), else by
/// extension, then by its imports. `None` when the folder's framework does not own the file's
/// extension: KosmoJS ignores an `index.vue` in a React folder, and so does the linter.
pub fn page_framework(
    file: &ProjectFile,
    page: Option<&PageFacts>,
    folder: &FolderTree,
) -> Option<Framework> {
    let ext = file.rel.rsplit_once('.').map_or("", |(_, ext)| ext);
    if let Some(framework) = folder.owning_framework() {
        return framework.owns_extension(ext).then_some(framework);
    }
    Some(
        Framework::from_extension(ext)
            .or_else(|| page.map(|p| p.framework).filter(|f| *f != Framework::Unknown))
            .or(folder.framework)
            .unwrap_or(Framework::Unknown),
    )
}

fn export_names(page: Option<&PageFacts>) -> Vec<String> {
    page.map(|p| p.exports.iter().map(|e| e.name.clone()).collect()).unwrap_or_default()
}

/// The data export the folder's router calls: `preload` in SolidJS, `loader` elsewhere.
fn preload_summary(page: &PageFacts, framework: Framework) -> Option<PreloadSummary> {
    let preload = match framework {
        Framework::Solid => page.preload.as_ref(),
        Framework::Unknown => page.preload.as_ref().or(page.loader.as_ref()),
        _ => page.loader.as_ref(),
    }?;
    let (value, reaches) = match &preload.value {
        FunctionValue::Reference { target, .. } => ("reference", describe_target(target, page)),
        FunctionValue::Function { calls, .. } => ("function", describe_calls(calls, page)),
        FunctionValue::Other { text, .. } => ("other", vec![format!("value `{text}`")]),
    };
    Some(PreloadSummary { export: preload.name.clone(), form: preload.form, value, reaches })
}

fn describe_calls(calls: &[DataCall], page: &PageFacts) -> Vec<String> {
    calls.iter().flat_map(|c| describe_target(&c.target, page)).collect()
}

/// One line per data source reached, e.g. `query "users/[id]" → client GET users/[id]`.
pub fn describe_target(target: &Target, page: &PageFacts) -> Vec<String> {
    match target {
        Target::GeneratedClient { route, method } => vec![format!("client {method} {route}")],
        Target::Query { index } => {
            let Some(query) = page.queries.get(*index) else { return Vec::new() };
            let key =
                query.key.as_deref().map_or_else(|| query.name.clone(), |k| format!("\"{k}\""));
            let inner = describe_calls(&query.calls, page);
            if inner.is_empty() {
                vec![format!("query {key} → nothing")]
            } else {
                inner.into_iter().map(|i| format!("query {key} → {i}")).collect()
            }
        }
        Target::LocalFunction { calls, name } => {
            let inner = describe_calls(calls, page);
            if inner.is_empty() { vec![format!("function {name} → nothing")] } else { inner }
        }
        Target::RawFetch { name } => vec![format!("raw {name}")],
        Target::Imported { name, source, .. } | Target::ImportedMember { name, source, .. } => {
            vec![format!("imported {name} from \"{source}\"")]
        }
        Target::Unresolved { text } => vec![format!("unresolved `{text}`")],
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ancestors_run_outermost_first() {
        let all: Vec<&str> = super::route_ancestors("a/[id]/c").collect();
        assert_eq!(all, ["a", "a/[id]", "a/[id]/c"]);
    }
}
