package dev.bedrockconverse.chat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Bad input fails before any request reaches the stub; the merge repair is opt-in. */
@ExtendWith(BedrockStubExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatBedrockConverseValidationTests {

	private static final BedrockConverseChatOptions MODEL_ONLY = BedrockConverseChatOptions.builder()
		.model(StubClients.MODEL)
		.build();

	private BedrockStub stub;

	private BedrockRuntimeClient client;

	private BedrockRuntimeAsyncClient asyncClient;

	@BeforeAll
	void setUp(BedrockStub stub) {
		this.stub = stub;
		this.client = StubClients.sync(stub, AwsRetryStrategy.doNotRetry());
		this.asyncClient = StubClients.async(stub, AwsRetryStrategy.doNotRetry());
	}

	@AfterAll
	void tearDown() {
		this.client.close();
		this.asyncClient.close();
	}

	private ChatBedrockConverse model(boolean merge) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(MODEL_ONLY)
			.mergeConsecutiveMessages(merge)
			.build();
	}

	@Test
	void aCallWithATemperatureOutOfRangeSendsNothing() {
		// The options reject the value when it is set, so nothing can be sent with it.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> model(false).call(new Prompt("Hello", MODEL_ONLY.mutate().temperature(2.0).build())))
			.withMessageContaining("'temperature'");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void aStreamWithABlankMessageFailsOnStreamAndSendsNothing() {
		Prompt prompt = new Prompt(List.of(new UserMessage(" ")));
		assertThatIllegalArgumentException().isThrownBy(() -> model(false).stream(prompt))
			.withMessageContaining("messages[0].text");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void consecutiveUserMessagesAreRejectedByDefaultAndSendNothing() {
		Prompt prompt = new Prompt(List.of(new UserMessage("one"), new UserMessage("two")));
		assertThatIllegalArgumentException().isThrownBy(() -> model(false).call(prompt))
			.withMessageContaining("alternate");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void withMergingOptedInConsecutiveUserMessagesAreSentAsOneTurn() {
		Prompt prompt = new Prompt(List.of(new UserMessage("one"), new UserMessage("two")));

		String answer = model(true).call(prompt).getResult().getOutput().getText();

		assertThat(answer).isEqualTo("Echo: onetwo");
		var messages = this.stub.lastRequest().body().path("messages");
		assertThat(messages.size()).isEqualTo(1);
		assertThat(messages.get(0).path("content").size()).isEqualTo(2);
	}

}
