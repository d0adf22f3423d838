package dev.bedrockconverse.stub.junit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * Real SDK clients pointed at a stub, signing with the stub's credentials: a sync client
 * on the Apache 5 HTTP client and an async client on Netty over HTTP/1.1. Loaded only
 * when a test asks for such a client, so the stub works without the SDK's Bedrock runtime
 * client on the class path (an optional dependency of this module).
 */
final class StubSdkClients {

	static final String SYNC = "software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient";

	static final String ASYNC = "software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient";

	private StubSdkClients() {
	}

	static AutoCloseable create(Class<?> type, BedrockStub stub, StubCredentials credentials) {
		StaticCredentialsProvider provider = StaticCredentialsProvider.create(awsCredentials(credentials));
		if (type == BedrockRuntimeClient.class) {
			return BedrockRuntimeClient.builder()
				.endpointOverride(stub.endpoint())
				.region(Region.US_EAST_1)
				.credentialsProvider(provider)
				.httpClientBuilder(Apache5HttpClient.builder())
				.build();
		}
		return BedrockRuntimeAsyncClient.builder()
			.endpointOverride(stub.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(provider)
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
			.build();
	}

	private static AwsCredentials awsCredentials(StubCredentials credentials) {
		return (credentials.sessionToken() != null)
				? AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
						credentials.sessionToken())
				: AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey());
	}

	/**
	 * The credentials the stub accepts, as the extension was configured.
	 *
	 * @param accessKeyId the key id
	 * @param secretAccessKey the secret
	 * @param sessionToken the session token, or {@code null}
	 */
	record StubCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

		/** Never shows the secret or the token. */
		@Override
		public String toString() {
			return "StubCredentials[accessKeyId=" + this.accessKeyId + "]";
		}

	}

}
