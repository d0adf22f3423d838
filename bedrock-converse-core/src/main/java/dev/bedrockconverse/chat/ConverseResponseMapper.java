package dev.bedrockconverse.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Maps a Converse response to a Spring AI {@link ChatResponse}: one generation with the
 * assistant text and finish reason; metadata with the AWS request id, the model id,
 * usage and Bedrock's server-side latency.
 */
final class ConverseResponseMapper {

	/** Metadata key for Bedrock's server-side latency in milliseconds. */
	static final String LATENCY_MS = "latencyMs";

	private ConverseResponseMapper() {
	}

	/**
	 * Map a Converse response.
	 * @param response the SDK response
	 * @param modelId the model id the request was sent with (Converse does not echo it)
	 * @return the chat response
	 */
	static ChatResponse toChatResponse(ConverseResponse response, String modelId) {
		StringBuilder text = new StringBuilder();
		if (response.output() != null && response.output().message() != null) {
			for (ContentBlock block : response.output().message().content()) {
				// Only text is requested; other block types (e.g. reasoning) are not mapped yet.
				if (block.text() != null) {
					text.append(block.text());
				}
			}
		}
		String finishReason = FinishReasons.fromStopReason(response.stopReason(), response.stopReasonAsString());
		Long latencyMs = (response.metrics() != null) ? response.metrics().latencyMs() : null;
		String requestId = (response.responseMetadata() != null) ? response.responseMetadata().requestId() : null;
		return chatResponse(text.toString(), finishReason, requestId, modelId,
				response.usage(), latencyMs);
	}

	/**
	 * Build a one-generation response; shared with the stream assembler so that both
	 * paths produce identical metadata.
	 */
	static ChatResponse chatResponse(String text, @Nullable String finishReason, @Nullable String requestId,
			String modelId, @Nullable TokenUsage tokenUsage, @Nullable Long latencyMs) {
		ChatGenerationMetadata.Builder generationMetadata = ChatGenerationMetadata.builder();
		if (finishReason != null) {
			generationMetadata.finishReason(finishReason);
		}
		Generation generation = new Generation(new AssistantMessage(text), generationMetadata.build());
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.model(modelId)
			.usage(toUsage(tokenUsage));
		if (requestId != null) {
			metadata.id(requestId);
		}
		if (latencyMs != null) {
			metadata.keyValue(LATENCY_MS, latencyMs);
		}
		return new ChatResponse(List.of(generation), metadata.build());
	}

	/**
	 * Map Bedrock token usage, keeping the SDK object as native usage.
	 * @param tokenUsage the usage, or {@code null}
	 * @return the Spring AI usage ({@link EmptyUsage} when Bedrock reported none)
	 */
	static Usage toUsage(@Nullable TokenUsage tokenUsage) {
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
