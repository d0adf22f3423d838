package dev.bedrockconverse.chat.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.CitationGeneratedContent;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentQualifier;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormat;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.PromptVariableValues;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTier;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SystemTool;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.chat.BedrockConverseCacheStrategy;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseChatOptions.Performance;
import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseGuardrail;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseReasoning;
import dev.bedrockconverse.chat.BedrockConverseToolChoice;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.StructuredOutputMode;

/**
 * Maps a Spring AI {@link Prompt} plus the merged options (and the resolved tool
 * definitions) to a Converse request, and derives the ConverseStream request from it.
 * <p>
 * The mapper assumes valid input and checks no rule: the prompt, its options and tools
 * must have passed {@link PromptValidator} (model id, roles, alternation, text, tool
 * results, media, guard-content qualifiers, the tool configuration, the cache-point
 * limit, the reasoning option the model's family takes, reasoning fields that collide
 * with explicit ones, the family's quirks). The facts both need are written once and
 * shared: where cache points go ({@link CachePoints}), the qualifier a guard-content
 * value names, how the model's family reads the reasoning option ({@link ModelFamily}),
 * and whether a tool configuration is sent. The only failure left is a JSON conversion on
 * text the validator does not parse a second time (see {@link #toConverseRequest}).
 */
public final class ConverseRequestMapper {

	private static final String GUARDRAIL_CONFIG = "guardrailConfig";

	private static final String STREAM_PROCESSING_MODE = "streamProcessingMode";

	/** The name of the JSON schema sent in {@code outputConfig.textFormat}. */
	public static final String OUTPUT_SCHEMA_NAME = "structured_output";

	private ConverseRequestMapper() {
	}

	/**
	 * Map to a Converse request. The prompt, options and tools must have passed
	 * {@link PromptValidator}.
	 * @param prompt the prompt
	 * @param options the merged options (prompt over defaults)
	 * @param tools the definitions of the options' tools
	 * @return the request
	 * @throws IllegalArgumentException only if the arguments of an assistant message's
	 * tool call or a tool's input schema are not JSON: converting that text is what
	 * checks it ({@link JsonDocuments#fromJson}), and parsing it once more in the
	 * validator would be a second copy of the conversion
	 */
	public static ConverseRequest toConverseRequest(Prompt prompt, BedrockConverseChatOptions options,
			List<ToolDefinition> tools) {
		return map(prompt, options, tools);
	}

	/**
	 * Derive the ConverseStream request from the Converse request: every field of
	 * {@code ConverseStreamRequest} is copied from the {@code ConverseRequest} field of
	 * the same name, walking the SDK's field descriptions, so no field can be forgotten
	 * on one side. The guardrail configuration (a different SDK type with the same
	 * fields) is copied the same way and gets the guardrail's
	 * {@code streamProcessingMode}.
	 * @param request the Converse request
	 * @param options the options it was mapped from
	 * @return the stream request
	 * @throws IllegalStateException if a stream field has no counterpart (a new SDK field
	 * this code does not know)
	 */
	public static ConverseStreamRequest toConverseStreamRequest(ConverseRequest request,
			BedrockConverseChatOptions options) {
		ConverseStreamRequest.Builder stream = ConverseStreamRequest.builder();
		for (SdkField<?> field : stream.sdkFields()) {
			if (GUARDRAIL_CONFIG.equals(field.memberName())) {
				continue;
			}
			field.set(stream, valueOf(request, field.memberName()));
		}
		GuardrailConfiguration guardrailConfig = request.guardrailConfig();
		if (guardrailConfig != null) {
			GuardrailStreamConfiguration.Builder guardrail = GuardrailStreamConfiguration.builder();
			for (SdkField<?> field : guardrail.sdkFields()) {
				if (!STREAM_PROCESSING_MODE.equals(field.memberName())) {
					field.set(guardrail, valueOf(guardrailConfig, field.memberName()));
				}
			}
			BedrockConverseGuardrail configured = options.getGuardrail();
			guardrail.streamProcessingMode((configured != null) ? configured.streamProcessingMode() : null);
			stream.guardrailConfig(guardrail.build());
		}
		return stream.build();
	}

	/**
	 * Derive the CountTokens request from the Converse request: CountTokens counts a
	 * Converse input ({@code input.converse}), whose fields ({@code messages},
	 * {@code system}, {@code toolConfig}, {@code additionalModelRequestFields}) are
	 * copied from the Converse request's fields of the same name, walking the SDK's field
	 * descriptions as {@link #toConverseStreamRequest} does, so the count is of exactly
	 * what a call would send.
	 * @param request the Converse request
	 * @return the CountTokens request for the same model
	 * @throws IllegalStateException if a field has no counterpart (a new SDK field this
	 * code does not know)
	 */
	public static CountTokensRequest toCountTokensRequest(ConverseRequest request) {
		ConverseTokensRequest.Builder converse = ConverseTokensRequest.builder();
		for (SdkField<?> field : converse.sdkFields()) {
			field.set(converse, valueOf(request, field.memberName()));
		}
		return CountTokensRequest.builder()
			.modelId(request.modelId())
			.input(CountTokensInput.fromConverse(converse.build()))
			.build();
	}

	/**
	 * The value of an SDK object's field, by its member name.
	 * @param source the SDK object
	 * @param memberName the member name
	 * @return the value, or {@code null}
	 * @throws IllegalStateException if the object has no such field
	 */
	static @Nullable Object valueOf(SdkPojo source, String memberName) {
		for (SdkField<?> field : source.sdkFields()) {
			if (field.memberName().equals(memberName)) {
				return field.getValueOrDefault(source);
			}
		}
		throw new IllegalStateException("The SDK's " + source.getClass().getSimpleName() + " has no field '"
				+ memberName + "' for the stream request's field of that name");
	}

	/**
	 * Whether the options ask for structured output through the forced tool, so the
	 * response's use of that tool is the answer text rather than a tool call.
	 * @param options the merged options
	 * @return whether the structured-output tool is used
	 */
	public static boolean usesStructuredOutputTool(BedrockConverseChatOptions options) {
		return options.getOutputSchema() != null && options.getStructuredOutputMode() == StructuredOutputMode.TOOL;
	}

	private static ConverseRequest map(Prompt prompt, BedrockConverseChatOptions options, List<ToolDefinition> tools) {
		List<Message> instructions = prompt.getInstructions();
		List<SystemContentBlock> system = new ArrayList<>();
		List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages = new ArrayList<>();
		for (int i = 0; i < instructions.size(); i++) {
			Message message = instructions.get(i);
			MessageType type = message.getMessageType();
			switch (type) {
				// Converse takes system prompts out of band, wherever they appear.
				case SYSTEM -> {
					String text = message.getText();
					List<GuardrailConverseContentQualifier> qualifiers = guardQualifiers(message);
					system
						.add((qualifiers != null) ? SystemContentBlock.fromGuardContent(guardContent(text, qualifiers))
								: SystemContentBlock.fromText(text));
					if (CachePoints.isMarked(message)) {
						system.add(SystemContentBlock.fromCachePoint(cachePoint(options)));
					}
				}
				case USER -> {
					List<ContentBlock> content = new ArrayList<>();
					if (message instanceof UserMessage user) {
						content.addAll(MediaBlocks.toContentBlocks(user, i,
								Boolean.TRUE.equals(options.getDocumentCitations())));
					}
					String text = message.getText();
					List<GuardrailConverseContentQualifier> qualifiers = guardQualifiers(message);
					content.add((qualifiers != null) ? ContentBlock.fromGuardContent(guardContent(text, qualifiers))
							: ContentBlock.fromText(text));
					append(messages, ConversationRole.USER, withCachePoint(content, message, options));
				}
				case ASSISTANT -> {
					append(messages, ConversationRole.ASSISTANT,
							withCachePoint(assistantContent(message, i), message, options));
				}
				case TOOL -> {
					// Converse carries tool results in a user turn.
					append(messages, ConversationRole.USER,
							withCachePoint(toolResults((ToolResponseMessage) message, i, options), message, options));
				}
			}
		}
		ToolConfiguration toolConfig = applyCacheStrategy(options, instructions, system, messages,
				toolConfig(options, tools));
		ModelFamily.ReasoningRequest reasoning = ModelFamily.of(options).reasoning(options.getReasoning());
		BedrockConverseGuardrail guardrail = options.getGuardrail();
		return ConverseRequest.builder()
			.modelId(options.getModel())
			.system(system.isEmpty() ? null : system)
			.messages(messages)
			.inferenceConfig(inferenceConfig(options))
			.toolConfig(toolConfig)
			.outputConfig(outputConfig(options, reasoning.outputEffort()))
			.additionalModelRequestFields(additionalModelRequestFields(options, reasoning))
			.additionalModelResponseFieldPaths(options.getAdditionalModelResponseFieldPaths())
			.requestMetadata(options.getRequestMetadata())
			.performanceConfig(performanceConfig(options.getPerformance()))
			.serviceTier(serviceTier(options.getPerformance()))
			.promptVariables(promptVariables(options))
			.guardrailConfig((guardrail != null) ? GuardrailConfiguration.builder()
				.guardrailIdentifier(guardrail.identifier())
				.guardrailVersion(guardrail.version())
				.trace(guardrail.trace())
				.build() : null)
			.build();
	}

	/**
	 * The guard-content qualifiers of a message marked with
	 * {@link BedrockConverseMetadata#GUARD_CONTENT} ({@code true} or a collection of
	 * qualifiers, checked by {@link PromptValidator}), or {@code null} when it is not
	 * marked.
	 * @param message the message
	 * @return the qualifiers (empty for {@code true}), or {@code null}
	 */
	private static @Nullable List<GuardrailConverseContentQualifier> guardQualifiers(Message message) {
		Object marker = message.getMetadata().get(BedrockConverseMetadata.GUARD_CONTENT);
		if (marker instanceof Collection<?> values) {
			return values.stream().map(ConverseRequestMapper::guardQualifier).toList();
		}
		return Boolean.TRUE.equals(marker) ? List.of() : null;
	}

	/**
	 * The qualifier a guard-content value names: a qualifier, or its name in any case.
	 * @param value the value
	 * @return the qualifier, {@code UNKNOWN_TO_SDK_VERSION} if it names none
	 */
	static GuardrailConverseContentQualifier guardQualifier(@Nullable Object value) {
		if (value instanceof GuardrailConverseContentQualifier qualifier) {
			return qualifier;
		}
		GuardrailConverseContentQualifier qualifier = (value != null)
				? GuardrailConverseContentQualifier.fromValue(String.valueOf(value).toLowerCase(Locale.ROOT)) : null;
		return (qualifier != null) ? qualifier : GuardrailConverseContentQualifier.UNKNOWN_TO_SDK_VERSION;
	}

	private static GuardrailConverseContentBlock guardContent(String text,
			List<GuardrailConverseContentQualifier> qualifiers) {
		GuardrailConverseTextBlock.Builder block = GuardrailConverseTextBlock.builder().text(text);
		if (!qualifiers.isEmpty()) {
			block.qualifiers(qualifiers);
		}
		return GuardrailConverseContentBlock.fromText(block.build());
	}

	private static List<ContentBlock> withCachePoint(List<ContentBlock> content, Message message,
			BedrockConverseChatOptions options) {
		if (!CachePoints.isMarked(message)) {
			return content;
		}
		List<ContentBlock> withPoint = new ArrayList<>(content);
		withPoint.add(ContentBlock.fromCachePoint(cachePoint(options)));
		return withPoint;
	}

	private static CachePointBlock cachePoint(BedrockConverseChatOptions options) {
		CachePointBlock.Builder builder = CachePointBlock.builder().type(CachePointType.DEFAULT);
		if (options.getCacheTtl() != null) {
			builder.ttl(options.getCacheTtl().equals(Duration.ofHours(1)) ? CacheTTL.VALUE_1_H : CacheTTL.VALUE_5_M);
		}
		return builder.build();
	}

	/**
	 * Add the strategy's cache points where {@link CachePoints} puts them (marked
	 * messages have theirs already).
	 * @param options the merged options
	 * @param instructions the prompt's messages
	 * @param system the system blocks, to which a cache point may be added
	 * @param messages the mapped turns, whose last one may get a cache point
	 * @param toolConfig the tool configuration, or {@code null}
	 * @return the tool configuration, with a cache point after the tools if the strategy
	 * asks for one
	 */
	private static @Nullable ToolConfiguration applyCacheStrategy(BedrockConverseChatOptions options,
			List<Message> instructions, List<SystemContentBlock> system,
			List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages,
			@Nullable ToolConfiguration toolConfig) {
		if (CachePoints.strategy(options) == BedrockConverseCacheStrategy.NONE) {
			return toolConfig;
		}
		CachePoints cachePoints = CachePoints.of(instructions, options, toolConfig != null);
		if (cachePoints.afterSystem()) {
			system.add(SystemContentBlock.fromCachePoint(cachePoint(options)));
		}
		if (cachePoints.afterLastMessage()) {
			int last = messages.size() - 1;
			var message = messages.get(last);
			List<ContentBlock> withPoint = new ArrayList<>(message.content());
			withPoint.add(ContentBlock.fromCachePoint(cachePoint(options)));
			messages.set(last, message.toBuilder().content(withPoint).build());
		}
		if (!cachePoints.afterTools()) {
			return toolConfig;
		}
		List<Tool> withPoint = new ArrayList<>(toolConfig.tools());
		withPoint.add(Tool.fromCachePoint(cachePoint(options)));
		return toolConfig.toBuilder().tools(withPoint).build();
	}

	/**
	 * The assistant's text (if any) followed by one {@code toolUse} block per tool call.
	 * @param message the message
	 * @param index the index
	 * @return the assistant's text (if any) followed by one {@code toolUse} block per
	 * tool call
	 */
	private static List<ContentBlock> assistantContent(Message message, int index) {
		List<ContentBlock> content = new ArrayList<>(reasoningContent(message));
		content.addAll(serverToolContent(message));
		String text = message.getText();
		if (text != null && !text.isBlank()) {
			List<BedrockConverseCitation> citations = citations(message);
			content.add(citations.isEmpty() ? ContentBlock.fromText(text)
					: ContentBlock.fromCitationsContent(CitationsContentBlock.builder()
						.content(CitationGeneratedContent.fromText(text))
						.citations(citations.stream().map(Citations::toSdk).toList())
						.build()));
		}
		if (message instanceof AssistantMessage assistant) {
			for (AssistantMessage.ToolCall toolCall : assistant.getToolCalls()) {
				String arguments = toolCall.arguments();
				// Arguments that are not JSON fail in this conversion (see
				// toConverseRequest).
				Document input = (arguments == null || arguments.isBlank()) ? Document.mapBuilder().build()
						: JsonDocuments.fromJson(arguments,
								"The arguments of tool call '" + toolCall.id() + "' in message " + index);
				content.add(ContentBlock.fromToolUse(
						ToolUseBlock.builder().toolUseId(toolCall.id()).name(toolCall.name()).input(input).build()));
			}
		}
		return content;
	}

	/**
	 * The message's reasoning blocks, sent back first and with their signatures: models
	 * that reason before calling a tool require that on the next turn.
	 * @param message the message
	 * @return the message's reasoning blocks, sent back first and with their signatures
	 */
	private static List<ContentBlock> reasoningContent(Message message) {
		Object blocks = message.getMetadata().get(BedrockConverseMetadata.REASONING_CONTENT);
		List<ContentBlock> content = new ArrayList<>();
		if (blocks instanceof List<?> list) {
			for (Object block : list) {
				if (block instanceof BedrockConverseReasoning reasoning) {
					content.add(ContentBlock.fromReasoningContent(reasoning.isRedacted()
							? ReasoningContentBlock
								.fromRedactedContent(SdkBytes.fromByteArray(reasoning.redactedContent()))
							: ReasoningContentBlock.fromReasoningText(ReasoningTextBlock.builder()
								.text(reasoning.text())
								.signature(reasoning.signature())
								.build())));
				}
			}
		}
		return content;
	}

	/**
	 * The server-side tool uses and results of an assistant message
	 * ({@link BedrockConverseMetadata#SERVER_TOOL_CONTENT}), sent back intact.
	 * @param message the message
	 * @return the blocks, in the order the model returned them
	 */
	private static List<ContentBlock> serverToolContent(Message message) {
		Object blocks = message.getMetadata().get(BedrockConverseMetadata.SERVER_TOOL_CONTENT);
		List<ContentBlock> content = new ArrayList<>();
		if (blocks instanceof List<?> list) {
			list.stream().filter(ContentBlock.class::isInstance).map(ContentBlock.class::cast).forEach(content::add);
		}
		return content;
	}

	/**
	 * The citations of an assistant message ({@link BedrockConverseMetadata#CITATIONS}),
	 * sent back with its text as {@code citationsContent}.
	 * @param message the message
	 * @return the citations, empty if none
	 */
	private static List<BedrockConverseCitation> citations(Message message) {
		Object citations = message.getMetadata().get(BedrockConverseMetadata.CITATIONS);
		if (!(citations instanceof List<?> list)) {
			return List.of();
		}
		return list.stream()
			.filter(BedrockConverseCitation.class::isInstance)
			.map(BedrockConverseCitation.class::cast)
			.toList();
	}

	private static List<ContentBlock> toolResults(ToolResponseMessage message, int index,
			BedrockConverseChatOptions options) {
		Set<String> failed = failedToolCallIds(message);
		List<ContentBlock> content = new ArrayList<>();
		for (ToolResponseMessage.ToolResponse response : message.getResponses()) {
			ToolResultBlock.Builder result = ToolResultBlock.builder()
				.toolUseId(response.id())
				.content(toolResultContent(response.responseData(), toolResultLabel(response, index),
						Boolean.TRUE.equals(options.getDocumentCitations())));
			if (failed.contains(response.id())) {
				result.status(ToolResultStatus.ERROR);
			}
			content.add(ContentBlock.fromToolResult(result.build()));
		}
		return content;
	}

	private static Set<String> failedToolCallIds(ToolResponseMessage message) {
		Object ids = message.getMetadata().get(BedrockConverseMetadata.FAILED_TOOL_CALL_IDS);
		Set<String> failed = new HashSet<>();
		if (ids instanceof Collection<?> collection) {
			collection.forEach((id) -> failed.add(String.valueOf(id)));
		}
		else if (ids instanceof String id) {
			failed.add(id);
		}
		return failed;
	}

	/**
	 * How a tool result is named in errors.
	 * @param response the tool response
	 * @param index the index of its message in the prompt
	 * @return the label
	 */
	static String toolResultLabel(ToolResponseMessage.ToolResponse response, int index) {
		return "The result of tool call '" + response.id() + "' in message " + index;
	}

	/**
	 * A {@link dev.bedrockconverse.chat.BedrockConverseToolResult} envelope goes as its
	 * text, media and search-result blocks; other JSON objects and arrays go as
	 * {@code json}; a JSON string (Spring AI serializes a tool's String result as one) as
	 * its text; anything else as text.
	 * @param data the data
	 * @param where the tool result, for errors
	 * @param citations whether documents are sent with citations enabled
	 * @return the tool result content
	 */
	private static List<ToolResultContentBlock> toolResultContent(@Nullable String data, String where,
			boolean citations) {
		String text = (data != null) ? data : "";
		JsonNode node = JsonDocuments.tryParse(text);
		List<Object> parts = ToolResultEnvelope.parts(node, where);
		if (parts != null) {
			return ToolResultEnvelope.toContent(parts, where, citations);
		}
		if (node != null && (node.isObject() || node.isArray())) {
			return List.of(ToolResultContentBlock.fromJson(JsonDocuments.fromNode(node)));
		}
		if (node != null && node.isString()) {
			return List.of(ToolResultContentBlock.fromText(node.asString()));
		}
		return List.of(ToolResultContentBlock.fromText(text));
	}

	/**
	 * Append blocks, merging them into the previous message when the role repeats:
	 * Converse requires user and assistant turns to alternate, and merging keeps every
	 * block (tool results followed by a user text, or, when opted in, two user messages
	 * from chat memory; {@link PromptValidator} rejects other repeated roles first).
	 * @param messages the messages
	 * @param role the role
	 * @param blocks the blocks
	 */
	private static void append(List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages,
			ConversationRole role, List<ContentBlock> blocks) {
		int last = messages.size() - 1;
		if (last >= 0 && messages.get(last).role() == role) {
			var previous = messages.get(last);
			List<ContentBlock> content = new ArrayList<>(previous.content());
			content.addAll(blocks);
			messages.set(last, previous.toBuilder().content(content).build());
		}
		else {
			messages.add(software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
				.role(role)
				.content(blocks)
				.build());
		}
	}

	/**
	 * Only the fields the user set are sent, so Bedrock applies its own defaults to the
	 * rest.
	 * @param options the options
	 * @return the inference configuration: only the fields the user set are sent, so
	 * Bedrock applies its own defaults to the rest
	 */
	private static @Nullable InferenceConfiguration inferenceConfig(BedrockConverseChatOptions options) {
		if (options.getMaxTokens() == null && options.getTemperature() == null && options.getTopP() == null
				&& options.getStopSequences() == null) {
			return null;
		}
		InferenceConfiguration.Builder builder = InferenceConfiguration.builder();
		if (options.getMaxTokens() != null) {
			builder.maxTokens(options.getMaxTokens());
		}
		if (options.getTemperature() != null) {
			builder.temperature(options.getTemperature().floatValue());
		}
		if (options.getTopP() != null) {
			builder.topP(options.getTopP().floatValue());
		}
		if (options.getStopSequences() != null) {
			builder.stopSequences(options.getStopSequences());
		}
		return builder.build();
	}

	/**
	 * Whether the request has a tool configuration: the structured-output tool, or the
	 * options' tools.
	 * @param options the merged options
	 * @param tools the definitions of the options' tools
	 * @return whether {@code toolConfig} is sent
	 */
	static boolean hasToolConfig(BedrockConverseChatOptions options, List<ToolDefinition> tools) {
		return usesStructuredOutputTool(options) || !tools.isEmpty() || !systemTools(options).isEmpty();
	}

	/**
	 * The {@code systemTool} entries of {@code toolConfig.tools}, one per name of
	 * {@link BedrockConverseChatOptions#getSystemTools()}.
	 * @param options the merged options
	 * @return the tools, empty if none
	 */
	private static List<Tool> systemTools(BedrockConverseChatOptions options) {
		List<String> names = options.getSystemTools();
		return (names != null)
				? names.stream().map((name) -> Tool.fromSystemTool(SystemTool.builder().name(name).build())).toList()
				: List.of();
	}

	private static @Nullable ToolConfiguration toolConfig(BedrockConverseChatOptions options,
			List<ToolDefinition> definitions) {
		if (!hasToolConfig(options, definitions)) {
			return null;
		}
		if (usesStructuredOutputTool(options)) {
			Tool tool = Tool.fromToolSpec(ToolSpecification.builder()
				.name(ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME)
				.description(Objects.requireNonNullElse(options.getOutputSchemaDescription(),
						"Answer with a JSON object that follows this tool's input schema."))
				.inputSchema(
						ToolInputSchema.fromJson(JsonDocuments.fromJson(options.getOutputSchema(), "outputSchema")))
				.build());
			List<Tool> tools = new ArrayList<>(List.of(tool));
			tools.addAll(systemTools(options));
			return ToolConfiguration.builder()
				.tools(tools)
				.toolChoice(ToolChoice.fromTool(
						SpecificToolChoice.builder().name(ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME).build()))
				.build();
		}
		List<Tool> tools = new ArrayList<>();
		for (ToolDefinition definition : definitions) {
			tools.add(Tool.fromToolSpec(ToolSpecification.builder()
				.name(definition.name())
				.description(definition.description())
				.inputSchema(ToolInputSchema.fromJson(JsonDocuments.fromJson(definition.inputSchema(),
						"The input schema of tool '" + definition.name() + "'")))
				.strict(options.getToolStrict())
				.build()));
		}
		tools.addAll(systemTools(options));
		ToolConfiguration.Builder builder = ToolConfiguration.builder().tools(tools);
		BedrockConverseToolChoice choice = options.getToolChoice();
		if (choice != null) {
			builder.toolChoice(switch (choice.mode()) {
				case AUTO -> ToolChoice.fromAuto(AutoToolChoice.builder().build());
				case ANY -> ToolChoice.fromAny(AnyToolChoice.builder().build());
				case TOOL -> ToolChoice.fromTool(SpecificToolChoice.builder().name(choice.toolName()).build());
			});
		}
		return builder.build();
	}

	/**
	 * The output configuration: the native structured output's JSON schema and the effort
	 * of the reasoning option (for the families that read {@code outputConfig.effort}).
	 * @param options the merged options
	 * @param effort the effort, or {@code null}
	 * @return the output configuration, or {@code null} when there is neither
	 */
	private static @Nullable OutputConfig outputConfig(BedrockConverseChatOptions options, @Nullable String effort) {
		OutputFormat textFormat = textFormat(options);
		if (textFormat == null && effort == null) {
			return null;
		}
		return OutputConfig.builder().textFormat(textFormat).effort(effort).build();
	}

	private static @Nullable OutputFormat textFormat(BedrockConverseChatOptions options) {
		String schema = options.getOutputSchema();
		if (schema == null || usesStructuredOutputTool(options)) {
			return null;
		}
		return OutputFormat.builder()
			.type("json_schema")
			.structure(OutputFormatStructure.builder()
				.jsonSchema(JsonSchemaDefinition.builder()
					.name(OUTPUT_SCHEMA_NAME)
					.schema(schema)
					.description(options.getOutputSchemaDescription())
					.build())
				.build())
			.build();
	}

	/**
	 * The explicit fields plus the fields the reasoning option adds for the model's
	 * family (which {@link PromptValidator} has checked the family takes and that do not
	 * collide with the explicit ones).
	 * @param options the merged options
	 * @param reasoning the reasoning option as the model's family reads it
	 * @return the fields, or {@code null} when there are none
	 */
	private static @Nullable Document additionalModelRequestFields(BedrockConverseChatOptions options,
			ModelFamily.ReasoningRequest reasoning) {
		Map<String, Object> explicit = options.getAdditionalModelRequestFields();
		if (explicit == null && reasoning.fields().isEmpty()) {
			return null;
		}
		Map<String, Object> fields = new LinkedHashMap<>((explicit != null) ? explicit : Map.of());
		fields.putAll(reasoning.fields());
		return fields.isEmpty() ? null : JsonDocuments.fromObject(fields, "additionalModelRequestFields");
	}

	private static @Nullable PerformanceConfiguration performanceConfig(Performance performance) {
		return (performance.latency() != null)
				? PerformanceConfiguration.builder().latency(performance.latency()).build() : null;
	}

	private static @Nullable ServiceTier serviceTier(Performance performance) {
		return (performance.tier() != null) ? ServiceTier.builder().type(performance.tier()).build() : null;
	}

	private static @Nullable Map<String, PromptVariableValues> promptVariables(BedrockConverseChatOptions options) {
		Map<String, String> variables = options.getPromptVariables();
		if (variables == null) {
			return null;
		}
		Map<String, PromptVariableValues> values = new LinkedHashMap<>();
		variables.forEach((name, value) -> values.put(name, PromptVariableValues.fromText(value)));
		return values;
	}

}
