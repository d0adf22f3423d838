package dev.bedrockconverse.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BedrockConverseSanitizingAutoConfiguration}: secrets stay masked in
 * {@code /actuator/configprops} and {@code /actuator/env} even with
 * {@code show-values=always}.
 */
class BedrockConverseSanitizingAutoConfigurationTests {

	private static final String SECRET = "secret-value-that-must-not-show";

	private static final String TOKEN = "token-value-that-must-not-show";

	private static final String API_KEY = "api-key-value-that-must-not-show";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BedrockConverseSanitizingAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class)
		.withPropertyValues("bedrock.converse.model=" + BedrockConverseContextRunners.MODEL,
				"bedrock.converse.credentials.access-key-id=AKIDTEST",
				"bedrock.converse.credentials.secret-access-key=" + SECRET,
				"bedrock.converse.credentials.session-token=" + TOKEN);

	@Test
	void configpropsMasksSecretAndTokenWhenValuesAreShown() {
		this.contextRunner.run((context) -> {
			String report = configprops(context, sanitizingFunctions(context));
			assertThat(report).contains("AKIDTEST").contains(BedrockConverseContextRunners.MODEL);
			assertThat(report).doesNotContain(SECRET).doesNotContain(TOKEN);
		});
	}

	@Test
	void envMasksSecretAndTokenWhenValuesAreShown() {
		this.contextRunner.run((context) -> {
			EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(),
					sanitizingFunctions(context), Show.ALWAYS);
			assertThat(endpoint.environmentEntry("bedrock.converse.credentials.access-key-id").getProperty().getValue())
				.isEqualTo("AKIDTEST");
			assertThat(endpoint.environmentEntry("bedrock.converse.credentials.secret-access-key")
				.getProperty()
				.getValue()).isEqualTo("******");
			assertThat(endpoint.environmentEntry("bedrock.converse.credentials.session-token").getProperty().getValue())
				.isEqualTo("******");
		});
	}

	@Test
	void configpropsAndEnvMaskTheApiKeyWhenValuesAreShown() {
		// The API key alone: with the static keys as well, binding would fail.
		this.contextRunner
			.withPropertyValues("bedrock.converse.api-key=" + API_KEY, "bedrock.converse.credentials.access-key-id=",
					"bedrock.converse.credentials.secret-access-key=", "bedrock.converse.credentials.session-token=")
			.run((context) -> {
				assertThat(configprops(context, sanitizingFunctions(context)))
					.contains(BedrockConverseContextRunners.MODEL)
					.doesNotContain(API_KEY);
				EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(),
						sanitizingFunctions(context), Show.ALWAYS);
				assertThat(endpoint.environmentEntry("bedrock.converse.api-key").getProperty().getValue())
					.isEqualTo("******");
			});
	}

	@Test
	void withoutTheFunctionShownValuesWouldRevealTheSecret() {
		this.contextRunner.run((context) -> assertThat(configprops(context, List.of())).contains(SECRET));
	}

	@Test
	void masksTheAwsSdksOwnSecretKeys() {
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("AWS_SECRET_ACCESS_KEY")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("aws.secretAccessKey")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("AWS_SESSION_TOKEN")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration
			.isAwsSecretKey("BEDROCK_CONVERSE_CREDENTIALS_SECRET_ACCESS_KEY")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("AWS_BEARER_TOKEN_BEDROCK")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("aws.bearerTokenBedrock")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("bedrock.converse.api-key")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("bedrock.converse.apiKey")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("BEDROCK_CONVERSE_API_KEY")).isTrue();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("bedrock.converse.model")).isFalse();
		assertThat(BedrockConverseSanitizingAutoConfiguration.isAwsSecretKey("AWS_ACCESS_KEY_ID")).isFalse();
	}

	@Test
	void withoutActuatorThereIsNoSanitizingFunction() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SanitizingFunction.class));
	}

	private static List<SanitizingFunction> sanitizingFunctions(AssertableApplicationContext context) {
		assertThat(context).hasSingleBean(SanitizingFunction.class);
		return context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
	}

	private static String configprops(AssertableApplicationContext context, List<SanitizingFunction> functions) {
		ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(functions,
				Show.ALWAYS);
		endpoint.setApplicationContext(context);
		return endpoint.configurationPropertiesWithPrefix("bedrock.converse")
			.getContexts()
			.values()
			.stream()
			.flatMap((descriptor) -> descriptor.getBeans().values().stream())
			.map((bean) -> bean.getProperties() + " " + bean.getInputs())
			.toList()
			.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BedrockConverseProperties.class)
	static class PropertiesConfiguration {

	}

}
