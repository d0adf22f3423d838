package dev.bedrockconverse.chat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BedrockConverseChatOptionsTests {

	private final BedrockConverseChatOptions full = BedrockConverseChatOptions.builder()
		.model("m")
		.maxTokens(10)
		.temperature(0.5)
		.topP(0.9)
		.stopSequences(List.of("STOP"))
		.build();

	@Test
	void builderSetsEveryField() {
		assertThat(this.full.getModel()).isEqualTo("m");
		assertThat(this.full.getMaxTokens()).isEqualTo(10);
		assertThat(this.full.getTemperature()).isEqualTo(0.5);
		assertThat(this.full.getTopP()).isEqualTo(0.9);
		assertThat(this.full.getStopSequences()).containsExactly("STOP");
		assertThat(this.full.getTopK()).isNull();
		assertThat(this.full.getFrequencyPenalty()).isNull();
		assertThat(this.full.getPresencePenalty()).isNull();
	}

	@Test
	void mutateCopiesEveryFieldAndEqualsTheOriginal() {
		BedrockConverseChatOptions copy = this.full.mutate().build();
		assertThat(copy).isEqualTo(this.full).hasSameHashCodeAs(this.full).isNotSameAs(this.full);
		assertThat(copy.toString()).contains("model=m", "maxTokens=10", "STOP");
	}

	@Test
	void mutateDoesNotChangeTheOriginal() {
		BedrockConverseChatOptions changed = this.full.mutate().temperature(0.1).build();
		assertThat(changed.getTemperature()).isEqualTo(0.1);
		assertThat(this.full.getTemperature()).isEqualTo(0.5);
		assertThat(changed).isNotEqualTo(this.full);
	}

	@Test
	void stopSequencesAreCopiedDefensively() {
		List<String> stops = new ArrayList<>(List.of("a"));
		BedrockConverseChatOptions options = BedrockConverseChatOptions.builder().stopSequences(stops).build();
		stops.add("b");
		assertThat(options.getStopSequences()).containsExactly("a");
	}

	@Test
	void cloneIsIndependentOfTheOriginalBuilder() {
		BedrockConverseChatOptions.Builder builder = BedrockConverseChatOptions.builder().model("m");
		BedrockConverseChatOptions.Builder clone = builder.clone();
		clone.model("other");
		assertThat(builder.build().getModel()).isEqualTo("m");
		assertThat(clone.build().getModel()).isEqualTo("other");
	}

	@Test
	void topKIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BedrockConverseChatOptions.builder().topK(5))
			.withMessageContaining("topK")
			.withMessageContaining("not supported by the Amazon Bedrock Converse API");
	}

	@Test
	void frequencyPenaltyIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().frequencyPenalty(0.1))
			.withMessageContaining("frequencyPenalty");
	}

	@Test
	void presencePenaltyIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().presencePenalty(0.1))
			.withMessageContaining("presencePenalty");
	}

	@Test
	void nullUnsupportedOptionsAreAccepted() {
		BedrockConverseChatOptions options = BedrockConverseChatOptions.builder()
			.topK(null)
			.frequencyPenalty(null)
			.presencePenalty(null)
			.build();
		assertThat(options).isEqualTo(BedrockConverseChatOptions.builder().build());
	}

	@Test
	void combineWithTakesOnlyTheOtherBuildersSetFields() {
		BedrockConverseChatOptions combined = this.full.mutate()
			.combineWith(BedrockConverseChatOptions.builder().temperature(0.2))
			.build();
		assertThat(combined).isEqualTo(this.full.mutate().temperature(0.2).build());
	}

	@Test
	void combineWithAcceptsAPlainSpringAiBuilder() {
		BedrockConverseChatOptions combined = BedrockConverseChatOptions.builder()
			.model("m")
			.combineWith(ChatOptions.builder().maxTokens(7).stopSequences(List.of("x")))
			.build();
		assertThat(combined.getModel()).isEqualTo("m");
		assertThat(combined.getMaxTokens()).isEqualTo(7);
		assertThat(combined.getStopSequences()).containsExactly("x");
	}

	@Test
	void combineWithRejectsAPlainBuilderCarryingTopK() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().combineWith(ChatOptions.builder().topK(3)))
			.withMessageContaining("topK");
	}

}
