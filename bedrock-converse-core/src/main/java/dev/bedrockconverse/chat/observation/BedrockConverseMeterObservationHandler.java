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
 * by Bedrock error type;</li>
 * <li>{@value #FAILOVERS} (counter, tags {@value #FAILOVER_FROM_TAG},
 * {@value #FAILOVER_TO_TAG} and {@value #FAILOVER_REASON_TAG}): each time a request
 * failed over to a fallback.</li>
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

	/** Counter of failovers from one destination to the next. */
	public static final String FAILOVERS = "bedrock.converse.failover";

	/** Tag of {@value #FAILOVERS}: the destination that failed, {@code model@region}. */
	public static final String FAILOVER_FROM_TAG = "from";

	/** Tag of {@value #FAILOVERS}: the destination tried next, {@code model@region}. */
	public static final String FAILOVER_TO_TAG = "to";

	/**
	 * Tag of {@value #FAILOVERS}: the error type, such as {@code ThrottlingException}.
	 */
	public static final String FAILOVER_REASON_TAG = "reason";

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

	private final MeterCache meters = new MeterCache();

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
		Key key = new Key(orUnknown(details.getModel()), details.getName(), orUnknown(details.getRegion()),
				details.getOperation());
		Duration firstChunk = details.getTimeToFirstChunk();
		if (this.timeToFirstChunk && firstChunk != null) {
			timer(TIME_TO_FIRST_CHUNK, "Time from the start of a Bedrock ConverseStream call to its first chunk", key)
				.record(firstChunk);
		}
		Duration serverLatency = details.getServerLatency();
		if (serverLatency != null) {
			timer(SERVER_LATENCY, "Latency of the request as measured by Amazon Bedrock (metrics.latencyMs)", key)
				.record(serverLatency);
		}
		countCacheTokens(key, "cache_read", details.getCacheReadInputTokens());
		countCacheTokens(key, "cache_write", details.getCacheWriteInputTokens());
		String stopReason = details.getStopReason();
		if (stopReason != null) {
			counter(STOP_REASONS, "Bedrock replies by stop reason", null, key, STOP_REASON_TAG, stopReason).increment();
		}
		String errorType = details.getErrorType();
		if (errorType != null) {
			counter(ERRORS, "Failed Bedrock calls and streams by error type", null, key, ERROR_TYPE_TAG, errorType)
				.increment();
		}
		for (BedrockConverseObservationDetails.Hop hop : details.getFailovers()) {
			Counter.builder(FAILOVERS)
				.description("Bedrock requests that failed over to a fallback, by destination and error type")
				.tags(key.tags())
				.tag(FAILOVER_FROM_TAG, hop.from())
				.tag(FAILOVER_TO_TAG, hop.to())
				.tag(FAILOVER_REASON_TAG, hop.reason())
				.register(this.meterRegistry)
				.increment();
		}
	}

	private void countCacheTokens(Key key, String tokenType, @Nullable Long tokens) {
		if (tokens != null) {
			counter(CACHE_TOKENS, "Prompt-cache input tokens read and written by Amazon Bedrock", "tokens", key,
					TOKEN_TYPE_TAG, tokenType)
				.increment(tokens);
		}
	}

	private Timer timer(String name, String description, Key key) {
		return this.meters.timer(new MeterCache.Key(name, key.model(), key.name(), key.region(), key.operation(), null),
				() -> Timer.builder(name).description(description).tags(key.tags()).register(this.meterRegistry));
	}

	private Counter counter(String name, String description, @Nullable String baseUnit, Key key, String tagKey,
			String tagValue) {
		return this.meters.counter(
				new MeterCache.Key(name, key.model(), key.name(), key.region(), key.operation(), tagValue),
				() -> Counter.builder(name)
					.description(description)
					.baseUnit(baseUnit)
					.tags(key.tags())
					.tag(tagKey, tagValue)
					.register(this.meterRegistry));
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : UNKNOWN;
	}

	/** The tag values every meter of one observation has. */
	private record Key(String model, String name, String region, String operation) {

		Tags tags() {
			return Tags.of(MODEL_TAG, this.model, MODEL_NAME_TAG, this.name, REGION_TAG, this.region, OPERATION_TAG,
					this.operation);
		}

	}

}
