package dev.bedrockconverse.sample.chat;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /chat} answers a whole reply with its finish reason, token usage and model
 * ({@code POST /chat/fast} the same from the named model {@code fast});
 * {@code GET /chat/stream} answers one server-sent event per streamed text delta, then a
 * {@code done} event with the finish reason and token usage.
 */
@RestController
class ChatController {

	private final ChatModel chatModel;

	private final ChatModel fast;

	ChatController(ChatModel chatModel, @Qualifier("fast") ChatModel fast) {
		this.chatModel = chatModel;
		this.fast = fast;
	}

	@PostMapping("/chat")
	ChatReply chat(@RequestBody ChatRequest request) {
		return reply(this.chatModel.call(new Prompt(request.message())));
	}

	/**
	 * The same as {@code POST /chat}, answered by the named model {@code fast}
	 * ({@code bedrock.converse.models.fast} in application.yml).
	 * @param request the request
	 * @return the reply
	 */
	@PostMapping("/chat/fast")
	ChatReply fast(@RequestBody ChatRequest request) {
		return reply(this.fast.call(new Prompt(request.message())));
	}

	private static ChatReply reply(ChatResponse response) {
		Generation generation = response.getResult();
		return new ChatReply(generation.getOutput().getText(), generation.getMetadata().getFinishReason(),
				TokenUsage.of(response.getMetadata().getUsage()), response.getMetadata().getModel());
	}

	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<?>> stream(@RequestParam String message) {
		return Flux.defer(() -> {
			// The last response of a stream carries only finish reason and usage: it has
			// no text to send, and becomes the closing "done" event.
			AtomicReference<ChatResponse> last = new AtomicReference<>();
			Flux<ServerSentEvent<?>> deltas = this.chatModel.stream(new Prompt(message))
				.doOnNext(last::set)
				.mapNotNull(ChatController::textOf)
				.map((text) -> ServerSentEvent.builder(new Delta(text)).event("delta").build());
			return deltas.concatWith(Mono.fromSupplier(() -> done(last.get())));
		});
	}

	private static ServerSentEvent<Done> done(ChatResponse last) {
		if (last == null) {
			return null;
		}
		Generation generation = last.getResult();
		String finishReason = (generation != null) ? generation.getMetadata().getFinishReason() : null;
		return ServerSentEvent.builder(new Done(finishReason, TokenUsage.of(last.getMetadata().getUsage())))
			.event("done")
			.build();
	}

	private static String textOf(ChatResponse response) {
		Generation generation = response.getResult();
		if (generation == null) {
			return null;
		}
		String text = generation.getOutput().getText();
		return (text == null || text.isEmpty()) ? null : text;
	}

	/**
	 * The body of {@code POST /chat}.
	 *
	 * @param message the message
	 */
	record ChatRequest(String message) {
	}

	/**
	 * A whole reply.
	 *
	 * @param content the content
	 * @param finishReason the finish reason
	 * @param usage the usage
	 * @param model the model that answered
	 */
	record ChatReply(String content, String finishReason, TokenUsage usage, String model) {
	}

	/**
	 * One streamed piece of text. Sent as JSON so that a delta's leading space survives:
	 * server-sent event parsers strip one space after {@code data:}.
	 *
	 * @param text the text
	 */
	record Delta(String text) {
	}

	/**
	 * The last event of a stream: why the model stopped and the tokens it counted. A
	 * browser's {@code EventSource} closes on it, as it would otherwise reconnect.
	 *
	 * @param finishReason the finish reason
	 * @param usage the usage
	 */
	record Done(String finishReason, TokenUsage usage) {
	}

	/**
	 * Token counts of one reply.
	 *
	 * @param inputTokens the input tokens
	 * @param outputTokens the output tokens
	 * @param totalTokens the total tokens
	 */
	record TokenUsage(Integer inputTokens, Integer outputTokens, Integer totalTokens) {

		static TokenUsage of(Usage usage) {
			return new TokenUsage(usage.getPromptTokens(), usage.getCompletionTokens(), usage.getTotalTokens());
		}

	}

}
