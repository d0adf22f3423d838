package dev.bedrockconverse.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.chat.observation.BedrockSdkMetricPublisher;
import dev.bedrockconverse.stub.BedrockStub;

/**
 * What the starter costs as users run it, with no network: real SDK clients over
 * {@link InMemoryHttp} (the whole SDK pipeline, only the bytes come from memory), per
 * call and per streamed delta ({@link OperationsPerInvocation} = {@value #DELTAS}):
 * <ul>
 * <li>{@code raw*}: the bare SDK clients;</li>
 * <li>{@code rawPublisher*}: the same with our {@link BedrockSdkMetricPublisher} on a
 * Prometheus registry (the SDK's metric collection plus the bridge);
 * {@code rawNoopPublisherCall}: with a publisher that does nothing (the SDK's metric
 * collection alone);</li>
 * <li>{@code oursNoop*}: {@code ChatBedrockConverse} over the bare clients with
 * {@code ObservationRegistry.NOOP} (the builder's default);</li>
 * <li>{@code starter*}: the {@code ChatBedrockConverse} bean of {@link StarterApp}
 * (actuator, Prometheus, the default meters, the sample's histograms), over its own
 * auto-configured SDK clients on the same in-memory transport;</li>
 * <li>{@code starterChatClient*}: the same through {@code ChatClient.create(model)}, as
 * the sample uses it.</li>
 * </ul>
 * {@code config} adds properties to the starter's context, to price each part on its own:
 * {@code default} (the defaults, so no SDK meters), {@code sdk-meters}
 * ({@code bedrock.converse.observations.sdk-meters=true}, as the sample sets),
 * {@code no-bedrock-meters}, {@code no-token-usage}, {@code no-histograms} (the sample's
 * percentile histograms off) and {@code no-observation}
 * ({@code management.observations.enable.gen_ai=false}: Boot's timer and every handler
 * off), {@code no-long-task-timer}
 * ({@code management.metrics.observations.ignored-meters=long-task-timer}: Boot's meter
 * handler without its {@code gen_ai.client.operation.active} long-task timer, for every
 * observation of the application). Run with {@code -prof gc}.
 */
public class AsUsersRunItBenchmark extends BenchmarkSettings {

	public static final int DELTAS = 100;

	/** Properties of the starter's context; see the class comment. */
	@Param({ "default" })
	public String config;

	private String callText;

	private String streamText;

	private Clients raw;

	private Clients rawPublisher;

	private Clients starter;

	private Clients rawNoopPublisher;

	private ConfigurableApplicationContext context;

	private final Workload.Counter sink = new Workload.Counter();

	@Setup
	public void setup(BenchmarkParams params) {
		this.callText = Clients.promptOfWords(9);
		this.streamText = Clients.promptOfWords(DELTAS - 1);
		SdkHttpClient http = InMemoryHttp.sync(InMemoryHttp.converseJson("Echo: " + this.callText));
		SdkAsyncHttpClient asyncHttp = InMemoryHttp.async(InMemoryHttp.streamEvents(DELTAS));
		this.raw = new Clients(sdk(BedrockRuntimeClient.builder(), null).httpClient(http).build(),
				sdk(BedrockRuntimeAsyncClient.builder(), null).httpClient(asyncHttp).build());
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		BedrockSdkMetricPublisher publisher = new BedrockSdkMetricPublisher(registry, "us-east-1");
		this.rawPublisher = new Clients(sdk(BedrockRuntimeClient.builder(), publisher).httpClient(http).build(),
				sdk(BedrockRuntimeAsyncClient.builder(), publisher).httpClient(asyncHttp).build());
		MetricPublisher noop = new MetricPublisher() {
			@Override
			public void publish(MetricCollection metricCollection) {
			}

			@Override
			public void close() {
			}
		};
		this.rawNoopPublisher = new Clients(sdk(BedrockRuntimeClient.builder(), noop).httpClient(http).build(),
				sdk(BedrockRuntimeAsyncClient.builder(), noop).httpClient(asyncHttp).build());
		if (params.getBenchmark().contains(".starter")) {
			this.context = StarterApp.startInMemory(http, asyncHttp, properties(this.config));
			this.starter = new Clients(this.context.getBean(BedrockRuntimeClient.class),
					this.context.getBean(BedrockRuntimeAsyncClient.class), StarterApp.model(this.context));
		}
	}

	@TearDown
	public void tearDown() {
		if (this.context != null) {
			this.context.close();
		}
	}

	static String[] properties(String config) {
		List<String> properties = new ArrayList<>();
		switch (config) {
			case "default" -> {
			}
			case "sdk-meters" -> properties.add("bedrock.converse.observations.sdk-meters=true");
			case "no-bedrock-meters" -> properties.add("bedrock.converse.observations.bedrock-meters=false");
			case "no-token-usage" -> properties.add("bedrock.converse.observations.token-usage=false");
			case "no-histograms" -> {
				properties.add("management.metrics.distribution.percentiles-histogram.[gen_ai.client.operation]=false");
				properties.add("management.metrics.distribution.percentiles-histogram.[bedrock.converse]=false");
			}
			case "no-observation" -> properties.add("management.observations.enable.gen_ai=false");
			case "no-long-task-timer" ->
				properties.add("management.metrics.observations.ignored-meters=long-task-timer");
			default -> throw new IllegalArgumentException("unknown config " + config);
		}
		return properties.toArray(String[]::new);
	}

	/**
	 * A client builder as the {@code raw} rows build it: static test keys,
	 * {@code us-east-1}, the SDK's defaults otherwise.
	 * @param <B> the builder type
	 * @param builder a sync or async client builder
	 * @param publisher a metric publisher, or {@code null} for none
	 * @return the builder
	 */
	static <B extends AwsClientBuilder<B, ?>> B sdk(B builder, @Nullable MetricPublisher publisher) {
		builder.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(
					AwsBasicCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY)));
		if (publisher != null) {
			builder.overrideConfiguration((o) -> o.addMetricPublisher(publisher));
		}
		return builder;
	}

	private Object run(Workload workload, Clients clients) {
		return workload.run(clients, workload.streaming ? this.streamText : this.callText, this.sink);
	}

	@Benchmark
	public Object rawCall() {
		return run(Workload.RAW_CALL, this.raw);
	}

	@Benchmark
	public Object rawPublisherCall() {
		return run(Workload.RAW_CALL, this.rawPublisher);
	}

	@Benchmark
	public Object rawNoopPublisherCall() {
		return run(Workload.RAW_CALL, this.rawNoopPublisher);
	}

	@Benchmark
	public Object oursNoopCall() {
		return run(Workload.OURS_CALL, this.raw);
	}

	@Benchmark
	public Object starterCall() {
		return run(Workload.OURS_CALL, this.starter);
	}

	@Benchmark
	public Object starterChatClientCall() {
		return run(Workload.CHATCLIENT_CALL, this.starter);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object rawStreamPerDelta() {
		return run(Workload.RAW_STREAM, this.raw);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object rawPublisherStreamPerDelta() {
		return run(Workload.RAW_STREAM, this.rawPublisher);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object oursNoopStreamPerDelta() {
		return run(Workload.OURS_STREAM, this.raw);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object starterStreamPerDelta() {
		return run(Workload.OURS_STREAM, this.starter);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object starterChatClientStreamPerDelta() {
		return run(Workload.CHATCLIENT_STREAM, this.starter);
	}

}
