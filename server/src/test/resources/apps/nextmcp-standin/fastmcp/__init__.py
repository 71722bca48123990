"""Stand-in for fastmcp.FastMCP: run() serves stdio unless transport is http, like FastMCP's default."""
import inspect
import json
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FastMCP:
    def __init__(self, name):
        self.name = name
        self.tools = {}

    def tool(self, fn):
        self.tools[fn.__name__] = fn
        return fn

    def run(self, transport=None, **kwargs):
        if transport not in ("http", "streamable-http"):
            print(f"stand-in FastMCP: transport {transport or 'stdio'} is not served here", file=sys.stderr)
            sys.exit(3)
        server = ThreadingHTTPServer((kwargs["host"], kwargs["port"]), _handler(self))
        print(f"stand-in FastMCP '{self.name}' on http://{kwargs['host']}:{kwargs['port']}/mcp", file=sys.stderr, flush=True)
        server.serve_forever()

    def answer(self, message):
        method, params = message.get("method"), message.get("params") or {}
        if method == "initialize":
            return {"protocolVersion": params.get("protocolVersion", "2025-06-18"), "capabilities": {"tools": {}},
                    "serverInfo": {"name": self.name, "version": "1.0.0"}}
        if method == "tools/list":
            return {"tools": [{"name": n, "description": f.__doc__ or "", "inputSchema": {
                "type": "object", "properties": {p: {"type": "number" if a.annotation is float else "string"}
                                                 for p, a in inspect.signature(f).parameters.items()}}}
                              for n, f in self.tools.items()]}
        if method == "tools/call":
            text = self.tools[params["name"]](**(params.get("arguments") or {}))
            return {"content": [{"type": "text", "text": text}], "isError": False}
        return {}


def _handler(app):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            message = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            headers = {"Mcp-Session-Id": uuid.uuid4().hex} if message.get("method") == "initialize" else {}
            if "id" not in message:
                self.reply(202, b"", headers)
                return
            body = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": app.answer(message)}).encode()
            self.reply(200, body, {"Content-Type": "application/json", **headers})

        def do_GET(self):
            self.reply(405, b"", {"Allow": "POST, DELETE"})

        def do_DELETE(self):
            self.reply(200, b"", {})

        def reply(self, status, body, headers):
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler
