package dev.bedrockconverse.autoconfigure.clients;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.SignatureResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients are built from {@link BedrockConverseConnectionDetails}: the application's
 * own bean replaces the properties' endpoint, region, credentials and API key for both
 * clients, through real calls and streams to a stub.
 */
class BedrockConverseConnectionDetailsTests {

	private static final String PROMPT = "I love programming.";

	private static final String ECHO = "Echo: I love programming.";

	private BedrockStub stub;

	@AfterEach
	void closeStub() {
		if (this.stub != null) {
			this.stub.close();
		}
	}

	@Test
	void theApplicationsConnectionDetailsReplaceThePropertiesForCallAndStream() throws IOException {
		this.stub = BedrockStub.builder().build().start();
		Details details = new Details(this.stub.endpoint(), Region.US_WEST_2,
				StaticCredentialsProvider.create(
						AwsBasicCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY)),
				null);
		// Properties that would fail: a closed port, another region, keys the stub does
		// not know.
		BedrockConverseContextRunners.chat()
			.withPropertyValues("bedrock.converse.endpoint=" + closedLoopbackPort(),
					"bedrock.converse.region=eu-west-1", "bedrock.converse.credentials.access-key-id=AKIDUNKNOWN",
					"bedrock.converse.credentials.secret-access-key=unknown-secret")
			.withBean(BedrockConverseConnectionDetails.class, () -> details)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(PropertiesBedrockConverseConnectionDetails.class)
					.hasSingleBean(AwsCredentialsProvider.class);
				assertThat(context.getBean(BedrockClientBuilderConfigurer.class).getConnectionDetails())
					.isSameAs(details);
				assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().region())
					.isEqualTo(Region.US_WEST_2);
				assertThat(context.getBean(BedrockRuntimeAsyncClient.class).serviceClientConfiguration().region())
					.isEqualTo(Region.US_WEST_2);
				assertThat(call(context)).isEqualTo(ECHO);
				assertThat(this.stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
				assertThat(this.stub.lastRequest().header("Authorization")).contains("/us-west-2/bedrock/");
				assertThat(stream(context)).isEqualTo(ECHO);
				assertThat(this.stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
				assertThat(this.stub.lastRequest().operation()).isEqualTo("ConverseStream");
			});
	}

	@Test
	void anApiKeyOfTheConnectionDetailsAuthenticatesBothClientsAsBearer() {
		this.stub = BedrockStub.builder().apiKey("details-api-key").build().start();
		Details details = new Details(this.stub.endpoint(), Region.US_EAST_1, null, "details-api-key");
		BedrockConverseContextRunners.chat()
			.withBean(BedrockConverseConnectionDetails.class, () -> details)
			.run((context) -> {
				assertThat(call(context)).isEqualTo(ECHO);
				assertThat(this.stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_VALID);
				assertThat(stream(context)).isEqualTo(ECHO);
				assertThat(this.stub.lastRequest().signature()).isEqualTo(SignatureResult.BEARER_VALID);
			});
	}

	@Test
	void withoutACredentialsProviderTheSdksDefaultChainSigns() {
		this.stub = BedrockStub.builder().build().start();
		Details details = new Details(this.stub.endpoint(), Region.US_EAST_1, null, null);
		BedrockConverseContextRunners.chat()
			.withSystemProperties("aws.accessKeyId=" + BedrockStub.TEST_ACCESS_KEY_ID,
					"aws.secretAccessKey=" + BedrockStub.TEST_SECRET_ACCESS_KEY, "aws.disableEc2Metadata=true")
			.withBean(BedrockConverseConnectionDetails.class, () -> details)
			.run((context) -> {
				assertThat(call(context)).isEqualTo(ECHO);
				assertThat(this.stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
				assertThat(this.stub.lastRequest().accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
			});
	}

	@Test
	void thePropertiesBackedDetailsCarryEndpointRegionAndApiKey() {
		BedrockConverseContextRunners.clients()
			.withPropertyValues("bedrock.converse.endpoint=http://127.0.0.1:4566", "bedrock.converse.region=eu-west-3",
					"bedrock.converse.api-key= some-api-key ")
			.run((context) -> {
				BedrockConverseConnectionDetails details = context.getBean(BedrockConverseConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesBedrockConverseConnectionDetails.class);
				assertThat(details.getEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
				assertThat(details.getRegion()).isEqualTo(Region.EU_WEST_3);
				assertThat(details.getCredentialsProvider()).isSameAs(context.getBean(AwsCredentialsProvider.class));
				assertThat(details.getApiKey()).isEqualTo("some-api-key");
				assertThat(details.toString()).doesNotContain("some-api-key");
			});
	}

	@Test
	void theBearerTokenNeverShowsTheKey() {
		assertThat(BedrockBearerAuthentication.tokenProvider("bedrock-api-key-for-tests").toString())
			.doesNotContain("bedrock-api-key-for-tests");
		assertThat(BedrockBearerAuthentication.tokenProvider("bedrock-api-key-for-tests").resolveToken().toString())
			.doesNotContain("bedrock-api-key-for-tests");
	}

	private static String call(AssertableApplicationContext context) {
		return BedrockConverseContextRunners.call(context, PROMPT);
	}

	private static String stream(AssertableApplicationContext context) {
		return BedrockConverseContextRunners.stream(context, PROMPT);
	}

	private static String closedLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
	}

	private record Details(URI endpoint, Region region, @Nullable AwsCredentialsProvider credentials,
			@Nullable String apiKey) implements BedrockConverseConnectionDetails {

		@Override
		public URI getEndpoint() {
			return this.endpoint;
		}

		@Override
		public Region getRegion() {
			return this.region;
		}

		@Override
		public @Nullable AwsCredentialsProvider getCredentialsProvider() {
			return this.credentials;
		}

		@Override
		public @Nullable String getApiKey() {
			return this.apiKey;
		}

	}

}
