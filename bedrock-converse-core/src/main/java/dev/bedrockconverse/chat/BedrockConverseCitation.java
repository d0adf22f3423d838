package dev.bedrockconverse.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A citation the model attached to its answer ({@code citationsContent} in Converse,
 * {@code citation} deltas in ConverseStream), when documents are sent with citations
 * enabled. The {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} of a
 * response carries them as a {@code List<BedrockConverseCitation>} under
 * {@link BedrockConverseMetadata#CITATIONS}.
 *
 * @param title the cited source's title (e.g. the document name), or {@code null}
 * @param source the cited source's identifier, or {@code null}
 * @param sourceContent the cited passages
 * @param locationType where in the source: {@code documentChar}, {@code documentPage},
 * {@code documentChunk}, {@code searchResultLocation} or {@code web}; {@code null} if
 * none was given
 * @param index the document (or search result) index, or {@code null}
 * @param start the start of the span (character, page or chunk), or {@code null}
 * @param end the end of the span, or {@code null}
 * @param url the URL of a web location, or {@code null}
 * @param domain the domain of a web location, or {@code null}
 */
public record BedrockConverseCitation(@Nullable String title, @Nullable String source, List<String> sourceContent,
		@Nullable String locationType, @Nullable Integer index, @Nullable Integer start, @Nullable Integer end,
		@Nullable String url, @Nullable String domain) {

	/**
	 * Copy the passages.
	 * @param title the title
	 * @param source the source
	 * @param sourceContent the passages
	 * @param locationType the location type
	 * @param index the index
	 * @param start the start
	 * @param end the end
	 * @param url the url
	 * @param domain the domain
	 */
	public BedrockConverseCitation {
		sourceContent = (sourceContent != null) ? List.copyOf(sourceContent) : List.of();
	}

	/**
	 * A citation without a web domain.
	 * @param title the title
	 * @param source the source
	 * @param sourceContent the passages
	 * @param locationType the location type
	 * @param index the index
	 * @param start the start
	 * @param end the end
	 * @param url the url
	 */
	public BedrockConverseCitation(@Nullable String title, @Nullable String source, List<String> sourceContent,
			@Nullable String locationType, @Nullable Integer index, @Nullable Integer start, @Nullable Integer end,
			@Nullable String url) {
		this(title, source, sourceContent, locationType, index, start, end, url, null);
	}

}
