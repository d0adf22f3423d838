package dev.bedrockconverse.stub;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declarative form of the extension: one stub per class, injected everywhere, reset
 * before each test.
 */
@ExtendWith(BedrockStubExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BedrockStubExtensionTest {

	private static BedrockStub firstSeen;

	private final BedrockStub constructorStub;

	private BedrockStub beforeEachStub;

	BedrockStubExtensionTest(BedrockStub stub) {
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

}
