package dev.bedrockconverse.stub;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declarative form of the extension: one stub per class, injected everywhere, reset
 * before each test.
 */
@ExtendWith(BedrockStubExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BedrockStubExtensionTests {

	private static BedrockStub firstSeen;

	private static BedrockRuntimeClient resolvedClient;

	private final BedrockStub constructorStub;

	private BedrockStub beforeEachStub;

	BedrockStubExtensionTests(BedrockStub stub) {
		this.constructorStub = stub;
	}

	@BeforeEach
	void remember(BedrockStub stub) {
		this.beforeEachStub = stub;
	}

	@Test
	@Order(1)
	void injectsTheSameStartedStubEverywhere(BedrockStub stub) {
		assertThat(stub).isSameAs(this.constructorStub).isSameAs(this.beforeEachStub);
		assertThat(stub.endpoint().toString()).startsWith("http://127.0.0.1:");
		firstSeen = stub;
		stub.enqueue(StubAnswer.text("left over"));
	}

	@Test
	@Order(2)
	void sharesTheStubAcrossTestsAndResetsIt(BedrockStub stub) {
		assertThat(stub).isSameAs(firstSeen);
		assertThat(stub.requests()).isEmpty();
	}

	@Test
	@Order(3)
	void resolvesReadySdkClientsPointedAtTheStub(BedrockStub stub, BedrockRuntimeClient client,
			BedrockRuntimeAsyncClient asyncClient) {
		stub.enqueue(StubAnswer.text("from the sync client"));
		stub.enqueue(StubAnswer.text("from the async client"));
		assertThat(client.converse(request()).output().message().content().get(0).text())
			.isEqualTo("from the sync client");
		assertThat(asyncClient.converse(request()).join().output().message().content().get(0).text())
			.isEqualTo("from the async client");
		assertThat(stub.requests()).hasSize(2);
		resolvedClient = client;
	}

	@Test
	@Order(4)
	void resolvesTheSameClientsForEveryTestOfTheClass(BedrockRuntimeClient client) {
		// The clients live as long as the class's stub and are closed with it.
		assertThat(client).isSameAs(resolvedClient);
	}

	private static ConverseRequest request() {
		return ConverseRequest.builder()
			.modelId("amazon.nova-micro-v1:0")
			.messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("Hi")).build())
			.build();
	}

}
