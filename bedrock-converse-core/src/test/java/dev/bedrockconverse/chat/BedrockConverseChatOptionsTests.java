package dev.bedrockconverse.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BedrockConverseChatOptionsTests {

	private final BedrockConverseChatOptions full = BedrockConverseChatOptions.builder()
		.model("m")
		.maxTokens(10)
		.temperature(0.5)
		.topP(0.9)
		.stopSequences(List.of("STOP"))
		.toolCallbacks(ToolCallbacks.from(new WeatherTools()))
		.toolContext(Map.of("tenant", "t-1"))
		.toolChoice(BedrockConverseToolChoice.ANY)
		.outputSchema("{\"type\":\"object\"}")
		.structuredOutputMode(StructuredOutputMode.TOOL)
		.additionalModelRequestFields(Map.of("top_k", 5))
		.additionalModelResponseFieldPaths(List.of("/stop_sequence"))
		.requestMetadata(Map.of("team", "search"))
		.performanceLatency(PerformanceConfigLatency.OPTIMIZED)
		.serviceTier(ServiceTierType.FLEX)
		.guardrail(BedrockConverseGuardrail.of("gr", "1"))
		.promptVariables(Map.of("genre", "secret-value"))
		.reasoning(BedrockConverseChatOptions.Reasoning.ofBudget(2048).withEffort("high"))
		.modelFamily("anthropic.claude-opus-4-5")
		.modelQuirks(Map.of("anthropic", new BedrockConverseModelQuirks(null, null, null, true, null)))
		.cacheStrategy(BedrockConverseCacheStrategy.TOOLS)
		.cacheTtl(java.time.Duration.ofHours(1))
		.documentCitations(true)
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
		assertThat(copy.toString()).contains("model=m", "maxTokens=10", "STOP", "tools=[get_weather]", "toolChoice=any",
				"serviceTier=flex");
	}

	@Test
	void toStringShowsNoToolContextRequestMetadataOrPromptVariableValues() {
		assertThat(this.full.toString())
			.contains("toolContextKeys=[tenant]", "requestMetadataKeys=[team]", "promptVariableKeys=[genre]")
			.doesNotContain("t-1")
			.doesNotContain("search")
			.doesNotContain("secret-value");
	}

	@Test
	void mutateCopiesTheToolAndRequestFields() {
		BedrockConverseChatOptions copy = this.full.mutate().build();
		assertThat(copy.getToolCallbacks()).isEqualTo(this.full.getToolCallbacks()).hasSize(1);
		assertThat(copy.getToolContext()).containsExactly(Map.entry("tenant", "t-1"));
		assertThat(copy.getToolChoice()).isEqualTo(BedrockConverseToolChoice.ANY);
		assertThat(copy.getOutputSchema()).isEqualTo("{\"type\":\"object\"}");
		assertThat(copy.getStructuredOutputMode()).isEqualTo(StructuredOutputMode.TOOL);
		assertThat(copy.getGuardrail()).isEqualTo(BedrockConverseGuardrail.of("gr", "1"));
		assertThat(copy.getReasoning()).isEqualTo(new BedrockConverseChatOptions.Reasoning(null, 2048, "high"));
		assertThat(copy.getModelFamily()).isEqualTo("anthropic.claude-opus-4-5");
		assertThat(copy.getModelQuirks())
			.containsExactly(Map.entry("anthropic", new BedrockConverseModelQuirks(null, null, null, true, null)));
		assertThat(copy.getCacheStrategy()).isEqualTo(BedrockConverseCacheStrategy.TOOLS);
		assertThat(copy.getCacheTtl()).isEqualTo(java.time.Duration.ofHours(1));
		assertThat(copy.getDocumentCitations()).isTrue();
	}

	@Test
	void perRequestReasoningCacheAndCitationOptionsWinWhenCombined() {
		BedrockConverseChatOptions combined = this.full.mutate()
			.combineWith(BedrockConverseChatOptions.builder()
				.reasoning(BedrockConverseChatOptions.Reasoning.ofBudget(4096))
				.cacheStrategy(BedrockConverseCacheStrategy.NONE)
				.documentCitations(false))
			.build();
		assertThat(combined.getReasoning()).isEqualTo(new BedrockConverseChatOptions.Reasoning(null, 4096, "high"));
		assertThat(combined.getCacheStrategy()).isEqualTo(BedrockConverseCacheStrategy.NONE);
		assertThat(combined.getCacheTtl()).isEqualTo(java.time.Duration.ofHours(1));
		assertThat(combined.getDocumentCitations()).isFalse();
	}

	@Test
	void combineWithReplacesToolsOnlyWhenTheOtherHasSomeAndMergesToolContext() {
		BedrockConverseChatOptions combined = this.full.mutate()
			.combineWith(BedrockConverseChatOptions.builder().toolContext(Map.of("user", "u")))
			.build();
		assertThat(combined.getToolCallbacks()).isEqualTo(this.full.getToolCallbacks());
		assertThat(combined.getToolContext()).containsOnly(Map.entry("tenant", "t-1"), Map.entry("user", "u"));
		assertThat(combined.getToolChoice()).isEqualTo(BedrockConverseToolChoice.ANY);
	}

	@Test
	void combineWithTakesToolsAndSchemaFromPlainSpringAiOptions() {
		ToolCallback tool = ToolCallbacks.from(new WeatherTools())[0];
		BedrockConverseChatOptions combined = BedrockConverseChatOptions.builder()
			.combineWith(ToolCallingChatOptions.builder().toolCallbacks(tool))
			.combineWith(StructuredOutputChatOptions.builder().outputSchema("{\"type\":\"object\"}"))
			.build();
		assertThat(combined.getToolCallbacks()).containsExactly(tool);
		assertThat(combined.getOutputSchema()).isEqualTo("{\"type\":\"object\"}");
	}

	@Test
	void toolChoiceParsesItsPropertyForms() {
		assertThat(BedrockConverseToolChoice.parse("AUTO")).isEqualTo(BedrockConverseToolChoice.AUTO);
		assertThat(BedrockConverseToolChoice.parse("any")).isEqualTo(BedrockConverseToolChoice.ANY);
		assertThat(BedrockConverseToolChoice.parse("tool:get_weather"))
			.isEqualTo(BedrockConverseToolChoice.tool("get_weather"));
		assertThat(BedrockConverseToolChoice.tool("get_weather").toString()).isEqualTo("tool:get_weather");
		assertThatIllegalArgumentException().isThrownBy(() -> BedrockConverseToolChoice.parse("tool:"))
			.withMessageContaining("'auto', 'any' or 'tool:<name>'");
	}

	@Test
	void aGuardrailNeedsIdentifierAndVersion() {
		assertThatIllegalArgumentException().isThrownBy(() -> BedrockConverseGuardrail.of("gr", " "))
			.withMessageContaining("guardrail.version must be set");
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
		assertThatIllegalArgumentException().isThrownBy(() -> BedrockConverseChatOptions.builder().presencePenalty(0.1))
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
