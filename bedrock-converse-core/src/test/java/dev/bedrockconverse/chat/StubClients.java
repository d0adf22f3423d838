package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * Real SDK clients pointed at the loopback stub, for tests that need a particular
 * configuration (retry strategy, HTTP/2); the common sync and async clients are resolved
 * as test parameters by {@code BedrockStubExtension}. The model is exercised through the
 * SDK's actual HTTP, signing, event-stream and retry code, never a mock.
 */
public final class StubClients {

	/**
	 * The model id the tests send unless a test is about a particular model: the one
	 * place that names it.
	 */
	public static final String MODEL = "amazon.nova-micro-v1:0";

	private StubClients() {
	}

	public static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY));
	}

	public static BedrockRuntimeClient sync(BedrockStub stub) {
		return onStub(BedrockRuntimeClient.builder(), stub).httpClientBuilder(Apache5HttpClient.builder()).build();
	}

	/**
	 * A sync client whose SDK retries are configured by the test (e.g. to count
	 * attempts).
	 */
	public static BedrockRuntimeClient sync(BedrockStub stub, RetryStrategy retryStrategy) {
		return sync(stub, (override) -> override.retryStrategy(retryStrategy));
	}

	/**
	 * A sync client with the test's override configuration (retries, metric publishers).
	 */
	public static BedrockRuntimeClient sync(BedrockStub stub, Consumer<ClientOverrideConfiguration.Builder> override) {
		return onStub(BedrockRuntimeClient.builder(), stub).httpClientBuilder(Apache5HttpClient.builder())
			.overrideConfiguration(override)
			.build();
	}

	/**
	 * An HTTP/2 async client, as production streams use, with the test's retry strategy.
	 */
	public static BedrockRuntimeAsyncClient async(BedrockStub stub, RetryStrategy retryStrategy) {
		return async(stub, (override) -> override.retryStrategy(retryStrategy));
	}

	/**
	 * An HTTP/2 async client, as production streams use, with the test's override
	 * configuration (retries, metric publishers).
	 */
	public static BedrockRuntimeAsyncClient async(BedrockStub stub,
			Consumer<ClientOverrideConfiguration.Builder> override) {
		return onStub(BedrockRuntimeAsyncClient.builder(), stub)
			.httpClientBuilder(NettyNioAsyncHttpClient.builder()
				.protocol(Protocol.HTTP2)
				.protocolNegotiation(ProtocolNegotiation.ASSUME_PROTOCOL))
			.overrideConfiguration(override)
			.build();
	}

	/** A standard retry strategy with tiny back-off, so retry tests stay fast. */
	public static RetryStrategy fastRetries(int maxAttempts) {
		return AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.maxAttempts(maxAttempts)
			.backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
			.throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
			.build();
	}

	public static BedrockRuntimeAsyncClient async(BedrockStub stub, Protocol protocol) {
		return onStub(BedrockRuntimeAsyncClient.builder(), stub)
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol))
			.build();
	}

	/**
	 * What every client here shares: the stub's endpoint, a region, the stub's keys.
	 * @param <B> the type of the client builder
	 * @param builder a sync or async client builder
	 * @param stub the stub
	 * @return the builder
	 */
	private static <B extends AwsClientBuilder<B, ?>> B onStub(B builder, BedrockStub stub) {
		return builder.endpointOverride(stub.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials());
	}

}
