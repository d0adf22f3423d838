package dev.bedrockconverse.autoconfigure.clients;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;

/**
 * The {@link BedrockConverseConnectionDetails} of the {@code bedrock.converse.*}
 * properties, with the {@link AwsCredentialsProvider} and {@link AwsRegionProvider} beans
 * (those the credentials auto-configuration builds from the same properties, or the
 * application's own). The region is resolved when a client asks for it, as before.
 */
final class PropertiesBedrockConverseConnectionDetails implements BedrockConverseConnectionDetails {

	private final BedrockConverseProperties properties;

	private final AwsCredentialsProvider credentialsProvider;

	private final AwsRegionProvider regionProvider;

	PropertiesBedrockConverseConnectionDetails(BedrockConverseProperties properties,
			AwsCredentialsProvider credentialsProvider, AwsRegionProvider regionProvider) {
		this.properties = properties;
		this.credentialsProvider = credentialsProvider;
		this.regionProvider = regionProvider;
	}

	@Override
	public @Nullable URI getEndpoint() {
		URI endpoint = this.properties.getEndpoint();
		return (endpoint != null && !endpoint.toString().isBlank()) ? endpoint : null;
	}

	@Override
	public Region getRegion() {
		return BedrockClientBuilderConfigurer.resolveRegion(this.regionProvider);
	}

	@Override
	public AwsCredentialsProvider getCredentialsProvider() {
		return this.credentialsProvider;
	}

	@Override
	public @Nullable String getApiKey() {
		String apiKey = this.properties.getApiKey();
		return StringUtils.hasText(apiKey) ? apiKey.strip() : null;
	}

	@Override
	public String toString() {
		return "PropertiesBedrockConverseConnectionDetails(endpoint=" + getEndpoint() + ", credentials="
				+ this.credentialsProvider + ", region=" + this.regionProvider + ", api key "
				+ ((getApiKey() != null) ? "set, not shown" : "not set") + ")";
	}

}
