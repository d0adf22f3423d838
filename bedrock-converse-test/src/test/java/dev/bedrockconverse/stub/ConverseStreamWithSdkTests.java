package dev.bedrockconverse.stub;

import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ConverseStream} through the real AWS SDK v2 Netty async client, over HTTP/1.1
 * and over h2c.
 */
@ExtendWith(BedrockStubExtension.class)
class ConverseStreamWithSdkTests {

	private static ConverseStreamRequest ask(String text) {
		return ConverseStreamRequest.builder().modelId(SdkClients.MODEL_ID).messages(SdkClients.user(text)).build();
	}

	private static void assertEchoStream(SdkClients.StreamResult result) {
		assertThat(result.deltas).containsExactly("Echo:", " I", " love", " programming.");
		assertThat(result.stopReason).isEqualTo("end_turn");
		assertThat(result.metadata.usage().inputTokens()).isEqualTo(3);
		assertThat(result.metadata.usage().outputTokens()).isEqualTo(4);
		assertThat(result.metadata.usage().totalTokens()).isEqualTo(7);
		assertThat(result.metadata.metrics().latencyMs()).isEqualTo(1L);
		assertThat(result.eventTypes).containsExactly("messageStart", "contentBlockDelta", "contentBlockDelta",
				"contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
	}

	@Test
	void streamsWordDeltasOverHttp1(BedrockStub stub) {
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP1_1,
				SdkClients.testCredentials())) {
			assertEchoStream(SdkClients.stream(client, ask("I love programming.")));
		}
		RecordedRequest recorded = stub.lastRequest();
		assertThat(recorded.operation()).isEqualTo("ConverseStream");
		assertThat(recorded.modelId()).isEqualTo(SdkClients.MODEL_ID);
		assertThat(recorded.protocol()).isEqualTo("HTTP/1.1");
		assertThat(recorded.signature()).isEqualTo(SignatureResult.VALID);
	}

	@Test
	void streamsWordDeltasOverHttp2PriorKnowledge(BedrockStub stub) {
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			assertEchoStream(SdkClients.stream(client, ask("I love programming.")));
		}
		RecordedRequest recorded = stub.lastRequest();
		assertThat(recorded.protocol()).isEqualTo("HTTP/2.0");
		assertThat(recorded.signature()).isEqualTo(SignatureResult.VALID);
	}

	@Test
	void asyncConverseWorksOverHttp2(BedrockStub stub) {
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			ConverseResponse response = client
				.converse(
						ConverseRequest.builder().modelId(SdkClients.MODEL_ID).messages(SdkClients.user("Hi")).build())
				.join();
			assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: Hi");
		}
		assertThat(stub.lastRequest().protocol()).isEqualTo("HTTP/2.0");
		assertThat(stub.lastRequest().operation()).isEqualTo("Converse");
	}

	@Test
	void scriptedTextIsStreamedWordByWord(BedrockStub stub) {
		stub.enqueue(StubAnswer.text("Hello there, friend"));
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			SdkClients.StreamResult result = SdkClients.stream(client, ask("Hi"));
			assertThat(result.deltas).containsExactly("Hello", " there,", " friend");
			assertThat(result.metadata.usage().outputTokens()).isEqualTo(3);
		}
	}

	@Test
	void maxTokensCutsTheStream(BedrockStub stub) {
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP1_1,
				SdkClients.testCredentials())) {
			SdkClients.StreamResult result = SdkClients.stream(client,
					ask("I love programming.").toBuilder().inferenceConfig((c) -> c.maxTokens(3)).build());
			assertThat(result.deltas).containsExactly("Echo:", " I", " love");
			assertThat(result.stopReason).isEqualTo("max_tokens");
		}
	}

	@Test
	void midStreamThrottlingEventSurfacesAsThrottlingException(BedrockStub stub) {
		stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.contentBlockDelta(0, "Partial"), StubEvent.exception("throttlingException", "Slow down"))));
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			SdkClients.StreamResult[] holder = new SdkClients.StreamResult[1];
			assertThatThrownBy(() -> holder[0] = SdkClients.stream(client, ask("Hi")))
				.isInstanceOf(CompletionException.class)
				.cause()
				.isInstanceOf(ThrottlingException.class)
				.hasMessageContaining("Slow down");
		}
	}

	@Test
	void midStreamModelStreamErrorSurfacesAsTypedException(BedrockStub stub) {
		stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.exception("ModelStreamErrorException", "The model broke"))));
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP1_1,
				SdkClients.testCredentials())) {
			assertThatThrownBy(() -> SdkClients.stream(client, ask("Hi"))).cause()
				.isInstanceOf(ModelStreamErrorException.class)
				.hasMessageContaining("The model broke");
		}
	}

	@Test
	void streamMayEndWithoutMessageStopOrMetadata(BedrockStub stub) {
		stub.enqueue(StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Cut"),
				StubEvent.contentBlockStop(0))));
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			SdkClients.StreamResult result = SdkClients.stream(client, ask("Hi"));
			assertThat(result.deltas).containsExactly("Cut");
			assertThat(result.stopReason).isNull();
			assertThat(result.metadata).isNull();
		}
	}

	@Test
	void scriptedErrorBeforeTheStreamIsAnHttpError(BedrockStub stub) {
		stub.enqueue(StubAnswer.error(429, "ThrottlingException", "Too many requests"));
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			assertThatThrownBy(() -> SdkClients.stream(client, ask("Hi"))).cause()
				.isInstanceOfSatisfying(ThrottlingException.class, (ex) -> assertThat(ex.statusCode()).isEqualTo(429));
		}
	}

	@Test
	void wrongSecretIsRejectedOverHttp2(BedrockStub stub) {
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2,
				SdkClients.credentials(BedrockStub.TEST_ACCESS_KEY_ID, "nope"))) {
			assertThatThrownBy(() -> SdkClients.stream(client, ask("Hi"))).cause()
				.isInstanceOfSatisfying(AwsServiceException.class, (ex) -> {
					assertThat(ex.statusCode()).isEqualTo(403);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
				});
		}
		assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.INVALID);
	}

	@Test
	void inferenceProfileArnIsDecodedOverHttp2(BedrockStub stub) {
		String arn = "arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/abc123";
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			SdkClients.stream(client, ask("Hi").toBuilder().modelId(arn).build());
		}
		assertThat(stub.lastRequest().modelId()).isEqualTo(arn);
		assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
	}

}
