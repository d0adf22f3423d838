package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import dev.bedrockconverse.chat.observation.BedrockConverseMeterObservationHandler;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Failover before the first token, over two stubs on two ports: the class's stub (region
 * {@code us-east-1}, the clients' endpoint) scripted to fail, and a second stub reached
 * by a fallback's endpoint. The clients retry twice, so each scripted failure is given
 * twice: failover starts only once the SDK's own retries are exhausted.
 */
class ChatBedrockConverseFailoverTests extends RetryingStubModelFixture {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String FALLBACK_MODEL = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

	private final BedrockStub westStub = BedrockStub.builder().build().start();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final ObservationRegistry observations = ObservationRegistry.create();

	ChatBedrockConverseFailoverTests(BedrockStub stub) {
		super(stub, StubClients.fastRetries(2));
		this.observations.observationConfig()
			.observationHandler(new BedrockConverseMeterObservationHandler(this.meters))
			.observationHandler(new EventRecorder());
	}

	@BeforeEach
	void resetSecondStub() {
		this.westStub.reset();
		this.meters.clear();
		this.events.clear();
	}

	@AfterAll
	void closeSecondStub() {
		this.westStub.close();
	}

	/** The primary stub throttles every attempt the SDK makes (two). */
	private void throttleTwice() {
		this.stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests, please wait."));
		this.stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests, please wait."));
	}

	private ChatBedrockConverse model(BedrockConverseFallback... fallbacks) {
		return modelBuilder().fallbacks(List.of(fallbacks)).observationRegistry(this.observations).build();
	}

	private BedrockConverseFallback west() {
		return new BedrockConverseFallback("us-west-2", null, this.westStub.endpoint());
	}

	private static String region(RecordedRequest request) {
		return request.credentialScope().split("/")[1];
	}

	private static List<String> texts(List<ChatResponse> responses) {
		return responses.stream().map((response) -> response.getResult().getOutput().getText()).toList();
	}

	@Test
	void aThrottledCallFailsOverToTheNextRegionSignedForThatRegion() {
		throttleTwice();

		ChatResponse response = model(west()).call(new Prompt("Hello"));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: Hello");
		assertThat(this.stub.requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(region(request)).isEqualTo("us-east-1"));
		assertThat(this.westStub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.operation()).isEqualTo("Converse");
			assertThat(request.modelId()).isEqualTo(StubClients.MODEL);
			assertThat(region(request)).isEqualTo("us-west-2");
			assertThat(request.accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
		});
		assertThat(response.getMetadata().getModel()).isEqualTo(StubClients.MODEL);
		assertThat((String) response.getMetadata().get(BedrockConverseMetadata.REGION)).isEqualTo("us-west-2");
	}

	@Test
	void aStreamFailingBeforeItsFirstEventFailsOverAndSaysWhereItWasAnswered() {
		this.stub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "busy"));
		this.stub.enqueue(StubAnswer
			.streamEvents(List.of(StubEvent.messageStart(), StubEvent.exception("throttlingException", "slow down"))));

		List<ChatResponse> responses = model(west()).stream(new Prompt("Hello")).collectList().block(TIMEOUT);

		assertThat(texts(responses)).containsExactly("Echo:", " Hello", "");
		assertThat(responses).allSatisfy((response) -> {
			assertThat((String) response.getMetadata().get(BedrockConverseMetadata.REGION)).isEqualTo("us-west-2");
			assertThat(response.getMetadata().getModel()).isEqualTo(StubClients.MODEL);
		});
		assertThat(this.stub.requests()).hasSize(2);
		assertThat(this.westStub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.operation()).isEqualTo("ConverseStream");
			assertThat(region(request)).isEqualTo("us-west-2");
		});
	}

	@Test
	void aStreamThatDeliveredADeltaIsNeverReplayedElsewhere() {
		List<StubEvent> brokenMidway = List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "one"),
				// Delayed, so the delta surely reached the subscriber first.
				StubEvent.exception("throttlingException", "slow down").delayedBy(Duration.ofMillis(300)));
		this.stub.enqueue(StubAnswer.streamEvents(brokenMidway));
		this.stub.enqueue(StubAnswer.streamEvents(brokenMidway));
		List<String> seen = new CopyOnWriteArrayList<>();

		Throwable failure = catchThrowable(() -> model(west()).stream(new Prompt("Hello"))
			.doOnNext((response) -> seen.add(response.getResult().getOutput().getText()))
			.blockLast(TIMEOUT));

		assertThat(seen).containsExactly("one");
		assertThat(failure).isInstanceOf(BedrockConverseTransientException.class).hasMessageContaining("slow down");
		assertThat(((BedrockConverseFailure) failure).getErrorType()).isEqualTo("ThrottlingException");
		assertThat(this.westStub.requests()).isEmpty();
		assertThat(this.meters.find(BedrockConverseMeterObservationHandler.FAILOVERS).counter()).isNull();
	}

	@Test
	void aValidationErrorNeverFailsOverInCallOrStream() {
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "The model rejected the input."));
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "The model rejected the input."));
		ChatBedrockConverse model = model(west());

		Throwable callFailure = catchThrowable(() -> model.call(new Prompt("Hello")));
		Throwable streamFailure = catchThrowable(() -> model.stream(new Prompt("Hello")).blockLast(TIMEOUT));

		assertThat(List.of(callFailure, streamFailure)).allSatisfy((failure) -> {
			assertThat(failure).isInstanceOf(BedrockConverseNonTransientException.class);
			assertThat(((BedrockConverseFailure) failure).getErrorType()).isEqualTo("ValidationException");
		});
		assertThat(this.stub.requests()).hasSize(2);
		assertThat(this.westStub.requests()).isEmpty();
	}

	@Test
	void aModelFallbackSendsTheSameRequestToAnotherModelThroughTheSameClient() {
		this.stub.enqueue(StubAnswer.error(429, "ModelNotReadyException", "The model is not ready."));
		this.stub.enqueue(StubAnswer.error(429, "ModelNotReadyException", "The model is not ready."));

		ChatResponse response = model(BedrockConverseFallback.model(FALLBACK_MODEL))
			.call(new Prompt("Hello", BedrockConverseChatOptions.builder().maxTokens(50).build()));

		List<RecordedRequest> requests = this.stub.requests();
		assertThat(requests).extracting(RecordedRequest::modelId)
			.containsExactly(StubClients.MODEL, StubClients.MODEL, FALLBACK_MODEL);
		assertThat(requests.get(2).body()).isEqualTo(requests.get(0).body());
		assertThat(region(requests.get(2))).isEqualTo("us-east-1");
		assertThat(response.getMetadata().getModel()).isEqualTo(FALLBACK_MODEL);
		assertThat((String) response.getMetadata().get(BedrockConverseMetadata.REGION)).isEqualTo("us-east-1");
	}

	@Test
	void eachHopIsCountedWithLowCardinalityTagsAndIsAnObservationEvent() {
		// Two fallbacks: the other region is throttled too; the other model, in the
		// client's region (each fallback inherits from the request, not from the
		// fallback before it), answers.
		throttleTwice();
		this.westStub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests."));
		this.westStub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests."));

		ChatResponse response = model(west(), BedrockConverseFallback.model(FALLBACK_MODEL)).call(new Prompt("Hello"));

		assertThat(response.getMetadata().getModel()).isEqualTo(FALLBACK_MODEL);
		assertThat((String) response.getMetadata().get(BedrockConverseMetadata.REGION)).isEqualTo("us-east-1");
		assertThat(this.stub.requests()).extracting(RecordedRequest::modelId)
			.containsExactly(StubClients.MODEL, StubClients.MODEL, FALLBACK_MODEL);
		String primary = StubClients.MODEL + "@us-east-1";
		String westRegion = StubClients.MODEL + "@us-west-2";
		String westModel = FALLBACK_MODEL + "@us-east-1";
		assertThat(failovers(primary, westRegion)).isEqualTo(1.0);
		assertThat(failovers(westRegion, westModel)).isEqualTo(1.0);
		assertThat(this.meters.find(BedrockConverseMeterObservationHandler.FAILOVERS).counters()).hasSize(2);
		assertThat(this.events).containsExactly(
				"failover from " + primary + " to " + westRegion + " after ThrottlingException",
				"failover from " + westRegion + " to " + westModel + " after ThrottlingException");
	}

	@Test
	void theLastFallbacksFailureIsTheOneTheCallerGets() {
		throttleTwice();
		this.westStub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "Down for now."));
		this.westStub.enqueue(StubAnswer.error(503, "ServiceUnavailableException", "Down for now."));

		Throwable failure = catchThrowable(() -> model(west()).stream(new Prompt("Hello")).blockLast(TIMEOUT));

		assertThat(failure).isInstanceOf(BedrockConverseTransientException.class).hasMessageContaining("Down for now");
		assertThat(((BedrockConverseFailure) failure).getErrorType()).isEqualTo("ServiceUnavailableException");
		assertThat(failovers(StubClients.MODEL + "@us-east-1", StubClients.MODEL + "@us-west-2")).isEqualTo(1.0);
	}

	@Test
	void aTenantsRequestFailsOverWithItsCredentialsAndKeepsItsRegionOutOfTheTags() {
		throttleTwice();
		BedrockConverseChatOptions tenant = BedrockConverseChatOptions.builder()
			.region("eu-west-1")
			.credentialsProvider(StubClients.credentials())
			.build();

		ChatResponse response = model(west()).call(new Prompt("Hello", tenant));

		assertThat(this.stub.requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(region(request)).isEqualTo("eu-west-1"));
		assertThat(this.westStub.requests()).singleElement().satisfies((request) -> {
			assertThat(region(request)).isEqualTo("us-west-2");
			assertThat(request.accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
		});
		assertThat((String) response.getMetadata().get(BedrockConverseMetadata.REGION)).isEqualTo("us-west-2");
		assertThat(failovers(StubClients.MODEL + "@per-request-region", StubClients.MODEL + "@us-west-2"))
			.isEqualTo(1.0);
		assertThat(this.events).singleElement().asString().doesNotContain("eu-west-1");
	}

	private double failovers(String from, String to) {
		Counter counter = this.meters.find(BedrockConverseMeterObservationHandler.FAILOVERS)
			.tag(BedrockConverseMeterObservationHandler.FAILOVER_FROM_TAG, from)
			.tag(BedrockConverseMeterObservationHandler.FAILOVER_TO_TAG, to)
			.tag(BedrockConverseMeterObservationHandler.FAILOVER_REASON_TAG, "ThrottlingException")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private final class EventRecorder implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			if (ChatBedrockConverse.FAILOVER_EVENT.equals(event.getName())) {
				ChatBedrockConverseFailoverTests.this.events.add(event.getContextualName());
			}
		}

	}

}
