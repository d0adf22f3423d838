package dev.bedrockconverse.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import dev.bedrockconverse.chat.BedrockConverseNonTransientException;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.SignatureResult;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * End-to-end tests: the auto-configured {@link ChatModel} through the real AWS SDK
 * clients (Apache and Netty) over loopback to the Bedrock stub, which verifies SigV4.
 */
class BedrockConverseStubIntegrationTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get());

	@Test
	void callAnswersThroughTheSyncClient() {
		this.contextRunner.run((context) -> {
			ChatResponse response = context.getBean(ChatModel.class).call(new Prompt("I love programming."));
			assertThat(response.getResult().getOutput().getText()).isEqualTo("Echo: I love programming.");
		});
	}

	@Test
	void callIsSentToTheConfiguredModelWithAValidSignature() {
		this.contextRunner.run((context) -> {
			context.getBean(ChatModel.class).call(new Prompt("I love programming."));
			RecordedRequest request = stub.get().lastRequest();
			assertThat(request.operation()).isEqualTo("Converse");
			assertThat(request.modelId()).isEqualTo(BedrockConverseContextRunners.MODEL);
			assertThat(request.signature()).isEqualTo(SignatureResult.VALID);
		});
	}

	@Test
	void defaultOptionsAreSent() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.options.max-tokens=100", "bedrock.converse.options.temperature=0.5")
			.run((context) -> {
				context.getBean(ChatModel.class).call(new Prompt("I love programming."));
				RecordedRequest request = stub.get().lastRequest();
				assertThat(request.body().path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(100);
				assertThat(request.body().path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.5);
			});
	}

	@Test
	void streamAnswersTheSameTextInFourChunks() {
		this.contextRunner.run((context) -> {
			List<ChatResponse> responses = context.getBean(ChatModel.class)
				.stream(new Prompt("I love programming."))
				.collectList()
				.block();
			List<String> chunks = responses.stream()
				.filter((response) -> response.getResult() != null)
				.map((response) -> response.getResult().getOutput().getText())
				.filter((text) -> text != null && !text.isEmpty())
				.toList();
			assertThat(chunks).containsExactly("Echo:", " I", " love", " programming.");
			assertThat(String.join("", chunks)).isEqualTo("Echo: I love programming.");
		});
	}

	@Test
	void streamIsSentWithAValidSignatureOverCleartextHttp2() {
		this.contextRunner.run((context) -> {
			context.getBean(ChatModel.class).stream(new Prompt("I love programming.")).blockLast();
			RecordedRequest request = stub.get().lastRequest();
			assertThat(request.operation()).isEqualTo("ConverseStream");
			assertThat(request.signature()).isEqualTo(SignatureResult.VALID);
			assertThat(request.protocol()).isEqualTo("HTTP/2.0");
		});
	}

	@Test
	void wrongSecretFailsTheCallWithA403() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.secret-access-key=wrong-secret")
			.run((context) -> {
				Throwable thrown = catchThrowable(
						() -> context.getBean(ChatModel.class).call(new Prompt("I love programming.")));
				AwsServiceException serviceException = BedrockConverseContextRunners.findCause(thrown,
						AwsServiceException.class);
				assertThat(serviceException.statusCode()).isEqualTo(403);
				assertThat(serviceException.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
				assertThat(stub.get().lastRequest().signature()).isEqualTo(SignatureResult.INVALID);
				assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
					.hasMessageContaining("HTTP 403")
					.hasMessageContaining("Check your AWS Secret Access Key")
					.hasMessageContaining("bedrock.converse.credentials");
			});
	}

	@Test
	void wrongSecretFailsTheStreamWithA403() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.secret-access-key=wrong-secret")
			.run((context) -> {
				Throwable thrown = catchThrowable(
						() -> context.getBean(ChatModel.class).stream(new Prompt("I love programming.")).blockLast());
				AwsServiceException serviceException = BedrockConverseContextRunners.findCause(thrown,
						AwsServiceException.class);
				assertThat(serviceException.statusCode()).isEqualTo(403);
				assertThat(serviceException.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
			});
	}

	@Test
	void wrongSecretNeverShowsTheSecretInTheError() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.secret-access-key=wrong-secret-value")
			.run((context) -> {
				Throwable thrown = catchThrowable(
						() -> context.getBean(ChatModel.class).call(new Prompt("I love programming.")));
				assertThat(thrown).isNotNull();
				assertThat(thrown).satisfies((ex) -> assertThat(stackTrace(ex)).doesNotContain("wrong-secret-value"));
			});
	}

	private static String stackTrace(Throwable ex) {
		java.io.StringWriter writer = new java.io.StringWriter();
		ex.printStackTrace(new java.io.PrintWriter(writer));
		return writer.toString();
	}

}
