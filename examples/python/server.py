"""An MCP server on the Python standard library only, for NextMCP Cloud.

It speaks the Streamable HTTP transport (JSON responses, no server-initiated streams) at /mcp
on $PORT, answers /health, and offers two tools: greet and add.
"""
import json
import os
import signal
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROTOCOL_VERSIONS = ("2025-06-18", "2025-03-26", "2024-11-05")
GREETING = os.environ.get("GREETING", "Hello")

TOOLS = [
    {
        "name": "greet",
        "description": "Greets someone by name",
        "inputSchema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
    },
    {
        "name": "add",
        "description": "Adds two numbers",
        "inputSchema": {
            "type": "object",
            "properties": {"a": {"type": "number"}, "b": {"type": "number"}},
            "required": ["a", "b"],
        },
    },
]


def call_tool(name, args):
    if name == "greet":
        return f"{GREETING}, {args['name']}!"
    if name == "add":
        total = args["a"] + args["b"]
        return str(int(total) if float(total).is_integer() else total)
    raise KeyError(name)


def handle(message):
    """The JSON-RPC response to one message, or None for notifications."""
    method, msg_id, params = message.get("method"), message.get("id"), message.get("params") or {}
    if msg_id is None:
        return None
    if method == "initialize":
        requested = params.get("protocolVersion")
        version = requested if requested in PROTOCOL_VERSIONS else PROTOCOL_VERSIONS[0]
        result = {
            "protocolVersion": version,
            "capabilities": {"tools": {"listChanged": False}},
            "serverInfo": {"name": "nextmcp-example-python", "version": "1.0.0"},
        }
    elif method == "ping":
        result = {}
    elif method == "tools/list":
        result = {"tools": TOOLS}
    elif method == "tools/call":
        try:
            text = call_tool(params.get("name"), params.get("arguments") or {})
            result = {"content": [{"type": "text", "text": text}], "isError": False}
        except KeyError as missing:
            return error(msg_id, -32602, f"unknown tool or missing argument: {missing}")
        except (TypeError, ValueError) as bad:
            result = {"content": [{"type": "text", "text": str(bad)}], "isError": True}
    else:
        return error(msg_id, -32601, f"method not found: {method}")
    return {"jsonrpc": "2.0", "id": msg_id, "result": result}


def error(msg_id, code, text):
    return {"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": text}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/health":
            self.reply(200, b"ok\n", "text/plain")
        elif self.path == "/mcp":
            # No server-initiated stream: the transport allows 405 here.
            self.reply(405, b"", "text/plain", {"Allow": "POST, DELETE"})
        else:
            self.reply(404, b"not found\n", "text/plain")

    def do_DELETE(self):
        self.reply(200 if self.path == "/mcp" else 404, b"", "text/plain")

    def do_POST(self):
        if self.path != "/mcp":
            self.reply(404, b"not found\n", "text/plain")
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except json.JSONDecodeError:
            self.send_json(400, error(None, -32700, "parse error"))
            return
        batch = body if isinstance(body, list) else [body]
        responses = [r for r in (handle(m) for m in batch if isinstance(m, dict)) if r is not None]
        headers = {}
        if any(isinstance(m, dict) and m.get("method") == "initialize" for m in batch):
            headers["Mcp-Session-Id"] = uuid.uuid4().hex
        if not responses:
            self.reply(202, b"", "text/plain", headers)
        else:
            self.send_json(200, responses if isinstance(body, list) else responses[0], headers)

    def send_json(self, status, payload, headers=None):
        self.reply(status, json.dumps(payload).encode(), "application/json", headers)

    def reply(self, status, data, content_type, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}", flush=True)


def main():
    host = os.environ.get("MCP_HOST", "127.0.0.1")
    port = int(os.environ.get("MCP_PORT") or os.environ.get("PORT") or 8000)
    server = ThreadingHTTPServer((host, port), Handler)
    # serve_forever cannot be stopped from its own thread: exit directly, the platform drains first.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print(f"MCP server listening on {host}:{port}/mcp", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
