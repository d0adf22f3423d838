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

import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;

/**
 * The one place that applies the configured credentials, region, endpoint override, API
 * call timeouts and retry strategy to an AWS SDK client builder. The auto-configured
 * Bedrock Runtime clients are built with it; applications can use it to build further AWS
 * clients that share the same settings.
 * <p>
 * It sets the builder's {@code overrideConfiguration} as a whole; a customizer that
 * changes the override configuration afterwards should start from
 * {@code builder.overrideConfiguration().toBuilder()} to keep these timeouts.
 */
public final class BedrockClientBuilderConfigurer {

	private static final String REGION = "bedrock.converse.region";

	private final AwsCredentialsProvider credentialsProvider;

	private final AwsRegionProvider regionProvider;

	private final @Nullable URI endpoint;

	private final @Nullable Duration apiCallTimeout;

	private final @Nullable Duration apiCallAttemptTimeout;

	private final @Nullable RetryStrategy retryStrategy;

	/**
	 * Create a configurer.
	 * @param credentialsProvider the credentials to sign requests with
	 * @param regionProvider the region of the endpoint and of the signatures
	 * @param endpoint the endpoint override, or {@code null} for the regional endpoint
	 * @param apiCallTimeout the API call timeout, or {@code null} for the SDK default
	 * @param apiCallAttemptTimeout the API call attempt timeout, or {@code null} for the
	 * SDK default
	 */
	public BedrockClientBuilderConfigurer(AwsCredentialsProvider credentialsProvider, AwsRegionProvider regionProvider,
			@Nullable URI endpoint, @Nullable Duration apiCallTimeout, @Nullable Duration apiCallAttemptTimeout) {
		this(credentialsProvider, regionProvider, endpoint, apiCallTimeout, apiCallAttemptTimeout, null);
	}

	/**
	 * Create a configurer that also sets the SDK's retry strategy.
	 * @param credentialsProvider the credentials to sign requests with
	 * @param regionProvider the region of the endpoint and of the signatures
	 * @param endpoint the endpoint override, or {@code null} for the regional endpoint
	 * @param apiCallTimeout the API call timeout, or {@code null} for the SDK default
	 * @param apiCallAttemptTimeout the API call attempt timeout, or {@code null} for the
	 * SDK default
	 * @param retryStrategy the retry strategy, or {@code null} for the SDK default
	 */
	public BedrockClientBuilderConfigurer(AwsCredentialsProvider credentialsProvider, AwsRegionProvider regionProvider,
			@Nullable URI endpoint, @Nullable Duration apiCallTimeout, @Nullable Duration apiCallAttemptTimeout,
			@Nullable RetryStrategy retryStrategy) {
		this.retryStrategy = retryStrategy;
		this.credentialsProvider = credentialsProvider;
		this.regionProvider = regionProvider;
		this.endpoint = endpoint;
		this.apiCallTimeout = apiCallTimeout;
		this.apiCallAttemptTimeout = apiCallAttemptTimeout;
	}

	/**
	 * Apply credentials, region, endpoint override and API call timeouts to a builder.
	 * @param <B> the type of the builder
	 * @param builder the builder to configure
	 * @return the same builder
	 * @throws InvalidBedrockConverseConfigurationException if no region is configured and
	 * the AWS SDK's default region provider chain finds none
	 */
	public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
		builder.credentialsProvider(this.credentialsProvider);
		builder.region(resolveRegion());
		if (this.endpoint != null) {
			builder.endpointOverride(this.endpoint);
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
	 * The endpoint override.
	 * @return the endpoint override, or {@code null} for the regional endpoint
	 */
	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	private Region resolveRegion() {
		return resolveRegion(this.regionProvider);
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
