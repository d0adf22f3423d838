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
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link ChatBedrockConverse}, the
 * Spring AI {@link ChatModel} over the Amazon Bedrock Converse API. It uses the
 * {@link BedrockRuntimeClient} and {@link BedrockRuntimeAsyncClient} beans (either may be
 * absent), the default options under {@code bedrock.converse}, the application's
 * {@link ObservationRegistry} (no-op if none) and its
 * {@link ChatModelObservationConvention}, if any.
 */
@AutoConfiguration(after = BedrockConverseClientAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ChatModel.class, ChatBedrockConverse.class, BedrockRuntimeClient.class })
@EnableConfigurationProperties(BedrockConverseProperties.class)
public final class BedrockConverseChatAutoConfiguration {

	private static final String MODEL = "bedrock.converse.model";

	@Bean
	@ConditionalOnMissingBean
	ChatBedrockConverse chatBedrockConverse(BedrockConverseProperties properties,
			ObjectProvider<BedrockRuntimeClient> client, ObjectProvider<BedrockRuntimeAsyncClient> asyncClient,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		return ChatBedrockConverse.builder()
			.defaultOptions(requireModel(properties, properties.toOptions()))
			.bedrockRuntimeClient(client.getIfUnique())
			.bedrockRuntimeAsyncClient(asyncClient.getIfUnique())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(observationConvention.getIfUnique())
			.mergeConsecutiveMessages(properties.isMergeConsecutiveMessages())
			.historyRepair(properties.isHistoryRepair())
			.streamFirstTokenTimeout(properties.getStream().getFirstTokenTimeout())
			.streamIdleTimeout(properties.getStream().getIdleTimeout())
			.fallbacks(properties.toFallbacks())
			.build();
	}

	/**
	 * Require the default model. Not a rule of the bound values (the clients, or a chat
	 * model of the application's own, work without one) but of the auto-configured chat
	 * model, so its auto-configuration asks for it.
	 * @param properties the properties
	 * @param options the default options built from them
	 * @return the same options
	 */
	private static BedrockConverseChatOptions requireModel(BedrockConverseProperties properties,
			BedrockConverseChatOptions options) {
		if (options.getModel() == null) {
			throw new InvalidBedrockConverseConfigurationException(MODEL, properties.getModel(),
					(properties.getModel() == null) ? "No default model is configured." : "The default model is blank.",
					"Set the property '" + MODEL + "' to a Bedrock model ID or inference profile ID, for example "
							+ "'bedrock.converse.model=amazon.nova-lite-v1:0'.");
		}
		return options;
	}

}
