package dev.bedrockconverse.sample.chat;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * No secret anywhere with an assumed role: neither the base secret that signs
 * {@code AssumeRole}, nor the temporary secret and session token that STS answers with
 * and that sign the Bedrock calls.
 */
@TestPropertySource(properties = { "bedrock.converse.credentials.sts-endpoint=${test.stub.endpoint}",
		"bedrock.converse.credentials.assume-role.role-arn=arn:aws:iam::123456789012:role/bedrock-caller" })
class AssumedRoleSecretLeakTests extends AbstractSecretLeakTests {

	private static final String ACCESS_KEY_ID = "AKIDASSUMEROLEBASE01";

	private static final String SECRET = "leak-test-base-secret-for-assume-role-51c0";

	private static final BedrockStub STUB = started(
			BedrockStub.builder().accessKeyId(ACCESS_KEY_ID).secretAccessKey(SECRET));

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubEndpoint(registry, STUB);
		staticKeys(registry, ACCESS_KEY_ID, SECRET);
	}

	@Override
	BedrockStub stub() {
		return STUB;
	}

	@Override
	List<String> secrets() {
		return withIssuedCredentials(STUB, SECRET);
	}

	@Override
	String shownValue() {
		return ACCESS_KEY_ID;
	}

}
