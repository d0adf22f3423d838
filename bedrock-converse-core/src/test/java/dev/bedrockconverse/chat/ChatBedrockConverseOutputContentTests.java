package dev.bedrockconverse.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.chat.internal.AssistantContent;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing the model returns is dropped: generated images (and documents, videos, audio)
 * become the assistant message's media, server-side tool use and its results are kept on
 * the message (never tool calls) and sent back intact, search results and blocks of a
 * kind not mapped yet are kept on the message, citations go back as
 * {@code citationsContent}, and Bedrock system tools are sent and their citations
 * surfaced; call and stream, through the real SDK against the stub.
 */
class ChatBedrockConverseOutputContentTests extends StubModelFixture {

	private static final String MODEL = "amazon.nova-premier-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] PNG = "generated-png".getBytes(StandardCharsets.UTF_8);

	private static final String PNG_BASE64 = Base64.getEncoder().encodeToString(PNG);

	private ChatBedrockConverse model(BedrockConverseChatOptions.Builder options) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(options.model(MODEL).build())
			.build();
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/**
	 * The stream's answer as one message, the way Spring AI's {@link MessageAggregator}
	 * builds it (the text joined, the last value of each metadata key), plus every
	 * streamed media.
	 * @param responses the streamed responses
	 * @return the message
	 */
	private static AssistantMessage aggregated(List<ChatResponse> responses) {
		AtomicReference<ChatResponse> whole = new AtomicReference<>();
		new MessageAggregator().aggregate(reactor.core.publisher.Flux.fromIterable(responses), whole::set)
			.blockLast(TIMEOUT);
		AssistantMessage message = whole.get().getResult().getOutput();
		List<Media> media = responses.stream().flatMap((r) -> r.getResult().getOutput().getMedia().stream()).toList();
		return AssistantMessage.builder()
			.content(message.getText())
			.properties(message.getMetadata())
			.media(media)
			.build();
	}

	private List<ChatResponse> stream(ChatBedrockConverse model, Prompt prompt) {
		return model.stream(prompt).collectList().block(TIMEOUT);
	}

	// Image output

	private static StubAnswer imageAnswer() {
		return StubAnswer.content(List.of(json("{\"text\":\"Here is your cat.\"}"),
				json("{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"" + PNG_BASE64 + "\"}}}")));
	}

	@Test
	void callReturnsAGeneratedImageAsMedia() {
		this.stub.enqueue(imageAnswer());

		AssistantMessage message = model(BedrockConverseChatOptions.builder()).call(new Prompt("Draw a cat"))
			.getResult()
			.getOutput();

		assertThat(message.getText()).isEqualTo("Here is your cat.");
		assertThat(message.getMedia()).singleElement().satisfies((media) -> {
			assertThat(media.getMimeType().toString()).isEqualTo("image/png");
			assertThat(media.getDataAsByteArray()).isEqualTo(PNG);
		});
	}

	@Test
	void streamEmitsAGeneratedImageAsMediaWhenItsBlockStops() {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.imageStart(0, "png"),
				StubEvent.imageDelta(0, "generated-".getBytes(StandardCharsets.UTF_8)),
				StubEvent.imageDelta(0, "png".getBytes(StandardCharsets.UTF_8)), StubEvent.contentBlockStop(0),
				StubEvent.contentBlockDelta(1, "Here is your cat."), StubEvent.contentBlockStop(1),
				StubEvent.messageStop("end_turn"), StubEvent.metadata(3, 2, 1))));

		AssistantMessage message = aggregated(
				stream(model(BedrockConverseChatOptions.builder()), new Prompt("Draw a cat")));

		assertThat(message.getText()).isEqualTo("Here is your cat.");
		assertThat(message.getMedia()).singleElement().satisfies((media) -> {
			assertThat(media.getMimeType().toString()).isEqualTo("image/png");
			assertThat(media.getDataAsByteArray()).isEqualTo(PNG);
		});
	}

	// Server-side tool use (system tools) and its send-back

	private static final String CODE_INTERPRETER_TURN = "[{\"toolUse\":{\"toolUseId\":\"tooluse_stub_code_1\","
			+ "\"name\":\"nova_code_interpreter\",\"type\":\"server_tool_use\",\"input\":{\"code\":\"print(1 + 1)\"}}},"
			+ "{\"toolResult\":{\"toolUseId\":\"tooluse_stub_code_1\",\"type\":\"nova_code_interpreter_result\","
			+ "\"status\":\"success\",\"content\":[{\"text\":\"{\\\"stdOut\\\":\\\"2\\\",\\\"stdErr\\\":\\\"\\\","
			+ "\\\"exitCode\\\":0,\\\"isError\\\":false}\"}]}},{\"text\":\"Echo: What is 1 + 1?\"}]";

	@Test
	void callKeepsServerToolUseOnTheMessageAndSendsItBackIntact() {
		ChatBedrockConverse model = model(
				BedrockConverseChatOptions.builder().systemTools(List.of("nova_code_interpreter")));
		UserMessage question = new UserMessage("What is 1 + 1?");

		ChatResponse response = model.call(new Prompt(question));

		assertThat(this.stub.lastRequest().body().path("toolConfig").toString())
			.isEqualTo("{\"tools\":[{\"systemTool\":{\"name\":\"nova_code_interpreter\"}}]}");
		AssistantMessage answer = response.getResult().getOutput();
		assertServerToolAnswer(answer);
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("END_TURN");

		model.call(new Prompt(List.of(question, answer, new UserMessage("Thanks"))));

		assertThat(this.stub.lastRequest().body().path("messages").get(1).path("content"))
			.isEqualTo(json(CODE_INTERPRETER_TURN));
	}

	@Test
	void streamKeepsServerToolUseOnTheMessageAndSendsItBackIntact() {
		ChatBedrockConverse model = model(
				BedrockConverseChatOptions.builder().systemTools(List.of("nova_code_interpreter")));
		UserMessage question = new UserMessage("What is 1 + 1?");

		List<ChatResponse> responses = stream(model, new Prompt(question));

		assertThat(this.stub.lastRequest().body().path("toolConfig").toString())
			.isEqualTo("{\"tools\":[{\"systemTool\":{\"name\":\"nova_code_interpreter\"}}]}");
		assertThat(responses).allSatisfy((r) -> assertThat(r.getResult().getOutput().getToolCalls()).isEmpty());
		AssistantMessage answer = aggregated(responses);
		assertServerToolAnswer(answer);

		stream(model, new Prompt(List.of(question, answer, new UserMessage("Thanks"))));

		assertThat(this.stub.lastRequest().body().path("messages").get(1).path("content"))
			.isEqualTo(json(CODE_INTERPRETER_TURN));
	}

	private static void assertServerToolAnswer(AssistantMessage answer) {
		assertThat(answer.getText()).isEqualTo("Echo: What is 1 + 1?");
		assertThat(answer.getToolCalls()).isEmpty();
		assertThat(answer.hasToolCalls()).isFalse();
		List<?> serverToolContent = (List<?>) answer.getMetadata().get(BedrockConverseMetadata.SERVER_TOOL_CONTENT);
		assertThat(serverToolContent).hasSize(2);
		ContentBlock use = (ContentBlock) serverToolContent.get(0);
		ContentBlock result = (ContentBlock) serverToolContent.get(1);
		assertThat(use.toolUse().type()).isEqualTo(ToolUseType.SERVER_TOOL_USE);
		assertThat(use.toolUse().name()).isEqualTo("nova_code_interpreter");
		assertThat(result.toolResult().type()).isEqualTo("nova_code_interpreter_result");
		assertThat(result.toolResult().content().get(0).text()).contains("\"stdOut\":\"2\"");
	}

	// Web grounding: system tool with web citations

	private static final BedrockConverseCitation WEB_CITATION = new BedrockConverseCitation("Stub web page", null,
			List.of("stub web source"), "web", null, null, null, "https://example.com/stub", "example.com");

	private static final String GROUNDED_TURN = "[{\"citationsContent\":{\"content\":[{\"text\":\"Echo: News?\"}],"
			+ "\"citations\":[{\"title\":\"Stub web page\",\"sourceContent\":[{\"text\":\"stub web source\"}],"
			+ "\"location\":{\"web\":{\"url\":\"https://example.com/stub\",\"domain\":\"example.com\"}}}]}}]";

	@Test
	void callSendsWebGroundingAndSurfacesWebCitationsThenSendsThemBack() {
		ChatBedrockConverse model = model(BedrockConverseChatOptions.builder().systemTools(List.of("nova_grounding")));
		UserMessage question = new UserMessage("News?");

		ChatResponse response = model.call(new Prompt(question));

		assertThat(this.stub.lastRequest().body().path("toolConfig").toString())
			.isEqualTo("{\"tools\":[{\"systemTool\":{\"name\":\"nova_grounding\"}}]}");
		assertThat(response.getMetadata().<List<BedrockConverseCitation>>get(BedrockConverseMetadata.CITATIONS))
			.containsExactly(WEB_CITATION);
		AssistantMessage answer = response.getResult().getOutput();
		assertThat(answer.getMetadata().get(BedrockConverseMetadata.CITATIONS)).isEqualTo(List.of(WEB_CITATION));

		model.call(new Prompt(List.of(question, answer, new UserMessage("More?"))));

		assertThat(this.stub.lastRequest().body().path("messages").get(1).path("content"))
			.isEqualTo(json(GROUNDED_TURN));
	}

	@Test
	void streamSendsWebGroundingAndSurfacesWebCitationsThenSendsThemBack() {
		ChatBedrockConverse model = model(BedrockConverseChatOptions.builder().systemTools(List.of("nova_grounding")));
		UserMessage question = new UserMessage("News?");

		List<ChatResponse> responses = stream(model, new Prompt(question));

		assertThat(this.stub.lastRequest().body().path("toolConfig").toString())
			.isEqualTo("{\"tools\":[{\"systemTool\":{\"name\":\"nova_grounding\"}}]}");
		assertThat(responses.get(responses.size() - 1)
			.getMetadata()
			.<List<BedrockConverseCitation>>get(BedrockConverseMetadata.CITATIONS)).containsExactly(WEB_CITATION);
		AssistantMessage answer = aggregated(responses);
		assertThat(answer.getMetadata().get(BedrockConverseMetadata.CITATIONS)).isEqualTo(List.of(WEB_CITATION));

		stream(model, new Prompt(List.of(question, answer, new UserMessage("More?"))));

		assertThat(this.stub.lastRequest().body().path("messages").get(1).path("content"))
			.isEqualTo(json(GROUNDED_TURN));
	}

	// Document citations sent back as citationsContent

	private static final String CITED_TURN = "[{\"citationsContent\":{\"content\":[{\"text\":"
			+ "\"Echo: What was Q3 revenue?\"}],\"citations\":[{\"title\":\"Q3 report\",\"sourceContent\":"
			+ "[{\"text\":\"stub-source\"}],\"location\":{\"documentChar\":{\"documentIndex\":0,\"start\":0,"
			+ "\"end\":11}}}]}}]";

	@Test
	void callSendsAnAnswerWithCitationsBackAsCitationsContent() {
		ChatBedrockConverse model = model(BedrockConverseChatOptions.builder().documentCitations(true));
		Message question = questionAboutReport().getInstructions().get(0);

		AssistantMessage answer = model.call(new Prompt(question)).getResult().getOutput();
		model.call(new Prompt(List.of(question, answer, new UserMessage("And Q4?"))));

		assertThat(this.stub.lastRequest().body().path("messages").get(1).path("content")).isEqualTo(json(CITED_TURN));
	}

	@Test
	void streamSendsAnAnswerWithCitationsBackAsCitationsContent() {
		ChatBedrockConverse model = model(BedrockConverseChatOptions.builder().documentCitations(true));
		Message question = questionAboutReport().getInstructions().get(0);

		AssistantMessage answer = aggregated(stream(model, new Prompt(question)));
		stream(model, new Prompt(List.of(question, answer, new UserMessage("And Q4?"))));

		assertThat(this.stub.lastRequest().body().path("messages").get(1).path("content")).isEqualTo(json(CITED_TURN));
	}

	// Documents, videos, audio, search results and unknown kinds are kept

	@Test
	void callKeepsDocumentsVideosAudioAsMediaAndSearchResultsAndUnknownKindsOnTheMessage() {
		this.stub.enqueue(StubAnswer.content(List.of(json("{\"text\":\"Files.\"}"),
				json("{\"document\":{\"format\":\"pdf\",\"name\":\"report\",\"source\":{\"bytes\":\"" + PNG_BASE64
						+ "\"}}}"),
				json("{\"video\":{\"format\":\"mp4\",\"source\":{\"s3Location\":{\"uri\":\"s3://bucket/clip.mp4\"}}}}"),
				json("{\"audio\":{\"format\":\"wav\",\"source\":{\"bytes\":\"" + PNG_BASE64 + "\"}}}"),
				json("{\"searchResult\":{\"source\":\"https://example.com\",\"title\":\"Example\","
						+ "\"content\":[{\"text\":\"a passage\"}]}}"),
				json("{\"futureKind\":{\"anything\":1}}"))));

		AssistantMessage message = model(BedrockConverseChatOptions.builder()).call(new Prompt("Files?"))
			.getResult()
			.getOutput();

		assertThat(message.getText()).isEqualTo("Files.");
		assertThat(message.getMedia()).extracting((media) -> media.getMimeType().toString())
			.containsExactly("application/pdf", "video/mp4", "audio/wav");
		assertThat(message.getMedia().get(0).getName()).isEqualTo("report");
		assertThat(message.getMedia().get(0).getDataAsByteArray()).isEqualTo(PNG);
		assertThat(message.getMedia().get(1).getData()).hasToString("s3://bucket/clip.mp4");
		List<?> output = (List<?>) message.getMetadata().get(BedrockConverseMetadata.OUTPUT_CONTENT);
		assertThat(output).singleElement()
			.satisfies((block) -> assertThat(((ContentBlock) block).searchResult().title()).isEqualTo("Example"));
		List<?> unknown = (List<?>) message.getMetadata().get(BedrockConverseMetadata.UNKNOWN_CONTENT);
		assertThat(unknown).singleElement()
			.satisfies((block) -> assertThat(((ContentBlock) block).type())
				.isEqualTo(ContentBlock.Type.UNKNOWN_TO_SDK_VERSION));
	}

	@Test
	void streamKeepsABlockKindUnknownToTheSdkOnTheLastMessage() {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.event("contentBlockStart", "{\"contentBlockIndex\":0,\"start\":{\"futureKind\":{}}}"),
				StubEvent.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"futureKind\":{}}}"),
				StubEvent.contentBlockStop(0), StubEvent.contentBlockDelta(1, "Done."), StubEvent.contentBlockStop(1),
				StubEvent.messageStop("end_turn"), StubEvent.metadata(1, 1, 1))));

		List<ChatResponse> responses = stream(model(BedrockConverseChatOptions.builder()), new Prompt("Go"));

		AssistantMessage message = aggregated(responses);
		assertThat(message.getText()).isEqualTo("Done.");
		assertThat((List<?>) message.getMetadata().get(BedrockConverseMetadata.UNKNOWN_CONTENT)).hasSize(2);
	}

	@Test
	void aKindTheMapperDoesNotKnowIsLoggedOnceAtWarn() {
		Logger logger = (Logger) LoggerFactory.getLogger(AssistantContent.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			ChatBedrockConverse model = model(BedrockConverseChatOptions.builder());
			List<AssistantMessage> messages = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				this.stub.enqueue(StubAnswer.content(List.of(json("{\"text\":\"Tools changed.\"}"),
						json("{\"toolAddition\":{\"tool\":{\"type\":\"function\",\"name\":\"lookup\"}}}"))));
				messages.add(model.call(new Prompt("Go")).getResult().getOutput());
			}
			assertThat(messages).allSatisfy((
					message) -> assertThat((List<?>) message.getMetadata().get(BedrockConverseMetadata.UNKNOWN_CONTENT))
						.singleElement()
						.satisfies((block) -> assertThat(((ContentBlock) block).toolAddition().tool().name())
							.isEqualTo("lookup")));
			assertThat(appender.list).filteredOn((event) -> event.getFormattedMessage().contains("TOOL_ADDITION"))
				.singleElement()
				.satisfies((event) -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

}
