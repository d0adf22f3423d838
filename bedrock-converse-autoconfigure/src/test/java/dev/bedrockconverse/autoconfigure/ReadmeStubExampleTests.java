package dev.bedrockconverse.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.SignatureResult;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.spring.AutoConfigureBedrockStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Testing your own app against the stub" example, as a user would write it:
 * a {@code @SpringBootTest} of an application configured only with its model, pointed at
 * a stub by {@link AutoConfigureBedrockStub}. {@code ReadmeStubExampleSourceTests} checks
 * that the README shows this code.
 */
@SpringBootTest(classes = ReadmeStubExampleTests.App.class, properties = "bedrock.converse.model=amazon.nova-lite-v1:0")
// tag::readme[]
@AutoConfigureBedrockStub
class ReadmeStubExampleTests {

	@Autowired
	ChatModel chatModel;

	@Autowired
	BedrockStub bedrock;

	@Test
	void answersWhatTheStubIsToldToAnswer() {
		this.bedrock.enqueue(StubAnswer.text("Hello there"));

		assertThat(this.chatModel.call("Hi")).isEqualTo("Hello there");
		assertThat(this.bedrock.lastRequest().body().at("/messages/0/content/0/text").asString()).isEqualTo("Hi");
		assertThat(this.bedrock.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
	}

	@Test
	void answersTheEchoByDefault() {
		assertThat(this.chatModel.call("I love programming.")).isEqualTo("Echo: I love programming.");
		assertThat(this.bedrock.requests()).hasSize(1);
	}

	// end::readme[]
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
