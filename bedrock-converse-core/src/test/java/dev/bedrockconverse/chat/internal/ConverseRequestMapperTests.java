package dev.bedrockconverse.chat.internal;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConverseRequestMapperTests {

	private static final BedrockConverseChatOptions MODEL_ONLY = BedrockConverseChatOptions.builder()
		.model("amazon.nova-micro-v1:0")
		.build();

	@Test
	void systemUserAndAssistantMessagesAreMapped() {
		Prompt prompt = new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Hi"),
				new AssistantMessage("Hello"), new UserMessage("How are you?")));
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(prompt, MODEL_ONLY);
		assertThat(request.modelId()).isEqualTo("amazon.nova-micro-v1:0");
		assertThat(request.system()).containsExactly(SystemContentBlock.fromText("Be brief."));
		assertThat(request.messages()).extracting(m -> m.role())
			.containsExactly(ConversationRole.USER, ConversationRole.ASSISTANT, ConversationRole.USER);
		assertThat(request.messages()).extracting(m -> m.content().get(0).text())
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
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(new Prompt("Hi"), options);
		assertThat(request.inferenceConfig()).isEqualTo(InferenceConfiguration.builder()
			.maxTokens(42)
			.temperature(0.25f)
			.topP(0.5f)
			.stopSequences("END")
			.build());
	}

	@Test
	void noInferenceConfigIsSentWhenNoOptionIsSet() {
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(new Prompt("Hi"), MODEL_ONLY);
		assertThat(request.inferenceConfig()).isNull();
		assertThat(request.hasSystem()).isFalse();
	}

	@Test
	void onlyTheSetInferenceFieldsAreSent() {
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(new Prompt("Hi"),
				MODEL_ONLY.mutate().maxTokens(5).build());
		assertThat(request.inferenceConfig().maxTokens()).isEqualTo(5);
		assertThat(request.inferenceConfig().temperature()).isNull();
		assertThat(request.inferenceConfig().topP()).isNull();
		assertThat(request.inferenceConfig().hasStopSequences()).isFalse();
	}

	@Test
	void theStreamRequestIsMappedTheSameWay() {
		Prompt prompt = new Prompt(List.of(new SystemMessage("S"), new UserMessage("U")));
		BedrockConverseChatOptions options = MODEL_ONLY.mutate().maxTokens(3).build();
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(prompt, options);
		ConverseStreamRequest streamRequest = ConverseRequestMapper.toConverseStreamRequest(prompt, options);
		assertThat(streamRequest.modelId()).isEqualTo(request.modelId());
		assertThat(streamRequest.system()).isEqualTo(request.system());
		assertThat(streamRequest.messages()).isEqualTo(request.messages());
		assertThat(streamRequest.inferenceConfig()).isEqualTo(request.inferenceConfig());
	}

	@Test
	void consecutiveUserMessagesAreMergedIntoOneTurn() {
		Prompt prompt = new Prompt(List.of(new UserMessage("one"), new UserMessage("two")));
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(prompt, MODEL_ONLY);
		assertThat(request.messages()).hasSize(1);
		assertThat(request.messages().get(0).content()).containsExactly(ContentBlock.fromText("one"),
				ContentBlock.fromText("two"));
	}

	@Test
	void anEmptyPromptIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConverseRequestMapper.toConverseRequest(new Prompt(List.<Message>of()), MODEL_ONLY))
			.withMessageContaining("no messages");
	}

	@Test
	void aPromptWithOnlySystemMessagesIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConverseRequestMapper.toConverseRequest(new Prompt(new SystemMessage("S")), MODEL_ONLY))
			.withMessageContaining("only system messages");
	}

	@Test
	void aBlankUserTextIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConverseRequestMapper.toConverseRequest(new Prompt(new UserMessage("  ")), MODEL_ONLY))
			.withMessageContaining("blank text");
	}

	@Test
	void aBlankSystemTextIsRejected() {
		Prompt prompt = new Prompt(List.of(new SystemMessage(" "), new UserMessage("Hi")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConverseRequestMapper.toConverseRequest(prompt, MODEL_ONLY))
			.withMessageContaining("Message 0 (system) has blank text");
	}

	@Test
	void aConversationStartingWithAnAssistantMessageIsRejected() {
		Prompt prompt = new Prompt(
				List.of(new SystemMessage("S"), new AssistantMessage("Hello"), new UserMessage("Hi")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConverseRequestMapper.toConverseRequest(prompt, MODEL_ONLY))
			.withMessageContaining("first non-system message")
			.withMessageContaining("assistant");
	}

	@Test
	void aMissingModelIdIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConverseRequestMapper.toConverseRequest(new Prompt("Hi"),
					BedrockConverseChatOptions.builder().build()))
			.withMessageContaining("model id");
	}

}
