// Calls the Bedrock stub with the AWS SDK for JavaScript v3 and prints one JSON line per call.
// Usage: node live.mjs ENDPOINT ACCESS_KEY_ID SECRET (only ever a loopback endpoint).
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const [endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(endpoint)) throw new Error(`not a loopback endpoint: ${endpoint}`);
const MODEL = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0";
const messages = [{ role: "user", content: [{ text: "Hello from JavaScript" }] }];
const toolConfig = { tools: [{ toolSpec: { name: "get_weather", description: "Weather of a city",
  inputSchema: { json: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } } }] };

function client(http1) {
  return new BedrockRuntimeClient({ region: "us-east-1", endpoint, maxAttempts: 1,
    credentials: { accessKeyId, secretAccessKey }, ...(http1 ? { requestHandler: new NodeHttpHandler() } : {}) });
}

async function run(name, call) {
  try {
    console.log(JSON.stringify({ name, ok: true, ...(await call()) }));
  } catch (e) {
    console.log(JSON.stringify({ name, ok: false, error: e.name, status: e.$metadata?.httpStatusCode, message: e.message }));
  }
}

for (const [protocol, http1] of [["h2", false], ["h1", true]]) {
  const c = client(http1);
  await run(`${protocol}-converse`, async () => {
    const r = await c.send(new ConverseCommand({ modelId: MODEL, messages }));
    return { status: r.$metadata.httpStatusCode, text: r.output.message.content[0].text, stopReason: r.stopReason };
  });
  await run(`${protocol}-converse-stream`, async () => {
    const r = await c.send(new ConverseStreamCommand({ modelId: MODEL, messages }));
    let text = "";
    let stopReason;
    for await (const event of r.stream) {
      if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
      if (event.messageStop) stopReason = event.messageStop.stopReason;
    }
    return { status: r.$metadata.httpStatusCode, text, stopReason };
  });
  await run(`${protocol}-tool-call`, async () => {
    const r = await c.send(new ConverseCommand({ modelId: MODEL, messages, toolConfig }));
    const toolUse = r.output.message.content.find((b) => b.toolUse).toolUse;
    const followUp = await c.send(new ConverseCommand({ modelId: MODEL, toolConfig, messages: [...messages, r.output.message,
      { role: "user", content: [{ toolResult: { toolUseId: toolUse.toolUseId, content: [{ text: "sunny" }] } }] }] }));
    return { status: r.$metadata.httpStatusCode, tool: toolUse.name, input: toolUse.input, stopReason: r.stopReason,
      text: followUp.output.message.content[0].text };
  });
  c.destroy();
}
