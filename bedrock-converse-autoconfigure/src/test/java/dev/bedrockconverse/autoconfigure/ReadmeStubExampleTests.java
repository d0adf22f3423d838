package dev.bedrockconverse.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bedrockconverse.stub.SignatureResult;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Testing your own app against the stub" example, as a user would write it:
 * a {@code @SpringBootTest} whose auto-configured model talks to a stub started by the
 * JUnit extension.
 */
@SpringBootTest(properties = { "bedrock.converse.model=test-model", "bedrock.converse.region=us-east-1",
		"bedrock.converse.credentials.access-key-id=AKIDEXAMPLE",
		"bedrock.converse.credentials.secret-access-key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" })
class ReadmeStubExampleTests {

	@RegisterExtension
	static BedrockStubExtension bedrock = new BedrockStubExtension();

	@DynamicPropertySource
	static void bedrockEndpoint(DynamicPropertyRegistry registry) {
		registry.add("bedrock.converse.endpoint", () -> bedrock.get().endpoint());
	}

	@Test
	void answers(@Autowired ChatModel chatModel) {
		bedrock.get().enqueue(StubAnswer.text("Hello there"));
		assertThat(chatModel.call("Hi")).isEqualTo("Hello there");
		assertThat(bedrock.get().lastRequest().signature()).isEqualTo(SignatureResult.VALID);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
