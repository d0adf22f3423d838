package dev.bedrockconverse.sample.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * No secret anywhere with web identity credentials: neither the OIDC token read from its
 * file and sent to STS, nor the temporary secret and session token STS answers with.
 */
@TestPropertySource(properties = { "bedrock.converse.credentials.sts-endpoint=${test.stub.endpoint}",
		"bedrock.converse.credentials.web-identity.role-arn=arn:aws:iam::123456789012:role/bedrock-pod" })
class WebIdentitySecretLeakTests extends AbstractSecretLeakTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.leak-test-oidc-token.c2lnbmF0dXJl";

	private static final Path TOKEN_FILE = tokenFile();

	private static final BedrockStub STUB = started(BedrockStub.builder().webIdentityToken(TOKEN));

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
		stubEndpoint(registry, STUB);
		registry.add("bedrock.converse.credentials.web-identity.token-file", TOKEN_FILE::toString);
	}

	@AfterAll
	static void deleteTokenFile() throws IOException {
		Files.deleteIfExists(TOKEN_FILE);
	}

	@Override
	BedrockStub stub() {
		return STUB;
	}

	@Override
	List<String> secrets() {
		return withIssuedCredentials(STUB, TOKEN);
	}

	@Override
	String shownValue() {
		return "arn:aws:iam::123456789012:role/bedrock-pod";
	}

}
