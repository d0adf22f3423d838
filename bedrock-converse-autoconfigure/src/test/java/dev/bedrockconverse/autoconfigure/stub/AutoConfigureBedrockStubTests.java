package dev.bedrockconverse.autoconfigure.stub;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.spring.AutoConfigureBedrockStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureBedrockStub} on a {@code @SpringBootTest}: one stub for the
 * application context, its script and request log reset between test methods (in the
 * order given here, so that the second test sees what the first left behind).
 */
@SpringBootTest(classes = AutoConfigureBedrockStubTests.App.class,
		properties = "bedrock.converse.model=" + BedrockConverseContextRunners.MODEL)
@AutoConfigureBedrockStub
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureBedrockStubTests {

	private static BedrockStub firstTestsStub;

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private BedrockStub bedrock;

	@Test
	@Order(1)
	void firstTestLeavesAQueuedAnswerAndARecordedRequest() {
		firstTestsStub = this.bedrock;
		this.bedrock.enqueue(StubAnswer.text("first"));
		this.bedrock.enqueue(StubAnswer.text("left over"));

		assertThat(this.chatModel.call("Hello")).isEqualTo("first");
		assertThat(this.bedrock.requests()).hasSize(1);
	}

	@Test
	@Order(2)
	void secondTestStartsWithTheSameStubReset() {
		assertThat(this.bedrock).isSameAs(firstTestsStub);
		assertThat(this.bedrock.requests()).isEmpty();

		assertThat(this.chatModel.call("Hello")).isEqualTo("Echo: Hello");
		assertThat(this.bedrock.requests()).hasSize(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
