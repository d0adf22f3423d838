package dev.bedrockconverse.stub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemTool;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output content blocks beyond text (generated images, documents, search results,
 * server-side tool use and its results, web citations, a block kind no SDK knows yet) and
 * Nova's system tools, through the real SDK: Converse returns them as the SDK's content
 * blocks, ConverseStream as the documented start and delta events.
 */
@ExtendWith(BedrockStubExtension.class)
class ConverseOutputBlocksWithSdkTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] PNG = "png-bytes".getBytes(StandardCharsets.UTF_8);

	private static final String PNG_BASE64 = java.util.Base64.getEncoder().encodeToString(PNG);

	private static StubAnswer everyKind() {
		return StubAnswer.content(List.of(json("{\"text\":\"Here you go.\"}"),
				json("{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"" + PNG_BASE64 + "\"}}}"),
				json("{\"document\":{\"format\":\"txt\",\"name\":\"notes\",\"source\":{\"bytes\":\"" + PNG_BASE64
						+ "\"}}}"),
				json("{\"searchResult\":{\"source\":\"https://example.com\",\"title\":\"Example\","
						+ "\"content\":[{\"text\":\"a passage\"}]}}"),
				json("{\"toolUse\":{\"toolUseId\":\"srv-1\",\"name\":\"nova_code_interpreter\","
						+ "\"type\":\"server_tool_use\",\"input\":{\"code\":\"1+1\"}}}"),
				json("{\"toolResult\":{\"toolUseId\":\"srv-1\",\"type\":\"nova_code_interpreter_result\","
						+ "\"status\":\"success\",\"content\":[{\"text\":\"2\"}]}}"),
				json("{\"citationsContent\":{\"content\":[{\"text\":\"Cited.\"}],\"citations\":[{\"title\":\"Web\","
						+ "\"sourceContent\":[{\"text\":\"source\"}],\"location\":{\"web\":"
						+ "{\"url\":\"https://example.com/a\",\"domain\":\"example.com\"}}}]}}"),
				json("{\"futureKind\":{\"anything\":1}}")));
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	@Test
	void converseReturnsEveryScriptedBlockKind(BedrockStub stub) {
		stub.enqueue(everyKind());
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			List<ContentBlock> content = client.converse(SdkClients.request("Hi").build()).output().message().content();
			assertThat(content).extracting(ContentBlock::type)
				.containsExactly(ContentBlock.Type.TEXT, ContentBlock.Type.IMAGE, ContentBlock.Type.DOCUMENT,
						ContentBlock.Type.SEARCH_RESULT, ContentBlock.Type.TOOL_USE, ContentBlock.Type.TOOL_RESULT,
						ContentBlock.Type.CITATIONS_CONTENT, ContentBlock.Type.UNKNOWN_TO_SDK_VERSION);
			assertThat(content.get(1).image().format()).isEqualTo(ImageFormat.PNG);
			assertThat(content.get(1).image().source().bytes().asByteArray()).isEqualTo(PNG);
			assertThat(content.get(3).searchResult().title()).isEqualTo("Example");
			assertThat(content.get(4).toolUse().type()).isEqualTo(ToolUseType.SERVER_TOOL_USE);
			assertThat(content.get(5).toolResult().type()).isEqualTo("nova_code_interpreter_result");
			assertThat(content.get(6).citationsContent().citations().get(0).location().web().domain())
				.isEqualTo("example.com");
		}
	}

	@Test
	void converseStreamSendsTheBlocksThatHaveAStreamForm(BedrockStub stub) {
		stub.enqueue(everyKind());
		List<ConverseStreamOutput> events = stream(stub, "Hi");
		List<String> starts = new ArrayList<>();
		List<String> deltas = new ArrayList<>();
		for (ConverseStreamOutput event : events) {
			if (event instanceof ContentBlockStartEvent start) {
				starts.add(start.contentBlockIndex() + " " + start.start().type());
			}
			if (event instanceof ContentBlockDeltaEvent delta) {
				deltas.add(delta.contentBlockIndex() + " " + delta.delta().type());
			}
		}
		assertThat(starts).containsExactly("1 IMAGE", "2 TOOL_USE", "3 TOOL_RESULT");
		assertThat(deltas).containsExactly("0 TEXT", "0 TEXT", "0 TEXT", "1 IMAGE", "2 TOOL_USE", "3 TOOL_RESULT",
				"4 TEXT", "4 CITATION");
		ContentBlockStartEvent image = (ContentBlockStartEvent) events.stream()
			.filter((e) -> e instanceof ContentBlockStartEvent s && s.contentBlockIndex() == 1)
			.findFirst()
			.orElseThrow();
		assertThat(image.start().image().format()).isEqualTo(ImageFormat.PNG);
		ContentBlockDeltaEvent imageBytes = delta(events, 1);
		assertThat(imageBytes.delta().image().source().bytes().asByteArray()).isEqualTo(PNG);
		ContentBlockStartEvent toolUse = (ContentBlockStartEvent) events.stream()
			.filter((e) -> e instanceof ContentBlockStartEvent s && s.contentBlockIndex() == 2)
			.findFirst()
			.orElseThrow();
		assertThat(toolUse.start().toolUse().type()).isEqualTo(ToolUseType.SERVER_TOOL_USE);
		ContentBlockStartEvent toolResult = (ContentBlockStartEvent) events.stream()
			.filter((e) -> e instanceof ContentBlockStartEvent s && s.contentBlockIndex() == 3)
			.findFirst()
			.orElseThrow();
		assertThat(toolResult.start().toolResult().type()).isEqualTo("nova_code_interpreter_result");
		assertThat(delta(events, 3).delta().toolResult().get(0).text()).isEqualTo("2");
	}

	@Test
	void streamedImageAndServerToolEventsFoldIntoTheConverseResponse(BedrockStub stub) {
		stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.imageStart(0, "png"),
				StubEvent.imageDelta(0, "png-".getBytes(StandardCharsets.UTF_8)),
				StubEvent.imageDelta(0, "bytes".getBytes(StandardCharsets.UTF_8)), StubEvent.contentBlockStop(0),
				StubEvent.serverToolUseStart(1, "srv-1", "nova_code_interpreter"), StubEvent.toolUseDelta(1, "{}"),
				StubEvent.contentBlockStop(1),
				StubEvent.toolResultStart(2, "srv-1", "nova_code_interpreter_result", "success"),
				StubEvent.toolResultDelta(2, json("{\"text\":\"2\"}")), StubEvent.contentBlockStop(2),
				StubEvent.messageStop("end_turn"), StubEvent.metadata(1, 2, 3))));
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			List<ContentBlock> content = client.converse(SdkClients.request("Hi").build()).output().message().content();
			assertThat(content.get(0).image().source().bytes().asByteArray()).isEqualTo(PNG);
			assertThat(content.get(1).toolUse().type()).isEqualTo(ToolUseType.SERVER_TOOL_USE);
			assertThat(content.get(2).toolResult().content()).containsExactly(ToolResultContentBlock.fromText("2"));
			assertThat(content.get(2).toolResult().toolUseId()).isEqualTo("srv-1");
		}
	}

	@Test
	void novaSystemToolsAnswerWithServerToolUseAndWebCitations(BedrockStub stub) {
		ToolConfiguration tools = ToolConfiguration.builder()
			.tools(Tool.fromSystemTool(SystemTool.builder().name("nova_grounding").build()),
					Tool.fromSystemTool(SystemTool.builder().name("nova_code_interpreter").build()))
			.build();
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(SdkClients.request("Hi").toolConfig(tools).build());
			List<ContentBlock> content = response.output().message().content();
			assertThat(content.get(0).toolUse().name()).isEqualTo("nova_code_interpreter");
			assertThat(content.get(0).toolUse().type()).isEqualTo(ToolUseType.SERVER_TOOL_USE);
			assertThat(content.get(0).toolUse().input().asMap().get("code"))
				.isEqualTo(Document.fromString("print(1 + 1)"));
			assertThat(content.get(1).toolResult().type()).isEqualTo("nova_code_interpreter_result");
			assertThat(content.get(2).citationsContent().content().get(0).text()).isEqualTo("Echo: Hi");
			assertThat(content.get(2).citationsContent().citations().get(0).location().web().url())
				.isEqualTo("https://example.com/stub");
			assertThat(response.stopReasonAsString()).isEqualTo("end_turn");
		}
		assertThat(stub.lastRequest()
			.body()
			.path("toolConfig")
			.path("tools")
			.get(0)
			.path("systemTool")
			.path("name")
			.asString()).isEqualTo("nova_grounding");
	}

	@Test
	void aServerToolUseAndItsResultInHistoryNeedNoToolResultInTheNextTurn(BedrockStub stub) {
		Message assistant = Message.builder()
			.role(ConversationRole.ASSISTANT)
			.content(
					ContentBlock.fromToolUse(ToolUseBlock.builder()
						.toolUseId("srv-1")
						.name("nova_code_interpreter")
						.type(ToolUseType.SERVER_TOOL_USE)
						.input(Document.mapBuilder().build())
						.build()),
					ContentBlock.fromToolResult(ToolResultBlock.builder()
						.toolUseId("srv-1")
						.type("nova_code_interpreter_result")
						.content(ToolResultContentBlock.fromText("2"))
						.build()),
					ContentBlock.fromText("It is 2."))
			.build();
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(SdkClients.request("Hi")
				.messages(SdkClients.user("What is 1+1?"), assistant, SdkClients.user("Thanks"))
				.build());
			assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: Thanks");
		}
	}

	private static ContentBlockDeltaEvent delta(List<ConverseStreamOutput> events, int index) {
		return (ContentBlockDeltaEvent) events.stream()
			.filter((e) -> e instanceof ContentBlockDeltaEvent d && d.contentBlockIndex() == index)
			.findFirst()
			.orElseThrow();
	}

	private static List<ConverseStreamOutput> stream(BedrockStub stub, String text) {
		List<ConverseStreamOutput> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP1_1,
				SdkClients.testCredentials())) {
			client
				.converseStream(SdkClients.streamRequest(text).build(),
						ConverseStreamResponseHandler.builder()
							.onEventStream((publisher) -> publisher.subscribe(events::add))
							.build())
				.join();
		}
		return events;
	}

}
