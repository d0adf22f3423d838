package dev.bedrockconverse.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.util.MimeType;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.stub.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ChatBedrockConverse#countTokens(Prompt)} and its {@link TokenCountEstimator}
 * methods against the stub's CountTokens: the {@code input.converse} it sends is exactly
 * the messages, system prompt and tool configuration a call sends for the same prompt,
 * the count is what the call's usage reports, and a model CountTokens refuses gives an
 * error naming the model and the alternatives.
 */
class ChatBedrockConverseCountTokensTests extends StubModelFixture {

	private static Media png() {
		return Media.builder().mimeType(MimeType.valueOf("image/png")).data(new byte[] { 1, 2, 3 }).build();
	}

	/**
	 * Count the prompt, then call with it, and check that the CountTokens input is the
	 * call's request and the count its input tokens.
	 * @param prompt the prompt
	 * @return the CountTokens input sent
	 */
	private JsonNode countThenCall(Prompt prompt) {
		ChatBedrockConverse model = modelBuilder().build();
		int counted = model.countTokens(prompt);
		int used = model.call(prompt).getMetadata().getUsage().getPromptTokens();

		List<RecordedRequest> requests = this.stub.requests();
		assertThat(requests).extracting(RecordedRequest::operation).containsExactly("CountTokens", "Converse");
		assertThat(requests.get(0).modelId()).isEqualTo(StubClients.MODEL);
		JsonNode input = requests.get(0).body().path("input").path("converse");
		JsonNode converse = requests.get(1).body();
		assertThat(input.path("messages")).isEqualTo(converse.path("messages"));
		assertThat(input.path("system")).isEqualTo(converse.path("system"));
		assertThat(input.path("toolConfig")).isEqualTo(converse.path("toolConfig"));
		assertThat(counted).isEqualTo(used);
		return input;
	}

	@Test
	void aTextPromptIsCountedAsTheCallSendsIt() {
		JsonNode input = countThenCall(new Prompt("I love programming."));

		assertThat(input.path("messages").get(0).path("content").get(0).path("text").asString())
			.isEqualTo("I love programming.");
		assertThat(input.has("toolConfig")).isFalse();
	}

	@Test
	void aConversationWithASystemPromptIsCountedWithItsSystemBlocks() {
		JsonNode input = countThenCall(new Prompt(List.of(new SystemMessage("You answer in one line."),
				new UserMessage("Capital of France?"), new AssistantMessage("Paris."), new UserMessage("Italy?"))));

		assertThat(input.path("system").get(0).path("text").asString()).isEqualTo("You answer in one line.");
		assertThat(input.path("messages")).hasSize(3);
	}

	@Test
	void aPromptWithToolsIsCountedWithItsToolConfiguration() {
		JsonNode input = countThenCall(new Prompt("Weather in Paris?",
				ToolCallingChatOptions.builder()
					.toolCallbacks(List.of(ToolCallbacks.from(new WeatherTools())))
					.build()));

		assertThat(input.path("toolConfig").path("tools").get(0).path("toolSpec").path("name").asString())
			.isEqualTo("get_weather");
	}

	@Test
	void aPromptWithMediaIsCountedWithItsMediaBlocks() {
		JsonNode input = countThenCall(
				new Prompt(UserMessage.builder().text("What is in this picture?").media(List.of(png())).build()));

		assertThat(input.path("messages").get(0).path("content").get(0).path("image").path("format").asString())
			.isEqualTo("png");
	}

	@Test
	void theEstimatorCountsTextAndContentAsOneUserMessageEach() {
		TokenCountEstimator estimator = modelBuilder().build();
		MediaContent picture = UserMessage.builder().text("A red square").media(List.of(png())).build();

		assertThat(estimator.estimate("one two three")).isEqualTo(3);
		assertThat(estimator.estimate(picture)).isEqualTo(3);
		assertThat(estimator.estimate(List.of(picture, new UserMessage("four five")))).isEqualTo(3 + 2);

		List<RecordedRequest> requests = this.stub.requests();
		assertThat(requests).extracting(RecordedRequest::operation).containsOnly("CountTokens").hasSize(4);
		JsonNode pictureTurn = requests.get(1).body().path("input").path("converse").path("messages");
		assertThat(pictureTurn).hasSize(1);
		assertThat(pictureTurn.get(0).path("role").asString()).isEqualTo("user");
		assertThat(pictureTurn.get(0).path("content").get(0).has("image")).isTrue();
		assertThat(pictureTurn.get(0).path("content").get(1).path("text").asString()).isEqualTo("A red square");
	}

	@Test
	void aModelCountTokensRefusesFailsWithTheModelAndTheAlternatives() {
		String profile = "us." + StubClients.MODEL;
		ChatBedrockConverse model = modelBuilder()
			.defaultOptions(BedrockConverseChatOptions.builder().model(profile).build())
			.build();

		assertThatExceptionOfType(BedrockConverseNonTransientException.class)
			.isThrownBy(() -> model.countTokens(new Prompt("Hello")))
			.withMessageContaining("'" + profile + "'")
			.withMessageContaining("The provided model doesn't support counting tokens.")
			.withMessageContaining("foundation model id without a cross-region prefix")
			.withMessageContaining("getPromptTokens()")
			.satisfies((ex) -> assertThat(ex.getDetails().errorType()).isEqualTo("ValidationException"));
		assertThat(this.stub.requests()).extracting(RecordedRequest::operation).containsExactly("CountTokens");
	}

	@Test
	void anInvalidPromptIsRefusedBeforeAnythingIsSent() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> modelBuilder().build().countTokens(new Prompt(new UserMessage(" "))))
			.withMessageContaining("messages[0].text");
		assertThat(this.stub.requests()).isEmpty();
	}

}
