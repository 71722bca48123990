// Drives an MCP app with the TypeScript SDK client over Streamable HTTP; prints one JSON result per line.
// Usage: node stdio-app-client.mjs <sdk dir> <url> features|crash|greet|resume-after-sleep
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import readline from 'node:readline';

const [sdkDir, url, scenario] = process.argv.slice(2);
const sdk = (p) => import(pathToFileURL(path.join(sdkDir, 'node_modules/@modelcontextprotocol/sdk/dist/esm', p)).href);
const { Client } = await sdk('client/index.js');
const { StreamableHTTPClientTransport } = await sdk('client/streamableHttp.js');
const { LoggingMessageNotificationSchema, CreateMessageRequestSchema } = await sdk('types.js');

async function connect(name, capabilities = {}) {
  const client = new Client({ name, version: '1.0.0' }, { capabilities });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  return { client, transport };
}

const text = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('');
const print = (o) => console.log(JSON.stringify(o));

if (scenario === 'greet') {
  const a = await connect('greeter');
  const tools = (await a.client.listTools()).tools.map((t) => t.name);
  const greet = text(await a.client.callTool({ name: 'greet', arguments: { name: 'Ada' } }));
  print({ tools, greet, session: a.transport.sessionId ?? null });
  await a.transport.terminateSession();
  await a.client.close();
} else if (scenario === 'features') {
  const a = await connect('a');
  const logs = [];
  a.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params.level));
  const tools = (await a.client.listTools()).tools.map((t) => t.name);
  const echo = text(await a.client.callTool({ name: 'echo', arguments: { message: 'hi' } }));
  const progress = [];
  const long = text(await a.client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 2, steps: 2 } },
    undefined, { onprogress: (p) => progress.push(p.progress) }));
  const resources = (await a.client.listResources()).resources;
  const read = await a.client.readResource({ uri: resources[0].uri });
  const prompts = (await a.client.listPrompts()).prompts.map((p) => p.name);
  const prompt = await a.client.getPrompt({ name: 'simple-prompt' });
  // B can sample: the server asks it for an LLM completion in the middle of a tool call.
  const b = await connect('b', { sampling: {} });
  b.client.setRequestHandler(CreateMessageRequestSchema, async () => ({
    model: 'stand-in', role: 'assistant', content: { type: 'text', text: 'sampled by client b' } }));
  const sampling = text(await b.client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'hi' } }));
  // The server tracks its logging toggle per process; a shared process would answer B "Stopped".
  const toggleA = text(await a.client.callTool({ name: 'toggle-simulated-logging', arguments: {} }));
  const toggleB = text(await b.client.callTool({ name: 'toggle-simulated-logging', arguments: {} }));
  await new Promise((r) => setTimeout(r, 500));
  print({ tools, echo, progress, long, resources: resources.length, readContents: read.contents.length, prompts,
    promptMessages: prompt.messages.length, sessionA: a.transport.sessionId, sessionB: b.transport.sessionId,
    toggleA, toggleB, logsA: logs.length, sampling });
  await a.transport.terminateSession();
  await b.transport.terminateSession();
  await a.client.close();
  await b.client.close();
} else if (scenario === 'crash') {
  const a = await connect('a');
  let announced = false;
  const call = a.client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 60, steps: 60 } },
    undefined, {
      timeout: 60_000,
      onprogress: () => {
        if (!announced) {
          announced = true;
          print({ running: true });
        }
      },
    });
  let crashError = null;
  try {
    await call;
  } catch (e) {
    crashError = String(e.message);
  }
  print({ crashError });
  await a.client.close();
  const c = await connect('c');
  print({ afterCrash: text(await c.client.callTool({ name: 'echo', arguments: { message: 'again' } })) });
  await c.client.close();
} else if (scenario === 'resume-after-sleep') {
  // A client that comes back with the session id it had (the SDK's reconnect, no new initialize) after
  // the app slept: the woken instance answers the spec's 404 for an unknown session, and the client
  // does what the spec says, a new initialize without the old id.
  const a = await connect('sleeper');
  const before = text(await a.client.callTool({ name: 'greet', arguments: { name: 'Ada' } }));
  const old = a.transport.sessionId;
  print({ session: old, greet: before });
  await a.client.close(); // ends its streams, so the app can go idle; the session is not deleted
  await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once('line', resolve));
  const back = new Client({ name: 'sleeper', version: '1.0.0' }, { capabilities: {} });
  await back.connect(new StreamableHTTPClientTransport(new URL(url), { sessionId: old }));
  let status = null;
  let error = null;
  try {
    await back.callTool({ name: 'greet', arguments: { name: 'again' } });
  } catch (e) {
    status = e.code ?? null;
    error = String(e.message);
  }
  await back.close();
  const b = await connect('sleeper');
  const after = text(await b.client.callTool({ name: 'greet', arguments: { name: 'Ada' } }));
  print({ status, error, session: b.transport.sessionId, greet: after });
  await b.transport.terminateSession();
  await b.client.close();
  process.exit(0);
} else {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}
