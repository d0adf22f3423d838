package dev.bedrockconverse.stub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/**
 * Real AWS SDK v2 clients pointed at a stub, with retries off so scripted errors surface
 * once.
 */
final class SdkClients {

	static final String MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

	private SdkClients() {
	}

	static AwsCredentialsProvider credentials(String accessKeyId, String secret) {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
	}

	static AwsCredentialsProvider testCredentials() {
		return credentials(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY);
	}

	static BedrockRuntimeClient apache(BedrockStub stub, AwsCredentialsProvider credentials) {
		return sync(stub, Apache5HttpClient.builder().build(), credentials);
	}

	static BedrockRuntimeClient urlConnection(BedrockStub stub, AwsCredentialsProvider credentials) {
		return sync(stub, UrlConnectionHttpClient.builder().build(), credentials);
	}

	static BedrockRuntimeClient sync(BedrockStub stub, SdkHttpClient http, AwsCredentialsProvider credentials) {
		return BedrockRuntimeClient.builder()
			.endpointOverride(stub.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials)
			.httpClient(http)
			.overrideConfiguration((o) -> o.retryStrategy((r) -> r.maxAttempts(1)))
			.build();
	}

	static BedrockRuntimeAsyncClient netty(BedrockStub stub, Protocol protocol, AwsCredentialsProvider credentials) {
		return BedrockRuntimeAsyncClient.builder()
			.endpointOverride(stub.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials)
			.httpClient(NettyNioAsyncHttpClient.builder()
				.protocol(protocol)
				.connectionTimeout(Duration.ofSeconds(5))
				.build())
			.overrideConfiguration((o) -> o.retryStrategy((r) -> r.maxAttempts(1)))
			.build();
	}

	/** A Converse request to the test model with one user message. */
	static ConverseRequest.Builder request(String text) {
		return ConverseRequest.builder().modelId(MODEL_ID).messages(user(text));
	}

	/** A ConverseStream request to the test model with one user message. */
	static ConverseStreamRequest.Builder streamRequest(String text) {
		return ConverseStreamRequest.builder().modelId(MODEL_ID).messages(user(text));
	}

	static Message user(String text) {
		return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
	}

	/**
	 * Streams a request; completes normally or throws the CompletionException the SDK
	 * raised.
	 */
	static StreamResult stream(BedrockRuntimeAsyncClient client, ConverseStreamRequest request) {
		StreamResult result = new StreamResult();
		ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
			.onEventStream((publisher) -> publisher.subscribe((ConverseStreamOutput event) -> {
				result.eventTypes.add(String.valueOf(event.sdkEventType()));
				if (event instanceof ContentBlockDeltaEvent delta && delta.delta().toolUse() != null) {
					result.toolInputFragments.add(delta.delta().toolUse().input());
				}
				else if (event instanceof ContentBlockDeltaEvent delta) {
					result.deltas.add(delta.delta().text());
				}
				else if (event instanceof ContentBlockStartEvent start && start.start().toolUse() != null) {
					result.toolUseStarts
						.add(start.start().toolUse().toolUseId() + " " + start.start().toolUse().name());
				}
				else if (event instanceof MessageStopEvent stop) {
					result.stopReason = stop.stopReasonAsString();
				}
				else if (event instanceof ConverseStreamMetadataEvent metadata) {
					result.metadata = metadata;
				}
			}))
			.build();
		client.converseStream(request, handler).join();
		return result;
	}

	/**
	 * What a stream delivered, collected through the handler's Reactive Streams
	 * publisher.
	 */
	static final class StreamResult {

		final List<String> deltas = new CopyOnWriteArrayList<>();

		final List<String> eventTypes = new CopyOnWriteArrayList<>();

		final List<String> toolUseStarts = new CopyOnWriteArrayList<>();

		final List<String> toolInputFragments = new CopyOnWriteArrayList<>();

		volatile String stopReason;

		volatile ConverseStreamMetadataEvent metadata;

		String text() {
			return String.join("", this.deltas);
		}

	}

}
