package dev.bedrockconverse.stub.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.bedrockconverse.stub.StubEvent;

/**
 * Canned answers picked by a directive in the newest user message,
 * {@code [scenario:NAME key=value ...]}, so clients in any language can reach every case
 * without scripting the stub. The directive is removed from the echoed text.
 *
 * <ul>
 * <li>{@code reasoning} ({@code signature=}, default {@code stub-signature};
 * {@code redacted=true} adds a redacted block): a signed reasoning block "Let me think
 * this through.", then the echo.</li>
 * <li>{@code guardrail} ({@code reason=}, default {@code stub-topic}): "Blocked by the
 * stub guardrail.", stop reason {@code guardrail_intervened}, and a guardrail trace whose
 * input assessment for the request's guardrail (or {@code stub-guardrail}) blocks the
 * topic named by {@code reason}.</li>
 * <li>{@code citations} ({@code title=}, default the first document's name or
 * {@code stub-document}): the echo with one citation of {@code stub-source}, characters 0
 * to 11 of document 0; when the request has {@code searchResult} blocks (in user content
 * or tool results), a citation of search result {@code result=} (default 0) instead: its
 * title, source and last content block's text, location {@code searchResultLocation} over
 * its content blocks.</li>
 * <li>{@code cache} ({@code read=}, {@code write=}, default 0; {@code ttl=} 5m or 1h,
 * default 5m): the echo with that cache usage, the write tokens as the TTL's cache
 * detail.</li>
 * <li>{@code stop} ({@code reason=}, default {@code end_turn}): the echo with that stop
 * reason.</li>
 * </ul>
 * An unknown scenario is answered with a 400 {@code ValidationException}.
 */
public final class Scenarios {

	private static final Pattern DIRECTIVE = Pattern
		.compile("\\[scenario:([A-Za-z_-]+)((?:\\s+[A-Za-z_-]+=[^\\s\\]]*)*)\\s*\\]\\s*");

	private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_-]+)=([^\\s\\]]*)");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Scenarios() {
	}

	/**
	 * The first directive in a text, if any.
	 * @param text the text
	 * @return the directive, or {@code null}
	 */
	public static Directive find(String text) {
		Matcher matcher = DIRECTIVE.matcher(text);
		if (!matcher.find()) {
			return null;
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		Matcher parameter = PARAMETER.matcher(matcher.group(2));
		while (parameter.find()) {
			parameters.put(parameter.group(1), parameter.group(2));
		}
		return new Directive(matcher.group(1), parameters);
	}

	/**
	 * The text without its directives.
	 * @param text the text
	 * @return the cleaned text
	 */
	public static String strip(String text) {
		return DIRECTIVE.matcher(text).replaceAll("");
	}

	/**
	 * The events of a scenario, or {@code null} for an unknown scenario.
	 * @param directive the directive
	 * @param request the parsed request
	 * @param echo the echo answer (directive removed)
	 * @param inputTokens the counted input tokens
	 * @return the events, or {@code null}
	 */
	static List<StubEvent> events(Directive directive, JsonNode request, String echo, int inputTokens) {
		return switch (directive.name()) {
			case "reasoning" -> reasoning(directive, echo, inputTokens);
			case "guardrail" -> guardrail(directive, request, inputTokens);
			case "citations" -> citations(directive, request, echo, inputTokens);
			case "cache" -> cache(directive, echo, inputTokens);
			case "stop" -> text(0, echo, directive.get("reason", "end_turn"), metadata(inputTokens, echo, null, null));
			default -> null;
		};
	}

	private static List<StubEvent> reasoning(Directive directive, String echo, int inputTokens) {
		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		for (String piece : AnswerPlanner.splitIntoDeltas("Let me think this through.")) {
			events.add(StubEvent.reasoningDelta(0, piece));
		}
		events.add(StubEvent.reasoningSignature(0, directive.get("signature", "stub-signature")));
		events.add(StubEvent.contentBlockStop(0));
		int next = 1;
		if ("true".equals(directive.get("redacted", "false"))) {
			events.add(StubEvent.redactedReasoning(1, "stub-redacted".getBytes(StandardCharsets.UTF_8)));
			events.add(StubEvent.contentBlockStop(1));
			next = 2;
		}
		events.addAll(textBlock(next, echo));
		events.add(StubEvent.messageStop("end_turn"));
		events.add(metadata(inputTokens, echo, null, null));
		return events;
	}

	private static List<StubEvent> guardrail(Directive directive, JsonNode request, int inputTokens) {
		String guardrailId = request.path("guardrailConfig").path("guardrailIdentifier").asString("stub-guardrail");
		String answer = "Blocked by the stub guardrail.";
		ObjectNode trace = NODES.objectNode();
		ObjectNode guardrail = trace.putObject("guardrail");
		guardrail.put("actionReason", "Guardrail blocked.");
		guardrail.putObject("inputAssessment")
			.putObject(guardrailId)
			.putObject("topicPolicy")
			.putArray("topics")
			.addObject()
			.put("name", directive.get("reason", "stub-topic"))
			.put("type", "DENY")
			.put("action", "BLOCKED");
		return text(0, answer, "guardrail_intervened", metadata(inputTokens, answer, null, trace));
	}

	private static List<StubEvent> citations(Directive directive, JsonNode request, String echo, int inputTokens) {
		List<StubEvent> events = new ArrayList<>(text(0, echo, "end_turn", metadata(inputTokens, echo, null, null)));
		ObjectNode payload = NODES.objectNode().put("contentBlockIndex", 0);
		ObjectNode citation = payload.putObject("delta").putObject("citation");
		List<JsonNode> searchResults = searchResults(request);
		if (!searchResults.isEmpty()) {
			// A search result is cited by its index among the request's search results
			// and the span of its content blocks.
			int index = Math.min(Integer.parseInt(directive.get("result", "0")), searchResults.size() - 1);
			JsonNode cited = searchResults.get(index);
			int last = Math.max(cited.path("content").size() - 1, 0);
			citation.put("title", cited.path("title").asString(""));
			citation.put("source", cited.path("source").asString(""));
			citation.putArray("sourceContent")
				.addObject()
				.put("text", cited.path("content").path(last).path("text").asString(""));
			citation.putObject("location")
				.putObject("searchResultLocation")
				.put("searchResultIndex", index)
				.put("start", 0)
				.put("end", last);
		}
		else {
			citation.put("title", directive.get("title", firstDocumentName(request)));
			citation.putArray("sourceContent").addObject().put("text", "stub-source");
			citation.putObject("location")
				.putObject("documentChar")
				.put("documentIndex", 0)
				.put("start", 0)
				.put("end", 11);
		}
		// After the text deltas, before the block stops.
		events.add(events.size() - 3, StubEvent.event("contentBlockDelta", payload));
		return events;
	}

	/**
	 * The request's {@code searchResult} blocks in order, in user content and in tool
	 * results.
	 * @param request the request
	 * @return the search results
	 */
	private static List<JsonNode> searchResults(JsonNode request) {
		List<JsonNode> results = new ArrayList<>();
		for (JsonNode message : request.path("messages")) {
			for (JsonNode block : message.path("content")) {
				if (block.has("searchResult")) {
					results.add(block.get("searchResult"));
				}
				for (JsonNode toolBlock : block.path("toolResult").path("content")) {
					if (toolBlock.has("searchResult")) {
						results.add(toolBlock.get("searchResult"));
					}
				}
			}
		}
		return results;
	}

	private static String firstDocumentName(JsonNode request) {
		JsonNode messages = request.path("messages");
		for (int i = messages.size() - 1; i >= 0; i--) {
			for (JsonNode block : messages.get(i).path("content")) {
				if (block.path("document").path("name").isString()) {
					return block.path("document").path("name").asString();
				}
			}
		}
		return "stub-document";
	}

	private static List<StubEvent> cache(Directive directive, String echo, int inputTokens) {
		int read = Integer.parseInt(directive.get("read", "0"));
		int write = Integer.parseInt(directive.get("write", "0"));
		ObjectNode cache = NODES.objectNode().put("cacheReadInputTokens", read).put("cacheWriteInputTokens", write);
		cache.putArray("cacheDetails").addObject().put("ttl", directive.get("ttl", "5m")).put("inputTokens", write);
		return text(0, echo, "end_turn", metadata(inputTokens, echo, cache, null));
	}

	/**
	 * messageStart, the text deltas of block {@code index}, contentBlockStop,
	 * messageStop, metadata.
	 * @param index the index
	 * @param text the text
	 * @param stopReason the stop reason
	 * @param metadata the metadata
	 * @return the events: messageStart, the text deltas of block {@code index},
	 * contentBlockStop, messageStop, metadata
	 */
	private static List<StubEvent> text(int index, String text, String stopReason, StubEvent metadata) {
		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		events.addAll(textBlock(index, text));
		events.add(StubEvent.messageStop(stopReason));
		events.add(metadata);
		return events;
	}

	private static List<StubEvent> textBlock(int index, String text) {
		List<StubEvent> events = new ArrayList<>();
		for (String delta : AnswerPlanner.splitIntoDeltas(text)) {
			events.add(StubEvent.contentBlockDelta(index, delta));
		}
		events.add(StubEvent.contentBlockStop(index));
		return events;
	}

	private static StubEvent metadata(int inputTokens, String answer, ObjectNode cache, ObjectNode trace) {
		int output = AnswerPlanner.splitIntoDeltas(answer).size();
		ObjectNode payload = NODES.objectNode();
		ObjectNode usage = payload.putObject("usage")
			.put("inputTokens", inputTokens)
			.put("outputTokens", output)
			.put("totalTokens", inputTokens + output);
		if (cache != null) {
			usage.setAll(cache);
			usage.put("totalTokens", inputTokens + output + cache.path("cacheReadInputTokens").asInt()
					+ cache.path("cacheWriteInputTokens").asInt());
		}
		payload.putObject("metrics").put("latencyMs", AnswerPlanner.DEFAULT_LATENCY_MS);
		if (trace != null) {
			payload.set("trace", trace);
		}
		return StubEvent.event("metadata", payload);
	}

	/**
	 * A parsed directive.
	 *
	 * @param name the scenario name
	 * @param parameters its key=value parameters
	 */
	public record Directive(String name, Map<String, String> parameters) {

		String get(String key, String fallback) {
			return this.parameters.getOrDefault(key, fallback);
		}

	}

}
