package dev.bedrockconverse.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Failures before any byte reaches Bedrock, through the real SDK clients, are classified
 * by their cause: missing credentials are a non-transient configuration error that names
 * the mode, the sources tried and the properties; a connection that cannot be made is
 * transient with advice about the endpoint, never about long generations; expired
 * credentials and clock skew get advice of their own. Nothing leaves loopback: the
 * endpoints are loopback ports or fail in name resolution, and EC2 instance metadata is
 * disabled.
 */
@ExtendWith(BedrockStubExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockFailureCauseTests {

	private static final String MODEL = "amazon.nova-micro-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** The SDK settings that could supply credentials from this JVM, cleared here. */
	private static final String[] SDK_SYSTEM_PROPERTIES = { "aws.accessKeyId", "aws.secretAccessKey",
			"aws.sessionToken", "aws.webIdentityTokenFile", "aws.roleArn", "aws.profile", "aws.sharedCredentialsFile",
			"aws.configFile", "aws.disableEc2Metadata" };

	private final Map<String, String> savedProperties = new HashMap<>();

	private BedrockStub stub;

	private Path emptyProfileFile;

	@BeforeAll
	void emptyCredentialsChain(BedrockStub stub, @TempDir Path tempDir) throws IOException {
		this.stub = stub;
		for (String name : SDK_SYSTEM_PROPERTIES) {
			this.savedProperties.put(name, System.getProperty(name));
			System.clearProperty(name);
		}
		this.emptyProfileFile = Files.writeString(tempDir.resolve("empty-aws-profile"), "");
		System.setProperty("aws.sharedCredentialsFile", this.emptyProfileFile.toString());
		System.setProperty("aws.configFile", this.emptyProfileFile.toString());
		System.setProperty("aws.disableEc2Metadata", "true");
	}

	@AfterAll
	void restoreSystemProperties() {
		this.savedProperties.forEach((name, value) -> {
			if (value != null) {
				System.setProperty(name, value);
			}
			else {
				System.clearProperty(name);
			}
		});
	}

	private static void assumeNoCredentialsInTheEnvironment() {
		// The environment cannot be cleared from inside the JVM; CI has none of these.
		for (String name : new String[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
				"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
				"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_PROFILE", "AWS_EC2_METADATA_DISABLED" }) {
			assumeThat(System.getenv(name)).as(name).isNull();
		}
	}

	@Test
	void anEmptyDefaultChainIsANonTransientErrorNamingTheModeTheSourcesAndTheProperties() {
		assumeNoCredentialsInTheEnvironment();
		URI closed = closedLoopbackPort();

		for (Throwable thrown : callAndStream(closed, DefaultCredentialsProvider.builder().build())) {
			assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
				.hasMessageContaining("No AWS credentials")
				.hasMessageContaining("nothing was sent")
				.hasMessageContaining("Credentials mode: the AWS SDK's default chain")
				.hasMessageContaining("system properties aws.accessKeyId")
				.hasMessageContaining("environment AWS_ACCESS_KEY_ID")
				.hasMessageContaining("profile 'default'")
				.hasMessageContaining("EC2 instance metadata (disabled)")
				.hasMessageContaining("bedrock.converse.credentials.access-key-id")
				.hasMessageContaining("bedrock.converse.credentials.profile")
				.hasMessageContaining("bedrock.converse.api-key")
				.hasMessageContaining("~/.aws/credentials")
				.hasMessageNotContaining("AwsCredentialsProviderChain")
				.hasMessageNotContaining("stream()")
				.hasMessageNotContaining("network");
			BedrockConverseFailure failure = (BedrockConverseFailure) thrown;
			assertThat(failure.getErrorType()).isEqualTo(BedrockConverseFailure.CREDENTIALS_UNAVAILABLE);
			assertThat(failure.getStatusCode()).isZero();
			assertThat(failure.getModelId()).isEqualTo(MODEL);
		}
	}

	@Test
	void aProfileWithoutCredentialsNamesTheProfileAndItsFiles() {
		URI closed = closedLoopbackPort();
		ProfileCredentialsProvider profile = ProfileCredentialsProvider.builder()
			.profileFile(
					ProfileFile.builder().content(this.emptyProfileFile).type(ProfileFile.Type.CREDENTIALS).build())
			.profileName("team-dev")
			.build();

		for (Throwable thrown : callAndStream(closed, profile)) {
			assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
				.hasMessageContaining("Credentials mode: the profile 'team-dev'")
				.hasMessageContaining("bedrock.converse.credentials.profile")
				.hasMessageContaining("bedrock.converse.credentials.shared-credentials-file")
				.hasMessageContaining("aws sso login")
				.hasMessageNotContaining("ProfileFile(")
				.hasMessageNotContaining("stream()");
			assertThat(((BedrockConverseFailure) thrown).getErrorType())
				.isEqualTo(BedrockConverseFailure.CREDENTIALS_UNAVAILABLE);
		}
	}

	@Test
	void aRefusedConnectionIsTransientAndPointsAtTheEndpointNotAtLongGenerations() {
		URI closed = closedLoopbackPort();

		for (Throwable thrown : callAndStream(closed, StubClients.credentials())) {
			assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
				.hasMessageContaining("Could not reach Amazon Bedrock for model '" + MODEL + "'")
				.hasMessageContaining("no connection could be made")
				.hasMessageContaining("127.0.0.1:" + closed.getPort())
				.hasMessageContaining("the endpoint override bedrock.converse.endpoint")
				.hasMessageNotContaining("stream()")
				.hasMessageNotContaining("api-call-timeout")
				.hasMessageNotContaining("long generations");
			assertThat(((BedrockConverseFailure) thrown).getStatusCode()).isZero();
		}
	}

	@Test
	void anUnknownHostOfAnEndpointOverrideNamesTheOverride() {
		Throwable thrown = catchThrowable(() -> callThroughUnresolvableHost(URI.create("http://bedrock.test.invalid")));

		assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("host name could not be resolved")
			.hasMessageContaining("bedrock.test.invalid")
			.hasMessageContaining("bedrock.converse.endpoint")
			.hasMessageContaining("DNS")
			.hasMessageNotContaining("stream()");
	}

	@Test
	void anUnknownHostOfTheRegionalEndpointNamesTheRegionNotTheOverride() {
		Throwable thrown = catchThrowable(
				() -> callThroughUnresolvableHost(URI.create("https://bedrock-runtime.us-east-1.amazonaws.com")));

		assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
			.hasMessageContaining("host name could not be resolved")
			.hasMessageContaining("the regional endpoint of bedrock.converse.region")
			.hasMessageNotContaining("bedrock.converse.endpoint")
			.hasMessageNotContaining("stream()");
	}

	@Test
	void aFailedTlsHandshakeIsTransientAndSaysHowTheEndpointMustSpeak() throws IOException {
		try (ServerSocket plainText = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			answerInPlainText(plainText);
			URI tls = URI.create("https://127.0.0.1:" + plainText.getLocalPort());

			List<Throwable> thrown = callAndStream(tls, StubClients.credentials());

			assertThat(thrown.get(0)).isInstanceOf(BedrockConverseTransientException.class)
				.hasMessageContaining("the TLS handshake with the endpoint failed")
				.hasMessageContaining("bedrock.converse.endpoint")
				.hasMessageContaining("use http:// for a plain-text stub or proxy")
				.hasMessageNotContaining("stream()");
			// Over HTTP/2 with ALPN the SDK's Netty client reports the failed handshake
			// as a connection that was not ready in time.
			assertThat(thrown.get(1)).isInstanceOf(BedrockConverseTransientException.class)
				.hasMessageContaining("no connection to the endpoint was ready in time")
				.hasMessageContaining("bedrock.converse.endpoint")
				.hasMessageContaining("use http:// for a plain-text stub or proxy")
				.hasMessageNotContaining("stream()");
		}
	}

	/**
	 * Answers every connection with a plain-text HTTP error, as a stub or proxy without
	 * TLS would: a TLS client fails its handshake on it at once.
	 */
	private static void answerInPlainText(ServerSocket server) {
		Thread acceptor = new Thread(() -> {
			while (!server.isClosed()) {
				try (Socket socket = server.accept()) {
					socket.getOutputStream()
						.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
							.getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException ex) {
					// Closed by the test, or the client gave up: nothing to answer.
				}
			}
		}, "plain-text-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@Test
	void expiredCredentialsSayToRefreshTheSession() {
		this.stub.enqueue(StubAnswer.error(403, "ExpiredTokenException",
				"The security token included in the request is expired"));

		Throwable thrown = callAndStream(this.stub.endpoint(), StubClients.credentials()).get(0);

		assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
			.hasMessageContaining("have expired")
			.hasMessageContaining("refresh the session")
			.hasMessageContaining("bedrock.converse.credentials.assume-role");
		assertThat(((BedrockConverseFailure) thrown).getErrorType()).isEqualTo("ExpiredTokenException");
		assertThat(((BedrockConverseFailure) thrown).getStatusCode()).isEqualTo(403);
	}

	@Test
	void anExpiredSignatureSaysToSynchroniseTheClockOnTheStreamToo() {
		String expired = "Signature expired: 20250101T000000Z is now earlier than 20250101T000500Z "
				+ "(20250101T001000Z - 5 min.)";
		this.stub.enqueue(StubAnswer.error(403, "InvalidSignatureException", expired));
		this.stub.enqueue(StubAnswer.error(403, "InvalidSignatureException", expired));

		for (Throwable thrown : callAndStream(this.stub.endpoint(), StubClients.credentials())) {
			assertThat(thrown).isInstanceOf(BedrockConverseNonTransientException.class)
				.hasMessageContaining("Signature expired")
				.hasMessageContaining("synchronise this machine's clock");
			assertThat(((BedrockConverseFailure) thrown).getErrorType()).isEqualTo("InvalidSignatureException");
		}
	}

	/**
	 * The failures of a call (Apache HTTP client) and of a stream (Netty) through fresh
	 * SDK clients with that endpoint and credentials, without SDK retries.
	 */
	private static List<Throwable> callAndStream(URI endpoint, AwsCredentialsProvider credentials) {
		try (Model target = new Model(endpoint, credentials)) {
			// A stream that succeeds gives null.
			return Arrays.asList(catchThrowable(() -> target.model().call(new Prompt("Hello"))),
					catchThrowable(() -> target.model().stream(new Prompt("Hello")).blockLast(TIMEOUT)));
		}
	}

	/**
	 * A call whose HTTP client resolves no host name, so that the SDK meets an unknown
	 * host without asking any DNS server.
	 */
	private static void callThroughUnresolvableHost(URI endpoint) {
		try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StubClients.credentials())
			.httpClientBuilder(Apache5HttpClient.builder().dnsResolver(new UnresolvableHosts()))
			.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build()) {
			ChatBedrockConverse.builder()
				.bedrockRuntimeClient(client)
				.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
				.build()
				.call(new Prompt("Hello"));
		}
	}

	/** A loopback port that was just closed: connecting to it is refused. */
	private static URI closedLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A model over its own SDK clients, which it closes. */
	private record Model(BedrockRuntimeClient client, BedrockRuntimeAsyncClient asyncClient,
			ChatBedrockConverse model) implements AutoCloseable {

		Model(URI endpoint, AwsCredentialsProvider credentials) {
			this(BedrockRuntimeClient.builder()
				.endpointOverride(endpoint)
				.region(Region.US_EAST_1)
				.credentialsProvider(credentials)
				.httpClientBuilder(Apache5HttpClient.builder())
				.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build(),
					BedrockRuntimeAsyncClient.builder()
						.endpointOverride(endpoint)
						.region(Region.US_EAST_1)
						.credentialsProvider(credentials)
						.httpClientBuilder(NettyNioAsyncHttpClient.builder())
						.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
						.build());
		}

		Model(BedrockRuntimeClient client, BedrockRuntimeAsyncClient asyncClient) {
			this(client, asyncClient,
					ChatBedrockConverse.builder()
						.bedrockRuntimeClient(client)
						.bedrockRuntimeAsyncClient(asyncClient)
						.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
						.build());
		}

		@Override
		public void close() {
			this.client.close();
			this.asyncClient.close();
		}

	}

	private static final class UnresolvableHosts implements org.apache.hc.client5.http.DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			throw new UnknownHostException(host);
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			throw new UnknownHostException(host);
		}

	}

}
