package dev.bedrockconverse.chat.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.util.MimeType;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;

import dev.bedrockconverse.chat.BedrockConverseCacheStrategy;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseGuardrail;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseReasoning;
import dev.bedrockconverse.chat.BedrockConverseSearchResult;
import dev.bedrockconverse.chat.BedrockConverseToolChoice;
import dev.bedrockconverse.chat.BedrockConverseToolResult;
import dev.bedrockconverse.chat.StructuredOutputMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every member of the SDK's Converse shapes is either mapped or deliberately left out,
 * walked with the SDK's {@code sdkFields()} (nested shapes, list elements and map values
 * included) and named {@code Shape.member}.
 * <p>
 * Requests: "mapped" is what our mapper really sets: the members present in the Converse
 * and ConverseStream requests {@link PreparedRequest} builds for prompts that together
 * use every feature. Responses: the mapper cannot be observed reading a member, so
 * {@code RESPONSE_READ} lists the members the response path reads, each with the test
 * that asserts what the user gets from it, and this test checks that each is read by name
 * in the response path's sources and that the list and the left-out list together cover
 * the SDK's shapes.
 */
class ConverseShapeCoverageTests {

	/**
	 * Request members our mapper never sets, each with the reason. Entries marked
	 * "pending: issue 12" are being added in parallel; remove them when they land (this
	 * test fails while a listed member is mapped). {@code Shape.*} stands for every
	 * member of the shape.
	 */
	private static final Map<String, String> REQUEST_LEFT_OUT = new Reasons()
		// Set by Bedrock on media the model generated; never part of a request.
		.add("output only", "AudioBlock.error", "ImageBlock.error", "ErrorBlock.*")
		// Adding and removing tools by reference in the middle of a conversation
		// (tool
		// search over MCP servers): Spring AI 2.0.1 sends one fixed tool set per
		// request and has no message for it.
		.add("no Spring AI counterpart", "ContentBlock.toolAddition", "ContentBlock.toolRemoval", "ToolAdditionBlock.*",
				"ToolRemovalBlock.*", "ToolReference.*")
		.map();

	@Test
	void everyRequestMemberIsMappedOrDeliberatelyLeftOut() {
		Set<String> universe = new TreeSet<>();
		walkShape(ConverseRequest.builder(), universe, new HashSet<>(), Set.of());
		walkShape(ConverseStreamRequest.builder(), universe, new HashSet<>(), Set.of());
		Set<String> mapped = mappedRequestMembers();

		assertThat(universe).as("request members neither mapped nor on REQUEST_LEFT_OUT")
			.allMatch((member) -> mapped.contains(member) || listed(REQUEST_LEFT_OUT.keySet(), member));
		assertThat(mapped).as("request members on REQUEST_LEFT_OUT that are mapped now: remove them from the list")
			.noneMatch((member) -> listed(REQUEST_LEFT_OUT.keySet(), member));
		assertThat(REQUEST_LEFT_OUT.keySet()).as("REQUEST_LEFT_OUT entries the SDK no longer has")
			.allMatch((entry) -> universe.stream().anyMatch((member) -> listed(Set.of(entry), member)));
	}

	private static boolean listed(Set<String> entries, String member) {
		return entries.contains(member) || entries.contains(member.substring(0, member.indexOf('.')) + ".*");
	}

	/**
	 * The response members the response path ({@link ConverseResponseMapper},
	 * {@link ConverseStreamAssembler}, {@link ConverseStreamFlux},
	 * {@link AssistantContent}, {@link Citations}) reads, with the test that asserts what
	 * the user gets from it.
	 */
	private static final Map<String, String> RESPONSE_READ = new Reasons()
		.add("ChatBedrockConverseCallTests", "ConverseResponse.output", "ConverseOutput.message", "Message.content")
		.add("ChatBedrockConverseCallTests (finish reason)", "ConverseResponse.stopReason")
		.add("ChatBedrockConverseStreamTests (finish reason)", "MessageStopEvent.stopReason")
		.add("ChatBedrockConverseCallTests (usage)", "ConverseResponse.usage")
		.add("ChatBedrockConverseStreamTests (usage)", "ConverseStreamMetadataEvent.usage")
		.add("ChatBedrockConverseCallTests", "TokenUsage.inputTokens", "TokenUsage.outputTokens",
				"TokenUsage.totalTokens")
		.add("ChatBedrockConverseCachingTests", "TokenUsage.cacheReadInputTokens", "TokenUsage.cacheWriteInputTokens")
		.add("latencyMs metadata", "ConverseResponse.metrics", "ConverseStreamMetadataEvent.metrics",
				"ConverseMetrics.latencyMs", "ConverseStreamMetrics.latencyMs")
		.add("ChatBedrockConverseRequestOptionsTests", "ConverseResponse.additionalModelResponseFields",
				"MessageStopEvent.additionalModelResponseFields")
		.add("ChatBedrockConverseGuardrailCitationsTests (guardrail trace)", "ConverseResponse.trace")
		.add("ChatBedrockConverseGuardrailCitationsTests", "ConverseStreamMetadataEvent.trace",
				"ConverseTrace.guardrail", "ConverseStreamTrace.guardrail")
		.add("ChatBedrockConverseCallTests", "ContentBlock.text")
		.add("ChatBedrockConverseToolsTests", "ContentBlock.toolUse", "ToolUseBlock.toolUseId", "ToolUseBlock.name",
				"ToolUseBlock.input")
		.add("ChatBedrockConverseReasoningTests", "ContentBlock.reasoningContent",
				"ReasoningContentBlock.reasoningText", "ReasoningContentBlock.redactedContent",
				"ReasoningTextBlock.text", "ReasoningTextBlock.signature")
		.add("ChatBedrockConverseGuardrailCitationsTests", "ContentBlock.citationsContent")
		.add("ChatBedrockConverseGuardrailCitationsTests (text)", "CitationsContentBlock.content")
		.add("ChatBedrockConverseGuardrailCitationsTests", "CitationsContentBlock.citations",
				"CitationGeneratedContent.text", "Citation.title")
		.add("ChatBedrockConverseInputsTests", "Citation.source")
		.add("ChatBedrockConverseGuardrailCitationsTests", "Citation.sourceContent", "Citation.location",
				"CitationSourceContent.text")
		.add("ChatBedrockConverseGuardrailCitationsTests (stream)", "CitationSourceContentDelta.text",
				"CitationsDelta.title")
		.add("ChatBedrockConverseInputsTests (stream)", "CitationsDelta.source")
		.add("ChatBedrockConverseGuardrailCitationsTests (stream)", "CitationsDelta.sourceContent",
				"CitationsDelta.location")
		.add("ChatBedrockConverseGuardrailCitationsTests", "CitationLocation.documentChar")
		.add("Citations", "CitationLocation.documentPage", "CitationLocation.documentChunk")
		.add("ChatBedrockConverseInputsTests", "CitationLocation.searchResultLocation")
		.add("Citations", "CitationLocation.web")
		.add("ChatBedrockConverseGuardrailCitationsTests", "DocumentCharLocation.documentIndex",
				"DocumentCharLocation.start", "DocumentCharLocation.end")
		.add("Citations", "DocumentPageLocation.documentIndex", "DocumentPageLocation.start",
				"DocumentPageLocation.end", "DocumentChunkLocation.documentIndex", "DocumentChunkLocation.start",
				"DocumentChunkLocation.end")
		.add("ChatBedrockConverseInputsTests", "SearchResultLocation.searchResultIndex", "SearchResultLocation.start",
				"SearchResultLocation.end")
		.add("Citations", "WebLocation.url")
		.add("ChatBedrockConverseStreamTests", "ContentBlockDeltaEvent.contentBlockIndex",
				"ContentBlockDeltaEvent.delta")
		.add("ChatBedrockConverseToolsTests (stream)", "ContentBlockStartEvent.contentBlockIndex",
				"ContentBlockStartEvent.start", "ContentBlockStopEvent.contentBlockIndex", "ContentBlockStart.toolUse",
				"ToolUseBlockStart.toolUseId", "ToolUseBlockStart.name")
		.add("ChatBedrockConverseServedMetadataTests", "ConverseResponse.performanceConfig",
				"ConverseResponse.serviceTier", "ConverseStreamMetadataEvent.performanceConfig",
				"ConverseStreamMetadataEvent.serviceTier", "PerformanceConfiguration.latency", "ServiceTier.type",
				"ConverseTrace.promptRouter", "ConverseStreamTrace.promptRouter", "PromptRouterTrace.invokedModelId")
		.add("ChatBedrockConverseOutputContentTests (image output)", "ContentBlock.image", "ContentBlockStart.image",
				"ContentBlockDelta.image")
		.add("ChatBedrockConverseOutputContentTests (server tool use)", "ToolUseBlock.type", "ToolUseBlockStart.type",
				"ContentBlock.toolResult", "ContentBlockStart.toolResult", "ContentBlockDelta.toolResult")
		.add("ChatBedrockConverseOutputContentTests (documents, videos, audio, search results)",
				"ContentBlock.document", "ContentBlock.video", "ContentBlock.audio", "ContentBlock.searchResult")
		.add("ChatBedrockConverseStreamTests", "ContentBlockDelta.text")
		.add("ChatBedrockConverseToolsTests (stream)", "ContentBlockDelta.toolUse", "ToolUseBlockDelta.input")
		.add("ChatBedrockConverseReasoningTests (stream)", "ContentBlockDelta.reasoningContent",
				"ReasoningContentBlockDelta.text", "ReasoningContentBlockDelta.signature",
				"ReasoningContentBlockDelta.redactedContent")
		.add("ChatBedrockConverseGuardrailCitationsTests (stream)", "ContentBlockDelta.citation")
		.map();

	/**
	 * Response members we do not read, each with the reason; "pending: issue 12" as for
	 * requests. {@code Shape.*} stands for every member of the shape.
	 */
	private static final Map<String, String> RESPONSE_LEFT_OUT = new Reasons()
		.add("per-TTL cache write detail; the totals are read", "TokenUsage.cacheDetails", "CacheDetail.*")
		.add("always assistant", "MessageStartEvent.role")
		.add("always assistant in a response", "Message.role")
		// Kept whole as the SDK's ContentBlock on the message (SERVER_TOOL_CONTENT,
		// OUTPUT_CONTENT) or turned into Media by MediaBlocks.toMedia: their members
		// reach the user through the SDK object, not one by one.
		.add("kept whole: the SDK block is on the message", "ImageBlock.*", "ImageSource.*", "ImageBlockStart.*",
				"ImageBlockDelta.*", "ErrorBlock.*", "ToolResultBlock.*", "ToolResultBlockStart.*",
				"ToolResultBlockDelta.*", "ToolResultContentBlock.*", "DocumentBlock.*", "DocumentSource.*",
				"DocumentContentBlock.*", "VideoBlock.*", "VideoSource.*", "AudioBlock.*", "AudioSource.*",
				"S3Location.*", "SearchResultBlock.*", "SearchResultContentBlock.*", "CitationsConfig.*")
		// Request-only blocks: a model never returns them.
		.add("request only", "ContentBlock.guardContent", "ContentBlock.cachePoint", "GuardrailConverseContentBlock.*",
				"GuardrailConverseTextBlock.*", "GuardrailConverseImageBlock.*", "GuardrailConverseImageSource.*",
				"CachePointBlock.*", "ContentBlock.toolAddition", "ContentBlock.toolRemoval", "ToolAdditionBlock.*",
				"ToolRemovalBlock.*", "ToolReference.*")
		.add("the URL is read; the domain is part of it", "WebLocation.domain")
		.map();

	/**
	 * Response members handed to the user as the SDK's own object (so everything under
	 * them reaches the user): the guardrail trace is the typed
	 * {@code GuardrailTraceAssessment} in the response metadata.
	 */
	private static final Set<String> RESPONSE_WHOLE = Set.of("ConverseTrace.guardrail",
			"ConverseStreamTrace.guardrail");

	@Test
	void everyResponseMemberIsReadOrDeliberatelyLeftOut() throws Exception {
		Set<String> universe = new TreeSet<>();
		for (SdkPojo root : List.of(ConverseResponse.builder(), MessageStartEvent.builder(),
				ContentBlockStartEvent.builder(), ContentBlockDeltaEvent.builder(), ContentBlockStopEvent.builder(),
				MessageStopEvent.builder(), ConverseStreamMetadataEvent.builder())) {
			walkShape(root, universe, new HashSet<>(), RESPONSE_WHOLE);
		}

		assertThat(universe).as("response members neither read nor on RESPONSE_LEFT_OUT")
			.allMatch((member) -> RESPONSE_READ.containsKey(member) || listed(RESPONSE_LEFT_OUT.keySet(), member));
		assertThat(RESPONSE_READ.keySet()).as("RESPONSE_READ entries also on RESPONSE_LEFT_OUT")
			.noneMatch((member) -> listed(RESPONSE_LEFT_OUT.keySet(), member));
		assertThat(RESPONSE_READ.keySet()).as("RESPONSE_READ entries the SDK no longer has")
			.allMatch(universe::contains);
		// Each member read is read by name in the response path's sources.
		StringBuilder sources = new StringBuilder();
		for (String file : List.of("ConverseResponseMapper", "ConverseStreamAssembler", "ConverseStreamFlux",
				"AssistantContent", "Citations", "MediaBlocks")) {
			sources
				.append(Files.readString(Path.of("src/main/java/dev/bedrockconverse/chat/internal/" + file + ".java")));
		}
		assertThat(RESPONSE_READ.keySet()).as("RESPONSE_READ entries the response path does not read")
			.allMatch((member) -> readsByName(sources, member.substring(member.indexOf('.') + 1)));
	}

	/**
	 * The members our mapper sets, collected from the requests (Converse and
	 * ConverseStream) it builds for prompts that together use every feature.
	 */
	static Set<String> mappedRequestMembers() {
		Set<String> mapped = new TreeSet<>();
		ToolCallingManager tools = ToolCallingManager.builder().build();
		BedrockConverseChatOptions base = BedrockConverseChatOptions.builder().model("anthropic.claude-x-v1:0").build();
		List<PreparedRequest> prepared = new ArrayList<>();
		prepared.add(PreparedRequest.prepare(maximalPrompt(), base, tools, false, false, List.of()));
		for (BedrockConverseChatOptions variant : List.of(
				BedrockConverseChatOptions.builder()
					.toolCallbacks(weatherTool())
					.toolChoice(BedrockConverseToolChoice.ANY)
					.build(),
				BedrockConverseChatOptions.builder()
					.toolCallbacks(weatherTool())
					.toolChoice(BedrockConverseToolChoice.AUTO)
					.build(),
				BedrockConverseChatOptions.builder()
					.model("us.anthropic.claude-sonnet-4-6")
					.reasoning(BedrockConverseChatOptions.Reasoning.ofEffort("high"))
					.systemTools(List.of("nova_grounding"))
					.build(),
				BedrockConverseChatOptions.builder()
					.outputSchema(SCHEMA)
					.structuredOutputMode(StructuredOutputMode.TOOL)
					.outputSchemaDescription("The answer")
					.build())) {
			prepared.add(PreparedRequest.prepare(new Prompt(new UserMessage("Hi"), variant), base, tools, false, false,
					List.of()));
		}
		for (PreparedRequest request : prepared) {
			collectSet(request.request(), mapped);
			collectSet(request.streamRequest(request.routes().get(0)), mapped);
		}
		return mapped;
	}

	private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G' };

	private static List<ToolCallback> weatherTool() {
		return List.of(ToolCallbacks.from(new WeatherTool()));
	}

	/** A prompt using every request feature that can be combined in one request. */
	/**
	 * Whether the sources call a member's accessor, or its {@code ...AsString()} form (of
	 * an enum member).
	 */
	private static boolean readsByName(CharSequence sources, String member) {
		String text = sources.toString();
		return text.contains("." + member + "(") || text.contains("." + member + "AsString(");
	}

	private static List<BedrockConverseCitation> citationsOfEveryLocation() {
		List<BedrockConverseCitation> citations = new ArrayList<>();
		for (String type : List.of("documentChar", "documentPage", "documentChunk", "searchResultLocation")) {
			citations
				.add(new BedrockConverseCitation("title", "source", List.of("passage"), type, 0, 1, 2, null, null));
		}
		citations.add(new BedrockConverseCitation("title", "source", List.of("passage"), "web", null, null, null,
				"https://example.com/a", "example.com"));
		return citations;
	}

	private static List<ContentBlock> serverToolContent() {
		return List.of(
				ContentBlock.fromToolUse((use) -> use.toolUseId("s1")
					.name("nova_code_interpreter")
					.type("server_tool_use")
					.input(Document.mapBuilder().putString("code", "1+1").build())),
				ContentBlock.fromToolResult((result) -> result.toolUseId("s1")
					.type("nova_code_interpreter_result")
					.content(ToolResultContentBlock.fromText("2"))));
	}

	private static Prompt maximalPrompt() {
		BedrockConverseChatOptions options = BedrockConverseChatOptions.builder()
			.maxTokens(100)
			.temperature(0.5)
			.topP(0.9)
			.stopSequences(List.of("STOP"))
			.toolCallbacks(weatherTool())
			.toolChoice(BedrockConverseToolChoice.tool("get_weather"))
			.toolStrict(true)
			.outputSchema(SCHEMA)
			.structuredOutputMode(StructuredOutputMode.NATIVE)
			.outputSchemaDescription("The answer")
			.guardrail(new BedrockConverseGuardrail("gr-1", "1", GuardrailTrace.ENABLED,
					GuardrailStreamProcessingMode.ASYNC))
			.documentCitations(true)
			.cacheStrategy(BedrockConverseCacheStrategy.TOOLS)
			.cacheTtl(Duration.ofHours(1))
			.additionalModelRequestFields(Map.of("top_k", 5))
			.additionalModelResponseFieldPaths(List.of("/stop_sequence"))
			.requestMetadata(Map.of("team", "a"))
			.promptVariables(Map.of("city", "Paris"))
			.performanceLatency(PerformanceConfigLatency.OPTIMIZED)
			.serviceTier(ServiceTierType.PRIORITY)
			.build();
		String envelope = BedrockConverseToolResult.builder()
			.text("found")
			.media(media("image/png", PNG, "chart"))
			.media(media("application/pdf", PNG, "report"))
			.media(media("video/mp4", PNG, "clip"))
			.searchResult(BedrockConverseSearchResult.of("s", "t", "passage"))
			.build()
			.toJson();
		List<Message> messages = List.of(
				SystemMessage.builder()
					.text("Be brief.")
					.metadata(Map.of(BedrockConverseMetadata.CACHE_POINT, true))
					.build(),
				SystemMessage.builder()
					.text("Policy")
					.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT, true))
					.build(),
				UserMessage.builder()
					.text("Look")
					.media(List.of(media("image/png", PNG, "i"), media("image/png", "s3://b/i.png", "j"),
							media("application/pdf", PNG, "d"), media("text/plain", "text", "t"),
							media("application/pdf", "s3://b/d.pdf", "e"), media("video/mp4", PNG, "v"),
							media("video/mp4", "s3://b/v.mp4", "w"), media("audio/wav", PNG, "a"),
							media("audio/wav", "s3://b/a.wav", "b")))
					.metadata(Map.of(BedrockConverseMetadata.S3_BUCKET_OWNER, "123456789012",
							BedrockConverseMetadata.DOCUMENT_CHUNKS, Map.of("chunks", List.of("c1")),
							BedrockConverseMetadata.DOCUMENT_CONTEXT, Map.of("d", "context"),
							BedrockConverseMetadata.SEARCH_RESULTS,
							List.of(BedrockConverseSearchResult.of("s", "t", "p")), BedrockConverseMetadata.CACHE_POINT,
							true))
					.build(),
				AssistantMessage.builder()
					.content("Let me check.")
					.properties(Map.of(BedrockConverseMetadata.REASONING_CONTENT,
							List.of(BedrockConverseReasoning.text("thinking", "sig"),
									BedrockConverseReasoning.redacted(new byte[] { 1 }))))
					.toolCalls(List.of(new AssistantMessage.ToolCall("t1", "function", "get_weather", "{}"),
							new AssistantMessage.ToolCall("t2", "function", "get_weather", "{}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("t1", "get_weather", envelope),
							new ToolResponseMessage.ToolResponse("t2", "get_weather", "{\"a\":1}")))
					.metadata(Map.of(BedrockConverseMetadata.FAILED_TOOL_CALL_IDS, "t2"))
					.build(),
				UserMessage.builder()
					.text("Is this fine?")
					.media(List.of(media("image/jpeg", PNG, "photo")))
					.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT_IMAGES, true,
							BedrockConverseMetadata.GUARD_CONTENT, List.of("query")))
					.build(),
				AssistantMessage.builder()
					.content("It is fine.")
					.properties(Map.of(BedrockConverseMetadata.CITATIONS, citationsOfEveryLocation(),
							BedrockConverseMetadata.SERVER_TOOL_CONTENT, serverToolContent()))
					.build(),
				new UserMessage("Thanks."));
		return new Prompt(messages, options);
	}

	private static Media media(String mimeType, Object data, String name) {
		Media.Builder builder = Media.builder().mimeType(MimeType.valueOf(mimeType)).name(name);
		return ((data instanceof byte[] bytes) ? builder.data(bytes) : builder.data((String) data)).build();
	}

	/**
	 * Every member of a shape and of the shapes it reaches, as {@code Shape.member}.
	 */
	static void walkShape(SdkPojo shape, Set<String> members, Set<String> seen, Set<String> whole) {
		String name = shapeName(shape);
		if (!seen.add(name)) {
			return;
		}
		for (SdkField<?> field : shape.sdkFields()) {
			String member = name + "." + field.memberName();
			members.add(member);
			if (!whole.contains(member)) {
				walkField(field, members, seen, whole);
			}
		}
	}

	private static void walkField(SdkField<?> field, Set<String> members, Set<String> seen, Set<String> whole) {
		ListTrait list = field.getOptionalTrait(ListTrait.class).orElse(null);
		if (list != null) {
			walkField(list.memberFieldInfo(), members, seen, whole);
			return;
		}
		MapTrait map = field.getOptionalTrait(MapTrait.class).orElse(null);
		if (map != null) {
			walkField(map.valueFieldInfo(), members, seen, whole);
			return;
		}
		Supplier<SdkPojo> constructor = field.constructor();
		if (constructor != null) {
			walkShape(constructor.get(), members, seen, whole);
		}
	}

	private static String shapeName(SdkPojo shape) {
		Class<?> type = shape.getClass();
		return (type.getEnclosingClass() != null) ? type.getEnclosingClass().getSimpleName() : type.getSimpleName();
	}

	/**
	 * The members set in a mapped value, as {@code Shape.member}.
	 */
	static void collectSet(SdkPojo value, Set<String> members) {
		String name = shapeName(value);
		for (SdkField<?> field : value.sdkFields()) {
			Object member = field.getValueOrDefault(value);
			if (member == null || member instanceof SdkAutoConstructList || member instanceof SdkAutoConstructMap) {
				continue;
			}
			members.add(name + "." + field.memberName());
			collectValue(member, members);
		}
	}

	private static void collectValue(Object value, Set<String> members) {
		if (value instanceof SdkPojo pojo) {
			collectSet(pojo, members);
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach((element) -> collectValue(element, members));
		}
		else if (value instanceof Map<?, ?> map) {
			map.values().forEach((element) -> collectValue(element, members));
		}
	}

	/** The tool of the maximal prompt. */
	static class WeatherTool {

		@Tool(name = "get_weather", description = "Current weather")
		String weather(String city) {
			return "sunny";
		}

	}

	/** Members by reason, in order. */
	private static final class Reasons {

		private final Map<String, String> members = new java.util.LinkedHashMap<>();

		Reasons add(String reason, String... members) {
			for (String member : members) {
				assertThat(this.members.put(member, reason)).as(member + " listed twice").isNull();
			}
			return this;
		}

		Map<String, String> map() {
			return Map.copyOf(this.members);
		}

	}

}
