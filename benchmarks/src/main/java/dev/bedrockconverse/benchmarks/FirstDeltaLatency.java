package dev.bedrockconverse.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Time to first token with no network: the time from asking for a stream to its first
 * text delta, the raw SDK's {@code converseStream} against the starter's
 * {@code ChatBedrockConverse.stream} (as users run it: {@link StarterApp}), both over the
 * same {@link InMemoryHttp} transport, so the difference is the starter's own work before
 * the first delta (preparing the request, starting the observation, the Reactor bridge)
 * and none of a network's or a transport's. Sides alternate in blocks within one JVM; the
 * report gives each side's p50 and p90 per round and the median over rounds of the
 * per-round p50 difference. <pre>
 * java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.bedrockconverse.benchmarks.FirstDeltaLatency
 * </pre> Wall-clock latency on a machine shared with nothing else; the streams run one at
 * a time.
 */
public final class FirstDeltaLatency {

	private static final int ROUNDS = 10;

	private static final int PER_ROUND = 2000;

	private static final int WARMUP = 20_000;

	private FirstDeltaLatency() {
	}

	public static void main(String[] args) throws Exception {
		String text = Clients.promptOfWords(AsUsersRunItBenchmark.DELTAS - 1);
		SdkAsyncHttpClient http = InMemoryHttp.async(InMemoryHttp.streamEvents(AsUsersRunItBenchmark.DELTAS));
		BedrockRuntimeAsyncClient raw = AsUsersRunItBenchmark.sdk(BedrockRuntimeAsyncClient.builder(), null)
			.httpClient(http)
			.build();
		try (ConfigurableApplicationContext context = StarterApp
			.startInMemory(InMemoryHttp.sync(InMemoryHttp.converseJson("unused")), http)) {
			ChatBedrockConverse starter = StarterApp.model(context);
			for (int i = 0; i < WARMUP; i++) {
				raw(raw, text);
				starter(starter, text);
			}
			System.out.printf(Locale.ROOT, "# FirstDeltaLatency rounds=%d per_round=%d java=%s nproc=%d%n", ROUNDS,
					PER_ROUND, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
			List<Double> differences = new ArrayList<>();
			for (int round = 1; round <= ROUNDS; round++) {
				boolean rawFirst = round % 2 == 1;
				long[] first = rawFirst ? rawRound(raw, text) : starterRound(starter, text);
				long[] second = rawFirst ? starterRound(starter, text) : rawRound(raw, text);
				long[] rawTimes = rawFirst ? first : second;
				long[] starterTimes = rawFirst ? second : first;
				double difference = (percentile(starterTimes, 50) - percentile(rawTimes, 50)) / 1000.0;
				differences.add(difference);
				System.out.printf(Locale.ROOT,
						"round=%d raw p50=%.1fus p90=%.1fus starter p50=%.1fus p90=%.1fus p50_diff=%+.1fus%n", round,
						percentile(rawTimes, 50) / 1000.0, percentile(rawTimes, 90) / 1000.0,
						percentile(starterTimes, 50) / 1000.0, percentile(starterTimes, 90) / 1000.0, difference);
			}
			double[] sorted = differences.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			System.out.printf(Locale.ROOT, "SUMMARY ttft_p50_diff_us=%+.1f[%+.1f..%+.1f]%n",
					(sorted[ROUNDS / 2 - 1] + sorted[ROUNDS / 2]) / 2, sorted[0], sorted[ROUNDS - 1]);
		}
	}

	private static long[] rawRound(BedrockRuntimeAsyncClient raw, String text) throws Exception {
		long[] times = new long[PER_ROUND];
		for (int i = 0; i < PER_ROUND; i++) {
			times[i] = raw(raw, text);
		}
		return times;
	}

	private static long[] starterRound(ChatBedrockConverse starter, String text) {
		long[] times = new long[PER_ROUND];
		for (int i = 0; i < PER_ROUND; i++) {
			times[i] = starter(starter, text);
		}
		return times;
	}

	/**
	 * One raw stream.
	 * @param raw the client
	 * @param text the prompt
	 * @return nanoseconds from the call to the first text delta
	 */
	private static long raw(BedrockRuntimeAsyncClient raw, String text) throws Exception {
		AtomicLong firstAt = new AtomicLong();
		long start = System.nanoTime();
		ConverseStreamRequest request = ConverseStreamRequest.builder()
			.modelId(Clients.MODEL)
			.messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build())
			.build();
		ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
			.subscriber(ConverseStreamResponseHandler.Visitor.builder()
				.onContentBlockDelta((event) -> firstAt.compareAndSet(0, System.nanoTime()))
				.build())
			.build();
		raw.converseStream(request, handler).join();
		return firstAt.get() - start;
	}

	/**
	 * One stream of the starter's model.
	 * @param starter the model
	 * @param text the prompt
	 * @return nanoseconds from the call to the first text delta
	 */
	private static long starter(ChatBedrockConverse starter, String text) {
		AtomicLong firstAt = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		long start = System.nanoTime();
		starter.stream(new Prompt(text))
			.doOnNext((response) -> firstAt.compareAndSet(0, System.nanoTime()))
			.doFinally((signal) -> done.countDown())
			.subscribe();
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return firstAt.get() - start;
	}

	private static double percentile(long[] values, int percentile) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

}
