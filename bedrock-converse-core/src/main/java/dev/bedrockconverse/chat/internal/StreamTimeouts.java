package dev.bedrockconverse.chat.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.bedrockconverse.chat.BedrockConverseFailure;
import dev.bedrockconverse.chat.BedrockConverseTransientException;

/**
 * The first-token and idle timeouts of a stream. The SDK's own timeouts bound a whole
 * call or attempt, which a long generation legitimately exceeds; these bound the silence
 * instead: until the first response, and between two responses. When one fires the stream
 * is cancelled (which aborts the HTTP/2 stream) and fails with a
 * {@link BedrockConverseTransientException} of type {@code StreamTimeout}.
 */
public final class StreamTimeouts {

	private StreamTimeouts() {
	}

	/**
	 * Apply the timeouts.
	 * @param responses the stream
	 * @param firstToken the longest wait for the first response, or {@code null} to use
	 * {@code idle} for it too
	 * @param idle the longest wait between two responses, or {@code null} for none
	 * @param modelId the model id, for the exception
	 * @return the stream with the timeouts
	 */
	public static Flux<ChatResponse> apply(Flux<ChatResponse> responses, @Nullable Duration firstToken,
			@Nullable Duration idle, @Nullable String modelId) {
		Duration first = (firstToken != null) ? firstToken : idle;
		if (first == null && idle == null) {
			return responses;
		}
		return Flux.defer(() -> {
			AtomicBoolean seen = new AtomicBoolean();
			Mono<Long> firstTimeout = (first != null) ? Mono.delay(first) : Mono.never();
			return responses.doOnNext((response) -> seen.set(true))
				.timeout(firstTimeout, (response) -> (idle != null) ? Mono.delay(idle) : Mono.never())
				.onErrorMap(TimeoutException.class, (ex) -> timeout(seen.get(), first, idle, modelId, ex));
		});
	}

	private static BedrockConverseTransientException timeout(boolean afterFirst, @Nullable Duration first,
			@Nullable Duration idle, @Nullable String modelId, TimeoutException cause) {
		String message = afterFirst ? "Amazon Bedrock sent nothing for " + idle
				+ " in the middle of the stream from model '" + modelId
				+ "'; the stream was cancelled. Raise the stream idle timeout (bedrock.converse.stream.idle-timeout) "
				+ "if the model pauses this long, or try again."
				: "Amazon Bedrock sent no first token within " + first + " for model '" + modelId
						+ "'; the stream was cancelled. Raise the first-token timeout "
						+ "(bedrock.converse.stream.first-token-timeout) for long prompts, or try again.";
		return new BedrockConverseTransientException(message,
				new BedrockConverseFailure.Details("StreamTimeout", 0, null, modelId), cause);
	}

}
