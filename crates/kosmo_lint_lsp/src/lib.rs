//! kosmo-lint's language server (`kosmo-lint lsp`), over stdio. It keeps a
//! [`kosmo_lint_linter::Session`] per KosmoJS project the editor has files of: open buffers
//! replace the files' text (full synchronisation), a keystroke in a page re-lints that page,
//! an edit of a module re-lints the open files that followed it, and an edit of a route
//! definition, a folder config or a settings file reloads the project's route tree.
//! Diagnostics carry the rule, its documentation page and related places; code actions
//! offer each fix, a suppression comment, and every fix of the file at once.
//!
//! The transport is rust-analyzer's `lsp-server` (synchronous: the engine is CPU-bound and
//! keeps one mutable state, so one thread handling messages in order needs neither an async
//! runtime nor locks) with a reader of our own that survives malformed messages.

mod actions;
mod diagnostics;
mod position;
mod server;
mod transport;

use std::path::PathBuf;

use lsp_server::{Message, Request, RequestId};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    InitializeResult, Registration, RegistrationParams, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

/// Serves the editor on stdin and stdout until it sends `exit`.
pub fn serve_stdio() -> Result<(), String> {
    let (connection, threads) = transport::stdio();
    let (id, params) = connection.initialize_start().map_err(|err| err.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "kosmo-lint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|err| err.to_string())?;
    connection.initialize_finish(id, result).map_err(|err| err.to_string())?;
    if watches_files(&params) {
        let registration = watch_registration();
        let request = Request::new(
            RequestId::from("kosmo-lint/watch".to_owned()),
            "client/registerCapability".to_owned(),
            registration,
        );
        let _ = connection.sender.send(Message::Request(request));
    }
    let folders = workspace_folders(&params);
    server::Server::new(connection, &folders).run();
    threads.join()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The folders the editor opened (`workspaceFolders`, or the older `rootUri`).
#[expect(deprecated, reason = "rootUri is what clients without workspace folders send")]
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let folders = params.workspace_folders.iter().flatten().map(|folder| &folder.uri);
    let uris: Vec<_> = folders.chain(params.root_uri.iter()).collect();
    uris.into_iter().filter_map(|uri| uri.to_file_path().ok()).collect()
}

fn watches_files(params: &InitializeParams) -> bool {
    let workspace = params.capabilities.workspace.as_ref();
    workspace
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
}

/// The files whose change on disk (by git, the route generator, another tool) changes what
/// is reported: sources, pages of every frontend, and the JSON settings.
fn watch_registration() -> RegistrationParams {
    let watcher = FileSystemWatcher {
        glob_pattern: GlobPattern::String(
            "**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,vue,svelte,mdx,json}".to_owned(),
        ),
        kind: None,
    };
    let options = DidChangeWatchedFilesRegistrationOptions { watchers: vec![watcher] };
    RegistrationParams {
        registrations: vec![Registration {
            id: "kosmo-lint-watched-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        }],
    }
}
