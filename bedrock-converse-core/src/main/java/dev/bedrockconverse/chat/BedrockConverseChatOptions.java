package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import dev.bedrockconverse.chat.internal.JsonDocuments;

/**
 * Immutable chat options for {@link ChatBedrockConverse}: the model id, the inference
 * parameters Converse understands (maxTokens, temperature, topP, stopSequences), tools
 * ({@link ToolCallingChatOptions}: tool callbacks and tool context, plus
 * {@link #getToolChoice() toolChoice}), structured output
 * ({@link StructuredOutputChatOptions}: an output JSON schema, plus
 * {@link #getStructuredOutputMode() structuredOutputMode}) and the rest of the Converse
 * request (additional model request fields and response field paths, request metadata,
 * performance latency, service tier, guardrail, prompt variables), reasoning (on, a
 * budget and/or an effort, or off, mapped per model family; the model family and the
 * overrides of its quirks), and prompt caching (cache strategy and TTL) and document
 * citations.
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
 * <p>
 * Related fields are kept in small value types that validate themselves when a builder
 * setter creates them ({@link Reasoning}, {@link Caching}, {@link ModelFields},
 * {@link RequestContext}, {@link Performance}, and {@link BedrockConverseGuardrail}); the
 * builder keeps one flat setter per option. A new request option is a field (or a value
 * type component) here, a line in the request mapper, and a property.
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

	private final @Nullable Boolean toolStrict;

	private final @Nullable String outputSchema;

	private final @Nullable String outputSchemaDescription;

	private final @Nullable StructuredOutputMode structuredOutputMode;

	private final @Nullable BedrockConverseGuardrail guardrail;

	private final @Nullable Boolean documentCitations;

	private final @Nullable List<String> systemTools;

	private final Reasoning reasoning;

	private final @Nullable String modelFamily;

	private final Map<String, BedrockConverseModelQuirks> modelQuirks;

	private final Caching caching;

	private final ModelFields modelFields;

	private final RequestContext requestContext;

	private final Performance performance;

	private final Tenant tenant;

	private BedrockConverseChatOptions(Builder builder, Builder.Common common) {
		this.model = common.model();
		this.maxTokens = common.maxTokens();
		this.temperature = common.temperature();
		this.topP = common.topP();
		this.stopSequences = (common.stopSequences() != null) ? List.copyOf(common.stopSequences()) : null;
		this.toolCallbacks = (common.toolCallbacks() != null) ? List.copyOf(common.toolCallbacks()) : List.of();
		this.toolContext = (common.toolContext() != null) ? Map.copyOf(common.toolContext()) : Map.of();
		this.toolChoice = builder.toolChoice;
		this.toolStrict = builder.toolStrict;
		this.outputSchema = builder.outputSchema;
		this.outputSchemaDescription = builder.outputSchemaDescription;
		this.structuredOutputMode = builder.structuredOutputMode;
		this.guardrail = builder.guardrail;
		this.documentCitations = builder.documentCitations;
		this.systemTools = builder.systemTools;
		this.reasoning = builder.reasoning;
		this.modelFamily = builder.modelFamily;
		this.modelQuirks = builder.modelQuirks;
		this.caching = builder.caching;
		this.modelFields = builder.modelFields;
		this.requestContext = builder.requestContext;
		this.performance = builder.performance;
		this.tenant = builder.tenant;
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
	 * Whether every tool's input schema is enforced strictly ({@code toolSpec.strict}).
	 * @return the setting, or {@code null} if not set (Bedrock's default)
	 */
	public @Nullable Boolean getToolStrict() {
		return this.toolStrict;
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
	 * What the answer that follows {@link #getOutputSchema()} is, for the model
	 * ({@code outputConfig.textFormat.structure.jsonSchema.description}, or the
	 * structured-output tool's description in {@link StructuredOutputMode#TOOL}).
	 * @return the description, or {@code null} if not set
	 */
	public @Nullable String getOutputSchemaDescription() {
		return this.outputSchemaDescription;
	}

	/**
	 * How {@link #getOutputSchema()} is sent.
	 * @return the mode, or {@code null} for {@link StructuredOutputMode#NATIVE}
	 */
	public @Nullable StructuredOutputMode getStructuredOutputMode() {
		return this.structuredOutputMode;
	}

	/**
	 * The guardrail to apply ({@code guardrailConfig}).
	 * @return the guardrail, or {@code null} if not set
	 */
	public @Nullable BedrockConverseGuardrail getGuardrail() {
		return this.guardrail;
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
	 * The Bedrock system tools the model may run itself, by name, sent as
	 * {@code toolConfig.tools[].systemTool.name} (for example {@code nova_grounding} for
	 * Nova web grounding, {@code nova_code_interpreter} for Nova's code interpreter).
	 * Their uses and results come back on the assistant message under
	 * {@link BedrockConverseMetadata#SERVER_TOOL_CONTENT}, never as tool calls.
	 * @return an unmodifiable list, or {@code null} if not set
	 */
	public @Nullable List<String> getSystemTools() {
		return this.systemTools;
	}

	/**
	 * The reasoning options.
	 * @return the reasoning options, never {@code null} (its fields may be)
	 */
	public Reasoning getReasoning() {
		return this.reasoning;
	}

	/**
	 * The prompt-caching options.
	 * @return the caching options, never {@code null} (its fields may be)
	 */
	public Caching getCaching() {
		return this.caching;
	}

	/**
	 * The model-specific request and response fields.
	 * @return the model fields, never {@code null} (its fields may be)
	 */
	public ModelFields getModelFields() {
		return this.modelFields;
	}

	/**
	 * The request metadata and prompt variables.
	 * @return the request context, never {@code null} (its fields may be)
	 */
	public RequestContext getRequestContext() {
		return this.requestContext;
	}

	/**
	 * The latency profile and service tier.
	 * @return the performance options, never {@code null} (its fields may be)
	 */
	public Performance getPerformance() {
		return this.performance;
	}

	/**
	 * Who sends this request, for multi-tenant applications: the credentials, region and
	 * API key of one request (see {@link Tenant}).
	 * @return the tenant, never {@code null} (its fields may be)
	 */
	public Tenant getTenant() {
		return this.tenant;
	}

	/**
	 * The credentials that sign this request instead of the client's.
	 * @return the provider, or {@code null} if not set
	 */
	public @Nullable AwsCredentialsProvider getCredentialsProvider() {
		return this.tenant.credentialsProvider();
	}

	/**
	 * The AWS region this request is sent to and signed for instead of the client's.
	 * @return the region id, or {@code null} if not set
	 */
	public @Nullable String getRegion() {
		return this.tenant.region();
	}

	/**
	 * The Amazon Bedrock API key this request is sent with instead of the client's
	 * authentication.
	 * @return the API key, or {@code null} if not set
	 */
	public @Nullable String getApiKey() {
		return this.tenant.apiKey();
	}

	/**
	 * Model-specific request fields ({@code additionalModelRequestFields}), e.g.
	 * {@code {"top_k": 50}}.
	 * @return an unmodifiable nested map, or {@code null} if not set
	 */
	public @Nullable Map<String, Object> getAdditionalModelRequestFields() {
		return this.modelFields.requestFields();
	}

	/**
	 * JSON pointers of model-specific response fields to return
	 * ({@code additionalModelResponseFieldPaths}), e.g. {@code /stop_sequence}.
	 * @return an unmodifiable list, or {@code null} if not set
	 */
	public @Nullable List<String> getAdditionalModelResponseFieldPaths() {
		return this.modelFields.responseFieldPaths();
	}

	/**
	 * Request metadata for Bedrock's invocation logs ({@code requestMetadata}).
	 * @return an unmodifiable map, or {@code null} if not set
	 */
	public @Nullable Map<String, String> getRequestMetadata() {
		return this.requestContext.requestMetadata();
	}

	/**
	 * Values for the variables of a Prompt Management prompt used as the model
	 * ({@code promptVariables}, each sent as {@code {"text": value}}).
	 * @return an unmodifiable map, or {@code null} if not set
	 */
	public @Nullable Map<String, String> getPromptVariables() {
		return this.requestContext.promptVariables();
	}

	/**
	 * The latency profile ({@code performanceConfig.latency}).
	 * @return the latency, or {@code null} if not set
	 */
	public @Nullable PerformanceConfigLatency getPerformanceLatency() {
		return this.performance.latency();
	}

	/**
	 * The service tier (the request's {@code ServiceTier.type}).
	 * @return the tier, or {@code null} if not set
	 */
	public @Nullable ServiceTierType getServiceTier() {
		return this.performance.tier();
	}

	/**
	 * The model family the model id stands for, when the id does not say (an application
	 * inference profile or a prompt router ARN): a family such as {@code anthropic},
	 * {@code amazon} or {@code openai}, or better a foundation model id such as
	 * {@code anthropic.claude-sonnet-4-6}. Read to map {@link #getReasoning() reasoning}
	 * and to check {@link #getModelQuirks() quirks}; never sent.
	 * @return the model family, or {@code null} to take it from the model id
	 */
	public @Nullable String getModelFamily() {
		return this.modelFamily;
	}

	/**
	 * Overrides of the table of what model families accept, by family name (such as
	 * {@code anthropic}); only used to fail before sending, never sent.
	 * @return an unmodifiable map, empty if none
	 */
	public Map<String, BedrockConverseModelQuirks> getModelQuirks() {
		return this.modelQuirks;
	}

	/**
	 * Where cache points are put automatically.
	 * @return the strategy, or {@code null} for none
	 */
	public @Nullable BedrockConverseCacheStrategy getCacheStrategy() {
		return this.caching.strategy();
	}

	/**
	 * The time to live of every cache point: 5 minutes or 1 hour.
	 * @return the TTL, or {@code null} for Bedrock's default (5 minutes)
	 */
	public @Nullable Duration getCacheTtl() {
		return this.caching.ttl();
	}

	/**
	 * A builder pre-filled with these options' values.
	 * @return a new builder
	 */
	@Override
	public Builder mutate() {
		return new Builder().combineWith(this);
	}

	private Object[] values() {
		return new Object[] { this.model, this.maxTokens, this.temperature, this.topP, this.stopSequences,
				this.toolCallbacks, this.toolContext, this.toolChoice, this.toolStrict, this.outputSchema,
				this.outputSchemaDescription, this.structuredOutputMode, this.guardrail, this.documentCitations,
				this.systemTools, this.reasoning, this.modelFamily, this.modelQuirks, this.caching, this.modelFields,
				this.requestContext, this.performance, this.tenant };
	}

	/**
	 * Options are equal when all fields are equal (tool callbacks by their own equality,
	 * a per-request credentials provider by its own, which for the SDK's providers is
	 * identity: two tenants' options are never equal).
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
	 * confidential, by key only; the tenant's values not at all.
	 * @return a description of these options
	 */
	@Override
	public String toString() {
		return "BedrockConverseChatOptions{model=" + this.model + ", maxTokens=" + this.maxTokens + ", temperature="
				+ this.temperature + ", topP=" + this.topP + ", stopSequences=" + this.stopSequences + ", tools="
				+ this.toolCallbacks.stream().map((callback) -> callback.getToolDefinition().name()).toList()
				+ ", toolContextKeys=" + this.toolContext.keySet() + ", toolChoice=" + this.toolChoice + ", toolStrict="
				+ this.toolStrict + ", outputSchema=" + ((this.outputSchema != null) ? "(set)" : null)
				+ ", outputSchemaDescription=" + this.outputSchemaDescription + ", structuredOutputMode="
				+ this.structuredOutputMode + ", guardrail=" + this.guardrail + ", documentCitations="
				+ this.documentCitations + ", systemTools=" + this.systemTools + ", " + this.reasoning
				+ ", modelFamily=" + this.modelFamily + ", modelQuirks=" + this.modelQuirks + ", " + this.caching + ", "
				+ this.modelFields + ", " + this.requestContext + ", " + this.performance + ", " + this.tenant + "}";
	}

	private static <T> @Nullable T first(@Nullable T value, @Nullable T fallback) {
		return (value != null) ? value : fallback;
	}

	private static <E extends Enum<E>> @Nullable E requireKnown(@Nullable E value, E unknown, String message) {
		if (value == unknown) {
			throw new IllegalArgumentException(message);
		}
		return value;
	}

	/**
	 * Reasoning, one option that means the same on every model family: switch it on
	 * ({@link #ON}), give it a token budget ({@link #ofBudget(int)}) and/or an effort
	 * ({@link #ofEffort(String)}), or switch it off ({@link #OFF}). The request mapper
	 * writes what the model's family reads (Anthropic Claude: {@code thinking} with a
	 * budget, or adaptive thinking and {@code outputConfig.effort}; Amazon Nova 2:
	 * {@code reasoningConfig}; OpenAI gpt-oss: {@code reasoning_effort}; families that
	 * always reason: nothing), and asking a family for what it cannot do fails before
	 * sending.
	 *
	 * @param enabled {@code true} to reason, {@code false} to not reason, {@code null}
	 * when not set ({@code true} is implied by a budget or an effort)
	 * @param budgetTokens a positive token budget, or {@code null}
	 * @param effort e.g. {@code low}, {@code medium} or {@code high} (Claude also
	 * {@code xhigh} and {@code max}), or {@code null}
	 */
	public record Reasoning(@Nullable Boolean enabled, @Nullable Integer budgetTokens, @Nullable String effort) {

		/** Nothing set. */
		public static final Reasoning NONE = new Reasoning(null, null, null);

		/** Reason, as the model's family does by default. */
		public static final Reasoning ON = new Reasoning(true, null, null);

		/** Do not reason. */
		public static final Reasoning OFF = new Reasoning(false, null, null);

		/**
		 * Validate the fields.
		 * @param enabled whether to reason
		 * @param budgetTokens the budget
		 * @param effort the effort
		 */
		public Reasoning {
			if (budgetTokens != null && budgetTokens < 1) {
				throw new IllegalArgumentException(
						"reasoning.budgetTokens must be positive (Claude needs at least 1024), not " + budgetTokens);
			}
			if (effort != null && effort.isBlank()) {
				throw new IllegalArgumentException(
						"reasoning.effort must not be blank; use e.g. low, medium or high, or leave it unset");
			}
			if (Boolean.FALSE.equals(enabled) && (budgetTokens != null || effort != null)) {
				throw new IllegalArgumentException("reasoning.enabled is false but a budget or an effort is set; "
						+ "remove them, or set enabled to true");
			}
		}

		/**
		 * Reason with this token budget.
		 * @param budgetTokens the budget
		 * @return the reasoning option
		 */
		public static Reasoning ofBudget(int budgetTokens) {
			return new Reasoning(null, budgetTokens, null);
		}

		/**
		 * Reason with this effort.
		 * @param effort e.g. {@code low}, {@code medium} or {@code high}
		 * @return the reasoning option
		 */
		public static Reasoning ofEffort(String effort) {
			return new Reasoning(null, null, effort);
		}

		/**
		 * This option with an effort.
		 * @param effort the effort, or {@code null}
		 * @return the reasoning option
		 */
		public Reasoning withEffort(@Nullable String effort) {
			return new Reasoning(this.enabled, this.budgetTokens, effort);
		}

		/**
		 * This option with a token budget.
		 * @param budgetTokens the budget, or {@code null}
		 * @return the reasoning option
		 */
		public Reasoning withBudgetTokens(@Nullable Integer budgetTokens) {
			return new Reasoning(this.enabled, budgetTokens, this.effort);
		}

		/**
		 * Whether anything is set.
		 * @return whether a field is set
		 */
		public boolean isSet() {
			return this.enabled != null || this.budgetTokens != null || this.effort != null;
		}

		/**
		 * Whether the model is asked to reason: something is set and it is not
		 * {@link #OFF}.
		 * @return whether reasoning is on
		 */
		public boolean isOn() {
			return isSet() && !Boolean.FALSE.equals(this.enabled);
		}

		Reasoning over(Reasoning base) {
			if (Boolean.FALSE.equals(this.enabled)) {
				return this;
			}
			if (Boolean.FALSE.equals(base.enabled) && isSet()) {
				// The prompt's budget or effort replaces the default's "off".
				return this;
			}
			return new Reasoning(first(this.enabled, base.enabled), first(this.budgetTokens, base.budgetTokens),
					first(this.effort, base.effort));
		}

		/**
		 * The fields, named after the option.
		 * @return a description
		 */
		@Override
		public String toString() {
			return "reasoning[enabled=" + this.enabled + ", budgetTokens=" + this.budgetTokens + ", effort="
					+ this.effort + "]";
		}

	}

	/**
	 * Prompt caching: where cache points are put automatically, and their time to live.
	 *
	 * @param strategy the strategy, or {@code null} for none
	 * @param ttl 5 minutes or 1 hour, or {@code null} for Bedrock's default
	 */
	public record Caching(@Nullable BedrockConverseCacheStrategy strategy, @Nullable Duration ttl) {

		/** Nothing set. */
		public static final Caching NONE = new Caching(null, null);

		/**
		 * Validate the fields.
		 * @param strategy the strategy
		 * @param ttl the time to live
		 */
		public Caching {
			if (ttl != null && !ttl.equals(Duration.ofMinutes(5)) && !ttl.equals(Duration.ofHours(1))) {
				throw new IllegalArgumentException("cacheTtl must be 5m or 1h (Bedrock's cache TTLs), not " + ttl);
			}
		}

		Caching over(Caching base) {
			return new Caching(first(this.strategy, base.strategy), first(this.ttl, base.ttl));
		}

	}

	/**
	 * Model-specific fields: request fields ({@code additionalModelRequestFields}: nested
	 * maps, lists, strings, numbers, booleans and nulls, deep-copied) and the JSON
	 * pointers of response fields to return ({@code additionalModelResponseFieldPaths}).
	 *
	 * @param requestFields the request fields, or {@code null}
	 * @param responseFieldPaths the paths, each starting with {@code /}, or {@code null}
	 */
	public record ModelFields(@Nullable Map<String, Object> requestFields, @Nullable List<String> responseFieldPaths) {

		/** Nothing set. */
		public static final ModelFields NONE = new ModelFields(null, null);

		/**
		 * Validate and copy the fields.
		 * @param requestFields the request fields
		 * @param responseFieldPaths the response field paths
		 */
		@SuppressWarnings("unchecked")
		public ModelFields {
			if (requestFields != null) {
				// Converting now rejects unsupported value types when the option is set.
				JsonDocuments.fromObject(requestFields, "additionalModelRequestFields");
				requestFields = (Map<String, Object>) deepCopy(requestFields);
			}
			if (responseFieldPaths != null) {
				for (String path : responseFieldPaths) {
					if (path == null || !path.startsWith("/")) {
						throw new IllegalArgumentException("additionalModelResponseFieldPaths entry '" + path
								+ "' is not a JSON pointer; write it like '/stop_sequence'");
					}
				}
				responseFieldPaths = List.copyOf(responseFieldPaths);
			}
		}

		ModelFields over(ModelFields base) {
			return new ModelFields(first(this.requestFields, base.requestFields),
					first(this.responseFieldPaths, base.responseFieldPaths));
		}

		private static @Nullable Object deepCopy(@Nullable Object value) {
			if (value instanceof Map<?, ?> map) {
				Map<String, @Nullable Object> copy = new LinkedHashMap<>();
				map.forEach((key, element) -> copy.put(String.valueOf(key), deepCopy(element)));
				return Collections.unmodifiableMap(copy);
			}
			if (value instanceof List<?> list) {
				List<@Nullable Object> copy = new ArrayList<>();
				list.forEach((element) -> copy.add(deepCopy(element)));
				return Collections.unmodifiableList(copy);
			}
			return value;
		}

	}

	/**
	 * What the request carries besides the conversation: request metadata for Bedrock's
	 * invocation logs ({@code requestMetadata}, checked against Bedrock's rules: at most
	 * 16 entries; keys 1 to 256 characters, values 0 to 256, of letters, digits,
	 * whitespace and {@code :_@$#=/+,-.}) and values for the variables of a Prompt
	 * Management prompt ({@code promptVariables}). Its {@link #toString()} shows keys
	 * only: the values may be confidential.
	 *
	 * @param requestMetadata the metadata, or {@code null}
	 * @param promptVariables variable name to text value, or {@code null}
	 */
	public record RequestContext(@Nullable Map<String, String> requestMetadata,
			@Nullable Map<String, String> promptVariables) {

		/** Nothing set. */
		public static final RequestContext NONE = new RequestContext(null, null);

		/**
		 * Validate and copy the fields.
		 * @param requestMetadata the request metadata
		 * @param promptVariables the prompt variables
		 */
		public RequestContext {
			if (requestMetadata != null) {
				validateRequestMetadata(requestMetadata);
				requestMetadata = Map.copyOf(requestMetadata);
			}
			promptVariables = (promptVariables != null) ? Map.copyOf(promptVariables) : null;
		}

		RequestContext over(RequestContext base) {
			return new RequestContext(first(this.requestMetadata, base.requestMetadata),
					first(this.promptVariables, base.promptVariables));
		}

		/**
		 * The keys, not the values.
		 * @return a description
		 */
		@Override
		public String toString() {
			return "RequestContext[requestMetadataKeys="
					+ ((this.requestMetadata != null) ? this.requestMetadata.keySet() : null) + ", promptVariableKeys="
					+ ((this.promptVariables != null) ? this.promptVariables.keySet() : null) + "]";
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

	}

	/**
	 * Performance: the latency profile ({@code performanceConfig.latency}) and the
	 * service tier ({@code ServiceTier.type}).
	 *
	 * @param latency {@code STANDARD} or {@code OPTIMIZED}, or {@code null}
	 * @param tier the tier, or {@code null}
	 */
	public record Performance(@Nullable PerformanceConfigLatency latency, @Nullable ServiceTierType tier) {

		/** Nothing set. */
		public static final Performance NONE = new Performance(null, null);

		/**
		 * Validate the fields.
		 * @param latency the latency
		 * @param tier the tier
		 */
		public Performance {
			requireKnown(latency, PerformanceConfigLatency.UNKNOWN_TO_SDK_VERSION,
					"performanceLatency must be standard or optimized");
			requireKnown(tier, ServiceTierType.UNKNOWN_TO_SDK_VERSION,
					"serviceTier must be priority, default, flex or reserved");
		}

		Performance over(Performance base) {
			return new Performance(first(this.latency, base.latency), first(this.tier, base.tier));
		}

		/**
		 * The fields, named after their options.
		 * @return a description
		 */
		@Override
		public String toString() {
			return "performanceLatency=" + this.latency + ", serviceTier=" + this.tier;
		}

	}

	/**
	 * Who sends one request, for applications that serve several tenants, each with their
	 * own AWS account, from shared clients: the credentials that sign it, the region it
	 * goes to, or an Amazon Bedrock API key. Applied to the one request through the SDK's
	 * request override configuration, so the clients are not rebuilt and stay shared.
	 * Runtime values, never properties. A credentials provider and an API key exclude
	 * each other. {@link #toString()} shows only which fields are set: neither the values
	 * nor the region reach logs, metrics or exceptions.
	 *
	 * @param credentialsProvider the credentials that sign the request instead of the
	 * client's, or {@code null}
	 * @param region the region the request is sent to and signed for, e.g.
	 * {@code eu-west-1}, or {@code null}
	 * @param apiKey an Amazon Bedrock API key sent as a bearer token instead of a
	 * signature, or {@code null}
	 */
	public record Tenant(@Nullable AwsCredentialsProvider credentialsProvider, @Nullable String region,
			@Nullable String apiKey) {

		/** Nothing set: the client's credentials and region. */
		public static final Tenant NONE = new Tenant(null, null, null);

		/**
		 * Validate the fields.
		 * @param credentialsProvider the credentials provider
		 * @param region the region
		 * @param apiKey the API key
		 */
		public Tenant {
			if (region != null && region.isBlank()) {
				throw new IllegalArgumentException("region must not be blank; set an AWS region such as "
						+ "'eu-west-1' or leave it unset for the client's region");
			}
			if (apiKey != null && apiKey.isBlank()) {
				throw new IllegalArgumentException(
						"apiKey must not be blank; set an Amazon Bedrock API key or leave it unset");
			}
		}

		Tenant over(Tenant base) {
			return new Tenant(first(this.credentialsProvider, base.credentialsProvider),
					first(this.region, base.region), first(this.apiKey, base.apiKey));
		}

		/**
		 * Whether anything is set.
		 * @return whether the request is sent other than the client would send it
		 */
		public boolean isSet() {
			return this.credentialsProvider != null || this.region != null || this.apiKey != null;
		}

		/**
		 * Which fields are set, not their values.
		 * @return a description
		 */
		@Override
		public String toString() {
			return "Tenant[credentialsProvider=" + set(this.credentialsProvider) + ", region=" + set(this.region)
					+ ", apiKey=" + set(this.apiKey) + "]";
		}

		private static @Nullable String set(@Nullable Object value) {
			return (value != null) ? "(set)" : null;
		}

	}

	/**
	 * Builder for {@link BedrockConverseChatOptions}, built on Spring AI's
	 * {@link DefaultToolCallingChatOptions.Builder} (which holds the common fields). Not
	 * thread-safe.
	 * <p>
	 * Two rules differ from Spring AI's default builder and are this model's contract:
	 * setting tool callbacks or the tool context replaces what was set before, and
	 * {@link #combineWith(ChatOptions.Builder)} replaces (rather than concatenates) stop
	 * sequences and tool callbacks. topK, frequencyPenalty and presencePenalty, which
	 * Converse does not have, are rejected.
	 */
	public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements StructuredOutputChatOptions.Builder<Builder> {

		private @Nullable BedrockConverseToolChoice toolChoice;

		private @Nullable Boolean toolStrict;

		private @Nullable String outputSchema;

		private @Nullable String outputSchemaDescription;

		private @Nullable StructuredOutputMode structuredOutputMode;

		private @Nullable BedrockConverseGuardrail guardrail;

		private @Nullable Boolean documentCitations;

		private @Nullable List<String> systemTools;

		private Reasoning reasoning = Reasoning.NONE;

		private @Nullable String modelFamily;

		private Map<String, BedrockConverseModelQuirks> modelQuirks = Map.of();

		private Caching caching = Caching.NONE;

		private ModelFields modelFields = ModelFields.NONE;

		private RequestContext requestContext = RequestContext.NONE;

		private Performance performance = Performance.NONE;

		private Tenant tenant = Tenant.NONE;

		private Builder() {
		}

		/**
		 * Set the Bedrock model id.
		 * @param model the model id, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder model(@Nullable String model) {
			return super.model(model);
		}

		/**
		 * Set the stop sequences (copied when built).
		 * @param stopSequences the stop sequences, or {@code null} to unset
		 * @return this builder
		 */
		@Override
		public Builder stopSequences(@Nullable List<String> stopSequences) {
			return super.stopSequences(stopSequences);
		}

		/**
		 * A copy of this builder; changing one does not change the other.
		 * @return the copy
		 */
		@Override
		public Builder clone() {
			return super.clone();
		}

		/**
		 * Converse has no frequency penalty; only {@code null} is accepted.
		 * @param frequencyPenalty must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			return rejectUnsupported("frequencyPenalty", frequencyPenalty);
		}

		/**
		 * Converse has no presence penalty; only {@code null} is accepted.
		 * @param presencePenalty must be {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not {@code null}
		 */
		@Override
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			return rejectUnsupported("presencePenalty", presencePenalty);
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
			return rejectUnsupported("topK", topK);
		}

		/**
		 * Set the maximum number of tokens to generate.
		 * @param maxTokens at least 1, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if it is below 1
		 */
		@Override
		public Builder maxTokens(@Nullable Integer maxTokens) {
			if (maxTokens != null && maxTokens < 1) {
				throw new IllegalArgumentException("Option 'maxTokens' is " + maxTokens
						+ " but must be at least 1; set a positive number of tokens or leave it unset for the model's default");
			}
			return super.maxTokens(maxTokens);
		}

		/**
		 * Set the sampling temperature.
		 * @param temperature from 0 to 1, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if it is out of range
		 */
		@Override
		public Builder temperature(@Nullable Double temperature) {
			return super.temperature(requireUnitRange("temperature", temperature));
		}

		/**
		 * Set the nucleus sampling probability.
		 * @param topP from 0 to 1, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if it is out of range
		 */
		@Override
		public Builder topP(@Nullable Double topP) {
			return super.topP(requireUnitRange("topP", topP));
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
			Map<String, Object> copy = new LinkedHashMap<>((this.toolContext != null) ? this.toolContext : Map.of());
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
		 * Describe the answer that follows the output schema, for the model.
		 * @param outputSchemaDescription the description, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if it is blank
		 */
		public Builder outputSchemaDescription(@Nullable String outputSchemaDescription) {
			if (outputSchemaDescription != null && outputSchemaDescription.isBlank()) {
				throw new IllegalArgumentException(
						"outputSchemaDescription must not be blank; describe the answer or leave it unset");
			}
			this.outputSchemaDescription = outputSchemaDescription;
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
		 * Set the guardrail to apply.
		 * @param guardrail the guardrail, or {@code null} to unset
		 * @return this builder
		 */
		public Builder guardrail(@Nullable BedrockConverseGuardrail guardrail) {
			this.guardrail = guardrail;
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
		 * Set the Bedrock system tools the model may run itself, by name (e.g.
		 * {@code nova_grounding}, {@code nova_code_interpreter}).
		 * @param systemTools the names, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if a name is blank
		 */
		public Builder systemTools(@Nullable List<String> systemTools) {
			if (systemTools != null) {
				for (String name : systemTools) {
					if (name == null || name.isBlank()) {
						throw new IllegalArgumentException("systemTools contains a blank name; list system tool names "
								+ "such as nova_grounding or nova_code_interpreter");
					}
				}
			}
			this.systemTools = (systemTools != null) ? List.copyOf(systemTools) : null;
			return this;
		}

		/**
		 * Set the reasoning option (see {@link Reasoning}: on, a budget and/or an effort,
		 * or off), mapped to what the model's family reads.
		 * @param reasoning the option, or {@code null} to unset
		 * @return this builder
		 */
		public Builder reasoning(@Nullable Reasoning reasoning) {
			this.reasoning = (reasoning != null) ? reasoning : Reasoning.NONE;
			return this;
		}

		/**
		 * Set the model family the model id stands for, when the id does not say (an
		 * application inference profile or a prompt router ARN).
		 * @param modelFamily a family such as {@code anthropic}, or a foundation model id
		 * such as {@code anthropic.claude-sonnet-4-6}; {@code null} to take it from the
		 * model id
		 * @return this builder
		 * @throws IllegalArgumentException if it is blank
		 */
		public Builder modelFamily(@Nullable String modelFamily) {
			if (modelFamily != null && modelFamily.isBlank()) {
				throw new IllegalArgumentException("modelFamily must not be blank; name a family such as 'anthropic' "
						+ "or a foundation model id such as 'anthropic.claude-sonnet-4-6', or leave it unset");
			}
			this.modelFamily = (modelFamily != null) ? modelFamily.strip() : null;
			return this;
		}

		/**
		 * Override what model families accept (by family name, such as
		 * {@code anthropic}); replaces any set before.
		 * @param modelQuirks the overrides, or {@code null} for none
		 * @return this builder
		 */
		public Builder modelQuirks(@Nullable Map<String, BedrockConverseModelQuirks> modelQuirks) {
			this.modelQuirks = (modelQuirks != null) ? Map.copyOf(modelQuirks) : Map.of();
			return this;
		}

		/**
		 * Set where cache points are put automatically.
		 * @param strategy the strategy, or {@code null} for none
		 * @return this builder
		 */
		public Builder cacheStrategy(@Nullable BedrockConverseCacheStrategy strategy) {
			this.caching = new Caching(strategy, this.caching.ttl());
			return this;
		}

		/**
		 * Set the time to live of every cache point.
		 * @param ttl 5 minutes or 1 hour, or {@code null} for Bedrock's default
		 * @return this builder
		 * @throws IllegalArgumentException for any other duration
		 */
		public Builder cacheTtl(@Nullable Duration ttl) {
			this.caching = new Caching(this.caching.strategy(), ttl);
			return this;
		}

		/**
		 * Set model-specific request fields (deep-copied; nested maps, lists, strings,
		 * numbers, booleans and nulls).
		 * @param fields the fields, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if a value has another type
		 */
		@SuppressWarnings("unchecked")
		public Builder additionalModelRequestFields(@Nullable Map<String, ?> fields) {
			this.modelFields = new ModelFields((Map<String, Object>) fields, this.modelFields.responseFieldPaths());
			return this;
		}

		/**
		 * Set the JSON pointers of model-specific response fields to return.
		 * @param paths the paths, each starting with {@code /}, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException if a path does not start with {@code /}
		 */
		public Builder additionalModelResponseFieldPaths(@Nullable List<String> paths) {
			this.modelFields = new ModelFields(this.modelFields.requestFields(), paths);
			return this;
		}

		/**
		 * Set the request metadata (see {@link RequestContext} for Bedrock's rules).
		 * @param metadata the metadata, or {@code null} to unset
		 * @return this builder
		 * @throws IllegalArgumentException naming the offending entry
		 */
		public Builder requestMetadata(@Nullable Map<String, String> metadata) {
			this.requestContext = new RequestContext(metadata, this.requestContext.promptVariables());
			return this;
		}

		/**
		 * Set values for the variables of a Prompt Management prompt.
		 * @param variables variable name to text value, or {@code null} to unset
		 * @return this builder
		 */
		public Builder promptVariables(@Nullable Map<String, String> variables) {
			this.requestContext = new RequestContext(this.requestContext.requestMetadata(), variables);
			return this;
		}

		/**
		 * Set the latency profile.
		 * @param latency {@code STANDARD} or {@code OPTIMIZED}, or {@code null} to unset
		 * @return this builder
		 */
		public Builder performanceLatency(@Nullable PerformanceConfigLatency latency) {
			this.performance = new Performance(latency, this.performance.tier());
			return this;
		}

		/**
		 * Set the service tier.
		 * @param tier the tier, or {@code null} to unset
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable ServiceTierType tier) {
			this.performance = new Performance(this.performance.latency(), tier);
			return this;
		}

		/**
		 * Sign this request with these credentials instead of the client's (see
		 * {@link Tenant}).
		 * @param credentialsProvider the provider, or {@code null} to unset
		 * @return this builder
		 */
		public Builder credentialsProvider(@Nullable AwsCredentialsProvider credentialsProvider) {
			this.tenant = new Tenant(credentialsProvider, this.tenant.region(), this.tenant.apiKey());
			return this;
		}

		/**
		 * Send this request to, and sign it for, this region instead of the client's (see
		 * {@link Tenant}).
		 * @param region the region id, e.g. {@code eu-west-1}, or {@code null} to unset
		 * @return this builder
		 */
		public Builder region(@Nullable String region) {
			this.tenant = new Tenant(this.tenant.credentialsProvider(), region, this.tenant.apiKey());
			return this;
		}

		/**
		 * Send this request with an Amazon Bedrock API key (a bearer token) instead of
		 * the client's authentication (see {@link Tenant}).
		 * @param apiKey the API key, or {@code null} to unset
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.tenant = new Tenant(this.tenant.credentialsProvider(), this.tenant.region(), apiKey);
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

		private Builder combineWith(ChatOptions that) {
			// Through the setters, so every rule (including the unsupported options) is
			// checked here too.
			topK(that.getTopK());
			frequencyPenalty(that.getFrequencyPenalty());
			presencePenalty(that.getPresencePenalty());
			model(first(that.getModel(), this.model));
			maxTokens(first(that.getMaxTokens(), this.maxTokens));
			temperature(first(that.getTemperature(), this.temperature));
			topP(first(that.getTopP(), this.topP));
			stopSequences(first(that.getStopSequences(), this.stopSequences));
			if (that instanceof ToolCallingChatOptions tools) {
				if (tools.getToolCallbacks() != null && !tools.getToolCallbacks().isEmpty()) {
					toolCallbacks(tools.getToolCallbacks());
				}
				toolContext(ToolCallingChatOptions.mergeToolContext(tools.getToolContext(),
						(this.toolContext != null) ? this.toolContext : Map.of()));
			}
			if (that instanceof StructuredOutputChatOptions structured) {
				outputSchema(first(structured.getOutputSchema(), this.outputSchema));
			}
			if (that instanceof BedrockConverseChatOptions bedrock) {
				this.toolChoice = first(bedrock.toolChoice, this.toolChoice);
				this.toolStrict = first(bedrock.toolStrict, this.toolStrict);
				this.outputSchemaDescription = first(bedrock.outputSchemaDescription, this.outputSchemaDescription);
				this.structuredOutputMode = first(bedrock.structuredOutputMode, this.structuredOutputMode);
				this.guardrail = first(bedrock.guardrail, this.guardrail);
				this.documentCitations = first(bedrock.documentCitations, this.documentCitations);
				this.systemTools = first(bedrock.systemTools, this.systemTools);
				this.reasoning = bedrock.reasoning.over(this.reasoning);
				this.modelFamily = first(bedrock.modelFamily, this.modelFamily);
				this.modelQuirks = bedrock.modelQuirks.isEmpty() ? this.modelQuirks : bedrock.modelQuirks;
				this.caching = bedrock.caching.over(this.caching);
				this.modelFields = bedrock.modelFields.over(this.modelFields);
				this.requestContext = bedrock.requestContext.over(this.requestContext);
				this.performance = bedrock.performance.over(this.performance);
				this.tenant = bedrock.tenant.over(this.tenant);
			}
			return this;
		}

		/**
		 * Build the immutable options.
		 * @return the options
		 */
		@Override
		public BedrockConverseChatOptions build() {
			return new BedrockConverseChatOptions(this, new Common(this.model, this.maxTokens, this.temperature,
					this.topP, this.stopSequences, this.toolCallbacks, this.toolContext));
		}

		private Builder rejectUnsupported(String option, @Nullable Object value) {
			if (value != null) {
				throw new IllegalArgumentException(
						"The chat option '" + option + "' is not supported by the Amazon Bedrock Converse API; "
								+ "remove it from the prompt or default options");
			}
			return this;
		}

		private static @Nullable Double requireUnitRange(String option, @Nullable Double value) {
			if (value != null && !(value >= 0.0 && value <= 1.0)) {
				throw new IllegalArgumentException("Option '" + option + "' is " + value
						+ " but Converse accepts values from 0 to 1; set it within that range or leave it unset");
			}
			return value;
		}

		/**
		 * The fields Spring AI's builder holds (protected there, so handed over here).
		 */
		private record Common(@Nullable String model, @Nullable Integer maxTokens, @Nullable Double temperature,
				@Nullable Double topP, @Nullable List<String> stopSequences, @Nullable List<ToolCallback> toolCallbacks,
				@Nullable Map<String, Object> toolContext) {
		}

	}

}
