package dev.bedrockconverse.chat.observation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.endpoints.EndpointProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.endpoints.BedrockRuntimeEndpointParams;
import software.amazon.awssdk.services.bedrockruntime.endpoints.BedrockRuntimeEndpointProvider;

import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.internal.ErrorTypes;

/**
 * The Bedrock-specific facts of one observed {@code call} or {@code stream} of
 * {@link ChatBedrockConverse}, for observation handlers (such as meter handlers) that
 * need more than Spring AI's {@link ChatModelObservationContext} models: the AWS region,
 * the server address and port, the conversation id, the Bedrock operation, the time to
 * the first streamed chunk, Bedrock's server-side latency, cache read and write tokens,
 * the stop reason and the Bedrock error type.
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

	/**
	 * The high-cardinality key under which Spring AI's {@code ChatClient} observation
	 * carries the chat-memory conversation id.
	 */
	public static final String CHAT_CLIENT_CONVERSATION_ID_KEY = "spring.ai.chat.client.conversation.id";

	private static final long NOT_YET = Long.MIN_VALUE;

	private final ChatModelObservationContext context;

	private final Client client;

	private final String name;

	private final long startNanos = System.nanoTime();

	private final AtomicLong firstChunkNanos = new AtomicLong(NOT_YET);

	private final List<Hop> hops = new CopyOnWriteArrayList<>();

	private BedrockConverseObservationDetails(ChatModelObservationContext context, Client client, String name) {
		this.context = context;
		this.client = client;
		this.name = name;
	}

	/**
	 * Create the details of an observation that is about to start and attach them to its
	 * context; the start of the time to first chunk is now.
	 * @param context the context
	 * @param client the facts of the client the request goes through, as
	 * {@link Client#of(SdkClient)} resolved them once for that client
	 * @param name the name of the model ({@link ChatBedrockConverse#getName()})
	 * @return the attached details
	 */
	public static BedrockConverseObservationDetails attach(ChatModelObservationContext context, Client client,
			String name) {
		BedrockConverseObservationDetails details = new BedrockConverseObservationDetails(context, client, name);
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

	/**
	 * Whether a context is an observation of {@link ChatBedrockConverse} with details
	 * attached: the {@code supportsContext} of this package's handlers.
	 * @param context any observation context
	 * @return whether it is a {@link ChatModelObservationContext} with details
	 */
	public static boolean isAttachedTo(Observation.Context context) {
		return context instanceof ChatModelObservationContext && of(context) != null;
	}

	/** Record the arrival of a streamed chunk; only the first one counts. */
	public void chunkArrived() {
		if (this.firstChunkNanos.get() == NOT_YET) {
			this.firstChunkNanos.compareAndSet(NOT_YET, System.nanoTime());
		}
	}

	/**
	 * Record that the request failed over from one route to the next.
	 * @param hop the hop
	 */
	public void failedOver(Hop hop) {
		this.hops.add(hop);
	}

	/**
	 * Each time the request failed over to a fallback, in order.
	 * @return the hops, empty when the first destination answered (or failed for good)
	 */
	public List<Hop> getFailovers() {
		return List.copyOf(this.hops);

	}

	/**
	 * The name of the model that was called, such as {@code default} for the primary
	 * model or the name of a named model of the auto-configuration.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * The AWS region of the client that sent the request.
	 * @return the region, such as {@code us-east-1}, or {@code null} if the client does
	 * not tell
	 */
	public @Nullable String getRegion() {
		return this.client.region();
	}

	/**
	 * The host name of the endpoint the client sends to (OpenTelemetry's
	 * {@code server.address}): the endpoint override if the client has one, otherwise the
	 * endpoint the SDK resolves for the client's region, such as
	 * {@code bedrock-runtime.us-east-1.amazonaws.com}.
	 * @return the host, or {@code null} if the client does not tell
	 */
	public @Nullable String getServerAddress() {
		return this.client.serverAddress();
	}

	/**
	 * The port of the endpoint the client sends to (OpenTelemetry's {@code server.port}).
	 * @return the port, or {@code null} if the client does not tell
	 */
	public @Nullable Integer getServerPort() {
		return this.client.serverPort();
	}

	/**
	 * The conversation id of Spring AI's chat memory, when the model was called through a
	 * {@code ChatClient} whose request carries one ({@code ChatMemory.CONVERSATION_ID} in
	 * the advisor context, as {@code MessageChatMemoryAdvisor} uses it). That context
	 * never reaches {@code ChatModel.call(Prompt)}: the id is read from the enclosing
	 * {@code spring.ai.chat.client} observation, which tags it as
	 * {@value #CHAT_CLIENT_CONVERSATION_ID_KEY}.
	 * @return the conversation id, or {@code null} if no enclosing observation has one
	 */
	public @Nullable String getConversationId() {
		Observation.ContextView parent = (this.context.getParentObservation() != null)
				? this.context.getParentObservation().getContextView() : null;
		while (parent != null) {
			KeyValue conversationId = parent.getHighCardinalityKeyValue(CHAT_CLIENT_CONVERSATION_ID_KEY);
			if (conversationId != null && !conversationId.getValue().isBlank()) {
				return conversationId.getValue();
			}
			parent = (parent.getParentObservation() != null) ? parent.getParentObservation().getContextView() : null;
		}
		return null;
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

	@Override
	public String toString() {
		return "BedrockConverseObservationDetails[name=" + this.name + ", operation=" + getOperation() + ", region="
				+ getRegion() + "]";
	}

	/**
	 * One failover of a request: the destination that failed, the one tried next, and
	 * why. Destinations are named {@code model@region} from the configured fallbacks and
	 * the options, never with credentials or endpoints, so they make low-cardinality
	 * tags.
	 *
	 * @param from the destination that failed, such as
	 * {@code amazon.nova-micro-v1:0@us-east-1}
	 * @param to the destination tried next
	 * @param reason the error type, such as {@code ThrottlingException}
	 */
	public record Hop(String from, String to, String reason) {

	}

	/**
	 * The facts of a client that observations report: its region and the address and port
	 * of its endpoint. Resolved once per client rather than per request: the SDK's
	 * {@code serviceClientConfiguration()} builds a whole new configuration on every call
	 * (microseconds and kilobytes), and a client's region and endpoint never change.
	 *
	 * @param region the region id, such as {@code us-east-1}, or {@code null}
	 * @param serverAddress the endpoint's host, or {@code null}
	 * @param serverPort the endpoint's port, or {@code null}
	 */
	public record Client(@Nullable String region, @Nullable String serverAddress, @Nullable Integer serverPort) {

		/** A client that tells nothing. */
		public static final Client UNKNOWN = new Client(null, null, null);

		/**
		 * The facts of a client.
		 * @param client the client, or {@code null}
		 * @return its facts; {@link #UNKNOWN} if the client does not tell
		 */
		public static Client of(@Nullable SdkClient client) {
			if (client == null) {
				return UNKNOWN;
			}
			SdkServiceClientConfiguration configuration;
			try {
				configuration = client.serviceClientConfiguration();
			}
			catch (RuntimeException ex) {
				// A hand-written client (a delegating wrapper, say) need not implement
				// it.
				return UNKNOWN;
			}
			Region region = (configuration instanceof AwsServiceClientConfiguration aws) ? aws.region() : null;
			URI endpoint = endpoint(configuration, region);
			Integer port = null;
			if (endpoint != null) {
				port = (endpoint.getPort() != -1) ? endpoint.getPort()
						: ("http".equals(endpoint.getScheme()) ? 80 : 443);
			}
			return new Client((region != null) ? region.id() : null, (endpoint != null) ? endpoint.getHost() : null,
					port);
		}

		private static @Nullable URI endpoint(SdkServiceClientConfiguration configuration, @Nullable Region region) {
			Optional<URI> override = configuration.endpointOverride();
			if (override.isPresent()) {
				return override.get();
			}
			Optional<EndpointProvider> provider = configuration.endpointProvider();
			if (region == null || provider.isEmpty()
					|| !(provider.get() instanceof BedrockRuntimeEndpointProvider bedrock)) {
				return null;
			}
			try {
				Endpoint endpoint = bedrock
					.resolveEndpoint(BedrockRuntimeEndpointParams.builder().region(region).build())
					.join();
				return endpoint.url();
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

}
