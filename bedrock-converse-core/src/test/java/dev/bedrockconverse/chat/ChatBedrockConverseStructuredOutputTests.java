package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.ai.support.ToolCallbacks;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.chat.internal.JsonDocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Structured output through the real SDK clients against the stub: native
 * {@code outputConfig.textFormat} json_schema and the forced-tool fallback, with
 * {@code ChatClient...entity(...)} and with streams.
 */
class ChatBedrockConverseStructuredOutputTests extends StubModelFixture {

	private static final String MODEL = "amazon.nova-pro-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** What the stub generates for CityInfo's schema. */
	private static final CityInfo GENERATED = new CityInfo("stub-name", 1, true, List.of("stub-districts"), Size.SMALL);

	private static final String GENERATED_JSON = "{\"name\":\"stub-name\",\"population\":1,\"capital\":true,"
			+ "\"districts\":[\"stub-districts\"],\"size\":\"SMALL\"}";

	private ChatBedrockConverse model(StructuredOutputMode mode) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).structuredOutputMode(mode).build())
			.build();
	}

	private ChatBedrockConverse streamModel(StructuredOutputMode mode) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).structuredOutputMode(mode).build())
			.build();
	}

	private static String schema() {
		return new BeanOutputConverter<>(CityInfo.class).getJsonSchema();
	}

	@Test
	void chatClientEntityUsesNativeJsonSchemaOutput() {
		CityInfo city = ChatClient.create(model(null))
			.prompt("Describe Paris")
			.call()
			.entity(CityInfo.class, (spec) -> spec.useProviderStructuredOutput());

		assertThat(city).isEqualTo(GENERATED);
		JsonNode body = this.stub.lastRequest().body();
		JsonNode textFormat = body.path("outputConfig").path("textFormat");
		assertThat(textFormat.path("type").asString()).isEqualTo("json_schema");
		assertThat(textFormat.path("structure").path("jsonSchema").path("name").asString())
			.isEqualTo("structured_output");
		String sentSchema = textFormat.path("structure").path("jsonSchema").path("schema").asString();
		assertThat(JsonDocuments.JSON.readTree(sentSchema)).isEqualTo(JsonDocuments.JSON.readTree(schema()));
		assertThat(body.has("toolConfig")).isFalse();
		// Native output: no format instructions appended to the user's text.
		assertThat(body.path("messages").get(0).path("content").get(0).path("text").asString())
			.isEqualTo("Describe Paris");
	}

	@Test
	void streamWithAnOutputSchemaStreamsTheJsonInstance() {
		List<ChatResponse> responses = streamModel(null)
			.stream(new Prompt("Describe Paris", BedrockConverseChatOptions.builder().outputSchema(schema()).build()))
			.collectList()
			.block(TIMEOUT);

		String text = String.join("",
				responses.stream().map((response) -> response.getResult().getOutput().getText()).toList());
		assertThat(JsonDocuments.JSON.readTree(text)).isEqualTo(JsonDocuments.JSON.readTree(GENERATED_JSON));
		assertThat(this.stub.lastRequest().body().path("outputConfig").path("textFormat").path("type").asString())
			.isEqualTo("json_schema");
	}

	@Test
	void anOutputSchemaDescriptionIsSentWithTheSchemaInCallAndStream() {
		BedrockConverseChatOptions options = BedrockConverseChatOptions.builder()
			.outputSchema(schema())
			.outputSchemaDescription("A city and its landmarks")
			.build();

		model(null).call(new Prompt("Describe Paris", options));
		assertThat(this.stub.lastRequest()
			.body()
			.at("/outputConfig/textFormat/structure/jsonSchema/description")
			.asString()).isEqualTo("A city and its landmarks");
		streamModel(null).stream(new Prompt("Describe Paris", options)).blockLast(TIMEOUT);
		assertThat(this.stub.lastRequest()
			.body()
			.at("/outputConfig/textFormat/structure/jsonSchema/description")
			.asString()).isEqualTo("A city and its landmarks");
	}

	@Test
	void inToolModeTheOutputSchemaDescriptionDescribesTheStructuredOutputTool() {
		model(StructuredOutputMode.TOOL).call(new Prompt("Describe Paris",
				BedrockConverseChatOptions.builder().outputSchema(schema()).outputSchemaDescription("A city").build()));

		assertThat(this.stub.lastRequest().body().at("/toolConfig/tools/0/toolSpec/description").asString())
			.isEqualTo("A city");
	}

	@Test
	void aBlankOutputSchemaDescriptionIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().outputSchemaDescription(" "))
			.withMessageContaining("outputSchemaDescription");
	}

	@Test
	void toolModeForcesTheStructuredOutputToolAndReturnsItsInputAsTheAnswer() {
		CityInfo city = ChatClient.create(model(StructuredOutputMode.TOOL))
			.prompt("Describe Paris")
			.call()
			.entity(CityInfo.class, (spec) -> spec.useProviderStructuredOutput());

		assertThat(city).isEqualTo(GENERATED);
		JsonNode body = this.stub.lastRequest().body();
		assertThat(body.has("outputConfig")).isFalse();
		JsonNode toolConfig = body.path("toolConfig");
		assertThat(toolConfig.path("tools").get(0).path("toolSpec").path("name").asString())
			.isEqualTo(ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME);
		assertThat(toolConfig.path("tools").get(0).path("toolSpec").path("inputSchema").path("json"))
			.isEqualTo(JsonDocuments.JSON.readTree(schema()));
		assertThat(toolConfig.path("toolChoice").path("tool").path("name").asString())
			.isEqualTo(ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME);
	}

	@Test
	void toolModeStreamsTheToolInputAsTextAndNoToolCall() {
		List<ChatResponse> responses = streamModel(StructuredOutputMode.TOOL)
			.stream(new Prompt("Describe Paris", BedrockConverseChatOptions.builder().outputSchema(schema()).build()))
			.collectList()
			.block(TIMEOUT);

		assertThat(responses).allSatisfy((response) -> assertThat(response.hasToolCalls()).isFalse());
		// The stub streams the generated input in several fragments; each arrives as a
		// text delta.
		assertThat(responses.size()).isGreaterThan(2);
		String text = String.join("",
				responses.stream().map((response) -> response.getResult().getOutput().getText()).toList());
		assertThat(JsonDocuments.JSON.readTree(text)).isEqualTo(JsonDocuments.JSON.readTree(GENERATED_JSON));
	}

	@Test
	void toolModeCannotBeCombinedWithTools() {
		BedrockConverseChatOptions options = BedrockConverseChatOptions.builder()
			.outputSchema(schema())
			.toolCallbacks(ToolCallbacks.from(new WeatherTools()))
			.build();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> model(StructuredOutputMode.TOOL).call(new Prompt("Describe Paris", options)))
			.withMessageContaining("cannot be combined with other tools");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void anOutputSchemaThatIsNotAJsonObjectIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().outputSchema("[1, 2]"))
			.withMessageContaining("outputSchema must be a JSON schema object");
	}

	/** A record to answer with. */
	record CityInfo(String name, int population, boolean capital, List<String> districts, Size size) {
	}

	/** An enum property: the stub picks the first value. */
	enum Size {

		SMALL, LARGE

	}

}
