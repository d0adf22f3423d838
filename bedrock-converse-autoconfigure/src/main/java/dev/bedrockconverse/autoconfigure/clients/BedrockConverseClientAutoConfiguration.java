package dev.bedrockconverse.autoconfigure.clients;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the AWS SDK clients of Bedrock
 * Converse: the {@link BedrockConverseConnectionDetails} of the
 * {@code bedrock.converse.*} properties (with the {@link AwsCredentialsProvider} and
 * {@link AwsRegionProvider} of the credentials auto-configuration or the application), a
 * {@link BedrockClientBuilderConfigurer} that applies them, and the
 * {@link BedrockRuntimeClient} (Apache HTTP client 5) and
 * {@link BedrockRuntimeAsyncClient} (Netty HTTP client). Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass({ ChatModel.class, ChatBedrockConverse.class, BedrockRuntimeClient.class })
@EnableConfigurationProperties(BedrockConverseProperties.class)
@Import({ BedrockConverseClientAutoConfiguration.SyncClientConfiguration.class,
		BedrockConverseClientAutoConfiguration.AsyncClientConfiguration.class })
public final class BedrockConverseClientAutoConfiguration {

	private static final Log logger = LogFactory.getLog(BedrockConverseClientAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(BedrockConverseConnectionDetails.class)
	PropertiesBedrockConverseConnectionDetails bedrockConverseConnectionDetails(BedrockConverseProperties properties,
			AwsCredentialsProvider credentialsProvider, AwsRegionProvider regionProvider) {
		return new PropertiesBedrockConverseConnectionDetails(properties, credentialsProvider, regionProvider);
	}

	@Bean
	@ConditionalOnMissingBean
	BedrockClientBuilderConfigurer bedrockClientBuilderConfigurer(BedrockConverseProperties properties,
			BedrockConverseConnectionDetails connectionDetails) {
		BedrockConverseProperties.Client client = properties.getClient();
		return new BedrockClientBuilderConfigurer(connectionDetails, client.getApiCallTimeout(),
				client.getApiCallAttemptTimeout(), BedrockRetryStrategies.from(properties.getRetry()));
	}

	/**
	 * Build a synchronous Bedrock Runtime client over the Apache HTTP client 5, as the
	 * auto-configured one is built: the auto-configured client, and those of named models
	 * whose region or endpoint differ from it (built with a configurer
	 * {@link BedrockClientBuilderConfigurer#withConnection with their connection}).
	 * @param properties the properties
	 * @param configurer the configurer
	 * @param customizers the customizers of the builder
	 * @return the client
	 */
	public static BedrockRuntimeClient syncClient(BedrockConverseProperties properties,
			BedrockClientBuilderConfigurer configurer,
			ObjectProvider<BedrockRuntimeClientBuilderCustomizer> customizers) {
		BedrockRuntimeClientBuilder builder = configurer.configure(BedrockRuntimeClient.builder());
		builder.httpClientBuilder(BedrockSyncHttpClients.builder(properties.getClient()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		logCreation("BedrockRuntimeClient", configurer.getEndpoint());
		return builder.build();
	}

	/**
	 * Build an asynchronous Bedrock Runtime client over the Netty HTTP client, as the
	 * auto-configured one is built (see
	 * {@link #syncClient(BedrockConverseProperties, BedrockClientBuilderConfigurer, ObjectProvider)}).
	 * @param properties the properties
	 * @param configurer the configurer
	 * @param customizers the customizers of the builder
	 * @return the client
	 */
	public static BedrockRuntimeAsyncClient asyncClient(BedrockConverseProperties properties,
			BedrockClientBuilderConfigurer configurer,
			ObjectProvider<BedrockRuntimeAsyncClientBuilderCustomizer> customizers) {
		BedrockRuntimeAsyncClientBuilder builder = configurer.configure(BedrockRuntimeAsyncClient.builder());
		builder.httpClientBuilder(
				AsyncClientConfiguration.httpClientBuilder(properties.getClient(), configurer.getEndpoint()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		logCreation("BedrockRuntimeAsyncClient", configurer.getEndpoint());
		return builder.build();
	}

	private static void logCreation(String client, @Nullable URI endpoint) {
		if (logger.isDebugEnabled()) {
			logger.debug("Creating " + client + " for Bedrock Converse"
					+ ((endpoint != null) ? " with endpoint override " + endpoint : ""));
		}
	}

	/**
	 * Configuration of the synchronous client over the Apache HTTP client 5.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Apache5HttpClient.class)
	static class SyncClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BedrockRuntimeClient bedrockRuntimeClient(BedrockConverseProperties properties,
				BedrockClientBuilderConfigurer configurer,
				ObjectProvider<BedrockRuntimeClientBuilderCustomizer> customizers) {
			return syncClient(properties, configurer, customizers);
		}

	}

	/**
	 * Configuration of the asynchronous client over the Netty HTTP client.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyNioAsyncHttpClient.class)
	static class AsyncClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient(BedrockConverseProperties properties,
				BedrockClientBuilderConfigurer configurer,
				ObjectProvider<BedrockRuntimeAsyncClientBuilderCustomizer> customizers) {
			return asyncClient(properties, configurer, customizers);
		}

		/**
		 * The Netty HTTP client builder. Over https (Amazon Bedrock itself) the SDK's
		 * Bedrock Runtime defaults apply: HTTP/2 negotiated with ALPN. ALPN needs TLS, so
		 * a plain-text {@code http://} endpoint override (a local stub or proxy) is
		 * spoken to with cleartext HTTP/2 by prior knowledge: the same protocol as
		 * production event streams, rather than an HTTP/1.1 path that only tests would
		 * take.
		 * @param client the client
		 * @param endpoint the endpoint
		 * @return the Netty HTTP client builder
		 */
		static NettyNioAsyncHttpClient.Builder httpClientBuilder(BedrockConverseProperties.Client client,
				@Nullable URI endpoint) {
			NettyNioAsyncHttpClient.Builder builder = NettyNioAsyncHttpClient.builder();
			if (endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())) {
				builder.protocol(Protocol.HTTP2).protocolNegotiation(ProtocolNegotiation.ASSUME_PROTOCOL);
			}
			if (client.getConnectTimeout() != null) {
				builder.connectionTimeout(client.getConnectTimeout());
			}
			if (client.getReadTimeout() != null) {
				builder.readTimeout(client.getReadTimeout());
			}
			return builder;
		}

	}

}
