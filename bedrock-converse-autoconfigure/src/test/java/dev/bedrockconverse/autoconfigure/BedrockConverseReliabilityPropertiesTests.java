package dev.bedrockconverse.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.LegacyRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.chat.BedrockConverseFailure;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseTransientException;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code bedrock.converse.retry.*}, {@code bedrock.converse.stream.*},
 * {@code bedrock.converse.merge-consecutive-messages},
 * {@code bedrock.converse.history-repair} and the client attempt timeout, through the
 * auto-configured model against the stub; bad values fail at start-up.
 */
class BedrockConverseReliabilityPropertiesTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withPropertyValues("bedrock.converse.retry.base-delay=5ms", "bedrock.converse.retry.max-backoff=20ms");

	@BeforeEach
	void resetStub() {
		stub.get().reset();
	}

	private static RetryStrategy retryStrategy(AssertableApplicationContext context, Class<?> clientType) {
		Object client = context.getBean(clientType);
		return (client instanceof BedrockRuntimeClient sync)
				? sync.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow()
				: ((BedrockRuntimeAsyncClient) client).serviceClientConfiguration()
					.overrideConfiguration()
					.retryStrategy()
					.orElseThrow();
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		return BedrockConverseContextRunners.analyze(context);
	}

	@Test
	void maxAttemptsBoundsTheSdkRetriesOfACall() {
		this.contextRunner.withPropertyValues("bedrock.converse.retry.max-attempts=2").run((context) -> {
			for (int i = 0; i < 3; i++) {
				stub.get().enqueue(StubAnswer.error(503, "ServiceUnavailableException", "busy"));
			}

			Throwable thrown = catchThrowable(() -> context.getBean(ChatModel.class).call(new Prompt("Hello")));

			assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class);
			assertThat(((BedrockConverseFailure) thrown).getStatusCode()).isEqualTo(503);
			assertThat(stub.get().requests()).hasSize(2);
		});
	}

	@Test
	void maxAttemptsOfOneDisablesRetries() {
		this.contextRunner.withPropertyValues("bedrock.converse.retry.max-attempts=1").run((context) -> {
			stub.get().enqueue(StubAnswer.error(429, "ThrottlingException", "slow down"));

			Throwable thrown = catchThrowable(() -> context.getBean(ChatModel.class).call(new Prompt("Hello")));

			assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class).hasMessageContaining("slow down");
			assertThat(stub.get().requests()).hasSize(1);
		});
	}

	@Test
	void aStreamIsRetriedBeforeItsFirstEventAndEachDeltaIsSeenOnce() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.retry.mode=standard", "bedrock.converse.retry.max-attempts=3")
			.run((context) -> {
				stub.get().enqueue(StubAnswer.error(503, "ServiceUnavailableException", "busy"));
				stub.get().enqueue(StubAnswer.error(500, "InternalServerException", "oops"));

				List<String> texts = context.getBean(ChatModel.class)
					.stream(new Prompt("I love programming."))
					.map((response) -> response.getResult().getOutput().getText())
					.collectList()
					.block(Duration.ofSeconds(10));

				assertThat(texts).containsExactly("Echo:", " I", " love", " programming.", "");
				assertThat(stub.get().requests()).hasSize(3);
			});
	}

	@Test
	void retryModesSelectTheSdkStrategyOnBothClients() {
		this.contextRunner.withPropertyValues("bedrock.converse.retry.mode=adaptive").run((context) -> {
			assertThat(retryStrategy(context, BedrockRuntimeClient.class)).isInstanceOf(AdaptiveRetryStrategy.class);
			assertThat(retryStrategy(context, BedrockRuntimeAsyncClient.class))
				.isInstanceOf(AdaptiveRetryStrategy.class);
		});
		this.contextRunner.withPropertyValues("bedrock.converse.retry.mode=legacy")
			.run((context) -> assertThat(retryStrategy(context, BedrockRuntimeClient.class))
				.isInstanceOf(LegacyRetryStrategy.class));
		this.contextRunner
			.withPropertyValues("bedrock.converse.retry.mode=standard", "bedrock.converse.retry.max-attempts=7")
			.run((context) -> {
				RetryStrategy strategy = retryStrategy(context, BedrockRuntimeAsyncClient.class);
				assertThat(strategy).isInstanceOf(StandardRetryStrategy.class);
				assertThat(strategy.maxAttempts()).isEqualTo(7);
			});
	}

	@Test
	void withoutRetryPropertiesTheSdkDefaultStrategyIsKept() {
		new ApplicationContextRunner().withConfiguration(BedrockConverseContextRunners.CLIENTS)
			.withPropertyValues("bedrock.converse.region=us-east-1")
			.run((context) -> {
				try (BedrockRuntimeClient plain = BedrockRuntimeClient.builder()
					.region(software.amazon.awssdk.regions.Region.US_EAST_1)
					.build()) {
					RetryStrategy sdkDefault = plain.serviceClientConfiguration()
						.overrideConfiguration()
						.retryStrategy()
						.orElseThrow();
					RetryStrategy configured = retryStrategy(context, BedrockRuntimeClient.class);
					assertThat(configured.getClass()).isEqualTo(sdkDefault.getClass());
					assertThat(configured.maxAttempts()).isEqualTo(sdkDefault.maxAttempts());
				}
			});
	}

	@Test
	void maxAttemptsBelowOneFailsAtStartUp() {
		this.contextRunner.withPropertyValues("bedrock.converse.retry.max-attempts=0").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.retry.max-attempts")
				.contains("at least 1");
		});
	}

	@Test
	void aBaseDelayAboveTheMaxBackoffFailsAtStartUp() {
		this.contextRunner.withPropertyValues("bedrock.converse.retry.base-delay=5s").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.retry.base-delay");
			assertThat(analysis.getAction()).contains("bedrock.converse.retry.max-backoff");
		});
	}

	@Test
	void theStreamIdleTimeoutEndsAStreamThatPausesTooLong() {
		this.contextRunner.withPropertyValues("bedrock.converse.stream.idle-timeout=1s").run((context) -> {
			stub.get()
				.enqueue(
						StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "one"),
								StubEvent.contentBlockDelta(0, " two").delayedBy(Duration.ofSeconds(4)),
								StubEvent.messageStop("end_turn"), StubEvent.metadata(1, 2, 1))));
			List<String> seen = new ArrayList<>();

			Throwable thrown = catchThrowable(() -> context.getBean(ChatModel.class)
				.stream(new Prompt("Hello"))
				.doOnNext((response) -> seen.add(response.getResult().getOutput().getText()))
				.blockLast(Duration.ofSeconds(10)));

			assertThat(seen).containsExactly("one");
			assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
				.hasMessageContaining("bedrock.converse.stream.idle-timeout");
		});
	}

	@Test
	void theFirstTokenTimeoutEndsAStreamWhoseFirstTokenIsLate() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.stream.first-token-timeout=300ms",
					"bedrock.converse.stream.idle-timeout=10s")
			.run((context) -> {
				stub.get()
					.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart().delayedBy(Duration.ofSeconds(2)),
							StubEvent.contentBlockDelta(0, "late"), StubEvent.messageStop("end_turn"),
							StubEvent.metadata(1, 1, 1))));

				Throwable thrown = catchThrowable(() -> context.getBean(ChatModel.class)
					.stream(new Prompt("Hello"))
					.blockLast(Duration.ofSeconds(10)));

				assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
					.hasMessageContaining("bedrock.converse.stream.first-token-timeout");
			});
	}

	@Test
	void aNonPositiveStreamTimeoutFailsAtStartUp() {
		this.contextRunner.withPropertyValues("bedrock.converse.stream.idle-timeout=0s").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.stream.idle-timeout").contains("positive");
		});
	}

	@Test
	void theApiCallAttemptTimeoutEndsEachSlowAttemptAndTheSdkRetriesUpToMaxAttempts() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.client.api-call-attempt-timeout=300ms",
					"bedrock.converse.retry.max-attempts=2")
			.run((context) -> {
				for (int i = 0; i < 2; i++) {
					stub.get()
						.enqueue(StubAnswer
							.streamEvents(List.of(StubEvent.messageStart().delayedBy(Duration.ofSeconds(2)),
									StubEvent.contentBlockDelta(0, "late"), StubEvent.messageStop("end_turn"),
									StubEvent.metadata(1, 1, 1))));
				}

				Throwable thrown = catchThrowable(() -> context.getBean(ChatModel.class).call(new Prompt("Hello")));

				assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
					.hasMessageContaining("ApiCallAttemptTimeoutException");
				assertThat(stub.get().requests()).hasSize(2);
			});
	}

	@Test
	void theConnectTimeoutEndsACallToAServerThatNeverAcceptsTheConnection() throws Exception {
		// A loopback listener that never accepts, with its accept queue filled: further
		// SYNs go unanswered, so
		// connecting hangs until the connect timeout.
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			List<java.net.Socket> fillers = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					java.net.Socket filler = new java.net.Socket();
					try {
						filler.connect(silent.getLocalSocketAddress(), 200);
					}
					catch (java.io.IOException queueFull) {
						// The queue is full: what the test needs.
					}
					fillers.add(filler);
				}
				this.contextRunner
					.withPropertyValues("bedrock.converse.endpoint=http://127.0.0.1:" + silent.getLocalPort(),
							"bedrock.converse.client.connect-timeout=300ms", "bedrock.converse.retry.max-attempts=1")
					.run((context) -> {
						ChatModel model = context.getBean(ChatModel.class);
						long start = System.nanoTime();
						Throwable thrown = catchThrowable(() -> model.call(new Prompt("Hello")));
						Duration waited = Duration.ofNanos(System.nanoTime() - start);

						// Nothing was sent: connection advice, not long generations.
						assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
							.hasMessageContaining("Could not reach Amazon Bedrock")
							.hasMessageContaining("bedrock.converse.client.connect-timeout")
							.hasMessageNotContaining("stream()")
							.hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
						// Not a speed target: it shows the configured 300ms applied, not
						// the SDK's 2s default.
						assertThat(waited).isLessThan(Duration.ofSeconds(2));
					});
			}
			finally {
				for (java.net.Socket filler : fillers) {
					filler.close();
				}
			}
		}
	}

	/**
	 * The prompt fails before sending, naming the property, until the property is true;
	 * then the answer is checked.
	 * @param property the boolean property that lets the prompt through
	 * @param prompt the prompt
	 * @param whenEnabled what the answer must satisfy with the property on
	 */
	private void rejectedUnlessEnabled(String property, Prompt prompt, Consumer<ChatResponse> whenEnabled) {
		this.contextRunner.run((context) -> {
			assertThatIllegalArgumentException().isThrownBy(() -> context.getBean(ChatModel.class).call(prompt))
				.withMessageContaining(property);
			assertThat(stub.get().requests()).isEmpty();
		});
		this.contextRunner.withPropertyValues(property + "=true")
			.run((context) -> whenEnabled.accept(context.getBean(ChatModel.class).call(prompt)));
	}

	@Test
	void consecutiveUserMessagesAreRejectedUnlessMergingIsEnabled() {
		rejectedUnlessEnabled("bedrock.converse.merge-consecutive-messages",
				new Prompt(List.of(new UserMessage("one"), new UserMessage("two"))),
				(response) -> assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: onetwo"));
	}

	@Test
	void aHistoryStartingWithAnAssistantTurnIsRejectedUnlessHistoryRepairIsEnabled() {
		rejectedUnlessEnabled("bedrock.converse.history-repair",
				new Prompt(List.of(new AssistantMessage("Earlier answer."), new UserMessage("Hi"))), (response) -> {
					assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: Hi");
					List<String> repairs = response.getMetadata().get(BedrockConverseMetadata.HISTORY_REPAIRS);
					assertThat(repairs).containsExactly(
							"dropped messages[0] (assistant) at the start of the history: Converse starts with a user turn");
				});
	}

	@Test
	void aDefaultTemperatureOutOfRangeFailsAtStartUp() {
		this.contextRunner.withPropertyValues("bedrock.converse.options.temperature=1.5").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.options.temperature").contains("0 to 1");
		});
	}

	@Test
	void aDefaultMaxTokensBelowOneFailsAtStartUp() {
		this.contextRunner.withPropertyValues("bedrock.converse.options.max-tokens=0").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.options.max-tokens");
		});
	}

}
