package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.Prompt;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.ResponseOutcome;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The stream's first-token and idle timeouts against slow stub answers, and the SDK's
 * retries as seen by the subscriber: a stream is retried only before its first response,
 * and every delta reaches the subscriber exactly once.
 */
class StreamTimeoutAndRetryTests extends RetryingStubModelFixture {

	private static final String MODEL = StubClients.MODEL;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	StreamTimeoutAndRetryTests(BedrockStub stub) {
		super(stub, StubClients.fastRetries(3));
	}

	private ChatBedrockConverse model(Duration firstToken, Duration idle) {
		return modelBuilder().streamFirstTokenTimeout(firstToken).streamIdleTimeout(idle).build();
	}

	private static List<StubEvent> slowDeltas(Duration each, String... deltas) {
		List<StubEvent> events = new ArrayList<>();
		events.add(StubEvent.messageStart());
		for (String delta : deltas) {
			events.add(StubEvent.contentBlockDelta(0, delta).delayedBy(each));
		}
		events.add(StubEvent.contentBlockStop(0));
		events.add(StubEvent.messageStop("end_turn"));
		events.add(StubEvent.metadata(1, deltas.length, 1));
		return events;
	}

	private List<ResponseOutcome> awaitOutcomes(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.stub.outcomes().size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return this.stub.outcomes();
	}

	@Test
	void aSlowButSteadyStreamWithinBothTimeoutsCompletes() {
		this.stub.enqueue(StubAnswer.streamEvents(slowDeltas(Duration.ofMillis(100), "one", " two", " three")));

		List<String> texts = model(Duration.ofSeconds(2), Duration.ofSeconds(2)).stream(new Prompt("Hello"))
			.map((response) -> response.getResult().getOutput().getText())
			.collectList()
			.block(TIMEOUT);

		assertThat(texts).containsExactly("one", " two", " three", "");
	}

	@Test
	void aFirstTokenLaterThanTheFirstTokenTimeoutFailsAndCancelsTheHttpStream() throws InterruptedException {
		this.stub.enqueue(StubAnswer.streamEvents(slowDeltas(Duration.ofMillis(1500), "late", " again")));

		Throwable failure = catchThrowable(
				() -> model(Duration.ofMillis(300), Duration.ofSeconds(5)).stream(new Prompt("Hello"))
					.blockLast(TIMEOUT));

		assertThat(failure).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("no first token within PT0.3S")
			.hasMessageContaining("bedrock.converse.stream.first-token-timeout");
		assertThat(((BedrockConverseFailure) failure).getErrorType()).isEqualTo("StreamTimeout");
		assertThat(awaitOutcomes(1)).extracting(ResponseOutcome::ending)
			.containsExactly(ResponseOutcome.Ending.CLIENT_GONE);
	}

	@Test
	void aPauseBetweenEventsLongerThanTheIdleTimeoutFailsAfterTheDeltasSeen() throws InterruptedException {
		List<StubEvent> events = new ArrayList<>(
				List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "one"),
						StubEvent.contentBlockDelta(0, " two").delayedBy(Duration.ofMillis(1500)),
						StubEvent.contentBlockStop(0), StubEvent.messageStop("end_turn"), StubEvent.metadata(1, 2, 1)));
		this.stub.enqueue(StubAnswer.streamEvents(events));
		List<String> seen = new CopyOnWriteArrayList<>();

		Throwable failure = catchThrowable(
				() -> model(Duration.ofSeconds(5), Duration.ofMillis(300)).stream(new Prompt("Hello"))
					.doOnNext((response) -> seen.add(response.getResult().getOutput().getText()))
					.blockLast(TIMEOUT));

		assertThat(seen).containsExactly("one");
		assertThat(failure).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("sent nothing for PT0.3S")
			.hasMessageContaining("bedrock.converse.stream.idle-timeout");
		assertThat(awaitOutcomes(1)).extracting(ResponseOutcome::ending)
			.containsExactly(ResponseOutcome.Ending.CLIENT_GONE);
	}

	@Test
	void aNonPositiveTimeoutIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatBedrockConverse.builder().streamIdleTimeout(Duration.ZERO))
			.withMessageContaining("streamIdleTimeout");
	}

	@Test
	void aStreamFailingBeforeItsFirstEventIsRetriedAndTheSubscriberSeesEachDeltaOnce() {
		this.stub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "busy"));
		this.stub.enqueue(StubAnswer
			.streamEvents(List.of(StubEvent.messageStart(), StubEvent.exception("throttlingException", "slow down"))));
		this.stub.enqueue(StubAnswer.text("one two three"));

		List<String> texts = model(null, null).stream(new Prompt("Hello"))
			.map((response) -> response.getResult().getOutput().getText())
			.collectList()
			.block(TIMEOUT);

		assertThat(texts).containsExactly("one", " two", " three", "");
		assertThat(this.stub.requests()).hasSize(3);
	}

	@Test
	void aStreamFailingAfterItsFirstDeltaIsNeverReplayedAndEndsWithATypedError() throws InterruptedException {
		this.stub
			.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "one"),
					StubEvent.contentBlockDelta(0, " two"), StubEvent.exception("throttlingException", "slow down"))));
		// Should the SDK retry behind the failed attempt, this answer must never reach
		// the subscriber.
		this.stub.enqueue(StubAnswer.text("one two REPLAYED"));
		List<String> seen = new CopyOnWriteArrayList<>();

		Throwable failure = catchThrowable(() -> model(null, null).stream(new Prompt("Hello"))
			.doOnNext((response) -> seen.add(response.getResult().getOutput().getText()))
			.blockLast(TIMEOUT));

		assertThat(seen).containsExactly("one", " two");
		assertThat(failure).isInstanceOf(BedrockConverseTransientException.class).hasMessageContaining("slow down");
		assertThat(((BedrockConverseFailure) failure).getErrorType()).isEqualTo("ThrottlingException");
		Thread.sleep(200);
		assertThat(seen).doesNotContain(" REPLAYED");
	}

}
