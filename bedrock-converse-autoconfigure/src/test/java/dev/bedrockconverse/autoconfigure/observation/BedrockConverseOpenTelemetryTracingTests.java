package dev.bedrockconverse.autoconfigure.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.chat.BedrockConverseNonTransientException;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The spans of {@code ChatBedrockConverse} as an application that traces with
 * OpenTelemetry gets them: Spring Boot's tracing auto-configuration with Micrometer
 * Tracing's OpenTelemetry bridge, exported by the OpenTelemetry SDK's in-memory exporter
 * (no collector), against the Bedrock stub.
 */
class BedrockConverseOpenTelemetryTracingTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private static final String MODEL = BedrockConverseContextRunners.MODEL;

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, BedrockConverseObservationAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0")
		.withBean(InMemorySpanExporter.class, () -> this.exporter);

	@Test
	void aCallIsOneClientSpanWithTheGenAiAttributes() {
		this.contextRunner.run((context) -> {
			context.getBean(ChatModel.class).call(new Prompt("[scenario:cache read=5 write=7] I love programming."));
			Attributes attributes = assertSucceededClientSpan(onlySpan(context), "5", "7");
			assertThat(attributes.asMap().keySet()).extracting(AttributeKey::getKey)
				.doesNotContain("error.type", "gen_ai.conversation.id", "gen_ai.request.stream");
		});
	}

	@Test
	void theUsageOnTheSpanIsWhatBedrockReported() {
		this.contextRunner.run((context) -> {
			stub.get().enqueue(StubAnswer.text("Four words in reply.").withUsage(11, 4));
			context.getBean(ChatModel.class).call(new Prompt("Hello"));
			Attributes attributes = onlySpan(context).getAttributes();
			assertThat(attribute(attributes, "gen_ai.usage.input_tokens")).isEqualTo("11");
			assertThat(attribute(attributes, "gen_ai.usage.output_tokens")).isEqualTo("4");
		});
	}

	@Test
	void aStreamIsOneClientSpanWithTheGenAiAttributes() {
		this.contextRunner.run((context) -> {
			context.getBean(ChatModel.class)
				.stream(new Prompt("[scenario:cache read=2 write=3] I love programming."))
				.blockLast(Duration.ofSeconds(30));
			Attributes attributes = assertSucceededClientSpan(onlySpan(context), "2", "3");
			assertThat(attribute(attributes, "gen_ai.request.stream")).isEqualTo("true");
		});
	}

	@Test
	void aFailedCallIsOneClientSpanWithTheErrorType() {
		this.contextRunner.run((context) -> {
			stub.get().enqueue(StubAnswer.error(400, "ValidationException", "bad request"));
			assertThatExceptionOfType(BedrockConverseNonTransientException.class)
				.isThrownBy(() -> context.getBean(ChatModel.class).call(new Prompt("Hello")));
			SpanData span = onlySpan(context);
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(attribute(span.getAttributes(), "error.type")).isEqualTo("ValidationException");
			assertThat(attribute(span.getAttributes(), "gen_ai.response.model")).isEqualTo(MODEL);
		});
	}

	@Test
	void aFailedStreamIsOneClientSpanWithTheErrorType() {
		this.contextRunner.run((context) -> {
			// Not retried by the SDK, so the stream fails.
			stub.get().enqueue(StubAnswer.error(403, "AccessDeniedException", "no access to the model"));
			assertThatExceptionOfType(BedrockConverseNonTransientException.class)
				.isThrownBy(() -> context.getBean(ChatModel.class)
					.stream(new Prompt("Hello"))
					.blockLast(Duration.ofSeconds(60)));
			SpanData span = onlySpan(context);
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(attribute(span.getAttributes(), "error.type")).isEqualTo("AccessDeniedException");
		});
	}

	@Test
	void aCancelledStreamEndsItsSpanOnce() {
		this.contextRunner.run((context) -> {
			List<?> first = context.getBean(ChatModel.class)
				.stream(new Prompt("I love programming, and this reply comes in several chunks."))
				.take(1)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(first).hasSize(1);
			SpanData span = onlySpan(context);
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(span.hasEnded()).isTrue();
			// Nothing more is exported later, when the cancelled request winds down.
			Thread.sleep(500);
			assertThat(finishedSpans(context)).hasSize(1);
		});
	}

	@Test
	void theConversationIdOfChatMemoryIsOnTheModelSpan() {
		this.contextRunner.run((context) -> {
			ChatClient chatClient = ChatClient
				.builder(context.getBean(ChatModel.class), context.getBean(ObservationRegistry.class), null, null)
				.defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
				.build();
			chatClient.prompt()
				.user("I love programming.")
				.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, "conversation-42"))
				.call()
				.content();
			chatClient.prompt()
				.user("Tell me more.")
				.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, "conversation-43"))
				.stream()
				.content()
				.blockLast(Duration.ofSeconds(30));
			List<SpanData> modelSpans = finishedSpans(context).stream()
				.filter((span) -> span.getName().equals("chat " + MODEL))
				.toList();
			assertThat(modelSpans).hasSize(2)
				.allSatisfy((span) -> assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT));
			assertThat(modelSpans).extracting((span) -> attribute(span.getAttributes(), "gen_ai.conversation.id"))
				.containsExactlyInAnyOrder("conversation-42", "conversation-43");
		});
	}

	private static Attributes assertSucceededClientSpan(SpanData span, String cacheRead, String cacheWrite) {
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getName()).isEqualTo("chat " + MODEL);
		assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		Attributes attributes = span.getAttributes();
		assertThat(attribute(attributes, "gen_ai.operation.name")).isEqualTo("chat");
		assertThat(attribute(attributes, "gen_ai.provider.name")).isEqualTo("aws.bedrock");
		assertThat(attribute(attributes, "gen_ai.request.model")).isEqualTo(MODEL);
		assertThat(attribute(attributes, "gen_ai.response.model")).isEqualTo(MODEL);
		assertThat(attribute(attributes, "gen_ai.response.id")).isNotBlank();
		assertThat(attribute(attributes, "gen_ai.response.finish_reasons")).isEqualTo("[\"END_TURN\"]");
		assertThat(attribute(attributes, "gen_ai.usage.input_tokens")).isNotBlank();
		assertThat(attribute(attributes, "gen_ai.usage.output_tokens")).isNotBlank();
		assertThat(attribute(attributes, "gen_ai.usage.cache_read.input_tokens")).isEqualTo(cacheRead);
		assertThat(attribute(attributes, "gen_ai.usage.cache_creation.input_tokens")).isEqualTo(cacheWrite);
		assertThat(attribute(attributes, "server.address")).isEqualTo("127.0.0.1");
		assertThat(attribute(attributes, "server.port")).isEqualTo(String.valueOf(stub.get().port()));
		return attributes;
	}

	private SpanData onlySpan(AssertableApplicationContext context) {
		List<SpanData> spans = finishedSpans(context);
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private List<SpanData> finishedSpans(AssertableApplicationContext context) {
		assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
		return this.exporter.getFinishedSpanItems();
	}

	private static String attribute(Attributes attributes, String key) {
		return attributes.get(AttributeKey.stringKey(key));
	}

}
