package dev.bedrockconverse.autoconfigure.stub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseConnectionDetails;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.SignatureResult;
import dev.bedrockconverse.stub.spring.AutoConfigureBedrockStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BedrockStubConnectionAutoConfiguration}, the auto-configuration that
 * {@link AutoConfigureBedrockStub} imports.
 */
class BedrockStubConnectionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BedrockStubConnectionAutoConfiguration.class))
		.withConfiguration(BedrockConverseContextRunners.CHAT)
		.withPropertyValues("bedrock.converse.model=" + BedrockConverseContextRunners.MODEL);

	@Test
	void theAnnotationImportsThisAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfigureBedrockStub.class, getClass().getClassLoader()).getCandidates())
			.containsExactly(BedrockStubConnectionAutoConfiguration.class.getName());
	}

	@Test
	void startsAStubAndPointsTheClientsAtItWithoutEndpointRegionOrKeys() {
		this.contextRunner.run((context) -> {
			BedrockStub stub = context.getBean(BedrockStub.class);
			BedrockConverseConnectionDetails details = context.getBean(BedrockConverseConnectionDetails.class);
			assertThat(details.getEndpoint()).isEqualTo(stub.endpoint());
			assertThat(details.getRegion()).isEqualTo(Region.US_EAST_1);
			assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().region())
				.isEqualTo(Region.US_EAST_1);
			assertThat(context.getBean(ChatModel.class).call(new Prompt("Hello")).getResult().getOutput().getText())
				.isEqualTo("Echo: Hello");
			assertThat(stub.lastRequest().signature()).isEqualTo(SignatureResult.VALID);
			assertThat(stub.lastRequest().accessKeyId()).isEqualTo(BedrockStub.TEST_ACCESS_KEY_ID);
		});
	}

	@Test
	void theStubsDetailsWinOverTheEndpointRegionAndKeysOfTheProperties() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.endpoint=http://127.0.0.1:9", "bedrock.converse.region=eu-west-1",
					"bedrock.converse.credentials.access-key-id=AKIDUNKNOWN",
					"bedrock.converse.credentials.secret-access-key=unknown-secret")
			.run((context) -> {
				assertThat(context.getBean(ChatModel.class).call(new Prompt("Hello")).getResult().getOutput().getText())
					.isEqualTo("Echo: Hello");
				assertThat(context.getBean(BedrockStub.class).lastRequest().signature())
					.isEqualTo(SignatureResult.VALID);
			});
	}

	@Test
	void theStubIsClosedWithTheContext() {
		AtomicReference<URI> endpoint = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			endpoint.set(context.getBean(BedrockStub.class).endpoint());
			assertThat(connects(endpoint.get())).isTrue();
		});
		assertThat(connects(endpoint.get())).isFalse();
	}

	@Test
	void usesTheApplicationsOwnStub() {
		BedrockStub own = BedrockStub.builder().apiKey("own-stub-key").build();
		this.contextRunner
			.withBean(BedrockStub.class, own::start, (definition) -> definition.setDestroyMethodName("close"))
			.run((context) -> {
				assertThat(context).getBean(BedrockStub.class).isSameAs(own);
				assertThat(context.getBean(BedrockConverseConnectionDetails.class).getEndpoint())
					.isEqualTo(own.endpoint());
			});
	}

	@Test
	void theApplicationsOwnConnectionDetailsWin() {
		BedrockConverseConnectionDetails own = () -> Region.AP_SOUTH_1;
		this.contextRunner.withBean(BedrockConverseConnectionDetails.class, () -> own)
			.run((context) -> assertThat(context).getBean(BedrockConverseConnectionDetails.class).isSameAs(own));
	}

	@Test
	void backsOffWithoutTheStubModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(BedrockStub.class))
			.withPropertyValues("bedrock.converse.region=us-east-1")
			.run((context) -> assertThat(context).doesNotHaveBean(BedrockStub.class)
				.doesNotHaveBean(BedrockStubConnectionAutoConfiguration.StubConnectionDetails.class));
	}

	private static boolean connects(URI endpoint) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.getPort())) {
			return socket.isConnected();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
