package dev.bedrockconverse.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeAsyncClientBuilderCustomizer;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeClientBuilderCustomizer;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.observation.BedrockConverseContentObservationFilter;
import dev.bedrockconverse.chat.observation.BedrockConverseMeterObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockSdkMetricPublisher;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the meters and trace attributes
 * of {@link ChatBedrockConverse}'s {@code gen_ai.client.operation} observations:
 * <ul>
 * <li>Spring AI's {@link ChatModelMeterObservationHandler}, which counts
 * {@code gen_ai.client.token.usage}, unless one is already registered (Spring AI's own
 * chat-observation auto-configuration registers it too; this one runs after it, so there
 * is never a second);</li>
 * <li>the {@link BedrockConverseMeterObservationHandler} of Bedrock's own meters;</li>
 * <li>a {@link BedrockSdkMetricPublisher} added to the auto-configured Bedrock Runtime
 * clients through client builder customizers;</li>
 * <li>on request only, {@link BedrockConverseContentObservationFilter}s that add the
 * prompt and completion text to the observation.</li>
 * </ul>
 * Meters need a {@link MeterRegistry} bean (Spring Boot's actuator provides one); each
 * group is turned off with its {@code bedrock.converse.observations.*} property.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration" })
@ConditionalOnClass({ ChatModel.class, ChatBedrockConverse.class, BedrockRuntimeClient.class })
@EnableConfigurationProperties(BedrockConverseObservationProperties.class)
public final class BedrockConverseObservationAutoConfiguration {

	private static final Log logger = LogFactory.getLog(BedrockConverseObservationAutoConfiguration.class);

	private static final String PREFIX = "bedrock.converse.observations.";

	@Bean
	@ConditionalOnBooleanProperty(PREFIX + "include-prompt")
	BedrockConverseContentObservationFilter bedrockConversePromptObservationFilter() {
		logger.warn("Bedrock Converse observations include the prompt text ('" + PREFIX
				+ "include-prompt=true'): it may hold personal or confidential data.");
		return new BedrockConverseContentObservationFilter(BedrockConverseContentObservationFilter.Content.PROMPT);
	}

	@Bean
	@ConditionalOnBooleanProperty(PREFIX + "include-completion")
	BedrockConverseContentObservationFilter bedrockConverseCompletionObservationFilter() {
		logger.warn("Bedrock Converse observations include the completion text ('" + PREFIX
				+ "include-completion=true'): it may hold personal or confidential data.");
		return new BedrockConverseContentObservationFilter(BedrockConverseContentObservationFilter.Content.COMPLETION);
	}

	/**
	 * The meters, when the application has a {@link MeterRegistry}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MeterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = PREFIX + "token-usage", matchIfMissing = true)
		ChatModelMeterObservationHandler bedrockConverseChatModelMeterObservationHandler(
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new ChatModelMeterObservationHandler(meterRegistry.getObject());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = PREFIX + "bedrock-meters", matchIfMissing = true)
		BedrockConverseMeterObservationHandler bedrockConverseMeterObservationHandler(
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new BedrockConverseMeterObservationHandler(meterRegistry.getObject());
		}

		@Bean
		@ConditionalOnBooleanProperty(name = PREFIX + "sdk-meters", matchIfMissing = true)
		BedrockRuntimeClientBuilderCustomizer bedrockConverseSdkMetricsClientCustomizer(
				ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<AwsRegionProvider> regionProvider) {
			return (builder) -> addMetricPublisher(builder,
					new BedrockSdkMetricPublisher(meterRegistry.getObject(), regionName(regionProvider)));
		}

		@Bean
		@ConditionalOnBooleanProperty(name = PREFIX + "sdk-meters", matchIfMissing = true)
		BedrockRuntimeAsyncClientBuilderCustomizer bedrockConverseSdkMetricsAsyncClientCustomizer(
				ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<AwsRegionProvider> regionProvider) {
			return (builder) -> addMetricPublisher(builder,
					new BedrockSdkMetricPublisher(meterRegistry.getObject(), regionName(regionProvider)));
		}

		/**
		 * Add the publisher to the override configuration the builder already has (the
		 * timeouts of {@link BedrockClientBuilderConfigurer}, say), rather than replace
		 * it.
		 * @param builder the builder
		 * @param publisher the publisher
		 */
		static void addMetricPublisher(SdkClientBuilder<?, ?> builder, MetricPublisher publisher) {
			ClientOverrideConfiguration current = builder.overrideConfiguration();
			ClientOverrideConfiguration.Builder override = (current != null) ? current.toBuilder()
					: ClientOverrideConfiguration.builder();
			builder.overrideConfiguration(override.addMetricPublisher(publisher).build());
		}

		/**
		 * The region tag. The clients were configured with the same provider just before
		 * their customizers run, so it resolves here too; "unknown" only covers an
		 * application's own provider that fails the second time.
		 * @param regionProvider the region provider
		 * @return the region tag
		 */
		static String regionName(ObjectProvider<AwsRegionProvider> regionProvider) {
			AwsRegionProvider provider = regionProvider.getIfUnique();
			if (provider == null) {
				return "unknown";
			}
			try {
				return provider.getRegion().id();
			}
			catch (SdkClientException ex) {
				return "unknown";
			}
		}

	}

}
