package dev.bedrockconverse.stub;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code Converse} through the real AWS SDK v2 sync clients (Apache 5 and URLConnection).
 */
@ExtendWith(BedrockStubExtension.class)
class ConverseWithSdkTests {

	private static void assertForbidden(BedrockRuntimeClient client, String errorCode, Consumer<String> message) {
		assertThatThrownBy(() -> client.converse(ask("Hi"))).isInstanceOfSatisfying(AwsServiceException.class, (ex) -> {
			assertThat(ex.statusCode()).isEqualTo(403);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(errorCode);
			message.accept(ex.awsErrorDetails().errorMessage());
		});
	}

	private static ConverseRequest ask(String text) {
		return ConverseRequest.builder().modelId(SdkClients.MODEL_ID).messages(SdkClients.user(text)).build();
	}

	@Test
	void apacheClientGetsTheEchoAnswer(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(ask("I love programming."));

			assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
			assertThat(response.output().message().content()).extracting(ContentBlock::text)
				.containsExactly("Echo: I love programming.");
			assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
			assertThat(response.usage().inputTokens()).isEqualTo(3);
			assertThat(response.usage().outputTokens()).isEqualTo(4);
			assertThat(response.usage().totalTokens()).isEqualTo(7);
			assertThat(response.metrics().latencyMs()).isEqualTo(1L);
			assertThat(response.responseMetadata().requestId()).isNotBlank().isNotEqualTo("UNKNOWN");
		}
		RecordedRequest recorded = stub.lastRequest();
		assertThat(recorded.operation()).isEqualTo("Converse");
		assertThat(recorded.modelId()).isEqualTo(SdkClients.MODEL_ID);
		assertThat(recorded.signature()).isEqualTo(SignatureResult.VALID);
		assertThat(recorded.protocol()).isEqualTo("HTTP/1.1");
		assertThat(recorded.body().path("messages").get(0).path("content").get(0).path("text").asString())
			.isEqualTo("I love programming.");
		assertThat(recorded.bodyText()).contains("I love programming.");
		assertThat(recorded.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
	}

	@Test
	void urlConnectionClientGetsTheEchoAnswer(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.urlConnection(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(ask("Hello stub"));

			assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: Hello stub");
			assertThat(response.usage().outputTokens()).isEqualTo(3);
		}
		assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
	}

	@Test
	void inferenceProfileArnIsDecodedFromThePath(BedrockStub stub) {
		String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0";
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			client.converse(ConverseRequest.builder().modelId(arn).messages(SdkClients.user("Hi")).build());
		}
		RecordedRequest recorded = stub.lastRequest();
		assertThat(recorded.modelId()).isEqualTo(arn);
		assertThat(recorded.path()).contains("%2F").contains("%3A").endsWith("/converse");
		assertThat(recorded.signature()).isEqualTo(SignatureResult.VALID);
	}

	@Test
	void inputTokensCountSystemAndAllMessageWords(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(ConverseRequest.builder()
				.modelId(SdkClients.MODEL_ID)
				.system(SystemContentBlock.fromText("You are terse."))
				.messages(SdkClients.user("one two"),
						Message.builder()
							.role(ConversationRole.ASSISTANT)
							.content(ContentBlock.fromText("three"))
							.build(),
						Message.builder()
							.role(ConversationRole.USER)
							.content(ContentBlock.fromText("four "), ContentBlock.fromText("five"))
							.build())
				.build());

			// 3 system + 2 + 1 + 2 words; the answer echoes only the newest user message,
			// blocks concatenated.
			assertThat(response.usage().inputTokens()).isEqualTo(8);
			assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: four five");
			assertThat(response.usage().outputTokens()).isEqualTo(3);
		}
	}

	@Test
	void maxTokensCutsTheAnswer(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client
				.converse(ask("I love programming.").toBuilder().inferenceConfig((c) -> c.maxTokens(2)).build());

			assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: I");
			assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
			assertThat(response.usage().outputTokens()).isEqualTo(2);
		}
	}

	@Test
	void stopSequenceCutsBeforeItself(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(ask("I love programming.").toBuilder()
				.inferenceConfig((c) -> c.stopSequences("gram", "love"))
				.build());

			assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: I ");
			assertThat(response.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
			assertThat(response.usage().outputTokens()).isEqualTo(2);
		}
	}

	@Test
	void scriptedTextAnswerWithFixedStopReasonAndUsage(BedrockStub stub) {
		stub.enqueue(StubAnswer.text("Hello there").withStopReason("max_tokens").withUsage(11, 22));
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse first = client.converse(ask("Anything"));
			ConverseResponse second = client.converse(ask("Again"));

			assertThat(first.output().message().content().get(0).text()).isEqualTo("Hello there");
			assertThat(first.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
			assertThat(first.usage().inputTokens()).isEqualTo(11);
			assertThat(first.usage().outputTokens()).isEqualTo(22);
			assertThat(first.usage().totalTokens()).isEqualTo(33);
			// The queue is consumed: the next request is echoed again.
			assertThat(second.output().message().content().get(0).text()).isEqualTo("Echo: Again");
		}
	}

	@Test
	void scriptedThrottlingSurfacesAsTypedException(BedrockStub stub) {
		stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests"));
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			assertThatThrownBy(() -> client.converse(ask("Hi"))).isInstanceOfSatisfying(ThrottlingException.class,
					(ex) -> {
						assertThat(ex.statusCode()).isEqualTo(429);
						assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
						assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("Too many requests");
						assertThat(ex.requestId()).isNotBlank();
					});
		}
	}

	@Test
	void scriptedModelTimeoutSurfacesAsTypedException(BedrockStub stub) {
		stub.enqueue(StubAnswer.error(408, "ModelTimeoutException", "Model timed out"));
		try (BedrockRuntimeClient client = SdkClients.urlConnection(stub, SdkClients.testCredentials())) {
			assertThatThrownBy(() -> client.converse(ask("Hi"))).isInstanceOf(ModelTimeoutException.class)
				.hasMessageContaining("Model timed out");
		}
	}

	@Test
	void conversationStartingWithAssistantIsRejected(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseRequest request = ConverseRequest.builder()
				.modelId(SdkClients.MODEL_ID)
				.messages(
						Message.builder().role(ConversationRole.ASSISTANT).content(ContentBlock.fromText("Hi")).build())
				.build();
			assertThatThrownBy(() -> client.converse(request)).isInstanceOfSatisfying(ValidationException.class,
					(ex) -> {
						assertThat(ex.statusCode()).isEqualTo(400);
						assertThat(ex.awsErrorDetails().errorMessage()).contains("must start with a user message");
					});
		}
	}

	@Test
	void emptyMessagesAreRejected(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseRequest request = ConverseRequest.builder()
				.modelId(SdkClients.MODEL_ID)
				.messages(List.of())
				.build();
			assertThatThrownBy(() -> client.converse(request)).isInstanceOf(ValidationException.class);
		}
	}

	@Test
	void wrongSecretIsAnInvalidSignature(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub,
				SdkClients.credentials(BedrockStub.TEST_ACCESS_KEY_ID, "not-the-secret"))) {
			assertForbidden(client, "InvalidSignatureException",
					(message) -> assertThat(message).startsWith("The request signature we calculated does not match"));
		}
		assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.INVALID);
	}

	@Test
	void unknownAccessKeyIsAnUnrecognizedClient(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.urlConnection(stub,
				SdkClients.credentials("AKIAUNKNOWN", BedrockStub.TEST_SECRET_ACCESS_KEY))) {
			assertForbidden(client, "UnrecognizedClientException", (message) -> assertThat(message)
				.isEqualTo("The security token included in the request is invalid."));
		}
		assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.UNKNOWN_ACCESS_KEY);
	}

	@Test
	void anonymousRequestIsMissingAuthentication(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, AnonymousCredentialsProvider.create())) {
			assertForbidden(client, "MissingAuthenticationTokenException", (message) -> {
			});
		}
		assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.MISSING);
	}

	@Test
	void sessionCredentialsAreVerified() {
		try (BedrockStub stub = BedrockStub.builder().sessionToken("the-token").build().start();
				BedrockRuntimeClient good = SdkClients.apache(stub,
						StaticCredentialsProvider.create(AwsSessionCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID,
								BedrockStub.TEST_SECRET_ACCESS_KEY, "the-token")));
				BedrockRuntimeClient bad = SdkClients.apache(stub,
						StaticCredentialsProvider.create(AwsSessionCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID,
								BedrockStub.TEST_SECRET_ACCESS_KEY, "other-token")))) {
			assertThat(good.converse(ask("Hi")).output().message().content().get(0).text()).isEqualTo("Echo: Hi");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
			assertThat(stub.lastRequest().header("X-Amz-Security-Token")).isEqualTo("the-token");

			assertThatThrownBy(() -> bad.converse(ask("Hi"))).isInstanceOfSatisfying(AwsServiceException.class,
					(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.INVALID_SESSION_TOKEN);
		}
	}

	@Test
	void additionalKeyPairsAreAcceptedAndTheScopeShowsTheSigningRegion() {
		try (BedrockStub stub = BedrockStub.builder()
			.additionalKeyPair("AKIDTENANTB", "tenant-b-secret")
			.build()
			.start();
				BedrockRuntimeClient tenantB = BedrockRuntimeClient.builder()
					.endpointOverride(stub.endpoint())
					.region(Region.EU_WEST_1)
					.credentialsProvider(SdkClients.credentials("AKIDTENANTB", "tenant-b-secret"))
					.httpClient(Apache5HttpClient.builder().build())
					.build();
				BedrockRuntimeClient wrongSecret = SdkClients.apache(stub,
						SdkClients.credentials("AKIDTENANTB", BedrockStub.TEST_SECRET_ACCESS_KEY))) {
			assertThat(tenantB.converse(ask("Hi")).output().message().content().get(0).text()).isEqualTo("Echo: Hi");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
			assertThat(stub.lastRequest().accessKeyId()).isEqualTo("AKIDTENANTB");
			assertThat(stub.lastRequest().credentialScope()).matches("\\d{8}/eu-west-1/bedrock/aws4_request");

			assertForbidden(wrongSecret, "InvalidSignatureException", (message) -> {
			});
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.INVALID);
		}
	}

	@Test
	void enforcementOffAcceptsAnyCredentials() {
		try (BedrockStub stub = BedrockStub.builder().enforceSignatures(false).build().start();
				BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.credentials("anything", "whatever"))) {
			assertThat(client.converse(ask("Hi")).output().message().content().get(0).text()).isEqualTo("Echo: Hi");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.NOT_CHECKED);
		}
	}

}
