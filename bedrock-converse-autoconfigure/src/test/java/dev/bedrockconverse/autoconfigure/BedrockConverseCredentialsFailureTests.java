package dev.bedrockconverse.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.chat.BedrockConverseFailure;
import dev.bedrockconverse.chat.BedrockConverseNonTransientException;
import dev.bedrockconverse.chat.BedrockConverseTransientException;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The role modes' credentials failures, through the auto-configured model and the real
 * SDK to the stub's STS: a refusing STS or an unreadable token file is a non-transient
 * configuration error that names the mode, the role and the properties, for the call and
 * the stream alike; an STS endpoint that cannot be reached is transient and names
 * {@code sts-endpoint}. No secret appears in the messages.
 */
class BedrockConverseCredentialsFailureTests {

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-caller";

	@TempDir
	Path tempDir;

	private BedrockStub stub;

	@BeforeEach
	void startStub() {
		this.stub = BedrockStub.builder().webIdentityToken("oidc-token-from-the-cluster").build().start();
	}

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	private ApplicationContextRunner runner() {
		return BedrockConverseContextRunners.chatAt(this.stub)
			.withPropertyValues("bedrock.converse.retry.max-attempts=1");
	}

	private ApplicationContextRunner webIdentity(String stsEndpoint, Path tokenFile) {
		return runner().withPropertyValues("bedrock.converse.credentials.sts-endpoint=" + stsEndpoint,
				"bedrock.converse.credentials.web-identity.role-arn=" + ROLE_ARN,
				"bedrock.converse.credentials.web-identity.token-file=" + tokenFile);
	}

	/** The failures of a call and of a stream; a stream that succeeds gives null. */
	private static List<Throwable> callAndStream(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		ChatModel model = context.getBean(ChatModel.class);
		return Arrays.asList(catchThrowable(() -> model.call(new Prompt("Hello"))),
				catchThrowable(() -> model.stream(new Prompt("Hello")).blockLast()));
	}

	@Test
	void aWebIdentityTokenThatStsRefusesNamesTheModeTheRoleAndTheTrustPolicy() throws IOException {
		Path tokenFile = Files.writeString(this.tempDir.resolve("token"), "stale-oidc-token");
		webIdentity(this.stub.endpoint().toString(), tokenFile).run((context) -> {
			for (Throwable thrown : callAndStream(context)) {
				assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
					.hasMessageContaining("No AWS credentials")
					.hasMessageContaining("the web identity role '" + ROLE_ARN + "'")
					.hasMessageContaining("credentials mode web identity")
					.hasMessageContaining("STS answered InvalidIdentityToken (HTTP 400)")
					.hasMessageContaining("trust policy")
					.hasMessageContaining("bedrock.converse.credentials.web-identity.role-arn")
					.hasMessageNotContaining("stale-oidc-token")
					.hasMessageNotContaining("stream()");
				assertThat(((BedrockConverseFailure) thrown).getErrorType())
					.isEqualTo(BedrockConverseFailure.CREDENTIALS_UNAVAILABLE);
			}
			assertThat(this.stub.requests()).extracting(RecordedRequest::operation)
				.doesNotContain("Converse", "ConverseStream");
		});
	}

	@Test
	void anAssumeRoleThatStsRefusesNamesTheModeAndKeepsTheSecretOut() {
		runner()
			.withPropertyValues("bedrock.converse.credentials.access-key-id=" + BedrockStub.TEST_ACCESS_KEY_ID,
					"bedrock.converse.credentials.secret-access-key=wrong-base-secret",
					"bedrock.converse.credentials.sts-endpoint=" + this.stub.endpoint(),
					"bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN)
			.run((context) -> {
				for (Throwable thrown : callAndStream(context)) {
					assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
						.hasMessageContaining("the assumed role '" + ROLE_ARN + "'")
						.hasMessageContaining("bedrock.converse.credentials.assume-role.role-arn")
						.hasMessageContaining("STS answered SignatureDoesNotMatch (HTTP 403)")
						.hasMessageContaining("the credentials that sign the request")
						.hasMessageNotContaining("wrong-base-secret");
				}
			});
	}

	@Test
	void aWebIdentityTokenFileThatIsGoneNamesTheTokenFileProperty() throws IOException {
		Path tokenFile = Files.writeString(this.tempDir.resolve("token"), "oidc-token-from-the-cluster");
		webIdentity(this.stub.endpoint().toString(), tokenFile).run((context) -> {
			// Present at start-up (which checks it), gone when credentials are
			// needed.
			Files.delete(tokenFile);
			for (Throwable thrown : callAndStream(context)) {
				assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
					.hasMessageContaining("credentials mode web identity")
					.hasMessageContaining("A file could not be read (NoSuchFileException: " + tokenFile)
					.hasMessageContaining("bedrock.converse.credentials.web-identity.token-file")
					.hasMessageNotContaining("oidc-token-from-the-cluster");
			}
		});
	}

	@Test
	void anStsEndpointThatCannotBeReachedIsTransientAndNamesIt() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Path tokenFile = Files.writeString(this.tempDir.resolve("token"), "oidc-token-from-the-cluster");
		webIdentity("http://127.0.0.1:" + closedPort, tokenFile).run((context) -> {
			for (Throwable thrown : callAndStream(context)) {
				assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
					.hasMessageContaining("The credentials service could not be reached")
					.hasMessageContaining("bedrock.converse.credentials.sts-endpoint")
					.hasMessageNotContaining("stream()");
			}
		});
	}

}
