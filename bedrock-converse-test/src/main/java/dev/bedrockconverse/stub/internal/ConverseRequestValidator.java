package dev.bedrockconverse.stub.internal;

import tools.jackson.databind.JsonNode;

/**
 * Rejects request bodies Bedrock rejects, with 400 {@code ValidationException}s.
 *
 * <p>
 * Only the checks every Converse model shares are made: a JSON object body, a non-empty
 * {@code messages} array, roles {@code user}/{@code assistant} that start with
 * {@code user} and alternate, and a positive {@code inferenceConfig.maxTokens}.
 * Model-specific limits are not modelled.
 */
public final class ConverseRequestValidator {

	static final String MUST_START_WITH_USER = "A conversation must start with a user message. "
			+ "Try again with a conversation that starts with a user message.";

	static final String MUST_ALTERNATE = "A conversation must alternate between user and assistant roles. "
			+ "Make sure the conversation alternates between user and assistant roles and try again.";

	private ConverseRequestValidator() {
	}

	/**
	 * Validates a parsed body.
	 * @param body the parsed body, or {@code null} when it was not JSON
	 * @return the error to answer with, or {@code null} when the request is valid
	 */
	public static ErrorReply validate(JsonNode body) {
		if (body == null || !body.isObject()) {
			return ErrorReply.validation("Malformed input request, please reformat your input and try again.");
		}
		JsonNode messages = body.get("messages");
		if (messages == null || messages.isNull()) {
			return ErrorReply.validation("1 validation error detected: Value null at 'messages' failed to satisfy "
					+ "constraint: Member must not be null");
		}
		if (!messages.isArray()) {
			return ErrorReply.validation("Malformed input request, please reformat your input and try again.");
		}
		if (messages.isEmpty()) {
			return ErrorReply.validation(MUST_START_WITH_USER);
		}
		String previous = null;
		for (int i = 0; i < messages.size(); i++) {
			JsonNode message = messages.get(i);
			String role = message.path("role").asString("");
			if (!role.equals("user") && !role.equals("assistant")) {
				return ErrorReply.validation("1 validation error detected: Value '" + role + "' at 'messages." + (i + 1)
						+ ".member.role' failed to satisfy constraint: Member must satisfy enum value set: "
						+ "[user, assistant]");
			}
			if (i == 0 && !role.equals("user")) {
				return ErrorReply.validation(MUST_START_WITH_USER);
			}
			if (role.equals(previous)) {
				return ErrorReply.validation(MUST_ALTERNATE);
			}
			if (!message.path("content").isArray()) {
				return ErrorReply.validation("1 validation error detected: Value null at 'messages." + (i + 1)
						+ ".member.content' failed to satisfy constraint: Member must not be null");
			}
			previous = role;
		}
		JsonNode maxTokens = body.path("inferenceConfig").path("maxTokens");
		if (!maxTokens.isMissingNode() && !maxTokens.isNull()
				&& (!maxTokens.isIntegralNumber() || maxTokens.asLong() < 1)) {
			return ErrorReply.validation("1 validation error detected: Value '" + maxTokens.asString()
					+ "' at 'inferenceConfig.maxTokens' failed to satisfy constraint: "
					+ "Member must have value greater than or equal to 1");
		}
		return null;
	}

}
