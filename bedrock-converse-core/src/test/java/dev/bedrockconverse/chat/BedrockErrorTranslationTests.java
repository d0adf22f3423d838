package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bedrock errors, as HTTP errors and as mid-stream exception events, become typed Spring
 * AI exceptions carrying type, status, request id and model id, with advice.
 */
class BedrockErrorTranslationTests extends RetryingStubModelFixture {

	private static final String MODEL = StubClients.MODEL;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ChatBedrockConverse model;

	// No SDK retries: each error reaches the model exactly as Bedrock sent it. The
	// clients are shared by the class: closing a Netty client waits for its quiet period.
	BedrockErrorTranslationTests(BedrockStub stub) {
		super(stub, AwsRetryStrategy.doNotRetry());
		this.model = modelBuilder().build();
	}

	@ParameterizedTest
	@CsvSource({ "429, ThrottlingException, true", "429, ModelNotReadyException, true",
			"503, ServiceUnavailableException, true", "408, ModelTimeoutException, true",
			"500, InternalServerException, true", "400, ValidationException, false",
			"403, AccessDeniedException, false", "404, ResourceNotFoundException, false",
			"400, ServiceQuotaExceededException, false", "424, ModelErrorException, false" })
	void aCallErrorBecomesTransientOrNonTransientWithItsDetails(int status, String type, boolean transientError) {
		this.stub.enqueue(StubAnswer.error(status, type, "scripted " + type));

		Throwable thrown = catchThrowable(() -> this.model.call(new Prompt("Hello")));

		assertThat(thrown).isInstanceOf(transientError ? TransientAiException.class : NonTransientAiException.class)
			.hasMessageContaining("scripted " + type)
			.hasMessageContaining(MODEL);
		BedrockConverseFailure failure = (BedrockConverseFailure) thrown;
		assertThat(failure.getErrorType()).isEqualTo(type);
		assertThat(failure.getStatusCode()).isEqualTo(status);
		assertThat(failure.getModelId()).isEqualTo(MODEL);
		assertThat(failure.getRequestId()).isNotBlank();
		assertThat(thrown.getMessage()).contains(failure.getRequestId());
	}

	@Test
	void accessDeniedSaysToEnableModelAccessAndInvokeModel() {
		this.stub.enqueue(StubAnswer.error(403, "AccessDeniedException", "You don't have access to the model"));

		Throwable thrown = catchThrowable(() -> this.model.call(new Prompt("Hello")));

		assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
			.hasMessageContaining("Model access")
			.hasMessageContaining("bedrock:InvokeModel")
			.hasCauseInstanceOf(AccessDeniedException.class);
	}

	@Test
	void resourceNotFoundNamesTheModelIdRegionAndInferenceProfilePrefix() {
		this.stub.enqueue(StubAnswer.error(404, "ResourceNotFoundException", "Model not found"));

		Throwable thrown = catchThrowable(() -> this.model.call(new Prompt("Hello")));

		assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
			.hasMessageContaining("model id '" + MODEL + "'")
			.hasMessageContaining("bedrock.converse.region")
			.hasMessageContaining("inference profile prefix");
	}

	@Test
	void rejectedCredentialsAreNonTransientAndPointAtTheCredentials() {
		BedrockStub strict = BedrockStub.builder().accessKeyId("AKIDOTHER").build().start();
		try (BedrockRuntimeClient other = StubClients.sync(strict, AwsRetryStrategy.doNotRetry())) {
			ChatBedrockConverse chatModel = ChatBedrockConverse.builder()
				.bedrockRuntimeClient(other)
				.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
				.build();

			Throwable thrown = catchThrowable(() -> chatModel.call(new Prompt("Hello")));

			assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
				.hasMessageContaining("bedrock.converse.credentials");
			assertThat(((BedrockConverseFailure) thrown).getErrorType()).isEqualTo("UnrecognizedClientException");
		}
		finally {
			strict.close();
		}
	}

	@Test
	void aStreamHttpErrorIsTranslatedTheSameWay() {
		this.stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests"));

		Throwable thrown = catchThrowable(() -> this.model.stream(new Prompt("Hello")).blockLast(TIMEOUT));

		assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("Too many requests")
			.hasMessageContaining("bedrock.converse.retry")
			.hasCauseInstanceOf(ThrottlingException.class);
		assertThat(((BedrockConverseFailure) thrown).getStatusCode()).isEqualTo(429);
	}

	@ParameterizedTest
	@CsvSource({ "throttlingException, ThrottlingException, true",
			"modelStreamErrorException, ModelStreamErrorException, true",
			"serviceUnavailableException, ServiceUnavailableException, true",
			"internalServerException, InternalServerException, true",
			"validationException, ValidationException, false" })
	void aMidStreamExceptionEventIsMappedByItsCamelCaseType(String eventType, String type, boolean transientError) {
		this.stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.contentBlockDelta(0, "partial"), StubEvent.exception(eventType, "failed mid-way"))));
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

		Throwable thrown = catchThrowable(() -> this.model.stream(new Prompt("Hello"))
			.doOnNext((response) -> seen.add(response.getResult().getOutput().getText()))
			.blockLast(TIMEOUT));

		assertThat(seen).containsExactly("partial");
		assertThat(thrown).isInstanceOf(transientError ? TransientAiException.class : NonTransientAiException.class)
			.hasMessageContaining("failed mid-way");
		BedrockConverseFailure failure = (BedrockConverseFailure) thrown;
		assertThat(failure.getErrorType()).isEqualTo(type);
		assertThat(failure.getModelId()).isEqualTo(MODEL);
		// The event carries no request id of its own: the stream's response header gives
		// it.
		assertThat(failure.getRequestId()).isNotBlank();
	}

}
