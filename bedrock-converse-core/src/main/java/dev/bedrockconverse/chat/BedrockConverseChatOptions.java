package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;
import dev.bedrockconverse.chat.internal.JsonDocuments;
import dev.bedrockconverse.chat.internal.OptionsMerger;

/**
 * Immutable chat options for {@link ChatBedrockConverse}: the model id, the inference
 * parameters Converse understands (maxTokens, temperature, topP, stopSequences), tools
 * ({@link ToolCallingChatOptions}: tool callbacks and tool context, plus
 * {@link #getToolChoice() toolChoice}), structured output
 * ({@link StructuredOutputChatOptions}: an output JSON schema, plus
 * {@link #getStructuredOutputMode() structuredOutputMode}) and the rest of the Converse
 * request (additional model request fields and response field paths, request metadata,
 * performance latency, service tier, guardrail, prompt variables), and reasoning (budget
 * tokens, effort) sent through the additional model request fields, and prompt caching
 * (cache strategy and TTL) and document citations.
 * <p>
 * Tools are only described to the model here; running them is the job of Spring AI's
 * {@code ChatClient} tool-calling advisor (or of the caller), which sends the results
 * back as a {@code ToolResponseMessage}.
 * <p>
 * Converse has no topK, frequencyPenalty or presencePenalty. The getters for those always
 * return {@code null}, and the builder rejects any non-null value for them with an
 * {@link IllegalArgumentException}, so that an option the user set never silently does
 * nothing.
 * <p>
 * Every field may be {@code null} (collections: empty), meaning "not set": the model's
 * default options fill in only fields that a prompt's options leave unset.
 */
public final class BedrockConverseChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

	/** Bedrock's limit on {@code requestMetadata} entries. */
	static final int MAX_REQUEST_METADATA_ENTRIES = 16;

	/** Bedrock's documented pattern for {@code requestMetadata} keys and values. */
	private static final Pattern REQUEST_METADATA_CHARACTERS = Pattern.compile("[a-zA-Z0-9\\s:_@$#=/+,\\-.]*");

	private final @Nullable String model;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double temperature;

	private final @Nullable Double topP;

	private final @Nullable List<String> stopSequences;

	private final List<ToolCallback> toolCallbacks;

	private final Map<String, Object> toolContext;

	private final @Nullable BedrockConverseToolChoice toolChoice;

	private final @Nullable String outputSchema;

	private final @Nullable StructuredOutputMode structuredOutputMode;

	private final @Nullable Map<String, Object> additionalModelRequestFields;

	private final @Nullable List<String> additionalModelResponseFieldPaths;

	private final @Nullable Map<String, String> requestMetadata;

	private final @Nullable PerformanceConfigLatency performanceLatency;

	private final @Nullable ServiceTierType serviceTier;

	private final @Nullable BedrockConverseGuardrail guardrail;

	private final @Nullable Map<String, String> promptVariables;

	private final @Nullable Integer reasoningBudgetTokens;

	private final @Nullable String reasoningEffort;

	private final @Nullable BedrockConverseCacheStrategy cacheStrategy;

	private final @Nullable Duration cacheTtl;

	private final @Nullable Boolean documentCitations;

	private final @Nullable Boolean toolStrict;

	private BedrockConverseChatOptions(Builder builder) {
		this.model = builder.model;
		this.maxTokens = builder.maxTokens;
		this.temperature = builder.temperature;
		this.topP = builder.topP;
		this.stopSequences = builder.stopSequences;
		this.toolCallbacks = List.copyOf(builder.toolCallbacks);
		this.toolContext = Map.copyOf(builder.toolContext);
		this.toolChoice = builder.toolChoice;
		this.outputSchema = builder.outputSchema;
		this.structuredOutputMode = builder.structuredOutputMode;
		this.additionalModelRequestFields = builder.additionalModelRequestFields;
		this.additionalModelResponseFieldPaths = builder.additionalModelResponseFieldPaths;
		this.requestMetadata = builder.requestMetadata;
		this.performanceLatency = builder.performanceLatency;
		this.serviceTier = builder.serviceTier;
		this.guardrail = builder.guardrail;
		this.promptVariables = builder.promptVariables;
		this.reasoningBudgetTokens = builder.reasoningBudgetTokens;
		this.reasoningEffort = builder.reasoningEffort;
		this.cacheStrategy = builder.cacheStrategy;
		this.cacheTtl = builder.cacheTtl;
		this.documentCitations = builder.documentCitations;
		this.toolStrict = builder.toolStrict;
	}

	/**
	 * Create a builder with every field unset.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The Bedrock model id (or inference profile id / ARN, or Prompt Management prompt
	 * ARN) to send as {@code modelId}.
	 * @return the model id, or {@code null} if not set
	 */
	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * Converse has no frequency penalty.
	 * @return always {@code null}
	 */
	@Override
	public @Nullable Double getFrequencyPenalty() {
		return null;
	}

	/**
	 * The maximum number of tokens to generate ({@code inferenceConfig.maxTokens}).
	 * @return the max tokens, or {@code null} if not set
	 */
	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	/**
	 * Converse has no presence penalty.
	 * @return always {@code null}
	 */
	@Override
	public @Nullable Double getPresencePenalty() {
		return null;
	}

	/**
	 * The stop sequences ({@code inferenceConfig.stopSequences}).
	 * @return an unmodifiable list, or {@code null} if not set
	 */
	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	/**
	 * The sampling temperature ({@code inferenceConfig.temperature}).
	 * @return the temperature, or {@code null} if not set
	 */
	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	/**
	 * Converse has no top-k.
	 * @return always {@code null}
	 */
	@Override
	public @Nullable Integer getTopK() {
		return null;
	}

	/**
	 * The nucleus sampling probability ({@code inferenceConfig.topP}).
	 * @return the top-p, or {@code null} if not set
	 */
	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	/**
	 * The tools described to the model ({@code toolConfig.tools}); Spring AI's
	 * {@code ToolCallingManager} resolves their definitions and, in {@code ChatClient},
	 * runs them.
	 * @return an unmodifiable list, empty if none
	 */
	@Override
	public List<ToolCallback> getToolCallbacks() {
		return this.toolCallbacks;
	}

	/**
	 * Context handed to the tools when they run; never sent to Bedrock.
	 * @return an unmodifiable map, empty if none
	 */
	@Override
	public Map<String, Object> getToolContext() {
		return this.toolContext;
	}

	/**
	 * How the model must use the tools ({@code toolConfig.toolChoice}).
	 * @return the tool choice, or {@code null} for Bedrock's default (auto)
	 */
	public @Nullable BedrockConverseToolChoice getToolChoice() {
		return this.toolChoice;
	}

	/**
	 * The JSON schema the answer must follow, as set by Spring AI's native structured
	 * output support.
	 * @return the schema as JSON text, or {@code null} if not set
	 */
	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	/**
	 * How {@link #getOutputSchema()} is sent.
	 * @return the mode, or {@code null} for {@link StructuredOutputMode#NATIVE}
	 */
	public @Nullable StructuredOutputMode getStructuredOutputMode() {
		return this.structuredOutputMode;
	}

	/**
	 * Model-specific request fields ({@code additionalModelRequestFields}), e.g.
	 * {@code {"top_k": 50}} or {@code {"thinking": {"type": "enabled", "budget_tokens":
	 * 2048}}}.
	 * @return an unmodifiable nested map, or {@code null} if not set
	 */
	public @Nullable Map<String, Object> getAdditionalModelRequestFields() {
		return this.additionalModelRequestFields;
	}

	/**
	 * JSON pointers of model-specific response fields to return
	 * ({@code additionalModelResponseFieldPaths}), e.g. {@code /stop_sequence}.
	 * @return an unmodifiable list, or {@code null} if not set
	 */
	public @Nullable List<String> getAdditionalModelResponseFieldPaths() {
		return this.additionalModelResponseFieldPaths;
	}

	/**
	 * Request metadata for Bedrock's invocation logs ({@code requestMetadata}).
	 * @return an unmodifiable map, or {@code null} if not set
	 */
	public @Nullable Map<String, String> getRequestMetadata() {
		return this.requestMetadata;
	}

	/**
	 * The latency profile ({@code performanceConfig.latency}).
	 * @return the latency, or {@code null} if not set
	 */
	public @Nullable PerformanceConfigLatency getPerformanceLatency() {
		return this.performanceLatency;
	}

	/**
	 * The service tier ({@code serviceTier.type}).
	 * @return the tier, or {@code null} if not set
	 */
	public @Nullable ServiceTierType getServiceTier() {
		return this.serviceTier;
	}

	/**
	 * The guardrail to apply ({@code guardrailConfig}).
	 * @return the guardrail, or {@code null} if not set
	 */
	public @Nullable BedrockConverseGuardrail getGuardrail() {
		return this.guardrail;
	}

	/**
	 * Values for the variables of a Prompt Management prompt used as the model
	 * ({@code promptVariables}, each sent as {@code {"text": value}}).
	 * @return an unmodifiable map, or {@code null} if not set
	 */
	public @Nullable Map<String, String> getPromptVariables() {
		return this.promptVariables;
	}

	/**
	 * The token budget for extended thinking, sent as
	 * {@code additionalModelRequestFields.thinking = {"type": "enabled", "budget_tokens":
	 * n}} (the Anthropic Claude form).
	 * @return the budget, or {@code null} if not set
	 */
	public @Nullable Integer getReasoningBudgetTokens() {
		return this.reasoningBudgetTokens;
	}

	/**
	 * The reasoning effort, sent as {@code additionalModelRequestFields.reasoning_effort}
	 * (the form OpenAI models on Bedrock read), e.g. {@code low}, {@code medium},
	 * {@code high}.
	 * @return the effort, or {@code null} if not set
	 */
	public @Nullable String getReasoningEffort() {
		return this.reasoningEffort;
	}

	/**
	 * Where cache points are put automatically.
	 * @return the strategy, or {@code null} for none
	 */
	public @Nullable BedrockConverseCacheStrategy getCacheStrategy() {
		return this.cacheStrategy;
	}

	/**
	 * The time to live of every cache point: 5 minutes or 1 hour.
	 * @return the TTL, or {@code null} for Bedrock's default (5 minutes)
	 */
	public @Nullable Duration getCacheTtl() {
		return this.cacheTtl;
	}

	/**
	 * Whether documents are sent with citations enabled ({@code citations.enabled}), so
	 * the model cites them.
	 * @return whether citations are enabled, or {@code null} if not set (disabled)
	 */
	public @Nullable Boolean getDocumentCitations() {
		return this.documentCitations;
	}

	/**
	 * Whether every tool's input schema is enforced strictly ({@code toolSpec.strict}).
	 * @return the setting, or {@code null} if not set (Bedrock's default)
	 */
	public @Nullable Boolean getToolStrict() {
		return this.toolStrict;
	}

	/**
	 * A builder pre-filled with these options' values.
	 * @return a new builder
	 */
	@Override
	public Builder mutate() {
		return new Builder().model(this.model)
			.maxTokens(this.maxTokens)
			.temperature(this.temperature)
			.topP(this.topP)
			.stopSequences(this.stopSequences)
			.toolCallbacks(this.toolCallbacks)
			.toolContext(this.toolContext)
			.toolChoice(this.toolChoice)
			.outputSchema(this.outputSchema)
			.structuredOutputMode(this.structuredOutputMode)
			.additionalModelRequestFields(this.additionalModelRequestFields)
			.additionalModelResponseFieldPaths(this.additionalModelResponseFieldPaths)
			.requestMetadata(this.requestMetadata)
			.performanceLatency(this.performanceLatency)
			.serviceTier(this.serviceTier)
			.guardrail(this.guardrail)
			.promptVariables(this.promptVariables)
			.reasoningBudgetTokens(this.reasoningBudgetTokens)
			.reasoningEffort(this.reasoningEffort)
			.cacheStrategy(this.cacheStrategy)
			.cacheTtl(this.cacheTtl)
			.documentCitations(this.documentCitations)
			.toolStrict(this.toolStrict);
	}

	private Object[] values() {
		return new Object[] { this.model, this.maxTokens, this.temperature, this.topP, this.stopSequences,
				this.toolCallbacks, this.toolContext, this.toolChoice, this.outputSchema, this.structuredOutputMode,
				this.additionalModelRequestFields, this.additionalModelResponseFieldPaths, this.requestMetadata,
				this.performanceLatency, this.serviceTier, this.guardrail, this.promptVariables,
				this.reasoningBudgetTokens, this.reasoningEffort, this.cacheStrategy, this.cacheTtl,
				this.documentCitations, this.toolStrict };
	}

	/**
	 * Options are equal when all fields are equal (tool callbacks by their own equality).
	 * @param o the other object
	 * @return whether they are equal
	 */
	@Override
	public boolean equals(@Nullable Object o) {
		if (this == o) {
			return true;
		}
		return (o instanceof BedrockConverseChatOptions other) && Arrays.equals(values(), other.values());
	}

	/**
	 * A hash code consistent with {@link #equals(Object)}.
	 * @return the hash code
	 */
	@Override
	public int hashCode() {
		return Arrays.hashCode(values());
	}

	/**
	 * The fields, for logs and debugging. Tool callbacks are shown by name; tool context
	 * values, request metadata values and prompt variable values, which may be
	 * confidential, by key only.
	 * @return a description of these options
	 */
	@Override
	public String toString() {
		return "BedrockConverseChatOptions{model=" + this.model + ", maxTokens=" + this.maxTokens + ", temperature="
				+ this.temperature + ", topP=" + this.topP + ", stopSequences=" + this.stopSequences + ", tools="
				+ this.toolCallbacks.stream().map((callback) -> callback.getToolDefinition().name()).toList()
				+ ", toolContextKeys=" + this.toolContext.keySet() + ", toolChoice=" + this.toolChoice
				+ ", outputSchema=" + ((this.outputSchema != null) ? "(set)" : null) + ", structuredOutputMode="
				+ this.structuredOutputMode + ", additionalModelRequestFields=" + this.additionalModelRequestFields
				+ ", additionalModelResponseFieldPaths=" + this.additionalModelResponseFieldPaths
				+ ", requestMetadataKeys=" + ((this.requestMetadata != null) ? this.requestMetadata.keySet() : null)
				+ ", performanceLatency=" + this.performanceLatency + ", serviceTier=" + this.serviceTier
				+ ", guardrail=" + this.guardrail + ", promptVariableKeys="
				+ ((this.promptVariables != null) ? this.promptVariables.keySet() : null) + ", reasoningBudgetTokens="
				+ this.reasoningBudgetTokens + ", reasoningEffort=" + this.reasoningEffort + ", cacheStrategy="
				+ this.cacheStrategy + ", cacheTtl=" + this.cacheTtl + ", documentCitations=" + this.documentCitations
				+ ", toolStrict=" + this.toolStrict + "}";
	}

	/**
	 * Builder for {@link BedrockConverseChatOptions}. Not thread-safe.
	 */
	public static final class Builder
			implements ToolCallingChatOptions.Builder<Builder>, StructuredOutputChatOptions.Builder<Builder> {

		private @Nullable String model;

		private @Nullable Integer maxTokens;

		private @Nullable Double temperature;

		private @Nullable Double topP;

		private @Nullable List<String> stopSequences;

		private List<ToolCallback> toolCallbacks = List.of();

		private Map<String, Object> toolContext = Map.of();

		private @Nullable BedrockConverseToolChoice toolChoice;

		private @Nullable String outputSchema;

		private @Nullable StructuredOutputMode structuredOutputMode;

		private @Nullable Map<String, Object> additionalModelRequestFields;

		private @Nullable List<String> additionalModelResponseFieldPaths;

		private @Nullable Map<String, String> requestMetadata;

		private @Nullable PerformanceConfigLatency performanceLatency;

		private @Nullable ServiceTierType serviceTier;

		private @Nullable BedrockConverseGuardrail guardrail;

		private @Nullable Map<String, String> promptVariables;

		private @Nullable Integer reasoningBudgetTokens;

		private @Nullable String reasoningEffort;

		private @Nullable BedrockConverseCacheStrategy cacheStrategy;

		private @Nullable Duration cacheTtl;

		private @Nullable Boolean documentCitations;

		private @Nullable Boolean toolStrict;

		private Builder() {
		}

		/**
		 * A copy of this builder; changing one does not change the other.
		 * @return the copy
		 */
		@Override
		public Builder clone() {
			return build().mutate();
		}

		/**
		 * Set the Bedrock model id.
		 * @param model the model id, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Converse has no frequency penalty; only {@code null} is accepted.
		 * @param frequencyPenalty must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			rejectUnsupported("frequencyPenalty", frequencyPenalty);
			return this;
		}

		/**
		 * Set the maximum number of tokens to generate.
		 * @param maxTokens the max tokens, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Converse has no presence penalty; only {@code null} is accepted.
		 * @param presencePenalty must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			rejectUnsupported("presencePenalty", presencePenalty);
			return this;
		}

		/**
		 * Set the stop sequences (copied).
		 * @param stopSequences the stop sequences, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder stopSequences(@Nullable List<String> stopSequences) {
			this.stopSequences = (stopSequences != null) ? List.copyOf(stopSequences) : null;
			return this;
		}

		/**
		 * Set the sampling temperature.
		 * @param temperature the temperature, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Converse has no top-k; only {@code null} is accepted. (A model's own top-k can
		 * be sent through {@link #additionalModelRequestFields(Map)}.)
		 * @param topK must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder topK(@Nullable Integer topK) {
			rejectUnsupported("topK", topK);
			return this;
		}

		/**
		 * Set the nucleus sampling probability.
		 * @param topP the top-p, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder topP(@Nullable Double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Set the tools (copied); replaces any set before.
		 * @param toolCallbacks the tools, or {@code null} for none
		 * @return this builder
		 */
		@Override
		public Builder toolCallbacks(@Nullable List<ToolCallback> toolCallbacks) {
			List<ToolCallback> copy = (toolCallbacks != null) ? List.copyOf(toolCallbacks) : List.of();
			ToolCallingChatOptions.validateToolCallbacks(copy);
			this.toolCallbacks = copy;
			return this;
		}

		/**
		 * Set the tools; replaces any set before.
		 * @param toolCallbacks the tools
		 * @return this builder
		 */
		@Override
		public Builder toolCallbacks(ToolCallback... toolCallbacks) {
			return toolCallbacks(Arrays.asList(toolCallbacks));
		}

		/**
		 * Set the tool context (copied); replaces any set before.
		 * @param toolContext the context, or {@code null} for none
		 * @return this builder
		 */
		@Override
		public Builder toolContext(@Nullable Map<String, Object> toolContext) {
			this.toolContext = (toolContext != null) ? Map.copyOf(toolContext) : Map.of();
			return this;
		}

		/**
		 * Add one tool context entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		@Override
		public Builder toolContext(String key, Object value) {
			Map<String, Object> copy = new LinkedHashMap<>(this.toolContext);
			copy.put(key, value);
			this.toolContext = Map.copyOf(copy);
			return this;
		}

		/**
		 * Set how the model must use the tools.
		 * @param toolChoice the choice, or {@code null} for Bedrock's default (auto)
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable BedrockConverseToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Set the JSON schema the answer must follow.
		 * @param outputSchema the schema as JSON text, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if the text is not a JSON object
		 */
		@Override
		public Builder outputSchema(@Nullable String outputSchema) {
			if (outputSchema != null) {
				var node = JsonDocuments.tryParse(outputSchema);
				if (node == null || !node.isObject()) {
					throw new IllegalArgumentException("outputSchema must be a JSON schema object");
				}
			}
			this.outputSchema = outputSchema;
			return this;
		}

		/**
		 * Set how the output schema is sent.
		 * @param structuredOutputMode the mode, or {@code null} for
		 * {@link StructuredOutputMode#NATIVE}
		 * @return this builder
		 */
		public Builder structuredOutputMode(@Nullable StructuredOutputMode structuredOutputMode) {
			this.structuredOutputMode = structuredOutputMode;
			return this;
		}

		/**
		 * Set model-specific request fields (deep-copied; nested maps, lists, strings,
		 * numbers, booleans and nulls).
		 * @param fields the fields, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if a value has another type
		 */
		public Builder additionalModelRequestFields(@Nullable Map<String, ?> fields) {
			if (fields == null) {
				this.additionalModelRequestFields = null;
				return this;
			}
			// Converting now rejects unsupported value types when the option is set.
			JsonDocuments.fromObject(fields, "additionalModelRequestFields");
			@SuppressWarnings("unchecked")
			Map<String, Object> copy = (Map<String, Object>) deepCopy(fields);
			this.additionalModelRequestFields = copy;
			return this;
		}

		/**
		 * Set the JSON pointers of model-specific response fields to return.
		 * @param paths the paths, each starting with {@code /}, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if a path does not start with {@code /}
		 */
		public Builder additionalModelResponseFieldPaths(@Nullable List<String> paths) {
			if (paths != null) {
				for (String path : paths) {
					if (path == null || !path.startsWith("/")) {
						throw new IllegalArgumentException("additionalModelResponseFieldPaths entry '" + path
								+ "' is not a JSON pointer; write it like '/stop_sequence'");
					}
				}
			}
			this.additionalModelResponseFieldPaths = (paths != null) ? List.copyOf(paths) : null;
			return this;
		}

		/**
		 * Set the request metadata, checked against Bedrock's rules: at most 16 entries;
		 * keys 1 to 256 characters, values 0 to 256, of letters, digits, whitespace and
		 * {@code :_@$#=/+,-.}.
		 * @param requestMetadata the metadata, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException naming the offending entry
		 */
		public Builder requestMetadata(@Nullable Map<String, String> requestMetadata) {
			if (requestMetadata != null) {
				validateRequestMetadata(requestMetadata);
			}
			this.requestMetadata = (requestMetadata != null) ? Map.copyOf(requestMetadata) : null;
			return this;
		}

		/**
		 * Set the latency profile.
		 * @param performanceLatency {@code STANDARD} or {@code OPTIMIZED}, or
		 * {@code null} to unset
		 * @return this builder
		 */
		public Builder performanceLatency(@Nullable PerformanceConfigLatency performanceLatency) {
			if (performanceLatency == PerformanceConfigLatency.UNKNOWN_TO_SDK_VERSION) {
				throw new IllegalArgumentException("performanceLatency must be standard or optimized");
			}
			this.performanceLatency = performanceLatency;
			return this;
		}

		/**
		 * Set the service tier.
		 * @param serviceTier the tier, or {@code null} to unset
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable ServiceTierType serviceTier) {
			if (serviceTier == ServiceTierType.UNKNOWN_TO_SDK_VERSION) {
				throw new IllegalArgumentException("serviceTier must be priority, default, flex or reserved");
			}
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Set the guardrail to apply.
		 * @param guardrail the guardrail, or {@code null} to unset
		 * @return this builder
		 */
		public Builder guardrail(@Nullable BedrockConverseGuardrail guardrail) {
			this.guardrail = guardrail;
			return this;
		}

		/**
		 * Set values for the variables of a Prompt Management prompt.
		 * @param promptVariables variable name to text value, or {@code null} to unset
		 * @return this builder
		 */
		public Builder promptVariables(@Nullable Map<String, String> promptVariables) {
			this.promptVariables = (promptVariables != null) ? Map.copyOf(promptVariables) : null;
			return this;
		}

		/**
		 * Set the token budget for extended thinking (Anthropic Claude's
		 * {@code thinking.budget_tokens}, sent through additional model request fields).
		 * @param reasoningBudgetTokens a positive budget, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if the budget is not positive
		 */
		public Builder reasoningBudgetTokens(@Nullable Integer reasoningBudgetTokens) {
			if (reasoningBudgetTokens != null && reasoningBudgetTokens < 1) {
				throw new IllegalArgumentException(
						"reasoningBudgetTokens must be positive (Claude needs at least 1024), not "
								+ reasoningBudgetTokens);
			}
			this.reasoningBudgetTokens = reasoningBudgetTokens;
			return this;
		}

		/**
		 * Set the reasoning effort ({@code reasoning_effort}, sent through additional
		 * model request fields), e.g. {@code low}, {@code medium} or {@code high}.
		 * @param reasoningEffort the effort, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if it is blank
		 */
		public Builder reasoningEffort(@Nullable String reasoningEffort) {
			if (reasoningEffort != null && reasoningEffort.isBlank()) {
				throw new IllegalArgumentException("reasoningEffort must not be blank; use e.g. low, medium or high");
			}
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Set where cache points are put automatically.
		 * @param cacheStrategy the strategy, or {@code null} for none
		 * @return this builder
		 */
		public Builder cacheStrategy(@Nullable BedrockConverseCacheStrategy cacheStrategy) {
			this.cacheStrategy = cacheStrategy;
			return this;
		}

		/**
		 * Set the time to live of every cache point.
		 * @param cacheTtl 5 minutes or 1 hour, or {@code null} for Bedrock's default
		 * @return this builder
		 * @throws IllegalArgumentException for any other duration
		 */
		public Builder cacheTtl(@Nullable Duration cacheTtl) {
			if (cacheTtl != null && !cacheTtl.equals(Duration.ofMinutes(5)) && !cacheTtl.equals(Duration.ofHours(1))) {
				throw new IllegalArgumentException("cacheTtl must be 5m or 1h (Bedrock's cache TTLs), not " + cacheTtl);
			}
			this.cacheTtl = cacheTtl;
			return this;
		}

		/**
		 * Set whether documents are sent with citations enabled.
		 * @param documentCitations whether to enable citations, or {@code null} to unset
		 * @return this builder
		 */
		public Builder documentCitations(@Nullable Boolean documentCitations) {
			this.documentCitations = documentCitations;
			return this;
		}

		/**
		 * Set whether every tool's input schema is enforced strictly
		 * ({@code toolSpec.strict}).
		 * @param toolStrict the setting, or {@code null} for Bedrock's default
		 * @return this builder
		 */
		public Builder toolStrict(@Nullable Boolean toolStrict) {
			this.toolStrict = toolStrict;
			return this;
		}

		/**
		 * Overwrite this builder's fields with every set field of {@code other} (the
		 * Spring AI {@code combineWith} contract: {@code other} wins where it has a
		 * value). Works with any {@link ChatOptions.Builder}: tool callbacks and context
		 * are taken from any {@link ToolCallingChatOptions}, the output schema from any
		 * {@link StructuredOutputChatOptions}. A non-empty list of tool callbacks
		 * replaces this one's; tool context entries are merged, {@code other}'s winning.
		 * @param other the builder whose set values take precedence
		 * @return this builder
		 * @throws IllegalArgumentException if {@code other} sets topK, frequencyPenalty
		 * or presencePenalty, which Converse does not support
		 */
		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			return combineWith(other.build());
		}

		/**
		 * Same as {@link #combineWith(ChatOptions.Builder)}, from built options.
		 * @param that the options whose set values take precedence
		 * @return this builder
		 */
		private Builder combineWith(ChatOptions that) {
			// Go through the setters so unsupported options are rejected here too.
			topK(that.getTopK());
			frequencyPenalty(that.getFrequencyPenalty());
			presencePenalty(that.getPresencePenalty());
			if (that.getModel() != null) {
				model(that.getModel());
			}
			if (that.getMaxTokens() != null) {
				maxTokens(that.getMaxTokens());
			}
			if (that.getTemperature() != null) {
				temperature(that.getTemperature());
			}
			if (that.getTopP() != null) {
				topP(that.getTopP());
			}
			if (that.getStopSequences() != null) {
				stopSequences(that.getStopSequences());
			}
			if (that instanceof ToolCallingChatOptions tools) {
				if (tools.getToolCallbacks() != null && !tools.getToolCallbacks().isEmpty()) {
					toolCallbacks(tools.getToolCallbacks());
				}
				Map<String, Object> merged = ToolCallingChatOptions.mergeToolContext(tools.getToolContext(),
						this.toolContext);
				toolContext(merged);
			}
			if (that instanceof StructuredOutputChatOptions structured && structured.getOutputSchema() != null) {
				outputSchema(structured.getOutputSchema());
			}
			if (that instanceof BedrockConverseChatOptions bedrock) {
				combineBedrockFields(bedrock);
			}
			return this;
		}

		private void combineBedrockFields(BedrockConverseChatOptions that) {
			if (that.toolChoice != null) {
				this.toolChoice = that.toolChoice;
			}
			if (that.structuredOutputMode != null) {
				this.structuredOutputMode = that.structuredOutputMode;
			}
			if (that.additionalModelRequestFields != null) {
				this.additionalModelRequestFields = that.additionalModelRequestFields;
			}
			if (that.additionalModelResponseFieldPaths != null) {
				this.additionalModelResponseFieldPaths = that.additionalModelResponseFieldPaths;
			}
			if (that.requestMetadata != null) {
				this.requestMetadata = that.requestMetadata;
			}
			if (that.performanceLatency != null) {
				this.performanceLatency = that.performanceLatency;
			}
			if (that.serviceTier != null) {
				this.serviceTier = that.serviceTier;
			}
			if (that.guardrail != null) {
				this.guardrail = that.guardrail;
			}
			if (that.promptVariables != null) {
				this.promptVariables = that.promptVariables;
			}
			if (that.reasoningBudgetTokens != null) {
				this.reasoningBudgetTokens = that.reasoningBudgetTokens;
			}
			if (that.reasoningEffort != null) {
				this.reasoningEffort = that.reasoningEffort;
			}
			if (that.cacheStrategy != null) {
				this.cacheStrategy = that.cacheStrategy;
			}
			if (that.cacheTtl != null) {
				this.cacheTtl = that.cacheTtl;
			}
			if (that.documentCitations != null) {
				this.documentCitations = that.documentCitations;
			}
			if (that.toolStrict != null) {
				this.toolStrict = that.toolStrict;
			}
		}

		/**
		 * Build the immutable options.
		 * @return the options
		 */
		@Override
		public BedrockConverseChatOptions build() {
			return new BedrockConverseChatOptions(this);
		}

		private static void rejectUnsupported(String option, @Nullable Object value) {
			if (value != null) {
				throw new IllegalArgumentException(OptionsMerger.unsupportedMessage(option));
			}
		}

		private static void validateRequestMetadata(Map<String, String> metadata) {
			if (metadata.size() > MAX_REQUEST_METADATA_ENTRIES) {
				throw new IllegalArgumentException("requestMetadata has " + metadata.size()
						+ " entries; Bedrock accepts at most " + MAX_REQUEST_METADATA_ENTRIES);
			}
			for (Map.Entry<String, String> entry : metadata.entrySet()) {
				String key = entry.getKey();
				String value = entry.getValue();
				if (key == null || key.isEmpty() || key.length() > 256
						|| !REQUEST_METADATA_CHARACTERS.matcher(key).matches()) {
					throw new IllegalArgumentException("requestMetadata key '" + key
							+ "' is invalid: keys need 1 to 256 characters of letters, digits, whitespace and :_@$#=/+,-.");
				}
				if (value == null || value.length() > 256 || !REQUEST_METADATA_CHARACTERS.matcher(value).matches()) {
					throw new IllegalArgumentException("requestMetadata value of key '" + key
							+ "' is invalid: values need 0 to 256 characters of letters, digits, whitespace and :_@$#=/+,-.");
				}
			}
		}

		private static @Nullable Object deepCopy(@Nullable Object value) {
			if (value instanceof Map<?, ?> map) {
				Map<String, @Nullable Object> copy = new LinkedHashMap<>();
				map.forEach((key, element) -> copy.put(String.valueOf(key), deepCopy(element)));
				return java.util.Collections.unmodifiableMap(copy);
			}
			if (value instanceof List<?> list) {
				List<@Nullable Object> copy = new ArrayList<>();
				list.forEach((element) -> copy.add(deepCopy(element)));
				return java.util.Collections.unmodifiableList(copy);
			}
			return value;
		}

	}

}
