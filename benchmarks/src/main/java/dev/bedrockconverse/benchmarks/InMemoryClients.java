package dev.bedrockconverse.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Flux;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeResponseMetadata;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseMetrics;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetrics;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * SDK clients that never touch the network: {@code converse} returns one canned response
 * and {@code converseStream} replays canned events synchronously on the caller's thread,
 * the way the SDK hands them over (responseReceived, onEventStream, then complete after
 * the event stream ends). Used to measure the adapter's own mapping cost, with no HTTP,
 * signing or (un)marshalling in the way.
 */
public final class InMemoryClients {

	private InMemoryClients() {
	}

	static BedrockRuntimeResponseMetadata metadata() {
		return BedrockRuntimeResponseMetadata.create(
				DefaultAwsResponseMetadata.create(Map.of("AWS_REQUEST_ID", "00000000-bench-0000-0000-000000000000")));
	}

	/** The canned Converse reply: one text block, END_TURN, usage and metrics. */
	public static ConverseResponse converseResponse(String text) {
		ConverseResponse.Builder builder = ConverseResponse.builder()
			.output(ConverseOutput.fromMessage(
					Message.builder().role(ConversationRole.ASSISTANT).content(ContentBlock.fromText(text)).build()))
			.stopReason(StopReason.END_TURN)
			.usage(TokenUsage.builder().inputTokens(10).outputTokens(11).totalTokens(21).build())
			.metrics(ConverseMetrics.builder().latencyMs(5L).build());
		builder.responseMetadata(metadata());
		return builder.build();
	}

	/**
	 * The canned ConverseStream events, as Bedrock sends them, with {@code deltas} text
	 * deltas.
	 */
	public static List<ConverseStreamOutput> streamEvents(int deltas) {
		List<ConverseStreamOutput> events = new ArrayList<>(deltas + 4);
		events.add(ConverseStreamOutput.messageStartBuilder().role(ConversationRole.ASSISTANT).build());
		for (int i = 0; i < deltas; i++) {
			events.add(ConverseStreamOutput.contentBlockDeltaBuilder()
				.contentBlockIndex(0)
				.delta(ContentBlockDelta.fromText((i == 0) ? "Echo:" : " w" + i))
				.build());
		}
		events.add(ConverseStreamOutput.contentBlockStopBuilder().contentBlockIndex(0).build());
		events.add(ConverseStreamOutput.messageStopBuilder().stopReason(StopReason.END_TURN).build());
		events.add(ConverseStreamOutput.metadataBuilder()
			.usage(TokenUsage.builder().inputTokens(10).outputTokens(deltas).totalTokens(10 + deltas).build())
			.metrics(ConverseStreamMetrics.builder().latencyMs(5L).build())
			.build());
		return events;
	}

	/** A sync client whose {@code converse} returns the same canned response. */
	public static BedrockRuntimeClient sync(ConverseResponse response) {
		return new BedrockRuntimeClient() {
			@Override
			public ConverseResponse converse(ConverseRequest request) {
				return response;
			}

			@Override
			public BedrockRuntimeServiceClientConfiguration serviceClientConfiguration() {
				return BedrockRuntimeServiceClientConfiguration.builder().region(Region.US_EAST_1).build();
			}

			@Override
			public String serviceName() {
				return SERVICE_NAME;
			}

			@Override
			public void close() {
			}
		};
	}

	/** An async client whose {@code converseStream} replays the same events. */
	public static BedrockRuntimeAsyncClient async(List<ConverseStreamOutput> events) {
		ConverseStreamResponse.Builder builder = ConverseStreamResponse.builder();
		builder.responseMetadata(metadata());
		ConverseStreamResponse response = builder.build();
		return new BedrockRuntimeAsyncClient() {
			@Override
			public CompletableFuture<Void> converseStream(ConverseStreamRequest request,
					ConverseStreamResponseHandler handler) {
				CompletableFuture<Void> done = new CompletableFuture<>();
				handler.responseReceived(response);
				// complete() and the future follow the end of the event stream, as in the
				// SDK.
				handler.onEventStream(SdkPublisher.adapt(Flux.fromIterable(events).doAfterTerminate(() -> {
					handler.complete();
					done.complete(null);
				})));
				return done;
			}

			@Override
			public BedrockRuntimeServiceClientConfiguration serviceClientConfiguration() {
				return BedrockRuntimeServiceClientConfiguration.builder().region(Region.US_EAST_1).build();
			}

			@Override
			public String serviceName() {
				return SERVICE_NAME;
			}

			@Override
			public void close() {
			}
		};
	}

}
