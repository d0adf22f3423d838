package dev.bedrockconverse.autoconfigure.clients;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.chat.BedrockConverseTransientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The configured timeouts take effect: a loopback server that accepts connections and
 * never answers makes every request wait until a timeout ends it.
 */
class BedrockConverseClientTimeoutTests {

	private final SilentServer server = new SilentServer();

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chat()
		.withPropertyValues("bedrock.converse.credentials.access-key-id=AKIDTEST",
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
				BedrockConverseContextRunners.findCause(thrown, SocketTimeoutException.class);
				// A timeout keeps the advice about long generations.
				assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
					.hasMessageContaining("bedrock.converse.client.api-call-timeout / read-timeout")
					.hasMessageContaining("stream()");
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
				SdkClientException clientException = BedrockConverseContextRunners.findCause(thrown,
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
				BedrockConverseContextRunners.findCause(thrown, ApiCallTimeoutException.class);
				assertThat(thrown).isInstanceOf(BedrockConverseTransientException.class)
					.hasMessageContaining("bedrock.converse.client.api-call-timeout / read-timeout")
					.hasMessageContaining("stream()");
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
				BedrockConverseContextRunners.findCause(thrown, ApiCallTimeoutException.class);
			});
	}

	/**
	 * Accepts connections on loopback and never answers a request. A cleartext HTTP/2
	 * client (prior knowledge) gets the server's half of the connection preface first, so
	 * that its connection is established and it is the request, not the connection, that
	 * waits: without that the HTTP/2 client would fail on acquiring a connection instead
	 * of on the read timeout under test.
	 */
	static final class SilentServer implements AutoCloseable {

		private static final byte[] HTTP2_CLIENT_PREFACE_START = "PRI * HTTP/2.0".getBytes(StandardCharsets.US_ASCII);

		/**
		 * An empty SETTINGS frame, then a SETTINGS frame with the ACK flag for the
		 * client's.
		 */
		private static final byte[] HTTP2_SERVER_PREFACE = { 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0 };

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private ServerSocket serverSocket;

		void start() throws IOException {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.serverSocket.isClosed()) {
					try {
						Socket socket = this.serverSocket.accept();
						this.accepted.add(socket);
						Thread greeter = new Thread(() -> greetHttp2Clients(socket), "silent-server-connection");
						greeter.setDaemon(true);
						greeter.start();
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "silent-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		private static void greetHttp2Clients(Socket socket) {
			try {
				byte[] start = socket.getInputStream().readNBytes(HTTP2_CLIENT_PREFACE_START.length);
				if (Arrays.equals(start, HTTP2_CLIENT_PREFACE_START)) {
					socket.getOutputStream().write(HTTP2_SERVER_PREFACE);
					socket.getOutputStream().flush();
				}
				// Then silence: the request is never answered.
			}
			catch (IOException ex) {
				// The client gave up and closed the connection: nothing to do.
			}
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
