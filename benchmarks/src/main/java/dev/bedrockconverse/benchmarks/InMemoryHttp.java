package dev.bedrockconverse.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Flux;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * An in-memory HTTP transport for real SDK clients: the whole SDK pipeline runs
 * (marshalling, SigV4 signing, interceptors, metric collection and publishing, response
 * unmarshalling, event-stream decoding), only the bytes come from memory instead of a
 * socket. Unlike {@link InMemoryClients}, which replace the client itself, these plug
 * into a client builder ({@code httpClient(...)} or {@code httpClientBuilder(...)}), so
 * an SDK {@code MetricPublisher} sees every call, and the starter's auto-configuration
 * can build its clients over them through its client builder customizers.
 * <p>
 * {@code Converse} gets the canned JSON answer of {@link #converseJson(String)};
 * {@code ConverseStream} gets the canned event stream of {@link #streamEvents(int)}, one
 * buffer per event (as Bedrock flushes each event), replayed on the caller's thread.
 */
public final class InMemoryHttp {

	private static final String REQUEST_ID = "00000000-bench-0000-0000-000000000000";

	private InMemoryHttp() {
	}

	/**
	 * The Converse answer: one text block, end_turn, usage and latency, as Bedrock sends
	 * it.
	 * @param text the answer text (plain words, no JSON escaping needed)
	 * @return the JSON body
	 */
	public static byte[] converseJson(String text) {
		return ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"" + text + "\"}]}},"
				+ "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":10,\"outputTokens\":11,\"totalTokens\":21},"
				+ "\"metrics\":{\"latencyMs\":5}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The ConverseStream events, each an event-stream message in its own buffer:
	 * messageStart, {@code deltas} contentBlockDelta ({@code "Echo:"}, then one word
	 * each), contentBlockStop, messageStop and metadata.
	 * @param deltas the number of text deltas
	 * @return the framed events
	 */
	public static List<ByteBuffer> streamEvents(int deltas) {
		List<ByteBuffer> events = new ArrayList<>(deltas + 4);
		events.add(event("messageStart", "{\"role\":\"assistant\"}"));
		for (int i = 0; i < deltas; i++) {
			String text = (i == 0) ? "Echo:" : " w" + i;
			events.add(event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + text + "\"}}"));
		}
		events.add(event("contentBlockStop", "{\"contentBlockIndex\":0}"));
		events.add(event("messageStop", "{\"stopReason\":\"end_turn\"}"));
		events.add(event("metadata", "{\"usage\":{\"inputTokens\":10,\"outputTokens\":" + deltas + ",\"totalTokens\":"
				+ (10 + deltas) + "},\"metrics\":{\"latencyMs\":5}}"));
		return events;
	}

	private static ByteBuffer event(String type, String json) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":event-type", HeaderValue.fromString(type));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		headers.put(":message-type", HeaderValue.fromString("event"));
		return new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer().asReadOnlyBuffer();
	}

	/**
	 * A sync HTTP client that answers every request with the same JSON body.
	 * @param body the body
	 * @return the client
	 */
	public static SdkHttpClient sync(byte[] body) {
		SdkHttpResponse response = SdkHttpResponse.builder()
			.statusCode(200)
			.putHeader("Content-Type", "application/json")
			.putHeader("x-amzn-RequestId", REQUEST_ID)
			.putHeader("Content-Length", String.valueOf(body.length))
			.build();
		return new SdkHttpClient() {
			@Override
			public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
				return new ExecutableHttpRequest() {
					@Override
					public HttpExecuteResponse call() {
						return HttpExecuteResponse.builder()
							.response(response)
							.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
							.build();
					}

					@Override
					public void abort() {
					}
				};
			}

			@Override
			public String clientName() {
				return "InMemory";
			}

			@Override
			public void close() {
			}
		};
	}

	/**
	 * An async HTTP client that answers every request with the same event stream,
	 * delivered on the caller's thread as it is requested; the future completes when the
	 * last event has been delivered.
	 * @param events the framed events
	 * @return the client
	 */
	public static SdkAsyncHttpClient async(List<ByteBuffer> events) {
		SdkHttpResponse response = SdkHttpResponse.builder()
			.statusCode(200)
			.putHeader("Content-Type", "application/vnd.amazon.eventstream")
			.putHeader("x-amzn-RequestId", REQUEST_ID)
			.build();
		return new SdkAsyncHttpClient() {
			@Override
			public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
				CompletableFuture<Void> done = new CompletableFuture<>();
				request.responseHandler().onHeaders(response);
				request.responseHandler()
					.onStream(Flux.fromIterable(events)
						.map(ByteBuffer::duplicate)
						.doOnComplete(() -> done.complete(null))
						.doOnError(done::completeExceptionally));
				return done;
			}

			@Override
			public String clientName() {
				return "InMemory";
			}

			@Override
			public void close() {
			}
		};
	}

	/**
	 * A builder for a client's {@code httpClientBuilder(...)}, where the starter's
	 * customizers can replace the HTTP client builder it set.
	 */
	public static final class SyncBuilder implements SdkHttpClient.Builder<SyncBuilder> {

		private final SdkHttpClient client;

		public SyncBuilder(SdkHttpClient client) {
			this.client = client;
		}

		@Override
		public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
			return this.client;
		}

	}

	/** The async counterpart of {@link SyncBuilder}. */
	public static final class AsyncBuilder implements SdkAsyncHttpClient.Builder<AsyncBuilder> {

		private final SdkAsyncHttpClient client;

		public AsyncBuilder(SdkAsyncHttpClient client) {
			this.client = client;
		}

		@Override
		public SdkAsyncHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
			return this.client;
		}

	}

}
