package dev.bedrockconverse.autoconfigure.observation;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeAsyncClientBuilderCustomizer;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeClientBuilderCustomizer;
import dev.bedrockconverse.chat.observation.BedrockConverseContentObservationFilter;
import dev.bedrockconverse.chat.observation.BedrockConverseMeterObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockConverseTokenUsageObservationHandler;
import dev.bedrockconverse.chat.observation.BedrockSdkMetricPublisher;
import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link BedrockConverseObservationAutoConfiguration} in an application context with
 * Spring Boot's metrics and observation auto-configurations, against the Bedrock stub.
 */
class BedrockConverseObservationAutoConfigurationTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private static final String MODEL = BedrockConverseContextRunners.MODEL;

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				BedrockConverseObservationAutoConfiguration.class));

	@Test
	void registersTheMeterHandlersButNoSdkCustomizersByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ChatModelMeterObservationHandler.class)
				.hasSingleBean(BedrockConverseMeterObservationHandler.class)
				.doesNotHaveBean("bedrockConverseSdkMetricsClientCustomizer")
				.doesNotHaveBean("bedrockConverseSdkMetricsAsyncClientCustomizer")
				.doesNotHaveBean(BedrockConverseContentObservationFilter.class);
			// Spring AI's handler, with its counters registered once per tag set.
			assertThat(context.getBean(ChatModelMeterObservationHandler.class))
				.isInstanceOf(BedrockConverseTokenUsageObservationHandler.class);
		});
	}

	@Test
	void anApplicationsTokenUsageHandlerIsKept() {
		this.contextRunner
			.withBean("applicationHandler", ChatModelMeterObservationHandler.class,
					() -> new ChatModelMeterObservationHandler(new SimpleMeterRegistry()))
			.run((context) -> assertThat(context.getBean(ChatModelMeterObservationHandler.class))
				.isExactlyInstanceOf(ChatModelMeterObservationHandler.class));
	}

	@Test
	void registersTheSdkCustomizersWhenSdkMetersAreOn() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.sdk-meters=true")
			.run((context) -> assertThat(context).hasBean("bedrockConverseSdkMetricsClientCustomizer")
				.hasBean("bedrockConverseSdkMetricsAsyncClientCustomizer"));
	}

	@Test
	void registersNoMeterBeansWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BedrockConverseObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModelMeterObservationHandler.class)
				.doesNotHaveBean(BedrockConverseMeterObservationHandler.class)
				.doesNotHaveBean(BedrockRuntimeClientBuilderCustomizer.class)
				.doesNotHaveBean(BedrockRuntimeAsyncClientBuilderCustomizer.class));
	}

	@Test
	void tokenUsageCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.token-usage=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatModelMeterObservationHandler.class)
				.hasSingleBean(BedrockConverseMeterObservationHandler.class));
	}

	@Test
	void bedrockMetersCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.bedrock-meters=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BedrockConverseMeterObservationHandler.class)
				.hasSingleBean(ChatModelMeterObservationHandler.class));
	}

	@Test
	void sdkMetersAreOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean("bedrockConverseSdkMetricsClientCustomizer")
				.doesNotHaveBean("bedrockConverseSdkMetricsAsyncClientCustomizer");
			context.getBean(ChatModel.class).call(new Prompt("Hello"));
			assertThat(context.getBean(MeterRegistry.class).find(BedrockSdkMetricPublisher.API_CALLS).meters())
				.isEmpty();
		});
	}

	@Test
	void theApplicationsTokenUsageHandlerIsKept() {
		ChatModelMeterObservationHandler own = new ChatModelMeterObservationHandler(new SimpleMeterRegistry());
		this.contextRunner.withBean("ownHandler", ChatModelMeterObservationHandler.class, () -> own)
			.run((context) -> assertThat(context).getBean(ChatModelMeterObservationHandler.class).isSameAs(own));
	}

	@Test
	void springAisOwnChatObservationAutoConfigurationAndOursRegisterOneTokenUsageHandler() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ChatObservationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatModelMeterObservationHandler.class)
					.hasBean("chatModelMeterObservationHandler");
				context.getBean(ChatModel.class).call(new Prompt("I love programming."));
				// Counted once: 3 words, not 6.
				assertThat(context.getBean(MeterRegistry.class)
					.get("gen_ai.client.token.usage")
					.tag("gen_ai.token.type", "input")
					.counter()
					.count()).isEqualTo(3);
			});
	}

	@Test
	void aCallThroughTheContextRecordsTokensOperationBedrockAndSdkMeters() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.sdk-meters=true").run((context) -> {
			context.getBean(ChatModel.class).call(new Prompt("I love programming."));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("gen_ai.client.token.usage")
				.tag("gen_ai.token.type", "total")
				.tag("gen_ai.provider.name", "aws.bedrock")
				.tag("gen_ai.response.model", MODEL)
				.counter()
				.count()).isEqualTo(7);
			assertThat(registry.get("gen_ai.client.operation").tag("error", "none").timer().count()).isEqualTo(1);
			assertThat(registry.get(BedrockConverseMeterObservationHandler.SERVER_LATENCY)
				.tag(BedrockConverseMeterObservationHandler.REGION_TAG, "us-east-1")
				.timer()
				.count()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.get(BedrockSdkMetricPublisher.API_CALLS)
					.tag(BedrockSdkMetricPublisher.REGION_TAG, "us-east-1")
					.tag(BedrockSdkMetricPublisher.OPERATION_TAG, "Converse")
					.timer()
					.count()).isEqualTo(1));
		});
	}

	@Test
	void aCallIsTracedAsOneSpanWithTheGenAiAttributesAndNoContent() {
		SimpleTracer tracer = new SimpleTracer();
		this.contextRunner
			.withBean(DefaultTracingObservationHandler.class, () -> new DefaultTracingObservationHandler(tracer))
			.run((context) -> {
				context.getBean(ChatModel.class).call(new Prompt("I love programming."));
				SimpleSpan span = tracer.onlySpan();
				assertThat(span.getName()).isEqualTo("chat " + MODEL);
				assertThat(span.getTags()).containsEntry("gen_ai.operation.name", "chat")
					.containsEntry("gen_ai.provider.name", "aws.bedrock")
					.containsEntry("gen_ai.request.model", MODEL)
					.containsEntry("gen_ai.response.model", MODEL)
					.containsEntry("gen_ai.usage.input_tokens", "3")
					.containsEntry("gen_ai.usage.output_tokens", "4")
					.doesNotContainKeys(BedrockConverseContentObservationFilter.PROMPT,
							BedrockConverseContentObservationFilter.COMPLETION);
			});
	}

	@Test
	void aStreamIsTracedAsOneSpan() {
		SimpleTracer tracer = new SimpleTracer();
		this.contextRunner
			.withBean(DefaultTracingObservationHandler.class, () -> new DefaultTracingObservationHandler(tracer))
			.run((context) -> {
				context.getBean(ChatModel.class).stream(new Prompt("I love programming.")).blockLast();
				SimpleSpan span = tracer.onlySpan();
				assertThat(span.getTags()).containsEntry("gen_ai.request.stream", "true")
					.containsEntry("gen_ai.usage.total_tokens", "7");
			});
	}

	@Test
	void promptAndCompletionAreRecordedWhenTurnedOnAndSecretsNever() {
		SimpleTracer tracer = new SimpleTracer();
		this.contextRunner
			.withBean(DefaultTracingObservationHandler.class, () -> new DefaultTracingObservationHandler(tracer))
			.withPropertyValues("bedrock.converse.observations.include-prompt=true",
					"bedrock.converse.observations.include-completion=true")
			.run((context) -> {
				context.getBean(ChatModel.class).call(new Prompt("I love programming."));
				SimpleSpan span = tracer.onlySpan();
				assertThat(span.getTags())
					.containsEntry(BedrockConverseContentObservationFilter.PROMPT, "[\"I love programming.\"]")
					.containsEntry(BedrockConverseContentObservationFilter.COMPLETION,
							"[\"Echo: I love programming.\"]");
				assertThat(span.getTags().values())
					.noneMatch((value) -> value.contains(BedrockStub.TEST_SECRET_ACCESS_KEY)
							|| value.contains(BedrockStub.TEST_ACCESS_KEY_ID));
			});
	}

	@Test
	void onlyThePromptIsRecordedWhenOnlyItIsTurnedOn() {
		SimpleTracer tracer = new SimpleTracer();
		this.contextRunner
			.withBean(DefaultTracingObservationHandler.class, () -> new DefaultTracingObservationHandler(tracer))
			.withPropertyValues("bedrock.converse.observations.include-prompt=true")
			.run((context) -> {
				context.getBean(ChatModel.class).call(new Prompt("I love programming."));
				assertThat(tracer.onlySpan().getTags()).containsKey(BedrockConverseContentObservationFilter.PROMPT)
					.doesNotContainKey(BedrockConverseContentObservationFilter.COMPLETION);
			});
	}

}
