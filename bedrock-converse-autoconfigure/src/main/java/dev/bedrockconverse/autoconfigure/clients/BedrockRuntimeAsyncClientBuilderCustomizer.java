package dev.bedrockconverse.autoconfigure.clients;

import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;

/**
 * Callback that customizes the {@link BedrockRuntimeAsyncClientBuilder} of the
 * auto-configured asynchronous {@code BedrockRuntimeAsyncClient}. Customizers run in
 * {@link org.springframework.core.Ordered order}, after credentials, region, endpoint,
 * timeouts and the Netty HTTP client have been applied, so they can override any of them.
 */
@FunctionalInterface
public interface BedrockRuntimeAsyncClientBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(BedrockRuntimeAsyncClientBuilder builder);

}
