package dev.bedrockconverse.stub.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Rejects what Bedrock rejects, with 400 {@code ValidationException}s in Bedrock's words.
 *
 * <p>
 * Two layers, in Bedrock's order:
 * <ol>
 * <li>The service model's constraints (as published in the AWS SDKs' Bedrock Runtime
 * model), reported all at once in the AWS front end's format
 * {@code N validation error(s) detected: Value 'x' at 'path' failed to satisfy
 * constraint: ...}: the model id's pattern and length, {@code inferenceConfig} ranges
 * ({@code maxTokens >= 1}, {@code temperature} and {@code topP} in [0, 1]),
 * {@code toolConfig.tools} present and non-empty, {@code requestMetadata} (1 to 16
 * entries, keys and values of allowed characters), and at most ten
 * {@code additionalModelResponseFieldPaths}. Values of sensitive members
 * ({@code requestMetadata}) are not echoed, as AWS does not echo them.</li>
 * <li>Bedrock's conversation rules: it starts with a user message and alternates, no
 * message is empty, no text block is blank, every {@code toolResult} answers a
 * {@code toolUse} of the previous assistant turn and every {@code toolUse} is answered in
 * the next user turn, at most four cache points, at most 20 images of at most 3.75 MB and
 * at most five documents of at most 4.5 MB, document names of allowed characters and
 * unique.</li>
 * </ol>
 * When validation is switched off only what the stub needs to answer at all is checked: a
 * JSON object with a {@code messages} array of messages with a role and content.
 */
public final class ConverseRequestValidator {

	static final String MUST_START_WITH_USER = "A conversation must start with a user message. "
			+ "Try again with a conversation that starts with a user message.";

	static final String MUST_ALTERNATE = "A conversation must alternate between user and assistant roles. "
			+ "Make sure the conversation alternates between user and assistant roles and try again.";

	static final String DOCUMENT_NAME = "The document file name can only contain alphanumeric characters, "
			+ "whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than "
			+ "one consecutive whitespace character. Check that the file name conforms to these restrictions and "
			+ "retry your request.";

	/** The Converse model id pattern of the Bedrock Runtime service model. */
	static final String MODEL_ID_PATTERN = "(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(([0-9]{12}:custom-model/"
			+ "[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}/[a-z0-9]{12})|(:foundation-model/[a-z0-9-]{1,63}[.]{1}"
			+ "[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|([0-9]{12}:imported-model/[a-z0-9]{12})|([0-9]{12}:"
			+ "provisioned-model/[a-z0-9]{12})|([0-9]{12}:custom-model-deployment/[a-z0-9]{12})|([0-9]{12}:"
			+ "(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+)))|([a-z0-9-]{1,63}[.]{1}"
			+ "[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63}))|(([0-9a-zA-Z][_-]?)+)|([a-zA-Z0-9-:.]+)|(^(arn:aws(-[^:]+)?:"
			+ "bedrock:[a-z0-9-]{1,20}:[0-9]{12}:prompt/[0-9a-zA-Z]{10}(?::[0-9]{1,5})?))$|(^arn:aws:sagemaker:"
			+ "[a-z0-9-]+:[0-9]{12}:endpoint/[a-zA-Z0-9-]+$)|(^arn:aws(-[^:]+)?:bedrock:([0-9a-z-]{1,20}):([0-9]{12}):"
			+ "(default-)?prompt-router/[a-zA-Z0-9-:.]+$)";

	private static final Pattern MODEL_ID = Pattern.compile(MODEL_ID_PATTERN);

	static final String METADATA_PATTERN = "[a-zA-Z0-9\\s:_@$#=/+,-.]";

	private static final Pattern METADATA_KEY = Pattern.compile(METADATA_PATTERN + "{1,256}");

	private static final Pattern METADATA_VALUE = Pattern.compile(METADATA_PATTERN + "{0,256}");

	private static final Pattern DOCUMENT_NAME_CHARS = Pattern.compile("[A-Za-z0-9_ ()\\[\\]-]+");

	/** The values of the service model's {@code AudioFormat}. */
	static final List<String> AUDIO_FORMATS = List.of("mp3", "opus", "wav", "aac", "flac", "mp4", "ogg", "mkv", "mka",
			"x-aac", "m4a", "mpeg", "mpga", "pcm", "webm");

	private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

	static final int MAX_CACHE_POINTS = 4;

	static final int MAX_IMAGES = 20;

	static final int MAX_DOCUMENTS = 5;

	static final long MAX_IMAGE_BYTES = 3_932_160;

	static final long MAX_DOCUMENT_BYTES = 4_718_592;

	private ConverseRequestValidator() {
	}

	/**
	 * Validates a parsed Converse or ConverseStream body with all of Bedrock's rules.
	 * @param body the parsed body, or {@code null} when it was not JSON
	 * @param modelId the decoded model id of the path
	 * @return the error to answer with, or {@code null} when the request is valid
	 */
	public static ErrorReply validate(JsonNode body, String modelId) {
		return validate(body, modelId, true);
	}

	/**
	 * Validates a parsed Converse or ConverseStream body.
	 * @param body the parsed body, or {@code null} when it was not JSON
	 * @param modelId the decoded model id of the path
	 * @param bedrockRules whether to apply Bedrock's rules, or only the structure the
	 * stub needs
	 * @return the error to answer with, or {@code null} when the request is valid
	 */
	public static ErrorReply validate(JsonNode body, String modelId, boolean bedrockRules) {
		ErrorReply structure = structure(body);
		if (structure != null || !bedrockRules) {
			return structure;
		}
		List<String> violations = new ArrayList<>();
		modelIdConstraints(modelId, violations);
		inferenceConstraints(body.path("inferenceConfig"), violations);
		toolConfigConstraints(body.path("toolConfig"), violations);
		requestMetadataConstraints(body.path("requestMetadata"), violations);
		JsonNode paths = body.path("additionalModelResponseFieldPaths");
		if (paths.isArray() && paths.size() > 10) {
			List<String> listed = new ArrayList<>();
			paths.forEach((path) -> listed.add(path.asString("")));
			violations.add("Value '" + listed + "' at 'additionalModelResponseFieldPaths' failed to satisfy "
					+ "constraint: Member must have length less than or equal to 10");
		}
		contentConstraints(body.path("messages"), violations);
		if (!violations.isEmpty()) {
			return constraintViolations(violations);
		}
		return conversationRules(body);
	}

	/**
	 * The AWS front end's report of service-model constraint violations.
	 * @param violations one sentence per violation
	 * @return the error
	 */
	static ErrorReply constraintViolations(List<String> violations) {
		return ErrorReply.validation(violations.size() + " validation error" + ((violations.size() == 1) ? "" : "s")
				+ " detected: " + String.join("; ", violations));
	}

	private static ErrorReply structure(JsonNode body) {
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
		for (int i = 0; i < messages.size(); i++) {
			JsonNode message = messages.get(i);
			String role = message.path("role").asString("");
			if (!role.equals("user") && !role.equals("assistant")) {
				return ErrorReply.validation("1 validation error detected: Value '" + role + "' at 'messages." + (i + 1)
						+ ".member.role' failed to satisfy constraint: Member must satisfy enum value set: "
						+ "[user, assistant]");
			}
			if (!message.path("content").isArray()) {
				return ErrorReply.validation("1 validation error detected: Value null at 'messages." + (i + 1)
						+ ".member.content' failed to satisfy constraint: Member must not be null");
			}
		}
		return null;
	}

	static void modelIdConstraints(String modelId, List<String> violations) {
		idConstraints(modelId, 2048, MODEL_ID, MODEL_ID_PATTERN, violations);
	}

	/**
	 * Checks a model id against its shape's length and pattern.
	 * @param modelId the model id, or {@code null} to check nothing
	 * @param maxLength the longest id allowed
	 * @param pattern the pattern ids must match
	 * @param patternText the pattern as the service model writes it
	 * @param violations receives the violations
	 */
	static void idConstraints(String modelId, int maxLength, Pattern pattern, String patternText,
			List<String> violations) {
		if (modelId == null) {
			return;
		}
		if (modelId.length() > maxLength) {
			violations.add("Value '" + modelId + "' at 'modelId' failed to satisfy constraint: Member must have "
					+ "length less than or equal to " + maxLength);
		}
		if (!pattern.matcher(modelId).matches()) {
			violations.add("Value '" + modelId + "' at 'modelId' failed to satisfy constraint: Member must satisfy "
					+ "regular expression pattern: " + patternText);
		}
	}

	private static void inferenceConstraints(JsonNode config, List<String> violations) {
		JsonNode maxTokens = config.path("maxTokens");
		if (maxTokens.isNumber() && maxTokens.asDouble() < 1) {
			violations.add("Value '" + maxTokens.asString() + "' at 'inferenceConfig.maxTokens' failed to satisfy "
					+ "constraint: Member must have value greater than or equal to 1");
		}
		for (String name : List.of("temperature", "topP")) {
			JsonNode value = config.path(name);
			if (value.isNumber() && value.asDouble() < 0) {
				violations.add("Value '" + value.asString() + "' at 'inferenceConfig." + name + "' failed to satisfy "
						+ "constraint: Member must have value greater than or equal to 0");
			}
			else if (value.isNumber() && value.asDouble() > 1) {
				violations.add("Value '" + value.asString() + "' at 'inferenceConfig." + name + "' failed to satisfy "
						+ "constraint: Member must have value less than or equal to 1");
			}
		}
	}

	private static void toolConfigConstraints(JsonNode toolConfig, List<String> violations) {
		if (!toolConfig.isObject()) {
			return;
		}
		JsonNode tools = toolConfig.path("tools");
		if (tools.isMissingNode() || tools.isNull()) {
			violations.add("Value null at 'toolConfig.tools' failed to satisfy constraint: Member must not be null");
		}
		else if (tools.isArray() && tools.isEmpty()) {
			violations.add("Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length "
					+ "greater than or equal to 1");
		}
	}

	private static void requestMetadataConstraints(JsonNode metadata, List<String> violations) {
		if (!metadata.isObject()) {
			return;
		}
		if (metadata.size() < 1) {
			violations.add("Value at 'requestMetadata' failed to satisfy constraint: Member must have length greater "
					+ "than or equal to 1");
		}
		else if (metadata.size() > 16) {
			violations.add("Value at 'requestMetadata' failed to satisfy constraint: Member must have length less "
					+ "than or equal to 16");
		}
		boolean badKey = false;
		boolean badValue = false;
		for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
			badKey |= !METADATA_KEY.matcher(entry.getKey()).matches();
			badValue |= !entry.getValue().isString() || !METADATA_VALUE.matcher(entry.getValue().asString()).matches();
		}
		if (badKey) {
			violations.add("Value at 'requestMetadata' failed to satisfy constraint: Map keys must satisfy constraint: "
					+ "[Member must have length less than or equal to 256, Member must have length greater than or "
					+ "equal to 1, Member must satisfy regular expression pattern: " + METADATA_PATTERN + "{1,256}]");
		}
		if (badValue) {
			violations.add("Value at 'requestMetadata' failed to satisfy constraint: Map value must satisfy "
					+ "constraint: [Member must have length less than or equal to 256, Member must have length "
					+ "greater than or equal to 0, Member must satisfy regular expression pattern: " + METADATA_PATTERN
					+ "{0,256}]");
		}
	}

	/**
	 * The service model's constraints on content blocks, in user content and in
	 * {@code toolResult} content: a {@code searchResult} has a {@code source}, a
	 * {@code title} and at least one content block with {@code text}; an {@code audio}
	 * block's format is one of the model's {@code AudioFormat} values; a
	 * {@code guardContent} image is png or jpeg with bytes; an {@code s3Location}'s
	 * {@code bucketOwner} is a 12-digit account id; a document's {@code context} is not
	 * empty; a document {@code source} (a union) sets exactly one member, and its
	 * {@code content} has at least one block with {@code text}.
	 * @param messages the messages
	 * @param violations receives the violations
	 */
	private static void contentConstraints(JsonNode messages, List<String> violations) {
		for (int i = 0; i < messages.size(); i++) {
			JsonNode content = messages.get(i).path("content");
			for (int j = 0; j < content.size(); j++) {
				String at = "messages." + (i + 1) + ".member.content." + (j + 1) + ".member";
				JsonNode block = content.get(j);
				blockConstraints(block, at, violations);
				JsonNode toolContent = block.path("toolResult").path("content");
				for (int k = 0; k < toolContent.size(); k++) {
					blockConstraints(toolContent.get(k), at + ".toolResult.content." + (k + 1) + ".member", violations);
				}
			}
		}
	}

	private static void blockConstraints(JsonNode block, String at, List<String> violations) {
		JsonNode searchResult = block.get("searchResult");
		if (searchResult != null) {
			for (String member : List.of("source", "title")) {
				JsonNode value = searchResult.path(member);
				if (!value.isString()) {
					violations.add("Value null at '" + at + ".searchResult." + member
							+ "' failed to satisfy constraint: Member must not be null");
				}
				else if (value.asString().isEmpty()) {
					violations.add("Value '' at '" + at + ".searchResult." + member
							+ "' failed to satisfy constraint: Member must have length greater than or equal to 1");
				}
			}
			textBlocks(searchResult.path("content"), at + ".searchResult.content", violations);
		}
		JsonNode audio = block.get("audio");
		if (audio != null && !AUDIO_FORMATS.contains(audio.path("format").asString(""))) {
			violations.add("Value '" + audio.path("format").asString("null") + "' at '" + at
					+ ".audio.format' failed to satisfy constraint: Member must satisfy enum value set: "
					+ AUDIO_FORMATS);
		}
		JsonNode guardImage = block.path("guardContent").get("image");
		if (guardImage != null) {
			if (!List.of("png", "jpeg").contains(guardImage.path("format").asString(""))) {
				violations.add("Value '" + guardImage.path("format").asString("null") + "' at '" + at
						+ ".guardContent.image.format' failed to satisfy constraint: Member must satisfy enum value "
						+ "set: [png, jpeg]");
			}
			if (!guardImage.path("source").path("bytes").isString()) {
				violations.add("Value null at '" + at + ".guardContent.image.source' failed to satisfy constraint: "
						+ "Member must not be null");
			}
		}
		for (String kind : List.of("image", "document", "video", "audio")) {
			JsonNode owner = block.path(kind).path("source").path("s3Location").get("bucketOwner");
			if (owner != null && !ACCOUNT_ID.matcher(owner.asString("")).matches()) {
				violations.add("Value '" + owner.asString("") + "' at '" + at + "." + kind
						+ ".source.s3Location.bucketOwner' failed to satisfy constraint: Member must satisfy regular "
						+ "expression pattern: [0-9]{12}");
			}
		}
		JsonNode document = block.get("document");
		if (document != null) {
			JsonNode context = document.get("context");
			if (context != null && context.asString("").isEmpty()) {
				violations.add("Value '' at '" + at + ".document.context' failed to satisfy constraint: Member must "
						+ "have length greater than or equal to 1");
			}
			JsonNode source = document.path("source");
			if (source.isObject() && source.size() != 1) {
				violations.add("Value at '" + at + ".document.source' failed to satisfy constraint: Member must "
						+ "have exactly one union member set, found " + source.size());
			}
			if (source.has("content")) {
				textBlocks(source.path("content"), at + ".document.source.content", violations);
			}
		}
	}

	private static void textBlocks(JsonNode blocks, String at, List<String> violations) {
		if (!blocks.isArray() || blocks.isEmpty()) {
			violations.add("Value '" + (blocks.isArray() ? "[]" : "null") + "' at '" + at
					+ "' failed to satisfy constraint: Member must have length greater than or equal to 1");
			return;
		}
		for (int k = 0; k < blocks.size(); k++) {
			if (!blocks.get(k).path("text").isString()) {
				violations.add("Value null at '" + at + "." + (k + 1)
						+ ".member.text' failed to satisfy constraint: Member must not be null");
			}
		}
	}

	private static ErrorReply conversationRules(JsonNode body) {
		JsonNode messages = body.get("messages");
		String previous = null;
		int cachePoints = countCachePoints(body.path("system"))
				+ countCachePoints(body.path("toolConfig").path("tools"));
		int images = 0;
		int documents = 0;
		Set<String> documentNames = new HashSet<>();
		for (int i = 0; i < messages.size(); i++) {
			JsonNode message = messages.get(i);
			String role = message.path("role").asString();
			if (i == 0 && !role.equals("user")) {
				return ErrorReply.validation(MUST_START_WITH_USER);
			}
			if (role.equals(previous)) {
				return ErrorReply.validation(MUST_ALTERNATE);
			}
			previous = role;
			JsonNode content = message.path("content");
			if (content.isEmpty()) {
				return ErrorReply.validation("The content field in the Message object at messages." + i
						+ " is empty. Add a ContentBlock object to the content field and try again.");
			}
			ErrorReply tools = toolRules(messages, i);
			if (tools != null) {
				return tools;
			}
			cachePoints += countCachePoints(content);
			List<JsonNode> blocks = new ArrayList<>();
			content.forEach(blocks::add);
			// Images and documents a tool returns count like the user's.
			content.forEach((block) -> block.path("toolResult").path("content").forEach(blocks::add));
			for (int j = 0; j < blocks.size(); j++) {
				JsonNode block = blocks.get(j);
				String at = "messages." + i + ".content." + j;
				JsonNode text = block.get("text");
				if (j < content.size() && text != null && text.asString("").isBlank()) {
					return ErrorReply.validation("The text field in the ContentBlock object at " + at
							+ " is blank. Add text to the text field, and try again.");
				}
				if (block.has("image")) {
					images++;
					if (base64Size(block.path("image").path("source").path("bytes")) > MAX_IMAGE_BYTES) {
						return ErrorReply.validation("The image at " + at + " is larger than the maximum image size "
								+ "of 3.75 MB. Reduce the size of the image and try again.");
					}
				}
				if (block.has("document")) {
					documents++;
					JsonNode document = block.get("document");
					String name = document.path("name").asString("");
					if (!DOCUMENT_NAME_CHARS.matcher(name).matches() || name.contains("  ")) {
						return ErrorReply.validation(DOCUMENT_NAME);
					}
					if (!documentNames.add(name)) {
						return ErrorReply.validation("Messages can't contain duplicate document names.");
					}
					if (base64Size(document.path("source").path("bytes")) > MAX_DOCUMENT_BYTES) {
						return ErrorReply.validation("The document at " + at + " is larger than the maximum document "
								+ "size of 4.5 MB. Reduce the size of the document and try again.");
					}
				}
			}
		}
		if (images > MAX_IMAGES) {
			return ErrorReply.validation("You can't include more than " + MAX_IMAGES + " images in a request.");
		}
		if (documents > MAX_DOCUMENTS) {
			return ErrorReply.validation("You can't include more than " + MAX_DOCUMENTS + " documents in a request.");
		}
		if (cachePoints > MAX_CACHE_POINTS) {
			return ErrorReply.validation("A maximum of " + MAX_CACHE_POINTS
					+ " blocks with cache_control may be provided. Found " + cachePoints + ".");
		}
		return null;
	}

	/**
	 * The tool rules at message {@code i}: its {@code toolResult}s answer the
	 * {@code toolUse}s of the message before it, and its {@code toolUse}s (an
	 * assistant's) are all answered by the message after it, if there is one.
	 * @param messages the messages
	 * @param i the index
	 * @return the tool rules at message {@code i}
	 */
	private static ErrorReply toolRules(JsonNode messages, int i) {
		List<String> results = idsOf(messages.get(i).path("content"), "toolResult");
		if (!results.isEmpty()) {
			List<String> uses = (i > 0) ? idsOf(messages.get(i - 1).path("content"), "toolUse") : List.of();
			if (results.size() > uses.size()) {
				return ErrorReply.validation("The number of toolResult blocks at messages." + i
						+ ".content exceeds the number of toolUse blocks of previous turn.");
			}
		}
		List<String> uses = idsOf(messages.get(i).path("content"), "toolUse");
		if (!uses.isEmpty() && i + 1 < messages.size()) {
			List<String> answered = idsOf(messages.get(i + 1).path("content"), "toolResult");
			List<String> missing = uses.stream().filter((id) -> !answered.contains(id)).toList();
			if (!missing.isEmpty() && answered.size() <= uses.size()) {
				return ErrorReply.validation("Expected toolResult blocks at messages." + (i + 1)
						+ ".content for the following Ids: " + String.join(", ", missing));
			}
		}
		return null;
	}

	/**
	 * The tool use ids of the client-side {@code toolUse} (or {@code toolResult}) blocks
	 * of a message. A server-side tool use ({@code "type":"server_tool_use"}) and the
	 * tool results answering it are part of the assistant turn that ran it, so they are
	 * left out of the pairing between turns.
	 * @param content the message content
	 * @param kind {@code toolUse} or {@code toolResult}
	 * @return the ids
	 */
	private static List<String> idsOf(JsonNode content, String kind) {
		List<String> serverToolUses = new ArrayList<>();
		for (JsonNode block : content) {
			if ("server_tool_use".equals(block.path("toolUse").path("type").asString(""))) {
				serverToolUses.add(block.path("toolUse").path("toolUseId").asString(""));
			}
		}
		List<String> ids = new ArrayList<>();
		for (JsonNode block : content) {
			JsonNode member = block.get(kind);
			if (member != null && !serverToolUses.contains(member.path("toolUseId").asString(""))) {
				ids.add(member.path("toolUseId").asString(""));
			}
		}
		return ids;
	}

	private static int countCachePoints(JsonNode blocks) {
		int count = 0;
		for (Iterator<JsonNode> it = blocks.iterator(); it.hasNext();) {
			if (it.next().has("cachePoint")) {
				count++;
			}
		}
		return count;
	}

	/**
	 * The decoded size of a base64 string, without decoding it.
	 * @param bytes the bytes
	 * @return the decoded size of a base64 string, without decoding it
	 */
	private static long base64Size(JsonNode bytes) {
		if (!bytes.isString()) {
			return 0;
		}
		String text = bytes.asString();
		int padding = text.endsWith("==") ? 2 : (text.endsWith("=") ? 1 : 0);
		return (long) text.length() * 3 / 4 - padding;
	}

}
