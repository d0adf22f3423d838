package dev.bedrockconverse.autoconfigure.observation;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.tracing.Tracer;
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
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.clients.BedrockConverseConnectionDetails;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeAsyncClientBuilderCustomizer;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeClientBuilderCustomizer;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.observation.BedrockConverseContentObservationFilter;
import dev.bedrockconverse.chat.observation.BedrockConverseMeterObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockConverseObservationConvention;
import dev.bedrockconverse.chat.observation.BedrockConverseOtelMeterObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockConverseTokenUsageObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockConverseTracingObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockSdkMetricPublisher;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the meters and trace attributes
 * of {@link ChatBedrockConverse}'s {@code gen_ai.client.operation} observations:
 * <ul>
 * <li>Spring AI's {@link ChatModelMeterObservationHandler}, which counts
 * {@code gen_ai.client.token.usage}, as a
 * {@link BedrockConverseTokenUsageObservationHandler} (the same counters, registered once
 * per tag set instead of on every call), unless one is already registered (Spring AI's
 * own chat-observation auto-configuration registers it too; this one runs after it, so
 * there is never a second);</li>
 * <li>the {@link BedrockConverseMeterObservationHandler} of Bedrock's own meters;</li>
 * <li>with {@code bedrock.converse.observations.conventions=otel} or {@code both}, the
 * {@link BedrockConverseOtelMeterObservationHandler} of the OpenTelemetry GenAI
 * histograms, and a {@link MeterFilter} that denies, for Bedrock (tagged
 * {@code gen_ai.provider.name=aws.bedrock}), Spring AI's token counter (the histogram
 * takes its name) and, with {@code otel}, Spring AI's timer;</li>
 * <li>with a Micrometer {@link Tracer}, the
 * {@link BedrockConverseTracingObservationHandler} that makes the spans of kind
 * {@code CLIENT};</li>
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
		"org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass({ ChatModel.class, ChatBedrockConverse.class, BedrockRuntimeClient.class })
@EnableConfigurationProperties(BedrockConverseObservationProperties.class)
public final class BedrockConverseObservationAutoConfiguration {

	private static final Log logger = LogFactory.getLog(BedrockConverseObservationAutoConfiguration.class);

	private static final String PREFIX = "bedrock.converse.observations.";

	private static final String SPRING_AI_TIMER = "gen_ai.client.operation";

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
		@Conditional(MetricConventionsCondition.SpringAiOnly.class)
		ChatModelMeterObservationHandler bedrockConverseChatModelMeterObservationHandler(
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new BedrockConverseTokenUsageObservationHandler(meterRegistry.getObject());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = PREFIX + "bedrock-meters", matchIfMissing = true)
		BedrockConverseMeterObservationHandler bedrockConverseMeterObservationHandler(
				ObjectProvider<MeterRegistry> meterRegistry, BedrockConverseObservationProperties properties) {
			// The OpenTelemetry histogram of time to first chunk has the same name.
			return new BedrockConverseMeterObservationHandler(meterRegistry.getObject(),
					!properties.getConventions().otel());
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(MetricConventionsCondition.Otel.class)
		BedrockConverseOtelMeterObservationHandler bedrockConverseOtelMeterObservationHandler(
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new BedrockConverseOtelMeterObservationHandler(meterRegistry.getObject());
		}

		@Bean
		@Conditional(MetricConventionsCondition.Otel.class)
		MeterFilter bedrockConverseSpringAiMetersFilter(BedrockConverseObservationProperties properties) {
			return new SpringAiMetersFilter(properties.getConventions().springAi());
		}

		@Bean
		@ConditionalOnBooleanProperty(name = PREFIX + "sdk-meters")
		BedrockRuntimeClientBuilderCustomizer bedrockConverseSdkMetricsClientCustomizer(
				ObjectProvider<MeterRegistry> meterRegistry,
				ObjectProvider<BedrockConverseConnectionDetails> connectionDetails) {
			return (builder) -> addMetricPublisher(builder,
					new BedrockSdkMetricPublisher(meterRegistry.getObject(), regionName(connectionDetails)));
		}

		@Bean
		@ConditionalOnBooleanProperty(name = PREFIX + "sdk-meters")
		BedrockRuntimeAsyncClientBuilderCustomizer bedrockConverseSdkMetricsAsyncClientCustomizer(
				ObjectProvider<MeterRegistry> meterRegistry,
				ObjectProvider<BedrockConverseConnectionDetails> connectionDetails) {
			return (builder) -> addMetricPublisher(builder,
					new BedrockSdkMetricPublisher(meterRegistry.getObject(), regionName(connectionDetails)));
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
		 * The region tag, from the connection details the clients were configured with
		 * just before their customizers run, so it resolves here too; "unknown" only
		 * covers an application's own region provider that fails the second time.
		 * @param connectionDetails the connection details
		 * @return the region tag
		 */
		static String regionName(ObjectProvider<BedrockConverseConnectionDetails> connectionDetails) {
			BedrockConverseConnectionDetails details = connectionDetails.getIfUnique();
			if (details == null) {
				return "unknown";
			}
			try {
				return details.getRegion().id();
			}
			catch (SdkClientException ex) {
				return "unknown";
			}
		}

		/**
		 * Denies Spring AI's meters of Bedrock's observations when the OpenTelemetry ones
		 * are on. Always Spring AI's {@code gen_ai.client.token.usage} counter (whichever
		 * auto-configuration registered its handler): the OpenTelemetry histogram has the
		 * same name, and a name cannot be both a counter and a histogram (Prometheus
		 * exports the first one registered and drops the other). With {@code otel} also
		 * the {@code gen_ai.client.operation} timer and its {@code .active} long task
		 * timer that Spring Boot's meter handler records.
		 */
		static final class SpringAiMetersFilter implements MeterFilter {

			private final boolean keepTimer;

			SpringAiMetersFilter(boolean keepTimer) {
				this.keepTimer = keepTimer;
			}

			@Override
			public MeterFilterReply accept(Meter.Id id) {
				if (!BedrockConverseObservationConvention.PROVIDER_NAME
					.equals(id.getTag(BedrockConverseObservationConvention.PROVIDER_NAME_KEY))) {
					return MeterFilterReply.NEUTRAL;
				}
				boolean springAiTimer = !this.keepTimer
						&& (id.getName().equals(SPRING_AI_TIMER) || id.getName().equals(SPRING_AI_TIMER + ".active"));
				boolean springAiTokenCounter = id.getName()
					.equals(BedrockConverseOtelMeterObservationHandler.TOKEN_USAGE)
						&& id.getType() == Meter.Type.COUNTER;
				return (springAiTimer || springAiTokenCounter) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
			}

		}

	}

	/**
	 * The CLIENT spans, when the application has a Micrometer {@link Tracer} (Spring
	 * Boot's tracing auto-configuration provides one with a tracing bridge on the
	 * classpath).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	@ConditionalOnBean(Tracer.class)
	static class TracingConfiguration {

		/**
		 * Ordered before Spring Boot's tracing handlers, which run the first handler that
		 * supports a context: it supports only the contexts of Bedrock Converse.
		 * @param tracer the tracer
		 * @return the handler
		 */
		@Bean
		@ConditionalOnMissingBean
		@Order(0)
		BedrockConverseTracingObservationHandler bedrockConverseTracingObservationHandler(Tracer tracer) {
			return new BedrockConverseTracingObservationHandler(tracer);
		}

	}

}
