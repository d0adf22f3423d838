package dev.bedrockconverse.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search result given to the model as a Converse {@code searchResult} block (for
 * example a passage a retrieval step found), which the model can cite: the citations of
 * the answer then point into it with the location type {@code searchResultLocation}
 * ({@link BedrockConverseCitation#index()} is the search result's index among the
 * request's search results, {@link BedrockConverseCitation#start()} and
 * {@link BedrockConverseCitation#end()} its content blocks).
 * <p>
 * A user message carries search results as a {@code List<BedrockConverseSearchResult>}
 * under {@link BedrockConverseMetadata#SEARCH_RESULTS}; a tool returns them in a
 * {@link BedrockConverseToolResult}.
 *
 * @param source where the result comes from (a URL or an identifier), not blank
 * @param title the result's title, not blank
 * @param content the result's passages, at least one, none blank
 * @param citations whether the model may cite this result ({@code citations.enabled})
 */
public record BedrockConverseSearchResult(String source, String title, List<String> content, boolean citations) {

	/**
	 * Check the values Bedrock requires.
	 * @param source the source
	 * @param title the title
	 * @param content the passages
	 * @param citations whether citations are enabled
	 * @throws IllegalArgumentException if the source or title is blank, or the content is
	 * empty or has a blank passage
	 */
	public BedrockConverseSearchResult {
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("A search result needs a source (a URL or an identifier); it is blank");
		}
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("The search result '" + source + "' needs a title; it is blank");
		}
		if (content == null || content.isEmpty()
				|| content.stream().anyMatch((text) -> text == null || text.isBlank())) {
			throw new IllegalArgumentException("The search result '" + source
					+ "' needs at least one passage of content, none blank; give it the text that was found");
		}
		content = List.copyOf(content);
	}

	/**
	 * A search result the model may cite.
	 * @param source where it comes from
	 * @param title its title
	 * @param content its passages
	 * @return the search result, with citations enabled
	 */
	public static BedrockConverseSearchResult of(String source, String title, String... content) {
		return new BedrockConverseSearchResult(source, title, List.of(content), true);
	}

	/**
	 * This search result as the JSON object of a {@link BedrockConverseToolResult}
	 * envelope: {@code {"source", "title", "content": [...], "citations": true}}.
	 * @return the JSON object, as plain Java values
	 */
	public Map<String, Object> toJsonObject() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("source", this.source);
		json.put("title", this.title);
		json.put("content", this.content);
		json.put("citations", this.citations);
		return json;
	}

}
