package dev.bedrockconverse.benchmarks;

import java.net.URI;
import java.time.Duration;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.stub.BedrockStub;

/**
 * The one pair of SDK clients that both sides of every comparison share: ours
 * ({@link ChatBedrockConverse}) is built over exactly these instances, so the only
 * difference between "ours" and "raw" is the adapter.
 * <p>
 * Retries are off (an error must show as an error, not as latency), credentials are the
 * stub's static test keys, and the connection pools are sized above the concurrency so
 * that no request waits for a connection.
 */
public final class Clients implements AutoCloseable {

	/** The model id sent on every request; the stub accepts any. */
	public static final String MODEL = "bench.model-v1:0";

	public final BedrockRuntimeClient sync;

	public final BedrockRuntimeAsyncClient async;

	public final ChatBedrockConverse model;

	/** Spring AI's fluent client over {@link #model}, created once. */
	public final ChatClient chatClient;

	/**
	 * The model of the starter as users run it ({@link StarterApp}: actuator, Prometheus,
	 * the default meters), with its own auto-configured SDK clients; {@code null} unless
	 * asked for.
	 */
	public final ChatBedrockConverse meters;

	private final ConfigurableApplicationContext starter;

	/**
	 * Our model (no-op observations) and a ChatClient over the given clients (e.g.
	 * {@link InMemoryClients}).
	 * @param sync the sync client
	 * @param async the async client
	 */
	public Clients(BedrockRuntimeClient sync, BedrockRuntimeAsyncClient async) {
		this(sync, async, model(sync, async));
	}

	/**
	 * The given model and a ChatClient over it, beside the given clients.
	 * @param sync the sync client
	 * @param async the async client
	 * @param model the model
	 */
	public Clients(BedrockRuntimeClient sync, BedrockRuntimeAsyncClient async, ChatBedrockConverse model) {
		this.sync = sync;
		this.async = async;
		this.model = model;
		this.chatClient = ChatClient.create(this.model);
		this.meters = null;
		this.starter = null;
	}

	/**
	 * Real SDK clients (Apache 5 for sync, Netty for async) on the stub.
	 * @param endpoint the stub endpoint
	 * @param concurrency the highest concurrency they will see
	 * @param starter whether to also start the starter as users run it on the same stub
	 * ({@link #meters})
	 */
	public Clients(URI endpoint, int concurrency, boolean starter) {
		this(endpoint, concurrency, starter, false);
	}

	/**
	 * Real SDK clients (Apache 5 for sync, Netty for async) on the stub.
	 * @param endpoint the stub endpoint
	 * @param concurrency the highest concurrency they will see
	 * @param starter whether to also start the starter as users run it on the same stub
	 * ({@link #meters})
	 * @param h2c whether the async client speaks cleartext HTTP/2 by prior knowledge, as
	 * the starter's does to an {@code http://} endpoint (otherwise HTTP/1.1, the SDK's
	 * default without TLS)
	 */
	public Clients(URI endpoint, int concurrency, boolean starter, boolean h2c) {
		int pool = Math.max(16, concurrency * 2);
		this.sync = onStub(BedrockRuntimeClient.builder(), endpoint)
			.httpClient(Apache5HttpClient.builder().maxConnections(pool).build())
			.build();
		NettyNioAsyncHttpClient.Builder netty = NettyNioAsyncHttpClient.builder().maxConcurrency(pool);
		if (h2c) {
			netty.protocol(Protocol.HTTP2).protocolNegotiation(ProtocolNegotiation.ASSUME_PROTOCOL);
		}
		this.async = onStub(BedrockRuntimeAsyncClient.builder(), endpoint).httpClient(netty.build()).build();
		this.model = model(this.sync, this.async);
		this.chatClient = ChatClient.create(this.model);
		// No retries, as on the raw side: an error must show as an error.
		this.starter = starter ? StarterApp.start(endpoint, "bedrock.converse.retry.max-attempts=1") : null;
		this.meters = starter ? StarterApp.model(this.starter) : null;
	}

	/**
	 * What the sync and async clients share: the stub's endpoint and test keys, no
	 * retries, a 60 s call timeout.
	 * @param <B> the type of the client builder
	 * @param builder a sync or async client builder
	 * @param endpoint the stub endpoint
	 * @return the builder
	 */
	private static <B extends AwsClientBuilder<B, ?>> B onStub(B builder, URI endpoint) {
		return builder.region(Region.US_EAST_1)
			.endpointOverride(endpoint)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY)))
			.overrideConfiguration(
					(o) -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(60)));
	}

	private static ChatBedrockConverse model(BedrockRuntimeClient sync, BedrockRuntimeAsyncClient async) {
		return ChatBedrockConverse.builder()
			.bedrockRuntimeClient(sync)
			.bedrockRuntimeAsyncClient(async)
			.defaultOptions(BedrockConverseChatOptions.builder().model(MODEL).build())
			.build();
	}

	/**
	 * A prompt of {@code words} words; the stub's default answer echoes it as
	 * {@code "Echo:"} plus one delta per word, so a stream gets {@code words + 1} deltas.
	 * @param words the number of words
	 * @return the prompt text
	 */
	public static String promptOfWords(int words) {
		StringBuilder sb = new StringBuilder(words * 6);
		for (int i = 0; i < words; i++) {
			if (i > 0) {
				sb.append(' ');
			}
			sb.append("w").append(i % 1000);
		}
		return sb.toString();
	}

	@Override
	public void close() {
		this.sync.close();
		this.async.close();
		if (this.starter != null) {
			this.starter.close();
		}
	}

}
