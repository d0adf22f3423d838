package dev.bedrockconverse.chat.observation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.HighCardinalityKeyNames;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.util.CollectionUtils;
import org.springframework.util.StringUtils;

/**
 * The default observation convention of {@link ChatBedrockConverse}: Spring AI's
 * {@link DefaultChatModelObservationConvention} (name {@code gen_ai.client.operation},
 * {@code gen_ai.operation.name}, {@code gen_ai.system}, {@code gen_ai.request.model},
 * {@code gen_ai.response.model} and the high-cardinality request and usage attributes),
 * with two changes:
 * <ul>
 * <li>the OpenTelemetry GenAI attribute {@code gen_ai.provider.name} with the value
 * {@value #PROVIDER_NAME} is added to the low-cardinality key values, so it tags both the
 * {@code gen_ai.client.operation} timer and the {@code gen_ai.client.token.usage}
 * counter. ({@code gen_ai.system} keeps Spring AI's {@code bedrock_converse}, so
 * dashboards built for Spring AI's own Bedrock model keep working.)</li>
 * <li>{@code gen_ai.response.model} is the model the request was sent to when there is no
 * response (a failed or cancelled call), instead of {@code none}: Converse never names
 * another model in its reply, so that is the model that answered or failed.</li>
 * <li>the OpenTelemetry GenAI span attributes Spring AI does not set are added to the
 * high-cardinality key values (so they reach the span, not the timer's tags):
 * {@value #SERVER_ADDRESS_KEY} and {@value #SERVER_PORT_KEY} of the client's endpoint,
 * {@value #ERROR_TYPE_KEY} on failure (Bedrock's error code or the exception's simple
 * class name) and {@value #CONVERSATION_ID_KEY} when the call was made through a
 * {@code ChatClient} with a chat-memory conversation id (see
 * {@link BedrockConverseObservationDetails#getConversationId()}).</li>
 * <li>{@value #MODEL_NAME_KEY}, the name of the model
 * ({@link ChatBedrockConverse#getName()}: {@code default} for the primary model, the name
 * of a named model otherwise), is added to the low-cardinality key values, so that the
 * models of one application are told apart on every meter and span.</li>
 * </ul>
 * Extend this class to add or change key values; a {@code ChatModelObservationConvention}
 * given to {@link ChatBedrockConverse.Builder#observationConvention} replaces it.
 */
public class BedrockConverseObservationConvention extends DefaultChatModelObservationConvention {

	/** The OpenTelemetry GenAI key of the provider. */
	public static final String PROVIDER_NAME_KEY = "gen_ai.provider.name";

	/**
	 * The OpenTelemetry GenAI well-known value of {@code gen_ai.provider.name} for Amazon
	 * Bedrock.
	 */
	public static final String PROVIDER_NAME = "aws.bedrock";

	/** The OpenTelemetry key of the endpoint's host. */
	public static final String SERVER_ADDRESS_KEY = "server.address";

	/** The OpenTelemetry key of the endpoint's port. */
	public static final String SERVER_PORT_KEY = "server.port";

	/** The OpenTelemetry key of the type of the error an operation ended with. */
	public static final String ERROR_TYPE_KEY = "error.type";

	/** The OpenTelemetry GenAI key of the conversation id. */
	public static final String CONVERSATION_ID_KEY = "gen_ai.conversation.id";

	/**
	 * The low-cardinality key of the name of the model ({@code default} for the primary
	 * model).
	 */
	public static final String MODEL_NAME_KEY = "bedrock.converse.model.name";

	private static final KeyValue PROVIDER_NAME_KEY_VALUE = KeyValue.of(PROVIDER_NAME_KEY, PROVIDER_NAME);

	/**
	 * The name of the span: the operation, then the request's model when it has one (as
	 * Spring AI's convention names it, without its {@code String.format} on every call).
	 * @param context the context
	 * @return the contextual name
	 */
	@Override
	public String getContextualName(ChatModelObservationContext context) {
		ChatOptions options = context.getRequest().getOptions();
		String operation = context.getOperationMetadata().operationType();
		return (options != null && StringUtils.hasText(options.getModel())) ? operation + " " + options.getModel()
				: operation;
	}

	/**
	 * Spring AI's low-cardinality key values ({@code aiOperationType},
	 * {@code aiProvider}, {@code requestModel}, {@code responseModel}), then
	 * {@link #providerName} and the model's name, merged once.
	 * @param context the context
	 * @return the key values
	 */
	@Override
	public KeyValues getLowCardinalityKeyValues(ChatModelObservationContext context) {
		BedrockConverseObservationDetails details = BedrockConverseObservationDetails.of(context);
		KeyValue operation = aiOperationType(context);
		KeyValue provider = aiProvider(context);
		KeyValue requestModel = requestModel(context);
		KeyValue responseModel = responseModel(context);
		KeyValue providerName = providerName(context);
		return (details != null)
				? KeyValues.of(operation, provider, requestModel, responseModel, providerName,
						KeyValue.of(MODEL_NAME_KEY, details.getName()))
				: KeyValues.of(operation, provider, requestModel, responseModel, providerName);
	}

	/**
	 * Spring AI's high-cardinality key values, then the OpenTelemetry attributes above,
	 * merged into one {@link KeyValues} once. Spring AI's
	 * {@code getHighCardinalityKeyValues} makes a sorted copy per key value through one
	 * protected method per key, at the start and at the stop of every observation; this
	 * computes the same keys and values (Spring AI 2.0's rules, checked against its
	 * convention by this class's tests) directly, so overriding those protected methods
	 * has no effect here: override this method to change them.
	 * @param context the context
	 * @return the key values
	 */
	@Override
	public KeyValues getHighCardinalityKeyValues(ChatModelObservationContext context) {
		// At most 8 request keys, the stream flag, 7 response keys and 4 of ours.
		KeyValue[] all = new KeyValue[20];
		int count = 0;
		ChatOptions options = context.getRequest().getOptions();
		if (options != null) {
			count = add(all, count, HighCardinalityKeyNames.REQUEST_FREQUENCY_PENALTY, options.getFrequencyPenalty());
			count = add(all, count, HighCardinalityKeyNames.REQUEST_MAX_TOKENS, options.getMaxTokens());
			count = add(all, count, HighCardinalityKeyNames.REQUEST_PRESENCE_PENALTY, options.getPresencePenalty());
			count = add(all, count, HighCardinalityKeyNames.REQUEST_STOP_SEQUENCES,
					quotedList(options.getStopSequences()));
			count = add(all, count, HighCardinalityKeyNames.REQUEST_TEMPERATURE, options.getTemperature());
			if (options instanceof ToolCallingChatOptions toolOptions
					&& !CollectionUtils.isEmpty(toolOptions.getToolCallbacks())) {
				// A set, iterated as Spring AI's convention iterates it.
				Set<String> names = new HashSet<>();
				toolOptions.getToolCallbacks().forEach((tool) -> names.add(tool.getToolDefinition().name()));
				count = add(all, count, HighCardinalityKeyNames.REQUEST_TOOL_NAMES, quotedList(names));
			}
			count = add(all, count, HighCardinalityKeyNames.REQUEST_TOP_K, options.getTopK());
			count = add(all, count, HighCardinalityKeyNames.REQUEST_TOP_P, options.getTopP());
		}
		if (context.isStreaming()) {
			count = add(all, count, HighCardinalityKeyNames.REQUEST_STREAM, "true");
		}
		ChatResponse response = context.getResponse();
		if (response != null) {
			count = add(all, count, HighCardinalityKeyNames.RESPONSE_FINISH_REASONS, finishReasons(response));
			String id = response.getMetadata().getId();
			count = add(all, count, HighCardinalityKeyNames.RESPONSE_ID, StringUtils.hasText(id) ? id : null);
			Usage usage = response.getMetadata().getUsage();
			if (usage != null) {
				count = add(all, count, HighCardinalityKeyNames.USAGE_CACHE_WRITE_INPUT_TOKENS,
						usage.getCacheWriteInputTokens());
				count = add(all, count, HighCardinalityKeyNames.USAGE_CACHE_READ_INPUT_TOKENS,
						usage.getCacheReadInputTokens());
				count = add(all, count, HighCardinalityKeyNames.USAGE_INPUT_TOKENS,
						String.valueOf(usage.getPromptTokens()));
				count = add(all, count, HighCardinalityKeyNames.USAGE_OUTPUT_TOKENS,
						String.valueOf(usage.getCompletionTokens()));
				count = add(all, count, HighCardinalityKeyNames.USAGE_TOTAL_TOKENS,
						String.valueOf(usage.getTotalTokens()));
			}
		}
		BedrockConverseObservationDetails details = BedrockConverseObservationDetails.of(context);
		if (details != null) {
			count = add(all, count, SERVER_ADDRESS_KEY, details.getServerAddress());
			count = add(all, count, SERVER_PORT_KEY,
					(details.getServerPort() != null) ? String.valueOf(details.getServerPort()) : null);
			count = add(all, count, ERROR_TYPE_KEY, details.getErrorType());
			count = add(all, count, CONVERSATION_ID_KEY, details.getConversationId());
		}
		return KeyValues.of(Arrays.copyOf(all, count));
	}

	private static int add(KeyValue[] keyValues, int count, HighCardinalityKeyNames key, @Nullable Object value) {
		return add(keyValues, count, key.asString(), (value != null) ? String.valueOf(value) : null);
	}

	/**
	 * Values as Spring AI lists them: {@code ["a", "b"]}.
	 * @param values the values
	 * @return the list, or {@code null} when there are none
	 */
	private static @Nullable String quotedList(@Nullable Collection<String> values) {
		if (CollectionUtils.isEmpty(values)) {
			return null;
		}
		StringBuilder list = new StringBuilder("[");
		for (String value : values) {
			list.append((list.length() > 1) ? ", \"" : "\"").append(value).append('"');
		}
		return list.append(']').toString();
	}

	private static @Nullable String finishReasons(ChatResponse response) {
		List<Generation> results = response.getResults();
		if (CollectionUtils.isEmpty(results)) {
			return null;
		}
		List<String> reasons = new ArrayList<>(results.size());
		for (Generation generation : results) {
			if (StringUtils.hasText(generation.getMetadata().getFinishReason())) {
				reasons.add(generation.getMetadata().getFinishReason());
			}
		}
		return quotedList(reasons);
	}

	private static int add(KeyValue[] keyValues, int count, String key, @Nullable String value) {
		if (value == null) {
			return count;
		}
		keyValues[count] = KeyValue.of(key, value);
		return count + 1;
	}

	/**
	 * The {@code gen_ai.provider.name} key value.
	 * @param context the observation context
	 * @return {@code gen_ai.provider.name=aws.bedrock}
	 */
	protected KeyValue providerName(ChatModelObservationContext context) {
		return PROVIDER_NAME_KEY_VALUE;
	}

	@Override
	protected KeyValue responseModel(ChatModelObservationContext context) {
		KeyValue fromResponse = super.responseModel(context);
		if (!KeyValue.NONE_VALUE.equals(fromResponse.getValue())) {
			return fromResponse;
		}
		return KeyValue.of(LowCardinalityKeyNames.RESPONSE_MODEL, requestModel(context).getValue());
	}

}
