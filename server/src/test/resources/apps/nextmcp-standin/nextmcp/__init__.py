"""Stand-in for nextmcp.NextMCP with the real entry shape (nextmcp/core.py)."""
import fastmcp


class NextMCP:
    def __init__(self, name, description=None):
        self.name = name
        self.description = description or f"{name} MCP Server"
        self._tools = {}

    def tool(self, name=None, description=None):
        def decorator(fn):
            self._tools[name or fn.__name__] = fn
            return fn

        return decorator

    def run(self, host="127.0.0.1", port=8000, **kwargs):
        server = fastmcp.FastMCP(self.name)
        for fn in self._tools.values():
            server.tool(fn)
        server.run(host=host, port=port, **kwargs)
