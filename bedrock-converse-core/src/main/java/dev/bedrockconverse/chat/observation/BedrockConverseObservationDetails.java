package dev.bedrockconverse.chat.observation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;

import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.internal.ErrorTypes;

/**
 * The Bedrock-specific facts of one observed {@code call} or {@code stream} of
 * {@link ChatBedrockConverse}, for observation handlers (such as meter handlers) that
 * need more than Spring AI's {@link ChatModelObservationContext} models: the AWS region,
 * the Bedrock operation, the time to the first streamed chunk, Bedrock's server-side
 * latency, cache read and write tokens, the stop reason and the Bedrock error type.
 * <p>
 * {@link ChatBedrockConverse} attaches one instance to each observation context it
 * creates; handlers read it with {@link #of(Observation.Context)}, typically in
 * {@code onStop}, when every value is final. Values that come from the response are read
 * from the context's response, so they are what Spring AI's own handlers see.
 */
public final class BedrockConverseObservationDetails {

	/** The Bedrock operation of {@code call}. */
	public static final String CONVERSE = "Converse";

	/** The Bedrock operation of {@code stream}. */
	public static final String CONVERSE_STREAM = "ConverseStream";

	private static final long NOT_YET = Long.MIN_VALUE;

	private final ChatModelObservationContext context;

	private final @Nullable String region;

	private final long startNanos = System.nanoTime();

	private final AtomicLong firstChunkNanos = new AtomicLong(NOT_YET);

	private BedrockConverseObservationDetails(ChatModelObservationContext context, @Nullable String region) {
		this.context = context;
		this.region = region;
	}

	/**
	 * Create the details of an observation that is about to start and attach them to its
	 * context; the start of the time to first chunk is now.
	 * @param context the context
	 * @param region the region of the client the request goes through, as
	 * {@link #regionOf(SdkClient)} resolved it once for that client
	 * @return the attached details
	 */
	public static BedrockConverseObservationDetails attach(ChatModelObservationContext context,
			@Nullable String region) {
		BedrockConverseObservationDetails details = new BedrockConverseObservationDetails(context, region);
		context.put(BedrockConverseObservationDetails.class, details);
		return details;
	}

	/**
	 * The details attached to an observation context.
	 * @param context any observation context
	 * @return the details, or {@code null} if the context is not one of
	 * {@link ChatBedrockConverse}'s
	 */
	public static @Nullable BedrockConverseObservationDetails of(Observation.Context context) {
		return context.get(BedrockConverseObservationDetails.class);
	}

	/** Record the arrival of a streamed chunk; only the first one counts. */
	public void chunkArrived() {
		if (this.firstChunkNanos.get() == NOT_YET) {
			this.firstChunkNanos.compareAndSet(NOT_YET, System.nanoTime());
		}
	}

	/**
	 * The AWS region of the client that sent the request.
	 * @return the region, such as {@code us-east-1}, or {@code null} if the client does
	 * not tell
	 */
	public @Nullable String getRegion() {
		return this.region;
	}

	/**
	 * The Bedrock operation.
	 * @return {@value #CONVERSE} or {@value #CONVERSE_STREAM}
	 */
	public String getOperation() {
		return this.context.isStreaming() ? CONVERSE_STREAM : CONVERSE;
	}

	/**
	 * The model ID, inference profile ID or ARN the request was sent with.
	 * @return the model, or {@code null} if the prompt's options name none
	 */
	public @Nullable String getModel() {
		return (this.context.getRequest().getOptions() != null) ? this.context.getRequest().getOptions().getModel()
				: null;
	}

	/**
	 * The time from the start of a stream's observation to its first chunk (the first
	 * {@code ChatResponse} it emitted).
	 * @return the time, or {@code null} for a {@code call} or a stream that emitted
	 * nothing
	 */
	public @Nullable Duration getTimeToFirstChunk() {
		long first = this.firstChunkNanos.get();
		return (first != NOT_YET) ? Duration.ofNanos(first - this.startNanos) : null;
	}

	/**
	 * Bedrock's own measure of the request's latency ({@code metrics.latencyMs}).
	 * @return the latency, or {@code null} if there is no response or Bedrock sent none
	 */
	public @Nullable Duration getServerLatency() {
		ChatResponseMetadata metadata = responseMetadata();
		Object latencyMs = (metadata != null) ? metadata.get(BedrockConverseMetadata.LATENCY_MS) : null;
		return (latencyMs instanceof Number number) ? Duration.ofMillis(number.longValue()) : null;
	}

	/**
	 * Input tokens read from Bedrock's prompt cache ({@code usage.cacheReadInputTokens}).
	 * @return the count, or {@code null} if there is no response or Bedrock sent none
	 */
	public @Nullable Long getCacheReadInputTokens() {
		Usage usage = usage();
		return (usage != null) ? usage.getCacheReadInputTokens() : null;
	}

	/**
	 * Input tokens written to Bedrock's prompt cache
	 * ({@code usage.cacheWriteInputTokens}).
	 * @return the count, or {@code null} if there is no response or Bedrock sent none
	 */
	public @Nullable Long getCacheWriteInputTokens() {
		Usage usage = usage();
		return (usage != null) ? usage.getCacheWriteInputTokens() : null;
	}

	/**
	 * Why the model stopped, as the response's finish reason (Bedrock's
	 * {@code stopReason} in upper case, such as {@code END_TURN} or {@code MAX_TOKENS}).
	 * @return the stop reason, or {@code null} if there is no response
	 */
	public @Nullable String getStopReason() {
		ChatResponse response = this.context.getResponse();
		Generation generation = (response != null) ? response.getResult() : null;
		return (generation != null) ? generation.getMetadata().getFinishReason() : null;
	}

	/**
	 * The type of the error the observation ended with: Bedrock's error code (such as
	 * {@code ThrottlingException} or {@code ValidationException}) for an error Bedrock
	 * answered, otherwise the simple class name of the exception (such as
	 * {@code SdkClientException} or {@code ApiCallTimeoutException}).
	 * @return the error type, or {@code null} if there was no error
	 */
	public @Nullable String getErrorType() {
		Throwable error = this.context.getError();
		return (error != null) ? ErrorTypes.of(error) : null;
	}

	private @Nullable ChatResponseMetadata responseMetadata() {
		ChatResponse response = this.context.getResponse();
		return (response != null) ? response.getMetadata() : null;
	}

	private @Nullable Usage usage() {
		ChatResponseMetadata metadata = responseMetadata();
		return (metadata != null) ? metadata.getUsage() : null;
	}

	/**
	 * The region of a client. Resolved once per client rather than per request: the SDK's
	 * {@code serviceClientConfiguration()} builds a whole new configuration on every call
	 * (microseconds and kilobytes), and a client's region never changes.
	 * @param client the client, or {@code null}
	 * @return the region id, or {@code null} if the client does not tell
	 */
	public static @Nullable String regionOf(@Nullable SdkClient client) {
		if (client == null) {
			return null;
		}
		try {
			if (client.serviceClientConfiguration() instanceof AwsServiceClientConfiguration aws
					&& aws.region() != null) {
				return aws.region().id();
			}
		}
		catch (RuntimeException ex) {
			// A hand-written client (a delegating wrapper, say) need not implement it.
		}
		return null;
	}

	@Override
	public String toString() {
		return "BedrockConverseObservationDetails[operation=" + getOperation() + ", region=" + this.region + "]";
	}

}
