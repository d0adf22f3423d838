package dev.bedrockconverse.stub.junit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * Runs one {@link BedrockStub} per test class, {@link BedrockStub#reset() resets} it
 * before each test and injects it into constructor, test and lifecycle method parameters
 * of type {@link BedrockStub}, and (with the SDK on the class path) ready
 * {@code BedrockRuntimeClient} and {@code BedrockRuntimeAsyncClient} parameters pointed
 * at the stub, closed with the stub.
 *
 * <p>
 * Declaratively, with the defaults (random port, test credentials, signatures enforced):
 * <pre>{@code
 * &#64;ExtendWith(BedrockStubExtension.class)
 * class MyTests {
 *

&#64;Test
 *     void answers(BedrockStub stub) { ... }
 * }
 * }</pre> Programmatically, with options: <pre>{@code
 * &#64;RegisterExtension
 * static BedrockStubExtension stub = BedrockStubExtension.builder().enforceSignatures(false).build();
 * ... stub.get().endpoint() ...
 * }</pre> A non-static {@code @RegisterExtension} field gets its own stub per test.
 */
public final class BedrockStubExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BedrockStubExtension.class);

	private final Consumer<BedrockStub.Builder> options;

	private final StubSdkClients.StubCredentials credentials;

	private volatile BedrockStub current;

	/** The declarative form: default options. */
	public BedrockStubExtension() {
		this((builder) -> {
		}, new StubSdkClients.StubCredentials(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY,
				null));
	}

	private BedrockStubExtension(Consumer<BedrockStub.Builder> options, StubSdkClients.StubCredentials credentials) {
		this.options = options;
		this.credentials = credentials;
	}

	/**
	 * A builder for the programmatic form.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The running stub.
	 * @return the stub of the current test class
	 * @throws IllegalStateException before the extension has started it
	 */
	public BedrockStub get() {
		BedrockStub stub = this.current;
		if (stub == null) {
			throw new IllegalStateException(
					"The Bedrock stub is not started yet: use it from a test or lifecycle method");
		}
		return stub;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.current = stubFor(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// A non-static @RegisterExtension field skips beforeAll; its stub then lives in
		// the method's store.
		BedrockStub stub = stubFor(context);
		this.current = stub;
		stub.reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// The store closes the stub (it is AutoCloseable); only forget it here so get()
		// fails afterwards.
		this.current = null;
	}

	/**
	 * Supports {@link BedrockStub} parameters and, when the SDK's Bedrock runtime client
	 * is on the class path, {@code BedrockRuntimeClient} and
	 * {@code BedrockRuntimeAsyncClient} parameters: real clients pointed at this stub and
	 * signing with its credentials (sync: Apache 5 HTTP client; async: Netty over
	 * HTTP/1.1), created once per stub and closed with it (after the test class, or after
	 * the test for a non-static {@code @RegisterExtension} field).
	 * @param parameterContext the parameter
	 * @param extensionContext the context
	 * @return whether the parameter is resolved by this extension
	 */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == BedrockStub.class || type.getName().equals(StubSdkClients.SYNC)
				|| type.getName().equals(StubSdkClients.ASYNC);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		Running running = runningFor(extensionContext);
		return (type == BedrockStub.class) ? running.stub : running.client(type, this.credentials);
	}

	private BedrockStub stubFor(ExtensionContext context) {
		return runningFor(context).stub;
	}

	/**
	 * The stub shared by a test class (and its SDK clients): created lazily in the
	 * nearest store, so constructor injection in per-class lifecycle and nested classes
	 * see the same instance; stores close {@link AutoCloseable} values when their context
	 * ends, so the clients and the stub live exactly as long as each other.
	 * @param context the context
	 * @return the stub shared by a test class (and its SDK clients)
	 */
	private Running runningFor(ExtensionContext context) {
		Object key = this;
		return context.getStore(NAMESPACE).computeIfAbsent(key, (k) -> {
			BedrockStub.Builder builder = BedrockStub.builder();
			this.options.accept(builder);
			return new Running(builder.build().start());
		}, Running.class);
	}

	/** A started stub and the SDK clients created for it so far. */
	private static final class Running implements AutoCloseable {

		private final BedrockStub stub;

		private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

		Running(BedrockStub stub) {
			this.stub = stub;
		}

		Object client(Class<?> type, StubSdkClients.StubCredentials credentials) {
			return this.clients.computeIfAbsent(type.getName(),
					(name) -> StubSdkClients.create(type, this.stub, credentials));
		}

		@Override
		public void close() throws Exception {
			for (AutoCloseable client : this.clients.values()) {
				client.close();
			}
			this.stub.close();
		}

	}

	/**
	 * Options for the programmatic form; the same as {@link BedrockStub.Builder}'s.
	 */
	public static final class Builder {

		private Consumer<BedrockStub.Builder> options = (builder) -> {
		};

		private String accessKeyId = BedrockStub.TEST_ACCESS_KEY_ID;

		private String secretAccessKey = BedrockStub.TEST_SECRET_ACCESS_KEY;

		private String sessionToken;

		private Builder() {
		}

		private Builder with(Consumer<BedrockStub.Builder> option) {
			this.options = this.options.andThen(option);
			return this;
		}

		/**
		 * See {@link BedrockStub.Builder#port(int)}.
		 * @param port the port, 0 for a random one
		 * @return this builder
		 */
		public Builder port(int port) {
			return with((b) -> b.port(port));
		}

		/**
		 * See {@link BedrockStub.Builder#accessKeyId(String)}.
		 * @param accessKeyId the key id
		 * @return this builder
		 */
		public Builder accessKeyId(String accessKeyId) {
			this.accessKeyId = accessKeyId;
			return with((b) -> b.accessKeyId(accessKeyId));
		}

		/**
		 * See {@link BedrockStub.Builder#secretAccessKey(String)}.
		 * @param secretAccessKey the secret
		 * @return this builder
		 */
		public Builder secretAccessKey(String secretAccessKey) {
			this.secretAccessKey = secretAccessKey;
			return with((b) -> b.secretAccessKey(secretAccessKey));
		}

		/**
		 * See {@link BedrockStub.Builder#sessionToken(String)}.
		 * @param sessionToken the token
		 * @return this builder
		 */
		public Builder sessionToken(String sessionToken) {
			this.sessionToken = sessionToken;
			return with((b) -> b.sessionToken(sessionToken));
		}

		/**
		 * See {@link BedrockStub.Builder#apiKey(String)}.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			return with((b) -> b.apiKey(apiKey));
		}

		/**
		 * See {@link BedrockStub.Builder#enforceSignatures(boolean)}.
		 * @param enforceSignatures whether to verify
		 * @return this builder
		 */
		public Builder enforceSignatures(boolean enforceSignatures) {
			return with((b) -> b.enforceSignatures(enforceSignatures));
		}

		/**
		 * Creates the extension.
		 * @return the extension, to assign to a {@code @RegisterExtension} field
		 */
		public BedrockStubExtension build() {
			return new BedrockStubExtension(this.options,
					new StubSdkClients.StubCredentials(this.accessKeyId, this.secretAccessKey, this.sessionToken));
		}

	}

}
