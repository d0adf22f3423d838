package dev.bedrockconverse.chat.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.MimeTypeUtils;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentQualifier;

import dev.bedrockconverse.chat.BedrockConverseCacheStrategy;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseToolChoice;
import dev.bedrockconverse.chat.StructuredOutputMode;
import dev.bedrockconverse.chat.StubClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The rules {@link PromptValidator} enforces, each named in its message. */
class PromptValidatorTests {

	private static final BedrockConverseChatOptions MODEL_ONLY = BedrockConverseChatOptions.builder()
		.model(StubClients.MODEL)
		.build();

	private static void validate(List<Message> messages) {
		PromptValidator.validate(new Prompt(messages), MODEL_ONLY, List.of(), false);
	}

	private static void validate(BedrockConverseChatOptions options) {
		PromptValidator.validate(new Prompt("Hello"), options, List.of(), false);
	}

	@Test
	void anEmptyPromptIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> validate(List.of()))
			.withMessageContaining("no messages")
			.withMessageContaining("at least one user message");
	}

	@Test
	void blankTextIsRejectedNamingTheMessage() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> validate(List.of(new UserMessage("Hi"), new AssistantMessage("Yes"), new UserMessage("  "))))
			.withMessageContaining("messages[2].text")
			.withMessageContaining("blank");
	}

	@Test
	void onlySystemMessagesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> validate(List.of(new SystemMessage("Be brief"))))
			.withMessageContaining("only system messages");
	}

	@Test
	void aConversationStartingWithAnAssistantIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> validate(
					List.of(new SystemMessage("Be brief"), new AssistantMessage("Hi"), new UserMessage("Hello"))))
			.withMessageContaining("messages[1]")
			.withMessageContaining("must start with a user message");
	}

	@Test
	void consecutiveUserMessagesAreRejectedNamingTheOptInRepair() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> validate(List.of(new UserMessage("one"), new UserMessage("two"))))
			.withMessageContaining("messages[1]")
			.withMessageContaining("alternate")
			.withMessageContaining("bedrock.converse.merge-consecutive-messages");
	}

	@Test
	void consecutiveAssistantMessagesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> validate(List.of(new UserMessage("one"), new AssistantMessage("a"), new AssistantMessage("b"))))
			.withMessageContaining("messages[2]");
	}

	@Test
	void consecutiveTurnsPassWhenMergingIsOptedIn() {
		assertThatNoException().isThrownBy(() -> PromptValidator.validate(
				new Prompt(List.of(new UserMessage("one"), new UserMessage("two"))), MODEL_ONLY, List.of(), true));
	}

	@Test
	void systemMessagesBetweenTurnsDoNotBreakAlternation() {
		assertThatNoException().isThrownBy(() -> validate(List.of(new UserMessage("one"), new SystemMessage("s"),
				new AssistantMessage("a"), new UserMessage("two"))));
	}

	@Test
	void toolResultsNextToAUserTextFormOneTurnWithoutOptingIn() {
		AssistantMessage call = AssistantMessage.builder()
			.content("Let me check.")
			.toolCalls(List.of(new AssistantMessage.ToolCall("t-1", "function", "get_weather", "{}")))
			.build();
		ToolResponseMessage results = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("t-1", "get_weather", "{}")))
			.build();
		assertThatNoException().isThrownBy(
				() -> validate(List.of(new UserMessage("Weather?"), call, results, new UserMessage("And tomorrow?"))));
	}

	@Test
	void anInvalidToolNameIsRejectedNamingTheRule() {
		ToolDefinition tool = ToolDefinition.builder().name("get weather!").description("d").inputSchema("{}").build();
		assertThatIllegalArgumentException().isThrownBy(() -> PromptValidator.validateToolNames(List.of(tool)))
			.withMessageContaining("'get weather!'")
			.withMessageContaining("[a-zA-Z0-9_-]{1,64}");
	}

	@Test
	void aToolNameOver64CharactersIsRejected() {
		ToolDefinition tool = ToolDefinition.builder().name("t".repeat(65)).description("d").inputSchema("{}").build();
		assertThatIllegalArgumentException().isThrownBy(() -> PromptValidator.validateToolNames(List.of(tool)))
			.withMessageContaining("1 to 64");
	}

	@Test
	void temperatureAboveOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> validate(MODEL_ONLY.mutate().temperature(1.5).build()))
			.withMessageContaining("'temperature'")
			.withMessageContaining("from 0 to 1");
	}

	@Test
	void negativeTemperatureIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> validate(MODEL_ONLY.mutate().temperature(-0.1).build()))
			.withMessageContaining("'temperature'");
	}

	@Test
	void topPOutOfRangeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> validate(MODEL_ONLY.mutate().topP(1.01).build()))
			.withMessageContaining("'topP'")
			.withMessageContaining("from 0 to 1");
	}

	@Test
	void maxTokensBelowOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> validate(MODEL_ONLY.mutate().maxTokens(0).build()))
			.withMessageContaining("'maxTokens'")
			.withMessageContaining("at least 1");
	}

	@Test
	void boundaryValuesAreAccepted() {
		assertThatNoException()
			.isThrownBy(() -> validate(MODEL_ONLY.mutate().temperature(0.0).topP(1.0).maxTokens(1).build()));
	}

	// Rules the request mapper used to check as well; they live here alone now.

	@Test
	void anEmptyPromptIsRejectedWithTheMappersWording() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt(List.<Message>of()), MODEL_ONLY, List.of(), false))
			.withMessageContaining("no messages");
	}

	@Test
	void aPromptWithOnlySystemMessagesIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> PromptValidator.validate(new Prompt(new SystemMessage("S")), MODEL_ONLY, List.of(), false))
			.withMessageContaining("only system messages");
	}

	@Test
	void aBlankUserTextIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt(new UserMessage("  ")), MODEL_ONLY, List.of(), false))
			.withMessageContaining("blank text");
	}

	@Test
	void aBlankSystemTextIsRejected() {
		Prompt prompt = new Prompt(List.of(new SystemMessage(" "), new UserMessage("Hi")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(prompt, MODEL_ONLY, List.of(), false))
			.withMessageContaining("Message 0 (system) has blank text");
	}

	@Test
	void aConversationStartingWithAnAssistantMessageIsRejected() {
		Prompt prompt = new Prompt(
				List.of(new SystemMessage("S"), new AssistantMessage("Hello"), new UserMessage("Hi")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(prompt, MODEL_ONLY, List.of(), false))
			.withMessageContaining("first non-system message")
			.withMessageContaining("assistant");
	}

	@Test
	void aMissingModelIdIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt("Hi"), BedrockConverseChatOptions.builder().build(),
					List.of(), false))
			.withMessageContaining("model id");
	}

	@Test
	void aUserMessageWithMediaAndBlankTextIsRejectedBeforeMapping() {
		Media image = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] { 1, 2, 3 }).build();
		Prompt prompt = new Prompt(UserMessage.builder().text(" ").media(image).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(prompt, MODEL_ONLY, List.of(), false))
			.withMessageContaining("Message 0 (user) has blank text")
			.withMessageContaining("needs text next to its media");
	}

	@Test
	void mediaLimitsAreCheckedBeforeMapping() {
		Media blob = Media.builder()
			.mimeType(MimeTypeUtils.APPLICATION_OCTET_STREAM)
			.data(new byte[] { 1 })
			.name("blob")
			.build();
		Prompt prompt = new Prompt(UserMessage.builder().text("What is this?").media(blob).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(prompt, MODEL_ONLY, List.of(), false))
			.withMessageContaining("'blob'")
			.withMessageContaining("MIME type Converse does not accept");
	}

	// Rules the request mapper checked while mapping; they live here alone now.

	@Test
	void anUnknownGuardContentQualifierIsRejected() {
		Prompt prompt = new Prompt(UserMessage.builder()
			.text("Hi")
			.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT, List.of("query", "everything")))
			.build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(prompt, MODEL_ONLY, List.of(), false))
			.withMessage("Message 0 has the guard content qualifier 'everything'; "
					+ "use grounding_source, query or guard_content");
	}

	@Test
	void guardContentMetadataOfAnotherTypeIsRejected() {
		Prompt prompt = new Prompt(List.of(SystemMessage.builder()
			.text("S")
			.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT, "yes"))
			.build(), new UserMessage("Hi")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(prompt, MODEL_ONLY, List.of(), false))
			.withMessage("Message 0 has " + BedrockConverseMetadata.GUARD_CONTENT
					+ " metadata of type java.lang.String; use true or a collection of qualifiers");
	}

	@Test
	void guardContentQualifiersInAnyCaseAndBooleansPass() {
		Prompt prompt = new Prompt(List.of(
				SystemMessage.builder()
					.text("S")
					.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT, false))
					.build(),
				UserMessage.builder()
					.text("Hi")
					.metadata(Map.of(BedrockConverseMetadata.GUARD_CONTENT,
							List.of("GROUNDING_SOURCE", GuardrailConverseContentQualifier.QUERY)))
					.build()));
		assertThatNoException().isThrownBy(() -> PromptValidator.validate(prompt, MODEL_ONLY, List.of(), false));
	}

	@Test
	void theStructuredOutputToolCannotBeCombinedWithTools() {
		BedrockConverseChatOptions options = MODEL_ONLY.mutate()
			.outputSchema("{\"type\":\"object\"}")
			.structuredOutputMode(StructuredOutputMode.TOOL)
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt("Hi"), options, List.of(tool("get_weather")), false))
			.withMessageContaining("cannot be combined with other tools");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt("Hi"),
					options.mutate().toolChoice(BedrockConverseToolChoice.ANY).build(), List.of(), false))
			.withMessageContaining("or a toolChoice");
	}

	@Test
	void aToolChoiceWithoutToolsIsRejected() {
		BedrockConverseChatOptions options = MODEL_ONLY.mutate().toolChoice(BedrockConverseToolChoice.ANY).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt("Hi"), options, List.of(), false))
			.withMessage("toolChoice 'any' is set but no tools are given; "
					+ "add tools (toolCallbacks) or remove the toolChoice");
	}

	@Test
	void twoToolsWithOneNameAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt("Hi"), MODEL_ONLY,
					List.of(tool("get_weather"), tool("get_weather")), false))
			.withMessage("Two tools are named 'get_weather'; Converse needs unique tool names");
	}

	@Test
	void aForcedToolMustBeAmongTheTools() {
		BedrockConverseChatOptions options = MODEL_ONLY.mutate()
			.toolChoice(BedrockConverseToolChoice.tool("get_time"))
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt("Hi"), options,
					List.of(tool("get_weather"), tool("get_date")), false))
			.withMessage("toolChoice forces the tool 'get_time', which is not among the tools [get_weather, get_date]");
		assertThatNoException().isThrownBy(() -> PromptValidator.validate(new Prompt("Hi"),
				options.mutate().toolChoice(BedrockConverseToolChoice.tool("get_date")).build(),
				List.of(tool("get_weather"), tool("get_date")), false));
	}

	@Test
	void moreThanFourCachePointsAreRejectedCountingTheStrategys() {
		List<Message> messages = List.of(cachePoint(new SystemMessage("S")), cachePoint(new UserMessage("u0")),
				new AssistantMessage("a0"), cachePoint(new UserMessage("u1")), new AssistantMessage("a1"),
				new UserMessage("last"));
		BedrockConverseChatOptions options = MODEL_ONLY.mutate()
			.cacheStrategy(BedrockConverseCacheStrategy.CONVERSATION_HISTORY)
			.build();
		// Three marked messages and the last message's: four, Bedrock's limit.
		assertThatNoException()
			.isThrownBy(() -> PromptValidator.validate(new Prompt(messages), options, List.of(), false));
		// The strategy's point after the tools makes five.
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> PromptValidator.validate(new Prompt(messages), options, List.of(tool("get_weather")), false))
			.withMessage("The request would have 5 cache points (cache strategy CONVERSATION_HISTORY plus messages "
					+ "marked with " + BedrockConverseMetadata.CACHE_POINT + "); Bedrock allows at most 4");
	}

	@Test
	void theValidatorCountsTheCachePointsTheMapperPuts() {
		List<Message> messages = List.of(new SystemMessage("S1"), cachePoint(new SystemMessage("S2")),
				new UserMessage("u0"), cachePoint(new AssistantMessage("a0")), new UserMessage("last"));
		for (BedrockConverseCacheStrategy strategy : BedrockConverseCacheStrategy.values()) {
			BedrockConverseChatOptions options = MODEL_ONLY.mutate().cacheStrategy(strategy).build();
			List<ToolDefinition> tools = List.of(tool("get_weather"));
			ConverseRequest request = ConverseRequestMapper.toConverseRequest(new Prompt(messages), options, tools);
			long sent = request.system().stream().filter((block) -> block.cachePoint() != null).count()
					+ request.toolConfig().tools().stream().filter((tool) -> tool.cachePoint() != null).count()
					+ request.messages()
						.stream()
						.flatMap((message) -> message.content().stream())
						.filter((block) -> block.cachePoint() != null)
						.count();
			assertThat(CachePoints.of(messages, options, true).count()).as(strategy.name()).isEqualTo(sent);
		}
	}

	@Test
	void aReasoningOptionCollidingWithAnExplicitFieldIsRejected() {
		BedrockConverseChatOptions thinking = MODEL_ONLY.mutate()
			.model("us.anthropic.claude-sonnet-4-20250514-v1:0")
			.reasoning(BedrockConverseChatOptions.Reasoning.ofBudget(2048))
			.additionalModelRequestFields(Map.of("thinking", Map.of("type", "disabled")))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> validate(thinking))
			.withMessage("Both 'reasoning' and additionalModelRequestFields.thinking are set (the reasoning option "
					+ "writes thinking for the model family 'anthropic'); set only one of them");
		BedrockConverseChatOptions effort = MODEL_ONLY.mutate()
			.model("openai.gpt-oss-120b-1:0")
			.reasoning(BedrockConverseChatOptions.Reasoning.ofEffort("high"))
			.additionalModelRequestFields(Map.of("reasoning_effort", "low"))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> validate(effort))
			.withMessageContaining("Both 'reasoning' and additionalModelRequestFields.reasoning_effort are set");
		assertThatNoException()
			.isThrownBy(() -> validate(effort.mutate().additionalModelRequestFields(Map.of("top_k", 5)).build()));
	}

	private static ToolDefinition tool(String name) {
		return ToolDefinition.builder().name(name).description("d").inputSchema("{\"type\":\"object\"}").build();
	}

	private static Message cachePoint(Message message) {
		Map<String, Object> metadata = Map.of(BedrockConverseMetadata.CACHE_POINT, true);
		return switch (message.getMessageType()) {
			case SYSTEM -> SystemMessage.builder().text(message.getText()).metadata(metadata).build();
			case USER -> UserMessage.builder().text(message.getText()).metadata(metadata).build();
			case ASSISTANT -> AssistantMessage.builder().content(message.getText()).properties(metadata).build();
			case TOOL -> throw new IllegalStateException();
		};
	}

}
