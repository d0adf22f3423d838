package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.ResponseOutcome;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a stream cancels its HTTP/2 stream at once: the stub sees each one go away
 * long before its answer would have ended, and the client stays usable.
 */
@ExtendWith(BedrockStubExtension.class)
class StreamCancellationTests {

	private static final String MODEL = StubClients.MODEL;

	private static final int STREAMS = 500;

	private static final int CONCURRENCY = 64;

	/**
	 * Each answer would take 30 x 100 ms: long enough that even on a loaded machine a
	 * cancelled stream cannot have been read to its end by the time the stub notices.
	 */
	private static final int DELTAS = 30;

	private BedrockRuntimeAsyncClient client;

	@AfterEach
	void tearDown() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void cancelling500StreamsAfterTwoDeltasClosesEachHttpStreamAndTheNextCallsSucceed(BedrockStub stub)
			throws InterruptedException {
		this.client = StubClients.async(stub, AwsRetryStrategy.doNotRetry());
		ChatBedrockConverse model = ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.client)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
		for (int i = 0; i < STREAMS; i++) {
			stub.enqueue(StubAnswer.streamEvents(slowAnswer()));
		}

		List<Long> deltasSeen = Flux.range(0, STREAMS)
			.flatMap((i) -> model.stream(new Prompt("Hello " + i)).take(2).count(), CONCURRENCY)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(deltasSeen).hasSize(STREAMS).containsOnly(2L);
		List<ResponseOutcome> outcomes = awaitOutcomes(stub, STREAMS);
		assertThat(outcomes).hasSize(STREAMS);
		assertThat(outcomes).allSatisfy((outcome) -> {
			assertThat(outcome.ending()).isEqualTo(ResponseOutcome.Ending.CLIENT_GONE);
			// Gone before the end of the answer (messageStart + the deltas + 3 closing
			// events).
			assertThat(outcome.eventsWritten()).isLessThan(1 + DELTAS);
		});
		// Cancelled HTTP/2 streams give their connections back: the pool did not grow per
		// stream.
		assertThat(stub.openConnections()).isLessThanOrEqualTo(CONCURRENCY);

		stub.reset();
		List<String> next = model.stream(new Prompt("still there"))
			.map((response) -> response.getResult().getOutput().getText())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(next).containsExactly("Echo:", " still", " there", "");
		assertThat(stub.outcomes()).extracting(ResponseOutcome::ending)
			.containsExactly(ResponseOutcome.Ending.COMPLETED);
	}

	private static List<StubEvent> slowAnswer() {
		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		for (int d = 0; d < DELTAS; d++) {
			events.add(StubEvent.contentBlockDelta(0, " w" + d).delayedBy(Duration.ofMillis(100)));
		}
		events.add(StubEvent.contentBlockStop(0));
		events.add(StubEvent.messageStop("end_turn"));
		events.add(StubEvent.metadata(2, DELTAS, 1));
		return events;
	}

	private static List<ResponseOutcome> awaitOutcomes(BedrockStub stub, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (stub.outcomes().size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return stub.outcomes();
	}

}
