package dev.bedrockconverse.stub.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Bedrock Runtime's {@code CountTokens}: {@code POST /model/{modelId}/count-tokens} with
 * {@code {"input": {"converse": {...}}}} (or {@code {"invokeModel": {"body": ...}}})
 * answers {@code {"inputTokens": N}}.
 *
 * <p>
 * A Converse input is counted exactly as Converse's usage counts it (the words of the
 * {@code system} and message text blocks), so an estimate and the usage agree. An
 * InvokeModel body counts the words of the decoded body. The Converse input is validated
 * as a Converse request is. The model id must match the service model's
 * {@code FoundationModelVersionIdentifier}; inference profiles (ARNs and geographic ids
 * such as {@code us.anthropic...}) are refused, as CountTokens counts for a foundation
 * model.
 */
public final class CountTokens {

	static final String ID_PATTERN = "[a-zA-Z_\\.\\-/0-9:]+";

	private static final Pattern ID = Pattern.compile(ID_PATTERN);

	private static final Pattern PROFILE = Pattern
		.compile("(arn:.*:(application-)?inference-profile/.*)|((us|eu|apac|global|jp|au|ca|us-gov)\\..*)");

	static final String UNSUPPORTED = "The provided model doesn't support counting tokens.";

	private static final Pattern WORD = Pattern.compile("\\S+");

	private CountTokens() {
	}

	/**
	 * Answers one CountTokens request.
	 * @param body the parsed body, or {@code null} when it was not JSON
	 * @param modelId the decoded model id of the path
	 * @param validate whether to apply Bedrock's rules
	 * @return the {@code {"inputTokens": N}} response, or the {@link ErrorReply}
	 */
	public static Object count(JsonNode body, String modelId, boolean validate) {
		if (body == null || !body.isObject()) {
			return ErrorReply.validation("Malformed input request, please reformat your input and try again.");
		}
		JsonNode input = body.path("input");
		if (validate) {
			List<String> violations = new ArrayList<>();
			ConverseRequestValidator.idConstraints(modelId, 256, ID, ID_PATTERN, violations);
			if (!input.isObject()) {
				violations.add("Value null at 'input' failed to satisfy constraint: Member must not be null");
			}
			if (!violations.isEmpty()) {
				return ConverseRequestValidator.constraintViolations(violations);
			}
			if (PROFILE.matcher(modelId).matches()) {
				return ErrorReply.validation(UNSUPPORTED);
			}
		}
		JsonNode converse = input.path("converse");
		if (converse.isObject()) {
			ErrorReply invalid = ConverseRequestValidator.validate(converse, null, validate);
			if (invalid != null) {
				return invalid;
			}
			return result(AnswerPlanner.countInputTokens(converse));
		}
		JsonNode invokeBody = input.path("invokeModel").path("body");
		if (invokeBody.isString()) {
			String text;
			try {
				text = new String(Base64.getDecoder().decode(invokeBody.asString()), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return ErrorReply.validation("Malformed input request, please reformat your input and try again.");
			}
			Matcher words = WORD.matcher(text);
			int count = 0;
			while (words.find()) {
				count++;
			}
			return result(count);
		}
		return ErrorReply.validation("Malformed input request, please reformat your input and try again.");
	}

	private static JsonNode result(int inputTokens) {
		return JsonNodeFactory.instance.objectNode().put("inputTokens", inputTokens);
	}

}
