package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ChatBedrockConverse#stream} through the real async Netty client against the
 * stub.
 */
@ExtendWith(BedrockStubExtension.class)
class ChatBedrockConverseStreamTests {

	private static final String MODEL = StubClients.MODEL;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private BedrockStub stub;

	private BedrockRuntimeAsyncClient client;

	@BeforeEach
	void setUp(BedrockStub stub) {
		this.stub = stub;
	}

	@AfterEach
	void tearDown() {
		if (this.client != null) {
			this.client.close();
		}
	}

	private ChatBedrockConverse model(Protocol protocol) {
		this.client = StubClients.async(this.stub, protocol);
		return ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.client)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
	}

	private ChatBedrockConverse model() {
		return model(Protocol.HTTP1_1);
	}

	private static String text(ChatResponse response) {
		return response.getResult().getOutput().getText();
	}

	@ParameterizedTest
	@EnumSource(value = Protocol.class, names = { "HTTP1_1", "HTTP2" })
	void streamEmitsOneResponsePerDeltaThenOneWithFinishReasonAndUsage(Protocol protocol) {
		List<ChatResponse> responses = model(protocol).stream(new Prompt("I love programming."))
			.collectList()
			.block(TIMEOUT);

		assertThat(responses).hasSize(5);
		assertThat(responses.subList(0, 4)).extracting(ChatStreamTexts::text)
			.containsExactly("Echo:", " I", " love", " programming.");
		ChatResponse last = responses.get(4);
		assertThat(text(last)).isEmpty();
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("END_TURN");
		assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
		assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(7);
		assertThat((Long) last.getMetadata().get("latencyMs")).isNotNull();
		assertThat(last.getMetadata().getModel()).isEqualTo(MODEL);
		assertThat(last.getMetadata().getId()).isNotBlank();
		assertThat(this.stub.lastRequest().operation()).isEqualTo("ConverseStream");
	}

	@Test
	void maxTokensEndsTheStreamWithMaxTokensFinishReason() {
		List<ChatResponse> responses = model()
			.stream(new Prompt("I love programming.", BedrockConverseChatOptions.builder().maxTokens(2).build()))
			.collectList()
			.block(TIMEOUT);

		assertThat(responses).extracting(ChatStreamTexts::text).containsExactly("Echo:", " I", "");
		assertThat(responses.get(2).getResult().getMetadata().getFinishReason()).isEqualTo("MAX_TOKENS");
	}

	@Test
	void cancellingAfterTwoDeltasEndsCleanlyAndTheClientStaysUsable() {
		ChatBedrockConverse chatModel = model();

		StepVerifier.create(chatModel.stream(new Prompt("I love programming.")), 0)
			.thenRequest(2)
			.expectNextMatches((r) -> text(r).equals("Echo:"))
			.expectNextMatches((r) -> text(r).equals(" I"))
			.thenCancel()
			.verify(TIMEOUT);

		List<ChatResponse> next = chatModel.stream(new Prompt("Again")).collectList().block(TIMEOUT);
		assertThat(next).extracting(ChatStreamTexts::text).containsExactly("Echo:", " Again", "");
	}

	@Test
	void emissionFollowsDownstreamDemand() {
		StepVerifier.create(model().stream(new Prompt("I love programming.")), 1)
			.expectNextMatches((r) -> text(r).equals("Echo:"))
			.expectNoEvent(Duration.ofMillis(300))
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(4)
			.verifyComplete();
	}

	@Test
	void aStreamEndingWithoutMessageStopAndMetadataIsAnError() {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.contentBlockDelta(0, "Hi"), StubEvent.contentBlockStop(0))));

		StepVerifier.create(model().stream(new Prompt("Hello")))
			.expectNextMatches((r) -> text(r).equals("Hi"))
			.expectErrorSatisfies(
					(e) -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("messageStop"))
			.verify(TIMEOUT);
	}

	@Test
	void aStreamWithoutMetadataIsAnError() {
		this.stub
			.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Hi"),
					StubEvent.contentBlockStop(0), StubEvent.messageStop("end_turn"))));

		StepVerifier.create(model().stream(new Prompt("Hello")))
			.expectNextCount(1)
			.expectErrorSatisfies(
					(e) -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("metadata"))
			.verify(TIMEOUT);
	}

	@Test
	void aBedrockErrorSurfacesWithItsMessage() {
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "The model id is not valid"));

		StepVerifier.create(model().stream(new Prompt("Hello")))
			.expectErrorSatisfies((e) -> assertThat(e).isInstanceOf(BedrockConverseNonTransientException.class)
				.hasCauseInstanceOf(ValidationException.class)
				.hasMessageContaining("The model id is not valid"))
			.verify(TIMEOUT);
	}

	@Test
	void anErrorEventAfterOutputFailsTheStreamWithoutReplayingARetry() {
		this.stub.enqueue(
				StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "partial"),
						StubEvent.exception("serviceUnavailableException", "try again later"))));

		StepVerifier.create(model().stream(new Prompt("Hello")))
			.expectNextMatches((r) -> text(r).equals("partial"))
			.expectErrorSatisfies((e) -> assertThat(e).hasMessageContaining("try again later"))
			.verify(TIMEOUT);
	}

	@Test
	void aRetriedAttemptIsForwardedWhenTheFailedOneEmittedNothing() {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.exception("serviceUnavailableException", "try again later"))));

		List<ChatResponse> responses = model().stream(new Prompt("Hello")).collectList().block(TIMEOUT);

		assertThat(responses).extracting(ChatStreamTexts::text).containsExactly("Echo:", " Hello", "");
		assertThat(this.stub.requests()).hasSize(2);
	}

	@Test
	void anUnsupportedOptionFailsBeforeAnyRequest() {
		ChatBedrockConverse chatModel = model();
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> chatModel.stream(new Prompt("Hello",
					org.springframework.ai.chat.prompt.ChatOptions.builder().presencePenalty(0.5).build())))
			.withMessageContaining("presencePenalty");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void streamWithoutAnAsyncClientFailsNamingTheClient() {
		ChatBedrockConverse chatModel = ChatBedrockConverse.builder()
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
		assertThatIllegalStateException().isThrownBy(() -> chatModel.stream(new Prompt("Hello")))
			.withMessageContaining("BedrockRuntimeAsyncClient");
	}

	/** Extractor helper (a method reference keeps the assertions readable). */
	static final class ChatStreamTexts {

		static String text(ChatResponse response) {
			return response.getResult().getOutput().getText();
		}

	}

}
