package dev.bedrockconverse.autoconfigure.clients;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.auth.token.credentials.StaticTokenProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeBaseClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * Amazon Bedrock API keys through the AWS SDK's own bearer authentication: the Bedrock
 * Runtime clients support Smithy's {@code httpBearerAuth} scheme next to SigV4, with a
 * token provider on their builders. {@link #applyTo} switches a builder to it, as the SDK
 * itself does when {@code AWS_BEARER_TOKEN_BEDROCK} is set.
 */
final class BedrockBearerAuthentication {

	/**
	 * The Smithy name of the bearer auth scheme, as the SDK's auth scheme preference
	 * takes it.
	 */
	private static final String BEARER_AUTH = "httpBearerAuth";

	private BedrockBearerAuthentication() {
	}

	/**
	 * A token provider of a fixed API key that never shows the key in {@code toString()}.
	 * @param apiKey the API key
	 * @return the token provider
	 */
	static SdkTokenProvider tokenProvider(String apiKey) {
		return StaticTokenProvider.create(new ApiKeyToken(apiKey));
	}

	/**
	 * Makes a Bedrock Runtime client builder authenticate with a bearer token: the token
	 * provider, and an auth scheme preference for {@code httpBearerAuth} over SigV4 (the
	 * SDK would otherwise keep signing, since a credentials provider is always there).
	 * @param builder the builder
	 * @param tokenProvider the token provider
	 */
	static void applyTo(BedrockRuntimeBaseClientBuilder<?, ?> builder, SdkTokenProvider tokenProvider) {
		builder.tokenProvider(tokenProvider);
		builder.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of(BEARER_AUTH)));
	}

	/**
	 * An API key as an {@link SdkToken}; Bedrock API keys carry no expiry the client
	 * could know.
	 */
	private static final class ApiKeyToken implements SdkToken {

		private final String apiKey;

		ApiKeyToken(String apiKey) {
			this.apiKey = apiKey;
		}

		@Override
		public String token() {
			return this.apiKey;
		}

		@Override
		public Optional<Instant> expirationTime() {
			return Optional.empty();
		}

		@Override
		public String toString() {
			return "ApiKeyToken(****)";
		}

	}

}
