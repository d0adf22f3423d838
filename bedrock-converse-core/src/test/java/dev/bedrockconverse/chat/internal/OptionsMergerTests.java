package dev.bedrockconverse.chat.internal;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsMergerTests {

	private final BedrockConverseChatOptions defaults = BedrockConverseChatOptions.builder()
		.model("default-model")
		.maxTokens(100)
		.temperature(0.7)
		.build();

	@Test
	void noPromptOptionsMeansTheDefaults() {
		assertThat(OptionsMerger.merge(null, this.defaults)).isEqualTo(this.defaults);
	}

	@Test
	void promptValuesWinAndDefaultsFillOnlyUnsetFields() {
		BedrockConverseChatOptions merged = OptionsMerger
			.merge(BedrockConverseChatOptions.builder().model("prompt-model").temperature(0.1).build(), this.defaults);
		assertThat(merged).isEqualTo(
				BedrockConverseChatOptions.builder().model("prompt-model").maxTokens(100).temperature(0.1).build());
	}

	@Test
	void fieldsSetNowhereStayUnset() {
		BedrockConverseChatOptions merged = OptionsMerger.merge(BedrockConverseChatOptions.builder().build(),
				this.defaults);
		assertThat(merged.getTopP()).isNull();
		assertThat(merged.getStopSequences()).isNull();
	}

	@Test
	void portableFieldsOfPlainSpringAiOptionsAreUsed() {
		ChatOptions plain = ChatOptions.builder().model("plain").topP(0.3).stopSequences(List.of("END")).build();
		BedrockConverseChatOptions merged = OptionsMerger.merge(plain, this.defaults);
		assertThat(merged).isEqualTo(BedrockConverseChatOptions.builder()
			.model("plain")
			.maxTokens(100)
			.temperature(0.7)
			.topP(0.3)
			.stopSequences(List.of("END"))
			.build());
	}

	@Test
	void plainOptionsWithTopKAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OptionsMerger.merge(ChatOptions.builder().topK(40).build(), this.defaults))
			.withMessageContaining("topK")
			.withMessageContaining("not supported");
	}

	@Test
	void plainOptionsWithFrequencyPenaltyAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OptionsMerger.merge(ChatOptions.builder().frequencyPenalty(1.0).build(), this.defaults))
			.withMessageContaining("frequencyPenalty");
	}

	@Test
	void plainOptionsWithPresencePenaltyAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OptionsMerger.merge(ChatOptions.builder().presencePenalty(1.0).build(), this.defaults))
			.withMessageContaining("presencePenalty");
	}

}
