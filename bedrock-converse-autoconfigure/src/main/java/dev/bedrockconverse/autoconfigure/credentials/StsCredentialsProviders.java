package dev.bedrockconverse.autoconfigure.credentials;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.clients.BedrockClientBuilderConfigurer;
import dev.bedrockconverse.autoconfigure.clients.BedrockSyncHttpClients;

/**
 * Assumed-role credentials through the AWS SDK's STS module. Only loaded when a role is
 * configured, so that the module stays optional. The STS client is regional (the region
 * of Bedrock), uses {@code bedrock.converse.credentials.sts-endpoint} when set, and the
 * Apache HTTP client with the configured connect and read timeouts when it is present.
 */
final class StsCredentialsProviders {

	/**
	 * The Apache 5 HTTP client, looked up by name: the module is optional.
	 */
	static final String APACHE5_HTTP_CLIENT = "software.amazon.awssdk.http.apache5.Apache5HttpClient";

	private StsCredentialsProviders() {
	}

	static AwsCredentialsProvider assumeRole(BedrockConverseProperties properties, AwsCredentialsProvider base,
			AwsRegionProvider regionProvider) {
		BedrockConverseProperties.AssumeRole assumeRole = properties.getCredentials().getAssumeRole();
		StsClient sts = stsClient(properties, base, regionProvider);
		StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
			.stsClient(sts)
			.refreshRequest((request) -> {
				request.roleArn(assumeRole.getRoleArn().strip()).roleSessionName(assumeRole.getSessionName());
				if (assumeRole.getExternalId() != null) {
					request.externalId(assumeRole.getExternalId());
				}
				if (assumeRole.getDuration() != null) {
					request.durationSeconds((int) assumeRole.getDuration().toSeconds());
				}
			})
			.build();
		return new ClosingStsCredentialsProvider(provider, sts, base,
				"the assumed role '" + assumeRole.getRoleArn().strip() + "' (credentials mode assume-role: "
						+ "bedrock.converse.credentials.assume-role.role-arn), through STS");
	}

	static AwsCredentialsProvider webIdentity(BedrockConverseProperties properties, AwsRegionProvider regionProvider) {
		BedrockConverseProperties.WebIdentity webIdentity = properties.getCredentials().getWebIdentity();
		// AssumeRoleWithWebIdentity is unsigned: the token is the proof of identity.
		StsClient sts = stsClient(properties, AnonymousCredentialsProvider.create(), regionProvider);
		StsWebIdentityTokenFileCredentialsProvider.Builder builder = StsWebIdentityTokenFileCredentialsProvider
			.builder()
			.stsClient(sts)
			.roleArn(webIdentity.getRoleArn().strip())
			.roleSessionName(webIdentity.getSessionName());
		Path tokenFile = webIdentity.getTokenFile();
		if (tokenFile != null) {
			builder.webIdentityTokenFile(tokenFile);
		}
		return new ClosingStsCredentialsProvider(builder.build(), sts, null,
				"the web identity role '" + webIdentity.getRoleArn().strip() + "' with the token file "
						+ ((tokenFile != null) ? tokenFile : "named by AWS_WEB_IDENTITY_TOKEN_FILE")
						+ " (credentials mode web identity: bedrock.converse.credentials.web-identity.role-arn and "
						+ "token-file), through STS");
	}

	private static StsClient stsClient(BedrockConverseProperties properties, AwsCredentialsProvider credentials,
			AwsRegionProvider regionProvider) {
		StsClientBuilder builder = StsClient.builder()
			.credentialsProvider(credentials)
			.region(BedrockClientBuilderConfigurer.resolveRegion(regionProvider));
		URI endpoint = properties.getCredentials().getStsEndpoint();
		if (endpoint != null && !endpoint.toString().isBlank()) {
			builder.endpointOverride(endpoint);
		}
		if (ClassUtils.isPresent(APACHE5_HTTP_CLIENT, StsCredentialsProviders.class.getClassLoader())) {
			builder.httpClientBuilder(BedrockSyncHttpClients.builder(properties.getClient()));
		}
		return builder.build();
	}

	/**
	 * An STS credentials provider that also closes its STS client and base credentials
	 * provider, which the SDK's providers leave open. Its {@code toString()} is the SDK
	 * provider's, which names no credentials. A failure to get credentials (STS refusing
	 * or unreachable, an unreadable token file) is thrown as an
	 * {@link SdkClientException} that names the credentials mode and the role, with the
	 * failure as its cause, so that the Bedrock error translator can say which setting to
	 * fix.
	 */
	static final class ClosingStsCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {

		private final StsCredentialsProvider delegate;

		private final StsClient sts;

		private final @Nullable AwsCredentialsProvider base;

		private final String mode;

		ClosingStsCredentialsProvider(StsCredentialsProvider delegate, StsClient sts,
				@Nullable AwsCredentialsProvider base, String mode) {
			this.delegate = delegate;
			this.sts = sts;
			this.base = base;
			this.mode = mode;
		}

		/**
		 * The SDK's STS credentials provider.
		 * @return the provider
		 */
		StsCredentialsProvider getDelegate() {
			return this.delegate;
		}

		/**
		 * The STS client, closed with this provider.
		 * @return the client
		 */
		StsClient getStsClient() {
			return this.sts;
		}

		@Override
		public AwsCredentials resolveCredentials() {
			try {
				return this.delegate.resolveCredentials();
			}
			catch (RuntimeException ex) {
				throw SdkClientException.create("Unable to load credentials for " + this.mode, ex);
			}
		}

		@Override
		public void close() {
			this.delegate.close();
			this.sts.close();
			if (this.base instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// Closing releases threads and connections only; nothing to report.
				}
			}
		}

		@Override
		public String toString() {
			return this.delegate.toString();
		}

	}

}
