package dev.bedrockconverse.chat;

import dev.bedrockconverse.stub.BedrockStub;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Real SDK clients pointed at the loopback stub: the model is exercised through the
 * SDK's actual HTTP, signing, event-stream and retry code, never a mock.
 */
final class StubClients {

	private StubClients() {
	}

	static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY));
	}

	static BedrockRuntimeClient sync(BedrockStub stub) {
		return BedrockRuntimeClient.builder()
			.endpointOverride(stub.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials())
			.httpClientBuilder(Apache5HttpClient.builder())
			.build();
	}

	static BedrockRuntimeAsyncClient async(BedrockStub stub, Protocol protocol) {
		return BedrockRuntimeAsyncClient.builder()
			.endpointOverride(stub.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials())
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol))
			.build();
	}

}
