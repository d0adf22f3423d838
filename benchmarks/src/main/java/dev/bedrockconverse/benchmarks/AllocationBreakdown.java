package dev.bedrockconverse.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.internal.PreparedRequest;
import dev.bedrockconverse.chat.observation.BedrockConverseMeterObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockConverseObservationConvention;
import dev.bedrockconverse.chat.observation.BedrockConverseObservationDetails;
import dev.bedrockconverse.chat.observation.BedrockConverseTokenUsageObservationHandler;

/**
 * Where a call's bytes go, step by step and handler by handler: the profile behind the
 * fixes in BENCHMARKS.md ("As users run it"). Each line is the bytes the current thread
 * allocates per operation ({@code ThreadMXBean.getThreadAllocatedBytes} over 20,000
 * operations after 150,000 of warm-up, so the JIT has compiled and scalar-replaced what
 * it will), exact for a given JVM and repeatable to a few bytes. JFR's allocation events
 * are TLAB-sampled and, on a workload this periodic, alias onto a few sites; this does
 * not. Whole calls go through real SDK clients over {@link InMemoryHttp}; the observation
 * rows add one handler at a time to a registry whose only other handler does nothing, so
 * each row minus {@code observation, no handler} is that handler's cost. <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.bedrockconverse.benchmarks.AllocationBreakdown
 * </pre> Allocation only: CPU comes from the JMH benchmarks.
 */
public final class AllocationBreakdown {

	private static final int WARMUP = 150_000;

	private static final int MEASURED = 20_000;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static volatile Object sink;

	private AllocationBreakdown() {
	}

	public static void main(String[] args) {
		String text = Clients.promptOfWords(9);
		BedrockRuntimeClient client = AsUsersRunItBenchmark.sdk(BedrockRuntimeClient.builder(), null)
			.httpClient(InMemoryHttp.sync(InMemoryHttp.converseJson("Echo: " + text)))
			.build();
		BedrockConverseChatOptions defaults = BedrockConverseChatOptions.builder().model(Clients.MODEL).build();
		System.out.println("# bytes allocated per operation, " + System.getProperty("java.version"));
		print("raw SDK call",
				() -> client.converse(ConverseRequest.builder()
					.modelId(Clients.MODEL)
					.messages(
							Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build())
					.build()));
		// The request side of our call, before anything is sent.
		ToolCallingManager tools = ToolCallingManager.builder().build();
		print("  new Prompt(text) (the caller's)", () -> new Prompt(text));
		Prompt prompt = new Prompt(text);
		print("  prepare: merge, validate, map to ConverseRequest",
				() -> PreparedRequest.prepare(prompt, defaults, tools, false, false, List.of()));
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		// Each row's handlers on their own registry, beside one that does nothing (so
		// every row but the first has a real observation).
		Map<String, ObservationRegistry> rows = new LinkedHashMap<>();
		rows.put("ObservationRegistry.NOOP", ObservationRegistry.NOOP);
		rows.put("observation, no handler", observed());
		rows.put("+ Boot's DefaultMeterObservationHandler", observed(new DefaultMeterObservationHandler(prometheus)));
		rows.put("+ Spring AI's ChatModelMeterObservationHandler",
				observed(new ChatModelMeterObservationHandler(prometheus)));
		rows.put("+ BedrockConverseTokenUsageObservationHandler",
				observed(new BedrockConverseTokenUsageObservationHandler(prometheus)));
		rows.put("+ BedrockConverseMeterObservationHandler",
				observed(new BedrockConverseMeterObservationHandler(prometheus, true)));
		rows.put("+ all three (Boot's, token usage, Bedrock meters)",
				observed(new DefaultMeterObservationHandler(prometheus),
						new BedrockConverseTokenUsageObservationHandler(prometheus),
						new BedrockConverseMeterObservationHandler(prometheus, true)));
		rows.forEach((part, registry) -> {
			ChatBedrockConverse model = ChatBedrockConverse.builder()
				.bedrockRuntimeClient(client)
				.defaultOptions(defaults)
				.observationRegistry(registry)
				.build();
			print("ChatBedrockConverse.call, " + part, () -> model.call(new Prompt(text)));
		});
		// The convention's share of an observation: computed at its start and its stop.
		ChatBedrockConverse model = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(client)
			.defaultOptions(defaults)
			.build();
		Prompt withOptions = new Prompt(text, defaults);
		ChatResponse response = model.call(withOptions);
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(withOptions)
			.provider("bedrock_converse")
			.build();
		BedrockConverseObservationDetails.attach(context, BedrockConverseObservationDetails.Client.of(client),
				"default");
		context.setResponse(response);
		BedrockConverseObservationConvention ours = new BedrockConverseObservationConvention();
		DefaultChatModelObservationConvention springAi = new DefaultChatModelObservationConvention();
		print("  our convention, low-cardinality key values", () -> ours.getLowCardinalityKeyValues(context));
		print("  our convention, high-cardinality key values", () -> ours.getHighCardinalityKeyValues(context));
		print("  our convention, contextual name", () -> ours.getContextualName(context));
		print("  Spring AI's convention, low-cardinality key values",
				() -> springAi.getLowCardinalityKeyValues(context));
		print("  Spring AI's convention, high-cardinality key values",
				() -> springAi.getHighCardinalityKeyValues(context));
		print("  Spring AI's convention, contextual name", () -> springAi.getContextualName(context));
		streams(defaults, client);
	}

	/**
	 * Per streamed delta: the bytes of every thread (the SDK completes a stream on its
	 * own threads) over whole streams of {@value AsUsersRunItBenchmark#DELTAS} deltas,
	 * divided by the deltas: the raw SDK, the model with
	 * {@code ObservationRegistry.NOOP}, with an observation whose only handler does
	 * nothing (the reply is then aggregated for the context), and the starter's model as
	 * users run it.
	 * @param defaults the model's default options
	 * @param syncClient the sync client (unused by streams)
	 */
	private static void streams(BedrockConverseChatOptions defaults, BedrockRuntimeClient syncClient) {
		String text = Clients.promptOfWords(AsUsersRunItBenchmark.DELTAS - 1);
		SdkAsyncHttpClient http = InMemoryHttp.async(InMemoryHttp.streamEvents(AsUsersRunItBenchmark.DELTAS));
		BedrockRuntimeAsyncClient client = AsUsersRunItBenchmark.sdk(BedrockRuntimeAsyncClient.builder(), null)
			.httpClient(http)
			.build();
		Clients raw = new Clients(syncClient, client);
		Workload.Counter sink = new Workload.Counter();
		printPerDelta("raw SDK stream, per delta", () -> Workload.RAW_STREAM.run(raw, text, sink));
		ChatBedrockConverse noop = ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(client)
			.defaultOptions(defaults)
			.build();
		printPerDelta("ChatBedrockConverse.stream, ObservationRegistry.NOOP, per delta",
				() -> noop.stream(new Prompt(text)).blockLast());
		ChatBedrockConverse observed = ChatBedrockConverse.builder()
			.bedrockRuntimeAsyncClient(client)
			.defaultOptions(defaults)
			.observationRegistry(observed())
			.build();
		printPerDelta("ChatBedrockConverse.stream, observation, no handler, per delta",
				() -> observed.stream(new Prompt(text)).blockLast());
		try (ConfigurableApplicationContext starter = StarterApp
			.startInMemory(InMemoryHttp.sync(InMemoryHttp.converseJson("unused")), http)) {
			ChatBedrockConverse model = StarterApp.model(starter);
			printPerDelta("the starter's ChatBedrockConverse.stream, per delta",
					() -> model.stream(new Prompt(text)).blockLast());
		}
	}

	/**
	 * A registry with a handler that takes every observation and does nothing, then the
	 * given handlers.
	 * @param handlers the handlers
	 * @return the registry
	 */
	private static ObservationRegistry observed(ObservationHandler<?>... handlers) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		for (ObservationHandler<?> handler : handlers) {
			registry.observationConfig().observationHandler(handler);
		}
		return registry;
	}

	private static void printPerDelta(String name, Supplier<Object> stream) {
		int streams = MEASURED / 10;
		for (int i = 0; i < WARMUP / 20; i++) {
			sink = stream.get();
		}
		long before = allThreads();
		for (int i = 0; i < streams; i++) {
			sink = stream.get();
		}
		long after = allThreads();
		System.out.printf(Locale.ROOT, "%8.0f B  %s%n",
				(after - before) / (double) streams / AsUsersRunItBenchmark.DELTAS, name);
	}

	private static long allThreads() {
		long sum = 0;
		for (long id : THREADS.getAllThreadIds()) {
			sum += Math.max(0, THREADS.getThreadAllocatedBytes(id));
		}
		return sum;
	}

	private static void print(String name, Supplier<Object> operation) {
		for (int i = 0; i < WARMUP; i++) {
			sink = operation.get();
		}
		long thread = Thread.currentThread().getId();
		long before = THREADS.getThreadAllocatedBytes(thread);
		for (int i = 0; i < MEASURED; i++) {
			sink = operation.get();
		}
		long after = THREADS.getThreadAllocatedBytes(thread);
		System.out.printf(Locale.ROOT, "%8.0f B  %s%n", (after - before) / (double) MEASURED, name);
	}

}
