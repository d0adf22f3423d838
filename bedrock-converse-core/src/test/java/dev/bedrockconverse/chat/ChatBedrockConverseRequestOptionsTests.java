package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rest of the Converse request through the real SDK clients against the stub:
 * additional model request fields and response field paths, request metadata, performance
 * latency, service tier, guardrail and prompt variables; defaults versus per-request
 * values.
 */
class ChatBedrockConverseRequestOptionsTests extends StubModelFixture {

	private static final String MODEL = "amazon.nova-lite-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private ChatBedrockConverse model(BedrockConverseChatOptions defaults) {
		return ChatBedrockConverse.builder().bedrockRuntimeClient(this.client).defaultOptions(defaults).build();
	}

	private ChatBedrockConverse streamModel(BedrockConverseChatOptions defaults) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(defaults)
			.build();
	}

	private static BedrockConverseChatOptions.Builder everything() {
		return BedrockConverseChatOptions.builder()
			.model(MODEL)
			.additionalModelRequestFields(Map.of("top_k", 50, "thinking",
					Map.of("type", "enabled", "budget_tokens", 2048, "ratio", 0.5, "tags", List.of("a", true))))
			.additionalModelResponseFieldPaths(List.of("/stop_sequence", "/amazon/trace"))
			.requestMetadata(Map.of("team", "search", "user", "u-42"))
			.performanceLatency(PerformanceConfigLatency.OPTIMIZED)
			.serviceTier(ServiceTierType.FLEX)
			.guardrail(new BedrockConverseGuardrail("gr-123", "2", GuardrailTrace.ENABLED,
					GuardrailStreamProcessingMode.ASYNC))
			.promptVariables(Map.of("genre", "jazz"));
	}

	private static void assertCommonFields(JsonNode body) {
		JsonNode fields = body.path("additionalModelRequestFields");
		assertThat(fields.path("top_k").isIntegralNumber()).isTrue();
		assertThat(fields.path("top_k").asInt()).isEqualTo(50);
		assertThat(fields.path("thinking").path("type").asString()).isEqualTo("enabled");
		assertThat(fields.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
		assertThat(fields.path("thinking").path("ratio").asDouble()).isEqualTo(0.5);
		assertThat(fields.path("thinking").path("tags").toString()).isEqualTo("[\"a\",true]");
		assertThat(body.path("additionalModelResponseFieldPaths").toString())
			.isEqualTo("[\"/stop_sequence\",\"/amazon/trace\"]");
		assertThat(body.path("requestMetadata").path("team").asString()).isEqualTo("search");
		assertThat(body.path("requestMetadata").path("user").asString()).isEqualTo("u-42");
		assertThat(body.path("performanceConfig").path("latency").asString()).isEqualTo("optimized");
		assertThat(body.path("serviceTier").path("type").asString()).isEqualTo("flex");
		assertThat(body.path("guardrailConfig").path("guardrailIdentifier").asString()).isEqualTo("gr-123");
		assertThat(body.path("guardrailConfig").path("guardrailVersion").asString()).isEqualTo("2");
		assertThat(body.path("guardrailConfig").path("trace").asString()).isEqualTo("enabled");
		assertThat(body.path("promptVariables").path("genre").path("text").asString()).isEqualTo("jazz");
	}

	@Test
	void callSendsEveryRequestFieldAndReturnsTheRequestedResponseFields() {
		ChatResponse response = model(everything().build()).call(new Prompt("Hello"));

		JsonNode body = this.stub.lastRequest().body();
		assertCommonFields(body);
		// Converse has no stream processing mode.
		assertThat(body.path("guardrailConfig").has("streamProcessingMode")).isFalse();
		assertThat((Map<String, Object>) response.getMetadata()
			.get(BedrockConverseMetadata.ADDITIONAL_MODEL_RESPONSE_FIELDS))
			.isEqualTo(Map.of("stop_sequence", "stub-stop_sequence", "amazon", Map.of("trace", "stub-trace")));
	}

	@Test
	void streamSendsEveryRequestFieldWithTheStreamProcessingModeAndReturnsTheResponseFields() {
		List<ChatResponse> responses = streamModel(everything().build()).stream(new Prompt("Hello"))
			.collectList()
			.block(TIMEOUT);

		JsonNode body = this.stub.lastRequest().body();
		assertCommonFields(body);
		assertThat(body.path("guardrailConfig").path("streamProcessingMode").asString()).isEqualTo("async");
		ChatResponse last = responses.get(responses.size() - 1);
		assertThat(
				(Map<String, Object>) last.getMetadata().get(BedrockConverseMetadata.ADDITIONAL_MODEL_RESPONSE_FIELDS))
			.isEqualTo(Map.of("stop_sequence", "stub-stop_sequence", "amazon", Map.of("trace", "stub-trace")));
	}

	@Test
	void unsetFieldsAreNotSent() {
		model(BedrockConverseChatOptions.builder().model(MODEL).build()).call(new Prompt("Hello"));

		JsonNode body = this.stub.lastRequest().body();
		assertThat(body.has("additionalModelRequestFields")).isFalse();
		assertThat(body.has("additionalModelResponseFieldPaths")).isFalse();
		assertThat(body.has("requestMetadata")).isFalse();
		assertThat(body.has("performanceConfig")).isFalse();
		assertThat(body.has("serviceTier")).isFalse();
		assertThat(body.has("guardrailConfig")).isFalse();
		assertThat(body.has("promptVariables")).isFalse();
	}

	@Test
	void perRequestValuesWinOverDefaults() {
		BedrockConverseChatOptions perRequest = BedrockConverseChatOptions.builder()
			.serviceTier(ServiceTierType.PRIORITY)
			.requestMetadata(Map.of("team", "billing"))
			.additionalModelRequestFields(Map.of("top_k", 5))
			.build();

		model(everything().build()).call(new Prompt("Hello", perRequest));

		JsonNode body = this.stub.lastRequest().body();
		assertThat(body.path("serviceTier").path("type").asString()).isEqualTo("priority");
		assertThat(body.path("requestMetadata").toString()).isEqualTo("{\"team\":\"billing\"}");
		assertThat(body.path("additionalModelRequestFields").toString()).isEqualTo("{\"top_k\":5}");
		// Fields the request leaves unset come from the defaults.
		assertThat(body.path("performanceConfig").path("latency").asString()).isEqualTo("optimized");
	}

	@Test
	void aPromptManagementArnIsSentAsModelIdWithItsVariables() {
		String promptArn = "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT1234:1";

		model(BedrockConverseChatOptions.builder().model(promptArn).promptVariables(Map.of("topic", "cats")).build())
			.call(new Prompt("Hello"));

		assertThat(this.stub.lastRequest().modelId()).isEqualTo(promptArn);
		assertThat(this.stub.lastRequest().body().path("promptVariables").path("topic").path("text").asString())
			.isEqualTo("cats");
	}

	@Test
	void anApplicationInferenceProfileArnIsSentAsModelId() {
		String profileArn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456";

		model(BedrockConverseChatOptions.builder().model(profileArn).build()).call(new Prompt("Hello"));

		assertThat(this.stub.lastRequest().modelId()).isEqualTo(profileArn);
	}

	@Test
	void moreThanSixteenRequestMetadataEntriesAreRejected() {
		Map<String, String> metadata = new HashMap<>();
		for (int i = 0; i < 17; i++) {
			metadata.put("k" + i, "v");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().requestMetadata(metadata))
			.withMessage("requestMetadata has 17 entries; Bedrock accepts at most 16");
	}

	@Test
	void requestMetadataKeysWithOtherCharactersAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().requestMetadata(Map.of("team!", "x")))
			.withMessageContaining("requestMetadata key 'team!' is invalid");
	}

	@Test
	void requestMetadataValuesLongerThan256AreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().requestMetadata(Map.of("team", "x".repeat(257))))
			.withMessageContaining("requestMetadata value of key 'team' is invalid");
	}

	@Test
	void additionalModelRequestFieldsRejectOtherValueTypes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder()
				.additionalModelRequestFields(Map.of("thinking", Map.of("since", new Object()))))
			.withMessageContaining(
					"'additionalModelRequestFields.thinking.since' has a value of type java.lang.Object");
	}

	@Test
	void responseFieldPathsMustBeJsonPointers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().additionalModelResponseFieldPaths(List.of("stop")))
			.withMessageContaining("'stop' is not a JSON pointer");
	}

}
