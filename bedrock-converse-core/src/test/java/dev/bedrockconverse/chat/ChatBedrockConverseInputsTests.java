package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.util.MimeType;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.chat.internal.JsonDocuments;
import dev.bedrockconverse.stub.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The inputs beyond text and plain media, in call and stream through the real SDK clients
 * against the stub: search results (in a user message and in tool results) and the
 * citations that point into them, tool results with media, documents given as text or
 * chunks with their context, S3 bucket owners, every audio format, guard-content images;
 * and bad input failing before anything is sent.
 */
class ChatBedrockConverseInputsTests extends StubModelFixture {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };

	private static final String PNG_BASE64 = Base64.getEncoder().encodeToString(PNG);

	private static final BedrockConverseSearchResult RAIN = BedrockConverseSearchResult.of("https://news.example/1",
			"Rain in Paris", "It rained all day.", "Umbrellas sold out.");

	private static final BedrockConverseSearchResult SUN = new BedrockConverseSearchResult("kb-42", "Sun in Nice",
			List.of("It was sunny."), false);

	private static Media media(String mimeType, Object data, String name) {
		Media.Builder builder = Media.builder().mimeType(MimeType.valueOf(mimeType)).name(name);
		if (data instanceof byte[] bytes) {
			builder.data(bytes);
		}
		else {
			builder.data((String) data);
		}
		return builder.build();
	}

	private static UserMessage user(String text, Map<String, Object> metadata, Media... media) {
		return UserMessage.builder().text(text).media(List.of(media)).metadata(metadata).build();
	}

	/**
	 * Send the prompt with {@code call}, then with {@code stream}, check both requests
	 * carried the same messages, and return them with the two answers.
	 */
	private Sent callAndStream(Prompt prompt) {
		ChatBedrockConverse model = modelBuilder().build();
		ChatResponse call = model.call(prompt);
		List<ChatResponse> stream = model.stream(prompt).collectList().block(TIMEOUT);
		List<RecordedRequest> requests = this.stub.requests();
		assertThat(requests).extracting(RecordedRequest::operation).containsExactly("Converse", "ConverseStream");
		JsonNode messages = requests.get(0).body().path("messages");
		assertThat(requests.get(1).body().path("messages")).isEqualTo(messages);
		return new Sent(messages, call, stream);
	}

	private static String text(JsonNode node) {
		return JsonDocuments.JSON.writeValueAsString(node);
	}

	@Test
	void searchResultsOfAUserMessageAreSentAndTheirCitationsComeBackInCallAndStream() {
		Sent sent = callAndStream(new Prompt(user("[scenario:citations result=1] What was the weather?",
				Map.of(BedrockConverseMetadata.SEARCH_RESULTS, List.of(SUN, RAIN)))));

		assertThat(text(sent.messages())).isEqualTo("[{\"role\":\"user\",\"content\":["
				+ "{\"searchResult\":{\"source\":\"kb-42\",\"title\":\"Sun in Nice\",\"content\":[{\"text\":\"It was "
				+ "sunny.\"}],\"citations\":{\"enabled\":false}}},"
				+ "{\"searchResult\":{\"source\":\"https://news.example/1\",\"title\":\"Rain in Paris\",\"content\":["
				+ "{\"text\":\"It rained all day.\"},{\"text\":\"Umbrellas sold out.\"}],\"citations\":{\"enabled\":true}}},"
				+ "{\"text\":\"[scenario:citations result=1] What was the weather?\"}]}]");
		sent.assertCitesRain(1);
	}

	@Test
	void aToolResultEnvelopeIsSentAsTextMediaAndSearchResultBlocksInCallAndStream() {
		String envelope = BedrockConverseToolResult.builder()
			.text("Two findings:")
			.media(media("image/png", PNG, "chart"))
			.media(media("application/pdf", "s3://reports/q3.pdf", "Q3 report"))
			.media(media("video/mp4", new byte[] { 7 }, "clip"))
			.searchResult(RAIN)
			.build()
			.toJson();
		List<Message> history = List.of(new UserMessage("Search the news"),
				AssistantMessage.builder()
					.toolCalls(List.of(new AssistantMessage.ToolCall("t1", "function", "search", "{}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("t1", "search", envelope)))
					.build(),
				new UserMessage("[scenario:citations] Summarize"));

		Sent sent = callAndStream(new Prompt(history));

		assertThat(text(sent.messages().get(2).path("content").get(0))).isEqualTo("{\"toolResult\":{\"toolUseId\":"
				+ "\"t1\",\"content\":[{\"text\":\"Two findings:\"},{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\""
				+ PNG_BASE64
				+ "\"}}},{\"document\":{\"format\":\"pdf\",\"name\":\"Q3 report\",\"source\":{\"s3Location\":"
				+ "{\"uri\":\"s3://reports/q3.pdf\"}}}},{\"video\":{\"format\":\"mp4\",\"source\":{\"bytes\":\"Bw==\"}}},"
				+ "{\"searchResult\":{\"source\":\"https://news.example/1\",\"title\":\"Rain in Paris\",\"content\":["
				+ "{\"text\":\"It rained all day.\"},{\"text\":\"Umbrellas sold out.\"}],\"citations\":{\"enabled\":true}}}"
				+ "]}}");
		sent.assertCitesRain(0);
	}

	@Test
	void aToolReturningABedrockConverseToolResultSendsItsMediaThroughTheChatClientLoop() {
		ChartTools tools = new ChartTools();

		String answer = ChatClient.create(modelBuilder().build()).prompt("Chart?").tools(tools).call().content();
		List<String> deltas = ChatClient.create(modelBuilder().build())
			.prompt("Chart?")
			.tools(tools)
			.stream()
			.content()
			.collectList()
			.block(TIMEOUT);

		assertThat(answer).isEqualTo("Tool get_chart returned: The chart:");
		assertThat(String.join("", deltas)).isEqualTo(answer);
		List<RecordedRequest> requests = this.stub.requests();
		assertThat(requests).extracting(RecordedRequest::operation)
			.containsExactly("Converse", "Converse", "ConverseStream", "ConverseStream");
		for (RecordedRequest request : List.of(requests.get(1), requests.get(3))) {
			assertThat(text(
					request.body().path("messages").get(2).path("content").get(0).path("toolResult").path("content")))
				.isEqualTo("[{\"text\":\"The chart:\"},{\"image\":{\"format\":\"png\",\"source\":" + "{\"bytes\":\""
						+ PNG_BASE64 + "\"}}}]");
		}
	}

	@Test
	void documentsAsTextOrChunksWithContextAreSentInCallAndStream() {
		Map<String, List<String>> chunks = new LinkedHashMap<>();
		chunks.put("minutes", List.of("Item 1: budget.", "Item 2: hiring."));
		Sent sent = callAndStream(new Prompt(user("Summarize",
				Map.of(BedrockConverseMetadata.DOCUMENT_CONTEXT,
						Map.of("notes.md", "Written by the CFO", "minutes", "Board meeting of May 2"),
						BedrockConverseMetadata.DOCUMENT_CHUNKS, chunks),
				media("text/markdown", "# Revenue grew", "notes.md"))));

		assertThat(text(sent.messages().get(0).path("content"))).isEqualTo("[{\"document\":{\"format\":\"md\","
				+ "\"name\":\"notes-md\",\"source\":{\"text\":\"# Revenue grew\"},\"context\":\"Written by the CFO\"}},"
				+ "{\"document\":{\"format\":\"txt\",\"name\":\"minutes\",\"source\":{\"content\":[{\"text\":\"Item 1: "
				+ "budget.\"},{\"text\":\"Item 2: hiring.\"}]},\"context\":\"Board meeting of May 2\"}},"
				+ "{\"text\":\"Summarize\"}]");
	}

	@Test
	void theBucketOwnerGoesOnEveryS3LocationAndEveryAudioFormatCanBeReachedInCallAndStream() {
		Sent sent = callAndStream(new Prompt(user("Describe",
				Map.of(BedrockConverseMetadata.S3_BUCKET_OWNER, "123456789012"),
				media("image/png", "s3://b/i.png", "i"), media("application/pdf", "s3://b/d.pdf", "d"),
				media("video/mp4", "s3://b/v.mp4", "v"), media("audio/x-matroska;format=mkv", "s3://b/a.mkv", "a"),
				media("audio/mpeg;format=mpga", PNG, "b"), media("audio/mpeg;format=MPEG", PNG, "c"),
				media("audio/mpeg", PNG, "mp3"))));

		JsonNode content = sent.messages().get(0).path("content");
		for (int i = 0; i < 4; i++) {
			String kind = List.of("image", "document", "video", "audio").get(i);
			assertThat(text(content.get(i).path(kind).path("source").path("s3Location"))).isEqualTo("{\"uri\":\"s3://b/"
					+ List.of("i.png", "d.pdf", "v.mp4", "a.mkv").get(i) + "\",\"bucketOwner\":\"123456789012\"}");
		}
		assertThat(List.of(3, 4, 5, 6)).map((i) -> content.get(i).path("audio").path("format").asString())
			.containsExactly("mkv", "mpga", "mpeg", "mp3");
	}

	@Test
	void imagesMarkedAsGuardContentAreSentAsGuardContentImagesInCallAndStream() {
		Sent sent = callAndStream(
				new Prompt(user("Is this fine?", Map.of(BedrockConverseMetadata.GUARD_CONTENT_IMAGES, true),
						media("image/jpeg", PNG, "photo"), media("application/pdf", new byte[] { 1 }, "doc"))));

		assertThat(text(sent.messages().get(0).path("content").get(0))).isEqualTo(
				"{\"guardContent\":{\"image\":{\"format\":\"jpeg\",\"source\":{\"bytes\":\"" + PNG_BASE64 + "\"}}}}");
		assertThat(sent.messages().get(0).path("content").get(1).has("document")).isTrue();
	}

	@Test
	void badInputFailsBeforeSending() {
		ChatBedrockConverse model = modelBuilder().build();
		// A list, not a map: Spring AI messages are equal whatever their media.
		List<Map.Entry<Prompt, String>> cases = new java.util.ArrayList<>();
		cases.add(Map.entry(new Prompt(user("Q", Map.of(BedrockConverseMetadata.SEARCH_RESULTS, "not a list"))),
				"message 0 has bedrockConverse.searchResults metadata of type java.lang.String; use a "
						+ "List<BedrockConverseSearchResult>"));
		cases.add(Map.entry(new Prompt(user("Q", Map.of(BedrockConverseMetadata.DOCUMENT_CONTEXT, Map.of("other", "x")),
				media("text/plain", "hi", "notes"))), "for 'other', but no document of that name"));
		cases.add(Map.entry(
				new Prompt(user("Q", Map.of(BedrockConverseMetadata.S3_BUCKET_OWNER, "me"),
						media("image/png", "s3://b/k", "i"))),
				"bedrockConverse.s3BucketOwner 'me'; Bedrock takes the 12-digit"));
		cases.add(Map.entry(new Prompt(user("Q", Map.of(BedrockConverseMetadata.S3_BUCKET_OWNER, "123456789012"),
				media("image/png", PNG, "i"))), "no s3:// attachment it could apply to"));
		cases.add(Map.entry(
				new Prompt(user("Q", Map.of(BedrockConverseMetadata.GUARD_CONTENT_IMAGES, true),
						media("image/gif", PNG, "anim"))),
				"guard content takes only png or jpeg images given as bytes"));
		cases.add(Map.entry(new Prompt(user("Q", Map.of(), media("audio/mpeg;format=mid", PNG, "tune"))),
				"has the audio format 'mid', which Converse does not know"));
		cases.add(Map.entry(new Prompt(user("Q", Map.of(), media("application/pdf", "plain text", "doc"))),
				"only a text document (["));
		cases.add(Map.entry(
				new Prompt(user("Q", Map.of(BedrockConverseMetadata.DOCUMENT_CHUNKS, Map.of("m", List.of())))),
				"entry 'm' that is not a document name with a non-empty list"));
		cases.add(Map.entry(toolPrompt(
				"{\"bedrockConverseToolResult\":[{\"media\":{\"mimeType\":\"audio/wav\",\"bytes\":\"AQ==\"}}]}"),
				"of The result of tool call 't1' in message 2 is audio, which Converse does not take in a tool result"));
		cases.add(Map.entry(toolPrompt("{\"bedrockConverseToolResult\":[{\"picture\":1}]}"),
				"The result of tool call 't1' in message 2 part 0 is {\"picture\":1}; a part is"));
		cases.add(Map.entry(
				toolPrompt(
						"{\"bedrockConverseToolResult\":[{\"searchResult\":{\"source\":\"s\",\"content\":[\"x\"]}}]}"),
				"The search result 's' needs a title"));
		cases.forEach((entry) -> {
			Prompt prompt = entry.getKey();
			String message = entry.getValue();
			assertThatIllegalArgumentException().isThrownBy(() -> model.call(prompt)).withMessageContaining(message);
			assertThatIllegalArgumentException().isThrownBy(() -> model.stream(prompt).blockLast(TIMEOUT))
				.withMessageContaining(message);
		});
		assertThat(this.stub.requests()).isEmpty();
	}

	private static Prompt toolPrompt(String result) {
		return new Prompt(List.of(new UserMessage("Q"),
				AssistantMessage.builder()
					.toolCalls(List.of(new AssistantMessage.ToolCall("t1", "function", "search", "{}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("t1", "search", result)))
					.build()));
	}

	/** What a prompt sent in call and stream, and the answers. */
	private record Sent(JsonNode messages, ChatResponse call, List<ChatResponse> stream) {

		/**
		 * Both answers cite the last passage of {@link #RAIN}, search result number
		 * {@code index} of the request.
		 */
		void assertCitesRain(int index) {
			BedrockConverseCitation expected = new BedrockConverseCitation("Rain in Paris", "https://news.example/1",
					List.of("Umbrellas sold out."), "searchResultLocation", index, 0, 1, null);
			assertThat(this.call.getMetadata().<List<BedrockConverseCitation>>get(BedrockConverseMetadata.CITATIONS))
				.containsExactly(expected);
			assertThat(lastStreamCitations()).containsExactly(expected);
		}

		List<BedrockConverseCitation> lastStreamCitations() {
			return this.stream.stream()
				.map((response) -> response.getMetadata()
					.<List<BedrockConverseCitation>>get(BedrockConverseMetadata.CITATIONS))
				.filter(Objects::nonNull)
				.reduce((first, second) -> second)
				.orElse(List.of());
		}

	}

	/** A tool that answers with text and an image. */
	static class ChartTools {

		@Tool(name = "get_chart", description = "The sales chart")
		BedrockConverseToolResult chart() {
			return BedrockConverseToolResult.builder()
				.text("The chart:")
				.media(Media.builder().mimeType(MimeType.valueOf("image/png")).data(PNG).name("chart").build())
				.build();
		}

	}

}
