"""NextMCP launcher: runs a NextMCP or FastMCP app over Streamable HTTP on $PORT, unchanged.

NextMCP's run() builds a fastmcp.FastMCP and calls its run() without a transport (stdio, FastMCP's
default in older releases) or with its development host and port. FastMCP.run is therefore wrapped
before the app is imported, so that every run() serves HTTP on 127.0.0.1:$PORT. An entry module that
defines the app without running it is run the way `fastmcp run` does: its mcp, server or app object.
Usage: python mcp_http.py ENTRY.py
"""
import os
import runpy
import sys

NAMES = ("mcp", "server", "app")


def log(message):
    print("nextmcp launcher: " + message, file=sys.stderr, flush=True)


def serve_http_on_port(fastmcp_class, port, ran):
    original = fastmcp_class.run

    def run(self, transport=None, *args, **kwargs):
        if transport not in (None, "http", "streamable-http") or kwargs.get("host") or kwargs.get("port"):
            log("the app asked for transport=%s host=%s port=%s; serving Streamable HTTP on $PORT instead"
                % (transport, kwargs.get("host"), kwargs.get("port")))
        kwargs.update(host="127.0.0.1", port=port)
        ran.append(self)
        return original(self, "http", *args, **kwargs)

    fastmcp_class.run = run


def find_app(namespace, fastmcp_class):
    def runnable(obj):
        return isinstance(obj, fastmcp_class) or type(obj).__name__ == "NextMCP"

    for name in NAMES:
        if runnable(namespace.get(name)):
            return namespace[name]
    found = [v for k, v in namespace.items() if not k.startswith("_") and runnable(v)]
    return found[0] if len(found) == 1 else None


def main():
    if len(sys.argv) != 2 or not os.environ.get("PORT"):
        log("usage: PORT=<port> python mcp_http.py <entry.py>")
        return 2
    entry = sys.argv[1]
    # As `python ENTRY.py` would: the app's own directory first on the import path.
    sys.path.insert(0, os.path.dirname(os.path.abspath(entry)))
    try:
        import fastmcp
    except ImportError:
        log("fastmcp is not installed; add fastmcp (or nextmcp, which needs it) to requirements.txt")
        return 2
    ran = []
    serve_http_on_port(fastmcp.FastMCP, int(os.environ["PORT"]), ran)
    sys.argv = [entry]
    namespace = runpy.run_path(entry, run_name="__main__")
    if ran:
        return 0
    app = find_app(namespace, fastmcp.FastMCP)
    if app is None:
        log("%s neither runs an MCP server nor defines one named mcp, server or app "
            "(a NextMCP or FastMCP instance)" % entry)
        return 2
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
