package dev.bedrockconverse.chat.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * Bridges one ConverseStream call of the async SDK client to a cold {@link Flux}.
 * <p>
 * Why it is more than {@code Flux.from(publisher)}:
 * <ul>
 * <li>The SDK retries a ConverseStream call after a retryable failure and hands each
 * attempt's event publisher to {@code onEventStream} again. Only one attempt may reach
 * the subscriber: a new attempt replaces an earlier one only while nothing has been
 * emitted; once responses were emitted, a failure of that attempt is final and later
 * attempts are cancelled, so output is never replayed.</li>
 * <li>Cancelling the flux must cancel both the event subscription and the call's
 * {@link CompletableFuture} (which aborts the HTTP exchange and stops retries).</li>
 * <li>Events are requested one at a time, only while the downstream has demand, since
 * most events (start/stop markers) produce no response.</li>
 * </ul>
 */
public final class ConverseStreamFlux {

	private ConverseStreamFlux() {
	}

	/**
	 * Create the flux; the request is sent on each subscription.
	 * @param client the async client
	 * @param request the request
	 * @param modelId the model id, for response metadata
	 * @param region the region the request goes to, for response metadata, or
	 * {@code null} if unknown
	 * @param structuredOutputTool whether the structured-output tool's input is streamed
	 * as answer text rather than returned as a tool call
	 * @param onAggregate receives the whole reply as one response just before the last
	 * response is emitted (used to complete the observation context), or {@code null}
	 * when nothing observes it, so the reply is not aggregated at all
	 * @return the flux of responses
	 */
	public static Flux<ChatResponse> create(BedrockRuntimeAsyncClient client, ConverseStreamRequest request,
			String modelId, @Nullable String region, boolean structuredOutputTool,
			@Nullable Consumer<ChatResponse> onAggregate) {
		return Flux.create(
				(sink) -> new Call(sink, modelId, region, structuredOutputTool, onAggregate).start(client, request),
				FluxSink.OverflowStrategy.BUFFER);
	}

	public static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * The state of one subscription, i.e. one ConverseStream call with its SDK retries.
	 */
	private static final class Call {

		private final FluxSink<ChatResponse> sink;

		private final boolean structuredOutputTool;

		private final String modelId;

		private final @Nullable String region;

		private final @Nullable Consumer<ChatResponse> onAggregate;

		/** Set once any response reached the sink; from then on no other attempt may. */
		private volatile boolean emitted;

		/** Set when the flux is terminated or cancelled. */
		private volatile boolean disposed;

		private final AtomicInteger attempts = new AtomicInteger();

		private final AtomicReference<@Nullable Subscription> subscription = new AtomicReference<>();

		/** Set when an event was handled while the downstream had no demand. */
		private final AtomicBoolean paused = new AtomicBoolean();

		private volatile @Nullable String requestId;

		private volatile @Nullable CompletableFuture<Void> future;

		Call(FluxSink<ChatResponse> sink, String modelId, @Nullable String region, boolean structuredOutputTool,
				@Nullable Consumer<ChatResponse> onAggregate) {
			this.sink = sink;
			this.region = region;
			this.structuredOutputTool = structuredOutputTool;
			this.modelId = modelId;
			this.onAggregate = onAggregate;
		}

		void start(BedrockRuntimeAsyncClient client, ConverseStreamRequest request) {
			this.sink.onRequest((n) -> resume());
			this.sink.onDispose(this::dispose);
			ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
				.onResponse((response) -> this.requestId = response.responseMetadata().requestId())
				.onEventStream(this::onEventStream)
				.build();
			CompletableFuture<Void> call;
			try {
				call = client.converseStream(request, handler);
			}
			catch (RuntimeException ex) {
				this.sink.error(translate(ex));
				return;
			}
			this.future = call;
			// The final outcome of all attempts: a failure here is the one the SDK gave
			// up on.
			call.whenComplete((ignored, failure) -> {
				if (failure != null) {
					this.sink.error(translate(unwrap(failure)));
				}
			});
			if (this.disposed) {
				// Cancelled while the call was being started.
				call.cancel(true);
			}
		}

		private void onEventStream(SdkPublisher<ConverseStreamOutput> publisher) {
			int attempt = this.attempts.incrementAndGet();
			if (this.disposed || this.emitted) {
				// A retry after output was already forwarded (or after cancel): never
				// replay.
				publisher.subscribe(new CancellingSubscriber());
				return;
			}
			publisher.subscribe(new AttemptSubscriber(attempt, new ConverseStreamAssembler(this.modelId, this.region,
					this.requestId, this.structuredOutputTool, this.onAggregate != null)));
		}

		/**
		 * SDK failures become the typed Spring AI exceptions, with the request id of this
		 * call.
		 * @param failure the failure
		 * @return the typed Spring AI exception an SDK failure becomes, with the request
		 * id of this call
		 */
		private Throwable translate(Throwable failure) {
			return BedrockErrorTranslator.translateStreamFailure(failure, this.modelId, this.requestId);
		}

		private void dispose() {
			this.disposed = true;
			Subscription current = this.subscription.getAndSet(null);
			if (current != null) {
				current.cancel();
			}
			CompletableFuture<Void> call = this.future;
			if (call != null) {
				call.cancel(true);
			}
		}

		/**
		 * Called on downstream demand: request the next event if we stopped for lack of
		 * demand.
		 */
		private void resume() {
			if (this.paused.compareAndSet(true, false)) {
				Subscription current = this.subscription.get();
				if (current != null) {
					current.request(1);
				}
			}
		}

		private void requestNext(Subscription s) {
			if (this.sink.requestedFromDownstream() > 0) {
				s.request(1);
				return;
			}
			this.paused.set(true);
			// Demand may have arrived between the check and setting the flag.
			if (this.sink.requestedFromDownstream() > 0 && this.paused.compareAndSet(true, false)) {
				s.request(1);
			}
		}

		private final class AttemptSubscriber implements Subscriber<ConverseStreamOutput> {

			private final int attempt;

			private final ConverseStreamAssembler assembler;

			AttemptSubscriber(int attempt, ConverseStreamAssembler assembler) {
				this.attempt = attempt;
				this.assembler = assembler;
			}

			private boolean stale() {
				return Call.this.disposed || this.attempt != Call.this.attempts.get();
			}

			@Override
			public void onSubscribe(Subscription s) {
				if (stale()) {
					s.cancel();
					return;
				}
				Subscription previous = Call.this.subscription.getAndSet(s);
				if (previous != null) {
					previous.cancel();
				}
				// Demand bookkeeping starts afresh with each attempt.
				Call.this.paused.set(false);
				if (Call.this.disposed && Call.this.subscription.compareAndSet(s, null)) {
					// Cancelled concurrently: dispose() may have missed this
					// subscription.
					s.cancel();
					return;
				}
				s.request(1);
			}

			@Override
			public void onNext(ConverseStreamOutput event) {
				if (stale()) {
					return;
				}
				ChatResponse response;
				try {
					response = this.assembler.onEvent(event);
				}
				catch (RuntimeException ex) {
					Call.this.sink.error(ex);
					return;
				}
				if (response != null) {
					Call.this.emitted = true;
					Call.this.sink.next(response);
				}
				Subscription s = Call.this.subscription.get();
				if (s != null) {
					requestNext(s);
				}
			}

			@Override
			public void onError(Throwable failure) {
				if (stale()) {
					return;
				}
				if (Call.this.emitted) {
					// Output was already forwarded, so a retry must not be used: fail
					// now.
					Call.this.sink.error(translate(unwrap(failure)));
				}
				// Otherwise the SDK either retries (a new onEventStream) or fails the
				// future.
			}

			@Override
			public void onComplete() {
				if (stale()) {
					return;
				}
				ChatResponse last;
				try {
					last = this.assembler.complete();
					Consumer<ChatResponse> aggregateConsumer = Call.this.onAggregate;
					if (aggregateConsumer != null) {
						aggregateConsumer.accept(this.assembler.aggregate());
					}
				}
				catch (RuntimeException ex) {
					Call.this.sink.error(ex);
					return;
				}
				Call.this.emitted = true;
				Call.this.sink.next(last);
				Call.this.sink.complete();
			}

		}

	}

	/** Subscribes to an unwanted attempt's events only to cancel them. */
	private static final class CancellingSubscriber implements Subscriber<ConverseStreamOutput> {

		@Override
		public void onSubscribe(Subscription s) {
			s.cancel();
		}

		@Override
		public void onNext(ConverseStreamOutput event) {
		}

		@Override
		public void onError(Throwable failure) {
		}

		@Override
		public void onComplete() {
		}

	}

}
