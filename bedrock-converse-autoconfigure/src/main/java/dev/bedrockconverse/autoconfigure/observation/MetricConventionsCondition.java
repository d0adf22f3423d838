package dev.bedrockconverse.autoconfigure.observation;

import java.util.function.Predicate;

import dev.bedrockconverse.autoconfigure.observation.BedrockConverseObservationProperties.MetricConventions;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@value #PROPERTY} (default {@code spring-ai}) selects a set of meters. A
 * value that does not bind does not match here; binding
 * {@link BedrockConverseObservationProperties} then fails the start-up, naming the
 * property and its valid values.
 */
abstract class MetricConventionsCondition extends SpringBootCondition {

	static final String PROPERTY = "bedrock.converse.observations.conventions";

	private final String description;

	private final Predicate<MetricConventions> predicate;

	MetricConventionsCondition(String description, Predicate<MetricConventions> predicate) {
		this.description = description;
		this.predicate = predicate;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		MetricConventions conventions;
		try {
			conventions = Binder.get(context.getEnvironment())
				.bind(PROPERTY, MetricConventions.class)
				.orElse(MetricConventions.SPRING_AI);
		}
		catch (BindException ex) {
			return ConditionOutcome.noMatch(PROPERTY + " does not bind");
		}
		String message = PROPERTY + "=" + conventions + " " + this.description;
		return this.predicate.test(conventions) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

	/** Spring AI's meters are on ({@code spring-ai} or {@code both}). */
	static final class SpringAi extends MetricConventionsCondition {

		SpringAi() {
			super("includes Spring AI's meters", MetricConventions::springAi);
		}

	}

	/** The OpenTelemetry GenAI meters are on ({@code otel} or {@code both}). */
	static final class Otel extends MetricConventionsCondition {

		Otel() {
			super("includes the OpenTelemetry GenAI meters", MetricConventions::otel);
		}

	}

	/** Only the OpenTelemetry GenAI meters are on ({@code otel}). */
	static final class OtelOnly extends MetricConventionsCondition {

		OtelOnly() {
			super("excludes Spring AI's meters", (conventions) -> !conventions.springAi());
		}

	}

}
