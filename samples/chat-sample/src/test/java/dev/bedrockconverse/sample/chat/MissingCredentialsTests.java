package dev.bedrockconverse.sample.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The sample as a new user first runs it against real Bedrock: the {@code aws} profile, a
 * region, and no AWS credentials anywhere. It answers 500, misconfigured, with the
 * credentials mode and the properties to set, not 503 and advice about the network. The
 * AWS SDK's default chain finds nothing: its profile files are empty, its system
 * properties cleared, instance metadata is disabled, and the endpoint is a closed
 * loopback port, so nothing leaves this machine.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bedrock.converse.region=us-east-1", "logging.threshold.console=WARN" })
@ActiveProfiles("aws")
class MissingCredentialsTests {

	private static final String[] SDK_SYSTEM_PROPERTIES = { "aws.accessKeyId", "aws.secretAccessKey",
			"aws.sessionToken", "aws.webIdentityTokenFile", "aws.roleArn", "aws.profile", "aws.sharedCredentialsFile",
			"aws.configFile", "aws.disableEc2Metadata", "aws.bearerTokenBedrock" };

	private static final Map<String, String> savedProperties = new HashMap<>();

	private static Path emptyProfileFile;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@BeforeAll
	static void emptyCredentialsChain() throws IOException {
		// The environment cannot be cleared from inside the JVM; CI has none of these.
		for (String name : new String[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_WEB_IDENTITY_TOKEN_FILE",
				"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_PROFILE",
				"AWS_BEARER_TOKEN_BEDROCK" }) {
			assumeThat(System.getenv(name)).as(name).isNull();
		}
		for (String name : SDK_SYSTEM_PROPERTIES) {
			savedProperties.put(name, System.getProperty(name));
			System.clearProperty(name);
		}
		emptyProfileFile = Files.createTempFile("empty-aws-profile", ".ini");
		System.setProperty("aws.sharedCredentialsFile", emptyProfileFile.toString());
		System.setProperty("aws.configFile", emptyProfileFile.toString());
		System.setProperty("aws.disableEc2Metadata", "true");
	}

	@AfterAll
	static void restoreSystemProperties() throws IOException {
		savedProperties.forEach((name, value) -> {
			if (value != null) {
				System.setProperty(name, value);
			}
			else {
				System.clearProperty(name);
			}
		});
		if (emptyProfileFile != null) {
			Files.deleteIfExists(emptyProfileFile);
		}
	}

	@DynamicPropertySource
	static void closedLoopbackEndpoint(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			registry.add("bedrock.converse.endpoint", () -> "http://127.0.0.1:" + socket.getLocalPort());
		}
	}

	@Test
	void chatAnswersMisconfiguredWithTheCredentialsModeAndTheProperties() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/chat"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Hello\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(500);
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("The application is misconfigured");
		assertThat(problem.get("errorType").asString()).isEqualTo("CredentialsUnavailable");
		assertThat(problem.get("detail").asString()).contains("No AWS credentials")
			.contains("Credentials mode: the AWS SDK's default chain")
			.contains("environment AWS_ACCESS_KEY_ID")
			.contains("bedrock.converse.credentials.access-key-id")
			.contains("bedrock.converse.api-key")
			.doesNotContain("temporarily unavailable")
			.doesNotContain("stream()");
	}

}
