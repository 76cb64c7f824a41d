//! The language server, driven through its own message loop over an in-memory connection:
//! the handshake, documents opened and changed, diagnostics, code actions, commands, hovers,
//! configuration reloads, and clients that misbehave.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

/// How long a test waits for a message before failing.
const PATIENCE: Duration = Duration::from_secs(60);

/// The test's side of a connection to a server running on its own thread.
struct Client {
    connection: Connection,
    server: JoinHandle<Result<(), String>>,
    next_id: i32,
    /// Messages received while waiting for another.
    pending: Vec<Message>,
}

impl Client {
    /// Starts a server and initializes it with `options`, `root` as the workspace folder.
    fn start(root: &Path, options: Value) -> (Client, Value) {
        Client::start_with(root, options, json!({}))
    }

    fn start_with(root: &Path, options: Value, capabilities: Value) -> (Client, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || mtlint::lsp::serve(&server_side));
        let mut client = Client {
            connection: client_side,
            server,
            next_id: 0,
            pending: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        client.notify("initialized", json!({}));
        (client, result.expect("initialize succeeds"))
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.to_owned(), params);
        self.connection.sender.send(notification.into()).unwrap();
    }

    /// Sends a request and waits for its response: the result, or the error object.
    fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_owned(), params);
        self.connection.sender.send(request.into()).unwrap();
        let response = self.wait_for(|message| match message {
            Message::Response(Response { id: got, .. }) => *got == id,
            _ => false,
        });
        let Message::Response(response) = response else {
            unreachable!()
        };
        response
            .response_result
            .map_err(|error| serde_json::to_value(error).unwrap())
    }

    /// The first message that `wanted` accepts, keeping the others for later.
    fn wait_for(&mut self, wanted: impl Fn(&Message) -> bool) -> Message {
        if let Some(at) = self.pending.iter().position(&wanted) {
            return self.pending.remove(at);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .connection
                .receiver
                .recv_timeout(left)
                .expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> (Option<i64>, Vec<Value>) {
        let message = self.wait_for(|message| {
            matches!(message, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri)
        });
        let Message::Notification(notification) = message else {
            unreachable!()
        };
        let params = notification.params;
        let diagnostics = params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        (params["version"].as_i64(), diagnostics)
    }

    fn open(&self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn code_actions(&mut self, uri: &str, range: Value, only: Option<&str>) -> Vec<Value> {
        let mut context = json!({"diagnostics": []});
        if let Some(only) = only {
            context["only"] = json!([only]);
        }
        let result = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
        );
        result.unwrap().as_array().cloned().unwrap_or_default()
    }

    /// Executes the command of a code action, as a client does when the action is chosen.
    fn execute(&mut self, command: &Value) -> Result<Value, Value> {
        self.request(
            "workspace/executeCommand",
            json!({"command": command["command"], "arguments": command["arguments"]}),
        )
    }

    /// Shuts the server down as a client should, and waits for its thread.
    fn shut_down(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Ok(Value::Null));
        self.notify("exit", Value::Null);
        let served = self.server.join().expect("the server does not panic");
        assert_eq!(served, Ok(()));
    }
}

fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// Options that check at once after a change, for tests that do not test the debounce.
fn no_debounce() -> Value {
    json!({"debounceMs": 0})
}

fn rules_of(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

/// `text` with the edits of a workspace edit for `uri` applied (positions in UTF-16 on
/// single-line ASCII-only stretches, as the tests' texts are).
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let offset = |p: &Value| offset_of(text, p);
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + character
}

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

const ARTICLE: &str = "The council met on Tuesday. The mayor said the the budget was ready , \
and the plan was aproved by everyone.\n\nSergei Ivanov spoke first. Later, Sergey Ivanov left \
the room.\n";

fn without_uris(mut diagnostics: Vec<Value>) -> Vec<Value> {
    for diagnostic in &mut diagnostics {
        if let Some(related) = diagnostic
            .get_mut("relatedInformation")
            .and_then(Value::as_array_mut)
        {
            for info in related {
                info["location"]["uri"] = json!("[uri]");
            }
        }
    }
    diagnostics
}

#[test]
fn a_session_opens_checks_changes_fixes_and_shuts_down() {
    let dir = workspace();
    let (mut client, init) = Client::start(dir.path(), no_debounce());
    let capabilities = &init["capabilities"];
    assert_eq!(
        capabilities["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "mtlint");

    let doc = uri(&dir.path().join("article.txt"));
    client.open(&doc, "plaintext", ARTICLE);
    let (version, diagnostics) = client.diagnostics(&doc);
    assert_eq!(version, Some(1));
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_json_snapshot!("lsp_diagnostics", without_uris(diagnostics.clone()));
    });
    let variants = diagnostics
        .iter()
        .find(|d| d["code"] == "name-variants")
        .unwrap();
    assert_eq!(
        variants["relatedInformation"][0]["location"]["range"]["start"],
        json!({"line": 2, "character": 0}),
        "the other spelling is linked"
    );

    // Quick fixes of the misspelling: its suggestions, then the vocabulary (none configured:
    // not offered), the suppression comment and the baseline.
    let typo = diagnostics
        .iter()
        .find(|d| d["code"] == "misspelled-word")
        .unwrap();
    let actions = client.code_actions(&doc, typo["range"].clone(), None);
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(
        &titles[..3],
        [
            "Replace with “approved”",
            "Replace with “proved”",
            "Replace with “improved”"
        ]
    );
    assert!(titles.contains(&"Disable misspelled-word for this line"));
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Accept this misspelled-word"))
    );
    assert!(!titles.iter().any(|t| t.contains("vocabulary")));
    let fixed = apply(ARTICLE, &actions[0]["edit"], &doc);
    assert!(fixed.contains("was approved by"));

    // The edit, sent back as an incremental change: the finding goes.
    let range = typo["range"].clone();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 2},
            "contentChanges": [{"range": range, "text": "approved"}],
        }),
    );
    let (version, diagnostics) = client.diagnostics(&doc);
    assert_eq!(version, Some(2));
    assert!(!rules_of(&diagnostics).contains(&"misspelled-word"));
    assert_eq!(diagnostics.len(), 3);

    // Fix all: the safe fixes of the document at once.
    let actions = client.code_actions(
        &doc,
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
        Some("source.fixAll"),
    );
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.mtlint");

    // Hover on the repeated word explains its rule.
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 48}}),
        )
        .unwrap();
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.starts_with("**repeated-word** (fluency/duplication, minor)"));
    assert!(markdown.contains("Examples:"));

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc}}),
    );
    let (_, diagnostics) = client.diagnostics(&doc);
    assert!(diagnostics.is_empty(), "closing clears the diagnostics");
    client.shut_down();
}

#[test]
fn changes_typed_quickly_are_checked_once_after_the_last() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), json!({"debounceMs": 300}));
    let doc = uri(&dir.path().join("draft.txt"));
    client.open(&doc, "plaintext", "");
    assert_eq!(client.diagnostics(&doc), (Some(1), Vec::new()));
    let typed = "The the plan";
    for (i, c) in typed.chars().enumerate() {
        let at = json!({"line": 0, "character": i});
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": doc, "version": i + 2},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": c.to_string()}],
            }),
        );
    }
    let last = (typed.len() + 1) as i64;
    let (version, diagnostics) = client.diagnostics(&doc);
    assert_eq!(version, Some(last), "only the last version is published");
    assert_eq!(rules_of(&diagnostics), ["repeated-word"]);
    client.shut_down();
}

#[test]
fn markdown_findings_are_silenced_with_a_comment_on_the_line_before() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    let doc = uri(&dir.path().join("post.md"));
    let text = "# Budget\n\n  The mayor said the the budget was ready.\n";
    client.open(&doc, "markdown", text);
    let (_, diagnostics) = client.diagnostics(&doc);
    assert_eq!(rules_of(&diagnostics), ["repeated-word"]);
    let actions = client.code_actions(&doc, diagnostics[0]["range"].clone(), None);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable repeated-word for this line")
        .unwrap();
    let silenced = apply(text, &disable["edit"], &doc);
    assert_eq!(
        silenced,
        "# Budget\n\n  <!-- mtlint-disable-next-line repeated-word -->\n  The mayor said the the budget was ready.\n"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": silenced}]}),
    );
    let (_, diagnostics) = client.diagnostics(&doc);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    client.shut_down();
}

#[test]
fn plain_text_is_silenced_with_a_bare_directive() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    let doc = uri(&dir.path().join("note.txt"));
    let text = "First line.\nShe said the the word.\n";
    client.open(&doc, "plaintext", text);
    let (_, diagnostics) = client.diagnostics(&doc);
    let actions = client.code_actions(&doc, diagnostics[0]["range"].clone(), None);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable repeated-word for this line")
        .unwrap();
    assert_eq!(
        apply(text, &disable["edit"], &doc),
        "First line.\nmtlint-disable-next-line repeated-word\nShe said the the word.\n"
    );
    client.shut_down();
}

/// Waits for the diagnostics of `uri` to satisfy `done` (a reload may publish more than once).
fn diagnostics_until(
    client: &mut Client,
    uri: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    loop {
        let (_, diagnostics) = client.diagnostics(uri);
        if done(&diagnostics) {
            return diagnostics;
        }
    }
}

#[test]
fn a_word_added_to_the_vocabulary_is_no_longer_flagged() {
    let dir = workspace();
    std::fs::write(dir.path().join("mtlint.toml"), "vocab = [\"words.txt\"]\n").unwrap();
    std::fs::write(dir.path().join("words.txt"), "# Our words\nKowalczyk").unwrap();
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    let doc = uri(&dir.path().join("story.txt"));
    client.open(&doc, "plaintext", "Kowalczyk met the wider councl.\n");
    let (_, diagnostics) = client.diagnostics(&doc);
    let typo = diagnostics
        .iter()
        .find(|d| d["code"] == "misspelled-word")
        .expect("the unknown word is flagged");
    let actions = client.code_actions(&doc, typo["range"].clone(), None);
    let add = actions
        .iter()
        .find(|a| a["title"] == "Add “councl” to the vocabulary")
        .unwrap();
    assert_eq!(client.execute(&add["command"]), Ok(Value::Null));
    let words = std::fs::read_to_string(dir.path().join("words.txt")).unwrap();
    assert_eq!(words, "# Our words\nKowalczyk\ncouncl\n");
    diagnostics_until(&mut client, &doc, |d| {
        !rules_of(d).contains(&"misspelled-word")
    });
    client.shut_down();
}

#[test]
fn a_finding_accepted_into_the_baseline_is_no_longer_shown() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    let path = dir.path().join("report.txt");
    std::fs::write(&path, "Prices rose , they said.\n").unwrap();
    let doc = uri(&path);
    client.open(&doc, "plaintext", "Prices rose , they said.\n");
    let (_, diagnostics) = client.diagnostics(&doc);
    assert_eq!(rules_of(&diagnostics), ["spaced-punctuation"]);
    let actions = client.code_actions(&doc, diagnostics[0]["range"].clone(), None);
    let accept = actions
        .iter()
        .find(|a| a["title"] == "Accept this spaced-punctuation finding into the baseline")
        .unwrap();
    assert_eq!(client.execute(&accept["command"]), Ok(Value::Null));
    let baseline = std::fs::read_to_string(dir.path().join("mtlint-baseline.json")).unwrap();
    assert!(baseline.contains("\"source\":\"report.txt\""), "{baseline}");
    diagnostics_until(&mut client, &doc, <[Value]>::is_empty);
    // The command line reads the same baseline.
    let cli = assert_cmd::Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--baseline", "mtlint-baseline.json", "report.txt"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&cli.get_output().stdout).into_owned();
    assert!(!stdout.contains("spaced-punctuation"), "{stdout}");
    client.shut_down();
}

#[test]
fn a_configuration_change_reloads_the_rules() {
    let dir = workspace();
    let config = dir.path().join("mtlint.toml");
    std::fs::write(&config, "").unwrap();
    let (mut client, _) = Client::start_with(
        dir.path(),
        no_debounce(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let registration = client
        .wait_for(|m| matches!(m, Message::Request(r) if r.method == "client/registerCapability"));
    let Message::Request(registration) = registration else {
        unreachable!()
    };
    let watchers = &registration.params["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/mtlint.toml");
    let doc = uri(&dir.path().join("a.txt"));
    client.open(&doc, "plaintext", "It was was late.\n");
    let (_, diagnostics) = client.diagnostics(&doc);
    assert_eq!(rules_of(&diagnostics), ["repeated-word"]);
    std::fs::write(&config, "[rules]\nrepeated-word = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    diagnostics_until(&mut client, &doc, <[Value]>::is_empty);
    // A mistake in the file: one error on the document, naming the file and the place.
    std::fs::write(&config, "[rules]\nrepeated-word = \"sometimes\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    let diagnostics = diagnostics_until(&mut client, &doc, |d| !d.is_empty());
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("mtlint.toml"), "{message}");
    assert_eq!(diagnostics[0]["severity"], 1);
    client.shut_down();
}

#[test]
fn client_settings_select_rules_and_show_the_score() {
    let dir = workspace();
    let options = json!({"mtlint": {
        "select": ["fluency/spelling"],
        "showScore": true,
        "debounceMs": 0,
        "rulesDocsUrl": "https://docs.example.org/mtlint/rules.html",
    }});
    let (mut client, _) = Client::start(dir.path(), options);
    let doc = uri(&dir.path().join("b.txt"));
    client.open(&doc, "plaintext", ARTICLE);
    let (_, diagnostics) = client.diagnostics(&doc);
    assert_eq!(rules_of(&diagnostics), ["misspelled-word"]);
    assert_eq!(
        diagnostics[0]["codeDescription"]["href"],
        "https://docs.example.org/mtlint/rules.html#misspelled-word",
        "{:#}",
        diagnostics[0]
    );
    let score = diagnostics.last().unwrap()["message"].as_str().unwrap();
    assert!(score.starts_with("mtlint: score "), "{score}");
    // New settings: every rule again, no score.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"mtlint": {"debounceMs": 0}}}),
    );
    let diagnostics = diagnostics_until(&mut client, &doc, |d| d.len() == 4);
    assert!(rules_of(&diagnostics).contains(&"name-variants"));
    client.shut_down();
}

#[test]
fn a_translation_paired_with_its_source_links_to_the_source_sentence() {
    let dir = workspace();
    let fr = dir.path().join("fr");
    let en = dir.path().join("en");
    std::fs::create_dir_all(&fr).unwrap();
    std::fs::create_dir_all(&en).unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "source = \"fr\"\nsource-lang = \"fr\"\n",
    )
    .unwrap();
    let source = "Le port a reçu 1200 navires en 2023.\n\nLe maire Paul Durand s'en félicite.\n";
    std::fs::write(fr.join("port.txt"), source).unwrap();
    let translation = "The port received 1,500 ships in 2023.\n\nMayor Paul Durand welcomed it.\n";
    let doc = uri(&en.join("port.txt"));
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    client.open(&doc, "plaintext", translation);
    let (_, diagnostics) = client.diagnostics(&doc);
    let number = diagnostics
        .iter()
        .find(|d| d["code"] == "number-mismatch")
        .expect("the changed number is found");
    let related = &number["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&fr.join("port.txt")));
    assert_eq!(related["location"]["range"]["start"]["line"], 0);
    assert!(
        related["message"]
            .as_str()
            .unwrap()
            .starts_with("in the source: ")
    );
    client.shut_down();
}

#[test]
fn misbehaving_clients_get_errors_not_crashes() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    let unknown = client.request("textDocument/formatting", json!({}));
    assert_eq!(unknown.unwrap_err()["code"], -32601, "method not found");
    let invalid = client.request("textDocument/codeAction", json!({"textDocument": 3}));
    assert_eq!(invalid.unwrap_err()["code"], -32602, "invalid params");
    let command = client.request(
        "workspace/executeCommand",
        json!({"command": "mtlint.eraseEverything", "arguments": []}),
    );
    assert_eq!(command.unwrap_err()["code"], -32602);
    // A change to a document never opened, and actions on it: ignored, answered empty.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let none = client.code_actions(
        "file:///nowhere.txt",
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
        None,
    );
    assert!(none.is_empty());
    // A document with no file, and one outside the workspace: checked with the defaults.
    client.open("untitled:Untitled-1", "plaintext", "It was was late.\n");
    let (_, diagnostics) = client.diagnostics("untitled:Untitled-1");
    assert_eq!(rules_of(&diagnostics), ["repeated-word"]);
    // A change past the end of the text is clamped to it.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": "untitled:Untitled-1", "version": 2},
            "contentChanges": [{"range": {"start": {"line": 40, "character": 3}, "end": {"line": 41, "character": 0}}, "text": "Done."}],
        }),
    );
    let (version, _) = client.diagnostics("untitled:Untitled-1");
    assert_eq!(version, Some(2));
    client.shut_down();
}

#[test]
fn a_client_that_goes_away_ends_the_server() {
    let dir = workspace();
    let (client, _) = Client::start(dir.path(), no_debounce());
    let Client {
        connection, server, ..
    } = client;
    drop(connection);
    assert_eq!(server.join().expect("no panic"), Ok(()));
}

#[test]
fn xliff_findings_point_into_the_file() {
    let dir = workspace();
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>Il a vendu 40 maisons.</source>
        <target>He sold 45 houses.</target>
      </segment>
    </unit>
  </file>
</xliff>
"#;
    let doc = uri(&dir.path().join("job.xlf"));
    client.open(&doc, "xml", xliff);
    let (_, diagnostics) = client.diagnostics(&doc);
    let number = diagnostics
        .iter()
        .find(|d| d["code"] == "number-mismatch")
        .expect("the changed number is found");
    let start = &number["range"]["start"];
    assert_eq!(start["line"], 6);
    let line = xliff.lines().nth(6).unwrap();
    let column = start["character"].as_u64().unwrap() as usize;
    assert!(line[column..].starts_with("45"), "{line} at {column}");
    let related = &number["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], doc);
    assert_eq!(related["range"]["start"]["line"], 5);
    client.shut_down();
}

#[test]
fn the_binary_serves_over_standard_streams() {
    let frame = |value: Value| {
        let body = value.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let root: PathBuf = std::env::temp_dir();
    let input = [
        frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": uri(&root)}})),
        frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})),
        frame(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})),
        frame(json!({"jsonrpc": "2.0", "method": "exit"})),
    ]
    .concat();
    let output = assert_cmd::Command::cargo_bin("mtlint")
        .unwrap()
        .arg("lsp")
        .write_stdin(input)
        .timeout(PATIENCE)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert!(
        stdout.contains("\"positionEncoding\":\"utf-16\""),
        "{stdout}"
    );
    assert!(stdout.contains("\"id\":2,\"result\":null"), "{stdout}");

    // Garbage instead of the protocol: a clean error, exit code 2, no panic.
    let output = assert_cmd::Command::cargo_bin("mtlint")
        .unwrap()
        .arg("lsp")
        .write_stdin("Content-Length: 5\r\n\r\nhello")
        .timeout(PATIENCE)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(stderr.starts_with("error: mtlint lsp: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_client_that_counts_bytes_gets_byte_columns() {
    let dir = workspace();
    let (mut client, init) = Client::start_with(
        dir.path(),
        no_debounce(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let doc = uri(&dir.path().join("café.txt"));
    client.open(&doc, "plaintext", "Café owners said said no.\n");
    let (_, diagnostics) = client.diagnostics(&doc);
    let start = &diagnostics[0]["range"]["start"];
    // `Café owners said` is 17 bytes (16 characters).
    assert_eq!(start["character"], 17);
    client.shut_down();
}

#[test]
fn documents_outside_the_workspace_and_huge_ones_are_handled() {
    let dir = workspace();
    let elsewhere = workspace();
    std::fs::write(
        elsewhere.path().join("mtlint.toml"),
        "[rules]\nrepeated-word = \"off\"\n",
    )
    .unwrap();
    let (mut client, _) = Client::start(dir.path(), no_debounce());
    // Outside the workspace folder: its own folder's configuration applies.
    let outside = uri(&elsewhere.path().join("c.txt"));
    client.open(&outside, "plaintext", "It was was late , then.\n");
    let (_, diagnostics) = client.diagnostics(&outside);
    assert_eq!(rules_of(&diagnostics), ["spaced-punctuation"]);
    // Over the size the server checks: one diagnostic saying so.
    let huge = uri(&dir.path().join("huge.txt"));
    let text = "word ".repeat(14 * 1024 * 1024);
    client.open(&huge, "plaintext", &text);
    let (_, diagnostics) = client.diagnostics(&huge);
    assert_eq!(diagnostics.len(), 1);
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("over the 64 MB"), "{message}");
    client.shut_down();
}
