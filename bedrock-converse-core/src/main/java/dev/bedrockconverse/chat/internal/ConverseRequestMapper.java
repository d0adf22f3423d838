package dev.bedrockconverse.chat.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
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
import dev.bedrockconverse.chat.BedrockConverseGuardrail;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseReasoning;
import dev.bedrockconverse.chat.BedrockConverseToolChoice;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.StructuredOutputMode;

/**
 * Maps a Spring AI {@link Prompt} plus the merged options (and the resolved tool
 * definitions) to a Converse request, and derives the ConverseStream request from it. The
 * conversation must have passed {@link PromptValidator} (model id, roles, alternation,
 * text, tool results, media): the mapper assumes those rules hold. What it still rejects
 * depends on the mapping itself: guard-content qualifiers, the cache-point limit, the
 * tool configuration and reasoning fields that collide with explicit ones.
 */
public final class ConverseRequestMapper {

	private static final String GUARDRAIL_CONFIG = "guardrailConfig";

	private static final String STREAM_PROCESSING_MODE = "streamProcessingMode";

	/** Bedrock's limit on cache points per request. */
	public static final int MAX_CACHE_POINTS = 4;

	/** The name of the JSON schema sent in {@code outputConfig.textFormat}. */
	public static final String OUTPUT_SCHEMA_NAME = "structured_output";

	private ConverseRequestMapper() {
	}

	/**
	 * Map to a Converse request. The prompt must have passed {@link PromptValidator}.
	 * @param prompt the prompt
	 * @param options the merged options (prompt over defaults)
	 * @param tools the definitions of the options' tools
	 * @return the request
	 * @throws IllegalArgumentException if the options cannot be sent with this prompt
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

	private static @Nullable Object valueOf(SdkPojo source, String memberName) {
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
					List<GuardrailConverseContentQualifier> qualifiers = guardQualifiers(message, i);
					system
						.add((qualifiers != null) ? SystemContentBlock.fromGuardContent(guardContent(text, qualifiers))
								: SystemContentBlock.fromText(text));
					if (hasCachePoint(message)) {
						system.add(SystemContentBlock.fromCachePoint(cachePoint(options)));
					}
				}
				case USER -> {
					List<ContentBlock> content = new ArrayList<>();
					if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
						content.addAll(MediaBlocks.toContentBlocks(user.getMedia(), i,
								Boolean.TRUE.equals(options.getDocumentCitations())));
					}
					String text = message.getText();
					List<GuardrailConverseContentQualifier> qualifiers = guardQualifiers(message, i);
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
							withCachePoint(toolResults((ToolResponseMessage) message), message, options));
				}
			}
		}
		ToolConfiguration toolConfig = applyCacheStrategy(options, instructions, system, messages,
				toolConfig(options, tools));
		BedrockConverseGuardrail guardrail = options.getGuardrail();
		return ConverseRequest.builder()
			.modelId(options.getModel())
			.system(system.isEmpty() ? null : system)
			.messages(messages)
			.inferenceConfig(inferenceConfig(options))
			.toolConfig(toolConfig)
			.outputConfig(outputConfig(options))
			.additionalModelRequestFields(additionalModelRequestFields(options))
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
	 * {@link BedrockConverseMetadata#GUARD_CONTENT}, or {@code null} when it is not
	 * marked.
	 * @param message the message
	 * @param index the index
	 * @return the guard-content qualifiers of a message marked with
	 * {@link BedrockConverseMetadata#GUARD_CONTENT}, or {@code null} when it is not
	 * marked
	 */
	private static @Nullable List<GuardrailConverseContentQualifier> guardQualifiers(Message message, int index) {
		Object marker = message.getMetadata().get(BedrockConverseMetadata.GUARD_CONTENT);
		if (marker == null || Boolean.FALSE.equals(marker)) {
			return null;
		}
		if (Boolean.TRUE.equals(marker)) {
			return List.of();
		}
		if (marker instanceof Collection<?> values) {
			List<GuardrailConverseContentQualifier> qualifiers = new ArrayList<>();
			for (Object value : values) {
				GuardrailConverseContentQualifier qualifier = (value instanceof GuardrailConverseContentQualifier q) ? q
						: GuardrailConverseContentQualifier
							.fromValue(String.valueOf(value).toLowerCase(java.util.Locale.ROOT));
				if (qualifier == null || qualifier == GuardrailConverseContentQualifier.UNKNOWN_TO_SDK_VERSION) {
					throw new IllegalArgumentException("Message " + index + " has the guard content qualifier '" + value
							+ "'; use grounding_source, query or guard_content");
				}
				qualifiers.add(qualifier);
			}
			return qualifiers;
		}
		throw new IllegalArgumentException("Message " + index + " has " + BedrockConverseMetadata.GUARD_CONTENT
				+ " metadata of type " + marker.getClass().getName() + "; use true or a collection of qualifiers");
	}

	private static GuardrailConverseContentBlock guardContent(String text,
			List<GuardrailConverseContentQualifier> qualifiers) {
		GuardrailConverseTextBlock.Builder block = GuardrailConverseTextBlock.builder().text(text);
		if (!qualifiers.isEmpty()) {
			block.qualifiers(qualifiers);
		}
		return GuardrailConverseContentBlock.fromText(block.build());
	}

	private static boolean hasCachePoint(Message message) {
		return Boolean.TRUE.equals(message.getMetadata().get(BedrockConverseMetadata.CACHE_POINT));
	}

	/**
	 * Whether no message is marked with {@link BedrockConverseMetadata#CACHE_POINT}.
	 * @param instructions the instructions
	 * @return whether no message is marked with
	 * {@link BedrockConverseMetadata#CACHE_POINT}
	 */
	private static boolean noCachePointMarked(List<Message> instructions) {
		for (Message message : instructions) {
			if (hasCachePoint(message)) {
				return false;
			}
		}
		return true;
	}

	private static List<ContentBlock> withCachePoint(List<ContentBlock> content, Message message,
			BedrockConverseChatOptions options) {
		if (!hasCachePoint(message)) {
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
	 * Add the strategy's cache points (where none is already) and check Bedrock's limit
	 * of four cache points per request.
	 * @param options the options
	 * @param instructions the instructions
	 * @param system the system
	 * @param messages the messages
	 * @param toolConfig the tool config
	 * @return the tool configuration, with a cache point after the tools if the strategy
	 * asks for one
	 */
	private static @Nullable ToolConfiguration applyCacheStrategy(BedrockConverseChatOptions options,
			List<Message> instructions, List<SystemContentBlock> system,
			List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages,
			@Nullable ToolConfiguration toolConfig) {
		BedrockConverseCacheStrategy strategy = (options.getCacheStrategy() != null) ? options.getCacheStrategy()
				: BedrockConverseCacheStrategy.NONE;
		if (strategy == BedrockConverseCacheStrategy.NONE && noCachePointMarked(instructions)) {
			// Nothing to add and nothing to count: skip the pipelines below on the common
			// path.
			return toolConfig;
		}
		boolean cacheSystem = strategy == BedrockConverseCacheStrategy.SYSTEM
				|| strategy == BedrockConverseCacheStrategy.SYSTEM_AND_TOOLS
				|| strategy == BedrockConverseCacheStrategy.CONVERSATION_HISTORY;
		boolean cacheTools = strategy == BedrockConverseCacheStrategy.TOOLS
				|| strategy == BedrockConverseCacheStrategy.SYSTEM_AND_TOOLS
				|| strategy == BedrockConverseCacheStrategy.CONVERSATION_HISTORY;
		if (cacheSystem && !system.isEmpty() && system.get(system.size() - 1).cachePoint() == null) {
			system.add(SystemContentBlock.fromCachePoint(cachePoint(options)));
		}
		ToolConfiguration tools = toolConfig;
		if (cacheTools && tools != null) {
			List<Tool> withPoint = new ArrayList<>(tools.tools());
			withPoint.add(Tool.fromCachePoint(cachePoint(options)));
			tools = tools.toBuilder().tools(withPoint).build();
		}
		if (strategy == BedrockConverseCacheStrategy.CONVERSATION_HISTORY) {
			int last = messages.size() - 1;
			var message = messages.get(last);
			List<ContentBlock> content = message.content();
			if (content.get(content.size() - 1).cachePoint() == null) {
				List<ContentBlock> withPoint = new ArrayList<>(content);
				withPoint.add(ContentBlock.fromCachePoint(cachePoint(options)));
				messages.set(last, message.toBuilder().content(withPoint).build());
			}
		}
		long count = system.stream().filter((block) -> block.cachePoint() != null).count();
		if (tools != null) {
			count += tools.tools().stream().filter((tool) -> tool.cachePoint() != null).count();
		}
		for (var message : messages) {
			count += message.content().stream().filter((block) -> block.cachePoint() != null).count();
		}
		if (count > MAX_CACHE_POINTS) {
			throw new IllegalArgumentException("The request would have " + count + " cache points (cache strategy "
					+ strategy + " plus messages marked with " + BedrockConverseMetadata.CACHE_POINT
					+ "); Bedrock allows at most " + MAX_CACHE_POINTS);
		}
		return tools;
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
		String text = message.getText();
		if (text != null && !text.isBlank()) {
			content.add(ContentBlock.fromText(text));
		}
		if (message instanceof AssistantMessage assistant) {
			for (AssistantMessage.ToolCall toolCall : assistant.getToolCalls()) {
				String arguments = toolCall.arguments();
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

	private static List<ContentBlock> toolResults(ToolResponseMessage message) {
		Set<String> failed = failedToolCallIds(message);
		List<ContentBlock> content = new ArrayList<>();
		for (ToolResponseMessage.ToolResponse response : message.getResponses()) {
			ToolResultBlock.Builder result = ToolResultBlock.builder()
				.toolUseId(response.id())
				.content(toolResultContent(response.responseData()));
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
	 * JSON objects and arrays go as {@code json}; a JSON string (Spring AI serializes a
	 * tool's String result as one) as its text; anything else as text.
	 * @param data the data
	 * @return the tool result content: JSON objects and arrays go as {@code json}; a JSON
	 * string (Spring AI serializes a tool's String result as one) as its text; anything
	 * else as text
	 */
	private static ToolResultContentBlock toolResultContent(@Nullable String data) {
		String text = (data != null) ? data : "";
		JsonNode node = JsonDocuments.tryParse(text);
		if (node != null && (node.isObject() || node.isArray())) {
			return ToolResultContentBlock.fromJson(JsonDocuments.fromNode(node));
		}
		if (node != null && node.isString()) {
			return ToolResultContentBlock.fromText(node.asString());
		}
		return ToolResultContentBlock.fromText(text);
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

	private static @Nullable ToolConfiguration toolConfig(BedrockConverseChatOptions options,
			List<ToolDefinition> definitions) {
		BedrockConverseToolChoice choice = options.getToolChoice();
		if (usesStructuredOutputTool(options)) {
			if (!definitions.isEmpty() || choice != null) {
				throw new IllegalArgumentException("structuredOutputMode TOOL forces the model to call the '"
						+ ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME
						+ "' tool, so it cannot be combined with other tools or a toolChoice; "
						+ "use structuredOutputMode NATIVE, or remove the tools");
			}
			Tool tool = Tool.fromToolSpec(ToolSpecification.builder()
				.name(ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME)
				.description("Answer with a JSON object that follows this tool's input schema.")
				.inputSchema(
						ToolInputSchema.fromJson(JsonDocuments.fromJson(options.getOutputSchema(), "outputSchema")))
				.build());
			return ToolConfiguration.builder()
				.tools(tool)
				.toolChoice(ToolChoice.fromTool(
						SpecificToolChoice.builder().name(ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME).build()))
				.build();
		}
		if (definitions.isEmpty()) {
			if (choice != null) {
				throw new IllegalArgumentException("toolChoice '" + choice
						+ "' is set but no tools are given; add tools (toolCallbacks) or remove the toolChoice");
			}
			return null;
		}
		Map<String, Tool> tools = new LinkedHashMap<>();
		for (ToolDefinition definition : definitions) {
			if (tools.containsKey(definition.name())) {
				throw new IllegalArgumentException(
						"Two tools are named '" + definition.name() + "'; Converse needs unique tool names");
			}
			tools.put(definition.name(),
					Tool.fromToolSpec(ToolSpecification.builder()
						.name(definition.name())
						.description(definition.description())
						.inputSchema(ToolInputSchema.fromJson(JsonDocuments.fromJson(definition.inputSchema(),
								"The input schema of tool '" + definition.name() + "'")))
						.strict(options.getToolStrict())
						.build()));
		}
		ToolConfiguration.Builder builder = ToolConfiguration.builder().tools(List.copyOf(tools.values()));
		if (choice != null) {
			builder.toolChoice(switch (choice.mode()) {
				case AUTO -> ToolChoice.fromAuto(AutoToolChoice.builder().build());
				case ANY -> ToolChoice.fromAny(AnyToolChoice.builder().build());
				case TOOL -> {
					if (!tools.containsKey(choice.toolName())) {
						throw new IllegalArgumentException("toolChoice forces the tool '" + choice.toolName()
								+ "', which is not among the tools " + tools.keySet());
					}
					yield ToolChoice.fromTool(SpecificToolChoice.builder().name(choice.toolName()).build());
				}
			});
		}
		return builder.build();
	}

	private static @Nullable OutputConfig outputConfig(BedrockConverseChatOptions options) {
		String schema = options.getOutputSchema();
		if (schema == null || usesStructuredOutputTool(options)) {
			return null;
		}
		return OutputConfig.builder()
			.textFormat(OutputFormat.builder()
				.type("json_schema")
				.structure(OutputFormatStructure.builder()
					.jsonSchema(JsonSchemaDefinition.builder().name(OUTPUT_SCHEMA_NAME).schema(schema).build())
					.build())
				.build())
			.build();
	}

	/**
	 * The explicit fields plus the first-class reasoning options, which must not collide
	 * with them.
	 * @param options the options
	 * @return the additional model request fields: the explicit fields plus the
	 * first-class reasoning options, which must not collide with them
	 */
	private static @Nullable Document additionalModelRequestFields(BedrockConverseChatOptions options) {
		Map<String, Object> explicit = options.getAdditionalModelRequestFields();
		Map<String, Object> fields = new LinkedHashMap<>((explicit != null) ? explicit : Map.of());
		if (options.getReasoningBudgetTokens() != null) {
			putReasoning(fields, "thinking",
					Map.of("type", "enabled", "budget_tokens", options.getReasoningBudgetTokens()),
					"reasoningBudgetTokens");
		}
		if (options.getReasoningEffort() != null) {
			putReasoning(fields, "reasoning_effort", options.getReasoningEffort(), "reasoningEffort");
		}
		return fields.isEmpty() ? null : JsonDocuments.fromObject(fields, "additionalModelRequestFields");
	}

	private static void putReasoning(Map<String, Object> fields, String key, Object value, String option) {
		if (fields.containsKey(key)) {
			throw new IllegalArgumentException(
					"Both '" + option + "' and additionalModelRequestFields." + key + " are set; set only one of them");
		}
		fields.put(key, value);
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
