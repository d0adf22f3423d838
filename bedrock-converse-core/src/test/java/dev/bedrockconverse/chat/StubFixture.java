package dev.bedrockconverse.chat;

import org.junit.jupiter.api.extension.ExtendWith;
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
