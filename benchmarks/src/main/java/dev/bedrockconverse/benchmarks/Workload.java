package dev.bedrockconverse.benchmarks;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * One request, done the way an application would do it with each of the three APIs under
 * comparison. Each side does the same minimum with the answer: calls read the answer
 * text; streams count the text deltas and note when the first one arrived.
 */
public enum Workload {

	/** {@code ChatBedrockConverse.call(new Prompt(text))}, then the answer text. */
	OURS_CALL("ours", false),
	/** Bare {@code BedrockRuntimeClient.converse}: request built per call, text read. */
	RAW_CALL("raw", false),
	/** {@code ChatClient.prompt(text).call().content()} over our model. */
	CHATCLIENT_CALL("chatclient", false),
	/**
	 * {@code ChatBedrockConverse.stream(new Prompt(text))}, deltas counted, blocking to
	 * the end.
	 */
	OURS_STREAM("ours", true),
	/**
	 * Bare {@code BedrockRuntimeAsyncClient.converseStream} with a visitor counting
	 * deltas.
	 */
	RAW_STREAM("raw", true),
	/** {@code ChatClient.prompt(text).stream().content()} over our model. */
	CHATCLIENT_STREAM("chatclient", true),
	/**
	 * {@code call} of the starter's model as users run it (actuator, Prometheus, every
	 * meter on): {@link Clients#meters}.
	 */
	METERS_CALL("meters", false),
	/** {@code stream} of {@link Clients#meters}, deltas counted. */
	METERS_STREAM("meters", true);

	public final String impl;

	public final boolean streaming;

	Workload(String impl, boolean streaming) {
		this.impl = impl;
		this.streaming = streaming;
	}

	public static Workload of(String impl, boolean streaming) {
		for (Workload w : values()) {
			if (w.impl.equals(impl) && w.streaming == streaming) {
				return w;
			}
		}
		throw new IllegalArgumentException("unknown impl '" + impl + "' (ours, raw, chatclient, meters)");
	}

	/**
	 * Do one request.
	 * @param clients the shared clients (and our model over them)
	 * @param text the user message
	 * @param sink told about each streamed delta
	 * @return the answer text for calls, the last delta for streams (to be consumed)
	 */
	public Object run(Clients clients, String text, Sink sink) {
		return switch (this) {
			case OURS_CALL -> call(clients.model, text);
			case METERS_CALL -> call(clients.meters, text);
			case RAW_CALL -> rawCall(clients, text);
			case CHATCLIENT_CALL -> Objects.requireNonNull(clients.chatClient.prompt(text).call().content());
			case OURS_STREAM -> stream(clients.model, text, sink);
			case METERS_STREAM -> stream(clients.meters, text, sink);
			case RAW_STREAM -> rawStream(clients, text, sink);
			case CHATCLIENT_STREAM -> chatClientStream(clients, text, sink);
		};
	}

	private static Object rawCall(Clients clients, String text) {
		ConverseResponse response = clients.sync
			.converse(ConverseRequest.builder().modelId(Clients.MODEL).messages(userMessage(text)).build());
		return Objects.requireNonNull(response.output().message().content().get(0).text());
	}

	private static Object call(ChatModel model, String text) {
		return Objects.requireNonNull(model.call(new Prompt(text)).getResult().getOutput().getText());
	}

	private static Object stream(ChatModel model, String text, Sink sink) {
		LastDelta last = new LastDelta(sink);
		model.stream(new Prompt(text)).doOnNext((r) -> last.accept(textOf(r))).blockLast();
		return last.text;
	}

	private static Object rawStream(Clients clients, String text, Sink sink) {
		LastDelta last = new LastDelta(sink);
		ConverseStreamRequest request = ConverseStreamRequest.builder()
			.modelId(Clients.MODEL)
			.messages(userMessage(text))
			.build();
		ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
			.subscriber(ConverseStreamResponseHandler.Visitor.builder()
				.onContentBlockDelta((e) -> last.accept(e.delta().text()))
				.build())
			.build();
		clients.async.converseStream(request, handler).join();
		return last.text;
	}

	private static Object chatClientStream(Clients clients, String text, Sink sink) {
		LastDelta last = new LastDelta(sink);
		clients.chatClient.prompt(text).stream().content().doOnNext(last::accept).blockLast();
		return last.text;
	}

	private static Message userMessage(String text) {
		return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
	}

	static String textOf(ChatResponse response) {
		Generation g = response.getResult();
		return (g != null) ? g.getOutput().getText() : null;
	}

	/** What one request reports back. */
	public interface Sink {

		/** Called once per text delta (streams) with the nanoTime it arrived. */
		void delta(long nanoTime);

	}

	/**
	 * Reports each non-empty text delta to a sink and keeps the last one.
	 */
	private static final class LastDelta {

		private final Sink sink;

		private Object text;

		LastDelta(Sink sink) {
			this.sink = sink;
		}

		void accept(String delta) {
			if (delta != null && !delta.isEmpty()) {
				this.sink.delta(System.nanoTime());
				this.text = delta;
			}
		}

	}

	/** A sink that only counts; for JMH. */
	public static final class Counter implements Sink {

		public final AtomicLong deltas = new AtomicLong();

		@Override
		public void delta(long nanoTime) {
			this.deltas.incrementAndGet();
		}

	}

}
