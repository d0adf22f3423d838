package dev.bedrockconverse.stub.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

/**
 * Decides what the model "says" to a valid request and expresses every answer as the list
 * of stream events Bedrock would send; {@code Converse} responses are folded from the
 * same events, so both operations always agree.
 *
 * <p>
 * Rules (documented for users on {@link dev.bedrockconverse.stub.BedrockStub}):
 * <ul>
 * <li>A {@code [scenario:NAME ...]} directive in the newest user message picks a canned
 * answer ({@link Scenarios}).</li>
 * <li>A pending tool result, tools, or an output JSON schema pick the answer as
 * documented on {@link dev.bedrockconverse.stub.BedrockStub} (see {@link SchemaInstance}
 * for generated JSON).</li>
 * <li>Default text: {@code "Echo: "} + the concatenated text blocks of the newest
 * {@code user} message.</li>
 * <li>Deltas: one per word, each with its leading whitespace
 * ({@code "Echo:", " I", " love"}); trailing whitespace stays on the last delta, so the
 * deltas always join to the answer text.</li>
 * <li>{@code inferenceConfig.stopSequences}: the text is cut just before the earliest
 * occurrence of any of them and the stop reason is {@code stop_sequence}.</li>
 * <li>{@code inferenceConfig.maxTokens}: if (after that) there are more deltas than
 * {@code maxTokens}, only the first {@code maxTokens} are kept and the stop reason is
 * {@code max_tokens}.</li>
 * <li>Otherwise the stop reason is {@code end_turn}.</li>
 * <li>Usage: input tokens are the whitespace-separated words of all {@code system} text
 * blocks and all message text blocks; output tokens are the number of deltas; total is
 * their sum.</li>
 * <li>{@code metrics.latencyMs} is the constant {@link #DEFAULT_LATENCY_MS}.</li>
 * </ul>
 */
public final class AnswerPlanner {

	/**
	 * The latency every answer reports unless scripted otherwise: constant so tests can
	 * assert it.
	 */
	public static final long DEFAULT_LATENCY_MS = 1;

	private static final Pattern WORD_WITH_LEADING_SPACE = Pattern.compile("\\s*\\S+");

	private static final Pattern WORD = Pattern.compile("\\S+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Into how many fragments a generated tool input is streamed. */
	private static final int TOOL_INPUT_FRAGMENTS = 3;

	/**
	 * HTTP statuses of the modelled exceptions a stream can carry, for folding them into
	 * a Converse error.
	 */
	private static final Map<String, Integer> EXCEPTION_STATUS = Map.of("internalServerException", 500,
			"modelStreamErrorException", 424, "validationException", 400, "throttlingException", 429,
			"serviceUnavailableException", 503, "modelTimeoutException", 408, "accessDeniedException", 403,
			"resourceNotFoundException", 404, "modelNotReadyException", 429, "modelErrorException", 424);

	private AnswerPlanner() {
	}

	/**
	 * Plans the answer to a validated request.
	 * @param request the parsed request body
	 * @param scripted the next queued answer, or {@code null} for the default echo
	 * @return the plan
	 */
	public static Plan plan(JsonNode request, StubAnswer scripted) {
		if (scripted == null) {
			return defaultPlan(request);
		}
		return switch (scripted.kind()) {
			case ERROR -> new Plan(ErrorReply.bedrock(scripted.status(), scripted.errorType(), scripted.errorMessage()),
					List.of());
			case EVENTS -> new Plan(null, scripted.events());
			case TEXT -> new Plan(null, textEvents(request, scripted.text(), scripted.stopReason(),
					scripted.inputTokens(), scripted.outputTokens(), scripted.latencyMs()));
			case CONTENT ->
				new Plan(null, contentEvents(request, scripted.content(), scripted.stopReason()), scripted.content());
		};
	}

	/**
	 * The stream form of literal content blocks: each block with a documented stream form
	 * gets its own content block index; the others are not streamed.
	 * @param request the request
	 * @param content the blocks
	 * @param stopReason the stop reason, or {@code null} for {@code end_turn}
	 * @return the events
	 */
	private static List<StubEvent> contentEvents(JsonNode request, List<JsonNode> content, String stopReason) {
		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		int index = 0;
		int deltas = 0;
		for (JsonNode block : content) {
			List<StubEvent> blockEvents = blockEvents(index, block);
			if (blockEvents.isEmpty()) {
				continue;
			}
			events.addAll(blockEvents);
			deltas += blockEvents.size();
			events.add(StubEvent.contentBlockStop(index));
			index++;
		}
		events.add(StubEvent.messageStop((stopReason != null) ? stopReason : "end_turn"));
		events.add(StubEvent.metadata(countInputTokens(request), deltas, DEFAULT_LATENCY_MS));
		return events;
	}

	private static List<StubEvent> blockEvents(int index, JsonNode block) {
		List<StubEvent> events = new ArrayList<>();
		if (block.path("text").isString()) {
			splitIntoDeltas(block.path("text").asString())
				.forEach((d) -> events.add(StubEvent.contentBlockDelta(index, d)));
		}
		else if (block.has("image")) {
			JsonNode image = block.get("image");
			events.add(StubEvent.imageStart(index, image.path("format").asString("png")));
			ObjectNode payload = JsonNodeFactory.instance.objectNode().put("contentBlockIndex", index);
			payload.putObject("delta").putObject("image").set("source", image.path("source").deepCopy());
			events.add(StubEvent.event("contentBlockDelta", payload));
		}
		else if (block.has("toolUse")) {
			JsonNode toolUse = block.get("toolUse");
			ObjectNode payload = JsonNodeFactory.instance.objectNode().put("contentBlockIndex", index);
			ObjectNode start = payload.putObject("start").putObject("toolUse");
			start.put("toolUseId", toolUse.path("toolUseId").asString(""))
				.put("name", toolUse.path("name").asString(""));
			if (toolUse.has("type")) {
				start.put("type", toolUse.get("type").asString());
			}
			events.add(StubEvent.event("contentBlockStart", payload));
			events.add(StubEvent.toolUseDelta(index, JSON.writeValueAsString(toolUse.path("input"))));
		}
		else if (block.has("toolResult")) {
			JsonNode toolResult = block.get("toolResult");
			events.add(StubEvent.toolResultStart(index, toolResult.path("toolUseId").asString(""),
					toolResult.path("type").asString(null), toolResult.path("status").asString(null)));
			List<JsonNode> parts = new ArrayList<>();
			toolResult.path("content").forEach(parts::add);
			events.add(StubEvent.toolResultDelta(index, parts.toArray(JsonNode[]::new)));
		}
		else if (block.has("citationsContent")) {
			JsonNode cited = block.get("citationsContent");
			for (JsonNode generated : cited.path("content")) {
				splitIntoDeltas(generated.path("text").asString(""))
					.forEach((d) -> events.add(StubEvent.contentBlockDelta(index, d)));
			}
			cited.path("citations").forEach((citation) -> events.add(StubEvent.citation(index, citation)));
		}
		return events;
	}

	/**
	 * Folds stream events into a {@code Converse} response body, or into the error a
	 * mid-stream exception stands for.
	 * @param request the parsed request, to count input tokens when no metadata event is
	 * scripted
	 * @param events the events
	 * @return the response body ({@link ObjectNode}) or an {@link ErrorReply}
	 */
	public static Object fold(JsonNode request, List<StubEvent> events) {
		Map<Integer, ObjectNode> blocks = new TreeMap<>();
		Map<Integer, StringBuilder> toolInputs = new TreeMap<>();
		Map<Integer, ArrayNode> citations = new TreeMap<>();
		JsonNode trace = null;
		JsonNode performanceConfig = null;
		JsonNode serviceTier = null;
		String stopReason = "end_turn";
		JsonNode usage = null;
		JsonNode metrics = null;
		JsonNode additionalFields = null;
		int deltas = 0;
		for (StubEvent event : events) {
			if (event.isException()) {
				int status = EXCEPTION_STATUS.getOrDefault(event.type(), 500);
				String type = Character.toUpperCase(event.type().charAt(0)) + event.type().substring(1);
				return ErrorReply.bedrock(status, type, event.payload().path("message").asString(""));
			}
			JsonNode payload = event.payload();
			int index = payload.path("contentBlockIndex").asInt(0);
			switch (event.type()) {
				case "contentBlockStart" -> {
					JsonNode start = payload.path("start");
					JsonNode toolUse = start.path("toolUse");
					if (toolUse.isObject()) {
						ObjectNode block = JsonNodeFactory.instance.objectNode();
						ObjectNode folded = block.putObject("toolUse")
							.put("toolUseId", toolUse.path("toolUseId").asString(""))
							.put("name", toolUse.path("name").asString(""));
						if (toolUse.has("type")) {
							folded.set("type", toolUse.get("type"));
						}
						blocks.put(index, block);
						toolInputs.put(index, new StringBuilder());
					}
					else if (start.path("toolResult").isObject()) {
						ObjectNode block = JsonNodeFactory.instance.objectNode();
						ObjectNode toolResult = block.putObject("toolResult");
						toolResult.setAll((ObjectNode) start.get("toolResult").deepCopy());
						toolResult.putArray("content");
						blocks.put(index, block);
					}
					else if (start.path("image").isObject()) {
						ObjectNode block = JsonNodeFactory.instance.objectNode();
						block.putObject("image").put("format", start.path("image").path("format").asString("png"));
						blocks.put(index, block);
					}
				}
				case "contentBlockDelta" -> {
					JsonNode delta = payload.path("delta");
					if (delta.has("text")) {
						ObjectNode block = blocks.computeIfAbsent(index,
								(i) -> JsonNodeFactory.instance.objectNode().put("text", ""));
						block.put("text", block.path("text").asString("") + delta.path("text").asString(""));
					}
					else if (delta.has("citation")) {
						citations.computeIfAbsent(index, (i) -> JsonNodeFactory.instance.arrayNode())
							.add(delta.get("citation").deepCopy());
					}
					else if (delta.has("reasoningContent")) {
						foldReasoning(blocks, index, delta.path("reasoningContent"));
					}
					else if (delta.has("toolUse")) {
						toolInputs.computeIfAbsent(index, (i) -> new StringBuilder())
							.append(delta.path("toolUse").path("input").asString(""));
					}
					else if (delta.has("toolResult") && blocks.get(index) != null
							&& blocks.get(index).path("toolResult").path("content") instanceof ArrayNode parts) {
						delta.get("toolResult").forEach((part) -> parts.add(part.deepCopy()));
					}
					else if (delta.has("image") && blocks.get(index) != null
							&& blocks.get(index).get("image") instanceof ObjectNode image) {
						foldImage(image, delta.get("image"));
					}
					deltas++;
				}
				case "messageStop" -> {
					stopReason = payload.path("stopReason").asString(stopReason);
					additionalFields = payload.get("additionalModelResponseFields");
				}
				case "metadata" -> {
					usage = payload.get("usage");
					metrics = payload.get("metrics");
					trace = payload.get("trace");
					performanceConfig = payload.get("performanceConfig");
					serviceTier = payload.get("serviceTier");
				}
				default -> {
					// Other events (messageStart, contentBlockStop, future block types)
					// carry nothing to fold.
				}
			}
		}
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		ObjectNode message = response.putObject("output").putObject("message");
		message.put("role", "assistant");
		ArrayNode content = message.putArray("content");
		for (Map.Entry<Integer, ObjectNode> block : blocks.entrySet()) {
			JsonNode toolUse = block.getValue().get("toolUse");
			if (toolUse instanceof ObjectNode toolUseObject) {
				String input = toolInputs.getOrDefault(block.getKey(), new StringBuilder()).toString();
				toolUseObject.set("input",
						input.isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(input));
			}
			ArrayNode blockCitations = citations.get(block.getKey());
			if (blockCitations != null && block.getValue().has("text")) {
				// Cited text comes back as citationsContent: the generated text plus its
				// citations.
				ObjectNode cited = JsonNodeFactory.instance.objectNode();
				ObjectNode citationsContent = cited.putObject("citationsContent");
				citationsContent.putArray("content").addObject().put("text", block.getValue().get("text").asString());
				citationsContent.set("citations", blockCitations);
				content.add(cited);
				continue;
			}
			content.add(block.getValue());
		}
		if (content.isEmpty()) {
			content.addObject().put("text", "");
		}
		response.put("stopReason", stopReason);
		if (usage == null) {
			int input = countInputTokens(request);
			usage = JsonNodeFactory.instance.objectNode()
				.put("inputTokens", input)
				.put("outputTokens", deltas)
				.put("totalTokens", input + deltas);
		}
		response.set("usage", usage);
		if (metrics == null) {
			metrics = JsonNodeFactory.instance.objectNode().put("latencyMs", DEFAULT_LATENCY_MS);
		}
		response.set("metrics", metrics);
		if (additionalFields != null) {
			response.set("additionalModelResponseFields", additionalFields);
		}
		if (trace != null) {
			response.set("trace", trace);
		}
		if (performanceConfig != null) {
			response.set("performanceConfig", performanceConfig);
		}
		if (serviceTier != null) {
			response.set("serviceTier", serviceTier);
		}
		return response;
	}

	/**
	 * Image deltas fold into the image's {@code source}: bytes pieces are joined, an S3
	 * location or an error is taken as is.
	 * @param image the image block
	 * @param delta the image delta
	 */
	private static void foldImage(ObjectNode image, JsonNode delta) {
		if (delta.has("error")) {
			image.set("error", delta.get("error").deepCopy());
		}
		JsonNode source = delta.path("source");
		if (source.path("bytes").isString() || source.path("bytes").isBinary()) {
			byte[] previous = image.path("source").path("bytes").isString()
					? java.util.Base64.getDecoder().decode(image.path("source").path("bytes").asString()) : new byte[0];
			byte[] piece = java.util.Base64.getDecoder().decode(source.get("bytes").asString());
			byte[] joined = java.util.Arrays.copyOf(previous, previous.length + piece.length);
			System.arraycopy(piece, 0, joined, previous.length, piece.length);
			image.putObject("source").put("bytes", java.util.Base64.getEncoder().encodeToString(joined));
		}
		else if (source.isObject()) {
			image.set("source", source.deepCopy());
		}
	}

	/**
	 * Reasoning deltas fold into {@code reasoningContent: {reasoningText: {text,
	 * signature}}} or {@code redactedContent}.
	 * @param blocks the blocks
	 * @param index the index
	 * @param delta the delta
	 */
	private static void foldReasoning(Map<Integer, ObjectNode> blocks, int index, JsonNode delta) {
		ObjectNode reasoning = (ObjectNode) blocks
			.computeIfAbsent(index,
					(i) -> JsonNodeFactory.instance.objectNode()
						.set("reasoningContent", JsonNodeFactory.instance.objectNode()))
			.get("reasoningContent");
		if (delta.has("redactedContent")) {
			// Base64 text on the wire; several pieces are joined as bytes.
			byte[] previous = reasoning.has("redactedContent")
					? java.util.Base64.getDecoder().decode(reasoning.get("redactedContent").asString()) : new byte[0];
			byte[] piece = java.util.Base64.getDecoder().decode(delta.get("redactedContent").asString());
			byte[] joined = java.util.Arrays.copyOf(previous, previous.length + piece.length);
			System.arraycopy(piece, 0, joined, previous.length, piece.length);
			reasoning.put("redactedContent", java.util.Base64.getEncoder().encodeToString(joined));
			return;
		}
		ObjectNode text = (reasoning.get("reasoningText") instanceof ObjectNode existing) ? existing
				: reasoning.putObject("reasoningText");
		if (delta.has("text")) {
			text.put("text", text.path("text").asString("") + delta.get("text").asString());
		}
		if (delta.has("signature")) {
			text.put("signature", delta.get("signature").asString());
		}
	}

	/**
	 * The unscripted answer: a tool result pending gets a text about it (or a JSON
	 * instance of the output schema), tools without a pending result get a
	 * {@code toolUse}, an output schema gets a JSON instance, anything else the echo.
	 * @param request the request
	 * @return the unscripted answer
	 */
	private static Plan defaultPlan(JsonNode request) {
		Scenarios.Directive directive = Scenarios.find(concatenatedText(newestUserMessage(request).path("content")));
		if (directive != null) {
			List<StubEvent> events = Scenarios.events(directive, request, echoText(request), countInputTokens(request));
			if (events == null) {
				return new Plan(ErrorReply.validation("Unknown stub scenario '" + directive.name()
						+ "': use reasoning, guardrail, citations, cache or stop"), List.of());
			}
			return new Plan(null, events);
		}
		return new Plan(null, defaultEvents(request));
	}

	private static List<StubEvent> defaultEvents(JsonNode request) {
		JsonNode newest = newestUserMessage(request);
		JsonNode outputSchema = outputSchema(request);
		List<String> toolResults = toolResultTexts(request, newest);
		if (!toolResults.isEmpty()) {
			String text = (outputSchema != null) ? JSON.writeValueAsString(SchemaInstance.of(outputSchema))
					: String.join(" ", toolResults);
			return textEvents(request, text, null, null, null, null);
		}
		JsonNode toolSpec = chosenToolSpec(request);
		if (toolSpec != null) {
			return toolUseEvents(request, toolSpec);
		}
		List<String> systemTools = systemToolNames(request);
		if (!systemTools.isEmpty()) {
			return systemToolEvents(request, systemTools);
		}
		if (outputSchema != null) {
			return textEvents(request, JSON.writeValueAsString(SchemaInstance.of(outputSchema)), null, null, null,
					null);
		}
		return textEvents(request, echoText(request), null, null, null, null);
	}

	private static JsonNode newestUserMessage(JsonNode request) {
		JsonNode messages = request.path("messages");
		for (int i = messages.size() - 1; i >= 0; i--) {
			if ("user".equals(messages.get(i).path("role").asString(""))) {
				return messages.get(i);
			}
		}
		return JsonNodeFactory.instance.objectNode();
	}

	/**
	 * The {@code outputConfig.textFormat} JSON schema, parsed, or {@code null}.
	 * @param request the request
	 * @return the {@code outputConfig.textFormat} JSON schema, parsed, or {@code null}
	 */
	private static JsonNode outputSchema(JsonNode request) {
		JsonNode textFormat = request.path("outputConfig").path("textFormat");
		if (!"json_schema".equals(textFormat.path("type").asString(""))) {
			return null;
		}
		JsonNode schema = textFormat.path("structure").path("jsonSchema").path("schema");
		if (!schema.isString()) {
			return null;
		}
		return JSON.readTree(schema.asString());
	}

	/**
	 * {@code Tool <name> returned: <result>} for each {@code toolResult} block of the
	 * newest user message.
	 * @param request the request
	 * @param newest the newest
	 * @return {@code Tool <name> returned: <result>} for each {@code toolResult} block of
	 * the newest user message
	 */
	private static List<String> toolResultTexts(JsonNode request, JsonNode newest) {
		List<String> texts = new ArrayList<>();
		for (JsonNode block : newest.path("content")) {
			JsonNode toolResult = block.get("toolResult");
			if (toolResult == null) {
				continue;
			}
			String id = toolResult.path("toolUseId").asString("");
			StringBuilder result = new StringBuilder();
			for (JsonNode part : toolResult.path("content")) {
				if (part.has("text")) {
					result.append(part.path("text").asString(""));
				}
				else if (part.has("json")) {
					result.append(JSON.writeValueAsString(part.get("json")));
				}
			}
			texts.add("Tool " + toolName(request, id) + " returned: " + result);
		}
		return texts;
	}

	private static String toolName(JsonNode request, String toolUseId) {
		for (JsonNode message : request.path("messages")) {
			for (JsonNode block : message.path("content")) {
				JsonNode toolUse = block.path("toolUse");
				if (toolUseId.equals(toolUse.path("toolUseId").asString(null))) {
					return toolUse.path("name").asString("");
				}
			}
		}
		return toolUseId;
	}

	/**
	 * The {@code toolSpec} of the forced tool ({@code toolChoice.tool}) or else of the
	 * first tool.
	 * @param request the request
	 * @return the {@code toolSpec} of the forced tool ({@code toolChoice.tool}) or else
	 * of the first tool
	 */
	private static JsonNode chosenToolSpec(JsonNode request) {
		JsonNode toolConfig = request.path("toolConfig");
		String forced = toolConfig.path("toolChoice").path("tool").path("name").asString(null);
		JsonNode first = null;
		for (JsonNode tool : toolConfig.path("tools")) {
			JsonNode spec = tool.get("toolSpec");
			if (spec == null) {
				continue;
			}
			if (first == null) {
				first = spec;
			}
			if (forced != null && forced.equals(spec.path("name").asString(""))) {
				return spec;
			}
		}
		return first;
	}

	private static List<String> systemToolNames(JsonNode request) {
		List<String> names = new ArrayList<>();
		for (JsonNode tool : request.path("toolConfig").path("tools")) {
			if (tool.path("systemTool").path("name").isString()) {
				names.add(tool.path("systemTool").path("name").asString());
			}
		}
		return names;
	}

	/**
	 * What Nova answers with its system tools: {@code nova_code_interpreter} runs as a
	 * server-side tool use ({@code "type":"server_tool_use"}, input {@code {"code":...}})
	 * followed by its {@code nova_code_interpreter_result} tool result (a text holding
	 * {@code stdOut}, {@code stdErr}, {@code exitCode}, {@code isError}); then the echo,
	 * which with {@code nova_grounding} carries one web citation
	 * ({@code https://example.com/stub}, domain {@code example.com}).
	 * @param request the request
	 * @param systemTools the system tool names
	 * @return the events
	 */
	private static List<StubEvent> systemToolEvents(JsonNode request, List<String> systemTools) {
		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		int index = 0;
		if (systemTools.contains("nova_code_interpreter")) {
			String toolUseId = "tooluse_stub_code_" + request.path("messages").size();
			events.add(StubEvent.serverToolUseStart(index, toolUseId, "nova_code_interpreter"));
			events.add(StubEvent.toolUseDelta(index, "{\"code\":\"print(1 + 1)\"}"));
			events.add(StubEvent.contentBlockStop(index));
			index++;
			events.add(StubEvent.toolResultStart(index, toolUseId, "nova_code_interpreter_result", "success"));
			events.add(StubEvent.toolResultDelta(index, JsonNodeFactory.instance.objectNode()
				.put("text", "{\"stdOut\":\"2\",\"stdErr\":\"\",\"exitCode\":0,\"isError\":false}")));
			events.add(StubEvent.contentBlockStop(index));
			index++;
		}
		String echo = echoText(request);
		List<String> deltas = splitIntoDeltas(echo);
		for (String delta : deltas) {
			events.add(StubEvent.contentBlockDelta(index, delta));
		}
		if (systemTools.contains("nova_grounding")) {
			ObjectNode citation = JsonNodeFactory.instance.objectNode().put("title", "Stub web page");
			citation.putArray("sourceContent").addObject().put("text", "stub web source");
			citation.putObject("location")
				.putObject("web")
				.put("url", "https://example.com/stub")
				.put("domain", "example.com");
			events.add(StubEvent.citation(index, citation));
		}
		events.add(StubEvent.contentBlockStop(index));
		events.add(messageStop(request, "end_turn"));
		events.add(StubEvent.metadata(countInputTokens(request), deltas.size(), DEFAULT_LATENCY_MS));
		return events;
	}

	private static List<StubEvent> toolUseEvents(JsonNode request, JsonNode toolSpec) {
		String name = toolSpec.path("name").asString("");
		String input = JSON.writeValueAsString(SchemaInstance.of(toolSpec.path("inputSchema").path("json")));
		String toolUseId = "tooluse_stub_" + request.path("messages").size();
		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		events.add(StubEvent.toolUseStart(0, toolUseId, name));
		List<String> fragments = fragments(input, TOOL_INPUT_FRAGMENTS);
		for (String fragment : fragments) {
			events.add(StubEvent.toolUseDelta(0, fragment));
		}
		events.add(StubEvent.contentBlockStop(0));
		events.add(messageStop(request, "tool_use"));
		events.add(StubEvent.metadata(countInputTokens(request), fragments.size(), DEFAULT_LATENCY_MS));
		return events;
	}

	/**
	 * Splits text into {@code count} nearly equal fragments (fewer if it is shorter),
	 * joining back to the text.
	 * @param text the text
	 * @param count the count
	 * @return {@code count} nearly equal fragments of the text (fewer if it is shorter),
	 * joining back to the text
	 */
	static List<String> fragments(String text, int count) {
		List<String> fragments = new ArrayList<>();
		int size = Math.max(1, (text.length() + count - 1) / count);
		for (int at = 0; at < text.length(); at += size) {
			fragments.add(text.substring(at, Math.min(text.length(), at + size)));
		}
		return fragments;
	}

	/**
	 * {@code messageStop} with the stop reason and, when the request names
	 * {@code additionalModelResponseFieldPaths}, {@code additionalModelResponseFields}
	 * holding {@code "stub-<last segment>"} at each of those JSON pointers.
	 * @param request the request
	 * @param stopReason the stop reason
	 * @return {@code messageStop} with the stop reason and, when the request names
	 * {@code additionalModelResponseFieldPaths}, {@code additionalModelResponseFields}
	 * holding {@code "stub-<last segment>"} at each of those JSON pointers
	 */
	private static StubEvent messageStop(JsonNode request, String stopReason) {
		JsonNode paths = request.path("additionalModelResponseFieldPaths");
		if (!paths.isArray() || paths.isEmpty()) {
			return StubEvent.messageStop(stopReason);
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode().put("stopReason", stopReason);
		ObjectNode fields = payload.putObject("additionalModelResponseFields");
		for (JsonNode path : paths) {
			String[] segments = path.asString("").replaceFirst("^/", "").split("/");
			ObjectNode parent = fields;
			for (int i = 0; i < segments.length - 1; i++) {
				JsonNode child = parent.get(segments[i]);
				parent = (child instanceof ObjectNode object) ? object : parent.putObject(segments[i]);
			}
			String last = segments[segments.length - 1];
			parent.put(last, "stub-" + last);
		}
		return StubEvent.event("messageStop", payload);
	}

	private static List<StubEvent> textEvents(JsonNode request, String fullText, String fixedStopReason,
			Integer fixedInput, Integer fixedOutput, Long fixedLatency) {
		JsonNode inferenceConfig = request.path("inferenceConfig");
		String text = fullText;
		String stopReason = "end_turn";

		int cut = earliestStopSequence(text, inferenceConfig.path("stopSequences"));
		if (cut >= 0) {
			text = text.substring(0, cut);
			stopReason = "stop_sequence";
		}
		List<String> deltas = splitIntoDeltas(text);
		JsonNode maxTokens = inferenceConfig.path("maxTokens");
		if (maxTokens.isIntegralNumber() && deltas.size() > maxTokens.asInt()) {
			deltas = new ArrayList<>(deltas.subList(0, maxTokens.asInt()));
			stopReason = "max_tokens";
		}
		if (fixedStopReason != null) {
			stopReason = fixedStopReason;
		}

		int input = (fixedInput != null) ? fixedInput : countInputTokens(request);
		int output = (fixedOutput != null) ? fixedOutput : deltas.size();
		long latency = (fixedLatency != null) ? fixedLatency : DEFAULT_LATENCY_MS;

		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		for (String delta : deltas) {
			events.add(StubEvent.contentBlockDelta(0, delta));
		}
		events.add(StubEvent.contentBlockStop(0));
		events.add(messageStop(request, stopReason));
		events.add(StubEvent.metadata(input, output, latency));
		return events;
	}

	/**
	 * The default answer: {@code "Echo: "} plus the newest user message's text blocks,
	 * concatenated.
	 * @param request the parsed request
	 * @return the echo text
	 */
	static String echoText(JsonNode request) {
		JsonNode messages = request.path("messages");
		for (int i = messages.size() - 1; i >= 0; i--) {
			JsonNode message = messages.get(i);
			if ("user".equals(message.path("role").asString(""))) {
				return "Echo: " + Scenarios.strip(concatenatedText(message.path("content")));
			}
		}
		return "Echo: ";
	}

	private static String concatenatedText(JsonNode contentBlocks) {
		StringBuilder text = new StringBuilder();
		for (JsonNode block : contentBlocks) {
			if (block.path("text").isString()) {
				text.append(block.path("text").asString());
			}
		}
		return text.toString();
	}

	/**
	 * Splits text into word deltas that keep their leading whitespace and join back to
	 * the text.
	 * @param text the text
	 * @return the deltas
	 */
	static List<String> splitIntoDeltas(String text) {
		List<String> deltas = new ArrayList<>();
		Matcher matcher = WORD_WITH_LEADING_SPACE.matcher(text);
		int end = 0;
		while (matcher.find()) {
			deltas.add(matcher.group());
			end = matcher.end();
		}
		if (end < text.length()) {
			String trailing = text.substring(end);
			if (deltas.isEmpty()) {
				deltas.add(trailing);
			}
			else {
				deltas.set(deltas.size() - 1, deltas.get(deltas.size() - 1) + trailing);
			}
		}
		return deltas;
	}

	private static int earliestStopSequence(String text, JsonNode stopSequences) {
		int earliest = -1;
		for (JsonNode sequence : stopSequences) {
			String value = sequence.asString("");
			if (value.isEmpty()) {
				continue;
			}
			int at = text.indexOf(value);
			if (at >= 0 && (earliest < 0 || at < earliest)) {
				earliest = at;
			}
		}
		return earliest;
	}

	/**
	 * Counts the input "tokens": whitespace-separated words of all system and message
	 * text blocks.
	 * @param request the parsed request
	 * @return the count
	 */
	static int countInputTokens(JsonNode request) {
		int words = countWords(request.path("system"));
		for (JsonNode message : request.path("messages")) {
			words += countWords(message.path("content"));
		}
		return words;
	}

	private static int countWords(JsonNode blocks) {
		int words = 0;
		for (JsonNode block : blocks) {
			JsonNode text = block.path("text");
			if (text.isString()) {
				Matcher matcher = WORD.matcher(text.asString());
				while (matcher.find()) {
					words++;
				}
			}
		}
		return words;
	}

	/**
	 * What the stub answers: an error or the events to stream.
	 *
	 * @param error the error, or {@code null}
	 * @param events the events when there is no error
	 * @param converseContent the literal {@code Converse} content blocks of a
	 * {@link StubAnswer.Kind#CONTENT} answer, or {@code null} to fold the events
	 */
	public record Plan(ErrorReply error, List<StubEvent> events, List<JsonNode> converseContent) {

		/**
		 * A plan whose {@code Converse} response is folded from its events.
		 * @param error the error, or {@code null}
		 * @param events the events when there is no error
		 */
		public Plan(ErrorReply error, List<StubEvent> events) {
			this(error, events, null);
		}

	}

}
