package dev.bedrockconverse.chat;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One block of a model's reasoning ({@code reasoningContent}): either reasoning text with
 * the signature that proves it unmodified, or redacted (encrypted) content.
 * <p>
 * On an {@link org.springframework.ai.chat.messages.AssistantMessage} the complete blocks
 * are under the metadata key {@link BedrockConverseMetadata#REASONING_CONTENT} (a
 * {@code List<BedrockConverseReasoning>}); they are sent back, signature included, when
 * that message is part of the next request (as in a tool loop). In streams, each piece is
 * also emitted as it arrives under {@link BedrockConverseMetadata#REASONING_DELTA}.
 *
 * @param text the reasoning text (for a stream delta: this piece), or {@code null}
 * @param signature the signature of the reasoning text, or {@code null} (not yet known,
 * or redacted content)
 * @param redactedContent the redacted content, or {@code null}
 */
public record BedrockConverseReasoning(@Nullable String text, @Nullable String signature,
		byte @Nullable [] redactedContent) {

	/**
	 * Reasoning text with its signature.
	 * @param text the text
	 * @param signature the signature
	 * @return the block
	 */
	public static BedrockConverseReasoning text(String text, @Nullable String signature) {
		return new BedrockConverseReasoning(text, signature, null);
	}

	/**
	 * Redacted reasoning.
	 * @param redactedContent the opaque content
	 * @return the block
	 */
	public static BedrockConverseReasoning redacted(byte[] redactedContent) {
		return new BedrockConverseReasoning(null, null, redactedContent.clone());
	}

	/**
	 * Whether this is redacted content.
	 * @return true for redacted content
	 */
	public boolean isRedacted() {
		return this.redactedContent != null;
	}

	/**
	 * Equal when text, signature and redacted bytes are equal.
	 * @param o the other object
	 * @return whether equal
	 */
	@Override
	public boolean equals(@Nullable Object o) {
		return (o instanceof BedrockConverseReasoning other) && Objects.equals(this.text, other.text)
				&& Objects.equals(this.signature, other.signature)
				&& Arrays.equals(this.redactedContent, other.redactedContent);
	}

	/**
	 * Consistent with {@link #equals(Object)}.
	 * @return the hash code
	 */
	@Override
	public int hashCode() {
		return Objects.hash(this.text, this.signature, Arrays.hashCode(this.redactedContent));
	}

	/**
	 * The text and whether a signature or redacted content is present (not their values).
	 * @return a description
	 */
	@Override
	public String toString() {
		return "BedrockConverseReasoning{text=" + this.text + ", signed=" + (this.signature != null) + ", redacted="
				+ isRedacted() + "}";
	}

}
