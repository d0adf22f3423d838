package dev.bedrockconverse.chat.internal;

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
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.PromptRouterTrace;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTier;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseMetadata;

/**
 * Maps a Converse response to a Spring AI {@link ChatResponse}: one generation with the
 * assistant content (converted by {@link AssistantContent}, as the stream assembler does)
 * and the finish reason; metadata with the AWS request id, the model id, usage, Bedrock's
 * server-side latency and any additional model response fields. Its
 * {@link #response(String, String) response builder} is how the stream assembler builds
 * its responses too, so both paths produce identical metadata.
 */
public final class ConverseResponseMapper {

	private ConverseResponseMapper() {
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
		return toChatResponse(response, modelId, null, structuredOutputTool);
	}

	/**
	 * Map a Converse response that came from a known region.
	 * @param response the SDK response
	 * @param modelId the model id the request was sent with (Converse does not echo it)
	 * @param region the region that answered, for the
	 * {@link BedrockConverseMetadata#REGION} metadata, or {@code null} if unknown
	 * @param structuredOutputTool whether a use of the structured-output tool is the
	 * answer text (its input as JSON) rather than a tool call
	 * @return the chat response
	 */
	public static ChatResponse toChatResponse(ConverseResponse response, String modelId, @Nullable String region,
			boolean structuredOutputTool) {
		AssistantContent content = new AssistantContent(structuredOutputTool, true);
		if (response.output() != null && response.output().message() != null) {
			for (ContentBlock block : response.output().message().content()) {
				content.add(block);
			}
		}
		return response(modelId, (response.responseMetadata() != null) ? response.responseMetadata().requestId() : null)
			.region(region)
			.message(content.toMessage())
			.finishReason(FinishReasons.fromStopReason(response.stopReason(), response.stopReasonAsString()))
			.usage(response.usage())
			.latencyMs((response.metrics() != null) ? response.metrics().latencyMs() : null)
			.additionalModelResponseFields(response.additionalModelResponseFields())
			.citations(content.citations())
			.guardrailTrace((response.trace() != null) ? response.trace().guardrail() : null)
			.served(response.serviceTier(), response.performanceConfig(),
					(response.trace() != null) ? response.trace().promptRouter() : null)
			.build();
	}

	/**
	 * A copy of a response with one more response metadata entry (what the request
	 * preparation, not the answer, adds: the history repairs).
	 * @param response the response
	 * @param key the metadata key
	 * @param value the value
	 * @return the copy
	 */
	public static ChatResponse withMetadata(ChatResponse response, String key, Object value) {
		ChatResponseMetadata metadata = response.getMetadata();
		ChatResponseMetadata.Builder copy = ChatResponseMetadata.builder()
			.id(metadata.getId())
			.model(metadata.getModel())
			.usage(metadata.getUsage())
			.rateLimit(metadata.getRateLimit())
			.promptMetadata(metadata.getPromptMetadata());
		metadata.entrySet().forEach((entry) -> copy.keyValue(entry.getKey(), entry.getValue()));
		return new ChatResponse(response.getResults(), copy.keyValue(key, value).build());
	}

	/**
	 * Start a one-generation response; every part not set is absent.
	 * @param modelId the model id the request was sent with
	 * @param requestId the AWS request id, if known
	 * @return a builder whose message is an empty text until set
	 */
	public static ResponseBuilder response(String modelId, @Nullable String requestId) {
		return new ResponseBuilder(modelId, requestId);
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

	/**
	 * Builds a one-generation {@link ChatResponse} from named parts.
	 */
	public static final class ResponseBuilder {

		private final String modelId;

		private final @Nullable String requestId;

		private AssistantMessage message = new AssistantMessage("");

		private @Nullable String finishReason;

		private @Nullable TokenUsage usage;

		private @Nullable Long latencyMs;

		private @Nullable Document additionalModelResponseFields;

		private List<BedrockConverseCitation> citations = List.of();

		private @Nullable GuardrailTraceAssessment guardrailTrace;

		private @Nullable ServiceTier serviceTier;

		private @Nullable PerformanceConfiguration performanceConfig;

		private @Nullable String invokedModelId;

		private @Nullable String region;

		private ResponseBuilder(String modelId, @Nullable String requestId) {
			this.modelId = modelId;
			this.requestId = requestId;
		}

		/**
		 * The region that answered.
		 * @param region the region id, or {@code null} if unknown
		 * @return this builder
		 */
		public ResponseBuilder region(@Nullable String region) {
			this.region = region;
			return this;
		}

		/**
		 * The generation's message.
		 * @param message the message
		 * @return this builder
		 */
		public ResponseBuilder message(AssistantMessage message) {
			this.message = message;
			return this;
		}

		/**
		 * A text-less message carrying one metadata entry (streamed reasoning).
		 * @param key the metadata key
		 * @param value the value
		 * @return this builder
		 */
		public ResponseBuilder metadataMessage(String key, Object value) {
			return message(AssistantMessage.builder().content("").properties(Map.of(key, value)).build());
		}

		/**
		 * The finish reason.
		 * @param finishReason the reason, or {@code null}
		 * @return this builder
		 */
		public ResponseBuilder finishReason(@Nullable String finishReason) {
			this.finishReason = finishReason;
			return this;
		}

		/**
		 * Bedrock's token usage.
		 * @param usage the usage, or {@code null} ({@link EmptyUsage})
		 * @return this builder
		 */
		public ResponseBuilder usage(@Nullable TokenUsage usage) {
			this.usage = usage;
			return this;
		}

		/**
		 * Bedrock's server-side latency.
		 * @param latencyMs milliseconds, or {@code null}
		 * @return this builder
		 */
		public ResponseBuilder latencyMs(@Nullable Long latencyMs) {
			this.latencyMs = latencyMs;
			return this;
		}

		/**
		 * The requested model-specific response fields.
		 * @param fields the fields, or {@code null}
		 * @return this builder
		 */
		public ResponseBuilder additionalModelResponseFields(@Nullable Document fields) {
			this.additionalModelResponseFields = fields;
			return this;
		}

		/**
		 * The citations of the answer.
		 * @param citations the citations
		 * @return this builder
		 */
		public ResponseBuilder citations(List<BedrockConverseCitation> citations) {
			this.citations = citations;
			return this;
		}

		/**
		 * The guardrail trace.
		 * @param guardrailTrace the trace, or {@code null}
		 * @return this builder
		 */
		public ResponseBuilder guardrailTrace(@Nullable GuardrailTraceAssessment guardrailTrace) {
			this.guardrailTrace = guardrailTrace;
			return this;
		}

		/**
		 * How Bedrock served the request: the service tier, the performance (latency)
		 * configuration, and, behind a prompt router, the model that answered (which then
		 * becomes the response's model).
		 * @param serviceTier the service tier, or {@code null}
		 * @param performanceConfig the performance configuration, or {@code null}
		 * @param promptRouter the prompt router trace, or {@code null}
		 * @return this builder
		 */
		public ResponseBuilder served(@Nullable ServiceTier serviceTier,
				@Nullable PerformanceConfiguration performanceConfig, @Nullable PromptRouterTrace promptRouter) {
			this.serviceTier = serviceTier;
			this.performanceConfig = performanceConfig;
			this.invokedModelId = (promptRouter != null) ? promptRouter.invokedModelId() : null;
			return this;
		}

		/**
		 * Build the response.
		 * @return the response
		 */
		public ChatResponse build() {
			ChatGenerationMetadata.Builder generationMetadata = ChatGenerationMetadata.builder();
			if (this.finishReason != null) {
				generationMetadata.finishReason(this.finishReason);
			}
			Generation generation = new Generation(this.message, generationMetadata.build());
			ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
				.model((this.invokedModelId != null) ? this.invokedModelId : this.modelId)
				.usage(toUsage(this.usage));
			if (this.requestId != null) {
				metadata.id(this.requestId);
			}
			if (this.region != null) {
				metadata.keyValue(BedrockConverseMetadata.REGION, this.region);
			}
			if (this.latencyMs != null) {
				metadata.keyValue(BedrockConverseMetadata.LATENCY_MS, this.latencyMs);
			}
			if (this.additionalModelResponseFields != null && !this.additionalModelResponseFields.isNull()) {
				Object fields = JsonDocuments.toObject(this.additionalModelResponseFields);
				if (fields != null) {
					metadata.keyValue(BedrockConverseMetadata.ADDITIONAL_MODEL_RESPONSE_FIELDS, fields);
				}
			}
			if (!this.citations.isEmpty()) {
				metadata.keyValue(BedrockConverseMetadata.CITATIONS, List.copyOf(this.citations));
			}
			if (this.guardrailTrace != null) {
				metadata.keyValue(BedrockConverseMetadata.GUARDRAIL_TRACE, this.guardrailTrace);
			}
			if (this.serviceTier != null && this.serviceTier.typeAsString() != null) {
				metadata.keyValue(BedrockConverseMetadata.SERVICE_TIER, this.serviceTier.typeAsString());
			}
			if (this.performanceConfig != null && this.performanceConfig.latencyAsString() != null) {
				metadata.keyValue(BedrockConverseMetadata.PERFORMANCE_CONFIG_LATENCY,
						this.performanceConfig.latencyAsString());
			}
			if (this.invokedModelId != null) {
				metadata.keyValue(BedrockConverseMetadata.PROMPT_ROUTER_INVOKED_MODEL_ID, this.invokedModelId);
			}
			return new ChatResponse(List.of(generation), metadata.build());
		}

	}

}
