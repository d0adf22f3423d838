package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.HighCardinalityKeyNames;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;

import dev.bedrockconverse.chat.observation.BedrockConverseObservationConvention;
import dev.bedrockconverse.stub.StubAnswer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** The {@code gen_ai.client.operation} observations of call and stream. */
class ChatBedrockConverseObservationTests extends StubModelFixture {

	private static final String MODEL = StubClients.MODEL;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final AtomicInteger stops = new AtomicInteger();

	private ChatBedrockConverse chatModel;

	@BeforeEach
	void setUp() {
		this.registry.observationConfig().observationHandler(new StopCounter());
		this.chatModel = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.observationRegistry(this.registry)
			.build();
	}

	@Test
	void callIsObservedWithModelProviderAndUsage() {
		ChatResponse response = this.chatModel.call(new Prompt("I love programming."));

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasContextualNameEqualTo("chat " + MODEL)
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_OPERATION_TYPE.asString(), "chat")
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_PROVIDER.asString(), "bedrock_converse")
			.hasLowCardinalityKeyValue(BedrockConverseObservationConvention.PROVIDER_NAME_KEY, "aws.bedrock")
			.hasLowCardinalityKeyValue(BedrockConverseObservationConvention.MODEL_NAME_KEY, "default")
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.REQUEST_MODEL.asString(), MODEL)
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), MODEL)
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.USAGE_INPUT_TOKENS.asString(), "3")
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.USAGE_OUTPUT_TOKENS.asString(), "4")
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.USAGE_TOTAL_TOKENS.asString(), "7")
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.RESPONSE_ID.asString(), response.getMetadata().getId())
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.RESPONSE_FINISH_REASONS.asString(), "[\"END_TURN\"]")
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(this.stops).hasValue(1);
	}

	@Test
	void aFailedCallIsObservedAsAnError() {
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "bad request"));

		assertThatException().isThrownBy(() -> this.chatModel.call(new Prompt("Hello")));

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasError()
			.hasLowCardinalityKeyValue(BedrockConverseObservationConvention.PROVIDER_NAME_KEY, "aws.bedrock")
			// No response, yet the model that failed is known: never "none".
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), MODEL)
			.hasBeenStopped();
		assertThat(this.stops).hasValue(1);
	}

	@Test
	void aCompletedStreamIsObservedOnceWithTheWholeResponse() {
		this.chatModel.stream(new Prompt("I love programming.")).blockLast(TIMEOUT);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.AI_PROVIDER.asString(), "bedrock_converse")
			.hasLowCardinalityKeyValue(BedrockConverseObservationConvention.MODEL_NAME_KEY, "default")
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), MODEL)
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.USAGE_TOTAL_TOKENS.asString(), "7")
			.hasHighCardinalityKeyValue(HighCardinalityKeyNames.REQUEST_STREAM.asString(), "true")
			.hasBeenStopped();
		assertThat(this.stops).hasValue(1);
	}

	@Test
	void aCancelledStreamStopsItsObservationExactlyOnce() throws InterruptedException {
		StepVerifier.create(this.chatModel.stream(new Prompt("I love programming.")), 0)
			.thenRequest(2)
			.expectNextCount(2)
			.thenCancel()
			.verify(TIMEOUT);
		// Late SDK signals after the cancel must not stop the observation again.
		Thread.sleep(300);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasBeenStopped()
			.doesNotHaveError();
		assertThat(this.stops).hasValue(1);
	}

	@Test
	void aFailedStreamStopsItsObservationOnceWithTheError() throws InterruptedException {
		this.stub.enqueue(StubAnswer.error(400, "ValidationException", "bad request"));

		StepVerifier.create(this.chatModel.stream(new Prompt("Hello"))).expectError().verify(TIMEOUT);
		Thread.sleep(300);

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasError()
			.hasBeenStopped();
		assertThat(this.stops).hasValue(1);
	}

	@Test
	void aCustomConventionIsUsed() {
		ChatBedrockConverse custom = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.observationRegistry(this.registry)
			.observationConvention(new DefaultChatModelObservationConvention() {
				@Override
				public String getName() {
					return "custom.chat";
				}
			})
			.build();

		custom.call(new Prompt("Hello"));

		TestObservationRegistryAssert.assertThat(this.registry).hasObservationWithNameEqualTo("custom.chat");
	}

	/** Counts stops so a double stop (e.g. on both cancel and a late error) is caught. */
	private final class StopCounter implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			ChatBedrockConverseObservationTests.this.stops.incrementAndGet();
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
