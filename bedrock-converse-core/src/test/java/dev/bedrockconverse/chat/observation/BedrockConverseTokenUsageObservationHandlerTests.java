package dev.bedrockconverse.chat.observation;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BedrockConverseTokenUsageObservationHandler} records exactly the meters of
 * Spring AI's {@link ChatModelMeterObservationHandler}, registering each once.
 */
class BedrockConverseTokenUsageObservationHandlerTests {

	@Test
	void sameMetersAsSpringAisHandler() {
		MeterRegistry springAis = new SimpleMeterRegistry();
		MeterRegistry ours = new SimpleMeterRegistry();
		observeAll(new ChatModelMeterObservationHandler(springAis));
		observeAll(new BedrockConverseTokenUsageObservationHandler(ours));
		assertThat(describe(ours)).isEqualTo(describe(springAis)).isNotEmpty();
		assertThat(ours.get("gen_ai.client.token.usage")
			.tag("gen_ai.token.type", "input")
			.tag("gen_ai.request.model", "model-a")
			.counter()
			.count()).isEqualTo(2 * 10);
	}

	@Test
	void registersEachCounterOnce() {
		MeterRegistry registry = new SimpleMeterRegistry();
		AtomicInteger registrations = new AtomicInteger();
		registry.config().meterFilter(new MeterFilter() {
			@Override
			public MeterFilterReply accept(Meter.Id id) {
				registrations.incrementAndGet();
				return MeterFilterReply.NEUTRAL;
			}
		});
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new BedrockConverseTokenUsageObservationHandler(registry));
		for (int i = 0; i < 5; i++) {
			observe(observations, "model-a", new DefaultUsage(10, 20));
		}
		// Three counters (input, output, total), each through the filters once.
		assertThat(registrations).hasValue(3);
		assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "total").counter().count())
			.isEqualTo(5 * 30);
	}

	@Test
	void deniedCountersStayDenied() {
		MeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(MeterFilter.denyNameStartsWith("gen_ai.client.token"));
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new BedrockConverseTokenUsageObservationHandler(registry));
		observe(observations, "model-a", new DefaultUsage(10, 20));
		observe(observations, "model-a", new DefaultUsage(10, 20));
		assertThat(registry.getMeters()).isEmpty();
	}

	private static void observeAll(ObservationHandler<ChatModelObservationContext> handler) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(handler);
		observe(observations, "model-a", new DefaultUsage(10, 20));
		observe(observations, "model-a", new DefaultUsage(10, 20, 35));
		observe(observations, "model-b", new DefaultUsage(1, null));
		observe(observations, "model-b", null);
	}

	private static void observe(ObservationRegistry observations, String model,
			@org.jspecify.annotations.Nullable Usage usage) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt("hi", ChatOptions.builder().model(model).build()))
			.provider("bedrock_converse")
			.build();
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(null,
				new BedrockConverseObservationConvention(), () -> context, observations);
		observation.observe(() -> {
			ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().model(model);
			if (usage != null) {
				metadata.usage(usage);
			}
			context.setResponse(new ChatResponse(List.of(new Generation(new AssistantMessage("a"))), metadata.build()));
		});
	}

	private static List<String> describe(MeterRegistry registry) {
		return registry.getMeters()
			.stream()
			.sorted(Comparator.comparing((Meter meter) -> meter.getId().toString()))
			.map((meter) -> meter.getId() + " " + meter.getId().getDescription() + " "
					+ ((meter instanceof Counter counter) ? counter.count() : "?"))
			.toList();
	}

}
