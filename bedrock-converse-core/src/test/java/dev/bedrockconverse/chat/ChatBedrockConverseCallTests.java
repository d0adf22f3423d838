package dev.bedrockconverse.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.StubAnswer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** {@link ChatBedrockConverse#call} through the real sync SDK client against the stub. */
class ChatBedrockConverseCallTests extends StubModelFixture {

	private static final String MODEL = StubClients.MODEL;

	private ChatBedrockConverse model(BedrockConverseChatOptions defaults) {
		return ChatBedrockConverse.builder().bedrockRuntimeClient(this.client).defaultOptions(defaults).build();
	}

	private ChatBedrockConverse model() {
		return model(BedrockConverseChatOptions.builder().model(MODEL).build());
	}

	@Test
	void callReturnsTheAnswerWithFinishReasonUsageRequestIdAndModel() {
		ChatResponse response = model().call(new Prompt("I love programming."));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: I love programming.");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("END_TURN");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(3);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(7);
		assertThat(response.getMetadata().getId()).isNotBlank();
		assertThat(response.getMetadata().getModel()).isEqualTo(MODEL);
		assertThat((Long) response.getMetadata().get("latencyMs")).isNotNull();
		assertThat(this.stub.lastRequest().operation()).isEqualTo("Converse");
		assertThat(this.stub.lastRequest().modelId()).isEqualTo(MODEL);
	}

	@Test
	void systemAndUserMessagesAreSentInTheirConverseFields() {
		model().call(new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Hi there"))));

		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.body().get("system").get(0).get("text").asString()).isEqualTo("Be brief.");
		assertThat(request.body().get("messages").get(0).get("role").asString()).isEqualTo("user");
		assertThat(request.body().get("messages").get(0).get("content").get(0).get("text").asString())
			.isEqualTo("Hi there");
	}

	@Test
	void promptOptionsWinAndDefaultsFillTheRest() {
		ChatBedrockConverse chatModel = model(
				BedrockConverseChatOptions.builder().model(MODEL).maxTokens(100).temperature(0.5).build());

		chatModel.call(new Prompt("Hello",
				BedrockConverseChatOptions.builder().model("other.model-v1").maxTokens(50).build()));

		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.modelId()).isEqualTo("other.model-v1");
		assertThat(request.body().get("inferenceConfig").get("maxTokens").asInt()).isEqualTo(50);
		assertThat(request.body().get("inferenceConfig").get("temperature").asDouble()).isEqualTo(0.5);
		assertThat(request.body().get("inferenceConfig").has("topP")).isFalse();
		assertThat(request.body().get("inferenceConfig").has("stopSequences")).isFalse();
	}

	@Test
	void defaultsAreUsedWhenThePromptHasNoOptions() {
		model(BedrockConverseChatOptions.builder().model(MODEL).topP(0.25).build()).call(new Prompt("Hello"));

		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.modelId()).isEqualTo(MODEL);
		assertThat(request.body().get("inferenceConfig").get("topP").asDouble()).isEqualTo(0.25);
		assertThat(request.body().get("inferenceConfig").has("maxTokens")).isFalse();
	}

	@Test
	void portableFieldsOfPlainSpringAiOptionsAreSent() {
		model().call(new Prompt("Hello", ChatOptions.builder().stopSequences(List.of("STOP")).build()));

		RecordedRequest request = this.stub.lastRequest();
		assertThat(request.modelId()).isEqualTo(MODEL);
		assertThat(request.body().get("inferenceConfig").get("stopSequences").get(0).asString()).isEqualTo("STOP");
	}

	@Test
	void maxTokensStopsTheAnswerWithMaxTokensFinishReason() {
		ChatResponse response = model()
			.call(new Prompt("I love programming.", BedrockConverseChatOptions.builder().maxTokens(2).build()));

		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("MAX_TOKENS");
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: I");
	}

	@Test
	void aBedrockErrorSurfacesWithItsMessage() {
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "The model id is not valid"));

		assertThatExceptionOfType(BedrockConverseNonTransientException.class)
			.isThrownBy(() -> model().call(new Prompt("Hello")))
			.withMessageContaining("The model id is not valid")
			.withCauseInstanceOf(ValidationException.class);
	}

	@Test
	void anUnsupportedOptionFailsBeforeAnyRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model().call(new Prompt("Hello", ChatOptions.builder().topK(5).build())))
			.withMessageContaining("topK");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void aConversationStartingWithAnAssistantFailsBeforeAnyRequest() {
		Prompt prompt = new Prompt(
				List.of(new org.springframework.ai.chat.messages.AssistantMessage("Hi"), new UserMessage("Hello")));
		assertThatIllegalArgumentException().isThrownBy(() -> model().call(prompt))
			.withMessageContaining("messages[0]")
			.withMessageContaining("must start with a user message");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	@SuppressWarnings("removal")
	void optionsAndDefaultOptionsAreTheConfiguredDefaults() {
		BedrockConverseChatOptions defaults = BedrockConverseChatOptions.builder().model(MODEL).maxTokens(9).build();
		ChatBedrockConverse chatModel = model(defaults);
		assertThat(chatModel.getOptions()).isSameAs(defaults);
		assertThat(chatModel.getDefaultOptions()).isSameAs(defaults);
	}

	@Test
	void callWithoutASyncClientFailsNamingTheClient() {
		ChatBedrockConverse chatModel = ChatBedrockConverse.builder()
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
		assertThatIllegalStateException().isThrownBy(() -> chatModel.call(new Prompt("Hello")))
			.withMessageContaining("BedrockRuntimeClient");
	}

}
