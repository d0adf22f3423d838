package dev.bedrockconverse.stub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes on the wire, checked with a plain HTTP client rather than an SDK, against
 * Bedrock's documented shapes.
 */
class WireFormatTests {

	@RegisterExtension
	static final BedrockStubExtension unsigned = BedrockStubExtension.builder()
		.enforceSignatures(false)
		.apiKey("unused")
		.build();

	private static final String ECHO_BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"I love programming.\"}]}]}";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private HttpResponse<byte[]> post(BedrockStub stub, String path, String body, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.endpoint() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	@Test
	void converseStreamFramesEachEventWithItsInnerMemberAsPayload() throws Exception {
		HttpResponse<byte[]> response = post(unsigned.get(), "/model/m/converse-stream", ECHO_BODY, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
		assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
		List<Message> messages = new ArrayList<>();
		new MessageDecoder(messages::add).feed(response.body());
		assertThat(messages).extracting((m) -> m.getHeaders().get(":event-type").getString())
			.containsExactly("messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta",
					"contentBlockDelta", "contentBlockStop", "messageStop", "metadata");
		assertThat(messages).allSatisfy((m) -> {
			assertThat(m.getHeaders().get(":message-type").getString()).isEqualTo("event");
			assertThat(m.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
		});
		assertThat(payloads(messages)).containsExactly("{\"role\":\"assistant\"}",
				"{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Echo:\"}}",
				"{\"contentBlockIndex\":0,\"delta\":{\"text\":\" I\"}}",
				"{\"contentBlockIndex\":0,\"delta\":{\"text\":\" love\"}}",
				"{\"contentBlockIndex\":0,\"delta\":{\"text\":\" programming.\"}}", "{\"contentBlockIndex\":0}",
				"{\"stopReason\":\"end_turn\"}",
				"{\"usage\":{\"inputTokens\":3,\"outputTokens\":4,\"totalTokens\":7},\"metrics\":{\"latencyMs\":1}}");
	}

	@Test
	void exceptionEventsCarryExceptionTypeHeader() throws Exception {
		BedrockStub stub = unsigned.get();
		stub.enqueue(StubAnswer
			.streamEvents(List.of(StubEvent.messageStart(), StubEvent.exception("ThrottlingException", "Slow down"))));
		HttpResponse<byte[]> response = post(stub, "/model/m/converse-stream", ECHO_BODY, null);

		List<Message> messages = new ArrayList<>();
		new MessageDecoder(messages::add).feed(response.body());
		Message exception = messages.get(1);
		assertThat(exception.getHeaders().get(":message-type").getString()).isEqualTo("exception");
		assertThat(exception.getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
		assertThat(new String(exception.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Slow down\"}");
	}

	@Test
	void converseAnswersBedrockJson() throws Exception {
		HttpResponse<byte[]> response = post(unsigned.get(), "/model/m/converse", ECHO_BODY, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(text(response)).isEqualTo("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
				+ "\"Echo: I love programming.\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":3,"
				+ "\"outputTokens\":4,\"totalTokens\":7},\"metrics\":{\"latencyMs\":1}}");
	}

	@Test
	void malformedJsonIsAValidationException() throws Exception {
		HttpResponse<byte[]> response = post(unsigned.get(), "/model/m/converse", "{not json", null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-amzn-ErrorType"))
			.hasValue("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/");
		assertThat(text(response)).startsWith("{\"message\":");
		assertThat(unsigned.get().lastRequest().body().isMissingNode()).isTrue();
		assertThat(unsigned.get().lastRequest().bodyText()).isEqualTo("{not json");
	}

	@Test
	void missingMessagesIsAValidationException() throws Exception {
		HttpResponse<byte[]> response = post(unsigned.get(), "/model/m/converse", "{}", null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-amzn-ErrorType"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("ValidationException:"));
	}

	@Test
	void unknownPathIsAnUnknownOperation() throws Exception {
		HttpResponse<byte[]> response = post(unsigned.get(), "/model/m/invoke-something", ECHO_BODY, null);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("x-amzn-ErrorType"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("UnknownOperationException:"));
		assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
		assertThat(unsigned.get().lastRequest().operation()).isEqualTo("UnknownOperation");
	}

	@Test
	void unsignedRequestIsMissingAuthenticationWhenEnforced() throws Exception {
		try (BedrockStub stub = BedrockStub.builder().build().start()) {
			HttpResponse<byte[]> response = post(stub, "/model/m/converse", ECHO_BODY, null);

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("x-amzn-ErrorType"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("MissingAuthenticationTokenException:"));
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.MISSING);
		}
	}

	@Test
	void bedrockApiKeyIsAcceptedAsBearerToken() throws Exception {
		try (BedrockStub stub = BedrockStub.builder().apiKey("ABSKexample").build().start()) {
			HttpResponse<byte[]> ok = post(stub, "/model/m/converse", ECHO_BODY, "Bearer ABSKexample");
			assertThat(ok.statusCode()).isEqualTo(200);
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_VALID);

			HttpResponse<byte[]> wrong = post(stub, "/model/m/converse", ECHO_BODY, "Bearer other");
			assertThat(wrong.statusCode()).isEqualTo(403);
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_INVALID);
		}
	}

	@Test
	void garbageAuthorizationIsAnIncompleteSignature() throws Exception {
		try (BedrockStub stub = BedrockStub.builder().build().start()) {
			HttpResponse<byte[]> response = post(stub, "/model/m/converse", ECHO_BODY, "AWS4-HMAC-SHA256 nonsense");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("x-amzn-ErrorType"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("IncompleteSignatureException:"));
		}
	}

	private static List<String> payloads(List<Message> messages) {
		return messages.stream().map((m) -> new String(m.getPayload(), StandardCharsets.UTF_8)).toList();
	}

}
