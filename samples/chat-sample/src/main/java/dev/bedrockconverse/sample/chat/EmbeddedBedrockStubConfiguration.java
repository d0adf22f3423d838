package dev.bedrockconverse.sample.chat;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import dev.bedrockconverse.autoconfigure.stub.BedrockStubConnectionAutoConfiguration;

/**
 * Starts a Bedrock stub in-process and points the Bedrock clients at it through their
 * connection details, unless the {@code aws} profile is active or an endpoint is
 * configured. This is what lets a newcomer run the sample with no AWS account. It is the
 * auto-configuration that {@code @AutoConfigureBedrockStub} gives tests, imported here by
 * the application itself.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + EmbeddedBedrockStubConfiguration.AWS_PROFILE)
@ConditionalOnExpression("'${bedrock.converse.endpoint:}'.isBlank()")
@ImportAutoConfiguration(BedrockStubConnectionAutoConfiguration.class)
class EmbeddedBedrockStubConfiguration {

	/** The profile that talks to real Amazon Bedrock instead of the stub. */
	static final String AWS_PROFILE = "aws";

}
