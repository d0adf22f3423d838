package dev.bedrockconverse.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.autoconfigure.chat.BedrockConverseChatAutoConfiguration;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.autoconfigure.credentials.BedrockConverseCredentialsAutoConfiguration;
import dev.bedrockconverse.stub.BedrockStub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared set-up of the auto-configuration tests: the one place that names the test
 * model and region, the auto-configurations a chat model needs, the stub's endpoint and
 * keys, and the analysis of a failed start-up.
 */
public final class BedrockConverseContextRunners {

	/**
	 * Model ID of the tests.
	 */
	public static final String MODEL = "amazon.nova-lite-v1:0";

	/**
	 * Region of the tests.
	 */
	public static final String REGION = "us-east-1";

	/**
	 * The credentials, client and chat auto-configurations, in the order Boot applies
	 * them.
	 */
	public static final AutoConfigurations CHAT = AutoConfigurations.of(
			BedrockConverseCredentialsAutoConfiguration.class, BedrockConverseClientAutoConfiguration.class,
			BedrockConverseChatAutoConfiguration.class);

	/**
	 * The credentials and client auto-configurations, without the chat model.
	 */
	public static final AutoConfigurations CLIENTS = AutoConfigurations
		.of(BedrockConverseCredentialsAutoConfiguration.class, BedrockConverseClientAutoConfiguration.class);

	private BedrockConverseContextRunners() {
	}

	/**
	 * A runner of {@link #CHAT} with the test model and region.
	 * @return the runner
	 */
	public static ApplicationContextRunner chat() {
		return withModelAndRegion(CHAT);
	}

	/**
	 * A runner of {@link #CLIENTS} with the test model and region.
	 * @return the runner
	 */
	public static ApplicationContextRunner clients() {
		return withModelAndRegion(CLIENTS);
	}

	private static ApplicationContextRunner withModelAndRegion(AutoConfigurations configurations) {
		return new ApplicationContextRunner().withConfiguration(configurations)
			.withPropertyValues("bedrock.converse.model=" + MODEL, "bedrock.converse.region=" + REGION);
	}

	/**
	 * A runner of {@link #CHAT} with the test model and region, pointed at a stub.
	 * @param stub the stub
	 * @return the runner, without credentials
	 */
	public static ApplicationContextRunner chatAt(BedrockStub stub) {
		return chat().withPropertyValues("bedrock.converse.endpoint=" + stub.endpoint());
	}

	/**
	 * A runner of {@link #CHAT} with the test model and region, pointed at a stub and
	 * signing with the stub's static test keys.
	 * @param stub the stub
	 * @return the runner
	 */
	public static ApplicationContextRunner chatSignedFor(BedrockStub stub) {
		return chatAt(stub).withPropertyValues(
				"bedrock.converse.credentials.access-key-id=" + BedrockStub.TEST_ACCESS_KEY_ID,
				"bedrock.converse.credentials.secret-access-key=" + BedrockStub.TEST_SECRET_ACCESS_KEY);
	}

	/**
	 * The analysis of a failed start-up by the Bedrock Converse failure analyzer.
	 * @param context the failed context
	 * @return the analysis
	 */
	public static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidBedrockConverseConfigurationFailureAnalyzer()
			.analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	/**
	 * The first cause of a type in an exception's chain; fails if there is none.
	 * @param <T> the type
	 * @param thrown the exception
	 * @param type the type
	 * @return the cause
	 */
	public static <T extends Throwable> T findCause(Throwable thrown, Class<T> type) {
		assertThat(thrown).as("an exception").isNotNull();
		for (Throwable candidate = thrown; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getName() + " in the causes of " + thrown, thrown);
	}

}
