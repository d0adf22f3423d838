package dev.bedrockconverse.chat.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import tools.jackson.databind.JsonNode;

import dev.bedrockconverse.chat.BedrockConverseSearchResult;
import dev.bedrockconverse.chat.BedrockConverseToolResult;

/**
 * Reads the {@link BedrockConverseToolResult} envelope a tool may return as its result
 * text: {@link PromptValidator} checks it ({@link #validate}),
 * {@link ConverseRequestMapper} maps it ({@link #toContent}); both read it with
 * {@link #parts}.
 */
final class ToolResultEnvelope {

	private ToolResultEnvelope() {
	}

	/**
	 * The parts of an envelope, in order: a {@code String} (text), a {@link Media} or a
	 * {@link BedrockConverseSearchResult}.
	 * @param node the parsed tool result, or {@code null} when it is not JSON
	 * @param where the tool result, for errors
	 * @return the parts, or {@code null} when the result is not an envelope
	 * @throws IllegalArgumentException if it is a malformed envelope
	 */
	static @Nullable List<Object> parts(@Nullable JsonNode node, String where) {
		if (node == null || !node.isObject() || node.size() != 1 || !node.has(BedrockConverseToolResult.ENVELOPE)) {
			return null;
		}
		JsonNode array = node.get(BedrockConverseToolResult.ENVELOPE);
		if (!array.isArray() || array.isEmpty()) {
			throw new IllegalArgumentException(where + " is a " + BedrockConverseToolResult.ENVELOPE
					+ " envelope without parts; give it a non-empty array of text, media or searchResult parts");
		}
		List<Object> parts = new ArrayList<>();
		for (int i = 0; i < array.size(); i++) {
			JsonNode part = array.get(i);
			String at = where + " part " + i;
			if (part.path("text").isString() && !part.path("text").asString().isBlank()) {
				parts.add(part.path("text").asString());
			}
			else if (part.path("media").isObject()) {
				parts.add(media(part.path("media"), at));
			}
			else if (part.path("searchResult").isObject()) {
				parts.add(searchResult(part.path("searchResult")));
			}
			else {
				throw new IllegalArgumentException(at + " is " + part + "; a part is {\"text\": \"non-blank\"}, "
						+ "{\"media\": {\"mimeType\", \"name\", \"bytes\" or \"s3Uri\"}} or "
						+ "{\"searchResult\": {\"source\", \"title\", \"content\": [...], \"citations\"}}");
			}
		}
		return parts;
	}

	private static Media media(JsonNode media, String at) {
		String mimeType = media.path("mimeType").asString("");
		if (mimeType.isBlank()) {
			throw new IllegalArgumentException(at + " is media without a mimeType; add one (e.g. image/png)");
		}
		Media.Builder builder = Media.builder().mimeType(MimeType.valueOf(mimeType));
		if (media.path("name").isString()) {
			builder.name(media.path("name").asString());
		}
		if (media.path("bytes").isString()) {
			try {
				return builder.data(Base64.getDecoder().decode(media.path("bytes").asString())).build();
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(at + " has bytes that are not base64: " + ex.getMessage(), ex);
			}
		}
		if (media.path("s3Uri").isString()) {
			return builder.data(media.path("s3Uri").asString()).build();
		}
		throw new IllegalArgumentException(at + " is media without \"bytes\" (base64) or an \"s3Uri\"; add one");
	}

	private static BedrockConverseSearchResult searchResult(JsonNode json) {
		List<String> content = new ArrayList<>();
		json.path("content").forEach((text) -> content.add(text.isString() ? text.asString() : null));
		return new BedrockConverseSearchResult(json.path("source").asString(null), json.path("title").asString(null),
				content, json.path("citations").asBoolean(true));
	}

	/**
	 * Check an envelope: its parts and its media (as a user message's, without audio).
	 * @param data the tool's result text
	 * @param where the tool result, for errors
	 */
	static void validate(@Nullable String data, String where) {
		List<Object> parts = parts(JsonDocuments.tryParse((data != null) ? data : ""), where);
		if (parts != null) {
			MediaBlocks.validate(parts.stream().filter(Media.class::isInstance).map(Media.class::cast).toList(), where,
					0, false);
		}
	}

	/**
	 * The tool result content of a valid envelope's parts.
	 * @param parts the parts
	 * @param where the tool result
	 * @param citations whether documents are sent with citations enabled
	 * @return the content blocks, in order
	 */
	static List<ToolResultContentBlock> toContent(List<Object> parts, String where, boolean citations) {
		List<Media> media = parts.stream().filter(Media.class::isInstance).map(Media.class::cast).toList();
		List<ToolResultContentBlock> mediaBlocks = MediaBlocks.toToolResultContent(media, where, citations);
		List<ToolResultContentBlock> content = new ArrayList<>();
		int next = 0;
		for (Object part : parts) {
			if (part instanceof String text) {
				content.add(ToolResultContentBlock.fromText(text));
			}
			else if (part instanceof BedrockConverseSearchResult result) {
				content.add(ToolResultContentBlock.fromSearchResult(MediaBlocks.searchResultBlock(result)));
			}
			else {
				content.add(mediaBlocks.get(next++));
			}
		}
		return content;
	}

}
