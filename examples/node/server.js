// An MCP server for NextMCP Cloud: Streamable HTTP on $PORT at /mcp, a health check at /health.
// Stateless: every POST gets a fresh server and transport, so any instance can answer any request
// and a rollout never strands a session.
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const GREETING = process.env.GREETING ?? 'Hello';

function buildServer() {
  const server = new McpServer({ name: 'nextmcp-example-node', version: '1.0.0' });
  server.tool('greet', 'Greets someone by name', { name: z.string() }, async ({ name }) => ({
    content: [{ type: 'text', text: `${GREETING}, ${name}!` }],
  }));
  server.tool('add', 'Adds two numbers', { a: z.number(), b: z.number() }, async ({ a, b }) => ({
    content: [{ type: 'text', text: String(a + b) }],
  }));
  return server;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

const httpServer = http.createServer(async (req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (path === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  if (path !== '/mcp') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  try {
    const body = await readJson(req);
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      transport.close();
      server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  } catch (err) {
    console.error('request failed:', err);
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'internal error' }, id: null }));
    }
  }
});

const port = Number(process.env.PORT ?? 3000);
httpServer.listen(port, '127.0.0.1', () => console.log(`MCP server listening on 127.0.0.1:${port}/mcp`));
process.on('SIGTERM', () => httpServer.close(() => process.exit(0)));
