//! `mtlint lsp`: the language server. Editors open articles; the server checks each one a
//! moment after its last change, off the message loop, and publishes the findings as
//! diagnostics, with code actions to apply a suggestion, fix every safe finding, add a word to
//! the vocabulary, silence a rule on a line or accept a finding into the baseline.
//!
//! - [`position`]: the client's positions to byte offsets and back; incremental edits.
//! - [`settings`]: what the client may set.
//! - [`workspace`]: the configurations of the open documents, loaded once and kept.
//! - [`check`]: one check of a document snapshot, on a worker thread.
//! - [`diagnostics`]: a report as diagnostics.
//! - [`actions`]: code actions, the commands that write files, hovers.
//!
//! The loop owns the documents; a check gets a snapshot and its document's generation, and
//! its outcome is published only if no newer generation arrived meanwhile (a check whose
//! document changed before it started does not run at all).

pub mod actions;
pub mod check;
pub mod diagnostics;
pub mod position;
pub mod settings;
pub mod workspace;

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notifications, Notification as _};
use lsp_types::request::{self as requests, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    DidChangeWatchedFilesRegistrationOptions, ExecuteCommandOptions, FileSystemWatcher,
    GlobPattern, HoverProviderCapability, InitializeParams, InitializeResult, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Unregistration,
    UnregistrationParams, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::input::Markup;
use check::{Checked, Job, Outcome};
use position::{Encoding, LineIndex};
use settings::Settings;
use workspace::Workspace;

/// The id of the server's registration for watched files.
const WATCH_REGISTRATION: &str = "mtlint-watched-files";

/// Serves the client at the other end of `connection` until it asks the server to exit or
/// goes away. An error is a broken handshake or a client that sent no valid initialization.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("the client did not initialize: {e}"))?;
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(params) => params,
        Err(e) => {
            let message = format!("invalid initialize parameters: {e}");
            let response = Response::new_err(id, ErrorCode::InvalidParams as i32, message.clone());
            let _ = connection.sender.send(response.into());
            return Err(message);
        }
    };
    let encoding = negotiated_encoding(&params);
    let (settings, settings_error) =
        match Settings::from_value(params.initialization_options.clone()) {
            Ok(settings) => (settings, None),
            Err(e) => (Settings::default(), Some(e)),
        };
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "mtlint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("the client did not finish initializing: {e}"))?;
    let (done, outcomes) = crossbeam_channel::unbounded();
    let mut server = Server {
        connection,
        encoding,
        workspace: Arc::new(Workspace::new(settings, roots_of(&params))),
        documents: HashMap::new(),
        done,
        outcomes,
        can_watch: can_watch(&params),
        watched: Vec::new(),
        watched_revision: None,
        next_request: 0,
    };
    if let Some(error) = settings_error {
        server.show(MessageType::ERROR, error);
    }
    server.watch();
    server.run();
    Ok(())
}

/// UTF-8 when the client offers it, else the protocol's UTF-16.
fn negotiated_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(actions::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![
                actions::ADD_TO_VOCABULARY.to_owned(),
                actions::ACCEPT_INTO_BASELINE.to_owned(),
            ],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// The workspace folders the client names (its root, from older clients).
#[allow(deprecated)] // `root_uri` and `root_path`: what older clients send instead of folders.
fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders
            .iter()
            .filter_map(|folder| diagnostics::path_of(&folder.uri))
            .collect();
    }
    params
        .root_uri
        .as_ref()
        .and_then(diagnostics::path_of)
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
        .into_iter()
        .collect()
}

/// Whether the client lets the server register file watchers.
fn can_watch(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watch| watch.dynamic_registration)
        .unwrap_or(false)
}

/// One open document.
struct OpenDocument {
    uri: Uri,
    version: i32,
    text: String,
    markup: Markup,
    path: Option<PathBuf>,
    /// Bumped on every change and every re-check.
    generation: u64,
    /// `generation`, for the checks running on other threads.
    latest: Arc<AtomicU64>,
    /// When the next check is due, if one is.
    due: Option<Instant>,
    /// The last check published, when it is of the current text: what code actions and hovers
    /// work from.
    published: Option<Published>,
}

/// A check as published: the report, the text's lines, and the diagnostics sent (one per
/// finding, in the findings' order, then the document's own), which code actions name.
struct Published {
    checked: Checked,
    index: LineIndex,
    diagnostics: Vec<lsp_types::Diagnostic>,
}

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    workspace: Arc<Workspace>,
    documents: HashMap<String, OpenDocument>,
    done: Sender<Outcome>,
    outcomes: Receiver<Outcome>,
    can_watch: bool,
    /// The glob patterns registered for watching.
    watched: Vec<String>,
    /// The workspace's configurations the watchers were computed for ([`Workspace::revision`]):
    /// they are computed again only when configurations were loaded or forgotten since.
    watched_revision: Option<u64>,
    next_request: i32,
}

/// Whether the loop goes on.
#[derive(PartialEq, Eq)]
enum Flow {
    Continue,
    Exit,
}

impl Server<'_> {
    fn run(&mut self) {
        loop {
            let wait = self
                .documents
                .values()
                .filter_map(|doc| doc.due)
                .min()
                .map_or(Duration::from_secs(3600), |due| {
                    due.saturating_duration_since(Instant::now())
                });
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => match message {
                    // The client went away without saying goodbye: nothing left to serve.
                    Err(_) => return,
                    Ok(message) => if self.handle(message) == Flow::Exit {
                        return;
                    },
                },
                recv(self.outcomes) -> outcome => if let Ok(outcome) = outcome {
                    self.publish(outcome);
                },
                default(wait) => {},
            }
            self.start_due_checks();
        }
    }

    fn handle(&mut self, message: Message) -> Flow {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => self.notification(notification),
            // Answers to the server's registrations: nothing to do.
            Message::Response(_) => Flow::Continue,
        }
    }

    fn request(&mut self, request: Request) -> Flow {
        match self.connection.handle_shutdown(&request) {
            Ok(true) => return Flow::Exit,
            Ok(false) => {}
            Err(_) => return Flow::Exit,
        }
        let id = request.id.clone();
        let result = match request.method.as_str() {
            requests::CodeActionRequest::METHOD => self.code_action(request),
            requests::HoverRequest::METHOD => self.hover(request),
            requests::ExecuteCommand::METHOD => self.execute_command(request),
            method => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("mtlint does not handle `{method}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err(Failure(code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response.into());
        Flow::Continue
    }

    fn notification(&mut self, notification: Notification) -> Flow {
        let method = notification.method.clone();
        let outcome = match method.as_str() {
            notifications::Exit::METHOD => return Flow::Exit,
            notifications::DidOpenTextDocument::METHOD => {
                params(notification).map(|p| self.did_open(p))
            }
            notifications::DidChangeTextDocument::METHOD => {
                params(notification).map(|p| self.did_change(p))
            }
            notifications::DidSaveTextDocument::METHOD => {
                params(notification).map(|p| self.did_save(p))
            }
            notifications::DidCloseTextDocument::METHOD => {
                params(notification).map(|p| self.did_close(p))
            }
            notifications::DidChangeConfiguration::METHOD => {
                params(notification).map(|p| self.did_change_configuration(p))
            }
            notifications::DidChangeWatchedFiles::METHOD => {
                params(notification).map(|p| self.did_change_watched_files(p))
            }
            // `$/cancelRequest`, `$/setTrace`, `initialized`…: requests are answered at once,
            // and the rest asks nothing of the server.
            _ => Ok(()),
        };
        if let Err(Failure(_, message)) = outcome {
            self.show(MessageType::ERROR, format!("{method}: {message}"));
        }
        Flow::Continue
    }

    fn did_open(&mut self, params: lsp_types::DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = diagnostics::path_of(&item.uri);
        let markup = check::markup_of(path.as_deref(), &item.language_id);
        let document = OpenDocument {
            version: item.version,
            text: item.text,
            markup,
            path,
            generation: 0,
            latest: Arc::new(AtomicU64::new(0)),
            due: Some(Instant::now()),
            published: None,
            uri: item.uri.clone(),
        };
        self.documents
            .insert(item.uri.as_str().to_owned(), document);
    }

    fn did_change(&mut self, params: lsp_types::DidChangeTextDocumentParams) {
        let debounce = self.workspace.settings().debounce();
        let encoding = self.encoding;
        let Some(doc) = self.documents.get_mut(params.text_document.uri.as_str()) else {
            return;
        };
        position::apply_changes(&mut doc.text, params.content_changes, encoding);
        doc.version = params.text_document.version;
        doc.bump();
        doc.due = Some(Instant::now() + debounce);
    }

    fn did_save(&mut self, params: lsp_types::DidSaveTextDocumentParams) {
        let path = diagnostics::path_of(&params.text_document.uri);
        if path
            .as_deref()
            .is_some_and(|path| self.workspace.is_input(path))
        {
            self.reload();
        }
    }

    fn did_close(&mut self, params: lsp_types::DidCloseTextDocumentParams) {
        if let Some(doc) = self.documents.remove(params.text_document.uri.as_str()) {
            // A check still running for it is dropped when it ends.
            doc.latest.fetch_add(1, Ordering::AcqRel);
            self.publish_diagnostics(doc.uri, Vec::new(), None);
        }
    }

    fn did_change_configuration(&mut self, params: lsp_types::DidChangeConfigurationParams) {
        match Settings::from_value(Some(params.settings)) {
            Ok(settings) => {
                let roots = self.workspace.roots().to_vec();
                self.workspace = Arc::new(Workspace::new(settings, roots));
                self.watched_revision = None;
                self.recheck_all();
            }
            Err(message) => self.show(MessageType::ERROR, message),
        }
    }

    fn did_change_watched_files(&mut self, params: lsp_types::DidChangeWatchedFilesParams) {
        let stale = params
            .changes
            .iter()
            .filter_map(|change| diagnostics::path_of(&change.uri))
            .any(|path| self.workspace.is_input(&path));
        if stale {
            self.reload();
        }
    }

    /// Forgets the loaded configurations and checks every open document again.
    fn reload(&mut self) {
        self.workspace.forget();
        self.recheck_all();
    }

    fn recheck_all(&mut self) {
        let now = Instant::now();
        for doc in self.documents.values_mut() {
            doc.bump();
            doc.due = Some(now);
        }
    }

    fn start_due_checks(&mut self) {
        let now = Instant::now();
        for doc in self.documents.values_mut() {
            if doc.due.is_none_or(|due| due > now) {
                continue;
            }
            doc.due = None;
            let job = Job {
                uri: doc.uri.as_str().to_owned(),
                generation: doc.generation,
                latest: Arc::clone(&doc.latest),
                text: doc.text.clone(),
                markup: doc.markup,
                path: doc.path.clone(),
            };
            let workspace = Arc::clone(&self.workspace);
            let done = self.done.clone();
            rayon::spawn(move || {
                let (uri, generation) = (job.uri.clone(), job.generation);
                let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| job.run(&workspace)))
                    .unwrap_or_else(|_| {
                        Some(Outcome {
                            uri,
                            generation,
                            result: Err("mtlint failed on this document: please report it, \
                                         with the document"
                                .to_owned()),
                        })
                    });
                if let Some(outcome) = outcome {
                    let _ = done.send(outcome);
                }
            });
        }
    }

    fn publish(&mut self, outcome: Outcome) {
        let encoding = self.encoding;
        let settings = self.workspace.settings();
        let (show_score, docs) = (settings.show_score, settings.rules_docs_url.clone());
        let Some(doc) = self.documents.get_mut(&outcome.uri) else {
            return;
        };
        if doc.generation != outcome.generation {
            return;
        }
        let index = LineIndex::new(&doc.text, encoding);
        let diagnostics = match &outcome.result {
            Ok(checked) => diagnostics::of_report(
                &checked.report,
                &diagnostics::Context {
                    uri: &doc.uri,
                    text: &doc.text,
                    index: &index,
                    rules: checked.loaded.linter.engine.rules(),
                    source_file: checked.source_file.as_deref(),
                    show_score,
                    rules_docs_url: docs.as_deref(),
                },
            ),
            Err(message) => vec![diagnostics::failure(format!("mtlint: {message}"))],
        };
        let (uri, version) = (doc.uri.clone(), doc.version);
        doc.published = outcome.result.ok().map(|checked| Published {
            checked,
            index,
            diagnostics: diagnostics.clone(),
        });
        self.publish_diagnostics(uri, diagnostics, Some(version));
        self.watch();
    }

    fn publish_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        let notification =
            Notification::new(notifications::PublishDiagnostics::METHOD.to_owned(), params);
        self.send(notification.into());
    }

    /// The document of `uri` with its check, when the check is of its current text (a change
    /// drops the check of the text before it).
    fn checked(&self, uri: &Uri) -> Option<actions::Target<'_>> {
        let doc = self.documents.get(uri.as_str())?;
        let published = doc.published.as_ref()?;
        Some(actions::Target {
            uri: &doc.uri,
            text: &doc.text,
            index: &published.index,
            checked: &published.checked,
            diagnostics: &published.diagnostics,
        })
    }

    fn code_action(&mut self, request: Request) -> Result<Value, Failure> {
        let params: lsp_types::CodeActionParams = params_of(request.params)?;
        let actions = self
            .checked(&params.text_document.uri)
            .map(|target| target.actions(params.range, params.context.only.as_deref()))
            .unwrap_or_default();
        json(actions)
    }

    fn hover(&mut self, request: Request) -> Result<Value, Failure> {
        let params: lsp_types::HoverParams = params_of(request.params)?;
        let at = params.text_document_position_params;
        let hover = self
            .checked(&at.text_document.uri)
            .and_then(|target| target.hover(at.position));
        json(hover)
    }

    fn execute_command(&mut self, request: Request) -> Result<Value, Failure> {
        let params: lsp_types::ExecuteCommandParams = params_of(request.params)?;
        let argument = params.arguments.into_iter().next().unwrap_or(Value::Null);
        let written = match params.command.as_str() {
            actions::ADD_TO_VOCABULARY => {
                let add: actions::AddWord = params_of(argument)?;
                actions::add_to_vocabulary(&add.file, &add.word)
            }
            actions::ACCEPT_INTO_BASELINE => {
                let accept: actions::Accept = params_of(argument)?;
                actions::accept_into_baseline(&accept.file, accept.entry)
            }
            command => {
                return Err(Failure(
                    ErrorCode::InvalidParams,
                    format!("no command `{command}`"),
                ));
            }
        };
        written.map_err(|message| Failure(ErrorCode::RequestFailed, message))?;
        // The file written is one the configurations read: load them again.
        self.reload();
        Ok(Value::Null)
    }

    /// Registers watchers for the configuration files and every file the loaded
    /// configurations read, when that set changed and the client lets the server watch.
    fn watch(&mut self) {
        let revision = self.workspace.revision();
        if !self.can_watch || self.watched_revision == Some(revision) {
            return;
        }
        self.watched_revision = Some(revision);
        let mut globs = vec![format!("**/{}", crate::config::FILE_NAME)];
        for loaded in self.workspace.all_loaded() {
            for input in loaded.inputs() {
                let absolute = std::path::absolute(&input).unwrap_or(input);
                let glob = absolute.display().to_string();
                globs.push(if absolute.is_dir() {
                    format!("{glob}/**")
                } else {
                    glob
                });
            }
        }
        globs.sort();
        globs.dedup();
        if globs == self.watched {
            return;
        }
        if !self.watched.is_empty() {
            let params = UnregistrationParams {
                unregisterations: vec![Unregistration {
                    id: WATCH_REGISTRATION.to_owned(),
                    method: notifications::DidChangeWatchedFiles::METHOD.to_owned(),
                }],
            };
            self.ask(requests::UnregisterCapability::METHOD, params);
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: globs
                .iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.clone()),
                    kind: None,
                })
                .collect(),
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: WATCH_REGISTRATION.to_owned(),
                method: notifications::DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.ask(requests::RegisterCapability::METHOD, params);
        self.watched = globs;
    }

    /// Sends a request to the client (its answer is not waited for).
    fn ask(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_request += 1;
        let id = RequestId::from(format!("mtlint-{}", self.next_request));
        self.send(Request::new(id, method.to_owned(), params).into());
    }

    fn show(&self, typ: MessageType, message: String) {
        let params = ShowMessageParams { typ, message };
        let notification = Notification::new(notifications::ShowMessage::METHOD.to_owned(), params);
        self.send(notification.into());
    }

    /// Sends a message; a client gone is noticed by the loop, which then ends.
    fn send(&self, message: Message) {
        let _ = self.connection.sender.send(message);
    }
}

impl OpenDocument {
    /// A new generation: checks of the older text are dropped.
    fn bump(&mut self) {
        self.generation += 1;
        self.latest.store(self.generation, Ordering::Release);
        self.published = None;
    }
}

/// Why a request failed: the protocol's error code and a message.
struct Failure(ErrorCode, String);

fn params<P: DeserializeOwned>(notification: Notification) -> Result<P, Failure> {
    params_of(notification.params)
}

fn params_of<P: DeserializeOwned>(value: Value) -> Result<P, Failure> {
    serde_json::from_value(value)
        .map_err(|e| Failure(ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

fn json(value: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
}
