package dev.bedrockconverse.stub;

import java.time.Duration;
import java.time.Instant;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stub's STS ({@code AssumeRole}, {@code AssumeRoleWithWebIdentity}) through the real
 * AWS SDK v2 {@link StsClient}, and the issued temporary credentials on Bedrock calls.
 */
class StsWithSdkTests {

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-caller";

	private static final String WEB_IDENTITY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.stub-web-identity-token.signature";

	private BedrockStub stub;

	@BeforeEach
	void start() {
		this.stub = BedrockStub.builder().webIdentityToken(WEB_IDENTITY_TOKEN).build().start();
	}

	@AfterEach
	void stop() {
		this.stub.close();
	}

	private StsClient sts(AwsCredentialsProvider credentials) {
		return StsClient.builder()
			.endpointOverride(this.stub.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials)
			.httpClient(Apache5HttpClient.builder().build())
			.overrideConfiguration((o) -> o.retryStrategy((r) -> r.maxAttempts(1)))
			.build();
	}

	@Test
	void assumeRoleSignedWithTheBaseKeyIssuesTemporaryCredentials() {
		AssumeRoleResponse response;
		try (StsClient sts = sts(SdkClients.testCredentials())) {
			response = sts.assumeRole((r) -> r.roleArn(ROLE_ARN)
				.roleSessionName("stub-test")
				.externalId("external-42")
				.durationSeconds(900));
		}
		Credentials credentials = response.credentials();
		assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
		assertThat(credentials.secretAccessKey()).isNotBlank();
		assertThat(credentials.sessionToken()).isNotBlank();
		assertThat(credentials.expiration()).isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(901));
		assertThat(response.assumedRoleUser().arn())
			.isEqualTo("arn:aws:sts::123456789012:assumed-role/bedrock-caller/stub-test");

		RecordedRequest recorded = this.stub.lastRequest();
		assertThat(recorded.operation()).isEqualTo("AssumeRole");
		assertThat(recorded.signature()).isEqualTo(SignatureResult.VALID);
		assertThat(recorded.accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
		assertThat(recorded.header("Authorization")).contains("/us-east-1/sts/aws4_request");
		assertThat(this.stub.issuedCredentials()).singleElement().satisfies((issued) -> {
			assertThat(issued.action()).isEqualTo("AssumeRole");
			assertThat(issued.roleArn()).isEqualTo(ROLE_ARN);
			assertThat(issued.roleSessionName()).isEqualTo("stub-test");
			assertThat(issued.externalId()).isEqualTo("external-42");
			assertThat(issued.durationSeconds()).isEqualTo(900);
			assertThat(issued.callerAccessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
			assertThat(issued.accessKeyId()).isEqualTo(credentials.accessKeyId());
			assertThat(issued.toString()).doesNotContain(credentials.secretAccessKey())
				.doesNotContain(credentials.sessionToken());
		});
	}

	@Test
	void temporaryCredentialsSignABedrockCall() {
		Credentials credentials;
		try (StsClient sts = sts(SdkClients.testCredentials())) {
			credentials = sts.assumeRole((r) -> r.roleArn(ROLE_ARN).roleSessionName("stub-test")).credentials();
		}
		AwsSessionCredentials session = AwsSessionCredentials.create(credentials.accessKeyId(),
				credentials.secretAccessKey(), credentials.sessionToken());
		try (BedrockRuntimeClient bedrock = SdkClients.apache(this.stub, StaticCredentialsProvider.create(session))) {
			assertThat(bedrock.converse(SdkClients.request("Hi there").build()).output().message().content())
				.extracting(ContentBlock::text)
				.containsExactly("Echo: Hi there");
		}
		RecordedRequest recorded = this.stub.lastRequest();
		assertThat(recorded.operation()).isEqualTo("Converse");
		assertThat(recorded.signature()).isEqualTo(SignatureResult.VALID);
		assertThat(recorded.accessKeyId()).isEqualTo(credentials.accessKeyId());
		assertThat(recorded.header("X-Amz-Security-Token")).isEqualTo(credentials.sessionToken());
	}

	@Test
	void temporaryKeyWithoutItsSessionTokenIsRejected() {
		Credentials credentials;
		try (StsClient sts = sts(SdkClients.testCredentials())) {
			credentials = sts.assumeRole((r) -> r.roleArn(ROLE_ARN).roleSessionName("stub-test")).credentials();
		}
		try (BedrockRuntimeClient bedrock = SdkClients.apache(this.stub,
				SdkClients.credentials(credentials.accessKeyId(), credentials.secretAccessKey()))) {
			assertThatThrownBy(() -> bedrock.converse(SdkClients.request("Hi").build()))
				.hasMessageContaining("Status Code: 403");
		}
		assertThat(this.stub.lastRequest().signature()).isEqualTo(SignatureResult.INVALID_SESSION_TOKEN);
	}

	@Test
	void assumeRoleWithAWrongSecretIsSignatureDoesNotMatch() {
		try (StsClient sts = sts(SdkClients.credentials(BedrockStub.TEST_ACCESS_KEY_ID, "not-the-secret"))) {
			assertStsError(() -> sts.assumeRole((r) -> r.roleArn(ROLE_ARN).roleSessionName("stub-test")), 403,
					"SignatureDoesNotMatch");
		}
		assertThat(this.stub.issuedCredentials()).isEmpty();
	}

	@Test
	void assumeRoleWithAnUnknownKeyIsInvalidClientTokenId() {
		try (StsClient sts = sts(SdkClients.credentials("AKIDUNKNOWN", "whatever"))) {
			assertThatThrownBy(() -> sts.assumeRole((r) -> r.roleArn(ROLE_ARN).roleSessionName("stub-test")))
				.isInstanceOfSatisfying(StsException.class,
						(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
		}
	}

	@Test
	void assumeRoleLongerThanTheRolesMaximumIsAValidationError() {
		try (StsClient sts = sts(SdkClients.testCredentials())) {
			assertThatThrownBy(
					() -> sts.assumeRole((r) -> r.roleArn(ROLE_ARN).roleSessionName("stub-test").durationSeconds(7200)))
				.isInstanceOfSatisfying(StsException.class, (ex) -> {
					assertThat(ex.statusCode()).isEqualTo(400);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
					assertThat(ex.awsErrorDetails().errorMessage()).contains("MaxSessionDuration");
				});
		}
	}

	@Test
	void assumeRoleWithAnInvalidRoleArnIsAValidationError() {
		try (StsClient sts = sts(SdkClients.testCredentials())) {
			assertThatThrownBy(() -> sts
				.assumeRole((r) -> r.roleArn("arn:aws:iam::123:user/someone-unknown").roleSessionName("stub-test")))
				.isInstanceOfSatisfying(StsException.class,
						(ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
		}
	}

	@Test
	void assumeRoleWithWebIdentityIsUnsignedAndTakesTheConfiguredToken() {
		AssumeRoleWithWebIdentityResponse response;
		try (StsClient sts = sts(AnonymousCredentialsProvider.create())) {
			response = sts.assumeRoleWithWebIdentity(
					(r) -> r.roleArn(ROLE_ARN).roleSessionName("web-session").webIdentityToken(WEB_IDENTITY_TOKEN));
		}
		assertThat(response.credentials().accessKeyId()).startsWith("ASIA");
		assertThat(response.subjectFromWebIdentityToken()).isEqualTo("stub-subject");
		RecordedRequest recorded = this.stub.lastRequest();
		assertThat(recorded.operation()).isEqualTo("AssumeRoleWithWebIdentity");
		assertThat(recorded.header("Authorization")).isNull();
		assertThat(this.stub.issuedCredentials()).singleElement()
			.satisfies((issued) -> assertThat(issued.callerAccessKeyId()).isNull());
	}

	@Test
	void assumeRoleWithAnotherWebIdentityTokenIsInvalidIdentityToken() {
		try (StsClient sts = sts(AnonymousCredentialsProvider.create())) {
			assertStsError(() -> sts.assumeRoleWithWebIdentity(
					(r) -> r.roleArn(ROLE_ARN).roleSessionName("web-session").webIdentityToken("some-other-token")),
					400, "InvalidIdentityToken");
		}
		assertThat(this.stub.issuedCredentials()).isEmpty();
	}

	@Test
	void maxSessionDurationIsConfigurable() {
		try (BedrockStub longSessions = BedrockStub.builder().maxSessionDuration(Duration.ofHours(12)).build().start();
				StsClient sts = StsClient.builder()
					.endpointOverride(longSessions.endpoint())
					.region(Region.US_EAST_1)
					.credentialsProvider(SdkClients.testCredentials())
					.httpClient(Apache5HttpClient.builder().build())
					.build()) {
			assertThat(sts.assumeRole((r) -> r.roleArn(ROLE_ARN).roleSessionName("long").durationSeconds(43200))
				.credentials()
				.expiration()).isAfter(Instant.now().plusSeconds(43000));
		}
	}

	private static void assertStsError(ThrowingCallable call, int status, String errorCode) {
		assertThatThrownBy(call).isInstanceOfSatisfying(StsException.class, (ex) -> {
			assertThat(ex.statusCode()).isEqualTo(status);
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(errorCode);
		});
	}

}
