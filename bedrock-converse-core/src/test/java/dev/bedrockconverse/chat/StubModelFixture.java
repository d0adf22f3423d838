package dev.bedrockconverse.chat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

/**
 * The shared set-up of the tests that run {@link ChatBedrockConverse} against the stub:
 * the class's stub, and the real SDK clients that {@link BedrockStubExtension} points at
 * it (a sync client and an HTTP/1.1 async client, shared by the class's tests and closed
 * with its stub). Tests needing another client configuration (retries, HTTP/2) use
 * {@link StubClients}.
 */
@ExtendWith(BedrockStubExtension.class)
public abstract class StubModelFixture {

	/** The stub of this test class, reset before each test. */
	protected BedrockStub stub;

	/** A sync client pointed at the stub. */
	protected BedrockRuntimeClient client;

	/** An async client pointed at the stub. */
	protected BedrockRuntimeAsyncClient asyncClient;

	@BeforeEach
	void setUpStubClients(BedrockStub stub, BedrockRuntimeClient client, BedrockRuntimeAsyncClient asyncClient) {
		this.stub = stub;
		this.client = client;
		this.asyncClient = asyncClient;
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
