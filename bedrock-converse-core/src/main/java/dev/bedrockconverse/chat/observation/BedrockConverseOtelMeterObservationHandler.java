package dev.bedrockconverse.chat.observation;

import java.time.Duration;
import java.util.Arrays;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.LowCardinalityKeyNames;

import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Records the client metrics of the OpenTelemetry GenAI semantic conventions for the
 * observations of {@link ChatBedrockConverse}, with the conventions' names, units,
 * attributes and advised bucket boundaries:
 * <ul>
 * <li>{@value #OPERATION_DURATION} (histogram, seconds): every call and stream;</li>
 * <li>{@value #TOKEN_USAGE} (histogram, tokens, {@value #TOKEN_TYPE_KEY} = {@code input}
 * or {@code output}): when the reply reports usage;</li>
 * <li>{@value #TIME_TO_FIRST_CHUNK} (histogram, seconds): streams that emitted a
 * chunk.</li>
 * </ul>
 * Each is tagged with {@code gen_ai.operation.name}, {@code gen_ai.provider.name}
 * ({@code aws.bedrock}), {@code gen_ai.request.model}, {@code gen_ai.response.model},
 * {@code bedrock.converse.model.name} (the name of the model, {@code default} for the
 * primary one), {@code server.address} and {@code server.port} (when the client tells
 * them), and {@code error.type} when the operation failed. The model, response model and
 * operation name are the ones the observation convention reported, so they match the
 * span.
 * <p>
 * Micrometer meters with explicit bucket boundaries ({@code serviceLevelObjectives});
 * Prometheus shows them as {@code _bucket} series, such as
 * {@code gen_ai_client_operation_duration_seconds_bucket}. Like
 * {@link BedrockConverseMeterObservationHandler}, it is a plain
 * {@link ObservationHandler}, so Spring Boot runs it beside, not instead of, the handler
 * of the observation's own timer.
 */
public class BedrockConverseOtelMeterObservationHandler implements ObservationHandler<ChatModelObservationContext> {

	/** Histogram of the duration of a call or stream, in seconds. */
	public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	/** Histogram of the input and output tokens of a call or stream. */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/**
	 * Histogram of the time from the start of a stream to its first chunk, in seconds.
	 */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/** Tag of {@value #TOKEN_USAGE}: {@code input} or {@code output}. */
	public static final String TOKEN_TYPE_KEY = "gen_ai.token.type";

	/**
	 * The advised bucket boundaries of {@value #OPERATION_DURATION} and
	 * {@value #TIME_TO_FIRST_CHUNK}, in seconds.
	 */
	public static final double[] DURATION_BUCKETS = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
			20.48, 40.96, 81.92 };

	/** The advised bucket boundaries of {@value #TOKEN_USAGE}. */
	public static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
			4194304, 16777216, 67108864 };

	private static final Duration[] DURATION_SLOS = Arrays.stream(DURATION_BUCKETS)
		.mapToObj((seconds) -> Duration.ofNanos(Math.round(seconds * 1e9)))
		.toArray(Duration[]::new);

	private static final String NONE = KeyValue.NONE_VALUE;

	private final MeterRegistry meterRegistry;

	/**
	 * Create a handler.
	 * @param meterRegistry the registry to record into
	 */
	public BedrockConverseOtelMeterObservationHandler(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return BedrockConverseObservationDetails.isAttachedTo(context);
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		context.put(Start.class, new Start(Timer.start(this.meterRegistry)));
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		BedrockConverseObservationDetails details = BedrockConverseObservationDetails.of(context);
		Start start = context.get(Start.class);
		if (details == null || start == null) {
			return;
		}
		Tags tags = tags(context, details);
		start.sample()
			.stop(Timer.builder(OPERATION_DURATION)
				.description("GenAI operation duration")
				.serviceLevelObjectives(DURATION_SLOS)
				.tags(tags)
				.register(this.meterRegistry));
		Duration timeToFirstChunk = details.getTimeToFirstChunk();
		if (timeToFirstChunk != null) {
			Timer.builder(TIME_TO_FIRST_CHUNK)
				.description("Time to receive the first chunk of a streamed response")
				.serviceLevelObjectives(DURATION_SLOS)
				.tags(tags)
				.register(this.meterRegistry)
				.record(timeToFirstChunk);
		}
		ChatResponse response = context.getResponse();
		Usage usage = (response != null) ? response.getMetadata().getUsage() : null;
		if (usage != null) {
			recordTokens(tags, "input", usage.getPromptTokens());
			recordTokens(tags, "output", usage.getCompletionTokens());
		}
	}

	private void recordTokens(Tags tags, String tokenType, @Nullable Integer tokens) {
		if (tokens != null) {
			DistributionSummary.builder(TOKEN_USAGE)
				.description("Number of input and output tokens used ({token})")
				.serviceLevelObjectives(TOKEN_BUCKETS)
				.tags(tags)
				.tag(TOKEN_TYPE_KEY, tokenType)
				.register(this.meterRegistry)
				.record(tokens);
		}
	}

	private static Tags tags(ChatModelObservationContext context, BedrockConverseObservationDetails details) {
		String requestModel = keyValue(context, LowCardinalityKeyNames.REQUEST_MODEL.asString(), details.getModel());
		Tags tags = Tags.of(LowCardinalityKeyNames.AI_OPERATION_TYPE.asString(),
				context.getOperationMetadata().operationType(), BedrockConverseObservationConvention.PROVIDER_NAME_KEY,
				BedrockConverseObservationConvention.PROVIDER_NAME, LowCardinalityKeyNames.REQUEST_MODEL.asString(),
				requestModel, LowCardinalityKeyNames.RESPONSE_MODEL.asString(),
				keyValue(context, LowCardinalityKeyNames.RESPONSE_MODEL.asString(), requestModel),
				BedrockConverseObservationConvention.MODEL_NAME_KEY, details.getName());
		if (details.getServerAddress() != null && details.getServerPort() != null) {
			tags = tags.and(BedrockConverseObservationConvention.SERVER_ADDRESS_KEY, details.getServerAddress())
				.and(BedrockConverseObservationConvention.SERVER_PORT_KEY, String.valueOf(details.getServerPort()));
		}
		String errorType = details.getErrorType();
		return (errorType != null) ? tags.and(BedrockConverseObservationConvention.ERROR_TYPE_KEY, errorType) : tags;
	}

	/**
	 * The value the observation convention gave a low-cardinality key, or the fallback
	 * when it gave none (a convention of the application's that leaves it out).
	 * @param context the context
	 * @param key the key
	 * @param fallback the value if the convention gave none
	 * @return the value, or {@code none} if there is neither
	 */
	private static String keyValue(ChatModelObservationContext context, String key, @Nullable String fallback) {
		KeyValue keyValue = context.getLowCardinalityKeyValue(key);
		if (keyValue != null && !NONE.equals(keyValue.getValue())) {
			return keyValue.getValue();
		}
		return (fallback != null && !fallback.isBlank()) ? fallback : NONE;
	}

	/** The start of the operation, kept on the context until it stops. */
	private record Start(Timer.Sample sample) {

	}

}
