package dev.bedrockconverse.autoconfigure.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The reasoning, model-family and model-quirks properties, end to end: what the stub
 * receives in {@code call} and {@code stream}, a quirk overridden by a property, and a
 * reasoning property the option refuses failing at start-up.
 */
class BedrockConverseReasoningPropertiesTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get());

	private List<JsonNode> bodies() {
		return stub.get().requests().stream().map(RecordedRequest::body).toList();
	}

	@Test
	void anEffortPropertyIsClaudesAdaptiveThinkingAndOutputConfigEffort() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.model=global.anthropic.claude-opus-4-6-v1",
					"bedrock.converse.options.reasoning.effort=high")
			.run((context) -> {
				assertThat(BedrockConverseContextRunners.call(context, "Hi")).isEqualTo("Echo: Hi");
				assertThat(BedrockConverseContextRunners.stream(context, "Hi")).isEqualTo("Echo: Hi");
				assertThat(bodies()).hasSize(2).allSatisfy((body) -> {
					assertThat(body.path("additionalModelRequestFields"))
						.isEqualTo(JSON.readTree("{\"thinking\":{\"type\":\"adaptive\"}}"));
					assertThat(body.path("outputConfig")).isEqualTo(JSON.readTree("{\"effort\":\"high\"}"));
				});
			});
	}

	@Test
	void theModelFamilyPropertyNamesTheFamilyOfAnApplicationInferenceProfile() {
		this.contextRunner.withPropertyValues(
				"bedrock.converse.model=arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
				"bedrock.converse.options.model-family=us.amazon.nova-2-lite-v1:0",
				"bedrock.converse.options.reasoning.effort=low")
			.run((context) -> {
				assertThat(BedrockConverseContextRunners.call(context, "Hi")).isEqualTo("Echo: Hi");
				assertThat(BedrockConverseContextRunners.stream(context, "Hi")).isEqualTo("Echo: Hi");
				assertThat(bodies()).hasSize(2)
					.allSatisfy((body) -> assertThat(body.path("additionalModelRequestFields")).isEqualTo(JSON
						.readTree("{\"reasoningConfig\":{\"type\":\"enabled\",\"maxReasoningEffort\":\"low\"}}")));
			});
	}

	@Test
	void aQuirkRefusesBeforeSendingUntilAPropertyOverridesIt() {
		ApplicationContextRunner claude45 = this.contextRunner.withPropertyValues(
				"bedrock.converse.model=us.anthropic.claude-sonnet-4-5-20250929-v1:0",
				"bedrock.converse.options.temperature=0.5", "bedrock.converse.options.top-p=0.9");
		claude45.run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			assertThatIllegalArgumentException().isThrownBy(() -> model.call(new Prompt("Hi")))
				.withMessageContaining("temperature together with topP is refused before sending")
				.withMessageContaining("bedrock.converse.options.model-quirks.anthropic.temperature-with-top-p=true");
			assertThatIllegalArgumentException().isThrownBy(() -> model.stream(new Prompt("Hi")).blockLast())
				.withMessageContaining("temperature together with topP is refused before sending");
			assertThat(stub.get().requests()).isEmpty();
		});
		claude45.withPropertyValues("bedrock.converse.options.model-quirks.anthropic.temperature-with-top-p=true")
			.run((context) -> {
				assertThat(BedrockConverseContextRunners.call(context, "Hi")).isEqualTo("Echo: Hi");
				assertThat(BedrockConverseContextRunners.stream(context, "Hi")).isEqualTo("Echo: Hi");
				assertThat(bodies()).hasSize(2).allSatisfy((body) -> {
					assertThat(body.path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.5);
					assertThat(body.path("inferenceConfig").path("topP").asDouble()).isEqualTo(0.9);
				});
			});
	}

	@Test
	void aReasoningSwitchedOffWithAnEffortFailsAtStartUp() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.options.reasoning.enabled=false",
					"bedrock.converse.options.reasoning.effort=high")
			.run((context) -> assertThat(BedrockConverseContextRunners.analyze(context).getDescription())
				.contains("bedrock.converse.options.reasoning")
				.contains("reasoning.enabled is false but a budget or an effort is set"));
	}

}
