package dev.bedrockconverse.chat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import org.springframework.ai.content.Media;

import dev.bedrockconverse.chat.internal.JsonDocuments;

/**
 * A tool result with more than text: images, documents and videos, and search results the
 * model can cite. Spring AI 2.0.1 carries a tool's result as text, so this is that text
 * in a documented JSON envelope which {@link ChatBedrockConverse} recognises and sends as
 * the {@code toolResult}'s {@code text}, {@code image}, {@code document}, {@code video}
 * and {@code searchResult} content blocks, in order:
 *
 * <pre>{@code
 * {"bedrockConverseToolResult": [
 *   {"text": "The chart:"},
 *   {"media": {"mimeType": "image/png", "name": "chart", "bytes": "<base64>"}},
 *   {"media": {"mimeType": "application/pdf", "name": "report", "s3Uri": "s3://bucket/report.pdf"}},
 *   {"searchResult": {"source": "https://...", "title": "...", "content": ["..."], "citations": true}}
 * ]}
 * }</pre>
 *
 * A {@code @Tool} method may return a {@code BedrockConverseToolResult} (Spring AI writes
 * it as that JSON), or any tool may return the JSON itself ({@link #toJson()}). The media
 * are checked like a user message's before anything is sent (formats, sizes; audio is not
 * allowed in a tool result).
 */
public final class BedrockConverseToolResult {

	/** The one member of the envelope. */
	public static final String ENVELOPE = "bedrockConverseToolResult";

	private final List<Map<String, Object>> parts;

	private BedrockConverseToolResult(List<Map<String, Object>> parts) {
		this.parts = List.copyOf(parts);
	}

	/**
	 * A builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A tool result of these media only.
	 * @param media the media
	 * @return the tool result
	 */
	public static BedrockConverseToolResult of(Media... media) {
		Builder builder = builder();
		for (Media item : media) {
			builder.media(item);
		}
		return builder.build();
	}

	/**
	 * The envelope as plain Java values (what Spring AI's JSON writer writes).
	 * @return the envelope
	 */
	@JsonValue
	public Map<String, Object> toJsonObject() {
		return Map.of(ENVELOPE, this.parts);
	}

	/**
	 * The envelope as JSON text, for tools that return a String.
	 * @return the JSON
	 */
	public String toJson() {
		return JsonDocuments.JSON.writeValueAsString(toJsonObject());
	}

	@Override
	public String toString() {
		return "BedrockConverseToolResult"
				+ this.parts.stream().map((part) -> part.keySet().iterator().next()).toList();
	}

	/** Builds a {@link BedrockConverseToolResult}, part by part. */
	public static final class Builder {

		private final List<Map<String, Object>> parts = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Add a text block.
		 * @param text the text
		 * @return this builder
		 */
		public Builder text(String text) {
			this.parts.add(Map.of("text", text));
			return this;
		}

		/**
		 * Add an image, document or video: its data must be bytes or an {@code s3://}
		 * location.
		 * @param media the media
		 * @return this builder
		 * @throws IllegalArgumentException if the data is neither
		 */
		public Builder media(Media media) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("mimeType", media.getMimeType().toString());
			if (media.getName() != null) {
				json.put("name", media.getName());
			}
			Object data = media.getData();
			if (data instanceof byte[] bytes) {
				json.put("bytes", Base64.getEncoder().encodeToString(bytes));
			}
			else if (data != null && data.toString().startsWith("s3://")) {
				json.put("s3Uri", data.toString());
			}
			else {
				throw new IllegalArgumentException("The tool result media '" + media.getName()
						+ "' is neither bytes nor an s3:// location; load it into a byte[] first");
			}
			this.parts.add(Map.of("media", json));
			return this;
		}

		/**
		 * Add a search result.
		 * @param result the search result
		 * @return this builder
		 */
		public Builder searchResult(BedrockConverseSearchResult result) {
			this.parts.add(Map.of("searchResult", result.toJsonObject()));
			return this;
		}

		/**
		 * Build the tool result.
		 * @return the tool result
		 */
		public BedrockConverseToolResult build() {
			return new BedrockConverseToolResult(this.parts);
		}

	}

}
