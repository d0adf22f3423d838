package dev.bedrockconverse.sample.chat;

import java.util.List;

import dev.bedrockconverse.stub.BedrockStub;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No secret anywhere with a Bedrock API key ({@code Authorization: Bearer}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bedrock.converse.endpoint=${test.stub.endpoint}", "bedrock.converse.region=us-east-1",
				"management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"logging.threshold.console=WARN" })
class ApiKeySecretLeakTests extends SecretLeakChecks {

	private static final String API_KEY = "ABSKleakTestBedrockApiKey9d2f61";

	private static final BedrockStub STUB = BedrockStub.builder().apiKey(API_KEY).build().start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("test.stub.endpoint", () -> STUB.endpoint().toString());
		registry.add("bedrock.converse.api-key", () -> API_KEY);
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
		return List.of(API_KEY);
	}

	@Override
	String shownValue() {
		return "amazon.nova-lite-v1:0";
	}

}
