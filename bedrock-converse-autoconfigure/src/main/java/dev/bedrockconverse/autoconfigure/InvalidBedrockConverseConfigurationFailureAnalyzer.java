package dev.bedrockconverse.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code FailureAnalyzer} for {@link InvalidBedrockConverseConfigurationException}: its
 * description names the property, the offending value (unless secret) and the reason; its
 * action says how to fix it.
 */
class InvalidBedrockConverseConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidBedrockConverseConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidBedrockConverseConfigurationException cause) {
		StringBuilder description = new StringBuilder();
		description.append("Invalid Bedrock Converse configuration.\n\n");
		description.append("    Property: ").append(cause.getProperty()).append('\n');
		if (cause.getValue() != null) {
			description.append("    Value: '").append(cause.getValue()).append("'\n");
		}
		description.append("    Reason: ").append(cause.getReason());
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
