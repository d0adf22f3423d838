package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * History repair ({@code historyRepair(true)}): each break a chat memory window makes is
 * repaired before sending, in call and stream, the exact turns the stub received and the
 * repairs listed in the response metadata; off, the same history fails before sending
 * with the error naming the property.
 */
class ChatBedrockConverseHistoryRepairTests extends StubModelFixture {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How the prompt is sent. */
	enum Mode {

		CALL, STREAM

	}

	private ChatResponseMetadata send(Mode mode, boolean repair, List<Message> history) {
		ChatBedrockConverse model = modelBuilder().historyRepair(repair).build();
		if (mode == Mode.CALL) {
			return model.call(new Prompt(history)).getMetadata();
		}
		List<ChatResponse> responses = model.stream(new Prompt(history)).collectList().block(TIMEOUT);
		// Every response of the stream carries the repairs; the last one is checked by
		// the caller.
		for (ChatResponse response : responses) {
			assertThat(response.getMetadata().containsKey(BedrockConverseMetadata.HISTORY_REPAIRS))
				.isEqualTo(responses.get(responses.size() - 1)
					.getMetadata()
					.containsKey(BedrockConverseMetadata.HISTORY_REPAIRS));
		}
		return responses.get(responses.size() - 1).getMetadata();
	}

	private void assertSentMessages(String expectedJson) {
		assertThat(this.stub.requests()).hasSize(1);
		assertThat(this.stub.lastRequest().body().path("messages")).isEqualTo(JSON.readTree(expectedJson));
	}

	private static List<String> repairs(ChatResponseMetadata metadata) {
		return metadata.get(BedrockConverseMetadata.HISTORY_REPAIRS);
	}

	private static List<Message> startingWithAnAssistantTurn() {
		return List.of(new SystemMessage("Be brief."), new AssistantMessage("Earlier answer."), new UserMessage("Hi"));
	}

	private static List<Message> startingWithAnOrphanToolResult() {
		return List.of(ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("t-1", "get_weather", "{\"celsius\":21}")))
			.build(), new AssistantMessage("It is 21 degrees."), new UserMessage("Thanks"));
	}

	private static List<Message> withConsecutiveTurns() {
		return List.of(new UserMessage("one"), new UserMessage("two"), new AssistantMessage("a1"),
				new AssistantMessage("a2"), new UserMessage("three"));
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aLeadingAssistantTurnIsDroppedAndTheSystemPromptKept(Mode mode) {
		ChatResponseMetadata metadata = send(mode, true, startingWithAnAssistantTurn());

		assertSentMessages("[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]");
		assertThat(this.stub.lastRequest().body().path("system"))
			.isEqualTo(JSON.readTree("[{\"text\":\"Be brief.\"}]"));
		assertThat(repairs(metadata)).containsExactly(
				"dropped messages[1] (assistant) at the start of the history: Converse starts with a user turn");
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aLeadingToolResultWhoseToolUseWasCutOffIsDroppedWithTheTurnsUpToTheFirstUserTurn(Mode mode) {
		ChatResponseMetadata metadata = send(mode, true, startingWithAnOrphanToolResult());

		assertSentMessages("[{\"role\":\"user\",\"content\":[{\"text\":\"Thanks\"}]}]");
		assertThat(repairs(metadata)).containsExactly(
				"dropped messages[0] (tool result for tool use [t-1]) at the start of the history: "
						+ "its tool use was cut off",
				"dropped messages[1] (assistant) at the start of the history: Converse starts with a user turn");
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void consecutiveTurnsOfOneRoleAreMergedInOrder(Mode mode) {
		ChatResponseMetadata metadata = send(mode, true, withConsecutiveTurns());

		assertSentMessages("[{\"role\":\"user\",\"content\":[{\"text\":\"one\"},{\"text\":\"two\"}]},"
				+ "{\"role\":\"assistant\",\"content\":[{\"text\":\"a1\"},{\"text\":\"a2\"}]},"
				+ "{\"role\":\"user\",\"content\":[{\"text\":\"three\"}]}]");
		assertThat(repairs(metadata)).containsExactly("merged messages[1] (user) into the user turn of messages[0]",
				"merged messages[3] (assistant) into the assistant turn of messages[2]");
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aValidHistoryIsSentUnchangedWithoutRepairs(Mode mode) {
		List<Message> history = List.of(new SystemMessage("Be brief."), new UserMessage("q1"),
				new AssistantMessage("a1"), new UserMessage("q2"));

		ChatResponseMetadata metadata = send(mode, true, history);

		assertSentMessages("[{\"role\":\"user\",\"content\":[{\"text\":\"q1\"}]},"
				+ "{\"role\":\"assistant\",\"content\":[{\"text\":\"a1\"}]},"
				+ "{\"role\":\"user\",\"content\":[{\"text\":\"q2\"}]}]");
		assertThat(metadata.containsKey(BedrockConverseMetadata.HISTORY_REPAIRS)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void offEachBrokenHistoryFailsBeforeSendingNamingTheProperty(Mode mode) {
		for (List<Message> history : List.of(startingWithAnAssistantTurn(), startingWithAnOrphanToolResult(),
				withConsecutiveTurns())) {
			assertThatIllegalArgumentException().isThrownBy(() -> send(mode, false, history))
				.withMessageContaining("bedrock.converse.history-repair=true");
		}
		assertThat(this.stub.requests()).isEmpty();
	}

}
