package dev.bedrockconverse.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * History repair end to end: {@code ChatClient} with Spring AI's
 * {@link MessageChatMemoryAdvisor} over a small {@link MessageWindowChatMemory} and a
 * tool. A turn whose tool round fails leaves its user message in the memory without an
 * answer, so the next turn's window holds two user turns in a row: Converse rejects that,
 * and with history repair on the turn goes through with the two merged.
 */
class ChatBedrockConverseChatMemoryTests extends StubModelFixture {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ChatMemory memory = MessageWindowChatMemory.builder().maxMessages(4).build();

	private ChatClient chatClient(boolean historyRepair) {
		return ChatClient.builder(modelBuilder().historyRepair(historyRepair).build())
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(this.memory).build())
			.build();
	}

	private static ChatClient.CallResponseSpec ask(ChatClient chatClient, String question) {
		return chatClient.prompt(question)
			.tools(new WeatherTools())
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "conversation-1"))
			.call();
	}

	/**
	 * The first turn: the model asks for the tool, the tool runs, and the model fails on
	 * the tool result, so the memory keeps the question without an answer.
	 * @param chatClient the client
	 */
	private void firstTurnFailsAfterItsToolCall(ChatClient chatClient) {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.toolUseStart(0, "t-1", "get_weather"), StubEvent.toolUseDelta(0, "{\"city\":\"Paris\"}"),
				StubEvent.contentBlockStop(0), StubEvent.messageStop("tool_use"), StubEvent.metadata(3, 1, 1))));
		this.stub.enqueue(StubAnswer.error(424, "ModelErrorException", "The model could not process the input"));
		assertThatException().isThrownBy(() -> ask(chatClient, "Weather in Paris?").content());
		assertThat(this.stub.requests()).hasSize(2);
		assertThat(this.memory.get("conversation-1")).hasSize(1);
	}

	@Test
	void withHistoryRepairTheNextTurnMergesTheUnansweredQuestionAndRunsItsTool() {
		ChatClient chatClient = chatClient(true);
		firstTurnFailsAfterItsToolCall(chatClient);

		ChatResponse response = ask(chatClient, "And in Rome?").chatResponse();

		assertThat(response.getResult().getOutput().getText())
			.isEqualTo("Tool get_weather returned: {\"city\":\"stub-city\",\"celsius\":21,\"sky\":\"sunny\"}");
		List<String> repairs = response.getMetadata().get(BedrockConverseMetadata.HISTORY_REPAIRS);
		assertThat(repairs).containsExactly("merged messages[1] (user) into the user turn of messages[0]");
		// The turn's two requests (the tool use, then its result) both send the merged
		// turn.
		assertThat(this.stub.requests()).hasSize(4);
		JsonNode mergedTurn = JSON
			.readTree("{\"role\":\"user\",\"content\":[{\"text\":\"Weather in Paris?\"},{\"text\":\"And in Rome?\"}]}");
		JsonNode toolUse = this.stub.requests().get(3).body().path("messages").get(1).path("content").get(0);
		assertThat(this.stub.requests().get(2).body().path("messages")).containsExactly(mergedTurn);
		assertThat(this.stub.requests().get(3).body().path("messages")).hasSize(3).first().isEqualTo(mergedTurn);
		assertThat(toolUse.path("toolUse").path("name").asString()).isEqualTo("get_weather");
		assertThat(this.memory.get("conversation-1")).hasSize(3);
	}

	@Test
	void withoutHistoryRepairTheNextTurnFailsBeforeSendingAndNamesTheProperty() {
		ChatClient chatClient = chatClient(false);
		firstTurnFailsAfterItsToolCall(chatClient);

		assertThatIllegalArgumentException().isThrownBy(() -> ask(chatClient, "And in Rome?").content())
			.withMessageContaining("messages[1] is a user message right after another user turn")
			.withMessageContaining("bedrock.converse.history-repair=true");
		assertThat(this.stub.requests()).hasSize(2);
	}

}
