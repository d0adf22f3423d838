package dev.bedrockconverse.autoconfigure.clients;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeBaseClientBuilder;

import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;

/**
 * The one place that applies the {@link BedrockConverseConnectionDetails connection
 * details} (endpoint, region, credentials or API key), API call timeouts and retry
 * strategy to an AWS SDK client builder. The auto-configured Bedrock Runtime clients,
 * synchronous and asynchronous, are built with it; applications can use it to build
 * further AWS clients that share the same settings (the API key applies to Bedrock
 * Runtime builders only: other AWS services do not take Bedrock API keys).
 * <p>
 * It sets the builder's {@code overrideConfiguration} as a whole; a customizer that
 * changes the override configuration afterwards should start from
 * {@code builder.overrideConfiguration().toBuilder()} to keep these timeouts.
 */
public final class BedrockClientBuilderConfigurer {

	private static final String REGION = "bedrock.converse.region";

	private final BedrockConverseConnectionDetails connectionDetails;

	private final @Nullable Duration apiCallTimeout;

	private final @Nullable Duration apiCallAttemptTimeout;

	private final @Nullable RetryStrategy retryStrategy;

	/**
	 * Create a configurer.
	 * @param connectionDetails where to connect and how to authenticate
	 * @param apiCallTimeout the API call timeout, or {@code null} for the SDK default
	 * @param apiCallAttemptTimeout the API call attempt timeout, or {@code null} for the
	 * SDK default
	 * @param retryStrategy the retry strategy, or {@code null} for the SDK default
	 */
	public BedrockClientBuilderConfigurer(BedrockConverseConnectionDetails connectionDetails,
			@Nullable Duration apiCallTimeout, @Nullable Duration apiCallAttemptTimeout,
			@Nullable RetryStrategy retryStrategy) {
		this.connectionDetails = connectionDetails;
		this.apiCallTimeout = apiCallTimeout;
		this.apiCallAttemptTimeout = apiCallAttemptTimeout;
		this.retryStrategy = retryStrategy;
	}

	/**
	 * Apply the connection details (credentials or, on a Bedrock Runtime builder, the API
	 * key; region; endpoint override), API call timeouts and retry strategy to a builder.
	 * @param <B> the type of the builder
	 * @param builder the builder to configure
	 * @return the same builder
	 * @throws InvalidBedrockConverseConfigurationException if no region is configured and
	 * the AWS SDK's default region provider chain finds none
	 */
	public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
		AwsCredentialsProvider credentialsProvider = this.connectionDetails.getCredentialsProvider();
		if (credentialsProvider != null) {
			builder.credentialsProvider(credentialsProvider);
		}
		String apiKey = this.connectionDetails.getApiKey();
		if (apiKey != null && builder instanceof BedrockRuntimeBaseClientBuilder<?, ?> bedrock) {
			BedrockBearerAuthentication.applyTo(bedrock, BedrockBearerAuthentication.tokenProvider(apiKey));
		}
		builder.region(this.connectionDetails.getRegion());
		URI endpoint = this.connectionDetails.getEndpoint();
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		if (this.apiCallTimeout != null || this.apiCallAttemptTimeout != null || this.retryStrategy != null) {
			ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
			if (this.retryStrategy != null) {
				override.retryStrategy(this.retryStrategy);
			}
			if (this.apiCallTimeout != null) {
				override.apiCallTimeout(this.apiCallTimeout);
			}
			if (this.apiCallAttemptTimeout != null) {
				override.apiCallAttemptTimeout(this.apiCallAttemptTimeout);
			}
			builder.overrideConfiguration(override.build());
		}
		return builder;
	}

	/**
	 * A configurer that applies the same settings but connects to another region or
	 * endpoint: the credentials (or API key), timeouts and retry strategy are this
	 * configurer's.
	 * @param region the region, or {@code null} for this configurer's
	 * @param endpoint the endpoint override, or {@code null} for this configurer's
	 * @return a configurer of that connection; this one if both are {@code null}
	 */
	public BedrockClientBuilderConfigurer withConnection(@Nullable Region region, @Nullable URI endpoint) {
		if (region == null && endpoint == null) {
			return this;
		}
		BedrockConverseConnectionDetails details = this.connectionDetails;
		BedrockConverseConnectionDetails connection = new BedrockConverseConnectionDetails() {

			@Override
			public @Nullable URI getEndpoint() {
				return (endpoint != null) ? endpoint : details.getEndpoint();
			}

			@Override
			public Region getRegion() {
				return (region != null) ? region : details.getRegion();
			}

			@Override
			public @Nullable AwsCredentialsProvider getCredentialsProvider() {
				return details.getCredentialsProvider();
			}

			@Override
			public @Nullable String getApiKey() {
				return details.getApiKey();
			}

			@Override
			public String toString() {
				return "BedrockConverseConnectionDetails(endpoint=" + getEndpoint() + ", region=" + getRegion()
						+ ", otherwise " + details + ")";
			}

		};
		return new BedrockClientBuilderConfigurer(connection, this.apiCallTimeout, this.apiCallAttemptTimeout,
				this.retryStrategy);
	}

	/**
	 * The endpoint override.
	 * @return the endpoint override, or {@code null} for the regional endpoint
	 */
	public @Nullable URI getEndpoint() {
		return this.connectionDetails.getEndpoint();
	}

	/**
	 * The connection details this configurer applies.
	 * @return the connection details
	 */
	public BedrockConverseConnectionDetails getConnectionDetails() {
		return this.connectionDetails;
	}

	/**
	 * Resolve the region of a provider as the configured clients do.
	 * @param regionProvider the region provider
	 * @return the region
	 * @throws InvalidBedrockConverseConfigurationException if the provider finds none
	 */
	public static Region resolveRegion(AwsRegionProvider regionProvider) {
		try {
			return regionProvider.getRegion();
		}
		catch (SdkClientException ex) {
			throw new InvalidBedrockConverseConfigurationException(REGION, null,
					"No region is configured and the AWS SDK's default region provider chain found none ("
							+ ex.getMessage() + ").",
					"Set the property '" + REGION
							+ "', for example 'bedrock.converse.region=us-east-1', or configure a region for the AWS "
							+ "SDK (the AWS_REGION environment variable or the 'region' of the profile in "
							+ "~/.aws/config).");
		}
	}

}
