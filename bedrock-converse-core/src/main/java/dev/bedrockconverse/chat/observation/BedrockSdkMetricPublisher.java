package dev.bedrockconverse.chat.observation;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.SdkMetric;

/**
 * An AWS SDK {@link MetricPublisher} that records the SDK's own metrics of each API call
 * of a Bedrock Runtime client into Micrometer, with low-cardinality tags only
 * ({@value #OPERATION_TAG}, {@value #REGION_TAG} and, per attempt,
 * {@value #SDK_ERROR_TYPE_TAG}):
 * <ul>
 * <li>{@value #API_CALLS} (timer, tag {@value #OUTCOME_TAG}): the SDK's
 * {@code ApiCallDuration}, retries and back-off included;</li>
 * <li>{@value #ATTEMPTS} (counter): HTTP attempts, by the SDK's {@code ErrorType}
 * ({@code none} when the attempt succeeded);</li>
 * <li>{@value #SERVICE_CALLS} (timer): the SDK's {@code ServiceCallDuration} of each
 * attempt;</li>
 * <li>{@value #RETRIES} (counter): the SDK's {@code RetryCount};</li>
 * <li>{@value #THROTTLES} (counter): attempts the SDK classified as throttled.</li>
 * </ul>
 * The SDK calls {@link #publish} once per API call, on its own threads, after the call
 * (and, for ConverseStream, its event stream) has finished.
 */
public class BedrockSdkMetricPublisher implements MetricPublisher {

	/** Timer of whole API calls. */
	public static final String API_CALLS = "bedrock.converse.sdk.api.calls";

	/** Counter of HTTP attempts. */
	public static final String ATTEMPTS = "bedrock.converse.sdk.attempts";

	/** Timer of the service call of each attempt. */
	public static final String SERVICE_CALLS = "bedrock.converse.sdk.service.calls";

	/** Counter of retries. */
	public static final String RETRIES = "bedrock.converse.sdk.retries";

	/** Counter of throttled attempts. */
	public static final String THROTTLES = "bedrock.converse.sdk.throttles";

	/** Tag of the operation, such as {@code Converse} or {@code ConverseStream}. */
	public static final String OPERATION_TAG = "aws.operation";

	/** Tag of the AWS region. */
	public static final String REGION_TAG = "aws.region";

	/** Tag of {@value #API_CALLS}: {@code success} or {@code failure}. */
	public static final String OUTCOME_TAG = "outcome";

	/**
	 * Tag of {@value #ATTEMPTS} and {@value #SERVICE_CALLS}: the SDK's error type of the
	 * attempt ({@code Throttling}, {@code ServerError}, {@code ConfiguredTimeout},
	 * {@code IO}, {@code Other}) or {@code none}.
	 */
	public static final String SDK_ERROR_TYPE_TAG = "sdk.error.type";

	/** The SDK's {@code ErrorType} of a throttled attempt. */
	private static final String THROTTLING = "Throttling";

	private static final String ATTEMPT_COLLECTION = "ApiCallAttempt";

	private final MeterRegistry meterRegistry;

	private final String region;

	private final MeterCache meters = new MeterCache();

	/**
	 * Create a publisher for the clients of one region.
	 * @param meterRegistry the registry to record into
	 * @param region the AWS region of the client, for the {@value #REGION_TAG} tag
	 */
	public BedrockSdkMetricPublisher(MeterRegistry meterRegistry, String region) {
		this.meterRegistry = meterRegistry;
		this.region = region;
	}

	@Override
	public void publish(MetricCollection metricCollection) {
		String found = first(metricCollection, CoreMetric.OPERATION_NAME);
		String operation = (found != null) ? found : "unknown";
		Duration apiCallDuration = first(metricCollection, CoreMetric.API_CALL_DURATION);
		if (apiCallDuration != null) {
			Boolean successful = first(metricCollection, CoreMetric.API_CALL_SUCCESSFUL);
			timer(API_CALLS, "AWS SDK API calls to Bedrock Runtime, retries included", operation, OUTCOME_TAG,
					Boolean.TRUE.equals(successful) ? "success" : "failure")
				.record(apiCallDuration);
		}
		Integer retries = first(metricCollection, CoreMetric.RETRY_COUNT);
		if (retries != null) {
			counter(RETRIES, "AWS SDK retries of Bedrock Runtime calls", operation, null, null).increment(retries);
		}
		for (MetricCollection child : metricCollection.children()) {
			if (ATTEMPT_COLLECTION.equals(child.name())) {
				publishAttempt(child, operation);
			}
		}
	}

	private void publishAttempt(MetricCollection attempt, String operation) {
		String found = first(attempt, CoreMetric.ERROR_TYPE);
		String errorType = (found != null) ? found : "none";
		counter(ATTEMPTS, "AWS SDK HTTP attempts of Bedrock Runtime calls", operation, SDK_ERROR_TYPE_TAG, errorType)
			.increment();
		Duration serviceCallDuration = first(attempt, CoreMetric.SERVICE_CALL_DURATION);
		if (serviceCallDuration != null) {
			timer(SERVICE_CALLS, "Duration of each AWS SDK HTTP attempt to Bedrock Runtime", operation,
					SDK_ERROR_TYPE_TAG, errorType)
				.record(serviceCallDuration);
		}
		if (THROTTLING.equals(found)) {
			counter(THROTTLES, "AWS SDK attempts to Bedrock Runtime that were throttled", operation, null, null)
				.increment();
		}
	}

	private Timer timer(String name, String description, String operation, String tagKey, String tagValue) {
		return this.meters.timer(new MeterCache.Key(name, operation, tagValue, null, null, null),
				() -> Timer.builder(name)
					.description(description)
					.tags(tags(operation, tagKey, tagValue))
					.register(this.meterRegistry));
	}

	private Counter counter(String name, String description, String operation, @Nullable String tagKey,
			@Nullable String tagValue) {
		return this.meters.counter(new MeterCache.Key(name, operation, tagValue, null, null, null),
				() -> Counter.builder(name)
					.description(description)
					.tags(tags(operation, tagKey, tagValue))
					.register(this.meterRegistry));
	}

	private Tags tags(String operation, @Nullable String tagKey, @Nullable String tagValue) {
		Tags tags = Tags.of(OPERATION_TAG, operation, REGION_TAG, this.region);
		return (tagKey != null && tagValue != null) ? tags.and(tagKey, tagValue) : tags;
	}

	private static <T> @Nullable T first(MetricCollection collection, SdkMetric<T> metric) {
		List<T> values = collection.metricValues(metric);
		return values.isEmpty() ? null : values.get(0);
	}

	@Override
	public void close() {
		// The meters belong to the registry; there is nothing to flush or release.
	}

}
