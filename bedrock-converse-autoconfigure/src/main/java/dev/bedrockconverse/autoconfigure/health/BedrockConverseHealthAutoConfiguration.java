package dev.bedrockconverse.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.chat.BedrockConverseChatAutoConfiguration;
import dev.bedrockconverse.autoconfigure.chat.BedrockConverseModels;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the health contributor of the
 * Bedrock Converse models ({@code bedrockConverse} under {@code /actuator/health}):
 * opt-in with {@code bedrock.converse.health.enabled=true}, and off with Spring Boot's
 * {@code management.health.bedrock-converse.enabled=false}.
 */
@AutoConfiguration(after = BedrockConverseChatAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(BedrockConverseModels.class)
@ConditionalOnBooleanProperty("bedrock.converse.health.enabled")
@ConditionalOnEnabledHealthIndicator("bedrock-converse")
public final class BedrockConverseHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "bedrockConverseHealthContributor")
	BedrockConverseHealthContributor bedrockConverseHealthContributor(BedrockConverseModels models,
			BedrockConverseProperties properties) {
		return new BedrockConverseHealthContributor(models, properties.getHealth().getCacheTimeToLive());
	}

}
