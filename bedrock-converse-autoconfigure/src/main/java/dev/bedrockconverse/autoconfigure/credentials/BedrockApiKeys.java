package dev.bedrockconverse.autoconfigure.credentials;

import java.util.Optional;

import software.amazon.awssdk.utils.SystemSetting;

/**
 * Where the AWS SDK itself finds a Bedrock API key: {@value #ENVIRONMENT_VARIABLE} or the
 * system property {@value #SYSTEM_PROPERTY}. The key of {@code bedrock.converse.api-key}
 * reaches the clients through the connection details.
 */
final class BedrockApiKeys {

	/** The AWS SDK's environment variable of a Bedrock API key. */
	static final String ENVIRONMENT_VARIABLE = "AWS_BEARER_TOKEN_BEDROCK";

	/** The AWS SDK's system property of a Bedrock API key. */
	static final String SYSTEM_PROPERTY = "aws.bearerTokenBedrock";

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

}
