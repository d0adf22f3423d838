package dev.bedrockconverse.stub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Signature cases beyond the SDK's everyday request: clock skew, inference-profile ARNs
 * in the path, and {@code UNSIGNED-PAYLOAD}.
 */
class SignatureEdgesWithSdkTests {

	private static final String PROFILE_ARN = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
			+ "us.anthropic.claude-3-5-sonnet-20240620-v1:0";

	private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}";

	@Test
	void requestSignedMoreThanFiveMinutesBeforeTheStubsClockIsExpired() {
		assertThat(refusedWithStubClockAhead(Duration.ofMinutes(10))).matches(
				"Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
	}

	@Test
	void requestSignedMoreThanFiveMinutesAfterTheStubsClockIsNotYetCurrent() {
		assertThat(refusedWithStubClockAhead(Duration.ofMinutes(-10))).startsWith("Signature not yet current: ");
	}

	/** Calls a stub whose clock is off by the given amount; returns the 403's message. */
	private static String refusedWithStubClockAhead(Duration offset) {
		try (BedrockStub stub = BedrockStub.builder().clock(Clock.offset(Clock.systemUTC(), offset)).build().start();
				BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseRequest request = SdkClients.request("Hi").build();
			AwsServiceException ex = catchThrowableOfType(AwsServiceException.class, () -> client.converse(request));
			assertThat(ex.statusCode()).isEqualTo(403);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.EXPIRED);
			return ex.awsErrorDetails().errorMessage();
		}
	}

	@Test
	void inferenceProfileArnThroughTheJavaSdk() {
		try (BedrockStub stub = BedrockStub.builder().build().start();
				BedrockRuntimeClient client = SdkClients.urlConnection(stub, SdkClients.testCredentials())) {
			client.converse(ConverseRequest.builder().modelId(PROFILE_ARN).messages(SdkClients.user("Hi")).build());
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
			assertThat(stub.lastRequest().modelId()).isEqualTo(PROFILE_ARN);
			assertThat(stub.lastRequest().path()).contains("%3A").contains("%2F");
		}
	}

	@Test
	void unsignedPayloadIsAcceptedAndStillNeedsTheSecret() throws Exception {
		try (BedrockStub stub = BedrockStub.builder().build().start()) {
			assertThat(sendUnsigned(stub, BedrockStub.TEST_SECRET_ACCESS_KEY, BODY).statusCode()).isEqualTo(200);
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
			assertThat(stub.lastRequest().headers().get("x-amz-content-sha256")).containsExactly("UNSIGNED-PAYLOAD");
			HttpResponse<String> wrong = sendUnsigned(stub, "not-the-secret", BODY);
			assertThat(wrong.statusCode()).isEqualTo(403);
			assertThat(wrong.headers().firstValue("x-amzn-ErrorType"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("InvalidSignatureException:"));
		}
	}

	/**
	 * Signs with the SDK's signer as for HTTPS without payload signing (the body hash is
	 * {@code UNSIGNED-PAYLOAD}), and sends over the stub's cleartext port: the scheme is
	 * not part of the signature.
	 */
	private static HttpResponse<String> sendUnsigned(BedrockStub stub, String secret, String body) throws Exception {
		String path = "/model/" + SdkClients.MODEL_ID.replace(":", "%3A") + "/converse";
		SdkHttpRequest unsigned = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(URI.create("https://127.0.0.1:" + stub.port() + path))
			.putHeader("Content-Type", "application/json")
			.putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
			.build();
		SignedRequest signed = AwsV4HttpSigner.create()
			.sign(SignRequest.builder(AwsCredentialsIdentity.create(BedrockStub.TEST_ACCESS_KEY_ID, secret))
				.request(unsigned)
				.payload(ContentStreamProvider.fromUtf8String(body))
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
				.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
				.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC))
				.build());
		assertThat(signed.request().firstMatchingHeader("Authorization"))
			.hasValueSatisfying((a) -> assertThat(a).contains("x-amz-content-sha256"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.endpoint() + path))
			.version(HttpClient.Version.HTTP_1_1)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
			if (!header.getKey().equalsIgnoreCase("Host")) {
				header.getValue().forEach((value) -> request.header(header.getKey(), value));
			}
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
