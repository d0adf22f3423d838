package dev.bedrockconverse.autoconfigure.observation;

import java.util.function.Predicate;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.bedrockconverse.autoconfigure.observation.BedrockConverseObservationProperties.MetricConventions;

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

	/** Only Spring AI's meters are on ({@code spring-ai}). */
	static final class SpringAiOnly extends MetricConventionsCondition {

		SpringAiOnly() {
			super("excludes the OpenTelemetry GenAI meters", (conventions) -> !conventions.otel());
		}

	}

	/** The OpenTelemetry GenAI meters are on ({@code otel} or {@code both}). */
	static final class Otel extends MetricConventionsCondition {

		Otel() {
			super("includes the OpenTelemetry GenAI meters", MetricConventions::otel);
		}

	}

}
