package dev.bedrockconverse.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The configured timeouts take effect: a loopback server that accepts connections and
 * never answers makes every request wait until a timeout ends it.
 */
class BedrockConverseClientTimeoutTests {

	private final SilentServer server = new SilentServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BedrockConverseClientAutoConfiguration.class,
				BedrockConverseChatAutoConfiguration.class))
		.withPropertyValues("bedrock.converse.region=us-east-1", "bedrock.converse.model=amazon.nova-lite-v1:0",
				"bedrock.converse.credentials.access-key-id=AKIDTEST",
				"bedrock.converse.credentials.secret-access-key=test-secret");

	@BeforeEach
	void startServer() throws IOException {
		this.server.start();
	}

	@AfterEach
	void stopServer() throws IOException {
		this.server.close();
	}

	@Test
	void readTimeoutEndsASilentSyncCall() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.endpoint=" + this.server.endpoint(),
					"bedrock.converse.client.read-timeout=300ms", "bedrock.converse.client.api-call-timeout=20s")
			.run((context) -> {
				long start = System.nanoTime();
				Throwable thrown = catchThrowable(() -> context.getBean(ChatModel.class).call(new Prompt("Hello")));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
				BedrockConverseStubIntegrationTests.findCause(thrown, SocketTimeoutException.class);
			});
	}

	@Test
	void readTimeoutEndsASilentStream() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.endpoint=" + this.server.endpoint(),
					"bedrock.converse.client.read-timeout=300ms", "bedrock.converse.client.api-call-timeout=20s")
			.run((context) -> {
				long start = System.nanoTime();
				Throwable thrown = catchThrowable(
						() -> context.getBean(ChatModel.class).stream(new Prompt("Hello")).blockLast());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
				SdkClientException clientException = BedrockConverseStubIntegrationTests.findCause(thrown,
						SdkClientException.class);
				assertThat(clientException).isNotInstanceOf(ApiCallTimeoutException.class);
				assertThat(clientException).hasMessageContaining("Read timed out");
			});
	}

	@Test
	void apiCallTimeoutEndsASilentSyncCall() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.endpoint=" + this.server.endpoint(),
					"bedrock.converse.client.api-call-timeout=500ms")
			.run((context) -> {
				long start = System.nanoTime();
				Throwable thrown = catchThrowable(() -> context.getBean(ChatModel.class).call(new Prompt("Hello")));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
				BedrockConverseStubIntegrationTests.findCause(thrown, ApiCallTimeoutException.class);
			});
	}

	@Test
	void apiCallTimeoutEndsASilentStream() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.endpoint=" + this.server.endpoint(),
					"bedrock.converse.client.api-call-timeout=500ms")
			.run((context) -> {
				long start = System.nanoTime();
				Throwable thrown = catchThrowable(
						() -> context.getBean(ChatModel.class).stream(new Prompt("Hello")).blockLast());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
				BedrockConverseStubIntegrationTests.findCause(thrown, ApiCallTimeoutException.class);
			});
	}

	/**
	 * Accepts connections on loopback, reads nothing and answers nothing.
	 */
	static final class SilentServer implements AutoCloseable {

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private ServerSocket serverSocket;

		void start() throws IOException {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.serverSocket.isClosed()) {
					try {
						this.accepted.add(this.serverSocket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "silent-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		String endpoint() {
			return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			this.serverSocket.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

}
