//! The server's state and its handlers. One thread runs them in the order messages come:
//! each edit is applied to the project's session before the next message is read, so a
//! diagnostic is never computed from a text older than one already received.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kosmo_lint_core::{Finding, Project};
use kosmo_lint_linter::{EditScope, Linter, LoadOptions, RunKind, Session, Settings, Sources};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{Notification as _, PublishDiagnostics, ShowMessage};
use lsp_types::{
    CodeActionParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, MessageType,
    PublishDiagnosticsParams, ShowMessageParams, Url,
};

use crate::actions;
use crate::diagnostics::{diagnostic, is_about};
use crate::position::LineIndex;

/// A project the editor has files of open.
struct ProjectState {
    session: Session,
    linter: Linter,
    /// Each open file's findings depend on these modules besides itself.
    followed: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
}

/// A file open in the editor.
struct Document {
    path: PathBuf,
    version: i32,
    text: String,
    /// Its project's root; `None` outside any KosmoJS project (nothing is reported).
    root: Option<PathBuf>,
    findings: Vec<Finding>,
}

pub struct Server {
    connection: Connection,
    projects: BTreeMap<PathBuf, ProjectState>,
    documents: BTreeMap<Url, Document>,
}

impl Server {
    pub fn new(connection: Connection, workspace_folders: &[PathBuf]) -> Self {
        let mut server = Self { connection, projects: BTreeMap::new(), documents: BTreeMap::new() };
        // Loaded now, from the caches when they are valid, so the first file opened is
        // linted without waiting for its project.
        for folder in workspace_folders {
            if let Ok(project) = Project::discover(folder) {
                server.load_project(project);
            }
        }
        server
    }

    /// Handles messages until `exit` (or the end of the input).
    pub fn run(mut self) {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if request.method == "shutdown" {
                        self.respond(Response::new_ok(request.id, ()));
                        continue;
                    }
                    let response = self.request(request);
                    self.respond(response);
                }
                Message::Notification(notification) if notification.method == "exit" => break,
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        match method.as_str() {
            "textDocument/codeAction" => match serde_json::from_value(params) {
                Ok(params) => Response::new_ok(id, self.code_actions(params)),
                Err(err) => invalid_params(id, &err),
            },
            _ => Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("kosmo-lint does not handle {method}"),
            ),
        }
    }

    fn notification(&mut self, notification: Notification) {
        let Notification { method, params } = notification;
        let result = match method.as_str() {
            "textDocument/didOpen" => parse(params).map(|p: DidOpenTextDocumentParams| {
                let document = p.text_document;
                self.open(&document.uri, document.version, document.text);
            }),
            "textDocument/didChange" => parse(params).map(|p: DidChangeTextDocumentParams| {
                // Full synchronisation: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.open(&p.text_document.uri, p.text_document.version, change.text);
                }
            }),
            "textDocument/didClose" => {
                parse(params).map(|p: DidCloseTextDocumentParams| self.close(&p.text_document.uri))
            }
            "textDocument/didSave" => parse(params).map(|p: DidSaveTextDocumentParams| {
                self.saved(&p.text_document.uri);
            }),
            "workspace/didChangeWatchedFiles" => {
                parse(params).map(|p: DidChangeWatchedFilesParams| {
                    let paths: Vec<PathBuf> =
                        p.changes.iter().filter_map(|c| c.uri.to_file_path().ok()).collect();
                    self.files_changed_on_disk(&paths);
                })
            }
            _ => Ok(()),
        };
        if let Err(err) = result {
            eprintln!("kosmo-lint lsp: ignored {method}: {err}");
        }
    }

    /// A buffer opened or changed: its text replaces the file's from now on.
    fn open(&mut self, uri: &Url, version: i32, text: String) {
        let Ok(path) = uri.to_file_path() else { return };
        let path = kosmo_lint_linter::resolved(&path);
        let root = self.project_of(&path);
        self.documents.insert(
            uri.clone(),
            Document {
                path: path.clone(),
                version,
                text: text.clone(),
                root: root.clone(),
                findings: Vec::new(),
            },
        );
        let Some(root) = root else { return self.publish(uri) };
        self.edited(&root, &path, Some(text), uri);
    }

    fn close(&mut self, uri: &Url) {
        let Some(document) = self.documents.remove(uri) else { return };
        // Closed files are not reported on: their diagnostics go away.
        self.send_diagnostics(uri, None, Vec::new());
        if let Some(root) = document.root {
            self.edited(&root, &document.path, None, uri);
        }
    }

    /// The settings and layout files are read from disk: saving one reloads its project.
    fn saved(&mut self, uri: &Url) {
        let Some(document) = self.documents.get(uri) else { return };
        let name = document.path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if matches!(name, "kosmo-lint.json" | "package.json" | "tsconfig.json")
            && let Some(root) = document.root.clone()
        {
            self.reload(&root);
        }
    }

    /// Files created, changed or deleted by another program (git, the route generator): the
    /// projects they are in load again, keeping the open buffers.
    fn files_changed_on_disk(&mut self, paths: &[PathBuf]) {
        // A project whose configuration broke is not loaded, but its open files keep its root.
        let known: BTreeSet<&PathBuf> = self
            .projects
            .keys()
            .chain(self.documents.values().filter_map(|d| d.root.as_ref()))
            .collect();
        let roots: BTreeSet<PathBuf> = paths
            .iter()
            .filter_map(|path| {
                known.iter().find(|root| path.starts_with(root)).map(|root| (*root).clone())
            })
            .collect();
        for root in roots {
            self.reload(&root);
        }
    }

    fn edited(&mut self, root: &Path, path: &Path, text: Option<String>, uri: &Url) {
        let Some(state) = self.projects.get_mut(root) else { return };
        match state.session.set_buffer(path, text) {
            EditScope::File => self.lint_documents(root, |document_uri, _| document_uri == uri),
            EditScope::Module => {
                let readers: BTreeSet<PathBuf> = state
                    .followed
                    .iter()
                    .filter(|(_, modules)| modules.contains(path))
                    .map(|(reader, _)| reader.clone())
                    .collect();
                self.lint_documents(root, |document_uri, document| {
                    document_uri == uri || readers.contains(&document.path)
                });
            }
            EditScope::Project => self.reload(root),
        }
    }

    /// Loads the project at `root` again (its settings, layout and route tree) with the open
    /// buffers, and lints every open file of it.
    fn reload(&mut self, root: &Path) {
        self.projects.remove(root);
        let mut sources = Sources::disk();
        for document in self.documents.values().filter(|d| d.root.as_deref() == Some(root)) {
            sources.set_overlay(&document.path, document.text.clone());
        }
        match Project::discover(root) {
            Ok(project) => {
                if let Some(state) = self.load(project, sources) {
                    self.projects.insert(root.to_path_buf(), state);
                }
            }
            Err(err) => self.show_error(&format!("kosmo-lint: {err}")),
        }
        self.lint_documents(root, |_, _| true);
    }

    fn load_project(&mut self, project: Project) -> Option<PathBuf> {
        let root = project.root.clone();
        if !self.projects.contains_key(&root) {
            let state = self.load(project, Sources::disk())?;
            self.projects.insert(root.clone(), state);
        }
        Some(root)
    }

    fn load(&self, project: Project, sources: Sources) -> Option<ProjectState> {
        let settings = match Settings::load(&project.root, None, &[], &project.root) {
            Ok(settings) => settings,
            Err(err) => {
                self.show_error(&format!(
                    "kosmo-lint: the configuration of {} is not usable: {err}",
                    project.root.display()
                ));
                return None;
            }
        };
        let linter = Linter::new(&settings);
        let options = LoadOptions { use_cache: true, run: RunKind::Editor };
        let session = Session::load(project, sources, options);
        Some(ProjectState { session, linter, followed: BTreeMap::new() })
    }

    /// The root of the project `path` is in, loaded if it was not.
    fn project_of(&mut self, path: &Path) -> Option<PathBuf> {
        if let Some(root) = self
            .projects
            .keys()
            .filter(|root| path.starts_with(root))
            .max_by_key(|root| root.as_os_str().len())
        {
            return Some(root.clone());
        }
        // A page not saved yet may be in a folder not made yet.
        let folder = path.ancestors().skip(1).find(|folder| folder.is_dir())?;
        let project = Project::discover(folder).ok()?;
        self.load_project(project)
    }

    /// Lints the open files of the project at `root` that `which` selects, and publishes
    /// their diagnostics.
    fn lint_documents(&mut self, root: &Path, which: impl Fn(&Url, &Document) -> bool) {
        let uris: Vec<Url> = self
            .documents
            .iter()
            .filter(|(uri, document)| {
                document.root.as_deref() == Some(root) && which(uri, document)
            })
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in uris {
            let findings = self.projects.get_mut(root).and_then(|state| {
                let path = self.documents.get(&uri)?.path.clone();
                let (findings, followed) =
                    state.session.lint_path_recording(&state.linter, &path)?;
                state.followed.insert(path.clone(), followed);
                Some(findings.into_iter().filter(|f| is_about(f, &path)).collect())
            });
            if let Some(document) = self.documents.get_mut(&uri) {
                document.findings = findings.unwrap_or_default();
            }
            self.publish(&uri);
        }
    }

    fn publish(&self, uri: &Url) {
        let Some(document) = self.documents.get(uri) else { return };
        let index = LineIndex::new(&document.text);
        let diagnostics = document.findings.iter().map(|f| diagnostic(f, &index)).collect();
        self.send_diagnostics(uri, Some(document.version), diagnostics);
    }

    fn send_diagnostics(
        &self,
        uri: &Url,
        version: Option<i32>,
        diagnostics: Vec<lsp_types::Diagnostic>,
    ) {
        let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version };
        self.notify(PublishDiagnostics::METHOD, params);
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get(&uri) else { return Vec::new() };
        let only = params.context.only.unwrap_or_default();
        let wants = |kind: &lsp_types::CodeActionKind| {
            only.is_empty() || only.iter().any(|o| kind.as_str().starts_with(o.as_str()))
        };
        let mut result = Vec::new();
        if wants(&lsp_types::CodeActionKind::QUICKFIX) {
            // MDX has no line comment outside its code blocks.
            let suppressible = document.path.extension().is_none_or(|e| e != "mdx");
            result = actions::for_range(
                &uri,
                &document.text,
                &document.findings,
                params.range,
                suppressible,
            );
        }
        let fixable = document.findings.iter().any(|f| {
            f.fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == kosmo_lint_core::Applicability::Safe)
        });
        let state = document.root.as_ref().and_then(|root| self.projects.get(root));
        if fixable
            && let Some(state) = state
            && let Some(Ok(fixed)) = state.session.fix_buffer(&state.linter, &document.path, false)
            && fixed.applied > 0
        {
            for kind in [actions::fix_all_kind(), lsp_types::CodeActionKind::QUICKFIX] {
                if wants(&kind) {
                    let text = fixed.text.clone();
                    result.push(actions::fix_all(&uri, &document.text, text, fixed.applied, kind));
                }
            }
        }
        result
    }

    fn show_error(&self, message: &str) {
        let params = ShowMessageParams { typ: MessageType::ERROR, message: message.to_owned() };
        self.notify(ShowMessage::METHOD, params);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let notification = Notification::new(method.to_owned(), params);
        let _ = self.connection.sender.send(notification.into());
    }

    fn respond(&self, response: Response) {
        let _ = self.connection.sender.send(response.into());
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    params: serde_json::Value,
) -> Result<T, serde_json::Error> {
    serde_json::from_value(params)
}

fn invalid_params(id: RequestId, err: &serde_json::Error) -> Response {
    Response::new_err(
        id,
        lsp_server::ErrorCode::InvalidParams as i32,
        format!("invalid params: {err}"),
    )
}
