// NextMCP stdio bridge: serves MCP Streamable HTTP on $PORT and runs the app's stdio MCP server
// (NEXTMCP_STDIO_COMMAND, with sh -c) once per MCP session, so sessions never share a process.
// Node built-ins only: the platform copies this file into the app; nothing is fetched at run time.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

const command = process.env.NEXTMCP_STDIO_COMMAND;
const port = Number(process.env.PORT);
const maxSessions = positive('NEXTMCP_STDIO_MAX_SESSIONS', 20);
const idleMs = positive('NEXTMCP_STDIO_IDLE_SECONDS', 900) * 1000;
const maxBody = 8 * 1024 * 1024;
const maxBacklog = 1000;

if (!command || !port) {
  console.error('nextmcp stdio bridge: NEXTMCP_STDIO_COMMAND and PORT must be set');
  process.exit(2);
}

function positive(name, fallback) {
  const v = Number(process.env[name] || fallback);
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`nextmcp stdio bridge: ${name} must be a positive whole number, got '${process.env[name]}'`);
    process.exit(2);
  }
  return v;
}

const sessions = new Map();

/** An SSE response that carries JSON-RPC messages to the client. */
class Stream {
  constructor(res) {
    this.res = res;
    this.open = true;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    res.on('close', () => { this.open = false; });
  }

  send(message) {
    if (this.open) {
      this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    }
  }

  end() {
    if (this.open) {
      this.open = false;
      this.res.end();
    }
  }
}

/** One MCP session: one child process speaking newline-delimited JSON-RPC on stdin/stdout. */
class Session {
  constructor(id) {
    this.id = id;
    this.requests = new Map(); // JSON of a client request id -> the Stream awaiting its response
    this.posts = []; // POST streams still awaiting responses, oldest first
    this.standalone = null; // the GET stream, for messages not tied to a request
    this.backlog = [];
    this.lastUsed = Date.now();
    // A process group of its own, so ending the session also ends what the command started (npx → node).
    this.child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    this.child.stdin.on('error', () => {}); // the child died: its exit handler answers the client
    this.child.on('error', (e) => console.error(`nextmcp stdio bridge: cannot start the server: ${e.message}`));
    this.child.on('exit', (code, signal) => this.exited(code, signal));
    let buffered = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) {
          this.fromChild(line);
        }
      }
    });
  }

  toChild(messages, stream) {
    this.lastUsed = Date.now();
    for (const m of messages) {
      if (stream && m.method !== undefined && m.id !== undefined) {
        this.requests.set(JSON.stringify(m.id), stream);
      }
      this.child.stdin.write(JSON.stringify(m) + '\n');
    }
    if (stream) {
      this.posts.push(stream);
    }
  }

  fromChild(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      // Not protocol: a server that prints to stdout. Keep it visible in the app's log.
      console.error(line);
      return;
    }
    const isResponse = message.method === undefined && message.id !== undefined;
    if (isResponse) {
      const key = JSON.stringify(message.id);
      const stream = this.requests.get(key);
      if (stream) {
        this.requests.delete(key);
        stream.send(message);
        this.endIfAnswered(stream);
        return;
      }
    }
    // Notifications and server-to-client requests (progress, logging, sampling, elicitation):
    // on the request stream still open (they are most likely about it), else the GET stream.
    this.posts = this.posts.filter((s) => s.open);
    const target = this.posts.length ? this.posts[this.posts.length - 1] : this.standalone?.open ? this.standalone : null;
    if (target) {
      target.send(message);
    } else if (this.backlog.length < maxBacklog) {
      this.backlog.push(message);
    }
  }

  endIfAnswered(stream) {
    for (const s of this.requests.values()) {
      if (s === stream) {
        return;
      }
    }
    stream.end();
    this.posts = this.posts.filter((s) => s !== stream);
  }

  listen(stream) {
    this.lastUsed = Date.now();
    this.standalone = stream;
    for (const m of this.backlog.splice(0)) {
      stream.send(m);
    }
  }

  exited(code, signal) {
    sessions.delete(this.id);
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (!this.closing) {
      console.error(`nextmcp stdio bridge: the MCP server of session ${this.id} ${how}`);
    }
    for (const [key, stream] of this.requests) {
      stream.send({ jsonrpc: '2.0', id: JSON.parse(key),
        error: { code: -32603, message: `the MCP server process ${how}; start a new session` } });
    }
    this.requests.clear();
    for (const s of this.posts) {
      s.end();
    }
    this.standalone?.end();
  }

  close() {
    this.closing = true;
    sessions.delete(this.id);
    this.child.stdin.end();
    signalGroup(this.child, 'SIGTERM');
    setTimeout(() => signalGroup(this.child, 'SIGKILL'), 5000).unref();
  }
}

function signalGroup(child, signal) {
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

function jsonError(res, status, message, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message } }));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > maxBody) {
        reject(new Error('request body is larger than 8 MiB'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function post(req, res) {
  let messages;
  try {
    const body = JSON.parse(await readBody(req));
    messages = Array.isArray(body) ? body : [body];
    if (!messages.length || messages.some((m) => typeof m !== 'object' || m === null || m.jsonrpc !== '2.0')) {
      throw new Error('expected a JSON-RPC 2.0 message');
    }
  } catch (e) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${e.message}` } }));
    return;
  }
  const id = req.headers['mcp-session-id'];
  let session;
  if (id === undefined) {
    if (messages.length !== 1 || messages[0].method !== 'initialize') {
      jsonError(res, 400, 'Bad Request: no Mcp-Session-Id header; start a session with initialize');
      return;
    }
    if (sessions.size >= maxSessions) {
      jsonError(res, 503, `this instance already serves ${maxSessions} MCP sessions (its limit); try again later`);
      return;
    }
    session = new Session(randomUUID());
    sessions.set(session.id, session);
    res.setHeader('mcp-session-id', session.id);
  } else {
    session = sessions.get(id);
    if (!session) {
      jsonError(res, 404, 'Session not found; start a new session with initialize');
      return;
    }
  }
  const hasRequests = messages.some((m) => m.method !== undefined && m.id !== undefined);
  if (!hasRequests) {
    session.toChild(messages, null);
    res.writeHead(202).end();
    return;
  }
  session.toChild(messages, new Stream(res));
}

function get(req, res) {
  const session = sessions.get(req.headers['mcp-session-id']);
  if (!session) {
    jsonError(res, req.headers['mcp-session-id'] ? 404 : 400, 'Session not found; start a new session with initialize');
    return;
  }
  if (session.standalone?.open) {
    jsonError(res, 409, 'Conflict: this session already has a GET stream');
    return;
  }
  session.listen(new Stream(res));
}

function remove(req, res) {
  const session = sessions.get(req.headers['mcp-session-id']);
  if (!session) {
    jsonError(res, 404, 'Session not found');
    return;
  }
  session.close();
  res.writeHead(200).end();
}

const server = http.createServer((req, res) => {
  const handle = { POST: post, GET: get, DELETE: remove }[req.method];
  if (!handle) {
    jsonError(res, 405, 'Method not allowed', { allow: 'GET, POST, DELETE' });
    return;
  }
  Promise.resolve(handle(req, res)).catch((e) => {
    console.error(`nextmcp stdio bridge: ${e.message}`);
    if (!res.headersSent) {
      jsonError(res, 500, 'Internal error of the stdio bridge');
    }
  });
});
server.requestTimeout = 0; // SSE streams and long tool calls stay open
server.headersTimeout = 60_000;

setInterval(() => {
  const now = Date.now();
  for (const s of sessions.values()) {
    if (now - s.lastUsed > idleMs) {
      console.error(`nextmcp stdio bridge: session ${s.id} idle for ${idleMs / 1000}s; ending it`);
      s.close();
    }
  }
}, Math.min(idleMs, 30_000)).unref();

function shutdown() {
  for (const s of [...sessions.values()]) {
    s.close();
  }
  server.close();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.listen(port, '127.0.0.1', () => {
  console.error(`nextmcp stdio bridge: MCP Streamable HTTP on port ${port}, one '${command}' per session`);
});
