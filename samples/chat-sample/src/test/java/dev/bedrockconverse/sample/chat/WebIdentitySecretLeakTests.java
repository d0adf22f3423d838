package dev.bedrockconverse.sample.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.IssuedCredentials;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No secret anywhere with web identity credentials: neither the OIDC token read from its
 * file and sent to STS, nor the temporary secret and session token STS answers with.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bedrock.converse.endpoint=${test.stub.endpoint}", "bedrock.converse.region=us-east-1",
				"bedrock.converse.credentials.sts-endpoint=${test.stub.endpoint}",
				"bedrock.converse.credentials.web-identity.role-arn=arn:aws:iam::123456789012:role/bedrock-pod",
				"management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"logging.threshold.console=WARN" })
class WebIdentitySecretLeakTests extends SecretLeakChecks {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.leak-test-oidc-token.c2lnbmF0dXJl";

	private static final Path TOKEN_FILE = tokenFile();

	private static final BedrockStub STUB = BedrockStub.builder().webIdentityToken(TOKEN).build().start();

	private static Path tokenFile() {
		try {
			Path file = Files.createTempFile("web-identity", ".token");
			Files.writeString(file, TOKEN);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("test.stub.endpoint", () -> STUB.endpoint().toString());
		registry.add("bedrock.converse.credentials.web-identity.token-file", TOKEN_FILE::toString);
	}

	@AfterAll
	static void stop() throws IOException {
		STUB.close();
		Files.deleteIfExists(TOKEN_FILE);
	}

	@Override
	BedrockStub stub() {
		return STUB;
	}

	@Override
	List<String> secrets() {
		List<String> secrets = new ArrayList<>(List.of(TOKEN));
		for (IssuedCredentials credentials : STUB.issuedCredentials()) {
			secrets.add(credentials.secretAccessKey());
			secrets.add(credentials.sessionToken());
		}
		return secrets;
	}

	@Override
	String shownValue() {
		return "arn:aws:iam::123456789012:role/bedrock-pod";
	}

}
