package dev.bedrockconverse.autoconfigure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load test: 2,000 calls and 500 streams at concurrency 64 through one
 * auto-configured model against the stub (signatures verified). Every call must answer
 * correctly, every stream must deliver each delta exactly once, and the heap must not
 * grow with the number of requests. Bigger runs belong to the benchmarks module.
 */
class BedrockConverseLoadTests {

	private static final int CALLS = 2_000;

	private static final int STREAMS = 500;

	private static final int CONCURRENCY = 64;

	/** Generous: the stub keeps every recorded request, a few kilobytes each. */
	private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withPropertyValues(// Any retry would hide an error from the count below.
				"bedrock.converse.retry.max-attempts=1");

	@Test
	void twoThousandCallsAndFiveHundredStreamsAtConcurrency64AllCompleteCorrectly() {
		this.contextRunner.run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			// Warm up, so that class loading and connection set-up are not counted as
			// heap growth.
			model.call(new Prompt("warm up"));
			model.stream(new Prompt("warm up")).blockLast(Duration.ofSeconds(10));
			long heapBefore = usedHeapAfterGc();

			AtomicInteger wrongCalls = new AtomicInteger();
			Long calls = Flux.range(0, CALLS)
				.flatMap((i) -> Mono.fromCallable(() -> model.call(new Prompt("call number " + i)))
					.subscribeOn(Schedulers.boundedElastic())
					.doOnNext((response) -> {
						if (!("Echo: call number " + i).equals(response.getResult().getOutput().getText())) {
							wrongCalls.incrementAndGet();
						}
					}), CONCURRENCY)
				.count()
				.block(Duration.ofMinutes(2));

			AtomicInteger wrongStreams = new AtomicInteger();
			AtomicInteger deltas = new AtomicInteger();
			Long streams = Flux.range(0, STREAMS)
				.flatMap((i) -> model.stream(new Prompt("stream number " + i)).collectList().doOnNext((responses) -> {
					if (!isCompleteEcho(responses, "Echo: stream number " + i)) {
						wrongStreams.incrementAndGet();
					}
					deltas.addAndGet(responses.size() - 1);
				}), CONCURRENCY)
				.count()
				.block(Duration.ofMinutes(2));

			assertThat(calls).isEqualTo(CALLS);
			assertThat(wrongCalls).hasValue(0);
			assertThat(streams).isEqualTo(STREAMS);
			assertThat(wrongStreams).hasValue(0);
			// "Echo:", " stream", " number", " i": four deltas per stream, none lost or
			// repeated.
			assertThat(deltas).hasValue(4 * STREAMS);
			assertThat(stub.get().requests()).hasSize(2 + CALLS + STREAMS);
			assertThat(usedHeapAfterGc() - heapBefore).isLessThan(HEAP_GROWTH_LIMIT);
		});
	}

	/**
	 * The deltas join to the expected text, in order, and a last response ends the turn.
	 */
	private static boolean isCompleteEcho(List<ChatResponse> responses, String expected) {
		if (responses.size() != 5) {
			return false;
		}
		StringBuilder text = new StringBuilder();
		for (ChatResponse response : responses.subList(0, responses.size() - 1)) {
			text.append(response.getResult().getOutput().getText());
		}
		ChatResponse last = responses.get(responses.size() - 1);
		return expected.contentEquals(text) && "END_TURN".equals(last.getResult().getMetadata().getFinishReason());
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
