package dev.bedrockconverse.sample.chat;

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
 * No secret anywhere with an assumed role: neither the base secret that signs
 * {@code AssumeRole}, nor the temporary secret and session token that STS answers with
 * and that sign the Bedrock calls.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bedrock.converse.endpoint=${test.stub.endpoint}", "bedrock.converse.region=us-east-1",
				"bedrock.converse.credentials.sts-endpoint=${test.stub.endpoint}",
				"bedrock.converse.credentials.assume-role.role-arn=arn:aws:iam::123456789012:role/bedrock-caller",
				"management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"logging.threshold.console=WARN" })
class AssumedRoleSecretLeakTests extends SecretLeakChecks {

	private static final String ACCESS_KEY_ID = "AKIDASSUMEROLEBASE01";

	private static final String SECRET = "leak-test-base-secret-for-assume-role-51c0";

	private static final BedrockStub STUB = BedrockStub.builder()
		.accessKeyId(ACCESS_KEY_ID)
		.secretAccessKey(SECRET)
		.build()
		.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("test.stub.endpoint", () -> STUB.endpoint().toString());
		registry.add("bedrock.converse.credentials.access-key-id", () -> ACCESS_KEY_ID);
		registry.add("bedrock.converse.credentials.secret-access-key", () -> SECRET);
	}

	@AfterAll
	static void stopStub() {
		STUB.close();
	}

	@Override
	BedrockStub stub() {
		return STUB;
	}

	@Override
	List<String> secrets() {
		List<String> secrets = new ArrayList<>(List.of(SECRET));
		List<IssuedCredentials> issued = STUB.issuedCredentials();
		for (IssuedCredentials credentials : issued) {
			secrets.add(credentials.secretAccessKey());
			secrets.add(credentials.sessionToken());
		}
		return secrets;
	}

	@Override
	String shownValue() {
		return ACCESS_KEY_ID;
	}

}
