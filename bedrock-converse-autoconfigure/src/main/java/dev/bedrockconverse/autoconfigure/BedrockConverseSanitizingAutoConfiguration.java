package dev.bedrockconverse.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that masks AWS secrets in the
 * actuator's {@code configprops} and {@code env} endpoints.
 * <p>
 * Spring Boot masks every value of these endpoints unless {@code show-values} is set to
 * {@code always} or {@code when-authorized}; from then on only {@link SanitizingFunction}
 * beans mask anything. The function contributed here keeps masking every key that ends,
 * once lower-cased and stripped of separators, in {@code secretaccesskey} or
 * {@code sessiontoken}: {@code bedrock.converse.credentials.secret-access-key},
 * {@code bedrock.converse.credentials.session-token} and their environment-variable and
 * camel-case forms, as well as the AWS SDK's own {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN}; and the Bedrock API key of {@code bedrock.converse.api-key}
 * and of the AWS SDK's {@code AWS_BEARER_TOKEN_BEDROCK} and
 * {@code aws.bearerTokenBedrock}.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class BedrockConverseSanitizingAutoConfiguration {

	@Bean
	SanitizingFunction bedrockConverseSecretsSanitizingFunction() {
		return SanitizingFunction.sanitizeValue()
			.ifKeyMatches(BedrockConverseSanitizingAutoConfiguration::isAwsSecretKey);
	}

	static boolean isAwsSecretKey(String key) {
		String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return normalized.endsWith("secretaccesskey") || normalized.endsWith("sessiontoken")
				|| normalized.endsWith("bedrockconverseapikey") || normalized.endsWith("bearertokenbedrock");
	}

}
