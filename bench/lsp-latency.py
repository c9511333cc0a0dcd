#!/usr/bin/env python3
"""Measures `kosmo-lint lsp` as an editor meets it, on a project (a generated corpus):

- load: from `initialize` until the workspace's project is loaded (from the caches when
  they are valid);
- open: from `didOpen` of a page to its `publishDiagnostics`;
- keystroke: from `didChange` of that page (full text, one character more each time) to the
  diagnostics of that version, over --edits edits;
- route edit: from `didChange` of an API route definition to the page's new diagnostics
  (the project's route tree is loaded again with the open buffers), over --route-edits edits;
- memory: the server's resident set (VmRSS) and its peak (VmHWM) at the end.

    cargo build --release
    cargo run --release -p xtask -- corpus --routes 10000 --generation g5 --out /tmp/c10k
    target/release/kosmo-lint check /tmp/c10k >/dev/null   # warm the caches, as a CI run does
    python3 bench/lsp-latency.py --server target/release/kosmo-lint --project /tmp/c10k

Standard library only; prints one Markdown table.
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import threading
import queue
import time


class Server:
    def __init__(self, binary, root):
        self.process = subprocess.Popen(
            [binary, "lsp"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put(json.loads(out.read(length)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, wanted, timeout=600):
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if wanted(message):
                return message

    def diagnostics(self, uri, version=None):
        def wanted(m):
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            params = m["params"]
            return params["uri"] == uri and (version is None or params.get("version") == version)

        return self.wait(wanted)["params"]["diagnostics"]

    def memory(self):
        fields = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        return fields.get("VmRSS", "?"), fields.get("VmHWM", "?")


def uri(path):
    return pathlib.Path(path).resolve().as_uri()


def first(root, pattern):
    for path in sorted(pathlib.Path(root).glob(pattern)):
        return path
    sys.exit(f"no file matches {pattern} in {root}")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--page", help="a page, relative to the project (default: the first)")
    parser.add_argument("--route", help="an API route definition (default: the first)")
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--route-edits", type=int, default=10)
    args = parser.parse_args()
    root = pathlib.Path(args.project).resolve()
    page = root / args.page if args.page else first(root, "src/*/pages/**/index.tsx")
    route = root / args.route if args.route else first(root, "src/*/api/**/index.ts")

    started = time.monotonic()
    server = Server(str(pathlib.Path(args.server).resolve()), root)
    server.request("initialize", {"processId": os.getpid(), "rootUri": uri(root),
                                  "capabilities": {}, "workspaceFolders": [{"uri": uri(root), "name": "corpus"}]})
    server.notify("initialized", {})
    # The server answers `initialize` before it loads the workspace's projects; a request it
    # does not handle is answered once they are loaded.
    server.request("kosmo-lint/ping", {})
    initialized = time.monotonic() - started

    text = page.read_text()
    started = time.monotonic()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri(page), "languageId": "typescriptreact", "version": 1, "text": text}})
    server.diagnostics(uri(page), 1)
    opened = time.monotonic() - started

    keystrokes = []
    for edit in range(args.edits):
        version = edit + 2
        text += "x" if edit % 2 == 0 else "\n"
        started = time.monotonic()
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(page), "version": version},
            "contentChanges": [{"text": text}]})
        server.diagnostics(uri(page), version)
        keystrokes.append(time.monotonic() - started)

    route_text = route.read_text()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri(route), "languageId": "typescript", "version": 1, "text": route_text}})
    server.diagnostics(uri(route), 1)
    route_edits = []
    for edit in range(args.route_edits):
        route_text += f"\n// edit {edit}\n"
        started = time.monotonic()
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(route), "version": edit + 2},
            "contentChanges": [{"text": route_text}]})
        # The reload lints every open file again: the page last.
        server.diagnostics(uri(route), edit + 2)
        server.diagnostics(uri(page))
        route_edits.append(time.monotonic() - started)

    rss, peak = server.memory()
    server.request("shutdown", None)
    server.notify("exit", None)
    server.process.wait(timeout=60)

    ms = lambda seconds: f"{seconds * 1000:.1f} ms"
    print(f"| project | {root} |")
    print("|---|---|")
    print(f"| initialize → project loaded | {ms(initialized)} |")
    print(f"| didOpen → diagnostics | {ms(opened)} |")
    print(f"| keystroke → diagnostics, median ({args.edits} edits) | {ms(statistics.median(keystrokes))} |")
    print(f"| keystroke → diagnostics, 95th percentile | {ms(percentile(keystrokes, 0.95))} |")
    print(f"| keystroke → diagnostics, max | {ms(max(keystrokes))} |")
    print(f"| route edit → page diagnostics, median ({args.route_edits} edits) | {ms(statistics.median(route_edits))} |")
    print(f"| route edit → page diagnostics, max | {ms(max(route_edits))} |")
    print(f"| server memory at the end (VmRSS / peak VmHWM) | {rss} / {peak} |")


if __name__ == "__main__":
    main()
