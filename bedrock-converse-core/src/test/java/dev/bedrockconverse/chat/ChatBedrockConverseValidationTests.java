package dev.bedrockconverse.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;

import dev.bedrockconverse.stub.BedrockStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Bad input fails before any request reaches the stub; the merge repair is opt-in. */
class ChatBedrockConverseValidationTests extends RetryingStubModelFixture {

	private static final BedrockConverseChatOptions MODEL_ONLY = BedrockConverseChatOptions.builder()
		.model(StubClients.MODEL)
		.build();

	ChatBedrockConverseValidationTests(BedrockStub stub) {
		super(stub, AwsRetryStrategy.doNotRetry());
	}

	private ChatBedrockConverse model(boolean merge) {
		return modelBuilder().mergeConsecutiveMessages(merge).build();
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
