package dev.bedrockconverse.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Bedrock Converse observations and meters, under
 * {@code bedrock.converse.observations}. Each group of meters can be turned off on its
 * own; the {@code gen_ai.client.operation} observation itself (its timer and span) is
 * governed by Spring Boot's
 * {@code management.observations.enable.gen_ai.client.operation}.
 */
@ConfigurationProperties("bedrock.converse.observations")
public class BedrockConverseObservationProperties {

	/**
	 * Which conventions the meters of the chat observations follow: 'spring-ai' (Spring
	 * AI's 'gen_ai.client.operation' timer and 'gen_ai.client.token.usage' counter, and
	 * Bedrock's own meters), 'otel' (instead, the histograms of the OpenTelemetry GenAI
	 * semantic conventions: 'gen_ai.client.operation.duration',
	 * 'gen_ai.client.token.usage' and 'gen_ai.client.operation.time_to_first_chunk', with
	 * Bedrock's other meters), or 'both' (the OpenTelemetry histograms and Spring AI's
	 * timer; the token histogram replaces Spring AI's token counter of the same name).
	 */
	private MetricConventions conventions = MetricConventions.SPRING_AI;

	/**
	 * Whether to count tokens in the 'gen_ai.client.token.usage' meter by registering
	 * Spring AI's ChatModelMeterObservationHandler, unless the application (or Spring
	 * AI's own chat-observation auto-configuration) already has one.
	 */
	private boolean tokenUsage = true;

	/**
	 * Whether to record Bedrock's own meters: time to first chunk of a stream, Bedrock's
	 * server latency, cache read and write tokens, stop reasons and errors by Bedrock
	 * error type.
	 */
	private boolean bedrockMeters = true;

	/**
	 * Whether to bridge the AWS SDK's per-call and per-attempt metrics (API call
	 * duration, attempts, retries, throttles, service call duration) into Micrometer,
	 * through a MetricPublisher added to the auto-configured Bedrock Runtime clients. Off
	 * by default: any MetricPublisher makes the SDK collect its metrics on every call,
	 * which with the bridge costs more than 3 us of CPU and about 8 KB per call (see
	 * BENCHMARKS.md).
	 */
	private boolean sdkMeters;

	/**
	 * Whether to add the prompt text to the observation as the 'gen_ai.prompt'
	 * high-cardinality key value, which tracing exports as a span attribute. Prompts may
	 * hold personal or confidential data.
	 */
	private boolean includePrompt;

	/**
	 * Whether to add the completion text to the observation as the 'gen_ai.completion'
	 * high-cardinality key value, which tracing exports as a span attribute. Completions
	 * may hold personal or confidential data.
	 */
	private boolean includeCompletion;

	public MetricConventions getConventions() {
		return this.conventions;
	}

	public void setConventions(MetricConventions conventions) {
		this.conventions = conventions;
	}

	public boolean isTokenUsage() {
		return this.tokenUsage;
	}

	public void setTokenUsage(boolean tokenUsage) {
		this.tokenUsage = tokenUsage;
	}

	public boolean isBedrockMeters() {
		return this.bedrockMeters;
	}

	public void setBedrockMeters(boolean bedrockMeters) {
		this.bedrockMeters = bedrockMeters;
	}

	public boolean isSdkMeters() {
		return this.sdkMeters;
	}

	public void setSdkMeters(boolean sdkMeters) {
		this.sdkMeters = sdkMeters;
	}

	public boolean isIncludePrompt() {
		return this.includePrompt;
	}

	public void setIncludePrompt(boolean includePrompt) {
		this.includePrompt = includePrompt;
	}

	public boolean isIncludeCompletion() {
		return this.includeCompletion;
	}

	public void setIncludeCompletion(boolean includeCompletion) {
		this.includeCompletion = includeCompletion;
	}

	/**
	 * The conventions the meters of the chat observations follow.
	 */
	public enum MetricConventions {

		/**
		 * Spring AI's: the 'gen_ai.client.operation' timer and the
		 * 'gen_ai.client.token.usage' counter (with a 'total' token type).
		 */
		SPRING_AI,

		/**
		 * The OpenTelemetry GenAI semantic conventions' histograms, instead of Spring
		 * AI's meters.
		 */
		OTEL,

		/**
		 * The OpenTelemetry GenAI histograms and Spring AI's timer (the token histogram
		 * replaces Spring AI's token counter, which has the same name).
		 */
		BOTH;

		boolean springAi() {
			return this != OTEL;
		}

		boolean otel() {
			return this != SPRING_AI;
		}

	}

}
