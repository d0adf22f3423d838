package dev.bedrockconverse.chat.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.Citation;
import software.amazon.awssdk.services.bedrockruntime.model.CitationLocation;
import software.amazon.awssdk.services.bedrockruntime.model.CitationSourceContent;
import software.amazon.awssdk.services.bedrockruntime.model.CitationSourceContentDelta;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsDelta;

import dev.bedrockconverse.chat.BedrockConverseCitation;

/** Maps the SDK's citations (whole or streamed) to {@link BedrockConverseCitation}. */
public final class Citations {

	private Citations() {
	}

	public static BedrockConverseCitation of(Citation citation) {
		List<String> passages = citation.sourceContent().stream().map(CitationSourceContent::text).toList();
		return located(citation.title(), citation.source(), passages, citation.location());
	}

	public static BedrockConverseCitation of(CitationsDelta delta) {
		List<String> passages = delta.sourceContent().stream().map(CitationSourceContentDelta::text).toList();
		return located(delta.title(), delta.source(), passages, delta.location());
	}

	private static BedrockConverseCitation located(@Nullable String title, @Nullable String source,
			List<String> passages, @Nullable CitationLocation location) {
		if (location == null) {
			return new BedrockConverseCitation(title, source, passages, null, null, null, null, null);
		}
		if (location.documentChar() != null) {
			var at = location.documentChar();
			return new BedrockConverseCitation(title, source, passages, "documentChar", at.documentIndex(), at.start(),
					at.end(), null);
		}
		if (location.documentPage() != null) {
			var at = location.documentPage();
			return new BedrockConverseCitation(title, source, passages, "documentPage", at.documentIndex(), at.start(),
					at.end(), null);
		}
		if (location.documentChunk() != null) {
			var at = location.documentChunk();
			return new BedrockConverseCitation(title, source, passages, "documentChunk", at.documentIndex(), at.start(),
					at.end(), null);
		}
		if (location.searchResultLocation() != null) {
			var at = location.searchResultLocation();
			return new BedrockConverseCitation(title, source, passages, "searchResultLocation", at.searchResultIndex(),
					at.start(), at.end(), null);
		}
		if (location.web() != null) {
			return new BedrockConverseCitation(title, source, passages, "web", null, null, null, location.web().url(),
					location.web().domain());
		}
		return new BedrockConverseCitation(title, source, passages, null, null, null, null, null);
	}

	/**
	 * The SDK citation a {@link BedrockConverseCitation} was read from, for sending an
	 * answer back in history as {@code citationsContent}: title, source, passages and the
	 * location of its type.
	 * @param citation the citation
	 * @return the SDK citation
	 */
	public static Citation toSdk(BedrockConverseCitation citation) {
		return Citation.builder()
			.title(citation.title())
			.source(citation.source())
			.sourceContent(citation.sourceContent().stream().map(CitationSourceContent::fromText).toList())
			.location(location(citation))
			.build();
	}

	private static @Nullable CitationLocation location(BedrockConverseCitation citation) {
		String type = citation.locationType();
		if (type == null) {
			return null;
		}
		Integer index = citation.index();
		Integer start = citation.start();
		Integer end = citation.end();
		return switch (type) {
			case "documentChar" ->
				CitationLocation.fromDocumentChar((at) -> at.documentIndex(index).start(start).end(end));
			case "documentPage" ->
				CitationLocation.fromDocumentPage((at) -> at.documentIndex(index).start(start).end(end));
			case "documentChunk" ->
				CitationLocation.fromDocumentChunk((at) -> at.documentIndex(index).start(start).end(end));
			case "searchResultLocation" ->
				CitationLocation.fromSearchResultLocation((at) -> at.searchResultIndex(index).start(start).end(end));
			case "web" -> CitationLocation.fromWeb((at) -> at.url(citation.url()).domain(citation.domain()));
			default -> null;
		};
	}

}
