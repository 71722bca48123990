package cloud.nextmcp.api.dashboard.apps;

import java.util.List;

/** Ready-made client configurations for an app's MCP endpoint, shown on its overview. */
public final class ClientSnippets {
    private ClientSnippets() {
    }

    /** One client's configuration: where it goes and what to paste. */
    public record Snippet(String client, String where, String text) {
    }

    public static List<Snippet> of(String app, String url) {
        return List.of(
                new Snippet("Claude Desktop", "claude_desktop_config.json", """
                        {
                          "mcpServers": {
                            "%s": {
                              "command": "npx",
                              "args": ["-y", "mcp-remote", "%s"]
                            }
                          }
                        }""".formatted(app, url)),
                new Snippet("VS Code", ".vscode/mcp.json", """
                        {
                          "servers": {
                            "%s": { "type": "http", "url": "%s" }
                          }
                        }""".formatted(app, url)),
                new Snippet("MCP SDKs (TypeScript)", "client.ts", """
                        import { Client } from "@modelcontextprotocol/sdk/client/index.js";
                        import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

                        const client = new Client({ name: "my-client", version: "1.0.0" });
                        await client.connect(new StreamableHTTPClientTransport(new URL("%s")));
                        console.log(await client.listTools());""".formatted(url)));
    }
}
