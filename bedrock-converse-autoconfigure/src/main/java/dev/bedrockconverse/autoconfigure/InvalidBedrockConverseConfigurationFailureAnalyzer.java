package dev.bedrockconverse.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A {@code FailureAnalyzer} for bad {@code bedrock.converse.*} configuration: the
 * {@link BindValidationException} of {@link BedrockConverseProperties} (checked when they
 * are bound) and {@link InvalidBedrockConverseConfigurationException} (a failure found
 * while the beans are built, such as no region anywhere). For each problem its
 * description names the property, where it was set (from Spring Boot's origin tracking),
 * the offending value unless it is a secret, and the reason; its action says how to fix
 * it. It runs before Spring Boot's own bind-validation analyzer, which would print every
 * value.
 */
class InvalidBedrockConverseConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("bedrock.converse");

	/**
	 * Properties whose values are never printed, even if an error carried one.
	 */
	private static final Set<String> SECRETS = Set.of("bedrock.converse.credentials.access-key-id",
			"bedrock.converse.credentials.secret-access-key", "bedrock.converse.credentials.session-token",
			"bedrock.converse.api-key");

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		BindValidationException bindValidation = findCause(failure, BindValidationException.class);
		if (bindValidation != null && PREFIX.equals(bindValidation.getValidationErrors().getName())) {
			return analyze(bindValidation.getValidationErrors(), failure);
		}
		InvalidBedrockConverseConfigurationException invalid = findCause(failure,
				InvalidBedrockConverseConfigurationException.class);
		if (invalid != null) {
			return analysis(List.of(new Problem(invalid.getProperty(), invalid.getValue(), null, invalid.getReason(),
					invalid.getAction())), invalid);
		}
		return null;
	}

	private FailureAnalysis analyze(ValidationErrors errors, Throwable failure) {
		List<Problem> problems = new ArrayList<>();
		for (ObjectError error : errors) {
			Object[] arguments = error.getArguments();
			String action = (arguments != null && arguments.length > 0) ? String.valueOf(arguments[0])
					: "Correct the property.";
			if (error instanceof FieldError fieldError) {
				String property = PREFIX + "." + fieldError.getField();
				Object value = fieldError.getRejectedValue();
				problems.add(new Problem(property, (value != null) ? value.toString() : null,
						origin(fieldError, property, errors), String.valueOf(error.getDefaultMessage()), action));
			}
			else {
				problems
					.add(new Problem(PREFIX.toString(), null, null, String.valueOf(error.getDefaultMessage()), action));
			}
		}
		return analysis(problems, failure);
	}

	/**
	 * Where the property was set: the error's own origin, else that of the first bound
	 * property at or under the property's name (a map or list property is bound entry by
	 * entry).
	 * @param error the error
	 * @param property the property
	 * @param errors the errors
	 * @return where the property was set
	 */
	private static @Nullable Origin origin(FieldError error, String property, ValidationErrors errors) {
		Origin origin = Origin.from(error);
		if (origin != null) {
			return origin;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			if (name.equals(bound.getName()) || name.isAncestorOf(bound.getName())) {
				return bound.getOrigin();
			}
		}
		return null;
	}

	private static FailureAnalysis analysis(List<Problem> problems, Throwable cause) {
		StringBuilder description = new StringBuilder("Invalid Bedrock Converse configuration.\n");
		StringBuilder action = new StringBuilder();
		for (Problem problem : problems) {
			description.append("\n    Property: ").append(problem.property()).append('\n');
			if (problem.value() != null && !SECRETS.contains(problem.property())) {
				description.append("    Value: '").append(problem.value()).append("'\n");
			}
			if (problem.origin() != null) {
				description.append("    Origin: ").append(problem.origin()).append('\n');
			}
			description.append("    Reason: ").append(problem.reason()).append('\n');
			if (!action.isEmpty()) {
				action.append('\n');
			}
			action.append(problem.action());
		}
		return new FailureAnalysis(description.toString().stripTrailing(), action.toString(), cause);
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable failure, Class<T> type) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			candidate = candidate.getCause();
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private record Problem(String property, @Nullable String value, @Nullable Origin origin, String reason,
			String action) {
	}

}
