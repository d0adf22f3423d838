// Records the raw requests of the AWS SDK for JavaScript v3 (@aws-sdk/client-bedrock-runtime) as signed
// test fixtures: a loopback HTTP/1.1 server and a cleartext HTTP/2 server capture method, path as sent,
// headers as received (pseudo-headers included) and body, and answer just enough for the SDK to finish.
// Usage (from a directory where the SDK is installed): node record-js.mjs OUTPUT_DIR
// Never points at AWS: the endpoint is always 127.0.0.1.
import http from "node:http";
import http2 from "node:http2";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const out = process.argv[2];
const require = createRequire(import.meta.url);
const sdkVersion = require("@aws-sdk/client-bedrock-runtime/package.json").version;
const ACCESS_KEY_ID = "AKIDEXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const SESSION_TOKEN = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN/+=";
const ARN = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0";
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

let captured = [];
const CONVERSE_REPLY = JSON.stringify({ output: { message: { role: "assistant", content: [{ text: "ok" }] } },
  stopReason: "end_turn", usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } });

function reply(p, send) {
  if (p.endsWith("/converse-stream")) send(200, "application/vnd.amazon.eventstream", "");
  else send(200, "application/json", CONVERSE_REPLY);
}

const h1 = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    captured.push({ protocol: "HTTP/1.1", method: req.method, path: req.url, headers, body: Buffer.concat(chunks).toString("utf8") });
    reply(req.url, (status, type, body) => { res.writeHead(status, { "content-type": type }); res.end(body); });
  });
});
const h2 = http2.createServer();
h2.on("stream", (stream, hdrs, flags, rawHeaders) => {
  const chunks = [];
  stream.on("data", (c) => chunks.push(c));
  stream.on("end", () => {
    const headers = [];
    for (let i = 0; i < rawHeaders.length; i += 2) headers.push([rawHeaders[i], rawHeaders[i + 1]]);
    captured.push({ protocol: "HTTP/2.0", method: hdrs[":method"], path: hdrs[":path"], headers, body: Buffer.concat(chunks).toString("utf8") });
    reply(hdrs[":path"], (status, type, body) => { stream.respond({ ":status": status, "content-type": type }); stream.end(body); });
  });
});
await new Promise((r) => h1.listen(0, "127.0.0.1", r));
await new Promise((r) => h2.listen(0, "127.0.0.1", r));

function client(port, useHttp1, sessionToken) {
  return new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, ...(sessionToken ? { sessionToken } : {}) },
    maxAttempts: 1,
    ...(useHttp1 ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}
const messages = [{ role: "user", content: [{ text: "Hello from the JavaScript SDK: é ünïcode ✓" }] }];
const tools = { tools: [{ toolSpec: { name: "get_weather", description: "Weather of a city",
  inputSchema: { json: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } } }] };

async function record(name, protocolName, port, useHttp1, sessionToken, command) {
  captured = [];
  const c = client(port, useHttp1, sessionToken);
  const result = await c.send(command);
  if (result.stream) { for await (const _ of result.stream) { /* drain */ } }
  c.destroy();
  if (captured.length !== 1) throw new Error(`${name}: expected one request, got ${captured.length}`);
  const fixture = { name, client: `@aws-sdk/client-bedrock-runtime ${sdkVersion} (${useHttp1 ? "NodeHttpHandler" : "NodeHttp2Handler"}) on node ${process.version}`,
    sessionToken: sessionToken ?? null, ...captured[0] };
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(fixture, null, 2) + "\n");
  console.log(`recorded ${name}: ${fixture.protocol} ${fixture.method} ${fixture.path}`);
}

await record("js-h1-converse-model-id", "h1", h1.address().port, true, null, new ConverseCommand({ modelId: MODEL, messages }));
await record("js-h1-converse-arn-session-token", "h1", h1.address().port, true, SESSION_TOKEN, new ConverseCommand({ modelId: ARN, messages, toolConfig: tools, inferenceConfig: { maxTokens: 100, temperature: 0.5 } }));
await record("js-h1-converse-stream-arn", "h1", h1.address().port, true, null, new ConverseStreamCommand({ modelId: ARN, messages }));
await record("js-h2-converse-model-id", "h2", h2.address().port, false, null, new ConverseCommand({ modelId: MODEL, messages }));
await record("js-h2-converse-arn-session-token", "h2", h2.address().port, false, SESSION_TOKEN, new ConverseCommand({ modelId: ARN, messages, toolConfig: tools }));
await record("js-h2-converse-stream-arn", "h2", h2.address().port, false, null, new ConverseStreamCommand({ modelId: ARN, messages }));
h1.close();
h2.close();
