// The MCP TypeScript SDK's own OAuth client (OAuthClientProvider: discovery, registration, PKCE,
// token exchange) against a private app, with the consent page answered by this script.
// Usage: node oauth-client.mjs <server url> <email> <password>; prints one JSON line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const [serverUrl, email, password] = process.argv.slice(2);
const redirectUrl = "http://127.0.0.1:53682/callback";

class ScriptedProvider {
  constructor() { this.authorizationUrl = null; }
  get redirectUrl() { return redirectUrl; }
  get clientMetadata() {
    return { client_name: "ts-sdk-test", redirect_uris: [redirectUrl], grant_types: ["authorization_code", "refresh_token"],
             response_types: ["code"], token_endpoint_auth_method: "none" };
  }
  clientInformation() { return this.client; }
  saveClientInformation(info) { this.client = info; }
  tokens() { return this.savedTokens; }
  saveTokens(tokens) { this.savedTokens = tokens; }
  redirectToAuthorization(url) { this.authorizationUrl = url; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
}

/** What a user does in the browser: open the page, sign in, allow; returns the code from the redirect. */
async function consent(url) {
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  const form = new URLSearchParams(url.searchParams);
  form.set("email", email);
  form.set("password", password);
  form.set("decision", "allow");
  const answer = await fetch(new URL("/oauth/authorize", url), { method: "POST", body: form, redirect: "manual" });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  const back = new URL(location);
  if (!back.searchParams.get("code")) throw new Error(`no code in ${location}`);
  return back.searchParams.get("code");
}

const provider = new ScriptedProvider();
const first = new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider });
let unauthorized = false;
try {
  await new Client({ name: "ts-sdk-test", version: "1.0.0" }).connect(first);
} catch (e) {
  if (!(e instanceof UnauthorizedError)) throw e;
  unauthorized = true;
}
if (!unauthorized || !provider.authorizationUrl) throw new Error("the first connection was not sent to authorization");
const authorizationUrl = provider.authorizationUrl;
await first.finishAuth(await consent(authorizationUrl));

const client = new Client({ name: "ts-sdk-test", version: "1.0.0" });
await client.connect(new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider }));
const tools = await client.listTools();
const result = await client.callTool({ name: "greet", arguments: { name: "Ada" } });
await client.close();
console.log(JSON.stringify({
  resource: authorizationUrl.searchParams.get("resource"),
  codeChallengeMethod: authorizationUrl.searchParams.get("code_challenge_method"),
  clientId: provider.client.client_id,
  tools: tools.tools.map((t) => t.name),
  greeting: result.content[0].text,
}));
