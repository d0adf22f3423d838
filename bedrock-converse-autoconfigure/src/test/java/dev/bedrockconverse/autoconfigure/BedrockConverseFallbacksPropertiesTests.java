package dev.bedrockconverse.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseTransientException;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code bedrock.converse.fallbacks} through the auto-configured model, across two stubs:
 * the configured endpoint throttles, the first fallback (another region, at the second
 * stub's endpoint) answers; a model fallback goes through the same clients; bad entries
 * fail at start-up naming the entry.
 */
class BedrockConverseFallbacksPropertiesTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private static final BedrockStub westStub = BedrockStub.builder().build().start();

	private static final String FALLBACK_MODEL = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withPropertyValues("bedrock.converse.retry.max-attempts=1");

	@BeforeEach
	void resetStubs() {
		stub.get().reset();
		westStub.reset();
	}

	@AfterAll
	static void closeSecondStub() {
		westStub.close();
	}

	private static String region(RecordedRequest request) {
		return request.credentialScope().split("/")[1];
	}

	@Test
	void aThrottledCallAndStreamFailOverToTheConfiguredRegion() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.fallbacks[0].region=us-west-2",
					"bedrock.converse.fallbacks[0].endpoint=" + westStub.endpoint())
			.run((context) -> {
				stub.get().enqueue(StubAnswer.error(429, "ThrottlingException", "slow down"));
				stub.get().enqueue(StubAnswer.error(503, "ServiceUnavailableException", "busy"));
				ChatModel model = context.getBean(ChatModel.class);

				ChatResponse called = model.call(new Prompt("Hello"));
				List<ChatResponse> streamed = model.stream(new Prompt("Hello"))
					.collectList()
					.block(Duration.ofSeconds(10));

				assertThat(called.getResult().getOutput().getText()).isEqualTo("Echo: Hello");
				assertThat((String) called.getMetadata().get(BedrockConverseMetadata.REGION)).isEqualTo("us-west-2");
				assertThat(streamed).extracting((response) -> response.getResult().getOutput().getText())
					.containsExactly("Echo:", " Hello", "");
				assertThat(stub.get().requests()).hasSize(2);
				assertThat(westStub.requests()).extracting(RecordedRequest::operation)
					.containsExactly("Converse", "ConverseStream");
				assertThat(westStub.requests()).allSatisfy((request) -> {
					assertThat(region(request)).isEqualTo("us-west-2");
					assertThat(request.modelId()).isEqualTo(BedrockConverseContextRunners.MODEL);
				});
			});
	}

	@ParameterizedTest
	@CsvSource({ "bedrock.converse.fallbacks, chatBedrockConverse", "bedrock.converse.models.fast.fallbacks, fast" })
	void aModelFallbackGoesThroughTheSameClients(String fallbacks, String bean) {
		this.contextRunner
			.withPropertyValues("bedrock.converse.models.fast.model=" + BedrockConverseContextRunners.MODEL,
					fallbacks + "[0].model=" + FALLBACK_MODEL)
			.run((context) -> {
				stub.get().enqueue(StubAnswer.error(429, "ThrottlingException", "slow down"));

				ChatResponse response = context.getBean(bean, ChatModel.class).call(new Prompt("Hello"));

				assertThat(response.getMetadata().getModel()).isEqualTo(FALLBACK_MODEL);
				assertThat(stub.get().requests()).extracting(RecordedRequest::modelId)
					.containsExactly(BedrockConverseContextRunners.MODEL, FALLBACK_MODEL);
			});
	}

	@Test
	void aNamedModelDoesNotInheritTheTopLevelFallbacks() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.models.fast.model=" + BedrockConverseContextRunners.MODEL,
					"bedrock.converse.fallbacks[0].model=" + FALLBACK_MODEL)
			.run((context) -> {
				stub.get().enqueue(StubAnswer.error(429, "ThrottlingException", "slow down"));
				ChatModel fast = context.getBean("fast", ChatModel.class);

				assertThatExceptionOfType(BedrockConverseTransientException.class)
					.isThrownBy(() -> fast.call(new Prompt("Hello")));
				assertThat(stub.get().requests()).extracting(RecordedRequest::modelId)
					.containsExactly(BedrockConverseContextRunners.MODEL);
			});
	}

	@Test
	void aNamedModelsFallbackWithAnInvalidRegionFailsAtStartUpNamingTheEntry() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.models.fast.model=" + BedrockConverseContextRunners.MODEL,
					"bedrock.converse.models.fast.fallbacks[0].region=Mars")
			.run((context) -> assertThat(BedrockConverseContextRunners.analyze(context).getDescription())
				.contains("bedrock.converse.models.fast.fallbacks[0].region"));
	}

	@Test
	void aFallbackWithAnInvalidRegionFailsAtStartUpNamingTheEntry() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.fallbacks[0].model=" + FALLBACK_MODEL,
					"bedrock.converse.fallbacks[1].region=Mars")
			.run((context) -> {
				FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
				assertThat(analysis.getDescription()).contains("bedrock.converse.fallbacks[1].region")
					.contains("not an AWS region name");
			});
	}

	@Test
	void aFallbackThatSetsNothingFailsAtStartUp() {
		this.contextRunner.withPropertyValues("bedrock.converse.fallbacks[0].model= ").run((context) -> {
			FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.fallbacks[0]");
		});
	}

}
