package dev.bedrockconverse.chat.observation;

import java.util.Arrays;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;

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

	@Override
	public KeyValues getLowCardinalityKeyValues(ChatModelObservationContext context) {
		KeyValues keyValues = super.getLowCardinalityKeyValues(context).and(providerName(context));
		BedrockConverseObservationDetails details = BedrockConverseObservationDetails.of(context);
		return (details != null) ? keyValues.and(MODEL_NAME_KEY, details.getName()) : keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ChatModelObservationContext context) {
		KeyValues keyValues = super.getHighCardinalityKeyValues(context);
		BedrockConverseObservationDetails details = BedrockConverseObservationDetails.of(context);
		if (details == null) {
			return keyValues;
		}
		// One merge of the present ones rather than one (sorted copy) per key value.
		KeyValue[] added = new KeyValue[4];
		int count = 0;
		count = add(added, count, SERVER_ADDRESS_KEY, details.getServerAddress());
		count = add(added, count, SERVER_PORT_KEY,
				(details.getServerPort() != null) ? String.valueOf(details.getServerPort()) : null);
		count = add(added, count, ERROR_TYPE_KEY, details.getErrorType());
		count = add(added, count, CONVERSATION_ID_KEY, details.getConversationId());
		return (count > 0) ? keyValues.and(Arrays.copyOf(added, count)) : keyValues;
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
