package dev.bedrockconverse.stub;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A scripted answer for the next request, queued with
 * {@link BedrockStub#enqueue(StubAnswer)}.
 *
 * <p>
 * Three kinds exist:
 * <ul>
 * <li>{@link #text(String)}: the model answers with this text. {@code Converse} returns
 * it as one text block; {@code ConverseStream} streams it one word per
 * {@code contentBlockDelta}, each word with its leading whitespace. The request's
 * {@code inferenceConfig.maxTokens} and {@code stopSequences} apply exactly as for the
 * default echo answer (see {@link BedrockStub}), unless {@link #withStopReason(String)}
 * fixes the stop reason.</li>
 * <li>{@link #error(int, String, String)}: the request fails with that HTTP status,
 * {@code x-amzn-ErrorType} and {@code {"message":...}} body, before any event is
 * streamed.</li>
 * <li>{@link #streamEvents(List)}: {@code ConverseStream} sends exactly these events, in
 * order, then ends the stream; nothing is added, so leaving out
 * {@code messageStop}/{@code metadata} gives a stream that ends early, and an
 * {@link StubEvent#exception(String, String) exception event} fails the stream mid-way. A
 * {@code Converse} request answered this way gets the events folded into one response:
 * the delta texts joined, the {@code messageStop} stop reason ({@code end_turn} if
 * absent), the {@code metadata} usage (computed if absent), and its {@code metrics},
 * {@code trace}, {@code performanceConfig} and {@code serviceTier} as scripted; an
 * exception event becomes the matching HTTP error instead.</li>
 * <li>{@link #content(List)}: {@code Converse} answers with exactly these
 * {@code output.message.content} blocks (any kind: {@code image}, {@code document},
 * {@code video}, {@code audio}, {@code searchResult}, {@code toolUse} with
 * {@code "type":"server_tool_use"}, {@code toolResult}, {@code citationsContent}, or a
 * member no SDK knows yet). {@code ConverseStream} streams, in order and one content
 * block index each, the blocks that have a documented stream form: {@code text} (word
 * deltas), {@code image} ({@code contentBlockStart.image} with the format, then one
 * {@code contentBlockDelta.image} with the source), {@code toolUse}
 * ({@code contentBlockStart.toolUse} with id, name and type, then the input as one JSON
 * delta), {@code toolResult} ({@code contentBlockStart.toolResult} with id, type and
 * status, then one {@code contentBlockDelta.toolResult} with the content) and
 * {@code citationsContent} (its text as word deltas, then one {@code citation} delta per
 * citation). Blocks Bedrock has no stream event for (document, video, audio, search
 * result, unknown members) are not streamed. Stop reason {@code end_turn} unless
 * {@link #withStopReason(String)}, usage computed.</li>
 * </ul>
 * Instances are immutable; the {@code with...} methods return modified copies.
 */
public final class StubAnswer {

	/** The three kinds of scripted answer. */
	public enum Kind {

		/** A text answer. */
		TEXT,
		/** An HTTP error answer. */
		ERROR,
		/** A literal list of stream events. */
		EVENTS,
		/** Literal Converse content blocks. */
		CONTENT

	}

	private final Kind kind;

	private final String text;

	private final String stopReason;

	private final Integer inputTokens;

	private final Integer outputTokens;

	private final Long latencyMs;

	private final int status;

	private final String errorType;

	private final String errorMessage;

	private final List<StubEvent> events;

	private final List<JsonNode> content;

	private StubAnswer(Kind kind, String text, String stopReason, Integer inputTokens, Integer outputTokens,
			Long latencyMs, int status, String errorType, String errorMessage, List<StubEvent> events) {
		this(kind, text, stopReason, inputTokens, outputTokens, latencyMs, status, errorType, errorMessage, events,
				List.of());
	}

	private StubAnswer(Kind kind, String text, String stopReason, Integer inputTokens, Integer outputTokens,
			Long latencyMs, int status, String errorType, String errorMessage, List<StubEvent> events,
			List<JsonNode> content) {
		this.content = content;
		this.kind = kind;
		this.text = text;
		this.stopReason = stopReason;
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
		this.latencyMs = latencyMs;
		this.status = status;
		this.errorType = errorType;
		this.errorMessage = errorMessage;
		this.events = events;
	}

	/**
	 * The model answers with this text.
	 * @param text the full answer text
	 * @return a text answer
	 */
	public static StubAnswer text(String text) {
		return new StubAnswer(Kind.TEXT, Objects.requireNonNull(text, "text"), null, null, null, null, 0, null, null,
				List.of());
	}

	/**
	 * The request fails with a Bedrock-shaped error.
	 * @param status the HTTP status, e.g. 429
	 * @param errorType the short error type, e.g. {@code ThrottlingException},
	 * {@code ValidationException}, {@code ModelTimeoutException}; sent in
	 * {@code x-amzn-ErrorType} so SDKs raise their typed exception
	 * @param message the error message
	 * @return an error answer
	 */
	public static StubAnswer error(int status, String errorType, String message) {
		return new StubAnswer(Kind.ERROR, null, null, null, null, null, status,
				Objects.requireNonNull(errorType, "errorType"), Objects.requireNonNull(message, "message"), List.of());
	}

	/**
	 * The stream sends exactly these events.
	 * @param events the events, in order
	 * @return an events answer
	 */
	public static StubAnswer streamEvents(List<StubEvent> events) {
		return new StubAnswer(Kind.EVENTS, null, null, null, null, null, 0, null, null, List.copyOf(events));
	}

	/**
	 * {@code Converse} answers with exactly these content blocks; {@code ConverseStream}
	 * streams those that have a stream form (see the class description).
	 * @param content the {@code output.message.content} blocks, as JSON objects
	 * @return a content answer
	 */
	public static StubAnswer content(List<? extends JsonNode> content) {
		return new StubAnswer(Kind.CONTENT, null, null, null, null, null, 0, null, null, List.of(),
				List.copyOf(content));
	}

	/**
	 * Fixes the stop reason instead of deriving it from
	 * {@code maxTokens}/{@code stopSequences}.
	 * @param stopReason e.g. {@code max_tokens}
	 * @return a copy with that stop reason
	 */
	public StubAnswer withStopReason(String stopReason) {
		if (this.kind != Kind.CONTENT) {
			requireKind(Kind.TEXT);
		}
		return new StubAnswer(this.kind, this.text, stopReason, this.inputTokens, this.outputTokens, this.latencyMs,
				this.status, this.errorType, this.errorMessage, this.events, this.content);
	}

	/**
	 * Fixes the reported usage instead of counting words; {@code totalTokens} is their
	 * sum.
	 * @param inputTokens reported input tokens
	 * @param outputTokens reported output tokens
	 * @return a copy with that usage
	 */
	public StubAnswer withUsage(int inputTokens, int outputTokens) {
		requireKind(Kind.TEXT);
		return new StubAnswer(this.kind, this.text, this.stopReason, inputTokens, outputTokens, this.latencyMs,
				this.status, this.errorType, this.errorMessage, this.events);
	}

	/**
	 * Fixes the reported {@code metrics.latencyMs}.
	 * @param latencyMs reported latency
	 * @return a copy with that latency
	 */
	public StubAnswer withLatencyMs(long latencyMs) {
		requireKind(Kind.TEXT);
		return new StubAnswer(this.kind, this.text, this.stopReason, this.inputTokens, this.outputTokens, latencyMs,
				this.status, this.errorType, this.errorMessage, this.events);
	}

	private void requireKind(Kind expected) {
		if (this.kind != expected) {
			throw new IllegalStateException("Only " + expected + " answers take this option, not " + this.kind);
		}
	}

	/**
	 * The kind of answer.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * The answer text of a {@link Kind#TEXT} answer.
	 * @return the text, or {@code null}
	 */
	public String text() {
		return this.text;
	}

	/**
	 * The fixed stop reason.
	 * @return the stop reason, or {@code null} to derive it
	 */
	public String stopReason() {
		return this.stopReason;
	}

	/**
	 * The fixed input token count.
	 * @return the count, or {@code null} to count words
	 */
	public Integer inputTokens() {
		return this.inputTokens;
	}

	/**
	 * The fixed output token count.
	 * @return the count, or {@code null} to count deltas
	 */
	public Integer outputTokens() {
		return this.outputTokens;
	}

	/**
	 * The fixed latency.
	 * @return the latency in ms, or {@code null} for the default
	 */
	public Long latencyMs() {
		return this.latencyMs;
	}

	/**
	 * The HTTP status of an {@link Kind#ERROR} answer.
	 * @return the status, 0 for other kinds
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The error type of an {@link Kind#ERROR} answer.
	 * @return the short error type, or {@code null}
	 */
	public String errorType() {
		return this.errorType;
	}

	/**
	 * The error message of an {@link Kind#ERROR} answer.
	 * @return the message, or {@code null}
	 */
	public String errorMessage() {
		return this.errorMessage;
	}

	/**
	 * The events of an {@link Kind#EVENTS} answer.
	 * @return the events, empty for other kinds
	 */
	public List<StubEvent> events() {
		return this.events;
	}

	/**
	 * The content blocks of a {@link Kind#CONTENT} answer.
	 * @return the blocks, empty for other kinds
	 */
	public List<JsonNode> content() {
		return this.content;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case TEXT -> "StubAnswer.text(" + this.text + ")";
			case ERROR -> "StubAnswer.error(" + this.status + ", " + this.errorType + ")";
			case EVENTS -> "StubAnswer.streamEvents(" + this.events.size() + " events)";
			case CONTENT -> "StubAnswer.content(" + this.content + ")";
		};
	}

}
