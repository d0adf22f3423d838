package dev.bedrockconverse.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseReasoning;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.BedrockConverseMetadata;

/**
 * Maps a Converse response to a Spring AI {@link ChatResponse}: one generation with the
 * assistant text, its tool calls and the finish reason; metadata with the AWS request id,
 * the model id, usage, Bedrock's server-side latency and any additional model response
 * fields.
 */
public final class ConverseResponseMapper {

	/** The {@code type} of every tool call, as Spring AI's other models use it. */
	public static final String TOOL_CALL_TYPE = "function";

	private ConverseResponseMapper() {
	}

	/**
	 * Map a Converse response with no structured-output tool in play.
	 * @param response the SDK response
	 * @param modelId the model id the request was sent with (Converse does not echo it)
	 * @return the chat response
	 */
	public static ChatResponse toChatResponse(ConverseResponse response, String modelId) {
		return toChatResponse(response, modelId, false);
	}

	/**
	 * Map a Converse response.
	 * @param response the SDK response
	 * @param modelId the model id the request was sent with (Converse does not echo it)
	 * @param structuredOutputTool whether a use of the structured-output tool is the
	 * answer text (its input as JSON) rather than a tool call
	 * @return the chat response
	 */
	public static ChatResponse toChatResponse(ConverseResponse response, String modelId, boolean structuredOutputTool) {
		StringBuilder text = new StringBuilder();
		List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
		List<BedrockConverseReasoning> reasoning = new ArrayList<>();
		List<BedrockConverseCitation> citations = new ArrayList<>();
		if (response.output() != null && response.output().message() != null) {
			for (ContentBlock block : response.output().message().content()) {
				if (block.text() != null) {
					text.append(block.text());
				}
				else if (block.citationsContent() != null) {
					block.citationsContent().content().forEach((generated) -> text.append(generated.text()));
					block.citationsContent().citations().forEach((citation) -> citations.add(Citations.of(citation)));
				}
				else if (block.reasoningContent() != null) {
					ReasoningContentBlock content = block.reasoningContent();
					reasoning.add((content.redactedContent() != null)
							? BedrockConverseReasoning.redacted(content.redactedContent().asByteArray())
							: BedrockConverseReasoning.text(content.reasoningText().text(),
									content.reasoningText().signature()));
				}
				else if (block.toolUse() != null) {
					ToolUseBlock toolUse = block.toolUse();
					String arguments = JsonDocuments.toJson(toolUse.input());
					if (structuredOutputTool
							&& ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME.equals(toolUse.name())) {
						text.append(arguments);
					}
					else {
						toolCalls.add(toolCall(toolUse.toolUseId(), toolUse.name(), arguments));
					}
				}
			}
		}
		String finishReason = FinishReasons.fromStopReason(response.stopReason(), response.stopReasonAsString());
		Long latencyMs = (response.metrics() != null) ? response.metrics().latencyMs() : null;
		String requestId = (response.responseMetadata() != null) ? response.responseMetadata().requestId() : null;
		GuardrailTraceAssessment guardrailTrace = (response.trace() != null) ? response.trace().guardrail() : null;
		return chatResponse(message(text.toString(), toolCalls, reasoning), finishReason, requestId, modelId,
				response.usage(), latencyMs, response.additionalModelResponseFields(), citations, guardrailTrace);
	}

	public static AssistantMessage.ToolCall toolCall(String id, String name, String arguments) {
		return new AssistantMessage.ToolCall(id, TOOL_CALL_TYPE, name, arguments);
	}

	public static AssistantMessage message(String text, List<AssistantMessage.ToolCall> toolCalls) {
		return AssistantMessage.builder().content(text).toolCalls(toolCalls).build();
	}

	/** A message whose metadata carries the reasoning blocks, when there are any. */
	public static AssistantMessage message(String text, List<AssistantMessage.ToolCall> toolCalls,
			List<BedrockConverseReasoning> reasoning) {
		if (reasoning.isEmpty()) {
			return message(text, toolCalls);
		}
		return AssistantMessage.builder()
			.content(text)
			.toolCalls(toolCalls)
			.properties(Map.of(BedrockConverseMetadata.REASONING_CONTENT, List.copyOf(reasoning)))
			.build();
	}

	/** A text-less message carrying one metadata entry, for streamed reasoning. */
	public static AssistantMessage metadataMessage(String key, Object value) {
		return AssistantMessage.builder().content("").properties(Map.of(key, value)).build();
	}

	/**
	 * Build a one-generation text response; shared with the stream assembler so that both
	 * paths produce identical metadata.
	 */
	public static ChatResponse chatResponse(String text, @Nullable String finishReason, @Nullable String requestId,
			String modelId, @Nullable TokenUsage tokenUsage, @Nullable Long latencyMs) {
		return chatResponse(new AssistantMessage(text), finishReason, requestId, modelId, tokenUsage, latencyMs, null);
	}

	/**
	 * Build a one-generation response; shared with the stream assembler so that both
	 * paths produce identical metadata.
	 */
	public static ChatResponse chatResponse(AssistantMessage message, @Nullable String finishReason,
			@Nullable String requestId, String modelId, @Nullable TokenUsage tokenUsage, @Nullable Long latencyMs,
			@Nullable Document additionalModelResponseFields) {
		return chatResponse(message, finishReason, requestId, modelId, tokenUsage, latencyMs,
				additionalModelResponseFields, List.of(), null);
	}

	/**
	 * Build a one-generation response with citations and a guardrail trace; shared with
	 * the stream assembler so that both paths produce identical metadata.
	 */
	public static ChatResponse chatResponse(AssistantMessage message, @Nullable String finishReason,
			@Nullable String requestId, String modelId, @Nullable TokenUsage tokenUsage, @Nullable Long latencyMs,
			@Nullable Document additionalModelResponseFields, List<BedrockConverseCitation> citations,
			@Nullable GuardrailTraceAssessment guardrailTrace) {
		ChatGenerationMetadata.Builder generationMetadata = ChatGenerationMetadata.builder();
		if (finishReason != null) {
			generationMetadata.finishReason(finishReason);
		}
		Generation generation = new Generation(message, generationMetadata.build());
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.model(modelId)
			.usage(toUsage(tokenUsage));
		if (requestId != null) {
			metadata.id(requestId);
		}
		if (latencyMs != null) {
			metadata.keyValue(BedrockConverseMetadata.LATENCY_MS, latencyMs);
		}
		if (additionalModelResponseFields != null && !additionalModelResponseFields.isNull()) {
			Object fields = JsonDocuments.toObject(additionalModelResponseFields);
			if (fields != null) {
				metadata.keyValue(BedrockConverseMetadata.ADDITIONAL_MODEL_RESPONSE_FIELDS, fields);
			}
		}
		if (!citations.isEmpty()) {
			metadata.keyValue(BedrockConverseMetadata.CITATIONS, List.copyOf(citations));
		}
		if (guardrailTrace != null) {
			metadata.keyValue(BedrockConverseMetadata.GUARDRAIL_TRACE, guardrailTrace);
		}
		return new ChatResponse(List.of(generation), metadata.build());
	}

	/**
	 * Map Bedrock token usage, keeping the SDK object as native usage.
	 * @param tokenUsage the usage, or {@code null}
	 * @return the Spring AI usage ({@link EmptyUsage} when Bedrock reported none)
	 */
	public static Usage toUsage(@Nullable TokenUsage tokenUsage) {
		if (tokenUsage == null) {
			return new EmptyUsage();
		}
		return new DefaultUsage(tokenUsage.inputTokens(), tokenUsage.outputTokens(), tokenUsage.totalTokens(),
				tokenUsage, toLong(tokenUsage.cacheReadInputTokens()), toLong(tokenUsage.cacheWriteInputTokens()));
	}

	private static @Nullable Long toLong(@Nullable Integer value) {
		return (value != null) ? value.longValue() : null;
	}

}
