package dev.bedrockconverse.chat.internal;

import java.util.List;

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

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.StubClients;

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

}
