package dev.bedrockconverse.sample.chat;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * No secret anywhere with a Bedrock API key ({@code Authorization: Bearer}).
 */
class ApiKeySecretLeakTests extends AbstractSecretLeakTests {

	private static final String API_KEY = "ABSKleakTestBedrockApiKey9d2f61";

	private static final BedrockStub STUB = started(BedrockStub.builder().apiKey(API_KEY));

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubEndpoint(registry, STUB);
		registry.add("bedrock.converse.api-key", () -> API_KEY);
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
