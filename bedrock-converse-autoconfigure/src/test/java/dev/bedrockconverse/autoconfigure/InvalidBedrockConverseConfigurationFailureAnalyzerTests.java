package dev.bedrockconverse.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.bedrockconverse.autoconfigure.chat.BedrockConverseChatAutoConfiguration;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.autoconfigure.credentials.BedrockConverseCredentialsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Start-up failures of bad {@code bedrock.converse.*} configuration and their analysis by
 * {@link InvalidBedrockConverseConfigurationFailureAnalyzer}.
 */
class InvalidBedrockConverseConfigurationFailureAnalyzerTests {

	private static final String SECRET = "wJalrXUtnFEMI-do-not-print-me";

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chat();

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void springApplicationReportsTheAnalysisAtStartUp(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StartUpConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("bedrock.converse.region", "us-east-1",
				"bedrock.converse.credentials.secret-access-key", SECRET));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: bedrock.converse.credentials.access-key-id")
			.contains("Set the property 'bedrock.converse.credentials.access-key-id'")
			.doesNotContain(SECRET);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void badPropertiesInAFileAreReportedWithFileAndLineButNoSecret(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StartUpConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException()
			.isThrownBy(() -> application.run("--spring.config.location=classpath:/failure-analysis/bad.properties"))
			.havingRootCause()
			.isInstanceOf(BindValidationException.class)
			.withMessageNotContaining(SECRET);
		assertThat(output).contains("Property: bedrock.converse.region")
			.contains("Value: 'US East (N. Virginia)'")
			.contains("Origin: class path resource [failure-analysis/bad.properties] - 2:")
			.contains("Property: bedrock.converse.credentials.access-key-id")
			.contains("Property: bedrock.converse.options.temperature")
			.contains("Origin: class path resource [failure-analysis/bad.properties] - 4:")
			.contains("Set the property 'bedrock.converse.region'")
			.doesNotContain(SECRET);
	}

	@Test
	void propertiesAreValidatedWhenBoundWithoutAnyBean() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesOnlyConfiguration.class)
			.withPropertyValues("bedrock.converse.retry.max-attempts=0",
					"bedrock.converse.credentials.session-token=" + SECRET)
			.run((context) -> {
				assertThat(context).getFailure().rootCause().isInstanceOf(BindValidationException.class);
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.retry.max-attempts")
					.contains("Value: '0'")
					.contains("Property: bedrock.converse.credentials.access-key-id")
					.contains("Origin: ")
					.doesNotContain(SECRET);
				assertThat(analysis.getAction()).contains("Set the property 'bedrock.converse.retry.max-attempts'");
				assertThat(context.getStartupFailure()).rootCause().message().doesNotContain(SECRET);
			});
	}

	@Test
	void analysisComesBeforeSpringBootsOwnBindValidationAnalysis() {
		assertThat(new InvalidBedrockConverseConfigurationFailureAnalyzer().getOrder())
			.isEqualTo(Ordered.HIGHEST_PRECEDENCE);
	}

	@Test
	void missingModelFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.model=").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.model").contains("blank");
			assertThat(analysis.getAction()).contains("Set the property 'bedrock.converse.model'");
		});
	}

	@Test
	void unsetModelFailsWithAnalysis() {
		new ApplicationContextRunner().withConfiguration(BedrockConverseContextRunners.CHAT)
			.withPropertyValues("bedrock.converse.region=us-east-1")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("bedrock.converse.model")
					.contains("No default model is configured");
				assertThat(analysis.getAction()).contains("bedrock.converse.model=amazon.nova-lite-v1:0");
			});
	}

	@Test
	void invalidRegionFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.region=US East (N. Virginia)").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.region")
				.contains("'US East (N. Virginia)'")
				.contains("not an AWS region name");
			assertThat(analysis.getAction()).contains("Set the property 'bedrock.converse.region'")
				.contains("'us-east-1'");
		});
	}

	@Test
	void invalidToolChoiceFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.options.tool-choice=always").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.options.tool-choice").contains("'always'");
			assertThat(analysis.getAction()).contains("'auto', 'any' or 'tool:<name>'");
		});
	}

	@Test
	void tooManyRequestMetadataEntriesFailWithAnalysisThatHidesTheValues() {
		String[] entries = new String[17];
		for (int i = 0; i < entries.length; i++) {
			entries[i] = "bedrock.converse.options.request-metadata.key" + i + "=user-" + i;
		}
		this.contextRunner.withPropertyValues(entries).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.options.request-metadata")
				.contains("17 entries")
				.doesNotContain("user-1");
			assertThat(analysis.getAction()).contains("at most 16 entries");
		});
	}

	@Test
	void requestMetadataWithInvalidCharactersFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.options.request-metadata.team=a&b").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.options.request-metadata")
				.contains("value of key 'team' is invalid");
		});
	}

	@Test
	void cacheTtlOtherThanFiveMinutesOrOneHourFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.options.cache-ttl=10m").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.options.cache-ttl").contains("PT10M");
			assertThat(analysis.getAction()).contains("'5m' or '1h'");
		});
	}

	@Test
	void guardrailWithoutVersionFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.options.guardrail.identifier=gr-123").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.options.guardrail.version");
			assertThat(analysis.getAction()).contains("bedrock.converse.options.guardrail.identifier")
				.contains("'DRAFT'");
		});
	}

	@Test
	void relativeEndpointFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.endpoint=/bedrock").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.endpoint")
				.contains("'/bedrock'")
				.contains("not an absolute URI");
			assertThat(analysis.getAction()).contains("absolute http or https URI");
		});
	}

	@Test
	void endpointWithoutSchemeFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.endpoint=localhost:8080").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.endpoint").contains("'localhost:8080'");
			assertThat(analysis.getAction()).contains("absolute http or https URI");
		});
	}

	@Test
	void endpointWithOtherSchemeFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.endpoint=ftp://example.com").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.endpoint")
				.contains("scheme 'ftp' is neither 'http' nor 'https'");
			assertThat(analysis.getAction()).contains("absolute http or https URI");
		});
	}

	@Test
	void endpointWithoutValidHostFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.endpoint=http://bad host:8080").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.endpoint").contains("It has no host");
			assertThat(analysis.getAction()).contains("absolute http or https URI");
		});
	}

	@Test
	void accessKeyWithoutSecretFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.access-key-id=AKIDTEST").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("Property: bedrock.converse.credentials.secret-access-key")
				.contains("access key ID ('bedrock.converse.credentials.access-key-id') is set");
			assertThat(analysis.getAction())
				.contains("Set the property 'bedrock.converse.credentials.secret-access-key'");
		});
	}

	@Test
	void secretWithoutAccessKeyFailsWithAnalysisThatHidesTheSecret() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.secret-access-key=" + SECRET)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.credentials.access-key-id")
					.doesNotContain(SECRET);
				assertThat(analysis.getAction())
					.contains("Set the property 'bedrock.converse.credentials.access-key-id'")
					.doesNotContain(SECRET);
				assertThat(context.getStartupFailure()).rootCause().message().doesNotContain(SECRET);
			});
	}

	@Test
	void sessionTokenWithoutKeysFailsWithAnalysisThatHidesTheToken() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.session-token=" + SECRET).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.credentials.session-token")
				.doesNotContain(SECRET);
			assertThat(analysis.getAction()).contains("bedrock.converse.credentials.access-key-id");
		});
	}

	@Test
	void profileWithStaticKeysFailsWithAnalysisThatHidesTheSecret() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.profile=dev",
					"bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=" + SECRET)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("bedrock.converse.credentials.profile")
					.doesNotContain(SECRET);
				assertThat(analysis.getAction())
					.contains("Remove either the property 'bedrock.converse.credentials.profile'");
			});
	}

	@Test
	void noRegionAnywhereFailsWithAnalysis() {
		assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
				"an AWS region is set in the environment");
		this.contextRunner.withPropertyValues("bedrock.converse.region=")
			.withSystemProperties("aws.configFile=/nonexistent/aws-config",
					"aws.sharedCredentialsFile=/nonexistent/aws-credentials", "aws.disableEc2Metadata=true")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("bedrock.converse.region")
					.contains("default region provider chain found none");
				assertThat(analysis.getAction()).contains("bedrock.converse.region=us-east-1");
			});
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		return BedrockConverseContextRunners.analyze(context);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BedrockConverseProperties.class)
	static class PropertiesOnlyConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ BedrockConverseCredentialsAutoConfiguration.class,
			BedrockConverseClientAutoConfiguration.class, BedrockConverseChatAutoConfiguration.class })
	static class StartUpConfiguration {

	}

}
