package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tools through the real SDK clients against the stub: tool definitions and tool choice
 * in the request, tool uses back as tool calls (call and stream), tool results sent back,
 * and the whole loop through {@code ChatClient}.
 */
class ChatBedrockConverseToolsTests extends StubModelFixture {

	private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * What the stub generates from get_weather's schema: a string property becomes
	 * "stub-" and its name.
	 */
	private static final String GENERATED_ARGUMENTS = "{\"city\":\"stub-city\"}";

	private ChatBedrockConverse model;

	@BeforeEach
	void setUp() {
		this.model = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
	}

	/**
	 * The async (Netty) client is only created by stream tests: closing it takes a while.
	 */
	private ChatBedrockConverse streamModel() {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
	}

	private static List<ToolCallback> weatherTool() {
		return List.of(ToolCallbacks.from(new WeatherTools()));
	}

	private static BedrockConverseChatOptions withTools(List<ToolCallback> tools) {
		return BedrockConverseChatOptions.builder().toolCallbacks(tools).build();
	}

	@Test
	void toolDefinitionsAreSentAsToolSpecs() {
		this.model.call(new Prompt("Weather in Paris?", withTools(weatherTool())));

		JsonNode tools = sentToolConfig().path("tools");
		assertThat(tools).hasSize(1);
		JsonNode spec = tools.get(0).path("toolSpec");
		assertThat(spec.path("name").asString()).isEqualTo("get_weather");
		assertThat(spec.path("description").asString()).isEqualTo("Current weather in a city");
		JsonNode schema = spec.path("inputSchema").path("json");
		assertThat(schema.path("type").asString()).isEqualTo("object");
		assertThat(schema.path("properties").path("city").path("type").asString()).isEqualTo("string");
		assertThat(schema.path("properties").path("city").path("description").asString()).isEqualTo("The city name");
		assertThat(schema.path("required").get(0).asString()).isEqualTo("city");
		assertThat(sentToolConfig().has("toolChoice")).isFalse();
		assertThat(spec.has("strict")).isFalse();
	}

	@Test
	void toolStrictIsSentOnEveryToolSpec() {
		this.model.call(new Prompt("Weather in Paris?",
				BedrockConverseChatOptions.builder().toolCallbacks(weatherTool()).toolStrict(true).build()));

		assertThat(sentToolConfig().path("tools").get(0).path("toolSpec").path("strict").asBoolean()).isTrue();
	}

	@Test
	void callReturnsTheToolUseAsAToolCallWithExactJsonArguments() {
		ChatResponse response = this.model.call(new Prompt("Weather in Paris?", withTools(weatherTool())));

		AssistantMessage output = response.getResult().getOutput();
		assertThat(output.getToolCalls()).containsExactly(
				new AssistantMessage.ToolCall("tooluse_stub_1", "function", "get_weather", GENERATED_ARGUMENTS));
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_USE");
		assertThat(response.hasToolCalls()).isTrue();
	}

	@Test
	void streamAssemblesTheInputFragmentsAndEmitsTheToolCallWhenItsBlockStops() {
		List<ChatResponse> responses = streamModel().stream(new Prompt("Weather in Paris?", withTools(weatherTool())))
			.collectList()
			.block(TIMEOUT);

		// One response for the completed tool call, then the closing one.
		assertThat(responses).hasSize(2);
		assertThat(responses.get(0).getResult().getOutput().getToolCalls()).containsExactly(
				new AssistantMessage.ToolCall("tooluse_stub_1", "function", "get_weather", GENERATED_ARGUMENTS));
		assertThat(responses.get(1).getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_USE");
		assertThat(this.stub.lastRequest().operation()).isEqualTo("ConverseStream");
		assertThat(sentToolConfig().path("tools").get(0).path("toolSpec").path("name").asString())
			.isEqualTo("get_weather");
	}

	@Test
	void aToolCallIsEmittedBeforeTheNextBlockArrives() {
		this.stub.enqueue(StubAnswer
			.streamEvents(List.of(StubEvent.messageStart(), StubEvent.toolUseStart(0, "t-1", "get_weather"),
					StubEvent.toolUseDelta(0, "{\"city\":"), StubEvent.toolUseDelta(0, "\"Paris\"}"),
					StubEvent.contentBlockStop(0), StubEvent.contentBlockDelta(1, "Checking."),
					StubEvent.contentBlockStop(1), StubEvent.messageStop("tool_use"), StubEvent.metadata(3, 4, 1))));

		List<ChatResponse> responses = streamModel().stream(new Prompt("Weather?", withTools(weatherTool())))
			.collectList()
			.block(TIMEOUT);

		assertThat(responses).hasSize(3);
		assertThat(responses.get(0).getResult().getOutput().getToolCalls())
			.containsExactly(new AssistantMessage.ToolCall("t-1", "function", "get_weather", "{\"city\":\"Paris\"}"));
		assertThat(responses.get(1).getResult().getOutput().getText()).isEqualTo("Checking.");
	}

	@Test
	void parallelToolUsesBecomeSeveralToolCallsInCall() {
		this.stub.enqueue(parallelToolUses());

		ChatResponse response = this.model.call(new Prompt("Weather?", withTools(weatherTool())));

		assertThat(response.getResult().getOutput().getToolCalls()).containsExactly(
				new AssistantMessage.ToolCall("t-1", "function", "get_weather", "{\"city\":\"Paris\"}"),
				new AssistantMessage.ToolCall("t-2", "function", "get_weather",
						"{\"city\":\"Oslo\",\"days\":2,\"ratio\":0.25,\"hourly\":true,\"tags\":[\"a\",null]}"));
	}

	@Test
	void parallelToolUsesBecomeSeveralToolCallsInStream() {
		this.stub.enqueue(parallelToolUses());

		List<AssistantMessage.ToolCall> toolCalls = streamModel()
			.stream(new Prompt("Weather?", withTools(weatherTool())))
			.flatMapIterable((response) -> response.getResult().getOutput().getToolCalls())
			.collectList()
			.block(TIMEOUT);

		assertThat(toolCalls).extracting(AssistantMessage.ToolCall::id).containsExactly("t-1", "t-2");
		assertThat(toolCalls.get(1).arguments())
			.isEqualTo("{\"city\":\"Oslo\",\"days\":2,\"ratio\":0.25,\"hourly\":true,\"tags\":[\"a\",null]}");
	}

	private static StubAnswer parallelToolUses() {
		return StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.toolUseStart(0, "t-1", "get_weather"), StubEvent.toolUseDelta(0, "{\"city\":\"Paris\"}"),
				StubEvent.contentBlockStop(0), StubEvent.toolUseStart(1, "t-2", "get_weather"),
				StubEvent.toolUseDelta(1, "{\"city\":\"Oslo\",\"days\":2,"),
				StubEvent.toolUseDelta(1, "\"ratio\":0.25,\"hourly\":true,\"tags\":[\"a\",null]}"),
				StubEvent.contentBlockStop(1), StubEvent.messageStop("tool_use"), StubEvent.metadata(3, 4, 1)));
	}

	@Test
	void aForcedToolIsSentAsToolChoiceAndTheStubCallsIt() {
		ToolCallback other = ToolCallbacks.from(new Object() {
			@org.springframework.ai.tool.annotation.Tool(name = "get_time", description = "Current time")
			String getTime(String zone) {
				return "noon";
			}
		})[0];
		List<ToolCallback> tools = List.of(weatherTool().get(0), other);
		ChatResponse response = this.model.call(new Prompt("Time?",
				BedrockConverseChatOptions.builder()
					.toolCallbacks(tools)
					.toolChoice(BedrockConverseToolChoice.tool("get_time"))
					.build()));

		assertThat(sentToolConfig().path("toolChoice").path("tool").path("name").asString()).isEqualTo("get_time");
		assertThat(response.getResult().getOutput().getToolCalls()).extracting(AssistantMessage.ToolCall::name)
			.containsExactly("get_time");
	}

	@Test
	void streamSendsTheForcedToolChoiceAndStreamsThatToolsCall() {
		List<ChatResponse> responses = streamModel()
			.stream(new Prompt("Weather?",
					BedrockConverseChatOptions.builder()
						.toolCallbacks(weatherTool())
						.toolChoice(BedrockConverseToolChoice.tool("get_weather"))
						.build()))
			.collectList()
			.block(TIMEOUT);

		assertThat(sentToolConfig().path("toolChoice").path("tool").path("name").asString()).isEqualTo("get_weather");
		assertThat(responses.get(0).getResult().getOutput().getToolCalls()).extracting(AssistantMessage.ToolCall::name)
			.containsExactly("get_weather");
	}

	@Test
	void toolChoiceAnyIsSent() {
		this.model.call(new Prompt("Weather?",
				BedrockConverseChatOptions.builder()
					.toolCallbacks(weatherTool())
					.toolChoice(BedrockConverseToolChoice.ANY)
					.build()));

		assertThat(sentToolConfig().path("toolChoice").has("any")).isTrue();
	}

	@Test
	void aToolChoiceWithoutToolsFailsBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.model.call(new Prompt("Hi",
					BedrockConverseChatOptions.builder().toolChoice(BedrockConverseToolChoice.ANY).build())))
			.withMessageContaining("toolChoice 'any' is set but no tools are given");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void forcingAnUnknownToolFailsBeforeSending() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.model.call(new Prompt("Hi",
				BedrockConverseChatOptions.builder()
					.toolCallbacks(weatherTool())
					.toolChoice(BedrockConverseToolChoice.tool("get_time"))
					.build())))
			.withMessageContaining("'get_time', which is not among the tools [get_weather]");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void toolCallsAndToolResultsAreSentBackAsToolUseAndToolResultBlocks() {
		AssistantMessage assistant = AssistantMessage.builder()
			.content("Let me check.")
			.toolCalls(List.of(
					new AssistantMessage.ToolCall("t-1", "function", "get_weather", "{\"city\":\"Paris\",\"n\":1.5}"),
					new AssistantMessage.ToolCall("t-2", "function", "get_weather", "{\"city\":\"Oslo\"}")))
			.build();
		ToolResponseMessage results = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("t-1", "get_weather", "{\"celsius\":21}"),
					new ToolResponseMessage.ToolResponse("t-2", "get_weather", "\"Rain, 9 degrees\"")))
			.build();

		ChatResponse response = this.model
			.call(new Prompt(List.of(new UserMessage("Weather?"), assistant, results), withTools(weatherTool())));

		JsonNode messages = this.stub.lastRequest().body().path("messages");
		assertThat(messages).hasSize(3);
		JsonNode assistantContent = messages.get(1).path("content");
		assertThat(assistantContent.get(0).path("text").asString()).isEqualTo("Let me check.");
		assertThat(assistantContent.get(1).path("toolUse").path("toolUseId").asString()).isEqualTo("t-1");
		assertThat(assistantContent.get(1).path("toolUse").path("input").toString())
			.isEqualTo("{\"city\":\"Paris\",\"n\":1.5}");
		JsonNode resultContent = messages.get(2).path("content");
		assertThat(messages.get(2).path("role").asString()).isEqualTo("user");
		assertThat(resultContent.get(0).path("toolResult").path("toolUseId").asString()).isEqualTo("t-1");
		assertThat(resultContent.get(0).path("toolResult").path("content").get(0).path("json").toString())
			.isEqualTo("{\"celsius\":21}");
		assertThat(resultContent.get(0).path("toolResult").has("status")).isFalse();
		assertThat(resultContent.get(1).path("toolResult").path("content").get(0).path("text").asString())
			.isEqualTo("Rain, 9 degrees");
		assertThat(response.getResult().getOutput().getText())
			.isEqualTo("Tool get_weather returned: {\"celsius\":21} Tool get_weather returned: Rain, 9 degrees");
	}

	@Test
	void aToolResultMarkedAsFailedIsSentWithStatusError() {
		AssistantMessage assistant = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("t-1", "function", "get_weather", "{\"city\":\"X\"}")))
			.build();
		ToolResponseMessage results = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("t-1", "get_weather", "Unknown city X")))
			.metadata(Map.of(BedrockConverseMetadata.FAILED_TOOL_CALL_IDS, List.of("t-1")))
			.build();

		streamModel()
			.stream(new Prompt(List.of(new UserMessage("Weather?"), assistant, results), withTools(weatherTool())))
			.blockLast(TIMEOUT);

		JsonNode toolResult = this.stub.lastRequest()
			.body()
			.path("messages")
			.get(2)
			.path("content")
			.get(0)
			.path("toolResult");
		assertThat(toolResult.path("status").asString()).isEqualTo("error");
		assertThat(toolResult.path("content").get(0).path("text").asString()).isEqualTo("Unknown city X");
		// Blank assistant text is left out rather than sent as an empty text block.
		assertThat(this.stub.lastRequest().body().path("messages").get(1).path("content")).hasSize(1);
	}

	private static ChatClient failureMarkingClient(ChatBedrockConverse model) {
		return ChatClient.builder(model)
			.defaultAdvisors(org.springframework.ai.chat.client.advisor.ToolCallingAdvisor.builder()
				.toolCallingManager(new FailureMarkingToolCallingManager(
						org.springframework.ai.model.tool.ToolCallingManager.builder().build()))
				.build())
			.build();
	}

	/**
	 * The tool configuration of the last request.
	 * @return the {@code toolConfig} node
	 */
	private JsonNode sentToolConfig() {
		return this.stub.lastRequest().body().path("toolConfig");
	}

	/**
	 * The tool result sent back to the model: the first block of the third message of the
	 * second request.
	 * @return the {@code toolResult} node
	 */
	private JsonNode sentToolResult() {
		return this.stub.requests().get(1).body().path("messages").get(2).path("content").get(0).path("toolResult");
	}

	private void assertFailedToolResultSent() {
		JsonNode toolResult = sentToolResult();
		assertThat(toolResult.path("status").asString()).isEqualTo("error");
		assertThat(toolResult.path("content").get(0).path("text").asString())
			.contains("Weather service unavailable for stub-city");
	}

	@Test
	void chatClientCallWithTheFailureMarkingManagerSendsAFailedToolsResultWithStatusError() {
		String answer = failureMarkingClient(this.model).prompt("Weather?")
			.tools(new BrokenWeatherTools())
			.call()
			.content();

		assertFailedToolResultSent();
		assertThat(answer).startsWith("Tool get_weather returned: ").contains("Weather service unavailable");
	}

	@Test
	void chatClientStreamWithTheFailureMarkingManagerSendsAFailedToolsResultWithStatusError() {
		List<String> deltas = failureMarkingClient(streamModel()).prompt("Weather?")
			.tools(new BrokenWeatherTools())
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);

		assertFailedToolResultSent();
		assertThat(String.join("", deltas)).contains("Weather service unavailable");
	}

	@Test
	void theFailureMarkingManagerLeavesSuccessfulResultsUnmarked() {
		failureMarkingClient(this.model).prompt("Weather?").tools(new WeatherTools()).call().content();

		assertThat(sentToolResult().has("status")).isFalse();
	}

	@Test
	void chatClientCallRunsTheToolAndReturnsTheFinalAnswer() {
		WeatherTools weather = new WeatherTools();

		String answer = ChatClient.create(this.model).prompt("Weather in Paris?").tools(weather).call().content();

		assertThat(weather.cities).containsExactly("stub-city");
		assertThat(answer)
			.isEqualTo("Tool get_weather returned: {\"city\":\"stub-city\",\"celsius\":21,\"sky\":\"sunny\"}");
		List<RecordedRequest> requests = this.stub.requests();
		assertThat(requests).hasSize(2);
		JsonNode second = requests.get(1).body().path("messages");
		assertThat(second.get(1).path("content").get(0).path("toolUse").path("name").asString())
			.isEqualTo("get_weather");
		assertThat(second.get(2).path("content").get(0).path("toolResult").path("toolUseId").asString())
			.isEqualTo("tooluse_stub_1");
	}

	@Test
	void chatClientStreamRunsTheToolAndStreamsTheFinalAnswer() {
		WeatherTools weather = new WeatherTools();

		List<String> deltas = ChatClient.create(streamModel())
			.prompt("Weather in Paris?")
			.tools(weather)
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);

		assertThat(weather.cities).containsExactly("stub-city");
		assertThat(String.join("", deltas))
			.isEqualTo("Tool get_weather returned: {\"city\":\"stub-city\",\"celsius\":21,\"sky\":\"sunny\"}");
		assertThat(this.stub.requests()).extracting(RecordedRequest::operation)
			.containsExactly("ConverseStream", "ConverseStream");
	}

	/** A tool that always fails. */
	static class BrokenWeatherTools {

		@org.springframework.ai.tool.annotation.Tool(name = "get_weather", description = "Current weather in a city")
		String getWeather(String city) {
			throw new IllegalStateException("Weather service unavailable for " + city);
		}

	}

}
