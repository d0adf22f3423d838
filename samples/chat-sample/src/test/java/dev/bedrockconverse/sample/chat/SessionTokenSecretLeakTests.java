package dev.bedrockconverse.sample.chat;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * No secret anywhere with static keys and a session token (SigV4 with
 * {@code X-Amz-Security-Token}).
 */
class SessionTokenSecretLeakTests extends AbstractSecretLeakTests {

	private static final String ACCESS_KEY_ID = "ASIDEXAMPLESESSION1";

	private static final String SECRET = "leak-test-secret-access-key-7f3a9c";

	private static final String SESSION_TOKEN = "leak-test-session-token-4b8e2d";

	private static final BedrockStub STUB = started(
			BedrockStub.builder().accessKeyId(ACCESS_KEY_ID).secretAccessKey(SECRET).sessionToken(SESSION_TOKEN));

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubEndpoint(registry, STUB);
		staticKeys(registry, ACCESS_KEY_ID, SECRET);
		registry.add("bedrock.converse.credentials.session-token", () -> SESSION_TOKEN);
	}

	@Override
	BedrockStub stub() {
		return STUB;
	}

	@Override
	List<String> secrets() {
		return List.of(SECRET, SESSION_TOKEN);
	}

	@Override
	String shownValue() {
		return ACCESS_KEY_ID;
	}

}
