//! `kosmo-lint lsp` end to end: the binary started as an editor starts it, spoken to in
//! JSON-RPC over its stdin and stdout, on a copy of the shop example.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_mins(1);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(root: &Path) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("kosmo-lint"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("kosmo-lint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Self { child, stdin, messages, next_id: 0 };
        let root_uri = uri(root);
        let capabilities =
            json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
        let result = client.request(
            "initialize",
            &json!({ "processId": null, "rootUri": root_uri, "capabilities": capabilities,
                    "workspaceFolders": [{ "uri": root_uri, "name": "shop" }] }),
        );
        assert_eq!(result["result"]["serverInfo"]["name"], "kosmo-lint", "{result}");
        let sync = &result["result"]["capabilities"]["textDocumentSync"];
        assert_eq!(sync["change"], 1, "full synchronisation: {result}");
        client.notify("initialized", &json!({}));
        client
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: &Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (answering the server's own requests on
    /// the way).
    fn request(&mut self, method: &str, params: &Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|message| message["id"] == id && message.get("method").is_none())
    }

    /// The next message `wanted` accepts, within the timeout.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!("no such message within {TIMEOUT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server stopped"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                // A request of the server's (client/registerCapability): accepted.
                let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": null });
                self.send(&reply);
            }
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        let language = if Path::new(uri).extension().is_some_and(|e| e == "vue") {
            "vue"
        } else {
            "typescriptreact"
        };
        let document = json!({ "uri": uri, "languageId": language, "version": 1, "text": text });
        self.notify("textDocument/didOpen", &json!({ "textDocument": document }));
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            &json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "text": text }] }),
        );
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    // The test paths hold no character a URI would escape but `[` and `]`.
    format!("file://{}", path.display()).replace('[', "%5B").replace(']', "%5D")
}

const CART: &str = "src/app/pages/cart/index.tsx";
const VUE_ORDER: &str = "src/dashboard/pages/orders/[id]/index.vue";

fn code(diagnostic: &Value) -> &str {
    diagnostic["code"].as_str().unwrap()
}

#[test]
fn a_page_is_linted_fixed_and_cleared_as_it_is_typed() {
    let project = common::repo_copy("examples/shop");
    let root = project.path();
    let mut client = Client::start(root);
    let cart = uri(&root.join(CART));
    let text = std::fs::read_to_string(root.join(CART)).unwrap();

    client.open(&cart, &text);
    let diagnostics = client.diagnostics(&cart);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let missing = &diagnostics[0];
    assert_eq!(code(missing), "missing-preload");
    assert_eq!(missing["severity"], 2, "a warning");
    assert_eq!(missing["source"], "kosmo-lint");
    assert_eq!(missing["range"]["start"], json!({ "line": 9, "character": 15 }));
    let docs = missing["codeDescription"]["href"].as_str().unwrap();
    assert!(docs.ends_with("/docs/rules/missing-preload.md"), "{docs}");

    let actions = client.request(
        "textDocument/codeAction",
        &json!({ "textDocument": { "uri": cart }, "range": missing["range"],
                "context": { "diagnostics": [missing] } }),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    let fix =
        actions.iter().find(|a| a["isPreferred"] == true).unwrap_or_else(|| panic!("{titles:?}"));
    assert!(fix["title"].as_str().unwrap().contains("preload"), "{titles:?}");
    assert!(titles.contains(&"Disable missing-preload for this line"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Fix all kosmo-lint problems")), "{titles:?}");

    // The quick fix applied in the editor, not saved: the diagnostic goes away.
    let edits = fix["edit"]["changes"][&cart].as_array().unwrap();
    let fixed = apply(&text, edits);
    assert!(fixed.contains("export const preload"), "{fixed}");
    client.change(&cart, 2, &fixed);
    assert_eq!(client.diagnostics(&cart), Vec::<Value>::new());
    assert_eq!(std::fs::read_to_string(root.join(CART)).unwrap(), text, "nothing written");

    // The suppression comment, typed in: also clean.
    let disable =
        actions.iter().find(|a| a["title"] == "Disable missing-preload for this line").unwrap();
    let suppressed = apply(&text, disable["edit"]["changes"][&cart].as_array().unwrap());
    assert!(
        suppressed.contains("  // kosmo-lint-disable-next-line missing-preload -- "),
        "{suppressed}"
    );
    client.change(&cart, 3, &suppressed);
    assert_eq!(client.diagnostics(&cart), Vec::<Value>::new());

    // Closed: its diagnostics are withdrawn.
    client.notify("textDocument/didClose", &json!({ "textDocument": { "uri": cart } }));
    assert_eq!(client.diagnostics(&cart), Vec::<Value>::new());
    shutdown(client);
}

#[test]
fn an_api_route_in_another_buffer_updates_a_vue_page() {
    let project = common::repo_copy("examples/shop");
    let root = project.path();
    let mut client = Client::start(root);
    let page = uri(&root.join(VUE_ORDER));
    client.open(&page, &std::fs::read_to_string(root.join(VUE_ORDER)).unwrap());
    let diagnostics = client.diagnostics(&page);
    assert_eq!(diagnostics.iter().map(code).collect::<Vec<_>>(), ["fetch-client-route-exists"]);
    // Positions are in the .vue file itself.
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 4, "{diagnostics:?}");

    // The route the page names, in a buffer not saved yet.
    let route = root.join("src/dashboard/api/order/[id]/index.ts");
    let existing =
        std::fs::read_to_string(root.join("src/dashboard/api/orders/[id]/index.ts")).unwrap();
    let route_uri = format!("{}/src/dashboard/api/order/%5Bid%5D/index.ts", uri(root));
    client.open(&route_uri, &existing.replace("\"orders/[id]\"", "\"order/[id]\""));
    assert_eq!(client.diagnostics(&page), Vec::<Value>::new(), "the route exists now");
    assert!(!route.exists(), "nothing written");

    client.notify("textDocument/didClose", &json!({ "textDocument": { "uri": route_uri } }));
    let diagnostics = loop {
        let diagnostics = client.diagnostics(&page);
        if !diagnostics.is_empty() {
            break diagnostics;
        }
    };
    assert_eq!(diagnostics.iter().map(code).collect::<Vec<_>>(), ["fetch-client-route-exists"]);
    shutdown(client);
}

#[test]
fn an_edit_of_a_shared_module_rechecks_the_open_pages_that_read_it() {
    let project = common::repo_copy("examples/shop");
    let root = project.path();
    common::write(root, "src/app/queries/wishlist.ts", WISHLIST_QUERY);
    let module = uri(&root.join("src/app/queries/wishlist.ts"));
    let page = format!("{}/src/app/pages/wishlist/index.tsx", uri(root));
    let mut client = Client::start(root);
    // A page not saved yet, reading the query from the shared module.
    client.open(
        &page,
        "import { createAsync } from \"@solidjs/router\";\nimport { getWishlist } from \"~/queries/wishlist\";\n\n\
         export default function WishlistPage() {\n  const wishlist = createAsync(() => getWishlist());\n  \
         return <p>{wishlist()?.lines.length}</p>;\n}\n",
    );
    let diagnostics = client.diagnostics(&page);
    assert_eq!(
        diagnostics.iter().map(code).collect::<Vec<_>>(),
        ["missing-preload"],
        "followed into the module"
    );

    // The module, edited in the editor so that it no longer reads a fetch client.
    client.open(&module, WISHLIST_QUERY);
    let plain = WISHLIST_QUERY
        .replace("query(() => fetchClients.cart.GET(), \"wishlist\")", "async () => []");
    client.change(&module, 2, &plain);
    let diagnostics = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == page.as_str()
            && m["params"]["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert_eq!(diagnostics["params"]["version"], 1, "the page itself did not change");
    shutdown(client);
}

const WISHLIST_QUERY: &str = "import { query } from \"@solidjs/router\";\nimport fetchClients from \"_/fetch\";\n\n\
    export const getWishlist = query(() => fetchClients.cart.GET(), \"wishlist\");\n";

#[test]
fn a_configuration_changed_on_disk_applies_without_a_restart() {
    let project = common::repo_copy("examples/shop");
    let root = project.path();
    let mut client = Client::start(root);
    let cart = uri(&root.join(CART));
    client.open(&cart, &std::fs::read_to_string(root.join(CART)).unwrap());
    assert_eq!(client.diagnostics(&cart).len(), 1);

    common::write(root, "kosmo-lint.json", r#"{ "rules": { "missing-preload": "off" } }"#);
    let config = uri(&root.join("kosmo-lint.json"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        &json!({ "changes": [{ "uri": config, "type": 1 }] }),
    );
    assert_eq!(client.diagnostics(&cart), Vec::<Value>::new(), "turned off");

    common::write(root, "kosmo-lint.json", r#"{ "rules": { "missing-preload": "error" } }"#);
    client.notify(
        "workspace/didChangeWatchedFiles",
        &json!({ "changes": [{ "uri": config, "type": 2 }] }),
    );
    let diagnostics = client.diagnostics(&cart);
    assert_eq!(diagnostics[0]["severity"], 1, "now an error: {diagnostics:?}");

    // A broken configuration is said, and the server goes on.
    common::write(root, "kosmo-lint.json", r#"{ "rules": { "missing-prelod": "off" } }"#);
    client.notify(
        "workspace/didChangeWatchedFiles",
        &json!({ "changes": [{ "uri": config, "type": 2 }] }),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains("unknown rule `missing-prelod`"), "{message}");
    // Repaired: the open page is reported on again.
    common::write(root, "kosmo-lint.json", r#"{ "rules": { "missing-preload": "warn" } }"#);
    client.notify(
        "workspace/didChangeWatchedFiles",
        &json!({ "changes": [{ "uri": config, "type": 2 }] }),
    );
    let diagnostics = loop {
        let diagnostics = client.diagnostics(&cart);
        if !diagnostics.is_empty() {
            break diagnostics;
        }
    };
    assert_eq!(diagnostics[0]["severity"], 2, "{diagnostics:?}");
    shutdown(client);
}

#[test]
fn a_finding_explained_in_another_file_carries_that_place() {
    let project = common::repo_copy("examples/shop");
    let root = project.path();
    let mut client = Client::start(root);
    let config = uri(&root.join("src/blog/kosmo.config.ts"));
    client.open(&config, &std::fs::read_to_string(root.join("src/blog/kosmo.config.ts")).unwrap());
    let diagnostics = client.diagnostics(&config);
    let never = diagnostics
        .iter()
        .find(|d| code(d) == "preload-never-runs")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    let related = &never["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&root.join("lib/blog/solid.ts")), "{never}");
    assert_eq!(related["location"]["range"]["start"], json!({ "line": 9, "character": 8 }));
    assert!(related["message"].as_str().unwrap().contains("without calling it"), "{related}");
    shutdown(client);
}

#[test]
fn malformed_messages_and_broken_files_never_stop_the_server() {
    let project = common::repo_copy("examples/shop");
    let root = project.path();
    let mut client = Client::start(root);
    client.send_raw(b"this is not JSON");
    client.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99}");
    let bad = client.request("textDocument/codeAction", &json!({ "textDocument": 3 }));
    assert_eq!(bad["error"]["code"], -32602, "invalid params: {bad}");
    let unknown = client.request("textDocument/hover", &json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");

    let cart = uri(&root.join(CART));
    client.open(&cart, "export default function CartPage() {\n  return <div>;\n");
    let diagnostics = client.diagnostics(&cart);
    assert!(diagnostics.iter().any(|d| code(d) == "syntax-error"), "{diagnostics:?}");
    // Still serving: the file repaired.
    client.change(&cart, 2, "export default function CartPage() {\n  return <div />;\n}\n");
    assert_eq!(client.diagnostics(&cart), Vec::<Value>::new());
    shutdown(client);
}

fn shutdown(mut client: Client) {
    let response = client.request("shutdown", &Value::Null);
    assert!(response.get("error").is_none(), "{response}");
    client.notify("exit", &Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = client.child.try_wait().unwrap() {
            assert!(status.success(), "exit code {status}");
            return;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `text` with LSP text edits applied (positions in UTF-16 units; the test texts are ASCII
/// where they edit).
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = usize::try_from(position["line"].as_u64().unwrap()).unwrap();
        let character = usize::try_from(position["character"].as_u64().unwrap()).unwrap();
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + character
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}
