package dev.bedrockconverse.autoconfigure.credentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSupplier;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;

/**
 * Builds the {@link AwsCredentialsProvider} that {@code bedrock.converse.credentials.*}
 * describes: static keys (with an optional session token), a named profile (optionally
 * from custom files), web identity, or the AWS SDK's default chain; and an assumed role
 * on top of the first, second or fourth.
 */
final class BedrockConverseCredentialsProviders {

	/**
	 * The STS client, looked up by name: the STS module is optional.
	 */
	static final String STS_CLIENT = "software.amazon.awssdk.services.sts.StsClient";

	private BedrockConverseCredentialsProviders() {
	}

	static AwsCredentialsProvider create(BedrockConverseProperties properties, AwsRegionProvider regionProvider,
			@Nullable ClassLoader classLoader) {
		BedrockConverseProperties.Credentials credentials = properties.getCredentials();
		if (StringUtils.hasText(credentials.getWebIdentity().getRoleArn())) {
			requireSts(BedrockConverseAuthenticationValidator.WEB_IDENTITY_ROLE_ARN, classLoader);
			return StsCredentialsProviders.webIdentity(properties, regionProvider);
		}
		AwsCredentialsProvider base = base(credentials);
		if (StringUtils.hasText(credentials.getAssumeRole().getRoleArn())) {
			requireSts(BedrockConverseAuthenticationValidator.ASSUME_ROLE_ARN, classLoader);
			return StsCredentialsProviders.assumeRole(properties, base, regionProvider);
		}
		return base;
	}

	private static AwsCredentialsProvider base(BedrockConverseProperties.Credentials credentials) {
		if (StringUtils.hasText(credentials.getAccessKeyId())) {
			String accessKeyId = credentials.getAccessKeyId().strip();
			String secretAccessKey = credentials.getSecretAccessKey().strip();
			if (StringUtils.hasText(credentials.getSessionToken())) {
				return StaticCredentialsProvider.create(AwsSessionCredentials.builder()
					.accessKeyId(accessKeyId)
					.secretAccessKey(secretAccessKey)
					.sessionToken(credentials.getSessionToken().strip())
					.build());
			}
			return StaticCredentialsProvider.create(
					AwsBasicCredentials.builder().accessKeyId(accessKeyId).secretAccessKey(secretAccessKey).build());
		}
		ProfileFileSupplier profileFile = profileFile(credentials);
		if (StringUtils.hasText(credentials.getProfile()) || profileFile != null) {
			ProfileCredentialsProvider.Builder builder = ProfileCredentialsProvider.builder();
			if (StringUtils.hasText(credentials.getProfile())) {
				builder.profileName(credentials.getProfile().strip());
			}
			if (profileFile != null) {
				builder.profileFile(profileFile);
			}
			return builder.build();
		}
		return DefaultCredentialsProvider.builder().build();
	}

	/**
	 * The profile files of {@code shared-credentials-file} and {@code config-file}, each
	 * falling back to the SDK's default location when not set, re-read when they change.
	 * @param credentials the credentials properties
	 * @return the supplier, or {@code null} when neither file is configured
	 */
	static @Nullable ProfileFileSupplier profileFile(BedrockConverseProperties.Credentials credentials) {
		Path credentialsFile = credentials.getSharedCredentialsFile();
		Path configFile = credentials.getConfigFile();
		if (credentialsFile == null && configFile == null) {
			return null;
		}
		List<ProfileFileSupplier> suppliers = new ArrayList<>();
		Path config = (configFile != null) ? configFile : ProfileFileLocation.configurationFileLocation().orElse(null);
		if (config != null) {
			suppliers.add(ProfileFileSupplier.reloadWhenModified(config, ProfileFile.Type.CONFIGURATION));
		}
		Path shared = (credentialsFile != null) ? credentialsFile
				: ProfileFileLocation.credentialsFileLocation().orElse(null);
		if (shared != null) {
			suppliers.add(ProfileFileSupplier.reloadWhenModified(shared, ProfileFile.Type.CREDENTIALS));
		}
		return ProfileFileSupplier.aggregate(suppliers.toArray(ProfileFileSupplier[]::new));
	}

	private static void requireSts(String property, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(STS_CLIENT, classLoader)) {
			throw new InvalidBedrockConverseConfigurationException(property, null,
					"Assuming a role needs the AWS SDK's STS module, which is not on the classpath.",
					"Add the dependency 'software.amazon.awssdk:sts' (the Bedrock Converse starter brings it), or "
							+ "remove '" + property + "'.");
		}
	}

}
