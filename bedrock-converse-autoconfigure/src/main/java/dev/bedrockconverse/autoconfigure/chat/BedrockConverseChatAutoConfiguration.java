package dev.bedrockconverse.autoconfigure.chat;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.clients.BedrockClientBuilderConfigurer;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeAsyncClientBuilderCustomizer;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeClientBuilderCustomizer;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link ChatBedrockConverse}, the
 * Spring AI {@link ChatModel} over the Amazon Bedrock Converse API. It uses the
 * {@link BedrockRuntimeClient} and {@link BedrockRuntimeAsyncClient} beans (either may be
 * absent), the default options under {@code bedrock.converse}, the application's
 * {@link ObservationRegistry} (no-op if none) and its
 * {@link ChatModelObservationConvention}, if any; and one {@link ChatBedrockConverse}
 * bean per named model under {@code bedrock.converse.models} (see
 * {@link NamedChatModelsRegistrar}), the top-level model staying the primary one.
 */
@AutoConfiguration(after = BedrockConverseClientAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, ChatBedrockConverse.class, BedrockRuntimeClient.class })
@EnableConfigurationProperties(BedrockConverseProperties.class)
@Import(NamedChatModelsRegistrar.class)
public final class BedrockConverseChatAutoConfiguration {

	@Bean(NamedChatModelsRegistrar.MODELS_BEAN)
	@ConditionalOnMissingBean
	BedrockConverseModels bedrockConverseModels(BedrockConverseProperties properties,
			ObjectProvider<BedrockRuntimeClient> client, ObjectProvider<BedrockRuntimeAsyncClient> asyncClient,
			ObjectProvider<BedrockClientBuilderConfigurer> configurer,
			ObjectProvider<BedrockRuntimeClientBuilderCustomizer> customizers,
			ObjectProvider<BedrockRuntimeAsyncClientBuilderCustomizer> asyncCustomizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		return new BedrockConverseModels(properties, client, asyncClient, configurer, customizers, asyncCustomizers,
				observationRegistry, observationConvention);
	}

	@Bean
	@ConditionalOnMissingBean
	ChatBedrockConverse chatBedrockConverse(BedrockConverseModels models) {
		return models.primary();
	}

}
