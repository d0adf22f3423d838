package dev.bedrockconverse.chat.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.StubClients;
import dev.bedrockconverse.chat.StubModelFixture;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The Bedrock-specific details that call and stream attach to their observation context,
 * as an observation handler sees them when the observation stops.
 */
class BedrockConverseObservationDetailsTests extends StubModelFixture {

	private static final String MODEL = StubClients.MODEL;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * A reply with prompt-cache usage and a fixed server latency, as Bedrock reports
	 * them.
	 */
	private static final List<StubEvent> CACHED_REPLY = List.of(StubEvent.messageStart(),
			StubEvent.contentBlockDelta(0, "Cached"), StubEvent.contentBlockStop(0),
			StubEvent.messageStop("max_tokens"), StubEvent.event("metadata", """
					{"usage":{"inputTokens":5,"outputTokens":1,"totalTokens":26,
					"cacheReadInputTokens":12,"cacheWriteInputTokens":8},"metrics":{"latencyMs":42}}"""));

	private final List<Snapshot> stopped = new CopyOnWriteArrayList<>();

	private ChatBedrockConverse chatModel;

	@BeforeEach
	void setUp() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new SnapshotHandler());
		this.chatModel = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.observationRegistry(registry)
			.build();
	}

	@Test
	void aCallHasRegionOperationModelServerLatencyAndStopReason() {
		this.chatModel.call(new Prompt("I love programming."));

		assertThat(this.stopped).singleElement().satisfies((details) -> {
			assertThat(details.region()).isEqualTo("us-east-1");
			assertThat(details.operation()).isEqualTo("Converse");
			assertThat(details.model()).isEqualTo(MODEL);
			// The stub reports a constant metrics.latencyMs of 1.
			assertThat(details.serverLatency()).isEqualTo(Duration.ofMillis(1));
			assertThat(details.stopReason()).isEqualTo("END_TURN");
			assertThat(details.timeToFirstChunk()).isNull();
			assertThat(details.errorType()).isNull();
		});
	}

	@Test
	void aCallCarriesCacheTokensAndTheScriptedLatency() {
		this.stub.enqueue(StubAnswer.streamEvents(CACHED_REPLY));

		this.chatModel.call(new Prompt("Hello"));

		assertThat(this.stopped).singleElement().satisfies((details) -> {
			assertThat(details.cacheRead()).isEqualTo(12L);
			assertThat(details.cacheWrite()).isEqualTo(8L);
			assertThat(details.serverLatency()).isEqualTo(Duration.ofMillis(42));
			assertThat(details.stopReason()).isEqualTo("MAX_TOKENS");
		});
	}

	@Test
	void aStreamHasATimeToFirstChunkAndCacheTokens() {
		this.stub.enqueue(StubAnswer.streamEvents(CACHED_REPLY));

		this.chatModel.stream(new Prompt("Hello")).blockLast(TIMEOUT);

		assertThat(this.stopped).singleElement().satisfies((details) -> {
			assertThat(details.operation()).isEqualTo("ConverseStream");
			assertThat(details.timeToFirstChunk()).isNotNull().isPositive();
			assertThat(details.cacheRead()).isEqualTo(12L);
			assertThat(details.cacheWrite()).isEqualTo(8L);
			assertThat(details.serverLatency()).isEqualTo(Duration.ofMillis(42));
		});
	}

	@Test
	void aFailedCallHasBedrocksErrorType() {
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "bad request"));

		assertThatException().isThrownBy(() -> this.chatModel.call(new Prompt("Hello")));

		assertThat(this.stopped).singleElement().satisfies((details) -> {
			assertThat(details.errorType()).isEqualTo("ValidationException");
			assertThat(details.serverLatency()).isNull();
			assertThat(details.stopReason()).isNull();
		});
	}

	@Test
	void aStreamFailingMidwayHasTheErrorTypeOfTheExceptionEvent() {
		this.stub.enqueue(
				StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Partial"),
						StubEvent.exception("modelStreamErrorException", "broken"))));

		StepVerifier.create(this.chatModel.stream(new Prompt("Hello")))
			.expectNextCount(1)
			.expectError()
			.verify(TIMEOUT);

		assertThat(this.stopped).singleElement().satisfies((details) -> {
			assertThat(details.errorType()).isEqualTo("ModelStreamErrorException");
			assertThat(details.timeToFirstChunk()).isNotNull();
		});
	}

	/** The details' values, read in onStop as a meter handler would. */
	record Snapshot(String region, String operation, String model, Duration serverLatency, Duration timeToFirstChunk,
			Long cacheRead, Long cacheWrite, String stopReason, String errorType) {
	}

	private final class SnapshotHandler implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			BedrockConverseObservationDetails details = BedrockConverseObservationDetails.of(context);
			if (details != null) {
				BedrockConverseObservationDetailsTests.this.stopped.add(new Snapshot(details.getRegion(),
						details.getOperation(), details.getModel(), details.getServerLatency(),
						details.getTimeToFirstChunk(), details.getCacheReadInputTokens(),
						details.getCacheWriteInputTokens(), details.getStopReason(), details.getErrorType()));
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
