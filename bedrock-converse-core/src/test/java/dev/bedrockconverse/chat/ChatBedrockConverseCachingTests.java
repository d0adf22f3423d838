package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.support.ToolCallbacks;
import software.amazon.awssdk.services.bedrockruntime.model.CacheDetail;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Prompt caching through the real SDK clients against the stub: cache points in the
 * request, cache usage back.
 */
class ChatBedrockConverseCachingTests extends StubModelFixture {

	private static final String MODEL = "anthropic.claude-3-7-sonnet-20250219-v1:0";

	private static final String CACHE_USAGE = "{\"usage\":{\"inputTokens\":3,\"outputTokens\":2,\"totalTokens\":905,"
			+ "\"cacheReadInputTokens\":600,\"cacheWriteInputTokens\":300,\"cacheDetails\":["
			+ "{\"ttl\":\"5m\",\"inputTokens\":100},{\"ttl\":\"1h\",\"inputTokens\":200}]},\"metrics\":{\"latencyMs\":1}}";

	private ChatBedrockConverse model(BedrockConverseChatOptions.Builder options) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.defaultOptions(options.model(MODEL).build())
			.build();
	}

	private static Prompt conversation() {
		return new Prompt(
				List.of(new SystemMessage("You are terse."), new UserMessage("Hi"), new AssistantMessage("Hello."),
						new UserMessage("Weather?")),
				BedrockConverseChatOptions.builder().toolCallbacks(ToolCallbacks.from(new WeatherTools())).build());
	}

	@Test
	void systemAndToolsStrategyPutsCachePointsWithTheTtl() {
		model(BedrockConverseChatOptions.builder()
			.cacheStrategy(BedrockConverseCacheStrategy.SYSTEM_AND_TOOLS)
			.cacheTtl(Duration.ofHours(1))).call(conversation());

		JsonNode body = this.stub.lastRequest().body();
		assertThat(body.path("system").get(1).path("cachePoint").toString())
			.isEqualTo("{\"type\":\"default\",\"ttl\":\"1h\"}");
		JsonNode tools = body.path("toolConfig").path("tools");
		assertThat(tools).hasSize(2);
		assertThat(tools.get(1).path("cachePoint").path("type").asString()).isEqualTo("default");
		assertThat(body.path("messages").get(2).path("content")).hasSize(1);
	}

	@Test
	void conversationHistoryStrategyAlsoCachesTheLastMessage() {
		model(BedrockConverseChatOptions.builder().cacheStrategy(BedrockConverseCacheStrategy.CONVERSATION_HISTORY))
			.call(conversation());

		JsonNode body = this.stub.lastRequest().body();
		JsonNode last = body.path("messages").get(2).path("content");
		assertThat(last.get(0).path("text").asString()).isEqualTo("Weather?");
		assertThat(last.get(1).path("cachePoint").toString()).isEqualTo("{\"type\":\"default\"}");
		assertThat(body.path("system").get(1).has("cachePoint")).isTrue();
	}

	@Test
	void aMessageMarkedWithCachePointGetsOneAfterItsContent() {
		UserMessage longDocument = UserMessage.builder()
			.text("Here is a long document ...")
			.metadata(Map.of(BedrockConverseMetadata.CACHE_POINT, true))
			.build();
		ChatBedrockConverse model = ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).cacheTtl(Duration.ofMinutes(5)).build())
			.build();

		model.stream(new Prompt(List.of(longDocument, new AssistantMessage("Read."), new UserMessage("Summarise"))))
			.blockLast(Duration.ofSeconds(10));

		JsonNode messages = this.stub.lastRequest().body().path("messages");
		assertThat(messages.get(0).path("content").get(1).path("cachePoint").toString())
			.isEqualTo("{\"type\":\"default\",\"ttl\":\"5m\"}");
		assertThat(messages.get(2).path("content")).hasSize(1);
	}

	/**
	 * Add turns whose user message is marked with a cache point.
	 * @param messages the conversation
	 * @param turns how many user and assistant message pairs to add
	 */
	private static void addMarkedTurns(List<org.springframework.ai.chat.messages.Message> messages, int turns) {
		for (int i = 0; i < turns; i++) {
			messages.add(UserMessage.builder()
				.text("u" + i)
				.metadata(Map.of(BedrockConverseMetadata.CACHE_POINT, true))
				.build());
			messages.add(new AssistantMessage("a" + i));
		}
	}

	@Test
	void explicitAndStrategyCachePointsUpToFourAreSent() {
		List<org.springframework.ai.chat.messages.Message> messages = new java.util.ArrayList<>();
		addMarkedTurns(messages, 3);
		messages.add(new UserMessage("last"));

		model(BedrockConverseChatOptions.builder().cacheStrategy(BedrockConverseCacheStrategy.CONVERSATION_HISTORY))
			.call(new Prompt(messages));

		assertThat(this.stub.lastRequest().bodyText().split("cachePoint", -1)).hasSize(5);
		JsonNode messagesSent = this.stub.lastRequest().body().path("messages");
		assertThat(messagesSent.get(6).path("content").get(1).has("cachePoint")).isTrue();
	}

	@Test
	void fiveCachePointsAreRejected() {
		List<org.springframework.ai.chat.messages.Message> messages = new java.util.ArrayList<>();
		messages.add(SystemMessage.builder()
			.text("sys")
			.metadata(Map.of(BedrockConverseMetadata.CACHE_POINT, true))
			.build());
		addMarkedTurns(messages, 4);
		messages.add(new UserMessage("last"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> model(BedrockConverseChatOptions.builder()).call(new Prompt(messages)))
			.withMessageContaining("would have 5 cache points")
			.withMessageContaining("at most 4");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void aCacheTtlOtherThanFiveMinutesOrOneHourIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BedrockConverseChatOptions.builder().cacheTtl(Duration.ofMinutes(10)))
			.withMessageContaining("cacheTtl must be 5m or 1h");
	}

	@Test
	void callReportsCacheReadWriteAndPerTtlDetails() {
		this.stub.enqueue(cacheUsageAnswer());

		ChatResponse response = model(BedrockConverseChatOptions.builder()).call(new Prompt("Hi"));

		assertCacheUsage(response.getMetadata().getUsage());
	}

	@Test
	void streamReportsCacheReadWriteAndPerTtlDetails() {
		this.stub.enqueue(cacheUsageAnswer());
		ChatBedrockConverse model = ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();

		ChatResponse last = model.stream(new Prompt("Hi")).blockLast(Duration.ofSeconds(10));

		assertCacheUsage(last.getMetadata().getUsage());
	}

	private static StubAnswer cacheUsageAnswer() {
		return StubAnswer.streamEvents(
				List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Hi"), StubEvent.contentBlockStop(0),
						StubEvent.messageStop("end_turn"), StubEvent.event("metadata", CACHE_USAGE)));
	}

	private static void assertCacheUsage(Usage usage) {
		assertThat(usage.getCacheReadInputTokens()).isEqualTo(600L);
		assertThat(usage.getCacheWriteInputTokens()).isEqualTo(300L);
		assertThat(usage.getTotalTokens()).isEqualTo(905);
		TokenUsage nativeUsage = (TokenUsage) usage.getNativeUsage();
		assertThat(nativeUsage.cacheDetails()).containsExactly(
				CacheDetail.builder().ttl(CacheTTL.VALUE_5_M).inputTokens(100).build(),
				CacheDetail.builder().ttl(CacheTTL.VALUE_1_H).inputTokens(200).build());
	}

}
