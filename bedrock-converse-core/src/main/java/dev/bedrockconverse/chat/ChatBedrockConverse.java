package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.MediaContent;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.observation.conventions.AiProvider;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;

import dev.bedrockconverse.chat.internal.BedrockErrorTranslator;
import dev.bedrockconverse.chat.internal.ConverseResponseMapper;
import dev.bedrockconverse.chat.internal.ConverseStreamFlux;
import dev.bedrockconverse.chat.internal.Failover;
import dev.bedrockconverse.chat.internal.PreparedRequest;
import dev.bedrockconverse.chat.internal.StreamTimeouts;
import dev.bedrockconverse.chat.observation.BedrockConverseObservationConvention;
import dev.bedrockconverse.chat.observation.BedrockConverseObservationDetails;

/**
 * A Spring AI {@link ChatModel} over the Amazon Bedrock Converse API ({@link #call}) and
 * ConverseStream API ({@link #stream}).
 * <p>
 * {@link #call(Prompt)} needs a {@link BedrockRuntimeClient}; {@link #stream(Prompt)}
 * needs a {@link BedrockRuntimeAsyncClient}. Either may be left out, in which case the
 * operation that needs it fails with an {@link IllegalStateException}. The clients are
 * not closed by this class: their owner closes them.
 * <p>
 * Tools follow Spring AI 2.0: the model describes the options' tools to Bedrock (their
 * definitions resolved by a {@link ToolCallingManager}) and returns the model's tool uses
 * as {@link org.springframework.ai.chat.messages.AssistantMessage.ToolCall}s; it never
 * runs them. {@code ChatClient}'s tool-calling advisor runs them and sends the results
 * back as a {@link org.springframework.ai.chat.messages.ToolResponseMessage}.
 * <p>
 * {@link #countTokens(Prompt)} counts a prompt's input tokens with Bedrock's CountTokens
 * (no generation, no charge), the prompt mapped exactly as {@link #call} maps it. The
 * {@link TokenCountEstimator} methods count content with it too, each as one user message
 * with the default options (that interface sees content, not prompts: see
 * {@link #estimate(Iterable)}).
 * <p>
 * Instances are immutable and thread-safe. Create one with {@link #builder()}.
 */
public final class ChatBedrockConverse implements ChatModel, TokenCountEstimator {

	/**
	 * The name of the tool the model is forced to call when
	 * {@link StructuredOutputMode#TOOL} is used; its input is returned as the answer.
	 */
	public static final String STRUCTURED_OUTPUT_TOOL_NAME = "structured_output";

	/**
	 * The name of the observation event of each failover; its contextual name says from
	 * where to where and why.
	 */
	public static final String FAILOVER_EVENT = "bedrock.converse.failover";

	/**
	 * The name of a model built without {@link Builder#name(String)}: the name of the
	 * primary model of the auto-configuration, tagged as
	 * {@value BedrockConverseObservationConvention#MODEL_NAME_KEY} on its meters and
	 * spans.
	 */
	public static final String DEFAULT_NAME = "default";

	private static final ChatModelObservationConvention DEFAULT_CONVENTION = new BedrockConverseObservationConvention();

	private final @Nullable BedrockRuntimeClient client;

	private final @Nullable BedrockRuntimeAsyncClient asyncClient;

	/** The clients' facts for observations, resolved once (see {@code Client.of}). */
	private final BedrockConverseObservationDetails.Client observedClient;

	private final BedrockConverseObservationDetails.Client observedAsyncClient;

	private final BedrockConverseChatOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ChatModelObservationConvention observationConvention;

	private final ToolCallingManager toolCallingManager;

	private final boolean mergeConsecutiveMessages;

	private final boolean historyRepair;

	private final @Nullable Duration streamFirstTokenTimeout;

	private final @Nullable Duration streamIdleTimeout;

	private final List<BedrockConverseFallback> fallbacks;

	private final String name;

	private ChatBedrockConverse(Builder builder) {
		this.name = builder.name;
		this.fallbacks = builder.fallbacks;
		this.mergeConsecutiveMessages = builder.mergeConsecutiveMessages;
		this.historyRepair = builder.historyRepair;
		this.streamFirstTokenTimeout = builder.streamFirstTokenTimeout;
		this.streamIdleTimeout = builder.streamIdleTimeout;
		this.client = builder.client;
		this.asyncClient = builder.asyncClient;
		this.observedClient = BedrockConverseObservationDetails.Client.of(builder.client);
		this.observedAsyncClient = BedrockConverseObservationDetails.Client.of(builder.asyncClient);
		this.defaultOptions = builder.defaultOptions;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.toolCallingManager = (builder.toolCallingManager != null) ? builder.toolCallingManager
				: ToolCallingManager.builder().build();
	}

	/**
	 * Create a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Send the prompt with the Converse API and wait for the reply.
	 * @param prompt the prompt; its options override the default options field by field
	 * @return the response with one generation
	 * @throws IllegalArgumentException if the prompt is invalid for Converse (no
	 * messages, a blank text, a conversation not starting with a user message, or an
	 * unsupported option)
	 * @throws IllegalStateException if no {@link BedrockRuntimeClient} was configured
	 * @throws BedrockConverseTransientException if Bedrock failed in a way that may pass
	 * when tried again (after the SDK's own retries)
	 * @throws BedrockConverseNonTransientException if Bedrock rejected the request
	 */
	@Override
	public ChatResponse call(Prompt prompt) {
		BedrockRuntimeClient syncClient = this.client;
		if (syncClient == null) {
			throw new IllegalStateException("ChatBedrockConverse.call(Prompt) needs a BedrockRuntimeClient: "
					+ "configure one with ChatBedrockConverse.builder().bedrockRuntimeClient(...)");
		}
		// Prepared before the observation starts, so invalid prompts send nothing.
		PreparedRequest prepared = prepare(prompt);
		ChatModelObservationContext context = observationContext(prepared.prompt(), false);
		BedrockConverseObservationDetails details = BedrockConverseObservationDetails.attach(context,
				this.observedClient, this.name);
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
		Failover failover = failover(prepared, this.observedClient, details, observation);
		return observation.observe(() -> {
			for (int attempt = 0;; attempt++) {
				ConverseRequest request = prepared.request(failover.route(attempt));
				try {
					ConverseResponse response = converse(syncClient, request);
					ChatResponse chatResponse = withHistoryRepairs(ConverseResponseMapper.toChatResponse(response,
							request.modelId(), failover.region(attempt), prepared.structuredOutputTool()), prepared);
					context.setResponse(chatResponse);
					return chatResponse;
				}
				catch (RuntimeException ex) {
					if (!failover.next(attempt, ex)) {
						throw ex;
					}
				}
			}
		});
	}

	/**
	 * Send the prompt with the ConverseStream API. The flux emits one response per text
	 * delta, then a last response carrying the finish reason and usage. Cancelling the
	 * flux cancels the underlying request. Failures end the flux with a
	 * {@link BedrockConverseTransientException} or
	 * {@link BedrockConverseNonTransientException}; an SDK retry is forwarded only while
	 * nothing was emitted, so every delta is emitted exactly once.
	 * @param prompt the prompt; its options override the default options field by field
	 * @return a cold flux of responses; nothing is sent until it is subscribed
	 * @throws IllegalStateException if no {@link BedrockRuntimeAsyncClient} was
	 * configured
	 */
	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		BedrockRuntimeAsyncClient streamingClient = this.asyncClient;
		if (streamingClient == null) {
			throw new IllegalStateException("ChatBedrockConverse.stream(Prompt) needs a BedrockRuntimeAsyncClient: "
					+ "configure one with ChatBedrockConverse.builder().bedrockRuntimeAsyncClient(...)");
		}
		PreparedRequest prepared = prepare(prompt);
		String modelId = prepared.modelId();
		return Flux.deferContextual((contextView) -> {
			// One observation per subscription, since each subscription sends a request.
			ChatModelObservationContext context = observationContext(prepared.prompt(), true);
			BedrockConverseObservationDetails details = BedrockConverseObservationDetails.attach(context,
					this.observedAsyncClient, this.name);
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
				.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (parent != null) {
				observation.parentObservation(parent);
			}
			observation.start();
			// Stopped exactly once, whichever of complete, error or cancel comes first;
			// on
			// termination it is stopped before the subscriber sees the signal, so metrics
			// are recorded by the time a caller's blockLast() returns.
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stopOnce = () -> {
				if (stopped.compareAndSet(false, true)) {
					observation.stop();
				}
			};
			Failover failover = failover(prepared, this.observedAsyncClient, details, observation);
			// A no-op observation never hands the context to a handler: skip the
			// aggregate.
			Consumer<ChatResponse> onAggregate = observation.isNoop() ? null : context::setResponse;
			return StreamTimeouts
				.apply(attempt(streamingClient, prepared, failover, 0, onAggregate, new AtomicBoolean()),
						this.streamFirstTokenTimeout, this.streamIdleTimeout, modelId)
				.map((response) -> withHistoryRepairs(response, prepared))
				.doOnNext((response) -> details.chunkArrived())
				.doOnError(observation::error)
				.doOnTerminate(stopOnce)
				.doOnCancel(stopOnce);
		});
	}

	/**
	 * Count the input tokens of a prompt with Bedrock's CountTokens: the prompt is
	 * prepared exactly as {@link #call(Prompt)} prepares it (options merged, tools
	 * resolved, validated, history repaired if that is on) and its messages, system
	 * prompt, tool configuration and additional model request fields are counted for its
	 * model. Nothing is generated and CountTokens is not charged; the count is what a
	 * call's usage would report as input tokens.
	 * @param prompt the prompt
	 * @return the input tokens
	 * @throws IllegalArgumentException if the prompt is invalid for Converse (nothing is
	 * sent)
	 * @throws IllegalStateException if no {@link BedrockRuntimeClient} was configured
	 * @throws BedrockConverseNonTransientException if Bedrock rejected the request, among
	 * others for a model id CountTokens does not count for (an inference profile, or a
	 * model family without token counting): the message names the model and the
	 * alternatives
	 * @throws BedrockConverseTransientException if Bedrock failed in a way that may pass
	 * when tried again
	 */
	public int countTokens(Prompt prompt) {
		BedrockRuntimeClient syncClient = this.client;
		if (syncClient == null) {
			throw new IllegalStateException("ChatBedrockConverse.countTokens(Prompt) needs a BedrockRuntimeClient: "
					+ "configure one with ChatBedrockConverse.builder().bedrockRuntimeClient(...)");
		}
		CountTokensRequest request = prepare(prompt).countTokensRequest();
		try {
			Integer inputTokens = syncClient.countTokens(request).inputTokens();
			return (inputTokens != null) ? inputTokens : 0;
		}
		catch (SdkException ex) {
			throw (RuntimeException) BedrockErrorTranslator.translateCountTokens(ex, request.modelId());
		}
	}

	/**
	 * The input tokens of a text sent as one user message with the default options, by
	 * {@link #countTokens(Prompt)}.
	 * @param text the text
	 * @return the input tokens
	 */
	@Override
	public int estimate(String text) {
		return countTokens(new Prompt(new UserMessage(text)));
	}

	/**
	 * The input tokens of a content's text and media sent as one user message with the
	 * default options, by {@link #countTokens(Prompt)}. Converse needs text next to
	 * media, so content with media and no text is refused like such a user message.
	 * @param content the content
	 * @return the input tokens
	 */
	@Override
	public int estimate(MediaContent content) {
		return countTokens(new Prompt(UserMessage.builder()
			.text(content.getText())
			.media((content.getMedia() != null) ? content.getMedia() : List.of())
			.build()));
	}

	/**
	 * The sum of {@link #estimate(MediaContent)} over the contents. Spring AI's interface
	 * sees content without roles, system prompt, tools or options, so each content is
	 * counted as a request of its own, and the count includes each request's framing; for
	 * what a request will cost, count the prompt with {@link #countTokens(Prompt)}.
	 * @param contents the contents
	 * @return the sum of their input tokens
	 */
	@Override
	public int estimate(Iterable<MediaContent> contents) {
		int total = 0;
		for (MediaContent content : contents) {
			total += estimate(content);
		}
		return total;
	}

	/**
	 * One attempt of a stream, on one route; fails over to the next route only while
	 * nothing was delivered, so a stream is never replayed.
	 * @param client the async client
	 * @param prepared the prepared request
	 * @param failover its failover
	 * @param attempt the attempt, from 0
	 * @param onAggregate receives the aggregated reply, or {@code null}
	 * @param delivered set once any response was delivered, by any attempt
	 * @return the responses
	 */
	private static Flux<ChatResponse> attempt(BedrockRuntimeAsyncClient client, PreparedRequest prepared,
			Failover failover, int attempt, @Nullable Consumer<ChatResponse> onAggregate, AtomicBoolean delivered) {
		ConverseStreamRequest request = prepared.streamRequest(failover.route(attempt));
		return ConverseStreamFlux
			.create(client, request, request.modelId(), failover.region(attempt), prepared.structuredOutputTool(),
					onAggregate)
			.doOnNext((response) -> delivered.set(true))
			.onErrorResume((ex) -> (!delivered.get() && failover.next(attempt, ex))
					? attempt(client, prepared, failover, attempt + 1, onAggregate, delivered) : Flux.error(ex));
	}

	/**
	 * The failover of one call or stream: each hop is recorded in the observation's
	 * details (for the failover counter) and as an observation event (for traces).
	 * @param prepared the prepared request
	 * @param client the facts of the client that sends it
	 * @param details the observation's details
	 * @param observation the observation
	 * @return the failover
	 */
	private static Failover failover(PreparedRequest prepared, BedrockConverseObservationDetails.Client client,
			BedrockConverseObservationDetails details, Observation observation) {
		return new Failover(prepared, client.region(), (from, to, reason) -> {
			details.failedOver(new BedrockConverseObservationDetails.Hop(from, to, reason));
			observation.event(
					Observation.Event.of(FAILOVER_EVENT, "failover from " + from + " to " + to + " after " + reason));
		});
	}

	private static ConverseResponse converse(BedrockRuntimeClient syncClient, ConverseRequest request) {
		try {
			return syncClient.converse(request);
		}
		catch (SdkException ex) {
			// The SDK has retried as configured: what is left is typed for Spring AI
			// callers.
			throw (RuntimeException) BedrockErrorTranslator.translate(ex, request.modelId(), null);
		}
	}

	private PreparedRequest prepare(Prompt prompt) {
		return PreparedRequest.prepare(prompt, this.defaultOptions, this.toolCallingManager,
				this.mergeConsecutiveMessages, this.historyRepair, this.fallbacks);
	}

	private static ChatResponse withHistoryRepairs(ChatResponse response, PreparedRequest prepared) {
		return prepared.historyRepairs().isEmpty() ? response : ConverseResponseMapper.withMetadata(response,
				BedrockConverseMetadata.HISTORY_REPAIRS, prepared.historyRepairs());
	}

	private ChatModelObservationContext observationContext(Prompt prompt, boolean streaming) {
		return ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider(AiProvider.BEDROCK_CONVERSE.value())
			.streaming(streaming)
			.build();
	}

	/**
	 * The default options, used for every field a prompt's options leave unset. Spring AI
	 * 2.0 callers such as {@code ChatClient} start from these and combine their own
	 * options over them.
	 * @return the default options
	 */
	@Override
	public BedrockConverseChatOptions getOptions() {
		return this.defaultOptions;
	}

	/**
	 * The default options; same as {@link #getOptions()}. (Spring AI 2.0 deprecates this
	 * method on {@link ChatModel} in favour of {@code getOptions()}; it is kept here
	 * because callers of this class use it.)
	 * @return the default options
	 */
	@Override
	@SuppressWarnings("removal")
	public BedrockConverseChatOptions getDefaultOptions() {
		return this.defaultOptions;
	}

	/**
	 * The name of this model, as its meters and spans are tagged
	 * ({@value BedrockConverseObservationConvention#MODEL_NAME_KEY}).
	 * @return the name; {@value #DEFAULT_NAME} unless the builder set one
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Builder for {@link ChatBedrockConverse}.
	 */
	public static final class Builder {

		private @Nullable BedrockRuntimeClient client;

		private @Nullable BedrockRuntimeAsyncClient asyncClient;

		private BedrockConverseChatOptions defaultOptions = BedrockConverseChatOptions.builder().build();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ChatModelObservationConvention observationConvention;

		private @Nullable ToolCallingManager toolCallingManager;

		private boolean mergeConsecutiveMessages;

		private boolean historyRepair;

		private @Nullable Duration streamFirstTokenTimeout;

		private @Nullable Duration streamIdleTimeout;

		private List<BedrockConverseFallback> fallbacks = List.of();

		private String name = DEFAULT_NAME;

		private Builder() {
		}

		/**
		 * Where a request goes, in order, when the SDK's own retries are exhausted on
		 * throttling, service unavailable, model not ready or model timeout: another
		 * region, inference profile or model (endpoint and credentials inherited unless
		 * set). A {@code call} fails over; a {@code stream} fails over only while it has
		 * delivered nothing, so a stream is never replayed. Validation, access and every
		 * other error never fail over. The response metadata says which model
		 * ({@code getModel()}) and region ({@link BedrockConverseMetadata#REGION})
		 * answered; each hop is an observation event ({@link #FAILOVER_EVENT}) and
		 * counted by the {@code bedrock.converse.failover} meter. None by default.
		 * @param fallbacks the fallbacks, in order
		 * @return this builder
		 */
		public Builder fallbacks(List<BedrockConverseFallback> fallbacks) {
			if (fallbacks == null || fallbacks.stream().anyMatch(Objects::isNull)) {
				throw new IllegalArgumentException(
						"fallbacks must not be null or contain null; use List.of() for none");
			}
			this.fallbacks = List.copyOf(fallbacks);
			return this;
		}

		/**
		 * The name of the model, a low-cardinality tag
		 * ({@value BedrockConverseObservationConvention#MODEL_NAME_KEY}) of its meters
		 * and spans, so that several models of one application (the auto-configuration's
		 * named models) are told apart; defaults to
		 * {@value ChatBedrockConverse#DEFAULT_NAME}.
		 * @param name the name, not blank
		 * @return this builder
		 */
		public Builder name(String name) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("name must not be blank");
			}
			this.name = name;
			return this;
		}

		/**
		 * Whether consecutive messages of the same role (for example two user messages
		 * from a chat memory) are merged into one Converse turn, their contents kept in
		 * order. Off by default: such a conversation is rejected with an
		 * {@link IllegalArgumentException}, since Converse requires user and assistant
		 * turns to alternate and a silent merge can hide a bug in the history.
		 * @param mergeConsecutiveMessages whether to merge
		 * @return this builder
		 */
		public Builder mergeConsecutiveMessages(boolean mergeConsecutiveMessages) {
			this.mergeConsecutiveMessages = mergeConsecutiveMessages;
			return this;
		}

		/**
		 * Whether to repair the histories a chat memory window breaks before sending:
		 * turns before the first user turn are dropped (a window that starts with an
		 * assistant turn, or with a tool result whose tool use was cut off) and
		 * consecutive turns of one role are merged into one turn, their contents kept in
		 * order. Nothing else in a history is changed. Each repair is listed in the
		 * response metadata under {@link BedrockConverseMetadata#HISTORY_REPAIRS} and
		 * logged at DEBUG. Off by default: such a history is rejected with an
		 * {@link IllegalArgumentException} that names this setting.
		 * @param historyRepair whether to repair
		 * @return this builder
		 */
		public Builder historyRepair(boolean historyRepair) {
			this.historyRepair = historyRepair;
			return this;
		}

		/**
		 * The longest wait from subscribing to {@link ChatBedrockConverse#stream} until
		 * the first response; when it passes, the stream is cancelled and fails with a
		 * {@link BedrockConverseTransientException}. Defaults to the idle timeout.
		 * @param timeout the timeout, or {@code null}
		 * @return this builder
		 */
		public Builder streamFirstTokenTimeout(@Nullable Duration timeout) {
			this.streamFirstTokenTimeout = requirePositive("streamFirstTokenTimeout", timeout);
			return this;
		}

		/**
		 * The longest wait between two responses of a stream; when it passes, the stream
		 * is cancelled and fails with a {@link BedrockConverseTransientException}. Unset
		 * by default (no limit beyond the SDK client's timeouts).
		 * @param timeout the timeout, or {@code null}
		 * @return this builder
		 */
		public Builder streamIdleTimeout(@Nullable Duration timeout) {
			this.streamIdleTimeout = requirePositive("streamIdleTimeout", timeout);
			return this;
		}

		private static @Nullable Duration requirePositive(String name, @Nullable Duration timeout) {
			if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
				throw new IllegalArgumentException(name + " must be positive, but is " + timeout);
			}
			return timeout;
		}

		/**
		 * The synchronous client, used by {@link ChatBedrockConverse#call(Prompt)}.
		 * @param client the client, or {@code null} if {@code call} is not needed
		 * @return this builder
		 */
		public Builder bedrockRuntimeClient(@Nullable BedrockRuntimeClient client) {
			this.client = client;
			return this;
		}

		/**
		 * The asynchronous client, used by {@link ChatBedrockConverse#stream(Prompt)}.
		 * @param asyncClient the client, or {@code null} if {@code stream} is not needed
		 * @return this builder
		 */
		public Builder bedrockRuntimeAsyncClient(@Nullable BedrockRuntimeAsyncClient asyncClient) {
			this.asyncClient = asyncClient;
			return this;
		}

		/**
		 * The default options; defaults to all fields unset.
		 * @param defaultOptions the default options
		 * @return this builder
		 */
		public Builder defaultOptions(BedrockConverseChatOptions defaultOptions) {
			if (defaultOptions == null) {
				throw new IllegalArgumentException("defaultOptions must not be null");
			}
			this.defaultOptions = defaultOptions;
			return this;
		}

		/**
		 * The registry for the {@code gen_ai.client.operation} observations; defaults to
		 * {@link ObservationRegistry#NOOP}.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			if (observationRegistry == null) {
				throw new IllegalArgumentException("observationRegistry must not be null");
			}
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * A custom observation convention; defaults to
		 * {@link BedrockConverseObservationConvention}.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable ChatModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * The manager that resolves the options' tool callbacks into the tool definitions
		 * sent to Bedrock; defaults to Spring AI's {@code DefaultToolCallingManager}.
		 * (Tools are run by {@code ChatClient}'s tool-calling advisor, not by this
		 * model.)
		 * @param toolCallingManager the manager, or {@code null} for the default
		 * @return this builder
		 */
		public Builder toolCallingManager(@Nullable ToolCallingManager toolCallingManager) {
			this.toolCallingManager = toolCallingManager;
			return this;
		}

		/**
		 * Build the chat model.
		 * @return the chat model
		 */
		public ChatBedrockConverse build() {
			return new ChatBedrockConverse(this);
		}

	}

}
