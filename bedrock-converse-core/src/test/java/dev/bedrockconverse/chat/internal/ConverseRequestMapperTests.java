package dev.bedrockconverse.chat.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseGuardrail;
import dev.bedrockconverse.chat.StubClients;

import static org.assertj.core.api.Assertions.assertThat;

class ConverseRequestMapperTests {

	private static final BedrockConverseChatOptions MODEL_ONLY = BedrockConverseChatOptions.builder()
		.model(StubClients.MODEL)
		.build();

	@Test
	void systemUserAndAssistantMessagesAreMapped() {
		Prompt prompt = new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Hi"),
				new AssistantMessage("Hello"), new UserMessage("How are you?")));
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(prompt, MODEL_ONLY, List.of());
		assertThat(request.modelId()).isEqualTo(StubClients.MODEL);
		assertThat(request.system()).containsExactly(SystemContentBlock.fromText("Be brief."));
		assertThat(request.messages()).extracting((m) -> m.role())
			.containsExactly(ConversationRole.USER, ConversationRole.ASSISTANT, ConversationRole.USER);
		assertThat(request.messages()).extracting((m) -> m.content().get(0).text())
			.containsExactly("Hi", "Hello", "How are you?");
	}

	@Test
	void optionsBecomeTheInferenceConfig() {
		BedrockConverseChatOptions options = MODEL_ONLY.mutate()
			.maxTokens(42)
			.temperature(0.25)
			.topP(0.5)
			.stopSequences(List.of("END"))
			.build();
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(new Prompt("Hi"), options, List.of());
		assertThat(request.inferenceConfig()).isEqualTo(InferenceConfiguration.builder()
			.maxTokens(42)
			.temperature(0.25f)
			.topP(0.5f)
			.stopSequences("END")
			.build());
	}

	@Test
	void noInferenceConfigIsSentWhenNoOptionIsSet() {
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(new Prompt("Hi"), MODEL_ONLY, List.of());
		assertThat(request.inferenceConfig()).isNull();
		assertThat(request.hasSystem()).isFalse();
	}

	@Test
	void onlyTheSetInferenceFieldsAreSent() {
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(new Prompt("Hi"),
				MODEL_ONLY.mutate().maxTokens(5).build(), List.of());
		assertThat(request.inferenceConfig().maxTokens()).isEqualTo(5);
		assertThat(request.inferenceConfig().temperature()).isNull();
		assertThat(request.inferenceConfig().topP()).isNull();
		assertThat(request.inferenceConfig().hasStopSequences()).isFalse();
	}

	@Test
	void theStreamRequestIsMappedTheSameWay() {
		Prompt prompt = new Prompt(List.of(new SystemMessage("S"), new UserMessage("U")));
		BedrockConverseChatOptions options = MODEL_ONLY.mutate().maxTokens(3).build();
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(prompt, options, List.of());
		ConverseStreamRequest streamRequest = ConverseRequestMapper.toConverseStreamRequest(request, options);
		assertThat(streamRequest.modelId()).isEqualTo(request.modelId());
		assertThat(streamRequest.system()).isEqualTo(request.system());
		assertThat(streamRequest.messages()).isEqualTo(request.messages());
		assertThat(streamRequest.inferenceConfig()).isEqualTo(request.inferenceConfig());
	}

	/**
	 * Every SDK field of the two request types, walked through the SDK's own field
	 * descriptions, so a field added to either type cannot be forgotten on one side.
	 */
	@Test
	void everySdkFieldOfTheStreamRequestEqualsTheConverseRequestField() {
		Prompt prompt = new Prompt(List.of(new SystemMessage("S"), new UserMessage("U")));
		BedrockConverseChatOptions options = MODEL_ONLY.mutate()
			.maxTokens(3)
			.temperature(0.5)
			.topP(0.9)
			.stopSequences(List.of("END"))
			.outputSchema("{\"type\":\"object\"}")
			.additionalModelRequestFields(Map.of("top_k", 5))
			.additionalModelResponseFieldPaths(List.of("/stop_sequence"))
			.requestMetadata(Map.of("team", "a"))
			.performanceLatency(PerformanceConfigLatency.OPTIMIZED)
			.serviceTier(ServiceTierType.FLEX)
			.promptVariables(Map.of("name", "x"))
			.guardrail(new BedrockConverseGuardrail("gr-1", "1", GuardrailTrace.ENABLED,
					GuardrailStreamProcessingMode.ASYNC))
			.build();
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(prompt, options, List.of());
		ConverseStreamRequest streamRequest = ConverseRequestMapper.toConverseStreamRequest(request, options);
		List<String> converseFields = request.sdkFields().stream().map(SdkField::memberName).toList();
		List<String> streamFields = streamRequest.sdkFields().stream().map(SdkField::memberName).toList();
		assertThat(streamFields).containsExactlyInAnyOrderElementsOf(converseFields);
		for (SdkField<?> streamField : streamRequest.sdkFields()) {
			Object streamValue = streamField.getValueOrDefault(streamRequest);
			Object converseValue = valueOf(request, streamField.memberName());
			if (streamValue instanceof GuardrailStreamConfiguration streamGuardrail) {
				for (SdkField<?> guardrailField : streamGuardrail.sdkFields()) {
					Object expected = guardrailField.memberName().equals("streamProcessingMode")
							? GuardrailStreamProcessingMode.ASYNC.toString()
							: valueOf((SdkPojo) converseValue, guardrailField.memberName());
					assertThat(guardrailField.getValueOrDefault(streamGuardrail)).as(guardrailField.memberName())
						.isEqualTo(expected);
				}
			}
			else {
				assertThat(streamValue).as(streamField.memberName()).isEqualTo(converseValue);
			}
		}
	}

	private static Object valueOf(SdkPojo pojo, String memberName) {
		return pojo.sdkFields()
			.stream()
			.filter((field) -> field.memberName().equals(memberName))
			.findFirst()
			.map((field) -> (Object) field.getValueOrDefault(pojo))
			.orElse(null);
	}

	@Test
	void consecutiveUserMessagesAreMergedIntoOneTurn() {
		Prompt prompt = new Prompt(List.of(new UserMessage("one"), new UserMessage("two")));
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(prompt, MODEL_ONLY, List.of());
		assertThat(request.messages()).hasSize(1);
		assertThat(request.messages().get(0).content()).containsExactly(ContentBlock.fromText("one"),
				ContentBlock.fromText("two"));
	}

}
