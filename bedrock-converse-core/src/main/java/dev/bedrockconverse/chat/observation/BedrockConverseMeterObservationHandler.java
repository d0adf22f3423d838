package dev.bedrockconverse.chat.observation;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Records Bedrock's own meters when an observation of {@link ChatBedrockConverse} stops,
 * from the {@link BedrockConverseObservationDetails} on its context. Every meter is
 * tagged with {@value #MODEL_TAG}, {@value #MODEL_NAME_TAG}, {@value #REGION_TAG} and
 * {@value #OPERATION_TAG} only, so their cardinality stays that of the models and regions
 * in use:
 * <ul>
 * <li>{@value #TIME_TO_FIRST_CHUNK} (timer): from the start of a stream to its first
 * chunk, unless turned off because {@link BedrockConverseOtelMeterObservationHandler}
 * records the OpenTelemetry histogram of that name;</li>
 * <li>{@value #SERVER_LATENCY} (timer): Bedrock's {@code metrics.latencyMs};</li>
 * <li>{@value #CACHE_TOKENS} (counter, tokens, tag {@value #TOKEN_TYPE_TAG} =
 * {@code cache_read} or {@code cache_write}): prompt-cache tokens;</li>
 * <li>{@value #STOP_REASONS} (counter, tag {@value #STOP_REASON_TAG}): replies by stop
 * reason;</li>
 * <li>{@value #ERRORS} (counter, tag {@value #ERROR_TYPE_TAG}): failed calls and streams
 * by Bedrock error type.</li>
 * </ul>
 * It is a plain {@link ObservationHandler}, not a {@code MeterObservationHandler}, so
 * that Spring Boot does not group it with the handler that records the
 * {@code gen_ai.client.operation} timer, where only the first would run.
 */
public class BedrockConverseMeterObservationHandler implements ObservationHandler<ChatModelObservationContext> {

	/** Timer of the time from the start of a stream to its first chunk. */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/** Timer of Bedrock's server-side latency. */
	public static final String SERVER_LATENCY = "bedrock.converse.server.latency";

	/** Counter of prompt-cache read and write tokens. */
	public static final String CACHE_TOKENS = "bedrock.converse.cache.tokens";

	/** Counter of replies by stop reason. */
	public static final String STOP_REASONS = "bedrock.converse.stop.reasons";

	/** Counter of failures by Bedrock error type. */
	public static final String ERRORS = "bedrock.converse.errors";

	/** Tag of the model the request was sent to. */
	public static final String MODEL_TAG = "gen_ai.request.model";

	/**
	 * Tag of the name of the model ({@code default} for the primary model, else the name
	 * of a named model).
	 */
	public static final String MODEL_NAME_TAG = BedrockConverseObservationConvention.MODEL_NAME_KEY;

	/** Tag of the AWS region. */
	public static final String REGION_TAG = "aws.region";

	/** Tag of the Bedrock operation: {@code Converse} or {@code ConverseStream}. */
	public static final String OPERATION_TAG = "aws.operation";

	/** Tag of {@value #CACHE_TOKENS}: {@code cache_read} or {@code cache_write}. */
	public static final String TOKEN_TYPE_TAG = "gen_ai.token.type";

	/** Tag of {@value #STOP_REASONS}, such as {@code END_TURN} or {@code MAX_TOKENS}. */
	public static final String STOP_REASON_TAG = "stop.reason";

	/** Tag of {@value #ERRORS}, such as {@code ThrottlingException}. */
	public static final String ERROR_TYPE_TAG = "error.type";

	private static final String UNKNOWN = "unknown";

	private final MeterRegistry meterRegistry;

	private final boolean timeToFirstChunk;

	/**
	 * Create a handler that records every meter.
	 * @param meterRegistry the registry to record into
	 */
	public BedrockConverseMeterObservationHandler(MeterRegistry meterRegistry) {
		this(meterRegistry, true);
	}

	/**
	 * Create a handler.
	 * @param meterRegistry the registry to record into
	 * @param timeToFirstChunk whether to record the {@value #TIME_TO_FIRST_CHUNK} timer
	 * (off when {@link BedrockConverseOtelMeterObservationHandler} records the
	 * OpenTelemetry histogram of the same name, with other tags)
	 */
	public BedrockConverseMeterObservationHandler(MeterRegistry meterRegistry, boolean timeToFirstChunk) {
		this.meterRegistry = meterRegistry;
		this.timeToFirstChunk = timeToFirstChunk;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return BedrockConverseObservationDetails.isAttachedTo(context);
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		BedrockConverseObservationDetails details = BedrockConverseObservationDetails.of(context);
		if (details == null) {
			return;
		}
		Tags tags = Tags.of(MODEL_TAG, orUnknown(details.getModel()), MODEL_NAME_TAG, details.getName(), REGION_TAG,
				orUnknown(details.getRegion()), OPERATION_TAG, details.getOperation());
		Duration firstChunk = details.getTimeToFirstChunk();
		if (this.timeToFirstChunk && firstChunk != null) {
			Timer.builder(TIME_TO_FIRST_CHUNK)
				.description("Time from the start of a Bedrock ConverseStream call to its first chunk")
				.tags(tags)
				.register(this.meterRegistry)
				.record(firstChunk);
		}
		Duration serverLatency = details.getServerLatency();
		if (serverLatency != null) {
			Timer.builder(SERVER_LATENCY)
				.description("Latency of the request as measured by Amazon Bedrock (metrics.latencyMs)")
				.tags(tags)
				.register(this.meterRegistry)
				.record(serverLatency);
		}
		countCacheTokens(tags, "cache_read", details.getCacheReadInputTokens());
		countCacheTokens(tags, "cache_write", details.getCacheWriteInputTokens());
		String stopReason = details.getStopReason();
		if (stopReason != null) {
			Counter.builder(STOP_REASONS)
				.description("Bedrock replies by stop reason")
				.tags(tags)
				.tag(STOP_REASON_TAG, stopReason)
				.register(this.meterRegistry)
				.increment();
		}
		String errorType = details.getErrorType();
		if (errorType != null) {
			Counter.builder(ERRORS)
				.description("Failed Bedrock calls and streams by error type")
				.tags(tags)
				.tag(ERROR_TYPE_TAG, errorType)
				.register(this.meterRegistry)
				.increment();
		}
	}

	private void countCacheTokens(Tags tags, String tokenType, @Nullable Long tokens) {
		if (tokens != null) {
			Counter.builder(CACHE_TOKENS)
				.description("Prompt-cache input tokens read and written by Amazon Bedrock")
				.baseUnit("tokens")
				.tags(tags)
				.tag(TOKEN_TYPE_TAG, tokenType)
				.register(this.meterRegistry)
				.increment(tokens);
		}
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : UNKNOWN;
	}

}
