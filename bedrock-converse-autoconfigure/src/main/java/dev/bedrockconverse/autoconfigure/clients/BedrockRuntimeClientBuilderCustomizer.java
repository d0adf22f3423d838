package dev.bedrockconverse.autoconfigure.clients;

import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Callback that customizes the {@link BedrockRuntimeClientBuilder} of the auto-configured
 * synchronous {@code BedrockRuntimeClient}. Customizers run in
 * {@link org.springframework.core.Ordered order}, after credentials, region, endpoint,
 * timeouts and the Apache HTTP client have been applied, so they can override any of
 * them.
 */
@FunctionalInterface
public interface BedrockRuntimeClientBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(BedrockRuntimeClientBuilder builder);

}
