package dev.bedrockconverse.stub;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One message of a {@code ConverseStream} event stream, as scripted by a test.
 *
 * <p>
 * On the wire each event becomes one {@code application/vnd.amazon.eventstream} message
 * whose {@code :event-type} header is the {@code ConverseStreamOutput} member name (for
 * example {@code contentBlockDelta}) and whose JSON payload is that member's own object,
 * not wrapped in the member name, as Bedrock sends it. Exception events carry
 * {@code :message-type = exception} and {@code :exception-type} instead.
 */
public final class StubEvent {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final boolean exception;

	private final String type;

	private final JsonNode payload;

	private final Duration delay;

	private final Fault fault;

	private final String rawPayload;

	private StubEvent(boolean exception, String type, JsonNode payload) {
		this(exception, type, payload, Duration.ZERO, Fault.NONE, null);
	}

	private StubEvent(boolean exception, String type, JsonNode payload, Duration delay, Fault fault,
			String rawPayload) {
		this.exception = exception;
		this.type = Objects.requireNonNull(type, "type");
		this.payload = Objects.requireNonNull(payload, "payload");
		this.delay = Objects.requireNonNull(delay, "delay");
		this.fault = Objects.requireNonNull(fault, "fault");
		this.rawPayload = rawPayload;
	}

	/**
	 * A wire fault the stub injects at this event instead of (or into) a well-formed
	 * message.
	 */
	public enum Fault {

		/** None: the event is sent as a well-formed message. */
		NONE,
		/**
		 * Only the first half of the message's bytes is sent, then the response ends
		 * normally.
		 */
		TRUNCATED_FRAME,
		/** The message is sent with a wrong message CRC (its last byte flipped). */
		BAD_CRC,
		/**
		 * The message is well framed but its payload is the given text, which need not be
		 * JSON.
		 */
		RAW_PAYLOAD,
		/**
		 * Nothing more is sent: the stub closes the TCP connection (resetting every
		 * stream on it).
		 */
		CONNECTION_RESET

	}

	/**
	 * The {@code messageStart} event that opens every assistant turn.
	 * @return {@code messageStart {"role":"assistant"}}
	 */
	public static StubEvent messageStart() {
		return event("messageStart", NODES.objectNode().put("role", "assistant"));
	}

	/**
	 * A text delta of a content block.
	 * @param contentBlockIndex the block index, 0 for the first block
	 * @param text the text fragment, with its leading space if any
	 * @return {@code contentBlockDelta {"contentBlockIndex":i,"delta":{"text":...}}}
	 */
	public static StubEvent contentBlockDelta(int contentBlockIndex, String text) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("delta").put("text", text);
		return event("contentBlockDelta", payload);
	}

	/**
	 * The start of a {@code toolUse} content block: the model calls a tool.
	 * @param contentBlockIndex the block index
	 * @param toolUseId the id the tool result must refer to
	 * @param name the tool's name
	 * @return {@code contentBlockStart
	 * {"contentBlockIndex":i,"start":{"toolUse":{"toolUseId":...,"name":...}}}}
	 */
	public static StubEvent toolUseStart(int contentBlockIndex, String toolUseId, String name) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("start").putObject("toolUse").put("toolUseId", toolUseId).put("name", name);
		return event("contentBlockStart", payload);
	}

	/**
	 * The start of a server-side tool use: a system tool (for example
	 * {@code nova_code_interpreter}) the model runs itself.
	 * @param contentBlockIndex the block index
	 * @param toolUseId the tool use id
	 * @param name the system tool's name
	 * @return {@code contentBlockStart {"contentBlockIndex":i,"start":{"toolUse":
	 * {"toolUseId":...,"name":...,"type":"server_tool_use"}}}}
	 */
	public static StubEvent serverToolUseStart(int contentBlockIndex, String toolUseId, String name) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("start")
			.putObject("toolUse")
			.put("toolUseId", toolUseId)
			.put("name", name)
			.put("type", "server_tool_use");
		return event("contentBlockStart", payload);
	}

	/**
	 * The start of a tool result the model returns (the result of a server-side tool).
	 * @param contentBlockIndex the block index
	 * @param toolUseId the id of the tool use it answers
	 * @param type the result's type (e.g. {@code nova_code_interpreter_result}), or
	 * {@code null}
	 * @param status {@code success} or {@code error}, or {@code null}
	 * @return {@code contentBlockStart {"contentBlockIndex":i,"start":{"toolResult":
	 * {"toolUseId":...,"type":...,"status":...}}}}
	 */
	public static StubEvent toolResultStart(int contentBlockIndex, String toolUseId, String type, String status) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		ObjectNode start = payload.putObject("start").putObject("toolResult").put("toolUseId", toolUseId);
		if (type != null) {
			start.put("type", type);
		}
		if (status != null) {
			start.put("status", status);
		}
		return event("contentBlockStart", payload);
	}

	/**
	 * A piece of a tool result's content.
	 * @param contentBlockIndex the block index
	 * @param content the {@code ToolResultBlockDelta}s, each {@code {"text":...}} or
	 * {@code {"json":...}}
	 * @return {@code contentBlockDelta
	 * {"contentBlockIndex":i,"delta":{"toolResult":[...]}}}
	 */
	public static StubEvent toolResultDelta(int contentBlockIndex, JsonNode... content) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		var results = payload.putObject("delta").putArray("toolResult");
		for (JsonNode part : content) {
			results.add(part);
		}
		return event("contentBlockDelta", payload);
	}

	/**
	 * The start of an image the model generates.
	 * @param contentBlockIndex the block index
	 * @param format {@code png}, {@code jpeg}, {@code gif} or {@code webp}
	 * @return {@code contentBlockStart
	 * {"contentBlockIndex":i,"start":{"image":{"format":...}}}}
	 */
	public static StubEvent imageStart(int contentBlockIndex, String format) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("start").putObject("image").put("format", format);
		return event("contentBlockStart", payload);
	}

	/**
	 * The bytes of a generated image (several deltas join as bytes).
	 * @param contentBlockIndex the block index
	 * @param bytes the image bytes
	 * @return {@code contentBlockDelta {"contentBlockIndex":i,"delta":{"image":{"source":{"bytes":
	 * base64}}}}}
	 */
	public static StubEvent imageDelta(int contentBlockIndex, byte[] bytes) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("delta").putObject("image").putObject("source").put("bytes", bytes);
		return event("contentBlockDelta", payload);
	}

	/**
	 * A citation of the text of a content block.
	 * @param contentBlockIndex the block index
	 * @param citation the {@code CitationsDelta} object ({@code title}, {@code source},
	 * {@code sourceContent}, {@code location})
	 * @return {@code contentBlockDelta {"contentBlockIndex":i,"delta":{"citation":...}}}
	 */
	public static StubEvent citation(int contentBlockIndex, JsonNode citation) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("delta").set("citation", citation);
		return event("contentBlockDelta", payload);
	}

	/**
	 * A fragment of a tool's JSON input; the fragments of one block join to the whole
	 * input.
	 * @param contentBlockIndex the block index
	 * @param inputFragment the fragment of JSON text
	 * @return {@code contentBlockDelta
	 * {"contentBlockIndex":i,"delta":{"toolUse":{"input":...}}}}
	 */
	public static StubEvent toolUseDelta(int contentBlockIndex, String inputFragment) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("delta").putObject("toolUse").put("input", inputFragment);
		return event("contentBlockDelta", payload);
	}

	/**
	 * A piece of reasoning text.
	 * @param contentBlockIndex the block index
	 * @param text the piece
	 * @return {@code contentBlockDelta
	 * {"contentBlockIndex":i,"delta":{"reasoningContent":{"text":...}}}}
	 */
	public static StubEvent reasoningDelta(int contentBlockIndex, String text) {
		return reasoning(contentBlockIndex, NODES.objectNode().put("text", text));
	}

	/**
	 * The signature of a reasoning block's text.
	 * @param contentBlockIndex the block index
	 * @param signature the signature
	 * @return {@code contentBlockDelta
	 * {"contentBlockIndex":i,"delta":{"reasoningContent":{"signature":...}}}}
	 */
	public static StubEvent reasoningSignature(int contentBlockIndex, String signature) {
		return reasoning(contentBlockIndex, NODES.objectNode().put("signature", signature));
	}

	/**
	 * Redacted (encrypted) reasoning.
	 * @param contentBlockIndex the block index
	 * @param redactedContent the opaque bytes
	 * @return {@code contentBlockDelta {"contentBlockIndex":i,"delta":{"reasoningContent":{"redactedContent":
	 * base64}}}}
	 */
	public static StubEvent redactedReasoning(int contentBlockIndex, byte[] redactedContent) {
		return reasoning(contentBlockIndex, NODES.objectNode().put("redactedContent", redactedContent));
	}

	private static StubEvent reasoning(int contentBlockIndex, ObjectNode reasoningContent) {
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", contentBlockIndex);
		payload.putObject("delta").set("reasoningContent", reasoningContent);
		return event("contentBlockDelta", payload);
	}

	/**
	 * The end of a content block.
	 * @param contentBlockIndex the block index
	 * @return {@code contentBlockStop {"contentBlockIndex":i}}
	 */
	public static StubEvent contentBlockStop(int contentBlockIndex) {
		return event("contentBlockStop", NODES.objectNode().put("contentBlockIndex", contentBlockIndex));
	}

	/**
	 * The end of the assistant message.
	 * @param stopReason a Bedrock stop reason such as {@code end_turn},
	 * {@code max_tokens}, {@code stop_sequence}
	 * @return {@code messageStop {"stopReason":...}}
	 */
	public static StubEvent messageStop(String stopReason) {
		return event("messageStop", NODES.objectNode().put("stopReason", stopReason));
	}

	/**
	 * The closing metadata event with token usage and latency.
	 * @param inputTokens input token count
	 * @param outputTokens output token count
	 * @param latencyMs reported latency in milliseconds
	 * @return {@code metadata {"usage":{...},"metrics":{"latencyMs":n}}}
	 */
	public static StubEvent metadata(int inputTokens, int outputTokens, long latencyMs) {
		ObjectNode payload = NODES.objectNode();
		payload.putObject("usage")
			.put("inputTokens", inputTokens)
			.put("outputTokens", outputTokens)
			.put("totalTokens", inputTokens + outputTokens);
		payload.putObject("metrics").put("latencyMs", latencyMs);
		return event("metadata", payload);
	}

	/**
	 * The closing metadata event with token usage and latency and how Bedrock served the
	 * request, in the shape of {@code ConverseStreamMetadataEvent}: {@code serviceTier}
	 * {@code {"type":...}}, {@code performanceConfig} {@code {"latency":...}} and
	 * {@code trace.promptRouter} {@code {"invokedModelId":...}}; a {@code null} argument
	 * leaves its member out. A {@code Converse} request answered with it gets the same
	 * members in its response.
	 * @param inputTokens input token count
	 * @param outputTokens output token count
	 * @param latencyMs reported latency in milliseconds
	 * @param serviceTier the service tier type, e.g. {@code priority}, {@code default},
	 * {@code flex}
	 * @param performanceLatency the latency configuration, {@code standard} or
	 * {@code optimized}
	 * @param invokedModelId the model a prompt router chose
	 * @return the metadata event
	 */
	public static StubEvent metadata(int inputTokens, int outputTokens, long latencyMs, String serviceTier,
			String performanceLatency, String invokedModelId) {
		ObjectNode payload = (ObjectNode) metadata(inputTokens, outputTokens, latencyMs).payload().deepCopy();
		if (serviceTier != null) {
			payload.putObject("serviceTier").put("type", serviceTier);
		}
		if (performanceLatency != null) {
			payload.putObject("performanceConfig").put("latency", performanceLatency);
		}
		if (invokedModelId != null) {
			payload.putObject("trace").putObject("promptRouter").put("invokedModelId", invokedModelId);
		}
		return event("metadata", payload);
	}

	/**
	 * A modelled exception sent mid-stream, after the HTTP 200 has gone out.
	 * @param exceptionType the {@code ConverseStreamOutput} exception member, e.g.
	 * {@code throttlingException}, {@code modelStreamErrorException},
	 * {@code internalServerException}, {@code validationException},
	 * {@code serviceUnavailableException}; a capitalised shape name such as
	 * {@code ThrottlingException} is accepted and lower-cased at the first letter,
	 * because the wire carries member names
	 * @param message the exception message
	 * @return an exception event with payload {@code {"message":...}}
	 */
	public static StubEvent exception(String exceptionType, String message) {
		String member = exceptionType.substring(0, 1).toLowerCase(Locale.ROOT) + exceptionType.substring(1);
		return new StubEvent(true, member, NODES.objectNode().put("message", message));
	}

	/**
	 * Any event, for stream members this class has no factory for yet (tool use,
	 * reasoning, ...).
	 * @param eventType the {@code :event-type} header value
	 * @param payload the JSON payload object
	 * @return the event
	 */
	public static StubEvent event(String eventType, JsonNode payload) {
		return new StubEvent(false, eventType, payload);
	}

	/**
	 * Any event with a payload given as JSON text.
	 * @param eventType the {@code :event-type} header value
	 * @param jsonPayload the JSON payload object as text
	 * @return the event
	 */
	public static StubEvent event(String eventType, String jsonPayload) {
		return event(eventType, JSON.readTree(jsonPayload));
	}

	/**
	 * A message whose payload is exactly this text, framed correctly, e.g. malformed
	 * JSON.
	 * @param eventType the {@code :event-type} header value
	 * @param rawPayload the payload bytes as UTF-8 text
	 * @return the event
	 */
	public static StubEvent rawPayload(String eventType, String rawPayload) {
		return new StubEvent(false, eventType, NODES.objectNode(), Duration.ZERO, Fault.RAW_PAYLOAD,
				Objects.requireNonNull(rawPayload, "rawPayload"));
	}

	/**
	 * The stub closes the connection at this point of the stream, as a network failure or
	 * a crashed front end would.
	 * @return the event
	 */
	public static StubEvent connectionReset() {
		return new StubEvent(false, "connectionReset", NODES.objectNode(), Duration.ZERO, Fault.CONNECTION_RESET, null);
	}

	/**
	 * This event sent only half-way: the first half of its bytes, then the response ends.
	 * @return a copy with that fault
	 */
	public StubEvent truncated() {
		return new StubEvent(this.exception, this.type, this.payload, this.delay, Fault.TRUNCATED_FRAME,
				this.rawPayload);
	}

	/**
	 * This event with a corrupted message CRC.
	 * @return a copy with that fault
	 */
	public StubEvent withBadCrc() {
		return new StubEvent(this.exception, this.type, this.payload, this.delay, Fault.BAD_CRC, this.rawPayload);
	}

	/**
	 * This event sent only after a pause, as a model that is slow to produce it. A pause
	 * before the first event of a stream also holds back the HTTP status and headers
	 * (slow headers); for {@code Converse} the pauses of all events add up before the
	 * response is written.
	 * @param delay the pause before this event
	 * @return a copy with that pause
	 */
	public StubEvent delayedBy(Duration delay) {
		return new StubEvent(this.exception, this.type, this.payload, delay, this.fault, this.rawPayload);
	}

	/**
	 * This event with a padding member {@code "p"} added to its payload, as Bedrock adds
	 * to obscure the length of streamed content; clients must ignore it.
	 * @param padding the padding text
	 * @return a copy with the padding
	 */
	public StubEvent withPadding(String padding) {
		ObjectNode padded = ((ObjectNode) this.payload.deepCopy()).put("p", padding);
		return new StubEvent(this.exception, this.type, padded, this.delay, this.fault, this.rawPayload);
	}

	/**
	 * The pause before this event.
	 * @return the pause, {@link Duration#ZERO} by default
	 */
	public Duration delay() {
		return this.delay;
	}

	/**
	 * The fault injected at this event.
	 * @return the fault, {@link Fault#NONE} by default
	 */
	public Fault fault() {
		return this.fault;
	}

	/**
	 * The literal payload of a {@link Fault#RAW_PAYLOAD} event.
	 * @return the payload text, or {@code null}
	 */
	public String rawPayload() {
		return this.rawPayload;
	}

	/**
	 * Whether this is an exception event ({@code :message-type = exception}).
	 * @return true for exception events
	 */
	public boolean isException() {
		return this.exception;
	}

	/**
	 * The {@code :event-type}, or for exceptions the {@code :exception-type} header
	 * value.
	 * @return the member name
	 */
	public String type() {
		return this.type;
	}

	/**
	 * The JSON payload.
	 * @return the payload object
	 */
	public JsonNode payload() {
		return this.payload;
	}

	@Override
	public String toString() {
		return (this.exception ? "exception " : "event ") + this.type + " " + this.payload
				+ ((this.fault != Fault.NONE) ? " fault " + this.fault : "")
				+ (this.delay.isZero() ? "" : " after " + this.delay);
	}

}
