package dev.bedrockconverse.autoconfigure;

import java.util.Map;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BedrockConverseLoggingDefaults}. That these levels keep secrets out of
 * the logs at TRACE is shown end to end by the chat sample's {@code *SecretLeakTests}.
 */
class BedrockConverseLoggingDefaultsTests {

	private final BedrockConverseLoggingDefaults defaults = new BedrockConverseLoggingDefaults();

	@Test
	void quietsTheLoggersThatPrintCredentials() {
		StandardEnvironment environment = new StandardEnvironment();
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level.software.amazon.awssdk.http.auth.aws.internal.signer"))
			.isEqualTo("info");
		assertThat(environment.getProperty("logging.level.org.apache.hc.client5.http.headers")).isEqualTo("info");
		assertThat(environment.getProperty("logging.level.org.apache.hc.client5.http.wire")).isEqualTo("info");
		assertThat(environment.getProperty("logging.level.io.netty.handler.codec.http2.Http2FrameLogger"))
			.isEqualTo("info");
	}

	@Test
	void anApplicationsOwnLevelWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("logging.level.org.apache.hc.client5.http.headers", "debug")));
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(BedrockConverseLoggingDefaults.PROPERTY_SOURCE_NAME);
		assertThat(environment.getProperty("logging.level.org.apache.hc.client5.http.headers")).isEqualTo("debug");
	}

	@Test
	void isRegisteredAsAnEnvironmentPostProcessor() {
		// Other post-processors need Spring Boot's arguments to be created; only ours
		// matters here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(EnvironmentPostProcessor.class,
					SpringFactoriesLoader.FailureHandler.logging(LogFactory.getLog(getClass()))))
			.hasAtLeastOneElementOfType(BedrockConverseLoggingDefaults.class);
	}

}
