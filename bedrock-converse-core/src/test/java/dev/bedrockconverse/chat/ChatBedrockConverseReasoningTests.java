package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reasoning through the real SDK clients against the stub: the reasoning options in the
 * request, {@code reasoningContent} (signed text and redacted) on the assistant message
 * and as stream deltas, and sent back with its signature on the next turn of a tool loop.
 */
class ChatBedrockConverseReasoningTests extends StubModelFixture {

	private static final String MODEL = "anthropic.claude-sonnet-4-20250514-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final byte[] REDACTED = { 1, 2, 3, 4 };

	private static final List<BedrockConverseReasoning> EXPECTED = List
		.of(BedrockConverseReasoning.text("Let me think.", "sig-1"), BedrockConverseReasoning.redacted(REDACTED));

	private ChatBedrockConverse model() {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.defaultOptions(BedrockConverseChatOptions.builder()
				.model(MODEL)
				.reasoning(BedrockConverseChatOptions.Reasoning.ofBudget(2048))
				.build())
			.build();
	}

	private ChatBedrockConverse streamModel() {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder()
				.model(MODEL)
				.reasoning(BedrockConverseChatOptions.Reasoning.ofBudget(2048))
				.build())
			.build();
	}

	/**
	 * Signed reasoning in two pieces, a redacted block, then the answer text or a tool
	 * use.
	 */
	private static StubAnswer reasoningThen(List<StubEvent> rest, String stopReason) {
		List<StubEvent> events = new java.util.ArrayList<>(List.of(StubEvent.messageStart(),
				StubEvent.reasoningDelta(0, "Let me "), StubEvent.reasoningDelta(0, "think."),
				StubEvent.reasoningSignature(0, "sig-1"), StubEvent.contentBlockStop(0),
				StubEvent.redactedReasoning(1, REDACTED), StubEvent.contentBlockStop(1)));
		events.addAll(rest);
		events.add(StubEvent.messageStop(stopReason));
		events.add(StubEvent.metadata(5, 6, 1));
		return StubAnswer.streamEvents(events);
	}

	private static StubAnswer reasoningThenAnswer() {
		return reasoningThen(List.of(StubEvent.contentBlockDelta(2, "Answer."), StubEvent.contentBlockStop(2)),
				"end_turn");
	}

	private static StubAnswer reasoningThenToolUse() {
		return reasoningThen(List.of(StubEvent.toolUseStart(2, "t-1", "get_weather"),
				StubEvent.toolUseDelta(2, "{\"city\":\"Paris\"}"), StubEvent.contentBlockStop(2)), "tool_use");
	}

	@Test
	void theDefaultBudgetIsSentAsClaudesThinking() {
		model().call(new Prompt("Hi"));

		JsonNode fields = this.stub.lastRequest().body().path("additionalModelRequestFields");
		assertThat(fields.path("thinking").path("type").asString()).isEqualTo("enabled");
		assertThat(fields.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
		assertThat(fields.has("reasoning_effort")).isFalse();
	}

	@Test
	void aReasoningOptionCollidingWithAnExplicitFieldFailsBeforeSending() {
		BedrockConverseChatOptions options = BedrockConverseChatOptions.builder()
			.additionalModelRequestFields(Map.of("thinking", Map.of("type", "disabled")))
			.build();

		assertThatIllegalArgumentException().isThrownBy(() -> model().call(new Prompt("Hi", options)))
			.withMessageContaining("Both 'reasoning' and additionalModelRequestFields.thinking are set");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void callExposesSignedAndRedactedReasoningOnTheAssistantMessage() {
		this.stub.enqueue(reasoningThenAnswer());

		ChatResponse response = model().call(new Prompt("Why?"));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("Answer.");
		assertThat(response.getResult().getOutput().getMetadata().get(BedrockConverseMetadata.REASONING_CONTENT))
			.isEqualTo(EXPECTED);
	}

	@Test
	void streamEmitsReasoningDeltasAndTheCompleteBlocksWithoutTouchingTheText() {
		this.stub.enqueue(reasoningThenAnswer());

		List<ChatResponse> responses = streamModel().stream(new Prompt("Why?")).collectList().block(TIMEOUT);

		List<Object> deltas = responses.stream()
			.map((r) -> r.getResult().getOutput().getMetadata().get(BedrockConverseMetadata.REASONING_DELTA))
			.filter(java.util.Objects::nonNull)
			.toList();
		assertThat(deltas).containsExactly(BedrockConverseReasoning.text("Let me ", null),
				BedrockConverseReasoning.text("think.", null), new BedrockConverseReasoning(null, "sig-1", null),
				BedrockConverseReasoning.redacted(REDACTED));
		List<Object> completed = responses.stream()
			.map((r) -> r.getResult().getOutput().getMetadata().get(BedrockConverseMetadata.REASONING_CONTENT))
			.filter(java.util.Objects::nonNull)
			.toList();
		assertThat(completed).containsExactly(List.of(EXPECTED.get(0)), EXPECTED);
		assertThat(String.join("", responses.stream().map((r) -> r.getResult().getOutput().getText()).toList()))
			.isEqualTo("Answer.");
	}

	@Test
	void chatClientCallSendsTheSignedReasoningBackOnTheNextTurn() {
		this.stub.enqueue(reasoningThenToolUse());

		String answer = ChatClient.create(model()).prompt("Weather?").tools(new WeatherTools()).call().content();

		assertThat(answer).startsWith("Tool get_weather returned: ");
		assertReasoningSentBack();
	}

	@Test
	void chatClientStreamSendsTheSignedReasoningBackOnTheNextTurn() {
		this.stub.enqueue(reasoningThenToolUse());

		List<String> deltas = ChatClient.create(streamModel())
			.prompt("Weather?")
			.tools(new WeatherTools())
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);

		assertThat(String.join("", deltas)).startsWith("Tool get_weather returned: ");
		assertReasoningSentBack();
	}

	private void assertReasoningSentBack() {
		assertThat(this.stub.requests()).hasSize(2);
		JsonNode assistant = this.stub.requests().get(1).body().path("messages").get(1);
		assertThat(assistant.path("role").asString()).isEqualTo("assistant");
		JsonNode content = assistant.path("content");
		assertThat(content.get(0).path("reasoningContent").path("reasoningText").path("text").asString())
			.isEqualTo("Let me think.");
		assertThat(content.get(0).path("reasoningContent").path("reasoningText").path("signature").asString())
			.isEqualTo("sig-1");
		assertThat(content.get(1).path("reasoningContent").path("redactedContent").asString())
			.isEqualTo(Base64.getEncoder().encodeToString(REDACTED));
		assertThat(content.get(2).path("toolUse").path("toolUseId").asString()).isEqualTo("t-1");
	}

}
