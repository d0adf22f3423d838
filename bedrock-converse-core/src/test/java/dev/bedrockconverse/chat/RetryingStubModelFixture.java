package dev.bedrockconverse.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.retries.api.RetryStrategy;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * The stub fixture with clients of the test class's own, which retry as the test says (no
 * retries, so that an error arrives as Bedrock sent it, or a few fast ones): a sync
 * client and an HTTP/2 async client, created with the test instance (one per class) and
 * closed after its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RetryingStubModelFixture extends StubFixture {

	/**
	 * Create the clients.
	 * @param stub the class's stub
	 * @param retryStrategy the SDK retry strategy of both clients
	 */
	protected RetryingStubModelFixture(BedrockStub stub, RetryStrategy retryStrategy) {
		this.stub = stub;
		this.client = StubClients.sync(stub, retryStrategy);
		this.asyncClient = StubClients.async(stub, retryStrategy);
	}

	@AfterAll
	void closeClients() {
		this.client.close();
		this.asyncClient.close();
	}

}
