package dev.bedrockconverse.autoconfigure.credentials;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.auth.token.credentials.StaticTokenProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeBaseClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.utils.SystemSetting;

/**
 * Amazon Bedrock API keys through the AWS SDK's own bearer authentication: the Bedrock
 * Runtime clients support Smithy's {@code httpBearerAuth} scheme next to SigV4, with a
 * token provider on their builders. The SDK itself switches to bearer authentication when
 * {@value #ENVIRONMENT_VARIABLE} (or the system property {@value #SYSTEM_PROPERTY}) is
 * set; {@link #applyTo} does the same for {@code bedrock.converse.api-key}.
 */
final class BedrockApiKeys {

	/** The AWS SDK's environment variable of a Bedrock API key. */
	static final String ENVIRONMENT_VARIABLE = "AWS_BEARER_TOKEN_BEDROCK";

	/** The AWS SDK's system property of a Bedrock API key. */
	static final String SYSTEM_PROPERTY = "aws.bearerTokenBedrock";

	/**
	 * The Smithy name of the bearer auth scheme, as the SDK's auth scheme preference
	 * takes it.
	 */
	private static final String BEARER_AUTH = "httpBearerAuth";

	private BedrockApiKeys() {
	}

	/**
	 * Whether the AWS SDK will find an API key in its environment variable or system
	 * property, read the way the SDK reads them.
	 * @return whether a non-blank API key is there
	 */
	static boolean presentInEnvironment() {
		Optional<String> value = new SystemSetting() {

			@Override
			public String property() {
				return SYSTEM_PROPERTY;
			}

			@Override
			public String environmentVariable() {
				return ENVIRONMENT_VARIABLE;
			}

			@Override
			public String defaultValue() {
				return null;
			}

		}.getStringValue();
		return value.filter((key) -> !key.isBlank()).isPresent();
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
