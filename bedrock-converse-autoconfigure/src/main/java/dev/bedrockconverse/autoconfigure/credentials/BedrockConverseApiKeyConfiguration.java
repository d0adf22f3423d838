package dev.bedrockconverse.autoconfigure.credentials;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;

/**
 * Bearer authentication with {@code bedrock.converse.api-key}, when it is set to a
 * non-blank value (a blank one, such as an empty environment variable, counts as unset,
 * as for every other {@code bedrock.converse.*} property).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BedrockConverseApiKeyConfiguration.OnApiKeyCondition.class)
class BedrockConverseApiKeyConfiguration {

	@Bean
	BedrockApiKeyClientCustomizer bedrockConverseApiKeyClientCustomizer(BedrockConverseProperties properties) {
		return new BedrockApiKeyClientCustomizer(properties.getApiKey().strip());
	}

	/**
	 * Matches when {@code bedrock.converse.api-key} has text.
	 */
	static final class OnApiKeyCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			// Never put the value itself into the outcome: the conditions report is
			// logged at DEBUG.
			return StringUtils
				.hasText(context.getEnvironment().getProperty(BedrockConverseAuthenticationValidator.API_KEY))
						? ConditionOutcome.match("bedrock.converse.api-key is set")
						: ConditionOutcome.noMatch("bedrock.converse.api-key is not set");
		}

	}

}
