package dev.bedrockconverse.chat;

import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

/**
 * What the tests that run {@link ChatBedrockConverse} against the stub share: the class's
 * stub, a sync and an async client pointed at it, and a model builder over both. Where
 * the clients come from is up to the subclass: {@link StubModelFixture} (the extension's
 * clients) or {@link RetryingStubModelFixture} (clients with the test's retry strategy).
 */
@ExtendWith(BedrockStubExtension.class)
public abstract class StubFixture {

	/** The stub of this test class, reset before each test. */
	protected BedrockStub stub;

	/** A sync client pointed at the stub. */
	protected BedrockRuntimeClient client;

	/** An async client pointed at the stub. */
	protected BedrockRuntimeAsyncClient asyncClient;

	/**
	 * A question about an attached PDF report, with the stub's {@code citations}
	 * scenario: the stub answers with the echo as cited text and one citation of the
	 * document "Q3 report".
	 * @return the prompt
	 */
	protected static Prompt questionAboutReport() {
		return new Prompt(UserMessage.builder()
			.text("[scenario:citations] What was Q3 revenue?")
			.media(List.of(Media.builder()
				.mimeType(MimeType.valueOf("application/pdf"))
				.data(new byte[] { 1, 2 })
				.name("Q3 report")
				.build()))
			.build());
	}

	/**
	 * A model builder on both clients with {@link StubClients#MODEL} as the default
	 * model.
	 * @return the builder
	 */
	protected ChatBedrockConverse.Builder modelBuilder() {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder().model(StubClients.MODEL).build());
	}

}
