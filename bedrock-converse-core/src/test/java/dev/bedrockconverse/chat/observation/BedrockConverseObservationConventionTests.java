package dev.bedrockconverse.chat.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BedrockConverseObservationConvention} computes Spring AI's key values itself
 * (once, instead of one sorted copy per key): they must stay exactly Spring AI's, so each
 * case compares them with {@link DefaultChatModelObservationConvention} on the same
 * context. A Spring AI upgrade that adds or changes a key fails here.
 */
class BedrockConverseObservationConventionTests {

	private static final List<String> OURS_HIGH = List.of(BedrockConverseObservationConvention.SERVER_ADDRESS_KEY,
			BedrockConverseObservationConvention.SERVER_PORT_KEY, BedrockConverseObservationConvention.ERROR_TYPE_KEY,
			BedrockConverseObservationConvention.CONVERSATION_ID_KEY);

	private final BedrockConverseObservationConvention ours = new BedrockConverseObservationConvention();

	private final DefaultChatModelObservationConvention springAi = new DefaultChatModelObservationConvention();

	static Stream<ChatModelObservationContext> contexts() {
		List<ChatModelObservationContext> contexts = new ArrayList<>();
		ToolCallback[] tools = ToolCallbacks.from(new Tools());
		ChatOptions everything = ToolCallingChatOptions.builder()
			.model("anthropic.claude-sonnet-4-6")
			.frequencyPenalty(0.5)
			.maxTokens(512)
			.presencePenalty(0.25)
			.stopSequences(List.of("STOP", "END"))
			.temperature(0.7)
			.toolCallbacks(tools)
			.topK(40)
			.topP(0.9)
			.build();
		ChatResponse twoGenerations = new ChatResponse(
				List.of(new Generation(new AssistantMessage("a"),
						ChatGenerationMetadata.builder().finishReason("END_TURN").build()),
						new Generation(new AssistantMessage("b"), ChatGenerationMetadata.builder().build()),
						new Generation(new AssistantMessage("c"),
								ChatGenerationMetadata.builder().finishReason("MAX_TOKENS").build())),
				ChatResponseMetadata.builder()
					.id("req-1")
					.model("anthropic.claude-sonnet-4-6")
					.usage(new DefaultUsage(10, 20, 30, null, 5L, 7L))
					.build());
		ChatResponse oneGeneration = new ChatResponse(
				List.of(new Generation(new AssistantMessage("a"),
						ChatGenerationMetadata.builder().finishReason("TOOL_USE").build())),
				ChatResponseMetadata.builder().model("amazon.nova-lite-v1:0").usage(new DefaultUsage(3, 4)).build());
		ChatResponse noUsageNoReason = new ChatResponse(List.of(new Generation(new AssistantMessage("a"))),
				ChatResponseMetadata.builder().id("").build());
		for (boolean streaming : new boolean[] { false, true }) {
			contexts.add(context(new Prompt("hi", everything), streaming, null));
			contexts.add(context(new Prompt("hi", everything), streaming, twoGenerations));
			contexts.add(context(new Prompt("hi"), streaming, oneGeneration));
			contexts.add(context(new Prompt("hi", BedrockConverseChatOptions.builder().model("m").build()), streaming,
					noUsageNoReason));
			contexts.add(context(new Prompt("hi", ToolCallingChatOptions.builder().model(" ").build()), streaming,
					new ChatResponse(List.of())));
		}
		return contexts.stream();
	}

	private static ChatModelObservationContext context(Prompt prompt, boolean streaming,
			@org.jspecify.annotations.Nullable ChatResponse response) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider("bedrock_converse")
			.streaming(streaming)
			.build();
		if (response != null) {
			context.setResponse(response);
		}
		return context;
	}

	@ParameterizedTest
	@MethodSource("contexts")
	void highCardinalityKeyValuesAreSpringAisWithoutDetails(ChatModelObservationContext context) {
		assertThat(map(this.ours.getHighCardinalityKeyValues(context)))
			.isEqualTo(map(this.springAi.getHighCardinalityKeyValues(context)));
	}

	@ParameterizedTest
	@MethodSource("contexts")
	void highCardinalityKeyValuesAreSpringAisPlusTheOpenTelemetryAttributes(ChatModelObservationContext context) {
		BedrockConverseObservationDetails.attach(context, new BedrockConverseObservationDetails.Client("us-east-1",
				"bedrock-runtime.us-east-1.amazonaws.com", 443), "fast");
		Map<String, String> ours = map(this.ours.getHighCardinalityKeyValues(context));
		Map<String, String> springAi = map(this.springAi.getHighCardinalityKeyValues(context));
		assertThat(ours).containsAllEntriesOf(springAi)
			.containsEntry(BedrockConverseObservationConvention.SERVER_ADDRESS_KEY,
					"bedrock-runtime.us-east-1.amazonaws.com")
			.containsEntry(BedrockConverseObservationConvention.SERVER_PORT_KEY, "443");
		ours.keySet().removeAll(OURS_HIGH);
		assertThat(ours).isEqualTo(springAi);
	}

	@ParameterizedTest
	@MethodSource("contexts")
	void lowCardinalityKeyValuesAreSpringAisPlusProviderAndModelName(ChatModelObservationContext context) {
		Map<String, String> springAi = map(this.springAi.getLowCardinalityKeyValues(context));
		Map<String, String> without = map(this.ours.getLowCardinalityKeyValues(context));
		BedrockConverseObservationDetails.attach(context, BedrockConverseObservationDetails.Client.UNKNOWN, "fast");
		Map<String, String> with = map(this.ours.getLowCardinalityKeyValues(context));
		Map<String, String> expected = new TreeMap<>(springAi);
		if (context.getResponse() == null || !hasText(context.getResponse().getMetadata().getModel())) {
			// Converse never names another model: the request's model answered.
			expected.put("gen_ai.response.model", springAi.get("gen_ai.request.model"));
		}
		expected.put(BedrockConverseObservationConvention.PROVIDER_NAME_KEY,
				BedrockConverseObservationConvention.PROVIDER_NAME);
		assertThat(without).isEqualTo(expected);
		expected.put(BedrockConverseObservationConvention.MODEL_NAME_KEY, "fast");
		assertThat(with).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("contexts")
	void contextualNameIsSpringAis(ChatModelObservationContext context) {
		assertThat(this.ours.getContextualName(context)).isEqualTo(this.springAi.getContextualName(context));
	}

	@Test
	void errorTypeAndConversationIdAreHighCardinality() {
		ChatModelObservationContext context = context(new Prompt("hi"), false, null);
		BedrockConverseObservationDetails.attach(context, BedrockConverseObservationDetails.Client.UNKNOWN, "default");
		context.setError(new IllegalStateException("boom"));
		Map<String, String> high = map(this.ours.getHighCardinalityKeyValues(context));
		assertThat(high).containsEntry(BedrockConverseObservationConvention.ERROR_TYPE_KEY, "IllegalStateException")
			.doesNotContainKey(BedrockConverseObservationConvention.SERVER_ADDRESS_KEY);
	}

	private static boolean hasText(@org.jspecify.annotations.Nullable String text) {
		return text != null && !text.isBlank();
	}

	private static Map<String, String> map(KeyValues keyValues) {
		Map<String, String> map = new TreeMap<>();
		for (KeyValue keyValue : keyValues) {
			assertThat(map.put(keyValue.getKey(), keyValue.getValue())).as(keyValue.getKey()).isNull();
		}
		return map;
	}

	static class Tools {

		@Tool(description = "The weather in a city")
		String weather(String city) {
			return "sunny in " + city;
		}

		@Tool(description = "The time in a city")
		String time(String city) {
			return "noon in " + city;
		}

	}

}
