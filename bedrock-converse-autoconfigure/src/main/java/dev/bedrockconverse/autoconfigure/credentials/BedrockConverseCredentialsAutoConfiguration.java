package dev.bedrockconverse.autoconfigure.credentials;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFileSupplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for how Bedrock Converse
 * authenticates and where: the {@link AwsCredentialsProvider} (static keys, profile,
 * assumed role, web identity or the default chain) and the {@link AwsRegionProvider}
 * (which reads the same profile). Every bean backs off when the application defines its
 * own. The clients use them through the properties-backed
 * {@code BedrockConverseConnectionDetails}, which also carries the API key; a
 * {@code BedrockConverseConnectionDetails} bean of the application replaces them.
 */
@AutoConfiguration(before = BedrockConverseClientAutoConfiguration.class)
@ConditionalOnClass({ ChatModel.class, ChatBedrockConverse.class, BedrockRuntimeClient.class })
@EnableConfigurationProperties(BedrockConverseProperties.class)
@ImportRuntimeHints(BedrockConverseCredentialsRuntimeHints.class)
public final class BedrockConverseCredentialsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AwsCredentialsProvider bedrockConverseCredentialsProvider(BedrockConverseProperties properties,
			AwsRegionProvider regionProvider, ResourceLoader resourceLoader) {
		return BedrockConverseCredentialsProviders.create(properties, regionProvider, resourceLoader.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	AwsRegionProvider bedrockConverseRegionProvider(BedrockConverseProperties properties) {
		String region = properties.getRegion();
		if (StringUtils.hasText(region)) {
			return new FixedRegionProvider(Region.of(region.strip()));
		}
		String profile = properties.getCredentials().getProfile();
		ProfileFileSupplier profileFile = BedrockConverseCredentialsProviders.profileFile(properties.getCredentials());
		if (StringUtils.hasText(profile) || profileFile != null) {
			DefaultAwsRegionProviderChain.Builder builder = DefaultAwsRegionProviderChain.builder();
			if (StringUtils.hasText(profile)) {
				builder.profileName(profile.strip());
			}
			if (profileFile != null) {
				builder.profileFile(profileFile);
			}
			return builder.build();
		}
		return new DefaultAwsRegionProviderChain();
	}

	/**
	 * An {@link AwsRegionProvider} of a region fixed by configuration.
	 */
	static final class FixedRegionProvider implements AwsRegionProvider {

		private final Region region;

		FixedRegionProvider(Region region) {
			this.region = region;
		}

		@Override
		public Region getRegion() {
			return this.region;
		}

		@Override
		public String toString() {
			return "FixedRegionProvider(" + this.region + ")";
		}

	}

}
