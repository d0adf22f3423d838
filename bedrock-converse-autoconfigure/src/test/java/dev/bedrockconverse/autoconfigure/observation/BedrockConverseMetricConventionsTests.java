package dev.bedrockconverse.autoconfigure.observation;

import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.chat.BedrockConverseNonTransientException;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code bedrock.converse.observations.conventions}, read from the Prometheus scrape of
 * an application with Spring Boot's metrics and Prometheus export auto-configurations
 * (and Spring AI's own chat-observation auto-configuration, as an application using
 * Spring AI's starters has it), against the Bedrock stub.
 */
class BedrockConverseMetricConventionsTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private static final String MODEL = BedrockConverseContextRunners.MODEL;

	private static final String OTEL_DURATION = "gen_ai_client_operation_duration_seconds_bucket{";

	private static final String OTEL_TOKENS = "gen_ai_client_token_usage_bucket{";

	private static final String OTEL_FIRST_CHUNK = "gen_ai_client_operation_time_to_first_chunk_seconds_bucket{";

	private static final String SPRING_AI_TIMER = "gen_ai_client_operation_seconds_count{";

	private static final String SPRING_AI_TOKENS = "gen_ai_client_token_usage_total{";

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				PrometheusMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				ChatObservationAutoConfiguration.class, BedrockConverseObservationAutoConfiguration.class));

	@Test
	void springAiIsTheDefaultAndKeepsTodaysMeters() {
		this.contextRunner.run((context) -> {
			String scrape = callAndStreamThenScrape(context);
			assertThat(scrape)
				.contains(SPRING_AI_TIMER, SPRING_AI_TOKENS, "gen_ai_token_type=\"total\"",
						"gen_ai_client_operation_time_to_first_chunk_seconds_count{")
				.doesNotContain(OTEL_DURATION, OTEL_TOKENS, OTEL_FIRST_CHUNK);
		});
	}

	@Test
	void otelEmitsTheOpenTelemetryHistogramsInsteadOfSpringAisMeters() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.conventions=otel").run((context) -> {
			String scrape = callAndStreamThenScrape(context);
			assertOtelHistograms(scrape);
			assertThat(scrape).doesNotContain(SPRING_AI_TIMER, SPRING_AI_TOKENS, "gen_ai_token_type=\"total\"",
					"gen_ai_client_operation_active");
			// Bedrock's own meters stay.
			assertThat(scrape).contains("bedrock_converse_server_latency_seconds_count{");
		});
	}

	@Test
	void bothEmitsSpringAisTimerAndTheOpenTelemetryHistograms() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.conventions=both").run((context) -> {
			String scrape = callAndStreamThenScrape(context);
			assertOtelHistograms(scrape);
			assertThat(scrape).contains(SPRING_AI_TIMER
					+ "bedrock_converse_model_name=\"default\",error=\"none\",gen_ai_operation_name=\"chat\"");
			// The token histogram takes the name of Spring AI's token counter, every
			// time.
			assertThat(scrape).doesNotContain(SPRING_AI_TOKENS, "gen_ai_token_type=\"total\"");
		});
	}

	@Test
	void aFailureIsRecordedWithItsErrorType() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.conventions=otel").run((context) -> {
			ChatModel chatModel = context.getBean(ChatModel.class);
			chatModel.call(new Prompt("Hello"));
			stub.get().enqueue(StubAnswer.error(400, "ValidationException", "bad request"));
			assertThatExceptionOfType(BedrockConverseNonTransientException.class)
				.isThrownBy(() -> chatModel.call(new Prompt("Hello")));
			String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
			assertThat(scrape).containsPattern(
					"gen_ai_client_operation_duration_seconds_count\\{[^}]*error_type=\"ValidationException\"[^}]*\\} 1");
			assertThat(scrape)
				.containsPattern("gen_ai_client_operation_duration_seconds_count\\{(?![^}]*error_type)[^}]*\\} 1");
		});
	}

	@Test
	void aBadValueFailsTheStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("bedrock.converse.observations.conventions=opentelemetry")
			.run((context) -> {
				assertThat(context).hasFailed();
				BindException failure = BedrockConverseContextRunners.findCause(context.getStartupFailure(),
						BindException.class);
				assertThat(failure.getProperty().getName().toString())
					.isEqualTo("bedrock.converse.observations.conventions");
				assertThat(failure.getMessage()).contains("bedrock.converse.observations.conventions");
			});
	}

	private static void assertOtelHistograms(String scrape) {
		String tags = "bedrock_converse_model_name=\"default\",gen_ai_operation_name=\"chat\","
				+ "gen_ai_provider_name=\"aws.bedrock\",gen_ai_request_model=\"" + MODEL + "\",gen_ai_response_model=\""
				+ MODEL + "\"";
		String server = "server_address=\"127.0.0.1\",server_port=\"" + stub.get().port() + "\"";
		// The call and the stream, each in the advised buckets.
		assertThat(scrape).contains(OTEL_DURATION + tags + "," + server + ",le=\"0.01\"}",
				OTEL_DURATION + tags + "," + server + ",le=\"81.92\"} 2",
				"gen_ai_client_operation_duration_seconds_count{" + tags + "," + server + "} 2");
		// Input and output tokens of both: 3 and 4 tokens fall into the bucket of 4.
		assertThat(scrape).contains(OTEL_TOKENS + tags + ",gen_ai_token_type=\"input\"," + server + ",le=\"1.0\"} 0",
				OTEL_TOKENS + tags + ",gen_ai_token_type=\"input\"," + server + ",le=\"4.0\"} 2",
				OTEL_TOKENS + tags + ",gen_ai_token_type=\"output\"," + server + ",le=\"6.7108864E7\"} 2",
				"gen_ai_client_token_usage_count{" + tags + ",gen_ai_token_type=\"input\"," + server + "} 2",
				"gen_ai_client_token_usage_sum{" + tags + ",gen_ai_token_type=\"output\"," + server + "} 8");
		// Only the stream has a first chunk.
		assertThat(scrape).contains(OTEL_FIRST_CHUNK + tags + "," + server + ",le=\"40.96\"} 1",
				"gen_ai_client_operation_time_to_first_chunk_seconds_count{" + tags + "," + server + "} 1");
	}

	private static String callAndStreamThenScrape(AssertableApplicationContext context) {
		ChatModel chatModel = context.getBean(ChatModel.class);
		chatModel.call(new Prompt("I love programming."));
		chatModel.stream(new Prompt("I love programming.")).blockLast(Duration.ofSeconds(30));
		return context.getBean(PrometheusMeterRegistry.class).scrape();
	}

}
