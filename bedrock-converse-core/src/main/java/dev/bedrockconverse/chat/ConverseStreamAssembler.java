package dev.bedrockconverse.chat;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Turns the events of one ConverseStream attempt into chat responses: one per text
 * delta, and a last one with the finish reason (from {@code messageStop}) and usage and
 * latency (from {@code metadata}).
 * <p>
 * Not thread-safe: the SDK delivers one attempt's events serially.
 */
final class ConverseStreamAssembler {

	private final String modelId;

	private final @Nullable String requestId;

	private final StringBuilder text = new StringBuilder();

	private @Nullable MessageStopEvent messageStop;

	private @Nullable ConverseStreamMetadataEvent metadata;

	/**
	 * @param modelId the model id the request was sent with
	 * @param requestId the AWS request id of this attempt, if known
	 */
	ConverseStreamAssembler(String modelId, @Nullable String requestId) {
		this.modelId = modelId;
		this.requestId = requestId;
	}

	/**
	 * Consume one event.
	 * @param event the event
	 * @return the response to emit for a text delta, otherwise {@code null}
	 */
	@Nullable ChatResponse onEvent(ConverseStreamOutput event) {
		if (event instanceof ContentBlockDeltaEvent delta) {
			// Non-text deltas (tool use, reasoning, ...) are not requested and not mapped yet.
			String deltaText = (delta.delta() != null) ? delta.delta().text() : null;
			if (deltaText == null || deltaText.isEmpty()) {
				return null;
			}
			this.text.append(deltaText);
			return ConverseResponseMapper.chatResponse(deltaText, null, this.requestId, this.modelId, null, null);
		}
		if (event instanceof MessageStopEvent stop) {
			this.messageStop = stop;
		}
		else if (event instanceof ConverseStreamMetadataEvent meta) {
			this.metadata = meta;
		}
		// messageStart, contentBlockStart/Stop and unknown future events carry nothing to emit.
		return null;
	}

	/**
	 * The last response, once the event stream has completed.
	 * @return the response with the finish reason, usage and latency, and empty text
	 * @throws IllegalStateException if the stream ended without {@code messageStop} or
	 * {@code metadata}, i.e. was cut short: that must not look like a success
	 */
	ChatResponse complete() {
		return finalResponse("");
	}

	/**
	 * The whole reply as one response (all text deltas concatenated), for observations.
	 * @return the aggregated response
	 * @throws IllegalStateException like {@link #complete()}
	 */
	ChatResponse aggregate() {
		return finalResponse(this.text.toString());
	}

	private ChatResponse finalResponse(String responseText) {
		MessageStopEvent stop = this.messageStop;
		ConverseStreamMetadataEvent meta = this.metadata;
		if (stop == null || meta == null) {
			throw new IllegalStateException("The ConverseStream event stream ended without "
					+ ((stop == null) ? "a messageStop event" : "a metadata event")
					+ " (request id " + this.requestId + "); the response is incomplete");
		}
		TokenUsage usage = meta.usage();
		Long latencyMs = (meta.metrics() != null) ? meta.metrics().latencyMs() : null;
		return ConverseResponseMapper.chatResponse(responseText,
				FinishReasons.fromStopReason(stop.stopReason(), stop.stopReasonAsString()), this.requestId,
				this.modelId, usage, latencyMs);
	}

}
