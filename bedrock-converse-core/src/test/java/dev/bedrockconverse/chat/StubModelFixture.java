package dev.bedrockconverse.chat;

import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

/**
 * The stub fixture with the real SDK clients that {@link BedrockStubExtension} points at
 * the stub (a sync client and an HTTP/1.1 async client, shared by the class's tests and
 * closed with its stub). Tests needing another retry strategy extend
 * {@link RetryingStubModelFixture}; other client configurations (HTTP/2) come from
 * {@link StubClients}.
 */
public abstract class StubModelFixture extends StubFixture {

	@BeforeEach
	void setUpStubClients(BedrockStub stub, BedrockRuntimeClient client, BedrockRuntimeAsyncClient asyncClient) {
		this.stub = stub;
		this.client = client;
		this.asyncClient = asyncClient;
	}

}
