package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Guardrails, guard content, citations and stop reasons through the real SDK clients
 * against the stub's {@code [scenario:...]} directives.
 */
class ChatBedrockConverseGuardrailCitationsTests extends StubModelFixture {

	private static final String MODEL = "anthropic.claude-3-5-sonnet-20241022-v2:0";

	private static final BedrockConverseGuardrail GUARDRAIL = new BedrockConverseGuardrail("gr-123", "1",
			GuardrailTrace.ENABLED, null);

	private static final BedrockConverseCitation CITATION = new BedrockConverseCitation("Q3 report", null,
			List.of("stub-source"), "documentChar", 0, 0, 11, null);

	private ChatBedrockConverse model(BedrockConverseChatOptions.Builder options) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.defaultOptions(options.model(MODEL).build())
			.build();
	}

	private ChatBedrockConverse streamModel(BedrockConverseChatOptions.Builder options) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(options.model(MODEL).build())
			.build();
	}

	@Test
	void callReportsGuardrailInterventionWithItsTypedTrace() {
		ChatResponse response = model(BedrockConverseChatOptions.builder().guardrail(GUARDRAIL))
			.call(new Prompt("[scenario:guardrail reason=finance] Which stock should I buy?"));

		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("GUARDRAIL_INTERVENED");
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Blocked by the stub guardrail.");
		assertGuardrailTrace(response.getMetadata().get(BedrockConverseMetadata.GUARDRAIL_TRACE));
		assertThat(this.stub.lastRequest().body().path("guardrailConfig").path("trace").asString())
			.isEqualTo("enabled");
	}

	@Test
	void streamReportsGuardrailInterventionWithItsTypedTrace() {
		List<ChatResponse> responses = streamModel(BedrockConverseChatOptions.builder().guardrail(GUARDRAIL))
			.stream(new Prompt("[scenario:guardrail reason=finance] Which stock should I buy?"))
			.collectList()
			.block(Duration.ofSeconds(10));

		ChatResponse last = responses.get(responses.size() - 1);
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("GUARDRAIL_INTERVENED");
		assertGuardrailTrace(last.getMetadata().get(BedrockConverseMetadata.GUARDRAIL_TRACE));
	}

	private static void assertGuardrailTrace(Object trace) {
		assertThat(trace).isInstanceOf(GuardrailTraceAssessment.class);
		GuardrailTraceAssessment assessment = (GuardrailTraceAssessment) trace;
		assertThat(assessment.actionReason()).isEqualTo("Guardrail blocked.");
		assertThat(assessment.inputAssessment().get("gr-123").topicPolicy().topics().get(0).name())
			.isEqualTo("finance");
	}

	/**
	 * A user message marked as guard content.
	 * @param text the text
	 * @param qualifiers the guard-content qualifiers
	 * @return the message
	 */
	private static UserMessage guarded(String text, List<String> qualifiers) {
		return UserMessage.builder()
			.text(text)
			.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT, qualifiers))
			.build();
	}

	@Test
	void markedUserAndSystemContentIsSentAsGuardContent() {
		UserMessage question = guarded("Is this claim supported?", List.of("query"));
		SystemMessage source = SystemMessage.builder()
			.text("The sky is blue.")
			.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT, true))
			.build();

		model(BedrockConverseChatOptions.builder().guardrail(GUARDRAIL)).call(new Prompt(List.of(source, question)));

		JsonNode body = this.stub.lastRequest().body();
		assertThat(body.path("system").get(0).path("guardContent").path("text").path("text").asString())
			.isEqualTo("The sky is blue.");
		assertThat(body.path("system").get(0).path("guardContent").path("text").has("qualifiers")).isFalse();
		JsonNode guarded = body.path("messages").get(0).path("content").get(0).path("guardContent").path("text");
		assertThat(guarded.path("text").asString()).isEqualTo("Is this claim supported?");
		assertThat(guarded.path("qualifiers").toString()).isEqualTo("[\"query\"]");
	}

	@Test
	void streamSendsMarkedContentAsGuardContentWithTheStreamProcessingMode() {
		UserMessage question = guarded("Is this claim supported?", List.of("grounding_source", "query"));
		BedrockConverseGuardrail asyncGuardrail = new BedrockConverseGuardrail("gr-123", "1", GuardrailTrace.ENABLED,
				software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode.ASYNC);

		streamModel(BedrockConverseChatOptions.builder().guardrail(asyncGuardrail)).stream(new Prompt(question))
			.blockLast(Duration.ofSeconds(10));

		JsonNode body = this.stub.lastRequest().body();
		assertThat(body.path("guardrailConfig").path("streamProcessingMode").asString()).isEqualTo("async");
		assertThat(body.path("messages")
			.get(0)
			.path("content")
			.get(0)
			.path("guardContent")
			.path("text")
			.path("qualifiers")
			.toString()).isEqualTo("[\"grounding_source\",\"query\"]");
	}

	@Test
	void anUnknownGuardQualifierFailsBeforeSending() {
		UserMessage question = guarded("Hi", List.of("everything"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> model(BedrockConverseChatOptions.builder()).call(new Prompt(question)))
			.withMessageContaining("qualifier 'everything'");
		assertThat(this.stub.requests()).isEmpty();
	}

	/**
	 * The document block of the last request's first message.
	 * @return the {@code document} node
	 */
	private JsonNode sentDocument() {
		return this.stub.lastRequest().body().path("messages").get(0).path("content").get(0).path("document");
	}

	@Test
	void callMapsCitationsContentToTextAndCitationsMetadata() {
		ChatResponse response = model(BedrockConverseChatOptions.builder().documentCitations(true))
			.call(questionAboutReport());

		assertThat(sentDocument().path("citations").path("enabled").asBoolean()).isTrue();
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: What was Q3 revenue?");
		assertThat(response.getMetadata().<List<BedrockConverseCitation>>get(BedrockConverseMetadata.CITATIONS))
			.containsExactly(CITATION);
	}

	@Test
	void streamEmitsCitationDeltasAndAllCitationsAtTheEnd() {
		List<ChatResponse> responses = streamModel(BedrockConverseChatOptions.builder().documentCitations(true))
			.stream(questionAboutReport())
			.collectList()
			.block(Duration.ofSeconds(10));

		List<Object> citationMetadata = responses.stream()
			.map((response) -> response.getMetadata().get(BedrockConverseMetadata.CITATIONS))
			.filter(java.util.Objects::nonNull)
			.toList();
		assertThat(citationMetadata).containsExactly(List.of(CITATION), List.of(CITATION));
		assertThat(String.join("", responses.stream().map((r) -> r.getResult().getOutput().getText()).toList()))
			.isEqualTo("Echo: What was Q3 revenue?");
	}

	@Test
	void documentsAreSentWithoutCitationsUnlessEnabled() {
		model(BedrockConverseChatOptions.builder()).call(questionAboutReport());

		assertThat(sentDocument().has("citations")).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "end_turn, END_TURN", "tool_use, TOOL_USE", "max_tokens, MAX_TOKENS", "stop_sequence, STOP_SEQUENCE",
			"guardrail_intervened, GUARDRAIL_INTERVENED", "content_filtered, CONTENT_FILTERED",
			"malformed_model_output, MALFORMED_MODEL_OUTPUT", "malformed_tool_use, MALFORMED_TOOL_USE",
			"model_context_window_exceeded, MODEL_CONTEXT_WINDOW_EXCEEDED" })
	void eachStopReasonBecomesItsFinishReason(String stopReason, String finishReason) {
		ChatResponse response = model(BedrockConverseChatOptions.builder())
			.call(new Prompt("[scenario:stop reason=" + stopReason + "] Hello"));

		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo(finishReason);
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: Hello");
	}

	@Test
	void theReasoningScenarioStreamsSignedReasoning() {
		List<ChatResponse> responses = streamModel(BedrockConverseChatOptions.builder())
			.stream(new Prompt("[scenario:reasoning signature=abc redacted=true] Why?"))
			.collectList()
			.block(Duration.ofSeconds(10));

		Object complete = responses.stream()
			.map((r) -> r.getResult().getOutput().getMetadata().get(BedrockConverseMetadata.REASONING_CONTENT))
			.filter(java.util.Objects::nonNull)
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(complete).isEqualTo(List.of(BedrockConverseReasoning.text("Let me think this through.", "abc"),
				BedrockConverseReasoning.redacted("stub-redacted".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		assertThat(String.join("", responses.stream().map((r) -> r.getResult().getOutput().getText()).toList()))
			.isEqualTo("Echo: Why?");
	}

	@Test
	void theCacheScenarioReportsCacheUsage() {
		ChatResponse response = model(BedrockConverseChatOptions.builder())
			.call(new Prompt("[scenario:cache read=120 write=30 ttl=1h] Hi"));

		assertThat(response.getMetadata().getUsage().getCacheReadInputTokens()).isEqualTo(120L);
		assertThat(response.getMetadata().getUsage().getCacheWriteInputTokens()).isEqualTo(30L);
		var nativeUsage = (software.amazon.awssdk.services.bedrockruntime.model.TokenUsage) response.getMetadata()
			.getUsage()
			.getNativeUsage();
		assertThat(nativeUsage.cacheDetails().get(0).ttlAsString()).isEqualTo("1h");
		assertThat(nativeUsage.cacheDetails().get(0).inputTokens()).isEqualTo(30);
	}

}
