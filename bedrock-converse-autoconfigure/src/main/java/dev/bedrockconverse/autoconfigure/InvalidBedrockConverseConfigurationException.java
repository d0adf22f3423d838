package dev.bedrockconverse.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when a {@code bedrock.converse.*} property is missing or invalid.
 * <p>
 * It carries the property's name, the offending value (never the value of a secret
 * property, which is always {@code null} here), the reason and the action that fixes it.
 * {@link InvalidBedrockConverseConfigurationFailureAnalyzer} turns it into Spring Boot's
 * start-up failure report.
 */
public class InvalidBedrockConverseConfigurationException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	private final String reason;

	private final String action;

	/**
	 * Create a new exception.
	 * @param property the full name of the property, for example
	 * {@code bedrock.converse.model}
	 * @param value the offending value, or {@code null} if unset or secret
	 * @param reason why the configuration is invalid
	 * @param action what to do to fix it
	 */
	public InvalidBedrockConverseConfigurationException(String property, @Nullable String value, String reason,
			String action) {
		super(message(property, value, reason));
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	private static String message(String property, @Nullable String value, String reason) {
		return "Invalid Bedrock Converse configuration: property '" + property + "'"
				+ ((value != null) ? " with value '" + value + "'" : "") + ": " + reason;
	}

	/**
	 * The full name of the invalid property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The offending value.
	 * @return the value, or {@code null} if the property is unset or holds a secret
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Why the configuration is invalid.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What to do to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
