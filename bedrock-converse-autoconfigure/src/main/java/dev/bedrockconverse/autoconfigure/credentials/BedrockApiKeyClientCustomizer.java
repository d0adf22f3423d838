package dev.bedrockconverse.autoconfigure.credentials;

import org.springframework.core.Ordered;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeAsyncClientBuilderCustomizer;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeClientBuilderCustomizer;

/**
 * Switches both auto-configured Bedrock Runtime clients to bearer authentication with the
 * API key of {@code bedrock.converse.api-key}. It runs first among the customizers, so
 * that an application's own customizer can still change the authentication.
 */
final class BedrockApiKeyClientCustomizer
		implements BedrockRuntimeClientBuilderCustomizer, BedrockRuntimeAsyncClientBuilderCustomizer, Ordered {

	private final SdkTokenProvider tokenProvider;

	BedrockApiKeyClientCustomizer(String apiKey) {
		this.tokenProvider = BedrockApiKeys.tokenProvider(apiKey);
	}

	@Override
	public void customize(BedrockRuntimeClientBuilder builder) {
		BedrockApiKeys.applyTo(builder, this.tokenProvider);
	}

	@Override
	public void customize(BedrockRuntimeAsyncClientBuilder builder) {
		BedrockApiKeys.applyTo(builder, this.tokenProvider);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public String toString() {
		return "BedrockApiKeyClientCustomizer(bearer authentication, key not shown)";
	}

}
