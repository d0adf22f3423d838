package dev.bedrockconverse.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeAsyncClientBuilderCustomizer;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeClientBuilderCustomizer;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.stub.BedrockStub;

/**
 * The starter as users run it: a Spring Boot application with every auto-configuration on
 * the class path (here: Boot's observation, metrics and Prometheus export from
 * {@code spring-boot-starter-actuator} and {@code micrometer-registry-prometheus}, Spring
 * AI's, and ours), configured like {@code samples/chat-sample} (its percentile histograms
 * included), no web server. The {@link ChatBedrockConverse} bean it starts is what an
 * application gets injected: Boot's {@code ObservationRegistry} with its meter handler,
 * Spring AI's token-usage handler and our Bedrock meter handler; our SDK metric publisher
 * only with {@code bedrock.converse.observations.sdk-meters=true} (off by default, as for
 * users; the sample turns it on).
 * <p>
 * The clients talk either to a stub endpoint over HTTP ({@link #start(URI)}), or to
 * {@link InMemoryHttp} ({@link #startInMemory}): then the only beans of our own are two
 * client builder customizers, the supported extension point, which replace the HTTP
 * clients the auto-configuration chose, after every other customizer (the SDK metric
 * publisher's) has run.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StarterApp {

	/** Passes of the in-memory transport to the context being started. */
	private static final ThreadLocal<Transport> TRANSPORT = new ThreadLocal<>();

	/**
	 * Start the application on a stub endpoint, with the auto-configured HTTP clients.
	 * @param endpoint the stub's endpoint
	 * @param properties more properties, {@code name=value}
	 * @return the started context
	 */
	public static ConfigurableApplicationContext start(URI endpoint, String... properties) {
		return run(endpoint, null, properties);
	}

	/**
	 * Start the application with its SDK clients over in-memory HTTP clients.
	 * @param sync the sync HTTP client
	 * @param async the async HTTP client
	 * @param properties more properties, {@code name=value}
	 * @return the started context
	 */
	public static ConfigurableApplicationContext startInMemory(SdkHttpClient sync, SdkAsyncHttpClient async,
			String... properties) {
		// Never contacted: the in-memory clients answer.
		return run(URI.create("http://127.0.0.1:9"), new Transport(sync, async), properties);
	}

	private static ConfigurableApplicationContext run(URI endpoint, Transport transport, String... properties) {
		SpringApplication app = new SpringApplication(StarterApp.class);
		app.setBannerMode(Banner.Mode.OFF);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setLogStartupInfo(false);
		List<String> args = new ArrayList<>(List.of("--bedrock.converse.model=" + Clients.MODEL,
				"--bedrock.converse.region=us-east-1", "--bedrock.converse.endpoint=" + endpoint,
				"--bedrock.converse.credentials.access-key-id=" + BedrockStub.TEST_ACCESS_KEY_ID,
				"--bedrock.converse.credentials.secret-access-key=" + BedrockStub.TEST_SECRET_ACCESS_KEY,
				// samples/chat-sample's application.yaml:
				"--management.metrics.distribution.percentiles-histogram.[gen_ai.client.operation]=true",
				"--management.metrics.distribution.percentiles-histogram.[bedrock.converse]=true"));
		for (String property : properties) {
			args.add("--" + property);
		}
		TRANSPORT.set(transport);
		try {
			return app.run(args.toArray(String[]::new));
		}
		finally {
			TRANSPORT.remove();
		}
	}

	/**
	 * The model bean of a started context.
	 * @param context the context
	 * @return the model
	 */
	public static ChatBedrockConverse model(ConfigurableApplicationContext context) {
		return context.getBean(ChatBedrockConverse.class);
	}

	/**
	 * The in-memory HTTP clients, only when {@link #startInMemory} started the context.
	 */
	@Configuration(proxyBeanMethods = false)
	static class InMemoryTransportConfiguration {

		@Bean
		BedrockRuntimeClientBuilderCustomizer benchmarkInMemorySyncHttp() {
			Transport transport = TRANSPORT.get();
			return (builder) -> {
				if (transport != null) {
					builder.httpClientBuilder(new InMemoryHttp.SyncBuilder(transport.sync()));
				}
			};
		}

		@Bean
		BedrockRuntimeAsyncClientBuilderCustomizer benchmarkInMemoryAsyncHttp() {
			Transport transport = TRANSPORT.get();
			return (builder) -> {
				if (transport != null) {
					builder.httpClientBuilder(new InMemoryHttp.AsyncBuilder(transport.async()));
				}
			};
		}

	}

	private record Transport(SdkHttpClient sync, SdkAsyncHttpClient async) {
	}

}
