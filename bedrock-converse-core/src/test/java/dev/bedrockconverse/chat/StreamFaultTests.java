package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Wire faults the stub injects into streams (and calls): each ends in a clear exception
 * or a correct answer within its timeout, and afterwards no thread is left behind and the
 * next call succeeds.
 */
class StreamFaultTests extends RetryingStubModelFixture {

	private static final String MODEL = StubClients.MODEL;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ChatBedrockConverse model;

	/**
	 * Client-side threads after warm-up; pools that start threads lazily stay within the
	 * margin.
	 */
	private long threadsBaseline;

	private static final int THREAD_MARGIN = 4;

	/**
	 * Pooled connections after warm-up: a fault may replace a connection, never add up to
	 * more.
	 */
	private int connectionsBaseline;

	// Three attempts with a tiny back-off: storms are retried, quickly.
	StreamFaultTests(BedrockStub stub) {
		super(stub, StubClients.fastRetries(3));
		this.model = modelBuilder().streamIdleTimeout(Duration.ofSeconds(5)).build();
	}

	@BeforeAll
	void warmUp() {
		// Warm up both clients concurrently, with a retry, so that the SDK's bounded
		// pools (event loops, response
		// executor, retry scheduler) have grown to their working size before threads are
		// counted.
		// Fewer errors than a request has attempts, so no warm-up request can exhaust its
		// retries whatever order the requests arrive in (with 8, a slow machine could).
		for (int i = 0; i < 2; i++) {
			stub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "warm-up retry"));
		}
		Flux.range(0, 32)
			.flatMap((i) -> Flux.merge(this.model.stream(new Prompt("warm up " + i)),
					Mono.fromCallable(() -> this.model.call(new Prompt("warm up " + i)))
						.subscribeOn(Schedulers.boundedElastic())),
					16)
			.blockLast(TIMEOUT);
		this.threadsBaseline = clientThreads();
		this.connectionsBaseline = stub.openConnections();
	}

	private static String threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList().toString();
	}

	/**
	 * Live threads except the stub's own pool, which grows on demand and is not the
	 * client's.
	 */
	private static long clientThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !thread.getName().startsWith("bedrock-stub"))
			.count();
	}

	@AfterAll
	void tearDown() {
		this.client.close();
		this.asyncClient.close();
	}

	@AfterEach
	void nothingLeaksAndTheNextCallsSucceed() throws InterruptedException {
		this.stub.reset();
		assertThat(this.model.call(new Prompt("next call")).getResult().getOutput().getText())
			.isEqualTo("Echo: next call");
		assertThat(texts(this.model.stream(new Prompt("next stream")).collectList().block(TIMEOUT)))
			.containsExactly("Echo:", " next", " stream", "");
		// Threads and connections may take a moment to finish; a leak keeps them (or adds
		// more) for good, and
		// accumulates over the tests of this class, all measured against the same
		// baseline.
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while ((clientThreads() > this.threadsBaseline + THREAD_MARGIN
				|| this.stub.openConnections() > this.connectionsBaseline + 2) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(clientThreads()).as(StreamFaultTests::threadNames)
			.isLessThanOrEqualTo(this.threadsBaseline + THREAD_MARGIN);
		assertThat(this.stub.openConnections()).isLessThanOrEqualTo(this.connectionsBaseline + 2);
	}

	private static List<String> texts(List<ChatResponse> responses) {
		return responses.stream().map((response) -> response.getResult().getOutput().getText()).toList();
	}

	/** Streams the prompt, collecting what the subscriber saw and how it ended. */
	private Outcome stream() {
		List<String> seen = new ArrayList<>();
		Throwable failure = catchThrowable(() -> this.model.stream(new Prompt("Hello"))
			.doOnNext((response) -> seen.add(response.getResult().getOutput().getText()))
			.blockLast(TIMEOUT));
		return new Outcome(seen, failure);
	}

	private static List<StubEvent> twoDeltasThen(StubEvent... rest) {
		List<StubEvent> events = new ArrayList<>(List.of(StubEvent.messageStart(),
				StubEvent.contentBlockDelta(0, "one"), StubEvent.contentBlockDelta(0, " two")));
		events.addAll(List.of(rest));
		return events;
	}

	@Test
	void aConnectionResetMidStreamFailsTheStreamWithATransientErrorAfterTheDeltasSeen() {
		this.stub.enqueue(StubAnswer.streamEvents(twoDeltasThen(StubEvent.connectionReset())));

		Outcome outcome = stream();

		assertThat(outcome.seen()).containsExactly("one", " two");
		assertThat(outcome.failure()).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("No complete answer");
	}

	@Test
	void aTruncatedFrameFailsTheStreamAsIncomplete() {
		this.stub.enqueue(StubAnswer.streamEvents(twoDeltasThen(StubEvent.contentBlockDelta(0, " three").truncated())));

		Outcome outcome = stream();

		assertThat(outcome.seen()).containsExactly("one", " two");
		assertThat(outcome.failure()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ended without a messageStop event");
	}

	@Test
	void aFrameWithABadCrcFailsTheStreamWithATransientError() {
		this.stub
			.enqueue(StubAnswer.streamEvents(twoDeltasThen(StubEvent.contentBlockDelta(0, " three").withBadCrc())));

		Outcome outcome = stream();

		assertThat(outcome.seen()).containsExactly("one", " two");
		assertThat(outcome.failure()).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("checksum")
			.hasMessageContaining("could not be read");
	}

	@Test
	void malformedJsonInAnEventFailsTheStreamWithATransientError() {
		this.stub
			.enqueue(StubAnswer.streamEvents(twoDeltasThen(StubEvent.rawPayload("contentBlockDelta", "{\"delta\":"))));

		Outcome outcome = stream();

		assertThat(outcome.seen()).containsExactly("one", " two");
		assertThat(outcome.failure()).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("SdkClientException");
	}

	@Test
	void a500StormLongerThanTheRetriesFailsWithATransientErrorAfterMaxAttempts() {
		for (int i = 0; i < 5; i++) {
			this.stub.enqueue(StubAnswer.error(500, "InternalServerException", "storm"));
		}

		Outcome outcome = stream();

		assertThat(outcome.seen()).isEmpty();
		assertThat(outcome.failure()).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("storm");
		assertThat(this.stub.requests()).hasSize(3);
	}

	@Test
	void a503StormShorterThanTheRetriesEndsInTheCorrectAnswerSeenOnce() {
		this.stub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "storm"));
		this.stub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "storm"));

		Outcome outcome = stream();

		assertThat(outcome.failure()).isNull();
		assertThat(outcome.seen()).containsExactly("Echo:", " Hello", "");
		assertThat(this.stub.requests()).hasSize(3);
	}

	@Test
	void a503StormOnCallsIsRetriedByTheSdkUpToMaxAttempts() {
		for (int i = 0; i < 3; i++) {
			this.stub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "storm"));
		}

		Throwable failure = catchThrowable(() -> this.model.call(new Prompt("Hello")));

		assertThat(failure).isInstanceOf(BedrockConverseTransientException.class);
		assertThat(((BedrockConverseFailure) failure).getStatusCode()).isEqualTo(503);
		assertThat(this.stub.requests()).hasSize(3);
	}

	@Test
	void slowHeadersEndInTheFirstTokenTimeout() {
		ChatBedrockConverse impatient = ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.streamFirstTokenTimeout(Duration.ofMillis(300))
			.build();
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart().delayedBy(Duration.ofSeconds(2)),
				StubEvent.contentBlockDelta(0, "late"), StubEvent.messageStop("end_turn"),
				StubEvent.metadata(1, 1, 1))));

		Throwable failure = catchThrowable(() -> impatient.stream(new Prompt("Hello")).blockLast(TIMEOUT));

		assertThat(failure).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("first token")
			.hasMessageContaining("bedrock.converse.stream.first-token-timeout");
	}

	@Test
	void aStreamWithoutMetadataFailsInsteadOfCompletingSilently() {
		this.stub.enqueue(StubAnswer
			.streamEvents(twoDeltasThen(StubEvent.contentBlockStop(0), StubEvent.messageStop("end_turn"))));

		Outcome outcome = stream();

		assertThat(outcome.seen()).containsExactly("one", " two");
		assertThat(outcome.failure()).isInstanceOf(IllegalStateException.class).hasMessageContaining("metadata");
	}

	@Test
	void anUnknownEventTypeIsIgnored() {
		this.stub.enqueue(StubAnswer.streamEvents(twoDeltasThen(
				StubEvent.event("somethingNewFromTheFuture", "{\"contentBlockIndex\":0,\"x\":1}"),
				StubEvent.contentBlockStop(0), StubEvent.messageStop("end_turn"), StubEvent.metadata(1, 2, 3))));

		Outcome outcome = stream();

		assertThat(outcome.failure()).isNull();
		assertThat(outcome.seen()).containsExactly("one", " two", "");
	}

	@Test
	void paddingMembersInEventsAreIgnored() {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart().withPadding("abcdefgh"),
				StubEvent.contentBlockDelta(0, "one").withPadding("abcdefghijkl"),
				StubEvent.contentBlockDelta(0, " two").withPadding("ab"),
				StubEvent.contentBlockStop(0).withPadding("x"), StubEvent.messageStop("end_turn").withPadding("abc"),
				StubEvent.metadata(1, 2, 3).withPadding("abcd"))));

		Outcome outcome = stream();

		assertThat(outcome.failure()).isNull();
		assertThat(outcome.seen()).containsExactly("one", " two", "");
	}

	private record Outcome(List<String> seen, Throwable failure) {
	}

}
