package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.support.ToolCallbacks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.chat.BedrockConverseChatOptions.Reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The reasoning option mapped per model family, and the families' quirks, through the
 * real SDK clients against the stub: the exact fields the stub received in {@code call}
 * and {@code stream}, and every refusal before anything is sent.
 */
class ChatBedrockConverseModelFamilyTests extends StubModelFixture {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String APPLICATION_PROFILE = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6";

	private static BedrockConverseChatOptions.Builder options(String model) {
		return BedrockConverseChatOptions.builder().model(model);
	}

	/**
	 * Send the options with {@code call} and then {@code stream}, and return the two
	 * bodies the stub received.
	 */
	private List<JsonNode> sendBoth(BedrockConverseChatOptions options) {
		ChatBedrockConverse model = modelBuilder().build();
		ChatResponse called = model.call(new Prompt("Hi", options));
		List<ChatResponse> streamed = model.stream(new Prompt("Hi", options)).collectList().block(TIMEOUT);
		assertThat(called.getResult()).isNotNull();
		assertThat(streamed).isNotEmpty();
		assertThat(this.stub.requests()).hasSize(2);
		return List.of(this.stub.requests().get(0).body(), this.stub.requests().get(1).body());
	}

	private void assertSent(BedrockConverseChatOptions options, String additionalModelRequestFields,
			String outputConfig) {
		ChatBedrockConverse model = modelBuilder().build();
		assertThat(model.call(new Prompt("Hi", options)).getResult().getOutput().getText()).isEqualTo("Echo: Hi");
		assertThat(String.join("",
				model.stream(new Prompt("Hi", options))
					.map((response) -> response.getResult().getOutput().getText())
					.collectList()
					.block(TIMEOUT)))
			.isEqualTo("Echo: Hi");
		assertThat(this.stub.requests()).hasSize(2);
		for (JsonNode body : List.of(this.stub.requests().get(0).body(), this.stub.requests().get(1).body())) {
			assertThat(body.path("additionalModelRequestFields")).isEqualTo(json(additionalModelRequestFields));
			assertThat(body.path("outputConfig")).isEqualTo(json(outputConfig));
		}
	}

	private static JsonNode json(String text) {
		return (text != null) ? JSON.readTree(text) : JSON.missingNode();
	}

	private void assertRefusedBeforeSending(BedrockConverseChatOptions options, String message) {
		ChatBedrockConverse model = modelBuilder().build();
		assertThatIllegalArgumentException().isThrownBy(() -> model.call(new Prompt("Hi", options)))
			.withMessageContaining(message);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model.stream(new Prompt("Hi", options)).blockLast(TIMEOUT))
			.withMessageContaining(message);
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void claudeWithABudgetThinksWithThatBudget() {
		assertSent(options("us.anthropic.claude-sonnet-4-5-20250929-v1:0").reasoning(Reasoning.ofBudget(2048)).build(),
				"{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}", null);
	}

	@Test
	void claudeWithAnEffortThinksAdaptivelyWithTheTopLevelEffort() {
		assertSent(options("global.anthropic.claude-opus-4-6-v1").reasoning(Reasoning.ofEffort("max")).build(),
				"{\"thinking\":{\"type\":\"adaptive\"}}", "{\"effort\":\"max\"}");
	}

	@Test
	void claudeSwitchedOnThinksAdaptivelyWhereItCan() {
		assertSent(options("anthropic.claude-sonnet-4-6").reasoning(Reasoning.ON).build(),
				"{\"thinking\":{\"type\":\"adaptive\"}}", null);
	}

	@Test
	void claudeOpus45TakesTheEffortWithoutAdaptiveThinking() {
		assertSent(
				options("us.anthropic.claude-opus-4-5-20251101-v1:0").reasoning(Reasoning.ofEffort("medium")).build(),
				null, "{\"effort\":\"medium\"}");
	}

	@Test
	void theEffortJoinsTheStructuredOutputSchemaInOutputConfig() {
		for (JsonNode body : sendBoth(options("anthropic.claude-sonnet-4-6").reasoning(Reasoning.ofEffort("low"))
			.outputSchema("{\"type\":\"object\"}")
			.build())) {
			assertThat(body.path("outputConfig").path("effort").asString()).isEqualTo("low");
			assertThat(body.path("outputConfig").path("textFormat").path("type").asString()).isEqualTo("json_schema");
		}
	}

	@Test
	void claudeSwitchedOffIsToldNotToThink() {
		assertSent(options("eu.anthropic.claude-3-7-sonnet-20250219-v1:0").reasoning(Reasoning.OFF).build(),
				"{\"thinking\":{\"type\":\"disabled\"}}", null);
	}

	@Test
	void nova2ReasonsWithItsReasoningConfig() {
		assertSent(options("us.amazon.nova-2-lite-v1:0").reasoning(Reasoning.ofEffort("medium")).build(),
				"{\"reasoningConfig\":{\"type\":\"enabled\",\"maxReasoningEffort\":\"medium\"}}", null);
	}

	@Test
	void nova2SwitchedOffDisablesItsReasoningConfig() {
		assertSent(options("amazon.nova-2-lite-v1:0").reasoning(Reasoning.OFF).build(),
				"{\"reasoningConfig\":{\"type\":\"disabled\"}}", null);
	}

	@Test
	void gptOssReadsReasoningEffort() {
		assertSent(options("openai.gpt-oss-120b-1:0").reasoning(Reasoning.ofEffort("low")).build(),
				"{\"reasoning_effort\":\"low\"}", null);
	}

	@Test
	void aFamilyThatAlwaysReasonsTakesOnWithoutAField() {
		assertSent(options("us.deepseek.r1-v1:0").reasoning(Reasoning.ON).build(), null, null);
	}

	@Test
	void aNewCrossRegionPrefixNeedsNoCodeChange() {
		assertSent(options("xy.anthropic.claude-sonnet-4-6").reasoning(Reasoning.ofEffort("high")).build(),
				"{\"thinking\":{\"type\":\"adaptive\"}}", "{\"effort\":\"high\"}");
	}

	@Test
	void anInferenceProfileArnNamesItsFamily() {
		assertSent(options("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-2-lite-v1:0")
			.reasoning(Reasoning.ofEffort("high"))
			.build(), "{\"reasoningConfig\":{\"type\":\"enabled\",\"maxReasoningEffort\":\"high\"}}", null);
	}

	@Test
	void anApplicationInferenceProfileTakesItsFamilyFromTheOption() {
		assertSent(options(APPLICATION_PROFILE).modelFamily("anthropic.claude-sonnet-4-20250514-v1:0")
			.reasoning(Reasoning.ofBudget(1024))
			.build(), "{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}", null);
		assertThat(this.stub.requests())
			.allSatisfy((request) -> assertThat(request.modelId()).isEqualTo(APPLICATION_PROFILE));
	}

	@Test
	void anUnknownFamilyWithReasoningAsksForTheFamily() {
		assertRefusedBeforeSending(options(APPLICATION_PROFILE).reasoning(Reasoning.ofEffort("high")).build(),
				"set modelFamily (property bedrock.converse.options.model-family)");
	}

	@Test
	void whatAFamilyCannotDoFailsBeforeSending() {
		assertRefusedBeforeSending(options("amazon.nova-micro-v1:0").reasoning(Reasoning.ofEffort("low")).build(),
				"The model family 'amazon' (model id 'amazon.nova-micro-v1:0') takes no reasoning option");
		assertRefusedBeforeSending(options("amazon.nova-2-lite-v1:0").reasoning(Reasoning.ofBudget(2048)).build(),
				"takes no reasoning token budget; set reasoning.effort (low, medium or high)");
		assertRefusedBeforeSending(options("amazon.nova-2-lite-v1:0").reasoning(Reasoning.ON).build(),
				"needs reasoning.effort low, medium or high");
		assertRefusedBeforeSending(options("openai.gpt-oss-20b-1:0").reasoning(Reasoning.OFF).build(),
				"always reasons and cannot switch reasoning off");
		assertRefusedBeforeSending(options("openai.gpt-oss-20b-1:0").reasoning(Reasoning.ofEffort("max")).build(),
				"reasoning.effort 'max' is not one of");
		assertRefusedBeforeSending(options("deepseek.r1-v1:0").reasoning(Reasoning.ofBudget(2048)).build(),
				"always reasons and takes no reasoning budget or effort");
		assertRefusedBeforeSending(options("deepseek.r1-v1:0").reasoning(Reasoning.OFF).build(),
				"always reasons and cannot switch reasoning off");
		assertRefusedBeforeSending(
				options("anthropic.claude-sonnet-4-20250514-v1:0").reasoning(Reasoning.ofEffort("high")).build(),
				"takes no effort (outputConfig.effort is read by Claude Opus 4.5 and Claude 4.6 and later)");
		assertRefusedBeforeSending(options("anthropic.claude-3-7-sonnet-20250219-v1:0").reasoning(Reasoning.ON).build(),
				"thinks with a token budget: set reasoning.budgetTokens");
		assertRefusedBeforeSending(options("us.anthropic.claude-opus-4-7").reasoning(Reasoning.ofBudget(4096)).build(),
				"only thinks adaptively and takes no token budget");
		assertRefusedBeforeSending(options("us.anthropic.claude-opus-4-7").reasoning(Reasoning.OFF).build(),
				"cannot switch thinking off");
		assertRefusedBeforeSending(options("meta.llama3-3-70b-instruct-v1:0").reasoning(Reasoning.ON).build(),
				"The model family 'meta' (model id 'meta.llama3-3-70b-instruct-v1:0') takes no reasoning option");
	}

	@Test
	void claudesRulesWhileThinkingHoldBeforeSending() {
		BedrockConverseChatOptions thinking = options("anthropic.claude-sonnet-4-20250514-v1:0")
			.reasoning(Reasoning.ofBudget(2048))
			.build();
		assertRefusedBeforeSending(thinking.mutate().temperature(0.5).build(),
				"temperature is 0.5, but while Claude thinks (the reasoning option is on) Anthropic accepts no temperature other than 1");
		assertRefusedBeforeSending(thinking.mutate().topP(0.5).build(), "Anthropic accepts topP only from 0.95 to 1");
		assertRefusedBeforeSending(thinking.mutate().additionalModelRequestFields(Map.of("top_k", 5)).build(),
				"additionalModelRequestFields.top_k is set, but while Claude thinks");
		assertRefusedBeforeSending(thinking.mutate().maxTokens(2048).build(),
				"reasoning.budgetTokens is 2048 and maxTokens 2048, but Claude's thinking budget must be below maxTokens");
		assertRefusedBeforeSending(thinking.mutate().reasoning(Reasoning.ofBudget(512)).build(),
				"Claude's thinking budget must be at least 1024 tokens");
		assertSent(thinking.mutate().temperature(1.0).topP(0.95).maxTokens(4096).build(),
				"{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}", null);
	}

	@Test
	void quirksRefuseWhatAKnownFamilyRejectsBeforeSending() {
		var tools = ToolCallbacks.from(new WeatherTools());
		assertRefusedBeforeSending(
				options("us.meta.llama3-3-70b-instruct-v1:0").toolCallbacks(tools)
					.toolChoice(BedrockConverseToolChoice.ANY)
					.build(),
				"toolChoice 'any' is refused before sending: the model family 'meta' (model id "
						+ "'us.meta.llama3-3-70b-instruct-v1:0') does not accept it; remove the toolChoice, or, if this "
						+ "model does accept it, set bedrock.converse.options.model-quirks.meta.tool-choice-any=true");
		assertRefusedBeforeSending(options("mistral.mistral-large-2407-v1:0").toolCallbacks(tools)
			.toolChoice(BedrockConverseToolChoice.tool("get_weather"))
			.build(), "model-quirks.mistral.tool-choice-tool=true");
		assertRefusedBeforeSending(options("anthropic.claude-sonnet-4-20250514-v1:0").toolCallbacks(tools)
			.toolChoice(BedrockConverseToolChoice.ANY)
			.reasoning(Reasoning.ofBudget(2048))
			.build(), "while the model reasons is refused before sending");
		assertRefusedBeforeSending(
				options("anthropic.claude-sonnet-4-20250514-v1:0").outputSchema("{\"type\":\"object\"}")
					.structuredOutputMode(StructuredOutputMode.TOOL)
					.reasoning(Reasoning.ofBudget(2048))
					.build(),
				"model-quirks.anthropic.forced-tool-with-reasoning=true");
		assertRefusedBeforeSending(
				options("us.anthropic.claude-haiku-4-5-20251001-v1:0").temperature(0.5).topP(0.9).build(),
				"temperature together with topP is refused before sending");
		assertRefusedBeforeSending(options("amazon.nova-pro-v1:0").toolCallbacks(tools)
			.cacheStrategy(BedrockConverseCacheStrategy.TOOLS)
			.build(), "model-quirks.amazon.tool-cache-points=true");
	}

	@Test
	void quirksAreOverriddenPerFamily() {
		var tools = ToolCallbacks.from(new WeatherTools());
		BedrockConverseChatOptions options = options("us.meta.llama3-3-70b-instruct-v1:0").toolCallbacks(tools)
			.toolChoice(BedrockConverseToolChoice.ANY)
			.modelQuirks(Map.of("meta", new BedrockConverseModelQuirks(true, null, null, null, null)))
			.build();
		for (JsonNode body : sendBoth(options)) {
			assertThat(body.path("toolConfig").path("toolChoice")).isEqualTo(json("{\"any\":{}}"));
		}
	}

	@Test
	void anUnknownModelIsNeverRefusedByAQuirk() {
		var tools = ToolCallbacks.from(new WeatherTools());
		BedrockConverseChatOptions options = options(APPLICATION_PROFILE).toolCallbacks(tools)
			.toolChoice(BedrockConverseToolChoice.ANY)
			.temperature(0.5)
			.topP(0.5)
			.cacheStrategy(BedrockConverseCacheStrategy.TOOLS)
			.build();
		for (JsonNode body : sendBoth(options)) {
			assertThat(body.path("toolConfig").path("toolChoice")).isEqualTo(json("{\"any\":{}}"));
			assertThat(body.path("inferenceConfig").path("topP").asDouble()).isEqualTo(0.5);
		}
	}

}
