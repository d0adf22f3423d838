package dev.bedrockconverse.autoconfigure.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.IssuedCredentials;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.SignatureResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every way to authenticate, end to end: the auto-configured {@link ChatModel} through
 * the real AWS SDK clients to a Bedrock stub that verifies the SigV4 signature (with its
 * session token), answers STS {@code AssumeRole} and {@code AssumeRoleWithWebIdentity} on
 * the same port, or checks the bearer API key.
 */
class BedrockConverseAuthenticationModesTests {

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-caller";

	private static final String PROMPT = "I love programming.";

	@TempDir
	Path tempDir;

	private BedrockStub stub;

	@AfterEach
	void stopStub() {
		if (this.stub != null) {
			this.stub.close();
		}
	}

	private BedrockStub start(BedrockStub.Builder builder) {
		this.stub = builder.build().start();
		return this.stub;
	}

	private ApplicationContextRunner runner(BedrockStub stub) {
		return BedrockConverseContextRunners.chatAt(stub);
	}

	private static String call(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(ChatModel.class).call(new Prompt(PROMPT)).getResult().getOutput().getText();
	}

	private static String stream(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		List<ChatResponse> responses = context.getBean(ChatModel.class)
			.stream(new Prompt(PROMPT))
			.collectList()
			.block();
		StringBuilder text = new StringBuilder();
		responses.stream()
			.filter((response) -> response.getResult() != null && response.getResult().getOutput().getText() != null)
			.forEach((response) -> text.append(response.getResult().getOutput().getText()));
		return text.toString();
	}

	@Test
	void staticKeysWithSessionTokenSignCallsThatCarryTheToken() {
		BedrockStub stub = start(BedrockStub.builder()
			.accessKeyId("ASIASTATICSESSION01")
			.secretAccessKey("static-session-secret")
			.sessionToken("static-session-token"));
		runner(stub)
			.withPropertyValues("bedrock.converse.credentials.access-key-id=ASIASTATICSESSION01",
					"bedrock.converse.credentials.secret-access-key=static-session-secret",
					"bedrock.converse.credentials.session-token=static-session-token")
			.run((context) -> {
				assertThat(call(context)).isEqualTo("Echo: I love programming.");
				RecordedRequest request = stub.lastRequest();
				assertThat(request.signature()).isEqualTo(SignatureResult.VALID);
				assertThat(request.accessKeyId()).isEqualTo("ASIASTATICSESSION01");
				assertThat(request.header("X-Amz-Security-Token")).isEqualTo("static-session-token");
				assertThat(stream(context)).isEqualTo("Echo: I love programming.");
				assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
			});
	}

	@Test
	void staticKeysWithAnotherSessionTokenAreRejected() {
		BedrockStub stub = start(BedrockStub.builder()
			.accessKeyId("ASIASTATICSESSION01")
			.secretAccessKey("static-session-secret")
			.sessionToken("static-session-token"));
		runner(stub)
			.withPropertyValues("bedrock.converse.credentials.access-key-id=ASIASTATICSESSION01",
					"bedrock.converse.credentials.secret-access-key=static-session-secret",
					"bedrock.converse.credentials.session-token=expired-session-token")
			.run((context) -> {
				Throwable thrown = catchThrowable(() -> call(context));
				assertThat(BedrockConverseContextRunners.findCause(thrown, AwsServiceException.class).statusCode())
					.isEqualTo(403);
				assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.INVALID_SESSION_TOKEN);
			});
	}

	@Test
	void namedProfileFromACustomSharedCredentialsFileSignsWithThatProfilesKeys() throws IOException {
		BedrockStub stub = start(
				BedrockStub.builder().accessKeyId("AKIDPROFILEFILE01").secretAccessKey("profile-secret"));
		Path credentialsFile = Files.writeString(this.tempDir.resolve("team-credentials"),
				"[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n"
						+ "[bedrock]\naws_access_key_id = AKIDPROFILEFILE01\naws_secret_access_key = profile-secret\n");
		runner(stub)
			.withPropertyValues("bedrock.converse.credentials.profile=bedrock",
					"bedrock.converse.credentials.shared-credentials-file=" + credentialsFile)
			.run((context) -> {
				assertThat(call(context)).isEqualTo("Echo: I love programming.");
				assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
				assertThat(stub.lastRequest().accessKeyId()).isEqualTo("AKIDPROFILEFILE01");
			});
	}

	@Test
	void namedProfileFromACustomConfigFileGivesKeysAndRegion() throws IOException {
		BedrockStub stub = start(
				BedrockStub.builder().accessKeyId("AKIDCONFIGFILE01").secretAccessKey("config-secret"));
		Path configFile = Files.writeString(this.tempDir.resolve("team-config"), "[profile bedrock]\n"
				+ "region = eu-west-3\naws_access_key_id = AKIDCONFIGFILE01\naws_secret_access_key = config-secret\n");
		Path emptyCredentials = Files.writeString(this.tempDir.resolve("empty-credentials"), "");
		runner(stub)
			.withPropertyValues("bedrock.converse.region=", "bedrock.converse.credentials.profile=bedrock",
					"bedrock.converse.credentials.config-file=" + configFile,
					"bedrock.converse.credentials.shared-credentials-file=" + emptyCredentials)
			.run((context) -> {
				assertThat(call(context)).isEqualTo("Echo: I love programming.");
				assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
				assertThat(stub.lastRequest().accessKeyId()).isEqualTo("AKIDCONFIGFILE01");
				assertThat(stub.lastRequest().header("Authorization")).contains("/eu-west-3/bedrock/aws4_request");
			});
	}

	@Test
	void defaultChainSignsWithTheSdksSystemPropertyCredentials() {
		BedrockStub stub = start(
				BedrockStub.builder().accessKeyId("AKIDDEFAULTCHAIN1").secretAccessKey("chain-secret"));
		runner(stub).withSystemProperties("aws.accessKeyId=AKIDDEFAULTCHAIN1", "aws.secretAccessKey=chain-secret")
			.run((context) -> {
				assertThat(call(context)).isEqualTo("Echo: I love programming.");
				assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
				assertThat(stub.lastRequest().accessKeyId()).isEqualTo("AKIDDEFAULTCHAIN1");
			});
	}

	@Test
	void assumedRoleCredentialsSignTheCallAndTheStream() {
		BedrockStub stub = start(BedrockStub.builder());
		runner(stub)
			.withPropertyValues("bedrock.converse.credentials.access-key-id=" + BedrockStub.TEST_ACCESS_KEY_ID,
					"bedrock.converse.credentials.secret-access-key=" + BedrockStub.TEST_SECRET_ACCESS_KEY,
					"bedrock.converse.credentials.sts-endpoint=" + stub.endpoint(),
					"bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.assume-role.session-name=chat-app",
					"bedrock.converse.credentials.assume-role.external-id=partner-42",
					"bedrock.converse.credentials.assume-role.duration=20m")
			.run((context) -> {
				assertThat(call(context)).isEqualTo("Echo: I love programming.");
				assertThat(stream(context)).isEqualTo("Echo: I love programming.");

				IssuedCredentials issued = single(stub.issuedCredentials());
				assertThat(issued.action()).isEqualTo("AssumeRole");
				assertThat(issued.roleArn()).isEqualTo(ROLE_ARN);
				assertThat(issued.roleSessionName()).isEqualTo("chat-app");
				assertThat(issued.externalId()).isEqualTo("partner-42");
				assertThat(issued.durationSeconds()).isEqualTo(1200);
				assertThat(issued.callerAccessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);

				List<RecordedRequest> requests = stub.requests();
				assertThat(requests).extracting(RecordedRequest::operation)
					.containsExactly("AssumeRole", "Converse", "ConverseStream");
				assertThat(requests.get(0).signature()).isEqualTo(SignatureResult.VALID);
				assertThat(requests.get(0).accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
				for (RecordedRequest bedrock : requests.subList(1, 3)) {
					assertThat(bedrock.signature()).isEqualTo(SignatureResult.VALID);
					assertThat(bedrock.accessKeyId()).isEqualTo(issued.accessKeyId()).startsWith("ASIA");
					assertThat(bedrock.header("X-Amz-Security-Token")).isEqualTo(issued.sessionToken());
				}
			});
	}

	@Test
	void assumeRoleRefusedByStsFailsTheCallWithStsError() {
		BedrockStub stub = start(BedrockStub.builder());
		runner(stub)
			.withPropertyValues("bedrock.converse.credentials.access-key-id=" + BedrockStub.TEST_ACCESS_KEY_ID,
					"bedrock.converse.credentials.secret-access-key=wrong-base-secret",
					"bedrock.converse.credentials.sts-endpoint=" + stub.endpoint(),
					"bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN)
			.run((context) -> {
				Throwable thrown = catchThrowable(() -> call(context));
				assertThat(BedrockConverseContextRunners.findCause(thrown, AwsServiceException.class)
					.awsErrorDetails()
					.errorCode()).isEqualTo("SignatureDoesNotMatch");
				assertThat(stub.issuedCredentials()).isEmpty();
				assertThat(stub.requests()).extracting(RecordedRequest::operation).doesNotContain("Converse");
			});
	}

	@Test
	void webIdentityCredentialsSignTheCall() throws IOException {
		BedrockStub stub = start(BedrockStub.builder().webIdentityToken("oidc-token-from-the-cluster"));
		Path tokenFile = Files.writeString(this.tempDir.resolve("token"), "oidc-token-from-the-cluster");
		runner(stub)
			.withPropertyValues("bedrock.converse.credentials.sts-endpoint=" + stub.endpoint(),
					"bedrock.converse.credentials.web-identity.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.web-identity.token-file=" + tokenFile,
					"bedrock.converse.credentials.web-identity.session-name=pod-7")
			.run((context) -> {
				assertThat(call(context)).isEqualTo("Echo: I love programming.");
				IssuedCredentials issued = single(stub.issuedCredentials());
				assertThat(issued.action()).isEqualTo("AssumeRoleWithWebIdentity");
				assertThat(issued.roleSessionName()).isEqualTo("pod-7");
				RecordedRequest request = stub.lastRequest();
				assertThat(request.operation()).isEqualTo("Converse");
				assertThat(request.signature()).isEqualTo(SignatureResult.VALID);
				assertThat(request.accessKeyId()).isEqualTo(issued.accessKeyId());
				assertThat(request.header("X-Amz-Security-Token")).isEqualTo(issued.sessionToken());
			});
	}

	@Test
	void apiKeyPropertyAuthenticatesTheCallAndTheStreamAsBearer() {
		BedrockStub stub = start(BedrockStub.builder().apiKey("bedrock-api-key-for-tests"));
		runner(stub).withPropertyValues("bedrock.converse.api-key=bedrock-api-key-for-tests").run((context) -> {
			assertThat(call(context)).isEqualTo("Echo: I love programming.");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_VALID);
			assertThat(stub.lastRequest().header("Authorization")).isEqualTo("Bearer bedrock-api-key-for-tests");
			assertThat(stream(context)).isEqualTo("Echo: I love programming.");
			assertThat(stub.lastRequest().operation()).isEqualTo("ConverseStream");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_VALID);
		});
	}

	@Test
	void anotherApiKeyIsRejected() {
		BedrockStub stub = start(BedrockStub.builder().apiKey("bedrock-api-key-for-tests"));
		runner(stub).withPropertyValues("bedrock.converse.api-key=some-revoked-api-key").run((context) -> {
			Throwable thrown = catchThrowable(() -> call(context));
			AwsServiceException error = BedrockConverseContextRunners.findCause(thrown, AwsServiceException.class);
			assertThat(error.statusCode()).isEqualTo(403);
			assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_INVALID);
		});
	}

	@Test
	void anotherApiKeyIsRejectedOnTheStream() {
		BedrockStub stub = start(BedrockStub.builder().apiKey("bedrock-api-key-for-tests"));
		runner(stub).withPropertyValues("bedrock.converse.api-key=some-revoked-api-key").run((context) -> {
			Throwable thrown = catchThrowable(() -> stream(context));
			assertThat(BedrockConverseContextRunners.findCause(thrown, AwsServiceException.class).statusCode())
				.isEqualTo(403);
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_INVALID);
		});
	}

	@Test
	void sdksBearerTokenSettingAuthenticatesAsBearerWithoutAnyProperty() {
		BedrockStub stub = start(BedrockStub.builder().apiKey("bedrock-api-key-from-env"));
		// The system property the AWS SDK reads next to AWS_BEARER_TOKEN_BEDROCK, which a
		// test cannot set.
		runner(stub).withSystemProperties("aws.bearerTokenBedrock=bedrock-api-key-from-env").run((context) -> {
			assertThat(call(context)).isEqualTo("Echo: I love programming.");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_VALID);
		});
	}

	@Test
	void apiKeyCustomizerAndProvidersDoNotShowSecretsInToString() {
		BedrockStub stub = start(BedrockStub.builder().apiKey("bedrock-api-key-for-tests"));
		runner(stub).withPropertyValues("bedrock.converse.api-key=bedrock-api-key-for-tests").run((context) -> {
			assertThat(context.getBean(BedrockApiKeyClientCustomizer.class).toString())
				.doesNotContain("bedrock-api-key-for-tests");
			assertThat(BedrockApiKeys.tokenProvider("bedrock-api-key-for-tests").toString())
				.doesNotContain("bedrock-api-key-for-tests");
			assertThat(BedrockApiKeys.tokenProvider("bedrock-api-key-for-tests").resolveToken().toString())
				.doesNotContain("bedrock-api-key-for-tests");
			assertThat(context.getBean(BedrockConverseProperties.class).toString())
				.doesNotContain("bedrock-api-key-for-tests");
		});
	}

	@Test
	void assumedRoleProviderClosesItsStsClientWithTheContext() {
		BedrockStub stub = start(BedrockStub.builder());
		runner(stub)
			.withPropertyValues("bedrock.converse.credentials.sts-endpoint=" + stub.endpoint(),
					"bedrock.converse.credentials.access-key-id=" + BedrockStub.TEST_ACCESS_KEY_ID,
					"bedrock.converse.credentials.secret-access-key=" + BedrockStub.TEST_SECRET_ACCESS_KEY,
					"bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN)
			.run((context) -> {
				AwsCredentialsProvider provider = context.getBean(AwsCredentialsProvider.class);
				assertThat(provider).isInstanceOf(StsCredentialsProviders.ClosingStsCredentialsProvider.class);
				assertThat(provider.resolveCredentials().accessKeyId()).startsWith("ASIA");
				assertThat(provider.toString()).doesNotContain(BedrockStub.TEST_SECRET_ACCESS_KEY);
				StsClient sts = ((StsCredentialsProviders.ClosingStsCredentialsProvider) provider).getStsClient();
				context.close();
				int before = stub.requests().size();
				assertThat(catchThrowable(() -> sts.assumeRole((r) -> r.roleArn(ROLE_ARN).roleSessionName("late"))))
					.as("a call on the closed STS client")
					.isInstanceOf(IllegalStateException.class);
				assertThat(stub.requests()).hasSize(before);
			});
	}

	private static IssuedCredentials single(List<IssuedCredentials> issued) {
		assertThat(issued).hasSize(1);
		return issued.get(0);
	}

}
