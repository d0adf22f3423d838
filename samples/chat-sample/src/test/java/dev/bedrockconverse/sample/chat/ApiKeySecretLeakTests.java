package dev.bedrockconverse.sample.chat;

import java.util.List;

import dev.bedrockconverse.stub.BedrockStub;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No secret anywhere with a Bedrock API key ({@code Authorization: Bearer}).
 */
class ApiKeySecretLeakTests extends AbstractSecretLeakTests {

	private static final String API_KEY = "ABSKleakTestBedrockApiKey9d2f61";

	private static final BedrockStub STUB = BedrockStub.builder().apiKey(API_KEY).build().start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubEndpoint(registry, STUB);
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
