package dev.bedrockconverse.chat.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.StubClients;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Every meter of {@link ChatBedrockConverse}, recorded into a {@link SimpleMeterRegistry}
 * through a {@link TestObservationRegistry} with the handlers Spring Boot would register
 * (Micrometer's timer handler, Spring AI's token handler, Bedrock's meter handler) and
 * the {@link BedrockSdkMetricPublisher} on real SDK clients, over loopback to the stub.
 * The stub's usage is deterministic: one token per word, 3 in "I love programming." and 4
 * in its echo.
 */
@ExtendWith(BedrockStubExtension.class)
class BedrockConverseMetersTests {

	private static final String MODEL = "amazon.nova-micro-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String PROMPT = "I love programming.";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private BedrockStub stub;

	private BedrockRuntimeClient client;

	private BedrockRuntimeAsyncClient asyncClient;

	private ChatBedrockConverse chatModel;

	@BeforeEach
	void setUp(BedrockStub stub) {
		this.stub = stub;
		this.observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationHandler(new ChatModelMeterObservationHandler(this.meters))
			.observationHandler(new BedrockConverseMeterObservationHandler(this.meters));
		// Retries without back-off, so that throttling tests take no time.
		RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.maxAttempts(2)
			.backoffStrategy(BackoffStrategy.retryImmediately())
			.throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
			.build();
		BedrockSdkMetricPublisher publisher = new BedrockSdkMetricPublisher(this.meters, "us-east-1");
		this.client = StubClients.sync(stub,
				(override) -> override.retryStrategy(retries).addMetricPublisher(publisher));
		this.asyncClient = StubClients.async(stub,
				(override) -> override.retryStrategy(retries).addMetricPublisher(publisher));
		this.chatModel = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.observationRegistry(this.observations)
			.build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.asyncClient.close();
	}

	@Test
	void aCallCountsExactlyTheStubsTokensWithTheGenAiTags() {
		this.chatModel.call(new Prompt(PROMPT));

		assertThat(tokens("input")).isEqualTo(3);
		assertThat(tokens("output")).isEqualTo(4);
		assertThat(tokens("total")).isEqualTo(7);
		Counter input = this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").counter();
		assertThat(input.getId().getTag("gen_ai.operation.name")).isEqualTo("chat");
		assertThat(input.getId().getTag("gen_ai.system")).isEqualTo("bedrock_converse");
		assertThat(input.getId().getTag("gen_ai.provider.name")).isEqualTo("aws.bedrock");
		assertThat(input.getId().getTag("gen_ai.request.model")).isEqualTo(MODEL);
		assertThat(input.getId().getTag("gen_ai.response.model")).isEqualTo(MODEL);
		assertThat(input.getId().getTag(BedrockConverseObservationConvention.MODEL_NAME_KEY))
			.isEqualTo(ChatBedrockConverse.DEFAULT_NAME);
	}

	@Test
	void aNamedModelTagsEveryMeterOfCallAndStreamWithItsName() {
		ChatBedrockConverse fast = ChatBedrockConverse.builder()
			.name("fast")
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.observationRegistry(this.observations)
			.build();
		fast.call(new Prompt(PROMPT));
		fast.stream(new Prompt(PROMPT)).blockLast(TIMEOUT);
		this.chatModel.call(new Prompt(PROMPT));

		for (String operation : new String[] { "Converse", "ConverseStream" }) {
			assertThat(this.meters.get(BedrockConverseMeterObservationHandler.STOP_REASONS)
				.tag(BedrockConverseMeterObservationHandler.MODEL_NAME_TAG, "fast")
				.tag(BedrockConverseMeterObservationHandler.OPERATION_TAG, operation)
				.counter()
				.count()).isEqualTo(1);
		}
		assertThat(this.meters.get(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.tag(BedrockConverseObservationConvention.MODEL_NAME_KEY, "fast")
			.timer()
			.count()).isEqualTo(2);
		assertThat(this.meters.get(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.tag(BedrockConverseObservationConvention.MODEL_NAME_KEY, ChatBedrockConverse.DEFAULT_NAME)
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "total")
			.tag(BedrockConverseObservationConvention.MODEL_NAME_KEY, "fast")
			.counter()
			.count()).isEqualTo(14);
	}

	@Test
	void aStreamCountsExactlyTheStubsTokens() {
		this.chatModel.stream(new Prompt(PROMPT)).blockLast(TIMEOUT);

		assertThat(tokens("input")).isEqualTo(3);
		assertThat(tokens("output")).isEqualTo(4);
		assertThat(tokens("total")).isEqualTo(7);
	}

	@Test
	void theOperationTimerCountsOnePerCallAndStream() {
		this.chatModel.call(new Prompt(PROMPT));
		this.chatModel.call(new Prompt(PROMPT));
		this.chatModel.stream(new Prompt(PROMPT)).blockLast(TIMEOUT);

		Timer timer = this.meters.get(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.tag("error", "none")
			.tag("gen_ai.provider.name", "aws.bedrock")
			.tag("gen_ai.response.model", MODEL)
			.timer();
		assertThat(timer.count()).isEqualTo(3);
	}

	@Test
	void aStreamRecordsItsTimeToFirstChunk() {
		this.chatModel.stream(new Prompt(PROMPT)).blockLast(TIMEOUT);

		Timer timer = bedrock(BedrockConverseMeterObservationHandler.TIME_TO_FIRST_CHUNK, "ConverseStream").timer();
		assertThat(timer.count()).isEqualTo(1);
		assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void aCallRecordsNoTimeToFirstChunk() {
		this.chatModel.call(new Prompt(PROMPT));

		assertThat(this.meters.find(BedrockConverseMeterObservationHandler.TIME_TO_FIRST_CHUNK).meters()).isEmpty();
	}

	@Test
	void aCallRecordsBedrocksServerLatencyAndStopReason() {
		this.stub.enqueue(StubAnswer.text("Fixed answer").withLatencyMs(250));

		this.chatModel.call(new Prompt(PROMPT));

		Timer latency = bedrock(BedrockConverseMeterObservationHandler.SERVER_LATENCY, "Converse").timer();
		assertThat(latency.count()).isEqualTo(1);
		assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
		assertThat(bedrock(BedrockConverseMeterObservationHandler.STOP_REASONS, "Converse")
			.tag(BedrockConverseMeterObservationHandler.STOP_REASON_TAG, "END_TURN")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aStreamCountsCacheReadAndWriteTokens() {
		this.stub
			.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Cached"),
					StubEvent.contentBlockStop(0), StubEvent.messageStop("end_turn"), StubEvent.event("metadata", """
							{"usage":{"inputTokens":5,"outputTokens":1,"totalTokens":26,
							"cacheReadInputTokens":12,"cacheWriteInputTokens":8},"metrics":{"latencyMs":42}}"""))));

		this.chatModel.stream(new Prompt(PROMPT)).blockLast(TIMEOUT);

		assertThat(cacheTokens("cache_read")).isEqualTo(12);
		assertThat(cacheTokens("cache_write")).isEqualTo(8);
	}

	@Test
	void aFailedCallIsTaggedWithItsErrorType() {
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "bad request"));

		assertThatException().isThrownBy(() -> this.chatModel.call(new Prompt(PROMPT)));

		assertThat(bedrock(BedrockConverseMeterObservationHandler.ERRORS, "Converse")
			.tag(BedrockConverseMeterObservationHandler.ERROR_TYPE_TAG, "ValidationException")
			.counter()
			.count()).isEqualTo(1);
		Timer timer = this.meters.get(DefaultChatModelObservationConvention.DEFAULT_NAME).timer();
		// Micrometer tags the timer with the exception's class; the Bedrock error code is
		// on bedrock.converse.errors.
		assertThat(timer.getId().getTag("error")).isEqualTo("BedrockConverseNonTransientException");
		assertThat(timer.getId().getTag("gen_ai.response.model")).isEqualTo(MODEL);
		assertThat(this.meters.find("gen_ai.client.token.usage").meters()).isEmpty();
	}

	@Test
	void aStreamFailingMidwayIsTaggedWithTheExceptionEventsType() {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.contentBlockDelta(0, "Partial"), StubEvent.exception("throttlingException", "slow down"))));

		StepVerifier.create(this.chatModel.stream(new Prompt(PROMPT))).expectNextCount(1).expectError().verify(TIMEOUT);

		assertThat(bedrock(BedrockConverseMeterObservationHandler.ERRORS, "ConverseStream")
			.tag(BedrockConverseMeterObservationHandler.ERROR_TYPE_TAG, "ThrottlingException")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aCancelledStreamStopsItsObservationWithoutAnError() {
		StepVerifier.create(this.chatModel.stream(new Prompt(PROMPT)), 0)
			.thenRequest(1)
			.expectNextCount(1)
			.thenCancel()
			.verify(TIMEOUT);

		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasBeenStopped()
			.doesNotHaveError();
		assertThat(this.meters.get(DefaultChatModelObservationConvention.DEFAULT_NAME).timer().count()).isEqualTo(1);
		assertThat(
				bedrock(BedrockConverseMeterObservationHandler.TIME_TO_FIRST_CHUNK, "ConverseStream").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.find(BedrockConverseMeterObservationHandler.ERRORS).meters()).isEmpty();
	}

	@Test
	void aThrottledAttemptIsRetriedAndCountedByTheSdkBridge() {
		this.stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests"));

		this.chatModel.call(new Prompt(PROMPT));

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sdkApiCalls("Converse", "success")).isEqualTo(1));
		assertThat(sdk(BedrockSdkMetricPublisher.THROTTLES, "Converse").counter().count()).isEqualTo(1);
		assertThat(sdk(BedrockSdkMetricPublisher.RETRIES, "Converse").counter().count()).isEqualTo(1);
		assertThat(sdk(BedrockSdkMetricPublisher.ATTEMPTS, "Converse")
			.tag(BedrockSdkMetricPublisher.SDK_ERROR_TYPE_TAG, "Throttling")
			.counter()
			.count()).isEqualTo(1);
		assertThat(sdk(BedrockSdkMetricPublisher.ATTEMPTS, "Converse")
			.tag(BedrockSdkMetricPublisher.SDK_ERROR_TYPE_TAG, "none")
			.counter()
			.count()).isEqualTo(1);
		assertThat(sdk(BedrockSdkMetricPublisher.SERVICE_CALLS, "Converse").timers()).isNotEmpty();
		// The retry succeeded, so the observed call did not fail.
		assertThat(this.meters.find(BedrockConverseMeterObservationHandler.ERRORS).meters()).isEmpty();
	}

	@Test
	void throttlingBeyondTheRetriesFailsTheCallAsAThrottlingException() {
		this.stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests"));
		this.stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests"));

		assertThatException().isThrownBy(() -> this.chatModel.call(new Prompt(PROMPT)));

		assertThat(bedrock(BedrockConverseMeterObservationHandler.ERRORS, "Converse")
			.tag(BedrockConverseMeterObservationHandler.ERROR_TYPE_TAG, "ThrottlingException")
			.counter()
			.count()).isEqualTo(1);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sdkApiCalls("Converse", "failure")).isEqualTo(1));
		assertThat(sdk(BedrockSdkMetricPublisher.THROTTLES, "Converse").counter().count()).isEqualTo(2);
	}

	@Test
	void aStreamIsPublishedByTheSdkBridgeAsConverseStream() {
		this.chatModel.stream(new Prompt(PROMPT)).blockLast(TIMEOUT);

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sdkApiCalls("ConverseStream", "success")).isEqualTo(1));
		assertThat(sdk(BedrockSdkMetricPublisher.ATTEMPTS, "ConverseStream")
			.tag(BedrockSdkMetricPublisher.SDK_ERROR_TYPE_TAG, "none")
			.counter()
			.count()).isEqualTo(1);
	}

	private double tokens(String type) {
		return this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", type).counter().count();
	}

	private double cacheTokens(String type) {
		return bedrock(BedrockConverseMeterObservationHandler.CACHE_TOKENS, "ConverseStream")
			.tag(BedrockConverseMeterObservationHandler.TOKEN_TYPE_TAG, type)
			.counter()
			.count();
	}

	private RequiredSearch bedrock(String name, String operation) {
		return this.meters.get(name)
			.tag(BedrockConverseMeterObservationHandler.MODEL_TAG, MODEL)
			.tag(BedrockConverseMeterObservationHandler.MODEL_NAME_TAG, ChatBedrockConverse.DEFAULT_NAME)
			.tag(BedrockConverseMeterObservationHandler.REGION_TAG, "us-east-1")
			.tag(BedrockConverseMeterObservationHandler.OPERATION_TAG, operation);
	}

	private RequiredSearch sdk(String name, String operation) {
		return this.meters.get(name)
			.tag(BedrockSdkMetricPublisher.REGION_TAG, "us-east-1")
			.tag(BedrockSdkMetricPublisher.OPERATION_TAG, operation);
	}

	private long sdkApiCalls(String operation, String outcome) {
		Timer timer = this.meters.find(BedrockSdkMetricPublisher.API_CALLS)
			.tag(BedrockSdkMetricPublisher.OPERATION_TAG, operation)
			.tag(BedrockSdkMetricPublisher.OUTCOME_TAG, outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
